"""Output files survive failures: -o is replaced only by a complete run, holds every input, and a full disk
is one clear line."""

import errno
import io
import json
import os

import pytest
from click.testing import CliRunner

from eventwire import batch
from eventwire.cli import main
from eventwire.cli.progress import Progress, estimate_total, format_eta
from eventwire.errors import OutputError
from eventwire.settings import Settings

ARTICLE = "The city council approved the new budget on Monday after a long debate, members said.\n"


@pytest.fixture
def inputs(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(ARTICLE)
    (d / "b.jsonl").write_text(
        json.dumps({"id": "j1", "text": "Officials in the province said the road would reopen on Friday."}) + "\n"
        + json.dumps({"id": "j2", "text": "The union said its members would return to work next week."}) + "\n"
    )  # fmt: skip
    return d


def test_outputs_failed_run_leaves_the_previous_file_untouched(tmp_path, inputs):
    out = tmp_path / "events.jsonl"
    out.write_text("earlier run\n")
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nentries: [\n")
    result = CliRunner().invoke(main, ["code", str(inputs), "--actors", str(bad), "-o", str(out), "--quiet"])
    assert result.exit_code == 1 and "bad.yaml" in result.output
    assert out.read_text() == "earlier run\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_outputs_resumed_run_writes_every_input_record(tmp_path, inputs):
    out, db = tmp_path / "events.jsonl", tmp_path / "events.duckdb"
    args = ["code", str(inputs), "--db", str(db), "-o", str(out), "--quiet"]
    assert CliRunner().invoke(main, args).exit_code == 0
    first = sorted(out.read_text().splitlines())
    assert CliRunner().invoke(main, args).exit_code == 0
    again = sorted(out.read_text().splitlines())
    assert len(first) == 3 and again == first  # the second run coded nothing, and still wrote all three
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask  # the mode of any file the user writes, not 0600


def test_outputs_full_disk_is_one_line_naming_the_file(inputs):
    result = CliRunner().invoke(main, ["code", str(inputs), "-o", "/dev/full", "--quiet"])
    assert result.exit_code == 1
    assert result.output.strip() == "Error: /dev/full: cannot write: No space left on device"


class _FullDisk(io.StringIO):
    name = "out.jsonl"

    def write(self, s):
        raise OSError(errno.ENOSPC, "No space left on device")


def test_outputs_batch_turns_a_write_failure_into_an_output_error(inputs, pipeline):
    with pytest.raises(OutputError, match="out.jsonl: cannot write: No space left on device"):
        batch.run([str(inputs)], settings=Settings(), out=_FullDisk(), pipeline=pipeline)


def test_progress_total_counts_files_and_jsonl_lines(inputs, tmp_path):
    assert estimate_total([str(inputs)]) == 3
    (tmp_path / "c.jsonl.gz").write_bytes(b"")
    assert estimate_total([str(inputs), str(tmp_path / "c.jsonl.gz")]) is None  # compressed: unknown
    assert estimate_total(["-"]) is None


def test_progress_line_shows_total_and_eta():
    progress = Progress(enabled=True, total=100)
    progress._start -= 10  # ten seconds in
    line = progress.line(20, events=7, skipped=1)
    assert line.startswith("20/100 articles (2.0/s), 7 events, 1 skipped, ETA 40 s")
    assert format_eta(185) == "3 min 05 s" and format_eta(7440) == "2 h 04 min"
    assert "ETA" not in Progress(enabled=True).line(20, events=7, skipped=1)


def test_outputs_interrupted_while_counting_leaves_no_temporary_file(tmp_path, inputs, monkeypatch):
    import eventwire.cli.progress as progress

    def interrupted(paths):
        raise KeyboardInterrupt

    monkeypatch.setattr(progress, "estimate_total", interrupted)
    CliRunner().invoke(main, ["code", str(inputs), "-o", str(tmp_path / "out.jsonl")])
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []
