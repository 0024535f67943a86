"""When an event happened: date words in its sentence, resolved against the publication date.

Regexes find every date expression in the sentence (explicit dates, weekdays,
yesterday/today/tomorrow, last week/month/year, ...); the dependency parse then
picks the one that belongs to the trigger's own clause, and the tense of that
clause decides the direction of a weekday or a month without a year. The
resolver is plain regexes and date arithmetic: dateparser takes milliseconds to
seconds a call, this takes microseconds (``bench/dates_places.py``).

Conventions (documented in the field help and tested):

* ``precision`` is ``day | week | month | year | reported``. A coarser date is
  the first day of the period named: "last week" is that week's Monday, "last
  month" the 1st, "last year" January 1st, "the weekend" its Saturday.
* A weekday names the most recent such day for past tense and the next one for
  future tense (will/shall/going to, a modal with a bare verb, a progressive);
  a plain present tense ("meets on Friday", "says on Monday") takes whichever
  is nearer. A weekday equal to the publication weekday is the publication day
  itself in every tense: wire copy writes "said on Sunday" in Sunday's story
  and "later on Sunday"/"on Sunday" for a meeting that day. "last Friday" is
  always strictly before, "next Friday" strictly after publication.
* "N days ago" is a day; "N weeks/months/years ago" is the first day of the
  period it lands in, like "last week": with publication on Sunday 27 March
  2022, "three weeks ago" is Monday 28 February (week), "two months ago"
  1 January 2022 (month), "two years ago" 1 January 2020 (year).
* A month and day without a year takes the year that puts it nearest before
  publication (up to 14 days after it is allowed, for late copy); future tense
  takes the next one; present tense the nearest.
* A season is its first month, northern hemisphere (spring March, summer June, fall September, winter
  December), precision month: "last summer" is the latest summer already over at publication, "next
  summer" the first not yet begun, "this/in the summer" the one under way, else by tense.
* A day counted from another ("the day before", "a day earlier", "two days later", "the next day",
  "later that day", "earlier in the day") counts from the last day named before it: in its sentence,
  else in the nearest of the six sentences before that names a date, else from publication; after a
  month or a year ("In March ... Two days later") it is that month or year, with its precision. "the day
  after the vote" counts from the vote: no date. Weeks, months and years count the same way ("later that
  month", "the following week", "a year later"), each as the first day of its period.
* A date of a medium in a reduced relative ("in an interview aired Monday", "a letter sent
  Monday") dates what is said in it; other reduced relatives date their noun ("the 12 miners killed on
  Thursday").
* A month after "a", "the" or a possessive dates the thing it names ("in a December interview", "the
  September rally"): a full month name other than "May", before a lower-case word ("the May government",
  "the Mar-a-Lago club", "the March on Washington" are no dates); "this past September" is "last September". A year that modifies a noun after "in",
  "during", "from", "at" ("during the 2012 presidential race", "in a 2014 interview") is that year,
  unless it is the publication year or later ("in the 2016 campaign" names the race under way).
* A date in the phrase of a venue of speech ("at a rally on Monday", "during a hearing last week", "in an
  interview with KTV on Sunday") dates the saying, even where the parser hangs it inside what was said.
* The means dates the act: "surprised his allies by withdrawing his support a week ago".
* Programme names are not dates: NBC's "Today", ABC's "This Week".
* With no date words the event keeps the publication date: ``(published,
  "reported", None)``. Without a publication date only expressions that carry
  their own year resolve.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Span, Token

from eventwire.nlp import doc_text

__all__ = ["PROSPECTIVE_VERBS", "DateResult", "clause_verb", "embedded_in", "find_dates", "resolve_date"]


@dataclass
class DateResult:
    """A resolved date: ``date`` (YYYY-MM-DD or None), its ``precision`` and the words that gave it."""

    date: str | None
    precision: str
    text: str | None


@dataclass
class DateMention:
    """One date expression in a sentence: character offsets into the doc and how to resolve it."""

    start: int
    end: int
    resolve: Callable[[date | None, str], tuple[date, str] | None]
    # "the day before", "a year later": (unit, shift) counted from the date the text last named, not publication
    count: tuple[str, int] | None = None

    @property
    def anchored(self) -> bool:
        return self.count is not None

    @property
    def length(self) -> int:
        return self.end - self.start


MONTH_NAMES = {  # month words (full and abbreviated) -> number; ingest reads publication dates with it too
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6,
}  # fmt: skip
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 3, "a few": 3, "few": 3,
}  # fmt: skip


def _number(words: str) -> int:
    """How many a count's words say: digits, or a number word ("two", "a few")."""
    raw = " ".join(words.lower().split())
    return int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]


