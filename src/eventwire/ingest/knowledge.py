"""What news pages look like, as data: wires, dateline forms, header lines and footer shapes.

The words live in ``knowledge/data/ingest/pages.yaml`` so a new wire or a new
dateline form is a line of YAML, not code. The file is validated whole when it
is loaded (every problem as ``file:line``), and the examples of every dateline
form and footer shape are run then, so a broken pattern cannot ship.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from eventwire.dates import MONTH_NAMES
from eventwire.knowledge import Problems, check_version, load_yaml_with_lines, shipped_files

_MONTH = "(?i:" + "|".join(sorted(MONTH_NAMES, key=len, reverse=True)) + ")"
# What the placeholders of a dateline pattern stand for (see pages.yaml).
PLACEHOLDERS = {
    "PLACE": r"(?P<place>[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,3})",
    "Place": r"(?P<place>[A-Z][A-Za-z.'\-]+(?: [A-Z][A-Za-z.'\-]+){0,3})",
    "region": r"(?P<region>[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*){0,2})",
    "date": rf"(?P<date>{_MONTH}\.? \d{{1,2}}|\d{{1,2}} {_MONTH})",
    "credit": r"(?P<credit>[^()\n]{1,120})",
    "dash": r"(?:--|[-\u2013\u2014:])",
}
_LIST_KEYS = (
    "published_words", "updated_words", "byline_prefixes", "byline_roles", "byline_wire_joiners",
    "staff_bylines", "placeholder_bylines", "kicker_words", "title_separators", "caption_markers",
    "name_links", "name_suffixes",
)  # fmt: skip


@dataclass(frozen=True)
class DatelineForm:
    id: str
    regex: re.Pattern[str]


@dataclass(frozen=True)
class FooterForm:
    """One shape of footer line: a pattern matched at the line's start, and at most ``max_words`` words if set."""

    id: str
    regex: re.Pattern[str]
    max_words: int | None = None

    def matches(self, line: str) -> bool:
        return bool(self.regex.match(line)) and (self.max_words is None or len(line.split()) <= self.max_words)


@dataclass(frozen=True)
class PageKnowledge:
    """The loaded ``pages.yaml``: lookups ready for the page reader."""

    wires: dict[str, str]  # every written form (lower case) -> the name recorded as credit
    datelines: tuple[DatelineForm, ...]
    footers: tuple[FooterForm, ...] = ()
    weekdays: dict[str, tuple[str, ...]] = field(default_factory=dict)  # 'Thursday' -> ('Thu', 'Thur', 'Thurs')
    lists: dict[str, tuple[str, ...]] = field(default_factory=dict)
    min_article_chars: int = 300

    def wire(self, text: str | None) -> str | None:
        """The wire's recorded name if ``text`` names one ('Associated Press' -> 'AP'), else None."""
        return self.wires.get((text or "").strip().lower())

    def words(self, key: str) -> tuple[str, ...]:
        return self.lists.get(key, ())

    @cached_property
    def weekday_pattern(self) -> str:
        """A weekday as a date opens with it, then its stop, comma and space: 'Sunday, ', 'Thurs. ', 'Sun '."""
        forms = sorted((f for name, short in self.weekdays.items() for f in (name, *short)), key=len, reverse=True)
        return r"(?:" + "|".join(re.escape(f) for f in forms) + r")\.?,?\s+"


def load_page_knowledge(path: Path | str) -> PageKnowledge:
    """Load and validate one pages file; raise KnowledgeError listing every problem."""
    data, line_of = load_yaml_with_lines(path)
    problems = Problems()
    if not check_version(data, path, line_of, problems):
        problems.raise_if_any()
    wires = _wires(data.get("wires"), path, line_of, problems)
    lists: dict[str, tuple[str, ...]] = {}
    for key in _LIST_KEYS:
        value = data.get(key)
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            problems.add(path, line_of((key,)), f"{key!r} must be a list of non-empty strings")
            continue
        lists[key] = tuple(value)
    min_chars = data.get("min_article_chars")
    if isinstance(min_chars, bool) or not isinstance(min_chars, int) or min_chars < 0:
        problems.add(path, line_of(("min_article_chars",)), "'min_article_chars' must be a whole number >= 0")
        min_chars = 0
    forms = _datelines(data.get("datelines"), wires, path, line_of, problems)
    footers = _footers(data.get("footers"), path, line_of, problems)
    weekdays = _weekdays(data.get("weekdays"), path, line_of, problems)
    problems.raise_if_any()
    knowledge = PageKnowledge(
        wires=wires, datelines=forms, footers=footers, weekdays=weekdays, lists=lists, min_article_chars=min_chars
    )
    _run_examples(knowledge, data["datelines"], path, line_of, problems)
    _run_footer_examples(knowledge, data["footers"], path, line_of, problems)
    problems.raise_if_any()
    return knowledge


@lru_cache(maxsize=1)
def page_knowledge() -> PageKnowledge:
    """The shipped pages file, loaded once per process."""
    (path,) = shipped_files("ingest", "pages.yaml")
    return load_page_knowledge(path)


def _wires(value: Any, path, line_of, problems: Problems) -> dict[str, str]:
    out: dict[str, str] = {}
    if not isinstance(value, dict) or not value:
        problems.add(path, line_of(("wires",)), "'wires' must map each wire's name to a list of other forms")
        return out
    for name, forms in value.items():
        if not isinstance(name, str) or not isinstance(forms, list) or not all(isinstance(f, str) for f in forms):
            problems.add(path, line_of(("wires", name)), f"wire {name!r}: give a list of forms ([] for none)")
            continue
        for form in (name, *forms):
            if form.lower() in out and out[form.lower()] != name:
                problems.add(path, line_of(("wires", name)), f"{form!r} is already a form of {out[form.lower()]!r}")
            out[form.lower()] = name
    return out


