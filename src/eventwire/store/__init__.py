"""DuckDB storage: tables ``articles``, ``events``, ``statements``, ``actors``.

Each article's rows are written in one transaction after its old rows are
deleted, so a re-run never duplicates and a killed run never leaves half an
article (DuckDB replays its WAL on open). Row ids are global:
``<article id>:<local id>`` (e.g. ``3f2a...:e1``); ``local_id`` keeps the id
used inside the article's JSON record. The full record also stays as JSON in
``articles.record`` so exports rebuild exactly what ``eventwire code`` wrote.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from eventwire.errors import InputError, OutputError
from eventwire.schema import ActorRef, Result, from_dict

DDL = """
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY, status VARCHAR, reason VARCHAR, title VARCHAR, published DATE,
    publisher VARCHAR, credit VARCHAR, byline VARCHAR, dateline VARCHAR, url VARCHAR, origin VARCHAR,
    duplicate_of VARCHAR, n_events INTEGER, n_statements INTEGER, n_actors INTEGER,
    schema_version VARCHAR, coded_at TIMESTAMP, text VARCHAR, record JSON, warnings VARCHAR[]
);
CREATE TABLE IF NOT EXISTS events (
    id VARCHAR PRIMARY KEY, article_id VARCHAR, local_id VARCHAR, event_type VARCHAR, mode VARCHAR,
    cameo VARCHAR, quad_class INTEGER, goldstein DOUBLE, plover_score DOUBLE,
    source_id VARCHAR, source_text VARCHAR, source_name VARCHAR, source_country VARCHAR, source_sector VARCHAR,
    target_id VARCHAR, target_text VARCHAR, target_name VARCHAR, target_country VARCHAR, target_sector VARCHAR,
    date DATE, date_precision VARCHAR, date_text VARCHAR,
    location_name VARCHAR, location_country VARCHAR, lat DOUBLE, lon DOUBLE, geonames_id BIGINT,
    modality VARCHAR, statement_id VARCHAR, evidence_start INTEGER, evidence_end INTEGER, evidence_text VARCHAR,
    trigger_start INTEGER, trigger_end INTEGER, trigger_text VARCHAR, confidence DOUBLE, rule VARCHAR,
    duplicate_of VARCHAR
);
CREATE TABLE IF NOT EXISTS statements (
    id VARCHAR PRIMARY KEY, article_id VARCHAR, local_id VARCHAR,
    speaker_id VARCHAR, speaker_text VARCHAR, speaker_name VARCHAR, speaker_country VARCHAR,
    speaker_sector VARCHAR, speaker_start INTEGER, speaker_end INTEGER,
    cue_start INTEGER, cue_end INTEGER, cue_text VARCHAR,
    content_start INTEGER, content_end INTEGER, content_text VARCHAR,
    direct BOOLEAN, venue VARCHAR, addressee VARCHAR, date DATE, date_precision VARCHAR, date_text VARCHAR,
    reported_by VARCHAR, kind VARCHAR
);
CREATE TABLE IF NOT EXISTS actors (
    id VARCHAR PRIMARY KEY, article_id VARCHAR, local_id VARCHAR, name VARCHAR, country VARCHAR,
    sector VARCHAR, secondary_sectors VARCHAR[], cameo VARCHAR, kind VARCHAR, role VARCHAR,
    accredited_to VARCHAR, entry VARCHAR, n_mentions INTEGER, mentions JSON
);
"""
# Columns added after schema 1.0: a database written before them gets them appended (rows fill them last).
MIGRATIONS = """
ALTER TABLE articles ADD COLUMN IF NOT EXISTS warnings VARCHAR[];
ALTER TABLE statements ADD COLUMN IF NOT EXISTS kind VARCHAR;
"""
TABLES = ("articles", "events", "statements", "actors")


def _ref(prefix: str, ref: ActorRef | None, article_id: str) -> list:
    if ref is None:
        return [None] * (7 if prefix == "speaker" else 5)
    base = [f"{article_id}:{ref.id}", ref.text, ref.name, ref.country, ref.sector]
    return base + [ref.start, ref.end] if prefix == "speaker" else base


def result_rows(result: Result) -> dict[str, list[list]]:
    """The rows of one result for each table (pure: used by the store and by parquet parts)."""
    art = result.article
    aid = art.id
    g = lambda local: f"{aid}:{local}" if local else None  # noqa: E731
    record = json.dumps(result.to_dict(), ensure_ascii=False)
    rows: dict[str, list[list]] = {t: [] for t in TABLES}
    rows["articles"].append([
        aid, result.status, result.reason, art.title, art.published, art.publisher, art.credit, art.byline,
        art.dateline, art.url, art.origin, art.duplicate_of, len(result.events), len(result.statements),
        len(result.actors), result.schema_version, datetime.now(UTC).replace(tzinfo=None), art.text, record,
        list(art.warnings),
    ])  # fmt: skip
    for ev in result.events:
        loc = ev.location
        rows["events"].append([
            g(ev.id), aid, ev.id, ev.event_type, ev.mode, ev.cameo, ev.quad_class, ev.goldstein, ev.plover_score,
            *_ref("source", ev.source, aid), *_ref("target", ev.target, aid),
            ev.date, ev.date_precision, ev.date_text,
            loc.name if loc else None, loc.country if loc else None, loc.lat if loc else None,
            loc.lon if loc else None, loc.geonames_id if loc else None,
            ev.modality, g(ev.statement_id), ev.evidence.start, ev.evidence.end, ev.evidence.text,
            ev.trigger.start, ev.trigger.end, ev.trigger.text, ev.confidence, ev.rule, art.duplicate_of,
        ])  # fmt: skip
    for st in result.statements:
        rows["statements"].append([
            g(st.id), aid, st.id, *_ref("speaker", st.speaker, aid),
            st.cue.start, st.cue.end, st.cue.text, st.content.start, st.content.end, st.content.text,
            st.direct, st.venue, st.addressee, st.date, st.date_precision, st.date_text, g(st.reported_by),
            st.kind,
        ])  # fmt: skip
    for ac in result.actors:
        mentions = [m.__dict__ for m in ac.mentions]
        rows["actors"].append([
            g(ac.id), aid, ac.id, ac.name, ac.country, ac.sector, list(ac.secondary_sectors), ac.cameo, ac.kind,
            ac.role, ac.accredited_to, ac.entry, len(ac.mentions), json.dumps(mentions, ensure_ascii=False),
        ])  # fmt: skip
    return rows


class Store:
    """One DuckDB file. Only one process may open it (DuckDB's lock)."""

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = str(path)
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as err:  # missing folder, not a DuckDB file, locked by another process
            raise InputError(f"{self.path}: cannot open the database: {str(err).splitlines()[0]}") from None
        if not read_only:
            self.con.execute(DDL)
            self.con.execute(MIGRATIONS)
            self._columns = {t: [r[0] for r in self.con.execute(f"DESCRIBE {t}").fetchall()] for t in TABLES}

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def done_ids(self) -> set[str]:
        """Ids of articles already stored (coded or skipped): a resumed run leaves them alone."""
        return {r[0] for r in self.con.execute("SELECT id FROM articles").fetchall()}

    def write(self, result: Result) -> None:
        """Replace the article's rows with this result, in one transaction."""
        self.write_many([result])

    def write_many(self, results: Iterable[Result]) -> None:
        """Replace the rows of these articles, all in one transaction.

        A batch is all or nothing, so a killed run never leaves part of an
        article; resuming recodes the articles of the lost batch.
        """
        batch = list(results)
        if not batch:
            return
        merged: dict[str, list[list]] = {t: [] for t in TABLES}
        for result in batch:
            for table, rows in result_rows(result).items():
                merged[table] += rows
        self.write_rows([r.article.id for r in batch], merged)

    def write_rows(self, article_ids: list[str], rows: dict[str, list[list]]) -> None:
        """Delete the articles' old rows and insert ``rows`` (see ``result_rows``) in one transaction."""
        con = self.con
        con.begin()
        try:
            for table in TABLES:
                key = "id" if table == "articles" else "article_id"
                con.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT unnest(?))", [article_ids])
                if rows[table]:
                    # through Arrow: parameterised INSERTs cost milliseconds per row in DuckDB
                    cols = self._columns[table]
                    arrow = pa.Table.from_pylist([dict(zip(cols, row, strict=True)) for row in rows[table]])
                    con.register("_eventwire_rows", arrow)
                    try:
                        con.execute(f"INSERT INTO {table} SELECT {', '.join(cols)} FROM _eventwire_rows")
                    finally:
                        con.unregister("_eventwire_rows")
            con.commit()
        except BaseException as err:
            try:
                con.rollback()
            except duckdb.Error:
                pass  # the transaction is already gone (a full disk aborts it): keep the real error
            if isinstance(err, duckdb.Error) and "no space left" in str(err).lower():
                raise OutputError(f"{self.path}: cannot write the database: no space left on device") from None
            raise

    def record(self, article_id: str) -> str | None:
        """The stored JSON record of one article, exactly as ``eventwire code`` wrote it."""
        row = self.con.execute("SELECT record FROM articles WHERE id = ?", [article_id]).fetchone()
        return None if row is None else row[0]

    def results(self, *, status: str | None = None) -> Iterator[Result]:
        """Stored records, rebuilt exactly as ``eventwire code`` wrote them, in id order."""
        sql = "SELECT record FROM articles" + (" WHERE status = ?" if status else "") + " ORDER BY id"
        cur = self.con.execute(sql, [status] if status else [])
        while batch := cur.fetchmany(500):
            for (record,) in batch:
                yield from_dict(Result, json.loads(record))

    def snapshot(self) -> dict:
        """What a resumed run must reproduce, plus what must never happen (repeated ids, orphan events)."""
        one = lambda sql: self.con.execute(sql).fetchall()  # noqa: E731
        return {
            "articles": sorted(one("SELECT id, status, duplicate_of, n_events FROM articles")),
            "events": sorted(r[0] for r in one("SELECT id FROM events")),
            "statements": one("SELECT count(*) FROM statements")[0][0],
            "repeated": one(
                "SELECT count(*) FROM (SELECT id FROM articles GROUP BY id HAVING count(*) > 1 UNION ALL "
                "SELECT id FROM events GROUP BY id HAVING count(*) > 1)"
            )[0][0],
            "orphans": one("SELECT count(*) FROM events WHERE article_id NOT IN (SELECT id FROM articles)")[0][0],
        }

    def counts(self) -> dict[str, int]:
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
