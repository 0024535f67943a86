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
actor country accuracy when the gold carries countries and the actors stage
provides ``eventwire.actors.evaluate.actor_country_accuracy``.
"""

from __future__ import annotations

import importlib
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

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


def evaluate(pipeline, gold_path: Path | str, *, errors_path: Path | str | None = None, limit: int | None = None):
    """Run ``pipeline`` over the gold sentences and compute the figures (a dict, see module doc)."""
    records = read_gold(gold_path, limit)
    articles = [Article(id=str(r["id"]), text=r["text"]) for r in records]
    results = list(pipeline.code_many(articles))

    n_gold = type_hit = pair_hit = strict_hit = 0
    emitted = emitted_ok = 0
    per_type: dict[str, Counter] = defaultdict(Counter)
    confusion: dict[str, Counter] = defaultdict(Counter)
    bands = [[0, 0] for _ in BANDS]
    misses = []
    for rec, res in zip(records, results, strict=True):
        text = rec["text"]
        events = res.events if res.status == "coded" else []
        ok_events: set[int] = set()
        for gold in rec["events"]:
            n_gold += 1
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
            ok_events.update(strict)
            type_hit += t_hit
            pair_hit += bool(pairs)
            strict_hit += bool(strict)
            per_type[gtype]["gold"] += 1
            per_type[gtype]["type"] += t_hit
            per_type[gtype]["strict"] += bool(strict)
            if pairs:
                best = strict[0] if strict else max(pairs, key=lambda i: events[i].confidence)
                confusion[gtype][events[best].event_type if not strict else gtype] += 1
            else:
                confusion[gtype]["(no pair)"] += 1
            if not strict:
                category = (
                    "no event"
                    if not events
                    else "pair found, wrong type"
                    if pairs
                    else "type found, pair missed"
                    if t_hit
                    else "wrong type, pair missed"
                )
                misses.append(
                    {
                        "id": rec["id"],
                        "category": category,
                        "text": text,
                        "gold": {
                            "type": gtype,
                            "accept": sorted(accepted),
                            "source": [a.get("text") for a in gold.get("source") or []],
                            "target": [a.get("text") for a in gold.get("target") or []],
                        },
                        "emitted": [_event_brief(ev) for ev in events],
                    }
                )
        for i, ev in enumerate(events):
            emitted += 1
            ok = i in ok_events
            emitted_ok += ok
            for b, (lo, hi) in enumerate(BANDS):
                if lo <= ev.confidence < hi:
                    bands[b][0] += 1
                    bands[b][1] += ok
                    break

    def ratio(a: int, b: int) -> float | None:
        return round(a / b, 4) if b else None

    report: dict[str, Any] = {
        "gold": str(gold_path),
        "sentences": len(records),
        "gold_events": n_gold,
        "type_recall": ratio(type_hit, n_gold),
        "pair_found": ratio(pair_hit, n_gold),
        "type_given_pair": ratio(strict_hit, pair_hit),
        "strict_recall": ratio(strict_hit, n_gold),
        "precision": ratio(emitted_ok, emitted),
        "emitted_events": emitted,
        "per_type": {
            t: {
                "gold": c["gold"],
                "type_recall": ratio(c["type"], c["gold"]),
                "strict_recall": ratio(c["strict"], c["gold"]),
            }
            for t, c in sorted(per_type.items())
        },
        "confusion": {t: dict(c.most_common()) for t, c in sorted(confusion.items())},
        "precision_by_confidence": [
            {"band": f"{lo:.1f}-{min(hi, 1.0):.1f}", "events": n, "precision": ratio(k, n)}
            for (lo, hi), (n, k) in zip(BANDS, bands, strict=True)
        ],
        "miss_categories": dict(Counter(m["category"] for m in misses).most_common()),
    }
    has_countries = any(a.get("country") for r in records for g in r["events"] for a in (g.get("source") or []))
    if has_countries:
        try:
            mod = importlib.import_module("eventwire.actors.evaluate")
        except ImportError:
            mod = None
        if mod is not None and hasattr(mod, "actor_country_accuracy"):
            acc = mod.actor_country_accuracy(results, records)
            if isinstance(acc, dict):  # keep the summary; the per-actor errors are for --errors
                acc = {k: v for k, v in acc.items() if not isinstance(v, list | dict)}
            report["actor_country_accuracy"] = acc
    if errors_path is not None:
        write_objects(errors_path, misses)
    return report


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
