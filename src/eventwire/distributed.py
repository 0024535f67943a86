"""Parallel and distributed coding: many processes, one stream of results.

``code_parallel`` cuts the (lazy) input into partitions of ``batch_size``
articles and hands them to worker processes that each built one
:class:`~eventwire.pipeline.Pipeline` when they started, so the model and the
knowledge are loaded once per worker, never per article. Two engines:

- ``local``: a stdlib ``ProcessPoolExecutor``. On Linux its workers fork from
  a ``forkserver`` that loaded the pipeline once (they start at once and share
  the model's memory pages); elsewhere they are spawned and the pool's
  initializer builds one pipeline per worker. A worker whose driver was
  killed (``kill -9``) exits by itself.
- ``dask``: ``dask.distributed``; a ``LocalCluster`` (one thread per worker
  process, bound to 127.0.0.1, no dashboard) unless ``scheduler`` names a real
  cluster. A ``WorkerPlugin`` loads the pipeline once per worker, tasks are
  submitted with ``pure=False`` (the same partition twice must run twice), and
  Dask reschedules a partition whose worker died.

Memory stays flat: at most ``2 * workers`` partitions are in flight and the
input is read only as partitions are submitted. Results come back in input
order (each partition's results are yielded once it and every earlier one are
done), so a parallel run writes the same records, and marks the same
duplicates, as a one-process run. Workers return records; only the driver
writes the DuckDB file (one process may open it). Optionally every worker also
writes its partitions' rows as Parquet parts (``parts=DIR``, one folder per
table); those are an at-least-once copy, the database is the reference.
"""

from __future__ import annotations

import base64
import logging
import multiprocessing
import os
import pickle
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from pathlib import Path
from typing import Any

from eventwire.errors import ConfigError
from eventwire.ingest import Skipped
from eventwire.schema import Article, Result
from eventwire.settings import Settings

ENGINES = ("local", "dask")
_PIPELINE: Any = None  # the worker process's Pipeline (local engine)
_PRELOAD_ENV = "EVENTWIRE_PRELOAD_SETTINGS"  # set only while the fork server starts


def code_parallel(
    items: Iterable[Article | Skipped],
    *,
    settings: Settings,
    workers: int,
    engine: str = "local",
    scheduler: str | None = None,
    parts: str | None = None,
    partition_size: int | None = None,
) -> Iterator[Result]:
    """Code ``items`` on ``workers`` processes (or a Dask cluster); yield one Result per item, in input order."""
    if engine not in ENGINES:
        raise ConfigError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")
    if workers < 1:
        raise ConfigError(f"workers must be at least 1, not {workers}")
    size = partition_size or max(1, settings.batch_size)  # small partitions: short tail, early first results
    partitions = _partitions(items, size)
    run_id = uuid.uuid4().hex[:12]
    if parts:
        for table in _tables():
            Path(parts, table).mkdir(parents=True, exist_ok=True)
    if engine == "dask":
        yield from _code_dask(
            partitions, settings=settings, workers=workers, scheduler=scheduler, parts=parts, run_id=run_id
        )
    elif workers == 1:
        from eventwire.pipeline import Pipeline

        pipeline = Pipeline(settings)
        for i, part in enumerate(partitions):
            yield from _code_part(pipeline, part, parts, f"{run_id}-{i:08d}")
    else:
        yield from _code_local(partitions, settings=settings, workers=workers, parts=parts, run_id=run_id)


def _partitions(items: Iterable[Article | Skipped], size: int) -> Iterator[list[Article | Skipped]]:
    it = iter(items)
    while part := list(islice(it, size)):
        yield part


def _in_order(
    partitions: Iterator[list[Article | Skipped]], submit: Callable[[int, list], Future], max_in_flight: int
) -> Iterator[Result]:
    """Keep at most ``max_in_flight`` partitions submitted; yield finished ones in submission order."""
    pending: deque[Future] = deque()
    for i, part in enumerate(partitions):
        pending.append(submit(i, part))
        while len(pending) >= max_in_flight:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


# -- local engine -------------------------------------------------------------------------------------------


def _init_worker(settings: Settings, driver: int) -> None:
    """Pool initializer: take the pipeline the fork server preloaded, else build one; leave with the driver."""
    global _PIPELINE
    threading.Thread(target=_exit_with_driver, args=(driver,), daemon=True).start()
    if _PIPELINE is None or _PIPELINE.settings != settings:
        from eventwire.pipeline import Pipeline

        _PIPELINE = Pipeline(settings, settle=True)


