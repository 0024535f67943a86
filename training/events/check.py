#!/usr/bin/env python3
"""Check one article's event annotation and store it as ids + offsets.

Annotators write spans as exact text (easy to read and to write); this script
finds each span in the article, refuses anything ambiguous or invalid, and
appends the label with character offsets to a labels file (replacing an
earlier label of the same article). Article texts never enter the repository:
only ids and offsets do, like ``realnews-dev/labels.jsonl``.

    python training/events/check.py ARTICLES.jsonl DRAFT.json LABELS.jsonl [--dry-run]

DRAFT.json: {"id": ..., "events": [EVENT...], "notes": "..."} where an EVENT is
the annotation guide's shape with spans as text. When an evidence string occurs
more than once in the article, add "evidence_occurrence": N (0-based). Actor
texts are looked up inside the evidence first, then at the nearest occurrence
before it, then after it. Exit status 0: stored; 1: problems (listed, nothing
written).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip
STATUS = {"happened", "negated", "possible"}
SECTORS = {
    "COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK", "AGR", "BUS", "CRM",
    "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE", "REL", "SOC", "NGO", "IGO",
}  # fmt: skip
NON_STATE = {"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC", "KOS", "PSE"}


def _find_all(text: str, needle: str, *, words: bool = False) -> list[int]:
    """Every start of ``needle`` in ``text``; with ``words``, only where it is not inside a longer word
    ("he" is not found in "the")."""
    out, i = [], text.find(needle)
    while i >= 0:
        j = i + len(needle)
        inside = words and ((i > 0 and text[i - 1].isalnum()) or (j < len(text) and text[j].isalnum()))
        if not inside:
            out.append(i)
        i = text.find(needle, i + 1)
    return out


def _country_ok(code: str) -> bool:
    if code in NON_STATE:
        return True
    try:
        import pycountry
    except ImportError:  # the check still runs without the package: shape only
        return len(code) == 3 and code.isupper()
    return pycountry.countries.get(alpha_3=code) is not None


def _actor(text: str, ev_start: int, ev_end: int, actor: dict, where: str, problems: list[str]) -> dict:
    out = {k: actor.get(k) for k in ("name", "country", "sector")}
    mention = actor.get("text")
    if actor.get("country") is not None and not _country_ok(actor["country"]):
        problems.append(f"{where}: country {actor['country']!r} is not ISO alpha-3 nor {sorted(NON_STATE)}")
    if actor.get("sector") is not None and actor["sector"] not in SECTORS:
        problems.append(f"{where}: sector {actor['sector']!r} is not a PLOVER sector")
    if not actor.get("name"):
        problems.append(f"{where}: actor without a name")
    if mention is None:
        out["text"] = None
        return out
    hits = _find_all(text, mention, words=True)
    inside = [i for i in hits if ev_start <= i and i + len(mention) <= ev_end]
    before = [i for i in hits if i + len(mention) <= ev_start]
    after = [i for i in hits if i >= ev_end]
    pos = inside[0] if inside else before[-1] if before else after[0] if after else None
    if pos is None:
        problems.append(f"{where}: actor text {mention!r} is not in the article")
        out["text"] = None
        return out
    out["text"] = {"start": pos, "end": pos + len(mention)}
    return out


def check(article: dict, draft: dict) -> tuple[dict, list[str]]:
    """Return the offset form of ``draft`` and the list of problems (empty when it is good)."""
    text, problems, events = article["text"], [], []
    for n, ev in enumerate(draft.get("events", [])):
        where = f"event {n}"
        evidence = ev.get("evidence") or ""
        hits = _find_all(text, evidence) if evidence else []
        occ = ev.get("evidence_occurrence")
        if not hits:
            problems.append(f"{where}: evidence is not an exact substring of the article: {evidence[:80]!r}")
            continue
        if len(hits) > 1 and occ is None:
            problems.append(f"{where}: evidence occurs {len(hits)} times; add evidence_occurrence (0-based)")
            continue
        start = hits[occ or 0] if (occ or 0) < len(hits) else hits[0]
        end = start + len(evidence)
        trig = ev.get("trigger") or ""
        t = text.find(trig, start, end) if trig else -1
        if t < 0:
            problems.append(f"{where}: trigger {trig!r} is not inside the evidence")
            continue
        if ev.get("type") not in TYPES:
            problems.append(f"{where}: type {ev.get('type')!r} is not one of the 16 PLOVER types")
        if ev.get("status") not in STATUS:
            problems.append(f"{where}: status {ev.get('status')!r} is not one of {sorted(STATUS)}")
        out = {
            "evidence": {"start": start, "end": end},
            "trigger": {"start": t, "end": t + len(trig)},
            "type": ev.get("type"),
            "mode": ev.get("mode"),
            "status": ev.get("status"),
        }
        for role in ("source", "target"):
            out[role] = [_actor(text, start, end, a, f"{where} {role}", problems) for a in ev.get(role) or []]
        date = ev.get("date_text")
        if date:
            d = text.find(date, start, end)
            d = d if d >= 0 else text.find(date)
            if d < 0:
                problems.append(f"{where}: date_text {date!r} is not in the article")
            out["date_text"] = {"start": d, "end": d + len(date)} if d >= 0 else None
        else:
            out["date_text"] = None
        events.append(out)
    return {"id": article["id"], "events": events, "notes": draft.get("notes", "")}, problems


def _store(labels_path: Path, label: dict) -> None:
    rows = []
    if labels_path.exists():
        rows = [json.loads(line) for line in labels_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if r["id"] != label["id"]] + [label]
    labels_path.parent.mkdir(parents=True, exist_ok=True)
    labels_path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("articles", type=Path)
    ap.add_argument("draft", type=Path)
    ap.add_argument("labels", type=Path)
    ap.add_argument("--dry-run", action="store_true")
    args = ap.parse_args(argv)
    draft = json.loads(args.draft.read_text(encoding="utf-8"))
    article = None
    with args.articles.open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if row["id"] == draft.get("id"):
                article = row
                break
    if article is None:
        print(f"{args.draft}: no article with id {draft.get('id')!r} in {args.articles}", file=sys.stderr)
        return 1
    label, problems = check(article, draft)
    if problems:
        print("\n".join(f"{args.draft}: {p}" for p in problems), file=sys.stderr)
        return 1
    if not args.dry_run:
        _store(args.labels, label)
    print(f"ok: {label['id']}: {len(label['events'])} events" + (" (dry run)" if args.dry_run else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
