"""Statements: who said (believes, wants) what, to whom and where, with evidence offsets.

``extract_statements(doc, actors)`` is the stage entry point the pipeline calls; it uses the
shipped cue lexicon (``knowledge/data/statements/``), loaded once per process. Callers with
overlay files build their own :class:`StatementExtractor` with ``from_files``.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc

from eventwire.actors.table import ArticleActors
from eventwire.schema import Statement
from eventwire.statements.extract import StatementExtractor
from eventwire.statements.lexicon import CueLexicon
from eventwire.statements.quotes import QuoteSegment, find_quotes

__all__ = ["CueLexicon", "QuoteSegment", "StatementExtractor", "default_extractor", "extract_statements", "find_quotes"]


@lru_cache(maxsize=1)
def default_extractor() -> StatementExtractor:
    """The extractor with the shipped lexicon, built once per process."""
    return StatementExtractor.from_files()


def extract_statements(
    doc: Doc, actors: ArticleActors, *, extractor: StatementExtractor | None = None
) -> list[Statement]:
    """Statements of one parsed article; ids ``s1, s2, ...``; dates left for the pipeline."""
    return (extractor or default_extractor()).extract(doc, actors)
