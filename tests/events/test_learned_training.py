"""``eventwire train events`` on six articles of our own: it trains, writes a manifest, and is reproducible."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from eventwire.events.learned.model import NONE, LinearModel

DATA = Path(__file__).resolve().parents[1] / "data" / "events_learned"
pytest.importorskip("sklearn")


@pytest.fixture(scope="module")
def trained(tmp_path_factory, nlp):
    """Two trainings on the same data: one by the command, one by the function it calls."""
    from click.testing import CliRunner

    from eventwire.cli import main
    from eventwire.events.learned.training import train_events

    a, b = tmp_path_factory.mktemp("model-a"), tmp_path_factory.mktemp("model-b")
    args = ["train", "events", "--labels", str(DATA / "labels"), "--articles", str(DATA / "articles.jsonl")]
    out = CliRunner().invoke(main, [*args, "--folds", "2", "--seed", "0", "-o", str(a)])
    assert out.exit_code == 0, out.output
    train_events([DATA / "labels"], articles_path=DATA / "articles.jsonl", out=b, folds=2, nlp=nlp, log=lambda s: None)
    return a, b


def test_training_writes_weights_and_a_manifest_of_its_data(trained):
    manifest = json.loads((trained[0] / "manifest.json").read_text())
    assert manifest["seed"] == 0 and manifest["coder"] == "learned.v1"
    assert manifest["data"]["articles"] == 6 and manifest["data"]["gold_events"] == 8
    assert manifest["data"]["positive_candidates"] >= 4  # most labelled events were found as candidates
    assert 0.0 < manifest["min_confidence"] < 1.0
    assert manifest["classes"][0] == NONE and "ACCUSE" in manifest["classes"]
    for cal in manifest["calibration"].values():  # confidence = precision of such events in cross-validation
        assert len(cal["probability"]) == len(cal["precision"]) and np.all(np.diff(cal["precision"]) >= 0)
    assert "all" in manifest["calibration"]  # the map of groups with too few events of their own
    # the second stage was cross-validated against the first (kept only if it did better)
    assert "type_f1_first_stage" in manifest["context"]
    assert (LinearModel.load(trained[0]).context is None) == (manifest["context"]["C"] is None)
    model = LinearModel.load(trained[0])
    assert model.coef.shape == (len(model.classes), len(model.features))


def test_training_is_reproducible(trained):
    a, b = (LinearModel.load(f) for f in trained)
    assert a.features == b.features and a.classes == b.classes
    assert np.array_equal(a.coef, b.coef) and np.array_equal(a.intercept, b.intercept)
    assert (a.context is None) == (b.context is None)
    if a.context is not None:
        assert np.array_equal(a.context.coef, b.context.coef)


def test_trained_coder_ranks_what_it_was_taught_above_the_business_stories(trained, nlp):
    from eventwire.events.learned import LearnedCoder
    from eventwire.pipeline import Pipeline
    from eventwire.schema import Article
    from eventwire.settings import Settings

    pipe = Pipeline(Settings(event_coder="rules.v1"), nlp=nlp)
    pipe.events = LearnedCoder.from_settings(Settings(min_confidence=0.0), trained[0])  # keep every candidate
    # the ranking by probability; the calibration of six articles is a few steps that would tie (tested apart)
    pipe.events.model.manifest.pop("calibration")
    articles = [json.loads(line) for line in (DATA / "articles.jsonl").read_text().splitlines()]
    results = {r.article.id: r for r in pipe.code_many(Article(id=a["id"], text=a["text"]) for a in articles)}
    accusation = max(results["own-1"].events, key=lambda e: e.confidence)
    assert accusation.event_type == "ACCUSE" and accusation.trigger.text == "accused"
    business = [e.confidence for aid in ("own-3", "own-6") for e in results[aid].events]
    assert all(c < accusation.confidence for c in business)


def test_train_command_needs_the_texts(tmp_path):
    from click.testing import CliRunner

    from eventwire.cli import main

    out = CliRunner().invoke(main, ["train", "events", "--labels", str(DATA / "labels"), "-o", str(tmp_path)])
    assert out.exit_code == 2 and "--polnear" in out.output


def test_training_sees_the_features_a_run_computes(nlp):
    """The trainer reads an article as a run does (metadata, dateline, the rule statements the coder reads), so
    every candidate's features in training are those the coder computes for the same article in a run."""
    from eventwire.events.learned import LearnedCoder
    from eventwire.events.learned.training import _candidates
    from eventwire.ingest.records import make_article
    from eventwire.pipeline import Pipeline
    from eventwire.settings import Settings

    text = (
        "LIMA, Peru (AP) — The defence minister warned Ecuador on Friday that any incursion would be answered, "
        '"We will not stand for it," he said. The president accused the opposition of lying.'
    )
    meta = {"id": "own-x", "title": "Peru warns Ecuador", "publisher": "apnews.com", "published": "2024-03-04"}
    settings = Settings(event_coder="rules.v1", min_confidence=None, political_actors_only=False)
    ((_, cands, rows),) = list(_candidates(Pipeline(settings, nlp=nlp), [(text, meta)]))
    assert cands

    pipe = Pipeline(settings, nlp=nlp)
    pipe.events = LearnedCoder.from_settings(Settings(min_confidence=0.0))
    seen = []
    score = pipe.events.model.proba
    pipe.events.model.proba = lambda named, blocks=(): seen.append(named) or score(named, blocks)
    list(pipe.code_many([make_article(text, **meta)]))
    named = [{k: v for k, v in r.items() if not k.startswith("tv_")} for r in rows]
    assert seen == [named]


def test_the_examples_file_skips_the_parse_and_gives_the_same_weights(tmp_path, nlp, trained):
    from eventwire.errors import InputError
    from eventwire.events.learned.training import train_events

    file = tmp_path / "examples.pkl"
    kwargs = {"articles_path": DATA / "articles.jsonl", "folds": 2, "nlp": nlp, "examples_path": file}
    train_events([DATA / "labels"], out=tmp_path / "a", log=lambda s: None, **kwargs)
    assert file.is_file()
    lines: list[str] = []
    train_events([DATA / "labels"], out=tmp_path / "b", log=lines.append, **kwargs)
    assert any("not parsed again" in line for line in lines)
    a, b, shipped = (LinearModel.load(f) for f in (tmp_path / "a", tmp_path / "b", trained[1]))
    assert a.features == b.features == shipped.features and np.array_equal(a.coef, b.coef)
    fewer = tmp_path / "labels.jsonl"  # other labels: the file is refused, not silently reused
    fewer.write_text((DATA / "labels" / "own.jsonl").read_text().splitlines()[0] + "\n")
    with pytest.raises(InputError, match="other labels"):
        train_events([fewer], out=tmp_path / "c", log=lambda s: None, **kwargs)


def test_the_examples_file_is_refused_once_the_code_that_made_it_changed(tmp_path, monkeypatch):
    """Parsing, actors, statements, rules or features changed since the file was written: it is not reused."""
    from eventwire.events.learned import training

    labels, articles = [{"id": "a", "events": []}], {"a": {"id": "a", "text": "Own text."}}
    before = training._examples_key(labels, articles, None, "model")
    assert training._examples_key(labels, articles, None, "model") == before
    monkeypatch.setattr(training, "_code_fingerprint", lambda: "another tree")
    assert training._examples_key(labels, articles, None, "model") != before
