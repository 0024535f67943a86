"""Checks that decide whether a text can be coded, each with a reason code."""

from __future__ import annotations

import re

from eventwire import errors

# Frequent English function words: a cheap, dependency-free language check.
_ENGLISH = frozenset(
    "the of and to in a is that for on with as by was said at from it he his be are has have not"
    " will its an this which were had but they their would who been or after also more over".split()
)
# Function words of other frequent news languages (German, French, Spanish, Italian, Portuguese, Dutch):
# a text is "not English" when these outnumber the English ones, or when most letters are not Latin.
_OTHER = (
    frozenset(
        "der die das und ist nicht mit den dem des ein eine auf für sich auch wird nach bei"
        " le la les et est une dans pour pas sur qui que du au aux avec sont"
        " el los las del por con una para es lo como más pero sus"
        " il di che della nel non sono gli per"
        " os um uma não com dos das ao"
        " het een van en niet zijn voor".split()
    )
    - _ENGLISH
)
_WORD = re.compile(r"[^\W\d_]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")  # below 32, less \t \n \f \r
_NOT_LATIN = re.compile(r"[^\x00-\u024f]")  # from U+0250 (IPA) up


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
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as err:
        return f"{errors.SKIP_ENCODING}: character {err.start} is a lone surrogate"
    if len(text) > max_chars:
        return f"{errors.SKIP_OVERSIZED}: {len(text)} characters > max_chars {max_chars}"
    words = _WORD.findall(text[:20000].lower())
    if not words:
        return f"{errors.SKIP_EMPTY}: no words"
    head = text[:20000]
    controls = len(_CONTROL.findall(head))  # counted by the regex engine, not a Python loop per character
    if controls > len(head) * 0.01:
        return f"{errors.SKIP_BINARY}: {controls} control characters"
    english = sum(w in _ENGLISH for w in words)
    other = sum(w in _OTHER for w in words)
    share = english / len(words)
    letters = "".join(words[:2000])
    latin = (len(letters) - len(_NOT_LATIN.findall(letters))) / max(len(letters), 1)
    if latin < 0.5:
        return f"{errors.SKIP_LANGUAGE}: {1 - latin:.0%} of letters are not Latin"
    if len(words) >= 5 and share < min_english and other > english:
        return f"{errors.SKIP_LANGUAGE}: {share:.0%} common English words, {other} function words of other languages"
    return None
