"""The explorer: a JSON API (OpenAPI at ``/openapi.json``) and server-rendered pages over one store.

The store is attached once, read-only, to an in-memory database that holds
indexes built at startup (:mod:`eventwire.serve.queries`, and the numpy filter
index of :mod:`eventwire.serve.index`); each request works on a cursor of its
own or of its thread (a DuckDB connection is not shared between threads). Because the store
cannot change while served, much is cached: successful GET responses, what a
filter set selects and its facet counts, each event row serialized and
rendered. Every JSON error has one shape, ``{"ok": false,
"error": message, "status": code}``; pages render the same message as HTML.
Request values only ever reach SQL as bound parameters: static assets and
templates are read from the package at startup.

``create_app`` only assembles: the per-app state (:class:`eventwire.serve.state.Explorer`, at
``app.state.explorer``), the middleware, the error handlers (:mod:`eventwire.serve.errors`) and the
routers (:mod:`eventwire.serve.routes`), which reach the state through FastAPI dependencies.
"""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from eventwire import __version__
from eventwire.memory import settle
from eventwire.serve.coding import CodeLimits
from eventwire.serve.errors import add_error_handlers
from eventwire.serve.middleware import Guard, ResponseCache
from eventwire.serve.routes import ROUTERS
from eventwire.serve.state import Explorer

DEFAULT_MAX_BODY_BYTES = 2_000_000
DEFAULT_CACHE_BYTES = 64_000_000


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    app.state.explorer.coder.close()  # on shutdown (SIGTERM too): stop the coding processes


def create_app(
    db_path: str,
    *,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    pipeline_factory: Callable[[], Any] | None = None,
    cache_bytes: int = DEFAULT_CACHE_BYTES,
    allowed_hosts: Iterable[str] | None = None,
    review_path: str | os.PathLike | None = None,
    code_limits: CodeLimits | None = None,
) -> FastAPI:
    """The explorer app for the store at ``db_path`` (opened read-only, once).

    ``max_body_bytes`` caps request bodies (413 above it). ``pipeline_factory`` returns the object
    that codes ``POST /api/code`` articles (anything with ``code_many(articles)``, importable by
    name: it is called in the coding processes, started on first use, so the spaCy model only loads
    when someone codes text); ``code_limits`` bounds that work (:mod:`eventwire.serve.coding`). ``cache_bytes`` bounds the
    cache of successful GET responses (0 turns it off). ``allowed_hosts``: Host names to answer
    (``serve`` passes the loopback names when bound to loopback); None answers any. ``review_path``
    turns on review mode: buttons on each event append verdicts to that corrections file
    (:mod:`eventwire.serve.review`); without it nothing is writable.
    """
    explorer = Explorer.open(
        db_path, review_path=review_path, pipeline_factory=pipeline_factory, code_limits=code_limits
    )
    app = FastAPI(
        lifespan=_lifespan,
        title="eventwire explorer",
        version=__version__,
        description="Political events coded from news articles, each with its evidence. "
        f"Read-only. Request bodies are capped at {max_body_bytes} bytes (413 above). "
        'Every error is {"ok": false, "error": message, "status": code}.',
        docs_url=None,  # Swagger/ReDoc load assets from a CDN: /docs is our own page (routes/pages.py)
        redoc_url=None,
    )
    app.state.explorer = explorer
    # pages show the verdicts given so far: nothing is cached in review mode
    app.add_middleware(ResponseCache, max_bytes=0 if explorer.review else cache_bytes)
    hosts = frozenset(h.lower() for h in allowed_hosts) if allowed_hosts is not None else None
    app.add_middleware(Guard, max_body_bytes=max_body_bytes, allowed_hosts=hosts)  # added last: runs first
    add_error_handlers(app)
    for router in ROUTERS:
        app.include_router(router)
    return app


def app_from_env() -> FastAPI:
    """The app for the store named by ``EVENTWIRE_SERVE_DB`` (how ``serve`` starts worker processes)."""
    from eventwire.serve import DB_ENV, HOSTS_ENV, OPTIONS_ENV
    from eventwire.serve.protocol import HeaderTimeoutProtocol

    hosts = os.environ.get(HOSTS_ENV)
    options = json.loads(os.environ.get(OPTIONS_ENV) or "{}")
    if "header_timeout" in options:
        HeaderTimeoutProtocol.header_timeout = options["header_timeout"]
    limits = CodeLimits(**options["code_limits"]) if "code_limits" in options else None
    app = create_app(os.environ[DB_ENV], allowed_hosts=hosts.split(",") if hosts else None, code_limits=limits)
    settle()
    return app


__all__ = ["DEFAULT_CACHE_BYTES", "DEFAULT_MAX_BODY_BYTES", "create_app"]
