"""The statement cue lexicon: speech verbs, phrases and venue words, loaded from YAML data.

Cues are knowledge, not code: ``knowledge/data/statements/*.yaml`` ships them and users overlay
files of the same shape. Everything is indexed in sets and dicts at load, so the extractor only
does constant-time lookups per token.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy

from eventwire.knowledge import Problems, check_version, load_yaml_with_lines, shipped_files
from eventwire.nlp import sorted_ids

KINDS = ("speech", "belief", "intention")
_LIST_KEYS = (
    "addressee_verbs",
    "frame_verbs",
    "infinitive_cues",
    "remark_nouns",
    "note_time_nouns",
    "asking_cues",
    "citing_verbs",
    "noun_cues",
    "blocking_heads",
    "speech_acts",
    "phrases",
    "speech_nouns",
    "venue_nouns",
    "platforms",
    "venue_preps",
)
_KNOWN_KEYS = {"version", "verbs", "particle_verbs", "cue_kinds", *_LIST_KEYS}


@dataclass
class CueLexicon:
    """Indexed cue knowledge (all words lower-cased except platform names)."""

    verbs: dict[str, str] = field(default_factory=dict)
    particle_verbs: dict[tuple[str, str], str] = field(default_factory=dict)
    cue_kinds: dict[str, str] = field(default_factory=dict)  # kinds of cue words that are not cue verbs
    addressee_verbs: set[str] = field(default_factory=set)
    frame_verbs: set[str] = field(default_factory=set)
    infinitive_cues: set[str] = field(default_factory=set)
    remark_nouns: set[str] = field(default_factory=set)
    note_time_nouns: set[str] = field(default_factory=set)  # "…, a day after …": the reporter's note, not content
    asking_cues: set[str] = field(default_factory=set)  # "wonder": its embedded question is what it reports
    citing_verbs: set[str] = field(default_factory=set)
    noun_cues: set[str] = field(default_factory=set)
    blocking_heads: set[str] = field(default_factory=set)
    speech_acts: set[str] = field(default_factory=set)
    phrases: dict[str, tuple[str, ...]] = field(default_factory=dict)  # first word -> full phrase
    speech_nouns: set[str] = field(default_factory=set)
    venue_nouns: set[str] = field(default_factory=set)
    platforms: set[str] = field(default_factory=set)
    venue_preps: set[str] = field(default_factory=set)
    _ids: tuple[numpy.ndarray, numpy.ndarray] | None = field(default=None, repr=False, compare=False)
    _citing: numpy.ndarray | None = field(default=None, repr=False, compare=False)

    def hash_ids(self) -> tuple[numpy.ndarray, numpy.ndarray]:
        """spaCy string ids of cue lemmas (as written and capitalised) and of phrase first words,
        sorted, computed once, to find cue tokens on ``doc.to_array`` without making Token objects
        (``among``)."""
        if self._ids is None:
            lemmas = {*self.verbs, *(v for v, _ in self.particle_verbs), *self.noun_cues}
            self._ids = (sorted_ids([*lemmas, *(w.capitalize() for w in lemmas)]), sorted_ids(self.phrases))
        return self._ids

    def citing_ids(self) -> numpy.ndarray:
        """spaCy string ids of the citing verbs ("citing", "quoting"), computed once."""
        if self._citing is None:
            self._citing = sorted_ids(self.citing_verbs)
        return self._citing

    @classmethod
    def from_files(cls, extra_files: Iterable[Path | str] = ()) -> CueLexicon:
        """Load the shipped cue files, then the user's overlays; raise every problem at once."""
        lex = cls()
        problems = Problems()
        for path in [*shipped_files("statements"), *(Path(p) for p in extra_files)]:
            try:
                data, line_of = load_yaml_with_lines(path)
            except Exception as err:  # KnowledgeError from the loader: keep collecting
                problems.extend(getattr(err, "problems", [f"{path}:1: {err}"]))
                continue
            if not check_version(data, path, line_of, problems):
                continue
            lex._add(data, path, line_of, problems)
        problems.raise_if_any()
        return lex

    def _add(self, data: dict[str, Any], path: Path, line_of: Any, problems: Problems) -> None:
        for key in data:
            if key not in _KNOWN_KEYS:
                problems.add(path, line_of((key,)), f"unknown key {key!r} (known: {', '.join(sorted(_KNOWN_KEYS))})")
        for key in ("verbs", "particle_verbs", "cue_kinds"):
            table = data.get(key) or {}
            if not isinstance(table, dict):
                problems.add(path, line_of((key,)), f"{key!r} must be a mapping of word -> kind")
                continue
            for word, kind in table.items():
                if kind not in KINDS:
                    problems.add(path, line_of((key, word)), f"{word!r}: kind must be one of {KINDS}, not {kind!r}")
                    continue
                words = str(word).lower().split()
                if key in ("verbs", "cue_kinds") and len(words) == 1:
                    getattr(self, key)[words[0]] = kind
                elif key == "particle_verbs" and len(words) == 2:
                    self.particle_verbs[(words[0], words[1])] = kind
                else:
                    want = "one word" if key != "particle_verbs" else "a verb and its particle"
                    problems.add(path, line_of((key, word)), f"{word!r}: expected {want}")
        for key in _LIST_KEYS:
            items = data.get(key) or []
            if not isinstance(items, list):
                problems.add(path, line_of((key,)), f"{key!r} must be a list")
                continue
            for i, item in enumerate(items):
                if not isinstance(item, str) or not item.strip():
                    problems.add(path, line_of((key, i)), f"{key} entry must be a non-empty string, not {item!r}")
                    continue
                if key == "phrases":
                    words = tuple(item.lower().split())
                    if len(words) < 2:
                        problems.add(path, line_of((key, i)), f"phrase {item!r} needs at least two words")
                        continue
                    self.phrases[words[0]] = words
                elif key == "platforms":
                    self.platforms.add(item.strip())
                else:
                    getattr(self, key).add(item.strip().lower())
