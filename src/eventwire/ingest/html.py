"""HTML pages: the main text without boilerplate, and the page's headline, byline, date and site.

trafilatura reads the page (precision mode: menus, captions, related links and
footers out); what it gets wrong on real pages is corrected here: the headline
shown on the page wins over ``<title>``, site suffixes are cut from titles, a
byline that is a site name or a placeholder is dropped, and a page whose main
text is too short or only a caption is ``no-article-text``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from eventwire import errors
from eventwire.ingest.knowledge import page_knowledge
from eventwire.ingest.records import Skipped, _skip, _squash, _str, make_article
from eventwire.ingest.text import clean_title, parse_byline
from eventwire.schema import Article


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
