"""The PolNeAR reader: brat standoff to attributions, one annotator per article, fragments trimmed."""

from __future__ import annotations

from pathlib import Path

from eventwire.statements.polnear import parse_ann, read_split
from eventwire.statements.training import read_excluded

MINI = Path(__file__).resolve().parents[1] / "data" / "statements" / "polnear_mini"


def test_parse_ann_keeps_discontinuous_content_and_trims_fragments() -> None:
    text = '"Yes," she said, "at once."'
    ann = "T1\tContent 0 6;17 27\tx\nT2\tSource 7 10\tshe\nT3\tCue 11 15\tsaid\nE1\tContent:T1 Source:T2 Cue:T3\n"
    (att,) = parse_ann(ann, text + " ")
    assert [text[s:e] for s, e in att.content] == ['"Yes,"', '"at once."']
    assert [text[s:e] for s, e in att.source] == ["she"]
    assert [text[s:e] for s, e in att.cue] == ["said"]


def test_parse_ann_allows_a_missing_source() -> None:
    text = "Talks will resume, it was said."
    ann = "T1\tContent 0 17\tx\nT2\tCue 26 30\tsaid\nE1\tContent:T1 Cue:T2\n"
    (att,) = parse_ann(ann, text)
    assert att.source == [] and text[slice(*att.cue[0])] == "said"


def test_read_split_directory_keeps_the_first_annotator() -> None:
    articles = read_split(MINI)
    assert [a.name for a in articles] == ["mini_2026-01-05_harbour-plan", "mini_2026-02-11_bridge-tolls"]
    harbour, bridge = articles
    assert len(harbour.attributions) == 2  # the _zz99 copy adds a headline cue; it is not read
    quote = harbour.attributions[1]
    assert [harbour.text[s:e] for s, e in quote.content] == ["“We are not ready,”", "“and nobody asked us.”"]
    cues = [bridge.text[slice(*a.cue[0])] for a in bridge.attributions]
    assert cues == ["believe", "according to", "wants"]
    assert read_split(MINI, limit=1)[0].name == harbour.name


def test_read_excluded_takes_lines_or_jsonl_ids(tmp_path: Path) -> None:
    path = tmp_path / "ex.jsonl"
    path.write_text('{"id": "polnear-train/a_b"}\nc_d\n\n', encoding="utf-8")
    assert read_excluded(path) == {"a_b", "c_d"}
