"""People of one article: the person names the parse and the knowledge find, each matched to a known person
or made a new actor, with what the title beside the name says (state, organisation, role, sector).

A mixin of the resolver's per-article run (``actors.resolver._Run``), like ``coref`` and ``home``: it reads
the run's parse arrays, anchors and roles and adds actors and mentions to its table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from eventwire.actors.knowledge import Entry, Form, cameo_code
from eventwire.schema import Actor

if TYPE_CHECKING:
    from eventwire.actors.resolver import _Role

# model labels that make a capitalised word after a title a place or a date, not the holder's name
_PLACE_LABELS = frozenset({"GPE", "LOC", "NORP", "FAC", "DATE", "TIME"})


@dataclass
class Title:
    """What the words before a name say of its holder ("Russian Foreign Minister", "former Sen."), from token
    ``start``: read by the run's ``_read_title``, used to fill a new person's country, organisation and sector."""

    start: int
    country: str | None = None
    country_entry: str | None = None
    org: str | None = None
    role: str | None = None
    sector: str | None = None
    accredited_to: str | None = None
    former: bool = False
    has_role: bool = False
    # every state or organisation word of the title, in order, as (code, entry id, anchor start, anchor end)
    countries: list[tuple[str, str, int, int]] = field(default_factory=list)


def own_cameo_code(entry: Entry) -> str | None:
    """An organisation's own CAMEO code ("NATO"), or None when it is only country + sector ("IGOBUS")."""
    if not entry.cameo or entry.cameo in (entry.country, (entry.country or "") + (entry.sector or "")):
        return None
    return entry.cameo


