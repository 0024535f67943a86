"""Streaming downloads of a view: every event, statement or actor a filter selects, as CSV or JSON
Lines, and articles in the ``articles.jsonl`` shape that ``eventwire eval --articles`` reads.

Rows are read with one SQL query in the view's order and sent a batch at a time, so a download of the
whole store never sits in memory. The columns are those of the view's JSON API: ``GET /api/events``
(the ``events`` table plus the article's title, publisher and date and the actors' keys),
``GET /api/statements`` and ``GET /api/actors``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

import duckdb

from eventwire.serve.listings import Listing
from eventwire.serve.queries import EventFilters, _plain

BATCH = 2000
ARTICLE_FIELDS = ("id", "title", "text", "published", "publisher")
Batches = Iterator[tuple[list[str], list[tuple]]]


def _batches(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> Batches:
    """(column names, rows) a batch at a time, on a cursor of its own; one empty batch when no row
    matches, so that the columns are still known."""
    cur = con.cursor()
    try:
        cur.execute(sql, params)
        names = [d[0] for d in cur.description]
        sent = False
        while batch := cur.fetchmany(BATCH):
            sent = True
            yield names, batch
        if not sent:
            yield names, []
    finally:
        cur.close()


def event_batches(con: duckdb.DuckDBPyConnection, f: EventFilters, *, limit: int | None, offset: int) -> Batches:
    """The events of a view, in its order."""
    where, params = f.where()
    page = " LIMIT ? OFFSET ?" if limit is not None else (" OFFSET ?" if offset else "")
    params = [*params, *((limit, offset) if limit is not None else ((offset,) if offset else ()))]
    return _batches(con, f"SELECT * EXCLUDE (ord) FROM ev e WHERE {where} ORDER BY {f.order_by()}{page}", params)


def listing_batches(
    con: duckdb.DuckDBPyConnection, listing: Listing, params: dict[str, str], *, limit: int | None, offset: int
) -> Batches:
    """The statements or actors of a view, in its order (:mod:`eventwire.serve.listings`)."""
    return _batches(con, *listing.select(params, limit=limit, offset=offset))


def as_csv(batches: Batches) -> Iterator[bytes]:
    """The header line, then one line per row (empty cell for NULL)."""
    header_sent = False
    for names, batch in batches:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        if not header_sent:
            writer.writerow(names)
            header_sent = True
        writer.writerows(_plain(row) for row in batch)
        yield buf.getvalue().encode()


def as_jsonl(batches: Batches) -> Iterator[bytes]:
    """One JSON object per line: the objects of the view's JSON API."""
    for names, batch in batches:
        if batch:
            lines = (json.dumps(dict(zip(names, _plain(row), strict=True)), ensure_ascii=False) for row in batch)
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
            lines = (json.dumps(dict(zip(ARTICLE_FIELDS, _plain(r), strict=True)), ensure_ascii=False) for r in batch)
            yield ("\n".join(lines) + "\n").encode()
    finally:
        cur.close()


__all__ = ["ARTICLE_FIELDS", "articles_jsonl", "as_csv", "as_jsonl", "event_batches", "listing_batches"]