# Month names are matched capitalised only ("may" the modal, "march" the verb).
_MON = (
    r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_WD_NAMES = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_WD_OPT = rf"(?:(?:{_WD_NAMES}),?\s+)?"
_PART = r"morning|afternoon|evening|night"
# A time of day in front of a date: "the early hours of", "the night of", "early on", "late".
_TOD = (
    rf"(?:the\s+(?:early|small|late|wee)\s+hours\s+of\s+|(?:the\s+)?(?:{_PART})\s+of\s+|(?:early|late)\s+(?:on\s+)?)?"
)
_DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|2[01])\d\d)"

_RE_ISO = re.compile(r"\b(?P<year>\d{4})(?P<sep>[-/])(?P<m>\d\d)(?P=sep)(?P<day>\d\d)\b")
_RE_NUMERIC = re.compile(r"\b(?P<a>\d{1,2})(?P<sep>[./])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4})\b")
_RE_MDY = re.compile(rf"\b{_TOD}{_WD_OPT}{_MON}\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?")
_RE_DMY = re.compile(rf"\b{_TOD}{_WD_OPT}(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MON}(?:\b|(?<=\.))(?:,?\s+{_YEAR}\b)?")
_RE_MY = re.compile(rf"\b(?:(?P<mod>early|late|mid-?|end\s+of|beginning\s+of)\s*)?{_MON}(?:\b|(?<=\.)),?\s+{_YEAR}\b")
# After a determiner only a full month name other than "May" (the name, the modal) followed by a lower-case word
# that is no preposition, perhaps after one name: "in a December interview", "the September rally", "an October
# KTV interview"; not "the Mar-a-Lago club", "the May government", "that May be true", "the March on Washington".
_RE_MONTH = re.compile(
    rf"\b(?:(?P<pre>(?i:in|since|until|till|by|during|from|through|before|after|of|last|next|this\s+past|this|early|late"
    rf"|mid-?))\s*){_MON}(?:\b|(?<=\.))(?!\s*\d)(?!-)"
    r"|\b(?P<det>(?i:the|an?|his|her|their|its|our|that))\s+"
    r"(?P<mon2>January|February|March|April|June|July|August|September|October|November|December)"
    r"\s+(?:[A-Z][\w.]*\s+)?(?=[a-z])(?!(?:on|to|of|for|in|at|by|and|or|the|a|an|is|was|be|will|would)\b)"
)
_RE_YEAR = re.compile(
    r"\b(?:(?P<pre>(?i:in|since|during|until|till|by|of|early|late|mid-?|throughout|before|after))\s*)"
    r"(?P<year>(?:19|20)\d\d)\b(?![-,.]?\d)(?!\s*(?:people|troops|soldiers|residents|civilians|km|miles|%))"
)
# A year that modifies a noun after "in", "during", "from", "at": "during the 2012 presidential race", "in a 2014
# interview", "during Mr. Lund's 1998 campaign" (not a count: "in the 2000 troops' march"). It names a past
# thing; the publication year or a later one names the race under way ("in the 2016 campaign"): no date.
_RE_YEAR_NOUN = re.compile(
    r"\b(?i:in|during|from|at|throughout)\s+(?:the|an?|his|her|their|its|our|[A-Z][\w.]*['’]s)\s+(?:[a-z]+\s+)?"
    r"(?P<year>(?:19|20)\d\d)\s+(?=[a-z])"
    r"(?!(?:people|troops|soldiers|residents|civilians|km|miles|percent|votes|voters|delegates|members|workers|jobs"
    r"|refugees|migrants|dollars|students|cases|deaths|children|men|women|homes|acres|pages|feet|tons)\b)"
)
_RE_RELDAY = re.compile(
    # not the names "Russia Today", "USA Today"
    r"(?<!Russia )(?<!USA )\b(?P<word>yesterday|today|tonight|tomorrow|last\s+night|overnight|this\s+(?:morning|afternoon|evening))\b"
    rf"(?:\s+(?P<part>{_PART}))?",
    re.IGNORECASE,
)
_RE_WEEKDAY = re.compile(
    rf"(?:\b(?P<mod>[Ll]ast|[Nn]ext|[Tt]his|[Ee]arly|[Ll]ate|[Ee]arlier|[Ll]ater)\s+(?:on\s+)?)?"
    rf"(?<!Good )(?<!Black )(?<!Bloody )(?<!Holy )(?<!Palm )(?<!Ash )"
    rf"\b(?P<wd>{_WD_NAMES})(?:'s|’s)?(?:\s+(?:{_PART}))?\b"
    # "Good Friday Agreement", "the Sunday Times": names, not dates
    r"(?!\s+(?:Times|Telegraph|Express|Mirror|Herald|Post|Agreement|Accords?|Movement|Group|Club|Show|Prayers?)\b)"
)
_RE_PERIOD = re.compile(
    r"\b(?:(?P<edge>early|late|earlier|later|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of)\s+)?"
    r"(?P<rel>last|next|this|past|previous|coming)\s+(?P<unit>week|weekend|month|year)\b",
    re.IGNORECASE,
)
_RE_WEEKEND = re.compile(r"\b(?:over|at|during|on)\s+(?P<w>the\s+weekend)\b", re.IGNORECASE)
_RE_AGO = re.compile(
    r"\b(?P<n>\d{1,3}|a\s+few|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few)"
    r"\s+(?P<unit>day|week|month|year)s?\s+ago\b",
    re.IGNORECASE,
)
# Seasons: with a word before them or a year after them ("in the fall", "last summer", "summer 2015"),
# never "the fall of Mosul" or "the Arab Spring".
_RE_SEASON = re.compile(
    r"\b(?:(?P<pre>(?i:last|next|this|past|coming|early|late|in|during|over|since|until|by|through|throughout))"
    r"\s+(?:the\s+)?)?(?P<season>spring|summer|fall|autumn|winter)\b"
    r"(?:,?\s+(?:of\s+)?(?P<year>(?:19|20)\d\d)\b)?(?!\s+of\s+(?!(?:19|20)\d\d))"
)
_SEASON_MONTH = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
# Days counted from the day last named: "the day before", "a day earlier", "the next day", "later that day".
# "the day after the vote" counts from the vote, not from a date, so "after"/"before" must end the phrase.
_RE_ANCHORED = re.compile(
    r"\b(?P<w>(?:earlier|later)\s+(?:that|the\s+same)\s+(?:day|morning|afternoon|evening|night)"
    r"|(?:earlier|later)\s+in\s+the\s+day|(?:that|the)\s+same\s+day(?=\s*[,.;:)])"
    r"|the\s+(?:previous|prior)\s+(?:day|night|evening)|the\s+(?:next|following)\s+(?:day|morning)"
    r"|(?P<n>an?|one|two|three|four|five|six|\d)\s+days?\s+(?P<dir>earlier|later|before|after)(?=\s*[,.;:)]|\s+(?:and|when|as)\b)"
    r"|the\s+(?:day|night|evening)\s+(?P<dir2>before|after|earlier)(?=\s*[,.;:)]|\s+(?:and|when|as)\b))",
    re.IGNORECASE,
)
# A capitalised "Today" after a possessive or "on" and a quote mark is the programme ("NBC's “Today”").
_RE_SHOW_BEFORE = re.compile(r"(?:['’]s|\bon)\s*[\"“'‘]*\s*$")
# Weeks, months, years counted the same way: "later that month", "the following week", "a year later".
_RE_ANCHORED_PERIOD = re.compile(
    r"\b(?:(?:earlier|later)\s+(?:that|the\s+same)\s+(?P<u1>week|month|year)|that\s+same\s+(?P<u2>week|month|year)"
    r"|the\s+(?P<rel>following|previous|prior)\s+(?P<u3>week|month|year)(?=\s*[,.;:)]|\s+(?:and|when|as)\b)"
    r"|(?P<n>an?|one|two|three|four|five|six|\d)\s+(?P<u4>week|month|year)s?\s+(?P<dir>earlier|later)"
    r"(?=\s*[,.;:)]|\s+(?:and|when|as)\b))",
    re.IGNORECASE,
)

