"""How often two PolNeAR annotators agree: the ceiling that the statements figures are read against.

    PYTHONPATH=src python bench/polnear_agreement.py PATH [--split train]

PolNeAR had some articles annotated by two or more annotators (an ``.ann`` file each, named
``ARTICLE_ANNOTATOR.ann``); the project trains and scores on one of them (the first by name). This
script scores the second annotation of each such article against the first with the same per-role
measures as ``bench/polnear_statements.py`` (exact, half, overlap; F1 is symmetric, so which one is
called gold does not matter for it). A system that matches the first annotator about as often as the
second annotator does is at the agreement ceiling of the data, whatever the published figures.

PATH is a split directory (``text/`` + ``attributions/``) or the PolNeAR git directory with
``--split``. Only the train and dev splits are for development: do not run it on test.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path

from polnear_statements import count_spans, gold_spans, new_counts, prf

from eventwire.machine import machine_line
from eventwire.statements.polnear import ROLES, PolnearArticle, parse_ann, split_files


def annotations(path: Path, split: str | None) -> dict[str, tuple[str, list[str]]]:
    """Each article's text and its ``.ann`` contents, in the order of their file names."""
    if split is None and not (path / "attributions").is_dir():
        raise SystemExit("a PolNeAR git directory needs --split (train or dev)")
    files = split_files(path, split)
    texts: dict[str, str] = {}
    anns: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for name, content in files:
        stem = Path(name).stem
        if name.endswith(".txt"):
            texts[stem] = content
        elif name.endswith(".ann"):
            anns[stem.rsplit("_", 1)[0]].append((stem, content))
    return {a: (texts[a], [c for _, c in sorted(v)]) for a, v in anns.items() if a in texts}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", type=Path, help="PolNeAR split directory or git directory")
    ap.add_argument("--split", default=None, help="split of a git directory: train or dev")
    args = ap.parse_args(argv)
    if args.split == "test":
        raise SystemExit("PolNeAR's test split is held out: use train or dev")
    counts = new_counts()  # the first annotation is the reference ("gold"), the second is scored ("pred")
    n = 0
    for name, (text, anns) in sorted(annotations(args.path, args.split).items()):
        if len(anns) < 2:
            continue
        n += 1
        first, second = (gold_spans(PolnearArticle(name, text, parse_ann(a, text))) for a in anns[:2])
        count_spans(counts, first, second)
    print(machine_line())
    print(f"{args.path} {args.split or ''}: {n} articles annotated twice (second annotation scored against the first)")
    print(f"{'role':8} {'first':>6} {'second':>6}   {'exact F1':>8} {'half F1':>8} {'overlap F1':>10}")
    for role in ROLES:
        c = counts[role]
        f1 = [prf(c[k], c["pred"], c["gold"])[2] for k in ("exact", "half", "overlap")]
        print(f"{role:8} {c['gold']:6d} {c['pred']:6d}   {f1[0]:8.3f} {f1[1]:8.3f} {f1[2]:10.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
