"""Build article texts of PolNeAR's train split (they stay outside the repository).

    python bench/polnear_articles.py POLNEAR_GIT_DIR OUT.jsonl [--ids FILE]

Reads the public PolNeAR repository's git directory (no work tree needed) and
writes one ``{"id": "polnear-train/<file>", "title", "text", "published",
"publisher"}`` per line, texts stripped as the shared realnews-dev ``build.py``
does, so that label offsets point into the same characters. ``--ids`` keeps only
the articles named in FILE (one id per line, or JSON Lines with an ``id``, such
as a labels file). Only the train split is read: dev and test are never opened.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import subprocess
from pathlib import Path

PREFIX = "polnear-train/"
TEXTS = "data/train/text/"


def git_show(git_dir: str, path: str) -> str:
    return subprocess.run(
        ["git", "--git-dir", git_dir, "show", f"HEAD:{path}"], check=True, capture_output=True
    ).stdout.decode("utf-8")


def train_names(git_dir: str) -> list[str]:
    """File names (without .txt) of the train split's texts."""
    out = subprocess.run(
        ["git", "--git-dir", git_dir, "ls-tree", "--name-only", "HEAD", TEXTS], check=True, capture_output=True
    ).stdout.decode("utf-8")
    return sorted(Path(p).stem for p in out.split() if p.endswith(".txt"))


def read_ids(path: str) -> set[str]:
    """Ids from a plain list or from JSON Lines records with an ``id``."""
    ids = set()
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line:
            ids.add(json.loads(line)["id"] if line.startswith("{") else line)
    return ids


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("git_dir")
    ap.add_argument("out")
    ap.add_argument("--ids", help="keep only these article ids (plain list or JSON Lines with 'id')")
    args = ap.parse_args(argv)
    meta = {
        r["filename"]: r
        for r in csv.DictReader(io.StringIO(git_show(args.git_dir, "data/metadata.tsv")), delimiter="\t")
    }
    wanted = read_ids(args.ids) if args.ids else None
    n = 0
    with open(args.out, "w", encoding="utf-8") as fh:
        for name in train_names(args.git_dir):
            if wanted is not None and PREFIX + name not in wanted:
                continue
            m = meta.get(name, {})
            text = git_show(args.git_dir, TEXTS + name + ".txt").strip()
            rec = {"id": PREFIX + name, "title": m.get("title"), "text": text,
                   "published": m.get("publication_date"), "publisher": m.get("publisher")}  # fmt: skip
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    print(f"{n} PolNeAR train articles -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