def _exit_with_driver(driver: int, every: float = 0.5) -> None:
    """A killed driver (kill -9) cannot stop its pool: workers notice it is gone and leave."""
    while _alive(driver):
        time.sleep(every)
    os._exit(1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a killed driver stays a zombie until its parent reaps it
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def _pool_context(settings: Settings) -> multiprocessing.context.BaseContext:
    """Forkserver that preloads the pipeline once (workers fork from it, sharing its pages), else spawn."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload([__name__])
    os.environ[_PRELOAD_ENV] = base64.b64encode(pickle.dumps(settings)).decode("ascii")
    try:
        from multiprocessing import forkserver

        forkserver.ensure_running()  # a server started earlier keeps its pipeline; workers check the settings
    finally:
        os.environ.pop(_PRELOAD_ENV, None)
    return ctx


def _preload() -> None:
    """Run when the fork server imports this module: build the pipeline its workers will share."""
    global _PIPELINE
    data = os.environ.get(_PRELOAD_ENV)
    if not data or _PIPELINE is not None:
        return
    try:
        from eventwire.pipeline import Pipeline

        _PIPELINE = Pipeline(pickle.loads(base64.b64decode(data)), settle=True)
    except Exception:  # noqa: BLE001 - the worker initializer builds it again and reports the error
        _PIPELINE = None


def _local_task(part: list[Article | Skipped], parts: str | None, name: str) -> list[Result]:
    return _code_part(_PIPELINE, part, parts, name)


def _code_local(partitions, *, settings: Settings, workers: int, parts: str | None, run_id: str) -> Iterator[Result]:
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=_pool_context(settings),
        initializer=_init_worker,
        initargs=(settings, os.getpid()),
    ) as pool:

        def submit(i: int, part: list) -> Future:
            return pool.submit(_local_task, part, parts, f"{run_id}-{i:08d}")

        yield from _in_order(partitions, submit, max_in_flight=2 * workers)


# -- dask engine --------------------------------------------------------------------------------------------

try:  # a class needs its base at import time; dask is a dependency, but keep the local engine importable
    from distributed import WorkerPlugin as _WorkerPlugin
except ImportError:  # pragma: no cover
    _WorkerPlugin = object  # type: ignore[assignment,misc]


class PipelinePlugin(_WorkerPlugin):
    """Loads one Pipeline per Dask worker when it joins (and on every worker already there).

    The worker's threads share that one pipeline, and a spaCy pipeline is not made to run in several threads
    at once: a lock lets one task code at a time. Our LocalCluster runs one thread per worker; a cluster
    someone else started may run more, and is then safe, just no faster per worker than one thread.
    """

    name = "eventwire-pipeline"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def setup(self, worker) -> None:
        from eventwire.pipeline import Pipeline

        worker.eventwire_lock = threading.Lock()
        worker.eventwire_pipeline = Pipeline(self.settings, settle=True)


def _dask_task(part: list[Article | Skipped], parts: str | None, name: str) -> list[Result]:
    from distributed import get_worker

    worker = get_worker()
    with worker.eventwire_lock:
        return _code_part(worker.eventwire_pipeline, part, parts, name)


def _code_dask(partitions, *, settings: Settings, workers: int, scheduler: str | None, parts, run_id: str):
    from distributed import Client, LocalCluster

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
            dashboard_address=None, silence_logs=logging.ERROR,
        )  # fmt: skip
        client = Client(cluster)
    try:
        client.register_plugin(PipelinePlugin(settings), name=PipelinePlugin.name)
        n = max(1, len(client.scheduler_info().get("workers", {})) or workers)

        def submit(i: int, part: list) -> Future:
            return client.submit(_dask_task, part, parts, f"{run_id}-{i:08d}", pure=False)

        yield from _in_order(partitions, submit, max_in_flight=2 * n)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# -- shared -------------------------------------------------------------------------------------------------


def _code_part(pipeline, part: list[Article | Skipped], parts: str | None, name: str) -> list[Result]:
    results = list(pipeline.code_many(part))
    if parts:
        write_parts(results, parts, name)
    return results


def _tables() -> tuple[str, ...]:
    from eventwire.store import TABLES

    return TABLES


def write_parts(results: list[Result], folder: str, name: str) -> None:
    """Write the rows of ``results`` as ``folder/<table>/part-<name>.parquet`` (same columns as the store)."""
    import duckdb

    from eventwire.store import DDL, TABLES, result_rows

    with duckdb.connect() as con:
        con.execute(DDL)
        for result in results:
            for table, rows in result_rows(result).items():
                if rows:
                    con.executemany(f"INSERT INTO {table} VALUES ({','.join('?' * len(rows[0]))})", rows)
        for table in TABLES:
            final = Path(folder, table, f"part-{name}.parquet")
            tmp = final.with_suffix(".parquet.tmp")
            con.execute(f"COPY {table} TO '{_sql_path(tmp)}' (FORMAT parquet)")
            os.replace(tmp, final)  # readers never see half a part


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


_preload()
