"""Geometry for the inline SVG charts: plain numbers the templates draw (no JS, no external library)."""

from __future__ import annotations

import math
from typing import Any

QUAD_COLOURS = {1: "#4c9be8", 2: "#1f6fb8", 3: "#f0a04b", 4: "#c0392b"}
COOP_COLOUR, CONFLICT_COLOUR = "#2e8b57", "#c0392b"


def timeline_bars(data: dict[str, Any], *, width: int = 960, height: int = 280) -> dict[str, Any]:
    """Stacked bars (QuadClass 1 at the bottom) per bucket, with a y axis and a few date labels."""
    buckets = data["buckets"]
    left, bottom, top = 40, 30, 10
    plot_w, plot_h = width - left - 10, height - bottom - top
    peak = max((sum(b["counts"].values()) for b in buckets), default=0)
    bars: list[dict[str, Any]] = []
    labels: list[dict[str, Any]] = []
    if not buckets or peak == 0:
        return {"width": width, "height": height, "bars": bars, "labels": labels, "ticks": [], "peak": 0}
    step = plot_w / len(buckets)
    bar_w = max(step * 0.85, 1.0)
    every = max(1, math.ceil(len(buckets) / 8))
    for i, b in enumerate(buckets):
        x = left + i * step
        y = top + plot_h
        for quad in (1, 2, 3, 4):
            n = b["counts"][str(quad)]
            if not n:
                continue
            h = plot_h * n / peak
            y -= h
            bars.append({
                "x": round(x, 2), "y": round(y, 2), "w": round(bar_w, 2), "h": round(h, 2),
                "fill": QUAD_COLOURS[quad], "quad": quad, "n": n, "date": b["date"],
            })  # fmt: skip
        if i % every == 0:
            labels.append({"x": round(x + bar_w / 2, 2), "y": height - 10, "text": b["date"]})
    ticks = [{"y": round(top + plot_h - plot_h * v / peak, 2), "v": v} for v in sorted({0, peak // 2, peak})]
    return {
        "width": width,
        "height": height,
        "bars": bars,
        "labels": labels,
        "ticks": ticks,
        "peak": peak,
        "left": left,
    }


MAX_LABEL = 24  # characters of a node label; the full name is in its tooltip


def short_label(name: str) -> str:
    """A node label that fits its space: the name, cut at ``MAX_LABEL`` characters with an ellipsis."""
    return name if len(name) <= MAX_LABEL else name[: MAX_LABEL - 1].rstrip() + "…"


def network_layout(data: dict[str, Any], *, size: int = 900, max_edges: int = 120) -> dict[str, Any]:
    """Nodes on a circle (heaviest first); the ``max_edges`` heaviest links as arcs that bend to their
    right, so A -> B and B -> A stay apart. Width grows with the log of the count; colour says whether
    most of the events were cooperation or conflict. Labels point away from the centre, each along its
    own radius (they cannot overlap while the nodes are further apart than a line of text), inside a
    margin wide enough for the longest one."""
    nodes = data["nodes"]
    cx = cy = size / 2
    longest = max((len(short_label(n["name"])) for n in nodes), default=0)
    radius = max(size / 2 - 30 - 7.2 * longest, size / 4)
    pos: dict[str, tuple[float, float]] = {}
    laid: list[dict[str, Any]] = []
    peak_node = max((n["n"] for n in nodes), default=1)
    for i, node in enumerate(nodes):
        angle = 2 * math.pi * i / max(len(nodes), 1) - math.pi / 2
        cos, sin = math.cos(angle), math.sin(angle)
        x, y = cx + radius * cos, cy + radius * sin
        pos[node["key"]] = (x, y)
        r = 4 + 8 * math.sqrt(node["n"] / peak_node)
        lx, ly = cx + (radius + r + 6) * cos, cy + (radius + r + 6) * sin
        degrees = math.degrees(angle)
        left = cos < -1e-9
        laid.append({
            **node, "x": round(x, 2), "y": round(y, 2), "r": round(r, 2), "lx": round(lx, 2), "ly": round(ly, 2),
            "anchor": "end" if left else "start", "rotate": round(degrees + 180 if left else degrees, 2),
            "label": short_label(node["name"]),
        })  # fmt: skip
    shown = sorted(data["edges"], key=lambda e: -e["n"])[:max_edges]
    peak = max((e["n"] for e in shown), default=1)
    edges = []
    for e in shown:
        (x1, y1), (x2, y2) = pos[e["source"]], pos[e["target"]]
        dx, dy = x2 - x1, y2 - y1
        dist = math.hypot(dx, dy) or 1.0
        ux, uy = dx / dist, dy / dist
        bend = 0.12 * dist  # control point to the right of the direction of travel
        qx, qy = (x1 + x2) / 2 - uy * bend, (y1 + y2) / 2 + ux * bend
        # stop short of the target node so the arrow head stays visible
        ex, ey = (
            x2 - (x2 - qx) / (math.hypot(x2 - qx, y2 - qy) or 1) * 14,
            y2 - (y2 - qy) / (math.hypot(x2 - qx, y2 - qy) or 1) * 14,
        )
        conflict = e["n_conflict"] > e["n_coop"]
        edges.append({
            **e, "d": f"M{x1:.1f},{y1:.1f} Q{qx:.1f},{qy:.1f} {ex:.1f},{ey:.1f}",
            "w": round(0.8 + 4 * math.log1p(e["n"]) / math.log1p(peak), 2),
            "colour": CONFLICT_COLOUR if conflict else COOP_COLOUR, "kind": "conflict" if conflict else "cooperation",
        })  # fmt: skip
    return {"size": size, "nodes": laid, "edges": edges, "n_edges": len(data["edges"])}
