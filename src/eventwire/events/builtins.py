"""The coders that ship with eventwire, registered by name (see ``registry.py``)."""

from __future__ import annotations

import dataclasses

from eventwire.events.assemble import renumbered
from eventwire.events.coder import EventCoder
from eventwire.events.registry import EventCoderProtocol, register_coder
from eventwire.settings import Settings


@register_coder("rules.v1")
def make_rule_coder(settings: Settings) -> EventCoderProtocol:
    """The rule coder: trigger lexicon + dependency-parse participants (``min_confidence`` when set)."""
    coder = EventCoder.from_files(settings.event_files)
    return coder if settings.min_confidence is None else AtLeast(coder, settings.min_confidence)


@register_coder("learned.v1")
def make_learned_coder(settings: Settings) -> EventCoderProtocol:
    """Rule candidates decided by the shipped trained model (``eventwire.events.learned``)."""
    from eventwire.events.learned import LearnedCoder

    return LearnedCoder.from_settings(settings)


@dataclasses.dataclass
class AtLeast:
    """A coder whose events below ``min_confidence`` are dropped (ids renumbered)."""

    coder: EventCoderProtocol
    min_confidence: float

    def code(self, doc, actors, statements=None):
        return renumbered(
            [ev for ev in self.coder.code(doc, actors, statements) if ev.confidence >= self.min_confidence]
        )


def _political(actor) -> bool:
    """An actor the ontology can place: it has a country or a sector other than UNK ("unidentified": staff
    at a bakery are UNK as much as anyone)."""
    return actor is not None and bool(actor.country or (actor.sector and actor.sector != "UNK"))


@dataclasses.dataclass
class PoliticalOnly:
    """A coder whose events need a political actor on at least one side (ids renumbered).

    PLOVER codes acts of political actors; "Python supports modules" or "the
    Sixers went 0-for-9" has a trigger word and two participants, but neither
    has a country or a sector, so it is no event. On 160 annotated training
    articles this drops 3 of 1,147 coded events; on the non-political pages of
    ``bench/nonpolitical.py`` it drops about half of the false events.
    """

    coder: EventCoderProtocol

    def code(self, doc, actors, statements=None):
        events = self.coder.code(doc, actors, statements)
        return renumbered([ev for ev in events if _political(ev.source) or _political(ev.target)])
