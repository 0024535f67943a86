"""A per-article time budget: no article may hold a worker longer than ``Settings.time_budget``.

Every stage is meant to be linear in the article, but a hostile or broken text
(a 99,000-character "sentence") can still find a slow path. The budget makes
that an outcome, ``skipped: timeout``, instead of a hang.

In a process's main thread (the CLI, ``--workers`` processes) the budget is a
real interrupt: a ``SIGALRM`` timer raises :class:`ArticleTimeout` wherever the
code is, and the previous handler is put back after each article. A program
that runs its own ``ITIMER_REAL`` alarm keeps it: then, as in threads (a server,
a Dask worker) where signals are not available, the pipeline only checks the
deadline between its steps.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class ArticleTimeout(Exception):
    """An article went over its time budget."""


class Deadline:
    """A point in time after which ``check()`` raises :class:`ArticleTimeout`."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.at = time.monotonic() + seconds if seconds else None

    def check(self) -> None:
        if self.at is not None and time.monotonic() > self.at:
            raise ArticleTimeout(f"over the time budget of {self.seconds:g} s")


@contextmanager
def time_budget(seconds: float | None) -> Iterator[Deadline]:
    """Run the block under a budget of ``seconds`` (None or 0: no budget)."""
    deadline = Deadline(seconds)
    if not seconds or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield deadline
        return

    def interrupt(signum, frame):
        raise ArticleTimeout(f"over the time budget of {seconds:g} s")

    if signal.getitimer(signal.ITIMER_REAL)[0] > 0:
        yield deadline  # the host program has its own alarm running: never take it over, check between steps
        return
    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield deadline
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
