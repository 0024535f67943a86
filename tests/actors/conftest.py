"""A resolver loaded once for the actor tests, and a helper to resolve a text."""

from __future__ import annotations

import pytest

from eventwire.actors import ActorResolver


@pytest.fixture(scope="session")
def resolver() -> ActorResolver:
    return ActorResolver.from_files()


@pytest.fixture()
def resolve(nlp, resolver):
    """resolve(text, published=None) -> ArticleActors."""

    def run(text: str, published: str | None = "2022-05-09", *, using: ActorResolver | None = None):
        return (using or resolver).resolve(nlp(text), published)

    return run


def actor_at(actors, text: str, phrase: str, nth: int = 0):
    """The actor whose mention covers the first token of ``phrase`` (nth occurrence) in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    for mention in actors.mentions:
        span = actors.doc[mention.token_start : mention.token_end]
        if span.start_char <= start < span.end_char:
            return actors.actors[mention.actor_id]
    return None
