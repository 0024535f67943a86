"""Modality: was the event done, denied, supposed, planned, threatened or foreseen?

Read from the clause chain of a frame: negation, auxiliaries (future "will",
conditional "would/could"), "if/unless" clauses, questions, and the noun an act
is named under ("the idea of sending troops" is proposed, "accused X of
provoking a war" claimed). Some readings re-type the event by the policy file:
a future blow is a threat, "will not withdraw" a refusal.
"""

from __future__ import annotations

from spacy.tokens import Span

from eventwire.events.frames import Frame
from eventwire.events.ontology import COOPERATIVE, MATERIAL_CONFLICT
from eventwire.events.policy import Policy
from eventwire.events.words import Words


class Modality:
    """Reads the modality of frames."""

    def __init__(self, words: Words, policy: Policy) -> None:
        self.words = words
        self.policy = policy

    def read(self, frame: Frame, sent: Span) -> None:
        """Set the frame's modality (and the re-typing it implies) from negation, auxiliaries and clauses."""
        chain = [frame.anchor]
        if frame.clause.i != frame.anchor.i:
            chain.append(frame.clause)
        noun_subject = False
        if frame.noun and frame.clause.i == frame.anchor.i:
            # a noun event takes the mood of the verb it hangs from: "would lead to a direct clash"
            x = frame.anchor
            for _ in range(4):
                if x.dep_ in ("nsubj", "nsubjpass"):
                    noun_subject = True
                if x.head is x or x.pos_ in ("VERB", "AUX") and x is not frame.anchor:
                    break
                x = x.head
            if x.pos_ in ("VERB", "AUX") and x is not frame.anchor:
                chain.append(x)
        aux: set[str] = set()
        negated = False
        conditional = False
        for v in chain:
            for c in v.children:
                lw = c.lower_
                if c.dep_ == "neg" or (c.dep_ == "advmod" and lw == "never"):
                    negated = True
                elif c.dep_ == "aux":
                    aux.add(lw)
                elif c.dep_ == "mark" and lw in ("if", "unless", "whether"):
                    conditional = True
                elif c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children):
                    aux.add("if-clause")
            if v.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in v.children):
                conditional = True
        if frame.clause.dep_ == "xcomp" and frame.clause.head.lower_ == "going":
            aux.add("will")
        s = frame.sense
        etype = s.type
        if negated:
            if etype == "REJECT":
                frame.modality = "negated"
            elif (
                aux & (self.words.future_aux | {"would", "can", "ca", "could"})
                or etype in COOPERATIVE
                or "refuse" in frame.kinds
            ):
                frame.sense = self.policy.retype("not_done", s)
            else:
                frame.modality = "negated"
        elif conditional or sent.text.rstrip().endswith("?"):
            frame.modality = "hypothetical"
        elif (
            "if-clause" in aux
            and aux & (self.words.future_aux | self.words.cond_aux)
            and etype not in COOPERATIVE - {"RETREAT"}
        ):
            # "will withdraw its force unless ..." / "would strike if ...": a conditional threat
            frame.sense = self.policy.retype("threat", s)
            frame.modality = "threatened"
        elif aux & self.words.future_aux:
            frame.modality = "future"
            frame.sense = self.policy.future(s)
        elif aux & self.words.cond_aux and noun_subject:
            frame.modality = "hypothetical"  # "any deployment would lead to ...": the deployment is supposed
        elif aux & self.words.cond_aux:
            if etype in MATERIAL_CONFLICT:
                frame.sense = self.policy.retype("threat", s)
                frame.modality = "threatened"
            elif etype in COOPERATIVE and aux & {"would", "'d"}:
                frame.sense = self.policy.future(s)
                frame.modality = "future"
            else:
                frame.modality = "hypothetical"
        if frame.modality == "asserted":
            # climb from the trigger through its object / gerund to an "of"/"for" phrase, if any
            x = frame.anchor
            for _ in range(3):
                if x.dep_ not in ("dobj", "pcomp", "pobj") or x.head is x:
                    break
                x = x.head
                if x.dep_ == "prep" and x.lower_ in ("of", "for") and x.head is not x:
                    governor = x.head.lemma_.lower()
                    if governor in self.words.plan_nouns:
                        frame.modality = "proposed"
                    elif governor in self.words.allege_verbs:
                        frame.modality = "claimed"
                    break
