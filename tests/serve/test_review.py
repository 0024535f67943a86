"""Review mode: verdicts become real-news gold lines with offsets, appended to the corrections file, and
``eventwire eval`` reads them; without ``--review`` nothing is writable."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from serve_records import ID_1, ID_2, TEXT_1

from eventwire.serve.app import create_app
from eventwire.serve.review import ReviewLog


@pytest.fixture
def corrections(tmp_path):
    return tmp_path / "review" / "corrections.jsonl"


@pytest.fixture
def client(db_path, corrections):
    with TestClient(create_app(str(db_path), review_path=corrections)) as c:
        yield c


def judge(client, article_id, event, verdict, fix=None):
    body = {"article_id": article_id, "event": event, "verdict": verdict}
    if fix is not None:
        body["fix"] = fix
    return client.post("/api/review", json=body)


def lines(path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def span(text: str, s: dict) -> str:
    return text[s["start"] : s["end"]]


def test_each_click_appends_the_article_as_gold_with_offsets(client, corrections):
    assert judge(client, ID_1, "e1", "right").status_code == 200
    assert judge(client, ID_1, "e3", "wrong").status_code == 200
    r = judge(client, ID_1, "e2", "fixed", {"type": "accuse", "target": "a1", "modality": "asserted"})
    assert r.status_code == 200
    got = lines(corrections)
    assert len(got) == 3 and {g["id"] for g in got} == {ID_1}
    last = got[-1]
    assert last["review"]["events"] == ["e1", "e2"]  # e3 was judged wrong: no gold event
    assert last["review"]["reviewed"] == {"e1": "right", "e2": "fixed", "e3": "wrong"}
    assert last["review"]["verdict"] == "fixed" and last["review"]["fixed"] == ["modality", "target", "type"]
    right, fixed = last["events"]
    assert set(right) == {"evidence", "trigger", "type", "mode", "source", "target", "status", "date_text"}
    assert span(TEXT_1, right["trigger"]) == "rejected" and right["type"] == "REJECT"
    assert span(TEXT_1, right["source"][0]["text"]) == "Ukraine" and right["source"][0]["country"] == "UKR"
    assert span(TEXT_1, right["date_text"]) == "on Tuesday" and right["status"] == "happened"
    assert fixed["type"] == "ACCUSE" and fixed["status"] == "happened"  # was 'claimed' (happened) anyway
    assert span(TEXT_1, fixed["trigger"]) == "shelled"
    assert fixed["source"][0]["name"] == "Russia"  # unchanged
    target = fixed["target"][0]
    assert target["name"] == "Ukraine" and span(TEXT_1, target["text"]) == "Ukraine"  # the mention in the evidence
    ev = fixed["evidence"]
    assert ev["start"] <= target["text"]["start"] < target["text"]["end"] <= ev["end"]


def test_a_later_verdict_replaces_an_earlier_one_and_a_restart_remembers(client, corrections, db_path):
    judge(client, ID_1, "e1", "right")
    judge(client, ID_1, "e1", "wrong")
    assert lines(corrections)[-1]["events"] == []
    gold = [json.loads(x) for x in client.get("/api/review/gold.jsonl").text.splitlines()]
    assert [g["id"] for g in gold] == [ID_1] and gold[0]["review"]["reviewed"] == {"e1": "wrong"}
    again = ReviewLog(corrections)  # a restarted server reads the file back
    assert again.verdicts(ID_1) == {"e1": "wrong"}
    with TestClient(create_app(str(db_path), review_path=corrections)) as c:
        judge(c, ID_1, "e4", "fixed", {"source": ""})  # no source
        assert lines(corrections)[-1]["review"]["reviewed"] == {"e1": "wrong", "e4": "fixed"}
        assert lines(corrections)[-1]["events"][0]["source"] == []
        page = c.get(f"/articles/{ID_1}").text
        assert 'data-state="wrong"' in page and 'data-state="fixed"' in page


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"article_id": ID_1, "event": "e1", "verdict": "maybe"}, "verdict"),
        ({"article_id": ID_1, "event": "e9", "verdict": "right"}, "event"),
        ({"article_id": "nope", "event": "e1", "verdict": "right"}, "no article"),
        ({"article_id": ID_1, "event": "e1", "verdict": "fixed"}, "fix"),
        ({"article_id": ID_1, "event": "e1", "verdict": "right", "fix": {"type": "AID"}}, "fix"),
        ({"article_id": ID_1, "event": "e1", "verdict": "fixed", "fix": {"type": "HUG"}}, "fix.type"),
        ({"article_id": ID_1, "event": "e1", "verdict": "fixed", "fix": {"date": "x"}}, "fix"),
        ({"article_id": ID_1, "event": "e1", "verdict": "fixed", "fix": {"source": "a9"}}, "source"),
    ],
)
def test_bad_verdicts_are_refused_and_not_written(client, corrections, body, message):
    r = client.post("/api/review", json=body)
    assert r.status_code in (404, 422) and message in r.json()["error"]
    assert corrections.read_text() == ""


def test_cross_origin_corrections_are_refused(client, corrections):
    r = client.post(
        "/api/review",
        json={"article_id": ID_1, "event": "e1", "verdict": "right"},
        headers={"origin": "http://evil.test"},
    )
    assert r.status_code == 403 and corrections.read_text() == ""


def test_without_review_nothing_is_writable(db_path, tmp_path):
    with TestClient(create_app(str(db_path))) as c:
        r = c.post("/api/review", json={"article_id": ID_1, "event": "e1", "verdict": "right"})
        assert r.status_code == 403 and "--review" in r.json()["error"]
        assert c.get("/api/review/gold.jsonl").status_code == 404
        assert "rv-right" not in c.get(f"/articles/{ID_1}").text and "rv-right" not in c.get("/").text
    assert list(tmp_path.iterdir()) == []


def test_eval_accepts_the_corrections_as_gold(client, corrections, tmp_path):
    """The file a reviewer writes scores eventwire's own output with ``eventwire eval`` (no model needed:
    the stored records are the predictions)."""
    from eventwire.cli import main

    judge(client, ID_1, "e1", "right")
    judge(client, ID_1, "e2", "wrong")
    judge(client, ID_1, "e3", "fixed", {"type": "SUPPORT"})
    judge(client, ID_2, "e1", "right")
    judge(client, ID_2, "e2", "right")
    gold = tmp_path / "gold.jsonl"
    gold.write_bytes(client.get("/api/review/gold.jsonl").content)
    articles = tmp_path / "articles.jsonl"
    articles.write_bytes(client.get("/api/review/articles.jsonl").content)
    assert {json.loads(x)["id"] for x in articles.read_text().splitlines()} == {ID_1, ID_2}
    predictions = tmp_path / "pred.jsonl"
    records = [client.get(f"/api/articles/{aid}").json() for aid in (ID_1, ID_2)]
    predictions.write_text("".join(json.dumps(r) + "\n" for r in records))
    run = CliRunner().invoke(
        main, ["eval", str(gold), "--articles", str(articles), "--predictions", str(predictions), "--json"]
    )
    assert run.exit_code == 0, run.output
    report = json.loads(run.output)
    # gold: e1, e3 (as SUPPORT) of article 1, both events of article 2; predicted: 4 + 2
    assert report["articles"] == 2 and report["gold_events"] == 4 and report["predicted_events"] == 6
    assert report["type_recall"] == 0.75 and report["type_precision"] == 0.5  # e3 was retyped: no match
    assert report["per_type"]["SUPPORT"] == {"gold": 1, "predicted": 0, "matched": 0, "precision": None, "recall": 0.0}
    raw = CliRunner().invoke(
        main, ["eval", str(corrections), "--articles", str(articles), "--predictions", str(predictions), "--json"]
    )
    assert raw.exit_code == 0, raw.output  # the click log itself is gold too (one line per click)


def test_an_unusable_corrections_file_fails_at_start(db_path, tmp_path):
    from eventwire.errors import ConfigError

    with pytest.raises(ConfigError, match="--review"):
        create_app(str(db_path), review_path=tmp_path)  # a folder
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n")
    with pytest.raises(ConfigError, match="bad.jsonl:1"):
        create_app(str(db_path), review_path=bad)


def test_train_reads_the_corrections_as_labels(client, corrections):
    """``eventwire train events --labels corrections.jsonl`` keeps an article's last line, as gold does."""
    pytest.importorskip("eventwire.events.learned.data")
    from eventwire.evaluate_news import resolve_gold
    from eventwire.events.learned.data import read_labels

    judge(client, ID_1, "e1", "right")
    judge(client, ID_1, "e4", "fixed", {"type": "REJECT"})
    judge(client, ID_2, "e2", "wrong")
    labels = read_labels([corrections])
    assert [lab["id"] for lab in labels] == sorted([ID_1, ID_2])
    one = resolve_gold(next(lab for lab in labels if lab["id"] == ID_1), TEXT_1)
    assert [(g["type"], TEXT_1[slice(*g["trigger_span"])]) for g in one["events"]] == [
        ("REJECT", "rejected"),
        ("REJECT", "accused"),
    ]
