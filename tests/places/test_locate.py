"""Event places: own clause first, then the sentence, then a local dateline; never blindly."""

from __future__ import annotations

import pytest

from eventwire.places import locate
from eventwire.schema import Location


def _locate(nlp, gazetteer, text: str, trigger: str, *, context=(), dateline=None) -> Location | None:
    doc = nlp(text)
    tok = next(t for t in doc if t.text == trigger)
    return locate(gazetteer, tok.sent, tok, context_countries=list(context), dateline=dateline)


@pytest.mark.parametrize(
    ("text", "trigger", "name", "country", "source"),
    [
        ("Russian troops massed in Ukraine last month.", "massed", "Ukraine", "UKR", "clause"),
        (
            "Russian forces shelled homes in the eastern city of Kharkiv overnight.",
            "shelled",
            "Kharkiv",
            "UKR",
            "clause",
        ),
        ("Hundreds protested outside parliament in Tbilisi on Monday.", "protested", "Tbilisi", "GEO", "clause"),
        ("Israeli jets struck targets in the Gaza Strip.", "struck", "Gaza Strip", "PSE", "clause"),
        ("Explosions were heard in Kiev, Ukraine.", "heard", "Kyiv", "UKR", "clause"),
        ("Fighting continued near the town of Bakhmut.", "continued", "Bakhmut", "UKR", "clause"),
        ("Separatists attacked a checkpoint in the Donbas.", "attacked", "Donbas", "UKR", "clause"),
        ("Two tankers were seized in the Strait of Hormuz.", "seized", "Strait of Hormuz", None, "clause"),
        ("Warships gathered in the Black Sea.", "gathered", "Black Sea", None, "clause"),
        ("Shelling intensified in the Donetsk region.", "intensified", "Donetsk region", "UKR", "clause"),
    ],
)
def test_place_from_own_clause(nlp, gazetteer, text, trigger, name, country, source):
    loc = _locate(nlp, gazetteer, text, trigger, context=["RUS", "UKR"])
    assert loc is not None
    assert (loc.name, loc.country, loc.source) == (name, country, source)


def test_location_carries_coordinates_and_geonames_id(nlp, gazetteer):
    loc = _locate(nlp, gazetteer, "Protesters rallied in Kharkiv.", "rallied")
    assert loc.geonames_id == 706483
    assert loc.lat == pytest.approx(49.98, abs=0.05) and loc.lon == pytest.approx(36.25, abs=0.05)
    assert loc.text == "Kharkiv"


def test_city_beats_its_country_in_the_same_sentence(nlp, gazetteer):
    loc = _locate(nlp, gazetteer, "Artillery fire hit Donetsk in eastern Ukraine on Sunday.", "hit", context=["RUS"])
    assert (loc.name, loc.country) == ("Donetsk", "UKR")


def test_ambiguous_donetsk_is_the_ukrainian_city_in_a_moscow_story(nlp, gazetteer):
    # MOSCOW dateline, only Russian actors: population still decides for the city of 900k, not the town of 50k
    loc = _locate(
        nlp, gazetteer, "Shells hit a market in Donetsk on Sunday.", "hit", context=["RUS"], dateline="MOSCOW"
    )
    assert (loc.name, loc.country, loc.source) == ("Donetsk", "UKR", "clause")


def test_ambiguous_name_follows_the_country_in_the_sentence(nlp, gazetteer):
    # Alexandria, Egypt is far bigger, but the sentence says Virginia, United States
    loc = _locate(nlp, gazetteer, "Police arrested a man in Alexandria in the United States.", "arrested")
    assert loc.country == "USA"
    loc = _locate(nlp, gazetteer, "Police arrested a man in Alexandria.", "arrested")
    assert loc.country == "EGY"


def test_dateline_not_the_event_place(nlp, gazetteer):
    text = "Russian artillery shelled the outskirts of Mariupol, the defence ministry said."
    loc = _locate(nlp, gazetteer, text, "shelled", context=["RUS", "UKR"], dateline="MOSCOW")
    assert (loc.name, loc.country) == ("Mariupol", "UKR")


def test_dateline_not_used_when_story_is_not_local(nlp, gazetteer):
    text = "The ministry accused Kyiv of provoking the escalation."
    assert _locate(nlp, gazetteer, text, "accused", context=["RUS", "UKR"], dateline="MOSCOW") is None


def test_dateline_used_for_a_local_story(nlp, gazetteer):
    loc = _locate(
        nlp, gazetteer, "Police detained dozens of protesters.", "detained", context=["RUS"], dateline="MOSCOW"
    )
    assert (loc.name, loc.country, loc.source, loc.text) == ("Moscow", "RUS", "dateline", "MOSCOW")


def test_capital_as_actor_is_not_a_place(nlp, gazetteer):
    assert _locate(nlp, gazetteer, "Moscow accused Washington of meddling.", "accused", context=["RUS", "USA"]) is None


def test_place_of_another_clause_is_a_sentence_fallback(nlp, gazetteer):
    text = "The minister, who spoke in Brussels, condemned the strike."
    loc = _locate(nlp, gazetteer, text, "condemned")
    assert (loc.name, loc.source) == ("Brussels", "sentence")


def test_own_clause_place_beats_another_clause(nlp, gazetteer):
    text = "Speaking in Warsaw, the president said troops had clashed with rebels in Mali."
    assert _locate(nlp, gazetteer, text, "clashed").name == "Mali"


def test_no_place_words_gives_none(nlp, gazetteer):
    assert _locate(nlp, gazetteer, "The rebels rejected the offer.", "rejected", context=["UKR"]) is None