_RE_DIGIT = re.compile(r"\d")
_RE_YEAR_LIKE = re.compile(r"(?:1[89]|2[01])\d\d")
_RE_MONTH_ANY = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)")
_RELDAY_WORDS = ("yesterday", "today", "tonight", "tomorrow", "night", "this morning", "this afternoon", "this evening")
_PERIOD_WORDS = ("week", "month", "year")

_FUTURE_AUX = {"will", "shall", "'ll", "wo", "’ll"}
_MODALS = {"would", "could", "may", "might", "should", "must", "can", "ca"}
# Verbs that look ahead: in the present tense ("is expected to sign", "is scheduled for") they mean the future.
PROSPECTIVE_VERBS = {
    "expect",
    "schedule",
    "plan",
    "set",
    "slate",
    "due",
    "intend",
    "prepare",
    "aim",
    "hope",
    "promise",
    "vow",
}


# Nouns of what is said or written in: a date of one dates what is said in it ("an interview published Monday").
MEDIUM_NOUNS = {
    "interview", "statement", "speech", "letter", "report", "article", "tweet", "post", "column", "editorial",
    "video", "message", "email", "remark", "release", "address", "memo", "filing", "ad", "broadcast", "op-ed",
}  # fmt: skip
# Occasions of speech: a date in "at a rally on Monday" dates what is said there. Only occasions whose point is
# speaking (not places or occasions where anything may happen: "clashed with police during the visit on Monday"
# dates the clash, not a "said" above it); "hall" only as a "town hall".
VENUE_NOUNS = {
    "rally", "hearing", "conference", "debate", "briefing", "forum", "appearance", "hall", "testimony", "meeting",
    "summit",
}  # fmt: skip


