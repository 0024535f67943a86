"""Batch runs: inputs in, JSON Lines and/or DuckDB out, every article accounted for.

Reads lazily, skips what the database already holds (resume), writes each
article in its own transaction, and reports progress. The summary counts
coded and skipped articles (skips by reason code), events and statements.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TextIO

from eventwire import errors
from eventwire.dedupe import Deduper
from eventwire.errors import OutputError
from eventwire.ingest import Skipped, content_id, iter_inputs, skipped
from eventwire.pipeline import Pipeline
from eventwire.schema import Article, Result
from eventwire.settings import Settings
from eventwire.store import Store

# Rows are written every WRITE_BATCH articles or WRITE_SECONDS, whichever comes first, each
# batch in one transaction: batching makes DuckDB writes ~10x cheaper per article.
WRITE_BATCH = 64
WRITE_SECONDS = 2.0


@dataclass
class Summary:
    """What a run did; printed at the end of ``eventwire code``."""

    coded: int = 0
    skipped: int = 0
    already_done: int = 0
    events: int = 0
    statements: int = 0
    seconds: float = 0.0
    skip_reasons: Counter = field(default_factory=Counter)

    def add(self, result: Result) -> None:
        if result.status == "coded":
            self.coded += 1
            self.events += len(result.events)
            self.statements += len(result.statements)
        else:
            self.skipped += 1
            self.skip_reasons[(result.reason or "unknown").split(":", 1)[0]] += 1

    def line(self) -> str:
        text = (
            f"{self.coded} articles coded, {self.skipped} skipped, {self.events} events, "
            f"{self.statements} statements in {self.seconds:.1f} s"
        )
        if self.already_done:
            text += f" ({self.already_done} already in the database)"
        if self.skip_reasons:
            text += "; skipped: " + ", ".join(f"{k} {v}" for k, v in sorted(self.skip_reasons.items()))
        return text


def pending(
    items: Iterable[Article | Skipped],
    done: set[str],
    summary: Summary,
    on_done: Callable[[str], None] | None = None,
) -> Iterator[Article | Skipped]:
    """Give repeated ids an id of their own and drop articles already stored.

    Two inputs with one id (the same text in two files, a given id used twice)
    must not overwrite each other: the later one gets ``<id>~<hash of its
    origin>``, stable across runs so resuming still finds it. An exact copy of a
    text is coded (the deduper links it to the first); a reused given id is
    skipped with reason ``duplicate-id``.
    """
    seen: set[str] = set()
    for item in items:
        art = item.article if isinstance(item, Skipped) else item
        if art.id in seen:
            first = art.id
            art = replace(art, id=f"{first}~{content_id(art.origin or '')[:8]}")
            if isinstance(item, Skipped):
                item = replace(item, article=art)
            elif first == content_id(art.text):
                item = art
            else:
                item = skipped(
                    art, f"{errors.SKIP_DUPLICATE_ID}: id {first!r} was used earlier in this run ({art.origin})"
                )
        seen.add(art.id)
        if art.id in done:
            summary.already_done += 1
            if on_done is not None:
                on_done(art.id)
            continue
        yield item


def run(
    paths: list[str],
    *,
    settings: Settings,
    db: str | None = None,
    out: TextIO | None = None,
    published: str | None = None,
    publisher: str | None = None,
    on_result: Callable[[Result, Summary], None] | None = None,
    pipeline: Pipeline | None = None,
    settle: bool = False,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    parts: str | None = None,
) -> Summary:
    """Code every input; write JSON Lines to ``out`` and rows to ``db``.

    ``out`` gets one line per input article: those a resumed run finds already
    stored are written from the database, so the file is whole either way.
    ``settle``: the pipeline this run loads lives as long as the process (the CLI): see ``Pipeline``.
    """
    start = time.perf_counter()
    summary = Summary()
    store = Store(db) if db else None
    rows = _Rows(store)
    try:
        done = store.done_ids() if store else set()
        deduper = Deduper()  # near-duplicate articles link to the first (syndicated wire copies)
        if store:
            deduper.seed_from(store.con)  # resume: copies of stored originals link to them as in a clean run

        def stored(article_id: str) -> None:
            record = store.record(article_id) if out is not None and store is not None else None
            if record is not None:
                _write(out, record)

        inputs = iter_inputs(paths, published=published, publisher=publisher, max_chars=settings.max_chars)
        items = pending(inputs, done, summary, stored)
        for result in _coded(items, settings, pipeline, settle, workers, engine, scheduler, parts):
            deduper.mark(result)
            rows.add(result)
            if out is not None:
                _write(out, json.dumps(result.to_dict(), ensure_ascii=False))
            summary.add(result)
            if on_result:
                on_result(result, summary)
    except OutputError:
        rows.drop()  # the output cannot take more: do not try the final write again
        raise
    finally:
        rows.close()
        if out is not None and out is not sys.stdout:
            _flush(out)
    summary.seconds = time.perf_counter() - start
    return summary


def _coded(
    items: Iterator[Article | Skipped],
    settings: Settings,
    pipeline: Pipeline | None,
    settle: bool,
    workers: int,
    engine: str,
    scheduler: str | None,
    parts: str | None,
) -> Iterator[Result]:
    """The results of ``items`` in input order: in this process, or on workers (a local pool or Dask) when the
    run asks for more than one or for an engine; the distributed module is imported only then."""
    if engine == "dask" or workers > 1 or parts:
        from eventwire.distributed import code_parallel

        return code_parallel(items, settings=settings, workers=workers, engine=engine, scheduler=scheduler, parts=parts)
    return (pipeline or Pipeline(settings, settle=settle)).code_many(items)


class _Rows:
    """Results waiting for the database: written every WRITE_BATCH results or WRITE_SECONDS, each batch in one
    transaction (batching makes DuckDB writes ~10x cheaper per article), and whatever is left when the run ends,
    so what was coded before an interruption is kept. Without a store, nothing is kept."""

    def __init__(self, store: Store | None) -> None:
        self.store = store
        self.buffer: list[Result] = []
        self.last_flush = time.monotonic()

    def add(self, result: Result) -> None:
        if self.store is None:
            return
        self.buffer.append(result)
        if len(self.buffer) >= WRITE_BATCH or time.monotonic() - self.last_flush > WRITE_SECONDS:
            self.store.write_many(self.buffer)
            self.buffer, self.last_flush = [], time.monotonic()

    def drop(self) -> None:
        """Forget the waiting results (the run stops on an output error and will not write them)."""
        self.buffer = []

    def close(self) -> None:
        """Write what waits and close the store, even when the write fails."""
        if self.store is None:
            return
        try:
            self.store.write_many(self.buffer)
        finally:
            self.store.close()


def _write(out: TextIO, line: str) -> None:
    try:
        out.write(line + "\n")
    except OSError as err:
        raise OutputError(f"{getattr(out, 'name', 'output')}: cannot write: {err.strerror or err}") from None


def _flush(out: TextIO) -> None:
    try:
        out.flush()
    except OSError as err:
        raise OutputError(f"{getattr(out, 'name', 'output')}: cannot write: {err.strerror or err}") from None
