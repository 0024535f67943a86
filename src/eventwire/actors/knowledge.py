"""Actor knowledge: load, validate and index the YAML files under ``knowledge/data/actors``.

Four sections, in any file (shipped or a user's overlay):

- ``states``: ISO alpha-3 ``code``, ``name``, ``names`` (short forms and
  abbreviations), ``adjectives``, ``demonyms``, ``capitals``, ``seats``
  (``{text, sector}``: "the Kremlin", "the Pentagon") and ``regions``.
- ``organisations``: IGOs, NGOs, armed groups, parties, named institutions.
- ``people``: people with dated ``roles`` (checked against the article date).
- ``roles``/``sectors``/``envoys``/``former``/``subordinate``/``modifiers``/``domestic``: role words, PLOVER
  sectors, the words that may stand inside a title, and the titles that are held at home
  (a senator, a sheriff) so they take the article's home country before a state the sentence names.
- ``publishers`` (``{country, names}``: domains and short names of news sites) and
  ``generic_tlds`` (country-code domains used worldwide: ``.tv``, ``.io``): an article's home country;
  ``news_words`` (``observer``, ``express``): what follows a state's name in a news site's domain
  ("jamaicaobserver.com"), so such a site's home is that state; ``outlet_words`` and ``company_words``: the last
  word of a name the model tags as an organisation that makes it a news outlet (JRN: "The Lakeside Register")
  or a firm (BUS: "Harlow Motor", "Acme Holdings").
- ``no_state``: regional constructs PLOVER gives no country ("Americas", "Balkans"), never read as a
  misspelt state word.
- ``subdivisions``: ``countries`` whose first-level regions (from pycountry; all levels for
  ``GBR``) resolve to them, and ``names`` (``{name, country}``) for English names pycountry lacks.

A user file overlays the shipped ones: an entry with a known ``id`` (or a
state ``code``) replaces the shipped entry (states merge their name lists),
a new id adds one. Every problem is reported as ``file:line: what is wrong``
and raised together as :class:`~eventwire.errors.KnowledgeError`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.knowledge.loader import LineOf, Problems, check_version, load_yaml_with_lines, shipped_files

NON_STATE_CODES = frozenset({"IGO", "UNO", "EUR", "NGO", "IMG", "ISM", "MNC"})
ENTRY_KINDS = frozenset({"organisation", "group"})
_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_SECTIONS = {
    "version", "states", "organisations", "people", "roles", "sectors", "envoys", "former", "subordinate", "modifiers", "domestic",
    "publishers", "generic_tlds", "news_words", "outlet_words", "company_words", "subdivisions", "no_state", "top_offices", "pronouns", "honorifics",
    "work_words", "stance_before", "others_title", "people_demonyms", "plural_pronouns", "first_person", "first_names",
    "org_anaphors", "handle_prefixes", "group_nouns", "title_abbreviations", "same_office", "no_antecedent", "no_one", "counting",
}  # fmt: skip
_GENDERS = ("m", "f")
# CAMEO has no code for these PLOVER sectors (PRM is closest to CAMEO's MIL).
_CAMEO_SECTOR = {"PRM": "MIL", "PRE": "", "SOC": "", "UNK": ""}
_STATE_KEYS = {"code", "name", "names", "adjectives", "demonyms", "capitals", "seats", "regions", "peoples", "cameo"}
_ORG_KEYS = {"id", "name", "names", "country", "sector", "secondary", "kind", "cameo", "roles", "seats"}
_PERSON_KEYS = {"id", "name", "names", "country", "roles", "epithets"}
_PERSON_ROLE_KEYS = {"role", "sector", "country", "org", "accredited_to", "from", "to"}
_ORG_ROLE_KEYS = {"country", "sector", "from", "to"}


@dataclass(frozen=True)
class DatedRole:
    """A role held between two dates (either end open)."""

    role: str | None
    sector: str | None
    country: str | None
    org: str | None = None
    accredited_to: str | None = None
    start: str | None = None
    end: str | None = None

    def holds_on(self, day: str) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass
class Entry:
    """One knowledge entry: a state, an organisation or group, or a person."""

    id: str
    kind: str  # state | organisation | group | person
    name: str
    country: str | None
    sector: str | None = None
    cameo: str | None = None
    roles: list[DatedRole] = field(default_factory=list)
    where: str = ""  # file:line, for messages
    secondary: list[str] = field(default_factory=list)
    # what the press calls a person besides their offices ("the businessman", "the mogul"): person role words
    # (roles.yaml) a title naming the person again may use, whatever office they hold on the day
    epithets: tuple[str, ...] = ()

    def at(self, day: str | None) -> DatedRole | None:
        """The role that applies on ``day`` (YYYY-MM-DD); with no day, the latest role."""
        if not self.roles:
            return None
        if day is None:
            return max(self.roles, key=lambda r: (r.end is None, r.start or ""))
        for role in sorted(self.roles, key=lambda r: r.start or "", reverse=True):
            if role.holds_on(day):
                return role
        return None

    def after_all_roles(self, day: str | None) -> bool:
        return day is not None and bool(self.roles) and all(r.end is not None and r.end < day for r in self.roles)


@dataclass(frozen=True)
class Form:
    """How a surface string points at an entry: as its name, an adjective, a capital, ..."""

    entry: str
    form: str  # name | adjective | demonym | capital | seat | region | people | org | person
    sector: str | None = None  # seats carry the sector they stand for


@dataclass
class ActorKnowledge:
    """Everything the resolver looks up, indexed once."""

    entries: dict[str, Entry] = field(default_factory=dict)
    forms: dict[str, list[Form]] = field(default_factory=dict)  # surface text -> forms
    sectors: dict[str, str] = field(default_factory=dict)  # code -> label
    roles: dict[str, str] = field(default_factory=dict)  # lower-case role phrase -> sector
    person_roles: set[str] = field(default_factory=set)  # role phrases that name a person's title
    role_countries: dict[str, str] = field(default_factory=dict)  # role phrase -> default country (NGO, ...)
    envoys: set[str] = field(default_factory=set)
    former: set[str] = field(default_factory=set)
    subordinate: set[str] = field(default_factory=set)  # "vice", "deputy": "vice president" is not "the president"
    modifiers: set[str] = field(default_factory=set)
    domestic: set[str] = field(default_factory=set)  # titles held at home ("senator", "sheriff")
    publishers: dict[str, str] = field(default_factory=dict)  # normalised site name -> alpha-3
    generic_tlds: set[str] = field(default_factory=set)  # "tv", "io": no country
    news_words: set[str] = field(default_factory=set)  # "observer": "jamaicaobserver.com" is a Jamaican site
    outlet_words: set[str] = field(default_factory=set)  # "register": "The Lakeside Register" is a news outlet
    company_words: set[str] = field(default_factory=set)  # "holdings": "Acme Holdings" is a firm
    subdivision_countries: list[str] = field(default_factory=list)  # alpha-3 whose regions pycountry gives
    subdivision_names: dict[str, str] = field(default_factory=dict)  # English region name -> alpha-3
    no_state: set[str] = field(default_factory=set)  # regional constructs with no state ("Americas", "Balkans")
    top_offices: tuple[str, ...] = ()  # the offices "the Russian leader" may mean, by precedence
    pronouns: dict[str, str] = field(default_factory=dict)  # "she" -> "f"
    honorifics: dict[str, str] = field(default_factory=dict)  # "ms" -> "f"
    first_names: dict[str, str] = field(default_factory=dict)  # "hillary" -> "f"
    work_words: set[str] = field(default_factory=set)  # "film": a title of a work may follow
    stance_before: set[str] = field(default_factory=set)  # "despite": "opposition" after it is a stance
    # nouns naming people or a body ("donor", "department" and the one-word roles): an unresolved participant they
    # head may take the article's home state
    group_nouns: set[str] = field(default_factory=set)
    others_title: set[str] = field(default_factory=set)  # "for": "a spokesperson for X" is not X
    plural_pronouns: set[str] = field(default_factory=set)  # "they": back to a group named in the plural
    first_person: set[str] = field(default_factory=set)  # "I", "we": in a quote, its speaker (``self_refs``)
    handle_prefixes: set[str] = field(default_factory=set)  # "real": "@realDonaldTrump" spells Donald Trump
    no_antecedent: set[str] = field(default_factory=set)  # "each": "each candidate" is no one named before
    no_one: set[str] = field(default_factory=set)  # "no": "No official commented" names no actor
    counting: set[str] = field(default_factory=set)  # "several": "several official" (a misparse) is no one named before
    title_abbreviations: dict[str, str] = field(default_factory=dict)  # "sen." -> "senator"
    same_office: dict[str, str] = field(default_factory=dict)  # "nominee" -> "candidate": a title naming it again
    # "group" -> the sectors of the named organisations "the group" may refer back to ("" for no sector)
    org_anaphors: dict[str, frozenset[str]] = field(default_factory=dict)
    people_demonyms: dict[str, set[str]] = field(default_factory=dict)  # "indian" -> {"tribe", ...}: no India
    # a capital that also seats an organisation -> its ids ("Brussels" -> org.eu): see ``ActorResolver``'s capitals
    org_seats: dict[str, list[str]] = field(default_factory=dict)

    def state(self, code: str) -> Entry | None:
        return self.entries.get(f"state.{code}")


def _norm_date(value: Any) -> str | None:
    """YAML gives dates as ``date`` objects or strings; keep YYYY-MM-DD strings (partial dates padded)."""
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if len(text) == 4:
        return text + "-01-01"
    if len(text) == 7:
        return text + "-01"
    return text


class _Builder:
    """Reads raw files into entries; collects problems with file:line."""

    def __init__(self) -> None:
        self.problems = Problems()
        self.states: dict[str, dict[str, Any]] = {}
        self.state_where: dict[str, str] = {}
        self.orgs: dict[str, tuple[dict[str, Any], str, LineOf, tuple]] = {}
        self.people: dict[str, tuple[dict[str, Any], str, LineOf, tuple]] = {}
        self.sectors: dict[str, str] = {}
        self.role_words: dict[str, str] = {}
        self.person_roles: set[str] = set()
        self.role_countries: dict[str, str] = {}
        self.envoys: set[str] = set()
        self.former: set[str] = set()
        self.subordinate: set[str] = set()
        self.modifiers: set[str] = set()
        self.domestic: set[str] = set()
        self.publishers: dict[str, str] = {}
        self.generic_tlds: set[str] = set()
        self.news_words: set[str] = set()
        self.outlet_words: set[str] = set()
        self.company_words: set[str] = set()
        self.subdivision_countries: list[str] = []
        self.subdivision_names: dict[str, str] = {}
        self.no_state: set[str] = set()
        self.top_offices: list[str] = []
        self.pronouns: dict[str, str] = {}
        self.honorifics: dict[str, str] = {}
        self.first_names: dict[str, str] = {}
        self.work_words: set[str] = set()
        self.stance_before: set[str] = set()
        self.group_nouns: set[str] = set()
        self.others_title: set[str] = set()
        self.plural_pronouns: set[str] = set()
        self.first_person: set[str] = set()
        self.handle_prefixes: set[str] = set()
        self.no_antecedent: set[str] = set()
        self.counting: set[str] = set()
        self.no_one: set[str] = set()
        self.title_abbreviations: dict[str, str] = {}
        self.same_office: dict[str, str] = {}
        self.org_anaphors: dict[str, frozenset[str]] = {}
        self.people_demonyms: dict[str, set[str]] = {}
        self.pending_checks: list[tuple[str, int, str, str]] = []  # (path, line, what, code)
        self.pending_sectors: list[tuple[str, int, str]] = []
        self.pending_orgs: list[tuple[str, int, str]] = []
        self.pending_seats: list[tuple[str, int, str, str]] = []  # (file, line, seat, organisation id)

    # --- helpers
    def _where(self, path: Path, line_of: LineOf, key: tuple) -> str:
        return f"{path}:{line_of(key)}"

    def _strings(self, value: Any, path: Path, line_of: LineOf, key: tuple, what: str) -> list[str]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.problems.add(path, line_of(key), f"'{what}' must be a list of strings")
            return []
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self.problems.add(path, line_of((*key, i)), f"'{what}' item {item!r} must be a non-empty string")
            else:
                out.append(item.strip())
        return out

    def _unknown_keys(self, item: dict, allowed: set[str], path: Path, line_of: LineOf, key: tuple, what: str) -> None:
        for k in item:
            if k not in allowed:
                self.problems.add(
                    path, line_of((*key, k)), f"unknown key {k!r} in {what} (allowed: {', '.join(sorted(allowed))})"
                )

    def _country(self, value: Any, path: Path, line: int, what: str) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str) or not re.fullmatch(r"[A-Z]{3}", value):
            self.problems.add(
                path, line, f"{what} {value!r} must be a 3-letter code (ISO alpha-3 or IGO/UNO/EUR/NGO/IMG/ISM/MNC)"
            )
            return None
        self.pending_checks.append((str(path), line, what, value))
        return value

    def _sector(self, value: Any, path: Path, line: int) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str):
            self.problems.add(path, line, f"sector {value!r} must be a PLOVER sector code such as GOV or MIL")
            return None
        self.pending_sectors.append((str(path), line, value))
        return value

    def _date(self, value: Any, path: Path, line: int, what: str) -> str | None:
        if value is None:
            return None
        if isinstance(value, dt.date):
            return value.isoformat()
        norm = _norm_date(value) if isinstance(value, str | int) and _DATE_RE.match(str(value)) else None
        try:
            dt.date.fromisoformat(norm or "")
        except ValueError:
            self.problems.add(path, line, f"'{what}' {value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
            return None
        return norm

    # --- sections
    def add_file(self, path: Path) -> None:
        try:
            data, line_of = load_yaml_with_lines(path)
        except Exception as err:  # KnowledgeError: keep collecting the other files' problems
            self.problems.extend(getattr(err, "problems", [str(err)]))
            return
        if not check_version(data, path, line_of, self.problems):
            return
        for key in data:
            if key not in _SECTIONS:
                self.problems.add(
                    path, line_of((key,)), f"unknown section {key!r} (allowed: {', '.join(sorted(_SECTIONS))})"
                )
        self._sectors(data.get("sectors"), path, line_of)
        self._roles(data, path, line_of)
        self._section(data, "states", path, line_of, self._state)
        self._section(data, "organisations", path, line_of, self._org)
        self._section(data, "people", path, line_of, self._person)
        self._publishers(data.get("publishers"), path, line_of)
        self._subdivisions(data.get("subdivisions"), path, line_of)
        self._words(data, path, line_of)

    def _words(self, data: dict, path: Path, line_of: LineOf) -> None:
        """The English words the resolver reads with (``words.yaml``); a later file's list replaces
        ``top_offices`` (an order), and adds to the others."""
        offices = self._strings(data.get("top_offices"), path, line_of, ("top_offices",), "top_offices")
        if offices:
            self.top_offices = [w.lower() for w in offices]
        for name, target in (
            ("work_words", self.work_words),
            ("stance_before", self.stance_before),
            ("group_nouns", self.group_nouns),
            ("others_title", self.others_title),
            ("plural_pronouns", self.plural_pronouns),
            ("first_person", self.first_person),
            ("handle_prefixes", self.handle_prefixes),
            ("no_antecedent", self.no_antecedent),
            ("no_one", self.no_one),
            ("counting", self.counting),
        ):
            target.update(w.lower() for w in self._strings(data.get(name), path, line_of, (name,), name))
        self._people_demonyms(data.get("people_demonyms"), path, line_of)
        self._org_anaphors(data.get("org_anaphors"), path, line_of)
        self._title_abbreviations(data.get("title_abbreviations"), path, line_of)
        self._same_office(data.get("same_office"), path, line_of)
        for name, target in (
            ("pronouns", self.pronouns),
            ("honorifics", self.honorifics),
            ("first_names", self.first_names),
        ):
            value = data.get(name)
            if value is None:
                continue
            if not isinstance(value, dict) or not set(value) <= set(_GENDERS):
                self.problems.add(path, line_of((name,)), f"'{name}' must map m and f to lists of words")
                continue
            for gender, words in value.items():
                for word in self._strings(words, path, line_of, (name, gender), f"{name}.{gender}"):
                    target[word.lower().rstrip(".")] = gender

    def _title_abbreviations(self, value: Any, path: Path, line_of: LineOf) -> None:
        """``title_abbreviations``: "sen." -> "senator" (an abbreviation ends with its full stop; a later file's
        entry replaces one of the same abbreviation)."""
        self._word_map(
            "title_abbreviations", value, path, line_of, self.title_abbreviations,
            key_ok=lambda short: short.endswith("."),
            problem="title abbreviation {!r}: need an abbreviation ending in '.' and the word it stands for",
        )  # fmt: skip

    def _same_office(self, value: Any, path: Path, line_of: LineOf) -> None:
        """``same_office``: a title word and the office word it names again ("nominee" -> "candidate"; a later
        file's entry replaces one of the same word)."""
        self._word_map(
            "same_office", value, path, line_of, self.same_office,
            key_ok=lambda word: bool(word.strip()), problem="same_office {!r}: need a title word and an office word",
        )  # fmt: skip

    def _word_map(
        self,
        key: str,
        value: Any,
        path: Path,
        line_of: LineOf,
        target: dict[str, str],
        *,
        key_ok: Callable[[str], bool],
        problem: str,
    ) -> None:
        """A class mapping one word to another, lower-cased into ``target``: the two above differ only in what
        makes a key good and in the words of their problem."""
        if value is None:
            return
        if not isinstance(value, dict):
            self.problems.add(path, line_of((key,)), f"'{key}' must map words to words")
            return
        for word, other in value.items():
            if not (isinstance(word, str) and key_ok(word) and isinstance(other, str) and other.strip()):
                self.problems.add(path, line_of((key, word)), problem.format(word))
            else:
                target[word.strip().lower()] = other.strip().lower()

    def _org_anaphors(self, value: Any, path: Path, line_of: LineOf) -> None:
        """``org_anaphors``: a noun ("group") and the sectors of the organisations it may name again; ``null``
        in the list stands for an organisation of no known sector (a later file's noun replaces its list)."""
        if value is None:
            return
        if not isinstance(value, dict):
            self.problems.add(path, line_of(("org_anaphors",)), "'org_anaphors' must map nouns to lists of sectors")
            return
        for noun, sectors in value.items():
            if not isinstance(sectors, list):
                self.problems.add(path, line_of(("org_anaphors", noun)), f"org_anaphors.{noun} must be a list")
                continue
            codes = set()
            for code in sectors:
                if code is None:
                    codes.add("")
                else:
                    got = self._sector(code, path, line_of(("org_anaphors", noun)))
                    if got:
                        codes.add(got)
            self.org_anaphors[str(noun).lower()] = frozenset(codes)

    def _people_demonyms(self, value: Any, path: Path, line_of: LineOf) -> None:
        """``people_demonyms``: a state's adjective that names a people before these words (adds to the lists)."""
        if value is None:
            return
        if not isinstance(value, dict):
            self.problems.add(path, line_of(("people_demonyms",)), "'people_demonyms' must map words to lists")
            return
        for word, after in value.items():
            key = ("people_demonyms", word)
            words = self._strings(after, path, line_of, key, f"people_demonyms.{word}")
            self.people_demonyms.setdefault(str(word).lower(), set()).update(w.lower() for w in words)

    def _publishers(self, value: Any, path: Path, line_of: LineOf) -> None:
        if value is None:
            return
        if not isinstance(value, list):
            self.problems.add(path, line_of(("publishers",)), "'publishers' must be a list of {country, names}")
            return
        for i, item in enumerate(value):
            key = ("publishers", i)
            if not isinstance(item, dict):
                self.problems.add(path, line_of(key), "a publisher item must be {country: ..., names: [...]}")
                continue
            self._unknown_keys(item, {"country", "names"}, path, line_of, key, "a publisher item")
            country = self._country(item.get("country"), path, line_of((*key, "country")), "publisher country")
            if country is None:
                self.problems.add(path, line_of(key), "a publisher item needs a 'country'")
                continue
            for name in self._strings(item.get("names"), path, line_of, (*key, "names"), "names"):
                self.publishers[site_key(name)] = country

    def _subdivisions(self, value: Any, path: Path, line_of: LineOf) -> None:
        if value is None:
            return
        if not isinstance(value, dict):
            self.problems.add(path, line_of(("subdivisions",)), "'subdivisions' must be {countries, names}")
            return
        self._unknown_keys(value, {"countries", "names"}, path, line_of, ("subdivisions",), "subdivisions")
        for j, code in enumerate(
            self._strings(value.get("countries"), path, line_of, ("subdivisions", "countries"), "countries")
        ):
            if self._country(code, path, line_of(("subdivisions", "countries", j)), "subdivision country"):
                self.subdivision_countries.append(code)
        names = value.get("names") or []
        if not isinstance(names, list):
            self.problems.add(path, line_of(("subdivisions", "names")), "'names' must be a list of {name, country}")
            return
        for j, item in enumerate(names):
            key = ("subdivisions", "names", j)
            if not isinstance(item, dict) or not isinstance(item.get("name"), str):
                self.problems.add(path, line_of(key), "a subdivision name must be {name: ..., country: ...}")
                continue
            self._unknown_keys(item, {"name", "country"}, path, line_of, key, "a subdivision name")
            country = self._country(item.get("country"), path, line_of((*key, "country")), "subdivision country")
            if country:
                self.subdivision_names[item["name"].strip()] = country

    def _section(self, data: dict, name: str, path: Path, line_of: LineOf, fn) -> None:
        items = data.get(name)
        if items is None:
            return
        if not isinstance(items, list):
            self.problems.add(path, line_of((name,)), f"'{name}' must be a list of entries")
            return
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            key = (name, i)
            if not isinstance(item, dict):
                self.problems.add(path, line_of(key), f"each item of '{name}' must be a mapping")
                continue
            ident = item.get("code" if name == "states" else "id")
            if isinstance(ident, str):
                if ident in seen:
                    self.problems.add(path, line_of(key), f"duplicate id {ident!r} (first at line {seen[ident]})")
                    continue
                seen[ident] = line_of(key)
            fn(item, path, line_of, key)

    def _sectors(self, value: Any, path: Path, line_of: LineOf) -> None:
        if value is None:
            return
        if not isinstance(value, dict):
            self.problems.add(path, line_of(("sectors",)), "'sectors' must map sector codes to labels")
            return
        for code, label in value.items():
            if not isinstance(code, str) or not re.fullmatch(r"[A-Z]{3}", code) or not isinstance(label, str):
                self.problems.add(
                    path, line_of(("sectors", code)), f"sector {code!r}: need a 3-letter code and a label"
                )
            else:
                self.sectors[code] = label

    def _roles(self, data: dict, path: Path, line_of: LineOf) -> None:
        lists = (
            ("envoys", self.envoys), ("former", self.former), ("subordinate", self.subordinate),
            ("modifiers", self.modifiers),
            ("domestic", self.domestic), ("generic_tlds", self.generic_tlds), ("no_state", self.no_state),
            ("news_words", self.news_words), ("outlet_words", self.outlet_words),
            ("company_words", self.company_words),
        )  # fmt: skip
        for name, target in lists:
            target.update(w.lower() for w in self._strings(data.get(name), path, line_of, (name,), name))
        roles = data.get("roles")
        if roles is None:
            return
        if not isinstance(roles, list):
            self.problems.add(path, line_of(("roles",)), "'roles' must be a list of {sector, people, groups}")
            return
        for i, item in enumerate(roles):
            key = ("roles", i)
            if not isinstance(item, dict):
                self.problems.add(path, line_of(key), "each role item must be a mapping {sector, people, groups}")
                continue
            self._unknown_keys(item, {"sector", "people", "groups", "country"}, path, line_of, key, "a role item")
            sector = self._sector(item.get("sector"), path, line_of((*key, "sector")))
            if sector is None:
                self.problems.add(path, line_of(key), "role item needs a 'sector'")
                continue
            country = self._country(item.get("country"), path, line_of((*key, "country")), "role country")
            for group in ("people", "groups"):
                for word in self._strings(item.get(group), path, line_of, (*key, group), group):
                    self.role_words[word.lower()] = sector
                    if group == "people":
                        self.person_roles.add(word.lower())
                    if country:
                        self.role_countries[word.lower()] = country

    def _state(self, item: dict, path: Path, line_of: LineOf, key: tuple) -> None:
        self._unknown_keys(item, _STATE_KEYS, path, line_of, key, "a state")
        code = item.get("code")
        if not isinstance(code, str) or not re.fullmatch(r"[A-Z]{3}", code):
            self.problems.add(path, line_of((*key, "code")), f"state 'code' {code!r} must be an ISO alpha-3 code")
            return
        state = self.states.setdefault(code, {"code": code})
        if "name" in item:
            if not isinstance(item["name"], str) or not item["name"].strip():
                self.problems.add(path, line_of((*key, "name")), "state 'name' must be a non-empty string")
            else:
                state["name"] = item["name"].strip()
        elif "name" not in state:
            self.problems.add(path, line_of(key), f"new state {code} needs a 'name'")
        if "cameo" in item:
            state["cameo"] = item["cameo"]
        for lst in ("names", "adjectives", "demonyms", "capitals", "regions", "peoples"):
            for s in self._strings(item.get(lst), path, line_of, (*key, lst), lst):
                if s not in state.setdefault(lst, []):
                    state[lst].append(s)
        seats = item.get("seats")
        if seats is not None:
            if not isinstance(seats, list):
                self.problems.add(path, line_of((*key, "seats")), "'seats' must be a list of {text, sector}")
            else:
                for j, seat in enumerate(seats):
                    skey = (*key, "seats", j)
                    if not isinstance(seat, dict) or not isinstance(seat.get("text"), str):
                        self.problems.add(path, line_of(skey), "a seat must be {text: ..., sector: ...}")
                        continue
                    self._unknown_keys(seat, {"text", "sector"}, path, line_of, skey, "a seat")
                    sector = self._sector(seat.get("sector"), path, line_of((*skey, "sector")))
                    state.setdefault("seats", []).append((seat["text"], sector))
        self.state_where.setdefault(code, self._where(path, line_of, key))

    def _common(
        self, item: dict, path: Path, line_of: LineOf, key: tuple, what: str
    ) -> tuple[str, str, list[str]] | None:
        ident = item.get("id")
        ok = True
        if not isinstance(ident, str) or not ident.strip():
            self.problems.add(path, line_of(key), f"{what} needs an 'id' (a short unique string)")
            ok = False
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            self.problems.add(
                path, line_of((*key, "name")) if "name" in item else line_of(key), f"{what} needs a 'name'"
            )
            ok = False
        names = self._strings(item.get("names"), path, line_of, (*key, "names"), "names")
        if "names" not in item:
            self.problems.add(path, line_of(key), f"{what} {ident!r} needs 'names' (the texts to match)")
            ok = False
        return (ident, name, names) if ok else None

    def _org(self, item: dict, path: Path, line_of: LineOf, key: tuple) -> None:
        self._unknown_keys(item, _ORG_KEYS, path, line_of, key, "an organisation")
        got = self._common(item, path, line_of, key, "organisation")
        if "country" not in item:
            self.problems.add(
                path, line_of(key), "organisation needs a 'country' (ISO alpha-3 or IGO/UNO/EUR/NGO/IMG/...)"
            )
        kind = item.get("kind", "organisation")
        if kind not in ENTRY_KINDS:
            self.problems.add(path, line_of((*key, "kind")), f"'kind' {kind!r} must be one of {sorted(ENTRY_KINDS)}")
        if got:
            self.orgs[got[0]] = (item, str(path), line_of, key)

    def _person(self, item: dict, path: Path, line_of: LineOf, key: tuple) -> None:
        self._unknown_keys(item, _PERSON_KEYS, path, line_of, key, "a person")
        got = self._common(item, path, line_of, key, "person")
        if got:
            self.people[got[0]] = (item, str(path), line_of, key)

    def _epithets(self, item: dict, path: str, line_of: LineOf, key: tuple) -> tuple[str, ...]:
        """A person's ``epithets``: each must be a person's role word of roles.yaml, the only words the resolver
        reads as a title ("mogul" is one, "reality star" is not)."""
        out = []
        for j, word in enumerate(self._strings(item.get("epithets"), path, line_of, (*key, "epithets"), "epithets")):
            if word.lower() not in self.person_roles:
                self.problems.add(
                    path, line_of((*key, "epithets", j)), f"epithet {word!r} is no person's role word in roles.yaml"
                )
            else:
                out.append(word.lower())
        return tuple(out)

    def _dated_roles(self, item: dict, path: str, line_of: LineOf, key: tuple, person: bool) -> list[DatedRole]:
        roles = item.get("roles")
        if roles is None:
            return []
        if not isinstance(roles, list):
            self.problems.add(path, line_of((*key, "roles")), "'roles' must be a list of {role, sector, from, to}")
            return []
        out = []
        for j, r in enumerate(roles):
            rkey = (*key, "roles", j)
            line = line_of(rkey)
            if not isinstance(r, dict):
                self.problems.add(
                    path, line, "a role must be a mapping such as {role: president, sector: GOV, from: 2000-05-07}"
                )
                continue
            self._unknown_keys(r, _PERSON_ROLE_KEYS if person else _ORG_ROLE_KEYS, path, line_of, rkey, "a role")
            start = self._date(r.get("from"), path, line_of((*rkey, "from")), "from")
            end = self._date(r.get("to"), path, line_of((*rkey, "to")), "to")
            if start and end and start > end:
                self.problems.add(path, line, f"role starts ({start}) after it ends ({end})")
            role = r.get("role")
            if role is not None and not isinstance(role, str):
                self.problems.add(path, line_of((*rkey, "role")), f"'role' {role!r} must be a string")
                role = None
            org = r.get("org")
            if org is not None:
                self.pending_orgs.append((path, line_of((*rkey, "org")), org))
            out.append(
                DatedRole(
                    role=role,
                    sector=self._sector(r.get("sector"), path, line_of((*rkey, "sector"))),
                    country=self._country(r.get("country"), path, line_of((*rkey, "country")), "role country"),
                    org=org,
                    accredited_to=self._country(
                        r.get("accredited_to"), path, line_of((*rkey, "accredited_to")), "accredited_to"
                    ),
                    start=start,
                    end=end,
                )
            )
        return out

    # --- compile
    def build(self) -> ActorKnowledge:
        """The knowledge of every file read, once all are read (a user file may add the state or sector an
        earlier file names); raises KnowledgeError with every problem found."""
        kb = self._word_tables()
        self._add_states(kb)
        self._add_orgs(kb)
        self._add_people(kb)
        self._cross_check(kb)
        self.problems.raise_if_any()
        return kb

    def _word_tables(self) -> ActorKnowledge:
        """A knowledge with the files' word lists and maps, copied, and no entries yet."""
        kb = ActorKnowledge(sectors=dict(self.sectors), roles=dict(self.role_words))
        kb.person_roles = set(self.person_roles)
        kb.role_countries = dict(self.role_countries)
        kb.envoys, kb.former, kb.modifiers = set(self.envoys), set(self.former), set(self.modifiers)
        kb.subordinate = set(self.subordinate)
        kb.domestic, kb.generic_tlds = set(self.domestic), set(self.generic_tlds)
        kb.publishers = dict(self.publishers)
        kb.no_state = set(self.no_state)
        kb.news_words = set(self.news_words)
        kb.outlet_words, kb.company_words = set(self.outlet_words), set(self.company_words)
        kb.top_offices = tuple(self.top_offices)
        kb.pronouns, kb.honorifics = dict(self.pronouns), dict(self.honorifics)
        kb.first_names = dict(self.first_names)
        kb.work_words, kb.stance_before = set(self.work_words), set(self.stance_before)
        # a one-word role names people or a body too ("senator", "ministry")
        kb.group_nouns = set(self.group_nouns) | {w for w in self.role_words if " " not in w}
        kb.others_title, kb.plural_pronouns = set(self.others_title), set(self.plural_pronouns)
        kb.first_person, kb.handle_prefixes = set(self.first_person), set(self.handle_prefixes)
        kb.no_antecedent, kb.no_one = set(self.no_antecedent), set(self.no_one)
        kb.counting = set(self.counting)
        kb.title_abbreviations = dict(self.title_abbreviations)
        kb.same_office = dict(self.same_office)
        kb.org_anaphors = dict(self.org_anaphors)
        kb.people_demonyms = {k: set(v) for k, v in self.people_demonyms.items()}
        kb.subdivision_countries = list(dict.fromkeys(self.subdivision_countries))
        kb.subdivision_names = dict(self.subdivision_names)
        return kb

    def _add_states(self, kb: ActorKnowledge) -> None:
        """Each named state as an entry, its names, adjectives, demonyms, capitals, regions, peoples and seats as
        forms."""
        for code, st in self.states.items():
            if "name" not in st:
                continue
            eid = f"state.{code}"
            kb.entries[eid] = Entry(
                eid, "state", st["name"], code, None, st.get("cameo") or code, [], self.state_where[code]
            )
            for n in [st["name"], *st.get("names", [])]:
                _add_form(kb, n, Form(eid, "name"))
            for lst, form in (
                ("adjectives", "adjective"),
                ("demonyms", "demonym"),
                ("capitals", "capital"),
                ("regions", "region"),
                ("peoples", "people"),
            ):
                for n in st.get(lst, []):
                    _add_form(kb, n, Form(eid, form))
            for text, sector in st.get("seats", []):
                _add_form(kb, text, Form(eid, "seat", sector))

    def _add_orgs(self, kb: ActorKnowledge) -> None:
        """Each organisation or group (the last file's entry of an id) as an entry, its names as forms."""
        for ident, (item, path, line_of, key) in self.orgs.items():
            country = self._country(item.get("country"), path, line_of((*key, "country")), "country")
            sector = self._sector(item.get("sector"), path, line_of((*key, "sector")))
            kind = item.get("kind", "organisation")
            cameo = item.get("cameo") or ((country or "") + (sector or "")) or None
            roles = self._dated_roles(item, path, line_of, key, person=False)
            secondary = [
                code
                for j, code in enumerate(
                    self._strings(item.get("secondary"), path, line_of, (*key, "secondary"), "secondary")
                )
                if self._sector(code, path, line_of((*key, "secondary", j)))
            ]
            kb.entries[ident] = Entry(
                ident, kind, item["name"].strip(), country, sector, cameo, roles, f"{path}:{line_of(key)}", secondary
            )
            for n in self._strings(item.get("names"), path, line_of, (*key, "names"), "names") + [item["name"].strip()]:
                _add_form(kb, n, Form(ident, "org"))
            for seat in self._strings(item.get("seats"), path, line_of, (*key, "seats"), "seats"):
                kb.org_seats.setdefault(seat, []).append(ident)
                self.pending_seats.append((path, line_of((*key, "seats")), seat, ident))

    def _add_people(self, kb: ActorKnowledge) -> None:
        """Each person (the last file's entry of an id) as an entry with dated roles and epithets, the names as
        forms."""
        for ident, (item, path, line_of, key) in self.people.items():
            country = self._country(item.get("country"), path, line_of((*key, "country")), "country")
            roles = self._dated_roles(item, path, line_of, key, person=True)
            kb.entries[ident] = Entry(
                ident, "person", item["name"].strip(), country, None, None, roles, f"{path}:{line_of(key)}",
                epithets=self._epithets(item, path, line_of, key),
            )  # fmt: skip
            for n in self._strings(item.get("names"), path, line_of, (*key, "names"), "names") + [item["name"].strip()]:
                _add_form(kb, n, Form(ident, "person"))

    def _cross_check(self, kb: ActorKnowledge) -> None:
        """The state codes, sectors and organisation ids the files name, checked against all files."""
        for path, line, what, code in self.pending_checks:
            if code not in NON_STATE_CODES and code not in self.states:
                self.problems.add(
                    path,
                    line,
                    f"unknown {what} {code!r}: not a state code in the knowledge files nor one of {sorted(NON_STATE_CODES)}",
                )
        for path, line, code in self.pending_sectors:
            if code not in kb.sectors:
                self.problems.add(path, line, f"unknown sector {code!r} (known: {', '.join(sorted(kb.sectors))})")
        for path, line, org in self.pending_orgs:
            if org not in self.orgs:
                self.problems.add(path, line, f"unknown organisation id {org!r}")
        for path, line, seat, org in self.pending_seats:
            if not any(f.form == "capital" for f in kb.forms.get(seat, ())):
                self.problems.add(
                    path,
                    line,
                    f"seat {seat!r} of {org!r} is no state's capital (an organisation's seat is read where a capital is)",
                )


def _add_form(kb: ActorKnowledge, text: str, form: Form) -> None:
    """``text`` stands for ``form`` too (once)."""
    forms = kb.forms.setdefault(text, [])
    if form not in forms:
        forms.append(form)


def cameo_code(country: str | None, sector: str | None, org_cameo: str | None = None) -> str | None:
    """An actor's CAMEO code: an organisation's own ("NATO"), else its country and the CAMEO form of its sector."""
    if org_cameo and (not country or org_cameo != country):
        return org_cameo
    if not country:
        return None
    return country + _CAMEO_SECTOR.get(sector or "", sector or "")


def site_key(name: str) -> str:
    """A publisher name or domain as a lookup key: 'www.NYTimes.com' -> 'nytimes', 'Wash-Post' -> 'washpost'."""
    host = name.strip().lower().split("://")[-1].split("/")[0]
    if host.startswith("www."):
        host = host[4:]
    labels = host.split(".")
    if len(labels) > 1:
        # drop the public suffix: "bbc.co.uk" -> "bbc", "nytimes.com" -> "nytimes"
        labels = labels[:-1]
        while len(labels) > 1 and labels[-1] in ("co", "com", "org", "net", "gov", "ac"):
            labels = labels[:-1]
        host = labels[-1]
    return "".join(c for c in host if c.isalnum())


def load_knowledge(extra_files: Iterable[Path | str] = ()) -> ActorKnowledge:
    """Load the shipped actor files, then the user's, validate all, and index them."""
    builder = _Builder()
    for path in shipped_files("actors"):
        builder.add_file(path)
    for path in extra_files:
        path = Path(path)
        if not path.is_file():
            builder.problems.add(path, 1, "no such actor file")
            continue
        builder.add_file(path)
    return builder.build()
