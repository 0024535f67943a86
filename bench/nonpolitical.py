"""Events per 1,000 words on real pages that hold no political event: what the coder invents.

Issue 11 asks for at most 1 event per 1,000 words on business, tech,
entertainment and sport stories with no political event. The realnews
yardstick has no such articles, so this script measures it on trafilatura's
public test pages (github.com/adbar/trafilatura, ``tests/eval/`` and
``tests/cache/``). The pages stay outside this repository: the labels in
``bench/data/nonpolitical-pages.jsonl`` hold ids only (path in that repository,
git blob sha, category, whether the page holds a political event per the
realnews guide, and why), written by reading the main text eventwire extracts.
A page with a borderline act (a government "expected to approve", a lawsuit
named in passing, a future summit) is labelled as holding a political event,
so that it is left out of the figure rather than counted against the coder.

Each page goes through eventwire's own HTML ingest (``read_html``) and the
default pipeline, so the words counted are the words the coder reads. Every
event on a page labelled without a political event is a false positive. The
headline figure is over the categories eventwire's evaluation calls
non-political (``evaluate_news.NONPOLITICAL``); "other" pages (science,
lifestyle, weather, accidents) and the political pages are shown apart. With
about 60 pages one page can move the figure, so each rate comes with a 90%
interval from resampling pages.

    python bench/nonpolitical.py /path/to/trafilatura[/.git] [--coder rules.v1] [--min-confidence X] [--json]

The source is a trafilatura checkout, its bare git directory (pages are read
by blob sha), or a folder holding the pages under their file names. A page
whose bytes do not hash to the labelled sha is skipped, not coded.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import subprocess
import time
from collections import Counter
from pathlib import Path
from typing import Any

from eventwire.cli.base import build_settings
from eventwire.evaluate_news import NONPOLITICAL
from eventwire.ingest import read_html
from eventwire.machine import machine_line
from eventwire.pipeline import Pipeline

LABELS = Path(__file__).parent / "data" / "nonpolitical-pages.jsonl"
# confidence bands for the false positives: how many a higher --min-confidence would remove
BANDS = {"<0.3": (0.0, 0.3), "0.3-0.5": (0.3, 0.5), "0.5-0.7": (0.5, 0.7), "0.7-0.9": (0.7, 0.9), ">=0.9": (0.9, 1.01)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", help="trafilatura checkout, its bare git directory, or a folder of the pages")
    ap.add_argument("--labels", default=str(LABELS), help="page labels (JSON Lines)")
    ap.add_argument("--coder", help="event coder by registered name (default: the event_coder setting)")
    ap.add_argument("--min-confidence", type=float)
    ap.add_argument("--worst", type=int, default=8, help="how many worst pages to list with their events")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    settings = build_settings(None, None, (), (), event_coder=args.coder, min_confidence=args.min_confidence)
    labels = [json.loads(line) for line in Path(args.labels).read_text().splitlines() if line.strip()]
    start = time.perf_counter()
    pages, skipped = code_pages(Pipeline(settings), labels, _reader(Path(args.source)))
    report = summarize(pages, skipped, worst=args.worst)
    report.update(coder=settings.event_coder, min_confidence=settings.min_confidence,
                  seconds=round(time.perf_counter() - start, 1), code=_code_version(), machine=machine_line())  # fmt: skip
    print(json.dumps(report, indent=2) if args.json else format_report(report))
    return 0


def code_pages(pipeline: Pipeline, labels: list[dict], read) -> tuple[list[dict], list[dict]]:
    """Ingest and code each labelled page; coded pages (label + words + events) and skipped ones (+ reason).

    A page the ingest skips (no article text, not English) passes through the pipeline as a skip.
    """
    articles, skipped = [], []
    for lab in labels:
        data = read(lab["path"], lab["sha"])
        if data is None:
            skipped.append({**lab, "reason": "page not found, or its bytes do not match the labelled sha"})
            continue
        articles.append(read_html(data, origin=lab["path"], url=lab.get("url")))
    by_origin = {lab["path"]: lab for lab in labels}
    pages = []
    for result in pipeline.code_many(articles):
        lab = by_origin[result.article.origin]
        if result.status == "skipped":
            skipped.append({**lab, "reason": result.reason})
            continue
        events = [{"type": e.event_type, "trigger": e.trigger.text, "modality": e.modality,
                   "confidence": round(e.confidence, 2), "source": _actor(e.source), "target": _actor(e.target),
                   "evidence": e.evidence.text} for e in result.events]  # fmt: skip
        pages.append({**lab, "words": len(result.article.text.split()), "events": events})
    return pages, skipped


def summarize(pages: list[dict], skipped: list[dict], *, worst: int) -> dict[str, Any]:
    """The figures: events per 1,000 words by group, the worst pages, the triggers and types that fire."""
    clean = [p for p in pages if not p["has_political_event"]]
    groups = {
        "headline": [p for p in clean if p["category"] in NONPOLITICAL],
        "other": [p for p in clean if p["category"] not in NONPOLITICAL | {"politics"}],
        "all_without_political_event": clean,
        "with_political_event": [p for p in pages if p["has_political_event"]],
    }
    by_category = {c: _rate([p for p in clean if p["category"] == c]) for c in sorted({p["category"] for p in clean})}
    fp = [e for p in clean for e in p["events"]]
    ranked = sorted(clean, key=lambda p: (-len(p["events"]), -p["words"], p["path"]))  # most false positives first
    return {
        "headline_categories": sorted(NONPOLITICAL),
        "groups": {name: _rate(ps) for name, ps in groups.items()},
        "by_category": by_category,
        "pages_coded": len(pages),
        "pages_skipped": [{"path": s["path"], "reason": s["reason"]} for s in skipped],
        "false_positive_types": Counter(e["type"] for e in fp).most_common(),
        "false_positive_triggers": Counter(f"{e['type']} <- {e['trigger'].lower()}" for e in fp).most_common(25),
        "false_positive_modalities": Counter(e["modality"] for e in fp).most_common(),
        "false_positive_confidence": {
            band: sum(lo <= e["confidence"] < hi for e in fp) for band, (lo, hi) in BANDS.items()
        },
        "pages_without_false_positive": sum(not p["events"] for p in clean),
        "false_positives_without_coded_actor": sum(not _coded(e["source"]) and not _coded(e["target"]) for e in fp),
        "worst_pages": [_worst(p) for p in ranked[:worst] if p["events"]],
    }


def format_report(r: dict[str, Any]) -> str:
    """The report as plain text for people."""
    lines = [f"coder {r['coder']}  (min_confidence {r['min_confidence']}; None: the coder's own default)"]
    names = {
        "headline": f"no political event, {'/'.join(r['headline_categories'])}",
        "other": "no political event, other (science, lifestyle, ...)",
        "all_without_political_event": "no political event, all categories",
        "with_political_event": "pages with a political event (for contrast)",
    }
    for key, label in names.items():
        g = r["groups"][key]
        ci = f"90% {g['interval_90'][0]}-{g['interval_90'][1]}; " if g["interval_90"] else ""
        lines.append(f"{label:56} {g['per_1k_words']:>6} events / 1,000 words  "
                     f"({ci}{g['events']} events, {g['pages']} pages, {g['words']} words)")  # fmt: skip
    lines.append("by category (no political event): " + ", ".join(
        f"{c} {g['per_1k_words']} ({g['pages']} pages)" for c, g in r["by_category"].items()))  # fmt: skip
    clean = r["groups"]["all_without_political_event"]["pages"]
    lines.append(f"pages coded {r['pages_coded']}, skipped {len(r['pages_skipped'])}; "
                 f"{r['pages_without_false_positive']} of {clean} pages without a political event get no event")  # fmt: skip
    lines += [f"  skipped {s['path']}: {s['reason']}" for s in r["pages_skipped"]]
    lines.append("false positives (all pages without a political event) by type: "
                 + ", ".join(f"{t} {n}" for t, n in r["false_positive_types"]))  # fmt: skip
    lines.append("by modality: " + ", ".join(f"{m} {n}" for m, n in r["false_positive_modalities"]))
    lines.append("by confidence: " + ", ".join(f"{b} {n}" for b, n in r["false_positive_confidence"].items()))
    lines.append(
        f"{r['false_positives_without_coded_actor']} have neither a source nor a target with a country or sector"
    )
    lines.append("most frequent false-positive triggers (type <- trigger):")
    lines += [f"  {n:3}  {t}" for t, n in r["false_positive_triggers"]]
    lines.append("worst pages (most false positives):")
    for p in r["worst_pages"]:
        lines.append(f"  {p['per_1k_words']:>5}/1k  {p['path']}  ({p['category']}, {p['words']} words)")
        lines += [f"        {e['type']:9} {e['trigger']!r:22} {e['modality']:12} {e['confidence']:.2f}  "
                  f"{_show(e['source'])} -> {_show(e['target'])}: {_short(e['evidence'])}" for e in p["events"]]  # fmt: skip
    lines.append(f"{r['seconds']} s to ingest and code; eventwire at {r['code']}")
    lines.append(r["machine"])
    return "\n".join(lines)


def _actor(ref) -> dict[str, str | None] | None:
    """An event's actor: name, country, sector, so the error list shows whether the coder saw a political actor."""
    return None if ref is None else {"name": ref.name, "country": ref.country, "sector": ref.sector}


