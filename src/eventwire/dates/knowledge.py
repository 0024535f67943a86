"""The words the dates stage reads dates with, loaded from ``knowledge/data/dates/words.yaml``.

Like every stage's lexicon, the words are data: the shipped file comes first, then a user's files of the same
shape (``DateKnowledge.from_files([FILE])``), whose words are added to their classes. Every problem (an unknown
class, a word that is not lower-case text, a thirteenth month) is reported at once as ``file:line``. The
regexes built from the words are built once per loaded object (``DateKnowledge.patterns``), so two objects
never share or overwrite each other's patterns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from eventwire.knowledge import Problems, check_version, load_yaml_with_lines, shipped_files
from eventwire.knowledge.loader import LineOf

if TYPE_CHECKING:
    from eventwire.dates.patterns import DatePatterns

# Lists of words, and what each must look like: a word, a phrase of words, a lemma (may hold a hyphen or an
# apostrophe), or a name as written (capitalised).
_WORD = re.compile(r"[a-z]+")
_PHRASE = re.compile(r"[a-z]+(?: [a-z]+)*")
_LEMMA = re.compile(r"[a-z'’%-]+")
_NAME = re.compile(r"[A-Z][A-Za-z]*")
_LISTS = {
    "months_never_after_determiner": _WORD,
    "day_parts": _WORD,
    "counted_numbers": _PHRASE,
    "future_aux": _LEMMA,
    "modals": _LEMMA,
    "prospective_verbs": _LEMMA,
    "medium_nouns": _LEMMA,
    "venue_nouns": _LEMMA,
    "year_count_words": _LEMMA,
    "year_modifier_count_nouns": _LEMMA,
    "names_before_weekday": _NAME,
    "names_after_weekday": _NAME,
    "names_before_today": _NAME,
}
# Words mapped to a whole number, with the numbers allowed.
_NUMBERED = {
    "seasons": range(1, 13),
    "relative_days": range(-7, 8),
    "relative_steps": range(-1, 2),
    "number_words": range(1, 100),
}
# Names mapped to their short forms, in a fixed count and order (the order gives the number).
_NAMED = {"months": 12, "weekdays": 7}
_KNOWN = {"version", *_LISTS, *_NUMBERED, *_NAMED}


@dataclass(frozen=True, eq=False)
class DateKnowledge:
    """Every word class of the dates stage (meanings in the shipped YAML file). Compared by identity, so a
    doc's cached date mentions are kept per loaded object."""

    months: tuple[tuple[str, tuple[str, ...]], ...]  # full name -> short forms, January first
    weekdays: tuple[tuple[str, tuple[str, ...]], ...]  # Monday first
    seasons: MappingProxyType[str, int]
    relative_days: MappingProxyType[str, int]
    relative_steps: MappingProxyType[str, int]
    number_words: MappingProxyType[str, int]
    months_never_after_determiner: frozenset[str]
    day_parts: tuple[str, ...]
    counted_numbers: tuple[str, ...]
    future_aux: frozenset[str]
    modals: frozenset[str]
    prospective_verbs: frozenset[str]
    medium_nouns: frozenset[str]
    venue_nouns: frozenset[str]
    year_count_words: tuple[str, ...]
    year_modifier_count_nouns: tuple[str, ...]
    names_before_weekday: tuple[str, ...]
    names_after_weekday: tuple[str, ...]
    names_before_today: tuple[str, ...]

    @classmethod
    def from_files(cls, extra_files: Iterable[Path | str] = ()) -> DateKnowledge:
        """The shipped date words, then the user's files added to them; raise every problem at once."""
        problems = Problems()
        collected: dict[str, Any] = {}
        for path in [*shipped_files("dates"), *(Path(p) for p in extra_files)]:
            try:
                data, line_of = load_yaml_with_lines(path)
            except Exception as err:  # KnowledgeError from the loader: keep collecting
                problems.extend(getattr(err, "problems", [f"{path}:1: {err}"]))
                continue
            if check_version(data, path, line_of, problems):
                _read(data, path, line_of, problems, collected)
        knowledge = _build(collected, problems)
        problems.raise_if_any()
        assert knowledge is not None
        return knowledge

    @cached_property
    def month_numbers(self) -> MappingProxyType[str, int]:
        """Every month word, full and short, lower case -> its number."""
        return _numbered(self.months, 1)

    @cached_property
    def weekday_numbers(self) -> MappingProxyType[str, int]:
        """Every weekday word, full and short, lower case -> its number (Monday 0)."""
        return _numbered(self.weekdays, 0)

    @cached_property
    def patterns(self) -> DatePatterns:
        """The regexes built from these words, built once for this object."""
        from eventwire.dates.patterns import DatePatterns

        return DatePatterns.build(self)


def _numbered(named: tuple[tuple[str, tuple[str, ...]], ...], first: int) -> MappingProxyType[str, int]:
    """Full names first, then the short forms, each in calendar order."""
    out = {name: n for n, (name, _) in enumerate(named, first)}
    for n, (_, short) in enumerate(named, first):
        out.update(dict.fromkeys(short, n))
    return MappingProxyType(out)


@lru_cache(maxsize=1)
def shipped_date_knowledge() -> DateKnowledge:
    """The shipped date words, loaded once per process."""
    return DateKnowledge.from_files()


