"""Named features of one candidate event: what the model sees of its context.

No word lists: the cues are read from the parse (a ``neg`` child, an ``aux`` or
``mark`` word, the verb a trigger hangs from), and their words become feature
names that the training data weighs ("aux=would", "up1=decline"). Every value
is 1.0 except the rule coder's own confidence.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from eventwire.events.learned.candidates import SENTENCE_RULE
from eventwire.nlp import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from eventwire.actors.table import ArticleActors
    from eventwire.schema import ActorRef, Event, Statement

CUE_DEPS = ("neg", "aux", "auxpass", "mark", "advmod", "prt", "acomp")
WINDOW = 3
QUOTES = frozenset('"“”')
VECTOR_SCALE = 4.0
TENSOR_NAMES = 1024  # more names than any spaCy tensor is wide; the vector's width picks how many are used
TRIG_NAMES = tuple(f"tv_trig{k}" for k in range(TENSOR_NAMES))  # made once: an f-string per value was a hot spot
SENT_NAMES = tuple(f"tv_sent{k}" for k in range(TENSOR_NAMES))


def candidate_rows(
    doc: Doc, candidates: list[Event], actors: ArticleActors, statements: list[Statement] | None
) -> list[dict[str, float]]:
    """The features of every candidate of one doc (what the coder and its training both see)."""
    sents = list(doc.sents)
    starts = [s.start_char for s in sents]
    where = [max(bisect.bisect_right(starts, ev.trigger.start) - 1, 0) for ev in candidates]
    per_sentence: dict[int, list[str]] = {}
    for w, ev in zip(where, candidates, strict=True):
        per_sentence.setdefault(w, []).append("sentence" if ev.rule == SENTENCE_RULE else ev.event_type)
    text = doc_text(doc)
    article = _article(sents, actors)
    cache: dict[int, _Sentence] = {}
    rows = []
    for ev, w in zip(candidates, where, strict=True):
        f = candidate_features(
            doc, ev, actors, statements, in_sentence=len(per_sentence[w]), sentence_index=w, text=text, cache=cache
        )
        own = "sentence" if ev.rule == SENTENCE_RULE else ev.event_type
        others = list(per_sentence[w])
        others.remove(own)
        for t in set(others):  # what else the rules found in this sentence: a sentence candidate defers to them
            f[f"sib={t}"] = f[f"sib_own={own}|{t}"] = 1.0
        f.update(article)
        rows.append(f)
    return rows


def _article(sents: list[Span], actors: ArticleActors) -> dict[str, float]:
    """What the whole article is like: a business or sports story names few political actors in few sentences."""
    political = [a for a in actors.actors.values() if a.kind != "unresolved" and (a.country or a.sector)]
    ids = {a.id for a in political}
    with_actor = sum(1 for s in sents if any(m.actor_id in ids for m in actors.in_span(s)))
    share = with_actor / len(sents) if sents else 0.0
    return {
        f"doc_share={_bin(int(10 * share), (1, 2, 4, 6))}": 1.0,
        f"doc_actors={_bin(len(political), (0, 1, 2, 4, 8))}": 1.0,
    }


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
    cache: dict[int, _Sentence] | None = None,
) -> dict[str, float]:
    """The features of ``event`` (a rule candidate) in ``doc``.

    ``in_sentence``: how many candidates share its sentence; ``sentence_index``: its sentence's place in the doc;
    ``cache``: what is read once per sentence, kept for the sentence's other candidates (one dict per doc).
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
    parts = _sentence(doc, sent, {} if cache is None else cache)
    f.update((name, 1.0) for name, i in parts.bag if i != head.i)
    for role, ref in (("src", event.source), ("tgt", event.target)):
        _role(add, role, ref, doc, actors)
        _path(add, role, ref, doc, head)
    f.update(parts.bigrams)
    if event.source is not None and event.target is not None:
        add("pair", f"{event.source.sector}>{event.target.sector}")
    _context(add, doc_text(doc) if text is None else text, event, sent, statements or [], sentence_index)
    if parts.verbless:
        add("verbless")
    _vectors(f, doc, head, parts)
    add("in_sentence", _bin(in_sentence, (1, 2, 3)))
    return f