def _month(text: str) -> int:
    return MONTH_NAMES[text.rstrip(".").lower()]


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _year_for(pub: date, tense: str, make: Callable[[int], date | None]) -> date | None:
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


def _weekday_date(pub: date, weekday: int, tense: str, mod: str | None) -> date:
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


def _season_date(pub: date, first: int, tense: str, pre: str) -> date:
    """The first day of the season starting in month ``first`` meant around ``pub`` (northern hemisphere:
    spring March, summer June, fall September, winter December). "last summer" is the latest one already
    over at publication, "next summer" the first not yet begun, "this summer" or "in the summer" the one
    under way or, if none is, the latest begun (past tense), the next (future tense) or the nearest."""
    starts = [date(pub.year + k, first, 1) for k in (-2, -1, 0, 1)]
    if pre in ("last", "past"):
        return max(d for d in starts if _shift_months(d, 3) <= pub)
    if pre in ("next", "coming"):
        return min(d for d in starts if d > pub)
    current = [d for d in starts if d <= pub < _shift_months(d, 3)]
    if current:
        return current[0]
    if tense == "future":
        return min(d for d in starts if d > pub)
    if tense == "present":
        return min(starts, key=lambda d: abs((d - pub).days))
    return max(d for d in starts if d <= pub)


def _shift_months(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def find_dates(text: str, offset: int = 0) -> list[DateMention]:
    """Every date expression in ``text`` (longest first wins an overlap), offsets shifted by ``offset``."""
    found: list[DateMention] = []

    def add(start: int, end: int, fn: Callable[[date | None, str], tuple[date, str] | None]) -> None:
        found.append(DateMention(start + offset, end + offset, fn))

    # Cheap substring checks first: most sentences have no date words, and a regex pass costs more.
    lower = text.lower()
    digit = _RE_DIGIT.search(text) is not None
    month = _RE_MONTH_ANY.search(text) is not None
    year = digit and _RE_YEAR_LIKE.search(text) is not None
    none: tuple = ()

    for m in _RE_ISO.finditer(text) if digit else none:
        d = _safe_date(int(m["year"]), int(m["m"]), int(m["day"]))
        if d is not None:
            add(m.start(), m.end(), lambda pub, tense, d=d: (d, "day"))
    for m in _RE_NUMERIC.finditer(text) if digit else none:
        a, b, year = int(m["a"]), int(m["b"]), int(m["year"])
        if m["sep"] == ".":
            d = _safe_date(year, b, a)  # 24.02.2022: European day.month.year
        elif a > 12:
            d = _safe_date(year, b, a)
        elif b > 12:
            d = _safe_date(year, a, b)
        else:
            d = None  # 03/04/2022 is ambiguous; better no date than a wrong one
        if d is not None:
            add(m.start(), m.end(), lambda pub, tense, d=d: (d, "day"))
    for rx in (_RE_MDY, _RE_DMY) if digit and month else none:
        for m in rx.finditer(text):
            month, day = _month(m["mon"]), int(m["day"])
            if m["year"]:
                d = _safe_date(int(m["year"]), month, day)
                if d is not None:
                    add(m.start(), m.end(), lambda pub, tense, d=d: (d, "day"))
            elif _safe_date(2000, month, day) is not None:  # 2000 is a leap year: Feb 29 is possible

                def fn(pub: date | None, tense: str, month: int = month, day: int = day) -> tuple[date, str] | None:
                    if pub is None:
                        return None
                    d = _year_for(pub, tense, lambda y: _safe_date(y, month, day))
                    return (d, "day") if d else None

                add(m.start(), m.end(), fn)
    for m in _RE_MY.finditer(text) if digit and month else none:
        d = _safe_date(int(m["year"]), _month(m["mon"]), 1)
        if d is not None:
            add(m.start(), m.end(), lambda pub, tense, d=d: (d, "month"))
    for m in _RE_MONTH.finditer(text) if month else none:
        if m["det"] is not None:
            pre, start, end, month = m["det"].lower(), m.start("mon2"), m.end("mon2"), _month(m["mon2"])
        else:
            pre = " ".join(m["pre"].lower().split())
            start = m.start() if pre.startswith(("last", "next", "this", "early", "late", "mid")) else m.start("mon")
            end, month = m.end(), _month(m["mon"])
        if pre == "this past":
            pre = "last"

        def fn_month(pub: date | None, tense: str, month: int = month, pre: str = pre) -> tuple[date, str] | None:
            if pub is None:
                return None
            if pre == "last":
                tense = "past"
            elif pre == "next":
                tense = "future"
            elif pre == "this":
                return date(pub.year, month, 1), "month"
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
                d = _year_for(pub, "present", lambda y: date(y, month, 1)) or first
            return d, "month"

        add(start, end, fn_month)
    for m in _RE_YEAR.finditer(text) if year else none:
        pre = m["pre"].lower()
        start = m.start() if pre.startswith(("early", "late", "mid")) else m.start("year")
        add(start, m.end(), lambda pub, tense, y=int(m["year"]): (date(y, 1, 1), "year"))
    for m in _RE_YEAR_NOUN.finditer(text) if year else none:
        add(
            m.start("year"),
            m.end("year"),
            lambda pub, tense, y=int(m["year"]): (date(y, 1, 1), "year") if pub is None or y < pub.year else None,
        )
    for m in _RE_RELDAY.finditer(text) if any(w in lower for w in _RELDAY_WORDS) else none:
        if m["word"] == "Today" and _RE_SHOW_BEFORE.search(text, max(0, m.start() - 6), m.start()):
            continue  # NBC's "Today": a programme
        word = " ".join(m["word"].lower().split())
        shift = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(word, 0)
        add(m.start(), m.end(), lambda pub, tense, s=shift: (pub + timedelta(days=s), "day") if pub else None)
    for m in _RE_WEEKDAY.finditer(text) if "day" in text else none:
        weekday = _WEEKDAYS[m["wd"].lower()]
        mod = m["mod"]

        def fn_wd(pub: date | None, tense: str, wd: int = weekday, mod: str | None = mod) -> tuple[date, str] | None:
            return (_weekday_date(pub, wd, tense, mod), "day") if pub else None

        add(m.start(), m.end(), fn_wd)
    for m in _RE_PERIOD.finditer(text) if any(w in lower for w in _PERIOD_WORDS) else none:
        if m.group() == "This Week":
            continue  # ABC's "This Week": a programme (the date is "This week" at a sentence's start)
        rel, unit = m["rel"].lower(), m["unit"].lower()
        step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)
        if (m["edge"] or "").lower() in ("earlier", "later"):
            step = 0  # "earlier this month": this month, said to be before/after now

        def fn_period(pub: date | None, tense: str, unit: str = unit, step: int = step) -> tuple[date, str] | None:
            if pub is None:
                return None
            if unit == "week":
                return pub - timedelta(days=pub.weekday()) + timedelta(weeks=step), "week"
            if unit == "weekend":
                saturday = pub - timedelta(days=(pub.weekday() - 5) % 7)
                if step > 0 or (step == 0 and tense == "future" and saturday < pub):
                    saturday += timedelta(weeks=1)
                elif step < 0 and saturday == pub:
                    saturday -= timedelta(weeks=1)
                return saturday, "week"
            if unit == "month":
                return _shift_months(pub, step), "month"
            return date(pub.year + step, 1, 1), "year"

        add(m.start(), m.end(), fn_period)
    for m in _RE_WEEKEND.finditer(text) if "weekend" in lower else none:

        def fn_weekend(pub: date | None, tense: str) -> tuple[date, str] | None:
            if pub is None:
                return None
            saturday = pub - timedelta(days=(pub.weekday() - 5) % 7)
            if tense == "future" and saturday < pub - timedelta(days=1):
                saturday += timedelta(weeks=1)
            return saturday, "week"

        add(m.start("w"), m.end(), fn_weekend)
    for m in _RE_AGO.finditer(text) if " ago" in lower else none:
        n = _number(m["n"])
        unit = m["unit"].lower()

        def fn_ago(pub: date | None, tense: str, n: int = n, unit: str = unit) -> tuple[date, str] | None:
            if pub is None:
                return None
            if unit == "day":
                return pub - timedelta(days=n), "day"
            # a coarser period is dated by its first day, as "last week/month/year" are
            if unit == "week":
                then = pub - timedelta(weeks=n)
                return then - timedelta(days=then.weekday()), "week"
            if unit == "month":
                return _shift_months(pub, -n), "month"
            return date(pub.year - n, 1, 1), "year"

        add(m.start(), m.end(), fn_ago)
    for m in (
        _RE_SEASON.finditer(text)
        if ("summer" in lower or "spring" in lower or "fall" in lower or "autumn" in lower or "winter" in lower)
        else none
    ):
        if not (m["pre"] or m["year"]):
            continue
        pre = (m["pre"] or "").lower()
        first = _SEASON_MONTH[m["season"]]
        year = int(m["year"]) if m["year"] else None

        def fn_season(
            pub: date | None, tense: str, first: int = first, year: int | None = year, pre: str = pre
        ) -> tuple[date, str] | None:
            if year is not None:
                return date(year, first, 1), "month"
            return (_season_date(pub, first, tense, pre), "month") if pub else None

        add(
            m.start()
            if pre and pre not in ("in", "during", "over", "since", "until", "by", "through", "throughout")
            else m.start("season"),
            m.end(),
            fn_season,
        )
    # written out: a generator over word lists costs more than the regexes it spares
    anchored = (
        "after" in lower or "before" in lower or "later" in lower or "earlier" in lower or "next" in lower
        or "following" in lower or "same" in lower or "previous" in lower or "prior" in lower
    ) and (
        "day" in lower or "night" in lower or "morning" in lower or "evening" in lower or "afternoon" in lower
        or "week" in lower or "month" in lower or "year" in lower
    )  # fmt: skip
    for m in _RE_ANCHORED.finditer(text) if anchored else none:
        words = " ".join(m["w"].lower().split())
        if m["n"]:
            n = _number(m["n"])
            shift = n if m["dir"].lower() in ("later", "after") else -n
        elif m["dir2"]:
            shift = 1 if m["dir2"].lower() == "after" else -1
        elif any(w in words for w in ("previous", "prior")):
            shift = -1
        elif any(w in words for w in ("next", "following")):
            shift = 1
        else:
            shift = 0
        found.append(DateMention(m.start() + offset, m.end() + offset, _counted, count=("day", shift)))
    for m in _RE_ANCHORED_PERIOD.finditer(text) if anchored else none:
        unit = (m["u1"] or m["u2"] or m["u3"] or m["u4"]).lower()
        if m["n"]:
            n = _number(m["n"])
            shift = n if m["dir"].lower() == "later" else -n
        else:
            shift = {"following": 1, "previous": -1, "prior": -1}.get((m["rel"] or "").lower(), 0)
        found.append(DateMention(m.start() + offset, m.end() + offset, _counted, count=(unit, shift)))
    # Longest expression wins an overlap ("Feb. 24, 2022" over "2022"; "last week" over nothing).
    found.sort(key=lambda d: (-d.length, d.start))
    kept: list[DateMention] = []
    for d in found:
        if all(d.end <= k.start or d.start >= k.end for k in kept):
            kept.append(d)
    kept.sort(key=lambda d: d.start)
    return kept


