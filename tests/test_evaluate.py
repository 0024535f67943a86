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


# ---------------------------------------------------------------- whole articles (real-news format)
NEWS = {
    "n1": "Ruritania's president criticised Sylvania on Monday. The two leaders later met in Geneva.",
    "n2": "Acme Corp shares fell after the earnings report.",
}
NEWS_ARTICLES = [{"id": "n1", "text": NEWS["n1"]}, {"id": "n2", "text": NEWS["n2"], "category": "business"}]
NEWS_GOLD = [
    {"id": "n1", "events": [
        {"evidence": "Ruritania's president criticised Sylvania on Monday", "trigger": "criticised", "type": "ACCUSE",
         "status": "happened", "date_text": "on Monday", "source": [{"text": "Ruritania's president", "name": "President of Ruritania", "country": "RUR"}],
         "target": [{"text": "Sylvania", "name": "Sylvania", "country": "SYL"}]},
        {"evidence": "The two leaders later met in Geneva", "trigger": "met", "type": "CONSULT", "status": "happened",
         "source": [{"text": None, "name": "Ruritania", "country": "RUR"}, {"text": None, "name": "Sylvania", "country": "SYL"}],
         "target": []},
    ]},
    {"id": "n2", "events": []},
]  # fmt: skip


def _span(aid: str, words: str) -> dict:
    start = NEWS[aid].index(words)
    return {"start": start, "end": start + len(words), "text": words}


def _pred(aid: str, etype: str, sentence: str, conf: float, src=None, tgt=None, modality="asserted",
          date_text=None) -> dict:  # fmt: skip
    role = lambda w, c: {**_span(aid, w), "name": w, "country": c} if w else None  # noqa: E731
    return {"event_type": etype, "evidence": _span(aid, sentence), "trigger": _span(aid, sentence.split()[1]),
            "confidence": conf, "modality": modality, "source": role(*src) if src else None,
            "target": role(*tgt) if tgt else None, "date_text": date_text}  # fmt: skip


NEWS_PRED = [
    {"article": {"id": "n1"}, "events": [
        _pred("n1", "ACCUSE", "Ruritania's president criticised Sylvania on Monday.", 0.95,
              ("president", "RUR"), ("Sylvania", "XXX")),
        _pred("n1", "ASSAULT", "The two leaders later met in Geneva.", 0.5),
    ], "actors": [
        {"id": "a1", "country": "RUR", "mentions": [_span("n1", "Ruritania")]},
        {"id": "a2", "country": "XXX", "mentions": [_span("n1", "Sylvania")]},
    ]},
    {"article": {"id": "n2"}, "events": [_pred("n2", "RETREAT", "Acme Corp shares fell", 0.3)]},
]  # fmt: skip


@pytest.fixture
def news_files(tmp_path):
    paths = {}
    for name, rows in (("articles", NEWS_ARTICLES), ("gold", NEWS_GOLD), ("pred", NEWS_PRED)):
        paths[name] = tmp_path / f"{name}.jsonl"
        paths[name].write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return paths


def test_news_figures_by_hand(news_files, tmp_path):
    from eventwire.evaluate_news import evaluate_news, format_news_report

    errors = tmp_path / "errors.jsonl"
    r = evaluate_news(None, news_files["gold"], news_files["articles"], predictions_path=news_files["pred"],
                      errors_path=errors)  # fmt: skip
    assert (r["gold_events"], r["predicted_events"]) == (2, 3)
    assert (r["type_precision"], r["type_recall"], r["type_f1"]) == (0.333, 0.5, 0.4)
    assert (r["record_precision"], r["record_recall"]) == (0.333, 0.5)  # "president" shares a word with gold
    assert r["accuse_recall"] == 1.0 and r["accuse_found"] == "1 of 1"
    assert r["nonpolitical_events_per_1k_words"] == 125.0  # 1 event in the 8-word business story
    assert r["status_right_given_type"] == 1.0
    assert (r["source_right_given_type"], r["target_right_given_type"]) == (1.0, 1.0)
    assert r["country_right_given_type"] == 0.5  # source RUR right, target XXX wrong
    # actor-only: the two annotated mentions with text and country; both overlap a predicted actor, one right
    assert (r["actor_mentions"], r["actor_found"], r["actor_country_right"]) == (2, 1.0, 0.5)
    bands = {b["band"]: (b["events"], b["precision"]) for b in r["precision_by_confidence"]}
    assert bands["0.9-1.0"] == (1, 1.0) and bands["0.4-0.6"] == (1, 0.0) and bands["0.2-0.4"] == (1, 0.0)
    assert r["per_type"]["CONSULT"] == {"gold": 1, "predicted": 0, "matched": 0, "precision": None, "recall": 0.0}
    assert "ACCUSE recall" in format_news_report(r)
    missed = {e["id"]: e for e in map(json.loads, errors.read_text().splitlines())}
    assert [m["type"] for m in missed["n1"]["missed"]] == ["CONSULT"]
    assert [s["type"] for s in missed["n2"]["spurious"]] == ["RETREAT"]
    assert missed["n1"]["roles"] == []  # both roles of the matched ACCUSE are right


