"""English word classes: shipped files fill every class, bad entries fail with file:line, users can add words."""

from __future__ import annotations

import pytest

from eventwire.actors.table import ArticleActors
from eventwire.errors import KnowledgeError
from eventwire.events import EventCoder, load_lexicon
from eventwire.events.words import CLASS_NAMES, WordSet


def test_shipped_files_fill_every_class():
    words = load_lexicon().words
    for name in CLASS_NAMES:
        assert len(getattr(words, name)) > 0, name
    # preference lists keep their written order; YAML's bare `on` must still be the word
    assert words.default_verb_preps[:3] == ("to", "against", "on")
    assert "on" in words.thing_target_preps


def test_wordset_is_ordered_and_works_with_set_algebra():
    ws = WordSet(["will", "shall", "will"])
    assert tuple(ws) == ("will", "shall")
    assert {"will", "may"} & ws == {"will"}
    assert ws | {"may"} == {"will", "shall", "may"}


def test_bad_word_file_reports_every_problem_with_line(tmp_path):
    bad = tmp_path / "words.yaml"
    bad.write_text(
        "version: 1\n"
        "words:\n"
        "  pronouns: [thou, Thee]\n"
        "  adverbs: [quickly]\n"
        "  default_verb_preps: [on, upon]\n"
        "  speech: chant\n",
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeError) as err:
        load_lexicon([bad])
    problems = err.value.problems
    assert any(p.startswith(f"{bad}:3:") and "'Thee'" in p for p in problems)
    assert any(p.startswith(f"{bad}:4:") and "adverbs" in p for p in problems)
    assert any(p.startswith(f"{bad}:5:") and "True" in p for p in problems)  # unquoted `on` reads as true
    assert any(p.startswith(f"{bad}:6:") and "speech" in p for p in problems)


def test_user_words_extend_a_class(tmp_path, nlp):
    text = "Atlantis floated the notion of sending troops to Lemuria."
    doc = nlp(text)
    before = EventCoder.from_files().code(doc, ArticleActors(doc), [])
    assert [e.modality for e in before if e.event_type == "MOBILIZE"] == ["asserted"]
    overlay = tmp_path / "mine.yaml"
    overlay.write_text("version: 1\nwords:\n  plan_nouns: [notion]\n", encoding="utf-8")
    doc = nlp(text)
    after = EventCoder.from_files([overlay]).code(doc, ArticleActors(doc), [])
    assert [e.modality for e in after if e.event_type == "MOBILIZE"] == ["proposed"]
