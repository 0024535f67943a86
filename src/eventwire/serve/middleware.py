"""ASGI middleware of the explorer: request guards (body size and time, Host names), security headers,
the cache of GET responses, and the cache of serialized and rendered event rows.

All of them rely on one fact: the store cannot change while it is served (attached read-only; DuckDB
lets no other process write it meanwhile), so the same URL always gets the same answer.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import duckdb
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eventwire.serve import queries

DEFAULT_BODY_TIMEOUT = 30.0
STREAMED = (".csv", ".jsonl")  # downloads: streamed, never cached
SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]  # fmt: skip


class Guard:
    """Caps request bodies (Content-Length, the bytes actually sent, and the time to send them), adds
    security headers and, when told which, refuses other Host names (a page elsewhere that rebinds
    its DNS name to 127.0.0.1 would otherwise read the API)."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_body_bytes: int,
        allowed_hosts: frozenset[str] | None = None,
        body_timeout: float = DEFAULT_BODY_TIMEOUT,
    ) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.body_timeout = body_timeout
        self.allowed_hosts = allowed_hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS
            await send(message)

        headers = dict(scope.get("headers") or [])
        if self.allowed_hosts is not None and _host_name(headers.get(b"host", b"")) not in self.allowed_hosts:
            await _send_json(
                send_with_headers, 400, "this server only answers to " + ", ".join(sorted(self.allowed_hosts))
            )
            return
        length = headers.get(b"content-length")
        too_big = f"request body is larger than {self.max_body_bytes} bytes"
        if length is not None:
            if not length.isdigit():
                await _send_json(send_with_headers, 400, "Content-Length is not a number")
                return
            if int(length) > self.max_body_bytes:
                await _send_json(send_with_headers, 413, too_big)
                return
        elif b"transfer-encoding" not in headers:
            await self.app(scope, receive, send_with_headers)
            return
        body = bytearray()
        deadline = time.monotonic() + self.body_timeout
        while True:
            try:  # a body sent a byte a minute must not hold a request slot forever
                message = await asyncio.wait_for(receive(), timeout=max(0.0, deadline - time.monotonic()))
            except TimeoutError:
                await _send_json(send_with_headers, 408, f"the request body took longer than {self.body_timeout:g} s")
                return
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            if len(body) > self.max_body_bytes:
                await _send_json(send_with_headers, 413, too_big)
                return
            if not message.get("more_body"):
                break
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": bytes(body), "more_body": False}
            return await receive()

        await self.app(scope, replay, send_with_headers)


class ResponseCache:
    """Keeps successful GET responses, keyed by path and query string, within a byte budget.

    Correct only because the store cannot change while it is served (it is attached read-only and
    DuckDB lets no other process write it meanwhile): the same URL always gets the same answer.
    """

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.size = 0
        self.entries: OrderedDict[tuple[str, bytes], tuple[int, list, bytes]] = OrderedDict()
        self.lock = threading.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http" or scope["method"] != "GET" or self.max_bytes <= 0
            or scope["path"].endswith(STREAMED)
        ):  # fmt: skip
            await self.app(scope, receive, send)
            return
        key = (scope["path"], scope.get("query_string", b""))
        with self.lock:
            hit = self.entries.get(key)
            if hit is not None:
                self.entries.move_to_end(key)
        if hit is not None:
            status, headers, body = hit
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        start: Message = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body") and start.get("status") == 200:
                    self._keep(key, start["status"], list(start.get("headers", [])), b"".join(chunks))
            await send(message)

        await self.app(scope, receive, capture)

    def _keep(self, key: tuple[str, bytes], status: int, headers: list, body: bytes) -> None:
        cost = len(body) + 512
        if cost > self.max_bytes // 8:  # one huge page must not flush everything else
            return
        with self.lock:
            if key in self.entries:
                return
            self.entries[key] = (status, headers, body)
            self.size += cost
            while self.size > self.max_bytes:
                _, (_, _, old) = self.entries.popitem(last=False)
                self.size -= len(old) + 512


class RowCache:
    """Each event row made once (serialized as JSON, rendered as a table row): the store never changes
    while served, so a page is the cached pieces of its ``ord`` values joined, and only the rows never
    seen are made. Bounded: once ``max_chars`` are kept, new rows are made per request, not kept."""

    def __init__(self, *, max_chars: int = 32_000_000) -> None:
        self.max_chars = max_chars
        self.chars = 0
        self.items: dict[int, Any] = {}

    def get(self, ords: list[int], make: Callable[[list[int]], dict[int, Any]]) -> list[Any]:
        """The pieces of ``ords``, in order; ``make`` makes those missing (``ord -> str or bytes``)."""
        items = self.items
        missing = [o for o in ords if o not in items]
        fresh: dict[int, Any] = {}
        if missing:
            fresh = make(missing)
            if self.chars < self.max_chars:
                self.chars += sum(len(v) for v in fresh.values())
                items.update(fresh)  # dict updates are atomic under the GIL; a race only makes a row twice
        return [items.get(o) or fresh[o] for o in ords]


def event_json(cur: duckdb.DuckDBPyConnection) -> Callable[[list[int]], dict[int, bytes]]:
    """What :class:`RowCache` makes for ``/api/events``: the full rows by ``ord``, as JSON bytes."""
    return lambda ords: {o: json_bytes(row) for o, row in queries.rows_by_ord(cur, ords).items()}


def json_bytes(value: Any) -> bytes:
    """Exactly what JSONResponse would write."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False, indent=None, separators=(",", ":")).encode()


def _host_name(host: bytes) -> str:
    """The Host header without its port: ``127.0.0.1:8000`` -> ``127.0.0.1``, ``[::1]:80`` -> ``[::1]``."""
    text = host.decode("latin-1").strip().lower()
    if text.startswith("["):
        return text[: text.find("]") + 1]
    return text.split(":", 1)[0]


async def _send_json(send: Send, status: int, message: str) -> None:
    body = json.dumps({"ok": False, "error": message, "status": status}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


__all__ = ["DEFAULT_BODY_TIMEOUT", "STREAMED", "Guard", "ResponseCache", "RowCache", "event_json"]
