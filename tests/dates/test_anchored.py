"""Seasons, days counted from the day named before ("the day before"), programme names."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from eventwire.dates import DateResult, resolve_date

SUNDAY = "2022-03-27"  # a Sunday


def _resolve(nlp, text: str, trigger: str, published: str | None = SUNDAY, **kw) -> DateResult:
    doc = nlp(text)
    tok = [t for t in doc if t.text == trigger][-1]  # the last one: the trigger sits in a later sentence
    return resolve_date(tok.sent, tok, published, **kw)


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # the first month of the season (northern hemisphere); "last" is the latest one already over
        ("The senator resigned last summer.", "resigned", ("2021-06-01", "month", "last summer")),
        ("The senator resigned last winter.", "resigned", ("2021-12-01", "month", "last winter")),
        ("The senator will resign this fall.", "resign", ("2022-09-01", "month", "this fall")),
        ("The talks resume in the spring.", "resume", ("2022-03-01", "month", "spring")),
        ("The law was passed in the summer of 2015.", "passed", ("2015-06-01", "month", "summer of 2015")),
        ("The vote is next autumn.", "is", ("2022-09-01", "month", "next autumn")),
    ],
)
def test_seasons(nlp, text, trigger, expected):
    got = _resolve(nlp, text, trigger)
    assert (got.date, got.precision, got.text) == expected


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("After the fall of Mosul, the troops fled.", "fled"),
        ("Protests spread across the region in the Arab Spring.", "spread"),
    ],
)
def test_a_season_word_that_names_no_season(nlp, text, trigger):
    assert _resolve(nlp, text, trigger).precision == "reported"


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # counted from the day named in the sentence before, not from publication
        (
            "Rebels attacked the town on Friday. The day before, troops had shelled the port.",
            "shelled",
            ("2022-03-24", "The day before"),
        ),
        (
            "Rebels attacked the town on Friday. Troops shelled the port the next day.",
            "shelled",
            ("2022-03-26", "the next day"),
        ),
        (
            "The army entered the city on Tuesday. Two days later, it seized the port.",
            "seized",
            ("2022-03-24", "Two days later"),
        ),
        # no day named before: publication is the day
        ("Troops shelled the port later that day.", "shelled", ("2022-03-27", "later that day")),
        ("Earlier in the day, the minister resigned.", "resigned", ("2022-03-27", "Earlier in the day")),
    ],
)
def test_days_counted_from_the_day_named_before(nlp, text, trigger, expected):
    got = _resolve(nlp, text, trigger)
    assert (got.date, got.precision, got.text) == (expected[0], "day", expected[1])


def test_counted_from_a_month_or_an_event(nlp):
    # after a month the counted day is in that month, as far as is known
    got = _resolve(nlp, "In January, protesters marched. Two days later, police arrested them.", "arrested")
    assert (got.date, got.precision, got.text) == ("2022-01-01", "month", "Two days later")
    # "the day after the vote" counts from the vote, which has no date here
    assert _resolve(nlp, "Police arrested them the day after the vote.", "arrested").precision == "reported"


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("The senator praised the president in an interview published on Saturday.", "praised", "Saturday"),
        ("In a letter sent to the court Monday, the agency said the inquiry continued.", "said", "Monday"),
    ],
)
def test_the_date_of_a_medium_dates_what_is_said_in_it(nlp, text, trigger, expected):
    assert _resolve(nlp, text, trigger).text == expected


def test_a_reduced_relative_still_dates_its_noun(nlp):
    text = "The governor met families of the 12 miners killed on Thursday."
    assert _resolve(nlp, text, "met").precision == "reported"


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Sen. Ana Ruiz went on NBC’s “Today” to talk about the strike.", "went"),
        ("Hale criticized the mayor on ABC's This Week.", "criticized"),
        ("Later on ''This Week,'' Governor Tom Hale criticized Mr. Lund.", "criticized"),
    ],
)
def test_programme_names_are_not_dates(nlp, text, trigger):
    assert _resolve(nlp, text, trigger).precision == "reported"


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # Monday dates the vow, a clause joined to "said", not what was said
        ("The senator said the plan would fail, and he vowed on Monday to fight it.", "fail"),
        # 2012 dates the robbing that "began" governs, not the clause joined to "began"
        (
            "She was on parole for theft when she began robbing banks in 2012 and has since been jailed "
            "for five years.",
            "jailed",
        ),
    ],
)
def test_a_date_of_a_clause_joined_above_the_trigger_is_not_its_date(nlp, text, trigger):
    assert _resolve(nlp, text, trigger).precision == "reported"


@pytest.mark.parametrize(
    ("text", "trigger", "published", "expected"),
    [
        (
            "In a December interview, Lund questioned the plan.",
            "questioned",
            SUNDAY,
            ("2021-12-01", "month", "December"),
        ),
        (
            "And at a debate this past September, Lund attacked the merger.",
            "attacked",
            SUNDAY,
            ("2021-09-01", "month", "this past September"),
        ),
        (
            "During the 2012 mayoral race, Hale criticized Lund.",
            "criticized",
            SUNDAY,
            ("2012-01-01", "year", "2012"),
        ),
        ("In a 2014 interview with KTV, Ruiz praised Hale.", "praised", SUNDAY, ("2014-01-01", "year", "2014")),
    ],
)
def test_a_month_or_year_that_modifies_a_noun(nlp, text, trigger, published, expected):
    got = _resolve(nlp, text, trigger, published)
    assert (got.date, got.precision, got.text) == expected


def test_the_year_under_way_names_no_date(nlp):
    got = _resolve(nlp, "It was a striking turn in the 2016 campaign.", "was", "2016-05-01")
    assert got.precision == "reported"
    # nor does a count
    assert _resolve(nlp, "In the 2000 troops' march, rebels attacked.", "attacked").precision == "reported"


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("Senator Ana Ruiz said those figures were false during a hearing last week.", "said", "last week"),
        (
            "Ruiz has condemned backers who hurl insults, saying her office doesn’t want "
            "“that nonsense,” in an interview with KTV on Sunday.",
            "condemned",
            "Sunday",
        ),
    ],
)
def test_the_date_of_a_venue_dates_what_is_said_there(nlp, text, trigger, expected):
    assert _resolve(nlp, text, trigger).text == expected


def test_a_date_in_reported_content_outside_a_venue_still_dates_the_content(nlp):
    assert _resolve(nlp, "Officials said that troops attacked the town on Monday.", "said").precision == "reported"


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        (
            "The senator was elected in 2012. A year later, she attacked the plan.",
            "attacked",
            ("2013-01-01", "year", "A year later"),
        ),
        (
            "Talks began on Tuesday, March 1. The following week, the rebels walked out.",
            "walked",
            ("2022-03-07", "week", "The following week"),
        ),
        (
            "Talks began in January. Later that month, the rebels walked out.",
            "walked",
            ("2022-01-01", "month", "Later that month"),
        ),
        # from a year, a week later is in that year, as far as is known
        (
            "The senator was elected in 2012. A week later, she attacked the plan.",
            "attacked",
            ("2012-01-01", "year", "A week later"),
        ),
    ],
)
def test_weeks_months_years_counted_from_the_date_named_before(nlp, text, trigger, expected):
    got = _resolve(nlp, text, trigger)
    assert (got.date, got.precision, got.text) == expected


def test_the_day_counted_from_is_found_up_to_six_sentences_back(nlp):
    text = (
        "Hale spoke on the radio on Tuesday. He praised Lund. He said he liked her. Surveys put him first. "
        "A survey puts Ruiz second. He spoke of wins. A day earlier, he had warned Lund."
    )
    got = _resolve(nlp, text, "warned")
    assert (got.date, got.text) == ("2022-03-21", "A day earlier")


def test_a_date_of_the_means_dates_the_act(nlp):
    text = "Lund surprised his allies by withdrawing his support a week ago once the vote was lost."
    assert _resolve(nlp, text, "surprised").text == "a week ago"
    # other complements of a preposition still date only themselves
    assert _resolve(nlp, "She accused him of lying about the attack on Monday.", "accused").precision == "reported"


def test_a_long_chain_of_counted_days_is_followed_link_by_link(nlp):
    # each "day before" counts from the one before it, however long the chain (it used to be cut off after
    # three links and count the rest from publication: 25, 24, 23, 22, 23, 23, ...)
    doc = nlp("Rebels attacked the town on Friday. " + "The day before, troops shelled the port. " * 8)
    sents = list(doc.sents)
    got = [resolve_date(s, s.root, SUNDAY).date for s in sents]
    assert got == [date(2022, 3, 25 - k).isoformat() for k in range(9)]


def test_counted_days_in_a_row_cost_linear_time(nlp):
    doc = nlp("Rebels attacked the town on Friday. " + "The day before, troops shelled the port. " * 200)
    sents = list(doc.sents)
    # asked from the last sentence first: the chain is still followed back to Friday, without deep recursion
    last = resolve_date(sents[-1], sents[-1].root, SUNDAY)
    assert last.date == (date(2022, 3, 25) - timedelta(days=200)).isoformat()
    got = [resolve_date(s, s.root, SUNDAY) for s in sents[:6]]
    assert [g.date for g in got[1:4]] == ["2022-03-24", "2022-03-23", "2022-03-22"]
    for s in sents:
        resolve_date(s, s.root, SUNDAY)
    # a sentence's own date is worked out once, not once per sentence that counts from it
    assert len(doc.user_data["_eventwire_sentence_dates"]) <= len(sents)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # after a determiner: no abbreviation, never "May" (a name, the modal), a lower-case noun after it
        ("The governor met donors at the Mar-a-Lago club.", "met"),
        ("Critics said the May government failed.", "failed"),
        ("He said that May be true.", "said"),
        ("Her May speech angered the unions.", "angered"),
        ("The marchers recalled the March on Washington.", "recalled"),
    ],
)
def test_no_month_after_a_determiner_where_it_is_a_name_or_a_modal(nlp, text, trigger):
    assert _resolve(nlp, text, trigger).precision == "reported"


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("In a December interview, the mayor questioned the plan.", "questioned", ("2021-12-01", "December")),
        ("The senator spoke at the September rally.", "spoke", ("2021-09-01", "September")),
        ("In an October KTV interview, the mayor praised the plan.", "praised", ("2021-10-01", "October")),
    ],
)
def test_a_full_month_name_after_a_determiner_dates(nlp, text, trigger, expected):
    got = _resolve(nlp, text, trigger)
    assert (got.date, got.text) == expected


@pytest.mark.parametrize(
    "place",
    ["the visit", "the event", "the show", "a campaign stop", "a dinner", "the town fair"],
)
def test_a_date_of_a_place_where_anything_happens_dates_the_content_not_the_saying(nlp, place):
    text = f"Officials said protesters clashed with police during {place} on Monday."
    assert _resolve(nlp, text, "said").precision == "reported"


@pytest.mark.parametrize("venue", ["a press conference", "a briefing", "a debate", "a town hall meeting"])
def test_a_date_of_an_occasion_of_speech_dates_the_saying(nlp, venue):
    text = f"The mayor said the figures were wrong during {venue} on Monday."
    assert _resolve(nlp, text, "said").text == "Monday"
