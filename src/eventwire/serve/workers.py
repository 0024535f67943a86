"""Worker processes for ``serve``, each listening on a socket of its own (``SO_REUSEPORT``).

With one shared listening socket (uvicorn's ``workers=``), the first worker to wake accepts every
connection waiting at that moment, and a kept-alive connection stays where it landed: ten clients
that connect together can all end up on one worker while the other idles (seen under
``bench/load.py``: one worker did 1,000 requests, the other none). With a socket per worker bound
with ``SO_REUSEPORT``, the kernel spreads new connections over the workers. Only processes of the
same user can bind the port too. Where the option is missing, ``serve`` keeps uvicorn's workers.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import socket
import sys
import threading
from typing import Any

APP = "eventwire.serve.app:app_from_env"
STARTUP_FAILURE = 3  # uvicorn's exit code for a worker that could not start: restarting it would fail again


def supported() -> bool:
    """Whether the kernel spreads connections over sockets bound with ``SO_REUSEPORT`` (Linux does)."""
    return sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")


def listening_socket(host: str, port: int, *, shared: bool = True) -> socket.socket:
    """A TCP socket bound to ``host:port`` that other workers may bind as well (``shared``, ``SO_REUSEPORT``)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if shared:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    try:
        sock.bind((host.strip("[]"), port))
    except OSError:
        sock.close()
        raise
    return sock


def check_port(host: str, port: int) -> None:
    """Fail (``OSError``, address in use) if anyone holds ``host:port``, another eventwire server included.

    The check binds without ``SO_REUSEPORT``: a socket with it would share the port with a server
    already running, and the kernel would split connections between the two without a word.
    """
    listening_socket(host, port, shared=False).close()


def _worker(options: dict[str, Any]) -> None:
    """One worker process: its own socket, then uvicorn on it, the app built from the environment."""
    import uvicorn

    sock = listening_socket(options["host"], options["port"])
    uvicorn.Server(uvicorn.Config(APP, factory=True, **options)).run(sockets=[sock])


def run(options: dict[str, Any], workers: int) -> None:
    """Run ``workers`` processes until SIGINT or SIGTERM, then stop them (each finishes gracefully);
    a worker that dies is replaced, unless it could not start at all."""
    check_port(options["host"], options["port"])  # a taken port fails here, once, clearly
    spawn = multiprocessing.get_context("spawn")  # a fresh interpreter: no DuckDB handle or thread inherited
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())

    def start() -> multiprocessing.process.BaseProcess:
        process = spawn.Process(target=_worker, args=(options,), name="eventwire-serve-worker")
        process.start()
        return process

    processes = [start() for _ in range(workers)]
    while not stop.wait(0.5):
        for i, process in enumerate(processes):
            if process.is_alive():
                continue
            if process.exitcode == STARTUP_FAILURE:
                stop.set()
                break
            processes[i] = start()
    for process in processes:
        if process.is_alive():
            os.kill(process.pid, signal.SIGTERM)
    for process in processes:
        process.join()
    if any(p.exitcode == STARTUP_FAILURE for p in processes):
        raise SystemExit("a worker could not start (see its log above)")


__all__ = ["check_port", "listening_socket", "run", "supported"]
