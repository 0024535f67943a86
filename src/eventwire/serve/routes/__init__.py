"""The explorer's routes, one router per concern: :mod:`.coding` (``POST /api/code``), :mod:`.api` (the
JSON API), :mod:`.downloads` (the streamed ``.csv`` and ``.jsonl`` files), :mod:`.review` (review mode)
and :mod:`.pages` (the HTML pages, ``/docs`` and static files). Each reaches the app's shared state
through the dependencies of :mod:`eventwire.serve.state`.
"""

from __future__ import annotations

from fastapi import APIRouter

from eventwire.serve.routes import api, coding, downloads, pages, review

# in this order in /openapi.json and on /docs
ROUTERS: tuple[APIRouter, ...] = (coding.router, api.router, downloads.router, review.router, pages.router)

__all__ = ["ROUTERS"]
