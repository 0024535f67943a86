"""Ingest: every input becomes an :class:`Article` or a :class:`Skipped` record.

Readers are pure functions from a source to records; ``iter_inputs`` walks
paths lazily (files, folders recursively, glob patterns, ``-`` for stdin), so a
large corpus never sits in memory. Files are read with a size cap before they
are decoded. A bad file, line or record, a folder that cannot be listed, a FIFO
or a dangling link becomes a ``Skipped`` with a reason naming it; only a path
that does not exist is a usage error. The CLI and the Python API read a page
through the same functions (``article_from_page``, ``article_from_record``).
"""

from __future__ import annotations

import glob
import gzip
import hashlib
import io
import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import BinaryIO

from eventwire import errors
from eventwire.errors import InputError
from eventwire.ingest.checks import check_bytes
from eventwire.ingest.dates import normalize_date
from eventwire.ingest.knowledge import page_knowledge
from eventwire.ingest.markup import looks_like_markup, strip_markup
from eventwire.ingest.text import clean_title, parse_byline, read_lead, split_page
from eventwire.schema import Article
from eventwire.settings import Settings

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc.gz")
EXCERPT_CHARS = 500  # what a skipped record keeps of its text
DEFAULT_MAX_CHARS: int = next(f.default for f in fields(Settings) if f.name == "max_chars")


@dataclass
class Skipped:
    """An input that could not become a codable article; it still gets a record."""

    article: Article
    reason: str


@dataclass(frozen=True)
class Limits:
    """Bytes read from one input before decoding: more is `oversized`, and is never read whole.

    UTF-8 takes at most 4 bytes a character and JSON's escapes 6, so a text of
    ``max_chars`` always fits; an HTML page carries markup, so it gets more room.
    """

    max_chars: int = DEFAULT_MAX_CHARS

    @property
    def text_bytes(self) -> int:
        return 4 * self.max_chars + 16

    @property
    def line_bytes(self) -> int:
        return 6 * self.max_chars + 65_536

    @property
    def html_bytes(self) -> int:
        return max(40 * self.max_chars, 4_000_000)


