"""Quote finding on raw characters: every quoting style, apostrophes, paragraph-spanning quotes."""

from __future__ import annotations

import pytest

from eventwire.statements.quotes import find_quotes


def contents(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ('"We are ready," he said.', ["We are ready"]),
        ("“We are ready,” he said.", ["We are ready"]),
        ("«We are ready,» he said.", ["We are ready"]),
        ("'We are ready,' he said.", ["We are ready"]),
        ("‘We are ready,’ he said.", ["We are ready"]),
        ('He said: "We are ready."', ["We are ready."]),
    ],
)
def test_quotes_every_style_content_without_marks_or_trailing_comma(text: str, want: list[str]) -> None:
    assert contents(text) == want


def test_quotes_apostrophes_are_not_quote_marks() -> None:
    text = "'We don't accept the court's ruling,' the minister's spokesman said."
    assert contents(text) == ["We don't accept the court's ruling"]
    assert contents("The officials' cars and Russia's fleet stayed.") == []
    assert contents("“We don’t want it,” she said.") == ["We don’t want it"]


def test_quotes_split_by_cue_give_two_segments() -> None:
    text = '"The plan is dead," Andreev said, "and nobody will revive it."'
    assert contents(text) == ["The plan is dead", "and nobody will revive it."]
    first, second = find_quotes(text)
    assert first.chain != second.chain


def test_quotes_spanning_paragraphs_share_a_chain() -> None:
    text = '"First paragraph of the speech.\n\n"Second paragraph, still quoted.\n\n"Third and last," he said.'
    segs = find_quotes(text)
    assert [text[s.start : s.end] for s in segs] == [
        "First paragraph of the speech.",
        "Second paragraph, still quoted.",
        "Third and last",
    ]
    assert len({s.chain for s in segs}) == 1
    assert segs[0].close is None and segs[-1].close is not None


def test_quotes_unclosed_paragraph_not_followed_by_opening_mark_starts_no_chain() -> None:
    text = '"An open quote that never closes.\n\nA plain paragraph.'
    segs = find_quotes(text)
    assert len(segs) == 1
    assert text[segs[0].start : segs[0].end] == "An open quote that never closes."


def test_quotes_offsets_slice_the_text() -> None:
    text = "KYIV — «Ukraine will not cede land,» Zelensky said. ‘Never,’ he added."
    for q in find_quotes(text):
        assert text[q.open] in "«‘"
        assert text[q.close] in "»’"
        assert q.open < q.start <= q.end <= q.close
