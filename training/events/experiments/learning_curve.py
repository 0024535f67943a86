"""Learning curve of the whole learned.v1 procedure on a file of examples (``eventwire train events --examples``).

    python learning_curve.py EXAMPLES --fold-seed 0 --fractions 0.25,0.5,0.75,1.0 [--C 0.15]

The same 5 folds by article as the trainer; each fold's training articles are subsampled (seeded, nested: the
25% are inside the 50%), the plover-gsr typing examples always train, and every article is scored out of fold.
The first stage is fitted at one strength (the shipped C); the second stage (kept only when it beats the first
by ``CONTEXT_MIN_GAIN``), the calibration and the threshold are chosen as the trainer chooses them, each fold's
second stage and calibration fitted on that fold's subsample only. Prints one JSON line per fraction.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from functools import partial

import numpy as np
from common import article_rows, classes_of, load_examples
from threadpoolctl import threadpool_limits

from eventwire.events.learned import training as T
from eventwire.events.learned.coder import with_rule_prior
from eventwire.events.learned.model import apply_calibration, softmax


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("examples")
    ap.add_argument("--fold-seed", type=int, default=0)
    ap.add_argument("--fractions", default="0.25,0.5,0.75,1.0")
    ap.add_argument("--C", type=float, default=0.15)
    args = ap.parse_args()
    ex = load_examples(args.examples)
    with threadpool_limits(limits=1):
        for frac in (float(f) for f in args.fractions.split(",")):
            print(json.dumps(run(ex, frac, args.fold_seed, args.C)), flush=True)


def run(ex: T.Examples, frac: float, seed: int, strength: float) -> dict:
    t0 = time.time()
    classes = classes_of(ex)
    is_article = article_rows(ex.groups)
    x, _ = T._matrix(ex.rows)
    y, w, groups = np.array(ex.labels), np.array(ex.weights), np.array(ex.groups)
    y_idx = np.array([classes.index(c) for c in ex.labels])
    ids = list(ex.candidates)
    folds = T._folds(ids, 5, seed)
    subs = []
    for k, fold in enumerate(folds):
        rest = sorted(set(ids) - fold)
        random.Random(1000 * seed + k).shuffle(rest)
        subs.append(set(rest[: round(frac * len(rest))]))
    logits = np.zeros((len(y), len(classes)))
    for fold, sub in zip(folds, subs, strict=True):
        test = np.isin(groups, list(fold))
        train = ~is_article | np.isin(groups, list(sub))
        clf = T._fit(x[train], y[train], w[train], strength, 0)
        z = np.full((int(test.sum()), len(classes)), -30.0)
        z[:, [classes.index(c) for c in clf.classes_]] = clf.decision_function(x[test])
        logits[test] = z
    logits = logits[is_article]
    cands = [c for cs in ex.candidates.values() for c in cs]
    temp = T._temperature(logits, y_idx[is_article])
    probs = with_rule_prior(softmax(logits / temp), cands, classes, T.RULE_PRIOR)
    _, first = T.best_threshold(ex, probs, classes)
    # second stage, each fold's fitted on its subsample only
    art_groups = groups[is_article]
    xc = T._context_x(ex, probs, classes)
    xv, at = T._sentence_views(ex, probs, classes)
    ya = y_idx[is_article]
    x_all, y_all = np.vstack([xc, xv]), np.concatenate([ya, ya[at]])
    g_all = np.concatenate([art_groups, art_groups[at]])
    best = (first["type_f1"], None, probs)
    for s in T.CONTEXT_STRENGTHS:
        out = np.zeros_like(probs)
        for fold, sub in zip(folds, subs, strict=True):
            test, train = np.isin(art_groups, list(fold)), np.isin(g_all, list(sub))
            out[test] = T._dense(T._fit(x_all[train], y_all[train], None, s, 0, 1e-4), len(classes)).proba(xc[test])
        _, rep = T.best_threshold(ex, out, classes)
        if rep["type_f1"] > best[0]:
            best = (rep["type_f1"], s, out)
    kept_second = best[1] is not None and best[0] >= first["type_f1"] + T.CONTEXT_MIN_GAIN
    final = best[2] if kept_second else probs
    events = T.kept_events(ex, final, classes)
    held = {}
    for fold, sub in zip(folds, subs, strict=True):
        cal, _ = T.calibrate([e for e in events if e[0] in sub], [set()])
        held.update(dict.fromkeys(fold, partial(apply_calibration, cal)))
    threshold, rep = T.best_threshold(ex, final, classes, held)
    top = [b for b in rep["precision_by_confidence"] if b["band"] in ("0.8-0.9", "0.9-1.0")]
    n_top = sum(b["events"] for b in top)
    p_top = sum((b["precision"] or 0.0) * b["events"] for b in top) / max(n_top, 1)
    return {
        "fraction": frac, "fold_seed": seed, "C": strength,
        "articles_per_fold": round(float(np.mean([len(s) for s in subs]))),
        "first_stage": [first[k] for k in ("type_precision", "type_recall", "type_f1")],
        "second_stage_kept": kept_second, "threshold": threshold,
        "type_P": rep["type_precision"], "type_R": rep["type_recall"], "type_F1": rep["type_f1"],
        "record_P": rep["record_precision"], "accuse_R": rep["accuse_recall"],
        "precision_conf_0.8": round(p_top, 3), "events_conf_0.8": n_top, "seconds": round(time.time() - t0),
    }  # fmt: skip


if __name__ == "__main__":
    main()
