"""The explorer: ``eventwire serve --db FILE`` serves a store read-only, as web pages and a JSON API.

Pages: ``/`` events (filters, facets with counts, sort, page size, permalink), ``/articles/{id}`` the
text with every event's evidence highlighted (``#ev-e1`` focuses one), ``/statements``, ``/actors``
and ``/actors/{key}``, ``/timeline``, ``/network``, ``/stance?target=``, ``/docs`` (the API, for
people). API (described at ``/openapi.json``): ``POST /api/code``, ``GET /api/events`` and its
streamed downloads ``/api/events.csv`` and ``/api/events.jsonl``, ``/api/articles/{id}``,
``/api/articles.jsonl``, ``/api/statements`` and ``/api/actors`` (each with its ``.csv`` and ``.jsonl``
download), ``/api/actors/{key}``, ``/api/stance``,
``/api/timeline``, ``/api/network``; in review mode (``--review FILE``) ``POST /api/review``,
``/api/review/gold.jsonl`` and ``/api/review/articles.jsonl``. Every JSON error is ``{"ok": false,
"error": message, "status": code}``.

The store is attached read-only and indexed in memory at startup (a copy of the events table joined
with article titles and actor keys), so memory grows with the number of events. It binds 127.0.0.1
unless told otherwise: the API can run the NLP pipeline, which nobody should reach from outside by
accident.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from eventwire.serve.coding import CodeLimits
from eventwire.serve.protocol import DEFAULT_HEADER_TIMEOUT, HeaderTimeoutProtocol

DB_ENV = "EVENTWIRE_SERVE_DB"
HOSTS_ENV = "EVENTWIRE_SERVE_HOSTS"
OPTIONS_ENV = "EVENTWIRE_SERVE_OPTIONS"  # how worker processes get the limits
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")


def serve(
    db: str | Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int | None = None,
    review: str | Path | None = None,
    code_limits: CodeLimits | None = None,
    header_timeout: float = DEFAULT_HEADER_TIMEOUT,
    limit_concurrency: int = 200,
    graceful_timeout: float = 5.0,
    pipeline_factory: Callable[[], Any] | None = None,
) -> None:
    """Serve ``db`` until interrupted, in ``workers`` processes (default: up to 2, one per CPU).

    Several processes may attach the same file read-only (none may write it meanwhile); each
    listens on a socket of its own where the kernel allows (:mod:`eventwire.serve.workers`), builds
    its own index and, on the first ``POST /api/code``, starts its own coding processes
    (``code_limits``: :mod:`eventwire.serve.coding`). ``review`` names a corrections file: review
    mode, in one process (the file has one writer). Abuse limits: a connection must send its request
    headers within ``header_timeout`` seconds; above ``limit_concurrency`` connections or requests,
    uvicorn answers 503; on SIGTERM, requests still running after ``graceful_timeout`` seconds are
    cancelled (and the coding processes stopped). ``pipeline_factory`` replaces the spaCy pipeline
    (one worker only; for tests).
    """
    import uvicorn

    from eventwire.memory import settle
    from eventwire.serve import workers as worker_processes
    from eventwire.serve.app import create_app
    from eventwire.serve.state import check_store

    workers = 1 if review is not None or pipeline_factory is not None else workers or min(2, os.cpu_count() or 1)
    hosts = ("127.0.0.1", "localhost", "[::1]") if host in LOOPBACK else None
    limits = code_limits or CodeLimits()
    HeaderTimeoutProtocol.header_timeout = header_timeout
    options = dict(
        host=host, port=port, log_level="info", http=HeaderTimeoutProtocol, limit_concurrency=limit_concurrency,
        timeout_graceful_shutdown=graceful_timeout,
    )  # fmt: skip
    if workers == 1:
        app = create_app(  # fails here, once, clearly, if the file cannot be served
            str(db), allowed_hosts=hosts, review_path=review, code_limits=limits, pipeline_factory=pipeline_factory
        )
        settle()
        uvicorn.run(app, **options)
        return
    check_store(db).close()  # the same check, without building an index that the supervisor would keep
    os.environ[DB_ENV] = str(Path(db).resolve())
    os.environ[HOSTS_ENV] = ",".join(hosts or ())
    os.environ[OPTIONS_ENV] = json.dumps({"code_limits": asdict(limits), "header_timeout": header_timeout})
    if worker_processes.supported():  # a socket per worker: connections spread over them
        worker_processes.run(options, workers)
    else:
        uvicorn.run(worker_processes.APP, factory=True, workers=workers, **options)


__all__ = ["DB_ENV", "HOSTS_ENV", "OPTIONS_ENV", "serve"]
