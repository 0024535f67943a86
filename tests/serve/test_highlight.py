"""Highlights: slice at offsets, escape every piece, keep the HTML nested when spans cross."""

from __future__ import annotations

import html
from html.parser import HTMLParser

from serve_records import TEXT_1, article_one

from eventwire.serve.highlight import Span, article_spans, render, wire_chain


class Tree(HTMLParser):
    """Checks nesting and collects the text and the elements with ids."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.ids: dict[str, dict[str, str]] = {}
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)
        self.tags.append(tag)
        a = dict(attrs)
        if "id" in a:
            assert a["id"] not in self.ids, f"duplicate id {a['id']}"
            self.ids[a["id"]] = a

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack}"
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def parse(markup: str) -> Tree:
    t = Tree()
    t.feed(markup)
    t.close()
    assert t.stack == []
    return t


def test_crossing_spans_nest_and_keep_one_id():
    text = "abcdefghijklmnop"
    spans = [
        Span(0, 10, "span", (("id", "x"), ("class", "a"))),
        Span(5, 15, "mark", (("id", "y"), ("class", "b"))),
    ]
    out = str(render(text, spans))
    tree = parse(out)
    assert "".join(tree.text) == text
    assert set(tree.ids) == {"x", "y"}
    assert 'data-part-of="y"' in out  # the crossing span continues without its id


def test_markup_in_text_is_escaped_piece_by_piece():
    text = "<script>alert(1)</script> & <b>bold</b>"
    out = str(render(text, [Span(8, 16, "mark", (("id", "ev-e1"), ("data-type", "ASSAULT")))]))
    assert "<script>" not in out and "<b>" not in out
    assert "&lt;script&gt;" in out
    tree = parse(out)
    assert tree.tags == ["mark"]
    assert html.unescape("".join(tree.text)) == text


def test_attribute_values_are_escaped():
    out = str(render("abc", [Span(0, 1, "mark", (("title", '"><script>x</script>'),))]))
    assert "<script>" not in out


def test_out_of_range_spans_are_dropped():
    out = str(render("abc", [Span(2, 9, "mark", ()), Span(-1, 1, "mark", ()), Span(1, 1, "mark", ())]))
    assert out == "abc"


def test_article_spans_cover_every_event_and_statement():
    record = article_one().to_dict()
    spans, warnings = article_spans(record)
    assert warnings == []
    tree = parse(str(render(TEXT_1, spans)))
    assert "".join(tree.text) == TEXT_1
    for ev in record["events"]:
        attrs = tree.ids[f"ev-{ev['id']}"]
        assert attrs["data-type"] == ev["event_type"]
    assert {"st-s1", "st-s2"} <= set(tree.ids)


def test_bad_offsets_are_reported_and_fall_back_to_the_evidence():
    record = article_one().to_dict()
    record["events"][0]["trigger"] = {"start": 5000, "end": 5008, "text": "rejected"}
    record["events"][2]["evidence"]["text"] = "something else"
    spans, warnings = article_spans(record)
    assert any("e1 trigger" in w and "outside" in w for w in warnings)
    assert any("e3 evidence" in w and "differs" in w for w in warnings)
    tree = parse(str(render(TEXT_1, spans)))
    ev = record["events"][0]["evidence"]
    assert tree.ids["ev-e1"]["data-type"] == "REJECT"  # now on the evidence sentence
    assert ev["start"] < ev["end"]


def test_wire_chain_runs_from_publisher_to_speaker():
    record = article_one().to_dict()
    s1 = record["statements"][0]
    assert wire_chain(record, s1) == ["example-news.test", "Wirepress", "Ukraine foreign minister"]
    s2 = dict(record["statements"][1], reported_by="s1")
    record["statements"][1] = s2
    assert wire_chain(record, s2) == ["example-news.test", "Wirepress", "Ukraine foreign minister", "Ukraine"]
