"""Read-only SQL over the store, shared by the JSON API and the pages.

Every request value is a bound parameter; identifiers are constants here.
The store is attached read-only as ``store`` to an in-memory database, which
holds indexes built once at startup (:func:`build_index`): ``ev``, the
events joined with their article's title and their actors' keys, pre-sorted
newest first (``ord``); ``actor_index``, one row per actor across articles; and
``st``, the statements with their article's fields and speaker key.
Pages of events are selected and sorted by :mod:`eventwire.serve.index`; the SQL
conditions here (``EventFilters.where``) serve the downloads, timeline, network
and text search over big stores, and are tested to select the same events.

Actors are stored per article (``<article id>:<local id>``); across articles an
actor is its knowledge entry, or its lower-cased canonical name when no entry
resolved it: that is the *actor key* used by ``/actors/{key}``, the network and
the stance table.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import duckdb

from eventwire.schema import EVENT_TYPES

STANCE_TYPES = ("SUPPORT", "AGREE", "REQUEST", "REJECT", "ACCUSE", "THREATEN")
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
MAX_LIMIT = 500
Q_FIELDS = (
    "evidence_text",
    "trigger_text",
    "source_name",
    "target_name",
    "source_text",
    "target_text",
    "location_name",
)


def actor_key(alias: str) -> str:
    """SQL for the cross-article actor key of actors row ``alias``."""
    return f"coalesce({alias}.entry, 'name:' || lower({alias}.name))"


class BadParameter(ValueError):
    """A request parameter has a bad value; becomes a 422 with this message."""

    def __init__(self, name: str, message: str) -> None:
        self.name = name
        super().__init__(f"{name}: {message}")


def most_common(expr: str) -> str:
    """SQL for the most frequent non-null value of ``expr`` in a group, ties broken by the smallest value.

    DuckDB's ``mode()`` breaks ties as the hash table happens to fill, so an actor named "UKR" as often as
    "UKRGOV" showed either from one start of the explorer to the next; a listing must not change between two
    loads of the same store."""
    return (
        f"list_sort(list_transform(map_entries(histogram({expr})), "
        f"lambda e: {{'n': -(e.value::BIGINT), 'v': e.key}}))[1].v"
    )


def _like(value: str) -> str:
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def _date(name: str, value: str | None) -> date | None:
    value = _clean(value)
    if value is None:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise BadParameter(name, f"{value!r} is not a date (use YYYY-MM-DD)")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadParameter(name, f"{value!r} is not a valid date") from None


MODALITIES = ("asserted", "negated", "proposed", "threatened", "hypothetical", "future", "claimed")
CONFIDENCE_BANDS = {"0.9-1": (0.9, None), "0.7-0.9": (0.7, 0.9), "0.5-0.7": (0.5, 0.7), "0-0.5": (None, 0.5)}
"""Confidence bands of the facet and of ``confidence=``: lower bound included, upper bound excluded."""
SORTS = {
    "date": "date", "confidence": "confidence", "type": "event_type", "source": "source_name",
    "target": "target_name", "publisher": "article_publisher", "modality": "modality",
}  # fmt: skip
"""``sort=`` names (``-name`` for descending) and the ``ev`` column each sorts by; ties keep the default order."""
DEFAULT_SORT = "-date"


def _codes(name: str, value: str | None, allowed: tuple[str, ...], *, upper: bool) -> tuple[str, ...]:
    """A comma-separated list of known values (``ACCUSE,REJECT``), checked against ``allowed``."""
    if not _clean(value):
        return ()
    items = tuple((v.strip().upper() if upper else v.strip().lower()) for v in value.split(",") if v.strip())
    bad = [v for v in items if v not in allowed]
    if bad:
        raise BadParameter(name, f"unknown value {bad[0]!r} (one of {', '.join(allowed)})")
    return items


def _country(name: str, value: str | None) -> str | None:
    value = _clean(value)
    if value is not None and not re.fullmatch(r"[A-Za-z]{3}", value):
        raise BadParameter(name, f"{value!r} is not a 3-letter code (ISO alpha-3 or IGO, NGO, ...)")
    return value.upper() if value else None


def _confidence(value: str | None) -> float | None:
    value = _clean(value)
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not 0 <= number <= 1:
        raise BadParameter("min_confidence", f"{value!r} is not a number from 0 to 1")
    return number


@dataclass(frozen=True)
class EventFilters:
    """The filters and the order of ``GET /api/events``, its downloads and the event pages (same GET
    parameters, so that every view has a permalink and the same view as JSON, CSV or JSON Lines)."""

    actor: str | None = None
    country: str | None = None
    event_type: tuple[str, ...] = ()
    quad_class: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    q: str | None = None
    duplicates: bool = False
    modality: tuple[str, ...] = ()
    source_country: str | None = None
    target_country: str | None = None
    publisher: str | None = None
    min_confidence: float | None = None
    confidence: str | None = None
    sort: str = DEFAULT_SORT

    @classmethod
    def parse(
        cls,
        *,
        actor: str | None = None,
        country: str | None = None,
        event_type: str | None = None,
        quad_class: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        q: str | None = None,
        duplicates: str | None = None,
        modality: str | None = None,
        source_country: str | None = None,
        target_country: str | None = None,
        publisher: str | None = None,
        min_confidence: str | None = None,
        confidence: str | None = None,
        sort: str | None = None,
    ) -> EventFilters:
        """Validate raw GET values; empty strings (an empty form field) mean no filter."""
        quad = _clean(quad_class)
        if quad is not None:
            if quad not in {"1", "2", "3", "4"}:
                raise BadParameter("quad_class", f"{quad!r} is not 1, 2, 3 or 4")
            quad = int(quad)
        d_from, d_to = _date("date_from", date_from), _date("date_to", date_to)
        if d_from and d_to and d_from > d_to:
            raise BadParameter("date_to", "is before date_from")
        dup = (_clean(duplicates) or "false").lower()
        if dup not in {"true", "false", "1", "0", "yes", "no", "on", "off"}:
            raise BadParameter("duplicates", f"{dup!r} is not true or false")
        actor, q, publisher = _clean(actor), _clean(q), _clean(publisher)
        for name, value in (("actor", actor), ("q", q), ("publisher", publisher)):
            if value is not None and len(value) > 200:
                raise BadParameter(name, "is longer than 200 characters")
        band = _clean(confidence)
        if band is not None and band not in CONFIDENCE_BANDS:
            raise BadParameter("confidence", f"{band!r} is not a band ({', '.join(CONFIDENCE_BANDS)})")
        order = _clean(sort) or DEFAULT_SORT
        if order.lstrip("-") not in SORTS:
            raise BadParameter("sort", f"{order!r} is not one of {', '.join(SORTS)} (with - for descending)")
        return cls(
            actor=actor, country=_country("country", country),
            event_type=_codes("event_type", event_type, EVENT_TYPES, upper=True), quad_class=quad,
            date_from=d_from, date_to=d_to, q=q, duplicates=dup in {"true", "1", "yes", "on"},
            modality=_codes("modality", modality, MODALITIES, upper=False),
            source_country=_country("source_country", source_country),
            target_country=_country("target_country", target_country), publisher=publisher,
            min_confidence=_confidence(min_confidence), confidence=band, sort=order,
        )  # fmt: skip

    def where(self, alias: str = "e") -> tuple[str, list[Any]]:
        """A SQL condition on events ``alias`` and its parameters (``sort`` plays no part)."""
        e = alias
        conds: list[str] = []
        params: list[Any] = []
        if not self.duplicates:
            conds.append(f"{e}.duplicate_of IS NULL")
        if self.actor:
            like = _like(self.actor)
            fields = ("source_name", "target_name", "source_text", "target_text")
            conds.append(
                "(" + " OR ".join(f"{e}.{f} ILIKE ? ESCAPE '\\'" for f in fields)
                + f" OR {e}.source_id = ? OR {e}.target_id = ? OR {e}.source_key = ? OR {e}.target_key = ?)"
            )  # fmt: skip
            params += [like] * len(fields) + [self.actor] * 4
        if self.country:
            conds.append(f"({e}.source_country = ? OR {e}.target_country = ?)")
            params += [self.country, self.country]
        for column, values in (("event_type", self.event_type), ("modality", self.modality)):
            if values:
                conds.append(f"{e}.{column} IN ({','.join('?' * len(values))})")
                params += list(values)
        for column, value in (
            ("source_country", self.source_country), ("target_country", self.target_country),
            ("article_publisher", self.publisher), ("quad_class", self.quad_class),
        ):  # fmt: skip
            if value is not None:
                conds.append(f"{e}.{column} = ?")
                params.append(value)
        if self.date_from:
            conds.append(f"{e}.date >= ?")
            params.append(self.date_from)
        if self.date_to:
            conds.append(f"{e}.date <= ?")
            params.append(self.date_to)
        low, high = CONFIDENCE_BANDS.get(self.confidence, (None, None))
        for bound in (self.min_confidence, low):
            if bound is not None:
                conds.append(f"{e}.confidence >= ?")
                params.append(bound)
        if high is not None:
            conds.append(f"{e}.confidence < ?")
            params.append(high)
        if self.q:
            like = _like(self.q)
            conds.append("(" + " OR ".join(f"{e}.{f} ILIKE ? ESCAPE '\\'" for f in Q_FIELDS) + ")")
            params += [like] * len(Q_FIELDS)
        return (" AND ".join(conds) or "TRUE"), params

    def order_by(self, alias: str = "e") -> str:
        """SQL ORDER BY for ``sort``: NULLs last either way, ties in the default (newest first) order."""
        column = SORTS[self.sort.lstrip("-")]
        direction = "DESC" if self.sort.startswith("-") else "ASC"
        return f"{alias}.{column} {direction} NULLS LAST, {alias}.ord"

    def query_params(self) -> dict[str, str]:
        """Back to GET parameters (for permalinks, pagination and the API and download links of a page)."""
        out = {
            "actor": self.actor, "country": self.country, "event_type": ",".join(self.event_type) or None,
            "quad_class": str(self.quad_class) if self.quad_class else None,
            "date_from": self.date_from.isoformat() if self.date_from else None,
            "date_to": self.date_to.isoformat() if self.date_to else None,
            "q": self.q, "duplicates": "true" if self.duplicates else None,
            "modality": ",".join(self.modality) or None, "source_country": self.source_country,
            "target_country": self.target_country, "publisher": self.publisher,
            "min_confidence": f"{self.min_confidence:g}" if self.min_confidence is not None else None,
            "confidence": self.confidence, "sort": self.sort if self.sort != DEFAULT_SORT else None,
        }  # fmt: skip
        return {k: v for k, v in out.items() if v}


def _rows(cur: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in cur.description]
    return [dict(zip(names, _plain(row), strict=True)) for row in cur.fetchall()]


def _plain(row: tuple) -> list[Any]:
    out = []
    for v in row:
        if isinstance(v, date):
            v = v.isoformat()
        elif isinstance(v, float) and math.isnan(v):
            v = None
        out.append(v)
    return out


EVENT_ORDER = "e.date DESC NULLS LAST, e.article_id, e.evidence_start, e.trigger_start, e.local_id"
TABLES = ("articles", "events", "statements", "actors")


def open_store(db_path: str, *, index: bool = True) -> duckdb.DuckDBPyConnection:
    """An in-memory database with the store attached read-only as ``store`` and the indexes built
    (``index=False``: only checked to be a store, as a supervisor of worker processes does)."""
    con = duckdb.connect(":memory:")
    con.execute("SET python_enable_replacements = false")  # a table name never resolves to a Python variable
    con.execute(f"ATTACH '{db_path.replace(chr(39), chr(39) * 2)}' AS store (READ_ONLY)")
    tables = {
        r[0]
        for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_catalog = 'store'"
        ).fetchall()
    }
    missing = set(TABLES) - tables
    if missing:
        con.close()
        raise LookupError(f"not an eventwire database (no table {', '.join(sorted(missing))})")
    if index:
        build_index(con)
    return con


def build_index(con: duckdb.DuckDBPyConnection) -> None:
    """Denormalize once what every request would otherwise join and sort (the store never changes
    while served)."""
    con.execute(
        f"""
        CREATE OR REPLACE TABLE memory.main.ev AS
        SELECT e.*, a.title AS article_title, a.publisher AS article_publisher, a.published AS article_published,
               {actor_key("sa")} AS source_key, {actor_key("ta")} AS target_key,
               row_number() OVER (ORDER BY {EVENT_ORDER}) AS ord
        FROM store.events e LEFT JOIN store.articles a ON a.id = e.article_id
        LEFT JOIN store.actors sa ON sa.id = e.source_id LEFT JOIN store.actors ta ON ta.id = e.target_id
        ORDER BY ord
        """
    )
    con.execute(
        f"""
        CREATE OR REPLACE TABLE memory.main.actor_index AS
        WITH k AS (SELECT {actor_key("a")} AS key, a.* FROM store.actors a),
             src AS (SELECT source_key AS key, count(*) AS n FROM memory.main.ev GROUP BY 1),
             tgt AS (SELECT target_key AS key, count(*) AS n FROM memory.main.ev GROUP BY 1),
             agg AS (
                SELECT key, {most_common("name")} AS name, {most_common("country")} AS country,
                       {most_common("sector")} AS sector, {most_common("kind")} AS kind, {most_common("role")} AS role,
                       {most_common("cameo")} AS cameo, min(entry) AS entry,
                       count(DISTINCT article_id) AS n_articles, sum(n_mentions)::BIGINT AS n_mentions,
                       list(DISTINCT name ORDER BY name) AS names
                FROM k GROUP BY key)
        SELECT agg.*, coalesce(src.n, 0) AS n_as_source, coalesce(tgt.n, 0) AS n_as_target
        FROM agg LEFT JOIN src USING (key) LEFT JOIN tgt USING (key)
        ORDER BY n_as_source + n_as_target DESC, n_articles DESC, name, key
        """
    )
    con.execute(
        f"""
        CREATE OR REPLACE TABLE memory.main.st AS
        SELECT s.*, a.title AS article_title, a.publisher AS article_publisher, a.duplicate_of,
               {actor_key("x")} AS speaker_key,
               row_number() OVER (ORDER BY s.date DESC NULLS LAST, s.article_id, s.cue_start) AS ord
        FROM store.statements s LEFT JOIN store.articles a ON a.id = s.article_id
        LEFT JOIN store.actors x ON x.id = s.speaker_id
        """
    )


def rows_by_ord(cur: duckdb.DuckDBPyConnection, ords: list[int]) -> dict[int, dict[str, Any]]:
    """Full event rows (without ``ord``) by ``ord``: a hash semi-join on the page's values (a quarter of
    the cost of testing each row against the list when the page is scattered by another sort)."""
    if not ords:
        return {}
    cur.execute("SELECT e.* FROM ev e SEMI JOIN (SELECT unnest(?::BIGINT[]) AS o) k ON e.ord = k.o", [ords])
    out = {}
    for row in _rows(cur):
        out[row.pop("ord")] = row
    return out


def article_record(cur: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any] | None:
    """The stored record of an article, exactly as ``eventwire code`` wrote it."""
    row = cur.execute("SELECT record FROM store.articles WHERE id = ?", [article_id]).fetchone()
    return json.loads(row[0]) if row else None


def actor_keys(cur: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, str]:
    """Local actor id -> cross-article key, for links from an article page."""
    cur.execute(f"SELECT a.local_id, {actor_key('a')} FROM store.actors a WHERE a.article_id = ?", [article_id])
    return dict(cur.fetchall())


def actor_profile(cur: duckdb.DuckDBPyConnection, key: str, *, limit: int = 100) -> dict[str, Any] | None:
    """Everything about one actor key (or one per-article actor id): names, events, statements, partners."""
    cur.execute("SELECT * FROM actor_index WHERE key = ?", [key])
    rows = _rows(cur)
    if not rows:
        row = cur.execute(f"SELECT {actor_key('a')} FROM store.actors a WHERE a.id = ?", [key]).fetchone()
        if row is None or row[0] is None:
            return None
        rows = _rows(cur.execute("SELECT * FROM actor_index WHERE key = ?", [row[0]]))
    profile = rows[0]
    key = profile["key"]
    for role in ("source", "target"):
        cur.execute(f"SELECT * EXCLUDE (ord) FROM ev e WHERE e.{role}_key = ? ORDER BY ord LIMIT ?", [key, limit])
        profile[f"events_as_{role}"] = _rows(cur)
    cur.execute(
        f"""SELECT s.id, s.article_id, s.local_id, s.speaker_text, s.cue_text, s.content_text, s.direct, s.venue,
                   s.date, a.title AS article_title
            FROM store.statements s LEFT JOIN store.articles a ON a.id = s.article_id
            WHERE s.speaker_id IN (SELECT x.id FROM store.actors x WHERE {actor_key("x")} = ?)
            ORDER BY s.date DESC NULLS LAST, s.article_id, s.cue_start LIMIT ?""",
        [key, limit],
    )
    profile["statements"] = _rows(cur)
    cur.execute(
        """
        SELECT p.key, p.name, p.country, count(*) FILTER (WHERE e.source_key = $key) AS n_to,
               count(*) FILTER (WHERE e.target_key = $key) AS n_from,
               count(*) FILTER (WHERE e.quad_class >= 3) AS n_conflict, count(*) AS n
        FROM ev e JOIN actor_index p ON p.key = CASE WHEN e.source_key = $key THEN e.target_key ELSE e.source_key END
        WHERE (e.source_key = $key OR e.target_key = $key) AND p.key <> $key
        GROUP BY ALL ORDER BY n DESC, p.name LIMIT 30
        """,
        {"key": key},
    )
    profile["partners"] = _rows(cur)
    return profile


def date_range(cur: duckdb.DuckDBPyConnection, where: str, params: list[Any]) -> tuple[date, date] | None:
    """The dates a timeline should span: Tukey's outer fences, the middle half of the events' dates
    widened on each side by three times its length (at least a month). A few events far outside (a
    2004 date among 2024 news, a misread year) are then listed apart instead of squashing the chart
    against one edge; robust down to a handful of events."""
    row = cur.execute(
        f"SELECT quantile_disc(e.date, 0.25), quantile_disc(e.date, 0.75), min(e.date), max(e.date) "
        f"FROM ev e WHERE {where} AND e.date IS NOT NULL",
        params,
    ).fetchone()
    if row[0] is None:
        return None
    q1, q3, lo, hi = row
    pad = max(timedelta(days=31), 3 * (q3 - q1))
    low, high = q1 - pad, q3 + pad
    if lo >= low and hi <= high:
        return lo, hi
    return cur.execute(  # the first and last date inside the fences
        f"SELECT min(e.date), max(e.date) FROM ev e WHERE {where} AND e.date BETWEEN ? AND ?", [*params, low, high]
    ).fetchone()


def timeline(cur: duckdb.DuckDBPyConnection, f: EventFilters, *, robust: bool = True) -> dict[str, Any]:
    """Events per day (per week or month over long spans) and QuadClass, over the robust
    :func:`date_range` (``robust=False``: every date); the dates left out are listed as outliers."""
    where, params = f.where()
    bounds = date_range(cur, where, params)
    if bounds is None:
        return {"bucket": "day", "buckets": [], "total": 0, "outliers": [], "n_outliers": 0}
    lo, hi = bounds
    outliers: list[dict[str, Any]] = []
    if robust:
        cur.execute(
            f"SELECT e.date, count(*) AS n FROM ev e WHERE {where} AND (e.date < ? OR e.date > ?) "
            "GROUP BY 1 ORDER BY 1",
            [*params, lo, hi],
        )
        outliers = [{"date": d.isoformat(), "n": n} for d, n in cur.fetchall()]
        where, params = f"{where} AND e.date BETWEEN ? AND ?", [*params, lo, hi]
    else:
        lo, hi = cur.execute(f"SELECT min(e.date), max(e.date) FROM ev e WHERE {where}", params).fetchone()
    span = (hi - lo).days
    bucket = "day" if span <= 120 else "week" if span <= 1100 else "month"
    cur.execute(
        f"SELECT date_trunc('{bucket}', e.date)::DATE AS d, e.quad_class, count(*) FROM ev e "
        f"WHERE {where} AND e.date IS NOT NULL GROUP BY 1, 2 ORDER BY 1",
        params,
    )
    counts: dict[date, dict[int, int]] = {}
    for d, quad, n in cur.fetchall():
        if quad in (1, 2, 3, 4):
            counts.setdefault(d, {1: 0, 2: 0, 3: 0, 4: 0})[quad] = n
    out = []
    d = lo if bucket == "day" else min(counts)
    while d <= hi:
        by_quad = counts.get(d, {1: 0, 2: 0, 3: 0, 4: 0})
        out.append({"date": d.isoformat(), "counts": {str(k): v for k, v in by_quad.items()}})
        if bucket == "day":
            d += timedelta(days=1)
        elif bucket == "week":
            d += timedelta(days=7)
        else:
            d = date(d.year + d.month // 12, d.month % 12 + 1, 1)
    return {
        "bucket": bucket, "buckets": out, "total": sum(sum(c.values()) for c in counts.values()),
        "from": lo.isoformat(), "to": hi.isoformat(), "outliers": outliers[:50],
        "n_outliers": sum(o["n"] for o in outliers),
    }  # fmt: skip


def network(
    cur: duckdb.DuckDBPyConnection, f: EventFilters, *, max_nodes: int = 30, resolved_only: bool = True
) -> dict[str, Any]:
    """Source -> target edges between actor keys, weighted by event count, split coop/conflict.

    ``resolved_only`` keeps actors that the knowledge files or the rules resolved: not the bare
    mentions kept as ``kind = 'unresolved'`` ("them", "a system"), which would crowd the graph."""
    where, params = f.where()
    resolved = ""
    if resolved_only:
        resolved = (
            "AND e.source_key NOT IN (SELECT key FROM actor_index WHERE kind = 'unresolved') "
            "AND e.target_key NOT IN (SELECT key FROM actor_index WHERE kind = 'unresolved')"
        )
    cur.execute(
        f"""
        SELECT e.source_key AS source, e.target_key AS target, count(*) AS n,
               count(*) FILTER (WHERE e.quad_class <= 2) AS n_coop,
               count(*) FILTER (WHERE e.quad_class >= 3) AS n_conflict
        FROM ev e
        WHERE {where} AND e.source_key IS NOT NULL AND e.target_key IS NOT NULL AND e.source_key <> e.target_key
              {resolved}
        GROUP BY 1, 2 ORDER BY n DESC, 1, 2
        LIMIT 2000
        """,
        params,
    )
    edges = _rows(cur)
    weight: dict[str, int] = {}
    for e in edges:
        weight[e["source"]] = weight.get(e["source"], 0) + e["n"]
        weight[e["target"]] = weight.get(e["target"], 0) + e["n"]
    keep = sorted(weight, key=lambda k: (-weight[k], k))[:max_nodes]
    kept = set(keep)
    edges = [e for e in edges if e["source"] in kept and e["target"] in kept]
    names: dict[str, dict[str, Any]] = {}
    if keep:
        cur.execute("SELECT key, name, country FROM actor_index WHERE key IN (SELECT unnest(?::VARCHAR[]))", [keep])
        names = {r["key"]: r for r in _rows(cur)}
    nodes = [
        {
            "key": k,
            "name": names.get(k, {}).get("name") or k,
            "country": names.get(k, {}).get("country"),
            "n": weight[k],
        }
        for k in keep
    ]
    return {"nodes": nodes, "edges": edges, "resolved_only": resolved_only}


def stance(cur: duckdb.DuckDBPyConnection, target: str, *, duplicates: bool = False) -> list[dict[str, Any]]:
    """Who supports, requests, rejects, accuses or threatens over ``target`` (an actor or a proposal,
    matched in the target's name or mention and in the evidence), grouped by source actor and type."""
    like = _like(target)
    dup = "" if duplicates else "AND e.duplicate_of IS NULL"
    cur.execute(
        f"""
        SELECT coalesce(e.source_key, '') AS source_key,
               coalesce({most_common("e.source_name")}, '(unknown source)') AS source_name,
               {most_common("e.source_country")} AS source_country, e.event_type,
               count(*) AS n, count(*) FILTER (WHERE e.modality = 'negated') AS n_negated,
               count(DISTINCT e.article_id) AS n_articles, min(e.date) AS first, max(e.date) AS last,
               list(e.id ORDER BY e.ord)[1:5] AS examples
        FROM ev e
        WHERE e.event_type IN ({",".join("?" * len(STANCE_TYPES))}) {dup}
          AND (e.target_name ILIKE ? ESCAPE '\\' OR e.target_text ILIKE ? ESCAPE '\\'
               OR e.evidence_text ILIKE ? ESCAPE '\\')
        GROUP BY 1, 4 ORDER BY 2, 4, 1
        """,
        [*STANCE_TYPES, like, like, like],
    )
    return _rows(cur)


def stance_statements(cur: duckdb.DuckDBPyConnection, target: str, *, duplicates: bool = False) -> list[dict]:
    """Who said something about ``target`` (in the reported words) without a coded event saying how:
    positions voiced in statements, grouped by speaker."""
    like = _like(target)
    dup = "" if duplicates else "AND s.duplicate_of IS NULL"
    cur.execute(
        f"""
        SELECT coalesce(s.speaker_key, '') AS source_key,
               coalesce({most_common("s.speaker_name")}, {most_common("s.speaker_text")}, '(unknown speaker)') AS source_name,
               {most_common("s.speaker_country")} AS source_country, count(*) AS n,
               count(DISTINCT s.article_id) AS n_articles, min(s.date) AS first, max(s.date) AS last,
               list(s.id ORDER BY s.ord)[1:5] AS examples
        FROM st s
        WHERE s.content_text ILIKE ? ESCAPE '\\' {dup}
        GROUP BY 1 ORDER BY 2, 1
        """,
        [like],
    )
    return _rows(cur)


def statement_example(cur: duckdb.DuckDBPyConnection, ids: list[str]) -> dict[str, dict[str, Any]]:
    """A few statements by global id (for stance examples)."""
    if not ids:
        return {}
    cur.execute("SELECT * EXCLUDE (ord) FROM st s WHERE s.id IN (SELECT unnest(?::VARCHAR[]))", [ids])
    return {r["id"]: r for r in _rows(cur)}


def event_example(cur: duckdb.DuckDBPyConnection, ids: list[str]) -> dict[str, dict[str, Any]]:
    """A few events by global id (for stance examples)."""
    if not ids:
        return {}
    cur.execute("SELECT * EXCLUDE (ord) FROM ev e WHERE e.id IN (SELECT unnest(?::VARCHAR[]))", [ids])
    return {r["id"]: r for r in _rows(cur)}


def overview(cur: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Row counts for the page header: articles coded and skipped (a skip is an input, not an
    article), events, statements and actors."""
    out = {t: cur.execute(f"SELECT count(*) FROM store.{t}").fetchone()[0] for t in TABLES}
    by_status = dict(cur.execute("SELECT status, count(*) FROM store.articles GROUP BY 1").fetchall())
    out["coded"] = by_status.get("coded", 0)
    out["skipped"] = out["articles"] - out["coded"]
    return out
