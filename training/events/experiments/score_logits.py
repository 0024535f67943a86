"""First-stage type P / R / F1 (and log-loss) of out-of-fold logits, alone or mixed with the linear stage's.

Mixed: each set of logits over its held-out temperature, averaged with weight ``m`` on the other; a two-column
file (binary event/NONE) mixes its log-odds into the linear model's event probability and keeps its types.
``--full``: also the second stage and held-out calibration, as the trainer runs them (slow).
"""

import argparse
from pathlib import Path

import numpy as np
from common import article_rows, classes_of, load_examples

from eventwire.events.learned import training as T
from eventwire.events.learned.coder import with_rule_prior
from eventwire.events.learned.model import softmax


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("examples")
    ap.add_argument("logits", nargs="+")
    ap.add_argument("--linear", required=True, help="the linear first stage's logits on the same folds")
    ap.add_argument("--fold-seed", type=int, default=0)
    ap.add_argument("--mix", default="0,0.5")
    ap.add_argument("--full", action="store_true")
    a = ap.parse_args()
    ex = load_examples(a.examples)
    classes = classes_of(ex)
    is_article = article_rows(ex.groups)
    y = np.array([classes.index(c) for c in ex.labels])[is_article]
    cands = [c for cs in ex.candidates.values() for c in cs]
    folds = T._folds(list(ex.candidates), 5, a.fold_seed)
    lin = np.load(a.linear).astype(np.float64)
    lin = lin / T._temperature(lin, y)

    def report(tag: str, logits: np.ndarray) -> None:
        temp = T._temperature(logits, y)
        p1 = with_rule_prior(softmax(logits / temp), cands, classes, T.RULE_PRIOR)
        t1, r = T.best_threshold(ex, p1, classes)
        nll = -np.log(softmax(logits / temp)[np.arange(len(y)), y] + 1e-12).mean()
        keys = ("type_precision", "type_recall", "type_f1", "record_precision", "accuse_recall")
        print(tag, f"temperature {temp} nll {nll:.4f} threshold {t1}", *(r[k] for k in keys), flush=True)
        if a.full:
            _, p2, measured = T.fit_context(ex, p1, y, classes, folds, 0, lambda s: None, r["type_f1"])
            _, held = T.calibrate(T.kept_events(ex, p2, classes), folds)
            thr, rep = T.best_threshold(ex, p2, classes, held)
            bands = [(b["band"], b["events"], b["precision"]) for b in rep["precision_by_confidence"] if b["events"]]
            print("  with second stage", measured.get("C"), "and calibration, threshold", thr,
                  *(rep[k] for k in keys), bands, flush=True)  # fmt: skip

    def binary_mix(d: np.ndarray, m: float) -> np.ndarray:
        d = d / T._temperature(np.column_stack([np.zeros(len(d)), d]), (y > 0).astype(int))
        pl = softmax(lin)
        pe = np.clip(1 - pl[:, 0], 1e-9, 1 - 1e-9)
        mixed = 1 / (1 + np.exp(-((1 - m) * np.log(pe / (1 - pe)) + m * d)))
        types = pl[:, 1:] / pl[:, 1:].sum(1, keepdims=True)
        return np.log(np.clip(np.column_stack([1 - mixed, types * mixed[:, None]]), 1e-12, None))

    for path in a.logits:
        z = np.load(path).astype(np.float64)
        for m in (float(v) for v in a.mix.split(",")):
            name = f"{Path(path).name} mix {m}"
            if z.shape[1] == 2:
                report(name, binary_mix(z[:, 1] - z[:, 0], m))
            elif m == 0:
                report(name, z)
            else:
                report(name, (1 - m) * lin + m * z / T._temperature(z, y))


if __name__ == "__main__":
    main()
