"""Participants: who acts (source) and on whom (targets), read from the parse.

Subjects (inherited through control verbs, coordination and relative clauses),
passive agents, indirect objects, actor-like objects, prepositional recipients
in the order an entry prefers, the actor inside a thing ("the rights of
Palestinians"), and the other party named around the verb ("after talks with
X"). A frame's participants are filled in place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from eventwire.events.lexicon import Entry, Lexicon
from eventwire.events.policy import Policy
from eventwire.events.syntax import (
    ACTOR_ENTS,
    SUBJ,
    Syntax,
    agent_of,
    conjuncts,
    direct_object,
    is_passive,
    prep_object,
    prep_object_map,
    prep_objects,
    prep_objects_in,
)
from eventwire.events.triggers import Triggers

if TYPE_CHECKING:
    from eventwire.events.frames import Frame

_EMPTY = Entry(key="", section="nouns", sense=None)


class Participants:
    """Fills the source and targets of frames."""

    def __init__(self, lexicon: Lexicon, syntax: Syntax, triggers: Triggers, policy: Policy) -> None:
        self.lex = lexicon
        self.words = syntax.words
        self.syn = syntax
        self.triggers = triggers
        self.policy = policy

    def noun_participants(self, tok: Token, entry: Entry) -> tuple[list[Token], list[Token]]:
        src: list[Token] = []
        cands: list[Token] = []
        preps = tuple(dict.fromkeys((*entry.preps, *self.words.default_noun_preps)))
        between: list[Token] = []
        for c in tok.children:
            dep = c.dep_
            if dep == "poss" and not self.syn.pron(c):
                src = [c]
            elif dep in ("amod", "compound") and c.i < tok.i and c.ent_type_ in ("NORP", "GPE", "ORG"):
                src = src or [c]
            elif dep == "amod" and c.lemma_.lower() in self.words.backer_modifiers and c.i < tok.i:
                # "a Saudi-led strike", "a Russia-backed offensive": the leader or backer acts
                led = [x for x in c.children if x.dep_ in ("npadvmod", "compound", "nmod") and x.pos_ == "PROPN"]
                if led and not src:
                    src = led
            elif dep == "prep":
                pw = c.lower_
                pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
                if pobj is None:  # "an attack on the government calling it corrupt", parsed as a clause
                    pc = next((p for p in c.children if p.dep_ == "pcomp"), None)
                    pobj = next((s for s in pc.children if s.dep_ in SUBJ), None) if pc is not None else None
                if pobj is None or pobj.ent_type_ in ("DATE", "TIME"):
                    continue
                if pw == "by":
                    src = conjuncts(pobj)
                elif pw == "from" and not src and self._author_from(pobj, entry):
                    src = conjuncts(pobj)  # "threats from the White House", "criticism from the mayor"
                elif pw == "between" or (pw == "among"):
                    between = conjuncts(pobj)
                elif pw == "from" and entry.swap:
                    src = conjuncts(pobj)
                elif pw == "of" and not src and set(self.triggers.classes(pobj)) & {"troops", "peacekeepers"}:
                    src = conjuncts(pobj)  # "the deployment of NATO peacekeepers": the deployed act
                elif pw in preps:
                    cands.append((preps.index(pw), pobj))
        if between and not src:
            return between, []
        if between:
            return src, between
        ordered = [p for _, p in sorted(cands, key=lambda x: x[0])]
        for p in ordered:
            if self.syn.actorish(p):
                return src, conjuncts(p)
        for p in ordered:
            inner = self.syn.actor_inside(p)
            if inner is not None:
                return src, conjuncts(inner)
        return src, (conjuncts(ordered[0]) if ordered else [])

    def _author_from(self, pobj: Token, entry: Entry) -> bool:
        """Is X in "<act> from X" its author? An actor is; a place one withdraws or moves from is not."""
        if not self.syn.actorish(pobj) or pobj.ent_type_ in ("LOC", "FAC") or self.syn.pron(pobj):
            return False
        etype = entry.sense.type if entry.sense is not None else ""
        # blows, threats and backing have an author; "a withdrawal from Iraq" has a place, and "a demand from X"
        # that a verb answers ("ignored a demand from X") is X's act the verb's event is about
        return etype in self.policy.group("aimed_at") or etype in ("THREATEN", "SUPPORT")

    def fill(self, frame: Frame) -> None:
        """Fill a frame's source and targets in place.

        The steps run in a fixed order because each later one only repairs what the earlier ones left: the
        subject first, then the recipient the parse offers, then fallbacks for a missing recipient, then the
        direction fixes (swaps) and the step from a thing to the actor inside it.
        """
        if frame.noun:
            self._fill_noun_event_source(frame)
            return
        entry_preps, own_preps, swap = self._verb_preps(frame)
        self._fill_source(frame)
        if frame.request_target:
            frame.targets = frame.request_target
        elif not frame.targets:
            self._find_targets(frame, entry_preps, own_preps)
        self._look_past_trigger_noun(frame)
        self._apply_direction(frame, swap)
        self._targets_to_actors(frame)

    def _fill_noun_event_source(self, frame: Frame) -> None:
        """A noun event a control verb took over is its subject's ("refused to commit troops to the mission").

        Noun frames get their participants from the noun phrase in ``noun_participants``; only a missing source
        is borrowed here from the active subject of the governing verb, unless that subject is already a target.
        """
        if not frame.source and frame.clause.i != frame.anchor.i and frame.clause.pos_ in ("VERB", "AUX"):
            subj, passive = self.syn.subject(frame.clause)
            if not passive and not set(subj) & set(frame.targets):
                frame.source = subj

    def _verb_preps(self, frame: Frame) -> tuple[tuple[str, ...], tuple[str, ...], bool]:
        """The prepositions a verb's recipient may follow, its entry's own ones, and whether it swaps roles.

        A verb's lexicon entry names the prepositions it prefers ("appealed to X"); they come before the
        default ones so that its recipient wins over a place or time phrase. Other triggers use the defaults.
        """
        tok = frame.anchor
        entry_preps = self.words.default_verb_preps
        own_preps: tuple[str, ...] = ()
        swap = False
        if tok.pos_ == "VERB":
            e = frame.entry if frame.entry is not None else self.triggers.verb_entry(tok)[0]  # found once, in ``find``
            if e is not None:
                entry_preps = tuple(dict.fromkeys((*e.preps, *self.words.default_verb_preps)))
                own_preps = e.preps
                swap = e.swap
        return entry_preps, own_preps, swap

    def _fill_source(self, frame: Frame) -> None:
        """The source is the clause's subject, unless the trigger is passive: then its subject is the target.

        A passive trigger's actor is its "by" agent or, lacking one, who the phrases around it name
        (``passive_actor``). Stative participles ("is opposed to", "is committed to") are read as active.
        """
        clause = frame.clause
        tok = frame.anchor
        holder = clause.head if clause.pos_ == "ADJ" and clause.dep_ == "acomp" else clause
        src, passive = self.syn.subject(holder)
        if passive and tok.lemma_.lower() in self.words.stative and not agent_of(tok):
            passive = False  # "Israel is opposed to ...", "Vietnam is committed to ..."
        if passive and holder.i == tok.i:
            self._fill_passive(frame, src)
        else:
            frame.source = src

    def _fill_passive(self, frame: Frame, subject: list[Token]) -> None:
        """A passive trigger: the grammatical subject undergoes the act, the agent (if any) does it.

        Some passives describe the subject's own act, though: a demobilized group stands down, and deployed
        troops or peacekeepers are the ones who deploy when no sender is named.
        """
        tok = frame.anchor
        frame.source = agent_of(tok) or self.passive_actor(tok, frame.sense.type)
        if not frame.source and frame.object_noun is not None:  # "placed under arrest in Egypt"
            frame.source = self.passive_actor(frame.object_noun, frame.sense.type)
        frame.targets = subject
        if not frame.source and frame.sense.type == "RETREAT" and frame.sense.mode in ("disarm", "withdraw"):
            # "the guerrillas have been demobilized": they are the ones standing down
            frame.source, frame.targets = subject, []
        elif not frame.source and frame.sense.type in ("MOBILIZE", "AID") and len(subject) == 1:
            # "peacekeepers were deployed to the border": the deployed force acts, its sender is unnamed
            if set(self.triggers.classes(subject[0])) & {"troops", "peacekeepers"}:
                frame.source, frame.targets = subject, []

    def _find_targets(self, frame: Frame, entry_preps: tuple[str, ...], own_preps: tuple[str, ...]) -> None:
        """Targets for a frame that has none yet: the parse's objects first, then fallbacks in order.

        Each fallback runs only while no (actor-like) target was found, so the most direct reading wins: the
        verb's own objects, the clause's, the side defied, the aim of a purpose clause, a recipient inside a
        governed clause, the other party named around the verb, and last the place where it happened.
        """
        tok = frame.anchor
        clause = frame.clause
        frame.targets = self.pick_targets(
            tok, entry_preps, frame.object_noun, frame.object_thing, own_preps=own_preps, etype=frame.sense.type
        )
        if not frame.targets and clause.i != tok.i:
            frame.targets = self.pick_targets(clause, ("to", "with", "against", "on"), None)
        self._defied_target(frame)
        placed = all(t.head.lower_ in ("in", "at") for t in frame.targets)
        if not any(self.syn.actorish(t) for t in frame.targets) or (frame.sense.type == "PROTEST" and placed):
            # "began a hunger strike to protest X" / "threatened to strike unless X ..."
            for v in (tok, clause):
                self._aim_clause_target(frame, v)
        if not frame.targets and tok.pos_ in ("VERB", "ADJ"):
            self._governed_clause_target(frame)
        if not frame.targets:
            self._around_party_target(frame)
        if not frame.targets:
            self._place_target(frame)

    def _defied_target(self, frame: Frame) -> None:
        """A hostile act "in defiance of X" / "in protest of X" is aimed at X, whatever objects it has.

        Only for the hostile types; the actor inside the phrase stands for it when it names a thing.
        """
        against = self.syn.in_protest_of(frame.anchor) or self.syn.in_protest_of(frame.clause)
        if against is not None and frame.sense.type in (
            "PROTEST",
            "REJECT",
            "ACCUSE",
            "COERCE",
            "SANCTION",
        ):  # "blocked streets in defiance of the authorities"
            inner = against if self.syn.actorish(against) else self.syn.actor_inside(against)
            frame.targets = conjuncts(inner if inner is not None else against)

    def _aim_clause_target(self, frame: Frame, verb: Token) -> None:
        """The target of an act done for an aim: who a purpose or condition clause under ``verb`` names.

        "until X meets the demands" names who must act; "to protest X" or "demanding X" names the one it is
        aimed at. The first such clause that gives a target wins for this verb.
        """
        for c in verb.children:
            if c.dep_ not in ("advcl", "xcomp"):
                continue
            marks = {m.lower_ for m in c.children if m.dep_ in ("mark", "aux")}
            if marks & self.words.aim_marks:
                subj = self._condition_target(c)
                if subj:
                    frame.targets = subj
                    return
            elif "to" in marks or c.tag_ == "VBG":
                got = self._purpose_target(frame, c)
                if got and any(self.syn.actorish(t) for t in got) and not set(got) & set(frame.source):
                    frame.targets = got
                    return

    def _condition_target(self, clause: Token) -> list[Token]:
        """In "until X meets the demands" X is who must act; a pronoun there is the actor, so its object counts.

        "until their demands are met by the ministry": the agent is who must act; "vowed to fight until they
        take the town": they are the actor, and the aim is the clause's object.
        """
        subj = agent_of(clause) or self.syn.subject(clause)[0]
        if len(subj) == 1 and self.syn.pron(subj[0]):
            subj = self.pick_targets(clause, self.words.default_verb_preps, None)
        return subj

    def _purpose_target(self, frame: Frame, clause: Token) -> list[Token]:
        """Who a "to ..." or "-ing" clause is aimed at: its objects, or a subject of its own.

        An inherited subject is the protester ("marched, chanting"), so only an own subject of an -ing adverbial
        clause counts; failing an actor there, the actor inside what it calls for ("calling for independence
        from X").
        """
        got = self.pick_targets(clause, (*self.words.default_verb_preps, "from", "of"), None)
        gerund = clause.dep_ == "advcl" and clause.tag_ == "VBG"
        own = [x for x in clause.children if x.dep_ in SUBJ and not self.syn.pron(x)]
        got = got or (conjuncts(own[0]) if own and gerund else [])
        if not any(self.syn.actorish(t) for t in got) and gerund:
            inner = next(
                (
                    a
                    for p in prep_objects_in(clause)
                    if (a := self.syn.actor_inside(p)) is not None and a.i != frame.anchor.i
                ),
                None,
            )
            got = conjuncts(inner) if inner is not None else got
        return got

    def _governed_clause_target(self, frame: Frame) -> None:
        """The recipient may sit in the clause the trigger governs ("agreed to open its borders to X").

        Only the first verbal complement is read; a passive one gives up what its "by"-less reading names.
        """
        for c in frame.anchor.children:
            if c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB":
                frame.targets = self.pick_targets(c, (*self.words.default_verb_preps, "from", "in"), None)
                if not frame.targets and is_passive(c):
                    frame.targets = self.syn.given_up_by(c)
                return

    def _around_party_target(self, frame: Frame) -> None:
        """An actor named in a phrase on the verb is the other party ("called off the strike after talks with X").

        The "around" prepositions are read first; the circumstance ones ("despite pressure from X") only when
        the actor sits inside the phrase's noun, not as its head ("after a meeting of X" names no other party).
        """
        for h in (frame.anchor, frame.clause):
            inner = next(
                (a for p in prep_objects_in(h, self.words.around_preps) if (a := self.syn.actor_inside(p)) is not None),
                None,
            ) or next(
                (
                    a
                    for p in prep_objects_in(h, self.words.circumstance_preps)
                    if (a := self.syn.actor_inside(p)) is not None
                    and a.head != p
                    and not (a.head.lower_ == "of" and a.head.head == p)
                ),
                None,
            )
            if inner is not None and inner not in frame.source:
                frame.targets = conjuncts(inner)
                return

    def _place_target(self, frame: Frame) -> None:
        """Nobody on the receiving end: where it happened stands in ("blocked roads in the capital").

        The first "in" place of the object, the trigger, the clause or the thing acted on; dates are no place.
        """
        for h in (frame.object_noun, frame.anchor, frame.clause, frame.object_thing):
            place = prep_object(h, "in") if h is not None else None
            if _is_place(place):
                frame.targets = [place]
                return

    def _look_past_trigger_noun(self, frame: Frame) -> None:
        """A trigger's own noun is no recipient ("took aim at X", "opened fire on X"); its phrase names one.

        Unless the noun is an actor or a recipient class, as the detainees of "beat detainees" are.
        """
        trig = {t.i for t in frame.trigger}
        recipients = self.policy.object_roles["recipient"]
        if frame.targets and all(
            t.i in trig and not self.syn.actorish(t) and not set(self.triggers.classes(t)) & recipients
            for t in frame.targets
        ):
            frame.targets = next(
                (
                    conjuncts(p)
                    for h in (*frame.targets, frame.anchor)
                    for p in prep_objects_in(h)
                    if p.head.lower_ != "in"
                ),
                frame.targets,
            )

    def _apply_direction(self, frame: Frame, swap: bool) -> None:
        """Swap source and targets where the grammar runs against PLOVER's direction.

        A swapping entry ("received aid from X") has its giver in a "from" phrase; a hosted visit (CAMEO 043)
        has the visitor as actor and the host as recipient.
        """
        if swap:
            giver = prep_objects(frame.anchor, ("from",))
            if giver:
                frame.targets, frame.source = frame.source, giver
        if frame.sense.cameo == "043" and frame.sense.type == "CONSULT" and frame.targets:
            frame.source, frame.targets = frame.targets, frame.source

    def _targets_to_actors(self, frame: Frame) -> None:
        """A thing as recipient ("the rights of Palestinians", "violations by the army"): the actor inside it.

        Coordinated things give their actors ("supported Lebanon's sovereignty and stability"); one thing with
        no actor inside, as the place of a protest aimed at no one, stands for the place's rulers.
        """
        if len(frame.targets) > 1 and not any(self.syn.actorish(t) for t in frame.targets):
            inner = [a for t in frame.targets if (a := self.syn.actor_inside(t)) is not None]
            if inner:
                frame.targets = list({a.i: a for a in inner}.values())
        if len(frame.targets) == 1 and not self.syn.actorish(frame.targets[0]):
            inner = self.syn.actor_inside(frame.targets[0])
            if inner is not None:
                frame.targets = conjuncts(inner)
            elif frame.sense.type == "PROTEST" and frame.object_thing is not None:
                self._protest_place_target(frame)

    def _protest_place_target(self, frame: Frame) -> None:
        """A protest aimed at no one is aimed at the rulers of its place ("blocked roads in the capital")."""
        for h in (frame.object_thing, frame.anchor):
            place = prep_object(h, "in")
            if _is_place(place):
                named = place if self.syn.actorish(place) else self.syn.actor_inside(place)
                frame.targets = [named if named is not None else place]
                return

    def passive_actor(self, verb: Token, etype: str) -> list[Token]:
        """No "by" phrase: a state act done "in Italy" is Italy's; a killing "in a car bomb blast" is the bomb's."""
        state_act = etype in ("COERCE", "ACCUSE", "SANCTION", "RETREAT")
        for c in verb.children:
            if c.dep_ != "prep" or c.lower_ not in ("in", "by", "during", "from"):
                continue
            p = next((x for x in c.children if x.dep_ == "pobj"), None)
            if p is None:
                continue
            if (
                etype == "ASSAULT"
                and c.lower_ != "from"
                and (p.lemma_.lower() in self.words.weapon_words or "attacks" in self.triggers.classes(p))
            ):
                return [p]
            if state_act and c.lower_ == "in" and p.ent_type_ == "GPE":
                return [p]
            if state_act and c.lower_ == "from" and p.ent_type_ == "GPE":
                return [p]  # "were expelled from Sudan": the state that expels
            if state_act and c.lower_ == "in" and p.pos_ == "NOUN":
                inner = prep_object(p, "in")  # "held in a military prison in Egypt"
                if inner is not None and inner.ent_type_ == "GPE":
                    return [inner]
        return []

    def pick_targets(
        self,
        verb: Token,
        preps: tuple[str, ...],
        noun: Token | None,
        thing: Token | None = None,
        *,
        own_preps: tuple[str, ...] = (),
        etype: str = "",
    ) -> list[Token]:
        """The recipient: an indirect object, an actor-like object, or the best prepositional phrase.

        The readings run from the most direct to the weakest and the first that gives an answer wins: an
        indirect object or the subject of a governed clause, the partner named in an entry's own phrase, what
        the object noun's phrase says, then the direct object weighed against the prepositional candidates
        (``preps`` in the order an entry prefers), and last the first actor-like or on-topic candidate.
        """
        d = direct_object(verb)
        if d is not None and (is_passive(verb) or d.ent_type_ in ("DATE", "TIME")):
            d = None
        found = self._dative_or_governed_subject(verb, d)
        if found is None and own_preps and etype in self.policy.group("partner"):
            found = self._named_partner(verb, own_preps, etype)
        if found is not None:
            return found
        holders = [h for h in (noun, d, verb) if h is not None]
        cands: list[Token] = []
        if noun is not None:
            found, cands = self._noun_recipient(verb, noun, etype)
            if found is not None:
                return found
        cands.extend(self._prep_candidates(holders, preps, noun, d))
        if noun is not None and d is not None and d.i == noun.i:
            d = None
        if d is None:
            return self._candidate_target(cands, own_preps)
        # troops are sent or withdrawn, but the troops accused, attacked or arrested are the recipients
        moved = bool(set(self.triggers.classes(d)) & self.policy.object_roles["moved"])
        moved = moved and etype not in self.policy.group("aimed_at")
        if not self.syn.actorish(d) or moved or (thing is not None and d.i == thing.i):
            return self._recipient_beside_object(verb, d, cands, moved=moved, thing=thing)
        return conjuncts(d)

    def _dative_or_governed_subject(self, verb: Token, d: Token | None) -> list[Token] | None:
        """An indirect object is the recipient outright; with no direct object, a governed clause's subject is.

        "allowed aid workers to enter": the workers receive the permission, so the subject (a noun or name, no
        relative pronoun) of a complement clause after the verb answers when the verb has no object of its own.
        None: neither is there.
        """
        for c in verb.children:
            if c.dep_ == "dative" and c.pos_ in ("NOUN", "PROPN", "PRON"):
                return conjuncts(c)
        if d is None:
            for c in verb.children:
                if c.dep_ in ("ccomp", "xcomp") and c.i > verb.i:
                    subj = next((x for x in c.children if x.dep_ in SUBJ and x.lower_ not in self.words.relative), None)
                    if subj is not None and subj.pos_ in ("NOUN", "PROPN"):
                        return conjuncts(subj)
        return None

    def _named_partner(self, verb: Token, own_preps: tuple[str, ...], etype: str) -> list[Token] | None:
        """For partner types, an actor in the entry's own phrase is the recipient ("discussed Libya with Trump").

        The entry's prepositions are read in its order; dates are skipped. An accusation's phrase may name a
        thing with the accused inside ("complained about Israeli air raids"). None: no partner named.
        """
        for p in own_preps:
            pobj = prep_object(verb, p)
            if pobj is None or pobj.ent_type_ in ("DATE", "TIME"):
                continue
            if self.syn.actorish(pobj):
                return conjuncts(pobj)
            if etype == "ACCUSE":
                inner = self.syn.actor_inside(pobj)
                if inner is not None:
                    return conjuncts(inner)
        return None

    def _noun_recipient(self, verb: Token, noun: Token, etype: str) -> tuple[list[Token] | None, list[Token]]:
        """What the object noun's own phrase says: the answer when it settles the recipient, else a candidate.

        The noun's source answers for a mediation "between X and Y" (the parties receive it), a demand (it is on
        whoever must act) and an answered act of a reaction type ("condemned the army's offensive": answered to
        its author, unless that is the verb's own subject). Otherwise the noun's first target is the first
        candidate. Returned: (the answer or None, the candidates so far).
        """
        ns, nt = self.noun_participants(noun, self.triggers.noun_entry(noun) or _EMPTY)
        if not nt and ns and any(c.dep_ == "prep" and c.lower_ in ("between", "among") for c in noun.children):
            return ns, []
        if ns and etype == "REQUEST":
            return ns, []
        if ns and not nt and etype in self.policy.group("reaction") and not self.syn.subject(verb)[0][:1] == ns[:1]:
            return ns, []
        return None, list(nt[:1])

    def _prep_candidates(
        self, holders: list[Token], preps: tuple[str, ...], noun: Token | None, d: Token | None
    ) -> list[Token]:
        """The prepositional objects that may be the recipient, best first.

        ``preps`` in order on each holder (the object noun, the direct object, the verb), leaving out dates and
        the object noun itself; then the object's thing phrases ("the rights of X"); last, an actor-like place
        named with "in", which can be the recipient of what happens there. Each holder's children are walked
        once.
        """
        objects = {h.i: prep_object_map(h) for h in holders}
        cands: list[Token] = []
        for p in preps:
            for h in holders:
                pobj = objects[h.i].get(p)
                if pobj is not None and pobj.ent_type_ not in ("DATE", "TIME") and (noun is None or pobj.i != noun.i):
                    cands.append(pobj)
        if d is not None:
            for p in self.words.thing_preps:
                pobj = objects[d.i].get(p)
                if pobj is not None:
                    cands.append(pobj)
        for h in holders:
            pobj = objects[h.i].get("in")
            if pobj is not None and self.syn.actorish(pobj) and pobj.ent_type_ in ("GPE", "LOC", "FAC", "NORP", "ORG"):
                cands.append(pobj)
        return cands

    def _recipient_beside_object(
        self, verb: Token, d: Token, cands: list[Token], *, moved: bool, thing: Token | None
    ) -> list[Token]:
        """The direct object is no good recipient (no actor, moved troops, the thing acted on): look beside it.

        An actor-like candidate not placed "in" something comes first, then the actor inside the object or a
        candidate (the object last when it was moved), then any actor-like candidate, then a "to" phrase further
        along a moved or acted-on object's phrase, then where moved troops go or leave; the object itself last.
        """
        real = [c for c in cands if c.head.lower_ != "in"]  # a place "in" X is the weakest answer
        found = self._first_actorish(real)
        if found is not None:
            return found
        for c in [d, *real] if not moved else [*real, d]:
            inner = self.syn.actor_inside(c)
            if inner is not None and (inner.head.lower_ != "in" or inner.ent_type_ in ACTOR_ENTS):
                return conjuncts(inner)
        found = self._first_actorish(cands)
        if found is not None:
            return found
        if moved or (thing is not None and d.i == thing.i):
            # "returned the stolen paintings ... to Peru": a "to" phrase further along the clause
            for x in d.subtree:
                if x.dep_ == "pobj" and x.head.lower_ in ("to", "into") and self.syn.actorish(x) and x.i > d.i:
                    return conjuncts(x)
        if moved:  # "withdrew its troops from the buffer zone": where they go or leave, not the troops
            place = next((c for c in real if c.head.lower_ in ("from", "to", "into") and c.head.head == verb), None)
            if place is not None:
                return conjuncts(place)
        return conjuncts(d)

    def _candidate_target(self, cands: list[Token], own_preps: tuple[str, ...]) -> list[Token]:
        """No direct object: the first actor-like candidate, else the first on-topic phrase's object.

        A thing after "for"/"with" ("met for talks") is the topic, not the recipient, so only the entry's own
        prepositions and the thing-target ones may give a non-actor.
        """
        found = self._first_actorish(cands)
        if found is not None:
            return found
        cands = [c for c in cands if c.head.lower_ in own_preps or c.head.lower_ in self.words.thing_target_preps]
        return conjuncts(cands[0]) if cands else []

    def _first_actorish(self, cands: list[Token]) -> list[Token] | None:
        """The first actor-like candidate with its coordinated siblings; None when there is none."""
        for c in cands:
            if self.syn.actorish(c):
                return conjuncts(c)
        return None


def _is_place(tok: Token | None) -> bool:
    """A noun or name that is no date or time: a phrase "in" it says where, so it can stand for a target."""
    return tok is not None and tok.pos_ in ("NOUN", "PROPN") and tok.ent_type_ not in ("DATE", "TIME")
