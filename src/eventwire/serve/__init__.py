"""The explorer: ``eventwire serve --db FILE`` serves a store read-only, as web pages and a JSON API.

Pages: ``/`` events with filters, ``/articles/{id}`` the text with every event's evidence highlighted
(``#ev-e1`` focuses one), ``/actors`` and ``/actors/{key}``, ``/timeline``, ``/network``,
``/stance?target=``. API (described at ``/openapi.json``): ``POST /api/code``, ``GET /api/events``,
``/api/articles/{id}``, ``/api/actors``, ``/api/actors/{key}``, ``/api/stance``, ``/api/timeline``,
``/api/network``. Every JSON error is ``{"ok": false, "error": message, "status": code}``.

The store is attached read-only and indexed in memory at startup (a copy of the events table joined
with article titles and actor keys), so memory grows with the number of events. It binds 127.0.0.1
unless told otherwise: the API can run the NLP pipeline, which nobody should reach from outside by
accident.
"""

from __future__ import annotations

from pathlib import Path


def serve(db: str | Path, *, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve ``db`` until interrupted. One process only: DuckDB lets a single process open the file."""
    import uvicorn

    from eventwire.serve.app import create_app

    app = create_app(str(db))
    uvicorn.run(app, host=host, port=port, log_level="info", workers=1)


__all__ = ["serve"]
