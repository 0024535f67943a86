"""``serve()`` as ``eventwire serve`` runs it: worker processes that attach the same file read-only."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx2 as httpx  # starlette.testclient uses httpx2 too (httpx is deprecated there)
import pytest

SRC = Path(__file__).resolve().parents[2] / "src"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("workers", [1, 2])
def test_serve_answers_from_every_worker(db_path, workers):
    port = free_port()
    code = f"from eventwire.serve import serve; serve({str(db_path)!r}, port={port}, workers={workers})"
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    proc = subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/events", timeout=2)
                break
            except httpx.HTTPError:
                assert proc.poll() is None, proc.stderr.read().decode()
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.1)
        assert r.status_code == 200 and r.json()["total"] == 6
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as c:  # several connections reach both workers
            assert all(c.get(f"/api/events?limit=1&offset={i}").status_code == 200 for i in range(20))
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_serve_refuses_a_file_that_is_not_a_store(tmp_path):
    import duckdb

    from eventwire.errors import ConfigError
    from eventwire.serve import serve

    path = tmp_path / "other.duckdb"
    duckdb.connect(str(path)).execute("CREATE TABLE t (x INTEGER)").close()
    with pytest.raises(ConfigError, match="not an eventwire database"):
        serve(path, port=free_port())


def test_the_command_passes_review_and_code_limits(db_path, tmp_path, monkeypatch):
    from click.testing import CliRunner

    import eventwire.serve
    from eventwire.cli import main
    from eventwire.serve.coding import CodeLimits

    calls = []
    monkeypatch.setattr(eventwire.serve, "serve", lambda db, **kw: calls.append((db, kw)))
    review = tmp_path / "c.jsonl"
    args = ["serve", "--db", str(db_path), "--review", str(review), "--code-timeout", "12", "--code-queue", "1"]
    run = CliRunner().invoke(main, args)
    assert run.exit_code == 0, run.output
    ((db, kw),) = calls
    assert db == str(db_path) and kw["review"] == str(review)
    assert kw["code_limits"] == CodeLimits(timeout=12.0, queue=1)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="SO_REUSEPORT spreads connections on Linux")
def test_worker_sockets_share_the_port_and_the_connections():
    import select

    from eventwire.serve import workers

    port = free_port()
    listeners = [workers.listening_socket("127.0.0.1", port) for _ in range(2)]
    clients = []
    try:
        for s in listeners:
            s.listen(64)
        clients = [socket.create_connection(("127.0.0.1", port)) for _ in range(24)]
        accepted = {id(s): 0 for s in listeners}
        deadline = time.monotonic() + 5
        while sum(accepted.values()) < len(clients) and time.monotonic() < deadline:
            for s in select.select(listeners, [], [], 0.5)[0]:
                s.accept()[0].close()
                accepted[id(s)] += 1
        assert sum(accepted.values()) == 24
        assert min(accepted.values()) > 0  # both took some (all 24 on one: odds 1 in 8 million)
    finally:
        for s in clients + listeners:
            s.close()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="SO_REUSEPORT spreads connections on Linux")
def test_a_port_another_servers_workers_hold_is_refused_before_any_worker_starts():
    from eventwire.serve import workers

    port = free_port()
    other = workers.listening_socket("127.0.0.1", port)  # a worker of a server already running
    other.listen(8)
    try:
        with pytest.raises(OSError):
            workers.run({"host": "127.0.0.1", "port": port}, 2)
    finally:
        other.close()
    workers.check_port("127.0.0.1", port)  # free again: no error
