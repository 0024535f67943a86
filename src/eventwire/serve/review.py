"""Review mode: a reviewer's verdicts on events, appended to a corrections file in the real-news
annotation format (``eventwire serve --db X --review corrections.jsonl``).

Each click appends one line, never rewriting the file: an audit trail that survives a crash. A line
is a whole gold article as the reviewer has judged it so far::

    {"id": ARTICLE_ID,
     "events": [GOLD_EVENT, ...],        # the events judged right, and the fixed ones as fixed
     "review": {"event": "e3", "verdict": "right" | "wrong" | "fixed", "fixed": ["type", ...],
                "events": ["e1", "e3"],  # the event id behind each gold event, in order
                "reviewed": {"e1": "right", "e2": "wrong", "e3": "fixed"}, "at": UTC time}}

``GOLD_EVENT`` is the annotation guide's event with every span as ``{"start", "end"}`` offsets into
the article text (evidence, trigger, actor mentions, date words), so ``eventwire eval GOLD --articles
ARTICLES.jsonl`` reads it. An article's **last** line is its current gold: ``gold_lines()`` (served as
``/api/review/gold.jsonl``) keeps only those. Events not yet reviewed are in no line; a gold article
claims to list every event, so score only articles whose events were all reviewed.

Only this module writes, and only to the corrections file; the database stays read-only.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from eventwire.schema import EVENT_TYPES
from eventwire.serve.queries import MODALITIES, BadParameter

VERDICTS = ("right", "wrong", "fixed")
FIXABLE = ("type", "modality", "source", "target")
STATUS = {"asserted": "happened", "claimed": "happened", "negated": "negated"}
"""Event modality -> the guide's status (as ``eventwire eval`` maps it); anything else is "possible"."""


def _span(start: int, end: int) -> dict[str, int]:
    return {"start": start, "end": end}


def _actor_from_ref(ref: dict[str, Any] | None) -> list[dict[str, Any]]:
    if not ref:
        return []
    text = _span(ref["start"], ref["end"]) if ref.get("start") is not None else None
    return [{"text": text, "name": ref.get("name"), "country": ref.get("country"), "sector": ref.get("sector")}]


def _actor_by_id(record: dict[str, Any], actor_id: str, near: tuple[int, int], role: str) -> list[dict[str, Any]]:
    """The article's actor ``actor_id`` with its mention inside the evidence (else the nearest), or
    nobody for an empty id."""
    if not actor_id:
        return []
    actor = next((a for a in record.get("actors") or [] if a["id"] == actor_id), None)
    if actor is None:
        raise BadParameter(role, f"no actor {actor_id!r} in this article")
    mentions = actor.get("mentions") or []
    inside = [m for m in mentions if near[0] <= m["start"] and m["end"] <= near[1]]
    pool = inside or sorted(mentions, key=lambda m: min(abs(m["start"] - near[0]), abs(m["end"] - near[1])))
    text = _span(pool[0]["start"], pool[0]["end"]) if pool else None
    return [{"text": text, "name": actor.get("name"), "country": actor.get("country"), "sector": actor.get("sector")}]


def _date_span(text: str, words: str | None, evidence: tuple[int, int]) -> dict[str, int] | None:
    if not words:
        return None
    start = text.find(words, evidence[0], evidence[1])
    if start < 0:
        start = text.find(words)
    return _span(start, start + len(words)) if start >= 0 else None


def gold_event(record: dict[str, Any], event: dict[str, Any], fix: dict[str, str]) -> dict[str, Any]:
    """One event of a stored record in the annotation guide's shape, with the reviewer's ``fix`` applied."""
    text = record["article"]["text"]
    ev = event["evidence"]
    near = (ev["start"], ev["end"])
    etype = fix.get("type") or event["event_type"]
    modality = fix.get("modality") or event["modality"]
    return {
        "evidence": _span(ev["start"], ev["end"]),
        "trigger": _span(event["trigger"]["start"], event["trigger"]["end"]),
        "type": etype,
        "mode": event.get("mode") if etype == event["event_type"] else None,
        "source": _actor_by_id(record, fix["source"], near, "source")
        if "source" in fix
        else _actor_from_ref(event.get("source")),
        "target": _actor_by_id(record, fix["target"], near, "target")
        if "target" in fix
        else _actor_from_ref(event.get("target")),
        "status": STATUS.get(modality, "possible"),
        "date_text": _date_span(text, event.get("date_text"), near),
    }


