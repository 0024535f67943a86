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
gazetteer, weights), since a cold start counts in throughput on a small corpus; that rest
is split by part (statements, gazetteer, actors, event coder). The learned coder's events
stage is also split by step (rule candidates, sentence candidates, features, model, second
stage, decision, roles), each step's calls timed where the coder makes them. The
pipeline is loaded as ``eventwire code`` loads it (``settle=True``: its tables frozen
out of the garbage collector's scans), so the stages pay the collections a run pays.
With ``--repeat`` the stages run several times and the least CPU time of each is
kept.

What a run pays beyond the parse and the stages is printed too, per article of the corpus:
the load (amortised over the corpus), reading the JSON Lines with the text checks and the
dateline masking the pipeline does before parsing, and the garbage collections that happen
inside ``code_doc`` (part of the stages' times, not added to them). ``--profile N`` adds
the N functions with the most own time inside the stages (cProfile; it slows everything
down, so read it for order, not size).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager

import eventwire.events.learned.coder as learned_coder
import eventwire.pipeline as pipeline_module
from eventwire.actors import ArticleContext
from eventwire.ingest import read_jsonl
from eventwire.ingest.checks import check_text
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
        with collections_timed(spent):  # those of code_doc only: the stages timed apart below would count twice
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


@contextmanager
def collections_timed(spent: dict[str, float]) -> Iterator[None]:
    """While inside, add the CPU time of every garbage collection to ``spent["collections"]``."""
    started: list[float] = []

    def note(phase: str, info: dict) -> None:
        if phase == "start":
            started.append(time.process_time())
        elif started:
            spent["collections"] += time.process_time() - started.pop()

    gc.callbacks.append(note)
    try:
        yield
    finally:
        gc.callbacks.remove(note)


@contextmanager
def timed(spent: dict[str, float], parts: list[tuple[object, str, str]]) -> Iterator[None]:
    """While inside, add the CPU time of every call to ``owner.name`` (a module's function, a class's or an
    object's method) to ``spent[label]``; everything is put back as it was on the way out."""
    saved = []
    for owner, name, label in parts:
        original = getattr(owner, name)

        def wrapper(*args, _original=original, _label=label, **kwargs):
            t0 = time.process_time()
            try:
                return _original(*args, **kwargs)
            finally:
                spent[_label] += time.process_time() - t0

        saved.append((owner, name, vars(owner).get(name), name in vars(owner)))
        setattr(owner, name, wrapper)
    try:
        yield
    finally:
        for owner, name, value, own in reversed(saved):
            if own:
                setattr(owner, name, value)
            else:
                delattr(owner, name)  # a method the object had from its class


LOAD_PARTS = [
    (pipeline_module.StatementExtractor, "from_files", "statements"),
    (pipeline_module.Gazetteer, "load", "gazetteer"),
    (pipeline_module.ActorResolver, "from_files", "actors"),
    (pipeline_module, "make_coder", "event coder"),
]


def learned_steps(pipe: Pipeline, docs: list, articles: list) -> dict[str, float] | None:
    """CPU seconds of each step of the learned coder's ``code`` over all docs (None: another coder)."""
    coder = pipe.events
    while not isinstance(coder, learned_coder.LearnedCoder) and hasattr(coder, "coder"):  # PoliticalOnly, AtLeast
        coder = coder.coder
    if not isinstance(coder, learned_coder.LearnedCoder):
        return None
    steps = [
        (coder.rules, "code", "rule candidates"),
        (learned_coder, "sentence_candidates", "sentence candidates"),
        (learned_coder, "candidate_block", "features"),
        (coder.model, "proba", "model"),
        (learned_coder, "in_context", "second stage"),
        (learned_coder, "decide", "decision"),
        (learned_coder, "choose_roles", "roles"),
    ]
    spent: dict[str, float] = defaultdict(float)
    for doc, art in zip(docs, articles, strict=True):
        context = ArticleContext(publisher=art.publisher, dateline=art.dateline, title=art.title)
        actors = pipe.actors.resolve(doc, published=art.published, context=context)
        _, rule_statements = pipe.statements.extract_with_rules(doc, actors)
        t0 = time.process_time()
        with timed(spent, steps):
            pipe.events.code(doc, actors, rule_statements)
        spent["events"] += time.process_time() - t0
    spent["other"] = spent.pop("events") - sum(spent.values())
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
    loading: dict[str, float] = defaultdict(float)
    with timed(loading, LOAD_PARTS):
        pipe = Pipeline(settings, nlp=nlp, settle=True)  # as `eventwire code` and bench/throughput.py load it
    t2 = time.process_time()
    with open(args.articles, "rb") as fh:  # read as the CLI reads JSON Lines; skipped records are left out
        articles = [a for a in read_jsonl(fh, origin=args.articles) if isinstance(a, Article)]
    for art in articles:  # the checks the pipeline makes before parsing (their verdicts are not used here)
        check_text(art.text, max_chars=settings.max_chars, min_english=settings.min_english)
    texts = [mask_dateline(a.text) for a in articles]
    t3 = time.process_time()
    read = t3 - t2
    docs = list(nlp.pipe(texts, batch_size=settings.batch_size))
    parse = time.process_time() - t3
    for doc, text in zip(docs, texts, strict=True):
        doc.user_data[TEXT_KEY] = text
    best: dict[str, float] = {}
    steps: dict[str, float] = {}
    for _ in range(max(1, args.repeat)):
        for stage, secs in stage_times(pipe, docs, articles).items():
            best[stage] = min(best.get(stage, secs), secs)
        for step, secs in (learned_steps(pipe, docs, articles) or {}).items():
            steps[step] = min(steps.get(step, secs), secs)
    n = len(docs)
    print(f"{n} articles, {sum(len(d) for d in docs):,} tokens; coder {settings.event_coder}")
    print(f"load: spaCy model {t1 - t0:.2f} s, the rest of the pipeline {t2 - t1:.2f} s "
          f"({1000 * (t2 - t1) / max(n, 1):.1f} ms per article of this corpus)")  # fmt: skip
    loading["other"] = (t2 - t1) - sum(loading.values())
    print("  the rest by part: " + ", ".join(f"{part} {secs:.2f} s" for part, secs in loading.items()))
    print(f"parse {parse:.2f} s CPU ({1000 * parse / max(n, 1):.1f} ms per article)")
    for stage in ("actors", "statements", "events", "rest", "code_doc"):
        secs = best.get(stage, 0.0)
        label = "all stages" if stage == "code_doc" else stage
        print(
            f"  {label:12s} {secs:6.2f} s  {100 * secs / parse:5.1f}% of parse  {1000 * secs / max(n, 1):6.1f} ms/article"
        )
        if stage == "events" and steps:
            print("    by step: " + ", ".join(f"{step} {1000 * secs / max(n, 1):.1f}" for step, secs in steps.items())
                  + " ms/article")  # fmt: skip
    per = 1000 / max(n, 1)
    print(f"beyond parse and stages: load {per * (t2 - t1):.1f}, read + checks + masking {per * read:.1f} ms/article; "
          f"garbage collection inside the stages {per * best.get('collections', 0.0):.1f} ms/article")  # fmt: skip
    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        stage_times(pipe, docs, articles)
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(args.profile)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
