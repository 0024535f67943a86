"""Finding date expressions in a sentence's text, each with how to resolve it against publication.

Each kind of expression has its finder; all run over the text (after cheap substring checks: most sentences
have no date words, and a regex pass costs more than the check), and the longest expression wins an overlap.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from eventwire.dates import calendar
from eventwire.dates.knowledge import DateKnowledge, shipped_date_knowledge
from eventwire.dates.patterns import RE_DIGIT, RE_ISO, RE_NUMERIC, RE_SHOW_BEFORE, RE_WEEKEND, RE_YEAR_LIKE

Resolve = Callable[[date | None, str], tuple[date, str] | None]


@dataclass
class DateMention:
    """One date expression in a sentence: character offsets into the doc and how to resolve it."""

    start: int
    end: int
    resolve: Resolve
    # "the day before", "a year later": (unit, shift) counted from the date the text last named, not publication
    count: tuple[str, int] | None = None

    @property
    def anchored(self) -> bool:
        return self.count is not None

    @property
    def length(self) -> int:
        return self.end - self.start


class _Text:
    """A sentence's text with what the finders share: its offset in the doc, its lower case, the pre-checks'
    answers, the knowledge, and the mentions found so far (slots: it is made for every sentence)."""

    __slots__ = ("text", "offset", "kn", "found", "lower", "digit", "month", "year")

    def __init__(self, text: str, offset: int, kn: DateKnowledge) -> None:
        self.text, self.offset, self.kn = text, offset, kn
        self.found: list[DateMention] = []
        self.lower = text.lower()
        self.digit = RE_DIGIT.search(text) is not None
        self.month = kn.patterns.month_any.search(text) is not None
        self.year = self.digit and RE_YEAR_LIKE.search(text) is not None

    def add(self, start: int, end: int, fn: Resolve, count: tuple[str, int] | None = None) -> None:
        self.found.append(DateMention(start + self.offset, end + self.offset, fn, count=count))


def find_dates(text: str, offset: int = 0, knowledge: DateKnowledge | None = None) -> list[DateMention]:
    """Every date expression in ``text`` (longest first wins an overlap), offsets shifted by ``offset``."""
    t = _Text(text, offset, knowledge or shipped_date_knowledge())
    for finder in _FINDERS:
        finder(t)
    # Longest expression wins an overlap ("Feb. 24, 2022" over "2022"; "last week" over nothing).
    t.found.sort(key=lambda d: (-d.length, d.start))
    kept: list[DateMention] = []
    for d in t.found:
        if all(d.end <= k.start or d.start >= k.end for k in kept):
            kept.append(d)
    kept.sort(key=lambda d: d.start)
    return kept


def _any_in(text: str, words: tuple[str, ...]) -> bool:
    """Whether any of ``words`` is in ``text`` (a plain loop: cheaper than ``any`` over a generator)."""
    for w in words:
        if w in text:
            return True
    return False


def _fixed(d: date, precision: str) -> Resolve:
    """A date that carries its own year: the same whatever the publication date and tense."""
    return lambda pub, tense: (d, precision)


def _iso_numeric(t: _Text) -> None:
    """2022-02-24, 24.02.2022 (day.month.year), 2/24/2022 where only one reading is a date."""
    if not t.digit:
        return
    for m in RE_ISO.finditer(t.text):
        d = calendar.safe_date(int(m["year"]), int(m["m"]), int(m["day"]))
        if d is not None:
            t.add(m.start(), m.end(), _fixed(d, "day"))
    for m in RE_NUMERIC.finditer(t.text):
        a, b, year = int(m["a"]), int(m["b"]), int(m["year"])
        if m["sep"] == "." or a > 12:
            d = calendar.safe_date(year, b, a)  # 24.02.2022: European day.month.year
        elif b > 12:
            d = calendar.safe_date(year, a, b)
        else:
            d = None  # 03/04/2022 is ambiguous; better no date than a wrong one
        if d is not None:
            t.add(m.start(), m.end(), _fixed(d, "day"))


def _month_day(t: _Text) -> None:
    """ "March 3", "3 March 2022", "Friday, March 3"; without a year, the year nearest publication by tense."""
    if not (t.digit and t.month):
        return
    p, months = t.kn.patterns, t.kn.month_numbers
    for rx in (p.mdy, p.dmy):
        for m in rx.finditer(t.text):
            month, day = months[m["mon"].rstrip(".").lower()], int(m["day"])
            if m["year"]:
                d = calendar.safe_date(int(m["year"]), month, day)
                if d is not None:
                    t.add(m.start(), m.end(), _fixed(d, "day"))
            elif calendar.safe_date(2000, month, day) is not None:  # 2000 is a leap year: Feb 29 is possible
                t.add(m.start(), m.end(), _day_of_year(month, day))


def _day_of_year(month: int, day: int) -> Resolve:
    def resolve(pub: date | None, tense: str) -> tuple[date, str] | None:
        if pub is None:
            return None
        d = calendar.year_for(pub, tense, lambda y: calendar.safe_date(y, month, day))
        return (d, "day") if d else None

    return resolve


def _month_year(t: _Text) -> None:
    """ "March 2022", "early March 2022": that month."""
    if not (t.digit and t.month):
        return
    for m in t.kn.patterns.month_year.finditer(t.text):
        d = calendar.safe_date(int(m["year"]), t.kn.month_numbers[m["mon"].rstrip(".").lower()], 1)
        if d is not None:
            t.add(m.start(), m.end(), _fixed(d, "month"))


def _months(t: _Text) -> None:
    """ "in March", "last March", "the September rally": a month without a year, by its word before or tense."""
    if not t.month:
        return
    months = t.kn.month_numbers
    for m in t.kn.patterns.month.finditer(t.text):
        if m["det"] is not None:
            pre, start, end, month = m["det"].lower(), m.start("mon2"), m.end("mon2"), months[m["mon2"].lower()]
        else:
            pre = " ".join(m["pre"].lower().split())
            start = m.start() if pre.startswith(("last", "next", "this", "early", "late", "mid")) else m.start("mon")
            end, month = m.end(), months[m["mon"].rstrip(".").lower()]
        t.add(start, end, _month_of(month, "last" if pre == "this past" else pre))


def _month_of(month: int, pre: str) -> Resolve:
    def resolve(pub: date | None, tense: str) -> tuple[date, str] | None:
        return (calendar.month_date(pub, month, tense, pre), "month") if pub is not None else None

    return resolve


def _years(t: _Text) -> None:
    """ "in 2014", "early 2014"; a year before a noun ("in a 2014 interview") unless the race is under way."""
    if not t.year:
        return
    for m in t.kn.patterns.year.finditer(t.text):
        pre = m["pre"].lower()
        start = m.start() if pre.startswith(("early", "late", "mid")) else m.start("year")
        t.add(start, m.end(), _fixed(date(int(m["year"]), 1, 1), "year"))
    for m in t.kn.patterns.year_noun.finditer(t.text):
        t.add(m.start("year"), m.end("year"), _past_year(int(m["year"])))


def _past_year(y: int) -> Resolve:
    return lambda pub, tense: (date(y, 1, 1), "year") if pub is None or y < pub.year else None


def _relative_days(t: _Text) -> None:
    """ "yesterday", "tonight", "last night": days from publication; not the programme "Today"."""
    p = t.kn.patterns
    if not _any_in(t.lower, p.relday_words):
        return
    for m in p.relday.finditer(t.text):
        if m["word"] == "Today" and RE_SHOW_BEFORE.search(t.text, max(0, m.start() - 6), m.start()):
            continue  # NBC's "Today": a programme
        shift = t.kn.relative_days[" ".join(m["word"].lower().split())]
        t.add(m.start(), m.end(), lambda pub, tense, s=shift: (pub + timedelta(days=s), "day") if pub else None)


def _weekdays(t: _Text) -> None:
    """ "on Monday", "last Friday", "later on Sunday": by its word before or the clause's tense."""
    p = t.kn.patterns
    if p.weekday_ending not in t.text:
        return
    for m in p.weekday.finditer(t.text):
        t.add(m.start(), m.end(), _weekday_of(t.kn.weekday_numbers[m["wd"].lower()], m["mod"]))


