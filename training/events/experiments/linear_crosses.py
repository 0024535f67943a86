"""Out-of-fold logits of the linear first stage, optionally with feature crosses a linear model cannot form."""

import argparse
import pickle
import time

import numpy as np
from threadpoolctl import threadpool_limits

from eventwire.events.learned import training as T
from eventwire.events.learned.model import NONE

CUES = ("ch_neg", "ch_aux", "up_aux", "up_neg", "ch_mark", "up_mark", "ch_advmod", "ch_acomp", "ch_prt", "ch_auxpass")


def crosses(row: dict[str, float], sets: set[str]) -> dict[str, float]:
    """Trigger lemma x participant sectors (sec), x cue words and modality (cue), x verb above and reported speech
    (up); source path and kind x source sector (srcx)."""

    def get(prefix: str) -> list[str]:
        return [k[len(prefix) + 1 :] for k in row if k.startswith(prefix + "=")]

    lem = (get("lemma") or ["-"])[0]
    out: dict[str, float] = {}
    if "sec" in sets:
        out |= {f"x_lem_src={lem}|{s}": 1.0 for s in get("src_sector") or ["none"]}
        out |= {f"x_lem_tgt={lem}|{s}": 1.0 for s in get("tgt_sector") or ["none"]}
        out |= {f"x_lem_pair={lem}|{p}": 1.0 for p in get("pair")}
    if "cue" in sets:
        out |= {f"x_lem_{c}={lem}|{v}": 1.0 for c in CUES for v in get(c)}
        out |= {f"x_lem_mod={lem}|{v}": 1.0 for v in get("modality")}
    if "up" in sets:
        out |= {f"x_lem_up1={lem}|{v}": 1.0 for v in get("up1")}
        out |= {f"x_lem_said={lem}|{v}": 1.0 for v in get("said_by_source") + get("statement")}
    if "srcx" in sets:
        kind, sector = (get("src_kind") or ["none"])[0], (get("src_sector") or ["none"])[0]
        out |= {f"x_srcpath_sec={v}|{sector}": 1.0 for v in get("src_path")}
        out[f"x_src_kind_sec={kind}|{sector}"] = 1.0
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("examples")
    ap.add_argument("out")
    ap.add_argument("--crosses", default="", help="comma-separated: sec, cue, up, srcx (none: the shipped stage)")
    ap.add_argument("--C", type=float, default=0.15)
    ap.add_argument("--fold-seed", type=int, default=0)
    a = ap.parse_args()
    with open(a.examples, "rb") as fh:
        ex = pickle.load(fh)["examples"]  # noqa: S301 (a file eventwire train events wrote)
    sets = {s for s in a.crosses.split(",") if s}
    classes = [NONE, *sorted({c for c in ex.labels if c != NONE})]
    is_article = np.array([not g.startswith("gsr:") for g in ex.groups])
    folds = T._folds(list(ex.candidates), 5, a.fold_seed)
    t0 = time.time()
    rows = [{**r, **crosses(r, sets)} for r in ex.rows] if sets else ex.rows
    with threadpool_limits(limits=1):
        x, names = T._matrix(rows)
        print("features", len(names), flush=True)
        logits = T.cross_validate(ex, x, a.C, folds, 0, classes)[is_article]
    np.save(a.out, logits)
    print(f"wrote {a.out} in {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
