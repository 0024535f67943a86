"""Score event coding against PLOVER gold sentences (``eventwire eval GOLD.jsonl``).

Gold format (see the benchmarks README): one JSON object per line with ``id``,
``text`` and ``events``; each gold event has ``event_type``, optional
``accept_types`` (types that also count as right, e.g. a merged YIELD label)
and ``source`` / ``target`` lists of ``{"text": ...}``. Gold gives actor text,
not offsets, so an emitted actor matches when its character span overlaps any
occurrence of a gold actor's text in the sentence. An empty gold side (a
reciprocal event with no recipient) matches whatever eventwire put there.

Figures: type recall, pair found, type given pair, strict recall, precision (a
lower bound: gold marks one relation per sentence, so a correct extra event
counts against it), per-type recall, a confusion table of gold type against
the type eventwire gave the matching pair, precision per confidence band, and
actor country accuracy when the gold carries countries
(``eventwire.actors.evaluate.actor_country_accuracy``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.actors.evaluate import actor_country_accuracy
from eventwire.errors import InputError
from eventwire.jsonl import read_objects, write_objects
from eventwire.schema import Article, Event

BANDS = ((0.0, 0.2), (0.2, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 1.01))


def read_gold(gold_path: Path | str, limit: int | None = None) -> list[dict[str, Any]]:
    """Gold records from a JSON Lines file (blank lines skipped)."""
    path = Path(gold_path)
    if not path.is_file():
        raise InputError(f"no such gold file: {path}")
    records = []
    for n, rec in read_objects(path):
        if "text" not in rec or "events" not in rec:
            raise InputError(f"{path}:{n}: a gold record needs 'text' and 'events'")
        rec.setdefault("id", f"{path.stem}-{n}")
        records.append(rec)
        if limit is not None and len(records) >= limit:
            break
    return records


def gold_actor_spans(text: str, actors: list[dict]) -> list[tuple[int, int]]:
    """Every occurrence of each gold actor text in the sentence, as char ranges.

    Some gold actors are not verbatim ("Bosnian Serbs ... forces", "Jordan's King Abdullah" for "Jordan's
    visiting King Abdullah II"); then each of their content words (four letters or more, or capitalised)
    stands in.
    """
    out = []
    for a in actors or []:
        t = (a.get("text") or "").strip()
        if not t:
            continue
        start = text.find(t)
        if start < 0:
            low = text.lower()
            start = low.find(t.lower())
            if start < 0:
                for w in re.findall(r"[\w'-]+", t):
                    if len(w) >= 4 or w[:1].isupper():
                        out.extend((m.start(), m.end()) for m in re.finditer(rf"\b{re.escape(w)}\b", text))
                continue
            hay, needle = low, t.lower()
        else:
            hay, needle = text, t
        while start >= 0:
            out.append((start, start + len(needle)))
            start = hay.find(needle, start + 1)
    return out


def _overlaps(ref, spans: list[tuple[int, int]], gold_side: list[dict]) -> bool:
    if not gold_side:
        return True  # nothing marked on that side: any answer is compatible
    if ref is None:
        return False
    return any(ref.start < e and s < ref.end for s, e in spans)


def _accepted(gold_event: dict) -> set[str]:
    return set(gold_event.get("accept_types") or [gold_event["event_type"]])


def _event_brief(ev: Event) -> dict[str, Any]:
    return {
        "type": ev.event_type,
        "source": ev.source.text if ev.source else None,
        "target": ev.target.text if ev.target else None,
        "trigger": ev.trigger.text,
        "modality": ev.modality,
        "confidence": ev.confidence,
        "rule": ev.rule,
    }


@dataclass
class _Tally:
    """What :func:`evaluate` counts over the gold sentences, kept apart from how it reports them."""

    gold: int = 0
    type_hit: int = 0
    pair_hit: int = 0
    strict_hit: int = 0
    emitted: int = 0
    emitted_ok: int = 0
    per_type: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    confusion: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    bands: list[list[int]] = field(default_factory=lambda: [[0, 0] for _ in BANDS])
    misses: list[dict[str, Any]] = field(default_factory=list)


def evaluate(pipeline, gold_path: Path | str, *, errors_path: Path | str | None = None, limit: int | None = None):
    """Run ``pipeline`` over the gold sentences and compute the figures (a dict, see module doc)."""
    records = read_gold(gold_path, limit)
    articles = [Article(id=str(r["id"]), text=r["text"]) for r in records]
    results = list(pipeline.code_many(articles))
    tally = _Tally()
    for rec, res in zip(records, results, strict=True):
        events = res.events if res.status == "coded" else []
        ok_events: set[int] = set()
        for gold in rec["events"]:
            ok_events.update(_score_gold(tally, rec, gold, events))
        _score_emitted(tally, events, ok_events)
    report = _report(tally, gold_path, len(records))
    has_countries = any(a.get("country") for r in records for g in r["events"] for a in (g.get("source") or []))
    if has_countries:
        acc = actor_country_accuracy(results, records)
        # keep the summary; the per-actor errors are for --errors
        report["actor_country_accuracy"] = {k: v for k, v in acc.items() if not isinstance(v, list | dict)}
    if errors_path is not None:
        write_objects(errors_path, tally.misses)
    return report


def _score_gold(tally: _Tally, rec: dict[str, Any], gold: dict[str, Any], events: list[Event]) -> list[int]:
    """Count one gold event against the sentence's ``events``; the indexes of the events it makes right (type
    and pair)."""
    text = rec["text"]
    accepted = _accepted(gold)
    gtype = gold["event_type"]
    src_spans = gold_actor_spans(text, gold.get("source") or [])
    tgt_spans = gold_actor_spans(text, gold.get("target") or [])
    t_hit = any(ev.event_type in accepted for ev in events)
    pairs = [
        i
        for i, ev in enumerate(events)
        if _overlaps(ev.source, src_spans, gold.get("source") or [])
        and _overlaps(ev.target, tgt_spans, gold.get("target") or [])
    ]
    strict = [i for i in pairs if events[i].event_type in accepted]
    tally.gold += 1
    tally.type_hit += t_hit
    tally.pair_hit += bool(pairs)
    tally.strict_hit += bool(strict)
    tally.per_type[gtype]["gold"] += 1
    tally.per_type[gtype]["type"] += t_hit
    tally.per_type[gtype]["strict"] += bool(strict)
    if pairs:
        best = strict[0] if strict else max(pairs, key=lambda i: events[i].confidence)
        tally.confusion[gtype][events[best].event_type if not strict else gtype] += 1
    else:
        tally.confusion[gtype]["(no pair)"] += 1
    if not strict:
        tally.misses.append(_miss(rec, gold, accepted, events, _miss_category(events, pairs, t_hit)))
    return strict


def _miss_category(events: list[Event], pairs: list[int], t_hit: bool) -> str:
    if not events:
        return "no event"
    if pairs:
        return "pair found, wrong type"
    return "type found, pair missed" if t_hit else "wrong type, pair missed"


def _miss(rec: dict[str, Any], gold: dict[str, Any], accepted: set[str], events: list[Event], category: str) -> dict:
    return {
        "id": rec["id"],
        "category": category,
        "text": rec["text"],
        "gold": {
            "type": gold["event_type"],
            "accept": sorted(accepted),
            "source": [a.get("text") for a in gold.get("source") or []],
            "target": [a.get("text") for a in gold.get("target") or []],
        },
        "emitted": [_event_brief(ev) for ev in events],
    }


def _score_emitted(tally: _Tally, events: list[Event], ok_events: set[int]) -> None:
    """Count the sentence's emitted events, right or not, overall and per confidence band."""
    for i, ev in enumerate(events):
        ok = i in ok_events
        tally.emitted += 1
        tally.emitted_ok += ok
        for b, (lo, hi) in enumerate(BANDS):
            if lo <= ev.confidence < hi:
                tally.bands[b][0] += 1
                tally.bands[b][1] += ok
                break


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def _report(t: _Tally, gold_path: Path | str, sentences: int) -> dict[str, Any]:
    return {
        "gold": str(gold_path),
        "sentences": sentences,
        "gold_events": t.gold,
        "type_recall": _ratio(t.type_hit, t.gold),
        "pair_found": _ratio(t.pair_hit, t.gold),
        "type_given_pair": _ratio(t.strict_hit, t.pair_hit),
        "strict_recall": _ratio(t.strict_hit, t.gold),
        "precision": _ratio(t.emitted_ok, t.emitted),
        "emitted_events": t.emitted,
        "per_type": {
            name: {
                "gold": c["gold"],
                "type_recall": _ratio(c["type"], c["gold"]),
                "strict_recall": _ratio(c["strict"], c["gold"]),
            }
            for name, c in sorted(t.per_type.items())
        },
        "confusion": {name: dict(c.most_common()) for name, c in sorted(t.confusion.items())},
        "precision_by_confidence": [
            {"band": f"{lo:.1f}-{min(hi, 1.0):.1f}", "events": n, "precision": _ratio(k, n)}
            for (lo, hi), (n, k) in zip(BANDS, t.bands, strict=True)
        ],
        "miss_categories": dict(Counter(m["category"] for m in t.misses).most_common()),
    }