def test_person_named_like_a_city_is_not_a_place(nlp, gazetteer):
    assert _locate(nlp, gazetteer, "Jackson criticised the ruling party.", "criticised") is None


def test_place_of_reported_content_is_not_the_accusation_place(nlp, gazetteer):
    text = "Ukraine accused Russia of shelling a hospital in Mariupol."
    assert _locate(nlp, gazetteer, text, "accused", context=["RUS", "UKR"]) is None
    assert _locate(nlp, gazetteer, text, "shelling", context=["RUS", "UKR"]).name == "Mariupol"


def test_destination_of_a_movement_is_the_place(nlp, gazetteer):
    loc = _locate(nlp, gazetteer, "Germany deployed two hundred soldiers to Lithuania.", "deployed", context=["DEU"])
    assert loc.name == "Lithuania"
    # a recipient is not a place
    assert _locate(nlp, gazetteer, "Germany offered support to Ukraine.", "offered", context=["DEU", "UKR"]) is None


def test_place_left_is_the_place_of_a_withdrawal(nlp, gazetteer):
    loc = _locate(nlp, gazetteer, "Russian troops withdrew from Kherson on Friday.", "withdrew", context=["RUS"])
    assert (loc.name, loc.country) == ("Kherson", "UKR")


def test_capital_named_as_a_place(nlp, gazetteer):
    loc = _locate(nlp, gazetteer, "Rebels shelled the capital Juba overnight.", "shelled")
    assert (loc.name, loc.country) == ("Juba", "SSD")


def test_city_name_inside_a_person_or_newspaper_name_is_not_a_place(nlp, gazetteer):
    text = "The New York Times reported that Ahmed Rashid Karimi was arrested."
    assert _locate(nlp, gazetteer, text, "arrested") is None


def test_fallback_spans_are_tried_before_the_dateline(nlp, gazetteer):
    doc = nlp("Crowds gathered in the centre of Tbilisi. Police then detained dozens of protesters.")
    first, second = list(doc.sents)
    tok = next(t for t in second if t.text == "detained")
    loc = locate(gazetteer, second, tok, context_countries=["GEO"], dateline="TBILISI", fallback=[("paragraph", first)])
    assert (loc.name, loc.source) == ("Tbilisi", "paragraph")
    # without a fallback, a local story falls back to its dateline
    loc = locate(gazetteer, second, tok, context_countries=["GEO"], dateline="TBILISI")
    assert (loc.name, loc.source) == ("Tbilisi", "dateline")


def test_between_names_participants_not_a_place(nlp, gazetteer):
    text = "The minister warned of a direct clash between Russia and the alliance."
    assert _locate(nlp, gazetteer, text, "clash", context=["RUS"]) is None


def test_place_as_a_modifier_is_not_the_event_place(nlp, gazetteer):
    text = "Both sides signed an agreement on Friday to reopen Black Sea ports."
    assert _locate(nlp, gazetteer, text, "signed", context=["RUS", "UKR"], dateline="ISTANBUL") is None
    loc = _locate(nlp, gazetteer, "Mines were found in Black Sea ports.", "found")
    assert loc is not None and loc.name == "Black Sea"


@pytest.mark.parametrize(
    ("text", "trigger", "name", "country"),
    [
        ("Air raid sirens sounded in the Ukrainian capital on Monday.", "sounded", "Kyiv", "UKR"),
        ("Thousands rallied in the South Korean capital.", "rallied", "Seoul", "KOR"),
        ("Thousands rallied in the Georgian capital, Tbilisi.", "rallied", "Tbilisi", "GEO"),
    ],
)
def test_capital_named_by_its_state_adjective(nlp, gazetteer, text, trigger, name, country):
    loc = _locate(nlp, gazetteer, text, trigger)
    assert (loc.name, loc.country, loc.source) == (name, country, "clause")


def test_scheduled_event_place_is_its_own(nlp, gazetteer):
    text = "The prime minister is expected to meet the envoy in Budapest on April 4."
    loc = _locate(nlp, gazetteer, text, "expected")
    assert (loc.name, loc.source) == ("Budapest", "clause")


def test_dateline_with_state_or_country(nlp, gazetteer):
    doc = nlp("Police arrested four men after the robbery.")
    sent = next(doc.sents)
    tok = next(t for t in doc if t.text == "arrested")
    loc = locate(gazetteer, sent, tok, context_countries=["USA"], dateline="PARIS, Texas")
    assert (loc.name, loc.country, loc.source) == ("Paris", "USA", "dateline")
    loc = locate(gazetteer, sent, tok, context_countries=["UKR"], dateline="KYIV, Ukraine")
    assert (loc.name, loc.country) == ("Kyiv", "UKR")


def test_place_attached_to_the_trigger_beats_a_deeper_one(nlp, gazetteer):
    text = "Protests erupted across Iran after the death of a young woman in Tehran."
    assert _locate(nlp, gazetteer, text, "erupted").name == "Iran"


def test_locate_run_on_sentence_keeps_each_event_near_its_own_places(pipeline):
    """A 'sentence' of thousands of tokens: each event ranks only the places near its trigger."""
    from eventwire.schema import Article

    text = "Rebels shelled a school in Kharkiv and " * 120 + "troops attacked a port in Odesa and " * 120
    result = next(pipeline.code_many([Article(id="runon", text=text, published="2022-03-01")]))
    places = {ev.location.name for ev in result.events if ev.location}
    assert {"Kharkiv", "Odesa"} <= places
    first, last = result.events[0], result.events[-1]
    assert first.location.name == "Kharkiv" and last.location.name == "Odesa"