@dataclass
class _Sentence:
    """What a sentence gives each of its candidates alike, read once."""

    bag: list[tuple[str, int]]  # ("bag=<lemma>", token index) of its content words
    bigrams: dict[str, float]
    verbless: bool
    vector: dict[str, float]  # its context vector as named features (empty without a tensor)


def _sentence(doc: Doc, sent: Span, cache: dict[int, _Sentence]) -> _Sentence:
    got = cache.get(sent.start)
    if got is None:
        tokens = list(sent)
        bag = [(f"bag={t.lemma_.lower()}", t.i) for t in tokens if t.is_alpha and not t.is_stop]
        words = [t.lemma_.lower() for t in tokens if not t.is_punct and not t.is_space]
        bigrams = {f"bi={a}_{b}": 1.0 for a, b in zip(words, words[1:], strict=False)}  # "take aim", "no plan"
        verbless = not any(t.pos_ in ("VERB", "AUX") for t in tokens)
        tensor = _tensor(doc)
        vector = {} if tensor is None else _named(SENT_NAMES, tensor[sent.start : sent.end].mean(axis=0))
        got = cache[sent.start] = _Sentence(bag, bigrams, verbless, vector)
    return got


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


def _vectors(f: dict[str, float], doc: Doc, head: Token, parts: _Sentence) -> None:
    """The parser's own context vectors (``doc.tensor``) of the trigger and of the sentence, scaled to unit length.

    They let the model carry what it learned about "slammed" to "blasted", words the labels never showed it.
    """
    tensor = _tensor(doc)
    if tensor is not None:
        f.update(_named(TRIG_NAMES, tensor[head.i]))
        f.update(parts.vector)


def _tensor(doc: Doc) -> np.ndarray | None:
    tensor = getattr(doc, "tensor", None)
    if tensor is None or not getattr(tensor, "size", 0) or tensor.shape[0] != len(doc):
        return None
    return tensor


def _named(names: tuple[str, ...], vec: np.ndarray) -> dict[str, float]:
    """``vec`` at unit length times ``VECTOR_SCALE``, as features named ``names`` (none for a zero vector)."""
    norm = float(np.linalg.norm(vec))
    if not norm:
        return {}
    return dict(zip(names, (vec / norm * VECTOR_SCALE).tolist(), strict=False))


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


def _path(add, role: str, ref: ActorRef | None, doc: Doc, head: Token) -> None:
    """How the participant hangs from the trigger: the dependency labels up to their common head and down again.

    "nsubj|" is the trigger's own subject; "nsubj|ccomp" the subject of the verb the trigger's clause hangs from.
    """
    span = None if ref is None else _span(doc, ref.start, ref.end)
    if span is None or not len(span):
        return
    root = span.root
    if root.sent.start != head.sent.start:
        add(f"{role}_path", "other_sentence")
        return
    up_h = [head, *head.ancestors]
    seen = {t.i: k for k, t in enumerate(up_h)}
    up_a = []
    for t in [root, *root.ancestors]:
        if t.i in seen:
            down = [x.dep_ for x in up_h[: seen[t.i]]]
            break
        up_a.append(t.dep_)
    else:
        return
    add(f"{role}_path", f"{'/'.join(up_a[:2])}|{'/'.join(reversed(down[-2:]))}")
    add(f"{role}_up", up_a[0] if up_a else "trigger")
    add(f"{role}_dist", _bin(len(up_a) + len(down), (0, 1, 2, 3, 5)))
    add(f"{role}_side", "before" if root.i < head.i else "after")


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
    around = next((s for s in statements if s.content.start <= event.trigger.start < s.content.end), None)
    if around is not None:  # the candidate is inside what someone said: who said it matters
        speaker = around.speaker.id if around.speaker is not None else None
        add("said_by_source", "yes" if event.source is not None and speaker == event.source.id else "no")
        add("said_kind", around.kind)
    if st is not None:
        target = event.target
        inside = target is not None and st.content.start <= target.start < st.content.end
        add("target_in_content", "yes" if inside else "no" if target is not None else "none")
        add("statement", "direct" if st.direct else "indirect")
        speaker = st.speaker.id if st.speaker is not None else None
        add("speaker_is_source", "yes" if event.source is not None and speaker == event.source.id else "no")


