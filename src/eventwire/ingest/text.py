"""Plain-text news pages: recover the metadata scrapers leave inside the text.

A scraped page often looks like::

    date 2022-03-27 example-news.pk
    Headline
    Headline                       <- repeated by the page template
    Staff Report
    Published March 27, 2022 | 11:42 AM
    MOSCOW (Example News / Sputnik - 27th March, 2022) Body ...

The header lines become metadata; ``Article.text`` is the page from the first
body line on, character for character, so offsets into it stay valid. The
dateline and its wire credit stay in the body (they are part of the story) and
are also recorded as ``dateline``/``credit``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventwire.ingest.dates import normalize_date

_DATE_LINE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})(?:\s+(\S+))?\s*$", re.IGNORECASE)
_PUBLISHED_LINE = re.compile(r"^\s*(?:Published|Updated|Posted)\s*:?\s*(.+)$", re.IGNORECASE)
_BY_LINE = re.compile(r"^\s*By\s+\S", re.IGNORECASE)
# "MOSCOW (Site / Sputnik - 27th March, 2022)", "WASHINGTON, March 3 (Reuters) -", "KYIV, Ukraine (AP) —"
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'\- ]{1,40}?)"
    r"(?:,\s*(?P<extra>[A-Z][A-Za-z.]*(?:\s+[A-Za-z0-9.]+){0,3}))?"
    r"\s*\((?P<credit>[^()\n]{1,120})\)\s*(?:[-\u2013\u2014:]+\s*)?"
)
_DATELINE_DASH = re.compile(r"^(?P<place>[A-Z][A-Z.'\- ]{1,40}?)\s+[-\u2013\u2014]\s+\S")


@dataclass
class PageParts:
    """What a plain-text page is made of; ``body_start`` indexes the page."""

    body_start: int = 0
    title: str | None = None
    published: str | None = None
    publisher: str | None = None
    byline: str | None = None


@dataclass
class Dateline:
    place: str
    credit: str | None
    date: str | None
    end: int = 0  # offset in the text just past the dateline and its dash


def split_page(page: str) -> PageParts:
    """Find the header lines of a scraped page and where the body starts."""
    parts = PageParts()
    lines = _lines_with_offsets(page)
    i = 0
    if i < len(lines) and (m := _DATE_LINE.match(lines[i][1])):
        parts.published = normalize_date(m[1])
        parts.publisher = m[2]
        i += 1
    header_start = i
    # A headline is a short first line with no final punctuation, and only when the page shows a
    # header: a date line above it, the headline repeated, or a byline / "Published" line below it.
    if i + 1 < len(lines) and _looks_like_headline(lines[i][1]) and not parse_dateline(lines[i][1]):
        title = lines[i][1].strip()
        nxt = lines[i + 1][1].strip()
        after = lines[i + 2][1].strip() if i + 2 < len(lines) else ""
        header = (
            parts.published is not None
            or nxt == title
            or _PUBLISHED_LINE.match(nxt)
            or _BY_LINE.match(nxt)
            or (len(nxt) <= 60 and bool(_PUBLISHED_LINE.match(after)))
        )
        if header:
            parts.title = title
            i += 1
            if i < len(lines) and lines[i][1].strip() == parts.title:
                i += 1
    # byline and "Published <date> | <time>", in either order, before the body
    for _ in range(3):
        if i >= len(lines):
            break
        text = lines[i][1].strip()
        if m := _PUBLISHED_LINE.match(text):
            parts.published = parts.published or normalize_date(m[1])
            i += 1
        elif parts.title and _looks_like_byline(text, lines, i):
            parts.byline = text
            i += 1
        else:
            break
    if parts.title is None and i == header_start and parts.published is None:
        return PageParts(body_start=0)
    parts.body_start = lines[i][0] if i < len(lines) else len(page)
    return parts


def parse_dateline(text: str) -> Dateline | None:
    """The dateline at the start of a body, with the credited wire and date if any."""
    lead = len(text) - len(text.lstrip())
    head = text[lead : lead + 200]
    m = _DATELINE.match(head)
    # "NATO (North Atlantic Treaty Organization) accused" is no dateline: a real one has a dash after the
    # parenthesis, a "Site / Wire" credit, a date in it, or a ", March 3" / ", Ukraine" after the place.
    if m and not (m.group(0).rstrip()[-1] in "-\u2013\u2014:" or "/" in m["credit"] or m["extra"]
                  or normalize_date(m["credit"])):  # fmt: skip
        m = None
    if m:
        credit, cdate = _split_credit(m["credit"])
        return Dateline(place=m["place"].strip(), credit=credit, date=cdate, end=lead + m.end())
    m = _DATELINE_DASH.match(head)
    if m and len(m["place"].strip()) >= 3:
        return Dateline(place=m["place"].strip(), credit=None, date=None, end=lead + m.end() - 1)
    return None


def _split_credit(inside: str) -> tuple[str | None, str | None]:
    """'Site News / Sputnik - 27th March, 2022' -> ('Sputnik', '2022-03-27'); 'Reuters' -> ('Reuters', None)."""
    when = normalize_date(inside)
    who = re.split(r"\s+[-\u2013\u2014]\s+", inside, maxsplit=1)[0]
    who = who.split("/")[-1].strip()
    if not who or who[0].isdigit() or normalize_date(who):
        who = None
    return who, when


def _lines_with_offsets(page: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in page.splitlines(keepends=True):
        if line.strip():
            out.append((pos, line.rstrip("\r\n")))
        pos += len(line)
    return out


def _looks_like_headline(line: str) -> bool:
    s = line.strip()
    return (
        0 < len(s) <= 200 and not s.endswith((".", '"', "\u201d", ":", ";", ",", "?", "!", ")")) and len(s.split()) >= 2
    )


def _looks_like_byline(text: str, lines: list[tuple[int, str]], i: int) -> bool:
    if _BY_LINE.match(text):
        return True
    nxt = lines[i + 1][1] if i + 1 < len(lines) else ""
    return len(text) <= 60 and not text.endswith(".") and bool(_PUBLISHED_LINE.match(nxt.strip()))
