"""Geometry of the inline SVG charts."""

from __future__ import annotations

import math


def test_network_labels_are_cut_with_the_full_name_on_hover():
    from eventwire.serve.charts import MAX_LABEL, network_layout

    long = "Germany (government of the Federal Republic)"
    data = {
        "nodes": [
            {"key": f"k{i}", "name": long if i == 0 else f"Actor {i}", "country": None, "n": 5} for i in range(30)
        ],
        "edges": [],
    }
    chart = network_layout(data)
    first = chart["nodes"][0]
    assert first["label"].endswith("…") and len(first["label"]) <= MAX_LABEL and first["name"] == long
    for n in chart["nodes"]:  # every label's far end stays inside the picture (about 7 px a character)
        reach = 7 * len(n["label"])
        angle = math.radians(n["rotate"] + (180 if n["anchor"] == "end" else 0))
        x, y = n["lx"] + reach * math.cos(angle), n["ly"] + reach * math.sin(angle)
        assert 0 <= x <= chart["size"] and 0 <= y <= chart["size"], n
