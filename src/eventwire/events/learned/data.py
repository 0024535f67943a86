"""Training data: annotated articles (ids + offsets), their texts, and gold labels for rule candidates.

Labels are the real-news guide's shape (``training/events/labels/*.jsonl``).
Texts are not in the repository: they come from a JSON Lines file of articles
or straight from PolNeAR's git directory (its train split only).
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventwire.errors import InputError
from eventwire.events.learned.candidates import SENTENCE_RULE
from eventwire.events.learned.model import NONE
from eventwire.jsonl import last_by_id
from eventwire.schema import Article

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline

POLNEAR_PREFIX = "polnear-train/"
POLNEAR_TEXTS = "data/train/text/"


def read_labels(paths: Iterable[Path | str]) -> list[dict[str, Any]]:
    """Labelled articles from files or folders of ``*.jsonl``; a later label of the same id replaces an earlier one."""
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(sorted(p.glob("*.jsonl")))
        elif p.is_file():
            files.append(p)
        else:
            raise InputError(f"no such labels file or folder: {p}")
    by_id: dict[str, dict[str, Any]] = {}
    for path in files:
        for rec in last_by_id(path):
            by_id[str(rec["id"])] = rec
    return [by_id[k] for k in sorted(by_id)]


def read_articles(path: Path | str) -> dict[str, dict[str, Any]]:
    """Articles (``id``, ``text``, ...) by id from a JSON Lines file."""
    out = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            out[str(rec["id"])] = rec
    return out


def _git_show(git_dir: str, path: str) -> str:
    return subprocess.run(
        ["git", "--git-dir", git_dir, "show", f"HEAD:{path}"], check=True, capture_output=True
    ).stdout.decode("utf-8")


def polnear_train_names(git_dir: str) -> list[str]:
    """File names (without .txt) of PolNeAR's train texts."""
    out = subprocess.run(
        ["git", "--git-dir", git_dir, "ls-tree", "--name-only", "HEAD", POLNEAR_TEXTS], check=True, capture_output=True
    ).stdout.decode("utf-8")
    return sorted(Path(p).stem for p in out.split() if p.endswith(".txt"))


def polnear_articles(git_dir: str | Path, ids: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
    """PolNeAR train articles by id (``polnear-train/<file>``), texts stripped as the shared build script does.

    Only the train split is read; an id of another split is an error, not a silent read.
    """
    git_dir = str(git_dir)
    names = polnear_train_names(git_dir)
    if ids is not None:
        wanted = set(ids)
        bad = sorted(i for i in wanted if not i.startswith(POLNEAR_PREFIX))
        if bad:
            raise InputError(f"not PolNeAR train ids: {', '.join(bad[:3])}")
        names = [n for n in names if POLNEAR_PREFIX + n in wanted]
    meta = {
        r["filename"]: r for r in csv.DictReader(io.StringIO(_git_show(git_dir, "data/metadata.tsv")), delimiter="\t")
    }
    out = {}
    for name in names:
        m = meta.get(name, {})
        out[POLNEAR_PREFIX + name] = {
            "id": POLNEAR_PREFIX + name,
            "title": m.get("title"),
            "text": _git_show(git_dir, POLNEAR_TEXTS + name + ".txt").strip(),
            "published": m.get("publication_date"),
            "publisher": m.get("publisher"),
        }
    return out


def labelled_texts(
    label_paths: Iterable[Path | str], articles_path: Path | str | None, polnear: Path | str | None
) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """The labelled articles and their texts (from a JSON Lines file or PolNeAR's git dir): what every
    trainer on annotated articles starts from."""
    labels = read_labels(label_paths)
    if not labels:
        raise InputError("no labelled articles found")
    if articles_path is not None:
        return labels, read_articles(articles_path)
    if polnear is not None:
        return labels, polnear_articles(polnear, [lab["id"] for lab in labels])
    raise InputError("article texts are needed: give --articles FILE or --polnear GITDIR")


def gsr_source(path: Path | str | None) -> str | None:
    """Where gold sentences came from, for a manifest, without this machine's folders (plover-gsr is CC BY-SA)."""
    return f"{Path(path).parent.name}/{Path(path).name}" if path else None


def _overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def label_candidates(gold_events: list[dict[str, Any]], candidates: list) -> list[str]:
    """The gold type of each rule candidate, or NONE; each gold event labels at most one candidate.

    A candidate takes the gold event whose trigger it overlaps; else one of the same type whose evidence it
    overlaps; else any unclaimed gold event whose evidence holds its trigger (the rule found the right place
    but the wrong word or type: the model learns to re-type it) or, for a sentence candidate, overlaps it.
    """
    labels = [NONE] * len(candidates)
    claimed: set[int] = set()

    def trig(c) -> tuple[int, int]:
        return c.trigger.start, c.trigger.end

    def evid(c) -> tuple[int, int]:
        return c.evidence.start, c.evidence.end

    tests = (
        lambda g, c: _overlap(g["trigger_span"], trig(c)),
        lambda g, c: g["type"] == c.event_type and _overlap(g["span"], evid(c)),
        lambda g, c: _overlap(g["span"], trig(c)) or (c.rule == SENTENCE_RULE and _overlap(g["span"], evid(c))),
    )
    for test in tests:
        for gi, g in enumerate(gold_events):
            if gi in claimed:
                continue
            for ci, c in enumerate(candidates):
                if labels[ci] == NONE and test(g, c):
                    labels[ci] = g["type"]
                    claimed.add(gi)
                    break
    return labels


def read_gsr(path: Path | str) -> list[dict[str, Any]]:
    """PLOVER gold sentences (``text`` + ``events`` with ``event_type``, ``source``, ``target``)."""
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            out.append(json.loads(line))
    return out


def article_of(text: str, meta: dict) -> Article:
    """The article as a run reads it (``article_from_record``): its metadata, and the dateline, date and credit
    its lead lines give; the text kept as annotated."""
    from eventwire.ingest import article_from_record

    return article_from_record({**meta, "text": text}, keep_markup=True)


def parse_as_run(pipe: Pipeline, texts: list[tuple[str, dict]]) -> Iterator[tuple]:
    """(doc, actors, rule statements, candidates) per text, as the learned coder sees them at run time: actors
    resolved with the same article context (``Pipeline.article_context``) and date as ``Pipeline.code_doc``.

    Both trainers (event types and roles) read their articles here, so neither learns from features a run
    would compute otherwise."""
    from eventwire.events.learned.candidates import sentence_candidates
    from eventwire.pipeline import mask_dateline

    articles = [article_of(t, meta) for t, meta in texts]
    docs = pipe.nlp.pipe((mask_dateline(a.text) for a in articles), batch_size=pipe.settings.batch_size)
    for art, doc in zip(articles, docs, strict=True):
        actors = pipe.actors.resolve(doc, published=art.published, context=pipe.article_context(art))
        _, statements = pipe.statements.extract_with_rules(doc, actors)
        cands = pipe.events.code(doc, actors, statements) + sentence_candidates(doc, actors, statements)
        yield doc, actors, statements, cands
