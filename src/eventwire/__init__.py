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
    """Code one article: a page as saved, read as ``eventwire code page.txt`` (or ``page.html``) reads it.

    ``meta`` (id, title, publisher, credit, byline, dateline, url, origin) wins over what the page says.
    """
    if not isinstance(text, str):
        from eventwire.errors import InputError

        raise InputError(f"text must be a string, not {type(text).__name__}")
    from eventwire.ingest import read_page

    return next(get_pipeline(settings).code_many([read_page(text, published=published, **meta)]))


def code_many(items: Iterable[str | dict | Article], *, settings: Settings | None = None) -> Iterator[Result]:
    """Code many articles, streaming results in order; a bad item becomes a skipped result, as in the CLI.

    A text is read as a page (like a .txt or .html file), a dict as a JSON Lines record, an Article as it is.
    """
    from eventwire import errors
    from eventwire.ingest import Skipped, _skip, read_page, record_item

    def articles() -> Iterator[Article | Skipped]:
        for n, item in enumerate(items):
            where = f"item {n}"
            if isinstance(item, Article):
                yield item
            elif isinstance(item, str):
                yield read_page(item, origin=where)
            elif isinstance(item, dict):
                origin = item.get("origin") if isinstance(item.get("origin"), str) else None
                yield record_item(item, origin=origin or where)
            else:
                yield _skip(f"{errors.SKIP_BAD_RECORD}: expected a text, a dict or an Article, not "
                            f"{type(item).__name__}", origin=where)  # fmt: skip

    yield from get_pipeline(settings).code_many(articles())
