"""The request bodies and response shapes of the JSON API, as pydantic models: FastAPI validates the
bodies with them and describes all of them in ``/openapi.json`` (and so on ``/docs``)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class ErrorBody(BaseModel):
    """Every JSON error."""

    ok: bool = False
    error: str = Field(description="what went wrong, naming the parameter when one is bad")
    status: int = Field(description="the HTTP status, repeated")


class CodeRequest(BaseModel):
    """An article to code (nothing is stored: the database stays read-only)."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, description="the article text")
    published: str | None = Field(None, description="publication date YYYY-MM-DD (resolves relative dates)")
    title: str | None = Field(None, description="headline")
    publisher: str | None = Field(None, description="the site that published it")


class ReviewRequest(BaseModel):
    """A reviewer's verdict on one event (review mode only)."""

    model_config = ConfigDict(extra="forbid")
    article_id: str = Field(max_length=2000, description="the article's id")
    event: str = Field(max_length=100, description="the event's id inside the article (e1, e2, ...)")
    verdict: str = Field(description="right, wrong or fixed")
    fix: dict[str, str] | None = Field(
        None, description="for 'fixed': any of type, modality, source, target (actor ids of the article; '' = none)"
    )


class EventsPage(BaseModel):
    ok: bool = True
    total: int = Field(description="events matching the filters")
    limit: int
    offset: int
    next: str | None = Field(description="URL of the next page, or null")
    events: list[dict[str, Any]] = Field(description="rows of the events table plus article_title/publisher/published")


class ActorsPage(BaseModel):
    ok: bool = True
    total: int
    limit: int
    offset: int
    actors: list[dict[str, Any]] = Field(description="key, name, country, sector, kind, n_articles, n_mentions, ...")


class StanceAnswer(BaseModel):
    ok: bool = True
    target: str
    rows: list[dict[str, Any]] = Field(description="one row per source actor and event type, with counts and examples")


ERRORS = {s: {"model": ErrorBody} for s in (404, 413, 422, 500)}  # the responses= of most operations

__all__ = ["ERRORS", "ActorsPage", "CodeRequest", "ErrorBody", "EventsPage", "ReviewRequest", "StanceAnswer"]
