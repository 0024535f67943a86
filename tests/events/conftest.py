"""Fixtures of the events tests: the rule coder built from the shipped knowledge once, and ``code(text)``."""

from __future__ import annotations

import pytest

from eventwire.actors.table import ArticleActors
from eventwire.events import EventCoder


@pytest.fixture(scope="session")
def coder():
    return EventCoder.from_files()


@pytest.fixture
def code(nlp, coder):
    """code(text, statements=None) -> the rule coder's events, with no actors resolved."""

    def run(text: str, statements=None):
        doc = nlp(text)
        return coder.code(doc, ArticleActors(doc), statements or [])

    return run
