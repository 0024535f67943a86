"""How much dates and places add to the parse: resolve_date + locate over every sentence vs nlp.pipe.

    python bench/dates_places.py                 # generates a ~300 KB corpus with bench/make_corpus.py
    python bench/dates_places.py corpus.jsonl    # JSON Lines with "text" (and optional "published")
    python bench/dates_places.py --size 1MB

Prints the machine, the gazetteer load time (bar: < 1 s), the parse time, the time of dates and
places over all sentences (each sentence once, its root as the trigger) and their ratio (bar: <= 5%).

Then the scaling on long articles: corpus sentences joined into one unbroken paragraph of 100, 200
and 400 sentences (``--lengths``), every verb a trigger as the pipeline calls it, with everything
earlier in the paragraph as the place fallback. Seconds per 100 sentences should stay about flat:
a cost that grows with the article's length shows as a rising figure.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from eventwire.dates import resolve_date  # noqa: E402
from eventwire.nlp import load_nlp  # noqa: E402
from eventwire.places import Gazetteer, find_places, locate  # noqa: E402
from eventwire.settings import Settings  # noqa: E402

_DATELINE = re.compile(r"^\s*([A-Z][A-Z .'-]{2,30}?)(?:,| \(|\s+[-—])")


def _read(path: Path) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line:
                row = json.loads(line)
                if row.get("text"):
                    rows.append(row)
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("path", nargs="?", help="JSONL corpus; default: generate one with bench/make_corpus.py")
    ap.add_argument("--size", default="300KB", help="size of the generated corpus")
    ap.add_argument("--repeat", type=int, default=3, help="runs of dates+places over the sentences (best kept)")
    ap.add_argument("--lengths", default="100,200,400", help="sentences per long article for the scaling runs")
    args = ap.parse_args(argv)

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"load average {load:.1f} (a busy machine slows wall times; the ratio is what counts)"
    )
    if args.path:
        rows = _read(Path(args.path))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "corpus.jsonl"
            subprocess.run(
                [sys.executable, str(ROOT / "bench" / "make_corpus.py"), "--size", args.size, "-o", str(out)],
                check=True,
                capture_output=True,
            )
            rows = _read(out)

    start, cpu = time.perf_counter(), time.process_time()
    gazetteer = Gazetteer.load()
    load_s, load_cpu = time.perf_counter() - start, time.process_time() - cpu
    print(
        f"gazetteer load: {load_s:.3f} s wall, {load_cpu:.3f} s CPU "
        f"({len(gazetteer.places)} places, {len(gazetteer.index)} names)"
    )

    nlp = load_nlp(Settings().model)
    texts = [r["text"] for r in rows]
    start = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=32))
    parse_s = time.perf_counter() - start
    sentences = sum(1 for d in docs for _ in d.sents)
    words = sum(len(d) for d in docs)
    print(f"parse: {len(docs)} articles, {sentences} sentences, {words} tokens in {parse_s:.2f} s")

    # What the pipeline would hand in: the article's countries and its dateline (not timed: other stages).
    contexts = []
    for row, doc in zip(rows, docs, strict=True):
        countries = {p.country for s in doc.sents for m in find_places(gazetteer, s) for p in m.places[:1]}
        m = _DATELINE.match(row["text"])
        contexts.append((sorted(c for c in countries if c), m.group(1).strip() if m else None, row.get("published")))

    best = float("inf")
    dated = located = 0
    for _ in range(max(1, args.repeat)):
        dated = located = 0
        for doc in docs:
            doc.user_data.clear()  # drop the per-doc caches of the last run: each run starts cold
        start = time.perf_counter()
        for doc, (countries, dateline, published) in zip(docs, contexts, strict=True):
            for sent in doc.sents:
                got = resolve_date(sent, sent.root, published)
                dated += got.text is not None
                loc = locate(gazetteer, sent, sent.root, context_countries=countries, dateline=dateline)
                located += loc is not None
        best = min(best, time.perf_counter() - start)
    ratio = best / parse_s if parse_s else 0.0
    print(f"dates+places: {best:.3f} s for {sentences} sentences ({best / max(sentences, 1) * 1e6:.0f} µs each)")
    print(f"  sentences with a date in the text: {dated}, with a place: {located}")
    verdict = "ok" if ratio <= 0.05 else "OVER the 5% bar"
    # The load bar is judged on CPU time: on an idle machine wall time equals it, on a shared one it does not.
    load_verdict = "ok" if load_cpu < 1 else "OVER the 1 s bar"
    print(f"ratio to parse time: {ratio:.1%} ({verdict}); gazetteer load {load_cpu:.2f} s CPU ({load_verdict})")

    sentence_texts = [s.text.strip() for d in docs for s in d.sents if s.text.strip()]
    lengths = [int(n) for n in args.lengths.split(",") if n.strip()]
    _scaling(nlp, gazetteer, sentence_texts, lengths, contexts[0][2] if contexts else None, args.repeat)
    return 0


def _scaling(nlp, gazetteer: Gazetteer, sentences: list[str], lengths: list[int], published, repeat: int) -> None:
    """Dates+places per 100 sentences on ever longer one-paragraph articles, as the pipeline calls them."""
    if not sentences:
        return
    per_100 = []
    for n in lengths:
        text = " ".join(sentences[i % len(sentences)] for i in range(n))  # no paragraph breaks: the worst case
        doc = nlp(text)  # parse not timed
        sents = list(doc.sents)
        triggers = [(s, t) for s in sents for t in s if t.pos_ == "VERB"] or [(s, s.root) for s in sents]
        best = float("inf")
        for _ in range(max(1, repeat)):
            doc.user_data.clear()  # drop the per-doc caches: every run starts cold, as a new article does
            start = time.perf_counter()
            for sent, tok in triggers:
                resolve_date(sent, tok, published)
                before = doc[: sent.start]
                fallback = [("paragraph", before)] if len(before) else []
                locate(gazetteer, sent, tok, context_countries=[], dateline=None, fallback=fallback)
            best = min(best, time.perf_counter() - start)
        per_100.append(best / len(sents) * 100)
        print(
            f"long article: {len(sents)} sentences, {len(text)} chars, {len(triggers)} triggers: "
            f"{best:.3f} s, {per_100[-1]:.4f} s per 100 sentences"
        )
    if len(per_100) > 1 and per_100[0] > 0:
        growth = per_100[-1] / per_100[0]
        verdict = "about linear" if growth < 1.5 else "GROWS with length"
        print(f"scaling: s per 100 sentences x{growth:.2f} from {lengths[0]} to {lengths[-1]} sentences ({verdict})")


if __name__ == "__main__":
    raise SystemExit(main())
