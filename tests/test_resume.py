"""kill -9 in the middle of a ``--db`` run, then resume: the same rows as a clean run, no duplicates."""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eventwire.store import Store

ROOT = Path(__file__).resolve().parents[1]
CLI = "from eventwire.cli import main; main()"


def _make_corpus(path: Path, size: int) -> None:
    spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "bench" / "make_corpus.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    with open(path, "w", encoding="utf-8") as fh:
        fh.writelines(mod.generate(size, seed=3, duplicates=0.15))


def _env() -> dict[str, str]:
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    env["PYTHONPATH"] = os.pathsep.join(p for p in [str(ROOT / "src"), env.get("PYTHONPATH", "")] if p)
    return env


def _code(corpus: Path, db: Path, *extra: str) -> subprocess.CompletedProcess:
    args = [sys.executable, "-c", CLI, "code", str(corpus), "--db", str(db), "-o", os.devnull, "--quiet", *extra]
    return subprocess.run(args, env=_env(), capture_output=True, text=True, timeout=300)


def _kill_after(corpus: Path, db: Path, n_records: int, *extra: str) -> int:
    """Start a run that also streams records to stdout; SIGKILL its process group after ``n_records``."""
    args = [sys.executable, "-c", CLI, "code", str(corpus), "--db", str(db), "-o", "-", "--quiet", *extra]
    proc = subprocess.Popen(args, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, start_new_session=True)
    seen = 0
    deadline = time.monotonic() + 240
    try:
        while seen < n_records and time.monotonic() < deadline:
            if not proc.stdout.readline():
                break
            seen += 1
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    return seen


def _snapshot(db: Path) -> dict:
    with Store(db, read_only=True) as store:
        return store.snapshot()


@pytest.fixture(scope="module")
def clean_run(tmp_path_factory) -> tuple[Path, dict]:
    """A small generated corpus (with syndicated copies) coded once, without interruption."""
    folder = tmp_path_factory.mktemp("resume")
    corpus = folder / "corpus.jsonl"
    _make_corpus(corpus, 60_000)
    clean = _code(corpus, folder / "clean.duckdb")
    assert clean.returncode == 0, clean.stderr[-2000:]
    return corpus, _snapshot(folder / "clean.duckdb")


@pytest.mark.parametrize("workers", ["1", "2"])
def test_resume_after_kill_9_gives_the_rows_of_a_clean_run(tmp_path, clean_run, workers):
    corpus, want = clean_run
    n_articles = sum(1 for _ in open(corpus))
    assert sum(1 for a in want["articles"] if a[2]) >= 2, "the corpus must hold copies for resume to re-link"

    db = tmp_path / "killed.duckdb"
    seen = _kill_after(corpus, db, n_articles // 3, "--workers", workers)
    assert 0 < seen < n_articles, "the run must be killed in the middle"
    resumed = _code(corpus, db, "--workers", workers)
    assert resumed.returncode == 0, resumed.stderr[-2000:]

    got = _snapshot(db)
    assert len(got["articles"]) == n_articles
    assert got["repeated"] == 0 and got["orphans"] == 0
    assert got["articles"] == want["articles"]  # same ids, statuses, duplicate links and event counts
    assert got["events"] == want["events"]
    assert got["statements"] == want["statements"]
