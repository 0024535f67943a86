"""One error shape: every JSON error is ``{"ok": false, "error": message, "status": code}``, and a page
renders the same message as HTML (``error.html``). The exception handlers here turn each kind of
failure (HTTP errors, invalid parameters or bodies, bugs) into that shape."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from eventwire.serve.queries import BadParameter
from eventwire.serve.state import explorer_of

log = logging.getLogger(__name__)


def wants_json(request: Request) -> bool:
    """True for the API's URLs (and any ``.json``): they get JSON errors, pages get HTML."""
    path = request.url.path
    return path.startswith("/api/") or path == "/api" or path.endswith(".json")


def error(request: Request, status: int, message: str) -> Response:
    """The error response for ``request``: JSON for the API, an HTML page otherwise."""
    if wants_json(request):
        return JSONResponse({"ok": False, "error": message, "status": status}, status_code=status)
    return explorer_of(request).page(request, "error.html", status=status, status_code=status, message=message)


def not_found(what: str) -> StarletteHTTPException:
    """The 404 to raise when ``what`` (an article, an actor, ...) does not exist."""
    return StarletteHTTPException(404, f"no {what}")


def validation_message(err: RequestValidationError) -> str:
    """FastAPI's validation errors as one line naming each bad parameter or body field."""
    parts = []
    for e in err.errors():
        loc = [str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body")]
        name = ".".join(loc) or "body"
        if name == "body" and e.get("type") == "model_attributes_type":
            parts.append("body: send a JSON object (Content-Type: application/json)")
            continue
        parts.append(f"{name}: {e.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
    return error(request, exc.status_code, str(exc.detail))


async def validation_error(request: Request, exc: RequestValidationError) -> Response:
    return error(request, 422, validation_message(exc))


async def bad_parameter(request: Request, exc: BadParameter) -> Response:
    return error(request, 422, str(exc))


async def internal_error(request: Request, exc: Exception) -> Response:
    log.exception("error serving %s", request.url.path)
    return error(request, 500, "internal error (see the server log)")


def add_error_handlers(app: FastAPI) -> None:
    """Every failure of ``app`` answered in the one error shape."""
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(BadParameter, bad_parameter)
    app.add_exception_handler(Exception, internal_error)


__all__ = ["add_error_handlers", "error", "not_found", "validation_message", "wants_json"]
