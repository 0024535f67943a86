"""The HTML pages: events (``/``), an article with its evidence highlighted, statements, actors and an
actor, timeline, network, stance, the API described for people (``/docs``), and the static files.
None is in the OpenAPI description."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import duckdb
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from eventwire.serve import apidocs, charts, facets, highlight, listings, queries
from eventwire.serve.errors import not_found
from eventwire.serve.params import (
    FILTER_NAMES,
    PAGE_SIZE,
    ActorParams,
    Actors,
    Filters,
    Span,
    StatementParams,
    check_target,
    whole,
)
from eventwire.serve.queries import MAX_LIMIT, EventFilters
from eventwire.serve.state import Cursor, Explorer, ExplorerDep, explorer_of

router = APIRouter(include_in_schema=False)


def attrs(items: list[dict[str, Any]]) -> list[SimpleNamespace]:
    """Rows for a template as objects: Jinja tries ``getattr`` before ``[]``, and on a dict each failed
    ``getattr`` raises inside it (a table of 50 rows renders in 60% of the time this way)."""
    return [SimpleNamespace(**item) for item in items]


def facet_attrs(entries: list[dict[str, Any]]) -> list[SimpleNamespace]:
    return [SimpleNamespace(**{**e, "choices": attrs(e["choices"])}) for e in entries]


def review_verdicts(explorer: Explorer, rows: list[dict[str, Any]]) -> dict[str, str]:
    """Verdicts already given on these event rows, by global event id (review mode only)."""
    if explorer.review is None:
        return {}
    out = {}
    for r in rows:
        verdict = explorer.review.verdicts(r["article_id"]).get(r["local_id"])
        if verdict:
            out[r["id"]] = verdict
    return out


def render_rows(
    explorer: Explorer, cur: duckdb.DuckDBPyConnection, ords: list[int], *, with_verdicts: bool = False
) -> list[str]:
    """The events table's rows (``_event_row.html``) of these events, in order."""
    rows = explorer.index.table_rows(ords)
    if rows is None:
        by_ord = queries.rows_by_ord(cur, ords)
        rows = [by_ord[o] for o in ords]
    verdicts = review_verdicts(explorer, rows) if with_verdicts else {}
    return [explorer.event_row(SimpleNamespace(**r), verdicts.get(r["id"])) for r in rows]


@router.get("/", response_class=HTMLResponse)
async def index_page(request: Request) -> HTMLResponse:  # async: see api_events
    # the parameters of /api/events, read here without FastAPI's per-parameter machinery (a quarter
    # of this page's time); EventFilters.parse validates them all the same
    explorer = explorer_of(request)
    query = request.query_params
    f = EventFilters.parse(**{name: query.get(name) for name in FILTER_NAMES})
    limit = whole(query, "limit", PAGE_SIZE, 1, MAX_LIMIT)
    offset = whole(query, "offset", 0, 0, 10_000_000)
    cur = explorer.thread_cursor()
    index = explorer.index
    chosen = index.selection(f, cur)
    ords = index.order(chosen.mask, f.sort)[offset : offset + limit].tolist()
    if explorer.review is None:  # rows rendered once and kept; in review mode, verdicts change them
        html = explorer.row_html.get(
            ords, lambda missing: dict(zip(missing, render_rows(explorer, cur, missing), strict=True))
        )
    else:
        html = render_rows(explorer, cur, ords, with_verdicts=True)
    params = f.query_params()
    view_params = {**params, "limit": limit if limit != PAGE_SIZE else None}
    extra = {"limit": view_params["limit"]}
    return explorer.page(
        request, "index.html", f=f, params=params, view_params=view_params, total=chosen.total,
        row_html=html, offset=offset, limit=limit,
        facets=facet_attrs(facets.facet_links(f, index.facet_counts(chosen), path="/", extra=extra)),
        sort_links={k: facets.sort_link(f, k, path="/", extra=extra) for k in queries.SORTS},
    )  # fmt: skip


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str, cur: Cursor, explorer: ExplorerDep) -> HTMLResponse:
    record = queries.article_record(cur, article_id)
    if record is None:
        raise not_found(f"article with id {article_id!r}")
    spans, warnings = highlight.article_spans(record)
    body = highlight.render(record["article"]["text"] or "", spans)
    chains = {st["id"]: highlight.wire_chain(record, st) for st in record.get("statements", [])}
    return explorer.page(
        request, "article.html", record=record, art=record["article"], body=body, warnings=warnings,
        chains=chains, keys=queries.actor_keys(cur, article_id),
        verdicts=explorer.review.verdicts(article_id) if explorer.review else {},
    )  # fmt: skip


def listing_page(
    request: Request, explorer: Explorer, cur: duckdb.DuckDBPyConnection, listing: listings.Listing,
    params: dict[str, str], limit: int, offset: int, template: str,
) -> HTMLResponse:  # fmt: skip
    """A statements or actors page: a page of rows with facets and sort links."""
    path = request.url.path
    total, rows = listing.page(cur, params, limit=limit, offset=offset)
    extra = {"limit": limit if limit != PAGE_SIZE else None}
    view_params = {**params, **{k: v for k, v in extra.items() if v}}
    counts = explorer.listing_facets(listing, params)
    return explorer.page(
        request, template, params=params, view_params=view_params, total=total, rows=attrs(rows), offset=offset,
        limit=limit, facets=facet_attrs(listings.links(listing, params, counts, path=path, extra=extra)),
        sort_links=listings.sort_links(listing, params, path=path, extra=extra),
        sort=params.get("sort", listing.default_sort),
    )  # fmt: skip


