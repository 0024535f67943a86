"""The EventCoder seam: a protocol and a registry of coders chosen by a setting.

Like spaCy's factories: a coder is registered under a versioned name
(``rules.v1``) and built from the run's settings, so a user or a new model can
swap the stage without touching the pipeline. Candidates in, events out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from eventwire.errors import ConfigError

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from eventwire.actors.table import ArticleActors
    from eventwire.schema import Event, Statement
    from eventwire.settings import Settings


@runtime_checkable
class EventCoderProtocol(Protocol):
    """What the pipeline needs from an events stage."""

    def code(self, doc: Doc, actors: ArticleActors, statements: list[Statement] | None = None) -> list[Event]:
        """Every event in the parsed article, ids e1, e2, ... in text order."""
        ...


CoderFactory = Callable[["Settings"], EventCoderProtocol]
_CODERS: dict[str, CoderFactory] = {}


def register_coder(name: str) -> Callable[[CoderFactory], CoderFactory]:
    """Register a factory ``settings -> coder`` under ``name`` (decorator)."""

    def wrap(factory: CoderFactory) -> CoderFactory:
        _CODERS[name] = factory
        return factory

    return wrap


def coder_names() -> list[str]:
    """The registered coder names, sorted (for help texts and errors)."""
    _load_builtins()
    return sorted(_CODERS)


def make_coder(name: str, settings: Settings) -> EventCoderProtocol:
    """Build the coder registered as ``name``; an unknown name is a one-line ConfigError."""
    _load_builtins()
    if name not in _CODERS:
        raise ConfigError(f"unknown event coder {name!r}; registered: {', '.join(sorted(_CODERS))}")
    return _CODERS[name](settings)


def _load_builtins() -> None:
    """Import the modules whose import registers the built-in coders (kept lazy: no import cycles)."""
    import eventwire.events.builtins  # noqa: F401
