"""Shared fixtures: one spaCy model and one Pipeline per test session."""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable

import pytest

from eventwire.nlp import load_nlp
from eventwire.settings import Settings


@pytest.fixture(scope="session")
def nlp():
    return load_nlp(Settings().model)


@pytest.fixture(scope="session")
def pipeline(nlp):
    from eventwire.pipeline import Pipeline

    return Pipeline(nlp=nlp)


@pytest.fixture
def peak_bytes() -> Callable[[Callable[[], object]], int]:
    """Peak Python memory allocated while a call runs: work that copies the whole article shows here."""

    def measure(fn: Callable[[], object]) -> int:
        tracemalloc.start()
        try:
            fn()
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    return measure
