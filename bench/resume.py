"""Kill -9 loop: kill a ``--db`` run again and again, finish it, and compare with a clean run.

    python bench/make_corpus.py --size 200KB -o /tmp/corpus-200kb.jsonl
    python bench/resume.py /tmp/corpus-200kb.jsonl --kills 10 --workers 2

Each round starts ``eventwire code PATH --db DB`` and sends SIGKILL to its
whole process group after 30-90 % of a clean run's time (often mid-transaction), then a last
run finishes the job. The result must equal a clean run: the same articles
(status, duplicate links, event counts), the same event ids, no repeated ids,
no orphan rows. Prints one line per round and a verdict; exits 1 on a mismatch.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from eventwire.machine import machine_line
from eventwire.store import Store

ROOT = Path(__file__).resolve().parents[1]
CLI = "from eventwire.cli import main; main()"


def _cmd(corpus: str, db: Path, workers: int) -> list[str]:
    return [sys.executable, "-c", CLI, "code", corpus, "--db", str(db), "-o", os.devnull, "--quiet",
            "--workers", str(workers)]  # fmt: skip


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in [str(ROOT / "src"), env.get("PYTHONPATH", "")] if p)
    return env


def snapshot(db: Path) -> dict:
    with Store(db, read_only=True) as store:
        return store.snapshot()


def main(argv: list[str] | None = None) -> int:
    print(machine_line())
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus")
    ap.add_argument("--kills", type=int, default=10)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    tmp = Path(tempfile.mkdtemp(prefix="eventwire-resume-"))
    clean = tmp / "clean.duckdb"
    started = time.monotonic()
    subprocess.run(_cmd(args.corpus, clean, args.workers), env=_env(), check=True)
    clean_seconds = time.monotonic() - started
    want = snapshot(clean)
    db = tmp / "killed.duckdb"
    for k in range(args.kills):
        proc = subprocess.Popen(_cmd(args.corpus, db, args.workers), env=_env(), start_new_session=True)
        time.sleep(rng.uniform(0.3, 0.9) * clean_seconds)
        finished = proc.poll() is not None
        if not finished:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        n = len(snapshot(db)["articles"]) if db.exists() else 0
        print(f"round {k + 1}: {'finished before the kill' if finished else 'killed'}, {n} articles stored", flush=True)
    subprocess.run(_cmd(args.corpus, db, args.workers), env=_env(), check=True)
    got = snapshot(db)
    same = got["articles"] == want["articles"] and got["events"] == want["events"]
    print(
        f"clean: {len(want['articles'])} articles, {len(want['events'])} events; after {args.kills} kills: "
        f"{len(got['articles'])} articles, {len(got['events'])} events; repeated ids {got['repeated']}, "
        f"orphan events {got['orphans']}; {'SAME' if same else 'DIFFERENT'}"
    )
    return 0 if same and got["repeated"] == 0 and got["orphans"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
