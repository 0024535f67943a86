"""Fixtures of the explorer tests: a small store written from hand-made records (serve_records.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from serve_records import all_results

from eventwire.store import Store


@pytest.fixture(scope="session")
def db_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("serve") / "events.duckdb"
    with Store(path) as store:
        store.write_many(all_results())
    return path
