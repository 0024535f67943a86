"""Records every reader makes: an :class:`Article` with its metadata read, or a :class:`Skipped` naming its input."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace

from eventwire.ingest.dates import normalize_date
from eventwire.ingest.text import read_lead
from eventwire.schema import Article

EXCERPT_CHARS = 500  # what a skipped record keeps of its text


@dataclass
class Skipped:
    """An input that could not become a codable article; it still gets a record."""

    article: Article
    reason: str


def content_id(text: str) -> str:
    """Stable id for articles that come without one: a hash of the text."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def skipped(article: Article, reason: str) -> Skipped:
    """A skip record that keeps only an excerpt of the text (a 100 MB input must not be stored whole)."""
    if len(article.text) > EXCERPT_CHARS:
        article = replace(article, text=article.text[:EXCERPT_CHARS])
    return Skipped(article, reason)


def make_article(text: str, *, id: object = None, published: object = None, **meta: str | None) -> Article:
    """An Article from a text and its metadata, as the API, the server and the spaCy component receive them.

    The id is kept as a string (``given_id``) and defaults to the content hash; ``published`` is normalised to
    YYYY-MM-DD (one that cannot be read leaves a warning); lone surrogates are
    replaced (with a warning), so every record writes as valid UTF-8; header
    lines at the start of the text (byline, date), the dateline and the wire
    credit are read.
    """
    warnings: list[str] = []
    text = _clean_str(text, "text", warnings)
    meta = {k: _clean_str(v, k, warnings) if isinstance(v, str) else v for k, v in meta.items()}
    when = read_published(published, warnings)
    art = Article(id=given_id(id) or content_id(text), text=text, published=when, **meta)
    _, said, dateline = read_lead(text)
    return replace(
        art,
        dateline=art.dateline or (dateline.place if dateline else None),
        credit=art.credit or said.credit or (dateline.credit if dateline else None),
        byline=art.byline or said.byline,
        published=art.published or said.published or (dateline.date if dateline else None),
        warnings=warnings,
    )


def given_id(value: object) -> str | None:
    """A user's id as the records carry it: a string (7 -> '7', 0 -> '0'), or None when there is none."""
    return None if value in (None, "") else str(value)


def read_published(value: object, warnings: list[str]) -> str | None:
    """A given publication date as YYYY-MM-DD; one that cannot be read is None and a warning, never silent."""
    when = normalize_date(value)
    if value not in (None, "") and when is None:
        warnings.append(f"unreadable published date {str(value)[:80]!r}")
    return when


def _clean_str(value: str, field: str, warnings: list[str]) -> str:
    """Replace lone surrogates (JSON allows them; UTF-8 does not) by U+FFFD, keeping every offset."""
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        warnings.append(f"lone surrogates in {field!r} replaced by U+FFFD")
        return "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in value)


def _skip(reason: str, *, origin: str, id: object = None) -> Skipped:
    article = Article(id=given_id(id) or content_id(origin), text="", origin=origin)
    return Skipped(article, f"{reason} ({origin})")


def _str(value: object) -> str | None:
    return None if value in (None, "") else str(value)


def _squash(s: str) -> str:
    return "".join(ch for ch in s.lower() if ch.isalnum())
