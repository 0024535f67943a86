"""Events stage: PLOVER/CAMEO coding of a parsed article (see ``coder.py``)."""

from eventwire.events.coder import EventCoder
from eventwire.events.lexicon import Lexicon, load_lexicon

__all__ = ["EventCoder", "Lexicon", "load_lexicon"]