def _weekday_of(weekday: int, mod: str | None) -> Resolve:
    def resolve(pub: date | None, tense: str) -> tuple[date, str] | None:
        return (calendar.weekday_date(pub, weekday, tense, mod), "day") if pub else None

    return resolve


def _periods(t: _Text) -> None:
    """ "last week", "this month", "next year", "the coming weekend"; "over the weekend"."""
    if any(w in t.lower for w in ("week", "month", "year")):
        for m in t.kn.patterns.period.finditer(t.text):
            if m.group() == "This Week":
                continue  # ABC's "This Week": a programme (the date is "This week" at a sentence's start)
            step = t.kn.relative_steps[" ".join(m["rel"].lower().split())]
            if (m["edge"] or "").lower() in ("earlier", "later"):
                step = 0  # "earlier this month": this month, said to be before/after now
            t.add(m.start(), m.end(), _period_of(m["unit"].lower(), step))
    if "weekend" in t.lower:
        for m in RE_WEEKEND.finditer(t.text):
            t.add(
                m.start("w"), m.end(), lambda pub, tense: (calendar.weekend_date(pub, tense), "week") if pub else None
            )


def _period_of(unit: str, step: int) -> Resolve:
    def resolve(pub: date | None, tense: str) -> tuple[date, str] | None:
        return calendar.period_date(pub, unit, step, tense) if pub is not None else None

    return resolve


