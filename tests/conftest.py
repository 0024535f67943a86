"""Shared fixtures: one spaCy model and one Pipeline per test session."""

from __future__ import annotations

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
