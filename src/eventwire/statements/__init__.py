"""Statements: who said (believes, wants) what, to whom and where, with evidence offsets.

``extract_statements(doc, actors)`` is the stage entry point the pipeline calls; it uses the
shipped cue lexicon (``knowledge/data/statements/``) and, when its weights ship
(``knowledge/data/statements/tagger/``), the learned attribution tagger, loaded once per process.
Callers with overlay files build their own :class:`StatementExtractor` with ``from_files``.

Two layers. The **rules** (:mod:`.extract`) find statements from the parse and the cue lexicon.
The **tagger** (:mod:`.tagger`, trained on PolNeAR by ``eventwire train statements``, see
:mod:`.training`) reads the parse, the parser's token vectors, the rules' findings and how often
PolNeAR's train split makes each lemma part of a cue (bands shipped beside the weights), tags every
token as source / cue / content / none (Viterbi decoding with tag transition scores counted on
PolNeAR's train split), a content or source cut short of its parse subtree is completed when the
network is unsure where it ends, each span's start and end are re-chosen among nearby words and
phrase edges by the learned boundary step (:mod:`.boundaries`, ``boundaries.json`` beside the
weights), and each content goes to the cue that governs it or hangs on it
as an aside, else the nearest; a cue left without content takes the clause the parse gives it, and
a line opening "Name: ..." (headlines, transcripts) is a statement when no cue was tagged there, so
is a quote opening its line closed by a dash and a name ('“...” ― Maria Okafor').
The spans become the statements, under PolNeAR's span conventions
(docs/schema.md lists how they differ from the rules' conventions below). The rules' speaker
resolution, venues, addressees and nesting serve both.

Span conventions of the rules alone (``from_files(learned=False)``; the gold sets in
``tests/data/statements/`` follow them):

- **speaker**: the speaker's noun phrase as written: determiner, titles and modifiers kept
  ("Russian Ambassador Sergei Andreev", "the spokesman", "Starmer's office"); appositions,
  relative clauses and "speaking on …" phrases set off by commas left out; a pronoun as written.
  "according to X" -> X; "X's statement said" / "a statement from X said" -> X (venue
  "statement"). The ActorRef carries the mention's offsets and the resolved actor: pronouns,
  definite role nouns and bare surnames resolve to the actor of an earlier mention in the
  article; an apposed name ("the ambassador, Sergei Andreev,") names the actor; "I"/"we"
  inside a quote resolve to the quote's speaker.
- **cue**: the speech verb (with its particle: "pointed out") or the fixed phrase
  ("according to"); no auxiliaries, negation or adverbs. Beliefs and intentions are statements
  with their verb as cue ("believes", "wants").
- **content**: direct speech: the words between the quote marks, without a trailing comma
  (".", "?", "!" inside the marks stay). Indirect speech: the reported clause without a leading
  "that" and without the sentence's final punctuation; an infinitive keeps its "to"
  ("wants to close the border"); a parenthetical cue ("The decision, he said, was final")
  gives the whole clause.
- A quote split by its cue ('"…," Andreev said, "…"') gives **one statement per quoted
  segment**, sharing speaker and cue; so does a quote running over several paragraphs (one
  statement per paragraph). A quote with no cue of its own right after a statement continues it
  (same speaker and cue); a lone quote after a sentence that sets up a speaker ("X spoke to
  reporters.") takes that sentence's verb as cue.
- **venue**: the phrase after in/on/at/during whose head is a venue word or a platform, without
  its determiner ("interview with CNN", "press conference in Brussels", "Telegram");
  **addressee**: the object of tell-like verbs or "to X" ("reporters", "RIA Novosti").
- **reported_by**: the innermost other statement whose content holds this statement's cue and
  content (nested attribution).
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc

from eventwire.actors.table import ArticleActors
from eventwire.schema import Statement
from eventwire.statements.extract import StatementExtractor
from eventwire.statements.lexicon import CueLexicon
from eventwire.statements.quotes import QuoteSegment, find_quotes

__all__ = [
    "CueLexicon", "QuoteSegment", "StatementExtractor", "default_extractor", "extract_statements", "find_quotes",
    "statement_holding",
]  # fmt: skip


@lru_cache(maxsize=1)
def default_extractor() -> StatementExtractor:
    """The extractor with the shipped lexicon, built once per process."""
    return StatementExtractor.from_files()


def extract_statements(
    doc: Doc, actors: ArticleActors, *, extractor: StatementExtractor | None = None
) -> list[Statement]:
    """Statements of one parsed article; ids ``s1, s2, ...``; dates left for the pipeline."""
    return (extractor or default_extractor()).extract(doc, actors)


def statement_holding(statements: list[Statement], char: int) -> Statement | None:
    """The statement whose content holds character ``char`` (the shortest, when contents nest),
    else the first whose cue does (an event that is the speech act itself: "X warned ...")."""
    best = None
    for st in statements:
        if st.content.start <= char < st.content.end and (
            best is None or st.content.end - st.content.start < best.content.end - best.content.start
        ):
            best = st
    return best or next((st for st in statements if st.cue.start <= char < st.cue.end), None)
