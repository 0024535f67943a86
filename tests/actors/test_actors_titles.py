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
