"""Score the statements stage on a PolNeAR-format split: exact and overlap P/R/F1 per role.

    PYTHONPATH=src python bench/polnear_statements.py PATH [--split dev] [--limit N] [--show-errors N]
        [--rules | --tagger DIR]

By default the shipped extractor (rules + tagger when weights ship); ``--rules``: the rules alone;
``--tagger DIR``: the rules + a tagger written by ``eventwire train statements -o DIR``.

PATH is a split directory (``text/`` + ``attributions/``) or the PolNeAR git directory with
``--split``. Prints the machine, per-role figures and the time statements add to the parse.

Scoring is per role, over the distinct character spans of that role in each article (a source
shared by two attributions counts once; each fragment of a discontinuous span is a span). Gold
comes from PolNeAR (source, cue, content); predictions from the statements (speaker, cue,
content). **exact**: same offsets; **half**: one-to-one matching, shared characters at least half
of the longer span; **overlap**: one-to-one matching, any shared character.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from eventwire.machine import machine_line
from eventwire.pipeline import Pipeline, mask_dateline
from eventwire.statements import StatementExtractor, extract_statements
from eventwire.statements.polnear import ROLES, read_split
from eventwire.statements.tagger import AttributionTagger

PRED_ROLE = {"source": "speaker", "cue": "cue", "content": "content"}


def gold_spans(article) -> dict[str, set[tuple[int, int]]]:
    """Distinct fragments per role."""
    return {role: {f for att in article.attributions for f in getattr(att, role)} for role in ROLES}


def pred_spans(statements) -> dict[str, set[tuple[int, int]]]:
    out: dict[str, set[tuple[int, int]]] = {role: set() for role in ROLES}
    for st in statements:
        for role in ROLES:
            ev = getattr(st, PRED_ROLE[role])
            if ev is not None and ev.end > ev.start:
                out[role].add((ev.start, ev.end))
    return out


def matched(gold: set, pred: set, *, half: bool) -> int:
    """Greedy one-to-one matching by shared characters (largest first)."""
    pairs = []
    for g in gold:
        for p in pred:
            shared = min(g[1], p[1]) - max(g[0], p[0])
            if shared > 0 and (not half or 2 * shared >= max(g[1] - g[0], p[1] - p[0])):
                pairs.append((shared, g, p))
    pairs.sort(reverse=True)
    used_g, used_p, n = set(), set(), 0
    for _, g, p in pairs:
        if g not in used_g and p not in used_p:
            used_g.add(g)
            used_p.add(p)
            n += 1
    return n


def prf(hit: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = hit / n_pred if n_pred else 0.0
    r = hit / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def new_counts() -> dict[str, dict[str, int]]:
    """Per role: spans in the reference (gold) and the scored side (pred), and matches of each kind."""
    return {role: dict.fromkeys(("gold", "pred", "exact", "half", "overlap"), 0) for role in ROLES}


def count_spans(counts: dict[str, dict[str, int]], gold: dict, pred: dict) -> None:
    """Add one article's spans (role -> set of (start, end)) to ``counts`` (:func:`new_counts`)."""
    for role in ROLES:
        c = counts[role]
        c["gold"] += len(gold[role])
        c["pred"] += len(pred[role])
        c["exact"] += len(gold[role] & pred[role])
        c["half"] += matched(gold[role], pred[role], half=True)
        c["overlap"] += matched(gold[role], pred[role], half=False)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", type=Path, help="PolNeAR split directory, or the PolNeAR git directory")
    ap.add_argument("--split", default="dev", help="split name when PATH is a git directory (train, dev)")
    ap.add_argument("--limit", type=int, default=None, help="first N articles only")
    ap.add_argument("--show-errors", type=int, default=0, metavar="N", help="print N unmatched spans per role")
    which = ap.add_mutually_exclusive_group()
    which.add_argument("--rules", action="store_true", help="the rule extractor alone")
    which.add_argument("--tagger", type=Path, default=None, help="a tagger directory (tagger.bin + manifest.json)")
    args = ap.parse_args(argv)
    print(machine_line())
    articles = read_split(args.path, args.split, limit=args.limit)
    pipeline = Pipeline()
    extractor = pipeline.statements
    if args.rules:
        extractor = StatementExtractor.from_files(learned=False)
    elif args.tagger is not None:
        extractor = StatementExtractor(extractor.lex, AttributionTagger.from_dir(args.tagger))
    print(
        "extractor: "
        + (f"rules + tagger (manifest: {extractor.tagger.manifest.get('data')})" if extractor.tagger else "rules")
        + (", boundary step" if extractor.tagger is not None and extractor.tagger.boundaries is not None else "")
    )
    t0 = time.perf_counter()
    docs = list(pipeline.nlp.pipe(mask_dateline(a.text) for a in articles))
    parse_s = time.perf_counter() - t0
    counts = new_counts()
    errors: dict[str, list[str]] = {role: [] for role in ROLES}
    stmt_s = 0.0
    for article, doc in zip(articles, docs, strict=True):
        actors = pipeline.actors.resolve(doc)
        t1 = time.perf_counter()
        statements = extract_statements(doc, actors, extractor=extractor)
        stmt_s += time.perf_counter() - t1
        gold, pred = gold_spans(article), pred_spans(statements)
        count_spans(counts, gold, pred)
        for role in ROLES:
            if len(errors[role]) < args.show_errors:
                for s, e in sorted(gold[role] - pred[role])[:2]:
                    errors[role].append(f"{article.name} missed {article.text[s:e][:90]!r}")
                for s, e in sorted(pred[role] - gold[role])[:2]:
                    errors[role].append(f"{article.name} extra  {article.text[s:e][:90]!r}")
    n_att = sum(len(a.attributions) for a in articles)
    print(f"{args.path} {args.split}: {len(articles)} articles, {n_att} attributions")
    print(f"{'role':<8} {'gold':>5} {'pred':>5}   {'exact P':>7} {'R':>5} {'F1':>5}   "
          f"{'half P':>6} {'R':>5} {'F1':>5}   {'overlap P':>9} {'R':>5} {'F1':>5}")  # fmt: skip
    for role in ROLES:
        c = counts[role]
        cells = []
        for key in ("exact", "half", "overlap"):
            p, r, f = prf(c[key], c["pred"], c["gold"])
            cells.append(f"{p:{len(key) + 2}.3f} {r:5.3f} {f:5.3f}")
        print(f"{role:<8} {c['gold']:5d} {c['pred']:5d}   " + "   ".join(cells))
    words = sum(len(d) for d in docs)
    print(f"time: parse {parse_s:.1f}s ({words / parse_s:,.0f} tokens/s), statements {stmt_s:.2f}s "
          f"({100 * stmt_s / parse_s:.1f}% of parse)")  # fmt: skip
    for role in ROLES:
        for line in errors[role]:
            print(f"  {role}: {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
