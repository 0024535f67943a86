"""What the statement extractor's parts share: a statement found before ids are given out, and small
predicates on the parse.

The extractor's run (:class:`.extract._Run`) is the rules over one doc; its speaker resolution
(:mod:`.speakers`) and its assembly of the tagger's spans (:mod:`.tagged`) are mixins of that run, like
the actors resolver's coreference and home passes. They all read these.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from eventwire.schema import ActorRef

SOMEONE_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})  # entities that can speak or be spoken to
SEPARATOR_TEXTS = frozenset({"—", "–", "--", ":", "(", ")", "|"})  # marks that are a separator wherever they stand


@dataclass(eq=False)
class Found:
    """A statement before ids are given out."""

    cue: tuple[int, int]  # char offsets
    content: tuple[int, int]
    direct: bool
    speaker_np: Span | None
    cue_token: int
    venue: str | None = None
    addressee: str | None = None
    speaker: ActorRef | None = None
    name_np: Span | None = None  # an apposed name ("the ambassador, Sergei Andreev,") to resolve the actor by
    via: Found | None = None  # the statement that reports this one when they share the content ("citing X")
    cue_end: int | None = None  # last token of a several-word cue ("according to", "has learned")


def main_subject(tok: Token) -> bool:
    """The subject of a main clause (not of a reported or subordinate one)."""
    if tok.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    head = tok.head
    if head.dep_ == "conj":
        head = head.head
    return head.dep_ in {"ROOT", "parataxis"}


def has_that(tok: Token) -> bool:
    """A clause introduced by "that"."""
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in tok.children)


def separator(tok: Token) -> bool:
    """A free-standing dash, bracket, colon or line break: a phrase does not run across it."""
    if "\n" in tok.text or (tok.is_space and "\n" in tok.text):
        return True
    if tok.text in SEPARATOR_TEXTS:
        return True
    if tok.text == "-":
        prev_ws = tok.i > 0 and bool(tok.doc[tok.i - 1].whitespace_)
        return prev_ws or bool(tok.whitespace_)
    return False
