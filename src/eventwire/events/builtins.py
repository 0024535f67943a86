"""The coders that ship with eventwire, registered by name (see ``registry.py``)."""

from __future__ import annotations

from eventwire.events.coder import EventCoder
from eventwire.events.registry import register_coder
from eventwire.settings import Settings


@register_coder("rules.v1")
def make_rule_coder(settings: Settings) -> EventCoder:
    """The rule coder: trigger lexicon + dependency-parse participants."""
    return EventCoder.from_files(settings.event_files)
