"""The command line: usage errors are one line; bad articles are outcomes, not failures."""

import json

import pytest
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.store import Store


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


def test_repeated_ids_get_their_own_rows_and_resume_cleanly(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    body = "BERLIN (dpa) - Germany expelled two Russian diplomats on Monday, the foreign ministry said.\n"
    (d / "a.txt").write_text("date 2022-04-04 site-a.example\n" + body)
    (d / "b.txt").write_text("date 2022-04-05 site-b.example\n" + body)  # same body: same content id
    (d / "c.txt").write_text("")
    (d / "e.txt").write_text("")  # two empty files: same id too
    (d / "f.jsonl").write_text(
        '{"id": "n1", "text": "Protesters marched in Tbilisi on Sunday."}\n'
        '{"id": "n1", "text": "A different story that reuses the id, officials said."}\n'
    )
    db, out = tmp_path / "r.duckdb", tmp_path / "r.jsonl"
    first = CliRunner().invoke(main, ["code", str(d), "--db", str(db), "-o", str(out)])
    assert first.exit_code == 0, first.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    ids = [r["article"]["id"] for r in records]
    assert len(records) == 6 and len(set(ids)) == 6
    copy = [r for r in records if r["article"]["publisher"] == "site-b.example"][0]
    assert copy["status"] == "coded" and "~" in copy["article"]["id"]
    reused = [r for r in records if r["article"]["id"].startswith("n1~")][0]
    assert reused["status"] == "skipped" and reused["reason"].startswith("duplicate-id")
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == 6
        assert store.done_ids() == set(ids)
    again = CliRunner().invoke(main, ["code", str(d), "--db", str(db)])
    assert again.exit_code == 0 and "6 already in the database" in again.output


def test_unusable_output_places_are_one_line_errors(tmp_path):
    (tmp_path / "a.txt").write_text("The minister said the talks would resume.")
    missing = CliRunner().invoke(main, ["code", str(tmp_path / "a.txt"), "-o", str(tmp_path / "no" / "x.jsonl")])
    assert missing.exit_code == 2 and "the folder does not exist" in missing.output
    (tmp_path / "not.duckdb").write_text("this is not a database")
    bad_db = CliRunner().invoke(main, ["code", str(tmp_path / "a.txt"), "--db", str(tmp_path / "not.duckdb")])
    assert bad_db.exit_code == 1 and "cannot open the database" in bad_db.output
    assert "Traceback" not in missing.output + bad_db.output


def test_check_knowledge_lists_problems_of_every_file_with_lines(tmp_path):
    actors = tmp_path / "my_actors.yaml"
    actors.write_text("version: 1\npeople:\n  - id: p.someone\n    name: Some One\n")
    cues = tmp_path / "my_cues.yaml"
    cues.write_text("cues: [said]\n")
    result = CliRunner().invoke(main, ["check-knowledge", "--actors", str(actors), "--cues", str(cues)])
    assert result.exit_code == 1
    assert f"{actors}:3:" in result.output and f"{cues}:1:" in result.output
    ok = CliRunner().invoke(main, ["check-knowledge"])
    assert ok.exit_code == 0 and "valid" in ok.output


# A page saved from a portal that republishes a wire (our own writing), with a byline line and a footer.
PORTAL_PAGE = """ date 2023-06-11 newsdesk.pk

Oslo Rejects Moscow Claim Over Arctic Exercise

Sana Mirza Published June 11, 2023 | 09:45 PM

Oslo Rejects Moscow Claim Over Arctic Exercise

MOSCOW (Newsdesk / Sputnik - 11th June, 2023) Russia accused Norway on Sunday of preparing a provocation near its border.

Copyright 2023 Newsdesk Media. Follow us on Twitter for Reuters updates.
"""
ARTICLE_FIELDS = ("id", "text", "title", "published", "publisher", "credit", "byline", "dateline")


def test_python_api_reads_a_page_exactly_like_the_cli(tmp_path):
    import eventwire

    page = tmp_path / "page.txt"
    page.write_text(PORTAL_PAGE)
    out = tmp_path / "o.jsonl"
    result = CliRunner().invoke(main, ["code", str(page), "-o", str(out)])
    assert result.exit_code == 0, result.output
    (cli,) = [json.loads(line)["article"] for line in out.read_text().splitlines()]
    api = eventwire.code(PORTAL_PAGE).article
    assert {k: cli[k] for k in ARTICLE_FIELDS} == {k: getattr(api, k) for k in ARTICLE_FIELDS}
    assert (api.byline, api.credit, api.dateline, api.published) == ("Sana Mirza", "Sputnik", "MOSCOW", "2023-06-11")


def test_no_actor_or_event_comes_from_header_byline_dateline_or_footer_lines():
    import eventwire

    text = (
        "By Tom Hale, Staff Writer\nPublished June 12, 2023\n"
        "WASHINGTON (AP) \u2014 Russia accused Norway on Monday of preparing a provocation near its border.\n\n"
        "Copyright 2023 The Daily Example. Reporting by Ana Ruiz for Reuters in Moscow.\n"
    )
    result = eventwire.code_many([{"id": "h1", "text": text}])
    (rec,) = list(result)
    body_start = text.index("Russia accused")
    body_end = text.index("Copyright")
    assert rec.status == "coded" and rec.events
    assert (rec.article.byline, rec.article.credit, rec.article.dateline) == ("Tom Hale", "AP", "WASHINGTON")
    spans = [m for a in rec.actors for m in a.mentions] + [e.evidence for e in rec.events]
    spans += [e.trigger for e in rec.events]
    assert all(body_start <= s.start and s.end <= body_end for s in spans)
    assert not any(a.name in ("Tom Hale", "Ana Ruiz", "Reuters", "AP") for a in rec.actors)


def test_code_many_skips_bad_items_with_a_reason_and_goes_on():
    import eventwire

    results = list(eventwire.code_many([{"id": "x", "title": "no text"}, 42, "Poland summoned the Belarusian envoy."]))
    assert [r.status for r in results] == ["skipped", "skipped", "coded"]
    assert results[0].reason.startswith("bad-record") and "no string field 'text'" in results[0].reason
    assert results[1].reason.startswith("bad-record") and "item 1" in results[1].reason


def test_lone_surrogate_in_a_title_does_not_stop_the_run_and_output_is_utf8(tmp_path):
    src = tmp_path / "s.jsonl"
    src.write_text(
        '{"id":"a","text":"Russia attacked Ukraine on Monday, officials said."}\n'
        '{"id":"b","text":"Germany rejected the proposal on Tuesday.","title":"T \\udc80"}\n'
    )
    out, db = tmp_path / "s.out.jsonl", tmp_path / "s.duckdb"
    result = CliRunner().invoke(main, ["code", str(src), "-o", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_bytes().decode("utf-8").splitlines()]
    assert [r["status"] for r in records] == ["coded", "coded"]
    assert records[1]["article"]["title"] == "T \ufffd" and records[1]["article"]["warnings"]
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == 2


def test_a_fifo_argument_is_a_skip_record_and_the_other_inputs_are_coded(tmp_path):
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    ok = tmp_path / "ok.txt"
    ok.write_text("Poland summoned the Belarusian envoy on Monday.")
    out = tmp_path / "f.jsonl"
    result = CliRunner().invoke(main, ["code", str(fifo), str(ok), "-o", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["status"] for r in records] == ["skipped", "coded"]
    assert "FIFO" in records[0]["reason"]


def test_python_api_reads_an_html_page_like_the_cli(tmp_path):
    import eventwire

    paragraphs = "".join(
        f"<p>{s}</p>"
        for s in (
            "ATHENS (Coast Post) - Greece and Turkey agreed on Tuesday to resume talks on maritime borders.",
            "The foreign ministers will meet in Ankara next month, officials from both countries said on Tuesday.",
            "Fishing crews from both coasts have waited for a settlement since the last round failed in spring.",
            "Neither side has said what it would give up to reach a deal.",
        )
    )
    html = (
        "<!DOCTYPE html><html><head><title>Greece and Turkey resume talks | Coast Post</title>"
        '<meta property="og:site_name" content="Coast Post"></head><body><article>'
        f"<h1>Greece and Turkey resume talks</h1>{paragraphs}</article></body></html>"
    )
    page = tmp_path / "page.html"
    page.write_text(html)
    out = tmp_path / "o.jsonl"
    assert CliRunner().invoke(main, ["code", str(page), "-o", str(out)]).exit_code == 0
    (cli,) = [json.loads(line)["article"] for line in out.read_text().splitlines()]
    api = eventwire.code(html).article
    assert {k: cli[k] for k in ARTICLE_FIELDS} == {k: getattr(api, k) for k in ARTICLE_FIELDS}
    assert (api.title, api.dateline) == ("Greece and Turkey resume talks", "ATHENS")


def test_check_knowledge_reads_page_files(tmp_path):
    pages = tmp_path / "pages.yaml"
    pages.write_text("version: 1\nwires: {}\nmin_article_chars: -3\n")
    result = CliRunner().invoke(main, ["check-knowledge", "--pages", str(pages)])
    assert result.exit_code == 1
    assert f"{pages}:3: 'min_article_chars' must be a whole number >= 0" in result.output


def test_a_date_word_file_reaches_the_run_and_is_checked(tmp_path):
    """``--dates`` adds words to the dates stage of a run; ``check-knowledge --dates`` reports a bad entry."""
    words = tmp_path / "dates.yaml"
    words.write_text("version: 1\nnumber_words: {a dozen: 12}\n")
    page = tmp_path / "a.txt"
    page.write_text("The foreign minister of France said a dozen days ago that the talks with Germany would resume.\n")

    def statement_dates(*extra: str) -> list[tuple[str, str | None]]:
        result = CliRunner().invoke(main, ["code", str(page), "--published", "2024-05-20", "--quiet", *extra])
        assert result.exit_code == 0, result.output
        return [(s["date"], s["date_text"]) for s in json.loads(result.output)["statements"]]

    assert statement_dates() == [("2024-05-20", None)]  # the shipped words know no "a dozen"
    assert statement_dates("--dates", str(words)) == [("2024-05-08", "a dozen days ago")]
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nseasons:\n  monsoon: 13\n")
    checked = CliRunner().invoke(main, ["check-knowledge", "--dates", str(bad)])
    assert checked.exit_code == 1 and f"{bad}:3:" in checked.output and "monsoon" in checked.output
