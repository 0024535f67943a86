"""The command line: usage errors are one line; bad articles are outcomes, not failures."""

import json

import pytest
from click.testing import CliRunner

from eventwire.cli import main


def test_missing_path_is_a_one_line_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["code", str(tmp_path / "nope.txt")])
    assert result.exit_code != 0
    assert "no such file or directory" in result.output
    assert "Traceback" not in result.output


def test_bad_published_option_is_rejected(tmp_path):
    (tmp_path / "a.txt").write_text("The minister said the talks would resume.")
    result = CliRunner().invoke(main, ["code", str(tmp_path / "a.txt"), "--published", "yesterday-ish"])
    assert result.exit_code == 2
    assert "--published" in result.output


@pytest.fixture
def bad_inputs(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "empty.txt").write_text("")
    (d / "blank.txt").write_text("   \n\n  ")
    (d / "binary.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (d / "latin1.txt").write_bytes("Le ministre a d\xe9clar\xe9".encode("latin-1"))
    (d / "german.txt").write_text("Die Regierung hat am Montag neue Sanktionen gegen mehrere Banken beschlossen.")
    (d / "huge.txt").write_text("The minister said. " * 8000)
    (d / "lines.jsonl").write_text(
        '{"id": "ok1", "text": "LONDON (Reuters) - Britain expelled two Russian diplomats on Tuesday, the Foreign Office said."}\n'
        "this is not json\n"
        '{"id": "nul", "text": "bad \\u0000 text"}\n'
    )
    return d


def test_bad_inputs_are_skipped_with_reasons_and_the_run_goes_on(bad_inputs, tmp_path):
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["code", str(bad_inputs), "-o", str(out), "--max-chars", "100000"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(records) == 9  # every input accounted for
    by_reason = {r["reason"].split(":")[0] for r in records if r["status"] == "skipped"}
    assert by_reason == {"empty", "binary", "invalid-utf8", "not-english", "oversized", "bad-json"}
    coded = [r for r in records if r["status"] == "coded"]
    assert [r["article"]["id"] for r in coded] == ["ok1"]
    assert any("lines.jsonl:2" in r["reason"] for r in records if r["status"] == "skipped")
    assert "1 articles coded, 8 skipped" in result.output
    assert "Traceback" not in result.output
