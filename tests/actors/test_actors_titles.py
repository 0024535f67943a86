"""Titles and bodies of political news outside the US, on sentences we wrote: which known holder a bare title
names, which sector a body word before a title passes on, the home a site known only by its URL gives, and what a
bare or embedded body name stands for.

A one-word title ("the governor", "the minister") is the office of that name, not any office ending in the word:
a central bank's governor is not "the Russian governor", the prime minister is not "the British minister".
"""

from __future__ import annotations

import pytest
from tests.actors.conftest import actor_at

from eventwire.actors import ArticleContext
from eventwire.schema import Article

MOSCOW = ArticleContext(dateline="MOSCOW")
BRITISH = ArticleContext(publisher="bbc.co.uk")
DAY = "2025-03-03"


@pytest.mark.parametrize(
    ("text", "phrase", "context", "country"),
    [
        ("The Russian governor said the curfew would stay.", "governor", MOSCOW, "RUS"),  # not the central bank's
        ("The British minister said the plan would go ahead.", "minister", BRITISH, "GBR"),  # not the prime minister
    ],
)
def test_a_one_word_title_is_not_a_longer_office(nlp, resolver, text, phrase, context, country):
    actor = actor_at(resolver.resolve(nlp(text), DAY, context), text, phrase)
    assert actor is not None
    assert actor.entry is None or not actor.entry.startswith("p."), actor.name  # no known holder
    assert actor.country == country


def test_the_full_title_still_names_its_holder(nlp, resolver):
    text = "The British prime minister said the plan would go ahead."
    actor = actor_at(resolver.resolve(nlp(text), DAY, BRITISH), text, "prime")
    assert actor.entry == "p.starmer"


def test_a_title_with_a_complement_names_no_sole_holder(nlp, resolver):
    # the president of a federation is not the state's president
    text = "The Russian president of the national chess federation said the ban was unfair."
    actor = actor_at(resolver.resolve(nlp(text), DAY, MOSCOW), text, "president")
    assert actor.entry != "p.putin"
    assert actor.country == "RUS"


@pytest.mark.parametrize(
    ("text", "phrase", "context", "sector"),
    [
        ("The party's deputy leader, Tom Briggs, said the vote would go ahead.", "Tom", BRITISH, "PTY"),
        ("The rebels' spokesman, Ali Musa, said the truce was over.", "Ali", ArticleContext(dateline="KHARTOUM"), "REB"),
        ("The government's spokesman, Tom Briggs, said the vote would go ahead.", "Tom", BRITISH, "GOV"),
    ],
)  # fmt: skip
def test_a_body_word_before_a_title_gives_its_sector(nlp, resolver, text, phrase, context, sector):
    actor = actor_at(resolver.resolve(nlp(text), DAY, context), text, phrase)
    assert actor.sector == sector, actor.role


def _coded(pipeline, **fields) -> dict:
    text = "Police officers detained 40 people after the protest outside the town hall on Friday."
    result = pipeline.code_doc(pipeline.nlp(text), Article(id="t", text=text, published=DAY, **fields))
    officers = [a for a in result.to_dict()["actors"] if a["name"] and "police" in a["name"].lower()]
    assert officers
    return officers[0]


def test_a_site_known_by_its_url_gives_the_home(pipeline):
    officers = _coded(pipeline, publisher="", url="https://www.examplenews.co.uk/news/town-protest-arrests")
    assert (officers["country"], officers["sector"]) == ("GBR", "COP")


def test_a_publisher_that_names_a_state_keeps_it_over_the_url(pipeline):
    officers = _coded(pipeline, publisher="The Nairobi Weekly", url="https://www.examplenews.co.uk/news/arrests")
    assert officers["country"] == "KEN"


def test_a_wire_reprinted_on_a_national_site_is_not_at_home_there(pipeline):
    officers = _coded(pipeline, publisher="Associated Press", url="https://www.examplenews.co.uk/world/arrests")
    assert officers["country"] != "GBR"  # the site's state is not the wire story's


@pytest.mark.parametrize(
    ("text", "phrase", "entry"),
    [
        ("Commission President Ursula von der Leyen spoke first. The Commission proposed tariffs on steel.",
         "Commission proposed", "org.eucom"),
        ("The European Council met on Monday. Ministers will return to the Council in May.", "Council in",
         "org.eucouncil"),
    ],
)  # fmt: skip
def test_a_bare_body_word_is_the_body_the_story_names(nlp, resolver, text, phrase, entry):
    actor = actor_at(resolver.resolve(nlp(text), DAY, ArticleContext(dateline="BRUSSELS")), text, phrase)
    assert (actor.entry, actor.country, actor.sector) == (entry, "EUR", "GOV")


def test_a_bare_body_word_with_no_such_body_named_stays_unknown(nlp, resolver):
    text = "The Commission proposed tariffs on steel, the ministry said."
    actor = actor_at(resolver.resolve(nlp(text), DAY, ArticleContext(dateline="BRUSSELS")), text, "Commission")
    assert actor is None or actor.entry not in ("org.eucom", "org.eucouncil")


def test_an_outlets_name_inside_a_longer_body_name_is_not_the_outlet(nlp, resolver):
    text = "The Independent Schools Council said fees would rise next year."
    actor = actor_at(resolver.resolve(nlp(text), DAY, BRITISH), text, "Independent")
    assert actor is None or actor.sector != "JRN"


def test_the_outlet_named_alone_is_still_the_outlet(nlp, resolver):
    text = "The Independent reported that fees would rise next year."
    actor = actor_at(resolver.resolve(nlp(text), DAY, BRITISH), text, "Independent")
    assert (actor.country, actor.sector) == ("GBR", "JRN")
