"""The streamed downloads: every event, statement or actor of a view as CSV or JSON Lines, and coded
articles in the articles shape that ``eventwire eval --articles`` reads (never cached: see
:mod:`eventwire.serve.middleware`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response, StreamingResponse

from eventwire.serve import downloads, listings
from eventwire.serve.models import ERRORS
from eventwire.serve.params import ActorParams, Filters, StatementParams
from eventwire.serve.state import Explorer, ExplorerDep

CSV = "text/csv; charset=utf-8"
JSONL = "application/x-ndjson; charset=utf-8"

router = APIRouter(tags=["api"])


def download(chunks: Iterable[bytes], media_type: str, name: str) -> StreamingResponse:
    """``chunks`` streamed as the attachment ``name``."""
    headers = {"content-disposition": f'attachment; filename="{name}"'}
    return StreamingResponse(chunks, media_type=media_type, headers=headers)


def listing_download(
    explorer: Explorer, listing: listings.Listing, params: dict[str, str], limit: int | None, offset: int, name: str
) -> StreamingResponse:
    """A statements or actors view as ``name``: CSV if it ends in ``.csv``, else JSON Lines."""
    batches = downloads.listing_batches(explorer.con, listing, params, limit=limit, offset=offset)
    if name.endswith(".csv"):
        return download(downloads.as_csv(batches), CSV, name)
    return download(downloads.as_jsonl(batches), JSONL, name)


@router.get("/api/events.csv", response_class=Response, responses=ERRORS)
def api_events_csv(
    f: Filters,
    explorer: ExplorerDep,
    limit: int | None = Query(None, ge=1, description="at most this many events (default: all)"),
    offset: int = Query(0, ge=0, le=10_000_000),
) -> StreamingResponse:
    """Every event of a view (same parameters as ``/api/events``) as CSV, streamed: one header line,
    the columns of ``/api/events``."""
    body = downloads.as_csv(downloads.event_batches(explorer.con, f, limit=limit, offset=offset))
    return download(body, CSV, "events.csv")


@router.get("/api/events.jsonl", response_class=Response, responses=ERRORS)
def api_events_jsonl(
    f: Filters,
    explorer: ExplorerDep,
    limit: int | None = Query(None, ge=1, description="at most this many events (default: all)"),
    offset: int = Query(0, ge=0, le=10_000_000),
) -> StreamingResponse:
    """Every event of a view (same parameters as ``/api/events``) as JSON Lines, streamed."""
    body = downloads.as_jsonl(downloads.event_batches(explorer.con, f, limit=limit, offset=offset))
    return download(body, JSONL, "events.jsonl")


@router.get("/api/statements.csv", response_class=Response, responses=ERRORS)
def api_statements_csv(
    params: StatementParams,
    explorer: ExplorerDep,
    limit: int | None = Query(None, ge=1, description="at most this many statements (default: all)"),
    offset: int = Query(0, ge=0, le=10_000_000),
) -> StreamingResponse:
    """Every statement of a view (same parameters as ``/api/statements``) as CSV, streamed: one header
    line, the columns of ``/api/statements``."""
    return listing_download(explorer, listings.STATEMENTS, params, limit, offset, "statements.csv")


@router.get("/api/statements.jsonl", response_class=Response, responses=ERRORS)
def api_statements_jsonl(
    params: StatementParams,
    explorer: ExplorerDep,
    limit: int | None = Query(None, ge=1, description="at most this many statements (default: all)"),
    offset: int = Query(0, ge=0, le=10_000_000),
) -> StreamingResponse:
    """Every statement of a view (same parameters as ``/api/statements``) as JSON Lines, streamed."""
    return listing_download(explorer, listings.STATEMENTS, params, limit, offset, "statements.jsonl")


@router.get("/api/actors.csv", response_class=Response, responses=ERRORS)
def api_actors_csv(
    params: ActorParams,
    explorer: ExplorerDep,
    limit: int | None = Query(None, ge=1, description="at most this many actors (default: all)"),
    offset: int = Query(0, ge=0, le=10_000_000),
) -> StreamingResponse:
    """Every actor of a view (same parameters as ``/api/actors``) as CSV, streamed: one header line, the
    columns of ``/api/actors``."""
    return listing_download(explorer, listings.ACTORS, params, limit, offset, "actors.csv")


@router.get("/api/actors.jsonl", response_class=Response, responses=ERRORS)
def api_actors_jsonl(
    params: ActorParams,
    explorer: ExplorerDep,
    limit: int | None = Query(None, ge=1, description="at most this many actors (default: all)"),
    offset: int = Query(0, ge=0, le=10_000_000),
) -> StreamingResponse:
    """Every actor of a view (same parameters as ``/api/actors``) as JSON Lines, streamed."""
    return listing_download(explorer, listings.ACTORS, params, limit, offset, "actors.jsonl")


@router.get("/api/articles.jsonl", response_class=Response, responses=ERRORS)
def api_articles_jsonl(
    f: Filters,
    explorer: ExplorerDep,
    id: Annotated[list[str] | None, Query(description="article ids (repeat the parameter)")] = None,
) -> StreamingResponse:
    """Coded articles as ``{"id", "title", "text", "published", "publisher"}`` lines, the articles file
    that ``eventwire eval GOLD --articles`` reads: those named by ``id``, else those with an event that
    the filters select, else (no parameter) every coded article."""
    body = downloads.articles_jsonl(explorer.con, id, None if id or not f.query_params() else f)
    return download(body, JSONL, "articles.jsonl")


__all__ = ["CSV", "JSONL", "download", "router"]