def content_id(text: str) -> str:
    """Stable id for articles that come without one: a hash of the text."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def skipped(article: Article, reason: str) -> Skipped:
    """A skip record that keeps only an excerpt of the text (a 100 MB input must not be stored whole)."""
    if len(article.text) > EXCERPT_CHARS:
        article = replace(article, text=article.text[:EXCERPT_CHARS])
    return Skipped(article, reason)


def iter_inputs(
    paths: Iterable[str],
    *,
    published: str | None = None,
    publisher: str | None = None,
    max_chars: int | None = None,
) -> Iterator[Article | Skipped]:
    """Articles from every path, in a stable order; overrides apply to all."""
    limits = Limits(max_chars or DEFAULT_MAX_CHARS)
    for path in paths:
        for item in _iter_path(path, limits):
            if published or publisher:
                art = item.article if isinstance(item, Skipped) else item
                art = replace(
                    art, published=normalize_date(published) or art.published, publisher=publisher or art.publisher
                )
                item = replace(item, article=art) if isinstance(item, Skipped) else art
            yield item


def expand_paths(paths: Iterable[str]) -> Iterator[Path | str | Skipped]:
    """Files to read: folders recursively (sorted, hidden ones left out), globs expanded, '-' kept.

    What is there but cannot be read as a file (a folder that cannot be listed,
    a FIFO, a dangling link) comes out as a ``Skipped`` naming it.
    """
    for path in paths:
        if path == "-":
            yield path
            continue
        p = Path(path)
        if p.is_dir():
            yield from _walk(p)
        elif p.is_file():
            yield p
        elif os.path.lexists(path):
            yield _not_a_file(p)
        elif _is_glob(path):
            matches = sorted(glob.glob(path, recursive=True))
            if not matches:
                raise InputError(f"{path}: no file matches this pattern")
            for m in matches:
                yield from expand_paths([m])
        else:
            raise InputError(f"{path}: no such file or directory")


def check_paths(paths: Iterable[str]) -> None:
    """Fail early, before any work, if an input path does not exist or a pattern matches nothing."""
    for path in paths:
        if path == "-" or os.path.lexists(path):
            continue
        if not _is_glob(path):
            raise InputError(f"{path}: no such file or directory")
        if not glob.glob(path, recursive=True):
            raise InputError(f"{path}: no file matches this pattern")


def _walk(root: Path) -> Iterator[Path | Skipped]:
    """Every entry under ``root`` in path order; links to folders are not followed (no loops)."""
    found: list[Path | Skipped] = []
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError as err:
            found.append(_skip(f"{errors.SKIP_UNREADABLE}: cannot list the folder: {err.strerror}", origin=str(folder)))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            if entry.is_dir(follow_symlinks=False):
                stack.append(path)
            elif entry.is_file():
                found.append(path)
            else:
                found.append(_not_a_file(path))
    yield from sorted(found, key=lambda f: str(f.article.origin if isinstance(f, Skipped) else f))


def _not_a_file(path: Path) -> Skipped:
    if path.is_symlink() and not path.exists():
        what = f"a dangling link to {os.readlink(path)}"
    elif path.is_dir():
        what = "a link to a folder (not followed)"
    else:
        mode = os.lstat(path).st_mode
        what = "a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "not a regular file"
    return _skip(f"{errors.SKIP_UNREADABLE}: {what}", origin=str(path))


def _is_glob(path: str) -> bool:
    return any(ch in path for ch in "*?[")


def _iter_path(path: str, limits: Limits) -> Iterator[Article | Skipped]:
    for p in expand_paths([path]):
        if isinstance(p, Skipped):
            yield p
            continue
        if p == "-":
            yield from read_stream(sys.stdin.buffer, origin="<stdin>", limits=limits)
            continue
        name = p.name.lower()
        try:
            if not stat.S_ISREG(os.stat(p).st_mode):  # it changed since it was listed: never open a FIFO
                yield _not_a_file(p)
            elif name.endswith(WARC_SUFFIXES):
                from eventwire.ingest.warc import read_warc

                with open(p, "rb") as fh:
                    yield from read_warc(fh, origin=str(p), max_bytes=limits.html_bytes)
            elif name.endswith(JSONL_SUFFIXES):
                opener = gzip.open if name.endswith(".gz") else open
                with opener(p, "rb") as fh:
                    yield from read_jsonl(fh, origin=str(p), limits=limits)
            else:
                html = name.endswith(HTML_SUFFIXES)
                cap = limits.html_bytes if html else limits.text_bytes
                with open(p, "rb") as fh:
                    data = fh.read(cap + 1)
                if len(data) > cap:
                    yield _skip(f"{errors.SKIP_OVERSIZED}: more than {cap} bytes", origin=str(p))
                else:
                    yield read_html(data, origin=str(p)) if html else read_text(data, origin=str(p))
        except (OSError, EOFError, gzip.BadGzipFile) as err:
            yield _skip(f"{errors.SKIP_UNREADABLE}: {err}", origin=str(p))


def read_stream(stream: BinaryIO, *, origin: str, limits: Limits | None = None) -> Iterator[Article | Skipped]:
    """stdin: JSON Lines if it starts with '{', else one plain-text article."""
    limits = limits or Limits()
    head = stream.read(4096)
    if head.lstrip()[:1] == b"{":
        yield from read_jsonl(io.BufferedReader(_Chain(head, stream)), origin=origin, limits=limits)
        return
    data = head + stream.read(limits.text_bytes + 1 - len(head))
    if len(data) > limits.text_bytes:
        yield _skip(f"{errors.SKIP_OVERSIZED}: more than {limits.text_bytes} bytes", origin=origin)
    else:
        yield read_text(data, origin=origin)


def read_text(data: bytes, *, origin: str | None = None) -> Article | Skipped:
    """A text page from bytes, with its header metadata recovered (see ``ingest.text``)."""
    reason = check_bytes(data)
    if reason:
        return _skip(reason, origin=origin or "<text>")
    return article_from_page(data.decode("utf-8"), origin=origin)


def read_page(page: str, *, origin: str | None = None, **given: object) -> Article | Skipped:
    """A page given as a string, read as the CLI reads the file: an HTML document as a .html file, else as a .txt.

    ``given`` metadata (title, published, ...) wins over what the page says.
    """
    if re.match(r"\s*(?:<!doctype html|<html)", page[:1000], re.IGNORECASE):
        item = read_html(page.encode("utf-8", "replace"), origin=origin or "<html>", url=_str(given.get("url")))
        if isinstance(item, Skipped):
            return item
        given = {k: v for k, v in given.items() if v not in (None, "")}
        published = given.pop("published", None)
        art = replace(item, **{k: v for k, v in given.items() if k != "id"}, id=str(given.get("id") or item.id))
        return replace(art, published=normalize_date(published) or art.published) if published else art
    return article_from_page(page, origin=origin, **given)


def article_from_page(page: str, *, origin: str | None = None, **given: object) -> Article:
    """An Article from a page as saved (header lines, dateline): what ``eventwire code page.txt`` reads.

    ``given`` metadata (title, published, ...) wins over what the page says.
    """
    parts = split_page(page.removeprefix("\ufeff"))
    found = {
        "title": parts.title, "publisher": parts.publisher, "byline": parts.byline, "credit": parts.credit,
    }  # fmt: skip
    given = {k: v for k, v in given.items() if v not in (None, "")}
    published = given.pop("published", None) or parts.published
    art = make_article(page.removeprefix("\ufeff")[parts.body_start :], published=published, origin=origin,
                       **{**found, **given})  # fmt: skip
    return replace(art, warnings=parts.warnings + art.warnings)


def read_jsonl(stream: BinaryIO, *, origin: str, limits: Limits | None = None) -> Iterator[Article | Skipped]:
    """JSON Lines: ``id``, ``text`` and optional ``title``, ``published``/``date``, ``publisher``, ``url``."""
    limits = limits or Limits()
    for lineno, raw in _capped_lines(stream, limits.line_bytes):
        where = f"{origin}:{lineno}"
        if raw is None:
            yield _skip(f"{errors.SKIP_OVERSIZED}: line longer than {limits.line_bytes} bytes", origin=where)
            continue
        if not raw.strip():
            continue
        reason = check_bytes(raw)
        if reason:
            yield _skip(reason, origin=where)
            continue
        try:
            rec = json.loads(raw)
        except json.JSONDecodeError as err:
            yield _skip(f"{errors.SKIP_BAD_JSON}: {err.msg} at column {err.colno}", origin=where)
            continue
        except (ValueError, RecursionError) as err:  # e.g. nesting too deep
            yield _skip(f"{errors.SKIP_BAD_JSON}: {type(err).__name__}", origin=where)
            continue
        try:
            yield article_from_record(rec, origin=where)
        except InputError as err:
            yield _skip(f"{errors.SKIP_BAD_RECORD}: {err}", origin=where, id=_given_id(rec))


RECORD_FIELDS = ("id", "text", "title", "published", "date", "publisher", "credit", "byline", "dateline", "url")
_META_FIELDS = ("title", "publisher", "credit", "byline", "dateline", "url")


def article_from_record(rec: object, *, origin: str | None = None) -> Article:
    """An Article from a JSON Lines record or an API dict; InputError says what is wrong.

    ``id`` may be a string or an integer (else the text's hash); ``published`` or
    ``date`` is normalised to YYYY-MM-DD; other fields must be strings or null.
    HTML markup in ``text`` is removed (offsets then point into the clean text).
    """
    if not isinstance(rec, dict):
        raise InputError(f"a record must be a JSON object, not {type(rec).__name__}")
    if not isinstance(rec.get("text"), str):
        raise InputError("no string field 'text'")
    rid = rec.get("id")
    if isinstance(rid, bool) or not isinstance(rid, str | int | None):
        raise InputError(f"'id' must be a string or an integer, not {type(rid).__name__}")
    for key in (*_META_FIELDS, "published", "date"):
        if not isinstance(rec.get(key), str | None):
            raise InputError(f"{key!r} must be a string or null, not {type(rec[key]).__name__}")
    text = rec["text"]
    warnings: list[str] = []
    if looks_like_markup(text):
        text = strip_markup(text)
        warnings.append("HTML markup removed from the text")
    art = make_article(
        text,
        id=None if rid in (None, "") else str(rid),
        published=rec.get("published") or rec.get("date"),
        origin=origin,
        **{k: _str(rec.get(k)) for k in _META_FIELDS},
    )
    return replace(art, warnings=warnings + art.warnings) if warnings else art


def read_html(data: bytes, *, origin: str, url: str | None = None) -> Article | Skipped:
    """An HTML page: its main text (no boilerplate, captions, related links, footers) and metadata.

    trafilatura in precision mode (in its default mode when precision leaves too
    little); a page whose main text is still too short or only a photo caption
    is skipped with reason ``no-article-text``. The headline shown on the page
    (the first line of the main text) wins over the ``<title>``, which often
    carries the site's name or an older wording.
    """
    kn = page_knowledge()
    meta = _extract(data, url=url, precise=True)
    if meta is None or len((meta.get("text") or "").strip()) < kn.min_article_chars:
        meta = _extract(data, url=url, precise=False) or meta
    if meta is None:
        return _skip(f"{errors.SKIP_NO_TEXT}: no main text found in HTML", origin=origin)
    site = _str(meta.get("sitename"))
    title = clean_title(_str(meta.get("title")), site=site, url=_str(meta.get("url")) or url)
    lines = (meta.get("text") or "").split("\n")
    if lines and _shown_headline(lines[0], title) and len(lines) > 1:
        title, lines = lines[0].strip(), lines[1:]
    elif (h1 := _page_h1(data)) and title and title not in h1 and _shown_headline(h1, title):
        title = h1  # an <h1> that only adds a section name ("Politics | ...") to the title is not taken
    text = "\n".join(lines)
    byline, credit = _clean_byline(_str(meta.get("author")) or _author_link(data), site=site)
    art = make_article(
        text,
        published=meta.get("date"),
        title=title,
        publisher=site,
        byline=byline,
        credit=credit,
        url=_str(meta.get("url")) or url,
        origin=origin,
    )
    reason = _no_article_text(text, kn.min_article_chars, kn.words("caption_markers"))
    if reason:  # the record still says which page it was (title, byline, date), without its text
        return Skipped(replace(art, text=""), f"{errors.SKIP_NO_TEXT}: {reason} ({origin})")
    return art


def _extract(data: bytes, *, url: str | None, precise: bool) -> dict | None:
    import trafilatura

    doc = trafilatura.bare_extraction(
        data, url=url, with_metadata=True, favor_precision=precise, include_comments=False, include_tables=False,
        include_images=False,
    )  # fmt: skip
    if doc is None:
        return None
    return doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)


def _shown_headline(line: str, title: str | None) -> bool:
    """Is ``line`` (the main text's first line, or the page's <h1>) the headline: the title or close to it?"""
    first = line.strip()
    if not first or len(first) > 200 or first.endswith((".", ":", ";", ",")) or title is None:
        return False
    if first == title:
        return True
    a, b = set(_squash_words(first)), set(_squash_words(title))
    return len(a) >= 3 and len(a & b) / min(len(a), len(b)) >= 0.4


_AUTHOR_LINK = re.compile(
    r"<a\b[^>]*\bhref=[\"'][^\"']*/(?:authors?|people|staff|newsteam|profiles?|reporters?|journalists?|writers?)"
    r"/([a-z0-9-]{3,60})/?[\"'][^>]*>\s*([^<]{3,60}?)\s*</a>",
    re.IGNORECASE,
)


def _author_link(data: bytes) -> str | None:
    """The author named by the page's first link to an author page (``/newsteam/jr-stone`` -> 'J.R. Stone').

    Taken only when the link's words are the name in its address, so a link
    named "More stories" or to someone else's page is not a byline.
    """
    for m in _AUTHOR_LINK.finditer(data[:2_000_000].decode("utf-8", "replace")):
        if len(_squash(m[2])) >= 4 and _squash(m[2]) == m[1].lower().replace("-", ""):
            return m[2].strip()
    return None


def _page_h1(data: bytes) -> str | None:
    """The text of the page's first <h1>, if any."""
    from lxml import etree, html

    try:
        for node in html.document_fromstring(data).iter("h1"):
            text = " ".join(node.text_content().split())
            if text:
                return text
    except (etree.ParserError, ValueError):
        return None
    return None


def _squash_words(s: str) -> list[str]:
    return ["".join(ch for ch in w.lower() if ch.isalnum()) for w in s.split() if len(w) > 2]


def make_article(text: str, *, id: str | None = None, published: object = None, **meta: str | None) -> Article:
    """An Article from a text and its metadata, as the API, the server and the spaCy component receive them.

    The id defaults to the content hash; ``published`` is normalised to
    YYYY-MM-DD (one that cannot be read leaves a warning); lone surrogates are
    replaced (with a warning), so every record writes as valid UTF-8; header
    lines at the start of the text (byline, date), the dateline and the wire
    credit are read.
    """
    warnings: list[str] = []
    text = _clean_str(text, "text", warnings)
    meta = {k: _clean_str(v, k, warnings) if isinstance(v, str) else v for k, v in meta.items()}
    when = normalize_date(published)
    if published not in (None, "") and when is None:
        warnings.append(f"unreadable published date {str(published)[:80]!r}")
    art = Article(id=id or content_id(text), text=text, published=when, **meta)
    _, said, dateline = read_lead(text)
    return replace(
        art,
        dateline=art.dateline or (dateline.place if dateline else None),
        credit=art.credit or said.credit or (dateline.credit if dateline else None),
        byline=art.byline or said.byline,
        published=art.published or said.published or (dateline.date if dateline else None),
        warnings=warnings,
    )


def _no_article_text(text: str, min_chars: int, markers: tuple[str, ...]) -> str | None:
    body = text.strip()
    if len(body) < min_chars:
        return f"main text is {len(body)} characters (< {min_chars})"
    paragraphs = [p for p in body.split("\n") if p.strip()]
    captions = [p for p in paragraphs if any(m.lower() in p.lower() for m in markers)]
    if len(captions) == len(paragraphs) or (len(paragraphs) == 1 and captions):
        return "main text looks like a photo caption"
    return None


def _clean_byline(author: str | None, *, site: str | None) -> tuple[str | None, str | None]:
    """``(byline, credit)`` from trafilatura's author: 'CBS News February' -> None (a site name and a month);
    'By Tom Hale' -> 'Tom Hale'; 'AFP; The Local' -> credit AFP; placeholders ('No Author') -> None."""
    if not author:
        return None, None
    from eventwire.dates import MONTH_NAMES

    kn = page_knowledge()
    words = author.split()
    while words and (words[-1].lower().strip(".,") in MONTH_NAMES or any(ch.isdigit() for ch in words[-1])):
        words.pop()
    name = " ".join(words)
    if parsed := parse_byline(name, bare=True):
        name = parsed[0]
    credit = next((kn.wire(p) for p in re.split(r"[;/,]| and ", name) if kn.wire(p)), None)
    placeholders = {_squash(p) for p in kn.words("placeholder_bylines")}
    if not name or _squash(name) in placeholders or (site and _squash(name) == _squash(site)):
        return None, credit
    return name, credit


def _squash(s: str) -> str:
    return "".join(ch for ch in s.lower() if ch.isalnum())


def _clean_str(value: str, field: str, warnings: list[str]) -> str:
    """Replace lone surrogates (JSON allows them; UTF-8 does not) by U+FFFD, keeping every offset."""
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        warnings.append(f"lone surrogates in {field!r} replaced by U+FFFD")
        return "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in value)


def _capped_lines(stream: BinaryIO, cap: int) -> Iterator[tuple[int, bytes | None]]:
    """Lines with their numbers; a line longer than ``cap`` bytes is None and is never held whole."""
    lineno = 0
    while raw := stream.readline(cap + 1):
        lineno += 1
        if len(raw) > cap and not raw.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield lineno, None
        else:
            yield lineno, raw


class _Chain(io.RawIOBase):
    """A stream with bytes already read put back in front (stdin cannot seek)."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head, self._rest = head, rest

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(b), len(self._head))
            b[:n], self._head = self._head[:n], self._head[n:]
            return n
        data = self._rest.read(len(b))
        b[: len(data)] = data
        return len(data)


def _given_id(rec: object) -> str | None:
    return rec.get("id") if isinstance(rec, dict) and isinstance(rec.get("id"), str | int) else None


def _skip(reason: str, *, origin: str, id: str | None = None) -> Skipped:
    return Skipped(Article(id=str(id) if id else content_id(origin), text="", origin=origin), f"{reason} ({origin})")


def _str(value: object) -> str | None:
    return None if value in (None, "") else str(value)
