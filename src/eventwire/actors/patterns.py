"""Knowledge strings split into the tokens the tokenizer gives them, at load, fast.

The actor resolver matches its thousands of names, titles and roles against token sequences; it needs each
string's tokens as the pipeline's tokenizer makes them, and building a Doc for each string cost a large
share of the pipeline's load. :class:`PatternSplitter` gives the same tokens while calling the tokenizer only
for the chunks its patterns would split.
"""

from __future__ import annotations

import marshal
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.tokenizer import Tokenizer

from eventwire.cache import cache_dir, cache_key, write_cache


@lru_cache(maxsize=1)
def blank_tokenizer() -> Tokenizer:
    """A blank English tokenizer (the rules of the English models) to split knowledge strings into tokens,
    when the resolver is given none."""
    return spacy.blank("en").tokenizer


class PatternSplitter:
    """The tokenizer's token texts of a knowledge string, at load, without a Doc per string.

    spaCy's tokenizer splits text at single spaces and tokenizes each space-free chunk on its own (a
    special case could only join chunks if its key held a space; English's only such keys are lone
    whitespace characters). So a string of chunks joined by single spaces is split chunk by chunk, and
    each distinct chunk is tokenized once. A chunk that is no special case and in which the tokenizer's own
    prefix, suffix and infix patterns find nothing (or that its token_match takes whole) is one token, itself:
    the tokenizer's algorithm would end there too, so it is not called ("Vladimir", "Putin"). Any
    other chunk ("(Dutch", "Al-Qaeda", "U.S.") and any string with other whitespace (or another unprintable
    character) goes through it.

    ``load_cache``/``save_cache`` keep the chunks' tokens between loads in a cache file (``marshal``) named by
    a hash of the tokenizer's rules and patterns, this module's source, spaCy's and Python's versions: a
    chunk's tokens depend on nothing else, so a chunk the file lacks (a user's knowledge) is split and
    added. A tokenizer whose patterns are not plain compiled regular expressions is never cached.
    """

    def __init__(self, tokenizer) -> None:
        self.tokenizer = tokenizer
        # a host's own tokenizer (a whitespace splitter, spacy-stanza, ...) may have no rules or affix patterns:
        # then every string goes through it whole
        patterns = ("rules", "token_match", "prefix_search", "suffix_search", "url_match", "infix_finditer")
        self.rules = tokenizer.rules if all(hasattr(tokenizer, a) for a in patterns) else None
        # a special case whose key mixes whitespace and text could join chunks: then split whole strings
        self.by_chunk = self.rules is not None and all(
            k.isspace() or not any(c.isspace() for c in k) for k in self.rules
        )
        self.memo: dict[str, tuple[str, ...] | None] = {}
        self._cached = 0  # how many chunks the cache file gave (``save_cache`` writes only when more were split)
        self._cache: Path | None = None

    def load_cache(self) -> None:
        """Take the chunks' tokens from the cache file, if there is one for this tokenizer; any failure (no
        file, a broken one, no cache folder) only means they are split again."""
        self._cache = _cache_path(self.tokenizer) if self.by_chunk else None
        if self._cache is None:
            return
        try:
            memo = marshal.loads(self._cache.read_bytes())
            if not isinstance(memo, dict) or not all(
                type(k) is str and (v is None or (type(v) is tuple and all(type(t) is str for t in v)))
                for k, v in memo.items()
            ):
                return
        except Exception:  # missing, unreadable, truncated: split again
            return
        self.memo.update(memo)
        self._cached = len(self.memo)

    def save_cache(self) -> None:
        """Write the chunks' tokens to the cache file when ``load_cache`` found one to use and more chunks were
        split since (best effort, whole or not at all)."""
        if self._cache is not None and len(self.memo) > self._cached:
            write_cache(self._cache, marshal.dumps(self.memo), "patterns-*.marshal")
            self._cached = len(self.memo)

    def __call__(self, text: str) -> tuple[str, ...]:
        if self.by_chunk:
            out: list[str] = []
            memo = self.memo
            for chunk in text.split(" "):
                if chunk in memo:
                    toks = memo[chunk]
                else:
                    toks = memo[chunk] = self._chunk(chunk)
                if toks is None:
                    break
                out += toks
            else:
                return tuple(out)
        return tuple(t.text for t in self.tokenizer(text))

    def _chunk(self, chunk: str) -> tuple[str, ...] | None:
        """The chunk's tokens; None for an empty chunk (two spaces in a row) or one with other whitespace
        (every whitespace character but the space is unprintable)."""
        if not chunk or not chunk.isprintable():
            return None
        tok = self.tokenizer
        if chunk not in self.rules and (
            (tok.token_match is not None and tok.token_match(chunk))
            or (
                (tok.prefix_search is None or tok.prefix_search(chunk) is None)
                and (tok.suffix_search is None or tok.suffix_search(chunk) is None)
                and (
                    (tok.url_match is not None and tok.url_match(chunk))
                    or tok.infix_finditer is None
                    or next(iter(tok.infix_finditer(chunk)), None) is None
                )
            )
        ):
            return (chunk,)
        return tuple(t.text for t in tok(chunk))


def _cache_path(tokenizer) -> Path | None:
    """The splitter's cache file for ``tokenizer``; None: no cache folder, or a tokenizer it cannot name."""
    folder = cache_dir()
    if folder is None:
        return None
    parts = tokenizer_parts(tokenizer)
    if parts is None:
        return None
    try:
        key = cache_key(__file__, *parts)
    except OSError:
        return None
    return folder / f"patterns-{key[:20]}.marshal"


def tokenizer_parts(tokenizer) -> list[str] | None:
    """What a tokenizer's splits depend on, as text for a cache key: spaCy's version, the prefix, suffix, infix,
    token_match and url_match patterns, the special cases and the heuristics flag. None for a tokenizer whose
    patterns are not plain compiled regular expressions (a custom callable cannot be hashed) or that has none."""
    try:
        parts = [spacy.__version__]
        for name in ("prefix_search", "suffix_search", "infix_finditer", "token_match", "url_match"):
            fn = getattr(tokenizer, name)
            if fn is None:
                parts.append(f"{name} None")
                continue
            regex = getattr(fn, "__self__", None)
            if type(regex).__name__ != "Pattern" or fn.__name__ not in ("search", "finditer", "match", "fullmatch"):
                return None  # a custom callable: what it does cannot be hashed
            parts.append(f"{name} {fn.__name__} {regex.flags} {regex.pattern!r}")
        parts.append(repr(sorted((k, repr(v)) for k, v in tokenizer.rules.items())))
        parts.append(repr(getattr(tokenizer, "faster_heuristics", None)))
    except Exception:
        return None
    return parts
