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
"""

from __future__ import annotations

import functools
import json
import logging
import os
import threading
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from importlib import resources
from types import SimpleNamespace
from typing import Annotated, Any
from urllib.parse import quote, urlencode, urlsplit

import duckdb
from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from jinja2 import Environment, PackageLoader
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from eventwire import __version__
from eventwire.errors import ConfigError
from eventwire.memory import settle
from eventwire.schema import EVENT_TYPES
from eventwire.serve import apidocs, charts, downloads, facets, highlight, listings, queries
from eventwire.serve.coding import ClientGone, CodeBusy, CodeLimits, CodeService, CodeTimeout
from eventwire.serve.index import EventIndex
from eventwire.serve.middleware import Guard, ResponseCache, RowCache, event_json, json_bytes
from eventwire.serve.models import ERRORS, ActorsPage, CodeRequest, ErrorBody, EventsPage, ReviewRequest, StanceAnswer
from eventwire.serve.params import (
    FILTER_NAMES,
    PAGE_SIZE,
    ActorParams,
    Actors,
    Filters,
    Span,
    StatementParams,
    Target,
    check_target,
    whole,
)
from eventwire.serve.queries import MAX_LIMIT, QUAD_NAMES, STANCE_TYPES, BadParameter, EventFilters
from eventwire.serve.review import ReviewLog

log = logging.getLogger(__name__)

DEFAULT_MAX_BODY_BYTES = 2_000_000
DEFAULT_CACHE_BYTES = 64_000_000
LISTINGS = {listings.STATEMENTS.table: listings.STATEMENTS, listings.ACTORS.table: listings.ACTORS}
CSV = "text/csv; charset=utf-8"
JSONL = "application/x-ndjson; charset=utf-8"
STATIC_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".svg": "image/svg+xml"}


# ---------------------------------------------------------------- shared dependencies


async def _cursor(request: Request) -> AsyncIterator[duckdb.DuckDBPyConnection]:
    """A cursor of the app's one read-only connection, for this request only (thread safety).
    Async, like the other cheap dependencies, so a request makes one trip to the thread pool."""
    cur = request.app.state.con.cursor()
    try:
        yield cur
    finally:
        cur.close()


Cursor = Annotated[duckdb.DuckDBPyConnection, Depends(_cursor)]


# ---------------------------------------------------------------- the app


def _validation_message(err: RequestValidationError) -> str:
    parts = []
    for e in err.errors():
        loc = [str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body")]
        name = ".".join(loc) or "body"
        if name == "body" and e.get("type") == "model_attributes_type":
            parts.append("body: send a JSON object (Content-Type: application/json)")
            continue
        parts.append(f"{name}: {e.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


@functools.lru_cache(maxsize=100_000)
def _quoted(value: str) -> str:
    """An id as one URL path segment; ids recur on every page that lists their events."""
    return quote(value, safe="")


def attrs(items: list[dict[str, Any]]) -> list[SimpleNamespace]:
    """Rows for a template as objects: Jinja tries ``getattr`` before ``[]``, and on a dict each failed
    ``getattr`` raises inside it (a table of 50 rows renders in 60% of the time this way)."""
    return [SimpleNamespace(**item) for item in items]


def facet_attrs(entries: list[dict[str, Any]]) -> list[SimpleNamespace]:
    return [SimpleNamespace(**{**e, "choices": attrs(e["choices"])}) for e in entries]


def check_store(db_path: str | os.PathLike, *, index: bool = False) -> duckdb.DuckDBPyConnection:
    """The store attached read-only (:func:`eventwire.serve.queries.open_store`); ConfigError, once and
    clearly, if the file cannot be served."""
    try:
        return queries.open_store(str(db_path), index=index)
    except (duckdb.Error, LookupError) as err:
        raise ConfigError(f"{db_path}: cannot serve this database read-only ({err})") from None


def _default_pipeline():
    import eventwire

    return eventwire.get_pipeline()


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
    con = check_store(db_path, index=True)
    counts = queries.overview(con.cursor())
    try:
        review_log = ReviewLog(review_path) if review_path is not None else None
    except (OSError, ValueError) as err:
        raise ConfigError(f"--review: {err}") from None

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.coder.close()  # on shutdown (SIGTERM too): stop the coding processes

    app = FastAPI(
        lifespan=lifespan,
        title="eventwire explorer",
        version=__version__,
        description="Political events coded from news articles, each with its evidence. "
        f"Read-only. Request bodies are capped at {max_body_bytes} bytes (413 above). "
        'Every error is {"ok": false, "error": message, "status": code}.',
        docs_url=None,  # Swagger/ReDoc load assets from a CDN: /docs is our own page (apidocs.py)
        redoc_url=None,
    )
    app.state.con = con
    app.state.review = review_log
    # pages show the verdicts given so far: nothing is cached in review mode
    app.add_middleware(ResponseCache, max_bytes=0 if review_log else cache_bytes)
    hosts = frozenset(h.lower() for h in allowed_hosts) if allowed_hosts is not None else None
    app.add_middleware(Guard, max_body_bytes=max_body_bytes, allowed_hosts=hosts)  # added last: runs first
    # templates are package data: read once, never checked again for changes
    env = Environment(loader=PackageLoader("eventwire.serve", "templates"), autoescape=True, auto_reload=False)
    env.globals.update(
        actor_url=lambda key: "/actors/" + _quoted(str(key)),
        article_url=lambda aid, anchor=None: "/articles/" + _quoted(str(aid)) + (f"#{anchor}" if anchor else ""),
        qs=lambda params: facets.query_string({k: v for k, v in params.items() if v not in (None, "")}),
        event_types=EVENT_TYPES,
        quad_names=QUAD_NAMES,
        stance_types=STANCE_TYPES,
        quad_colours=charts.QUAD_COLOURS,
        version=__version__,
        modalities=queries.MODALITIES,
        confidence_bands=tuple(queries.CONFIDENCE_BANDS),
        sorts=tuple(queries.SORTS),
        page_sizes=facets.PAGE_SIZES,
        default_limit=PAGE_SIZE,
        counts=counts,
        review=str(review_log.path) if review_log else None,
        fixable_modalities=queries.MODALITIES,
    )
    env.filters["safe_url"] = lambda url: (
        url if isinstance(url, str) and url.lower().startswith(("http://", "https://")) else None
    )
    static = _load_static()
    coder = CodeService(pipeline_factory or _default_pipeline, code_limits)
    app.state.coder = coder
    json_rows = RowCache()
    row_html = RowCache()
    event_row = env.get_template("_event_row.html").module.event_row
    event_index = EventIndex(con)
    cursors = threading.local()

    def thread_cursor() -> duckdb.DuckDBPyConnection:
        """This thread's own cursor, kept (a new cursor per request costs a quarter millisecond): for
        the async handlers, which run on the event loop's one thread and use it without awaiting, and
        for the facet cache below."""
        cur = getattr(cursors, "cur", None)
        if cur is None:
            cur = cursors.cur = con.cursor()
        return cur

    @functools.lru_cache(maxsize=1024)
    def cached_facets(table: str, key: tuple[tuple[str, str], ...]) -> dict[str, dict]:
        """Facet counts of a statements or actors view, kept per filter set (sort apart): the store
        never changes while served. Shared: never changed by callers."""
        return LISTINGS[table].facet_counts(thread_cursor(), dict(key))

    def listing_facets(listing: listings.Listing, params: dict[str, str]) -> dict[str, dict]:
        return cached_facets(listing.table, tuple(sorted((k, v) for k, v in params.items() if k != "sort")))

    def listing_json(
        cur: duckdb.DuckDBPyConnection, listing: listings.Listing, params: dict[str, str], limit: int, offset: int,
        with_facets: bool, name: str,
    ) -> dict[str, Any]:  # fmt: skip
        total, rows = listing.page(cur, params, limit=limit, offset=offset)
        out: dict[str, Any] = {"ok": True, "total": total, "limit": limit, "offset": offset}
        if with_facets:
            out["facets"] = {
                k: {"values": [{"value": v, "n": n} for v, n in e["values"]], "more": e["more"]}
                for k, e in listing_facets(listing, params).items()
            }
        out[name] = rows
        return out

    def review_verdicts(rows: list[dict[str, Any]]) -> dict[str, str]:
        """Verdicts already given on these event rows, by global event id (review mode only)."""
        if review_log is None:
            return {}
        out = {}
        for r in rows:
            verdict = review_log.verdicts(r["article_id"]).get(r["local_id"])
            if verdict:
                out[r["id"]] = verdict
        return out

    def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        html = env.get_template(name).render(request_path=request.url.path, **context)
        return HTMLResponse(html, status_code=status)

    def wants_json(request: Request) -> bool:
        path = request.url.path
        return path.startswith("/api/") or path == "/api" or path.endswith(".json")

    def error(request: Request, status: int, message: str) -> Response:
        if wants_json(request):
            return JSONResponse({"ok": False, "error": message, "status": status}, status_code=status)
        return page(request, "error.html", status=status, status_code=status, message=message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return error(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        return error(request, 422, _validation_message(exc))

    @app.exception_handler(BadParameter)
    async def bad_parameter(request: Request, exc: BadParameter) -> Response:
        return error(request, 422, str(exc))

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> Response:
        log.exception("error serving %s", request.url.path)
        return error(request, 500, "internal error (see the server log)")

    def not_found(what: str) -> StarletteHTTPException:
        return StarletteHTTPException(404, f"no {what}")

    # ------------------------------------------------------------ JSON API

    @app.post(
        "/api/code",
        tags=["api"],
        response_model=None,
        responses={**ERRORS, 503: {"model": ErrorBody}, 504: {"model": ErrorBody}},
    )
    async def api_code(body: CodeRequest, request: Request) -> JSONResponse:
        """Code one article: the same object as one line of ``eventwire code``. Bounded: at most
        ``code_timeout`` seconds, waiting included (504), and a short queue per lane (503 when full);
        work stops when the client goes (see ``eventwire.serve.coding``)."""
        from eventwire.ingest import make_article
        from eventwire.ingest.dates import normalize_date

        published = None
        if body.published and body.published.strip():
            published = normalize_date(body.published)
            if not published:
                raise BadParameter("published", f"{body.published!r} is not a date (use YYYY-MM-DD)")
        article = await run_in_threadpool(
            make_article, body.text, published=published, title=body.title, publisher=body.publisher
        )
        try:
            record = await coder.code(article, request.is_disconnected)
        except CodeBusy:
            return error(request, 503, "busy: too many articles wait to be coded; try again shortly")
        except CodeTimeout:
            return error(request, 504, f"coding took longer than {coder.limits.timeout:g} s; the work was stopped")
        except ClientGone:
            return Response(status_code=499)  # nobody reads it
        return JSONResponse(record)

    @app.get("/api/events", tags=["api"], response_model=None, responses={200: {"model": EventsPage}, **ERRORS})
    async def api_events(  # async: CPU-bound and short, so each runs to the end in turn (no GIL sharing)
        f: Filters,
        limit: int = Query(PAGE_SIZE, ge=1, le=MAX_LIMIT),
        offset: int = Query(0, ge=0, le=10_000_000),
        facet_counts: bool = Query(
            False, alias="facets", description="true to add the facet counts of the matching events"
        ),
    ) -> Response:
        """Events matching the filters, in ``sort`` order (newest first by default), a page at a time."""
        cur = thread_cursor()
        chosen = event_index.selection(f, cur)
        total, ords = chosen.total, event_index.order(chosen.mask, f.sort)[offset : offset + limit].tolist()
        nxt = None
        if offset + limit < total:
            nxt = "/api/events?" + urlencode({**f.query_params(), "limit": limit, "offset": offset + limit})
        head_fields = {"ok": True, "total": total, "limit": limit, "offset": offset, "next": nxt}
        if facet_counts:
            head_fields["facets"] = {
                name: {"values": [{"value": v, "n": n} for v, n in entry["values"]], "more": entry["more"]}
                for name, entry in event_index.facet_counts(chosen).items()
            }
        head = json_bytes(head_fields)[:-1]
        body = head + b',"events":[' + b",".join(json_rows.get(ords, event_json(cur))) + b"]}"
        return Response(body, media_type="application/json")

    def download(chunks: Iterable[bytes], media_type: str, name: str) -> StreamingResponse:
        headers = {"content-disposition": f'attachment; filename="{name}"'}
        return StreamingResponse(chunks, media_type=media_type, headers=headers)

    @app.get("/api/events.csv", tags=["api"], response_class=Response, responses=ERRORS)
    def api_events_csv(
        f: Filters,
        limit: int | None = Query(None, ge=1, description="at most this many events (default: all)"),
        offset: int = Query(0, ge=0, le=10_000_000),
    ) -> StreamingResponse:
        """Every event of a view (same parameters as ``/api/events``) as CSV, streamed: one header line,
        the columns of ``/api/events``."""
        body = downloads.as_csv(downloads.event_batches(con, f, limit=limit, offset=offset))
        return download(body, CSV, "events.csv")

    @app.get("/api/events.jsonl", tags=["api"], response_class=Response, responses=ERRORS)
    def api_events_jsonl(
        f: Filters,
        limit: int | None = Query(None, ge=1, description="at most this many events (default: all)"),
        offset: int = Query(0, ge=0, le=10_000_000),
    ) -> StreamingResponse:
        """Every event of a view (same parameters as ``/api/events``) as JSON Lines, streamed."""
        body = downloads.as_jsonl(downloads.event_batches(con, f, limit=limit, offset=offset))
        return download(body, JSONL, "events.jsonl")

    def listing_download(
        listing: listings.Listing, params: dict[str, str], limit: int | None, offset: int, name: str
    ) -> StreamingResponse:
        batches = downloads.listing_batches(con, listing, params, limit=limit, offset=offset)
        if name.endswith(".csv"):
            return download(downloads.as_csv(batches), CSV, name)
        return download(downloads.as_jsonl(batches), JSONL, name)

    @app.get("/api/statements.csv", tags=["api"], response_class=Response, responses=ERRORS)
    def api_statements_csv(
        params: StatementParams,
        limit: int | None = Query(None, ge=1, description="at most this many statements (default: all)"),
        offset: int = Query(0, ge=0, le=10_000_000),
    ) -> StreamingResponse:
        """Every statement of a view (same parameters as ``/api/statements``) as CSV, streamed: one header
        line, the columns of ``/api/statements``."""
        return listing_download(listings.STATEMENTS, params, limit, offset, "statements.csv")

    @app.get("/api/statements.jsonl", tags=["api"], response_class=Response, responses=ERRORS)
    def api_statements_jsonl(
        params: StatementParams,
        limit: int | None = Query(None, ge=1, description="at most this many statements (default: all)"),
        offset: int = Query(0, ge=0, le=10_000_000),
    ) -> StreamingResponse:
        """Every statement of a view (same parameters as ``/api/statements``) as JSON Lines, streamed."""
        return listing_download(listings.STATEMENTS, params, limit, offset, "statements.jsonl")

    @app.get("/api/actors.csv", tags=["api"], response_class=Response, responses=ERRORS)
    def api_actors_csv(
        params: ActorParams,
        limit: int | None = Query(None, ge=1, description="at most this many actors (default: all)"),
        offset: int = Query(0, ge=0, le=10_000_000),
    ) -> StreamingResponse:
        """Every actor of a view (same parameters as ``/api/actors``) as CSV, streamed: one header line, the
        columns of ``/api/actors``."""
        return listing_download(listings.ACTORS, params, limit, offset, "actors.csv")

    @app.get("/api/actors.jsonl", tags=["api"], response_class=Response, responses=ERRORS)
    def api_actors_jsonl(
        params: ActorParams,
        limit: int | None = Query(None, ge=1, description="at most this many actors (default: all)"),
        offset: int = Query(0, ge=0, le=10_000_000),
    ) -> StreamingResponse:
        """Every actor of a view (same parameters as ``/api/actors``) as JSON Lines, streamed."""
        return listing_download(listings.ACTORS, params, limit, offset, "actors.jsonl")

    @app.get("/api/articles.jsonl", tags=["api"], response_class=Response, responses=ERRORS)
    def api_articles_jsonl(
        f: Filters,
        id: Annotated[list[str] | None, Query(description="article ids (repeat the parameter)")] = None,
    ) -> StreamingResponse:
        """Coded articles as ``{"id", "title", "text", "published", "publisher"}`` lines, the articles file
        that ``eventwire eval GOLD --articles`` reads: those named by ``id``, else those with an event that
        the filters select, else (no parameter) every coded article."""
        body = downloads.articles_jsonl(con, id, None if id or not f.query_params() else f)
        return download(body, JSONL, "articles.jsonl")

    @app.post("/api/review", tags=["review"], response_model=None, responses={403: {"model": ErrorBody}, **ERRORS})
    def api_review(body: ReviewRequest, request: Request, cur: Cursor) -> JSONResponse:
        """Review mode only (``--review FILE``): judge one event right, wrong or fixed; appends the article's
        line (real-news gold with offsets, plus the verdict) to the corrections file and returns it."""
        if review_log is None:
            raise StarletteHTTPException(403, "read-only: start the server with --review FILE to record corrections")
        origin = request.headers.get("origin")
        if origin and urlsplit(origin).netloc != request.headers.get("host"):
            raise StarletteHTTPException(403, "cross-origin corrections are refused")
        record = queries.article_record(cur, body.article_id)
        if record is None:
            raise not_found(f"article with id {body.article_id!r}")
        line = review_log.record(record, body.event, body.verdict, body.fix)
        return JSONResponse({"ok": True, "line": line})

    @app.get("/api/review/gold.jsonl", tags=["review"], response_class=Response, responses=ERRORS)
    def api_review_gold() -> StreamingResponse:
        """Review mode only: the corrections as gold, one line per reviewed article (its last line)."""
        if review_log is None:
            raise not_found("review: start the server with --review FILE")
        return download(review_log.gold_lines(), JSONL, "gold.jsonl")

    @app.get("/api/review/articles.jsonl", tags=["review"], response_class=Response, responses=ERRORS)
    def api_review_articles() -> StreamingResponse:
        """Review mode only: the reviewed articles in the articles shape, for ``eventwire eval --articles``."""
        if review_log is None:
            raise not_found("review: start the server with --review FILE")
        body = downloads.articles_jsonl(con, review_log.article_ids(), None)
        return download(body, JSONL, "articles.jsonl")

    @app.get("/api/articles/{article_id:path}", tags=["api"], response_model=None, responses=ERRORS)
    def api_article(article_id: str, cur: Cursor) -> JSONResponse:
        """The stored record of an article, exactly as ``eventwire code`` wrote it."""
        record = queries.article_record(cur, article_id)
        if record is None:
            raise not_found(f"article with id {article_id!r}")
        return JSONResponse(record)

    @app.get("/api/actors", tags=["api"], response_model=None, responses={200: {"model": ActorsPage}, **ERRORS})
    def api_actors(
        cur: Cursor,
        params: ActorParams,
        limit: int = Query(PAGE_SIZE, ge=1, le=MAX_LIMIT),
        offset: int = Query(0, ge=0, le=10_000_000),
        facet_counts: bool = Query(False, alias="facets", description="true to add facet counts"),
    ) -> JSONResponse:
        """Actors across articles (one row per actor key), most involved first unless sorted otherwise."""
        return JSONResponse(listing_json(cur, listings.ACTORS, params, limit, offset, facet_counts, "actors"))

    @app.get("/api/statements", tags=["api"], response_model=None, responses=ERRORS)
    def api_statements(
        cur: Cursor,
        params: StatementParams,
        limit: int = Query(PAGE_SIZE, ge=1, le=MAX_LIMIT),
        offset: int = Query(0, ge=0, le=10_000_000),
        facet_counts: bool = Query(False, alias="facets", description="true to add facet counts"),
    ) -> JSONResponse:
        """Statements (who said what, where and when), newest first unless sorted otherwise."""
        return JSONResponse(listing_json(cur, listings.STATEMENTS, params, limit, offset, facet_counts, "statements"))

    @app.get("/api/actors/{key:path}", tags=["api"], response_model=None, responses=ERRORS)
    def api_actor(key: str, cur: Cursor) -> JSONResponse:
        """One actor (by actor key or per-article actor id): events, statements, partners."""
        profile = queries.actor_profile(cur, key)
        if profile is None:
            raise not_found(f"actor {key!r}")
        return JSONResponse({"ok": True, **profile})

    @app.get("/api/stance", tags=["api"], response_model=None, responses={200: {"model": StanceAnswer}, **ERRORS})
    def api_stance(
        cur: Cursor,
        target: Target,
        duplicates: bool = Query(False),
    ) -> JSONResponse:
        """Who supports, requests, rejects, accuses or threatens over a target or proposal, by source and type."""
        rows = queries.stance(cur, target, duplicates=duplicates)
        said = queries.stance_statements(cur, target, duplicates=duplicates)
        return JSONResponse({"ok": True, "target": target, "rows": rows, "statements": said})

    @app.get("/api/timeline", tags=["api"], response_model=None, responses=ERRORS)
    def api_timeline(f: Filters, cur: Cursor, span: Span = "robust") -> JSONResponse:
        """Events per day (week or month over long spans) by QuadClass, over the dates where most events
        are (``span=all``: every date); the dates left out are listed in ``outliers``."""
        return JSONResponse({"ok": True, **queries.timeline(cur, f, robust=span == "robust")})

    @app.get("/api/network", tags=["api"], response_model=None, responses=ERRORS)
    def api_network(
        cur: Cursor,
        f: Filters,
        max_nodes: int = Query(30, ge=2, le=100),
        actors: Actors = "resolved",
    ) -> JSONResponse:
        """Source -> target actor edges weighted by event count, with cooperation/conflict counts."""
        data = queries.network(cur, f, max_nodes=max_nodes, resolved_only=actors == "resolved")
        return JSONResponse({"ok": True, **data})

    # ------------------------------------------------------------ pages

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def index_page(request: Request) -> HTMLResponse:  # async: see api_events
        # the parameters of /api/events, read here without FastAPI's per-parameter machinery (a quarter
        # of this page's time); EventFilters.parse validates them all the same
        query = request.query_params
        f = EventFilters.parse(**{name: query.get(name) for name in FILTER_NAMES})
        limit = whole(query, "limit", PAGE_SIZE, 1, MAX_LIMIT)
        offset = whole(query, "offset", 0, 0, 10_000_000)
        cur = thread_cursor()
        chosen = event_index.selection(f, cur)
        ords = event_index.order(chosen.mask, f.sort)[offset : offset + limit].tolist()
        if review_log is None:  # rows rendered once and kept; in review mode, verdicts change them
            html = row_html.get(ords, lambda missing: dict(zip(missing, render_rows(cur, missing), strict=True)))
        else:
            html = render_rows(cur, ords, with_verdicts=True)
        params = f.query_params()
        view_params = {**params, "limit": limit if limit != PAGE_SIZE else None}
        extra = {"limit": view_params["limit"]}
        return page(
            request, "index.html", f=f, params=params, view_params=view_params, total=chosen.total,
            row_html=html, offset=offset, limit=limit,
            facets=facet_attrs(facets.facet_links(f, event_index.facet_counts(chosen), path="/", extra=extra)),
            sort_links={k: facets.sort_link(f, k, path="/", extra=extra) for k in queries.SORTS},
        )  # fmt: skip

    def render_rows(cur: duckdb.DuckDBPyConnection, ords: list[int], *, with_verdicts: bool = False) -> list[str]:
        """The events table's rows (``_event_row.html``) of these events, in order."""
        rows = event_index.table_rows(ords)
        if rows is None:
            by_ord = queries.rows_by_ord(cur, ords)
            rows = [by_ord[o] for o in ords]
        verdicts = review_verdicts(rows) if with_verdicts else {}
        return [event_row(SimpleNamespace(**r), verdicts.get(r["id"])) for r in rows]

    @app.get("/articles/{article_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str, cur: Cursor) -> HTMLResponse:
        record = queries.article_record(cur, article_id)
        if record is None:
            raise not_found(f"article with id {article_id!r}")
        spans, warnings = highlight.article_spans(record)
        body = highlight.render(record["article"]["text"] or "", spans)
        chains = {st["id"]: highlight.wire_chain(record, st) for st in record.get("statements", [])}
        return page(
            request, "article.html", record=record, art=record["article"], body=body, warnings=warnings,
            chains=chains, keys=queries.actor_keys(cur, article_id),
            verdicts=review_log.verdicts(article_id) if review_log else {},
        )  # fmt: skip

    def listing_page(
        request: Request, cur: duckdb.DuckDBPyConnection, listing: listings.Listing, params: dict[str, str],
        limit: int, offset: int, template: str,
    ) -> HTMLResponse:  # fmt: skip
        path = request.url.path
        total, rows = listing.page(cur, params, limit=limit, offset=offset)
        extra = {"limit": limit if limit != PAGE_SIZE else None}
        view_params = {**params, **{k: v for k, v in extra.items() if v}}
        return page(
            request, template, params=params, view_params=view_params, total=total, rows=attrs(rows), offset=offset,
            limit=limit,
            facets=facet_attrs(listings.links(listing, params, listing_facets(listing, params), path=path, extra=extra)),
            sort_links=listings.sort_links(listing, params, path=path, extra=extra),
            sort=params.get("sort", listing.default_sort),
        )  # fmt: skip

    @app.get("/actors", response_class=HTMLResponse, include_in_schema=False)
    def actors_page(
        cur: Cursor,
        request: Request,
        params: ActorParams,
        limit: int = Query(PAGE_SIZE, ge=1, le=MAX_LIMIT),
        offset: int = Query(0, ge=0, le=10_000_000),
    ) -> HTMLResponse:
        return listing_page(request, cur, listings.ACTORS, params, limit, offset, "actors.html")

    @app.get("/statements", response_class=HTMLResponse, include_in_schema=False)
    def statements_page(
        cur: Cursor,
        request: Request,
        params: StatementParams,
        limit: int = Query(PAGE_SIZE, ge=1, le=MAX_LIMIT),
        offset: int = Query(0, ge=0, le=10_000_000),
    ) -> HTMLResponse:
        return listing_page(request, cur, listings.STATEMENTS, params, limit, offset, "statements.html")

    @app.get("/actors/{key:path}", response_class=HTMLResponse, include_in_schema=False)
    def actor_page(request: Request, key: str, cur: Cursor) -> HTMLResponse:
        profile = queries.actor_profile(cur, key)
        if profile is None:
            raise not_found(f"actor {key!r}")
        return page(request, "actor.html", a=profile)

    @app.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
    def timeline_page(request: Request, f: Filters, cur: Cursor, span: Span = "robust") -> HTMLResponse:
        data = queries.timeline(cur, f, robust=span == "robust")
        return page(
            request, "timeline.html", f=f, params=f.query_params(), data=data, chart=charts.timeline_bars(data),
            span=span,
        )  # fmt: skip

    @app.get("/network", response_class=HTMLResponse, include_in_schema=False)
    def network_page(
        cur: Cursor,
        request: Request,
        f: Filters,
        max_nodes: int = Query(30, ge=2, le=100),
        actors: Actors = "resolved",
    ) -> HTMLResponse:
        data = queries.network(cur, f, max_nodes=max_nodes, resolved_only=actors == "resolved")
        return page(
            request, "network.html", f=f, params=f.query_params(), chart=charts.network_layout(data),
            resolved_only=data["resolved_only"],
        )  # fmt: skip

    @app.get("/stance", response_class=HTMLResponse, include_in_schema=False)
    def stance_page(
        cur: Cursor,
        request: Request,
        target: str | None = Query(None, description="an actor or a proposal"),
    ) -> HTMLResponse:
        if target is None or not target.strip():
            return page(request, "stance.html", target="", table=[], examples={}, said={})
        target = check_target(target)
        rows = queries.stance(cur, target)
        table: dict[str, dict[str, Any]] = {}
        for r in rows:
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
        examples = queries.event_example(cur, sorted({i for t in ordered for i in t["examples"]}))
        said = queries.statement_example(cur, sorted({i for t in ordered for i in t.get("said_examples", [])}))
        return page(request, "stance.html", target=target, table=ordered, examples=examples, said=said)

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs_page(request: Request) -> HTMLResponse:
        spec = app.openapi()
        return page(request, "docs.html", spec=spec, ops=apidocs.operations(spec))

    @app.get("/static/{name}", include_in_schema=False)
    def static_file(name: str) -> Response:
        if name not in static:  # a fixed set read at startup: the name never reaches the file system
            raise not_found(f"static file {name!r}")
        data, media_type = static[name]
        return Response(data, media_type=media_type, headers={"cache-control": "public, max-age=3600"})

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

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


def _load_static() -> dict[str, tuple[bytes, str]]:
    out = {}
    for item in resources.files("eventwire.serve").joinpath("static").iterdir():
        suffix = "." + item.name.rsplit(".", 1)[-1]
        if item.is_file() and suffix in STATIC_TYPES:
            out[item.name] = (item.read_bytes(), STATIC_TYPES[suffix])
    return out


__all__ = ["DEFAULT_CACHE_BYTES", "DEFAULT_MAX_BODY_BYTES", "create_app"]
