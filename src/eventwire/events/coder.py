"""Rule coder: trigger lexicon + dependency parse -> PLOVER/CAMEO events with modality.

One pass per sentence, in stages a contributor can change one at a time:

- ``triggers.py``: which words are triggers, and in which sense (dict lookups on lemmas);
- ``frames.py``: each trigger read in its clause (object, light verb, governing verb);
- ``participants.py``: who acts and on whom;
- ``policy.py`` + ``knowledge/data/events/policy.yaml``: how the grammar re-types an event;
- ``modality.py``: done, denied, supposed, proposed, threatened or foreseen;
- ``filters.py``: readings that are no event (a journalist's question, "declined to comment", a quake);
- ``assemble.py``: frames -> Event records (shared by every coder).

English word classes come from ``knowledge/data/en/*.yaml`` (``words.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from eventwire.actors.table import ArticleActors
from eventwire.events.assemble import Assembler, in_text_order
from eventwire.events.filters import not_an_event
from eventwire.events.frames import Frame, FrameReader
from eventwire.events.lexicon import Lexicon, load_lexicon
from eventwire.events.modality import Modality
from eventwire.events.participants import Participants
from eventwire.events.syntax import SUBJ, Syntax
from eventwire.events.triggers import Triggers
from eventwire.schema import Event, Statement


class EventCoder:
    """Codes events in a parsed doc with a loaded lexicon (triggers, word classes, policy)."""

    def __init__(self, lexicon: Lexicon) -> None:
        if lexicon.words is None:  # load_lexicon always sets them; a hand-made Lexicon may not
            lexicon.words = load_lexicon().words
        self.lex = lexicon
        self.policy = lexicon.policy
        self.syn = Syntax(lexicon.words)
        self.triggers = Triggers(lexicon, self.syn)
        self.parts = Participants(lexicon, self.syn, self.triggers, self.policy)
        self.reader = FrameReader(lexicon, self.syn, self.triggers, self.parts, self.policy)
        self.modality = Modality(lexicon.words, self.policy)
        self.assembler = Assembler(lexicon, self.syn, self.triggers, self.policy)

    @classmethod
    def from_files(cls, extra_files: Iterable[Path] = ()) -> EventCoder:
        """Load the shipped knowledge plus user overlay files (validated, all problems at once)."""
        return cls(load_lexicon(extra_files))

    def candidates(self, sent: Span) -> list[Frame]:
        """The sentence's frames with participants, re-typing and modality, less those that are no event
        (``filters.py``): what ``code`` turns into events."""
        out = []
        for frame in self.reader.frames(sent):
            self.parts.fill(frame)
            self.policy.adjust(frame, self.syn.words, self.triggers.classes)
            self.modality.read(frame, sent)
            if not_an_event(frame, self.syn, self.policy) is None:
                out.append(frame)
        return out

    def code(self, doc: Doc, actors: ArticleActors, statements: list[Statement] | None = None) -> list[Event]:
        """Every event in the doc, ids e1, e2, ... in text order."""
        events: list[Event] = []
        seen: set[tuple] = set()
        previous = LastSubject(self._named_subject)  # for "he"/"they" opening a sentence
        for sent in doc.sents:
            for frame in self.candidates(sent):
                last = previous.subject() if self._may_be_he(frame) else None
                for ev in self.assembler.events(frame, sent, actors, statements or [], last):
                    key = (ev.event_type, ev.trigger.start, ev.source and ev.source.id, ev.target and ev.target.id)
                    if key in seen:
                        continue
                    seen.add(key)
                    events.append(ev)
            previous.passed(sent)
        return in_text_order(events)

    def _may_be_he(self, frame: Frame) -> bool:
        """Whether ``Assembler.events`` may take the last named subject for the frame's source: only a source that
        is one pronoun can resolve to "he"/"she" (``Syntax.resolve_pronoun`` leaves any other as it is), and most
        frames have a named source, so the last subject is not looked for on their behalf."""
        return len(frame.source) == 1 and self.syn.pron(frame.source[0])

    def _named_subject(self, sent: Span) -> Token | None:
        """The sentence's named (non-pronoun) actor subject, for "he"/"they" opening the next one."""
        return next(
            (c for c in sent.root.children if c.dep_ in SUBJ and not self.syn.pron(c) and self.syn.actorish(c)), None
        )


class LastSubject:
    """The named subject of the last sentence before this one that has one (``subject``), found only when asked:
    most sentences have no candidate that asks, and reading a sentence's subject costs a walk over its root's
    children. The definition, each passed sentence's subject kept as it passes, is held to this in a test."""

    def __init__(self, named_subject: Callable[[Span], Token | None]) -> None:
        self._named_subject = named_subject
        self._found: Token | None = None  # the answer for the sentences up to the unread ones
        self._unread: list[Span] = []  # sentences passed since, their subjects not read yet

    def passed(self, sent: Span) -> None:
        self._unread.append(sent)

    def subject(self) -> Token | None:
        while self._unread:  # the latest first: the first subject found is the answer
            subj = self._named_subject(self._unread.pop())
            if subj is not None:
                self._found = subj
                self._unread.clear()
        return self._found


__all__ = ["EventCoder", "Frame", "LastSubject"]
