"""Print the whole-article event figures (real-news format) and the machine.

    python bench/eval_realnews.py ARTICLES.jsonl GOLD.jsonl [--coder learned.v1] [--json] [--errors FILE]

The same figures as ``eventwire eval GOLD --articles ARTICLES`` (and as the
shared reference scorer), plus the time it took to code the articles.
"""

from __future__ import annotations

import argparse
import json
import time

from eventwire.cli.base import build_settings
from eventwire.evaluate_news import evaluate_news, format_news_report
from eventwire.machine import machine_line
from eventwire.pipeline import Pipeline


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("articles")
    ap.add_argument("gold")
    ap.add_argument("--coder", help="event coder by registered name (default: the event_coder setting)")
    ap.add_argument("--min-confidence", type=float)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--errors", help="write unmatched gold and predicted events here (JSON Lines)")
    args = ap.parse_args(argv)
    settings = build_settings(None, None, (), (), event_coder=args.coder, min_confidence=args.min_confidence)
    start = time.perf_counter()
    report = evaluate_news(Pipeline(settings), args.gold, args.articles, errors_path=args.errors)
    report["coder"] = settings.event_coder
    report["seconds"] = round(time.perf_counter() - start, 1)
    print(json.dumps(report, indent=2) if args.json else format_news_report(report))
    print(f"coder {settings.event_coder}; {report['seconds']} s to load and code")
    print(machine_line())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
