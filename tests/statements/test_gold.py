"""The hand-annotated set: gold spans slice their texts, and the extractor clears the bar on it."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


build_gold = _load("statements_build_gold", ROOT / "tests" / "data" / "statements" / "build_gold.py")
statements_eval = _load("statements_eval", ROOT / "bench" / "statements_eval.py")


@pytest.mark.parametrize("name", sorted(build_gold.SETS))
def test_gold_spans_slice_the_text_and_match_the_source(name: str) -> None:
    src, out = (build_gold.HERE / f for f in build_gold.SETS[name])
    gold = build_gold.load_gold(out)
    assert build_gold.check_gold(gold) == []
    assert gold == build_gold.build(src)  # the JSONL is up to date with its source YAML


def test_gold_bar_set_is_large_enough() -> None:
    gold = build_gold.load_gold()
    assert len(gold) >= 30
    assert sum(len(r["statements"]) for r in gold) >= 60


def test_gold_check_catches_a_bad_span() -> None:
    rec = {"id": "x", "text": "He said yes.", "statements": []}
    rec["statements"].append(
        {
            "speaker": {"start": 0, "end": 2, "text": "He"},
            "cue": {"start": 3, "end": 7, "text": "said"},
            "content": {"start": 8, "end": 10, "text": "yes"},  # wrong end
            "reported_by": 0,  # points at itself
        }
    )
    problems = build_gold.check_gold([rec])
    assert len(problems) == 2


def test_gold_exact_f1_per_role_clears_the_bar() -> None:
    res = statements_eval.evaluate(build_gold.load_gold())
    for role in ("speaker", "cue", "content"):
        assert res[f"{role}_exact"][2] >= 0.85, (role, res[f"{role}_exact"])


def test_eval_pairing_and_scores() -> None:
    gold = [{"speaker": {"start": 0, "end": 2}, "cue": {"start": 3, "end": 7}, "content": {"start": 8, "end": 20}}]
    pred = [
        {"speaker": {"start": 0, "end": 2}, "cue": {"start": 3, "end": 7}, "content": {"start": 8, "end": 19}},
        {"speaker": None, "cue": {"start": 30, "end": 34}, "content": {"start": 40, "end": 45}},
    ]
    assert statements_eval.pair(gold, pred) == [(0, 0)]
    assert statements_eval.prf(1, 2, 1) == (0.5, 1.0, 2 / 3)
