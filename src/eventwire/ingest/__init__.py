"""Ingest: every input becomes an :class:`Article` or a :class:`Skipped` record.

Readers are pure functions from a source to records; ``iter_inputs`` walks
paths lazily (files, folders recursively, glob patterns, ``-`` for stdin), so a
large corpus never sits in memory. Files are read with a size cap before they
are decoded (``ingest.files``). A bad file, line or record, a folder that
cannot be listed, a FIFO or a dangling link becomes a ``Skipped`` with a reason
naming it; only a path that does not exist is a usage error. The CLI and the
Python API read a page through the same functions (``read_page``,
``article_from_record``); text pages are read by ``ingest.text``, HTML by
``ingest.html``, WARC by ``ingest.warc``.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import BinaryIO

from eventwire import errors
from eventwire.errors import InputError
from eventwire.ingest.checks import check_bytes
from eventwire.ingest.dates import normalize_date
from eventwire.ingest.files import (
    DEFAULT_MAX_CHARS,
    Limits,
    _capped_lines,
    _Chain,
    _not_a_file,
    check_paths,
    expand_paths,
)
from eventwire.ingest.html import read_html
from eventwire.ingest.markup import looks_like_markup, strip_markup
from eventwire.ingest.records import (
    EXCERPT_CHARS,
    Skipped,
    _skip,
    _str,
    content_id,
    given_id,
    make_article,
    read_published,
    skipped,
)
from eventwire.ingest.text import split_page
from eventwire.schema import Article

__all__ = [
    "DEFAULT_MAX_CHARS", "EXCERPT_CHARS", "Limits", "Skipped", "article_from_page", "article_from_record",
    "check_paths", "content_id", "expand_paths", "iter_inputs", "make_article", "read_html", "read_jsonl",
    "read_page", "read_stream", "read_text", "record_item", "skipped",
]  # fmt: skip

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")


HTML_SUFFIXES = (".html", ".htm", ".xhtml")


WARC_SUFFIXES = (".warc", ".warc.gz", ".arc.gz")


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


_HTML_DOCUMENT = re.compile(r"\s*(?:<!doctype html|<html)", re.IGNORECASE)


def read_page(page: str, *, origin: str | None = None, **given: object) -> Article | Skipped:
    """A page given as a string, read as the CLI reads the file: an HTML document as a .html file, else as a .txt.

    ``given`` metadata (title, published, ...) wins over what the page says.
    """
    if _HTML_DOCUMENT.match(page[:1000]):
        item = read_html(page.encode("utf-8", "replace"), origin=origin or "<html>", url=_str(given.get("url")))
        return _with_given(item, given)
    return article_from_page(page, origin=origin, **given)


def _with_given(item: Article | Skipped, given: dict[str, object]) -> Article | Skipped:
    """The given metadata over what an HTML page says; a skipped page's record keeps the user's id and title too."""
    art = item.article if isinstance(item, Skipped) else item
    given = {k: v for k, v in given.items() if v not in (None, "")}
    warnings: list[str] = []
    published = read_published(given.pop("published", None), warnings)
    rid = given_id(given.pop("id", None))
    art = replace(
        art, **given, id=rid or art.id, published=published or art.published, warnings=art.warnings + warnings
    )
    return replace(item, article=art) if isinstance(item, Skipped) else art


def article_from_page(page: str, *, origin: str | None = None, **given: object) -> Article:
    """An Article from a page as saved (header lines, dateline): what ``eventwire code page.txt`` reads.

    ``given`` metadata (title, published, ...) wins over what the page says; a
    given date that cannot be read leaves a warning and the page's own date.
    """
    parts = split_page(page.removeprefix("\ufeff"))
    found = {
        "title": parts.title, "publisher": parts.publisher, "byline": parts.byline, "credit": parts.credit,
    }  # fmt: skip
    given = {k: v for k, v in given.items() if v not in (None, "")}
    warnings: list[str] = []
    published = read_published(given.pop("published", None), warnings) or parts.published
    art = make_article(page.removeprefix("\ufeff")[parts.body_start :], published=published, origin=origin,
                       **{**found, **given})  # fmt: skip
    return replace(art, warnings=parts.warnings + warnings + art.warnings)


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
        yield record_item(rec, origin=where)


RECORD_FIELDS = ("id", "text", "title", "published", "date", "publisher", "credit", "byline", "dateline", "url")


_META_FIELDS = ("title", "publisher", "credit", "byline", "dateline", "url")


def record_item(rec: object, *, origin: str) -> Article | Skipped:
    """What a JSON Lines record (or an API dict) becomes: an Article, or a skip saying what is wrong.

    A ``text`` that is a whole HTML document is read like a .html file (main
    text, no menus); the record's own fields win over what the page says.
    """
    try:
        art = article_from_record(rec, origin=origin)
    except InputError as err:
        return _skip(f"{errors.SKIP_BAD_RECORD}: {err}", origin=origin, id=_given_id(rec))
    if not _HTML_DOCUMENT.match(rec["text"][:1000]):
        return art
    given = {k: rec.get(k) for k in ("id", *_META_FIELDS)}
    return read_page(rec["text"], origin=origin, published=rec.get("published") or rec.get("date"), **given)


def article_from_record(rec: object, *, origin: str | None = None, keep_markup: bool = False) -> Article:
    """An Article from a JSON Lines record or an API dict; InputError says what is wrong.

    ``id`` may be a string or an integer (else the text's hash); ``published`` or
    ``date`` is normalised to YYYY-MM-DD; other fields must be strings or null.
    HTML markup in ``text`` is removed (offsets then point into the clean text) unless ``keep_markup``: gold
    articles keep their text as annotated, so that gold offsets still point into it.
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
    if not keep_markup and looks_like_markup(text):
        text = strip_markup(text)
        warnings.append("HTML markup removed from the text")
    art = make_article(
        text,
        id=given_id(rid),
        published=rec.get("published") or rec.get("date"),
        origin=origin,
        **{k: _str(rec.get(k)) for k in _META_FIELDS},
    )
    return replace(art, warnings=warnings + art.warnings) if warnings else art


def _given_id(rec: object) -> str | None:
    return rec.get("id") if isinstance(rec, dict) and isinstance(rec.get("id"), str | int) else None
