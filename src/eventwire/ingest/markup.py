"""HTML markup inside a JSON text: removed before coding, so tags never reach actor names.

Offsets of the coded record point into the clean text; block elements become
line breaks, so sentences and paragraphs stay apart.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_TAG = re.compile(r"</?(?:p|br|div|span|a|b|i|em|strong|h[1-6]|li|ul|ol|blockquote|figure|figcaption|img|section|article|table|tr|td|script|style)\b[^>]*>", re.IGNORECASE)  # fmt: skip
_BLOCK = frozenset("p br div h1 h2 h3 h4 h5 h6 li ul ol blockquote figure section article table tr".split())
_DROP = frozenset(["script", "style", "figcaption", "noscript"])


def looks_like_markup(text: str) -> bool:
    """True if the text holds HTML tags (not a lone '<' in 'a < b')."""
    return _TAG.search(text) is not None


def strip_markup(text: str) -> str:
    """The text without tags, scripts, styles and captions; entities decoded; blocks on their own lines."""
    parser = _TextParser()
    parser.feed(text)
    parser.close()
    out = "".join(parser.parts)
    out = re.sub(r"[ \t]*\n[ \t]*", "\n", out)
    out = re.sub(r"\n{3,}", "\n\n", out)
    return out.strip()


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._dropping = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _DROP:
            self._dropping += 1
        elif tag in _BLOCK:
            self.parts.append("\n\n" if tag != "br" else "\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP:
            self._dropping = max(0, self._dropping - 1)
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._dropping:
            self.parts.append(data)