def clause_verb(token: Token) -> Token:
    """The verb that governs ``token``: itself if it is one, else the nearest verb above it."""
    t = token
    for _ in range(64):
        if t.pos_ in ("VERB", "AUX") or t.head.i == t.i:
            return t
        t = t.head
    return t


_COMPLEMENT_DEPS = {"ccomp", "xcomp", "pcomp", "csubj", "csubjpass"}


def embedded_in(token: Token, verb: Token, *, skip_xcomp: bool = False, also: tuple[str, ...] = ()) -> bool:
    """Whether ``token`` sits in a complement clause of ``verb`` (reported content, "agreed to meet", "of attacking").

    What such a clause says (its date, its place) belongs to its own event, not to ``verb``'s. Places pass
    ``skip_xcomp``: "threatened to storm the palace in Tbilisi" threatens in Tbilisi, but "agreed to meet on
    Friday" was not agreed on Friday. ``also`` adds dependency labels that count as embedding (dates pass
    relative clauses: "struck a depot that was built in 2019").
    """
    deps = (_COMPLEMENT_DEPS - {"xcomp"} if skip_xcomp else _COMPLEMENT_DEPS) | set(also)
    t = token
    crossed = False
    for _ in range(64):
        if t.i == verb.i:
            return crossed
        if t.head.i == t.i:
            return False
        crossed = crossed or t.dep_ in deps
        t = t.head
    return False


