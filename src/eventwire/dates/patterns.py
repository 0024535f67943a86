"""The regexes that find date expressions, built from a :class:`DateKnowledge`'s words.

The grammar (which prepositions may stand before a month, what a count looks like) is written here; the words
(months, weekdays, seasons, number words, the names that are no dates) come from the knowledge file. Built once
per knowledge object (``DateKnowledge.patterns``).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from eventwire.dates.knowledge import DateKnowledge

_DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|2[01])\d\d)"
# the end of a counted phrase: "two days later," "the day before, when ..."
_COUNT_END = r"(?=\s*[,.;:)]|\s+(?:and|when|as)\b)"

# Patterns that hold no words from the knowledge file (their prepositions are grammar, not word classes).
RE_ISO = re.compile(r"\b(?P<year>\d{4})(?P<sep>[-/])(?P<m>\d\d)(?P=sep)(?P<day>\d\d)\b")
RE_NUMERIC = re.compile(r"\b(?P<a>\d{1,2})(?P<sep>[./])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4})\b")
RE_WEEKEND = re.compile(r"\b(?:over|at|during|on)\s+(?P<w>the\s+weekend)\b", re.IGNORECASE)
# A capitalised "Today" after a possessive or "on" and a quote mark is the programme ("NBC's “Today”").
RE_SHOW_BEFORE = re.compile(r"(?:['’]s|\bon)\s*[\"“'‘]*\s*$")
RE_DIGIT = re.compile(r"\d")
RE_YEAR_LIKE = re.compile(r"(?:1[89]|2[01])\d\d")


def _alt(words: list[str] | tuple[str, ...], *, cap: bool = False) -> str:
    """An alternation of ``words``, longest first (so no word's prefix wins over it), spaces as ``\\s+``."""
    forms = [w.capitalize() if cap else w for w in words]
    forms = sorted(dict.fromkeys(forms), key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(part) for part in form.split()) for form in forms)


@dataclass(frozen=True)
class DatePatterns:
    """Every regex of the date finder, and the words its cheap pre-checks look for."""

    month_any: re.Pattern[str]
    mdy: re.Pattern[str]
    dmy: re.Pattern[str]
    month_year: re.Pattern[str]
    month: re.Pattern[str]
    year: re.Pattern[str]
    year_noun: re.Pattern[str]
    relday: re.Pattern[str]
    relday_words: tuple[str, ...]
    weekday: re.Pattern[str]
    weekday_ending: str
    ago: re.Pattern[str]
    season: re.Pattern[str]
    season_words: tuple[str, ...]
    period: re.Pattern[str]
    anchored: re.Pattern[str]
    anchored_period: re.Pattern[str]

    @classmethod
    def build(cls, kn: DateKnowledge) -> DatePatterns:
        months = _month_patterns(kn)
        days = _day_patterns(kn)
        return cls(**months, **days, **_count_patterns(kn))


def _month_patterns(kn: DateKnowledge) -> dict[str, re.Pattern[str]]:
    """Months (capitalised only: "may" the modal, "march" the verb) and years."""
    full = [name for name, _ in kn.months]
    short = [s for _, forms in kn.months for s in forms]
    # a short form may end with a stop ("Feb. 24")
    stops = "|".join(
        rf"{re.escape(s)}\.?" for s in sorted(dict.fromkeys(s.capitalize() for s in short), key=len, reverse=True)
    )
    mon = rf"(?P<mon>{_alt(full, cap=True)}|{stops})"
    wd_opt = rf"(?:(?:{_alt([n for n, _ in kn.weekdays], cap=True)}),?\s+)?"
    part = _alt(kn.day_parts)
    # A time of day in front of a date: "the early hours of", "the night of", "early on", "late".
    tod = rf"(?:the\s+(?:early|small|late|wee)\s+hours\s+of\s+|(?:the\s+)?(?:{part})\s+of\s+|(?:early|late)\s+(?:on\s+)?)?"
    after_det = _alt([m for m in full if m not in kn.months_never_after_determiner], cap=True)
    return {
        # a cheap pre-check: the first three letters of any month word
        "month_any": re.compile(rf"\b(?:{'|'.join(dict.fromkeys(m[:3].capitalize() for m in [*full, *short]))})"),
        "mdy": re.compile(rf"\b{tod}{wd_opt}{mon}\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?"),
        "dmy": re.compile(rf"\b{tod}{wd_opt}(?:the\s+)?{_DAY}(?:\s+of)?\s+{mon}(?:\b|(?<=\.))(?:,?\s+{_YEAR}\b)?"),
        "month_year": re.compile(
            rf"\b(?:(?P<mod>early|late|mid-?|end\s+of|beginning\s+of)\s*)?{mon}(?:\b|(?<=\.)),?\s+{_YEAR}\b"
        ),
        # After a determiner only a full month name (not "May") followed by a lower-case word that is no
        # preposition, perhaps after one name: "in a December interview", "an October KTV interview"; not "the
        # Mar-a-Lago club", "the May government", "that May be true", "the March on Washington".
        "month": re.compile(
            rf"\b(?:(?P<pre>(?i:in|since|until|till|by|during|from|through|before|after|of|last|next|this\s+past|this"
            rf"|early|late|mid-?))\s*){mon}(?:\b|(?<=\.))(?!\s*\d)(?!-)"
            r"|\b(?P<det>(?i:the|an?|his|her|their|its|our|that))\s+"
            rf"(?P<mon2>{after_det})"
            r"\s+(?:[A-Z][\w.]*\s+)?(?=[a-z])(?!(?:on|to|of|for|in|at|by|and|or|the|a|an|is|was|be|will|would)\b)"
        ),
        "year": re.compile(
            r"\b(?:(?P<pre>(?i:in|since|during|until|till|by|of|early|late|mid-?|throughout|before|after))\s*)"
            rf"(?P<year>(?:19|20)\d\d)\b(?![-,.]?\d)(?!\s*(?:{_alt(kn.year_count_words)}))"
        ),
        # A year that modifies a noun after "in", "during", "from", "at": "during the 2012 presidential race", "in
        # a 2014 interview" (not a count: "in the 2000 troops' march").
        "year_noun": re.compile(
            r"\b(?i:in|during|from|at|throughout)\s+(?:the|an?|his|her|their|its|our|[A-Z][\w.]*['’]s)\s+(?:[a-z]+\s+)?"
            r"(?P<year>(?:19|20)\d\d)\s+(?=[a-z])"
            rf"(?!(?:{_alt(kn.year_modifier_count_nouns)})\b)"
        ),
    }


