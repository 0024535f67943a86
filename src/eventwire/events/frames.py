"""Frames: each trigger read in its clause, before it becomes an Event.

A verb's object may decide its sense ("send troops" vs "send aid"); a trigger
noun gives its type to a light verb ("launch an attack"); a governing word
re-types the event of its clause by its control kind ("agreed to withdraw" is
an AGREE, "refused to meet" a REJECT: the policy file says into what). A noun
event takes the verb that carries it ("staged a protest"). Frames are the
candidates every coder can turn into Event records (``assemble.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from eventwire.events.lexicon import Entry, Lexicon
from eventwire.events.ontology import Sense
from eventwire.events.participants import Participants
from eventwire.events.policy import Policy
from eventwire.events.syntax import (
    ACTOR_ENTS,
    PASS_SUBJ,
    SUBJ,
    Syntax,
    agent_of,
    conjuncts,
    direct_object,
    is_passive,
    noun_in_preps,
)
from eventwire.events.triggers import Triggers


@dataclass
class Frame:
    """A trigger read in its clause, before it becomes an Event."""

    anchor: Token  # the word whose clause carries the event (verb, noun or adjective)
    sense: Sense
    trigger: list[Token]
    clause: Token  # the outermost verb of the clause chain (for modality and the subject)
    source: list[Token] = field(default_factory=list)
    targets: list[Token] = field(default_factory=list)
    modality: str = "asserted"
    conf: float = 0.0
    noun: bool = False
    object_noun: Token | None = None  # the trigger noun a light verb took its type from
    object_thing: Token | None = None  # an object that decided the sense ("send troops"): moved, not the recipient
    kinds: list[str] = field(default_factory=list)  # control kinds applied, innermost first
    request_target: list[Token] = field(default_factory=list)
    entry: Entry | None = None  # the verb entry the anchor was found with (``Triggers.verb_entry``), kept for ``fill``


class FrameReader:
    """Builds the frames of a sentence from its trigger hits."""

    def __init__(
        self, lexicon: Lexicon, syntax: Syntax, triggers: Triggers, participants: Participants, policy: Policy
    ) -> None:
        self.lex = lexicon
        self.words = syntax.words
        self.syn = syntax
        self.triggers = triggers
        self.parts = participants
        self.policy = policy

    def frames(self, sent: Span) -> list[Frame]:
        """The sentence's triggers read in their clauses, re-typed by their governors; governors themselves drop."""
        hits = self.triggers.find(sent)
        if not hits:
            return []
        frames: dict[int, Frame] = {}
        consumed_nouns: set[int] = set()
        for tok, entry, prt in hits.verbs:
            frame = self.verb_frame(tok, entry, prt, hits.nouns, consumed_nouns)
            if frame is not None:
                frames[tok.i] = frame
        for tok, entry in hits.adjectives:
            if entry.sense is not None:
                clause = tok.head if tok.dep_ == "acomp" else tok
                frames[tok.i] = Frame(tok, entry.sense, [tok], clause, conf=entry.sense.conf)
        for i, entry in hits.nouns.items():
            if i in consumed_nouns:
                continue
            frame = self.noun_frame(sent.doc[i], entry, frames)
            if frame is not None:
                frames[i] = frame
        # "X said Y must do Z": a demand on Y, even when Z is no trigger
        for verb in hits.musts:
            if verb.i not in frames and verb.head.lemma_.lower() in self.words.speech and verb.pos_ in ("VERB", "AUX"):
                sense = self.policy.sense("must", 0.55, "rules.must")
                frames[verb.i] = Frame(verb, sense, [verb], verb, conf=0.55)
        governors: set[int] = set()
        for frame in frames.values():
            governors.update(self.compose(frame))
        return [frame for i, frame in sorted(frames.items()) if i not in governors]

    def verb_frame(
        self, tok: Token, entry: Entry, prt: Token | None, noun_hits: dict[int, Entry], consumed: set[int]
    ) -> Frame | None:
        """The frame of a trigger verb (``prt``: its particle or preposition, if the entry has one), or None.

        The object is read first, since it may veto the event (an animate entry with no adversary), decide its
        sense (an entry's object classes, ``_object_sense``) or be a noun event that a light or control verb
        takes over (``_carried_noun``); the entry's own sense is the fallback. Trigger nouns a frame takes
        over go into ``consumed``, so they make no frame of their own.
        """
        obj, via_prep = self._verb_object(tok, entry, prt)
        if entry.animate and obj is not None and not self.syn.actorish(obj):
            if not set(self.triggers.classes(obj)) & {"troops", "people", "territory"}:
                return None  # "fight the epidemic", "fight corruption": no adversary, no event
        sense: Sense | None = None
        trigger = [tok] + ([prt] if prt is not None and prt.i == tok.i + 1 else [])
        object_noun = None
        object_thing = None
        if entry.obj:
            sense, object_noun, object_thing, trigger = self._object_sense(
                tok, entry, obj, via_prep, noun_hits, consumed, trigger
            )
        if sense is None and (entry.light or entry.needs_obj or entry.sense is None or entry.control):
            carried = self._carried_noun(tok, entry, prt, obj, noun_hits)
            if carried is not None:
                sense, noun = carried
                consumed.add(noun.i)
                object_noun = noun
                trigger = [tok, noun] if noun.i - tok.i <= 3 else [tok]
        if sense is None and not entry.needs_obj:
            sense = entry.sense
        if sense is None:
            return None
        frame = Frame(
            tok, sense, trigger, tok, conf=sense.conf, object_noun=object_noun, object_thing=object_thing, entry=entry
        )
        if object_noun is not None and entry.control == "deny":
            frame.kinds.append("deny")  # "denied the attack": the attack, denied
        return frame

    def _verb_object(self, tok: Token, entry: Entry, prt: Token | None) -> tuple[Token | None, bool]:
        """The verb's object, and whether it came from a preposition the entry reads as one.

        The direct object, or a passive's subject; for an entry with object classes, a governed clause's subject
        ("allowed aid workers to enter") or, with no particle, the object of "on"/"to"/"upon" ("agreed on a
        text", "agreed to the plan"); for a prepositional particle, its object ("pulled out of the treaty":
        one preposition further in).
        """
        obj = direct_object(tok)
        if obj is None and is_passive(tok):
            obj = next((c for c in tok.children if c.dep_ in PASS_SUBJ), None)
        via_prep = False
        if obj is None and entry.obj:
            for c in tok.children:
                if c.dep_ in ("ccomp", "xcomp") and c.i > tok.i:
                    obj = next((x for x in c.children if x.dep_ in SUBJ and x.pos_ in ("NOUN", "PROPN")), None)
                    if obj is not None:
                        break
        if obj is None and entry.obj and prt is None:
            obj = next((p for c in tok.children if c.dep_ == "prep" and c.lower_ in ("on", "to", "upon")
                        for p in c.children if p.dep_ == "pobj"), None)  # fmt: skip
            via_prep = obj is not None
        if obj is None and prt is not None and prt.dep_ == "prep":
            obj = next((p for p in prt.children if p.dep_ == "pobj"), None)
            if obj is None:
                inner = next((p for p in prt.children if p.dep_ == "prep"), None)
                obj = next((p for p in inner.children if p.dep_ == "pobj"), None) if inner is not None else None
        return obj, via_prep

    def _object_sense(
        self,
        tok: Token,
        entry: Entry,
        obj: Token | None,
        via_prep: bool,
        noun_hits: dict[int, Entry],
        consumed: set[int],
        trigger: list[Token],
    ) -> tuple[Sense | None, Token | None, Token | None, list[Token]]:
        """The sense the object's class gives ("send troops" vs "send aid"), with the object as the frame's
        noun (a trigger noun, then consumed) and thing (unless its class is a recipient), and the trigger
        widened to a near object ("sent warships", "imposed sanctions"). Returned: (sense, object noun, object
        thing, trigger), the ones given when no class decides.

        The head word's classes count before its modifiers', each in the entry's order; an object reached
        through a preposition counts by a named class only ("returned to Geneva" is no object); and a trigger
        noun whose own modifier decided its sense keeps it ("an extraordinary attack on X" is verbal).
        """
        classes = self.triggers.classes(obj) or ("|",)
        cut = classes.index("|")
        head, rest = set(classes[:cut]), set(classes[cut + 1 :])
        ranked = [c for c in entry.obj if c in head] + [c for c in entry.obj if c in rest]
        if via_prep:
            ranked = [c for c in ranked if c not in ("*", "actor")]
        if obj is not None and obj.i in noun_hits and self.triggers.noun_sense(obj, noun_hits[obj.i]) is not None:
            n_entry = noun_hits[obj.i]
            if n_entry.obj and self.triggers.noun_sense(obj, n_entry) is not n_entry.sense:
                ranked = []
        for cls in ranked:
            if cls in entry.obj:
                object_noun = None
                object_thing = obj if cls not in self.policy.object_roles["recipient"] else None
                if obj is not None and obj.i in noun_hits:
                    consumed.add(obj.i)
                    object_noun = obj
                if obj is not None and 0 < obj.i - tok.i <= 3:
                    trigger = [tok, obj]
                return entry.obj[cls], object_noun, object_thing, trigger
        return None, None, None, trigger

    def _carried_noun(
        self, tok: Token, entry: Entry, prt: Token | None, obj: Token | None, noun_hits: dict[int, Entry]
    ) -> tuple[Sense, Token] | None:
        """The noun event a light or control verb carries ("launched an attack", "refused talks"), with the
        sense it gives the frame: the noun's own, or composed with a control verb's sense (ordering aside).

        The noun is the trigger-noun object or, for a light verb, a trigger noun in its "in"/"into"/"on" (or
        particle's) phrase ("took part in a protest"). None: no such noun with a sense.
        """
        noun = obj if obj is not None and obj.i in noun_hits else None
        if noun is None and entry.light:
            noun = noun_in_preps(tok, noun_hits, ("in", "into", "on", prt.lower_ if prt is not None else "in"))
        nsense = self.triggers.noun_sense(noun, noun_hits[noun.i]) if noun is not None else None
        if nsense is None or not (entry.light or entry.control):
            return None
        if entry.control is not None and entry.sense is not None and entry.control != "order":
            return self.policy.compose(entry.control, entry.sense, nsense, nominal=True), noun
        return nsense, noun

    def noun_frame(self, tok: Token, entry: Entry, frames: dict[int, Frame]) -> Frame | None:
        """The frame of an event noun, or None when nobody takes part in it.

        The noun phrase gives the first participants; then the noun's place in the clause is found (past
        counting words, coordination and naming clauses), and a verb that carries it and is no trigger of its
        own supplies the actor ("staged a protest"). Steps run in this order because each reads where the
        previous one left ``tok``.
        """
        sense = self.triggers.noun_sense(tok, entry)
        if sense is None:
            return None
        frame = Frame(tok, sense, [tok], tok, conf=sense.conf - 0.1, noun=True)
        src, tgts = self.parts.noun_participants(tok, entry)
        weak = bool(src) and src[0].head.lower_ == "of"  # "the withdrawal of its forces": the forces' owner acts
        tok, src = self._noun_stand_in(tok, src, frames)
        tok, head = self._through_naming_clause(tok)
        # "the minister reiterated his country's support for X": who voices it is the actor (PLOVER codes the speaker)
        voiced = (
            tok.dep_ == "dobj" and head.lemma_.lower() in self.words.voicing_verbs and bool(self.syn.subject(head)[0])
        )
        if (
            (not src or weak or voiced)
            and tok.dep_ in ("dobj", "nsubjpass", "pobj", "attr", "oprd")
            and head.i not in frames
        ):
            if tok.dep_ == "pobj" and head.lower_ == "under":
                settled, done = self._under_frame(frame, tok, head, src, tgts, frames)
                if settled:
                    return done
            src, tgts = self._carried_by_verb(frame, tok, head, src, tgts, frames)
        if not src and sense.type == "PROTEST" and tok.dep_ == "pobj" and head.lower_ in ("during", "at", "in", "amid"):
            src = self._protesting_subject(head.head, frames)
        if not src and not tgts:
            return None
        frame.source, frame.targets = src, tgts
        return frame

    def _noun_stand_in(self, tok: Token, src: list[Token], frames: dict[int, Frame]) -> tuple[Token, list[Token]]:
        """The word that stands in the clause for the event noun, and the source coordination gives it.

        "a state of siege", "dozens of raids": the counting word stands where the event noun would. In
        "voiced its rejection and condemnation of X" the first noun does, and when a verb took that first
        noun's type, its subject is the source the later noun lacks.
        """
        while tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in self.words.quantity:
            tok = tok.head.head
        while tok.dep_ == "conj" and tok.head.pos_ == "NOUN":
            tok = tok.head
            if not src and tok.dep_ == "dobj" and tok.head.i in frames:  # the verb took the first noun's type
                src = self.syn.subject(tok.head)[0]
        return tok, src

    def _through_naming_clause(self, tok: Token) -> tuple[Token, Token]:
        """The noun and its head, with a naming clause standing for the noun.

        "launched what it calls a special military operation": the noun hangs on "calls", but the verb that
        carries the event is the one outside the naming clause; there "what" behaves as its object.
        """
        head = tok.head
        if tok.dep_ in ("oprd", "attr", "dobj", "xcomp") and head.lemma_.lower() in self.words.naming_verbs:
            what = next((c for c in head.children if c.dep_ == "dobj" and c.lower_ in ("what", "which")), None)
            if what is not None and head.head.i != head.i:
                tok, head = head, head.head
                if tok.dep_ == "ccomp":
                    tok = what  # behave as the object of the outer verb
                    head = tok.head.head
        return tok, head

    def _under_frame(
        self,
        frame: Frame,
        tok: Token,
        head: Token,
        src: list[Token],
        tgts: list[Token],
        frames: dict[int, Frame],
    ) -> tuple[bool, Frame | None]:
        """An event noun "under" a verb is done to the verb's subject: (settled, the frame or None).

        "was placed under arrest in Egypt": done to the passive subject, by the agent or the state named around
        it. "the foundation is under investigation": done to the copula's subject by someone unnamed. Not
        settled when neither reading applies; the caller then goes on as for any carrying verb.
        """
        if is_passive(head.head):
            verb = head.head
            if verb.pos_ in ("VERB", "AUX") and verb.i not in frames:
                frame.clause = verb
                frame.conf = frame.sense.conf
                subj = next((c for c in verb.children if c.dep_ in PASS_SUBJ), None)
                src = agent_of(verb) or self.parts.passive_actor(verb, frame.sense.type) or src
                tgts = conjuncts(subj) if subj is not None else tgts
                if not src and not tgts:
                    return True, None
                frame.source, frame.targets = src, tgts
                return True, frame
        elif head.head.lemma_ == "be" and not src:
            subj = next((c for c in head.head.children if c.dep_ in SUBJ), None)
            if subj is not None:
                frame.clause = head.head
                frame.source, frame.targets = [], conjuncts(subj)
                return True, frame
        return False, None

    def _carrying_verb(self, tok: Token, head: Token) -> Token:
        """The verb that carries the noun: its head, or past a preposition ("took part in a protest")."""
        if tok.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ("in", "to", "on", "into", "for", "as"):
            return head.head
        if tok.dep_ == "pobj" and head.lower_ == "under" and is_passive(head.head):
            return head.head
        return head

    def _carried_by_verb(
        self,
        frame: Frame,
        tok: Token,
        head: Token,
        src: list[Token],
        tgts: list[Token],
        frames: dict[int, Frame],
    ) -> tuple[list[Token], list[Token]]:
        """A non-trigger verb that carries the noun makes it its clause's event ("staged a protest").

        Its subject (or passive agent) is the actor, a control verb re-types the event by its kind, and its
        objects are the recipients the noun phrase lacked. Light verbs listed as not light carry nothing.
        """
        sense = frame.sense
        verb = self._carrying_verb(tok, head)
        if not (
            verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() not in self.words.not_light and verb.i not in frames
        ):
            return src, tgts
        frame.clause = verb
        frame.conf = sense.conf
        kind = self.lex.controls.get(verb.lemma_.lower())
        if kind is not None:
            frame.sense = self.policy.compose(kind, None, frame.sense)
            frame.kinds.append(kind)
        src = (agent_of(verb) if tok.dep_ == "nsubjpass" else self.syn.subject(verb)[0]) or src
        if not tgts and sense.type == "REQUEST" and tok.dep_ == "dobj":
            tgts = self._demanded_of(tok, verb)
        if not tgts:
            tgts = self._carrying_verb_targets(frame, tok, head, verb)
        if verb.i < frame.anchor.i and frame.anchor.i - verb.i <= 3:
            frame.trigger = [verb, frame.anchor]
        return src, tgts

    def _demanded_of(self, tok: Token, verb: Token) -> list[Token]:
        """Who a demand is made of when the parser hangs its "that" clause on the verb, not the noun.

        "repeated its demand that Israel lift the curfew": the clause's named subject is the recipient.
        """
        for c in verb.children:
            if c.dep_ == "ccomp" and c.i > tok.i and any(m.lower_ == "that" for m in c.children):
                subj = next((x for x in c.children if x.dep_ in (*SUBJ, *PASS_SUBJ)), None)
                if subj is not None and self.syn.actorish(subj) and not self.syn.pron(subj):
                    return conjuncts(subj)
        return []

    def _carrying_verb_targets(self, frame: Frame, tok: Token, head: Token, verb: Token) -> list[Token]:
        """The carrying verb's objects as recipients, but never the event itself.

        "held civilians as human shields": the verb's direct object. "organised a strike that shut down the
        capital": the event is not its own recipient; what it hits is the object of its restrictive relative
        clause, or an actor inside it.
        """
        if tok.dep_ == "pobj" and head.lower_ == "as":
            d = direct_object(verb)
            tgts = conjuncts(d) if d is not None else []
        else:
            tgts = self.parts.pick_targets(verb, self.words.default_verb_preps, None)
        if any(t.i in (tok.i, frame.anchor.i) for t in tgts):
            hit = next(
                (
                    d
                    for c in frame.anchor.children
                    if c.dep_ == "relcl" and c.doc[c.left_edge.i - 1].text != ","
                    for d in c.children
                    if d.dep_ == "dobj" and any(y.lower_ in self.words.relative for y in c.children if y.dep_ in SUBJ)
                ),
                None,
            )
            inner = hit if hit is not None and self.syn.actorish(hit) else self.syn.actor_inside(frame.anchor)
            tgts = conjuncts(inner) if inner is not None else []
        return tgts

    def _protesting_subject(self, verb: Token, frames: dict[int, Frame]) -> list[Token]:
        """Who protests when a clause acts "during demonstrations against X": its subject, if an actor.

        Not when the verb is passive, a trigger of its own, or its subject troops or police: their act on a
        protest is an event of its own, or they are no protesters.
        """
        if verb.pos_ == "VERB" and verb.i not in frames and not is_passive(verb):
            subj = self.syn.subject(verb)[0]
            if subj and self.syn.actorish(subj[0]) and not set(self.triggers.classes(subj[0])) & {"troops", "police"}:
                return subj
        return []

    def compose(self, frame: Frame) -> list[int]:
        """Walk up xcomp/ccomp governors; re-type by their control kind. Return governor token ids."""
        govs: list[int] = []
        h = frame.anchor if not frame.noun else frame.clause
        while (
            h.dep_ in ("xcomp", "ccomp")
            or (h.dep_ in ("pcomp", "pobj") and h.head.lower_ in ("from", "to"))
            or (h.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in h.children))
        ):
            parent = h.head
            if parent.dep_ == "prep":  # "refrain from attacking"
                parent = parent.head
            kind, own = self.control_of(parent)
            if h.dep_ == "advcl" and kind in (None, "neutral"):
                break  # "opened the bridge to allow ...": a purpose, not a governed clause
            if h.dep_ == "ccomp" and kind == "neutral" and self.syn.subject(h)[0]:
                break  # "X agreed to ..., an official announced": the clause keeps its own actor
            if (
                h.dep_ == "ccomp"
                and any(c.lower_ in self.words.must_aux for c in h.children)
                and kind in (None, "neutral")
            ):
                if parent.lemma_.lower() in self.words.speech:  # "X announced that Y must ...": a demand on Y
                    kind, own = "request", None
            if kind is None or (kind == "oppose" and h.dep_ == "pobj"):
                break  # "opposed to French mediation": the verb codes the opposition to the noun
            frame.sense = self.policy.compose(kind, own, frame.sense)
            frame.kinds.append(kind)
            if kind in ("request", "order"):
                subj = self.syn.subject(h)[0] if h.dep_ == "ccomp" else []
                if len(subj) == 1 and is_passive(h) and subj[0].ent_type_ not in ACTOR_ENTS:
                    if subj[0].lemma_.lower() not in self.words.actor_nouns:
                        # "demanded that control of the port be taken from the army": who must give it up
                        subj = self.syn.given_up_by(h) or subj
                if not subj:
                    d = direct_object(parent)
                    subj = conjuncts(d) if d is not None and d.i < h.i else []
                if subj:
                    frame.request_target = subj
            frame.clause = parent
            if parent.i != frame.anchor.i and abs(parent.i - frame.anchor.i) <= 4:
                lo, hi = min(parent.i, frame.trigger[0].i), max(parent.i, frame.trigger[-1].i)
                frame.trigger = [parent.doc[lo], parent.doc[hi]]
            govs.append(parent.i)
            h = parent
        return govs

    def control_of(self, tok: Token) -> tuple[str | None, Sense | None]:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB":
            e, _ = self.triggers.verb_entry(tok)
            if e is not None and e.control:
                return e.control, e.sense
            kind = self.lex.controls.get(lemma)
            if kind:
                return kind, None
        if tok.pos_ == "ADJ":
            e = self.lex.adjectives.get(lemma)
            if e is not None and e.control:
                return e.control, e.sense
        if tok.pos_ == "AUX" and tok.lemma_ == "be":
            for c in tok.children:
                if c.dep_ == "acomp":
                    e = self.lex.adjectives.get(c.lemma_.lower())
                    if e is not None and e.control:
                        return e.control, e.sense
        return None, None
