"""The event filters of ``/api/events`` as numpy masks over columns held in memory.

A page of events is the most frequent request and DuckDB spends a few
milliseconds of CPU on even the smallest query; the same filters over a few
integer arrays take a fraction of that. Strings are coded once (each distinct
value gets an integer), so a substring filter scans the distinct values, not
the rows, with one regex scan over them joined into one lower-cased string. Rows
are in ``ord`` order (newest first), so the matches of a filter are already
sorted. Text search (``q``) also needs every evidence sentence in memory: above
``MAX_TEXT_CHARS`` it is left to SQL. ``tests/serve/test_index.py`` checks that
both paths select the same events.
"""

from __future__ import annotations

import re
from datetime import date

import duckdb
import numpy as np

from eventwire.serve.queries import Q_FIELDS, EventFilters

_EPOCH = date(1970, 1, 1)


MAX_TEXT_CHARS = 50_000_000  # distinct evidence text kept in memory for ``q``; beyond it, SQL searches


class _Coded:
    """One string column: an integer code per row, the distinct values, and those values lower-cased
    and joined by NUL so that one scan finds every value holding a needle."""

    def __init__(self, values: np.ndarray) -> None:
        filled = np.array(["" if v is None else str(v) for v in values], dtype=object)
        self.uniques, self.codes = np.unique(filled, return_inverse=True)
        self.index = {u: i for i, u in enumerate(self.uniques)}
        self.empty = self.index.get("")
        lower = [u.lower() for u in self.uniques]
        self.joined = "\0".join(lower)
        self.starts = np.cumsum([0] + [len(x) + 1 for x in lower[:-1]]) if lower else np.zeros(0, dtype=np.int64)
        self.chars = len(self.joined)

    def equals(self, value: str) -> np.ndarray:
        code = self.index.get(value)
        return self.codes == code if code is not None and code != self.empty else np.zeros(len(self.codes), bool)

    def contains(self, needle: str) -> np.ndarray:
        """Rows whose value holds ``needle``, ignoring case (SQL ILIKE '%needle%'; NULL never matches)."""
        needle = needle.lower()
        hit = np.zeros(len(self.uniques), dtype=bool)
        if "\0" not in needle:  # a needle with a NUL could match across two values; none holds one
            found = (m.start() for m in re.finditer(re.escape(needle), self.joined))
            positions = np.fromiter(found, dtype=np.int64)
            if len(positions):
                hit[np.searchsorted(self.starts, positions, side="right") - 1] = True
        if self.empty is not None:
            hit[self.empty] = False
        return hit[self.codes]


class EventIndex:
    """Filter columns of ``ev`` in ``ord`` order."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        cur = con.cursor()
        cols = cur.execute(
            """SELECT ord, duplicate_of IS NULL AS original, quad_class, date_diff('day', DATE '1970-01-01', date) AS day,
                      source_country, target_country, event_type, source_name, target_name, source_text, target_text,
                      source_id, target_id, source_key, target_key, evidence_text, trigger_text, location_name
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
                "target_text", "source_id", "target_id", "source_key", "target_key", "evidence_text", "trigger_text",
                "location_name",
            )
        }  # fmt: skip
        self.text_search = sum(c.chars for c in self.coded.values()) <= MAX_TEXT_CHARS
        if not self.text_search:  # too big to keep: q goes to SQL
            for name in ("evidence_text", "trigger_text", "location_name"):
                del self.coded[name]

    def supports(self, f: EventFilters) -> bool:
        return f.q is None or self.text_search

    def select(self, f: EventFilters) -> np.ndarray:
        """The ``ord`` of every event that matches ``f``, newest first."""
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
        if f.q:
            m = np.zeros(self.n, dtype=bool)
            for name in Q_FIELDS:
                m |= c[name].contains(f.q)
            mask &= m
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
