"""Query parameters shared by several routes, as FastAPI dependencies: each one declares its parameters
once (their descriptions reach ``/openapi.json``) and returns them validated, so a bad value is a 422
that names it (:class:`~eventwire.serve.queries.BadParameter`)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from typing import Annotated, Literal

from fastapi import Depends, Query

from eventwire.serve import listings
from eventwire.serve.queries import BadParameter, EventFilters

PAGE_SIZE = 50
FILTER_NAMES = tuple(field.name for field in dataclasses.fields(EventFilters))


async def _filters(
    actor: str | None = Query(
        None,
        description="substring of a source or target actor's name or mention; or an actor key (state.RUS) or row id (<article>:a1)",
    ),
    country: str | None = Query(None, description="alpha-3 code of the source or the target"),
    event_type: str | None = Query(None, description="PLOVER type, or several separated by commas"),
    quad_class: str | None = Query(
        None, description="1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict"
    ),
    date_from: str | None = Query(None, description="first event date, YYYY-MM-DD"),
    date_to: str | None = Query(None, description="last event date, YYYY-MM-DD"),
    q: str | None = Query(None, description="text search in the evidence, trigger, actor and place names"),
    duplicates: str | None = Query(None, description="true to include events of near-duplicate articles"),
    modality: str | None = Query(None, description="asserted, negated, proposed, ... or several separated by commas"),
    source_country: str | None = Query(None, description="alpha-3 code of the source"),
    target_country: str | None = Query(None, description="alpha-3 code of the target"),
    publisher: str | None = Query(None, description="the article's publisher, exactly"),
    min_confidence: str | None = Query(None, description="lowest confidence, 0 to 1"),
    confidence: str | None = Query(None, description="a confidence band: 0.9-1, 0.7-0.9, 0.5-0.7 or 0-0.5"),
    sort: str | None = Query(
        None,
        description="date, confidence, type, source, target, publisher or modality; -name for descending "
        "(default -date: newest first)",
    ),
) -> EventFilters:
    return EventFilters.parse(
        actor=actor, country=country, event_type=event_type, quad_class=quad_class,
        date_from=date_from, date_to=date_to, q=q, duplicates=duplicates, modality=modality,
        source_country=source_country, target_country=target_country, publisher=publisher,
        min_confidence=min_confidence, confidence=confidence, sort=sort,
    )  # fmt: skip


def whole(query: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    """A whole-number GET parameter from ``low`` to ``high``; absent or empty: ``default``. For the
    handlers that read their parameters without FastAPI's per-parameter machinery (the events page)."""
    raw = (query.get(name) or "").strip()
    if not raw:
        return default
    if not re.fullmatch(r"[+-]?\d{1,12}", raw):
        raise BadParameter(name, f"{raw[:50]!r} is not a whole number")
    value = int(raw)
    if not low <= value <= high:
        raise BadParameter(name, f"{value} is not from {low} to {high}")
    return value


def check_target(target: str | None) -> str:
    """The stance target, stripped; 422 unless 2..200 characters."""
    target = (target or "").strip()
    if len(target) < 2:
        raise BadParameter("target", "give an actor or a proposal of at least 2 characters")
    if len(target) > 200:
        raise BadParameter("target", "is longer than 200 characters")
    return target


async def _target(
    target: str | None = Query(None, description="an actor or a proposal (ceasefire, sanctions ...)"),
) -> str:
    return check_target(target)


async def _actor_params(
    q: str | None = Query(None, description="substring of a name or the knowledge entry"),
    country: str | None = Query(None, description="alpha-3 code"),
    sector: str | None = Query(None, description="PLOVER sector code (GOV, MIL, ...)"),
    kind: str | None = Query(None, description="state, organisation, group, person, collective, place, unresolved"),
    resolved: str | None = Query(None, description="true: resolved actors only; false: bare mentions only"),
    sort: str | None = Query(
        None,
        description="events, articles, mentions, name, as_source or as_target; -name for descending (default -events)",
    ),
) -> dict[str, str]:
    raw = {"q": q, "country": country, "sector": sector, "kind": kind, "resolved": resolved, "sort": sort}
    return listings.ACTORS.parse(raw)


async def _statement_params(
    speaker: str | None = Query(None, description="substring of the speaker's name or mention, or an actor key"),
    speaker_country: str | None = Query(None, description="alpha-3 code of the speaker"),
    kind: str | None = Query(None, description="quoted or reported"),
    venue: str | None = Query(None, description="where it was said, exactly"),
    publisher: str | None = Query(None, description="the article's publisher, exactly"),
    date_from: str | None = Query(None, description="first date, YYYY-MM-DD"),
    date_to: str | None = Query(None, description="last date, YYYY-MM-DD"),
    q: str | None = Query(None, description="text search in the words, cue and speaker"),
    duplicates: str | None = Query(None, description="true to include statements of near-duplicate articles"),
    sort: str | None = Query(
        None, description="date, speaker, publisher or venue; -name for descending (default -date)"
    ),
) -> dict[str, str]:
    raw = {
        "speaker": speaker, "speaker_country": speaker_country, "kind": kind, "venue": venue, "publisher": publisher,
        "date_from": date_from, "date_to": date_to, "q": q, "duplicates": duplicates, "sort": sort,
    }  # fmt: skip
    return listings.STATEMENTS.parse(raw)


ActorParams = Annotated[dict[str, str], Depends(_actor_params)]
StatementParams = Annotated[dict[str, str], Depends(_statement_params)]
Actors = Annotated[
    Literal["resolved", "all"],
    Query(description="resolved: actors the knowledge files or rules resolved; all: bare mentions too"),
]
Span = Annotated[
    Literal["robust", "all"],
    Query(description="robust: the dates where most events are, the rest listed apart; all: every date"),
]
Filters = Annotated[EventFilters, Depends(_filters)]
Target = Annotated[str, Depends(_target)]

__all__ = [
    "FILTER_NAMES", "PAGE_SIZE", "ActorParams", "Actors", "Filters", "Span", "StatementParams", "Target",
    "check_target", "whole",
]  # fmt: skip
