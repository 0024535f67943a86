"""A second real-news yardstick from other sources: UK, Caribbean, international and local news pages.

The realnews-dev yardstick is all US-2016 campaign coverage, the same kind of
text the event coder learned from. This set measures how the coder
generalises to other publishers and topics. It is measure-only: nothing may
train on it.

Source: trafilatura's public test pages (github.com/adbar/trafilatura,
``tests/eval/`` and ``tests/cache/``), the English pages that
``bench/data/nonpolitical-pages.jsonl`` labels as holding a political event.
Each page is read through eventwire's own HTML ingest (``read_html``) so the
offsets point into the text the pipeline codes. The event labels in
``bench/data/otherpages-labels.jsonl`` follow the realnews-dev guide
(/work/shared/benchmarks/realnews-dev/guide.md) and hold ids, character
offsets and a sha256 of the article text only; no article text is stored here.

    python bench/otherpages.py build TRAFILATURA_GIT OUT_DIR
        OUT_DIR/articles.jsonl  {"id": "trafilatura/<path>", "title", "text", "published", "publisher"}
        OUT_DIR/gold.jsonl      the labels with every span's text filled in (realnews-dev gold shape)
    python bench/otherpages.py store ARTICLES DRAFT.json
        check a draft with training/events/check.py and store it with the article's text sha256
    python bench/eval_realnews.py OUT_DIR/articles.jsonl OUT_DIR/gold.jsonl [--coder rules.v1]

A label whose article text no longer hashes to its stored sha256 (trafilatura
or eventwire's ingest changed) is refused and reported, not built.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from pathlib import Path

from eventwire.ingest import read_html
from eventwire.ingest.checks import check_text
from eventwire.schema import Article
from eventwire.settings import Settings

HERE = Path(__file__).parent
PAGES = HERE / "data" / "nonpolitical-pages.jsonl"
LABELS = HERE / "data" / "otherpages-labels.jsonl"
CHECK = HERE.parent / "training" / "events" / "check.py"
PREFIX = "trafilatura/"


def text_sha(text: str) -> str:
    """The sha256 a label carries: it ties the offsets to one exact article text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def read_pages(git_dir: str) -> tuple[list[dict], list[str]]:
    """The English political pages as articles, and why any other political page was left out."""
    settings, articles, skipped = Settings(), [], []
    for page in (p for p in _jsonl(PAGES) if p["has_political_event"]):
        got = subprocess.run(["git", "--git-dir", git_dir, "cat-file", "blob", page["sha"]], capture_output=True)
        if got.returncode:
            skipped.append(f"{page['path']}: blob {page['sha']} not in {git_dir}")
            continue
        art = read_html(got.stdout, origin=page["path"], url=page.get("url"))
        why = art.reason if not isinstance(art, Article) else check_text(
            art.text, max_chars=settings.max_chars, min_english=settings.min_english)  # fmt: skip
        if why:
            skipped.append(f"{page['path']}: {why}")
            continue
        articles.append({"id": PREFIX + page["path"], "title": art.title, "text": art.text,
                         "published": art.published, "publisher": art.publisher})  # fmt: skip
    return articles, skipped


def fill_spans(label: dict, text: str) -> dict:
    """The label with every {"start", "end"} span replaced by its text (the realnews-dev gold shape)."""

    def cut(span):
        return text[span["start"] : span["end"]] if isinstance(span, dict) else span

    events = []
    for ev in label["events"]:
        ev = {**ev, **{k: cut(ev.get(k)) for k in ("evidence", "trigger", "date_text")}}
        for role in ("source", "target"):
            ev[role] = [{**a, "text": cut(a.get("text"))} for a in ev[role]]
        events.append(ev)
    return {"id": label["id"], "events": events, "notes": label.get("notes", "")}


def build(git_dir: str, out: Path) -> int:
    """Write OUT/articles.jsonl (all English political pages) and OUT/gold.jsonl (the labelled ones)."""
    articles, skipped = read_pages(git_dir)
    by_id = {a["id"]: a for a in articles}
    out.mkdir(parents=True, exist_ok=True)
    gold, refused = [], []
    for lab in _jsonl(LABELS) if LABELS.exists() else []:
        art = by_id.get(lab["id"])
        if art is None or text_sha(art["text"]) != lab["text_sha256"]:
            refused.append(f"{lab['id']}: " + ("page not built" if art is None else "article text changed (sha256)"))
            continue
        gold.append(fill_spans(lab, art["text"]))
    labelled = {g["id"] for g in gold}
    with (out / "articles.jsonl").open("w", encoding="utf-8") as f:
        f.writelines(json.dumps(a, ensure_ascii=False) + "\n" for a in articles)
    (out / "gold.jsonl").write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in gold), encoding="utf-8")
    print(f"{len(articles)} English political pages -> {out}/articles.jsonl; {len(gold)} labelled -> {out}/gold.jsonl "
          f"({sum(len(g['events']) for g in gold)} events); {len(articles) - len(labelled)} pages not yet labelled")  # fmt: skip
    for line in skipped:
        print(f"  not built: {line}")
    for line in refused:
        print(f"  REFUSED: {line}", file=sys.stderr)
    return 1 if refused else 0


def store(articles: Path, draft: Path) -> int:
    """Check a draft with check.py and store it; then add the article text's sha256 to the stored label."""
    got = subprocess.run([sys.executable, str(CHECK), str(articles), str(draft), str(LABELS)])
    if got.returncode:
        return got.returncode
    aid = json.loads(draft.read_text(encoding="utf-8"))["id"]
    text = next(a["text"] for a in _jsonl(articles) if a["id"] == aid)
    rows = [{**r, "text_sha256": text_sha(text)} if r["id"] == aid else r for r in _jsonl(LABELS)]
    LABELS.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build", help="write OUT_DIR/articles.jsonl and OUT_DIR/gold.jsonl")
    b.add_argument("git_dir", help="trafilatura's git directory (bare is fine)")
    b.add_argument("out", type=Path)
    s = sub.add_parser("store", help="check one draft and store it in the labels file with the text's sha256")
    s.add_argument("articles", type=Path)
    s.add_argument("draft", type=Path)
    args = ap.parse_args(argv)
    return build(args.git_dir, args.out) if args.cmd == "build" else store(args.articles, args.draft)


if __name__ == "__main__":
    raise SystemExit(main())
