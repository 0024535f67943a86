"""bench/polnear_agreement.py: the second annotation of an article is scored against the first."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"

TEXT = "The mayor said the bridge would close. Critics argued it was late."
# annotator a: two attributions; annotator b: the first the same, the second with a longer content
ANN_A = (
    "T1\tSource 0 9\tThe mayor\nT2\tCue 10 14\tsaid\nT3\tContent 15 37\tthe bridge would close\n"
    "T7\tAttribution 10 14\tsaid\nE1\tAttribution:T7 Content:T3 Cue:T2 Source:T1\n"
    "T4\tSource 39 46\tCritics\nT5\tCue 47 53\targued\nT6\tContent 57 65\twas late\n"
    "T8\tAttribution 47 53\targued\nE2\tAttribution:T8 Content:T6 Cue:T5 Source:T4\n"
)
ANN_B = ANN_A.replace("T6\tContent 57 65\twas late", "T6\tContent 54 65\tit was late")


@pytest.fixture
def agreement(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCH))
    sys.modules.pop("polnear_agreement", None)
    import polnear_agreement

    return polnear_agreement


def write_split(root: Path, anns: dict[str, str]) -> Path:
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / "art1.txt").write_text(TEXT, encoding="utf-8")
    (root / "text" / "art2.txt").write_text(TEXT, encoding="utf-8")
    (root / "attributions" / "art2_a.ann").write_text(ANN_A, encoding="utf-8")  # annotated once: not scored
    for annotator, ann in anns.items():
        (root / "attributions" / f"art1_{annotator}.ann").write_text(ann, encoding="utf-8")
    return root


def figures(out: str) -> dict[str, list[float]]:
    rows = {}
    for line in out.splitlines():
        parts = line.split()
        if parts and parts[0] in ("source", "cue", "content"):
            rows[parts[0]] = [float(x) for x in parts[3:]]
    return rows


def test_only_articles_annotated_twice_are_scored_and_a_wider_content_is_overlap_not_exact(agreement, tmp_path, capsys):
    split = write_split(tmp_path / "train", {"a": ANN_A, "b": ANN_B})
    assert agreement.main([str(split)]) == 0
    out = capsys.readouterr().out
    assert "1 articles annotated twice" in out
    rows = figures(out)
    assert rows["source"] == [1.0, 1.0, 1.0]
    assert rows["cue"] == [1.0, 1.0, 1.0]
    assert rows["content"][0] == pytest.approx(0.5)  # one of two contents exact
    assert rows["content"][2] == pytest.approx(1.0)  # both overlap


def test_the_test_split_is_refused(agreement, tmp_path):
    with pytest.raises(SystemExit, match="held out"):
        agreement.main([str(tmp_path), "--split", "test"])
