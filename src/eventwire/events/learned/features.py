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
from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, IS_ALPHA, IS_PUNCT, IS_SPACE, IS_STOP, LEMMA, LENGTH, LOWER, POS, TAG

from eventwire.events.learned.candidates import SENTENCE_RULE
from eventwire.nlp import doc_text, hash_strings, head_chain

if TYPE_CHECKING:
    from collections.abc import Iterable

    from spacy.tokens import Doc, Span

    from eventwire.actors.table import ArticleActors
    from eventwire.schema import ActorRef, Event, Statement

CUE_DEPS = ("neg", "aux", "auxpass", "mark", "advmod", "prt", "acomp")
WINDOW = 3
QUOTES = frozenset('"“”')
VECTOR_SCALE = 4.0
TENSOR_NAMES = 1024  # more names than any spaCy tensor is wide; the vector's width picks how many are used
TRIG_NAMES = tuple(f"tv_trig{k}" for k in range(TENSOR_NAMES))  # made once: an f-string per value was a hot spot
SENT_NAMES = tuple(f"tv_sent{k}" for k in range(TENSOR_NAMES))


@dataclass
class CandidateRows:
    """One doc's candidates as the model reads them: named features, and the parser's vectors as dense blocks.

    The vectors are most of a candidate's features (two of the tensor's width against a few dozen named ones);
    kept as arrays, the model scores them with one matrix product instead of a name look-up per value.
    """

    named: list[dict[str, float]]
    blocks: list[tuple[tuple[str, ...], np.ndarray]]  # (column names, one row per candidate; a zero row: none)
    # the doc's heads (token indices), dependency labels and sentences as read for the features: the role
    # chooser's ``Tree`` reads the same, and takes them from here rather than reading the doc again
    parse: tuple[list[int], list[str], Iterable[Span]] | None = None

    def as_dicts(self) -> list[dict[str, float]]:
        """Every feature of each candidate by name, the vectors too (what training vectorises, a reader prints)."""
        rows = [dict(r) for r in self.named]
        for names, block in self.blocks:
            present = block.any(axis=1)
            for row, values, there in zip(rows, block.tolist(), present.tolist(), strict=True):
                if there:
                    row.update(zip(names, values, strict=False))
        return rows


def candidate_rows(
    doc: Doc, candidates: list[Event], actors: ArticleActors, statements: list[Statement] | None
) -> list[dict[str, float]]:
    """The features of every candidate of one doc by name (what training sees; the coder reads ``candidate_block``)."""
    return candidate_block(doc, candidates, actors, statements).as_dicts()


def candidate_block(
    doc: Doc, candidates: list[Event], actors: ArticleActors, statements: list[Statement] | None
) -> CandidateRows:
    """The features of every candidate of one doc, the parser's vectors as dense blocks."""
    view = _DocView(doc, statements or [])
    where = [max(bisect.bisect_right(view.sent_chars, ev.trigger.start) - 1, 0) for ev in candidates]
    per_sentence: dict[int, list[str]] = {}
    for w, ev in zip(where, candidates, strict=True):
        per_sentence.setdefault(w, []).append(_kind(ev))
    article = _article(view.sents, actors)
    rows, heads = [], []
    for ev, w in zip(candidates, where, strict=True):
        f, head = _features(view, ev, actors, len(per_sentence[w]), w)
        own = _kind(ev)
        others = list(per_sentence[w])
        others.remove(own)
        for t in set(others):  # what else the rules found in this sentence: a sentence candidate defers to them
            f[f"sib={t}"] = f[f"sib_own={own}|{t}"] = 1.0
        f.update(article)
        rows.append(f)
        heads.append(head)
    return CandidateRows(rows, _vector_blocks(view, heads), (view.head, view.dep, view.sents))


def _vector_blocks(view: _DocView, heads: list[int | None]) -> list[tuple[tuple[str, ...], np.ndarray]]:
    """The parser's context vectors (``doc.tensor``) of each candidate's trigger and of its sentence, at unit
    length times ``VECTOR_SCALE``; a zero row where a candidate has none (no trigger, no tensor, a zero vector).

    They let the model carry what it learned about "slammed" to "blasted", words the labels never showed it.
    """
    width = view.width
    trig = np.zeros((len(heads), width), dtype=np.float32)
    sent = np.zeros((len(heads), width), dtype=np.float32)
    if view.tensor is not None:
        at = [k for k, h in enumerate(heads) if h is not None]
        tokens = [heads[k] for k in at]
        trig[at] = _unit_rows(view.tensor[tokens])
        for k, h in zip(at, tokens, strict=True):
            vector = view.sentence(view.sent_of[h]).vector
            if vector is not None:
                sent[k] = vector
    return [(TRIG_NAMES[:width], trig), (SENT_NAMES[:width], sent)]


