"""Out-of-fold logits of a one-hidden-layer MLP (ReLU) over the first stage's features, in numpy.

The input layer is updated lazily (Adam on the rows of the features a batch holds), so an epoch over 35,000
candidates and 150,000 features takes seconds. ``--binary``: event or not, instead of the classes.
Writes OUTPREFIX_e{epoch}.npy for each epoch of ``--check``.
"""

import argparse
import time

import numpy as np
import scipy.sparse as sp
from common import article_rows, classes_of, load_examples
from threadpoolctl import threadpool_limits

from eventwire.events.learned import training as T


class MLP:
    def __init__(self, d: int, k: int, a, rng) -> None:
        self.a = a
        self.params = {
            "W1": (rng.standard_normal((d, a.hidden)) * 0.02).astype(np.float32),
            "b1": np.zeros(a.hidden, np.float32),
            "W2": (rng.standard_normal((a.hidden, k)) * np.sqrt(2.0 / a.hidden)).astype(np.float32),
            "b2": np.zeros(k, np.float32),
        }
        self.moments = {n: (np.zeros_like(p), np.zeros_like(p)) for n, p in self.params.items()}
        self.steps = {n: np.zeros(len(p), np.int64) for n, p in self.params.items()}

    def logits(self, x) -> np.ndarray:
        p = self.params
        return np.maximum(x @ p["W1"] + p["b1"], 0.0) @ p["W2"] + p["b2"]

    def _adam(self, name: str, grad: np.ndarray, rows=None) -> None:
        b1, b2, eps, a = 0.9, 0.999, 1e-8, self.a
        m, v = self.moments[name]
        p = self.params[name]
        rows = slice(None) if rows is None else rows
        self.steps[name][rows] += 1
        t = self.steps[name][rows].reshape((-1,) + (1,) * (p.ndim - 1))
        m[rows] = b1 * m[rows] + (1 - b1) * grad
        v[rows] = b2 * v[rows] + (1 - b2) * grad * grad
        p[rows] -= a.lr * ((m[rows] / (1 - b1**t)) / (np.sqrt(v[rows] / (1 - b2**t)) + eps) + a.weight_decay * p[rows])

    def train_batch(self, xb, yb, wb, rng) -> None:
        a, p = self.a, self.params
        cols = np.unique(xb.indices)
        xs = sp.csr_matrix(xb[:, cols])
        if a.input_dropout:
            xs.data = xs.data * (rng.random(xs.nnz) >= a.input_dropout) / (1 - a.input_dropout)
        pre = xs @ p["W1"][cols] + p["b1"]
        mask = (rng.random(pre.shape) >= a.dropout).astype(np.float32) / (1 - a.dropout)
        h = np.maximum(pre, 0.0) * mask
        z = h @ p["W2"] + p["b2"]
        e = np.exp(z - z.max(1, keepdims=True))
        q = e / e.sum(1, keepdims=True)
        q[np.arange(len(yb)), yb] -= 1.0
        dz = q * (wb / wb.sum())[:, None]
        dh = (dz @ p["W2"].T) * mask * (pre > 0)
        self._adam("W2", h.T @ dz)
        self._adam("b2", dz.sum(0))
        self._adam("b1", dh.sum(0))
        self._adam("W1", np.asarray(xs.T @ dh, dtype=np.float32), cols)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("examples")
    ap.add_argument("outprefix")
    ap.add_argument("--fold-seed", type=int, default=0)
    ap.add_argument("--hidden", type=int, default=64)
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--check", default="4,8,12")
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--weight-decay", type=float, default=1e-3)
    ap.add_argument("--dropout", type=float, default=0.5)
    ap.add_argument("--input-dropout", type=float, default=0.5)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--drop-prefixes", default="", help="e.g. bag=,bi= (leave the sentence's words out)")
    ap.add_argument("--binary", action="store_true")
    a = ap.parse_args()
    ex = load_examples(a.examples)
    classes = classes_of(ex)
    x, names = T._matrix(ex.rows)
    drop = tuple(p for p in a.drop_prefixes.split(",") if p)
    if drop:
        x = x[:, [i for i, n in enumerate(names) if not n.startswith(drop)]]
    x = sp.csr_matrix(x, dtype=np.float32)
    y = np.array([classes.index(c) for c in ex.labels])
    k = len(classes)
    if a.binary:
        y, k = (y > 0).astype(int), 2
    w = np.array(ex.weights, dtype=np.float32)
    groups = np.array(ex.groups)
    is_article = article_rows(groups)
    check = sorted(int(e) for e in a.check.split(","))
    out = {e: np.zeros((len(y), k), np.float32) for e in check}
    t0 = time.time()
    with threadpool_limits(limits=1):
        for fold in T._folds(list(ex.candidates), 5, a.fold_seed):
            test = np.isin(groups, list(fold))
            train = np.flatnonzero(~test)
            rng = np.random.default_rng(0)
            net = MLP(x.shape[1], k, a, rng)
            for epoch in range(1, check[-1] + 1):
                order = rng.permutation(train)
                for s in range(0, len(order), a.batch):
                    b = order[s : s + a.batch]
                    net.train_batch(x[b], y[b], w[b], rng)
                if epoch in out:
                    out[epoch][test] = net.logits(x[test])
            print(f"fold done {time.time() - t0:.0f}s", flush=True)
    for epoch, z in out.items():
        np.save(f"{a.outprefix}_e{epoch}.npy", z[is_article])


if __name__ == "__main__":
    main()
