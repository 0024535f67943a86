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
import json
from pathlib import Path

from eventwire.events.learned.data import polnear_articles


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
    articles = polnear_articles(args.git_dir, read_ids(args.ids) if args.ids else None)
    with open(args.out, "w", encoding="utf-8") as fh:
        for rec in articles.values():
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"{len(articles)} PolNeAR train articles -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
