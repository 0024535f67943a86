"""uvicorn's h11 protocol with a deadline for request headers.

uvicorn closes idle keep-alive connections, but a client that opens a connection and sends its
headers one byte a minute (or never finishes them) holds it forever; a few thousand such clients
fill ``limit_concurrency`` and every later request gets 503. Here a connection whose headers are not
complete ``header_timeout`` seconds after its first byte (or after it opened) is closed.
"""

from __future__ import annotations

import asyncio

from uvicorn.protocols.http.h11_impl import H11Protocol

DEFAULT_HEADER_TIMEOUT = 10.0


class HeaderTimeoutProtocol(H11Protocol):
    """H11Protocol that closes connections whose request headers take longer than ``header_timeout``."""

    header_timeout: float = DEFAULT_HEADER_TIMEOUT

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._header_timer: asyncio.TimerHandle | None = None
        self._arm()

    def _between_requests(self) -> bool:
        return self.cycle is None or self.cycle.response_complete

    def _arm(self) -> None:
        if self._header_timer is None and self._between_requests():
            self._header_timer = self.loop.call_later(self.header_timeout, self._headers_too_slow)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def data_received(self, data: bytes) -> None:
        self._arm()  # the first bytes of a next request on a kept-alive connection start the clock again
        super().data_received(data)
        if not self._between_requests():  # the headers are in: a request runs
            self._disarm()

    def on_response_complete(self) -> None:
        self._disarm()
        super().on_response_complete()  # the keep-alive timeout takes over until the next bytes

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _headers_too_slow(self) -> None:
        self._header_timer = None
        if self._between_requests() and not self.transport.is_closing():
            self.transport.close()


__all__ = ["DEFAULT_HEADER_TIMEOUT", "HeaderTimeoutProtocol"]
