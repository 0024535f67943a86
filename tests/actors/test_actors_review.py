"""Regressions a review of the non-US politics audit (issue 12) found, each on sentences we wrote for it."""

from __future__ import annotations

from tests.actors.conftest import actor_at

from eventwire.actors import ArticleContext

# a story about the Union's own bodies that never names the state it was filed from
_UNION_TEXT = (
    "The European Commission unveiled a plan to cap fishing quotas on Thursday. Commission President Ursula von der "
    "Leyen said the quotas were fair, and the European Parliament must still approve them. The EU expects a close "
    "vote. The government said it would fight the cap, and the prime minister phoned fishing crews. "
    "Officials of the ruling party asked for a delay."
)


def _country(actors, phrase: str) -> str | None:
    return actor_at(actors, _UNION_TEXT, phrase).country


def test_a_story_filed_from_a_capital_that_seats_no_union_body_stays_at_home(nlp, resolver):
    actors = resolver.resolve(nlp(_UNION_TEXT), "2025-03-03", ArticleContext(dateline="LISBON"))
    assert _country(actors, "government") == "PRT"
    assert _country(actors, "prime minister") == "PRT"


def test_a_publisher_with_a_state_keeps_a_seat_story_at_home(nlp, resolver):
    actors = resolver.resolve(
        nlp(_UNION_TEXT), "2025-03-03", ArticleContext(dateline="BRUSSELS", publisher="lesoir.be")
    )
    assert _country(actors, "government") == "BEL"


def test_in_a_union_story_offices_the_union_lacks_stay_the_seats(nlp, resolver):
    actors = resolver.resolve(nlp(_UNION_TEXT), "2025-03-03", ArticleContext(dateline="BRUSSELS"))
    assert _country(actors, "government") == "EUR"  # the rule itself still holds at a seat
    assert _country(actors, "prime minister") == "BEL"
    assert _country(actors, "ruling party") == "BEL"


LAGOS = ArticleContext(dateline="LAGOS")


def test_a_firm_named_after_a_title_of_the_company_is_no_holder(nlp, resolver):
    text = "The chief executive of the company, Zentrix Holdings, said it would contest the ruling."
    actors = resolver.resolve(nlp(text), "2025-03-03", LAGOS)
    firm = actor_at(actors, text, "Zentrix")
    assert (firm.kind, firm.sector) == ("organisation", "BUS")


def test_a_club_the_model_tags_as_a_body_is_no_holder_of_its_president(nlp, resolver):
    text = "The president of the club, Enugu Rangers International, said the club would protest."
    actors = resolver.resolve(nlp(text), "2025-03-03", LAGOS)
    club = actor_at(actors, text, "Enugu")
    assert club.kind != "person" and club.sector != "GOV"


def test_a_person_named_after_a_title_of_a_place_is_still_its_holder(nlp, resolver):
    text = "The governor of Kogi State, Tunde Adebayo, opened a clinic on Friday."
    actors = resolver.resolve(nlp(text), "2025-03-03", LAGOS)
    governor = actor_at(actors, text, "Tunde")
    assert (governor.kind, governor.role, governor.sector) == ("person", "governor", "GOV")


def test_the_commission_with_no_commission_named_before_is_no_actor(nlp, resolver):
    text = (
        "The government promised on Monday to shorten hospital waiting lists. "
        "The commission that audits health spending will publish its findings in June."
    )
    actors = resolver.resolve(nlp(text), "2025-03-03", ArticleContext(dateline="LONDON"))
    assert actor_at(actors, text, "commission") is None


def test_the_commission_after_a_named_commission_is_that_commission(nlp, resolver):
    text = (
        "Officials of the Independent National Electoral Commission met party agents on Monday. "
        "The commission said it would publish the results on Friday."
    )
    actors = resolver.resolve(nlp(text), "2025-03-03", ArticleContext(dateline="ABUJA"))
    assert actor_at(actors, text, "commission said").name == "Independent National Electoral Commission"


def test_congress_without_a_home_from_dateline_or_publisher_stays_the_us_one(nlp, resolver):
    text = (
        "Congress passed a bill on Monday raising duties on steel from Brazil. Brazil's trade minister called "
        "the bill unfair. The White House said the president would sign it."
    )
    actors = resolver.resolve(nlp(text), "2025-03-03", ArticleContext(publisher="Evening Wire"))
    assert actor_at(actors, text, "Congress").entry == "inst.congress"


def test_congress_in_a_story_filed_from_brasilia_is_brazils(nlp, resolver):
    text = "Congress approved the budget on Monday after a long night of talks."
    actors = resolver.resolve(nlp(text), "2025-03-03", ArticleContext(dateline="BRASILIA"))
    assert actor_at(actors, text, "Congress").entry == "inst.congress_br"


def test_a_party_name_two_other_states_share_is_homes_party(nlp, resolver):
    text = "The Workers' Party asked the government on Tuesday to publish its housing figures."
    actors = resolver.resolve(nlp(text), "2025-03-03", ArticleContext(dateline="SINGAPORE"))
    party = actor_at(actors, text, "Workers")
    assert (party.country, party.sector) == ("SGP", "PTY")


def test_the_commission_after_a_commission_named_by_a_role_word_joins_it(nlp, resolver):
    text = (
        "The Election Commission said on Monday that it had received forty complaints. "
        "The commission asked both parties to reply within a week."
    )
    actors = resolver.resolve(nlp(text), "2025-03-03", ArticleContext(dateline="PATNA"))
    first = actor_at(actors, text, "Election Commission")
    assert actor_at(actors, text, "commission asked") is first
