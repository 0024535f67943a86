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

Because the store never changes while served, what a filter set selects (and its facet counts) is
kept in a small LRU cache (:meth:`EventIndex.selection`): paging, sorting or resizing a view asks
for it again. Every other sort is a permutation computed once, so a sorted view is one pass over it.
Facet counts are one ``bincount`` per group of facets: the value codes of several facets combined
into one number per event, counted together, then summed per facet.
"""

from __future__ import annotations

import functools
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

import duckdb
import numpy as np

from eventwire.serve.queries import CONFIDENCE_BANDS, DEFAULT_SORT, Q_FIELDS, SORTS, EventFilters

_EPOCH = date(1970, 1, 1)


MAX_TEXT_CHARS = 50_000_000  # distinct evidence text kept in memory for ``q``; beyond it, SQL searches
SELECTION_CACHE_BYTES = 32_000_000  # masks of recent filter sets (one byte per event each)
JOINT_CELLS = 1 << 16  # facets counted together while the product of their numbers of values stays below this


@dataclass(eq=False)
class Selection:
    """The events one filter set selects, sort apart: a read-only mask in ``ord`` order, its count,
    and its facet counts once asked (:meth:`EventIndex.facet_counts`)."""

    mask: np.ndarray
    total: int
    facets: dict[str, dict] | None = field(default=None, repr=False)


@dataclass(frozen=True)
class _FacetGroup:
    """Facets counted with one ``bincount``: ``joint`` is each event's cell (the facets' value codes in
    mixed radix ``sizes``); ``totals`` counts every event, so a mask selecting most events is counted
    through its complement."""

    names: tuple[str, ...]
    sizes: tuple[int, ...]
    joint: np.ndarray
    totals: np.ndarray


class _Coded:
    """One string column: an integer code per row, the distinct values, and those values lower-cased
    and joined by NUL so that one scan finds every value holding a needle."""

    def __init__(self, values: np.ndarray) -> None:
        filled = np.array(["" if v is None else str(v) for v in values], dtype=object)
        self.uniques, codes = np.unique(filled, return_inverse=True)
        self.codes = codes.astype(np.int32)  # half the bytes to copy and count per request
        self.index = {u: i for i, u in enumerate(self.uniques)}
        self.empty = self.index.get("")
        lower = [u.lower() for u in self.uniques]
        self.joined = "\0".join(lower)
        self.starts = np.cumsum([0] + [len(x) + 1 for x in lower[:-1]]) if lower else np.zeros(0, dtype=np.int64)
        self.chars = len(self.joined)
        self._holding = functools.lru_cache(maxsize=64)(self._holding)  # type: ignore[method-assign]

    def values(self, at: np.ndarray) -> list[str | None]:
        """The values of rows ``at`` (None for NULL)."""
        codes = self.codes[at]
        out = self.uniques[codes].tolist()
        if self.empty is not None:
            for k in np.flatnonzero(codes == self.empty).tolist():
                out[k] = None
        return out

    def equals(self, value: str) -> np.ndarray:
        code = self.index.get(value)
        return self.codes == code if code is not None and code != self.empty else np.zeros(len(self.codes), bool)

    def contains(self, needle: str) -> np.ndarray:
        """Rows whose value holds ``needle``, ignoring case (SQL ILIKE '%needle%'; NULL never matches)."""
        return self._holding(needle.lower())[self.codes]

    def _holding(self, needle: str) -> np.ndarray:
        """Which distinct values hold ``needle`` (lower-cased): one scan of them all, so the answers for
        the last few needles are kept (:meth:`__init__` wraps this in an LRU cache)."""
        hit = np.zeros(len(self.uniques), dtype=bool)
        if "\0" not in needle:  # a needle with a NUL could match across two values; none holds one
            found = (m.start() for m in re.finditer(re.escape(needle), self.joined))
            positions = np.fromiter(found, dtype=np.int64)
            if len(positions):
                hit[np.searchsorted(self.starts, positions, side="right") - 1] = True
        if self.empty is not None:
            hit[self.empty] = False
        hit.flags.writeable = False  # cached
        return hit


class EventIndex:
    """Filter, sort and facet columns of ``ev`` in ``ord`` order."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        cur = con.cursor()
        cols = cur.execute(
            """SELECT ord, duplicate_of IS NULL AS original, quad_class, date_diff('day', DATE '1970-01-01', date) AS day,
                      year(date) * 12 + month(date) - 1 AS month, confidence, source_country, target_country,
                      event_type, modality, article_publisher, source_name, target_name, source_text, target_text,
                      source_id, target_id, source_key, target_key, evidence_text, trigger_text, location_name,
                      id, article_id, local_id, cameo, strftime(date, '%Y-%m-%d') AS date_text, date_precision,
                      article_title
               FROM ev ORDER BY ord"""
        ).fetchnumpy()
        cur.close()
        self.n = len(cols["ord"])
        self.ords = np.asarray(cols["ord"], dtype=np.int64)
        if not np.array_equal(self.ords, np.arange(1, self.n + 1)):
            raise ValueError("ev.ord must number the rows 1..n")  # masks are indexed by ord - 1
        self.original = np.asarray(cols["original"], dtype=bool)
        self.quad = _ints(cols["quad_class"])
        self.day = _ints(cols["day"])
        self.month = _ints(cols["month"])
        self.confidence = _floats(cols["confidence"])
        known = self.month != _NULL
        self.month0 = int(self.month[known].min()) if known.any() else 0
        self.month_code = np.where(known, self.month - self.month0, -1)  # -1: no date
        self.band = np.full(self.n, -1, dtype=np.int64)  # index into CONFIDENCE_BANDS, -1: none
        for i, (low, high) in enumerate(CONFIDENCE_BANDS.values()):
            inside = np.ones(self.n, dtype=bool)
            if low is not None:
                inside &= self.confidence >= low
            if high is not None:
                inside &= self.confidence < high
            self.band[inside & (self.band < 0)] = i
        self.coded = {
            name: _Coded(_objects(cols[name]))
            for name in (
                "source_country", "target_country", "event_type", "modality", "article_publisher", "source_name",
                "target_name", "source_text", "target_text", "source_id", "target_id", "source_key", "target_key",
                "evidence_text", "trigger_text", "location_name",
            )
        }  # fmt: skip
        self.text_search = sum(c.chars for c in self.coded.values()) <= MAX_TEXT_CHARS
        self.shown: dict[str, np.ndarray] = {}  # the event table's other columns, while the text fits too
        if not self.text_search:  # too big to keep: q goes to SQL, and so do the rows of a page
            for name in ("evidence_text", "trigger_text", "location_name"):
                del self.coded[name]
        else:
            for name in ("id", "article_id", "local_id", "cameo", "date_text", "date_precision", "article_title"):
                self.shown[name] = _objects(cols[name])
        # every sort's row positions, computed now: a first request per sort would wait ~20 ms for it
        self._positions = {s: self._sorted_positions(s) for key in SORTS for s in ("-" + key, key) if s != DEFAULT_SORT}
        self._labels, self._groups = self._facet_groups()
        self._cache: OrderedDict[EventFilters, Selection] = OrderedDict()
        self._cache_entries = max(8, SELECTION_CACHE_BYTES // max(self.n, 1))
        self._lock = threading.Lock()

    def table_rows(self, ords: list[int]) -> list[dict[str, Any]] | None:
        """The columns the event table shows, for these events, from memory (no query); None when the
        store is too big to keep them (then ask :func:`eventwire.serve.queries.rows_by_ord`)."""
        if not self.shown:
            return None
        at = np.asarray(ords, dtype=np.int64) - 1
        columns: dict[str, list] = {name: self.coded[name].values(at) for name in TABLE_CODED}
        columns.update((name, self.shown[name][at].tolist()) for name in self.shown)
        columns["date"] = columns.pop("date_text")
        columns["quad_class"] = [None if q == _NULL else q for q in self.quad[at].tolist()]
        columns["confidence"] = [None if c != c else c for c in self.confidence[at].tolist()]  # NaN: NULL
        names = list(columns)
        return [dict(zip(names, row, strict=True)) for row in zip(*columns.values(), strict=True)]

    def supports(self, f: EventFilters) -> bool:
        """Whether ``f`` is answered from memory alone (else ``q`` needs a cursor for SQL)."""
        return f.q is None or self.text_search

    def mask(self, f: EventFilters, cur: duckdb.DuckDBPyConnection | None = None) -> np.ndarray:
        """One boolean per event (in ``ord`` order): does it match ``f``?"""
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
        for name, values in (("event_type", f.event_type), ("modality", f.modality)):
            if values:
                m = np.zeros(self.n, dtype=bool)
                for v in values:
                    m |= c[name].equals(v)
                mask &= m
        for name, value in (
            ("source_country", f.source_country), ("target_country", f.target_country),
            ("article_publisher", f.publisher),
        ):  # fmt: skip
            if value is not None:
                mask &= c[name].equals(value)
        if f.quad_class is not None:
            mask &= self.quad == f.quad_class
        if f.date_from:
            mask &= self.day >= (f.date_from - _EPOCH).days
        if f.date_to:
            mask &= (self.day <= (f.date_to - _EPOCH).days) & (self.day != _NULL)
        low, high = CONFIDENCE_BANDS.get(f.confidence, (None, None))
        for bound in (f.min_confidence, low):
            if bound is not None:
                mask &= self.confidence >= bound  # NaN (NULL) never passes, as in SQL
        if high is not None:
            mask &= self.confidence < high
        if f.q:
            mask &= self._text(f.q, cur)
        return mask

    def _text(self, needle: str, cur: duckdb.DuckDBPyConnection | None) -> np.ndarray:
        if self.text_search:
            m = np.zeros(self.n, dtype=bool)
            for name in Q_FIELDS:
                m |= self.coded[name].contains(needle)
            return m
        if cur is None:
            raise ValueError("text search over this many events needs a cursor (it runs in SQL)")
        where, params = EventFilters(q=needle, duplicates=True).where()
        hits = np.fromiter(
            (r[0] for r in cur.execute(f"SELECT ord FROM ev e WHERE {where}", params).fetchall()), np.int64
        )
        m = np.zeros(self.n, dtype=bool)
        m[hits - 1] = True
        return m

    def select(self, f: EventFilters, cur: duckdb.DuckDBPyConnection | None = None) -> np.ndarray:
        """The ``ord`` of every event that matches ``f``, in ``f.sort`` order."""
        return self.order(self.selection(f, cur).mask, f.sort)

    def selection(self, f: EventFilters, cur: duckdb.DuckDBPyConnection | None = None) -> Selection:
        """What ``f`` selects (its sort aside), from the cache when the same filters were asked lately."""
        key = replace(f, sort=DEFAULT_SORT)
        with self._lock:
            found = self._cache.get(key)
            if found is not None:
                self._cache.move_to_end(key)
                return found
        mask = self.mask(key, cur)
        mask.flags.writeable = False  # shared by the requests that hit the cache
        found = Selection(mask, int(np.count_nonzero(mask)))
        with self._lock:
            self._cache[key] = found
            while len(self._cache) > self._cache_entries:
                self._cache.popitem(last=False)
        return found

    def facet_counts(self, selection: Selection) -> dict[str, dict]:
        """:meth:`facets` of a selection (top 10), computed once per cached selection."""
        if selection.facets is None:
            selection.facets = self.facets(selection.mask)  # a race only computes it twice
        return selection.facets

    def order(self, mask: np.ndarray, sort: str) -> np.ndarray:
        """The ``ord`` of the events in ``mask``, in ``sort`` order (ties in ``ord`` order)."""
        if sort == DEFAULT_SORT:  # the order of ``ord`` itself
            return self.ords[mask]
        positions = self._positions[sort]
        return positions[mask[positions]] + 1

    def _sorted_positions(self, sort: str) -> np.ndarray:
        """Every row position in ``sort`` order, NULLs last either way, ties in ``ord`` order."""
        column = SORTS[sort.lstrip("-")]
        if column == "date":
            values, null = self.day.astype(np.float64), self.day == _NULL
        elif column == "confidence":
            values, null = self.confidence, np.isnan(self.confidence)
        else:  # codes of np.unique are in the values' sorted order; "" is NULL
            coded = self.coded[column]
            values, null = coded.codes.astype(np.float64), coded.codes == (-1 if coded.empty is None else coded.empty)
        key = -values if sort.startswith("-") else values.copy()
        key[null] = np.inf
        return np.argsort(key, kind="stable").astype(np.int32)  # stable: ties keep the ``ord`` order

    def _facet_groups(self) -> tuple[dict[str, list[str | None]], list[_FacetGroup]]:
        """Each facet's value per code (None: not counted, e.g. NULL), and the facets packed into groups
        of at most ``JOINT_CELLS`` cells, smallest first."""
        labels: dict[str, list[str | None]] = {}
        codes: dict[str, np.ndarray] = {}
        for facet, column in FACET_COLUMNS:
            coded = self.coded[column]
            labels[facet] = [None if i == coded.empty else str(u) for i, u in enumerate(coded.uniques)]
            codes[facet] = coded.codes
        n_months = int(self.month_code.max()) + 1 if self.n else 0
        months = (m + self.month0 for m in range(n_months))
        labels["month"] = [None, *(f"{m // 12:04d}-{m % 12 + 1:02d}" for m in months)]
        codes["month"] = self.month_code + 1  # 0: no date
        labels["confidence"] = [None, *CONFIDENCE_BANDS]
        codes["confidence"] = self.band + 1  # 0: no confidence
        groups: list[list[str]] = []
        for facet in sorted(labels, key=lambda name: len(labels[name])):
            size = max(1, len(labels[facet]))
            last = groups[-1] if groups else None
            if last and np.prod([max(1, len(labels[x])) for x in last]) * size <= JOINT_CELLS:
                last.append(facet)
            else:
                groups.append([facet])
        out = []
        for names in groups:
            sizes = tuple(max(1, len(labels[x])) for x in names)
            joint = np.zeros(self.n, dtype=np.intp)
            for name, size in zip(names, sizes, strict=True):
                joint = joint * size + codes[name]
            cells = int(np.prod(sizes))
            out.append(_FacetGroup(tuple(names), sizes, joint, np.bincount(joint, minlength=cells)))
        return labels, out

    def facets(self, mask: np.ndarray, *, top: int = 10) -> dict[str, dict]:
        """Counts of the matching events per value of each facet: ``{facet: {"values": [(value, n)],
        "more": how many other values}}``, most frequent first (months newest first, bands in order)."""
        counts: dict[str, np.ndarray] = {}
        dense = np.count_nonzero(mask) > self.n // 2
        for group in self._groups:
            cells = group.totals.size
            if dense:  # fewer events to count outside the mask than in it
                table = group.totals - np.bincount(group.joint[~mask], minlength=cells)
            else:
                table = np.bincount(group.joint[mask], minlength=cells)
            table = table.reshape(group.sizes)
            for axis, name in enumerate(group.names):
                counts[name] = table.sum(axis=tuple(a for a in range(table.ndim) if a != axis))

        def found(facet: str) -> list[tuple[str, int]]:
            return [(x, k) for x, k in zip(self._labels[facet], counts[facet].tolist(), strict=True) if k and x]

        out = {}
        for facet, _ in FACET_COLUMNS:
            values = sorted(found(facet), key=lambda item: (-item[1], item[0]))
            out[facet] = {"values": values[:top], "more": max(0, len(values) - top)}
        by_month = found("month")
        out["month"] = {"values": by_month[-top * 2 :][::-1], "more": max(0, len(by_month) - top * 2)}
        bands = found("confidence")
        out["confidence"] = {"values": bands, "more": 0}
        return out


_NULL = np.iinfo(np.int64).min
FACET_COLUMNS = (
    ("event_type", "event_type"), ("modality", "modality"), ("source_country", "source_country"),
    ("target_country", "target_country"), ("publisher", "article_publisher"),
)  # fmt: skip
TABLE_CODED = (
    "event_type", "modality", "article_publisher", "source_id", "source_name", "source_country", "source_text",
    "target_id", "target_name", "target_country", "target_text", "evidence_text",
)  # fmt: skip


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


def _floats(values: np.ndarray) -> np.ndarray:
    """Floats with NULL as NaN (never passes a comparison, as NULL in SQL)."""
    if isinstance(values, np.ma.MaskedArray):
        return values.astype(np.float64).filled(np.nan)
    return np.asarray(values, dtype=np.float64)
