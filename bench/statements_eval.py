"""Score statement extraction against the hand-annotated set in tests/data/statements/gold.jsonl.

Prints exact and overlap precision / recall / F1 per role (speaker, cue, content), plus venue,
addressee and nested-attribution agreement, and the time statements add to the parse.

    PYTHONPATH=src python bench/statements_eval.py [--gold FILE ...] [--show-errors] [--json]

The default gold is the bar set (tests/data/statements/gold.jsonl); dev.jsonl and dev2.jsonl
are harder sets written later to check that the rules generalise. These sets follow the rules' own
span conventions, so the rule extractor is scored by default (``--learned``: the shipped default,
rules + tagger, under PolNeAR's conventions; bench/polnear_statements.py measures that one).

Matching: a predicted statement is paired with a gold one greedily, best content overlap first
(each used once). Per role, a pair counts as an exact hit when the role's offsets are equal, an
overlap hit when the spans share at least one character. Unpaired predictions count against
precision, unpaired gold against recall, for every role.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from eventwire.actors.table import ArticleActors
from eventwire.machine import machine_line
from eventwire.nlp import load_nlp
from eventwire.settings import Settings
from eventwire.statements import StatementExtractor

ROLES = ("speaker", "cue", "content")
GOLD = Path(__file__).resolve().parent.parent / "tests" / "data" / "statements" / "gold.jsonl"


def _span(d: dict | None) -> tuple[int, int] | None:
    return None if d is None else (d["start"], d["end"])


def _overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> int:
    if a is None or b is None:
        return 0
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def pair(gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    """Greedy one-to-one pairing by content overlap (then cue overlap)."""
    scores = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            c = _overlap(_span(g["content"]), _span(p["content"]))
            if c > 0:
                scores.append((c, _overlap(_span(g["cue"]), _span(p["cue"])), gi, pi))
    scores.sort(reverse=True)
    used_g, used_p, pairs = set(), set(), []
    for _, _, gi, pi in scores:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return pairs


def prf(hit: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = hit / n_pred if n_pred else 0.0
    r = hit / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def timing(records: list[dict], *, repeat: int = 3, learned: bool = False) -> tuple[float, float]:
    """(parse seconds, statement seconds) over the texts, each the minimum of ``repeat`` runs:
    the machine may be shared, and the minimum is the least disturbed figure."""
    nlp = load_nlp(Settings().model)
    extractor = StatementExtractor.from_files(learned=learned)
    texts = [r["text"] for r in records]
    parse = stmts = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        docs = list(nlp.pipe(texts))
        parse = min(parse, time.perf_counter() - t0)
        t0 = time.perf_counter()
        for doc in docs:
            extractor.extract(doc, ArticleActors(doc))
        stmts = min(stmts, time.perf_counter() - t0)
    return parse, stmts


def evaluate(records: list[dict], *, show_errors: bool = False, learned: bool = False) -> dict:
    nlp = load_nlp(Settings().model)
    extractor = StatementExtractor.from_files(learned=learned)
    texts = [r["text"] for r in records]
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts))
    parse_s = time.perf_counter() - t0
    n_gold = n_pred = 0
    exact = dict.fromkeys(ROLES, 0)
    overlap = dict.fromkeys(ROLES, 0)
    extra = {"venue": [0, 0], "addressee": [0, 0], "reported_by": [0, 0], "direct": [0, 0]}
    stmt_s = 0.0
    for rec, doc in zip(records, docs, strict=True):
        t1 = time.perf_counter()
        actors = ArticleActors(doc)
        preds = [_as_dict(s) for s in extractor.extract(doc, actors)]
        stmt_s += time.perf_counter() - t1
        gold = rec["statements"]
        n_gold += len(gold)
        n_pred += len(preds)
        pairs = pair(gold, preds)
        pred_index = {p["id"]: i for i, p in enumerate(preds)}
        gold_of_pred = {pi: gi for gi, pi in pairs}
        for gi, pi in pairs:
            g, p = gold[gi], preds[pi]
            for role in ROLES:
                gs, ps = _span(g[role]), _span(p[role])
                exact[role] += gs == ps
                overlap[role] += _overlap(gs, ps) > 0
                if show_errors and gs != ps:
                    got = p[role]["text"] if p[role] else None
                    print(f"  {rec['id']} {role}: gold {g[role]['text']!r} got {got!r}", file=sys.stderr)
            for key in ("venue", "addressee", "direct"):
                if g.get(key) is not None or p.get(key) is not None or key == "direct":
                    extra[key][1] += 1
                    extra[key][0] += g.get(key) == p.get(key)
                    if show_errors and g.get(key) != p.get(key):
                        print(f"  {rec['id']} {key}: gold {g.get(key)!r} got {p.get(key)!r}", file=sys.stderr)
            if g.get("reported_by") is not None or p.get("reported_by") is not None:
                extra["reported_by"][1] += 1
                rb = p.get("reported_by")
                extra["reported_by"][0] += rb is not None and gold_of_pred.get(pred_index.get(rb)) == g.get(
                    "reported_by"
                )
        if show_errors:
            for gi, g in enumerate(gold):
                if gi not in {a for a, _ in pairs}:
                    print(
                        f"  {rec['id']} MISSED {g['speaker']['text']!r} {g['cue']['text']!r} {g['content']['text']!r}",
                        file=sys.stderr,
                    )
            for pi, p in enumerate(preds):
                if pi not in gold_of_pred:
                    sp = p["speaker"]["text"] if p["speaker"] else None
                    print(f"  {rec['id']} EXTRA {sp!r} {p['cue']['text']!r} {p['content']['text']!r}", file=sys.stderr)
    out = {"articles": len(records), "gold": n_gold, "predicted": n_pred, "parse_s": parse_s, "statements_s": stmt_s}
    for role in ROLES:
        out[f"{role}_exact"] = prf(exact[role], n_pred, n_gold)
        out[f"{role}_overlap"] = prf(overlap[role], n_pred, n_gold)
    out["agreement"] = {k: (v[0], v[1]) for k, v in extra.items()}
    return out


def _as_dict(st) -> dict:
    import dataclasses

    return dataclasses.asdict(st)


def main(argv: list[str] | None = None) -> int:
    print(machine_line())
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, nargs="+", default=[GOLD], help="gold JSONL file(s); several are pooled")
    ap.add_argument("--show-errors", action="store_true")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--learned", action="store_true", help="score the shipped default (rules + tagger)")
    ap.add_argument("--repeat", type=int, default=3, help="timing runs; the minimum is reported")
    args = ap.parse_args(argv)
    records = []
    for path in args.gold:
        with path.open(encoding="utf-8") as fh:
            records.extend(json.loads(line) for line in fh if line.strip())
    res = evaluate(records, show_errors=args.show_errors, learned=args.learned)
    res["parse_s"], res["statements_s"] = timing(records, repeat=args.repeat, learned=args.learned)
    if args.json:
        print(json.dumps(res, indent=1))
        return 0
    print(f"{res['articles']} articles, {res['gold']} gold statements, {res['predicted']} predicted")
    print(f"{'role':<9} {'exact P':>8} {'R':>6} {'F1':>6}   {'overlap P':>9} {'R':>6} {'F1':>6}")
    for role in ROLES:
        ep, er, ef = res[f"{role}_exact"]
        op, orr, of = res[f"{role}_overlap"]
        print(f"{role:<9} {ep:8.3f} {er:6.3f} {ef:6.3f}   {op:9.3f} {orr:6.3f} {of:6.3f}")
    agree = ", ".join(f"{k} {a}/{n}" for k, (a, n) in res["agreement"].items())
    print(f"agreement on paired statements: {agree}")
    share = 100 * res["statements_s"] / res["parse_s"] if res["parse_s"] else 0.0
    print(
        f"time (min of {args.repeat}): parse {res['parse_s']:.2f}s, statements {res['statements_s']:.3f}s "
        f"({share:.1f}% of parse)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
