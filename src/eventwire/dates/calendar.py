"""Date arithmetic: which day a weekday, a month, a season or a count names around the publication date.

Plain ``datetime`` arithmetic, no words: the conventions are those of the package docstring
(``eventwire.dates``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

# How fine each precision is: a count in days from a month keeps the month.
_FINER = {"day": 0, "week": 1, "month": 2, "year": 3}


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def shift_months(d: date, months: int) -> date:
    """The first day of the month ``months`` after ``d``'s."""
    index = d.year * 12 + d.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def week_start(d: date) -> date:
    return d - timedelta(days=d.weekday())


def year_for(pub: date, tense: str, make: Callable[[int], date | None]) -> date | None:
    """Pick the year for a month(-day) given without one, around the publication date."""
    options = [d for d in (make(pub.year - 1), make(pub.year), make(pub.year + 1)) if d is not None]
    if not options:
        return None
    if tense == "future":
        ahead = [d for d in options if d >= pub - timedelta(days=7)]
        return min(ahead) if ahead else None
    if tense == "present":
        return min(options, key=lambda d: abs((d - pub).days))
    behind = [d for d in options if d <= pub + timedelta(days=14)]
    return max(behind) if behind else None


def weekday_date(pub: date, weekday: int, tense: str, mod: str | None) -> date:
    """The day a weekday names: "last" strictly before, "next" strictly after, the publication weekday that
    day itself, else by tense (or the nearer for the present)."""
    back = (pub.weekday() - weekday) % 7  # days since the most recent such weekday (0 = today)
    ahead = (weekday - pub.weekday()) % 7
    mod = (mod or "").lower()
    if mod == "last":
        return pub - timedelta(days=back or 7)
    if mod == "next":
        return pub + timedelta(days=ahead or 7)
    if mod == "this":
        return pub - timedelta(days=pub.weekday()) + timedelta(days=weekday)
    if back == 0:
        return pub
    if mod == "later" or tense == "future":
        return pub + timedelta(days=ahead)
    if mod == "earlier" or tense == "past":
        return pub - timedelta(days=back)
    return pub - timedelta(days=back) if back <= ahead else pub + timedelta(days=ahead)


def month_date(pub: date, month: int, tense: str, pre: str) -> date:
    """The first day of ``month`` meant around ``pub``: "last" and "next" strictly before and after the
    publication month, "this" the publication year, else by tense."""
    if pre == "last":
        tense = "past"
    elif pre == "next":
        tense = "future"
    elif pre == "this":
        return date(pub.year, month, 1)
    first = date(pub.year, month, 1)
    if tense == "past":
        d = first if first <= pub else date(pub.year - 1, month, 1)
        if pre == "last" and d.month == pub.month and d.year == pub.year:
            d = date(pub.year - 1, month, 1)
    elif tense == "future":
        d = first if first >= date(pub.year, pub.month, 1) else date(pub.year + 1, month, 1)
        if pre == "next" and d.month == pub.month and d.year == pub.year:
            d = date(pub.year + 1, month, 1)
    else:
        d = year_for(pub, "present", lambda y: date(y, month, 1)) or first
    return d


def season_date(pub: date, first: int, tense: str, pre: str) -> date:
    """The first day of the season starting in month ``first`` meant around ``pub`` (northern hemisphere:
    spring March, summer June, fall September, winter December). "last summer" is the latest one already
    over at publication, "next summer" the first not yet begun, "this summer" or "in the summer" the one
    under way or, if none is, the latest begun (past tense), the next (future tense) or the nearest."""
    starts = [date(pub.year + k, first, 1) for k in (-2, -1, 0, 1)]
    if pre in ("last", "past"):
        return max(d for d in starts if shift_months(d, 3) <= pub)
    if pre in ("next", "coming"):
        return min(d for d in starts if d > pub)
    current = [d for d in starts if d <= pub < shift_months(d, 3)]
    if current:
        return current[0]
    if tense == "future":
        return min(d for d in starts if d > pub)
    if tense == "present":
        return min(starts, key=lambda d: abs((d - pub).days))
    return max(d for d in starts if d <= pub)


def period_date(pub: date, unit: str, step: int, tense: str) -> tuple[date, str]:
    """ "last week", "next month", "this year", "the weekend": the first day of the period ``step`` periods
    from publication's (a weekend's Saturday)."""
    if unit == "week":
        return week_start(pub) + timedelta(weeks=step), "week"
    if unit == "weekend":
        saturday = pub - timedelta(days=(pub.weekday() - 5) % 7)
        if step > 0 or (step == 0 and tense == "future" and saturday < pub):
            saturday += timedelta(weeks=1)
        elif step < 0 and saturday == pub:
            saturday -= timedelta(weeks=1)
        return saturday, "week"
    if unit == "month":
        return shift_months(pub, step), "month"
    return date(pub.year + step, 1, 1), "year"


def weekend_date(pub: date, tense: str) -> date:
    """ "over the weekend": the Saturday before publication, or after it in the future tense."""
    saturday = pub - timedelta(days=(pub.weekday() - 5) % 7)
    if tense == "future" and saturday < pub - timedelta(days=1):
        saturday += timedelta(weeks=1)
    return saturday


def ago_date(pub: date, n: int, unit: str) -> tuple[date, str]:
    """ "N days ago" is a day; a coarser period is dated by its first day, as "last week/month/year" are."""
    if unit == "day":
        return pub - timedelta(days=n), "day"
    if unit == "week":
        return week_start(pub - timedelta(weeks=n)), "week"
    if unit == "month":
        return shift_months(pub, -n), "month"
    return date(pub.year - n, 1, 1), "year"


def count(start: tuple[date, str], unit: str, shift: int) -> tuple[date, str]:
    """``shift`` units of ``unit`` after ``start`` (a date and its precision). From a coarser date the count
    keeps that date and precision: "In March ... Two days later" is March, as far as is known."""
    day, precision = start
    if precision == "reported" or _FINER[precision] > _FINER[unit]:
        return start
    if unit == "day":
        return day + timedelta(days=shift), "day"
    if unit == "week":
        return week_start(day + timedelta(weeks=shift)), "week"
    if unit == "month":
        return shift_months(day, shift), "month"
    return date(day.year + shift, 1, 1), "year"
