import gzip
import io
import json
from pathlib import Path

import pytest

from eventwire.ingest import Skipped, iter_inputs, read_html, read_page, read_stream, read_text, record_item
from eventwire.ingest.checks import check_text


def test_jsonl_fields_and_bad_lines_are_accounted_for(tmp_path):
    path = tmp_path / "in.jsonl"
    lines = [
        json.dumps(
            {"id": "a1", "text": "PARIS (AFP) - France recalled its envoy.", "date": "2022-05-01", "publisher": "X"}
        ),
        "{not json",
        json.dumps({"id": "a3", "title": "no text field"}),
        "",
        json.dumps({"text": "Talks ended without a deal, officials said."}),
    ]
    path.write_text("\n".join(lines) + "\n")
    items = list(iter_inputs([str(path)]))
    assert len(items) == 4
    first = items[0]
    assert (first.id, first.published, first.publisher, first.credit, first.dateline) == (
        "a1",
        "2022-05-01",
        "X",
        "AFP",
        "PARIS",
    )
    assert isinstance(items[1], Skipped) and items[1].reason.startswith("bad-json") and f"{path}:2" in items[1].reason
    assert (
        isinstance(items[2], Skipped) and "no string field 'text'" in items[2].reason and f"{path}:3" in items[2].reason
    )
    assert len(items[3].id) == 16  # content hash when no id is given


def test_gzip_jsonl_and_glob(tmp_path):
    with gzip.open(tmp_path / "a.jsonl.gz", "wt") as fh:
        fh.write(json.dumps({"id": "g1", "text": "Protesters gathered outside parliament."}) + "\n")
    items = list(iter_inputs([str(tmp_path / "*.jsonl.gz")]))
    assert [i.id for i in items] == ["g1"]


def test_binary_and_invalid_utf8_are_skipped_with_reason():
    assert read_text(b"\x00\x01\x02abc", origin="f.bin").reason.startswith("binary")
    skipped = read_text(b"caf\xe9 au lait", origin="f.txt")
    assert isinstance(skipped, Skipped) and skipped.reason.startswith("invalid-utf8") and "f.txt" in skipped.reason


def test_text_checks():
    assert check_text("   \n", max_chars=100, min_english=0.08).startswith("empty")
    assert check_text("word " * 50, max_chars=100, min_english=0.08).startswith("oversized")
    german = "Die Regierung hat am Montag neue Sanktionen gegen mehrere Banken beschlossen und angekündigt."
    assert check_text(german, max_chars=1000, min_english=0.08).startswith("not-english")
    assert check_text("The minister said the talks would resume.", max_chars=1000, min_english=0.08) is None
    names = "Arab League envoy Omar Haddad began mediation between Syria and Palestinian leaders."
    assert check_text(names, max_chars=1000, min_english=0.08) is None  # few function words, still English
    russian = "Министр иностранных дел заявил в понедельник о новых переговорах."
    assert check_text(russian, max_chars=1000, min_english=0.08).startswith("not-english")


def test_html_main_text_and_metadata():
    html = b"""<html><head><title>T</title><meta property="og:site_name" content="Site">
    <meta property="article:published_time" content="2022-07-22T10:00:00Z"></head><body>
    <nav>Home | World</nav><article><h1>Ministers meet</h1>
    <p>ANKARA (Site) - The foreign ministers of Turkey and Greece met on Friday to discuss maritime borders in the Aegean Sea.</p>
    <p>Both sides agreed to continue the talks next month, officials said after the meeting ended.</p>
    <p>The two governments have argued for years over drilling rights near several small islands.</p>
    </article><footer>Subscribe now</footer></body></html>"""
    art = read_html(html, origin="page.html")
    assert art.published == "2022-07-22"
    assert art.publisher == "Site"
    assert art.dateline == "ANKARA"
    assert "Subscribe" not in art.text and "Home | World" not in art.text


def test_stdin_stream_sniffs_jsonl_or_plain_text():
    items = list(
        read_stream(io.BytesIO(b'  {"id": "s1", "text": "Hello there, the minister said."}\n'), origin="<stdin>")
    )
    assert [i.id for i in items] == ["s1"]
    (plain,) = read_stream(io.BytesIO(b"ROME (ANSA) - Italy recalled its envoy."), origin="<stdin>")
    assert plain.text.startswith("ROME") and plain.credit == "ANSA" and plain.origin == "<stdin>"


