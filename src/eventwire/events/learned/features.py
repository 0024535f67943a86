"""Named features of one candidate event: what the model sees of its context.

No word lists: the cues are read from the parse (a ``neg`` child, an ``aux`` or
``mark`` word, the verb a trigger hangs from), and their words become feature
names that the training data weighs ("aux=would", "up1=decline"). Every value
is 1.0 except the rule coder's own confidence.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

import numpy as np

from eventwire.events.learned.candidates import SENTENCE_RULE

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from eventwire.actors.table import ArticleActors
    from eventwire.schema import ActorRef, Event, Statement

CUE_DEPS = ("neg", "aux", "auxpass", "mark", "advmod", "prt", "acomp")
WINDOW = 3
QUOTES = frozenset('"“”')
VECTOR_SCALE = 4.0


def candidate_rows(
    doc: Doc, candidates: list[Event], actors: ArticleActors, statements: list[Statement] | None
) -> list[dict[str, float]]:
    """The features of every candidate of one doc (what the coder and its training both see)."""
    starts = [s.start_char for s in doc.sents]
    where = [max(bisect.bisect_right(starts, ev.trigger.start) - 1, 0) for ev in candidates]
    per_sentence: dict[int, int] = {}
    for w in where:
        per_sentence[w] = per_sentence.get(w, 0) + 1
    text = doc.text  # built from the tokens on every access: once per doc, not per candidate
    return [
        candidate_features(doc, ev, actors, statements, in_sentence=per_sentence[w], sentence_index=w, text=text)
        for ev, w in zip(candidates, where, strict=True)
    ]


def _span(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _bin(n: int, edges: tuple[int, ...]) -> str:
    for e in edges:
        if n <= e:
            return f"<={e}"
    return f">{edges[-1]}"


def candidate_features(
    doc: Doc,
    event: Event,
    actors: ArticleActors,
    statements: list[Statement] | None = None,
    *,
    in_sentence: int = 1,
    sentence_index: int = 0,
    text: str | None = None,
) -> dict[str, float]:
    """The features of ``event`` (a rule candidate) in ``doc``.

    ``in_sentence``: how many candidates share its sentence; ``sentence_index``: its sentence's place in the doc.
    """
    f: dict[str, float] = {}

    def add(name: str, value: object = None, weight: float = 1.0) -> None:
        f[name if value is None else f"{name}={value}"] = weight

    trig = _span(doc, event.trigger.start, event.trigger.end)
    if trig is None or not len(trig):
        add("no_trigger")
        return f
    head = trig.root
    sent = head.sent
    lemma = head.lemma_.lower()
    etype = "sentence" if event.rule == SENTENCE_RULE else event.event_type
    add("type", etype)
    add("rule", event.rule)
    add("rule_mode", event.mode)
    add("modality", event.modality)
    add("modality_type", f"{event.modality}|{etype}")
    add("rule_conf", None, float(event.confidence))
    add("lemma", lemma)
    add("lemma_type", f"{lemma}|{etype}")
    add("trigger_words", len(trig))
    add("pos", head.pos_)
    add("tag", head.tag_)
    add("dep", head.dep_)
    _clause(add, head)
    _window(add, doc, head, sent)
    for t in sent:
        if t.is_alpha and not t.is_stop and t.i != head.i:
            add("bag", t.lemma_.lower())
    for role, ref in (("src", event.source), ("tgt", event.target)):
        _role(add, role, ref, doc, actors)
    if event.source is not None and event.target is not None:
        add("pair", f"{event.source.sector}>{event.target.sector}")
    _context(add, doc.text if text is None else text, event, sent, statements or [], sentence_index)
    _vectors(add, doc, head, sent)
    add("in_sentence", _bin(in_sentence, (1, 2, 3)))
    return f


def _clause(add, head: Token) -> None:
    """Cue words on the trigger and up its chain of heads: negation, modals, conditionals, control verbs."""
    for c in head.children:
        if c.dep_ in CUE_DEPS:
            add(f"ch_{c.dep_}", c.lemma_.lower())
    tok = head
    for k in (1, 2, 3):
        if tok.head is tok:
            add(f"up{k}", "ROOT")
            break
        add(f"up{k}dep", f"{tok.dep_}")
        tok = tok.head
        add(f"up{k}", tok.lemma_.lower())
        for c in tok.children:
            if c.dep_ in ("neg", "mark", "aux"):
                add(f"up_{c.dep_}", c.lemma_.lower())


def _vectors(add, doc: Doc, head: Token, sent: Span) -> None:
    """The parser's own context vectors (``doc.tensor``) of the trigger and of the sentence, scaled to unit length.

    They let the model carry what it learned about "slammed" to "blasted", words the labels never showed it.
    """
    tensor = getattr(doc, "tensor", None)
    if tensor is None or not getattr(tensor, "size", 0) or tensor.shape[0] != len(doc):
        return
    for name, vec in (("tv_trig", tensor[head.i]), ("tv_sent", tensor[sent.start : sent.end].mean(axis=0))):
        norm = float(np.linalg.norm(vec))
        if norm:
            for k, v in enumerate(vec / norm * VECTOR_SCALE):
                add(f"{name}{k}", None, float(v))


def _window(add, doc: Doc, head: Token, sent: Span) -> None:
    for off in range(-WINDOW, WINDOW + 1):
        i = head.i + off
        if off and sent.start <= i < sent.end:
            add(f"w{off}", doc[i].lower_)


def _role(add, role: str, ref: ActorRef | None, doc: Doc, actors: ArticleActors) -> None:
    if ref is None:
        add(role, "none")
        return
    actor = actors.actors.get(ref.id)
    add(f"{role}_kind", actor.kind if actor is not None else "missing")
    add(f"{role}_sector", ref.sector or "none")
    add(f"{role}_country", "yes" if ref.country else "no")
    span = _span(doc, ref.start, ref.end)
    if span is not None and len(span):
        root = span.root
        add(f"{role}_ent", root.ent_type_ or "none")
        add(f"{role}_pos", root.pos_)
        add(f"{role}_lemma", root.lemma_.lower())


def _context(add, text: str, event: Event, sent: Span, statements: list[Statement], index: int) -> None:
    """Where the candidate sits: headline or body, inside reported speech or quotes, a question."""
    add("sent_index", _bin(index, (0, 1, 2, 5, 10)))
    add("sent_len", _bin(len(sent), (5, 10, 20, 40)))
    add("first_line", "yes" if "\n" not in text[: sent.start_char] else "no")
    if sent.text.rstrip().endswith("?"):
        add("question")
    before = text[sent.start_char : event.trigger.start]
    if sum(ch in QUOTES for ch in before) % 2:
        add("inside_quotes")
    st = next((s for s in statements if s.id == event.statement_id), None)
    if st is not None:
        add("statement", "direct" if st.direct else "indirect")
        speaker = st.speaker.id if st.speaker is not None else None
        add("speaker_is_source", "yes" if event.source is not None and speaker == event.source.id else "no")
    if not any(t.pos_ in ("VERB", "AUX") for t in sent):
        add("verbless")
