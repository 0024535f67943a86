"""The pages knowledge file: validated at load, every dateline example run."""

import pytest

from eventwire.errors import KnowledgeError
from eventwire.ingest.knowledge import load_page_knowledge, page_knowledge
from eventwire.ingest.text import parse_byline
from eventwire.knowledge import shipped_files


def test_shipped_pages_file_loads_and_names_wires():
    kn = page_knowledge()
    assert kn.wire("Associated Press") == "AP" and kn.wire("xinhua") == "Xinhua" and kn.wire("Daily Bugle") is None
    assert {f.id for f in kn.datelines} >= {"tass", "place-wire", "place-dash"}


def _overlay(tmp_path, old: str, new: str):
    (shipped,) = shipped_files("ingest", "pages.yaml")
    text = shipped.read_text()
    assert old in text
    path = tmp_path / "pages.yaml"
    path.write_text(text.replace(old, new, 1))
    return path


def test_a_dateline_example_that_does_not_match_is_reported_with_its_line(tmp_path):
    path = _overlay(tmp_path, 'text: "KYIV \\u2014 Ukraine said on Monday"', 'text: "Kyiv said on Monday"')
    with pytest.raises(KnowledgeError) as err:
        load_page_knowledge(path)
    assert f"{path}:" in str(err.value) and "place-dash" in str(err.value)


def test_bad_pattern_and_unknown_placeholder_are_both_reported(tmp_path):
    path = _overlay(tmp_path, "pattern: '{PLACE}(?:, {region})?(?:, {date})? +{dash}\\s+'", "pattern: '{PLACE} {city}'")
    path.write_text(path.read_text().replace("min_article_chars: 300", "min_article_chars: many"))
    with pytest.raises(KnowledgeError) as err:
        load_page_knowledge(path)
    assert "unknown placeholder" in str(err.value) and "min_article_chars" in str(err.value)


def test_footer_shapes_are_run_on_their_examples_at_load(tmp_path):
    path = _overlay(tmp_path, '"Copyright law was changed twice', '"Copyright 2019 law was changed twice')
    with pytest.raises(KnowledgeError) as err:
        load_page_knowledge(path)
    assert f"{path}:" in str(err.value) and "copyright: story example" in str(err.value)


def test_the_word_lists_of_names_and_weekdays_are_validated(tmp_path):
    path = _overlay(tmp_path, "  Thursday: [Thu, Thur, Thurs]", "  Thursday: Thu")
    path.write_text(path.read_text().replace("name_suffixes: [Jr., Sr., II, III]", "name_suffixes: Jr."))
    with pytest.raises(KnowledgeError) as err:
        load_page_knowledge(path)
    assert "'weekdays' must map" in str(err.value) and "'name_suffixes' must be a list" in str(err.value)


def test_weekdays_and_name_words_come_from_the_file():
    kn = page_knowledge()
    assert kn.weekdays["Thursday"] == ("Thu", "Thur", "Thurs") and "bin" in kn.words("name_links")
    assert parse_byline("By Omar bin Said") == ("Omar bin Said", None)
    assert parse_byline("Thursday", bare=True) is None  # a weekday alone is not a name
