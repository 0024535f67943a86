"""Throughput and memory: bare spaCy vs the full pipeline, 1 and 2 workers, local and Dask.

    python bench/make_corpus.py --size 1MB -o /tmp/corpus-1mb.jsonl
    python bench/throughput.py /tmp/corpus-1mb.jsonl [--phases bare1,bare2,full1,full2,dask2] [--json out.json]

Each phase runs in its own fresh Python process, so model loads and memory of
one phase never count in another. Rates are articles and words per second of
wall time from a cold start to the last record out: importing eventwire's
modules, loading the model (bare) or the pipeline (full, in the driver or in
the workers) and starting worker processes are inside the clock for every phase
alike; importing spaCy itself, which every phase does, is before it. The
full phases load the pipeline as ``eventwire code`` does (``settle=True``: the
loaded tables are frozen out of the garbage collector's scans, inside the
clock); the bare phases run with Python's default collector. Both parse with
``Settings.batch_size`` texts per ``nlp.pipe`` batch (the pipeline parses each
partition of that many articles in one call). The full phases read the
gazetteer's cache file when an earlier run on the machine wrote it, as a
user's second run does; a first run builds it (~0.4 s more); set
``EVENTWIRE_CACHE_DIR=`` (empty) to time a load without it. eventwire's modules are
byte-compiled before the first phase, as ``pip install`` leaves an installed package (and spaCy):
where ``PYTHONDONTWRITEBYTECODE`` is set and the source was never compiled, every full phase would
otherwise compile it again inside its clock (~0.12 s of CPU, about 1 ms per article of a 120-article
corpus), a cost no installed copy pays. "steady" rates leave out the time to the first record. CPU
time per article (this process plus every descendant, read with psutil) is
the figure that other load on the machine does not change. Peak memory per worker is the highest resident set size seen in any
worker process (sampled every 0.1 s with psutil; the phase process itself when
it codes in-process). On a shared machine use ``--repeat 3``: the phases run
in interleaved rounds and the best round of each is compared. Bars (issue 7): full pipeline with 2 workers at least
0.85 x bare ``nlp.pipe(n_process=2)``; memory per worker at most 1.5 GB and
flat from 1 MB to 50 MB of input.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import subprocess
import sys
import threading
import time
from pathlib import Path

PHASES = {
    "bare1": "bare nlp.pipe, n_process=1",
    "bare2": "bare nlp.pipe, n_process=2",
    "full1": "full pipeline, 1 worker (in-process)",
    "full2": "full pipeline, 2 workers (local process pool)",
    "dask2": "full pipeline, 2 workers (--engine dask, LocalCluster)",
}
ROOT = Path(__file__).resolve().parents[1]
# wall-clock rates suffer when other work shares the CPUs; CPU time per article does not, so both are shown


class MemorySampler:
    """Peak RSS and CPU time of this process and of each descendant process, sampled in a thread.

    CPU time is read per process (psutil), so workers count even when they are
    grandchildren that are never reaped by us (forkserver, Dask nannies).
    """

    def __init__(self, every: float = 0.1) -> None:
        import psutil

        self.me = psutil.Process()
        self.every = every
        self.peaks: dict[int, int] = {}
        self.cpu: dict[int, float] = {}
        self.servers: set[int] = set()  # fork servers: they hold a preloaded pipeline but code nothing
        self.self_peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                self.self_peak = max(self.self_peak, self.me.memory_info().rss)
                for child in self.me.children(recursive=True):
                    try:
                        rss = child.memory_info().rss
                        times = child.cpu_times()
                        if child.pid not in self.peaks and child.ppid() == self.me.pid:
                            if "forkserver" in " ".join(child.cmdline()):
                                self.servers.add(child.pid)
                    except psutil.Error:
                        continue
                    self.peaks[child.pid] = max(self.peaks.get(child.pid, 0), rss)
                    self.cpu[child.pid] = times.user + times.system
            except psutil.Error:
                pass
            self._stop.wait(self.every)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def worker_peaks(self, min_bytes: int = 150_000_000) -> list[int]:
        """Peaks of processes big enough to hold a model (leaves out fork servers, nannies, resource trackers)."""
        return sorted((v for pid, v in self.peaks.items() if v >= min_bytes and pid not in self.servers), reverse=True)

    def cpu_seconds(self) -> float:
        """CPU time of this process plus the last reading of every descendant."""
        t = self.me.cpu_times()
        return t.user + t.system + sum(self.cpu.values())


def _texts(path: str):
    from eventwire.ingest import iter_inputs
    from eventwire.schema import Article

    for item in iter_inputs([path]):
        if isinstance(item, Article) and item.text:
            yield item.text


def run_phase(phase: str, path: str, *, max_seconds: float | None = None, every: float = 60.0) -> dict:
    """Run one phase in this process; return its figures (a timeline of worker memory for long runs)."""
    import spacy  # noqa: F401  # both kinds of phase import spaCy: before the clock for both

    n, words, first_at = 0, 0, None
    timeline: list[dict] = []

    with MemorySampler() as mem:
        # eventwire's own modules are imported inside the clock: a cold start of `eventwire code` pays for
        # them (~0.2 s of CPU for the pipeline's; before, the full phase imported them before its clock)
        if phase.startswith("bare"):
            cpu0 = mem.cpu_seconds()
            start = time.perf_counter()
            from eventwire.nlp import load_nlp
            from eventwire.settings import Settings

            settings = Settings()
            nlp = load_nlp(settings.model)
            for doc in nlp.pipe(_texts(path), batch_size=settings.batch_size, n_process=int(phase[-1])):
                first_at = first_at or time.perf_counter()
                n += 1
                words += len(doc.text.split())
        else:
            cpu0 = mem.cpu_seconds()
            start = time.perf_counter()
            from eventwire.ingest import iter_inputs
            from eventwire.pipeline import Pipeline
            from eventwire.settings import Settings

            settings = Settings()
            pipeline = Pipeline(settings, settle=True) if phase == "full1" else None  # as `eventwire code` loads it
            if pipeline is not None:
                results = pipeline.code_many(iter_inputs([path]))
            else:
                from eventwire.distributed import code_parallel

                engine = "dask" if phase.startswith("dask") else "local"
                results = code_parallel(iter_inputs([path]), settings=settings, workers=2, engine=engine)
            events = 0
            next_report = time.perf_counter() + every
            for result in results:
                first_at = first_at or time.perf_counter()
                if result.status == "coded":
                    n += 1
                    words += len(result.article.text.split())
                    events += len(result.events)
                now = time.perf_counter()
                if now >= next_report:
                    next_report = now + every
                    peaks = mem.worker_peaks() or [mem.self_peak]
                    timeline.append({"s": round(now - start), "articles": n, "peak_worker_mb": round(max(peaks) / 1e6)})
                    print(json.dumps({"progress": timeline[-1]}), file=sys.stderr, flush=True)
                if max_seconds and now - start > max_seconds:
                    results.close()
                    break
        seconds = time.perf_counter() - start
    cpu = mem.cpu_seconds() - cpu0
    steady = seconds - ((first_at or start) - start)
    in_process = phase in ("bare1", "full1")
    peaks = [mem.self_peak] if in_process else mem.worker_peaks()
    out = {
        "phase": phase,
        "what": PHASES[phase],
        "articles": n,
        "words": words,
        "seconds": round(seconds, 2),
        "articles_per_s": round(n / seconds, 2),
        "words_per_s": round(words / seconds),
        "steady_articles_per_s": round((n - 1) / steady, 2) if steady > 0 and n > 1 else None,
        "peak_worker_mb": round(max(peaks) / 1e6) if peaks else None,
        "workers_seen": len(peaks),
        "driver_peak_mb": round(mem.self_peak / 1e6),
        "forkserver_peak_mb": round(max(mem.peaks[p] for p in mem.servers) / 1e6) if mem.servers else None,
        "cpu_seconds": round(cpu, 1),
        "cpu_ms_per_article": round(1000 * cpu / max(n, 1), 1),
    }
    if not phase.startswith("bare"):
        out["events"] = events
    if timeline:
        out["timeline"] = timeline
    if max_seconds and seconds > max_seconds:
        out["stopped_after_s"] = max_seconds
    return out


def machine() -> dict:
    info = {"platform": platform.platform(), "cpus": os.cpu_count(), "python": sys.version.split()[0]}
    try:
        import psutil

        info["memory_gb"] = round(psutil.virtual_memory().total / 1e9, 1)
    except ImportError:
        pass
    try:
        import spacy

        info["spacy"] = spacy.__version__
    except ImportError:
        pass
    return info


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("path", help="JSONL (or any input eventwire reads)")
    ap.add_argument("--phases", default=",".join(PHASES), help="comma-separated: " + ", ".join(PHASES))
    ap.add_argument("--json", help="also write the figures here")
    ap.add_argument("--repeat", type=int, default=1, help="interleaved rounds; figures are the best round of each")
    ap.add_argument("--max-seconds", type=float, help="stop a full-pipeline phase after this long (memory runs)")
    ap.add_argument("--phase", help=argparse.SUPPRESS)  # internal: run one phase in this process
    args = ap.parse_args(argv)
    if args.phase:
        print(json.dumps(run_phase(args.phase, args.path, max_seconds=args.max_seconds)))
        return 0

    compileall.compile_dir(ROOT / "src" / "eventwire", quiet=1)  # as an install leaves it (see the docstring)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in [str(ROOT / "src"), env.get("PYTHONPATH", "")] if p)
    report = {"machine": machine(), "input": args.path, "input_mb": round(Path(args.path).stat().st_size / 1e6, 1)}
    rows: dict[str, dict] = {}
    runs: dict[str, list[dict]] = {}
    for phase in [p for _ in range(args.repeat) for p in args.phases.split(",")]:  # interleaved rounds
        cmd = [sys.executable, __file__, args.path, "--phase", phase]
        if args.max_seconds:
            cmd += ["--max-seconds", str(args.max_seconds)]
        proc = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, text=True)
        if proc.returncode != 0:
            print(f"{phase}: failed (exit {proc.returncode})", file=sys.stderr)
            continue
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        runs.setdefault(phase, []).append(r)
        rows[phase] = max(runs[phase], key=lambda x: x["articles_per_s"])  # best of the rounds
        print(
            f"{r['what']:<52} {r['articles_per_s']:>8.2f} art/s {r['words_per_s']:>8} words/s "
            f"(steady {r['steady_articles_per_s']} art/s) peak/worker {r['peak_worker_mb']} MB "
            f"[{r['workers_seen']} worker(s)] {r['seconds']} s, {r['cpu_ms_per_article']} CPU ms/article",
            flush=True,
        )
    report["phases"] = rows
    report["runs"] = runs
    if args.repeat > 1:
        print(f"best of {args.repeat} interleaved rounds per phase:")
        for r in rows.values():
            print(f"  {r['what']:<52} {r['articles_per_s']:>8.2f} art/s {r['words_per_s']:>8} words/s")
    if "full2" in rows and "bare2" in rows:
        report["ratio_full2_to_bare2"] = round(rows["full2"]["articles_per_s"] / rows["bare2"]["articles_per_s"], 3)
        print(f"ratio full pipeline 2 workers / bare nlp.pipe(n_process=2): {report['ratio_full2_to_bare2']}")
    if "dask2" in rows and "bare2" in rows:
        report["ratio_dask2_to_bare2"] = round(rows["dask2"]["articles_per_s"] / rows["bare2"]["articles_per_s"], 3)
        print(f"ratio dask 2 workers / bare nlp.pipe(n_process=2): {report['ratio_dask2_to_bare2']}")
    if "full1" in rows and "bare1" in rows:
        report["ratio_full1_to_bare1"] = round(rows["full1"]["articles_per_s"] / rows["bare1"]["articles_per_s"], 3)
        print(f"ratio full pipeline 1 worker / bare nlp.pipe(n_process=1): {report['ratio_full1_to_bare1']}")
        # CPU time is what other load on the machine changes least: the least CPU of each phase's rounds
        cpu_bare1 = min(r["cpu_ms_per_article"] for r in runs["bare1"])
        cpu_full1 = min(r["cpu_ms_per_article"] for r in runs["full1"])
        report["cpu_ratio_bare1_to_full1"] = round(cpu_bare1 / cpu_full1, 3)
        print(
            f"CPU cost ratio bare(n_process=1) / full(1 worker), least CPU round of each "
            f"({cpu_bare1} / {cpu_full1} ms/article): {report['cpu_ratio_bare1_to_full1']}"
        )
    if "full2" in rows and "bare2" in rows:
        report["cpu_ratio_bare2_to_full2"] = round(
            rows["bare2"]["cpu_ms_per_article"] / rows["full2"]["cpu_ms_per_article"], 3
        )
        print(f"CPU cost ratio bare(n_process=2) / full(2 workers): {report['cpu_ratio_bare2_to_full2']}")
    print("load average at the end: " + " ".join(f"{x:.1f}" for x in os.getloadavg()))
    print("machine: " + ", ".join(f"{k} {v}" for k, v in report["machine"].items()))
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
