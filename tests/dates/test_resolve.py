"""Dates resolved against the publication date, from the trigger's own clause."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.dates import DateResult, find_dates, resolve_date

SUNDAY = "2022-03-27"  # a Sunday


def _resolve(nlp, text: str, trigger: str | None, published: str | None = SUNDAY) -> DateResult:
    doc = nlp(text)
    tok = None if trigger is None else next(t for t in doc if t.text == trigger)
    sent = tok.sent if tok is not None else next(doc.sents)
    return resolve_date(sent, tok, published)


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # weekdays, past tense: the most recent such day
        (
            "Kremlin spokesman Dmitry Peskov said on Wednesday that the talks had stalled.",
            "said",
            ("2022-03-23", "day", "Wednesday"),
        ),
        ("Rebels attacked the convoy on Friday, the army said.", "attacked", ("2022-03-25", "day", "Friday")),
        ("Protesters gathered outside parliament on Monday night.", "gathered", ("2022-03-21", "day", "Monday night")),
        ("Monday's strike killed three soldiers.", "killed", ("2022-03-21", "day", "Monday's")),
        # a weekday equal to the publication weekday is the publication day itself
        ("The minister resigned on Sunday.", "resigned", ("2022-03-27", "day", "Sunday")),
        ("The leaders will meet on Sunday evening.", "meet", ("2022-03-27", "day", "Sunday evening")),
        # future tense: the next such day
        ("The two leaders will meet on Friday in Geneva.", "meet", ("2022-04-01", "day", "Friday")),
        ("Negotiators are meeting on Tuesday.", "meeting", ("2022-03-29", "day", "Tuesday")),
        ("The ministers are expected to sign the accord on Thursday.", "sign", ("2022-03-31", "day", "Thursday")),
        ("The opposition is going to march on Saturday.", "march", ("2022-04-02", "day", "Saturday")),
        # last / next weekday are strict
        ("The envoy arrived last Sunday.", "arrived", ("2022-03-20", "day", "last Sunday")),
        ("The vote takes place next Sunday.", "takes", ("2022-04-03", "day", "next Sunday")),
        # relative days
        ("The army said yesterday it had repelled an attack.", "said", ("2022-03-26", "day", "yesterday")),
        ("The president flies to Warsaw today.", "flies", ("2022-03-27", "day", "today")),
        ("The talks resume tomorrow.", "resume", ("2022-03-28", "day", "tomorrow")),
        ("Drones struck the depot last night.", "struck", ("2022-03-26", "day", "last night")),
        # weeks, months, years: the first day of the period, with its precision
        ("Talks collapsed last week.", "collapsed", ("2022-03-14", "week", "last week")),
        ("The ministers will sign the deal next week.", "sign", ("2022-03-28", "week", "next week")),
        ("Sanctions were imposed last month.", "imposed", ("2022-02-01", "month", "last month")),
        ("The embassy closed earlier this month.", "closed", ("2022-03-01", "month", "earlier this month")),
        ("He was elected last year.", "elected", ("2021-01-01", "year", "last year")),
        ("Elections will be held in May.", "held", ("2022-05-01", "month", "May")),
        ("The ceasefire collapsed in January.", "collapsed", ("2022-01-01", "month", "January")),
        ("The treaty was ratified in 2019.", "ratified", ("2019-01-01", "year", "2019")),
        # "N ... ago": days stay days; weeks, months, years are the first day of the period landed in
        ("Two days ago rebels seized the town.", "seized", ("2022-03-25", "day", "Two days ago")),
        ("The border was closed three weeks ago.", "closed", ("2022-02-28", "week", "three weeks ago")),
        ("The envoy resigned two months ago.", "resigned", ("2022-01-01", "month", "two months ago")),
        ("The two states cut ties two years ago.", "cut", ("2020-01-01", "year", "two years ago")),
        # explicit dates in every common form
        ("Troops crossed the border on February 24.", "crossed", ("2022-02-24", "day", "February 24")),
        ("The siege began on 24th February.", "began", ("2022-02-24", "day", "24th February")),
        ("The siege began on the 24th of February.", "began", ("2022-02-24", "day", "the 24th of February")),
        ("Shelling hit the city on Feb. 24, 2022, officials said.", "hit", ("2022-02-24", "day", "Feb. 24, 2022")),
        ("The decree was published on 2022-02-24.", "published", ("2022-02-24", "day", "2022-02-24")),
        ("The treaty was signed on March 3, 2021 in Minsk.", "signed", ("2021-03-03", "day", "March 3, 2021")),
        ("The accord was signed on 3 March 2021.", "signed", ("2021-03-03", "day", "3 March 2021")),
        ("The deal was agreed on Thursday, Feb. 24.", "agreed", ("2022-02-24", "day", "Thursday, Feb. 24")),
        ("The decree took effect on 24.02.2022.", "took", ("2022-02-24", "day", "24.02.2022")),
        ("The protests started in March 2021.", "started", ("2021-03-01", "month", "March 2021")),
        # times of day
        (
            "Russian troops crossed the border in the early hours of February 24, officials said.",
            "crossed",
            ("2022-02-24", "day", "the early hours of February 24"),
        ),
        ("The blasts were heard late on Tuesday.", "heard", ("2022-03-22", "day", "late on Tuesday")),
    ],
)
def test_resolves_date_forms(nlp, text, trigger, expected):
    got = _resolve(nlp, text, trigger)
    assert (got.date, got.precision, got.text) == expected


def test_no_date_words_keeps_publication_date(nlp):
    got = _resolve(nlp, "Rebels attacked an army convoy.", "attacked")
    assert got == DateResult(SUNDAY, "reported", None)


def test_modal_may_and_verb_march_are_not_dates(nlp):
    got = _resolve(nlp, "Theresa May said the opposition may march to parliament.", "said")
    assert got == DateResult(SUNDAY, "reported", None)


def test_own_clause_beats_other_dates_in_the_sentence(nlp):
    text = "The governor said on Tuesday that rockets hit the city on Feb. 24, 2022."
    assert _resolve(nlp, text, "said").text == "Tuesday"
    assert _resolve(nlp, text, "hit").date == "2022-02-24"


def test_statement_date_and_future_clause_differ(nlp):
    text = "Peskov said on Wednesday that the delegations will meet on Friday."
    assert _resolve(nlp, text, "said").date == "2022-03-23"
    assert _resolve(nlp, text, "meet").date == "2022-04-01"


def test_event_without_own_date_takes_the_governing_statement_date(nlp):
    got = _resolve(nlp, "The ministry said on Thursday that troops had withdrawn.", "withdrawn")
    assert (got.date, got.text) == ("2022-03-24", "Thursday")


def test_noun_trigger_takes_the_date_in_its_own_phrase(nlp):
    got = _resolve(nlp, "The attack on Monday was condemned on Wednesday.", "attack")
    assert got.text == "Monday"


def test_year_inference_month_day_without_year(nlp):
    # published early January: "December 30" is last year's
    got = _resolve(nlp, "The convoy was ambushed on December 30.", "ambushed", "2022-01-02")
    assert got.date == "2021-12-30"
    # future tense published in December: next year's
    got = _resolve(nlp, "The parliament will vote on January 15.", "vote", "2022-12-20")
    assert got.date == "2023-01-15"
    # a date a few days after publication in past tense is late copy, same year
    got = _resolve(nlp, "The talks ended on March 29.", "ended", SUNDAY)
    assert got.date == "2022-03-29"


def test_without_publication_date_only_absolute_dates_resolve(nlp):
    assert _resolve(nlp, "Troops attacked on Friday.", "attacked", None) == DateResult(None, "reported", None)
    got = _resolve(nlp, "Troops attacked on March 3, 2021.", "attacked", None)
    assert (got.date, got.precision) == ("2021-03-03", "day")


def test_ambiguous_numeric_date_is_not_guessed(nlp):
    assert _resolve(nlp, "The ban began on 03/04/2022.", "began").precision == "reported"
    assert _resolve(nlp, "The ban began on 25/04/2022.", "began").date == "2022-04-25"


def test_date_text_slices_the_document(nlp):
    doc = nlp("Intro sentence here. Troops withdrew from the town on Feb. 24, 2022.")
    sent = list(doc.sents)[1]
    tok = next(t for t in sent if t.text == "withdrew")
    got = resolve_date(sent, tok, SUNDAY)
    mention = find_dates(sent.text, sent.start_char)[0]
    assert doc.text[mention.start : mention.end] == got.text == "Feb. 24, 2022"


def test_find_dates_finds_every_expression_with_offsets():
    # speed is measured in bench/dates_places.py, not asserted here
    text = "Kremlin spokesman Dmitry Peskov said on Wednesday that talks held on Feb. 24, 2022 had stalled last week."
    found = find_dates(text, 100)
    assert [text[m.start - 100 : m.end - 100] for m in found] == ["Wednesday", "Feb. 24, 2022", "last week"]


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        # a Monday: the week three weeks back starts on the same weekday
        ("2022-03-28", ("2022-03-07", "week")),
        # early in a month and in a year: the period is counted back from the publication month/year
        ("2022-01-05", ("2021-12-13", "week")),
    ],
)
def test_weeks_ago_is_the_monday_of_that_week(published, expected):
    (mention,) = find_dates("three weeks ago")
    d, precision = mention.resolve(date.fromisoformat(published), "past")
    assert (d.isoformat(), precision) == expected
    assert d.weekday() == 0


def test_months_and_years_ago_cross_year_boundaries():
    pub = date(2022, 2, 28)
    (months,) = find_dates("three months ago")
    assert months.resolve(pub, "past") == (date(2021, 11, 1), "month")
    (years,) = find_dates("a year ago")
    assert years.resolve(pub, "past") == (date(2021, 1, 1), "year")
    (days,) = find_dates("30 days ago")
    assert days.resolve(pub, "past") == (date(2022, 1, 29), "day")


def test_date_of_reported_content_is_not_the_statement_date(nlp):
    text = "The defence ministry said troops shelled the town on Tuesday."
    assert _resolve(nlp, text, "said") == DateResult(SUNDAY, "reported", None)
    assert _resolve(nlp, text, "shelled").text == "Tuesday"


def test_date_of_a_complement_is_not_the_main_verb_date(nlp):
    text = "Kyiv accused Moscow of shelling the port on Saturday."
    assert _resolve(nlp, text, "accused").precision == "reported"
    assert _resolve(nlp, text, "shelling").date == "2022-03-26"


@pytest.mark.parametrize(
    "text",
    [
        "The Sunday Times reported that the minister had resigned.",
        "Both parties signed the Good Friday Agreement.",
    ],
)
def test_weekday_inside_a_name_is_not_a_date(nlp, text):
    assert _resolve(nlp, text, None).precision == "reported"


def test_sentence_initial_preposition(nlp):
    got = _resolve(nlp, "In January, rebels seized the airport.", "seized")
    assert (got.date, got.precision, got.text) == ("2022-01-01", "month", "January")
    got = _resolve(nlp, "In 2019, the two states restored ties.", "restored")
    assert (got.date, got.precision) == ("2019-01-01", "year")


def test_mid_month(nlp):
    got = _resolve(nlp, "Fighting resumed in mid-February.", "resumed")
    assert (got.date, got.precision, got.text) == ("2022-02-01", "month", "mid-February")


def test_date_in_a_relative_clause_of_the_object_is_not_the_event_date(nlp):
    got = _resolve(nlp, "Missiles struck a bridge that was built in 2019.", "struck")
    assert got.precision == "reported"
    # but a relative clause on a noun trigger describes the trigger itself
    got = _resolve(nlp, "The attack, which took place on Friday, killed two soldiers.", "attack")
    assert got.text == "Friday"


def test_scheduled_event_takes_the_date_of_its_complement(nlp):
    text = "The prime minister is expected to meet the envoy in Budapest on April 4."
    got = _resolve(nlp, text, "expected")
    assert (got.date, got.text) == ("2022-04-04", "April 4")
    # a completed agreement is not dated by the meeting it agreed on
    assert _resolve(nlp, "The two sides agreed to meet on April 4.", "agreed").precision == "reported"


def test_iso_date_with_slashes_and_names_with_today(nlp):
    assert _resolve(nlp, "The order was signed on 2022/02/24.", "signed").date == "2022-02-24"
    assert _resolve(nlp, "Russia Today reported that the talks had failed.", "reported").precision == "reported"


def test_date_before_the_complement_subject_belongs_to_the_speech_verb(nlp):
    text = "Officials said on Friday they would hold a referendum next month."
    assert _resolve(nlp, text, "said").text == "Friday"
    got = _resolve(nlp, text, "hold")
    assert (got.date, got.precision) == ("2022-04-01", "month")
