"""The event filters of ``/api/events`` as numpy masks over columns held in memory.

A page of events is the most frequent request and DuckDB spends a few
milliseconds of CPU on even the smallest query; the same filters over a few
integer arrays take a fraction of that. Strings are coded once (each distinct
value gets an integer), so a substring filter scans the distinct values, not
the rows. Rows are in ``ord`` order (newest first), so the matches of a filter
are already sorted. Text search (``q``) is left to SQL: it would need every
evidence sentence in memory twice. ``tests/serve/test_index.py`` checks that
both paths select the same events.
"""

from __future__ import annotations

from datetime import date

import duckdb
import numpy as np

from eventwire.serve.queries import EventFilters

_EPOCH = date(1970, 1, 1)


class _Coded:
    """One string column: integer codes per row and the distinct values (lower-cased for search)."""

    def __init__(self, values: np.ndarray) -> None:
        filled = np.array(["" if v is None else str(v) for v in values], dtype=object)
        self.uniques, self.codes = np.unique(filled, return_inverse=True)
        self.lower = (
            np.array([u.lower() for u in self.uniques], dtype=str) if len(self.uniques) else np.array([], dtype=str)
        )
        self.index = {u: i for i, u in enumerate(self.uniques)}
        self.empty = self.index.get("")

    def equals(self, value: str) -> np.ndarray:
        code = self.index.get(value)
        return self.codes == code if code is not None and code != self.empty else np.zeros(len(self.codes), bool)

    def contains(self, needle: str) -> np.ndarray:
        hits = np.flatnonzero(np.char.find(self.lower, needle.lower()) >= 0)
        if self.empty is not None:
            hits = hits[hits != self.empty]  # SQL: NULL ILIKE '%x%' is not true
        return np.isin(self.codes, hits)


class EventIndex:
    """Filter columns of ``ev`` in ``ord`` order."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        cur = con.cursor()
        cols = cur.execute(
            """SELECT ord, duplicate_of IS NULL AS original, quad_class, date_diff('day', DATE '1970-01-01', date) AS day,
                      source_country, target_country, event_type, source_name, target_name, source_text, target_text,
                      source_id, target_id, source_key, target_key
               FROM ev ORDER BY ord"""
        ).fetchnumpy()
        cur.close()
        self.n = len(cols["ord"])
        self.ords = np.asarray(cols["ord"], dtype=np.int64)
        self.original = np.asarray(cols["original"], dtype=bool)
        self.quad = _ints(cols["quad_class"])
        self.day = _ints(cols["day"])
        self.coded = {
            name: _Coded(_objects(cols[name]))
            for name in (
                "source_country", "target_country", "event_type", "source_name", "target_name", "source_text",
                "target_text", "source_id", "target_id", "source_key", "target_key",
            )
        }  # fmt: skip

    def supports(self, f: EventFilters) -> bool:
        return f.q is None

    def select(self, f: EventFilters) -> np.ndarray:
        """The ``ord`` of every event that matches ``f`` (no ``q``), newest first."""
        mask = np.ones(self.n, dtype=bool) if f.duplicates else self.original.copy()
        c = self.coded
        if f.actor:
            m = np.zeros(self.n, dtype=bool)
            for name in ("source_name", "target_name", "source_text", "target_text"):
                m |= c[name].contains(f.actor)
            for name in ("source_id", "target_id", "source_key", "target_key"):
                m |= c[name].equals(f.actor)
            mask &= m
        if f.country:
            mask &= c["source_country"].equals(f.country) | c["target_country"].equals(f.country)
        if f.event_type:
            m = np.zeros(self.n, dtype=bool)
            for t in f.event_type:
                m |= c["event_type"].equals(t)
            mask &= m
        if f.quad_class is not None:
            mask &= self.quad == f.quad_class
        if f.date_from:
            mask &= self.day >= (f.date_from - _EPOCH).days
        if f.date_to:
            mask &= (self.day <= (f.date_to - _EPOCH).days) & (self.day != _NULL)
        return self.ords[mask]


_NULL = np.iinfo(np.int64).min


def _ints(values: np.ndarray) -> np.ndarray:
    """Integers with NULL as the smallest int64 (never >= a date or equal to a QuadClass)."""
    if isinstance(values, np.ma.MaskedArray):
        return values.astype(np.int64).filled(_NULL)
    return np.asarray(values, dtype=np.int64)


def _objects(values: np.ndarray) -> np.ndarray:
    """Strings with NULL as None."""
    out = np.array(np.ma.getdata(values), dtype=object)
    out[np.ma.getmaskarray(values)] = None
    return out
