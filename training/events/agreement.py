#!/usr/bin/env python3
"""Inter-annotator agreement between event label files (ids + offsets, as check.py stores them).

    python training/events/agreement.py LABELS_A.jsonl LABELS_B.jsonl [LABELS_C.jsonl ...]

Every pair of files is compared on the article ids they share. Two events *overlap* when their
evidence spans share at least one character. Pairing is one to one, greedy by overlap length:

- event F1: an event matches one of the other file's events of the same type whose evidence overlaps
  (F1 = 2 * matches / (events in A + events in B));
- type agreement: pair events on evidence overlap alone, then count how often the types agree;
- status, source country and target country agreement: over the type+evidence matches (countries
  compared as sets of the non-null codes; pairs where both sides have none are left out).

Only the figures are printed, never article text, so the script can be run on anyone's labels.
"""

from __future__ import annotations

import argparse
import json
from itertools import combinations
from pathlib import Path

Event = dict
Pair = tuple[Event, Event]


def load(path: Path) -> dict[str, list[Event]]:
    """Article id -> events; a later line for the same id replaces an earlier one, like check.py."""
    rows: dict[str, list[Event]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            rows[row["id"]] = row.get("events", [])
    return rows


def overlap(a: Event, b: Event) -> int:
    """Number of characters the two evidence spans share (0: none)."""
    ea, eb = a["evidence"], b["evidence"]
    return max(0, min(ea["end"], eb["end"]) - max(ea["start"], eb["start"]))


def pair_up(xs: list[Event], ys: list[Event], same_type: bool) -> list[Pair]:
    """One-to-one pairs of overlapping events, the largest overlaps first."""
    cands = [
        (overlap(x, y), i, j)
        for i, x in enumerate(xs)
        for j, y in enumerate(ys)
        if overlap(x, y) > 0 and (not same_type or x["type"] == y["type"])
    ]
    used_x, used_y, pairs = set(), set(), []
    for _, i, j in sorted(cands, key=lambda c: (-c[0], c[1], c[2])):
        if i not in used_x and j not in used_y:
            used_x.add(i)
            used_y.add(j)
            pairs.append((xs[i], ys[j]))
    return pairs


def countries(event: Event, role: str) -> frozenset[str]:
    return frozenset(a["country"] for a in event.get(role) or [] if a.get("country"))


def ratio(hits: int, total: int) -> str:
    return f"{hits / total:.3f} ({hits}/{total})" if total else "n/a (0/0)"


def compare(a: dict[str, list[Event]], b: dict[str, list[Event]]) -> dict[str, str | int]:
    """The agreement figures of two annotators on the articles they share."""
    ids = sorted(set(a) & set(b))
    n_a = n_b = matched = 0
    typed: list[Pair] = []
    by_span: list[Pair] = []
    for id_ in ids:
        xs, ys = a[id_], b[id_]
        n_a, n_b = n_a + len(xs), n_b + len(ys)
        pairs = pair_up(xs, ys, same_type=True)
        matched += len(pairs)
        typed += pairs
        by_span += pair_up(xs, ys, same_type=False)
    out: dict[str, str | int] = {"articles": len(ids), "events_a": n_a, "events_b": n_b, "matches": matched}
    prec, rec = (matched / n_a if n_a else 0.0), (matched / n_b if n_b else 0.0)
    out["event_f1"] = f"{2 * matched / (n_a + n_b):.3f}" if n_a + n_b else "n/a"
    out["p_vs_b"], out["r_vs_b"] = f"{prec:.3f}", f"{rec:.3f}"
    out["type_agreement"] = ratio(sum(x["type"] == y["type"] for x, y in by_span), len(by_span))
    out["status_agreement"] = ratio(sum(x["status"] == y["status"] for x, y in typed), len(typed))
    for role in ("source", "target"):
        both = [(countries(x, role), countries(y, role)) for x, y in typed]
        both = [(cx, cy) for cx, cy in both if cx or cy]
        out[f"{role}_country_agreement"] = ratio(sum(cx == cy for cx, cy in both), len(both))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("labels", type=Path, nargs="+")
    args = ap.parse_args(argv)
    if len(args.labels) < 2:
        ap.error("give at least two label files")
    files = {p: load(p) for p in args.labels}
    for p, rows in files.items():
        print(f"{p}: {len(rows)} articles, {sum(len(e) for e in rows.values())} events")
    for pa, pb in combinations(args.labels, 2):
        fig = compare(files[pa], files[pb])
        print(f"\n{pa.stem} vs {pb.stem}")
        for key, value in fig.items():
            print(f"  {key:24} {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
