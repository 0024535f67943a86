"""The cue lexicon is data: shipped YAML loads, bad files report every problem with file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.errors import KnowledgeError
from eventwire.statements.lexicon import CueLexicon


def test_lexicon_shipped_file_loads_with_the_issue_cues() -> None:
    lex = CueLexicon.from_files()
    for lemma in ("say", "tell", "warn", "claim", "insist", "stress", "add", "note", "announce", "tweet", "write"):
        assert lex.verbs[lemma] == "speech", lemma
    assert lex.verbs["believe"] == "belief"
    assert lex.verbs["want"] == "intention"
    assert lex.phrases["according"] == ("according", "to")
    assert "interview" in lex.venue_nouns and "Telegram" in lex.platforms
    assert lex.venue_preps == {"in", "on", "at", "during"}  # YAML 1.1 must not turn "on" into True


def test_lexicon_overlay_adds_a_cue(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text("version: 1\nverbs:\n  quip: speech\nphrases:\n  - in the words of\n", encoding="utf-8")
    lex = CueLexicon.from_files([extra])
    assert lex.verbs["quip"] == "speech"
    assert lex.phrases["in"] == ("in", "the", "words", "of")
    assert lex.verbs["say"] == "speech"  # shipped entries stay


def test_reporter_note_and_asking_words_are_lexicon_classes(tmp_path: Path) -> None:
    lex = CueLexicon.from_files()
    assert {"day", "week"} <= lex.note_time_nouns and lex.asking_cues == {"wonder", "ask"}
    extra = tmp_path / "mine.yaml"
    extra.write_text("version: 1\nasking_cues: [Ponder]\nnote_time_nouns: [fortnight]\n", encoding="utf-8")
    mine = CueLexicon.from_files([extra])
    assert mine.asking_cues == {"wonder", "ask", "ponder"} and "fortnight" in mine.note_time_nouns


def test_lexicon_reports_all_problems_with_lines(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "version: 1\n"
        "verbs:\n"
        "  mutter: whisper\n"  # line 3: unknown kind
        "  two words: speech\n"  # line 4: a verb is one word
        "phrases:\n"
        "  - alone\n"  # line 6: a phrase needs two words
        "colours: [red]\n",  # line 7: unknown key
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeError) as err:
        CueLexicon.from_files([bad])
    problems = err.value.problems
    assert len(problems) == 4
    assert any(p.startswith(f"{bad}:3:") and "kind" in p for p in problems)
    assert any(p.startswith(f"{bad}:4:") for p in problems)
    assert any(p.startswith(f"{bad}:6:") and "two words" in p for p in problems)
    assert any(p.startswith(f"{bad}:7:") and "colours" in p for p in problems)


def test_lexicon_missing_version_is_a_problem(tmp_path: Path) -> None:
    bad = tmp_path / "noversion.yaml"
    bad.write_text("verbs:\n  quip: speech\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="version"):
        CueLexicon.from_files([bad])
