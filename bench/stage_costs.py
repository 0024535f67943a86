"""Where the time goes: CPU time of each stage as a share of the spaCy parse, and of loading.

    python bench/stage_costs.py ARTICLES.jsonl [--repeat 2] [--profile N]

``bench/throughput.py`` gives the figure the issues set (the full pipeline against
bare ``nlp.pipe``, cold start to last record); this script says which stage to
work on to move it. It parses every article once, then runs each stage over the
parsed docs the way ``Pipeline.code_doc`` does and reads CPU time
(``time.process_time``: other load on the machine changes it far less than wall
time). Stages are timed apart, in pipeline order, each fed with the outputs of
the stages before it:

- actors: ``ActorResolver.resolve``;
- statements: ``StatementExtractor.extract_with_rules`` (rules and the tagger);
- events: the configured event coder's ``code`` (for the learned coder, with its role chooser);
- rest: whatever else ``code_doc`` does (dates, places, statement links, span checks): the
  whole of ``code_doc`` less the three stages above.

Loading is timed too: the spaCy model alone, then the rest of ``Pipeline`` (knowledge,
gazetteer, weights), since a cold start counts in throughput on a small corpus. The
pipeline is loaded as ``eventwire code`` loads it (``settle=True``: its tables frozen
out of the garbage collector's scans), so the stages pay the collections a run pays.
With ``--repeat`` the stages run several times and the least CPU time of each is
kept. ``--profile N`` adds the N functions with the most own time inside the
stages (cProfile; it slows everything down, so read it for order, not size).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from collections import defaultdict

from eventwire.actors import ArticleContext
from eventwire.ingest import read_jsonl
from eventwire.machine import machine_line
from eventwire.nlp import TEXT_KEY, load_nlp
from eventwire.pipeline import Pipeline, mask_dateline
from eventwire.schema import Article
from eventwire.settings import Settings


def stage_times(pipe: Pipeline, docs: list, articles: list) -> dict[str, float]:
    """CPU seconds per stage over all docs, each stage fed as ``code_doc`` feeds it."""
    spent: dict[str, float] = defaultdict(float)
    clock = time.process_time
    for doc, art in zip(docs, articles, strict=True):
        t0 = clock()
        pipe.code_doc(doc, art)
        t1 = clock()
        context = ArticleContext(publisher=art.publisher, dateline=art.dateline, title=art.title)
        actors = pipe.actors.resolve(doc, published=art.published, context=context)
        t2 = clock()
        _, rule_statements = pipe.statements.extract_with_rules(doc, actors)
        t3 = clock()
        pipe.events.code(doc, actors, rule_statements)
        t4 = clock()
        spent["actors"] += t2 - t1
        spent["statements"] += t3 - t2
        spent["events"] += t4 - t3
        spent["code_doc"] += t1 - t0
    spent["rest"] = spent["code_doc"] - spent["actors"] - spent["statements"] - spent["events"]
    return dict(spent)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("articles", help="JSON Lines articles (id, text, and optionally title, published, publisher)")
    ap.add_argument("--repeat", type=int, default=1, help="run the stages this many times, keep the least CPU time")
    ap.add_argument("--profile", type=int, default=0, help="list the N functions with most own time in the stages")
    args = ap.parse_args(argv)
    print(machine_line())
    settings = Settings()
    t0 = time.process_time()
    nlp = load_nlp(settings.model)
    t1 = time.process_time()
    pipe = Pipeline(settings, nlp=nlp, settle=True)  # as `eventwire code` and bench/throughput.py load it
    t2 = time.process_time()
    with open(args.articles, "rb") as fh:  # read as the CLI reads JSON Lines; skipped records are left out
        articles = [a for a in read_jsonl(fh, origin=args.articles) if isinstance(a, Article)]
    texts = [mask_dateline(a.text) for a in articles]
    t3 = time.process_time()
    docs = list(nlp.pipe(texts, batch_size=settings.batch_size))
    parse = time.process_time() - t3
    for doc, text in zip(docs, texts, strict=True):
        doc.user_data[TEXT_KEY] = text
    best: dict[str, float] = {}
    for _ in range(max(1, args.repeat)):
        for stage, secs in stage_times(pipe, docs, articles).items():
            best[stage] = min(best.get(stage, secs), secs)
    n = len(docs)
    print(f"{n} articles, {sum(len(d) for d in docs):,} tokens; coder {settings.event_coder}")
    print(f"load: spaCy model {t1 - t0:.2f} s, the rest of the pipeline {t2 - t1:.2f} s "
          f"({1000 * (t2 - t1) / max(n, 1):.1f} ms per article of this corpus)")  # fmt: skip
    print(f"parse {parse:.2f} s CPU ({1000 * parse / max(n, 1):.1f} ms per article)")
    for stage in ("actors", "statements", "events", "rest", "code_doc"):
        secs = best.get(stage, 0.0)
        label = "all stages" if stage == "code_doc" else stage
        print(
            f"  {label:12s} {secs:6.2f} s  {100 * secs / parse:5.1f}% of parse  {1000 * secs / max(n, 1):6.1f} ms/article"
        )
    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        stage_times(pipe, docs, articles)
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(args.profile)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
