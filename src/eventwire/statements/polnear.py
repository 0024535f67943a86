"""Read PolNeAR (political news attribution relations) in its brat standoff form.

PolNeAR annotates *attributions*: a **source** (who), a **cue** (the words that signal the
attribution: "said", "according to", "believes") and a **content** (what is attributed), each a
possibly discontinuous span. Attributions cover speech, beliefs and intentions alike; a source may
be missing (``Attribution-no-source``). Annotations are univocal: a token has at most one role in
one attribution, so a nested attribution's tokens are cut out of its outer content (the outer
content becomes discontinuous around it).

Reads either a split directory (``SPLIT/text/*.txt`` + ``SPLIT/attributions/*.ann``) or a git
directory of the PolNeAR repository without a work tree (``split`` names ``data/<split>``). An
article annotated by several annotators keeps the annotation whose file name sorts first.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROLES = ("source", "cue", "content")


@dataclass
class Attribution:
    """One annotated attribution; each role is a list of (start, end) character fragments."""

    id: str
    source: list[tuple[int, int]] = field(default_factory=list)
    cue: list[tuple[int, int]] = field(default_factory=list)
    content: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class PolnearArticle:
    """An article's text and its attributions (in the order of their annotation ids)."""

    name: str
    text: str
    attributions: list[Attribution]


def parse_ann(ann: str, text: str) -> list[Attribution]:
    """Attributions of one ``.ann`` file; fragments are trimmed of surrounding whitespace."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[tuple[str, dict[str, str]]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, offsets = parts[1].partition(" ")
            frags = []
            for piece in offsets.split(";"):
                a, b = piece.split()
                frags.append(_trim(text, int(a), int(b)))
            spans[parts[0]] = (label.lower(), [f for f in frags if f[0] < f[1]])
        elif line.startswith("E") and len(parts) >= 2:
            args = dict(arg.split(":", 1) for arg in parts[1].split())
            events.append((parts[0], args))
    out = []
    for eid, args in events:
        att = Attribution(id=eid)
        for key, tid in args.items():
            role = key.rstrip("0123456789").lower()
            if role in ROLES and tid in spans:
                getattr(att, role).extend(spans[tid][1])
        for role in ROLES:
            getattr(att, role).sort()
        if att.cue or att.content:
            out.append(att)
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def read_split(path: str | Path, split: str | None = None, *, limit: int | None = None) -> list[PolnearArticle]:
    """Articles of one split: ``path`` is a split directory, or a PolNeAR git dir plus ``split``."""
    return list(_articles(split_files(path, split), limit))


def split_files(path: str | Path, split: str | None = None) -> Iterator[tuple[str, str]]:
    """(file name, contents) of a split's texts and every annotation of them (``.ann``; some articles were
    annotated twice): ``path`` is a split directory, or a PolNeAR git dir plus ``split``."""
    path = Path(path)
    if (path / "attributions").is_dir():
        return _dir_files(path)
    if split is None:
        raise ValueError("a PolNeAR git directory needs a split name (train, dev)")
    return _git_files(path, f"data/{split}")


def _articles(files: dict[str, str] | Iterator, limit: int | None) -> Iterator[PolnearArticle]:
    texts, anns = {}, {}
    for name, content in files:
        stem = Path(name).stem
        if name.endswith(".txt"):
            texts[stem] = content
        elif name.endswith(".ann"):
            article = stem.rsplit("_", 1)[0]
            if article not in anns or stem < anns[article][0]:
                anns[article] = (stem, content)
    n = 0
    for article in sorted(anns):
        if article not in texts:
            continue
        text = texts[article]
        yield PolnearArticle(name=article, text=text, attributions=parse_ann(anns[article][1], text))
        n += 1
        if limit is not None and n >= limit:
            return


def _dir_files(split_dir: Path) -> Iterator[tuple[str, str]]:
    for sub, ext in (("text", "*.txt"), ("attributions", "*.ann")):
        for p in sorted((split_dir / sub).glob(ext)):
            yield p.name, p.read_text(encoding="utf-8")


def _git_files(git_dir: Path, prefix: str) -> Iterator[tuple[str, str]]:
    """Blobs under ``prefix``/text and ``prefix``/attributions, read through one ``cat-file --batch``."""
    names = []
    for sub in ("text", "attributions"):
        listing = subprocess.run(
            ["git", f"--git-dir={git_dir}", "ls-tree", "--name-only", "HEAD", f"{prefix}/{sub}/"],
            check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip
        names += [n for n in listing.splitlines() if n.endswith((".txt", ".ann"))]
    query = "".join(f"HEAD:{n}\n" for n in names).encode()
    raw = subprocess.run(
        ["git", f"--git-dir={git_dir}", "cat-file", "--batch"], input=query, check=True, capture_output=True
    ).stdout
    pos = 0
    for name in names:
        header_end = raw.index(b"\n", pos)
        size = int(raw[pos:header_end].split()[2])
        body = raw[header_end + 1 : header_end + 1 + size]
        pos = header_end + 1 + size + 1
        yield Path(name).name, body.decode("utf-8")
