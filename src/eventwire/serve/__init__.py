"""The explorer: ``eventwire serve --db FILE`` (JSON API and web pages over a store, read-only)."""

from __future__ import annotations

from pathlib import Path


def serve(db: str | Path, *, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve ``db`` until interrupted. One process only: DuckDB lets a single process open the file."""
    import uvicorn

    from eventwire.serve.app import create_app

    app = create_app(str(db))
    uvicorn.run(app, host=host, port=port, log_level="info", workers=1)


__all__ = ["serve"]
