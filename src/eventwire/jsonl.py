"""Reading JSON Lines of objects (gold files, labels, articles, predictions) with errors that name file:line.

Article input has its own, more forgiving reader (``ingest``: a bad line is a skip record); files that
eventwire reads to measure or to train must be right, so a bad line stops with one clear error.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from eventwire.errors import InputError


def read_objects(path: Path | str) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for every non-blank line; a missing file or a bad line is an InputError."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"no such file: {path}")
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as err:
                raise InputError(f"{path}:{n}: not JSON: {err.msg}") from err
            if not isinstance(rec, dict):
                raise InputError(f"{path}:{n}: expected a JSON object")
            yield n, rec


def last_by_id(path: Path | str) -> list[dict[str, Any]]:
    """One object per ``id``, the last line of each winning (a corrections log appends; its last word counts),
    in the order the ids first appear."""
    out: dict[str, dict[str, Any]] = {}
    for _, rec in read_objects(path):
        out[str(rec.get("id"))] = rec
    return list(out.values())


def write_objects(path: Path | str, rows: Iterable[dict[str, Any]]) -> None:
    """One JSON object per line (non-ASCII kept as is): the misses that ``eventwire eval --errors`` writes."""
    with Path(path).open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
