"""eventwire: news articles in, political event data you can check out.

    >>> import eventwire
    >>> result = eventwire.code("MOSCOW (Wire) - Russia accused Poland of ...", published="2022-03-27")
    >>> [(e.source.name, e.event_type, e.target.name) for e in result.events]

``code`` returns one :class:`~eventwire.schema.Result`; ``code_many`` streams
them. Both load the pipeline once per process and settings.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from functools import lru_cache

from eventwire.schema import SCHEMA_VERSION, Article, Result
from eventwire.settings import Settings

__all__ = ["SCHEMA_VERSION", "Article", "Result", "Settings", "code", "code_many", "get_pipeline"]
__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())


def get_pipeline(settings: Settings | None = None):
    """The pipeline for ``settings`` (default settings if None), loaded once per process."""
    return _pipeline_for(settings or Settings())


@lru_cache(maxsize=2)
def _pipeline_for(settings: Settings):
    from eventwire.pipeline import Pipeline

    return Pipeline(settings)


def code(text: str, published: str | None = None, *, settings: Settings | None = None, **meta) -> Result:
    """Code one article. ``meta``: id, title, publisher, credit, byline, dateline, url."""
    if not isinstance(text, str):
        from eventwire.errors import InputError

        raise InputError(f"text must be a string, not {type(text).__name__}")
    return next(code_many([dict(text=text, published=published, **meta)], settings=settings))


def code_many(items: Iterable[str | dict | Article], *, settings: Settings | None = None) -> Iterator[Result]:
    """Code many articles (texts, dicts with Article fields, or Articles), streaming results in order."""
    from eventwire.errors import InputError
    from eventwire.ingest import article_from_record, make_article

    def articles() -> Iterator[Article]:
        for n, item in enumerate(items):
            if isinstance(item, Article):
                yield item
            elif isinstance(item, str):
                yield make_article(item)
            elif isinstance(item, dict):
                yield article_from_record(item, origin=item.get("origin"))
            else:
                raise InputError(f"item {n}: expected a text, a dict or an Article, not {type(item).__name__}")

    yield from get_pipeline(settings).code_many(articles())
