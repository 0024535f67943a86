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
        if frame.noun:
            if not frame.source and frame.clause.i != frame.anchor.i and frame.clause.pos_ in ("VERB", "AUX"):
                # "refused to commit troops to the mission": a noun event a control verb took over is its subject's
                subj, passive = self.syn.subject(frame.clause)
                if not passive and not set(subj) & set(frame.targets):
                    frame.source = subj
            return
        clause = frame.clause
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
        holder = clause
        if clause.pos_ == "ADJ" and clause.dep_ == "acomp":
            holder = clause.head
        src, passive = self.syn.subject(holder)
        if passive and tok.lemma_.lower() in self.words.stative and not agent_of(tok):
            passive = False  # "Israel is opposed to ...", "Vietnam is committed to ..."
        if passive and holder.i == tok.i:
            frame.source = agent_of(tok) or self.passive_actor(tok, frame.sense.type)
            if not frame.source and frame.object_noun is not None:  # "placed under arrest in Egypt"
                frame.source = self.passive_actor(frame.object_noun, frame.sense.type)
            frame.targets = src
            if not frame.source and frame.sense.type == "RETREAT" and frame.sense.mode in ("disarm", "withdraw"):
                # "the guerrillas have been demobilized": they are the ones standing down
                frame.source, frame.targets = src, []
            elif not frame.source and frame.sense.type in ("MOBILIZE", "AID") and len(src) == 1:
                # "peacekeepers were deployed to the border": the deployed force acts, its sender is unnamed
                if set(self.triggers.classes(src[0])) & {"troops", "peacekeepers"}:
                    frame.source, frame.targets = src, []
        else:
            frame.source = src
        if frame.request_target:
            frame.targets = frame.request_target
        elif not frame.targets:
            frame.targets = self.pick_targets(
                tok, entry_preps, frame.object_noun, frame.object_thing, own_preps=own_preps, etype=frame.sense.type
            )
            if not frame.targets and clause.i != tok.i:
                frame.targets = self.pick_targets(clause, ("to", "with", "against", "on"), None)
            against = self.syn.in_protest_of(tok) or self.syn.in_protest_of(clause)
            if against is not None and frame.sense.type in (
                "PROTEST",
                "REJECT",
                "ACCUSE",
                "COERCE",
                "SANCTION",
            ):  # "blocked streets in defiance of the authorities"
                inner = against if self.syn.actorish(against) else self.syn.actor_inside(against)
                frame.targets = conjuncts(inner if inner is not None else against)
            placed = all(t.head.lower_ in ("in", "at") for t in frame.targets)
            if not any(self.syn.actorish(t) for t in frame.targets) or (frame.sense.type == "PROTEST" and placed):
                # "began a hunger strike to protest X" / "threatened to strike unless X ..."
                for v in (tok, clause):
                    for c in v.children:
                        if c.dep_ not in ("advcl", "xcomp"):
                            continue
                        marks = {m.lower_ for m in c.children if m.dep_ in ("mark", "aux")}
                        if marks & self.words.aim_marks:
                            # "until their demands are met by the ministry": the agent is who must act
                            subj = agent_of(c) or self.syn.subject(c)[0]
                            if len(subj) == 1 and self.syn.pron(subj[0]):
                                # "vowed to fight until they take the town": they are the actor; the aim is the
                                # clause's object
                                subj = self.pick_targets(c, self.words.default_verb_preps, None)
                            if subj:
                                frame.targets = subj
                                break
                        elif "to" in marks or c.tag_ == "VBG":
                            got = self.pick_targets(c, (*self.words.default_verb_preps, "from", "of"), None)
                            # only a subject of its own: an inherited one is the protester ("marched, chanting")
                            own = [x for x in c.children if x.dep_ in SUBJ and not self.syn.pron(x)]
                            got = got or (conjuncts(own[0]) if own and c.dep_ == "advcl" and c.tag_ == "VBG" else [])
                            if not any(self.syn.actorish(t) for t in got) and c.dep_ == "advcl" and c.tag_ == "VBG":
                                # "calling for independence from X": the actor inside what they call for
                                inner = next(
                                    (
                                        a
                                        for p in prep_objects_in(c)
                                        if (a := self.syn.actor_inside(p)) is not None and a.i != tok.i
                                    ),
                                    None,
                                )
                                got = conjuncts(inner) if inner is not None else got
                            if got and any(self.syn.actorish(t) for t in got) and not set(got) & set(frame.source):
                                frame.targets = got
                                break
            if not frame.targets and tok.pos_ in ("VERB", "ADJ"):
                # "agreed to open its borders to X": the recipient sits in the governed clause
                for c in tok.children:
                    if c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB":
                        frame.targets = self.pick_targets(c, (*self.words.default_verb_preps, "from", "in"), None)
                        if not frame.targets and is_passive(c):
                            frame.targets = self.syn.given_up_by(c)
                        break
            if not frame.targets:
                # "called off the strike after talks with X", "declined despite pressure from X": an actor named
                # in a phrase on the verb is the other party
                for h in (tok, clause):
                    inner = next(
                        (
                            a
                            for p in prep_objects_in(h, self.words.around_preps)
                            if (a := self.syn.actor_inside(p)) is not None
                        ),
                        None,
                    ) or next(  # "after talks with X", "despite pressure from X"; not "after a meeting of X"
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
                        break
            if not frame.targets:
                # nobody on the receiving end: where it happened stands in ("soldiers stayed on standby in the south",
                # "blocked roads in the capital")
                for h in (frame.object_noun, tok, clause, frame.object_thing):
                    place = prep_object(h, "in") if h is not None else None
                    if (
                        place is not None
                        and place.pos_ in ("NOUN", "PROPN")
                        and place.ent_type_ not in ("DATE", "TIME")
                    ):
                        frame.targets = [place]
                        break
        trig = {t.i for t in frame.trigger}
        recipients = self.policy.object_roles["recipient"]
        if frame.targets and all(
            t.i in trig and not self.syn.actorish(t) and not set(self.triggers.classes(t)) & recipients
            for t in frame.targets
        ):
            # "took aim at X", "opened fire on X": the trigger's own noun is no recipient (unlike the detainees of
            # "beat detainees"); its phrase names one
            frame.targets = next(
                (conjuncts(p) for h in (*frame.targets, tok) for p in prep_objects_in(h) if p.head.lower_ != "in"),
                frame.targets,
            )
        if swap:
            giver = prep_objects(tok, ("from",))
            if giver:
                frame.targets, frame.source = frame.source, giver
        if frame.sense.cameo == "043" and frame.sense.type == "CONSULT" and frame.targets:
            # PLOVER: for a hosted visit the visitor is the actor and the host the recipient
            frame.source, frame.targets = frame.targets, frame.source
        # a thing as recipient ("the rights of Palestinians", "violations by the army"): the actor inside it
        if len(frame.targets) > 1 and not any(self.syn.actorish(t) for t in frame.targets):
            # "supported Lebanon's sovereignty and stability": the actors inside the coordinated things
            inner = [a for t in frame.targets if (a := self.syn.actor_inside(t)) is not None]
            if inner:
                frame.targets = list({a.i: a for a in inner}.values())
        if len(frame.targets) == 1 and not self.syn.actorish(frame.targets[0]):
            inner = self.syn.actor_inside(frame.targets[0])
            if inner is not None:
                frame.targets = conjuncts(inner)
            elif frame.sense.type == "PROTEST" and frame.object_thing is not None:
                # "blocked roads in the capital": a protest aimed at no one is aimed at the place's rulers
                for h in (frame.object_thing, tok):
                    place = prep_object(h, "in")
                    if (
                        place is not None
                        and place.pos_ in ("NOUN", "PROPN")
                        and place.ent_type_ not in ("DATE", "TIME")
                    ):
                        named = place if self.syn.actorish(place) else self.syn.actor_inside(place)
                        frame.targets = [named if named is not None else place]
                        break

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
        """The recipient: an indirect object, an actor-like object, or the best prepositional phrase."""
        d = direct_object(verb)
        if d is not None and (is_passive(verb) or d.ent_type_ in ("DATE", "TIME")):
            d = None
        for c in verb.children:
            if c.dep_ == "dative" and c.pos_ in ("NOUN", "PROPN", "PRON"):
                return conjuncts(c)
        if d is None:  # "allowed aid workers to enter": the governed clause's subject
            for c in verb.children:
                if c.dep_ in ("ccomp", "xcomp") and c.i > verb.i:
                    subj = next((x for x in c.children if x.dep_ in SUBJ and x.lower_ not in self.words.relative), None)
                    if subj is not None and subj.pos_ in ("NOUN", "PROPN"):
                        return conjuncts(subj)
        holders = [h for h in (noun, d, verb) if h is not None]
        if own_preps and etype in self.policy.group("partner"):
            # "discussed Libya with Trump", "complained to China about X": the named partner is the recipient
            for p in own_preps:
                pobj = prep_object(verb, p)
                if pobj is None or pobj.ent_type_ in ("DATE", "TIME"):
                    continue
                if self.syn.actorish(pobj):
                    return conjuncts(pobj)
                if etype == "ACCUSE":  # "complained about Israeli air raids": the accused is inside
                    inner = self.syn.actor_inside(pobj)
                    if inner is not None:
                        return conjuncts(inner)
        cands: list[Token] = []
        if noun is not None:
            ns, nt = self.noun_participants(noun, self.triggers.noun_entry(noun) or _EMPTY)
            if not nt and ns and any(c.dep_ == "prep" and c.lower_ in ("between", "among") for c in noun.children):
                return ns  # "launched a mediation effort between X and Y": the parties receive it
            if ns and etype == "REQUEST":
                return ns  # "demanded the withdrawal of Serbian forces": the demand is on whoever must act
            if ns and not nt and etype in self.policy.group("reaction") and not self.syn.subject(verb)[0][:1] == ns[:1]:
                return ns  # "accepted Norway's mediation", "condemned the army's offensive": answered to its author
            cands.extend(nt[:1])
        objects = {h.i: prep_object_map(h) for h in holders}  # each holder's children walked once
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
        for h in holders:  # a place named with "in" can be the recipient of what happens there
            pobj = objects[h.i].get("in")
            if pobj is not None and self.syn.actorish(pobj) and pobj.ent_type_ in ("GPE", "LOC", "FAC", "NORP", "ORG"):
                cands.append(pobj)
        if noun is not None and d is not None and d.i == noun.i:
            d = None
        # troops are sent or withdrawn, but the troops accused, attacked or arrested are the recipients
        moved = (
            d is not None
            and bool(set(self.triggers.classes(d)) & self.policy.object_roles["moved"])
            and etype not in self.policy.group("aimed_at")
        )
        if d is not None and (not self.syn.actorish(d) or moved or (thing is not None and d.i == thing.i)):
            real = [c for c in cands if c.head.lower_ != "in"]  # a place "in" X is the weakest answer
            for c in real:
                if self.syn.actorish(c):
                    return conjuncts(c)
            for c in [d, *real] if not moved else [*real, d]:
                inner = self.syn.actor_inside(c)
                if inner is not None and (inner.head.lower_ != "in" or inner.ent_type_ in ACTOR_ENTS):
                    return conjuncts(inner)
            for c in cands:
                if self.syn.actorish(c):
                    return conjuncts(c)
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
        if d is not None:
            return conjuncts(d)
        for c in cands:
            if self.syn.actorish(c):
                return conjuncts(c)
        # a thing after "for"/"with" ("met for talks") is the topic, not the recipient
        cands = [c for c in cands if c.head.lower_ in own_preps or c.head.lower_ in self.words.thing_target_preps]
        return conjuncts(cands[0]) if cands else []