# ---------------------------------------------------------------- second stage: the candidate among the others
CONTEXT_NAMES = (
    "event_probability", "best_type_probability", "sentence_kind", "rule_type_is_best", "sentence_kind*event",
    "sentence_kind*best", "sentence_other_event", "sentence_other_same_type", "sentence_other_same_type_higher",
    "sentence_candidates/5", "previous_sentence_event", "next_sentence_event", "article_mean_event",
    "article_max_event", "log1p(article_candidates)/4", "sentence_position", "first_sentence", "in_statement",
)  # fmt: skip


def context_names(classes: list[str]) -> list[str]:
    """The names of ``context_matrix``'s columns (for the manifest and a reader of the weights)."""
    types = classes[1:]
    return [
        *(f"logp/5={c}" for c in classes),
        *(f"p={c}" for c in classes),
        *CONTEXT_NAMES,
        *(f"rule_type={c}" for c in classes),
        *(f"article_mean={c}" for c in types),
        *(f"article_mean*sentence_kind={c}" for c in types),
    ]


def context_matrix(candidates: list[Event], probs: np.ndarray, classes: list[str]) -> np.ndarray:
    """What the first stage said of each candidate, beside what it said of the others in the same article.

    The first stage sees one candidate at a time. Whether a sentence's criticism is an event depends also on
    the rest: another candidate of the sentence already holding that type, the neighbouring sentences, and
    what the article is about (a campaign story's sentences are accusations far more often than a profile's).
    ``probs``: the first stage's class probabilities (column 0 is "not an event"), one row per candidate.
    Dense, numpy only, a few array operations per doc.
    """
    n, k = probs.shape
    if not n:
        return np.zeros((0, len(context_names(classes))))
    event = 1.0 - probs[:, 0]
    best = probs[:, 1:].argmax(axis=1) + 1
    rows = np.arange(n)
    best_p = probs[rows, best]
    starts = np.array([c.evidence.start for c in candidates])
    sentences, sent = np.unique(starts, return_inverse=True)
    count = len(sentences)
    same = sent[:, None] == sent[None, :]
    np.fill_diagonal(same, False)
    other_event = np.where(same, event[None, :], 0.0).max(axis=1)
    other_type = np.where(same, probs[:, best].T, 0.0).max(axis=1)  # the others' probability of my best type
    sentence_max = np.zeros(count)
    np.maximum.at(sentence_max, sent, event)
    previous = np.where(sent > 0, sentence_max[np.maximum(sent - 1, 0)], 0.0)
    following = np.where(sent + 1 < count, sentence_max[np.minimum(sent + 1, count - 1)], 0.0)
    kind = np.array([c.rule == SENTENCE_RULE for c in candidates], dtype=float)
    index = {c: i for i, c in enumerate(classes)}
    rule_type = np.zeros((n, k))
    for i, c in enumerate(candidates):
        if c.rule != SENTENCE_RULE and c.event_type in index:
            rule_type[i, index[c.event_type]] = 1.0
    agree = rule_type[rows, best]
    article = np.broadcast_to(probs[:, 1:].mean(axis=0), (n, k - 1))
    scalars = np.column_stack([
        event, best_p, kind, agree, kind * event, kind * best_p, other_event, other_type,
        (other_type > best_p).astype(float), same.sum(axis=1) / 5.0, previous, following,
        np.full(n, event.mean()), np.full(n, event.max()), np.full(n, np.log1p(n) / 4.0), sent / count,
        (sent == 0).astype(float), np.array([c.statement_id is not None for c in candidates], dtype=float),
    ])  # fmt: skip
    logp = np.log(np.clip(probs, 1e-6, 1.0)) / 5.0
    return np.hstack([logp, probs, scalars, rule_type, article, article * kind[:, None]])
