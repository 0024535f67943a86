"""Review mode (``serve --review FILE``): verdicts on events appended to the corrections file, and the
corrections read back as gold and articles for ``eventwire eval``. Without a review file every route
here refuses (403 for the verdicts, 404 for the downloads)."""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from eventwire.serve import downloads, queries
from eventwire.serve.errors import not_found
from eventwire.serve.models import ERRORS, ErrorBody, ReviewRequest
from eventwire.serve.review import ReviewLog
from eventwire.serve.routes.downloads import JSONL, download
from eventwire.serve.state import Cursor, Explorer, ExplorerDep

router = APIRouter(tags=["review"])


def _review_log(explorer: Explorer) -> ReviewLog:
    """The corrections file; 404 when the server was not started in review mode."""
    if explorer.review is None:
        raise not_found("review: start the server with --review FILE")
    return explorer.review


@router.post("/api/review", response_model=None, responses={403: {"model": ErrorBody}, **ERRORS})
def api_review(body: ReviewRequest, request: Request, cur: Cursor, explorer: ExplorerDep) -> JSONResponse:
    """Review mode only (``--review FILE``): judge one event right, wrong or fixed; appends the article's
    line (real-news gold with offsets, plus the verdict) to the corrections file and returns it."""
    review_log = explorer.review
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


@router.get("/api/review/gold.jsonl", response_class=Response, responses=ERRORS)
def api_review_gold(explorer: ExplorerDep) -> StreamingResponse:
    """Review mode only: the corrections as gold, one line per reviewed article (its last line)."""
    return download(_review_log(explorer).gold_lines(), JSONL, "gold.jsonl")


@router.get("/api/review/articles.jsonl", response_class=Response, responses=ERRORS)
def api_review_articles(explorer: ExplorerDep) -> StreamingResponse:
    """Review mode only: the reviewed articles in the articles shape, for ``eventwire eval --articles``."""
    body = downloads.articles_jsonl(explorer.con, _review_log(explorer).article_ids(), None)
    return download(body, JSONL, "articles.jsonl")


__all__ = ["router"]