def _day_patterns(kn: DateKnowledge) -> dict:
    """Days named relative to publication, weekdays and seasons, and the words their pre-checks look for."""
    part = _alt(kn.day_parts)
    not_today = "".join(rf"(?<!{re.escape(n)} )" for n in kn.names_before_today)
    not_weekday = "".join(rf"(?<!{re.escape(n)} )" for n in kn.names_before_weekday)
    weekdays = [name for name, _ in kn.weekdays]
    return {
        "relday": re.compile(
            rf"{not_today}\b(?P<word>{_alt(tuple(kn.relative_days))})\b(?:\s+(?P<part>{part}))?", re.IGNORECASE
        ),
        "relday_words": tuple(dict.fromkeys(p.split()[-1] for p in kn.relative_days)),
        "weekday": re.compile(
            r"(?:\b(?P<mod>[Ll]ast|[Nn]ext|[Tt]his|[Ee]arly|[Ll]ate|[Ee]arlier|[Ll]ater)\s+(?:on\s+)?)?"
            rf"{not_weekday}\b(?P<wd>{_alt(weekdays, cap=True)})(?:'s|’s)?(?:\s+(?:{part}))?\b"
            rf"(?!\s+(?:{_alt(kn.names_after_weekday)})\b)"
        ),
        # the pre-check: the ending every weekday name shares ("day"; none: every text is searched)
        "weekday_ending": os.path.commonprefix([w[::-1] for w in weekdays])[::-1],
        # Seasons: with a word before them or a year after them ("in the fall", "last summer", "summer 2015"),
        # never "the fall of Mosul" or "the Arab Spring".
        "season": re.compile(
            r"\b(?:(?P<pre>(?i:last|next|this|past|coming|early|late|in|during|over|since|until|by|through|throughout))"
            rf"\s+(?:the\s+)?)?(?P<season>{_alt(tuple(kn.seasons))})\b"
            r"(?:,?\s+(?:of\s+)?(?P<year>(?:19|20)\d\d)\b)?(?!\s+of\s+(?!(?:19|20)\d\d))"
        ),
        "season_words": tuple(kn.seasons),
        # "last week", "early next month", "the end of this year": the step words come from the file
        "period": re.compile(
            r"\b(?:(?P<edge>early|late|earlier|later|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of)\s+)?"
            rf"(?P<rel>{_alt(tuple(kn.relative_steps))})\s+(?P<unit>week|weekend|month|year)\b",
            re.IGNORECASE,
        ),
    }


def _count_patterns(kn: DateKnowledge) -> dict[str, re.Pattern[str]]:
    """Counts back from publication ("three weeks ago") and from the date last named ("two days later")."""
    counted = _alt(kn.counted_numbers)
    return {
        "ago": re.compile(
            rf"\b(?P<n>\d{{1,3}}|{_alt(tuple(kn.number_words))})\s+(?P<unit>day|week|month|year)s?\s+ago\b",
            re.IGNORECASE,
        ),
        # Days counted from the day last named: "the day before", "a day earlier", "the next day", "later that
        # day". "the day after the vote" counts from the vote, not from a date, so "after"/"before" must end it.
        "anchored": re.compile(
            r"\b(?P<w>(?:earlier|later)\s+(?:that|the\s+same)\s+(?:day|morning|afternoon|evening|night)"
            r"|(?:earlier|later)\s+in\s+the\s+day|(?:that|the)\s+same\s+day(?=\s*[,.;:)])"
            r"|the\s+(?:previous|prior)\s+(?:day|night|evening)|the\s+(?:next|following)\s+(?:day|morning)"
            rf"|(?P<n>{counted}|\d)\s+days?\s+(?P<dir>earlier|later|before|after){_COUNT_END}"
            rf"|the\s+(?:day|night|evening)\s+(?P<dir2>before|after|earlier){_COUNT_END})",
            re.IGNORECASE,
        ),
        # Weeks, months, years counted the same way: "later that month", "the following week", "a year later".
        "anchored_period": re.compile(
            r"\b(?:(?:earlier|later)\s+(?:that|the\s+same)\s+(?P<u1>week|month|year)|that\s+same\s+(?P<u2>week|month|year)"
            rf"|the\s+(?P<rel>following|previous|prior)\s+(?P<u3>week|month|year){_COUNT_END}"
            rf"|(?P<n>{counted}|\d)\s+(?P<u4>week|month|year)s?\s+(?P<dir>earlier|later)"
            rf"{_COUNT_END})",
            re.IGNORECASE,
        ),
    }
