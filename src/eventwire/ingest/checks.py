"""Checks that decide whether a text can be coded, each with a reason code."""

from __future__ import annotations

import re

from eventwire import errors

# Frequent English function words: a cheap, dependency-free language check.
_ENGLISH = frozenset(
    "the of and to in a is that for on with as by was said at from it he his be are has have not"
    " will its an this which were had but they their would who been or after also more over".split()
)
_WORD = re.compile(r"[^\W\d_]+")


def check_bytes(data: bytes) -> str | None:
    """Reason code if raw bytes cannot be an article, else None."""
    if b"\x00" in data[:65536]:
        return f"{errors.SKIP_BINARY}: NUL bytes"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        return f"{errors.SKIP_ENCODING}: byte {err.start} is not UTF-8"
    return None


def check_text(text: str, *, max_chars: int, min_english: float) -> str | None:
    """Reason ("code: detail") if a decoded text should be skipped, else None."""
    if not text or not text.strip():
        return f"{errors.SKIP_EMPTY}: no text"
    if "\x00" in text:
        return f"{errors.SKIP_BINARY}: NUL characters in text"
    if len(text) > max_chars:
        return f"{errors.SKIP_OVERSIZED}: {len(text)} characters > max_chars {max_chars}"
    words = _WORD.findall(text[:20000].lower())
    if not words:
        return f"{errors.SKIP_EMPTY}: no words"
    controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > len(text[:20000]) * 0.01:
        return f"{errors.SKIP_BINARY}: {controls} control characters"
    share = sum(w in _ENGLISH for w in words) / len(words)
    if len(words) >= 5 and share < min_english:
        return f"{errors.SKIP_LANGUAGE}: {share:.0%} common English words"
    return None
