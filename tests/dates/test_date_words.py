"""The dates stage's words as a knowledge file: loaded and validated, extended by a user's file."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.dates import MONTH_NAMES, PROSPECTIVE_VERBS, DateKnowledge, find_dates, resolve_date
from eventwire.dates.knowledge import shipped_date_knowledge
from eventwire.errors import KnowledgeError
from eventwire.knowledge import shipped_files

SUNDAY = "2022-03-27"


def _user_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "my_dates.yaml"
    path.write_text("version: 1\n" + body, encoding="utf-8")
    return path


def _resolved(mentions, published=SUNDAY):
    from datetime import date

    pub = date.fromisoformat(published)
    return [m.resolve(pub, "past") for m in mentions]


def test_the_shipped_file_loads_with_every_class():
    kn = shipped_date_knowledge()
    (path,) = shipped_files("dates")
    assert path.name == "words.yaml"
    assert [name for name, _ in kn.months][0] == "january" and len(kn.months) == 12
    assert kn.month_numbers["sept"] == 9 and kn.weekday_numbers["thurs"] == 3
    assert kn.number_words["a few"] == 3 and kn.seasons["autumn"] == 9
    # what other stages import is the shipped file's
    assert dict(MONTH_NAMES) == dict(kn.month_numbers)
    assert PROSPECTIVE_VERBS == kn.prospective_verbs


def test_the_patterns_are_built_once_per_loaded_object(tmp_path):
    kn = shipped_date_knowledge()
    assert kn.patterns is kn.patterns
    other = DateKnowledge.from_files([_user_file(tmp_path, "number_words: {a dozen: 12}\n")])
    assert other.patterns is not kn.patterns


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ("venue_nouns: [rally, Vigil]\n", 2, ["'venue_nouns'", "'Vigil'"]),
        ("number_words:\n  a dozen: twelve\n", 3, ["'number_words'", "'a dozen'"]),
        ("seasons:\n  monsoon: 13\n", 3, ["'seasons'", "'monsoon'"]),
        ("months:\n  smarch: [sma]\n", 3, ["'months'", "'smarch'", "only short forms"]),
        ("eras: [bronze]\n", 2, ["unknown date word class 'eras'"]),
        ("future_aux: [will, on]\n", 2, ["'future_aux'", "True"]),  # YAML reads a bare "on" as true
        ("number_words:\n  two: 3\n", 3, ["'two' is already 2"]),
        # a short form that is another month's word would move its dates there without a word
        ("months:\n  march: [may]\n", 3, ["'months'", "short form 'may' is 'may'"]),
        ("relative_steps:\n  soon: 2\n", 3, ["'relative_steps'", "'soon'", "from -1 to 1"]),
        ("months:\n  july: [jun]\n", 3, ["'months'", "short form 'jun' is 'june'"]),
    ],
)
def test_a_bad_entry_is_reported_with_its_file_and_line(tmp_path, body, line, words):
    path = _user_file(tmp_path, body)
    with pytest.raises(KnowledgeError) as err:
        DateKnowledge.from_files([path])
    message = str(err.value)
    assert f"{path}:{line}:" in message
    for word in words:
        assert word in message


def test_a_file_without_a_version_is_refused(tmp_path):
    path = tmp_path / "no_version.yaml"
    path.write_text("venue_nouns: [vigil]\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=f"{path}:1: missing 'version'"):
        DateKnowledge.from_files([path])


def test_every_problem_is_reported_at_once(tmp_path):
    path = _user_file(tmp_path, "venue_nouns: [Vigil]\nmodals: [7]\n")
    with pytest.raises(KnowledgeError) as err:
        DateKnowledge.from_files([path])
    assert f"{path}:2:" in str(err.value) and f"{path}:3:" in str(err.value)


def test_counted_numbers_must_be_number_words(tmp_path):
    path = _user_file(tmp_path, "counted_numbers: [one, dozen]\n")
    with pytest.raises(KnowledgeError, match=f"{path}:2: 'counted_numbers': 'dozen' is not one of number_words"):
        DateKnowledge.from_files([path])
    # with the number word added in the same file it is a count
    path.write_text("version: 1\nnumber_words: {dozen: 12}\ncounted_numbers: [dozen]\n", encoding="utf-8")
    text = "Rebels seized the port. A dozen days later, troops retook it."
    kn = DateKnowledge.from_files([path])
    assert [m.count for m in find_dates(text, knowledge=kn)] == [("day", 12)]
    assert find_dates(text) == []


def test_an_added_number_word_is_read_in_a_count(tmp_path):
    text = "The rebels took the town a dozen years ago."
    assert find_dates(text) == []
    kn = DateKnowledge.from_files([_user_file(tmp_path, "number_words: {a dozen: 12}\n")])
    (mention,) = find_dates(text, knowledge=kn)
    assert text[mention.start : mention.end] == "a dozen years ago"
    assert [d.isoformat() for d, _ in _resolved([mention])] == ["2010-01-01"]
    # the shipped words are untouched by the other object's
    assert find_dates(text) == []


def test_an_added_short_form_of_a_month_is_a_month(tmp_path):
    text = "The accord was signed on Febr. 24, 2022."
    assert find_dates(text) == []
    kn = DateKnowledge.from_files([_user_file(tmp_path, "months:\n  february: [febr]\n")])
    (mention,) = find_dates(text, knowledge=kn)
    assert text[mention.start : mention.end] == "Febr. 24, 2022"
    assert kn.month_numbers["febr"] == 2


def test_an_added_venue_noun_dates_what_is_said_there(nlp, tmp_path):
    doc = nlp("The mayor said the figures were wrong during a vigil on Monday.")
    said = next(t for t in doc if t.text == "said")
    # a vigil is no occasion of speech in the shipped words: Monday dates the figures' being wrong
    assert resolve_date(said.sent, said, SUNDAY).precision == "reported"
    kn = DateKnowledge.from_files([_user_file(tmp_path, "venue_nouns: [vigil]\n")])
    got = resolve_date(said.sent, said, SUNDAY, knowledge=kn)
    assert (got.date, got.text) == ("2022-03-21", "Monday")
    # the doc keeps each object's findings apart: the shipped words still answer as before
    assert resolve_date(said.sent, said, SUNDAY).precision == "reported"


def test_an_added_step_word_names_a_week_from_publication(tmp_path):
    text = "Ministers meet in the upcoming week."
    assert find_dates(text) == []
    kn = DateKnowledge.from_files([_user_file(tmp_path, "relative_steps: {upcoming: 1}\n")])
    (mention,) = find_dates(text, knowledge=kn)
    assert text[mention.start : mention.end] == "upcoming week"
    # the Monday after the Sunday of publication
    assert [d.isoformat() for d, _ in _resolved([mention])] == ["2022-03-28"]