def test_news_errors_list_the_wrong_roles_of_matched_events(news_files, tmp_path):
    from eventwire.evaluate_news import evaluate_news

    wrong = [{"article": {"id": "n1"}, "events": [
        _pred("n1", "ACCUSE", "Ruritania's president criticised Sylvania on Monday.", 0.95, ("Sylvania", "SYL")),
    ]}]  # fmt: skip
    news_files["pred"].write_text(json.dumps(wrong[0]) + "\n", encoding="utf-8")
    errors = tmp_path / "errors.jsonl"
    r = evaluate_news(None, news_files["gold"], news_files["articles"], predictions_path=news_files["pred"],
                      errors_path=errors)  # fmt: skip
    assert (r["source_right_given_type"], r["target_right_given_type"]) == (0.0, 0.0)
    (row,) = [e for e in map(json.loads, errors.read_text().splitlines()) if e["id"] == "n1"]
    (role,) = row["roles"]
    assert role["type"] == "ACCUSE" and role["evidence"].startswith("Ruritania's president criticised")
    assert role["source"] == {"gold": ["Ruritania's president"], "given": "Sylvania", "name": "Sylvania"}
    assert role["target"] == {"gold": ["Sylvania"], "given": None, "name": None}


@pytest.mark.parametrize(
    ("said", "figures"),
    [("Monday", (1.0, 1.0, "1 right of 1 gold, 1 given")), ("on  monday", (1.0, 1.0, "1 right of 1 gold, 1 given")),
     ("Tuesday", (0.0, 0.0, "0 right of 1 gold, 1 given")), (None, (0.0, None, "0 right of 1 gold, 0 given"))],
)  # fmt: skip
def test_news_date_words_of_a_matched_event(news_files, said, figures):
    """The gold dates the ACCUSE event "on Monday": the coder's date words agree when one holds the other."""
    from eventwire.evaluate_news import evaluate_news

    preds = [json.loads(line) for line in news_files["pred"].read_text().splitlines()]
    preds[0]["events"][0]["date_text"] = said
    news_files["pred"].write_text("\n".join(json.dumps(r) for r in preds) + "\n", encoding="utf-8")
    r = evaluate_news(None, news_files["gold"], news_files["articles"], predictions_path=news_files["pred"])
    assert (r["date_text_recall_given_type"], r["date_text_precision_given_type"], r["date_texts"]) == figures


def test_news_gold_as_offsets_scores_the_same(news_files, tmp_path):
    from eventwire.evaluate_news import evaluate_news

    def offsets(aid, value):
        if not value:
            return None
        start = NEWS[aid].index(value)
        return {"start": start, "end": start + len(value)}

    rows = json.loads(json.dumps(NEWS_GOLD))
    for rec in rows:
        for ev in rec["events"]:
            ev["evidence"], ev["trigger"] = offsets(rec["id"], ev["evidence"]), offsets(rec["id"], ev["trigger"])
            ev["date_text"] = offsets(rec["id"], ev.get("date_text"))
            for a in ev["source"] + ev["target"]:
                a["text"] = offsets(rec["id"], a["text"])
    labels = tmp_path / "labels.jsonl"
    labels.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    a = evaluate_news(None, news_files["gold"], news_files["articles"], predictions_path=news_files["pred"])
    b = evaluate_news(None, labels, news_files["articles"], predictions_path=news_files["pred"])
    assert {k: v for k, v in a.items() if k != "gold"} == {k: v for k, v in b.items() if k != "gold"}


def test_news_eval_command_detects_the_format(news_files):
    from click.testing import CliRunner

    from eventwire.cli import main

    args = ["eval", str(news_files["gold"]), "--predictions", str(news_files["pred"]), "--json"]
    out = CliRunner().invoke(main, [*args, "--articles", str(news_files["articles"])])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["type_recall"] == 0.5
    out = CliRunner().invoke(main, args)
    assert out.exit_code == 2 and "--articles" in out.output


def test_news_gold_naming_an_unknown_article_is_an_input_error(news_files):
    from eventwire.evaluate_news import evaluate_news

    only_one = news_files["articles"].parent / "one.jsonl"
    only_one.write_text(json.dumps(NEWS_ARTICLES[0]) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="'n2' is not in the articles file"):
        evaluate_news(None, news_files["gold"], only_one, predictions_path=news_files["pred"])


def test_news_yardstick_reads_articles_as_a_run_does(pipeline):
    """The yardstick codes what `eventwire run` codes: the lead's dateline and wire credit are read, not ignored."""
    from eventwire.evaluate_news import code_articles

    text = "LIMA, Peru (AP) — The finance minister of Peru resigned on Tuesday after a vote in Congress."
    record = {"id": "own-1", "text": text, "date": "2024-05-02", "byline": "By A. Writer"}  # 'date' as runs read it
    results = code_articles(pipeline, {"own-1": record}, ["own-1"])
    article = results["own-1"]["article"]
    assert article["dateline"] == "LIMA"
    assert article["credit"] == "AP"
    assert article["published"] == "2024-05-02" and article["byline"] == "By A. Writer"


def test_news_gold_actor_text_is_found_as_whole_words():
    """A gold actor given as text is the first whole-word occurrence: "he" is not the end of "She"."""
    from eventwire.evaluate_news import resolve_gold

    text = "She said the senator lied. Then he denied it."
    rec = {"id": "a", "events": [{"type": "REJECT", "evidence": "Then he denied it", "source": [{"text": "he"}]}]}
    event = resolve_gold(rec, text)["events"][0]
    start, end = event["source"][0]["span"]
    assert (start, end) == (text.index(" he ") + 1, text.index(" he ") + 3)
    outside = resolve_gold(
        {"id": "a", "events": [{"type": "REJECT", "evidence": "She said", "source": [{"text": "he"}]}]}, text
    )
    assert outside["events"][0]["source"][0]["span"] == (start, end)  # not inside "She": the first whole word elsewhere