def check_fix(fix: dict[str, str] | None, verdict: str) -> dict[str, str]:
    """The fields a "fixed" verdict changes, validated (actor ids are checked against the article later)."""
    if verdict not in VERDICTS:
        raise BadParameter("verdict", f"{verdict!r} is not one of {', '.join(VERDICTS)}")
    fix = {k: (v or "").strip() for k, v in (fix or {}).items()}
    if verdict != "fixed":
        if fix:
            raise BadParameter("fix", f"only a 'fixed' verdict carries a fix (this one is {verdict!r})")
        return {}
    unknown = sorted(set(fix) - set(FIXABLE))
    if unknown:
        raise BadParameter("fix", f"cannot fix {unknown[0]!r} (only {', '.join(FIXABLE)})")
    if not fix:
        raise BadParameter("fix", "a 'fixed' verdict needs at least one of " + ", ".join(FIXABLE))
    if "type" in fix and fix["type"].upper() not in EVENT_TYPES:
        raise BadParameter("fix.type", f"unknown type {fix['type']!r}")
    if "modality" in fix and fix["modality"] not in MODALITIES:
        raise BadParameter("fix.modality", f"unknown modality {fix['modality']!r}")
    if "type" in fix:
        fix["type"] = fix["type"].upper()
    return fix


class ReviewLog:
    """The corrections file and, in memory, each article's judged events (rebuilt from the file at start)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.lock = threading.Lock()
        self.articles: dict[str, dict[str, Any]] = {}  # id -> {"gold": {eid: event}, "reviewed": {eid: verdict}}
        self.last: dict[str, str] = {}  # id -> its last line
        if self.path.exists():
            self._load()
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.touch()  # fail at start, not at the first click, if it cannot be written
        if not os.access(self.path, os.W_OK):
            raise PermissionError(f"{self.path}: cannot write the corrections file")

    def _load(self) -> None:
        with self.path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                    review = rec.get("review") or {}
                    gold = dict(zip(review.get("events") or [], rec["events"], strict=True))
                    self.articles[str(rec["id"])] = {"gold": gold, "reviewed": dict(review.get("reviewed") or {})}
                except (ValueError, KeyError, TypeError, AttributeError) as err:
                    raise ValueError(f"{self.path}:{n}: not a corrections line ({err})") from None
                self.last[str(rec["id"])] = line.rstrip("\n")

    def verdicts(self, article_id: str) -> dict[str, str]:
        entry = self.articles.get(article_id)
        return dict(entry["reviewed"]) if entry else {}

    def record(
        self, record: dict[str, Any], event_id: str, verdict: str, fix: dict[str, str] | None = None
    ) -> dict[str, Any]:
        """Judge one event of ``record`` (a stored article record) and append the article's line."""
        fix = check_fix(fix, verdict)
        event = next((e for e in record.get("events") or [] if e["id"] == event_id), None)
        if event is None:
            raise BadParameter("event", f"no event {event_id!r} in this article")
        aid = record["article"]["id"]
        gold = gold_event(record, event, fix) if verdict != "wrong" else None
        order = [e["id"] for e in record["events"]]
        with self.lock:
            entry = self.articles.setdefault(aid, {"gold": {}, "reviewed": {}})
            entry["reviewed"][event_id] = verdict
            if gold is None:
                entry["gold"].pop(event_id, None)
            else:
                entry["gold"][event_id] = gold
            ids = sorted(entry["gold"], key=lambda i: order.index(i) if i in order else len(order))
            line = {
                "id": aid,
                "events": [entry["gold"][i] for i in ids],
                "review": {
                    "event": event_id, "verdict": verdict, "fixed": sorted(fix), "events": ids,
                    "reviewed": dict(sorted(entry["reviewed"].items(), key=lambda kv: _order(order, kv[0]))),
                    "at": datetime.now(UTC).isoformat(timespec="seconds"),
                },
            }  # fmt: skip
            text = json.dumps(line, ensure_ascii=False)
            with self.path.open("a", encoding="utf-8") as fh:
                fh.write(text + "\n")
                fh.flush()
                os.fsync(fh.fileno())
            self.last[aid] = text
        return line

    def gold_lines(self) -> Iterator[bytes]:
        """The last line of each reviewed article: the corrections as gold, one article per line."""
        with self.lock:
            lines = list(self.last.values())
        for text in lines:
            yield (text + "\n").encode()

    def article_ids(self) -> list[str]:
        with self.lock:
            return list(self.last)


def _order(order: list[str], event_id: str) -> int:
    return order.index(event_id) if event_id in order else len(order)


__all__ = ["FIXABLE", "VERDICTS", "ReviewLog", "check_fix", "gold_event"]
