"""The gazetteer: built once, dict lookups, validated knowledge files that users can overlay."""

from __future__ import annotations

import pytest

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
