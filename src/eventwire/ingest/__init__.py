"""Ingest: every input becomes an :class:`Article` or a :class:`Skipped` record.

Readers are pure functions from a source to records; ``iter_inputs`` walks
paths lazily (files, folders recursively, glob patterns, ``-`` for stdin), so a
large corpus never sits in memory. A bad file or line becomes a ``Skipped``
with a reason naming it; only a path that does not exist is a usage error.
"""

from __future__ import annotations

import glob
import gzip
import hashlib
import io
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from eventwire import errors
from eventwire.errors import InputError
from eventwire.ingest.checks import check_bytes
from eventwire.ingest.dates import normalize_date
from eventwire.ingest.text import parse_dateline, split_page
from eventwire.schema import Article

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc.gz")


@dataclass
class Skipped:
    """An input that could not become a codable article; it still gets a record."""

    article: Article
    reason: str


def content_id(text: str) -> str:
    """Stable id for articles that come without one: a hash of the text."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def iter_inputs(
    paths: Iterable[str], *, published: str | None = None, publisher: str | None = None
) -> Iterator[Article | Skipped]:
    """Articles from every path, in a stable order; overrides apply to all."""
    for path in paths:
        for item in _iter_path(path):
            if published or publisher:
                art = item.article if isinstance(item, Skipped) else item
                art = replace(
                    art, published=normalize_date(published) or art.published, publisher=publisher or art.publisher
                )
                item = replace(item, article=art) if isinstance(item, Skipped) else art
            yield item


def expand_paths(paths: Iterable[str]) -> Iterator[Path | str]:
    """Files to read: folders recursively (sorted, hidden files and folders left out), globs expanded, '-' kept."""
    for path in paths:
        if path == "-":
            yield path
            continue
        p = Path(path)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts):
                    yield f
        elif p.is_file():
            yield p
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
        if path == "-" or Path(path).exists():
            continue
        if not _is_glob(path):
            raise InputError(f"{path}: no such file or directory")
        if not glob.glob(path, recursive=True):
            raise InputError(f"{path}: no file matches this pattern")


def _is_glob(path: str) -> bool:
    return any(ch in path for ch in "*?[")


def _iter_path(path: str) -> Iterator[Article | Skipped]:
    for p in expand_paths([path]):
        if p == "-":
            yield from read_stream(sys.stdin.buffer, origin="<stdin>")
            continue
        name = p.name.lower()
        try:
            if name.endswith(WARC_SUFFIXES):
                from eventwire.ingest.warc import read_warc

                with open(p, "rb") as fh:
                    yield from read_warc(fh, origin=str(p))
            elif name.endswith(JSONL_SUFFIXES):
                opener = gzip.open if name.endswith(".gz") else open
                with opener(p, "rb") as fh:
                    yield from read_jsonl(fh, origin=str(p))
            else:
                data = p.read_bytes()
                if name.endswith(HTML_SUFFIXES):
                    yield read_html(data, origin=str(p))
                else:
                    yield read_text(data, origin=str(p))
        except (OSError, EOFError, gzip.BadGzipFile) as err:
            yield _skip(f"{errors.SKIP_UNREADABLE}: {err}", origin=str(p))


def read_stream(stream: BinaryIO, *, origin: str) -> Iterator[Article | Skipped]:
    """stdin: JSON Lines if it starts with '{', else one plain-text article."""
    data = stream.read()
    if data.lstrip()[:1] == b"{":
        yield from read_jsonl(io.BytesIO(data), origin=origin)
    else:
        yield read_text(data, origin=origin)


def read_text(data: bytes, *, origin: str) -> Article | Skipped:
    """A plain-text page, with its header metadata recovered (see ``ingest.text``)."""
    reason = check_bytes(data)
    if reason:
        return _skip(reason, origin=origin)
    page = data.decode("utf-8")
    page = page.removeprefix("\ufeff")
    parts = split_page(page)
    text = page[parts.body_start :]
    return _with_dateline(
        Article(
            id=content_id(text),
            text=text,
            title=parts.title,
            published=parts.published,
            publisher=parts.publisher,
            byline=parts.byline,
            origin=origin,
        )
    )


def read_jsonl(stream: BinaryIO, *, origin: str) -> Iterator[Article | Skipped]:
    """JSON Lines: ``id``, ``text`` and optional ``title``, ``published``/``date``, ``publisher``, ``url``."""
    for lineno, raw in enumerate(stream, start=1):
        where = f"{origin}:{lineno}"
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
            given = rec.get("id") if isinstance(rec, dict) and isinstance(rec.get("id"), str | int) else None
            yield _skip(f"{errors.SKIP_BAD_RECORD}: {err}", origin=where, id=given)


RECORD_FIELDS = ("id", "text", "title", "published", "date", "publisher", "credit", "byline", "dateline", "url")


def article_from_record(rec: object, *, origin: str | None = None) -> Article:
    """An Article from a JSON Lines record or an API dict; InputError says what is wrong.

    ``id`` may be a string or an integer (else the text's hash); ``published`` or
    ``date`` is normalised to YYYY-MM-DD; other fields must be strings or null.
    """
    if not isinstance(rec, dict):
        raise InputError(f"a record must be a JSON object, not {type(rec).__name__}")
    if not isinstance(rec.get("text"), str):
        raise InputError("no string field 'text'")
    rid = rec.get("id")
    if isinstance(rid, bool) or not isinstance(rid, str | int | None):
        raise InputError(f"'id' must be a string or an integer, not {type(rid).__name__}")
    for key in ("title", "publisher", "credit", "byline", "dateline", "url", "published", "date"):
        if not isinstance(rec.get(key), str | None):
            raise InputError(f"{key!r} must be a string or null, not {type(rec[key]).__name__}")
    return make_article(
        rec["text"],
        id=None if rid in (None, "") else str(rid),
        published=rec.get("published") or rec.get("date"),
        title=_str(rec.get("title")),
        publisher=_str(rec.get("publisher")),
        credit=_str(rec.get("credit")),
        byline=_str(rec.get("byline")),
        dateline=_str(rec.get("dateline")),
        url=_str(rec.get("url")),
        origin=origin,
    )


def read_html(data: bytes, *, origin: str, url: str | None = None) -> Article | Skipped:
    """An HTML page: main text and metadata through trafilatura."""
    import trafilatura

    doc = trafilatura.bare_extraction(data, url=url, with_metadata=True)
    if doc is None:
        return _skip(f"{errors.SKIP_EMPTY}: no main text found in HTML", origin=origin)
    meta = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = meta.get("text") or ""
    first, _, rest = text.partition("\n")
    if meta.get("title") and first.strip() == str(meta["title"]).strip() and rest.strip():
        text = rest  # trafilatura repeats the headline as the first line
    if not text.strip():
        return _skip(f"{errors.SKIP_EMPTY}: no main text found in HTML", origin=origin)
    return _with_dateline(
        Article(
            id=content_id(text),
            text=text,
            title=_str(meta.get("title")),
            published=normalize_date(meta.get("date")),
            publisher=_str(meta.get("sitename")),
            byline=_str(meta.get("author")),
            url=_str(meta.get("url")) or url,
            origin=origin,
        )
    )


def make_article(text: str, *, id: str | None = None, published: object = None, **meta: str | None) -> Article:
    """An Article from a text and its metadata, as the API and the spaCy component receive them.

    The id defaults to the content hash, ``published`` is normalised to
    YYYY-MM-DD, and the dateline and wire credit are read from the text.
    """
    return _with_dateline(Article(id=id or content_id(text), text=text, published=normalize_date(published), **meta))


def _with_dateline(article: Article) -> Article:
    dl = parse_dateline(article.text)
    if dl is None:
        return article
    return replace(
        article,
        dateline=article.dateline or dl.place,
        credit=article.credit or dl.credit,
        published=article.published or dl.date,
    )


def _skip(reason: str, *, origin: str, id: str | None = None) -> Skipped:
    return Skipped(Article(id=str(id) if id else content_id(origin), text="", origin=origin), f"{reason} ({origin})")


def _str(value: object) -> str | None:
    return None if value in (None, "") else str(value)