def _show(actor: dict | None) -> str:
    if actor is None:
        return "-"
    coded = "/".join(x for x in (actor["country"], actor["sector"]) if x)
    return f"{actor['name']} ({coded})" if coded else actor["name"]


def _worst(page: dict) -> dict[str, Any]:
    keep = ("path", "category", "words", "events")
    return {**{k: page[k] for k in keep}, "per_1k_words": _per_1k(len(page["events"]), page["words"])}


def _coded(actor: dict | None) -> bool:
    return actor is not None and bool(actor["country"] or actor["sector"])


def _rate(pages: list[dict]) -> dict[str, Any]:
    events, words = sum(len(p["events"]) for p in pages), sum(p["words"] for p in pages)
    rate = {"pages": len(pages), "words": words, "events": events, "per_1k_words": _per_1k(events, words)}
    return {**rate, "interval_90": _interval(pages)}


def _interval(pages: list[dict], draws: int = 2000) -> tuple[float, float] | None:
    """A 90% interval for the rate by resampling pages (seeded): with ~60 pages one page can move the figure."""
    if len(pages) < 2:
        return None
    rng = random.Random(0)
    rates = sorted(
        _per_1k(sum(len(p["events"]) for p in sample), sum(p["words"] for p in sample))
        for sample in (rng.choices(pages, k=len(pages)) for _ in range(draws))
    )
    return rates[int(0.05 * draws)], rates[int(0.95 * draws) - 1]


