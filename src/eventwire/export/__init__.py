"""Exports: a database out to files that other tools read.

Every format reads the DuckDB file read-only, so an export can run beside the
explorer and never changes what it reads.

- ``jsonl``: the full records, exactly as ``eventwire code`` wrote them.
- ``csv`` / ``tsv``: the ``events`` table, one flat row per event, with a header.
- ``parquet``: a folder with one file per table (``articles.parquet``, ...).
- ``gdelt``: the GDELT 2.0 Events table layout (see :mod:`eventwire.export.gdelt`).
"""

from __future__ import annotations

import json
from pathlib import Path

from eventwire.errors import ConfigError
from eventwire.store import TABLES, Store

FORMATS = ("jsonl", "csv", "tsv", "parquet", "gdelt")


def export(db: str, *, fmt: str, output: str) -> int:
    """Write the database ``db`` to ``output`` in format ``fmt``; return the number of rows written."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    with Store(db, read_only=True) as store:
        if fmt == "jsonl":
            return _jsonl(store, output)
        if fmt in ("csv", "tsv"):
            return _delimited(store, output, delimiter="," if fmt == "csv" else "\t")
        if fmt == "parquet":
            return _parquet(store, output)
        from eventwire.export.gdelt import write_gdelt

        return write_gdelt(store.con, output)


def _jsonl(store: Store, output: str) -> int:
    n = 0
    Path(output).parent.mkdir(parents=True, exist_ok=True)
    with open(output, "w", encoding="utf-8") as fh:
        for result in store.results():
            fh.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
            n += 1
    return n


def _sql_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _delimited(store: Store, output: str, *, delimiter: str) -> int:
    Path(output).parent.mkdir(parents=True, exist_ok=True)
    sql = f"COPY (SELECT * FROM events ORDER BY article_id, id) TO {_sql_str(output)} (HEADER, DELIMITER {_sql_str(delimiter)})"
    return int(store.con.execute(sql).fetchone()[0])


def _parquet(store: Store, output: str) -> int:
    folder = Path(output)
    if folder.exists() and not folder.is_dir():
        raise ConfigError(f"{output}: parquet export writes a folder (one file per table), and this is a file")
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for table in TABLES:
        path = str(folder / f"{table}.parquet")
        sql = f"COPY (SELECT * FROM {table} ORDER BY id) TO {_sql_str(path)} (FORMAT parquet)"
        total += int(store.con.execute(sql).fetchone()[0])
    return total
