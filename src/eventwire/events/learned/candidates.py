"""Sentence candidates: where the rules found no trigger, a sentence with actors may still state an event.

Much of what news reports between political actors is said, not done, and said
in words no trigger list can hold ("soft and weak", "a disgrace"): a criticism
is an ACCUSE whatever its words. So every sentence that names a political actor
also becomes one candidate, with the speaker of its statement (or its subject)
as source and the next other actor as target; the model reads the sentence and
decides whether it is an event at all, and of which type. It is marked by its
``rule`` so the model (and a reader) can tell it from a rule candidate.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from eventwire.events.ontology import type_codes
from eventwire.nlp import doc_text
from eventwire.schema import Event, Evidence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from eventwire.actors.table import ActorMention, ArticleActors
    from eventwire.schema import ActorRef, Statement

SENTENCE_RULE = "learned:sentence"
PLACEHOLDER = "ACCUSE"  # the type a sentence candidate carries until the model decides (never shown as is)
SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def sentence_candidates(doc: Doc, actors: ArticleActors, statements: list[Statement] | None = None) -> list[Event]:
    """One candidate per sentence that names a political actor (see module doc)."""
    out = []
    text = doc_text(doc)
    sents = list(doc.sents)
    spoken = _first_spoken(sents, statements or [])
    for k, sent in enumerate(sents):
        mentions = [m for m in actors.in_span(sent) if _political(actors, m)]
        if not mentions:
            continue
        st = spoken.get(k)
        root = sent.root  # found anew on each access
        source = st.speaker if st is not None else _subject(root, actors)
        if source is None:
            source = actors.ref(mentions[0])
        target = next((actors.ref(m) for m in _said_first(mentions, st, actors) if m.actor_id != source.id), None)
        trigger = st.cue if st is not None else Evidence(root.idx, root.idx + len(root), root.text)
        evidence = Evidence(sent.start_char, sent.end_char, text[sent.start_char : sent.end_char])  # sent.text
        out.append(_event(evidence, source, target, trigger, st.id if st is not None else None))
    return out


def _first_spoken(sents: list, statements: list[Statement]) -> dict[int, Statement]:
    """Sentence index -> the first statement (in list order) with a speaker whose cue starts in that sentence:
    found for all sentences in one pass over the statements, instead of one per sentence."""
    starts = [s.start_char for s in sents]
    out: dict[int, Statement] = {}
    for st in statements:
        if not st.speaker:
            continue
        k = bisect.bisect_right(starts, st.cue.start) - 1
        if k >= 0 and st.cue.start < sents[k].end_char and k not in out:
            out[k] = st
    return out


def calibration_group(event: Event, etype: str) -> str:
    """The calibration map an event's confidence goes through (see ``LinearModel.calibrate``).

    Events of one probability are not equally often right: a sentence candidate's 0.5 is not a rule
    candidate's, nor an accusation's that of a rarer type.
    """
    kind = "sentence" if event.rule == SENTENCE_RULE else "rule"
    return f"{kind}|{'ACCUSE' if etype == 'ACCUSE' else 'other'}"


def _said_first(mentions: list[ActorMention], st: Statement | None, actors: ArticleActors) -> list[ActorMention]:
    """The mentions inside what was said come first: the speaker's own phrase ("Smith's campaign") is no target."""
    if st is None:
        return mentions
    doc = actors.doc
    inside = [m for m in mentions if st.content.start <= doc[m.token_start].idx < st.content.end]
    return inside + [m for m in mentions if m not in inside]


def _political(actors: ArticleActors, mention: ActorMention) -> bool:
    actor = actors.actors.get(mention.actor_id)
    return actor is not None and actor.kind != "unresolved" and bool(actor.country or actor.sector)


def _subject(root: Token, actors: ArticleActors) -> ActorRef | None:
    for tok in root.children:
        if tok.dep_ in SUBJECTS:
            mention = actors.at_token(tok)
            if mention is not None and _political(actors, mention):
                return actors.ref(mention)
    return None


def _event(
    evidence: Evidence, source: ActorRef, target: ActorRef | None, trigger: Evidence, statement_id: str | None
) -> Event:
    return Event(
        id="",
        **type_codes(PLACEHOLDER),
        mode=None,
        source=source,
        target=target,
        date=None,
        date_precision="reported",
        date_text=None,
        location=None,
        modality="asserted",
        statement_id=statement_id,
        evidence=evidence,
        trigger=trigger,
        confidence=0.0,
        rule=SENTENCE_RULE,
    )
