"""Stand-ins for the spaCy pipeline in ``POST /api/code`` tests (importable by name: the coding
processes load them)."""

from __future__ import annotations

import time

from eventwire.schema import Result


class FakePipeline:
    """One event-free result per article, at once."""

    def code_many(self, articles):
        for article in articles:
            yield Result(article=article)


class SlowPipeline(FakePipeline):
    """Like FakePipeline, but an article holding 'SLOW' takes a minute (a hostile text)."""

    def code_many(self, articles):
        for article in articles:
            if "SLOW" in (article.text or ""):
                time.sleep(60)
            yield Result(article=article)
