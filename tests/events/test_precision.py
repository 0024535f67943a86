"""Precision: sentences of our own with no political event should (almost) never produce one."""

from __future__ import annotations

from pathlib import Path

from eventwire.schema import Article

SENTENCES = Path(__file__).resolve().parents[1] / "data" / "no_event_sentences.txt"


def test_false_event_rate_on_non_political_sentences(pipeline):
    lines = [ln.strip() for ln in SENTENCES.read_text(encoding="utf-8").splitlines()]
    lines = [ln for ln in lines if ln and not ln.startswith("#")]
    assert len(lines) >= 100
    articles = [Article(id=f"n{i}", text=t) for i, t in enumerate(lines)]
    results = list(pipeline.code_many(articles))
    with_events = [(r.article.text, [e.event_type for e in r.events]) for r in results if r.events]
    rate = len(with_events) / len(lines)
    assert rate <= 0.05, with_events
