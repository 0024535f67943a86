"""The explorer's per-app state: one :class:`Explorer`, built by ``create_app`` and kept at
``app.state.explorer``, holds everything the routes share (the store's connection, the filter index,
the templates, the caches, the review log, the coding service). Routes reach it through the
:data:`ExplorerDep` and :data:`Cursor` dependencies, so each router module is plain functions of
its arguments, testable and importable on its own.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from importlib import resources
from typing import Annotated, Any
from urllib.parse import quote

import duckdb
from fastapi import Depends, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader

from eventwire import __version__
from eventwire.errors import ConfigError
from eventwire.schema import EVENT_TYPES
from eventwire.serve import charts, facets, listings, queries
from eventwire.serve.coding import CodeLimits, CodeService
from eventwire.serve.index import EventIndex
from eventwire.serve.middleware import RowCache
from eventwire.serve.params import PAGE_SIZE
from eventwire.serve.queries import QUAD_NAMES, STANCE_TYPES
from eventwire.serve.review import ReviewLog

LISTINGS = {listings.STATEMENTS.table: listings.STATEMENTS, listings.ACTORS.table: listings.ACTORS}
STATIC_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".svg": "image/svg+xml"}


@dataclass(eq=False)
class Explorer:
    """What the routes of one app share. The store cannot change while served, so the caches here
    (rendered and serialized event rows, facet counts of a listing) never need invalidating."""

    con: duckdb.DuckDBPyConnection  # the store attached read-only, with the indexes built at startup
    index: EventIndex  # the numpy filter index of the events
    templates: Environment
    static: dict[str, tuple[bytes, str]]  # name -> (bytes, media type), read once at startup
    coder: CodeService
    review: ReviewLog | None = None  # review mode only
    json_rows: RowCache = field(default_factory=RowCache)  # /api/events rows, serialized
    row_html: RowCache = field(default_factory=RowCache)  # the events page's rows, rendered
    event_row: Callable[..., str] = field(init=False, repr=False)  # the _event_row.html macro
    _facets: Callable[[str, tuple[tuple[str, str], ...]], dict[str, dict]] = field(init=False, repr=False)
    _cursors: threading.local = field(default_factory=threading.local, repr=False)

    def __post_init__(self) -> None:
        self.event_row = self.templates.get_template("_event_row.html").module.event_row
        self._facets = functools.lru_cache(maxsize=1024)(self._count_facets)

    @classmethod
    def open(
        cls,
        db_path: str | os.PathLike,
        *,
        review_path: str | os.PathLike | None = None,
        pipeline_factory: Callable[[], Any] | None = None,
        code_limits: CodeLimits | None = None,
    ) -> Explorer:
        """The state for the store at ``db_path``; ConfigError if it cannot be served or the review
        file cannot be written (see ``create_app`` for the arguments)."""
        con = check_store(db_path, index=True)
        counts = queries.overview(con.cursor())
        try:
            review = ReviewLog(review_path) if review_path is not None else None
        except (OSError, ValueError) as err:
            raise ConfigError(f"--review: {err}") from None
        return cls(
            con=con,
            templates=make_templates(counts, review),
            static=load_static(),
            coder=CodeService(pipeline_factory or _default_pipeline, code_limits),
            index=EventIndex(con),
            review=review,
        )

    def thread_cursor(self) -> duckdb.DuckDBPyConnection:
        """This thread's own cursor, kept (a new cursor per request costs a quarter millisecond): for
        the async handlers, which run on the event loop's one thread and use it without awaiting, and
        for the facet cache below."""
        cur = getattr(self._cursors, "cur", None)
        if cur is None:
            cur = self._cursors.cur = self.con.cursor()
        return cur

    def listing_facets(self, listing: listings.Listing, params: dict[str, str]) -> dict[str, dict]:
        """Facet counts of a statements or actors view, kept per filter set (sort apart). Shared: never
        changed by callers."""
        return self._facets(listing.table, tuple(sorted((k, v) for k, v in params.items() if k != "sort")))

    def _count_facets(self, table: str, key: tuple[tuple[str, str], ...]) -> dict[str, dict]:
        return LISTINGS[table].facet_counts(self.thread_cursor(), dict(key))

    def page(self, request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        """The template ``name`` rendered as a page."""
        html = self.templates.get_template(name).render(request_path=request.url.path, **context)
        return HTMLResponse(html, status_code=status)


# ---------------------------------------------------------------- dependencies


def explorer_of(request: Request) -> Explorer:
    """The state of the app serving ``request`` (for handlers and exception handlers that read the
    request directly)."""
    return request.app.state.explorer


async def _explorer(request: Request) -> Explorer:
    # async, like the other cheap dependencies, so a request makes one trip to the thread pool
    return request.app.state.explorer


async def _cursor(request: Request) -> AsyncIterator[duckdb.DuckDBPyConnection]:
    """A cursor of the app's one read-only connection, for this request only (thread safety).
    Async, like the other cheap dependencies, so a request makes one trip to the thread pool."""
    cur = request.app.state.explorer.con.cursor()
    try:
        yield cur
    finally:
        cur.close()


ExplorerDep = Annotated[Explorer, Depends(_explorer)]
Cursor = Annotated[duckdb.DuckDBPyConnection, Depends(_cursor)]


# ---------------------------------------------------------------- set up once, at startup


def check_store(db_path: str | os.PathLike, *, index: bool = False) -> duckdb.DuckDBPyConnection:
    """The store attached read-only (:func:`eventwire.serve.queries.open_store`); ConfigError, once and
    clearly, if the file cannot be served."""
    try:
        return queries.open_store(str(db_path), index=index)
    except (duckdb.Error, LookupError) as err:
        raise ConfigError(f"{db_path}: cannot serve this database read-only ({err})") from None


@functools.lru_cache(maxsize=100_000)
def _quoted(value: str) -> str:
    """An id as one URL path segment; ids recur on every page that lists their events."""
    return quote(value, safe="")


def _safe_url(url: Any) -> str | None:
    """An article's URL for a link, only when it is http(s) (never ``javascript:``)."""
    return url if isinstance(url, str) and url.lower().startswith(("http://", "https://")) else None


def make_templates(counts: dict[str, int], review: ReviewLog | None) -> Environment:
    """The pages' Jinja environment with the globals every template reads. Templates are package data:
    read once, never checked again for changes."""
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
        review=str(review.path) if review else None,
        fixable_modalities=queries.MODALITIES,
    )
    env.filters["safe_url"] = _safe_url
    return env


def load_static() -> dict[str, tuple[bytes, str]]:
    """The package's static files by name, with their media types."""
    out = {}
    for item in resources.files("eventwire.serve").joinpath("static").iterdir():
        suffix = "." + item.name.rsplit(".", 1)[-1]
        if item.is_file() and suffix in STATIC_TYPES:
            out[item.name] = (item.read_bytes(), STATIC_TYPES[suffix])
    return out


def _default_pipeline():
    import eventwire

    return eventwire.get_pipeline()


__all__ = ["Cursor", "Explorer", "ExplorerDep", "check_store", "explorer_of", "load_static", "make_templates"]
