"""News pages as text: recover the metadata pages and wires write around a story.

A page saved as text from a news portal often looks like::

     date 2023-06-11 newsdesk.pk                      <- leading space; blank lines between lines

    Russia Warns Norway Over Arctic Drills
    Ali Raza Published June 11, 2023 | 09:45 PM       <- byline, date and time on one line
    Updated: June 12, 2023
    Russia Warns Norway Over Arctic Drills             <- the headline again
    MOSCOW (Newsdesk / Sputnik - 11th June, 2023) Russia has warned ...

``split_page`` reads the header lines into metadata; ``Article.text`` is the page
from the first body line on, character for character, so offsets into it stay
valid. The dateline stays in the body (it is part of the story) and is also
recorded as ``dateline``/``credit``. ``mask_page`` blanks, in any text, what must
not be coded: header lines left at its start, the dateline, and footer lines.
The words and forms come from ``knowledge/data/ingest/pages.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from eventwire.dates import MONTH_NAMES
from eventwire.ingest.dates import normalize_date
from eventwire.ingest.knowledge import PageKnowledge, page_knowledge

_DATE_LINE = re.compile(r"^date\s+(\d{4}-\d{2}-\d{2})(?:\s+(\S+))?$", re.IGNORECASE)
_MONTH_ALT = "|".join(sorted(MONTH_NAMES, key=len, reverse=True))
_LINK_LINE_WORDS = 14  # a line under a footer, with no final stop, is one of its links up to this many words
_SHORT_HEADER_CHARS = 60  # a header line whose date cannot be read is at most this long
_PARTS = re.compile(r"\s+[|\u2022\u00b7]\s+")  # "By Ali Raza | June 11, 2023"


@dataclass
class Dateline:
    """A dateline at the start of a story: the place, the credited wire, the date if it is whole."""

    place: str | None  # None for a credit alone: "(CNN) -"
    credit: str | None
    date: str | None
    end: int = 0  # offset in the text just past the dateline and its dash
    form: str = ""  # id of the form in pages.yaml that read it


@dataclass
class HeaderLine:
    """What one header line says."""

    kind: str  # published | updated | byline | caption
    byline: str | None = None
    credit: str | None = None
    date: str | None = None
    date_text: str | None = None  # the date as written, kept when it cannot be read


@dataclass
class PageParts:
    """What a text page is made of; ``body_start`` indexes the page."""

    body_start: int = 0
    title: str | None = None
    published: str | None = None
    publisher: str | None = None
    byline: str | None = None
    credit: str | None = None
    warnings: list[str] = field(default_factory=list)


def split_page(page: str, *, knowledge: PageKnowledge | None = None) -> PageParts:
    """Find the header lines of a saved page and where its body starts."""
    kn = knowledge or page_knowledge()
    parts = PageParts()
    lines = _lines(page)
    i = 0
    if lines and (m := _DATE_LINE.match(lines[0][1])):
        parts.published, parts.publisher = normalize_date(m[1]), m[2]
        i = 1
    start = i
    if i < len(lines) and _is_title(lines, i, kn, dated=parts.published is not None):
        parts.title = lines[i][1]
        i += 1
    updated = None
    while i < len(lines) and i - start < 10:
        line = lines[i][1]
        if line == parts.title:
            i += 1
            continue
        nxt = lines[i + 1][1] if i + 1 < len(lines) else ""
        head = classify_header(line, nxt, kn, loose=parts.title is not None)
        if head is None:
            break
        parts.byline = parts.byline or head.byline
        parts.credit = parts.credit or head.credit
        if head.kind == "updated":
            updated = updated or head.date
        elif head.date_text is not None and head.date is None:
            parts.warnings.append(f"unreadable published date {head.date_text[:80]!r}")
        elif head.kind == "published":
            parts.published = parts.published or head.date
        i += 1
    parts.published = parts.published or updated
    if i == start and parts.published is None:
        return PageParts(warnings=parts.warnings)
    parts.body_start = lines[i][0] if i < len(lines) else len(page)
    return parts


def classify_header(
    line: str, nxt: str = "", knowledge: PageKnowledge | None = None, *, loose: bool = False
) -> HeaderLine | None:
    """A header line's kind and what it says, or None for a line of the story.

    ``loose``: a bare name counts as a byline when a "Published" line follows it
    (only where a headline above shows that this is a page header).
    """
    kn = knowledge or page_knowledge()
    if len(line) > 160:
        return None
    for kind, key in (("published", "published_words"), ("updated", "updated_words")):
        if (m := _word_line(kn, key).match(line)) and _dated_enough(line, m["rest"], kn):
            return _dated(kind, m["rest"], kn)
    for word_key in ("published_words", "updated_words"):
        m = re.match(rf"^(?P<name>.{{2,60}}?)\s+(?:{_alt(kn.words(word_key))})\b\s*:?\s*(?P<rest>.+)$", line)
        if (
            m
            and _dateish(kn).match(m["rest"])
            and _dated_enough(line, m["rest"], kn)
            and (who := parse_byline(m["name"], kn, bare=True))
        ):
            head = _dated("published" if word_key == "published_words" else "updated", m["rest"], kn)
            head.byline, head.credit = who
            return head
    if len(line) <= 40 and len(line.split()) <= 8 and _dateish(kn).match(line) and normalize_date(line):
        return HeaderLine("published", date=normalize_date(line))
    if line.lower().startswith(tuple(m.lower() for m in kn.words("caption_markers"))):
        return HeaderLine("caption")
    if len(parts := _PARTS.split(line)) > 1:
        return _joined(parts, kn)
    if who := parse_byline(line, kn):
        return HeaderLine("byline", byline=who[0], credit=who[1])
    if loose and (who := parse_byline(line, kn, bare=True)) and classify_header(nxt, "", kn) is not None:
        return HeaderLine("byline", byline=who[0], credit=who[1])
    return None


def parse_byline(line: str, knowledge: PageKnowledge | None = None, *, bare: bool = False):
    """``(name, credit)`` from a byline, or None if the line is not one.

    'By Tom Hale' -> ('Tom Hale', None); 'By Olena Petrenko, Staff Writer' ->
    ('Olena Petrenko', None); 'KVELLER via JTA' -> ('KVELLER', 'JTA'). Without a
    'By' or a wire a line is a byline only when ``bare`` (the caller knows it is
    in a header).
    """
    kn = knowledge or page_knowledge()
    s = line.strip()
    prefixed = False
    for prefix in sorted(kn.words("byline_prefixes"), key=len, reverse=True):
        if s.startswith(prefix + " ") or s.startswith(prefix + ":"):
            s, prefixed = s[len(prefix) + 1 :].strip(), True
            break
    credit = None
    if m := re.match(rf"^(?P<name>.+?)\s+(?:{_alt(kn.words('byline_wire_joiners'))})\s+(?P<wire>.+)$", s):
        if wire := kn.wire(m["wire"].strip(" .")):
            s, credit = m["name"].strip(), wire
    name, *tails = [p.strip() for p in s.split(",")]
    roles = {r.lower() for r in kn.words("byline_roles")}
    for tail in tails:
        if kn.wire(tail):
            credit = credit or kn.wire(tail)
        elif not (tail.lower() in roles or _name_like(tail, kn)):
            return None
    credit = credit or kn.wire(name)  # "By Reuters"
    if name.lower() in {w.lower() for w in kn.words("staff_bylines")}:
        return name, credit
    if not _name_like(name, kn) or not (prefixed or credit or bare):
        return None
    return name, credit


def parse_dateline(text: str, *, knowledge: PageKnowledge | None = None) -> Dateline | None:
    """The dateline at the start of a story, with the credited wire and the date if any."""
    kn = knowledge or page_knowledge()
    lead = len(text) - len(text.lstrip())
    head = text[lead : lead + 300]
    kickers = {w.upper() for w in kn.words("kicker_words")}
    for form in kn.datelines:
        if m := form.regex.match(head):
            place = (m.groupdict().get("place") or "").strip() or None
            if place and place.upper() in kickers:  # "EXCLUSIVE - ..." is a label, not a place
                return None
            credit, when = _split_credit(m.groupdict().get("credit"), kn)
            return Dateline(place, credit, when, end=lead + m.end(), form=form.id)
    return None


def read_lead(
    text: str, *, knowledge: PageKnowledge | None = None
) -> tuple[list[tuple[int, int]], PageParts, Dateline | None]:
    """Header lines left at the start of a story (HTML and JSON texts have them) and its dateline.

    Returns the spans to blank, what the lines said, and the dateline.
    """
    kn = knowledge or page_knowledge()
    spans: list[tuple[int, int]] = []
    said = PageParts()
    lines = _lines(text)
    i = 0
    while i < min(len(lines), 6):
        nxt = lines[i + 1][1] if i + 1 < len(lines) else ""
        head = classify_header(lines[i][1], nxt, kn)
        if head is None:
            break
        spans.append((lines[i][0], lines[i][0] + len(lines[i][1])))
        said.byline = said.byline or head.byline
        said.credit = said.credit or head.credit
        if head.kind == "published":
            said.published = said.published or head.date
        i += 1
    start = lines[i][0] if i < len(lines) else len(text)
    dateline = parse_dateline(text[start:], knowledge=kn)
    if dateline is None and i + 1 < len(lines) and len(lines[i][1]) <= 200 and not spans:
        # "Headline.\n\nWASHINGTON (AP) - ...": a text that starts with its headline (JSON texts often do)
        start = lines[i + 1][0]
        dateline = parse_dateline(text[start:], knowledge=kn)
    if dateline is not None:
        dateline.end += start
        spans.append((start, dateline.end))
    return spans, said, dateline


def footer_form(line: str, *, knowledge: PageKnowledge | None = None) -> str | None:
    """The id of the footer shape (pages.yaml ``footers``) a line has, or None for a story line.

    'Copyright 2024 Coast Post' -> 'copyright'; 'Copyright owners welcomed the bill.' -> None.
    """
    kn = knowledge or page_knowledge()
    s = line.strip()
    return next((form.id for form in kn.footers if form.matches(s)), None)


def footer_spans(text: str, *, knowledge: PageKnowledge | None = None) -> list[tuple[int, int]]:
    """Spans of the footer lines after the first line; a block in the last third runs on through its link lines.

    A footer line in the last third ends the story only as far as what follows
    it is footer too: more footer lines, or short lines with no final stop (the
    headlines of a "Read more:" list). The next story paragraph stops the block.
    """
    kn = knowledge or page_knowledge()
    lines = _lines(text)
    spans: list[tuple[int, int]] = []
    k = 1
    while k < len(lines):
        offset, line = lines[k]
        k += 1
        if footer_form(line, knowledge=kn) is None:
            continue
        end = offset + len(line)
        while k < len(lines) and (
            footer_form(lines[k][1], knowledge=kn) or (offset >= len(text) * 2 // 3 and _link_line(lines[k][1]))
        ):
            end = lines[k][0] + len(lines[k][1])
            k += 1
        spans.append((offset, end))
    return spans


def mask_page(text: str, *, knowledge: PageKnowledge | None = None) -> str:
    """Blank header lines, the dateline and footer lines, keeping every offset (and line break).

    They are metadata, not clauses: parsed, they yield a city or a byline
    "actor" and odd events. No evidence span can fall inside a blanked part.
    """
    kn = knowledge or page_knowledge()
    spans, _, _ = read_lead(text, knowledge=kn)
    lead_end = max((end for _, end in spans), default=0)
    spans += [span for span in footer_spans(text, knowledge=kn) if span[0] >= lead_end]
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        for k in range(start, end):
            if chars[k] != "\n":
                chars[k] = " "
    return "".join(chars)


def clean_title(title: str | None, *, site: str | None = None, url: str | None = None,
                knowledge: PageKnowledge | None = None) -> str | None:  # fmt: skip
    """'Headline | DW | 19.01.2020' -> 'Headline': drop trailing parts that name the site or a date."""
    if not title:
        return None
    kn = knowledge or page_knowledge()
    names = [_norm(n) for n in (site, _host(url)) if n and _norm(n)]
    seps = "|".join(re.escape(s) for s in kn.words("title_separators"))
    parts = re.split(f"({seps})", title.strip())
    while len(parts) >= 3:
        tail, head = parts[-1].strip(), "".join(parts[:-2]).strip()
        sep = parts[-2]
        site_part = _is_date(tail) or any(n in _norm(tail) or _norm(tail) in n for n in names if _norm(tail))
        if not (site_part or (sep.strip() == "|" and len(tail.split()) <= 4)) or len(head.split()) < 2:
            break
        parts = parts[:-2]
    return "".join(parts).strip() or None


def _split_credit(inside: str | None, kn: PageKnowledge) -> tuple[str | None, str | None]:
    """'Site News / Sputnik - 27th March, 2022' -> ('Sputnik', '2022-03-27'); 'Reuters' -> ('Reuters', None)."""
    if not inside:
        return None, None
    when = normalize_date(inside)
    who = re.split(r"\s+[-\u2013\u2014]\s+", inside, maxsplit=1)[0]
    who = who.split("/")[-1].strip()
    if not who or who[0].isdigit() or normalize_date(who):
        return None, when
    return kn.wire(who) or who, when


def _is_title(lines: list[tuple[int, str]], i: int, kn: PageKnowledge, *, dated: bool) -> bool:
    """A headline: a short line with no final stop, shown to be one by what is around it."""
    s = lines[i][1]
    if not (len(s) <= 200 and len(s.split()) >= 2 and not s.endswith((".", ":", ";", ",", ")"))):
        return False
    if parse_dateline(s, knowledge=kn) or classify_header(s, "", kn):
        return False
    nxt = lines[i + 1][1] if i + 1 < len(lines) else ""
    after = lines[i + 2][1] if i + 2 < len(lines) else ""
    return bool(
        dated or nxt == s or classify_header(nxt, after, kn, loose=True) or (nxt and parse_dateline(nxt, knowledge=kn))
    )


def _link_line(line: str) -> bool:
    """A line under a footer that reads as a link: short, with no sentence's final stop."""
    return len(line.split()) <= _LINK_LINE_WORDS and not line.rstrip("\"'\u201d\u2019").endswith((".", "!", "?"))


