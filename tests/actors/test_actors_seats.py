"""An organisation's seat: "Brussels" names the EU as an actor in a story about the Union, Belgium's government
in a Belgian one; a seat must be a capital the knowledge knows (it is read where capitals are)."""

from __future__ import annotations

import textwrap

import pytest
from tests.actors.conftest import actor_at

from eventwire.actors import ActorResolver, ArticleContext
from eventwire.errors import KnowledgeError

EU_STORY = (
    "The European Commission proposed new rules for farm subsidies on Tuesday. "
    "Polish farmers' unions accused Brussels of ignoring rural voters."
)


def test_a_capital_seating_an_organisation_the_story_names_is_that_organisation(nlp, resolver):
    actors = resolver.resolve(nlp(EU_STORY), "2025-03-04", ArticleContext(dateline="WARSAW"))
    brussels = actor_at(actors, EU_STORY, "Brussels")
    assert (brussels.name, brussels.country) == ("European Union", "EUR")  # before: Belgium (government)


def test_at_home_in_the_capitals_state_it_is_that_states_government(nlp, resolver):
    text = (
        "Belgium's Flemish parties accused Brussels of ignoring the regions. "
        "The European Commission declined to comment."
    )
    actors = resolver.resolve(nlp(text), "2025-03-04", ArticleContext(dateline="ANTWERP"))
    brussels = actor_at(actors, text, "Brussels")
    assert (brussels.country, brussels.sector) == ("BEL", "GOV")


def test_filed_from_the_seat_about_the_organisation_it_is_the_organisation(nlp, resolver):
    text = (
        "The European Union agreed new tariffs on Thursday, EU officials said. "
        "Hungary's foreign minister urged Brussels to drop the plan."
    )
    actors = resolver.resolve(nlp(text), "2025-03-04", ArticleContext(dateline="BRUSSELS"))
    assert actor_at(actors, text, "Brussels").country == "EUR"  # the Union named twice, Belgium never


def test_without_the_organisation_in_the_story_the_capital_is_the_states(nlp, resolver):
    text = "Hungary's prime minister accused Brussels of meddling."
    actors = resolver.resolve(nlp(text), "2025-03-04", ArticleContext(dateline="BUDAPEST"))
    assert actor_at(actors, text, "Brussels").country == "BEL"


def test_an_organisations_seat_must_be_a_known_capital(tmp_path):
    bad = tmp_path / "bad.yaml"
    org = "{id: org.nordic, name: Nordic Council, country: IGO, names: [Nordic Council], seats: [%s]}"
    bad.write_text(textwrap.dedent(f"version: 1\norganisations:\n  - {org % 'Lakeside'}\n"), encoding="utf-8")
    with pytest.raises(KnowledgeError) as err:
        ActorResolver.from_files([bad])
    assert "seat 'Lakeside' of 'org.nordic' is no state's capital" in "\n".join(err.value.problems)
    good = tmp_path / "good.yaml"
    good.write_text(f"version: 1\norganisations:\n  - {org % 'Copenhagen'}\n", encoding="utf-8")
    assert ActorResolver.from_files([good]).kb.org_seats["Copenhagen"] == ["org.nordic"]


def test_a_local_story_that_names_the_organisation_once_keeps_the_states_government(nlp, resolver):
    text = (
        "Police arrested two men after a break-in at a bakery on Monday. The EU summit next week will go ahead. "
        "Brussels asked the federal police for help."
    )
    actors = resolver.resolve(nlp(text), "2025-03-04", ArticleContext(dateline="BRUSSELS"))
    assert actor_at(actors, text, "Brussels").country == "BEL"  # one mention of the Union is no EU story


def test_a_site_of_the_seats_own_state_keeps_the_states_capital(nlp, resolver):
    text = (
        "Brussels asked the federal government on Monday to pay for security during the EU summit. "
        "The European Commission's offices will close for two days."
    )
    context = ArticleContext(publisher="lesoir.be", dateline="BRUSSELS")
    actors = resolver.resolve(nlp(text), "2025-03-04", context)
    assert actor_at(actors, text, "Brussels").country == "BEL"  # a local story on a Belgian site


def test_named_as_often_as_the_state_the_capital_is_the_states(nlp, resolver):
    text = "Belgium's coalition collapsed on Monday. Brussels must now call an election, and the EU is watching."
    actors = resolver.resolve(nlp(text), "2025-03-04", ArticleContext(dateline="WASHINGTON"))
    assert actor_at(actors, text, "Brussels").country == "BEL"
