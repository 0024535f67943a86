"""Find quoted stretches in raw text, in every common quoting style.

Works on characters, not tokens: the parser often splits a quote from its cue, while the marks
themselves are unambiguous once apostrophes are told apart. Handles straight and curly double
quotes, guillemets, straight and curly single quotes, and quotes that run over several paragraphs
with the opening mark repeated at each paragraph and no closing mark until the end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PAIRS = {"“": "”", "«": "»", "‘": "’", '"': '"', "'": "'", "„": "“", "‹": "›"}
_SINGLE = {"'", "‘", "’"}
_LINE = re.compile(r"[^\n]+")
_MARKS = re.compile("[" + re.escape("".join(sorted({*PAIRS, *PAIRS.values()}))) + "]")


@dataclass
class QuoteSegment:
    """One quoted stretch inside one paragraph."""

    open: int  # offset of the opening mark
    close: int | None  # offset of the closing mark; None when the paragraph ends first
    start: int  # content start (after the mark and spaces)
    end: int  # content end (before the mark, spaces and a trailing comma)
    para_start: int
    para_end: int
    chain: int  # segments of one quote continued over paragraphs share a chain number
    closing_punct: str  # the last character inside the marks ("," "." "?" ...), "" if none

    @property
    def after(self) -> int:
        """Offset just past the closing mark (or the paragraph end)."""
        return self.close + 1 if self.close is not None else self.para_end


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _opens(text: str, i: int, lo: int, hi: int) -> bool:
    ch = text[i]
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    if ch in _SINGLE or ch == '"':
        # an opening mark follows a space/bracket/dash and precedes a word (or another mark)
        if _is_word(prev) or prev in ".,;:!?%":
            return False
        return _is_word(nxt) or nxt in "“‘\"'«.…$€£(-"
    return True


def _closes(text: str, i: int, lo: int, hi: int) -> bool:
    ch = text[i]
    nxt = text[i + 1] if i + 1 < hi else " "
    prev = text[i - 1] if i > lo else " "
    if ch in _SINGLE:
        # apostrophes sit between letters (don't) or before a letter (’90s)
        if _is_word(nxt):
            return False
        return not prev.isspace()
    return True


def find_quotes(text: str) -> list[QuoteSegment]:
    """Every quoted segment in ``text``, in order; multi-paragraph quotes share a ``chain``."""
    segments: list[QuoteSegment] = []
    chain = 0
    pending_chain: tuple[str, int] | None = None  # (mark, chain) of a quote left open at a paragraph end
    for m in _LINE.finditer(text):
        lo, hi = m.start(), m.end()
        while lo < hi and text[lo].isspace():
            lo += 1
        while hi > lo and text[hi - 1].isspace():
            hi -= 1
        if lo >= hi:
            continue
        open_mark: str | None = None
        open_at = lo
        seg_chain = chain
        for mark in _MARKS.finditer(text, lo, hi):  # only the quote characters matter
            i = mark.start()
            ch = text[i]
            if open_mark is None:
                if ch in PAIRS and ch not in "”»›’" and _opens(text, i, lo, hi):
                    open_mark, open_at = ch, i
                    if pending_chain is not None and i == lo and ch == pending_chain[0]:
                        seg_chain = pending_chain[1]
                    else:
                        chain += 1
                        seg_chain = chain
                    pending_chain = None
            elif ch == PAIRS[open_mark] and _closes(text, i, lo, hi):
                seg = _segment(text, open_at, i, lo, hi, seg_chain)
                if seg is not None:
                    segments.append(seg)
                open_mark = None
        pending_chain = None
        if open_mark is not None:
            seg = _segment(text, open_at, None, lo, hi, seg_chain)
            if seg is not None:
                segments.append(seg)
                pending_chain = (open_mark, seg_chain)
    return segments


def _segment(text: str, open_at: int, close: int | None, lo: int, hi: int, chain: int) -> QuoteSegment | None:
    start = open_at + 1
    end = close if close is not None else hi
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    closing = text[end - 1] if end > start else ""
    if closing == "," or (closing in "—–-" and close is not None):
        end -= 1
        while end > start and text[end - 1].isspace():
            end -= 1
    if end <= start:
        return None
    return QuoteSegment(open_at, close, start, end, lo, hi, chain, closing if closing in ",.?!…—–-:;" else "")