def fmt_figure(x: float | None) -> str:
    """A figure in the reports' columns: three decimals, or n/a."""
    return "  n/a" if x is None else f"{x:5.3f}"


def format_report(report: dict[str, Any]) -> str:
    """The report as a plain-text table for people."""
    lines = [
        f"gold: {report['gold']}  ({report['sentences']} sentences, {report['gold_events']} gold events, "
        f"{report['emitted_events']} emitted)",
        f"type recall        {fmt_figure(report['type_recall'])}",
        f"pair found         {fmt_figure(report['pair_found'])}",
        f"type given pair    {fmt_figure(report['type_given_pair'])}",
        f"strict recall      {fmt_figure(report['strict_recall'])}",
        f"precision (lower)  {fmt_figure(report['precision'])}",
    ]
    if "actor_country_accuracy" in report:
        acc = report["actor_country_accuracy"]
        if isinstance(acc, dict):
            shown = (
                fmt_figure(acc.get("accuracy"))
                + "  "
                + ", ".join(f"{k} {v}" for k, v in acc.items() if k != "accuracy")
            )
        else:
            shown = fmt_figure(acc) if isinstance(acc, float) else str(acc)
        lines.append(f"actor country acc  {shown}")
    lines.append("")
    lines.append(f"{'type':<10} {'gold':>5} {'type-rec':>8} {'strict':>7}")
    for t, row in report["per_type"].items():
        lines.append(
            f"{t:<10} {row['gold']:>5} {fmt_figure(row['type_recall']):>8} {fmt_figure(row['strict_recall']):>7}"
        )
    lines.append("")
    lines.append("confusion (gold -> type given to the matching pair):")
    for t, row in report["confusion"].items():
        cells = ", ".join(f"{k} {v}" for k, v in row.items())
        lines.append(f"  {t:<10} {cells}")
    lines.append("")
    lines.append("precision by confidence:")
    for b in report["precision_by_confidence"]:
        lines.append(f"  {b['band']}  events {b['events']:>5}  precision {fmt_figure(b['precision'])}")
    if report.get("miss_categories"):
        lines.append("")
        lines.append("misses: " + ", ".join(f"{k} {v}" for k, v in report["miss_categories"].items()))
    return "\n".join(lines)
