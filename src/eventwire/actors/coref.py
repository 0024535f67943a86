"""Coreference passes: a later mention joins an actor named before.

A surname alone joins the person named in full ("Andreev" after "Sergei Andreev"); he/she/him/his/her
join the most recent person of a compatible gender; they/them/their join the most recent group named
by a plural noun; who/whom join the noun their clause hangs on; "the group", "the agency" join the most recent
organisation they can name; a social-media handle ("@realDonaldTrump") is the person it spells. These
passes are part of the resolver's per-article run (:class:`eventwire.actors.resolver._Run`) and share
its state.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from eventwire.actors.people import Title

if TYPE_CHECKING:
    from eventwire.schema import Actor

_GENDER_SIDE = {"m": 0, "f": 1}
TOPIC_MENTIONS = 3  # how often a person is named before a pronoun far from any person goes to them
ORG_WINDOW = 4  # "the group" looks back over its sentence and this many before it


def handle_key(text: str) -> str:
    """A name or a handle as letters only, lower case: "@realDonaldTrump" and "Donald Trump" both hold
    "donaldtrump" (a prefix such as "real" aside: ``handle_prefixes`` in words.yaml, which
    ``Coreference._handles`` tries both with and without)."""
    return "".join(ch for ch in text.lower() if "a" <= ch <= "z")


def _unplaced_state_body(actor: Actor) -> bool:
    """Is the actor a state's body named by a role word ("the government", "the ministry") whose state the home
    pass has not given yet? Bodies named by their owner ("the Reyes campaign") are not."""
    rule = actor.mentions[0].rule if actor.mentions else ""
    return rule.startswith("role-head") and "+owned" not in rule and actor.entry is None


class Coreference:
    """The coreference passes of the resolver's run."""

    def _surname_actor(self, i: int) -> Actor | None:
        """The person named before whose surname token ``i`` is, or whose family it names ("the Clintons")."""
        text = self.texts[i]
        actor = self.surnames.get(text)
        if actor is None and text.endswith("s") and i > 0 and self.lowers[i - 1] == "the":
            actor = self.surnames.get(text[:-1])  # "the Clintons": the family, by the one of it named before
        return actor

    def _surnames(self) -> None:
        """A surname alone, whatever the model tagged it ("Andreev" as ORG), joins the person named before."""
        if not self.surnames:
            return
        surnames = self.surnames  # only words ``_surname_actor`` may read as one: a surname, or it and one letter
        for i in [i for i, text in enumerate(self.texts) if text in surnames or text[:-1] in surnames]:
            actor = self._surname_actor(i)
            if actor is None or self.table.at_token(i) is not None or self.first_seen.get(actor.id, self.n) >= i:
                continue
            if self.pos[i] not in ("PROPN", "NOUN", "X") and not self.ent_types[i]:
                continue
            self._mention(actor, i, i + 1, f"coref-surname:{actor.entry}" if actor.entry else "coref-surname")

    def _handles(self) -> None:
        """'@realDonaldTrump', '@HillaryClinton', '.@SenSanders': a social-media handle is the person it spells,
        one named in the article (full name, or a surname of four letters or more the handle ends with) or else
        a known person whose full name it spells."""
        found = [i for i, t in enumerate(self.texts) if t[:1] == "@" or t[:2] == ".@"]
        if not found:
            return
        people = {a.id: a for a in self.table.actors.values() if a.kind == "person" and " " in a.name}
        for i in found:
            key = handle_key(self.texts[i])
            if len(key) < 4 or self._claimed(i, i + 1):
                continue
            keys = (key, *(key[len(p) :] for p in self.kb.handle_prefixes if key.startswith(p)))
            named = {a.id for a in people.values() if handle_key(a.name) in keys}
            if not named:
                named = {
                    a.id for a in people.values()
                    if len(last := handle_key(a.name.rsplit(" ", 1)[-1])) >= 4 and any(k.endswith(last) for k in keys)
                }  # fmt: skip
            actor = people[named.pop()] if len(named) == 1 else None
            if actor is None and not named:
                entry_id = next((e for k in keys if (e := self.r.handle_names.get(k))), None)
                if entry_id is not None:
                    entry = self.kb.entries[entry_id]
                    actor = self.person_entries.get(entry_id) or self._new_person(entry.name, entry, Title(start=i))
            if actor is not None:
                self._mention(actor, i, i + 1, f"handle:{actor.entry}" if actor.entry else "handle")

    def _clause_subject(self, i: int) -> str | None:
        """The actor that is the subject of the verb an object pronoun at token i depends on, if any."""
        tok = self.doc[i]
        verb = tok.head.head if tok.dep_ == "pobj" else tok.head
        m = self.table.subject_of(verb)
        return m.actor_id if m is not None else None

    def _relatives(self) -> None:
        """'Blatter, who resigned', 'the senators, all of whom voted': who/whom is the noun its clause hangs on."""
        for i in [i for i, low in enumerate(self.lowers) if low in ("who", "whom")]:
            if self._claimed(i, i + 1):
                continue
            tok = self.doc[i]
            for _ in range(4):  # who -> relcl verb; whom -> of -> all -> relcl verb
                if tok.dep_ == "relcl":
                    m = self.table.at_token(tok.head.i)
                    if m is not None:
                        actor = self.table.actors[m.actor_id]
                        if actor.kind != "place":
                            self._mention(
                                actor, i, i + 1, f"coref-relative:{actor.entry}" if actor.entry else "coref-relative"
                            )
                    break
                tok = tok.head
                if tok.i == tok.head.i:
                    break

    def _window(self, i: int, sentences: int = 2) -> int:
        """The first token of the sentence ``sentences`` before token i's: how far back a pronoun looks (two),
        or "the group" (``ORG_WINDOW``)."""
        window = self.sent_start[i]
        for _ in range(sentences):
            if window > 0:
                window = self.sent_start[window - 1]
        return window

    def _lone_antecedents(self, found: list[int], people: list[tuple[int, str]], starts: list[int]) -> dict[str, str]:
        """Genders the article's pronouns tell, before any pronoun is resolved.

        "Ann Hale spoke first. She said..." tells Hale is a woman before any later "her" has to choose between
        her and a man named after her; without it the most recent person wins whatever their gender. Two
        cues vote: a pronoun with one person alone to go back to (two votes), and a subject pronoun opening
        a sentence whose sentence before has a person as its subject ("Reyes denied it. He said ...", one
        vote: the subject usually goes on). A person gets the gender with twice the votes of the other.
        """
        votes: dict[str, list[int]] = {}
        for i in found:
            low = self.lowers[i]
            subject = self.doc[i].dep_ in ("nsubj", "nsubjpass")
            if low in ("he", "she") and not subject:
                continue
            side = _GENDER_SIDE[self.kb.pronouns[low]]
            lo, hi = bisect.bisect_left(starts, self._window(i)), bisect.bisect_left(starts, i)
            ids = {people[k][1] for k in range(lo, hi)}
            if len(ids) == 1:
                actor_id = ids.pop()
                if low in ("him", "her") and actor_id == self._clause_subject(i):
                    continue  # "X accused him": him is someone else, unnamed
                votes.setdefault(actor_id, [0, 0])[side] += 2
            elif subject and self.sent_start[i] > 0:
                actor_id = self._sentence_subject(self.sent_start[i] - 1)
                if actor_id is not None:
                    votes.setdefault(actor_id, [0, 0])[side] += 1
        out = {}
        for actor_id, (m, f) in votes.items():
            if self.table.actors[actor_id].name[:1].isupper() and max(m, f) >= 2 * min(m, f) and m != f:
                out[actor_id] = "m" if m > f else "f"
        return out

    def _sentence_subject(self, i: int) -> str | None:
        """The person actor that is the subject of the root of the sentence holding token i, if any."""
        for m in self.table.subjects_of(self.doc[i].sent.root):
            if m is not None and self.table.actors[m.actor_id].kind == "person":
                return m.actor_id
        return None

    def _pronouns(self) -> None:
        """'He said', 'his plan', 'told her': he/she/him/his/her joins the most recent person of a compatible
        gender in this or the two sentences before (a pronoun resolved so counts as a mention for the next);
        gender comes from an honorific (Mr, Ms), the person's first name (``first_names`` in words.yaml: names
        given to both genders are left out of it), the article's pronouns (``_lone_antecedents``) or an earlier
        pronoun, in that order. A pronoun with no such person in its window goes to the person the article is
        about (``_topic_person``): news keeps writing "she" of its subject for paragraphs after naming her."""
        pronouns, honorifics = self.kb.pronouns, self.kb.honorifics
        found = [i for i, low in enumerate(self.lowers) if low in pronouns]
        if not found:
            return
        people = sorted(
            (m.token_start, m.actor_id) for m in self.table.mentions if self.table.actors[m.actor_id].kind == "person"
        )
        if not people:
            return
        gender: dict[str, str] = {}
        for start, actor_id in people:
            honor = self.lowers[start - 1].rstrip(".") if start > 0 else ""
            if self.lowers[start].rstrip(".") in honorifics:
                honor = self.lowers[start].rstrip(".")
            if honor in honorifics:
                gender.setdefault(actor_id, honorifics[honor])
        starts = [p[0] for p in people]
        first_names = self.kb.first_names
        for _, actor_id in people:
            first = self.table.actors[actor_id].name.split(" ", 1)[0].lower()
            if first in first_names:
                gender.setdefault(actor_id, first_names[first])
        for actor_id, told in self._lone_antecedents(found, people, starts).items():
            # the article's own pronouns tell the gender of a person whose name tells none; they do not
            # overrule a first name of the list, since a lone person in the window is often not the one meant
            # ("Hillary Clinton ... he": a man named three sentences before)
            gender.setdefault(actor_id, told)
        for i in found:
            low = self.lowers[i]
            if self._claimed(i, i + 1) or (low in ("he", "she") and self.doc[i].dep_ not in ("nsubj", "nsubjpass")):
                continue
            window = self._window(i)
            want = pronouns[low]
            clause_subject = self._clause_subject(i) if low in ("him", "her") else None
            k = bisect.bisect_left(starts, i) - 1
            if low in ("he", "she"):
                got = self._subject_antecedent(i, k, window, want, gender, people, starts)
                if got is not None:
                    gender[got] = want
                    self._join_pronoun(i, got, people, starts)
                    continue
            while k >= 0 and starts[k] >= window:
                actor_id = people[k][1]
                if actor_id == clause_subject:
                    k -= 1  # "X accused him": him is not X
                    continue
                if gender.get(actor_id, want) == want and self.table.actors[actor_id].name[:1].isupper():
                    gender[actor_id] = want
                    self._join_pronoun(i, actor_id, people, starts)
                    break
                k -= 1
            else:
                actor_id = self._topic_person(people, i, want, gender, clause_subject)
                if actor_id is not None:
                    self._join_pronoun(i, actor_id, people, starts)

    def _subject_antecedent(
        self, i: int, k: int, window: int, want: str, gender: dict[str, str], people: list[tuple[int, str]], starts
    ) -> str | None:
        """For a subject pronoun whose own sentence names no person before it: the nearest person of a compatible
        gender in its window who is the subject of a clause. A new sentence's "he" goes on with the subject
        before it, not with the last name ("X told Sen. Y ... He has banned": X); inside one sentence the last
        person named stays the antecedent ("warned about Z, but he ...": Z). None: the nearest person decides.

        ``k`` indexes the last person mention before ``i`` in ``people`` / ``starts``."""
        own = self.sent_start[i]
        j = k
        while j >= 0 and starts[j] >= own:
            if self._fits(people[j][1], want, gender):
                return None
            j -= 1
        while k >= 0 and starts[k] >= window:
            actor_id = people[k][1]
            if self._fits(actor_id, want, gender) and self._is_subject(starts[k]):
                return actor_id
            k -= 1
        return None

    def _fits(self, actor_id: str, want: str, gender: dict[str, str]) -> bool:
        """Can a pronoun of gender ``want`` name this person (gender unknown or the same, a proper name)?"""
        return gender.get(actor_id, want) == want and self.table.actors[actor_id].name[:1].isupper()

    def _is_subject(self, start: int) -> bool:
        """Is the mention starting at token ``start`` the subject of a clause (its head word nsubj/nsubjpass)?"""
        m = self.table.at_token(start)
        end = m.token_end if m is not None else start + 1
        for t in range(start, end):
            tok = self.doc[t]
            if tok.dep_ in ("nsubj", "nsubjpass") and not (start <= tok.head.i < end):
                return True
        return False

    def _join_pronoun(self, i: int, actor_id: str, people: list[tuple[int, str]], starts: list[int]) -> None:
        """Pronoun token ``i`` becomes a mention of ``actor_id``, and a person mention for the pronouns after it."""
        actor = self.table.actors[actor_id]
        if i in self.pronoun_owners:
            self.pronoun_owners[i] = actor_id  # "his campaign": the pronoun says whose body (_owned_by_pronoun)
        else:
            self._mention(actor, i, i + 1, f"coref-pronoun:{actor.entry}" if actor.entry else "coref-pronoun")
        pos = bisect.bisect_left(starts, i)  # its sorted place: later people may follow
        starts.insert(pos, i)
        people.insert(pos, (i, actor_id))

    def _topic_person(
        self, people: list[tuple[int, str]], i: int, want: str, gender: dict[str, str], unlike: str | None
    ) -> str | None:
        """The person an article is about, for a pronoun with no person of its gender in its window: the one of
        that gender (known, not guessed) named most often before it, at least ``TOPIC_MENTIONS`` times and more
        often than any other of that gender ("Clinton ... [three sentences on her plan] ... she said")."""
        counts: dict[str, int] = {}
        for start, actor_id in people:
            if start >= i:
                break
            if actor_id != unlike and gender.get(actor_id) == want:
                counts[actor_id] = counts.get(actor_id, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        if not ranked or ranked[0][1] < TOPIC_MENTIONS or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
            return None
        return ranked[0][0]

    def _plural_pronouns(self) -> None:
        """'Democrats blocked the bill. They said ...': they/them/their joins the most recent actor named by a
        plural noun in this or the two sentences before ("they" only as a subject; "them" never the subject
        of its own clause). Places and states are left out: "they" is rarely a country."""
        words = self.kb.plural_pronouns
        found = [i for i, low in enumerate(self.lowers) if low in words]
        if not found:
            return
        last = found[-1]
        groups = sorted(
            (m.token_start, m.actor_id)
            for m in self.table.mentions
            if m.token_start < last
            and self.table.actors[m.actor_id].kind not in ("place", "state")
            and self._plural(m.token_start, m.token_end)
        )
        starts = [g[0] for g in groups]
        for i in found:
            low = self.lowers[i]
            if self._claimed(i, i + 1) or (low == "they" and self.doc[i].dep_ not in ("nsubj", "nsubjpass")):
                continue
            subject = self._clause_subject(i) if low == "them" else None
            unlike = self.table.actors[subject].name if subject is not None else None  # groups repeat by name
            window = self._window(i)
            k = bisect.bisect_left(starts, i) - 1
            while k >= 0 and starts[k] >= window and self.table.actors[groups[k][1]].name == unlike:
                k -= 1
            if k >= 0 and starts[k] >= window:
                actor = self.table.actors[groups[k][1]]
                self._mention(actor, i, i + 1, f"coref-plural:{actor.entry}" if actor.entry else "coref-plural")

    def _plural(self, start: int, end: int) -> bool:
        """Is the mention [start, end) a plural noun phrase ("Democrats", "the protesters"), not a list?"""
        root = self.doc[start] if end - start == 1 else self.doc[start:end].root  # one token: no Span to build
        # a list is neither its first item (with conj children) nor a later one (a conj itself)
        return root.tag_ in ("NNS", "NNPS") and root.dep_ != "conj" and not any(c.dep_ == "conj" for c in root.children)

    def _org_anaphora(self) -> None:
        """'Human Rights Watch said ... The group added': "the group", "the agency", "this organisation"
        (``org_anaphors`` in words.yaml) join the most recent named organisation whose name holds the noun or
        whose sector the noun may name, in its sentence and the ``ORG_WINDOW`` before it. A state's own bodies
        ("the government" of a state, its military) are no antecedent by their sector, also before the home pass
        gives them their state ("The commission that reviews ..." after "the government" is no government), only
        by a mention holding the noun ("the Election Commission ... the commission"); a noun no rule claimed only."""
        nouns = self.kb.org_anaphors
        lowers = self.lowers
        tags = self.tags
        found = [
            i
            for i, low in enumerate(lowers)
            if low in nouns and i > 0 and lowers[i - 1] in ("the", "this", "that") and tags[i] == "NN"
        ]
        if not found:
            return
        actors = self.table.actors
        orgs = sorted(
            (m.token_start, m.actor_id, m.token_end)
            for m in self.table.mentions
            if actors[m.actor_id].kind in ("organisation", "group")
            and not (actors[m.actor_id].entry or "").startswith("state.")
        )
        if not orgs:
            return
        starts = [o[0] for o in orgs]
        for i in found:
            if self._claimed(i, i + 1) or (i + 1 < self.n and lowers[i + 1] == "of"):
                continue  # "the group of senators" is the senators
            if self.doc[i].dep_ == "compound":
                continue  # "the agency director": a person of it
            window = self._window(i, ORG_WINDOW)
            noun = lowers[i]
            sectors = nouns[noun]
            k = bisect.bisect_left(starts, i) - 1
            while k >= 0 and starts[k] >= window:
                start, actor_id, end = orgs[k]
                actor = actors[actor_id]
                if _unplaced_state_body(actor):
                    fits = noun in lowers[start:end]  # "the Election Commission ... the commission"
                else:
                    fits = noun in actor.name.lower() or (actor.sector or "") in sectors
                if fits:
                    self._mention(actor, i, i + 1, f"coref-org:{actor.entry}" if actor.entry else "coref-org")
                    break
                k -= 1
