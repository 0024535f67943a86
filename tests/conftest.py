"""Shared fixtures: one spaCy model and one Pipeline per test session."""

from __future__ import annotations

import os
import tracemalloc
from collections.abc import Callable, Iterator

import pytest

from eventwire.nlp import load_nlp
from eventwire.settings import Settings


@pytest.fixture(scope="session", autouse=True)
def cache_dir(tmp_path_factory) -> Iterator[str]:
    """A cache folder of the test session's own (the gazetteer's GeoNames cache): the tests neither read a
    cache left by another install nor write into the user's ~/.cache; subprocesses inherit it."""
    folder = str(tmp_path_factory.mktemp("cache"))
    before = os.environ.get("EVENTWIRE_CACHE_DIR")
    os.environ["EVENTWIRE_CACHE_DIR"] = folder
    yield folder
    if before is None:
        os.environ.pop("EVENTWIRE_CACHE_DIR", None)
    else:
        os.environ["EVENTWIRE_CACHE_DIR"] = before


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