def _per_1k(events: int, words: int) -> float:
    return round(1000 * events / words, 2) if words else 0.0


def _short(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3] + "..."


def _code_version() -> str:
    """The commit the figures were measured on (coders change often; a dirty tree is said so)."""
    got = subprocess.run(["git", "-C", str(Path(__file__).parent), "describe", "--always", "--dirty"],
                         capture_output=True, text=True)  # fmt: skip
    return got.stdout.strip() or "unknown commit"


def _blob_sha(data: bytes) -> str:
    """git's blob id of ``data``: a page read from a checkout is the labelled page only if this matches."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def _reader(root: Path):
    """(path, sha) -> the page's bytes, or None: from a bare git dir by sha, else from a checkout or a folder."""
    if (root / "objects").is_dir() and (root / "HEAD").is_file():

        def from_git(path: str, sha: str) -> bytes | None:
            got = subprocess.run(["git", "--git-dir", str(root), "cat-file", "blob", sha], capture_output=True)
            return got.stdout if got.returncode == 0 else None

        return from_git

    def from_files(path: str, sha: str) -> bytes | None:
        for candidate in (root / path, root / Path(path).name):
            if candidate.is_file():
                data = candidate.read_bytes()
                return data if _blob_sha(data) == sha else None
        return None

    return from_files


if __name__ == "__main__":
    raise SystemExit(main())
