"""Assembly: frames (candidates) -> Event records, shared by every coder.

Resolves pronouns, splits reciprocal events into one dyad ("India and Pakistan
agreed"), drops frames with no political participant ("Gold hit a record
high"), resolves participants to actors, links the event to the statement that
reports it, and sets a rule-based confidence. ``make_event`` builds one record
from a sense, participants and spans; a coder that decides types or confidence
its own way can call it directly.
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Span, Token

from eventwire.actors.table import ArticleActors
from eventwire.events.frames import Frame
from eventwire.events.lexicon import Lexicon
from eventwire.events.ontology import Sense, type_codes
from eventwire.events.policy import Policy
from eventwire.events.syntax import ACTOR_ENTS, Syntax, conjuncts_any
from eventwire.events.triggers import Triggers
from eventwire.nlp import doc_text
from eventwire.schema import ActorRef, Event, Evidence, Statement


def make_event(
    sense: Sense,
    modality: str,
    source: ActorRef | None,
    target: ActorRef | None,
    sent: Span,
    trigger: Span,
    confidence: float,
    statement_id: str | None = None,
) -> Event:
    """One Event record (id, date and place are filled later by the pipeline); confidence clipped to [0.02, 0.99].

    The texts are slices of the parsed text: ``Span.text`` joins the span's tokens anew on each access.
    """
    text = doc_text(sent.doc)
    return Event(
        id="",
        **type_codes(sense.type, sense.cameo),
        mode=sense.mode,
        source=source,
        target=target,
        date=None,
        date_precision="reported",
        date_text=None,
        location=None,
        modality=modality,
        statement_id=statement_id,
        evidence=Evidence(sent.start_char, sent.end_char, text[sent.start_char : sent.end_char]),
        trigger=Evidence(trigger.start_char, trigger.end_char, text[trigger.start_char : trigger.end_char]),
        confidence=round(min(0.99, max(0.02, confidence)), 3),
        rule=sense.entry,
    )


class Assembler:
    """Turns frames into Event records for one article's actors and statements."""

    def __init__(self, lexicon: Lexicon, syntax: Syntax, triggers: Triggers, policy: Policy) -> None:
        self.lex = lexicon
        self.words = syntax.words
        self.syn = syntax
        self.triggers = triggers
        self.policy = policy

    def events(
        self,
        frame: Frame,
        sent: Span,
        actors: ArticleActors,
        statements: list[Statement],
        previous: Token | None = None,
    ) -> list[Event]:
        """The frame's Event records (one per target), or none when no participant is political.

        The participants are settled first (the source's pronoun, the political test, the dyad of a reciprocal
        event), then the source is resolved to an actor, the event placed in the statement that reports it, and
        one record made per target. Resolving can add a coordinated actor to the table, so the source comes
        before the targets, as the records' actor ids depend on that order.
        """
        source = self._source(frame, previous)
        targets = frame.targets or []
        if not self._has_political_party(source, targets, actors):
            return []
        source, targets = self._dyad(frame.sense, source, targets)
        src_ref = self.ref(source, actors) if source else None
        target_groups: list[list[Token]] = [[t] for t in targets] if targets else [[]]
        lo, hi = min(t.i for t in frame.trigger), max(t.i for t in frame.trigger)
        trig = sent.doc[lo : hi + 1]
        statement_id, modality = self._reported_in(statements, trig, frame.modality, src_ref)
        out = []
        for group in target_groups:
            tgt_ref = self._target_ref(group, frame.clause, source, src_ref, actors)
            conf = self._confidence(frame, source, src_ref, tgt_ref, modality)
            out.append(make_event(frame.sense, modality, src_ref, tgt_ref, sent, trig, conf, statement_id))
        return out

    def _source(self, frame: Frame, previous: Token | None) -> list[Token]:
        """The frame's source with its pronoun resolved; a lone "he"/"she" the parse cannot resolve is the
        person named last before (``previous``: "Lavrov said ... . Speaking later, he accused ...")."""
        source = self.syn.resolve_pronoun(frame.source, frame.clause)
        if len(source) == 1 and self.syn.pron(source[0]) and source[0].lower_ in ("he", "she") and previous is not None:
            if (
                previous.ent_type_ == "PERSON"
                or previous.pos_ == "PROPN"
                or previous.lemma_.lower() in self.words.actor_nouns
            ):
                source = [previous]
        return source

    def _has_political_party(self, source: list[Token], targets: list[Token], actors: ArticleActors) -> bool:
        """A political event needs a political participant: "Gold hit a record high" and "the band released its
        album" are not events, whatever the verb. A source the parse could not place ("Trump" tagged as a common
        noun) may still act on a political target; markets, weather and sport may not."""
        if any(self.political(t, actors) for t in source):
            return True
        return any(self.political(t, actors) for t in targets) and not any(
            t.lemma_.lower() in self.words.non_actors for t in source
        )

    def _dyad(self, sense: Sense, source: list[Token], targets: list[Token]) -> tuple[list[Token], list[Token]]:
        """A reciprocal event between coordinated parties is one dyad: the first party is the source, the others
        the targets. The parties are coordinated subjects ("India and Pakistan agreed", also a failed joint
        act) or, for a lone subject with no target, its coordinated modifiers ("Russian and Ukrainian
        delegations met")."""
        if len(source) == 1 and not targets and self.policy.reciprocal(sense):
            mods = [c for c in source[0].children if c.dep_ in ("amod", "compound") and c.ent_type_ in ACTOR_ENTS]
            mods = [m for m in mods if any(x.dep_ == "conj" for x in m.children)]
            if mods:
                parts = conjuncts_any(mods[0])
                if len(parts) > 1:
                    source, targets = parts[:1], parts[1:]
        if len(source) > 1 and (self.policy.reciprocal(sense) or self.failed_joint_act(sense)):
            source, targets = source[:1], source[1:]
        return source, targets

    @staticmethod
    def _reported_in(
        statements: list[Statement], trig: Span, modality: str, src_ref: ActorRef | None
    ) -> tuple[str | None, str]:
        """The statement whose content holds the trigger (its id, or None) and the event's modality: an
        asserted event that a speaker other than its source reports is only claimed."""
        for st in statements:
            if st.content.start <= trig.start_char < st.content.end:
                speaker = st.speaker.id if st.speaker is not None else None
                if modality == "asserted" and src_ref is not None and speaker is not None and speaker != src_ref.id:
                    modality = "claimed"
                return st.id, modality
        return None, modality

    def _target_ref(
        self,
        group: list[Token],
        clause: Token,
        source: list[Token],
        src_ref: ActorRef | None,
        actors: ArticleActors,
    ) -> ActorRef | None:
        """One target's actor, None when there is none or it is the source's own actor. An object pronoun never
        stands for its own clause's subject ("Sanders accused her of ..."): the actor table resolves it then."""
        tgt = self.syn.resolve_pronoun(group, clause) if group else []
        if tgt != group and set(tgt) & set(source):
            tgt = group
        tgt_ref = self.ref(tgt, actors) if tgt else None
        if tgt_ref is not None and src_ref is not None and tgt_ref.id == src_ref.id:
            tgt_ref = None
        return tgt_ref

    def _confidence(
        self, frame: Frame, source: list[Token], src_ref: ActorRef | None, tgt_ref: ActorRef | None, modality: str
    ) -> float:
        """The rule-based confidence: the frame's (or its sense's), up for resolved actors and a source with a
        country, down for a missing actor, a pronoun source and anything not asserted or claimed."""
        conf = frame.conf or frame.sense.conf
        conf += 0.08 if src_ref is not None else -0.3
        conf += 0.05 if tgt_ref is not None else -0.1
        if src_ref is not None and src_ref.country:
            conf += 0.05
        if source and self.syn.pron(source[0]):
            conf -= 0.1
        if modality not in ("asserted", "claimed"):
            conf -= 0.05
        return conf

    def failed_joint_act(self, sense: Sense) -> bool:
        """ "X and Y failed to reach a deal", "could not agree": a refusal between the parties, not of both."""
        if sense.type != "REJECT":
            return False
        section, _, rest = sense.entry.partition(".")
        key, _, cls = rest.partition(".obj.")
        entry = {"verbs": self.lex.verbs, "nouns": self.lex.nouns}.get(section, {}).get(key)
        if entry is None:
            return False
        base = entry.obj.get(cls) if cls else entry.sense
        return base is not None and base.type != "REJECT" and self.policy.reciprocal(base)

    def political(self, tok: Token, actors: ArticleActors) -> bool:
        """Could this participant be a political actor (or the weapon of one)?"""
        mention = actors.at_token(tok)
        if mention is not None:
            actor = actors.actors.get(mention.actor_id)
            if actor is not None and (actor.country or actor.sector) and actor.kind != "unresolved":
                return True
        if (
            self.syn.actorish(tok)
            or self.syn.pron(tok)
            or (tok.pos_ == "PROPN" and tok.ent_type_ not in ("DATE", "TIME", "MONEY"))
        ):
            return True
        if (
            set(self.triggers.classes(tok)) & {"troops", "weapons", "attacks"}
            or tok.lemma_.lower() in self.words.weapon_words
        ):
            return True
        return self.syn.actor_inside(tok) is not None

    def ref(self, toks: list[Token], actors: ArticleActors) -> ActorRef | None:
        if not toks:
            return None
        spans = [self.syn.phrase(t) for t in toks]
        if len(spans) == 1:
            ref = actors.for_span(spans[0])
            sp = spans[0]
            start, end = sp.start_char, sp.end_char
            if ref.start < end and start < ref.end:
                # the participant as written in this event ("Moslem fundamentalist demonstrators"), resolved to
                # the actor its mention names; its text sliced from the parsed text, as in ``make_event``
                ref = dataclasses.replace(ref, text=doc_text(sp.doc)[start:end], start=start, end=end)
            return ref
        refs = [actors.for_span(sp) for sp in spans]
        if len({r.id for r in refs}) == 1:
            return refs[0]
        doc = spans[0].doc
        whole = doc[min(sp.start for sp in spans) : max(sp.end for sp in spans)]
        for actor in actors.actors.values():
            if actor.kind == "collective" and actor.name == whole.text:
                break
        else:
            countries = {r.country for r in refs}
            sectors = {r.sector for r in refs}
            actor = actors.new_actor(
                name=whole.text,
                country=countries.pop() if len(countries) == 1 else None,
                sector=sectors.pop() if len(sectors) == 1 else None,
                kind="collective",
            )
        mention = actors.add_mention(actor, whole.start, whole.end, "coordination")
        return actors.ref(mention)


def renumbered(events: list[Event]) -> list[Event]:
    """The events with ids e1, e2, ... in the order given (a filter or a merge leaves gaps)."""
    for i, ev in enumerate(events, 1):
        ev.id = f"e{i}"
    return events


def in_text_order(events: list[Event]) -> list[Event]:
    """The events sorted by trigger, then evidence, and numbered e1, e2, ... in that order: every coder's ids."""
    return renumbered(sorted(events, key=lambda e: (e.trigger.start, e.evidence.start)))
