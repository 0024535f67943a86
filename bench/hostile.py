"""Hostile corpus: every input yields one record or one skip reason, nothing hangs, memory stays bounded.

    python bench/hostile.py [--big-mb 100] [--runon 99000] [--time-budget 60]

Builds a folder of inputs written to break things (own-written, generated here):
lone surrogates in JSON fields, a run-on article without a sentence end, WARC
files cut in a header / short of their Content-Length / garbage after the
version line, a FIFO, a dangling symlink, an unreadable subfolder, binary,
NUL bytes, a huge text file, deep JSON, plus good articles around them. Runs
``eventwire code FOLDER --db DB -o OUT`` and prints, per input, whether it was
coded, skipped (with reason) or lost, then tried / coded / skipped / lost, the
wall time and the peak memory of the run, and the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from eventwire.machine import machine_line

ROOT = Path(__file__).resolve().parents[1]
GOOD = "The regional council approved a new water budget on Monday after a long debate, its chair said."


def build(folder: Path, *, big_mb: int, runon: int) -> list[str]:
    """Write the hostile inputs; return the names a record must name (one per input article)."""
    names: list[str] = []

    def put(name: str, data: bytes) -> None:
        (folder / name).write_bytes(data)
        names.append(name)

    put("good.txt", GOOD.encode())
    lines = [
        json.dumps({"id": "ok", "text": GOOD}),
        '{"id": "sur-title", "text": "' + GOOD + '", "title": "T \\udc80"}',
        '{"id": "sur-text", "text": "Ministers met \\ud800 on Monday to discuss the dam, officials said."}',
        '{"id": "deep", "text": ' + "[" * 5000 + "]" * 5000 + "}",
        "not json at all",
    ]
    (folder / "records.jsonl").write_text("\n".join(lines) + "\n")
    names += [f"records.jsonl:{i}" for i in range(1, len(lines) + 1)]
    put("runon.txt", (("The union attacked the board and " * (runon // 33 + 1))[:runon]).encode())
    put("binary.bin", bytes(range(256)) * 64)
    put("nul.txt", b"The mayor said\x00 the bridge would reopen.")
    put("big.txt", b"The committee met again. " * (big_mb * 1_000_000 // 25))
    record = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http; msgtype=response\r\n"
    put("cut-header.warc", record[:40])
    put("short-body.warc", record + b"Content-Length: 5000\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<p>" + GOOD.encode())
    put("garbage.warc", b"WARC/1.0\r\n\x00\x01\x02 nothing here")
    os.mkfifo(folder / "pipe.txt")
    names.append("pipe.txt")
    os.symlink(folder / "gone.txt", folder / "dangling.txt")
    names.append("dangling.txt")
    locked = folder / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text(GOOD)
    locked.chmod(0)
    names.append("locked")
    return names


def run(folder: Path, out: Path, db: Path, budget: float) -> tuple[float, int, int]:
    cmd = [sys.executable, "-m", "eventwire", "code", str(folder), "--db", str(db), "-o", str(out), "--quiet",
           "--time-budget", str(budget)]  # fmt: skip
    env = dict(
        os.environ, PYTHONPATH=os.pathsep.join(p for p in [str(ROOT / "src"), os.environ.get("PYTHONPATH")] if p)
    )
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode:
        print(proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "no message", file=sys.stderr)
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, peak_kb, proc.returncode


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--big-mb", type=int, default=100, help="size of the huge text file (MB)")
    ap.add_argument("--runon", type=int, default=99_000, help="characters of the run-on article")
    ap.add_argument("--time-budget", type=float, default=60.0)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "hostile"
        folder.mkdir()
        names = build(folder, big_mb=args.big_mb, runon=args.runon)
        out, db = Path(tmp) / "out.jsonl", Path(tmp) / "out.duckdb"
        try:
            seconds, peak_kb, code = run(folder, out, db, args.time_budget)
        finally:
            (folder / "locked").chmod(0o755)
        records = [json.loads(line) for line in out.read_text().splitlines()] if out.exists() else []
    outcomes: Counter = Counter()
    for name in names:
        hits = [r for r in records if name in json.dumps(r["article"].get("origin") or r["article"]["id"])]
        if not hits:
            outcomes["lost"] += 1
            print(f"  {name:24} LOST (no record)")
            continue
        r = hits[0]
        outcomes[r["status"]] += 1
        print(f"  {name:24} {r['status']:8} {(r.get('reason') or '')[:90]}")
    print(
        f"tried {len(names)}, coded {outcomes['coded']}, skipped {outcomes['skipped']}, lost {outcomes['lost']}; "
        f"exit {code}, {seconds:.1f} s, peak RSS {peak_kb / 1024:.0f} MB"
    )
    print(machine_line())


if __name__ == "__main__":
    main()
