"""Actor country accuracy on a PLOVER gold file (format: shared/benchmarks/README.md).

    python bench/actors_eval.py ../shared/benchmarks/plover-gsr/gold.jsonl [--errors] [--extra my_actors.yaml]
        [--articles articles.jsonl]

Runs only spaCy and the actor resolver on each sentence (no events needed),
then scores with :func:`eventwire.actors.evaluate.actor_country_accuracy`.
``--articles`` (JSON Lines with text, published, publisher) also times the resolver against the parse on
whole articles, with their publisher as context, as the pipeline runs it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from eventwire.machine import machine_line

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from eventwire.actors import ActorResolver, ArticleContext  # noqa: E402
from eventwire.actors.evaluate import actor_country_accuracy  # noqa: E402
from eventwire.nlp import TEXT_KEY, load_nlp  # noqa: E402
from eventwire.schema import Article, Result  # noqa: E402
from eventwire.settings import Settings  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    print(machine_line())
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("--errors", action="store_true", help="list every wrong or missing actor")
    ap.add_argument("--extra", type=Path, action="append", default=[], help="extra actor knowledge file")
    ap.add_argument("--published", default=None, help="publication date to assume (YYYY-MM-DD)")
    ap.add_argument("--articles", type=Path, default=None, help="whole articles to time the resolver on")
    args = ap.parse_args(argv)
    records = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    nlp = load_nlp(Settings().model)
    resolver = ActorResolver.from_files(args.extra)
    t0 = time.process_time()
    docs = list(nlp.pipe(r["text"] for r in records))
    t_parse = time.process_time() - t0
    for rec, doc in zip(records, docs, strict=True):
        doc.user_data[TEXT_KEY] = rec["text"]  # as the pipeline keeps the text it parsed (no stage rebuilds it)
    t0 = time.process_time()
    resolved = [resolver.resolve(doc, args.published) for doc in docs]
    t_resolve = time.process_time() - t0  # the resolver only: building the result records below is the bench's
    results = [
        Result(article=Article(id=rec["id"], text=rec["text"]), actors=list(actors.actors.values()))
        for rec, actors in zip(records, resolved, strict=True)
    ]
    score = actor_country_accuracy(results, records)
    if args.errors:
        for e in score["errors"]:
            print(
                f"{e['id']}\t{e['role']}\tgold={e['gold_country']} {e['gold_text']!r}\tgot={e['got_country']} {e['got_text']!r}"
            )
    print(
        f"actor country accuracy: {score['accuracy']:.3f} ({score['correct']}/{score['total']}; "
        f"{score['no_actor']} without an overlapping actor)"
    )
    print(
        f"sentence by sentence: parse {t_parse:.2f}s CPU, resolve {t_resolve:.3f}s CPU "
        f"({100 * t_resolve / max(t_parse, 1e-9):.1f}% of parse)"
    )
    # the speed bar is for a long article: all sentences as one text, CPU time (best of 3 resolves)
    long_text = " ".join(r["text"] for r in records)[: Settings().max_chars]
    c0 = time.process_time()
    doc = nlp(long_text)
    c_parse = time.process_time() - c0
    doc.user_data[TEXT_KEY] = long_text
    c_resolve = min(_cpu(resolver, doc, args.published) for _ in range(3))
    print(
        f"long article ({len(long_text)} chars, {len(doc)} tokens): parse {c_parse:.2f}s CPU, "
        f"resolve {1000 * c_resolve:.0f}ms CPU ({100 * c_resolve / max(c_parse, 1e-9):.1f}% of parse)"
    )
    if args.articles:
        _time_articles(nlp, resolver, args.articles)
    return 0


def _time_articles(nlp, resolver: ActorResolver, path: Path) -> None:
    """Parse and resolve whole articles (publisher and date as context); print the share of parse time."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    t0 = time.process_time()
    docs = list(nlp.pipe(r["text"] for r in rows))
    t_parse = time.process_time() - t0
    for row, doc in zip(rows, docs, strict=True):
        doc.user_data[TEXT_KEY] = row["text"]
    t_resolve = 0.0
    for row, doc in zip(rows, docs, strict=True):
        context = ArticleContext(publisher=row.get("publisher"), title=row.get("title"))
        t_resolve += min(_cpu(resolver, doc, row.get("published"), context) for _ in range(3))
    words = sum(len(r["text"].split()) for r in rows)
    print(
        f"{len(rows)} articles ({words} words): parse {t_parse:.2f}s CPU, resolve {1000 * t_resolve:.0f}ms CPU "
        f"({100 * t_resolve / max(t_parse, 1e-9):.1f}% of parse)"
    )


def _cpu(resolver: ActorResolver, doc, published: str | None, context: ArticleContext | None = None) -> float:
    c0 = time.process_time()
    resolver.resolve(doc, published, context)
    return time.process_time() - c0


if __name__ == "__main__":
    raise SystemExit(main())
