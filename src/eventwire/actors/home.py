"""Where an article's actors belong when the text names no state for them: the home and context passes.

An article has a *home* (its dateline's state, else its publisher's, else the state it names most, else the one
its known bodies and people show most) and
sometimes a *focus* (a foreign state it names far more than home). A title or group the text leaves
without a state takes the one state its sentence names, or the sentence before's; people and civilian
bodies still without one take the focus or home, but not beside another state. These passes are part of
the resolver's per-article run (:class:`eventwire.actors.resolver._Run`) and share its state.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from eventwire.actors.geo import neighbours
from eventwire.actors.knowledge import Form, cameo_code
from eventwire.actors.table import HomeRule, named_by_own_name
from eventwire.schema import Actor

if TYPE_CHECKING:
    from eventwire.actors.resolver import _Anchor

# sectors of state institutions, which a sentence naming no state may take from the sentence before
DOMESTIC = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
# sectors of armed actors: a state named only by its forces is not the home of the crowds they meet
ARMED = frozenset({"MIL", "COP", "REB", "PRM", "UAF"})
# sectors of actors that, named without a country, belong where the article is (not armed or foreign groups)
_AT_HOME = frozenset(
    {"GOV", "LEG", "JUD", "COP", "PTY", "CVL", "JRN", "BUS", "LAB", "EDU", "MED", "REL", "SOC", "AGR", "CRM", "ELI"}
    | {"OPP"}  # "critics", "opponents" of a domestic story
)
# sectors of people-like groups outside the state ("residents", "farmers", "doctors"): a sentence naming no state
# continues the one before for them too ("Russian troops shelled the town, the Ukrainian army said. Residents fled.")
_PEOPLE_LIKE = _AT_HOME - DOMESTIC - {"PTY"}
# tags of the nouns a demonym modifies ("Cuban exiles", "Cuban Americans")
_NOUN_TAGS = frozenset({"NN", "NNS", "NNPS"})
# a foreign town this small is not meant without its state named (Beaufort, Malaysia in a US story)
_SMALL_TOWN = 150_000
# the European Union's code: a story filed from a member state about the Union's bodies is at home in the Union
_UNION = "EUR"
# the sectors the Union has unnamed bodies of: in such a story, police, farmers or protesters are still the seat's,
# and so is a party named by no name ("the ruling party": the Union's parties are named by their own names)
_UNION_SECTORS = frozenset({"GOV", "LEG", "JUD"})


class ArticleHome:
    """The article-context passes of the resolver's run: home, focus, sentence context, home countries."""

    def _article_home(self) -> None:
        """Count the states the article names; settle regions shared by two states; pick home and focus."""
        named = self.named
        self.union_seat: str | None = None
        self.home_given = False  # home is the dateline's or the publisher's state, not one the text names most
        # "Cuban" after "Mark Cuban" is his surname, not Cuba named ("Cuban exiles" still is)
        surnames = {self.texts[e.end - 1] for e in self.ents if e.label_ == "PERSON" and e.end - e.start > 1}
        for a in self.anchors:
            form = a.forms[0]
            if form.form in ("person", "org", "people") or not form.entry.startswith("state."):
                continue
            if surnames and self._surname_anchor(a, surnames):
                continue
            if len(a.forms) > 1 and any(f.entry != form.entry for f in a.forms if f.form == form.form):
                continue  # a region two states share says nothing yet
            if not self._stance(a):
                named[form.entry[6:]] = named.get(form.entry[6:], 0) + 1
        if self.ctx.title:
            named.update(self.r.title_states(self.ctx.title))
        if named or self.ctx.publisher or self.ctx.dateline or self.anchors:
            self._pick_home()
        self._home_namesakes()
        for a in self.anchors:
            if len(a.forms) < 2:
                continue
            if a.form.form == "org":
                # "the Conservatives", "the Liberals": the party of the state the article is about, if it says
                a.forms = sorted(a.forms, key=self._org_rank)
                codes = {self.kb.entries[f.entry].country for f in a.forms if f.entry in self.kb.entries}
                if self._org_rank(a.forms[0]) == 3 and len(codes) > 1:
                    a.forms = [self._home_body(a.forms)]
            if a.form.form == "province":
                # "Punjab": the state the article is about, else no state at all
                known = [f for f in a.forms if f.entry[6:] in (self.home, self.focus) or self.named[f.entry[6:]]]
                a.forms = known[:1] or [Form("", "province")]

    def _surname_anchor(self, a: _Anchor, surnames: set[str]) -> bool:
        """Is the state word of ``a`` a named person's surname ("Cuban said" after "Mark Cuban"): one capitalised
        token equal to the last word of a person named in full, and no demonym before a noun ("Cuban exiles")?"""
        if a.end - a.start != 1 or self.texts[a.start] not in surnames:
            return False
        return a.end >= self.n or self.tags[a.end] not in _NOUN_TAGS

    def _pick_home(self) -> None:
        """Home: the dateline's state, else the publisher's (unless the text never names it and clearly names
        another), else the state named most; focus: see module doc."""
        ranked = self.named.most_common(2)
        if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            self.focus = ranked[0][0]
        publisher = self.r.publisher_country(self.ctx.publisher)
        dated = self.r.place_country(self.ctx.dateline, prefer=publisher)
        self.home = dated or publisher or self.focus or self._shown_most()
        if not dated and self.focus and self.named[self.focus] >= 3 and not self._home_shown(self.home):
            # a site abroad on a story that never shows the site's state (an Israeli paper on a US court):
            # the governor and the judges are the story's state's, not the publisher's
            self.home = self.focus
        if self.focus and self.home and self.focus != self.home:
            if self.named[self.focus] < max(3, 2 * self.named[self.home]):
                self.focus = None  # a foreign state named now and then does not move the story abroad
        self.home_given = self.home is not None and self.home in (dated, publisher)
        if (
            dated
            and publisher is None
            and self.home == dated
            and self.focus in (None, dated)
            and self._union_seat_dateline()
            and self._union_story(dated)
        ):
            self.home, self.union_seat, self.focus = _UNION, dated, None

    def _union_seat_dateline(self) -> bool:
        """Is the dateline a seat of a Union organisation (``seats`` in the knowledge: "BRUSSELS")? A story from
        Paris or Berlin about the Commission is still that state's story: its government is the state's."""
        word = self.ctx.dateline or ""
        ids = self.kb.org_seats.get(word) or self.kb.org_seats.get(word.title()) or ()
        return any((org := self.kb.entries.get(i)) is not None and org.country == _UNION for i in ids)

    def _union_story(self, dated: str) -> bool:
        """'BRUSSELS - MEPs voted to send the Commission's deal back ...': a story filed from a state it hardly
        names, about the EU's bodies and officials (known ones shown three times or more, and at least twice as
        often as that state is named), is at home in the Union: its unnamed lawmakers and officials are the EU's."""
        shown = 0
        for a in self.anchors:
            if len({f.entry for f in a.forms}) > 1:
                continue
            shown += self._shown_country(a.form) == _UNION
        return shown >= 3 and shown >= 2 * self.named[dated]

    def _shown_country(self, form: Form) -> str | None:
        """The code a known organisation or person shows: the organisation's, a person's office's on the article's
        day (else the person's own); None for any other form or an unknown entry."""
        entry = self.kb.entries.get(form.entry)
        if entry is None or form.form not in ("org", "person"):
            return None
        held = entry.at(self.day) if form.form == "person" and entry.roles else None
        return (held.country if held is not None else None) or entry.country

    def _shown_most(self) -> str | None:
        """With no dateline, publisher or state named twice: the state the article shows most by its names, its
        known bodies and its known people ("Republicans", "Trump" and one "Indian" make a US story), if it leads
        with two or more."""
        shown = Counter(self.named)
        for a in self.anchors:
            entry = self.kb.entries.get(a.form.entry)
            if len(a.forms) > 1 and len({f.entry for f in a.forms}) > 1:
                continue  # "the Conservatives", "Clinton": several entries, not settled yet
            country = self._shown_country(a.form) if entry is not None and entry.sector != "JRN" else None
            if country and self.kb.state(country) is not None:
                shown[country] += 1
        ranked = shown.most_common(2)
        if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
            return None
        if ranked[0][1] >= 2:
            return ranked[0][0]
        return None

    def _home_shown(self, code: str | None) -> bool:
        """Does the text show state ``code`` at all: by name, or by one of its named institutions ("Congress",
        "Republicans" in a US paper's story about Iran)? Its news media do not count: a site names itself."""
        if code is None or self.named[code]:
            return True
        for a in self.anchors:
            for f in a.forms:
                entry = self.kb.entries.get(f.entry)
                if f.form == "org" and entry is not None and entry.country == code and entry.sector != "JRN":
                    return True
        return False

    def _org_rank(self, form: Form) -> int:
        """Order for an organisation name several states use: home, then focus, then any state named. Home and
        focus come first only when the dateline or the publisher gives home; else they are two of the states
        named: a story with neither that names Brazil twice and shows the White House once is no Brazilian story
        for "Congress", whose first entry in the knowledge (the US one) wins the tie (the entries a name shares
        by home are listed after its default: see README)."""
        entry = self.kb.entries.get(form.entry)
        code = entry.country if entry is not None else None
        if form.form != "org" or code is None:
            return 4
        if code in (self.home, self.focus):
            return (0 if code == self.home else 1) if self.home_given else 2
        return 2 if self.named[code] else 3

    def _home_body(self, forms: list[Form]) -> Form:
        """A name several states' bodies share, none of them home's or named ("the Workers' Party" in a Singapore
        story): home's body of the sector they all have (Singapore's party), else no known organisation."""
        sectors = {self.kb.entries[f.entry].sector for f in forms if f.entry in self.kb.entries}
        if self.home and self.kb.state(self.home) is not None and len(sectors) == 1 and None not in sectors:
            return Form(f"state.{self.home}", "seat", next(iter(sectors)))
        return Form("", "org")

    def _home_namesakes(self) -> None:
        """'Georgia' in an American story is the US state, and 'Victoria' in an Australian one the Australian
        state (not the Seychelles' capital), unless the article shows that country otherwise (its capital,
        its adjective, another of its names)."""
        if not self.home:
            return
        by_code: dict[str, list[_Anchor]] = {}
        for a in self.anchors:
            if a.form.form not in ("name", "capital") or a.form.entry[6:] == self.home:
                continue
            text = " ".join(self.texts[a.start : a.end])
            if self.home in self.r._state_named_regions.get(text, ()) or self._home_town(a, text):
                by_code.setdefault(a.form.entry[6:], []).append(a)
        for code, anchors in by_code.items():
            if code == self.home or self.named[code] > len(anchors) or code in neighbours().get(self.home, ()):
                continue  # a neighbour (Niger for a Nigerian paper) is likely meant by its own name
            for a in anchors:
                a.forms = [Form(f"state.{self.home}", "province")]
            self.named[self.home] += len(anchors)
            del self.named[code]

    def _home_town(self, a: _Anchor, text: str) -> bool:
        """'Hamilton' in a Canadian story: a foreign capital's name that is the name of a bigger town at home
        (a city of 150,000 people or more, the largest of that name)."""
        if a.form.form != "capital":
            return False
        town = self.r._cities.get(text)
        return town is not None and town[0] == self.home and town[1] >= _SMALL_TOWN

    def _home_for(self, actor: Actor) -> str | None:
        """Where an actor named without a state belongs: home for a domestic title, else the article's focus."""
        role = (actor.role or "").lower()
        if self.union_seat and (
            (actor.sector is not None and actor.sector not in _UNION_SECTORS) or self._no_union_office(role)
        ):
            return self.union_seat  # police, farmers or the prime minister in a Brussels story on the EU are Belgium's
        domestic = actor.sector in ("LEG", "PTY") or role in self.kb.domestic
        if domestic or (actor.kind == "person" and actor.sector in ("JUD", "COP")):
            return self.home
        return self.focus or self.home

    def _no_union_office(self, role: str) -> bool:
        """Is ``role`` an office the Union has none of: a title held at home (``domestic``: "mayor", "senator") or
        a top office (``top_offices``: "prime minister", "chancellor") no Union official in the knowledge holds
        ("president" is one: the Commission's)?"""
        if not role:
            return False
        if role in self.kb.domestic:
            return True
        if role not in self.kb.top_offices:
            return False
        held = (r.role.lower() for e in self.kb.entries.values() for r in e.roles if r.country == _UNION)
        return not any(h == role or h.startswith(f"{role} of ") for h in held)

    def _home_countries(self) -> None:
        """People, bodies and named organisations still without a state take the article's home (or focus)."""
        if self.home is None:
            return
        for actor in list(self.table.actors.values()):
            if actor.country is not None or actor.kind not in ("person", "collective", "organisation"):
                continue
            if actor.kind != "person" and actor.sector is not None and actor.sector not in _AT_HOME:
                continue  # troops, rebels, gunmen named without a state are not assumed to be home's
            if actor.kind == "organisation" and actor.entry is None and named_by_own_name(actor):
                if self._foreign_sentence(actor):
                    continue  # "Russia recognised the People's Republics": a name beside a foreign state is not home's
            if actor.kind == "person" and actor.sector in ("REB", "UAF", "PRM", "REF"):
                continue  # nor a fighter, a gunman or a refugee
            if actor.id in self.not_home:
                continue
            code = self._home_for(actor)
            if code:
                self._assign_country(actor, code, "home")

    def _foreign_sentences(self) -> set[int]:
        """Starts of the sentences that name a state other than home, by a state word or a town of another state
        ("police in Medellin"); built once, after the passes that find places."""
        if self._foreign_sents is None:
            foreign = {
                self.sent_start[a.start] for a in self.anchors
                if a.form.entry.startswith("state.") and a.form.entry[6:] not in (self.home, self.union_seat)
            }  # fmt: skip
            for m in self.table.mentions:  # towns are no anchors: a place, or a group named by its town
                actor = self.table.actors[m.actor_id]
                named = actor.kind == "place" or "+state-word" in m.rule
                if named and actor.country and actor.country not in (self.home, self.union_seat):
                    foreign.add(self.sent_start[m.token_start])
            self._foreign_sents = foreign
        return self._foreign_sents

    def _foreign_sentence(self, actor: Actor) -> bool:
        """Does the sentence of the actor's first mention name a state other than home?"""
        first = self.first_seen.get(actor.id)
        return first is not None and self.sent_start[first] in self._foreign_sentences()

    def _home_rule(self) -> HomeRule:
        """The table's rule for names no pass resolved: home, except in sentences naming another state."""
        if self.home is None:
            return HomeRule()
        order = sorted(set(self.sent_start))
        ends = dict(zip(order, [*order[1:], self.n], strict=True))
        foreign = tuple((start, ends[start]) for start in sorted(self._foreign_sentences()))
        return HomeRule(self.home, foreign, self.kb.group_nouns)

    def _assign_country(self, actor: Actor, code: str, how: str) -> None:
        """Give an actor the state its context names; a collective joins that state's one of its sector."""
        for m in actor.mentions:
            m.rule = f"{m.rule}+{how}:state.{code}"
        if named_by_own_name(actor) or actor.id in self.owned_ids:
            # a body named by its own name ("The Lakeside Register") or its owner's ("the Reyes campaign"): it
            # keeps the name, and is not merged
            actor.country, actor.cameo = code, cameo_code(code, actor.sector)
            actor.entry = actor.entry or f"state.{code}"
            return
        same = self.by_key.get(("collective", code, actor.sector)) if actor.kind != "person" and actor.sector else None
        if same is not None and same is not actor:
            self.table.merge(actor, same)
            return
        actor.country = code
        actor.cameo = cameo_code(code, actor.sector)
        if actor.kind == "person" or actor.sector is None:
            actor.entry = actor.entry or f"state.{code}"
            return
        actor.entry = f"state.{code}"
        state = self.kb.state(code)
        label = self.kb.sectors.get(actor.sector or "", actor.sector or "")
        actor.name = f"{state.name if state else code} ({label})"
        self.by_key[("collective", code, actor.sector)] = actor

    def _city_code(self, name: str) -> str | None:
        """The state of a GeoNames city, unless it is a small foreign town the article gives no reason for."""
        got = self.r._cities.get(name)
        if got is None:
            return None
        code, pop = got
        if self.home and code != self.home and pop < _SMALL_TOWN and not self.named[code]:
            return None
        return code

    def _subject_country(self, start: int) -> str | None:
        """The country of the actor that is the main subject of the sentence starting at token ``start``."""
        m = self.table.subject_of(self.doc[start].sent.root)
        if m is None:
            return None
        actor = self.table.actors[m.actor_id]
        return actor.country if actor.kind != "place" else None

    def _dateline_end(self) -> int:
        """Token index just past a leading dateline ("KYIV, Ukraine (AP) —"), or 0 when there is none."""
        if not self.n or not (self.texts[0].isupper() and self.texts[0].isalpha()):
            return 0
        for i in range(1, min(self.n, 16)):
            if self.texts[i] in ("—", "–", "-", "--", ":") and (i + 1 >= self.n or self.texts[i + 1] != "-"):
                return i + 1
        return 0

    def _context_states(self) -> None:
        """A title or group without a state word takes the one state its sentence names, if only one.

        "President X said ..." in a sentence that names Haiti and no other state is
        Haiti's president; with two states named, the country stays unknown.
        """
        pending = [
            a for a in self.table.actors.values()
            if a.country is None and a.sector and a.kind in ("person", "collective", "organisation")
            and a.name.split()[-1].lower() not in self.plural_people  # "foreign ministers" are often the guests
        ]  # fmt: skip
        if not pending:
            return
        per_sent: dict[int, set[str]] = {}
        unarmed: dict[int, set[str]] = {}  # the states a sentence names other than by their forces
        dateline_end = self._dateline_end()
        for anchor in self.anchors:
            if anchor.start < dateline_end:
                continue  # "NAIROBI, Kenya (AP) —" says where the story was filed, not whose actors
            entry = self.kb.entries.get(anchor.form.entry)
            if entry is None or entry.kind != "state" or anchor.form.form == "person" or self._stance(anchor):
                continue
            m = self.table.at_token(anchor.start)
            holder = self.table.actors[m.actor_id] if m is not None else None
            if holder is not None and holder.accredited_to == entry.country:
                continue  # "ambassador to Poland": Poland is not the sentence's home
            per_sent.setdefault(self.sent_start[anchor.start], set()).add(entry.country)
            if holder is None or holder.sector not in ARMED:
                unarmed.setdefault(self.sent_start[anchor.start], set()).add(entry.country)
        order = sorted(set(self.sent_start))
        token_of = {m.actor_id: [] for m in self.table.mentions}
        for m in self.table.mentions:
            token_of[m.actor_id].append(m.token_start)
        for actor in pending:
            tokens = token_of.get(actor.id, ())
            if actor.kind == "person" and tokens:
                tokens = [min(tokens)]  # a person's title sentence says most about them
            sents = {self.sent_start[i] for i in tokens}
            states = set().union(*(per_sent.get(x, set()) for x in sents))
            how = "context-state"
            people_like = actor.kind != "person" and actor.sector in _PEOPLE_LIKE
            if not states and (actor.sector in DOMESTIC or people_like) and tokens:
                # "Russia's foreign ministry summoned the Polish envoy. The ministry said ...": a sentence
                # naming no state continues the one before: its only state, or the state of its subject.
                # A crowd ("Residents fled") takes only a state named otherwise than by its forces ("Russian
                # troops shelled the town" says whose troops, not whose town), and never the speaker's;
                # and if that sentence names only other states, home is no guess for it either
                k = order.index(self.sent_start[min(tokens)])
                if k > 0:
                    prev = order[k - 1]
                    states = per_sent.get(prev, set()) or self._city_states(prev)
                    if people_like:
                        if states and self.home not in states and self.union_seat not in states:
                            self.not_home.add(actor.id)  # "... the Ukrainian army said. Residents fled."
                        states = unarmed.get(prev, set()) if prev in per_sent else states
                    elif len(states) > 1:
                        subject = self._subject_country(prev)
                        states = {subject} if subject else states
                how = "context-previous"
            if len(states) != 1:
                continue
            code = next(iter(states))
            if (
                self.home
                and code != self.home
                and self._home_for(actor) == self.home
                and (actor.kind == "person" or actor.sector in ("LEG", "PTY"))
            ):
                continue  # "Sen. X criticised Iran", "lawmakers want sanctions on Iran": domestic, they stay home
            self._assign_country(actor, code, how)

    def _city_states(self, sent: int) -> set[str]:
        """States of the GeoNames cities a sentence names ("officials in Belgorod said ..."); built once."""
        if self._cities_by_sent is None:
            self._cities_by_sent = {}
            for ent in self.ents:
                if ent.label_ in ("GPE", "LOC"):
                    code = self._city_code(" ".join(self.texts[ent.start : ent.end]))
                    if code:
                        self._cities_by_sent.setdefault(self.sent_start[ent.start], set()).add(code)
        return self._cities_by_sent.get(sent, set())
