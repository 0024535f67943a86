"""Time the learned source/target chooser against the parse on whole articles, and print the machine.

    python bench/roles_cost.py ARTICLES.jsonl

Parses every article, resolves actors and statements and runs the learned
event decision once, then times ``choose_roles`` alone on the same events: CPU time
(``time.process_time``, what other load on a shared machine moves least) and wall time,
each against the parse's.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import time

from eventwire.events.learned.roles import choose_roles, load_roles
from eventwire.machine import machine_line
from eventwire.pipeline import Pipeline, mask_dateline
from eventwire.settings import Settings


def main(argv: list[str] | None = None) -> int:
    print(machine_line())
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("articles")
    args = ap.parse_args(argv)
    texts = [json.loads(line)["text"] for line in open(args.articles, encoding="utf-8") if line.strip()]
    pipe = Pipeline(Settings())
    t0, c0 = time.perf_counter(), time.process_time()
    docs = list(pipe.nlp.pipe(mask_dateline(t) for t in texts))
    parse, parse_cpu = time.perf_counter() - t0, time.process_time() - c0
    rules = getattr(pipe.events, "coder", pipe.events)  # the learned coder inside PoliticalOnly
    roles, rules.roles = rules.roles, None  # the decision alone, then the chooser alone
    runs = []
    for doc in docs:
        actors = pipe.actors.resolve(doc)
        _, statements = pipe.statements.extract_with_rules(doc, actors)
        runs.append((doc, actors, statements, rules.code(doc, actors, statements)))
    model = roles or load_roles()
    t0, c0 = time.perf_counter(), time.process_time()
    n = 0
    for doc, actors, statements, events in runs:
        n += len(choose_roles(doc, [dataclasses.replace(e) for e in events], actors, statements, model))
    chooser, chooser_cpu = time.perf_counter() - t0, time.process_time() - c0
    print(f"{len(docs)} articles, {n} events: parse {parse:.2f} s, role chooser {chooser:.3f} s "
          f"({100 * chooser / parse:.1f}% of parse); CPU: parse {parse_cpu:.2f} s, role chooser "
          f"{chooser_cpu:.3f} s ({100 * chooser_cpu / parse_cpu:.1f}% of parse)")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
