"""The explorer: ``eventwire serve --db FILE`` serves a store read-only, as web pages and a JSON API.

Pages: ``/`` events with filters, ``/articles/{id}`` the text with every event's evidence highlighted
(``#ev-e1`` focuses one), ``/actors`` and ``/actors/{key}``, ``/timeline``, ``/network``,
``/stance?target=``, ``/statements``, ``/docs``. API (described at ``/openapi.json`` and ``/docs``): ``POST /api/code``, ``GET /api/events``,
``/api/articles/{id}``, ``/api/actors``, ``/api/actors/{key}``, ``/api/stance``, ``/api/timeline``,
``/api/network``. Every JSON error is ``{"ok": false, "error": message, "status": code}``.

The store is attached read-only and indexed in memory at startup (a copy of the events table joined
with article titles and actor keys), so memory grows with the number of events. It binds 127.0.0.1
unless told otherwise: the API can run the NLP pipeline, which nobody should reach from outside by
accident.
"""

from __future__ import annotations

import os
from pathlib import Path

DB_ENV = "EVENTWIRE_SERVE_DB"
HOSTS_ENV = "EVENTWIRE_SERVE_HOSTS"
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")


def serve(
    db: str | Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int | None = None,
    review: str | Path | None = None,
) -> None:
    """Serve ``db`` until interrupted, in ``workers`` processes (default: up to 2, one per CPU).

    Several processes may attach the same file read-only (none may write it meanwhile); each
    builds its own index and, on the first ``POST /api/code``, loads its own model. ``review``
    names a corrections file: review mode, in one process (the file has one writer).
    """
    import uvicorn

    from eventwire.serve.app import create_app

    workers = 1 if review is not None else workers or min(2, os.cpu_count() or 1)
    hosts = ("127.0.0.1", "localhost", "[::1]") if host in LOOPBACK else None
    app = create_app(str(db), allowed_hosts=hosts, review_path=review)  # fails here, once, clearly
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="info")
        return
    del app
    os.environ[DB_ENV] = str(Path(db).resolve())
    os.environ[HOSTS_ENV] = ",".join(hosts or ())
    uvicorn.run(
        "eventwire.serve.app:app_from_env", factory=True, host=host, port=port, workers=workers, log_level="info"
    )


__all__ = ["DB_ENV", "HOSTS_ENV", "serve"]
