"""Print the event-coding figures for a gold file.

Usage: PYTHONPATH=src python bench/eval_events.py GOLD.jsonl [--json] [--errors FILE] [--limit N]

Uses the full ``eventwire.pipeline.Pipeline``; while a stage it needs is not
importable yet, falls back to parse + unresolved actors + statements (if any)
+ the event coder, and says so.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable, Iterator

from eventwire.evaluate import evaluate, format_report
from eventwire.machine import machine_line
from eventwire.nlp import load_nlp
from eventwire.schema import Article, Result
from eventwire.settings import Settings


class BarePipeline:
    """Parse, unresolved actors, statements when available, events."""

    def __init__(self, nlp) -> None:
        from eventwire.events import EventCoder

        self.nlp = nlp
        self.coder = EventCoder.from_files()
        try:
            from eventwire.statements import extract_statements

            self.statements = extract_statements
        except ImportError:
            self.statements = None

    def code_many(self, items: Iterable[Article]) -> Iterator[Result]:
        from eventwire.actors.table import ArticleActors

        items = list(items)
        for art, doc in zip(items, self.nlp.pipe(a.text for a in items), strict=True):
            actors = ArticleActors(doc)
            sts = self.statements(doc, actors) if self.statements else []
            yield Result(article=art, events=self.coder.code(doc, actors, sts), statements=sts)


def main(argv: list[str] | None = None) -> int:
    print(machine_line(), file=sys.stderr)
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--errors")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--bare", action="store_true", help="skip the full pipeline")
    args = ap.parse_args(argv)
    nlp = load_nlp(Settings().model)
    pipeline = None
    if not args.bare:
        try:
            from eventwire.pipeline import Pipeline

            pipeline = Pipeline(nlp=nlp)
        except ImportError as err:
            print(f"(full pipeline not importable: {err}; using parse + events only)", file=sys.stderr)
    if pipeline is None:
        pipeline = BarePipeline(nlp)
    t0 = time.perf_counter()
    report = evaluate(pipeline, args.gold, errors_path=args.errors, limit=args.limit)
    report["seconds"] = round(time.perf_counter() - t0, 1)
    print(json.dumps(report, indent=2) if args.json else format_report(report) + f"\n({report['seconds']} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
