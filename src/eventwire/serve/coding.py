"""``POST /api/code`` without letting a few requests take the server down.

The pipeline runs in child processes, never in the server's own threads: a child can be stopped at
any moment (a thread cannot), and its memory goes back when it does. There are two *lanes*, each one
child coding one article at a time: texts up to ``long_chars`` characters take the short lane,
longer ones the long lane, so long (or hostile) texts never hold up ordinary articles. Per lane at
most ``queue`` requests wait; one more gets 503 at once. A request that takes longer than
``timeout`` seconds, waiting included, gets 504; when it was running, its child is stopped, and so is
the child of a request whose client went away. A stopped child is started again, loading the model
again, for the next request of its lane. Each lane loads its own model on first use; a long text
also starts the short lane, so that it is warm when ordinary articles come after hostile ones. Closing the service (the app's
shutdown, e.g. on SIGTERM) stops the children.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

DEFAULT_TIMEOUT = 30.0
DEFAULT_QUEUE = 2
DEFAULT_LONG_CHARS = 20_000
_POLL = 0.1  # seconds between checks of the client and the clock


class CodeBusy(Exception):
    """Too many requests wait already: 503."""


class CodeTimeout(Exception):
    """The request took longer than its limit: 504."""


class ClientGone(Exception):
    """The client went away: nobody to answer."""


@dataclass(frozen=True)
class CodeLimits:
    """How much ``POST /api/code`` may take."""

    timeout: float = DEFAULT_TIMEOUT  # seconds a request may take, waiting for its lane included
    queue: int = DEFAULT_QUEUE  # requests that may wait for each lane; one more gets 503
    long_chars: int = DEFAULT_LONG_CHARS  # texts longer than this take the long lane


def _child_main(conn, factory: Callable[[], Any]) -> None:
    """A lane's child: load the pipeline once, then code one article per message until the pipe closes."""
    pipeline = factory()
    while True:
        try:
            article = conn.recv()
        except (EOFError, OSError):
            return
        try:
            result = next(iter(pipeline.code_many([article])))
            conn.send(("ok", result.to_dict()))
        except Exception as err:  # a failure of this article, reported to its request; the child goes on
            conn.send(("error", f"{type(err).__name__}: {err}"))


class Lane:
    """One child process and the requests waiting for it."""

    def __init__(self, name: str, factory: Callable[[], Any]) -> None:
        self.name = name
        self.factory = factory
        self.process: multiprocessing.process.BaseProcess | None = None
        self.conn = None
        self.lock = asyncio.Lock()
        self.admitted = 0  # requests running or waiting in this lane
        self.stopped = 0  # children stopped because of a time limit or a departed client

    def start(self) -> None:
        if self.process is not None and self.process.is_alive():
            return
        context = multiprocessing.get_context("spawn")  # no fork of a server with threads and DuckDB
        parent, child = context.Pipe()
        self.process = context.Process(
            target=_child_main, args=(child, self.factory), name=f"eventwire-code-{self.name}", daemon=True
        )
        self.process.start()
        child.close()
        self.conn = parent

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.kill()
        self.process.join(timeout=5)
        if self.conn is not None:
            self.conn.close()
        self.process, self.conn = None, None

    async def _wait_turn(self, deadline: float, gone: Callable[[], Awaitable[bool]]) -> None:
        while True:
            try:
                await asyncio.wait_for(self.lock.acquire(), timeout=_POLL)
                return
            except TimeoutError:
                if await gone():
                    raise ClientGone from None
                if time.monotonic() > deadline:
                    raise CodeTimeout from None

    async def code(self, article: Any, deadline: float, gone: Callable[[], Awaitable[bool]], queue: int) -> dict:
        if self.admitted >= queue + 1:  # one running, ``queue`` waiting
            raise CodeBusy
        self.admitted += 1
        try:
            await self._wait_turn(deadline, gone)
            try:
                return await self._run(article, deadline, gone)
            finally:
                self.lock.release()
        finally:
            self.admitted -= 1

    async def _run(self, article: Any, deadline: float, gone: Callable[[], Awaitable[bool]]) -> dict:
        self.start()
        conn = self.conn
        loop = asyncio.get_running_loop()
        ready = asyncio.Event()
        loop.add_reader(conn.fileno(), ready.set)
        done = False
        try:
            conn.send(article)
            while not conn.poll():
                ready.clear()
                try:
                    await asyncio.wait_for(ready.wait(), timeout=_POLL)
                except TimeoutError:
                    pass
                if await gone():
                    raise ClientGone
                if time.monotonic() > deadline:
                    raise CodeTimeout
                if not self.process.is_alive() and not conn.poll():
                    raise RuntimeError(f"the {self.name} coding process died (exit code {self.process.exitcode})")
            status, value = conn.recv()
            done = True
        finally:
            loop.remove_reader(conn.fileno())
            if not done:  # stopped mid-article (time limit, client gone, cancelled, died): never reuse it
                self.stopped += 1
                self.stop()
        if status != "ok":
            raise RuntimeError(value)
        return value


class CodeService:
    """The two lanes and the limits of ``POST /api/code``."""

    def __init__(self, factory: Callable[[], Any], limits: CodeLimits | None = None) -> None:
        self.limits = limits or CodeLimits()
        self.lanes = {"short": Lane("short", factory), "long": Lane("long", factory)}

    def lane_for(self, text: str) -> Lane:
        return self.lanes["long" if len(text) > self.limits.long_chars else "short"]

    async def code(self, article: Any, gone: Callable[[], Awaitable[bool]]) -> dict:
        """The record of ``article`` (an :class:`eventwire.schema.Article`), or CodeBusy / CodeTimeout /
        ClientGone."""
        deadline = time.monotonic() + self.limits.timeout
        lane = self.lane_for(article.text or "")
        self.lanes["short"].start()  # long texts warm the short lane too: ordinary articles must not wait
        return await lane.code(article, deadline, gone, self.limits.queue)

    def close(self) -> None:
        for lane in self.lanes.values():
            lane.stop()


__all__ = ["ClientGone", "CodeBusy", "CodeLimits", "CodeService", "CodeTimeout"]