def _agos(t: _Text) -> None:
    """ "three weeks ago", "a few years ago"."""
    if " ago" not in t.lower:
        return
    for m in t.kn.patterns.ago.finditer(t.text):
        n, unit = _number(m["n"], t.kn), m["unit"].lower()
        t.add(m.start(), m.end(), lambda pub, tense, n=n, unit=unit: calendar.ago_date(pub, n, unit) if pub else None)


def _number(words: str, kn: DateKnowledge) -> int:
    """How many a count's words say: digits, or a number word ("two", "a few")."""
    raw = " ".join(words.lower().split())
    return int(raw) if raw.isdigit() else kn.number_words[raw]


# Words before a season that still leave the season itself as the date's start ("in the summer" is the summer).
_SEASON_PLAIN = ("in", "during", "over", "since", "until", "by", "through", "throughout")


def _seasons(t: _Text) -> None:
    """ "last summer", "in the fall", "summer 2015": the season's first month."""
    p = t.kn.patterns
    if not _any_in(t.lower, p.season_words):
        return
    for m in p.season.finditer(t.text):
        if not (m["pre"] or m["year"]):
            continue
        pre = (m["pre"] or "").lower()
        first = t.kn.seasons[m["season"]]
        year = int(m["year"]) if m["year"] else None
        start = m.start() if pre and pre not in _SEASON_PLAIN else m.start("season")
        t.add(start, m.end(), _season_of(first, year, pre))


def _season_of(first: int, year: int | None, pre: str) -> Resolve:
    def resolve(pub: date | None, tense: str) -> tuple[date, str] | None:
        if year is not None:
            return date(year, first, 1), "month"
        return (calendar.season_date(pub, first, tense, pre), "month") if pub else None

    return resolve


def _counted(pub: date | None, tense: str) -> None:
    """A counted date's resolve: never called, the resolver counts it from the date it counts from."""
    return None


def _counts(t: _Text) -> None:
    """Days, weeks, months, years counted from the date last named: "the day before", "two days later",
    "later that month", "a year later"."""
    # written out: a generator over word lists costs more than the regexes it spares
    lower = t.lower
    if not (
        ("after" in lower or "before" in lower or "later" in lower or "earlier" in lower or "next" in lower
         or "following" in lower or "same" in lower or "previous" in lower or "prior" in lower)
        and ("day" in lower or "night" in lower or "morning" in lower or "evening" in lower or "afternoon" in lower
             or "week" in lower or "month" in lower or "year" in lower)
    ):  # fmt: skip
        return
    for m in t.kn.patterns.anchored.finditer(t.text):
        t.add(m.start(), m.end(), _counted, count=("day", _day_shift(m, t.kn)))
    for m in t.kn.patterns.anchored_period.finditer(t.text):
        unit = (m["u1"] or m["u2"] or m["u3"] or m["u4"]).lower()
        if m["n"]:
            n = _number(m["n"], t.kn)
            shift = n if m["dir"].lower() == "later" else -n
        else:
            shift = {"following": 1, "previous": -1, "prior": -1}.get((m["rel"] or "").lower(), 0)
        t.add(m.start(), m.end(), _counted, count=(unit, shift))


def _day_shift(m, kn: DateKnowledge) -> int:
    """How many days a counted-day phrase ("two days later", "the day before", "the next day") moves."""
    words = " ".join(m["w"].lower().split())
    if m["n"]:
        n = _number(m["n"], kn)
        return n if m["dir"].lower() in ("later", "after") else -n
    if m["dir2"]:
        return 1 if m["dir2"].lower() == "after" else -1
    if any(w in words for w in ("previous", "prior")):
        return -1
    if any(w in words for w in ("next", "following")):
        return 1
    return 0


# In the order the expressions were always found: ties in length and start keep it.
_FINDERS = (
    _iso_numeric,
    _month_day,
    _month_year,
    _months,
    _years,
    _relative_days,
    _weekdays,
    _periods,
    _agos,
    _seasons,
    _counts,
)