@router.get("/actors", response_class=HTMLResponse)
def actors_page(
    cur: Cursor,
    request: Request,
    params: ActorParams,
    explorer: ExplorerDep,
    limit: int = Query(PAGE_SIZE, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=10_000_000),
) -> HTMLResponse:
    return listing_page(request, explorer, cur, listings.ACTORS, params, limit, offset, "actors.html")


@router.get("/statements", response_class=HTMLResponse)
def statements_page(
    cur: Cursor,
    request: Request,
    params: StatementParams,
    explorer: ExplorerDep,
    limit: int = Query(PAGE_SIZE, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=10_000_000),
) -> HTMLResponse:
    return listing_page(request, explorer, cur, listings.STATEMENTS, params, limit, offset, "statements.html")


@router.get("/actors/{key:path}", response_class=HTMLResponse)
def actor_page(request: Request, key: str, cur: Cursor, explorer: ExplorerDep) -> HTMLResponse:
    profile = queries.actor_profile(cur, key)
    if profile is None:
        raise not_found(f"actor {key!r}")
    return explorer.page(request, "actor.html", a=profile)


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(
    request: Request, f: Filters, cur: Cursor, explorer: ExplorerDep, span: Span = "robust"
) -> HTMLResponse:
    data = queries.timeline(cur, f, robust=span == "robust")
    return explorer.page(
        request, "timeline.html", f=f, params=f.query_params(), data=data, chart=charts.timeline_bars(data),
        span=span,
    )  # fmt: skip


@router.get("/network", response_class=HTMLResponse)
def network_page(
    cur: Cursor,
    request: Request,
    f: Filters,
    explorer: ExplorerDep,
    max_nodes: int = Query(30, ge=2, le=100),
    actors: Actors = "resolved",
) -> HTMLResponse:
    data = queries.network(cur, f, max_nodes=max_nodes, resolved_only=actors == "resolved")
    return explorer.page(
        request, "network.html", f=f, params=f.query_params(), chart=charts.network_layout(data),
        resolved_only=data["resolved_only"],
    )  # fmt: skip


def stance_table(cur: duckdb.DuckDBPyConnection, target: str) -> list[dict[str, Any]]:
    """The stance page's rows: one per source actor, heaviest first, with its counts per event type
    (``cells``), a few example events, and what it said about ``target`` without a coded event."""
    table: dict[str, dict[str, Any]] = {}
    for r in queries.stance(cur, target):
        entry = table.setdefault(
            r["source_key"] or r["source_name"],
            {"key": r["source_key"], "name": r["source_name"], "country": r["source_country"], "cells": {}},
        )
        entry["cells"][r["event_type"]] = r
    ordered = sorted(table.values(), key=lambda t: (-sum(c["n"] for c in t["cells"].values()), t["name"]))
    for entry in ordered:  # a few examples per source, the heaviest types first
        cells = sorted(entry["cells"].values(), key=lambda c: -c["n"])
        entry["examples"] = [i for c in cells for i in c["examples"][:1]][:3]
    for r in queries.stance_statements(cur, target):  # positions voiced without a coded event
        entry = table.get(r["source_key"] or r["source_name"])
        if entry is None:
            entry = table[r["source_key"] or r["source_name"]] = {
                "key": r["source_key"], "name": r["source_name"], "country": r["source_country"], "cells": {},
                "examples": [],
            }  # fmt: skip
            ordered.append(entry)
        entry["said"] = r
        entry["said_examples"] = r["examples"][:1]
    return ordered


@router.get("/stance", response_class=HTMLResponse)
def stance_page(
    cur: Cursor,
    request: Request,
    explorer: ExplorerDep,
    target: str | None = Query(None, description="an actor or a proposal"),
) -> HTMLResponse:
    if target is None or not target.strip():
        return explorer.page(request, "stance.html", target="", table=[], examples={}, said={})
    target = check_target(target)
    ordered = stance_table(cur, target)
    examples = queries.event_example(cur, sorted({i for t in ordered for i in t["examples"]}))
    said = queries.statement_example(cur, sorted({i for t in ordered for i in t.get("said_examples", [])}))
    return explorer.page(request, "stance.html", target=target, table=ordered, examples=examples, said=said)


@router.get("/docs", response_class=HTMLResponse)
def docs_page(request: Request, explorer: ExplorerDep) -> HTMLResponse:
    spec = request.app.openapi()
    return explorer.page(request, "docs.html", spec=spec, ops=apidocs.operations(spec))


@router.get("/static/{name}")
def static_file(name: str, explorer: ExplorerDep) -> Response:
    if name not in explorer.static:  # a fixed set read at startup: the name never reaches the file system
        raise not_found(f"static file {name!r}")
    data, media_type = explorer.static[name]
    return Response(data, media_type=media_type, headers={"cache-control": "public, max-age=3600"})


@router.get("/favicon.ico")
def favicon() -> Response:
    return Response(status_code=204)


__all__ = ["router"]
