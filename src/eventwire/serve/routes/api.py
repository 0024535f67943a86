"""The JSON API over the store: events (a page at a time), articles, actors, statements, stance,
timeline and network. Every answer is ``{"ok": true, ...}``; errors are :mod:`eventwire.serve.errors`'."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import duckdb
from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse, Response

from eventwire.serve import listings, queries
from eventwire.serve.errors import not_found
from eventwire.serve.middleware import event_json, json_bytes
from eventwire.serve.models import ERRORS, ActorsPage, EventsPage, StanceAnswer
from eventwire.serve.params import PAGE_SIZE, ActorParams, Actors, Filters, Span, StatementParams, Target
from eventwire.serve.queries import MAX_LIMIT
from eventwire.serve.state import Cursor, Explorer, ExplorerDep

router = APIRouter(tags=["api"])


def facets_json(counts: dict[str, dict]) -> dict[str, dict[str, Any]]:
    """Facet counts as the API shows them: per facet, ``values`` as ``{"value", "n"}`` and ``more``."""
    return {
        name: {"values": [{"value": v, "n": n} for v, n in entry["values"]], "more": entry["more"]}
        for name, entry in counts.items()
    }


def listing_json(
    explorer: Explorer, cur: duckdb.DuckDBPyConnection, listing: listings.Listing, params: dict[str, str],
    limit: int, offset: int, with_facets: bool, name: str,
) -> dict[str, Any]:  # fmt: skip
    """A page of a statements or actors view, its rows under ``name``."""
    total, rows = listing.page(cur, params, limit=limit, offset=offset)
    out: dict[str, Any] = {"ok": True, "total": total, "limit": limit, "offset": offset}
    if with_facets:
        out["facets"] = facets_json(explorer.listing_facets(listing, params))
    out[name] = rows
    return out


@router.get("/api/events", response_model=None, responses={200: {"model": EventsPage}, **ERRORS})
async def api_events(  # async: CPU-bound and short, so each runs to the end in turn (no GIL sharing)
    f: Filters,
    explorer: ExplorerDep,
    limit: int = Query(PAGE_SIZE, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=10_000_000),
    facet_counts: bool = Query(
        False, alias="facets", description="true to add the facet counts of the matching events"
    ),
) -> Response:
    """Events matching the filters, in ``sort`` order (newest first by default), a page at a time."""
    cur = explorer.thread_cursor()
    index = explorer.index
    chosen = index.selection(f, cur)
    total, ords = chosen.total, index.order(chosen.mask, f.sort)[offset : offset + limit].tolist()
    nxt = None
    if offset + limit < total:
        nxt = "/api/events?" + urlencode({**f.query_params(), "limit": limit, "offset": offset + limit})
    head_fields = {"ok": True, "total": total, "limit": limit, "offset": offset, "next": nxt}
    if facet_counts:
        head_fields["facets"] = facets_json(index.facet_counts(chosen))
    head = json_bytes(head_fields)[:-1]
    body = head + b',"events":[' + b",".join(explorer.json_rows.get(ords, event_json(cur))) + b"]}"
    return Response(body, media_type="application/json")


@router.get("/api/articles/{article_id:path}", response_model=None, responses=ERRORS)
def api_article(article_id: str, cur: Cursor) -> JSONResponse:
    """The stored record of an article, exactly as ``eventwire code`` wrote it."""
    record = queries.article_record(cur, article_id)
    if record is None:
        raise not_found(f"article with id {article_id!r}")
    return JSONResponse(record)


@router.get("/api/actors", response_model=None, responses={200: {"model": ActorsPage}, **ERRORS})
def api_actors(
    cur: Cursor,
    params: ActorParams,
    explorer: ExplorerDep,
    limit: int = Query(PAGE_SIZE, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=10_000_000),
    facet_counts: bool = Query(False, alias="facets", description="true to add facet counts"),
) -> JSONResponse:
    """Actors across articles (one row per actor key), most involved first unless sorted otherwise."""
    return JSONResponse(listing_json(explorer, cur, listings.ACTORS, params, limit, offset, facet_counts, "actors"))


@router.get("/api/statements", response_model=None, responses=ERRORS)
def api_statements(
    cur: Cursor,
    params: StatementParams,
    explorer: ExplorerDep,
    limit: int = Query(PAGE_SIZE, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=10_000_000),
    facet_counts: bool = Query(False, alias="facets", description="true to add facet counts"),
) -> JSONResponse:
    """Statements (who said what, where and when), newest first unless sorted otherwise."""
    page = listing_json(explorer, cur, listings.STATEMENTS, params, limit, offset, facet_counts, "statements")
    return JSONResponse(page)


@router.get("/api/actors/{key:path}", response_model=None, responses=ERRORS)
def api_actor(key: str, cur: Cursor) -> JSONResponse:
    """One actor (by actor key or per-article actor id): events, statements, partners."""
    profile = queries.actor_profile(cur, key)
    if profile is None:
        raise not_found(f"actor {key!r}")
    return JSONResponse({"ok": True, **profile})


@router.get("/api/stance", response_model=None, responses={200: {"model": StanceAnswer}, **ERRORS})
def api_stance(
    cur: Cursor,
    target: Target,
    duplicates: bool = Query(False),
) -> JSONResponse:
    """Who supports, requests, rejects, accuses or threatens over a target or proposal, by source and type."""
    rows = queries.stance(cur, target, duplicates=duplicates)
    said = queries.stance_statements(cur, target, duplicates=duplicates)
    return JSONResponse({"ok": True, "target": target, "rows": rows, "statements": said})


@router.get("/api/timeline", response_model=None, responses=ERRORS)
def api_timeline(f: Filters, cur: Cursor, span: Span = "robust") -> JSONResponse:
    """Events per day (week or month over long spans) by QuadClass, over the dates where most events
    are (``span=all``: every date); the dates left out are listed in ``outliers``."""
    return JSONResponse({"ok": True, **queries.timeline(cur, f, robust=span == "robust")})


@router.get("/api/network", response_model=None, responses=ERRORS)
def api_network(
    cur: Cursor,
    f: Filters,
    max_nodes: int = Query(30, ge=2, le=100),
    actors: Actors = "resolved",
) -> JSONResponse:
    """Source -> target actor edges weighted by event count, with cooperation/conflict counts."""
    data = queries.network(cur, f, max_nodes=max_nodes, resolved_only=actors == "resolved")
    return JSONResponse({"ok": True, **data})


__all__ = ["facets_json", "listing_json", "router"]
