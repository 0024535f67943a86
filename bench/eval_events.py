"""Print the event-coding figures for a PLOVER sentence gold file (plover-gsr, plv-train) and the machine.

    python bench/eval_events.py GOLD.jsonl [--coder rules.v1] [--min-confidence X] [--json] [--errors FILE] [--limit N]

The same figures as ``eventwire eval GOLD`` on the full pipeline, plus the time it took.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from eventwire.cli.base import build_settings
from eventwire.evaluate import evaluate, format_report
from eventwire.machine import machine_line
from eventwire.pipeline import Pipeline


def main(argv: list[str] | None = None) -> int:
    print(machine_line(), file=sys.stderr)
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold")
    ap.add_argument("--coder", help="event coder by registered name (default: the event_coder setting)")
    ap.add_argument("--min-confidence", type=float)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--errors")
    ap.add_argument("--limit", type=int)
    args = ap.parse_args(argv)
    settings = build_settings(None, None, (), (), event_coder=args.coder, min_confidence=args.min_confidence)
    pipeline = Pipeline(settings)
    t0 = time.perf_counter()
    report = evaluate(pipeline, args.gold, errors_path=args.errors, limit=args.limit)
    report["coder"] = settings.event_coder
    report["seconds"] = round(time.perf_counter() - t0, 1)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(f"coder {settings.event_coder}\n{format_report(report)}\n({report['seconds']} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
