"""Out-of-fold logits of the linear first stage, optionally with feature crosses a linear model cannot form."""

import argparse

from common import load_examples, write_linear_logits

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
    ex = load_examples(a.examples)
    sets = {s for s in a.crosses.split(",") if s}
    rows = [{**r, **crosses(r, sets)} for r in ex.rows] if sets else ex.rows
    write_linear_logits(ex, rows, a.C, a.fold_seed, a.out)


if __name__ == "__main__":
    main()
