"""Actors of political news outside the US: whole articles we wrote (a UK, a Nigerian, a Brazilian and a Canadian
story) run through the pipeline, and the rules and knowledge they need, each on a sentence of its own.

The articles' key actors must get the state and the PLOVER sector a coder would give them: a British shadow
minister is GBR LEG, a Brazilian party named "Liberal Party" is Brazil's, "Hamilton" in a Canadian story is
Ontario's city and not Bermuda's capital, a name set off after "the governor of Benue," is that governor.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.actors.conftest import actor_at

from eventwire.actors import ArticleContext
from eventwire.ingest import iter_inputs

DATA = Path(__file__).parent / "data"
EXPECTED = json.loads((DATA / "international_expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def records(pipeline) -> dict[str, dict]:
    results = pipeline.code_many(iter_inputs([str(DATA / "international.jsonl")]))
    return {r["article"]["id"]: r for r in (result.to_dict() for result in results)}


def _actor_named(record: dict, phrase: str) -> dict | None:
    """The actor with a mention whose text holds ``phrase`` (the first such mention in the text)."""
    found = [
        (m["start"], a) for a in record["actors"] for m in a["mentions"] if phrase in m["text"]
    ]  # fmt: skip
    return min(found, key=lambda x: x[0])[1] if found else None


@pytest.mark.parametrize(
    ("article", "phrase", "country", "sector"),
    [(aid, *row) for aid, rows in EXPECTED.items() if not aid.startswith("_") for row in rows],
)
def test_key_actors_of_international_articles(records, article, phrase, country, sector):
    actor = _actor_named(records[article], phrase)
    assert actor is not None, f"no actor for {phrase!r}"
    assert (actor["country"], actor["sector"]) == (country, sector), actor["name"]


def test_no_newspaper_inside_a_longer_agency_name(records):
    # "The Independent National Electoral Commission" holds the name of a British paper: no JRN actor
    record = records["intl-ng-senate"]
    assert not [a for a in record["actors"] if a["sector"] == "JRN" and a["country"] == "GBR"]


# ---------------------------------------------------------------- rules, on sentences of their own
KENYA = ArticleContext(publisher="The Nairobi Weekly", dateline="NAIROBI")
CANADA = ArticleContext(dateline="TORONTO")
BRAZIL = ArticleContext(dateline="BRASILIA")


def test_name_after_a_title_with_a_complement_is_that_holder(nlp, resolver):
    text = "The governor of the coastal county of Kwale, Amina Wekesa, ordered an inquiry on Monday."
    actors = resolver.resolve(nlp(text), "2025-03-03", KENYA)
    governor = actor_at(actors, text, "Amina")
    assert (governor.country, governor.sector, governor.role) == ("KEN", "GOV", "governor")
    assert actor_at(actors, text, "governor") is governor  # one actor, not an unnamed governor beside her


def test_complement_of_a_title_gives_its_state(nlp, resolver):
    text = "The governor of the Russian border region of Kursk, Pavel Orlov, said a drone hit a school."
    actors = resolver.resolve(nlp(text), "2025-03-03", ArticleContext(dateline="KYIV"))
    governor = actor_at(actors, text, "Pavel")
    assert (governor.country, governor.sector) == ("RUS", "GOV")


def test_another_persons_title_in_the_complement_is_not_the_names(nlp, resolver):
    text = "A critic of the governor of Kwale, Joseph Mwangi, filed a petition."
    actors = resolver.resolve(nlp(text), "2025-03-03", KENYA)
    assert actor_at(actors, text, "Joseph").role != "governor"


def test_a_place_before_a_comma_is_no_title(nlp, resolver):
    text = "Speaking in the House of Commons, Ms Harper said the bill would fail. In Parliament, Mr Dunmore agreed."
    actors = resolver.resolve(nlp(text), "2025-03-03", CANADA)
    harper = actor_at(actors, text, "Harper")
    assert harper is not None and harper.role is None
    assert actor_at(actors, text, "House") is not harper
    assert actor_at(actors, text, "Dunmore").role is None  # no "parliament" person


def test_a_foreign_capitals_name_is_the_bigger_home_town(nlp, resolver):
    text = "Factory workers in Hamilton protested outside the plant on Friday."
    actors = resolver.resolve(nlp(text), "2025-03-03", CANADA)
    assert actor_at(actors, text, "Hamilton").country == "CAN"
    assert actor_at(actors, text, "workers").country == "CAN"


@pytest.mark.parametrize(
    ("dateline", "country"), [("RIO DE JANEIRO", "BRA"), ("GAZA CITY", "PSE"), ("BELO HORIZONTE", "BRA")]
)
def test_datelines_in_capitals_with_lower_case_words(resolver, dateline, country):
    assert resolver.place_country(dateline) == country


def test_a_brussels_story_on_the_eu_is_at_home_in_the_union(nlp, resolver):
    text = (
        "Lawmakers sent the European Commission's plan back to committee on Tuesday. "
        "Commission President Ursula von der Leyen said she regretted the vote, and European Parliament President "
        "Roberta Metsola urged a compromise. Outside, police detained 20 protesters."
    )
    actors = resolver.resolve(nlp(text), "2025-03-03", ArticleContext(dateline="BRUSSELS"))
    lawmakers = actor_at(actors, text, "Lawmakers")
    assert (lawmakers.country, lawmakers.sector) == ("EUR", "LEG")
    police = actor_at(actors, text, "police")
    assert (police.country, police.sector) == ("BEL", "COP")  # the seat's police, not the Union's


# ---------------------------------------------------------------- knowledge
def test_home_minister_is_not_the_chief_minister_named_later(nlp, resolver):
    text = (
        "Chief Minister Sunita Rao won a second term. Home Minister Rajiv Menon thanked the voters. "
        "The chief minister told reporters the cabinet would be named on Monday."
    )
    actors = resolver.resolve(nlp(text), "2025-03-03", ArticleContext(dateline="LUCKNOW"))
    assert actor_at(actors, text, "chief minister told") is actor_at(actors, text, "Sunita")


def test_members_of_the_european_parliament(nlp, resolver):
    text = "Polish MEPs voted against the plan. MEPs will vote again in March."
    actors = resolver.resolve(nlp(text), "2025-03-03", ArticleContext(dateline="STRASBOURG"))
    polish = actor_at(actors, text, "Polish")
    assert (polish.country, polish.sector) == ("POL", "LEG")
    meps = actor_at(actors, text, "MEPs", nth=1)
    assert (meps.country, meps.sector) == ("EUR", "LEG")


@pytest.mark.parametrize(
    ("text", "phrase", "context", "country", "sector"),
    [
        ("Rita Osei, the leader of the opposition, walked out.", "Rita", KENYA, "KEN", "OPP"),
        ("The Inspector-General of Police, Musa Bello, was summoned.", "Musa", ArticleContext(dateline="ABUJA"), "NGA", "COP"),
        ("Ms Tremblay told the House of Commons that she would resign.", "House", CANADA, "CAN", "LEG"),
        ("The Liberal Party asked Congress to pass the bill.", "Liberal", BRAZIL, "BRA", "PTY"),
        ("The Liberal Party asked Congress to pass the bill.", "Congress", BRAZIL, "BRA", "LEG"),
        ("The Workers' Party welcomed the ruling.", "Workers", BRAZIL, "BRA", "PTY"),
        ("The Independent National Electoral Commission delayed the vote.", "National", ArticleContext(dateline="ABUJA"), "NGA", "GOV"),
        ("The Rashtriya Janata Dal rejected the result.", "Rashtriya", ArticleContext(dateline="PATNA"), "IND", "PTY"),
        ("The European People's Party backed the deal.", "People", ArticleContext(dateline="BRUSSELS"), "EUR", "PTY"),
        ("The Palestinian Authority condemned the raid.", "Palestinian", ArticleContext(dateline="RAMALLAH"), "PSE", "GOV"),
        ("Border Force officers detained 40 people.", "Border", ArticleContext(publisher="bbc.co.uk"), "GBR", "COP"),
        ("The PDP and the Labour Party rejected the result.", "Labour", ArticleContext(dateline="ABUJA"), "NGA", "PTY"),
        ("Labour Party MPs criticised the budget.", "Labour", ArticleContext(publisher="bbc.co.uk"), "GBR", "LEG"),
        ("Labour's deputy leader said the party would vote.", "deputy", ArticleContext(publisher="bbc.co.uk"), "GBR", "PTY"),
        ("The regional military administration said power was restored.", "regional", ArticleContext(dateline="KYIV"), "UKR", "GOV"),
        ("DCI detectives arrested two suspects.", "DCI", KENYA, "KEN", "COP"),
    ],
)  # fmt: skip
def test_bodies_and_titles_of_other_states(nlp, resolver, text, phrase, context, country, sector):
    actor = actor_at(resolver.resolve(nlp(text), "2025-03-03", context), text, phrase)
    assert (actor.country, actor.sector) == (country, sector)


def test_the_commission_names_again_the_commission_named_before(nlp, resolver):
    text = "The Federal Election Commission fined the campaign. The commission said the fine was final."
    actors = resolver.resolve(nlp(text), "2016-03-03", ArticleContext(dateline="WASHINGTON"))
    assert actor_at(actors, text, "commission said") is actor_at(actors, text, "Federal")
