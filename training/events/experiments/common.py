"""What every experiment script here reads the same way: the examples file, the classes, the article rows, and the
out-of-fold logits of the linear first stage (the scripts run as ``python training/events/experiments/X.py``, so
this module is importable beside them)."""

from __future__ import annotations

import pickle
import time
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from eventwire.events.learned import training as T
from eventwire.events.learned.model import NONE


def load_examples(path: str | Path) -> T.Examples:
    """The examples that ``eventwire train events --examples FILE`` wrote."""
    with open(path, "rb") as fh:
        return pickle.load(fh)["examples"]  # noqa: S301 (a file eventwire train events wrote)


def classes_of(ex: T.Examples) -> list[str]:
    """The trainer's class order: NONE first, then the types seen."""
    return [NONE, *sorted({c for c in ex.labels if c != NONE})]


def article_rows(groups) -> np.ndarray:
    """Which rows are article candidates (the plover-gsr typing rows train but are never scored)."""
    return np.array([not g.startswith("gsr:") for g in groups])


def write_linear_logits(ex: T.Examples, rows: list[dict], strength: float, fold_seed: int, out: str) -> None:
    """Cross-validate the linear first stage over ``rows`` (5 folds by article) and save the article rows'
    out-of-fold logits to ``out`` (``score_logits.py`` reads them)."""
    folds = T._folds(list(ex.candidates), 5, fold_seed)
    t0 = time.time()
    with threadpool_limits(limits=1):
        x, names = T._matrix(rows)
        print("features", len(names), flush=True)
        logits = T.cross_validate(ex, x, strength, folds, 0, classes_of(ex))[article_rows(ex.groups)]
    np.save(out, logits)
    print(f"wrote {out} in {time.time() - t0:.0f}s")