def test_jsonl_ids_must_be_strings_or_integers(tmp_path):
    path = tmp_path / "ids.jsonl"
    lines = [
        {"id": 5, "text": "a"},
        {"id": True, "text": "b"},
        {"id": [1, 2], "text": "c"},
        {"id": "x", "text": "d", "title": 3},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n" + "[" * 100000 + "\n")
    items = list(iter_inputs([str(path)]))
    assert items[0].id == "5"
    assert all(isinstance(i, Skipped) for i in items[1:])
    assert "'id' must be a string or an integer" in items[1].reason
    assert "'title' must be a string or null" in items[3].reason
    assert items[4].reason.startswith("bad-json")  # too deeply nested


def test_warc_html_responses_become_articles(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    html = b"""<html><head><meta property="og:site_name" content="Coast Post"></head><body><article>
    <p>ATHENS (Coast Post) - Greece and Turkey agreed on Tuesday to resume talks on maritime borders in the Aegean.</p>
    <p>The foreign ministers will meet in Ankara next month, officials from both countries said on Tuesday.</p>
    <p>Fishing crews from both coasts have waited for a settlement since the last round failed in spring.</p>
    </article></body></html>"""
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for uri, body, ctype in (
            ("https://coast.example/a", html, "text/html"),
            ("https://coast.example/img", b"GIF89a", "image/gif"),
        ):
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers)
            )
    (article, image) = iter_inputs([str(path)])
    assert article.url == "https://coast.example/a" and article.dateline == "ATHENS" and article.origin.endswith("#1")
    assert isinstance(image, Skipped) and "not HTML" in image.reason and "#2" in image.reason
    (broken,) = iter_inputs([str(_write(tmp_path / "bad.warc", b"not a warc at all"))])
    assert isinstance(broken, Skipped) and broken.reason.startswith("unreadable")


def _write(path, data):
    path.write_bytes(data)
    return path


def test_lone_surrogate_is_skipped_not_crashing():
    assert check_text("bad \ud800 text here", max_chars=1000, min_english=0.0).startswith("invalid-utf8")


def test_hidden_folders_are_not_read_and_literal_brackets_work(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "obj.txt").write_text("The minister said the talks would resume.")
    (tmp_path / "file[1].txt").write_text("The minister said the talks would resume.")
    assert [a.origin for a in iter_inputs([str(tmp_path)])] == [str(tmp_path / "file[1].txt")]
    assert len(list(iter_inputs([str(tmp_path / "file[1].txt")]))) == 1


def test_overrides_apply(tmp_path):
    (tmp_path / "a.txt").write_text("Russia accused Poland of provocation, the ministry said.\n")
    (art,) = iter_inputs([str(tmp_path)], published="2022-03-27", publisher="Override")
    assert (art.published, art.publisher) == ("2022-03-27", "Override")


LONG_STORY = (
    "<p>ATHENS (Coast Post) - Greece and Turkey agreed on Tuesday to resume talks on maritime borders.</p>"
    "<p>The foreign ministers will meet in Ankara next month, officials from both countries said on Tuesday.</p>"
    "<p>Fishing crews from both coasts have waited for a settlement since the last round failed in spring.</p>"
    "<p>Neither side has said what it would give up to reach a deal.</p>"
)


def test_html_with_only_a_caption_or_too_little_text_is_no_article_text():
    caption = b"""<html><body><article><figure><img src="x.jpg"></figure>
    <p>Police officers stand outside the parliament building in the capital. Photo: Jane Roe / Coast Post</p>
    </article></body></html>"""
    got = read_html(caption, origin="caption.html")
    assert isinstance(got, Skipped) and got.reason.startswith("no-article-text") and "caption.html" in got.reason
    assert got.article.text == ""
    short = b"<html><body><article><p>Talks resume today in Geneva.</p></article></body></html>"
    assert read_html(short, origin="short.html").reason.startswith("no-article-text")


def test_html_drops_related_links_footer_and_cleans_the_title():
    html = f"""<html><head><title>Greece and Turkey resume talks | Coast Post | 19.01.2020</title>
    <meta property="og:site_name" content="Coast Post"></head><body><article><h1>Greece and Turkey resume talks</h1>
    {LONG_STORY}
    <div class="related"><h3>Related stories</h3><ul><li><a href="/x">Navy chief resigns after collision</a></li>
    <li><a href="/y">Minister visits island schools</a></li></ul></div></article>
    <footer><p>Copyright 2020 Coast Post. All rights reserved.</p></footer></body></html>""".encode()
    art = read_html(html, origin="page.html")
    assert art.title == "Greece and Turkey resume talks"
    assert "Navy chief" not in art.text and "Copyright" not in art.text
    assert art.text.startswith("ATHENS") and art.dateline == "ATHENS"


def test_jsonl_markup_is_stripped_and_bad_date_is_a_warning(tmp_path):
    path = tmp_path / "m.jsonl"
    rec = {
        "id": "m1",
        "text": "<p>Poland <b>summoned</b> the <a href='/x'>Belarusian envoy</a> on Monday.</p><p>Talks&nbsp;follow.</p>",
        "published": "sometime last spring",
    }
    path.write_text(json.dumps(rec) + "\n")
    (art,) = iter_inputs([str(path)])
    assert "<" not in art.text and "Poland summoned the Belarusian envoy on Monday." in art.text
    assert "Talks\xa0follow." in art.text
    assert art.published is None
    assert any("sometime last spring" in w for w in art.warnings)
    assert any("markup" in w for w in art.warnings)


def test_lone_surrogates_in_json_fields_are_replaced_and_the_batch_goes_on(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text(
        '{"id":"a","text":"Russia attacked Ukraine on Monday, officials said."}\n'
        '{"id":"b","text":"Germany rejected the proposal on Tuesday.","title":"T \\udc80"}\n'
        '{"id":"c","text":"Bad \\ud800 text here.","byline":"\\udfff"}\n'
    )
    items = list(iter_inputs([str(path)]))
    assert [i.id for i in items] == ["a", "b", "c"]
    assert items[1].title == "T \ufffd" and items[1].warnings
    assert items[2].text == "Bad \ufffd text here."  # same length: offsets stay valid
    for item in items:  # every record writes as valid UTF-8
        json.dumps(item.__dict__, ensure_ascii=False).encode("utf-8")


def test_inputs_that_vanish_each_get_a_skip_record(tmp_path):
    import os

    d = tmp_path / "in"
    (d / "locked").mkdir(parents=True)
    (d / "ok.txt").write_text("The minister said the talks would resume.")
    (d / "locked" / "inner.txt").write_text("The minister said the talks would resume.")
    os.mkfifo(d / "pipe.txt")
    (d / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    os.chmod(d / "locked", 0)
    try:
        items = list(iter_inputs([str(d)]))
    finally:
        os.chmod(d / "locked", 0o755)
    reasons = {Path(i.article.origin).name: i.reason for i in items if isinstance(i, Skipped)}
    assert "FIFO" in reasons["pipe.txt"] and "dangling" in reasons["gone.txt"]
    if os.geteuid() != 0:  # root can list any folder
        assert "cannot list" in reasons["locked"]
    assert str(d / "ok.txt") in [i.origin for i in items if not isinstance(i, Skipped)]
    (fifo_arg,) = iter_inputs([str(d / "pipe.txt")])  # a FIFO as an argument: a record, no hang, no abort
    assert isinstance(fifo_arg, Skipped) and "FIFO" in fifo_arg.reason


def test_files_are_read_with_a_size_cap_and_skips_keep_only_an_excerpt(tmp_path):
    from eventwire.ingest import EXCERPT_CHARS, skipped
    from eventwire.schema import Article

    big = tmp_path / "big.txt"
    big.write_bytes(b"The minister said. " * 2000)
    (item,) = iter_inputs([str(big)], max_chars=1000)
    assert isinstance(item, Skipped) and item.reason.startswith("oversized") and item.article.text == ""
    lines = tmp_path / "big.jsonl"
    lines.write_text(
        json.dumps({"id": "x", "text": "word " * 20000}) + "\n" + json.dumps({"id": "y", "text": "ok"}) + "\n"
    )
    first, second = iter_inputs([str(lines)], max_chars=100)
    assert first.reason.startswith("oversized") and f"{lines}:1" in first.reason
    assert second.id == "y"
    long = skipped(Article(id="z", text="x" * 100_000), "oversized: test")
    assert len(long.article.text) == EXCERPT_CHARS


def test_html_headline_shown_on_the_page_wins_and_a_wire_in_the_author_is_the_credit():
    html = f"""<html><head><title>Talks on Aegean borders to resume, ministers say - Coast Post</title>
    <meta name="author" content="AFP/The Coast Post"><meta property="og:site_name" content="Coast Post"></head>
    <body><article><h1>Greece and Turkey agree to resume Aegean border talks</h1>{LONG_STORY}</article></body></html>"""
    art = read_html(html.encode(), origin="p.html")
    assert art.title == "Greece and Turkey agree to resume Aegean border talks"
    assert art.credit == "AFP"


def test_html_byline_from_a_link_to_the_authors_page_when_the_page_has_no_author_field():
    story = f"<article><h1>Greece and Turkey resume talks</h1>{LONG_STORY}</article>"
    linked = f'<html><body><p>By <a href="/about/newsteam/mara-quist">Mara Quist</a></p>{story}</body></html>'
    assert read_html(linked.encode(), origin="a.html").byline == "Mara Quist"
    other = f'<html><body><p><a href="/authors/mara-quist">More stories</a></p>{story}</body></html>'
    assert read_html(other.encode(), origin="b.html").byline is None  # the link's words are not the name


def test_a_folder_that_cannot_be_listed_is_a_skip_record_even_for_root(tmp_path, monkeypatch):
    import os

    from eventwire.ingest import files

    (tmp_path / "locked").mkdir()
    (tmp_path / "ok.txt").write_text("The minister said the talks would resume.")
    real_scandir = os.scandir

    def scandir(path):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(files.os, "scandir", scandir)
    items = list(iter_inputs([str(tmp_path)]))
    (locked,) = [i for i in items if isinstance(i, Skipped)]
    assert "cannot list the folder" in locked.reason and locked.article.origin.endswith("locked")
    assert [i.origin for i in items if not isinstance(i, Skipped)] == [str(tmp_path / "ok.txt")]


def test_a_jsonl_text_that_is_a_whole_html_document_is_read_as_a_page(tmp_path):
    page = (
        "<!DOCTYPE html><html><head><title>Greece and Turkey resume talks | Coast Post</title></head><body>"
        f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article>{LONG_STORY}</article></body></html>"
    )
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps({"id": "h1", "text": page, "published": "2020-01-19", "publisher": "Coast"}) + "\n")
    (art,) = iter_inputs([str(path)])
    assert (art.id, art.published, art.publisher, art.dateline) == ("h1", "2020-01-19", "Coast", "ATHENS")
    assert art.text.startswith("ATHENS") and "Home" not in art.text


SHORT_PAGE = (
    "<!DOCTYPE html><html><head><title>Ferry strike ends | Harbour Gazette</title></head><body>"
    "<article><p>The ferry strike ended on Monday.</p></article></body></html>"
)


def test_a_skipped_html_record_keeps_the_users_id_and_title(tmp_path):
    path = tmp_path / "docs.jsonl"
    recs = [{"id": 0, "text": SHORT_PAGE, "title": "Ferry strike ends"}, {"id": "f7", "text": SHORT_PAGE}]
    path.write_text("".join(json.dumps(r) + "\n" for r in recs))
    items = list(iter_inputs([str(path)]))
    assert all(isinstance(i, Skipped) and i.reason.startswith("no-article-text") for i in items)
    assert [(i.article.id, i.article.title) for i in items] == [("0", "Ferry strike ends"), ("f7", "Ferry strike ends")]
    # the Python API reads a page the same way
    got = read_page(SHORT_PAGE, id=7, title="Strike over")
    assert isinstance(got, Skipped) and (got.article.id, got.article.title) == ("7", "Strike over")


@pytest.mark.parametrize("page", ["Diplomats met in Geneva on Friday.", SHORT_PAGE])
@pytest.mark.parametrize("given, want", [(0, "0"), (7, "7"), ("a1", "a1")])
def test_given_ids_are_strings_and_zero_is_an_id(page, given, want):
    item = read_page(page, id=given)
    assert getattr(item, "article", item).id == want
    item = record_item({"id": given, "text": page}, origin="f.jsonl:1")
    assert getattr(item, "article", item).id == want
    assert record_item({"id": given, "text": 5}, origin="f.jsonl:1").article.id == want  # a bad record


def test_an_unreadable_given_date_is_a_warning_on_html_and_text_pages_alike():
    html = (
        "<!DOCTYPE html><html><head><title>Greece and Turkey resume talks</title>"
        '<meta property="article:published_time" content="2020-01-19T10:00:00Z"></head>'
        f"<body><article>{LONG_STORY}</article></body></html>"
    )
    text = "date 2020-01-19 coast.example\nGreece and Turkey resume talks\nBy Jane Roe\nATHENS (AP) - Talks resumed.\n"
    for page in (html, text):
        art = read_page(page, published="next Tuesday-ish")
        assert art.published == "2020-01-19"  # the page's own date
        assert "unreadable published date 'next Tuesday-ish'" in art.warnings
