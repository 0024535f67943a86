"""English word classes the event coder reads the parse with (``knowledge/data/en/*.yaml``).

Like ``spacy/lang/en``: the words live in data files, the code names the
classes. A file's ``words`` section maps a class name to a list of lower-case
lemmas; shipped files come first, and a user's lexicon overlay
(``--lexicon FILE``) may carry a ``words`` section too, whose words are added to
the class. Every class below must be filled by the shipped files; an unknown
class, a word that is not text (YAML reads a bare ``on`` as true: quote it) or a
word in capitals is reported with its file and line, all at once.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from eventwire.knowledge.loader import LineOf, Problems, shipped_files


class WordSet(tuple):
    """An ordered tuple of words with set-speed membership (order matters for preference lists)."""

    _members: frozenset[str]

    def __new__(cls, words: tuple[str, ...] | list[str] = ()) -> WordSet:
        obj = super().__new__(cls, tuple(dict.fromkeys(words)))
        obj._members = frozenset(obj)
        return obj

    def __contains__(self, word: object) -> bool:
        return word in self._members

    # set algebra with plain sets ("aux & words.future_aux"), answered as frozensets
    def __and__(self, other: object) -> frozenset[str]:  # type: ignore[override]
        return self._members & frozenset(other)  # type: ignore[arg-type]

    __rand__ = __and__

    def __or__(self, other: object) -> frozenset[str]:
        return self._members | frozenset(other)  # type: ignore[arg-type]

    __ror__ = __or__

    def __sub__(self, other: object) -> frozenset[str]:
        return self._members - frozenset(other)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Words:
    """Every word class the coder uses; meanings are documented in the shipped YAML files."""

    # function words (en/function_words.yaml)
    pronouns: WordSet
    relative: WordSet
    future_aux: WordSet
    cond_aux: WordSet
    past_aux: WordSet
    must_aux: WordSet
    default_verb_preps: WordSet
    default_noun_preps: WordSet
    thing_preps: WordSet
    thing_target_preps: WordSet
    inside_preps: WordSet
    around_preps: WordSet
    circumstance_preps: WordSet
    party_preps: WordSet
    possible_aux: WordSet
    negative_dets: WordSet
    question_words: WordSet
    generic_pronouns: WordSet
    person_pronouns: WordSet
    first_person: WordSet
    condition_marks: WordSet
    doubt_marks: WordSet
    aim_marks: WordSet
    negative_adverbs: WordSet
    # nouns (en/nouns.yaml)
    actor_nouns: WordSet
    non_actors: WordSet
    quantity: WordSet
    shell_nouns: WordSet
    intent_nouns: WordSet
    doc_nouns: WordSet
    plan_nouns: WordSet
    weapon_words: WordSet
    peace_words: WordSet
    accusation_nouns: WordSet
    guilt_nouns: WordSet
    ability_words: WordSet
    inability_words: WordSet
    hazards: WordSet
    market_words: WordSet
    media_words: WordSet
    armed_words: WordSet
    political_roles: WordSet
    campaign_goals: WordSet
    audiences: WordSet
    protest_heads: WordSet
    protesting_offices: WordSet
    backer_modifiers: WordSet
    question_nouns: WordSet
    # verbs (en/verbs.yaml)
    speech: WordSet
    not_light: WordSet
    allege_verbs: WordSet
    stative: WordSet
    voicing_verbs: WordSet
    naming_verbs: WordSet
    leader_words: WordSet
    comment_verbs: WordSet
    call_off_verbs: WordSet
    denial_verbs: WordSet


CLASS_NAMES = tuple(f.name for f in fields(Words))


def shipped_word_files() -> list[Path]:
    """The English word-class files the package ships."""
    return shipped_files("en")


def read_words(data: dict, path: Path, line_of: LineOf, problems: Problems, into: dict[str, list[str]]) -> None:
    """Add the ``words`` section of one file to ``into`` (class -> words), reporting bad entries."""
    section = data.get("words")
    if section is None:
        return
    if not isinstance(section, dict):
        problems.add(path, line_of(("words",)), "section 'words' must map a class name to a list of words")
        return
    for name, words in section.items():
        line = line_of(("words", name))
        if name not in CLASS_NAMES:
            problems.add(path, line, f"unknown word class {name!r} (expected one of {', '.join(CLASS_NAMES)})")
            continue
        if not isinstance(words, list):
            problems.add(path, line, f"word class {name!r} must be a list of words")
            continue
        for i, w in enumerate(words):
            if _bad_word(w):
                problems.add(
                    path,
                    line_of(("words", name, i)),
                    f"word class {name!r}: {w!r} is not a lower-case word (quote words YAML reads as other values)",
                )
            else:
                into.setdefault(name, []).append(w)


def build_words(collected: dict[str, list[str]], problems: Problems) -> Words | None:
    """The Words object, or None (with a problem) when a class has no words at all."""
    missing = [n for n in CLASS_NAMES if not collected.get(n)]
    if missing:
        problems.add("knowledge/data/en", 1, f"word classes with no words: {', '.join(missing)}")
        return None
    return Words(**{n: WordSet(collected[n]) for n in CLASS_NAMES})


def _bad_word(w: Any) -> bool:
    return not isinstance(w, str) or not w.strip() or w != w.lower()
