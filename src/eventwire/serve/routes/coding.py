"""``POST /api/code``: code one article on demand (:mod:`eventwire.serve.coding` bounds the work)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from eventwire.serve.coding import ClientGone, CodeBusy, CodeTimeout
from eventwire.serve.errors import error
from eventwire.serve.models import ERRORS, CodeRequest, ErrorBody
from eventwire.serve.queries import BadParameter
from eventwire.serve.state import ExplorerDep

router = APIRouter(tags=["api"])


@router.post(
    "/api/code",
    response_model=None,
    responses={**ERRORS, 503: {"model": ErrorBody}, 504: {"model": ErrorBody}},
)
async def api_code(body: CodeRequest, request: Request, explorer: ExplorerDep) -> JSONResponse:
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
    coder = explorer.coder
    try:
        record = await coder.code(article, request.is_disconnected)
    except CodeBusy:
        return error(request, 503, "busy: too many articles wait to be coded; try again shortly")
    except CodeTimeout:
        return error(request, 504, f"coding took longer than {coder.limits.timeout:g} s; the work was stopped")
    except ClientGone:
        return Response(status_code=499)  # nobody reads it
    return JSONResponse(record)


__all__ = ["router"]