def _weekdays(value: Any, path, line_of, problems: Problems) -> dict[str, tuple[str, ...]]:
    if (
        not isinstance(value, dict)
        or not value
        or not all(
            isinstance(name, str) and name and isinstance(short, list) and all(isinstance(s, str) and s for s in short)
            for name, short in value.items()
        )
    ):
        problems.add(path, line_of(("weekdays",)), "'weekdays' must map each weekday's name to its short forms")
        return {}
    return {name: tuple(short) for name, short in value.items()}


def _datelines(value: Any, wires: dict[str, str], path, line_of, problems: Problems) -> tuple[DatelineForm, ...]:
    if not isinstance(value, list) or not value:
        problems.add(path, line_of(("datelines",)), "'datelines' must be a list of forms")
        return ()
    wire_alt = "|".join(re.escape(w) for w in sorted(wires, key=len, reverse=True))
    slots = {**PLACEHOLDERS, "wire": rf"(?P<credit>(?i:{wire_alt}))"}
    forms = []
    for n, item in enumerate(value):
        where = line_of(("datelines", n))
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("id"), str)
            or not isinstance(item.get("pattern"), str)
        ):
            problems.add(path, where, "a dateline form needs an 'id' and a 'pattern'")
            continue
        unknown = set(re.findall(r"\{(\w+)\}", item["pattern"])) - set(slots)
        if unknown:
            problems.add(path, where, f"{item['id']}: unknown placeholder(s) {sorted(unknown)}")
            continue
        try:
            regex = re.compile(re.sub(r"\{(\w+)\}", lambda m: slots[m[1]], item["pattern"]))
        except re.error as err:
            problems.add(path, where, f"{item['id']}: not a valid pattern: {err}")
            continue
        if "place" not in regex.groupindex and "credit" not in regex.groupindex:
            problems.add(path, where, f"{item['id']}: the pattern must name a place or a credit")
            continue
        if not isinstance(item.get("examples"), list) or not item["examples"]:
            problems.add(path, where, f"{item['id']}: give at least one example")
        forms.append(DatelineForm(item["id"], regex))
    return tuple(forms)


def _run_examples(knowledge: PageKnowledge, items: list, path, line_of, problems: Problems) -> None:
    """Every example must be read as the form it illustrates, with the place and credit it names."""
    from eventwire.ingest.text import parse_dateline

    for n, item in enumerate(items):
        for k, ex in enumerate(item.get("examples") or []):
            where = line_of(("datelines", n, "examples", k))
            if not isinstance(ex, dict) or not isinstance(ex.get("text"), str):
                problems.add(path, where, f"{item['id']}: an example needs a 'text'")
                continue
            got = parse_dateline(ex["text"], knowledge=knowledge)
            want = (ex.get("place"), ex.get("credit"))
            if got is None or (got.form, got.place, got.credit) != (item["id"], *want):
                found = None if got is None else (got.form, got.place, got.credit)
                problems.add(path, where, f"{item['id']}: example {ex['text']!r} gives {found}, not {want}")


def _footers(value: Any, path, line_of, problems: Problems) -> tuple[FooterForm, ...]:
    if not isinstance(value, list) or not value:
        problems.add(path, line_of(("footers",)), "'footers' must be a list of footer shapes")
        return ()
    forms = []
    for n, item in enumerate(value):
        where = line_of(("footers", n))
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("id"), str)
            or not isinstance(item.get("pattern"), str)
        ):
            problems.add(path, where, "a footer shape needs an 'id' and a 'pattern'")
            continue
        unknown = set(item) - {"id", "pattern", "max_words", "examples"}
        if unknown:
            problems.add(path, where, f"{item['id']}: unknown key(s) {sorted(unknown)}")
        max_words = item.get("max_words")
        if max_words is not None and (isinstance(max_words, bool) or not isinstance(max_words, int) or max_words < 1):
            problems.add(path, where, f"{item['id']}: 'max_words' must be a whole number >= 1")
            continue
        examples = item.get("examples")
        if (
            not isinstance(examples, dict)
            or not examples.get("footer")
            or not all(
                isinstance(examples.get(k, []), list) and all(isinstance(t, str) for t in examples.get(k, []))
                for k in ("footer", "story")
            )
        ):
            problems.add(path, where, f"{item['id']}: give examples: footer (at least one line) and story lines")
            continue
        try:
            regex = re.compile(item["pattern"], re.IGNORECASE)
        except re.error as err:
            problems.add(path, where, f"{item['id']}: not a valid pattern: {err}")
            continue
        forms.append(FooterForm(item["id"], regex, max_words))
    return tuple(forms)


def _run_footer_examples(knowledge: PageKnowledge, items: list, path, line_of, problems: Problems) -> None:
    """Every footer example must be read as its shape; no story example may be read as a footer."""
    from eventwire.ingest.text import footer_form

    for n, item in enumerate(items):
        for kind in ("footer", "story"):
            for k, text in enumerate(item["examples"].get(kind) or []):
                got = footer_form(text, knowledge=knowledge)
                if (kind == "footer" and got != item["id"]) or (kind == "story" and got is not None):
                    where = line_of(("footers", n, "examples", kind, k))
                    want = item["id"] if kind == "footer" else None
                    problems.add(path, where, f"{item['id']}: {kind} example {text!r} is read as {got}, not {want}")