def _dated_enough(line: str, rest: str, kn: PageKnowledge) -> bool:
    """Is the text after "Published"/"Updated" a date, so the line is a header and not a story line?

    'Updated 3 times since 2019, the list was extended' opens like a header; it
    is one only if a date can be read from it, or if the line is short and a
    date form (month and day, 12:30, 3/4/2022) comes right after the word (an
    unreadable date then leaves a warning rather than a story line).
    """
    if normalize_date(rest.partition(" by ")[0]):
        return True
    return len(line) <= _SHORT_HEADER_CHARS and bool(_date_patterns(kn.weekday_pattern)[1].match(rest))


def _dateish(kn: PageKnowledge) -> re.Pattern[str]:
    """A line that opens like a date: a digit or a month, maybe after 'on' and a weekday."""
    return _date_patterns(kn.weekday_pattern)[0]


@lru_cache(maxsize=4)
def _date_patterns(weekday: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The loose date opening, and the date form right after "Published" ('June 11', '11th of June', '09:45',
    '3/4/2022'), built once per weekday pattern of the knowledge file."""
    lead = rf"^(?:on\s+)?(?:{weekday})?"
    dateish = re.compile(rf"{lead}(?:\d|(?:{_MONTH_ALT})\b)", re.IGNORECASE)
    form = re.compile(
        rf"{lead}(?:(?:{_MONTH_ALT})\.?\s+\d|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH_ALT})\b"
        r"|\d{1,4}[-/.:]\d{1,2}\b)",
        re.IGNORECASE,
    )
    return dateish, form


def _dated(kind: str, rest: str, kn: PageKnowledge) -> HeaderLine:
    """'June 11, 2023 | 09:45 PM' -> the date; 'on June 11, 2023 by Ali Raza' -> the date and the byline."""
    rest, _, by = rest.partition(" by ")
    head = HeaderLine(kind, date=normalize_date(rest), date_text=rest.strip())
    if by and (who := parse_byline(by, kn, bare=True)):
        head.byline, head.credit = who
    return head


def _joined(parts: list[str], kn: PageKnowledge) -> HeaderLine | None:
    """'By Ali Raza | June 11, 2023 | 09:45 PM': a byline and a date on one line, every part one or the other."""
    head = HeaderLine("published")
    roles = {r.lower() for r in kn.words("byline_roles")}
    for part in parts:
        if part.lower() in roles:
            continue
        if (who := parse_byline(part, kn)) and head.byline is None:
            head.byline, head.credit = who
        elif _dateish(kn).match(part) and normalize_date(part):
            head.date = head.date or normalize_date(part)
        elif not re.fullmatch(r"\d{1,2}[:.]\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{2,4})?", part):
            return None  # a part that is neither: not a header line
    return head if head.byline or head.date else None


def _word_line(kn: PageKnowledge, key: str) -> re.Pattern[str]:
    return re.compile(rf"^(?:{_alt(kn.words(key))})\b\s*:?\s*(?P<rest>(?:on\s+)?(?:\d|(?:{_alt(MONTH_NAMES)})\b).*)$",
                      re.IGNORECASE)  # fmt: skip


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _name_like(s: str, kn: PageKnowledge) -> bool:
    """'Tom Hale', 'Perry Bacon Jr.', 'KVELLER', 'Ana de la Cruz': not 'the troops had left.'"""
    words = s.split()
    if not 1 <= len(words) <= 8 or len(s) > 80 or any(ch.isdigit() for ch in s):
        return False
    if len(words) == 1 and words[0].lower() in {d.lower() for d in kn.weekdays} | set(MONTH_NAMES):
        return False
    suffixes, links = kn.words("name_suffixes"), {w.lower() for w in kn.words("name_links")}
    if s.endswith((".", ":", ";", "!", "?")) and words[-1] not in suffixes and not re.search(r"\b[A-Z]\.$", s):
        return False
    return all(w[0].isupper() or w.lower() in links or w in suffixes for w in words if w.strip("\"'"))


def _lines(page: str) -> list[tuple[int, str]]:
    """Non-blank lines as (offset of their first non-space character, stripped text)."""
    out, pos = [], 0
    for line in page.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            out.append((pos + len(line) - len(line.lstrip()), stripped))
        pos += len(line)
    return out


def _norm(s: str) -> str:
    return re.sub(r"[^a-z0-9]", "", s.lower().removeprefix("www."))


def _host(url: str | None) -> str | None:
    m = re.match(r"^[a-z]+://(?:www\.)?([^/:]+)", url or "")
    return m[1].rsplit(".", 1)[0] if m else None


def _is_date(s: str) -> bool:
    return bool(normalize_date(s) or re.fullmatch(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}", s.strip()))