def _tense(verb: Token, depth: int = 0) -> str:
    """past | present | future of the clause headed by ``verb`` (default past: news reports the past)."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lowers = {a.lower_ for a in auxes}
    if lowers & _FUTURE_AUX:
        return "future"
    if lowers & _MODALS:
        return "past" if "have" in lowers else "future"
    if "to" in lowers and verb.head.lower_ == "going":
        return "future"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VBG" and lowers & {"is", "are", "'s", "'re", "am"}:
        return "future"
    if verb.tag_ in ("VBZ", "VBP") or lowers & {"is", "are", "am", "'s", "'re"}:
        if lowers & {"has", "have", "'ve"}:
            return "past"
        return "future" if verb.lemma_ in PROSPECTIVE_VERBS and depth == 0 else "present"
    if verb.tag_ == "VB" and "to" in lowers and verb.head.i != verb.i and depth < 3:
        head = clause_verb(verb.head)
        tense = _tense(head, depth + 1)
        return "future" if tense == "present" and head.lemma_ in PROSPECTIVE_VERBS else tense
    if verb.tag_ == "VBN" and lowers & {"has", "have", "had", "'ve"}:
        return "past"
    return "past"


def _reattach(root: Token, verb: Token) -> Token:
    """ "said on Friday they would hold ...": a date between a speech verb and its complement's subject
    belongs to the speech verb, though the parser often hangs it on the complement."""
    if verb.dep_ != "ccomp" or not verb.head.i < root.i < verb.i:
        return verb
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and root.i < subject.left_edge.i:
        return verb.head
    return verb


def _branch_dep(token: Token, verb: Token) -> str | None:
    """The label by which ``token``'s branch hangs from a clause above ``verb`` (None when it hangs from
    ``verb`` itself or from nothing above it)."""
    above = {t.i for t in verb.ancestors}
    t = token
    for _ in range(64):
        if t.i == verb.i or t.head.i == t.i:
            return None
        if t.head.i in above:
            return t.dep_
        t = t.head
    return None


def _in_venue(token: Token, verb: Token) -> bool:
    """Whether ``token`` (a date) sits in the phrase of a venue of speech below ``verb`` ("at a rally on
    Monday", "during a hearing last week", "in an interview with KTV on Sunday")."""
    t = token.head
    for _ in range(8):
        if t.i == verb.i or t.head.i == t.i:
            return False
        if t.lemma_ in MEDIUM_NOUNS or t.lemma_ in VENUE_NOUNS:
            if t.lemma_ == "hall" and not any(c.lower_ == "town" for c in t.lefts):
                return False
            return t.dep_ == "pobj"
        t = t.head
    return False


def _date_root(sent: Span, start: int, end: int) -> Token | None:
    span = sent.doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


def resolve_date(sent: Span, trigger: Token | None, published: str | None) -> DateResult:
    """The date of the event or statement triggered at ``trigger`` in ``sent``.

    Prefers the date expression in the trigger's own clause (inside the trigger's
    subtree, or governed by the same verb), then one in a clause above it (the
    "said on Monday" over a reported event), then the nearest other one; a date
    inside a complement clause of the trigger (the content of what was said, "agreed
    to meet on Friday") is never the trigger's. A day counted from another ("the day before", "later that
    day") counts from the day named last before it: in its sentence, else in the sentence before (up to
    six back, each followed back along its own chain of counted days), else from publication (the sentences
    before are read from ``sent.doc``). With no usable
    date words: ``DateResult(published, "reported", None)``.
    """
    reported = DateResult(published, "reported", None)
    mentions = _mentions(sent)
    if not mentions:
        return reported
    return _resolve(sent, trigger, published, mentions) or reported


def _resolve(
    sent: Span, trigger: Token | None, published: str | None, mentions: list[DateMention]
) -> DateResult | None:
    pub = _parse_iso(published)
    anchor = trigger if trigger is not None else sent.root
    anchor_verb = clause_verb(anchor)
    subtree = (anchor.left_edge.i, anchor.right_edge.i)
    # "is expected to meet on March 14": the schedule's date is the event's; "agreed to meet on Friday" is not
    prospective = anchor_verb.lemma_ in PROSPECTIVE_VERBS
    ranked: list[tuple[tuple[int, int], DateMention, str]] = []
    for mention in mentions:
        root = _date_root(sent, mention.start, mention.end)
        if root is None:
            continue
        verb = _reattach(
            root, clause_verb(root.head if root.pos_ in ("VERB", "AUX") and root.head.i != root.i else root)
        )
        if verb.dep_ == "acl" and verb.head.lemma_ in MEDIUM_NOUNS:
            # "told KTV in an interview aired Monday": the date of the medium is the date of what is
            # said in it (other reduced relatives still date their noun: "the 12 miners killed on Thursday")
            verb = clause_verb(verb.head)
        elif verb.dep_ == "pcomp" and verb.head.lower_ == "by" and verb.head.head.i != verb.i:
            # "surprised his allies by withdrawing his support a week ago": the means is the act itself
            verb = clause_verb(verb.head.head)
        elif verb.dep_ in ("ccomp", "xcomp") and _in_venue(root, verb):
            # "said the figures were false during a hearing last week", "urged the council to review ... at
            # a rally on Monday night": the venue's date is the saying's, where the parser hung it lower
            while verb.dep_ in ("ccomp", "xcomp") and verb.head.i != verb.i:
                verb = clause_verb(verb.head)
        inside = subtree[0] <= root.i <= subtree[1] and anchor.i != anchor_verb.i
        # 0: in a noun trigger's own phrase ("the attack on Monday"); 1: governed by the trigger's verb;
        # 2: the clause above it (a "said on Monday" over the event); 3: elsewhere in the sentence
        if inside:
            tier = 0
        elif verb == anchor_verb:
            tier = 1
        elif embedded_in(verb, anchor_verb, skip_xcomp=prospective, also=("relcl", "acl")):
            # "said that troops attacked on Monday": Monday dates the attack, not the saying;
            # "struck a depot that was built in 2019": 2019 dates the depot
            continue
        elif verb in anchor_verb.ancestors:
            tier = 2
        elif _branch_dep(verb, anchor_verb) in ("conj", "xcomp"):
            # "said the plan would fail, and vowed on Monday to fight it": Monday dates the vow, a clause
            # joined to one above the trigger's, not the trigger
            continue
        else:
            tier = 3
        ranked.append(((tier, abs(root.i - anchor.i)), mention, _tense(verb)))
    ranked.sort(key=lambda r: r[0])
    for _, mention, tense in ranked:
        if mention.count is not None:
            counted_from = _anchor(sent, mention, published)
            got = _count(counted_from, *mention.count) if counted_from is not None else None
        else:
            got = mention.resolve(pub, tense)
        if got is not None:
            d, precision = got
            # sliced from the text kept with the doc: ``doc.text`` and ``Span.text`` join tokens on every call
            return DateResult(d.isoformat(), precision, doc_text(sent.doc)[mention.start : mention.end])
    return None


def _counted(pub: date | None, tense: str) -> None:
    """A counted date's resolve: never called, ``_count`` resolves it from the date it counts from."""
    return None


_FINER = {"day": 0, "week": 1, "month": 2, "year": 3}


def _count(start: tuple[date, str], unit: str, shift: int) -> tuple[date, str]:
    """``shift`` units of ``unit`` after ``start`` (a date and its precision). From a coarser date the count
    keeps that date and precision: "In March ... Two days later" is March, as far as is known."""
    day, precision = start
    if precision == "reported" or _FINER[precision] > _FINER[unit]:
        return start
    if unit == "day":
        return day + timedelta(days=shift), "day"
    if unit == "week":
        then = day + timedelta(weeks=shift)
        return then - timedelta(days=then.weekday()), "week"
    if unit == "month":
        return _shift_months(day, shift), "month"
    return date(day.year + shift, 1, 1), "year"


def _anchor(sent: Span, mention: DateMention, published: str | None) -> tuple[date, str] | None:
    """The date a counted day ("the day before") counts from, with its precision: the last date named before
    it in its sentence, else the date of the nearest of the six sentences before that names one, else
    publication (a day)."""
    pub = _parse_iso(published)
    before = [m for m in _mentions(sent) if m.end <= mention.start and not m.anchored]
    for m in reversed(before):
        got = m.resolve(pub, "past")
        if got is not None:
            return got
    doc = sent.doc
    start = sent.start
    for _ in range(6):
        if start == 0:
            break
        prev = doc[start - 1].sent
        start = prev.start
        got = _sentence_date(prev, published)
        if got is not None:
            day = _parse_iso(got.date)
            return (day, got.precision) if day is not None else None
    return (pub, "day") if pub is not None else None


def _sentence_date(sent: Span, published: str | None) -> DateResult | None:
    """A sentence's own date (no trigger), as a counted day after it counts from it. Worked out once per doc
    and publication date, in text order: the sentences before it first, so each counts from dates already
    known, and a chain of counted days of any length is followed link by link in linear time (no recursion
    deeper than one sentence)."""
    doc = sent.doc
    dated: dict[tuple[int, str | None], DateResult | None] = doc.user_data.setdefault(_SENTENCE_DATE_KEY, {})
    key = (sent.start, published)
    if key in dated:
        return dated[key]
    pending = [sent]
    while pending[-1].start > 0:
        prev = doc[pending[-1].start - 1].sent
        if (prev.start, published) in dated:
            break
        pending.append(prev)
    for s in reversed(pending):
        mentions = _mentions(s)
        dated[(s.start, published)] = _resolve(s, None, published, mentions) if mentions else None
    return dated[key]


# The pipeline asks about one sentence many times (each event, each statement in it), so its date mentions are
# found once and kept with the doc itself: no module state to keep a doc alive or to race on between threads.
_CACHE_KEY = "_eventwire_dates"
_SENTENCE_DATE_KEY = "_eventwire_sentence_dates"


def _mentions(sent: Span) -> list[DateMention]:
    cache: dict[tuple[int, int], list[DateMention]] = sent.doc.user_data.setdefault(_CACHE_KEY, {})
    key = (sent.start, sent.end)
    found = cache.get(key)
    if found is None:
        found = cache[key] = find_dates(doc_text(sent.doc)[sent.start_char : sent.end_char], sent.start_char)
    return found


def _parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