def _read(data: dict, path: Path, line_of: LineOf, problems: Problems, into: dict[str, Any]) -> None:
    """Add one file's classes to ``into``, reporting every bad entry with its line."""
    for key, value in data.items():
        if key == "version":
            continue
        if key not in _KNOWN:
            problems.add(path, line_of((key,)), f"unknown date word class {key!r} (known: {', '.join(sorted(_KNOWN))})")
        elif key in _LISTS:
            _read_list(key, value, path, line_of, problems, into.setdefault(key, []))
            if key == "counted_numbers" and isinstance(value, list):
                # where each was given, to report one that is no number word against its own file and line
                where = into.setdefault("_where", {})
                where.update({w: (path, line_of((key, i))) for i, w in enumerate(value) if isinstance(w, str)})
        elif key in _NUMBERED:
            _read_numbered(key, value, path, line_of, problems, into.setdefault(key, {}))
        else:
            _read_named(key, value, path, line_of, problems, into.setdefault(key, {}))


def _read_list(key: str, value: Any, path: Path, line_of: LineOf, problems: Problems, into: list[str]) -> None:
    if not isinstance(value, list):
        problems.add(path, line_of((key,)), f"{key!r} must be a list of words")
        return
    shape = _LISTS[key]
    for i, word in enumerate(value):
        if not isinstance(word, str) or not shape.fullmatch(word):
            problems.add(path, line_of((key, i)), f"{key!r}: {word!r} is not {_describe(shape)}")
        elif word not in into:
            into.append(word)


def _read_numbered(key: str, value: Any, path: Path, line_of: LineOf, problems: Problems, into: dict) -> None:
    if not isinstance(value, dict):
        problems.add(path, line_of((key,)), f"{key!r} must map each word to a whole number")
        return
    allowed = _NUMBERED[key]
    for word, number in value.items():
        where = line_of((key, word))
        if not isinstance(word, str) or not _PHRASE.fullmatch(word):
            problems.add(path, where, f"{key!r}: {word!r} is not {_describe(_PHRASE)}")
        elif isinstance(number, bool) or not isinstance(number, int) or number not in allowed:
            problems.add(path, where, f"{key!r}: {word!r} must give a whole number from {allowed[0]} to {allowed[-1]}")
        elif into.get(word, number) != number:
            problems.add(path, where, f"{key!r}: {word!r} is already {into[word]}, not {number}")
        else:
            into[word] = number


def _read_named(key: str, value: Any, path: Path, line_of: LineOf, problems: Problems, into: dict) -> None:
    """Months or weekdays: the first file names them all, in order; a later one may add short forms."""
    if not isinstance(value, dict):
        problems.add(path, line_of((key,)), f"{key!r} must map each name to a list of its short forms")
        return
    known = tuple(into)
    if not known and len(value) != _NAMED[key]:
        problems.add(path, line_of((key,)), f"{key!r} must name all {_NAMED[key]}, in order, not {len(value)}")
        return
    for name, short in value.items():
        where = line_of((key, name))
        if known and name not in known:
            problems.add(
                path, where, f"{key!r}: {name!r} is not one of {', '.join(known)} (only short forms may be added)"
            )
        elif not isinstance(name, str) or not _WORD.fullmatch(name):
            problems.add(path, where, f"{key!r}: {name!r} is not {_describe(_WORD)}")
        elif not isinstance(short, list) or not all(isinstance(s, str) and _WORD.fullmatch(s) for s in short):
            problems.add(path, where, f"{key!r}: {name!r} must give a list of lower-case short forms ([] for none)")
        else:
            forms = into.setdefault(name, [])
            forms.extend(s for s in short if s not in forms)
    _check_short_forms(key, value, path, line_of, problems, into)


def _check_short_forms(key: str, value: dict, path: Path, line_of: LineOf, problems: Problems, into: dict) -> None:
    """A short form this file gives that is another month's (weekday's) name or short form would silently move
    that word's dates ("may" as a short form of March), so it is an error."""
    for name, short in value.items():
        if name not in into or not isinstance(short, list):
            continue
        for form in short:
            owner = next((o for o, fs in into.items() if o != name and (form == o or form in fs)), None)
            if owner is not None:
                problems.add(path, line_of((key, name)), f"{key!r}: {name!r}'s short form {form!r} is {owner!r}'s")


def _build(collected: dict[str, Any], problems: Problems) -> DateKnowledge | None:
    """The knowledge object, or None (with a problem) when a class is empty or the classes disagree."""
    missing = sorted(k for k in _KNOWN - {"version"} if not collected.get(k))
    if missing:
        problems.add("knowledge/data/dates", 1, f"date word classes with no words: {', '.join(missing)}")
        return None
    for word in collected["counted_numbers"]:
        if word not in collected["number_words"]:
            path, line = collected["_where"][word]
            problems.add(path, line, f"'counted_numbers': {word!r} is not one of number_words")
    if problems:
        return None
    named = {k: tuple((n, tuple(s)) for n, s in collected[k].items()) for k in _NAMED}
    numbered = {k: MappingProxyType(dict(collected[k])) for k in _NUMBERED}
    sets = ("months_never_after_determiner", "future_aux", "modals", "prospective_verbs", "medium_nouns", "venue_nouns")
    lists = {k: (frozenset(v) if k in sets else tuple(v)) for k, v in collected.items() if k in _LISTS}
    return DateKnowledge(**named, **numbered, **lists)


def _describe(shape: re.Pattern[str]) -> str:
    return {
        _WORD: "one lower-case word (letters only)",
        _PHRASE: "lower-case words (letters only) separated by single spaces",
        _LEMMA: "a lower-case word (quote words YAML reads as other values)",
        _NAME: "a name as written, capitalised",
    }[shape]
