"""eventwire eval: the figures, computed exactly on a small gold set of our own."""

from __future__ import annotations

import json

import pytest

from eventwire.errors import InputError
from eventwire.evaluate import evaluate, format_report, read_gold
from eventwire.schema import ActorRef, Event, Evidence, Result

TEXTS = {
    "g1": "Chile condemned Peru over the border incident.",
    "g2": "Kenya sent troops to Somalia.",
    "g3": "Ghana and Togo agreed to reopen the border.",
    "g4": "Mali expelled the French ambassador.",
}
GOLD = [
    {"id": "g1", "text": TEXTS["g1"], "events": [{"event_type": "ACCUSE", "source": [{"text": "Chile"}], "target": [{"text": "Peru"}]}]},
    {"id": "g2", "text": TEXTS["g2"], "events": [{"event_type": "MOBILIZE", "source": [{"text": "Kenya"}], "target": [{"text": "Somalia"}]}]},
    {"id": "g3", "text": TEXTS["g3"], "events": [{"event_type": "YIELD", "accept_types": ["CONCEDE", "RETREAT", "AGREE"],
                                                   "source": [{"text": "Ghana"}, {"text": "Togo"}], "target": []}]},
    {"id": "g4", "text": TEXTS["g4"], "events": [{"event_type": "SANCTION", "source": [{"text": "Mali"}], "target": [{"text": "French ambassador"}]}]},
]  # fmt: skip


def _ref(text: str, word: str) -> ActorRef:
    start = text.index(word)
    return ActorRef("a1", word, start, start + len(word), word, None, None)


def _event(text: str, etype: str, src: str | None, tgt: str | None, conf: float) -> Event:
    return Event(
        id="e1", event_type=etype, mode=None, cameo="010", quad_class=1, goldstein=0.0, plover_score=0.0,
        source=_ref(text, src) if src else None, target=_ref(text, tgt) if tgt else None,
        date=None, date_precision="reported", date_text=None, location=None, modality="asserted",
        statement_id=None, evidence=Evidence(0, len(text), text), trigger=Evidence(0, 1, text[0]), confidence=conf,
    )  # fmt: skip


class FakePipeline:
    """Answers fixed events per gold id, so the figures can be checked by hand."""

    def __init__(self, answers):
        self.answers = answers

    def code_many(self, articles):
        for art in articles:
            yield Result(article=art, events=self.answers.get(art.id, []))


ANSWERS = {
    # right type and pair
    "g1": [_event(TEXTS["g1"], "ACCUSE", "Chile", "Peru", 0.9)],
    # pair right, type wrong
    "g2": [_event(TEXTS["g2"], "AID", "Kenya", "Somalia", 0.7)],
    # accepted type, reciprocal gold with no target: any target is compatible; plus a wrong extra event
    "g3": [_event(TEXTS["g3"], "AGREE", "Togo", "Ghana", 0.85), _event(TEXTS["g3"], "ASSAULT", "Ghana", None, 0.1)],
    # right type, wrong direction
    "g4": [_event(TEXTS["g4"], "SANCTION", "French", "Mali", 0.5)],
}


@pytest.fixture
def gold_file(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in GOLD) + "\n", encoding="utf-8")
    return path


def test_figures_by_hand(gold_file, tmp_path):
    errors = tmp_path / "misses.jsonl"
    report = evaluate(FakePipeline(ANSWERS), gold_file, errors_path=errors)
    assert report["gold_events"] == 4
    assert report["type_recall"] == 0.75  # g1, g3, g4
    assert report["pair_found"] == 0.75  # g1, g2, g3
    assert report["strict_recall"] == 0.5  # g1, g3
    assert report["type_given_pair"] == round(2 / 3, 4)
    assert report["precision"] == round(2 / 5, 4)
    assert report["per_type"]["MOBILIZE"] == {"gold": 1, "type_recall": 0.0, "strict_recall": 0.0}
    assert report["per_type"]["YIELD"]["strict_recall"] == 1.0
    assert report["confusion"]["MOBILIZE"] == {"AID": 1}
    assert report["confusion"]["SANCTION"] == {"(no pair)": 1}
    bands = {b["band"]: b for b in report["precision_by_confidence"]}
    assert bands["0.8-1.0"] == {"band": "0.8-1.0", "events": 2, "precision": 1.0}
    assert bands["0.0-0.2"]["precision"] == 0.0
    misses = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert {m["id"]: m["category"] for m in misses} == {
        "g2": "pair found, wrong type",
        "g4": "type found, pair missed",
    }


def test_limit_and_report_text(gold_file):
    report = evaluate(FakePipeline(ANSWERS), gold_file, limit=2)
    assert report["sentences"] == 2
    text = format_report(report)
    for name in ("type recall", "pair found", "type given pair", "strict recall", "precision", "confusion"):
        assert name in text


def test_bad_gold_files(tmp_path):
    with pytest.raises(InputError, match="no such gold file"):
        read_gold(tmp_path / "missing.jsonl")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "text": "x", "events": []}\nnot json\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.jsonl:2"):
        read_gold(bad)


def test_real_pipeline_on_own_sentences(pipeline, gold_file):
    report = evaluate(pipeline, gold_file)
    # the coder itself gets these clear cases right
    assert report["strict_recall"] >= 0.75
    assert report["per_type"]["ACCUSE"]["strict_recall"] == 1.0


def test_gold_actor_not_verbatim_matches_by_its_words(tmp_path):
    text = "Jordan's visiting King Abdullah met the Israeli president."
    gold = [{"id": "v1", "text": text, "events": [{"event_type": "CONSULT", "source": [{"text": "Jordan's King Abdullah"}],
                                                   "target": [{"text": "Israeli president"}]}]}]  # fmt: skip
    path = tmp_path / "g.jsonl"
    path.write_text(json.dumps(gold[0]) + "\n", encoding="utf-8")
    answer = {"v1": [_event(text, "CONSULT", "King Abdullah", "Israeli president", 0.9)]}
    assert evaluate(FakePipeline(answer), path)["strict_recall"] == 1.0
    # a wrong participant still misses
    answer = {"v1": [_event(text, "CONSULT", "visiting", "Israeli president", 0.9)]}
    assert evaluate(FakePipeline(answer), path)["strict_recall"] == 0.0
