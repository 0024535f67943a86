"""Streaming downloads of a view: every event a filter selects, as CSV or JSON Lines, and articles in
the ``articles.jsonl`` shape that ``eventwire eval --articles`` reads.

Rows are read with one SQL query in the view's order and sent a batch at a time, so a download of the
whole store never sits in memory. The columns are those of ``GET /api/events`` (the ``events`` table plus
the article's title, publisher and date and the actors' keys).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date
from typing import Any

import duckdb

from eventwire.serve.queries import EventFilters

BATCH = 2000
ARTICLE_FIELDS = ("id", "title", "text", "published", "publisher")


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _event_rows(
    con: duckdb.DuckDBPyConnection, f: EventFilters, *, limit: int | None, offset: int
) -> Iterator[tuple[list[str], list[tuple]]]:
    where, params = f.where()
    page = " LIMIT ? OFFSET ?" if limit is not None else (" OFFSET ?" if offset else "")
    params = [*params, *((limit, offset) if limit is not None else ((offset,) if offset else ()))]
    cur = con.cursor()
    try:
        cur.execute(f"SELECT * EXCLUDE (ord) FROM ev e WHERE {where} ORDER BY {f.order_by()}{page}", params)
        names = [d[0] for d in cur.description]
        while batch := cur.fetchmany(BATCH):
            yield names, batch
    finally:
        cur.close()


def events_csv(con: duckdb.DuckDBPyConnection, f: EventFilters, *, limit: int | None, offset: int) -> Iterator[bytes]:
    """The header line, then one line per event (empty cell for NULL)."""
    header_sent = False
    for names, batch in _event_rows(con, f, limit=limit, offset=offset):
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        if not header_sent:
            writer.writerow(names)
            header_sent = True
        writer.writerows([_plain(v) for v in row] for row in batch)
        yield buf.getvalue().encode()
    if not header_sent:  # no event matches: still a header, so the columns are known
        cur = con.cursor()
        try:
            names = [d[0] for d in cur.execute("SELECT * EXCLUDE (ord) FROM ev LIMIT 0").description]
        finally:
            cur.close()
        yield (",".join(names) + "\n").encode()


def events_jsonl(con: duckdb.DuckDBPyConnection, f: EventFilters, *, limit: int | None, offset: int) -> Iterator[bytes]:
    """One JSON object per line: the objects of ``GET /api/events``."""
    for names, batch in _event_rows(con, f, limit=limit, offset=offset):
        lines = (json.dumps(dict(zip(names, map(_plain, row), strict=True)), ensure_ascii=False) for row in batch)
        yield ("\n".join(lines) + "\n").encode()


def articles_jsonl(con: duckdb.DuckDBPyConnection, ids: list[str] | None, f: EventFilters | None) -> Iterator[bytes]:
    """Coded articles as ``{"id", "title", "text", "published", "publisher"}`` lines: the articles named by
    ``ids``, else those holding an event that ``f`` selects, else every coded article."""
    cur = con.cursor()
    try:
        sql = f"SELECT {', '.join('a.' + c for c in ARTICLE_FIELDS)} FROM store.articles a WHERE a.status = 'coded'"
        params: list[Any] = []
        if ids is not None:
            sql += " AND a.id IN (SELECT unnest(?::VARCHAR[]))"
            params.append(ids)
        elif f is not None:
            where, fparams = f.where()
            sql += f" AND a.id IN (SELECT e.article_id FROM ev e WHERE {where})"
            params += fparams
        cur.execute(sql + " ORDER BY a.id", params)
        while batch := cur.fetchmany(BATCH):
            lines = (
                json.dumps(dict(zip(ARTICLE_FIELDS, map(_plain, r), strict=True)), ensure_ascii=False) for r in batch
            )
            yield ("\n".join(lines) + "\n").encode()
    finally:
        cur.close()


__all__ = ["ARTICLE_FIELDS", "articles_jsonl", "events_csv", "events_jsonl"]
