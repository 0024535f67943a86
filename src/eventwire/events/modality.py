"""Modality: was the event done, denied, supposed, planned, threatened or foreseen?

Read from the clause chain of a frame: negation, auxiliaries (future "will",
conditional "would/could"), "if/unless" clauses, questions, and the noun an act
is named under ("the idea of sending troops" is proposed, "accused X of
provoking a war" claimed). Some readings re-type the event by the policy file:
a future blow is a threat, "will not withdraw" a refusal.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from eventwire.events.frames import Frame
from eventwire.events.ontology import COOPERATIVE, MATERIAL_CONFLICT
from eventwire.events.policy import Policy
from eventwire.events.words import Words
from eventwire.nlp import doc_text


class Modality:
    """Reads the modality of frames."""

    def __init__(self, words: Words, policy: Policy) -> None:
        self.words = words
        self.policy = policy

    def read(self, frame: Frame, sent: Span) -> None:
        """Set the frame's modality (and the re-typing it implies) from negation, auxiliaries and clauses."""
        chain, noun_subject = self._chain(frame)
        aux, negated, conditional = self._marks(chain, frame)
        s = frame.sense
        etype = s.type
        governed = self._governor_reading(frame)
        if "deny" in frame.kinds:
            # "denied shelling the village": the act is denied, not done (and the denial is no refusal)
            frame.modality = "asserted" if negated else "negated"
        elif negated:
            if etype == "REJECT":
                frame.modality = "negated"
            elif (
                aux & (self.words.future_aux | {"would", "can", "ca", "could"})
                or (etype in COOPERATIVE and not aux & self.words.past_aux)
                or "refuse" in frame.kinds
            ):
                frame.sense = self.policy.retype("not_done", s)
            else:
                frame.modality = "negated"
        elif governed == "negated":
            frame.modality = "negated"  # "has no plans to invade", "unable to reach a deal"
        elif conditional or _question(sent):
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
        elif aux & self.words.possible_aux:
            frame.modality = "hypothetical"  # "could strike", "may send": possible, neither done nor threatened
        elif aux & self.words.cond_aux:
            if etype in MATERIAL_CONFLICT:
                frame.sense = self.policy.retype("threat", s)
                frame.modality = "threatened"
            elif etype in COOPERATIVE and aux & {"would", "'d"}:
                frame.sense = self.policy.future(s)
                frame.modality = "future"
            else:
                frame.modality = "hypothetical"
        elif governed is not None:
            frame.modality = governed
        elif self._subject_clause(frame):
            frame.modality = "hypothetical"  # "sending troops would be reckless": the act is a topic
        elif "propose" in frame.kinds:
            frame.modality = "proposed"  # "proposed sending a mission"
        elif {"promise", "future"} & set(frame.kinds) and etype not in ("AGREE", "THREATEN"):
            # "vowed to keep protesting", "plans to mobilise": the act kept its type and is still to come (a
            # promised help is AGREE and a planned blow THREATEN, both done by the promise itself)
            frame.modality = "future"
        if frame.modality == "asserted":
            frame.modality = self._named_as(frame)

    def _chain(self, frame: Frame) -> tuple[list[Token], bool]:
        """The words whose auxiliaries and negation speak for the event; whether a noun event is a subject."""
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
                if x.head.i == x.i or x.pos_ in ("VERB", "AUX") and x is not frame.anchor:
                    break
                x = x.head
            if x.pos_ in ("VERB", "AUX") and x is not frame.anchor:
                chain.append(x)
        return chain, noun_subject

    def _marks(self, chain: list[Token], frame: Frame) -> tuple[set[str], bool, bool]:
        """Auxiliaries (plus "if-clause" for a conditional clause on the verb), negation, and an if/unless mark."""
        w = self.words
        aux: set[str] = set()
        negated = False
        conditional = False
        for v in chain:
            for c in v.children:
                lw, dep = c.lower_, c.dep_
                if dep == "neg" or (dep == "advmod" and lw in w.negative_adverbs):
                    negated = True
                elif dep == "aux":
                    aux.add(lw)
                elif dep == "mark" and (lw in w.condition_marks or lw in w.doubt_marks):
                    conditional = True
                elif dep == "advcl" and any(m.dep_ == "mark" and m.lower_ in w.condition_marks for m in c.children):
                    aux.add("if-clause")
            if v.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in w.condition_marks for m in v.children):
                conditional = True
        if frame.clause.dep_ == "xcomp" and frame.clause.head.lower_ == "going":
            aux.add("will")
        return aux, negated, conditional

    def _governor_reading(self, frame: Frame) -> str | None:
        """What the words governing the clause say: "no plans to" / "unable to" (negated), "able to" / "capable
        of" (hypothetical), "accusations that" (claimed; negated when the accusation is denied)."""
        w = self.words
        x = frame.clause
        for _ in range(4):
            if x.dep_ not in ("xcomp", "acl", "pcomp", "prep", "pobj", "ccomp", "acomp", "advcl") or x.head.i == x.i:
                return None
            x = x.head
            lemma = x.lemma_.lower()
            if lemma in w.inability_words:
                return "negated"
            if lemma in w.ability_words:
                return "hypothetical"
            if x.pos_ == "NOUN" and (lemma in w.intent_nouns or lemma in w.plan_nouns):
                said_no = any(c.dep_ == "det" and c.lower_ in w.negative_dets for c in x.children)
                # "does not have any plans to": negation on the verb that has the plan (not "has not dropped the idea")
                had_not = x.head.lemma_ == "have" and any(c.dep_ == "neg" for c in x.head.children)
                if said_no or had_not:
                    return "negated"
            if x.pos_ == "NOUN" and lemma in w.accusation_nouns:
                return "negated" if x.head.lemma_.lower() in w.denial_verbs else "claimed"
            if x.pos_ in ("VERB", "AUX") and x.dep_ != "prep":
                return None
        return None

    def _subject_clause(self, frame: Frame) -> bool:
        """An act named as the subject of a clause ("sending troops would be reckless") is a topic, not a report."""
        a = frame.anchor
        return not frame.noun and (a.dep_ in ("csubj", "csubjpass") or (a.tag_ == "VBG" and a.dep_ == "nsubj"))

    def _named_as(self, frame: Frame) -> str:
        """An act named under a plan ("the idea of sending troops": proposed), an allegation ("accused X of
        provoking": claimed) or a called-off event ("delayed their meeting": negated); else asserted."""
        w = self.words
        if frame.noun:
            a = frame.anchor
            carrier = frame.clause if frame.clause.i != a.i else (a.head if a.dep_ in ("dobj", "nsubjpass") else None)
            if carrier is not None and carrier.lemma_.lower() in w.call_off_verbs:
                return "negated"
        # climb from the trigger through its object / gerund to an "of"/"for" phrase, if any
        x = frame.anchor
        for _ in range(3):
            if x.dep_ not in ("dobj", "pcomp", "pobj") or x.head.i == x.i:
                break
            x = x.head
            if x.dep_ == "prep" and x.lower_ in ("of", "for") and x.head.i != x.i:
                governor = x.head.lemma_.lower()
                if governor in w.plan_nouns:
                    return "proposed"
                if governor in w.allege_verbs:
                    return "claimed"
                break
        return "asserted"


def _question(sent: Span) -> bool:
    """The sentence ends with a question mark (its text sliced from the parsed text: ``Span.text`` joins tokens)."""
    return doc_text(sent.doc)[sent.start_char : sent.end_char].rstrip().endswith("?")
