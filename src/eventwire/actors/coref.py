"""Coreference passes: a later mention joins an actor named before.

A surname alone joins the person named in full ("Andreev" after "Sergei Andreev"); he/she/him/his/her
join the most recent person of a compatible gender; who/whom join the noun their clause hangs on. These
passes are part of the resolver's per-article run (:class:`eventwire.actors.resolver._Run`) and share
its state.
"""

from __future__ import annotations

import bisect


class Coreference:
    """The coreference passes of the resolver's run."""

    def _surnames(self) -> None:
        """A surname alone, whatever the model tagged it ("Andreev" as ORG), joins the person named before."""
        if not self.surnames:
            return
        for i, text in enumerate(self.texts):
            actor = self.surnames.get(text)
            if actor is None or self.table.at_token(i) is not None or self.first_seen.get(actor.id, self.n) >= i:
                continue
            if self.pos[i] not in ("PROPN", "NOUN", "X") and not self.ent_types[i]:
                continue
            self._mention(actor, i, i + 1, f"coref-surname:{actor.entry}" if actor.entry else "coref-surname")

    def _clause_subject(self, i: int) -> str | None:
        """The actor that is the subject of the verb an object pronoun at token i depends on, if any."""
        tok = self.doc[i]
        verb = tok.head.head if tok.dep_ == "pobj" else tok.head
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                m = self.table.at_token(child.i)
                return m.actor_id if m is not None else None
        return None

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

    def _pronouns(self) -> None:
        """'He said', 'his plan', 'told her': he/she/him/his/her joins the most recent person of a compatible
        gender in this or the two sentences before (a pronoun resolved so counts as a mention for the next);
        gender comes from an honorific (Mr, Ms) or an earlier pronoun."""
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
        for i in found:
            low = self.lowers[i]
            if self._claimed(i, i + 1) or (low in ("he", "she") and self.doc[i].dep_ not in ("nsubj", "nsubjpass")):
                continue
            window = self.sent_start[i]
            for _ in range(2):
                if window > 0:
                    window = self.sent_start[window - 1]
            want = pronouns[low]
            clause_subject = self._clause_subject(i) if low in ("him", "her") else None
            k = bisect.bisect_left(starts, i) - 1
            while k >= 0 and starts[k] >= window:
                actor_id = people[k][1]
                if actor_id == clause_subject:
                    k -= 1  # "X accused him": him is not X
                    continue
                if gender.get(actor_id, want) == want and self.table.actors[actor_id].name[:1].isupper():
                    gender[actor_id] = want
                    actor = self.table.actors[actor_id]
                    self._mention(actor, i, i + 1, f"coref-pronoun:{actor.entry}" if actor.entry else "coref-pronoun")
                    pos = bisect.bisect_left(starts, i)  # its sorted place: later people may follow k
                    starts.insert(pos, i)
                    people.insert(pos, (i, actor_id))
                    break
                k -= 1