class People:
    """Person names and what their titles say; mixed into the resolver's run."""

    def _person_spans(self) -> list[tuple[int, int, str | None]]:
        """(start, end, kb entry id or None) of person names, in text order, without overlaps."""
        spans: dict[tuple[int, int], str | None] = {}
        # people the article names in full: "Clinton" alone is the Clinton named so
        self.full_named = {
            f.entry for a in self.anchors if a.end - a.start > 1 and len(a.forms) == 1 for f in a.forms
            if f.form == "person"
        }  # fmt: skip
        for a in self.anchors:
            if a.form.form == "person":
                spans[(a.start, a.end)] = self._pick_person(a.forms)
        for ent in self.ents:
            if ent.label_ != "PERSON":
                continue
            s, e = ent.start, ent.end
            while e > s and self.texts[e - 1] in ("'s", "'", ","):
                e -= 1
            while (
                s < e
                and (self._title_kind(s) in ("anchor", "role", "modifier", "connector"))
                and (s not in self.anchor_at or self.anchor_at[s].form.form != "person")
            ):
                s = (
                    self.anchor_at[s].end
                    if s in self.anchor_at
                    else (self.role_at[s].end if s in self.role_at else s + 1)
                )
            if s >= e:
                continue
            if s in self.anchor_at and self.anchor_at[s].end >= e and self.anchor_at[s].form.form != "person":
                continue  # a city or state tagged PERSON
            while (
                e < self.n
                and e - ent.end < 2
                and self.pos[e] == "PROPN"
                and self.texts[e][:1].isupper()
                and not self.ent_types[e]
                and e not in self.anchor_at
                and e not in self.role_at
            ):
                e += 1  # "Maria Corina" + "Machado": the model cut the name short
            if (s, e) in spans:
                continue
            inside = [k for k in spans if k[0] >= s and k[1] <= e]
            if inside and all((k[1] - k[0]) < (e - s) for k in inside):
                text = " ".join(self.texts[s:e])
                entry = next((f.entry for f in self.kb.forms.get(text, ()) if f.form == "person"), None)
                if entry is None:
                    entry = self._same_person(s, e, [spans[k] for k in inside])
                for k in inside:
                    del spans[k]
                spans[(s, e)] = entry
            elif not any(k[0] < e and s < k[1] for k in spans):
                spans[(s, e)] = None
        self._first_name_spans(spans)
        self._appositive_name_spans(spans)
        # a person's title followed by proper nouns the model missed ("Ambassador Smith")
        for role in self.roles:
            if not role.person or role.plural:
                continue
            if self.ent_types[role.start] not in ("", "PERSON"):
                continue  # "General Motors", "Justice Department": the title word is part of a name
            s = role.end
            while s < self.n and s - role.end < 4 and (self.lowers[s] == "the" or self._title_kind(s) == "modifier"):
                s += 1  # "Prime Minister Dr the Rt Hon Mark Selwyn": the honorifics are no part of the name
            e = s
            # "President-elect Rosa Ibarra" tagged ORG: a capitalised title before a short name of proper nouns
            org_name = (
                s < self.n
                and self.ent_types[s] == "ORG"
                and not self.ent_inside[s]
                and self.texts[role.start][:1].isupper()
            )
            while (
                e < self.n
                and e - s < 3
                and self.pos[e] == "PROPN"
                and self.texts[e][:1].isupper()
                and self.texts[e].isalpha()
                and e not in self.anchor_at
                and e not in self.role_at
                and (self.ent_types[e] in ("", "PERSON") or (org_name and (e == s or self.ent_inside[e])))
            ):
                e += 1
            if org_name and (e - s < 2 or (e < self.n and self.ent_inside[e])):
                continue  # the whole name, two or three words, or it is no person's
            if e > s and not any(k[0] < e and s < k[1] for k in spans):
                spans[(s, e)] = None
        return sorted((s, e, entry) for (s, e), entry in spans.items())

    def _past_comma(self, tstart: int, s: int, e: int) -> tuple[int, Title]:
        """Start and title of the name [s, e) whose scan to the left began at ``tstart``. Words before a comma
        that hold no person's title are a phrase of the clause, not the title ("Speaking in the House of
        Commons, Mr X said", "In Parliament, Ms Y"); an honorific after the comma still is one. "The interior
        minister, X" keeps its title, and so does a name the parse sets in apposition ("one of the
        journalists, X")."""
        comma = next((j for j in range(s - 1, tstart - 1, -1) if self.texts[j] == ","), None)
        if comma is None or self.doc[e - 1].dep_ == "appos":
            return tstart, self._read_title(tstart, s)
        if any(r.person for r in self.roles if tstart <= r.start < comma):
            return tstart, self._read_title(tstart, s)
        return comma + 1, self._read_title(comma + 1, s)

    def _appositive_name_spans(self, spans: dict[tuple[int, int], str | None]) -> None:
        """'The Home Secretary, Shabana Mahmood,' with the name tagged ORG, 'The governor of Benue, Hyacinth
        Alia,' with it tagged EVENT: two or three capitalised proper nouns the parse sets in apposition after
        a comma to a singular title are that title's holder's name, whatever the model's label."""
        for tok in self.doc:
            if tok.dep_ != "appos" or tok.pos_ != "PROPN" or self._appositive_role(tok) is None:
                continue
            s, e = tok.left_edge.i, tok.i + 1
            if not 2 <= e - s <= 3 or s < 1 or self.texts[s - 1] != ",":
                continue
            if any(
                self.pos[j] != "PROPN" or not self.texts[j][:1].isupper() or not self.texts[j].isalpha()
                or j in self.anchor_at or j in self.role_at or self.ent_types[j] in _PLACE_LABELS
                for j in range(s, e)
            ):  # fmt: skip
                continue
            if not any(k[0] < e and s < k[1] for k in spans):
                spans[(s, e)] = None

    def _appositive_role(self, tok) -> _Role | None:
        """The singular person title a name in apposition (``tok``, its last word) belongs to: its head, or the
        title its head is the complement of ("the governor of the region of Belgorod, X", where the parse hangs
        X on "Belgorod"). Not a name that restates a common noun of the complement ("the chief executive of the
        company, Zentrix Holdings", "the president of the club, Kadunaville United"): one ending in a firm's word
        (``company_words``), one the parse hangs on such a noun, and one the model tags as an organisation set
        off right after one."""
        start = tok.left_edge.i
        if self.lowers[tok.i] in self.kb.company_words:
            return None
        head = tok.head
        if head.i < start - 1 and (role := self._title_role(head.i)) is not None:
            org = any(self.ent_types[j] == "ORG" for j in range(start, tok.i + 1))
            return None if org and role.end < start - 1 and self._common_noun(start - 2) else role
        if self._common_noun(head.i):
            return None
        for _ in range(6):
            if head.i >= start - 1:
                return None
            role = self._title_role(head.i)
            if role is not None:
                return role
            if head.dep_ not in ("pobj", "prep") or head.head.i >= head.i:
                return None
            head = head.head
        return None

    def _common_noun(self, i: int) -> bool:
        """Is token ``i`` a common noun that is no title word, place or known body ("company", "club")?"""
        return self.pos[i] == "NOUN" and i not in self.role_at and not self._place_or_body(i)

    def _place_or_body(self, i: int) -> bool:
        """Is token ``i`` in a place or a body the knowledge knows (an anchor), or a place the model tags?"""
        return i in self.anchor_at or self.ent_types[i] in ("GPE", "LOC", "NORP")

    def _unknown_org(self, i: int) -> bool:
        """Is token ``i`` inside an organisation's name that no knowledge entry or role word covers?"""
        if self.ent_types[i] != "ORG" or i in self.anchor_at or any(r.start <= i < r.end for r in self.roles):
            return False
        return not any(a.start <= i < a.end for a in self.anchors)

    def _title_role(self, i: int) -> _Role | None:
        """The singular person title whose words hold token ``i`` ("governor" in "the governor of Benue")."""
        role = next((r for r in self.roles if r.start <= i < r.end), None)
        return role if role is not None and role.person and not role.plural else None

    def _appositive_title(self, s: int, e: int) -> tuple[int, Title] | None:
        """(start, title) for a name set off by commas after a title with a complement, which the scan to the
        left stops at: 'the governor of the Zaporizhzhia region, Ivan Fedorov' is the governor, of the state
        the complement names. None when the complement holds another person's title ('a critic of the
        president, X' is no president)."""
        if s < 2 or self.texts[s - 1] != ",":
            return None
        tok = self.doc[e - 1]
        role = self._appositive_role(tok) if tok.dep_ == "appos" else None
        if role is None or any(r.person for r in self.roles if role.end <= r.start < s - 1):
            return None
        if any(self._unknown_org(j) for j in range(role.end, s - 1)):
            return None  # "the leader of the Corvane Civic League, X": a body the knowledge does not know
        start = min(self.doc[role.end - 1].left_edge.i, role.start)
        title = self._read_title(start, s - 1)
        return (start, title) if title.has_role else None

    def _first_name_spans(self, spans: dict[tuple[int, int], str | None]) -> None:
        """'Fox News host Sean Hannity' tagged ORG, 'Omar Mateen' tagged nothing: a known first name
        (``first_names`` in words.yaml) and one or two capitalised proper nouns after it are a person's name,
        whatever the model tagged them (organisation or nothing: a facility, a place or a work the model named is
        no person); not inside a longer name or a title, nor where a word of the name or the word after it makes
        the name an outlet's or a firm's ("Sean Hannity Airways", "The Sean Hannity Show" are no person)."""
        first_names, texts, ents = self.kb.first_names, self.texts, self.ent_types
        body_words = self.kb.outlet_words | self.kb.company_words
        for i, low in enumerate(self.lowers):
            if low not in first_names or self.pos[i] != "PROPN" or not texts[i][:1].isupper():
                continue
            if ents[i] not in ("", "ORG") or i in self.anchor_at or i in self.role_at:
                continue  # PERSON is the model's own person; FAC, GPE, WORK_OF_ART... name no one
            e = i + 1
            while (
                e < self.n
                and e - i <= 2
                and self.pos[e] == "PROPN"
                and texts[e][:1].isupper()
                and texts[e].replace("'", "").replace("-", "").isalpha()
                and sum(ch.isupper() for ch in texts[e]) <= 2  # "DeSantis", not words run together
                and e not in self.anchor_at
                and e not in self.role_at
                and ents[e] in ("", ents[i])
                and (ents[e] == "" or self.ent_inside[e])
            ):
                e += 1
            if e == i + 1 or (e < self.n and self.ent_inside[e] and ents[e] == ents[i] and ents[i]):
                continue  # no surname, or part of a longer name
            if any(self.lowers[k] in body_words for k in range(i + 1, min(e + 1, self.n))):
                continue  # "Ann Lee Airways", "Ann Lee Times": a firm or an outlet named after someone
            start = i
            while start > 0 and ents[i] and self.ent_inside[start]:
                start -= 1
            if ents[i] and self.lowers[start] == "the":
                continue  # "The Sean Hannity Show": a name of a thing
            if not any(k[0] < e and i < k[1] for k in spans):
                text = " ".join(texts[i:e])
                spans[(i, e)] = next((f.entry for f in self.kb.forms.get(text, ()) if f.form == "person"), None)

    def _pick_person(self, forms: list[Form]) -> str:
        """Of the people a name may mean ("Bush", "Clinton"): the one the article names in full, else the one
        holding a role on the article date, else the one whose last role ended latest before it."""
        people = [f.entry for f in forms if f.form == "person"]
        if len(people) < 2:
            return people[0]
        named = [e for e in people if e in self.full_named]
        if len(named) == 1:
            return named[0]
        if self.day is None:
            return people[0]
        entries = [self.kb.entries[e] for e in people if e in self.kb.entries]
        for entry in entries:
            if entry.at(self.day) is not None:
                return entry.id

        def last_end(entry: Entry) -> str:
            return max((r.end or "" for r in entry.roles if (r.start or "") <= self.day), default="")

        return max(entries, key=last_end).id if entries else people[0]

    def _same_person(self, s: int, e: int, entries: list[str | None]) -> str | None:
        """'Omar El Bashir' for 'Omar al-Bashir': the surname is known and the first name agrees."""
        last_inside = [x for x in entries if x]
        if not last_inside or (e - 1) not in self.anchor_at or self.anchor_at[e - 1].form.form != "person":
            return None
        entry = self.kb.entries.get(self.anchor_at[e - 1].form.entry)
        if entry is None:
            return None
        return entry.id if self.texts[s] in self.r._first_names.get(entry.id, frozenset()) else None

    def _people(self) -> None:
        for s, e, entry_id in self._person_spans():
            if self._claimed(s, e):
                continue
            name_text = " ".join(self.texts[s:e])
            tstart = self._own_title_start(s)
            tstart, title = self._past_comma(tstart, s, e)
            if tstart < s and self.texts[s - 1] == "," and not title.has_role:
                tstart, title = s, Title(start=s)  # "In Poland, Ann Lee said": a place before a comma is no title
            if not title.has_role and (got := self._appositive_title(s, e)) is not None:
                tstart, title = got
            appos_end = None
            if not title.has_role and title.country is None and e + 1 < self.n and self.texts[e] == ",":
                end2 = self._scan_right_title(e + 1)
                if end2 > e + 1:
                    t2 = self._read_title(e + 1, end2)
                    if t2.has_role:
                        title, appos_end = t2, end2
                        title.start = s
            if not title.has_role and title.country is None and e + 1 < self.n and self.lowers[e] == "of":
                a = self.anchor_at.get(e + 1)
                if a is not None and a.form.form in ("name", "capital") and (s - 1 >= 0 and (s - 1) in self.role_at):
                    entry = self.kb.entries[a.form.entry]
                    title.country, title.country_entry = entry.country, entry.id
                    appos_end = None
                    e_of = a.end
                else:
                    e_of = None
            else:
                e_of = None
            shared = False
            if title.former and self.doc[e - 1].dep_ == "compound" and self.doc[e - 1].head.i >= e:
                title.former = False  # "Former Ted Cruz Super PAC": 'former' goes with the PAC, not the man
            if not title.has_role and title.country is None and self._party_state(e):
                # "Ann Pike (D-Ohio)": the US style for a member of Congress
                title = Title(start=s, country="USA", country_entry="state.USA", role="member of congress")
                title.sector, title.has_role = "LEG", True
            if not title.has_role and title.country is None:
                got = self._shared_title(e)  # "Sens. A, B and C": B and C are senators too
                if got is not None:
                    title, shared = got, True
            actor = self._find_person(s, e, name_text, entry_id)
            entry = self.kb.entries.get(entry_id) if entry_id else None
            rule = "kb-person" if entry else "person"
            if actor is None:
                actor = self._new_person(name_text, entry, title)
            else:
                rule = "coref-name"
                self._fill_from_title(actor, title)
            if title.has_role or title.country:
                rule = ("shared-title+" if shared else "title+") + rule
            rule = f"{rule}:{actor.entry}" if actor.entry else rule
            start = tstart if tstart < s else s
            self._mention(actor, start, e_of or e, rule)
            if shared or any(self.role_at[j].plural for j in range(tstart, s) if j in self.role_at):
                self.plural_titles[actor.id] = title
            if appos_end is not None:
                self._mention(actor, e + 1, appos_end, f"apposition:{actor.entry}" if actor.entry else "apposition")
            last = self.texts[e - 1]
            if e - s >= 2 and last[:1].isupper():
                self.surnames.setdefault(last, actor)
                first = self.texts[s]
                if first[:1].isupper() and first.isalpha():
                    # "Hillary" after "Hillary Clinton": the one person named in full with that first name
                    self.first_named[first] = actor if self.first_named.get(first, actor) is actor else None

    def _party_state(self, e: int) -> bool:
        """A name followed by a US party and state in brackets: "(D-Ohio)", "(R-Tenn.)", "(I-Vt.)"."""
        t = self.texts
        if e + 4 >= self.n or t[e] != "(" or t[e + 1] not in ("D", "R", "I") or t[e + 2] not in ("-", "–"):
            return False
        return t[e + 4] == ")" or (e + 5 < self.n and t[e + 5] == ")")

    def _shared_title(self, e: int) -> Title | None:
        """The plural title of the first of coordinated names ("Sens. A, B and C"), for the later ones."""
        tok = self.doc[e - 1]
        for _ in range(6):
            if tok.dep_ not in ("conj", "appos") or tok.head.i >= tok.i:
                return None
            tok = tok.head
            m = self.table.at_token(tok.i)
            if m is not None:
                return self.plural_titles.get(m.actor_id)
        return None

    def _find_person(self, s: int, e: int, name_text: str, entry_id: str | None) -> Actor | None:
        if entry_id and entry_id in self.person_entries:
            return self.person_entries[entry_id]
        actor = self.by_key.get(("person", name_text))
        if actor is not None:
            return actor
        if e - s == 1 and (actor := self._surname_actor(s)) is not None:
            return actor
        if e - s == 1 and (actor := self.first_named.get(self.texts[s])) is not None:
            return actor
        if e - s >= 2 and self.texts[e - 1] in self.surnames:
            # "Sergei Andreev" after "Andreev"? only if the earlier full name matches
            earlier = self.surnames[self.texts[e - 1]]
            if earlier.name == name_text:
                return earlier
        return None

    def _new_person(self, name_text: str, entry: Entry | None, title: Title) -> Actor:
        country = title.country
        sector = title.sector if title.has_role else None
        role = title.role
        accredited = title.accredited_to
        org = title.org
        name = name_text
        secondary: list[str] = []
        former = title.former
        if entry is not None:
            name = entry.name
            held = entry.at(self.day)
            if held is not None:
                country = country or held.country or entry.country
                org = org or held.org
                if former and held.sector:
                    # "former Secretary of State Hillary Clinton" on the campaign: the office she holds on the day
                    # names her sector, the former one stays secondary
                    if sector and sector not in ("ELI", held.sector):
                        secondary.append(sector)
                    sector, role, former = held.sector, held.role, False
                elif sector and held.sector and sector != held.sector:
                    # "businessman Donald Trump", "Sen. Bernie Sanders" on the campaign: the title says what else
                    # they are (secondary), the role held on the day what they act as: its sector and its role
                    secondary.append(sector)
                    sector, role = held.sector, held.role or role
                if sector is None:
                    sector = held.sector
                role = role or held.role
                accredited = accredited or held.accredited_to
                # a senator running for president is PTY, and LEG too
                for other in entry.roles:
                    if other is not held and other.sector and other.sector not in (sector, *secondary):
                        if self.day is not None and other.holds_on(self.day):
                            secondary.append(other.sector)
            else:
                country = country or entry.country
                if entry.after_all_roles(self.day) and sector is None:
                    last = max(entry.roles, key=lambda r: r.end or "")
                    sector, role = "ELI", role or f"former {last.role}" if last.role else None
                    if last.sector:
                        secondary.append(last.sector)
        if former and sector and sector != "ELI":
            secondary.append(sector)
            sector = "ELI"
        org_entry = self.kb.entries.get(org) if org else None
        org_cameo = own_cameo_code(org_entry) if org_entry is not None else None
        key = ("person-entry", entry.id) if entry else ("person", name_text)
        actor = self._actor(
            key, name=name, country=country, sector=sector, secondary_sectors=secondary,
            cameo=cameo_code(country, sector, org_cameo), kind="person", role=role, accredited_to=accredited,
            entry=entry.id if entry else (title.country_entry if title.country_entry else None),
        )  # fmt: skip
        self.by_key.setdefault(("person", name_text), actor)
        if entry is not None:
            self.person_entries[entry.id] = actor
        return actor

    def _fill_from_title(self, actor: Actor, title: Title) -> None:
        if actor.country is None and title.country:
            actor.country = title.country
        if actor.sector is None and title.has_role:
            actor.sector = title.sector
        if actor.role is None and title.role:
            actor.role = title.role
        if actor.accredited_to is None and title.accredited_to:
            actor.accredited_to = title.accredited_to
        actor.cameo = actor.cameo or cameo_code(actor.country, actor.sector)

    # ------------------------------------------------------------------ organisation entities with a state word