def _kind(ev: Event) -> str:
    return "sentence" if ev.rule == SENTENCE_RULE else ev.event_type


def _article(sents: list[Span], actors: ArticleActors) -> dict[str, float]:
    """What the whole article is like: a business or sports story names few political actors in few sentences."""
    political = [a for a in actors.actors.values() if a.kind != "unresolved" and (a.country or a.sector)]
    ids = {a.id for a in political}
    share = len(_sentences_naming(ids, sents, actors)) / len(sents) if sents else 0.0
    return {
        f"doc_share={_bin(int(10 * share), (1, 2, 4, 6))}": 1.0,
        f"doc_actors={_bin(len(political), (0, 1, 2, 4, 8))}": 1.0,
    }


def _sentences_naming(ids: set[str], sents: list[Span], actors: ArticleActors) -> set[int]:
    """The indices of the sentences with a token whose mention (``actors.at_token``) names one of these actors:
    those for which ``any(m.actor_id in ids for m in actors.in_span(sent))`` holds, found from the mentions'
    tokens (every token a mention claims is in some mention's range) instead of every token of every sentence."""
    starts = [s.start for s in sents]
    out: set[int] = set()
    for mention in actors.mentions:
        for i in range(mention.token_start, mention.token_end):
            got = actors.at_token(i)
            if got is not None and got.actor_id in ids:
                k = bisect.bisect_right(starts, i) - 1
                if k >= 0 and i < sents[k].end:
                    out.add(k)
    return out


def _bin(n: int, edges: tuple[int, ...]) -> str:
    for e in edges:
        if n <= e:
            return f"<={e}"
    return f">{edges[-1]}"


@dataclass
class _Sentence:
    """What a sentence gives each of its candidates alike, read once (the sentence of a candidate's trigger)."""

    start: int  # token range
    end: int
    start_char: int
    bag: list[tuple[str, int]]  # ("bag=<lemma>", token index) of its content words
    bigrams: dict[str, float]
    verbless: bool
    vector: np.ndarray | None  # its mean context vector at unit length times VECTOR_SCALE (None: no tensor, zero)
    context: dict[str, float]  # its place in the article: length, first line, a question


