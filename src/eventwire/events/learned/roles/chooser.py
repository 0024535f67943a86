"""Choose each kept event's source and target among the actor mentions around it, with a trained model.

The rule coder finds participants by syntax alone and often settles for a
thing ("the plan"), nobody, or the wrong person of a quote. Once the event's
type is decided, every actor mention of its sentence (and of the sentence
before, and its statement's speaker, and the "I"/"we" of the statement's
content, standing for that speaker) is scored as the event's source and as
its target by a small linear model trained on annotated articles (``eventwire
train roles``). The scores are ranked within the event: a softmax over its
candidates for the source, and over its candidates and "no target" for the
target (a conditional logit, trained the same way), so a mention is chosen for
being likelier than its rivals; a share of a per-mention classifier's
log-odds (how likely a mention is in general) is folded into the same
weights in training, so a likely target is not passed over for a rival that
is only likelier within the event. Source and target are chosen as a pair of
two actors, or a source alone when "no target" is likelier; a model trained
jointly over the pairs (``JOINT_CLASSES``) adds each pair's own term (which of
the two comes first in the trigger's voice, their two paths, the path between
them: ``features.duo_features``), so the direction is scored once, for the
pair. Weights without the PAIR row choose as before.
"""

from __future__ import annotations

import dataclasses
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from eventwire.events.assemble import in_text_order
from eventwire.events.learned.model import Block, LinearModel
from eventwire.events.learned.roles.features import (
    DUO_DEPS,
    DUO_PATHS,
    DUO_WHERE,
    Duo,
    EventView,
    Tree,
    candidates,
    duo_between_names,
    duo_none_names,
    duo_order_names,
    duo_sides_name,
    duo_view,
    event_view,
    pair_features,
    rival_features,
    vector_block,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from eventwire.actors.table import ArticleActors
    from eventwire.events.learned.roles.features import Candidate
    from eventwire.schema import Event, Statement

SHIPPED = Path(__file__).parent / "weights"
NEITHER, SOURCE, TARGET, PAIR = "NEITHER", "SOURCE", "TARGET", "PAIR"
CLASSES = [NEITHER, SOURCE, TARGET]
JOINT_CLASSES = [*CLASSES, PAIR]  # PAIR: the weights of the (source, target) pair's own features (``duo_features``)


def load_roles(folder: Path | str | None = None) -> LinearModel:
    """The role model in ``folder`` (default: the shipped one)."""
    return LinearModel.load(folder or SHIPPED)


def mention_counts(actors: ArticleActors) -> dict[str, int]:
    """How many mentions each actor has in the article (a salience cue)."""
    return dict(Counter(m.actor_id for m in actors.mentions))


def event_rows(
    doc: Doc,
    event: Event,
    actors: ArticleActors,
    statements: list[Statement],
    counts: dict[str, int],
    tree: Tree | None = None,
    vector: bool = True,
    duo: bool = False,
    view: EventView | None = None,
) -> tuple[list[Candidate], list[dict[str, float]]] | tuple[list[Candidate], list[dict[str, float]], Duo | None]:
    """The candidate mentions of one event and their feature rows (``tree``: the doc's, kept across its events;
    ``vector``: False leaves the parser's vectors out of the rows, for ``vector_block``; ``duo``: also return
    what the features of all its (source, target) pairs read, ``duo_view``; ``view``: the event's, when the
    caller keeps one)."""
    view = view or event_view(doc, event, actors, statements, tree or Tree(doc))  # read once, not per mention
    cands = candidates(doc, event, actors, statements, view)
    rows = [
        pair_features(doc, event, c, actors, statements, index=k, counts=counts, vector=vector, view=view)
        for k, c in enumerate(cands)
    ]
    for row, extra in zip(rows, rival_features(doc, event, cands, view=view), strict=True):
        row.update(extra)
    if duo:
        return cands, rows, duo_view(view, cands, event.event_type) if cands else None
    return cands, rows


def none_row(event_type: str) -> dict[str, float]:
    """The features of "no target", the target's extra choice (scored by the TARGET weights)."""
    return {"none": 1.0, f"none|{event_type}": 1.0}


def events_role_scores(
    model: LinearModel, events: Sequence[tuple[list[dict[str, float]], str]], blocks: Sequence[Block] = ()
) -> list[tuple[np.ndarray, np.ndarray]]:
    """(source scores of the candidates, target scores of the candidates and then of "no target") of each of
    several events ((rows, event type) each), in one ``model.proba`` call: the chooser scores a doc's events at
    once, which costs a numpy call per doc rather than per event (the same sums row by row).

    The weights are stored as a three-class ``LinearModel`` whose NEITHER row and intercepts are zero, so
    ``log p(SOURCE) - log p(NEITHER)`` of a row is its source score (and the same for the target).
    ``blocks``: dense features of each event's rows and its "no target" row, event after event
    (``vector_block``)."""
    probs = model.proba([r for rows, event_type in events for r in (*rows, none_row(event_type))], blocks)
    logp = np.log(probs + 1e-300)
    neither = logp[:, model.classes.index(NEITHER)]
    source = logp[:, model.classes.index(SOURCE)] - neither
    target = logp[:, model.classes.index(TARGET)] - neither
    out, at = [], 0
    for rows, _ in events:
        n = len(rows)
        out.append((source[at : at + n], target[at : at + n + 1]))
        at += n + 1
    return out


def duo_scores(model: LinearModel, duo: Duo | None, actor_ids: list[str]) -> np.ndarray | None:
    """The pair term of each (source, target) pair: a (candidates, candidates + "no target") matrix, -inf where
    the two are one actor; None for a model without PAIR weights (trained before the joint choice) or an
    event whose trigger has no tokens. Every pair is read, as in training (about 1% of the parse's CPU time;
    reading only the six likeliest of each role saved a fifth of it and changed one event in 997).

    The term is ``log p(PAIR) - log p(NEITHER)`` of the pair's ``duo_features`` row, which is the difference of
    the two classes' linear scores over the temperature: it is summed here from the PAIR - NEITHER weights of
    the pieces the features name (the same sum as ``model.proba`` of the rows, without a dict and a look-up per
    feature and pair; equal up to rounding, ``test_duo_scores_are_the_rows_scores``).

    This is the definition, one event at a time: the chooser sums a whole doc's pairs at once
    (``doc_duo_scores``), and the tests hold that to this, bit for bit."""
    if duo is None or PAIR not in model.classes:
        return None
    w = model.derived("pair_weights", _PairWeights)
    v, n = duo.voice, len(actor_ids)
    roots, paths, where, deps = duo.roots, duo.paths, duo.where, duo.deps
    out = np.full((n, n + 1), -np.inf)
    out[:, n] = [w.sum(duo_none_names(p, h)) for p, h in zip(paths, where, strict=True)]
    if n > 1:
        order = {o: w.sum(duo_order_names(o, v, duo.event_type)) for o in ("st", "ts")}
        sides = {s: w.get(duo_sides_name(s, v)) for s in ("bb", "ba", "ab", "aa")}
        # the pieces read from each candidate's own values: per piece, each candidate's kind of value and a
        # table of the weights of (source's kind, target's kind), one look-up per distinct pair of values
        tables = []
        for values, name in ((where, DUO_WHERE), (deps, DUO_DEPS), (paths, DUO_PATHS)):
            kinds = {x: k for k, x in enumerate(dict.fromkeys(values))}
            tables.append(([kinds[x] for x in values], [[w.piece(name, a, b, v) for b in kinds] for a in kinds]))
        (at_w, where_w), (at_d, deps_w), (at_p, paths_w) = tables
        side = ["b" if r < duo.head else "a" for r in roots]
        between = w.between(v)
        for (i, j), b in duo.between.items():
            got = between.get(b)
            if got is None:
                got = between[b] = w.sum(duo_between_names(b, v))
            per = where_w[at_w[i]][at_w[j]] + deps_w[at_d[i]][at_d[j]] + paths_w[at_p[i]][at_p[j]]
            out[i, j] = order["st" if roots[i] < roots[j] else "ts"] + sides[side[i] + side[j]] + got + per
    return (out + w.intercept) / model.temperature


def doc_duo_scores(
    model: LinearModel, tree: Tree, events: Sequence[tuple[EventView, list[Candidate], str]]
) -> list[np.ndarray | None]:
    """``duo_scores(model, duo_view(view, cands, event_type), ids)`` of each of a doc's events ((view, candidates,
    event type) each), summed for all of them at once.

    ``duo_scores`` reads an event's pairs one by one; a doc has about 500 of them in its six events, and a pair
    in Python cost more than its sum. Here the pieces of every pair of the doc are arrays, and a weight is looked
    up once per distinct (piece's values, voice), a path between two mentions once per pair of tokens: the same
    terms added in the same order as ``duo_scores`` adds them, so each event gets its matrix bit for bit
    (``test_a_docs_pair_terms_summed_at_once_are_each_events_own``)."""
    if PAIR not in model.classes:
        return [None] * len(events)
    duos = [duo_view(view, cands, event_type, between=False) for view, cands, event_type in events]
    live = [d for d in duos if d is not None]
    if not live:
        return [None] * len(events)
    w = model.derived("pair_weights", _PairWeights)
    sizes = np.array([len(d.roots) for d in live])
    width = sizes + 1  # a row: the candidates as targets, then "no target"
    ev = np.repeat(np.arange(len(live)), sizes)  # the event of each candidate of the doc
    first = np.cumsum(sizes) - sizes  # each event's first candidate
    local = np.arange(len(ev)) - first[ev]  # each candidate's place in its event
    offset = np.cumsum(sizes * width) - sizes * width  # each event's matrix in ``flat``
    flat = np.full(int((sizes * width).sum()), -np.inf)
    nones = [w.none_weight(p, h) for d in live for p, h in zip(d.paths, d.where, strict=True)]
    flat[offset[ev] + local * width[ev] + sizes[ev]] = nones
    actor_ids = [c.mention.actor_id for (_, cands, _), d in zip(events, duos, strict=True) if d for c in cands]
    i, j = _doc_pairs(sizes, first, ev, actor_ids)
    e = ev[i]
    voices = list(dict.fromkeys(d.voice for d in live))
    v = np.array([voices.index(d.voice) for d in live])[e]  # each pair's voice, as a number
    roots = np.fromiter(chain.from_iterable(d.roots for d in live), dtype=np.int64, count=len(ev))
    heads = np.array([d.head for d in live])
    orders = np.array([w.order(d.voice, d.event_type) for d in live])  # (source first, source second)
    order = np.where(roots[i] < roots[j], orders[e, 0], orders[e, 1])
    after = (roots >= heads[ev]).astype(np.intp)  # the side of the trigger: 0 before, 1 after
    sides = np.array([w.sides(x) for x in voices])[v, after[i], after[j]]
    between = _between_weights(w, tree, voices, roots[i], roots[j], v)
    per = None
    with w.lock:  # the codes and their tables are the model's, shared by every doc: one doc at a time
        w.fresh_codes()
        voice_ids = w.codes(voices)[v]
        for name, values in ((DUO_WHERE, "where"), (DUO_DEPS, "deps"), (DUO_PATHS, "paths")):
            ids = w.codes(chain.from_iterable(getattr(d, values) for d in live))  # each candidate's value
            piece = w.piece_weights(name, (ids[i] << 42) | (ids[j] << 21) | voice_ids)
            per = piece if per is None else per + piece
    flat[offset[e] + local[i] * width[e] + local[j]] = order + sides + between + per
    flat = (flat + w.intercept) / model.temperature
    out = iter(
        [flat[o : o + n * (n + 1)].reshape(n, n + 1) for o, n in zip(offset.tolist(), sizes.tolist(), strict=True)]
    )
    return [None if d is None else next(out) for d in duos]


def _doc_pairs(
    sizes: np.ndarray, first: np.ndarray, ev: np.ndarray, actor_ids: list[str]
) -> tuple[np.ndarray, np.ndarray]:
    """The (source, target) pairs of two actors of each event of a doc, as places among all its candidates
    (``ev``: each candidate's event; ``first``: each event's first candidate), event after event and in each
    in the order of ``duo_pairs``."""
    codes: dict[str, int] = {}
    actor = np.fromiter((codes.setdefault(a, len(codes)) for a in actor_ids), dtype=np.int64, count=len(actor_ids))
    reps = sizes[ev]  # each candidate is the source of a pair with every candidate of its event
    i = np.repeat(np.arange(len(ev)), reps)
    j = np.repeat(first[ev], reps) + np.arange(int(reps.sum())) - np.repeat(np.cumsum(reps) - reps, reps)
    keep = actor[i] != actor[j]
    return i[keep], j[keep]


def _between_weights(
    w: _PairWeights, tree: Tree, voices: list[str], source: np.ndarray, target: np.ndarray, v: np.ndarray
) -> np.ndarray:
    """The weight of the path between the two tokens of each pair (``source``, ``target``: their roots; ``v``:
    the pair's voice in ``voices``), walked once per pair of tokens of one sentence (``Tree.path_between``); two
    tokens of two sentences have the path "other-sentence" without a walk."""
    starts = np.asarray(tree.sent_starts)
    apart = starts[source] != starts[target]
    out = np.array([w.between_weight("other-sentence", voice) for voice in voices])[v]
    n_v, n_doc = len(voices), len(tree.doc)
    out[~apart] = _unique_weights(
        ((source * n_doc + target) * n_v + v)[~apart],
        lambda key: w.between_weight(tree.path_between(*divmod(key // n_v, n_doc)), voices[key % n_v]),
    )
    return out


def _unique_weights(keys: np.ndarray, weight: Callable[[int], float]) -> np.ndarray:
    """``weight(key)`` of each of ``keys`` (numbers that say what is weighed), called once per distinct key."""
    distinct, at = np.unique(keys, return_inverse=True)
    return np.array([weight(k) for k in distinct.tolist()], dtype=np.float64)[at]


class _PairWeights:
    """A model's PAIR - NEITHER weight of each feature, read once per model (``doc_duo_scores``,
    ``duo_scores``; kept by ``LinearModel.derived``). Its string codes and the tables keyed by them live as
    long as the model, so threads that share a pipeline take ``lock`` around making and reading them."""

    def __init__(self, model: LinearModel) -> None:
        pair, neither = model.classes.index(PAIR), model.classes.index(NEITHER)
        diff = np.asarray(model.coef[pair], dtype=np.float64) - np.asarray(model.coef[neither], dtype=np.float64)
        self.weights = {name: float(diff[k]) for k, name in enumerate(model.features) if name.startswith("duo:")}
        self.intercept = float(model.intercept[pair]) - float(model.intercept[neither])
        self._between: dict[str, dict[str, float]] = {}
        self._pieces: dict[tuple[str, str, str, str], float] = {}
        self._codes = _Codes()
        self._piece_tables: dict[str, _Memo] = {}
        self.lock = threading.Lock()

    def get(self, name: str) -> float:
        return self.weights.get(name, 0.0)

    def piece(self, name: str, source: str, target: str, voice: str) -> float:
        """The weight of a two-mention piece (``DUO_WHERE``, ``DUO_DEPS``, ``DUO_PATHS``), kept as met."""
        key = (name, source, target, voice)
        got = self._pieces.get(key)
        if got is None:
            got = self._pieces[key] = self.get(name.format(source, target, voice))
        return got

    def sum(self, names: tuple[str, str]) -> float:
        return self.get(names[0]) + self.get(names[1])

    def between(self, voice: str) -> dict[str, float]:
        """path between two mentions -> the weight of its two features in ``voice``, filled as met."""
        return self._between.setdefault(voice, {})

    def codes(self, values: Iterable[str]) -> np.ndarray:
        """A number for each of ``values`` (a piece's value, a voice), the same for the same string until
        ``fresh_codes``: ``piece_weights`` reads a pair's weight by three of them."""
        got = np.fromiter(map(self._codes.__getitem__, values), dtype=np.int64)
        if len(self._codes) > _Codes.MASK:  # a key holds three codes of 21 bits: past that they would collide
            raise ValueError(f"more than {_Codes.MASK + 1} distinct pair pieces since the codes started")
        return got

    def fresh_codes(self) -> None:
        """Past half of ``_Codes.LIMIT`` strings, start the numbers again, with new tables (called before a doc's
        codes are made, so a doc's all come from one table, and no doc has a quarter of the limit)."""
        if len(self._codes) >= _Codes.LIMIT // 2:
            self._codes, self._piece_tables = _Codes(), {}

    def piece_weights(self, name: str, keys: np.ndarray) -> np.ndarray:
        """The weight of a two-mention piece (``DUO_WHERE``, ``DUO_DEPS``, ``DUO_PATHS``) of each pair, by its
        key ``source's value << 42 | target's value << 21 | voice`` (numbers of ``codes``), each key looked up
        with ``piece`` once and then kept."""
        table = self._piece_tables.get(name)
        if table is None:
            table = self._piece_tables[name] = _Memo(lambda key: self.piece(name, *self._codes.strings(key)))
        return np.fromiter(map(table.__getitem__, keys.tolist()), dtype=np.float64, count=len(keys))

    def between_weight(self, path: str, voice: str) -> float:
        """The weight of the path between two mentions in ``voice`` (``between``, filled here)."""
        table = self.between(voice)
        got = table.get(path)
        if got is None:
            got = table[path] = self.sum(duo_between_names(path, voice))
        return got

    def none_weight(self, path: str, where: str) -> float:
        """The weight of "no target" for a source with this path to the trigger and this place."""
        return self.sum(duo_none_names(path, where))

    def order(self, voice: str, event_type: str) -> tuple[float, float]:
        """The weights of the source coming first ("st") and second ("ts") in ``voice``, for ``event_type``."""
        return self.sum(duo_order_names("st", voice, event_type)), self.sum(duo_order_names("ts", voice, event_type))

    def sides(self, voice: str) -> list[list[float]]:
        """The weights of the sides of the trigger the source and the target sit on in ``voice``, [source's side]
        [target's side]: 0 before the trigger, 1 after it."""
        return [[self.get(duo_sides_name(a + b, voice)) for b in "ba"] for a in "ba"]


class _Memo(dict):
    """A dict that makes a missing value with ``make(key)`` and keeps it (read with ``map``: a look-up in C,
    Python only for what is new)."""

    def __init__(self, make: Callable[[Any], Any]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: Any) -> Any:
        got = self[key] = self.make(key)
        return got


class _Codes(dict):
    """string -> a number, given in the order the strings are met (``_PairWeights.codes``)."""

    MASK = (1 << 21) - 1  # three numbers of 21 bits make a 63-bit key
    LIMIT = MASK + 1  # ``_PairWeights.fresh_codes`` starts again past half of this

    def __init__(self) -> None:
        super().__init__()
        self._strings: list[str] = []

    def __missing__(self, string: str) -> int:
        got = self[string] = len(self._strings)
        self._strings.append(string)
        return got

    def strings(self, key: int) -> tuple[str, str, str]:
        """The three strings of a key made of three numbers (``_PairWeights.piece_weights``)."""
        mask = self.MASK
        return self._strings[key >> 42], self._strings[(key >> 21) & mask], self._strings[key & mask]


def _log_softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max()
    return z - np.log(np.exp(z).sum())


def pick(
    source: np.ndarray,
    target: np.ndarray,
    actor_ids: list[str],
    target_weight: float = 1.0,
    none_shift: float = 0.0,
    pair: np.ndarray | None = None,
) -> tuple[int, int | None]:
    """(source index, target index or None): the likeliest pair of two actors, or a source and no target.

    ``source``: each candidate's source score; ``target``: each candidate's target score, then that of "no
    target" (last), moved by ``none_shift``. Each is ranked within the event (log-softmax); a pair scores
    ``log p(source) + target_weight * log p(target)``, plus its own term ``pair[i, j]`` when given
    (``duo_scores``: the column after the candidates is "no target"; the joint model is trained on exactly
    this sum, a softmax over the event's pairs; weights without PAIR rows give no such term). Scoring the pair,
    not the source first, keeps a mention that is a likely target from being taken as the source only because
    it is a likely participant.
    """
    log_s = _log_softmax(np.asarray(source, dtype=float))
    target = np.array(target, dtype=float)
    target[-1] += none_shift
    log_t = _log_softmax(target)
    ids = np.array(actor_ids)
    total = log_s[:, None] + target_weight * log_t[None, :]
    if pair is not None:
        total = total + pair
    total[:, :-1][ids[:, None] == ids[None, :]] = -np.inf
    i, j = divmod(int(np.argmax(total)), total.shape[1])  # the row and column of the best (``np.unravel_index``)
    return i, (None if j == len(ids) else j)


def choose_roles(
    doc: Doc,
    events: list[Event],
    actors: ArticleActors,
    statements: list[Statement] | None,
    model: LinearModel | None,
    parse: tuple[list[int], list[str], Iterable[Span]] | None = None,
) -> list[Event]:
    """``events`` with the model's source and target; two that become the same event are one (ids renumbered).
    ``parse``: the doc's heads, labels and sentences when the caller has read them (``Tree``)."""
    if model is None or not events:
        return events
    statements = statements or []
    counts = mention_counts(actors)
    tree = Tree(doc, parse)
    target_weight = float(model.manifest.get("target_weight", 1.0))
    none_shift = float(model.manifest.get("none_shift", 0.0))
    read = []  # (place in events, event, view, candidates, rows) of the events with candidates
    for k, ev in enumerate(events):
        view = event_view(doc, ev, actors, statements, tree)
        cands, rows = event_rows(doc, ev, actors, statements, counts, tree, vector=False, view=view)
        if cands:
            read.append((k, ev, view, cands, rows))
    # all the doc's candidates scored at once: each event's rows, then its "no target" (no vector: None)
    roots = [r for *_, cands, _ in read for r in (*(tree.root(c.mention).i for c in cands), None)]
    block = vector_block(doc, roots) if read else None
    scores = events_role_scores(
        model, [(rows, ev.event_type) for _, ev, _, _, rows in read], [block] if block is not None else []
    )
    pairs = doc_duo_scores(model, tree, [(view, cands, ev.event_type) for _, ev, view, cands, _ in read])
    out = list(events)  # an event without candidates keeps its roles
    entities: dict[str, str] = {}
    for (k, ev, _, cands, _), (source_scores, target_scores), pair in zip(read, scores, pairs, strict=True):
        for c in cands:
            if c.mention.actor_id not in entities:
                entities[c.mention.actor_id] = _entity(actors, c.mention.actor_id)
        ids = [entities[c.mention.actor_id] for c in cands]
        src, tgt = pick(source_scores, target_scores, ids, target_weight, none_shift, pair)
        target = actors.ref(_local(cands, tgt).mention) if tgt is not None else None
        out[k] = dataclasses.replace(ev, source=actors.ref(_local(cands, src).mention), target=target)
    return _distinct(out)


def _entity(actors: ArticleActors, actor_id: str) -> str:
    """What the chooser holds apart as one participant: an actor, except that a state and the state as its
    government (the resolver makes "Germany" and, from "Berlin" or "the German government", "Germany
    (government)" two actors of one knowledge entry) are one, so that neither is the other's target ("Germany
    rejected it, a red line for Berlin"). Another sector of the state (its military, its police) stays apart."""
    actor = actors.actors[actor_id]
    entry = actor.entry or ""
    if entry.startswith("org.") and actor.sector in (None, "GOV"):
        return entry  # a named body and the same body as a government ("European Union (government)")
    if entry == f"state.{actor.country}" and (
        actor.kind == "state" or (actor.kind == "organisation" and actor.sector == "GOV")
    ):
        return entry  # not a name that only took the article's home state (its entry is the state's too)
    return actor_id


def _local(cands: list[Candidate], k: int) -> Candidate:
    """The chosen candidate, or its actor's first mention in the event's own sentence (evidence stays local)."""
    chosen = cands[k]
    if chosen.where == "sentence":
        return chosen
    return next((c for c in cands if c.where == "sentence" and c.mention.actor_id == chosen.mention.actor_id), chosen)


def _distinct(events: list[Event]) -> list[Event]:
    """One event per sentence, type, source actor and target actor: the most confident one."""
    best: dict[tuple, Event] = {}
    for ev in events:
        key = (ev.evidence.start, ev.event_type, ev.source and ev.source.id, ev.target and ev.target.id)
        if key not in best or best[key].confidence < ev.confidence:
            best[key] = ev
    return in_text_order(list(best.values()))