class _DocView:
    """One doc's parse as Python lists, read once: a candidate's parse walks are list look-ups.

    Every candidate walks up from its trigger and its participants and looks at their children and
    neighbours; through spaCy each step made a new ``Token``, which cost more than the features themselves.
    """

    def __init__(self, doc: Doc, statements: list[Statement]) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.sents = list(doc.sents)
        self.sent_chars = [s.start_char for s in self.sents]
        starts = np.array([s.start for s in self.sents], dtype=np.int64)
        lengths = np.diff(np.append(starts, len(doc)))
        self.sent_of = np.repeat(np.arange(len(starts)), lengths).tolist()
        cols = doc.to_array(
            [HEAD, DEP, LEMMA, POS, LOWER, TAG, ENT_TYPE, IS_ALPHA, IS_STOP, IS_PUNCT, IS_SPACE, IDX, LENGTH]
        )
        self.head = (np.arange(len(doc)) + np.ascontiguousarray(cols[:, 0]).view(np.int64)).tolist()
        self.idx, self.length = cols[:, 11].tolist(), cols[:, 12].tolist()
        self.dep, self.pos = hash_strings(doc, cols[:, 1]), hash_strings(doc, cols[:, 3])
        self.lemma = hash_strings(doc, cols[:, 2], lower=True)
        self.lower = hash_strings(doc, cols[:, 4])
        self._hashes = {"tag": cols[:, 5], "ent": cols[:, 6]}
        self._strings: dict[str, list[str]] = {}
        self.alpha, self.stop, self.punct, self.space = (cols[:, k].astype(bool).tolist() for k in range(7, 11))
        self._kids, self._kid_at = _children(self.head)
        tensor = _tensor(doc)
        self.tensor = tensor
        self.width = 0 if tensor is None else tensor.shape[1]
        self.statements = statements
        self.by_id: dict[str, Statement] = {}
        for st in statements:
            self.by_id.setdefault(st.id, st)
        self._roots: dict[tuple[int, int], tuple[int, int] | None] = {}
        self._sentences: dict[int, _Sentence] = {}
        self._vectors: list[np.ndarray | None] | None = None

    def root(self, start: int, end: int) -> tuple[int, int] | None:
        """(root token, tokens) of the span over these characters (expanded to whole tokens); None if empty."""
        key = (start, end)
        got = self._roots.get(key, False)
        if got is False:
            got = self._roots[key] = self._span_root(start, end)
        return got

    def _span_root(self, start: int, end: int) -> tuple[int, int] | None:
        """``doc.char_span(start, end, alignment_mode="expand")`` and its ``root``, read from the token offsets and
        heads as spaCy computes them (``span_root``), without making the ``Span`` (``_span_root_spacy``)."""
        first, last = self._token_at(start), self._token_at(end - 1)
        if first < 0 or last < 0 or "root" in self.doc.user_span_hooks:
            return self._span_root_spacy(start, end)
        if start == self.idx[first] + self.length[first]:  # at the trailing space: the next token's
            first += 1
        if first > last + 1:
            return self._span_root_spacy(start, end)  # as spaCy has it (an error, or none)
        if first == last + 1:
            return None
        return span_root(self.head, first, last + 1, self._kid_at, self.space, self.punct), last + 1 - first

    def _token_at(self, char: int) -> int:
        """The token whose text or trailing space holds this character, -1 outside the text (spaCy's
        ``token_by_char``: the tokens cover the text one after the other)."""
        if char < 0 or not self.idx:
            return -1
        k = bisect.bisect_right(self.idx, char) - 1
        if k < 0 or (k == len(self.idx) - 1 and char >= len(self.text)):
            return -1
        return k

    def _span_root_spacy(self, start: int, end: int) -> tuple[int, int] | None:
        """``_span_root`` as spaCy makes it (the reference the tests hold it to)."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return None if span is None or not len(span) else (span.root.i, len(span))

    def string(self, attr: str, i: int) -> str:
        """Token ``i``'s ``tag_`` or ``ent_type_`` (the column decoded on the first ask: a few asks per candidate
        cost more one by one)."""
        got = self._strings.get(attr)
        if got is None:
            got = self._strings[attr] = hash_strings(self.doc, self._hashes[attr])
        return got[i]

    def children(self, i: int) -> list[int]:
        """The tokens that hang from ``i``, in text order (spaCy's ``token.children``)."""
        return self._kids[self._kid_at[i] : self._kid_at[i + 1]]

    def chain(self, i: int) -> list[int]:
        """``i`` and its heads up to the root (spaCy's ``[token, *token.ancestors]``)."""
        return head_chain(self.head, i)

    def sentence(self, k: int) -> _Sentence:
        got = self._sentences.get(k)
        if got is None:
            got = self._sentences[k] = self._read_sentence(self.sents[k], k)
        return got

    def sentence_vectors(self) -> list[np.ndarray | None]:
        """Each sentence's mean context vector at unit length times ``VECTOR_SCALE`` (None: a zero vector),
        made together (the values ``_unit(tensor[sentence].mean(axis=0))`` gives to the last bit: each sentence's
        rows summed as ``mean`` sums them, the norms one row at a time as ``np.linalg.norm`` takes them)."""
        if self._vectors is None:
            tensor = self.tensor
            sums = np.stack([tensor[s.start : s.end].sum(axis=0) for s in self.sents])  # (reduceat adds otherwise)
            counts = np.array([len(s) for s in self.sents])
            means = (sums / counts[:, None]).astype(tensor.dtype)  # float64 then float32: the float32 quotient
            norms = np.array([np.sqrt(r.dot(r)) for r in means], dtype=means.dtype)
            scaled = means / np.where(norms > 0, norms, 1)[:, None] * VECTOR_SCALE
            self._vectors = [row if norm else None for row, norm in zip(scaled, norms.tolist(), strict=True)]
        return self._vectors

    def _read_sentence(self, sent: Span, k: int) -> _Sentence:
        span = range(sent.start, sent.end)
        lemma = self.lemma
        bag = [(f"bag={lemma[i]}", i) for i in span if self.alpha[i] and not self.stop[i]]
        words = [lemma[i] for i in span if not self.punct[i] and not self.space[i]]
        bigrams = {f"bi={a}_{b}": 1.0 for a, b in zip(words, words[1:], strict=False)}  # "take aim", "no plan"
        verbless = not any(self.pos[i] in ("VERB", "AUX") for i in span)
        vector = None if self.tensor is None else self.sentence_vectors()[k]
        first_line = "yes" if self.text.find("\n", 0, sent.start_char) < 0 else "no"
        context = {f"sent_len={_bin(len(sent), (5, 10, 20, 40))}": 1.0, f"first_line={first_line}": 1.0}
        if self.text[sent.start_char : sent.end_char].rstrip().endswith("?"):  # sent.text, without a Token each
            context["question"] = 1.0
        return _Sentence(sent.start, sent.end, sent.start_char, bag, bigrams, verbless, vector, context)


def span_root(heads: list[int], start: int, end: int, kid_at: list[int], space: list[bool], punct: list[bool]) -> int:
    """spaCy's ``Span.root`` of tokens ``start:end``: a sentence root in the span, else the token with a head
    outside it that is fewest steps below its sentence's root (the first of equals); a space or punctuation
    without children counts as far below; none at all: the first token."""
    for i in range(start, end):
        if heads[i] == i:
            return i
    best, root = len(heads), -1
    for i in range(start, end):
        if start <= heads[i] < end:
            continue
        if (space[i] or punct[i]) and kid_at[i] == kid_at[i + 1]:
            steps = len(heads) - 1
        else:
            steps = len(head_chain(heads, i)) - 1
        if steps < best:
            best, root = steps, i
    return start if root == -1 else root


def _children(heads: list[int]) -> tuple[list[int], list[int]]:
    """Every token's children as one list in order of their heads, and where each head's run starts and ends."""
    head = np.array(heads, dtype=np.int64)
    at = np.arange(len(head))
    child = at[head != at]
    order = np.argsort(head[child], kind="stable")  # stable: each head's children stay in text order
    bounds = np.concatenate(([0], np.cumsum(np.bincount(head[child], minlength=len(head)))))
    return child[order].tolist(), bounds.tolist()


def _features(
    view: _DocView, event: Event, actors: ArticleActors, in_sentence: int, sentence_index: int
) -> tuple[dict[str, float], int | None]:
    """The named features of ``event`` (a rule or sentence candidate), and its trigger's head token (None: none).

    ``in_sentence``: how many candidates share its sentence; ``sentence_index``: its sentence's place in the doc.
    """
    f: dict[str, float] = {}

    def add(name: str, value: object = None, weight: float = 1.0) -> None:
        f[name if value is None else f"{name}={value}"] = weight

    trig = view.root(event.trigger.start, event.trigger.end)
    if trig is None:
        add("no_trigger")
        return f, None
    head, size = trig
    sent = view.sentence(view.sent_of[head])
    lemma = view.lemma[head]
    etype = _kind(event)
    add("type", etype)
    add("rule", event.rule)
    add("rule_mode", event.mode)
    add("modality", event.modality)
    add("modality_type", f"{event.modality}|{etype}")
    add("rule_conf", None, float(event.confidence))
    add("lemma", lemma)
    add("lemma_type", f"{lemma}|{etype}")
    add("trigger_words", size)
    add("pos", view.pos[head])
    add("tag", view.string("tag", head))
    add("dep", view.dep[head])
    _clause(add, view, head)
    _window(add, view, head, sent)
    f.update((name, 1.0) for name, i in sent.bag if i != head)
    for role, ref in (("src", event.source), ("tgt", event.target)):
        _role(add, role, ref, view, actors)
        _path(add, role, ref, view, head)
    f.update(sent.bigrams)
    if event.source is not None and event.target is not None:
        add("pair", f"{event.source.sector}>{event.target.sector}")
    _context(add, view, event, sent, sentence_index)
    if sent.verbless:
        add("verbless")
    add("in_sentence", _bin(in_sentence, (1, 2, 3)))
    return f, head


def _clause(add, view: _DocView, head: int) -> None:
    """Cue words on the trigger and up its chain of heads: negation, modals, conditionals, control verbs."""
    dep, lemma = view.dep, view.lemma
    for c in view.children(head):
        if dep[c] in CUE_DEPS:
            add(f"ch_{dep[c]}", lemma[c])
    tok = head
    for k in (1, 2, 3):  # at the root the walk stays there: the weights learned "up2=<root verb>" after "up1dep=ROOT"
        add(f"up{k}dep", f"{dep[tok]}")
        tok = view.head[tok]
        add(f"up{k}", lemma[tok])
        for c in view.children(tok):
            if dep[c] in ("neg", "mark", "aux"):
                add(f"up_{dep[c]}", lemma[c])


def _tensor(doc: Doc) -> np.ndarray | None:
    tensor = getattr(doc, "tensor", None)
    if tensor is None or not getattr(tensor, "size", 0) or tensor.shape[0] != len(doc):
        return None
    return tensor


def _unit_rows(rows: np.ndarray) -> np.ndarray:
    """Each row as ``_unit`` makes it (a zero row stays zero): the norms one by one, as ``np.linalg.norm`` of a
    row sums them, so the values are those the weights were trained on to the last bit."""
    norms = np.array([np.sqrt(r.dot(r)) for r in rows], dtype=rows.dtype).reshape(-1, 1)
    out = np.zeros_like(rows)
    np.divide(rows, norms, out=out, where=norms > 0)
    return out * np.asarray(VECTOR_SCALE, dtype=rows.dtype)


def _unit(vec: np.ndarray) -> np.ndarray | None:
    """``vec`` at unit length times ``VECTOR_SCALE`` (None for a zero vector: it adds no features)."""
    norm = float(np.linalg.norm(vec))
    if not norm:
        return None
    return vec / norm * VECTOR_SCALE


def _window(add, view: _DocView, head: int, sent: _Sentence) -> None:
    for off in range(-WINDOW, WINDOW + 1):
        i = head + off
        if off and sent.start <= i < sent.end:
            add(f"w{off}", view.lower[i])


def _role(add, role: str, ref: ActorRef | None, view: _DocView, actors: ArticleActors) -> None:
    if ref is None:
        add(role, "none")
        return
    actor = actors.actors.get(ref.id)
    add(f"{role}_kind", actor.kind if actor is not None else "missing")
    add(f"{role}_sector", ref.sector or "none")
    add(f"{role}_country", "yes" if ref.country else "no")
    got = view.root(ref.start, ref.end)
    if got is not None:
        root = got[0]
        add(f"{role}_ent", view.string("ent", root) or "none")
        add(f"{role}_pos", view.pos[root])
        add(f"{role}_lemma", view.lemma[root])


def _path(add, role: str, ref: ActorRef | None, view: _DocView, head: int) -> None:
    """How the participant hangs from the trigger: the dependency labels up to their common head and down again.

    "nsubj|" is the trigger's own subject; "nsubj|ccomp" the subject of the verb the trigger's clause hangs from.
    """
    got = None if ref is None else view.root(ref.start, ref.end)
    if got is None:
        return
    root = got[0]
    if view.sent_of[root] != view.sent_of[head]:
        add(f"{role}_path", "other_sentence")
        return
    up_h = view.chain(head)
    seen = {t: k for k, t in enumerate(up_h)}
    dep = view.dep
    up_a = []
    for t in view.chain(root):
        if t in seen:
            down = [dep[x] for x in up_h[: seen[t]]]
            break
        up_a.append(dep[t])
    else:
        return
    add(f"{role}_path", f"{'/'.join(up_a[:2])}|{'/'.join(reversed(down[-2:]))}")
    add(f"{role}_up", up_a[0] if up_a else "trigger")
    add(f"{role}_dist", _bin(len(up_a) + len(down), (0, 1, 2, 3, 5)))
    add(f"{role}_side", "before" if root < head else "after")


def _context(add, view: _DocView, event: Event, sent: _Sentence, index: int) -> None:
    """Where the candidate sits: headline or body, inside reported speech or quotes, a question."""
    add("sent_index", _bin(index, (0, 1, 2, 5, 10)))
    for name in sent.context:  # length, first line, question: the same for every candidate of the sentence
        add(name)
    before = view.text[sent.start_char : event.trigger.start]
    if sum(map(before.count, QUOTES)) % 2:
        add("inside_quotes")
    st = view.by_id.get(event.statement_id) if event.statement_id is not None else None
    trigger = event.trigger.start
    around = next((s for s in view.statements if s.content.start <= trigger < s.content.end), None)
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
