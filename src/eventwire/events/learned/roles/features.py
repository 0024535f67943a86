"""Named features of one (event, actor mention) pair: is this mention the event's source, its target, neither?

Read from the parse and the article's actors, never from word lists: the
dependency path from the mention to the trigger ("nsubj^" for a subject of the
trigger, "pobj^prep^" for "against X"), where the mention sits (before or after
the trigger, in the previous sentence, inside what a speaker said, the speaker
himself), what the actor is (kind, sector) and what the rule coder chose. The
event type is crossed with the strongest cues, since "X met Y" and "X was
attacked by Y" put their actors in different places.

Measured and not kept (the chooser retrained with the command each time, seed
0; realnews-dev with the actors of 6f59069): the word a mention is an argument
of, crossed with the event type and with the event's origin ("nsubj|criticize",
"pobj-against|protest"; a sentence candidate's trigger is its root or "said",
not the verb its actors hang on), cross-validated source / target / strict
target / both 0.823/0.777/0.728/0.642 -> 0.824/0.779/0.730/0.642, but
realnews-dev source/target 0.791/0.744 -> 0.779/0.733 and record precision
0.329 -> 0.317; the same plus the article's most named actor as a candidate of
every event that has no other mention of it (the labels give an implicit target
by name alone, and it is that actor in 114 of the 146 training events whose
target had no candidate), 0.825/0.767/0.732/0.646 (the "no target" shift chosen
went from -2 to 0, so the yardstick's target fell in cross-validation too),
realnews-dev 0.767/0.733, record precision 0.323.

The exchanged roles (issue 12): out of fold (the joint ranking alone, actors
before 93250db), 204 of the 5,573 training events
have source and target exchanged (ACCUSE 103; 107 of them sentence candidates;
191 in the active voice; 136 outside any statement), so neither the trigger's
voice nor a statement's speaker can tell most of them apart. Three features for
them, measured with the joint ranking alone (no per-mention share; the same
folds, seed 0; the actors of 93250db), not kept: the pair's
two dependency labels crossed with the event type, source / strict target /
both 0.821/0.725/0.638 -> 0.822/0.724/0.638; the pair's two paths crossed with
the event type, 0.821/0.725/0.637; the event's origin and the mention's path
crossed with the event type, 0.820/0.724/0.636.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from eventwire.actors.table import ActorMention
from eventwire.events.learned.candidates import SENTENCE_RULE
from eventwire.nlp import hash_strings, head_chain
from eventwire.statements import statement_holding

if TYPE_CHECKING:
    from collections.abc import Iterable

    from spacy.tokens import Doc, Span, Token

    from eventwire.actors.table import ArticleActors
    from eventwire.schema import Actor, Event, Statement

MAX_UP = 4  # longer dependency paths are all "far"
PASSIVE = frozenset({"auxpass", "nsubjpass", "agent"})
VECTOR_SCALE = 2.0
VECTOR_NAMES = tuple(f"mv{k}" for k in range(1024))  # wider than any spaCy tensor; made once, not per value


@dataclass
class Candidate:
    """One actor mention that may fill a role of one event, and where it was found."""

    mention: ActorMention
    where: str  # "sentence", "previous" (the sentence before), "speaker" (the statement's speaker elsewhere) or
    # "self" ("I"/"we" inside what the speaker said, standing for the speaker)


def candidates(
    doc: Doc, event: Event, actors: ArticleActors, statements: list[Statement], view: EventView | None = None
) -> list[Candidate]:
    """The mentions of ``event``'s sentence, of the sentence before, and its statement's speaker (each once), and
    the first-person pronouns of the sentence inside the statement's content as mentions of the speaker (where
    "self"). ``view``: the event's, when the caller keeps one (``event_view``)."""
    view = view or event_view(doc, event, actors, statements)
    if view.head is None:
        return []
    sent = view.tree.sentence(view.head.i)
    out: list[Candidate] = []
    seen: set[int] = set()

    def take(mentions, where: str) -> None:
        for m in mentions:
            if m.token_start not in seen and actors.actors.get(m.actor_id) is not None:
                seen.add(m.token_start)
                out.append(Candidate(m, where))

    take(view.sentence_mentions, "sentence")
    st = view.statement
    if st is not None and st.speaker is not None:
        span = doc.char_span(st.speaker.start, st.speaker.end, alignment_mode="expand")
        if span is not None and len(span):
            take([m for m in (actors.at_token(span.root),) if m is not None], "speaker")
        take(_self_refs(doc, actors, st, sent), "self")
    if sent.start > 0:
        take(view.tree.mentions_of(actors, view.tree.sentence(sent.start - 1)), "previous")
    return out


def _self_refs(doc: Doc, actors: ArticleActors, st: Statement, sent: Span) -> list[ActorMention]:
    """The first-person pronouns (``ArticleActors.self_refs``) of ``sent`` inside what ``st``'s speaker said, as
    mentions of the speaker's actor: "'They attacked me,' Trump said" has Trump as its target."""
    refs = actors.self_refs
    if not refs or st.speaker is None or st.speaker.id not in actors.actors:
        return []
    lo, hi = bisect.bisect_left(refs, sent.start), bisect.bisect_left(refs, sent.end)
    content = st.content
    return [
        ActorMention(i, i + 1, st.speaker.id, "self-ref")
        for i in refs[lo:hi]
        if content.start <= doc[i].idx < content.end
    ]


def trigger_span(doc: Doc, event: Event) -> Span | None:
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return span if span is not None and len(span) else None


def _bin(n: int, edges: tuple[int, ...]) -> str:
    for e in edges:
        if n <= e:
            return f"<={e}"
    return f">{edges[-1]}"


def _bin_names(prefix: str, edges: tuple[int, ...]) -> tuple[str, ...]:
    """``prefix + _bin(n, edges)`` for n from 0 to one past the last edge, which stands for every n above it:
    the features read a count's name from it (``_binned``) instead of formatting one per mention."""
    return tuple(prefix + _bin(n, edges) for n in range(edges[-1] + 2))


def _binned(names: tuple[str, ...], n: int) -> str:
    return names[n if n < len(names) else -1]


_DISTANCE = {side: _bin_names(f"distance={side}", (1, 2, 4, 8, 16)) for side in ("before", "after")}
_INDEX = _bin_names("index=", (0, 1, 2, 4))
_MENTIONS = _bin_names("mentions=", (1, 2, 4, 8))
_PATH_LEN = _bin_names("path_len=", (1, 2, 3, 4, 6, 8))
_SENTENCE_ACTORS = _bin_names("sentence_actors=", (1, 2, 3, 5))


class Tree:
    """The parse of a doc as plain lists (each token's head, dependency label and sentence start), read once per
    doc: walking them costs a fraction of walking spaCy tokens (``Token.ancestors`` makes an object per step).
    It also keeps what the doc's events ask again and again: the actor mentions of a sentence and the root of
    a mention (a Tree lives while one set of actors is read: a run's chooser, one training example). Those
    look-ups are kept per sentence and per count, not per ``actors``/``counts``: a Tree binds the objects it is
    first asked with and refuses others (``ValueError``) instead of answering from what it kept for them."""

    def __init__(self, doc: Doc, parse: tuple[list[int], list[str], Iterable[Span]] | None = None) -> None:
        """``parse``: the doc's heads (token indices), dependency labels and sentences, when the caller has read
        them already (the events model's features read the same, ``CandidateRows.parse``); else read here."""
        self.doc = doc
        self.heads, self.deps, sents = parse or _read_parse(doc)
        self.sent_starts = [0] * len(doc)
        self._sents: dict[int, Span] = {}  # a sentence's first token -> the sentence
        for sent in sents:
            self.sent_starts[sent.start : sent.end] = [sent.start] * (sent.end - sent.start)
            self._sents[sent.start] = sent
        self._mentions: dict[int, list[ActorMention]] = {}
        self._roots: dict[tuple[int, int], Token] = {}
        self._ranks: dict[int, str] = {}
        self._actors: ArticleActors | None = None  # what ``_mentions`` was read from (bound at first use)
        self._counts: dict[str, int] | None = None  # what ``_ranks`` was counted from (bound at first use)
        self._chains: dict[int, tuple[list[int], dict[int, int]]] = {}  # token -> its heads up, and their places
        self._facts: dict[int, tuple[str, str, str, int, str, str, str]] = {}  # token -> ``facts``
        self._paths: dict[tuple[int, int], str] = {}  # (token, token) -> ``capped`` walk, for ``path_between``

    def sentence(self, i: int) -> Span:
        """The sentence of token ``i`` (``Token.sent``, which walks the doc's sentence starts at each call)."""
        return self._sents[self.sent_starts[i]]

    def mentions_of(self, actors: ArticleActors, sent: Span) -> list[ActorMention]:
        """``actors.in_span(sent)``, found once per sentence (``actors``: always the same object for a Tree)."""
        if actors is not self._actors:
            if self._actors is not None:
                raise ValueError("Tree.mentions_of: this Tree keeps the mentions of other actors; make a new Tree")
            self._actors = actors
        got = self._mentions.get(sent.start)
        if got is None:
            got = self._mentions[sent.start] = actors.in_span(sent)
        return got

    def root(self, mention: ActorMention) -> Token:
        """The syntactic root of a mention's tokens (``Span.root``), found once per mention."""
        key = (mention.token_start, mention.token_end)
        got = self._roots.get(key)
        if got is None:
            got = self._roots[key] = self.doc[mention.token_start : mention.token_end].root
        return got

    def rank(self, counts: dict[str, int], n: int) -> str:
        """How many actors have more mentions than ``n`` (binned); ``counts`` is the doc's, so it is counted
        once per ``n`` (``counts``: always the same object for a Tree)."""
        if counts is not self._counts:
            if self._counts is not None:
                raise ValueError("Tree.rank: this Tree keeps the ranks of other counts; make a new Tree")
            self._counts = counts
        got = self._ranks.get(n)
        if got is None:
            got = self._ranks[n] = _bin(sum(1 for k in counts.values() if k > n), (0, 2, 5))
        return got

    def facts(self, token: Token) -> tuple[str, str, str, int, str, str, str]:
        """What ``pair_features`` reads of a mention's root, read once per token: its dependency label, its
        head's lemma (lower case), its head's lower-case text, its head's head, its part of speech, its entity
        type ("none" for none) and its lemma (lower case)."""
        got = self._facts.get(token.i)
        if got is None:
            h = token.head
            got = self._facts[token.i] = (
                token.dep_,
                h.lemma_.lower(),
                h.lower_,
                h.head.i,
                token.pos_,
                token.ent_type_ or "none",
                token.lemma_.lower(),
            )
        return got

    def walk(self, i: int, j: int) -> tuple[list[str], list[str]] | str:
        """The deps going up from token ``i`` to the common ancestor and coming down to token ``j``, or
        "other-sentence" or "far" (no common ancestor)."""
        if self.sent_starts[i] != self.sent_starts[j]:
            return "other-sentence"
        up_i = self._chain(i)[0]
        at_j = self._chain(j)[1]
        for k, tok in enumerate(up_i):
            if tok in at_j:
                up_j = self._chains[j][0]
                return [self.deps[t] for t in up_i[:k]], [self.deps[t] for t in reversed(up_j[: at_j[tok]])]
        return "far"

    def _chain(self, i: int) -> tuple[list[int], dict[int, int]]:
        """Token ``i`` and its heads up to the root (``head_chain``), and each one's place in that list, found
        once per token (the events of a sentence walk from the same mentions again and again)."""
        got = self._chains.get(i)
        if got is None:
            up = head_chain(self.heads, i)
            got = self._chains[i] = (up, {t: k for k, t in enumerate(up)})
        return got

    def path_between(self, i: int, j: int) -> str:
        """``capped(self.walk(i, j))``, found once per pair of tokens (a pair of mentions is read for every event
        of their sentences), together with the path back from ``j`` to ``i`` (the chooser reads both)."""
        got = self._paths.get((i, j))
        if got is None:
            got, back = self._capped_walks(i, j)
            self._paths[i, j], self._paths[j, i] = got, back
        return got

    def _capped_walks(self, i: int, j: int) -> tuple[str, str]:
        """(``capped(self.walk(i, j))``, ``capped(self.walk(j, i))``) without reading what ``capped`` throws away:
        a common head more than ``MAX_UP`` steps above either token makes the path "far", so only that many
        heads are looked at. Both walks meet at the same lowest common head, so one search gives the two."""
        if self.sent_starts[i] != self.sent_starts[j]:
            return "other-sentence", "other-sentence"
        up_i = self._chain(i)[0]
        at_j = self._chain(j)[1]
        for k, tok in enumerate(up_i[: MAX_UP + 1]):
            m = at_j.get(tok)
            if m is not None:
                if m > MAX_UP:
                    return "far", "far"
                deps, up_j = self.deps, self._chains[j][0]
                ups_i = [deps[t] for t in up_i[:k]]
                ups_j = [deps[t] for t in up_j[:m]]
                return _path_name(ups_i, ups_j[::-1]), _path_name(ups_j, ups_i[::-1])
        return "far", "far"  # no common head within MAX_UP steps of i (or none at all)


def _read_parse(doc: Doc) -> tuple[list[int], list[str], Iterable[Span]]:
    """The doc's heads (token indices), dependency labels and sentences, as ``Tree`` keeps them."""
    from spacy.attrs import DEP, HEAD

    arr = doc.to_array([HEAD, DEP]).reshape(len(doc), 2)  # heads as offsets; labels as string ids
    return (np.arange(len(doc)) + arr[:, 0].astype(np.int64)).tolist(), hash_strings(doc, arr[:, 1]), doc.sents


def capped(walk: tuple[list[str], list[str]] | str) -> str:
    """A walk as a path name ("nsubj^", "pobj^prep^"); more than ``MAX_UP`` steps either way is "far"."""
    if isinstance(walk, str):
        return walk
    ups, downs = walk
    if len(ups) > MAX_UP or len(downs) > MAX_UP:
        return "far"
    return _path_name(ups, downs)


def _path_name(ups: list[str], downs: list[str]) -> str:
    """The name of a walk of at most ``MAX_UP`` steps each way: each dep going up, then each coming down."""
    up = "^".join(ups) + "^" if ups else ""  # the same as one "dep^" per step, without a generator
    return (up + "v" + "v".join(downs) if downs else up) or "self"


def path(mention: Token, trigger: Token, tree: Tree | None = None) -> str:
    """The dependency path from a mention's root to the trigger: deps going up, then deps coming down."""
    return capped((tree or Tree(mention.doc)).walk(mention.i, trigger.i))


def subject_kind(trigger: Token, actors: ArticleActors) -> str:
    """What the trigger's clause has as subject: an actor, a pronoun no actor holds ("it", "they"), another
    word, or none. With no actor as subject the source is more often in the sentence before."""
    verb = trigger
    for _ in range(3):  # "X vowed to sue": the subject of 'sue' is the subject of 'vowed'
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            if actors.at_token(subj) is not None:
                return "actor"
            return "pronoun" if subj.pos_ == "PRON" else "other"
        if verb.dep_ not in ("xcomp", "conj", "ccomp", "advcl") or verb.head.i == verb.i:
            break
        verb = verb.head
    return "none"


def _own_place(add, root: Token, where: str) -> None:
    """Where a mention of another sentence sits in its own: the subject of its root, an object, ..."""
    at_root = root.head.i == root.i or root.head.dep_ == "ROOT"
    add("own_dep", f"{where}|{root.dep_}|{'root' if at_root else 'inner'}")


@dataclass
class EventView:
    """What every candidate mention of one event shares, read once per event (``event_view``), not once per
    mention: the trigger's root, its sentence's mentions, the statement that holds it and the values the
    features read from them."""

    tree: Tree
    head: Token | None  # the trigger's root; None when the trigger's characters make no tokens
    statement: Statement | None  # the statement holding the trigger (``statement_holding``)
    sentence_mentions: list[ActorMention]  # the mentions of the trigger's sentence
    named: frozenset[str] = frozenset()  # their actors
    lemma: str = ""
    voice: str = "active"
    subject: str = "none"  # ``subject_kind`` of the trigger
    origin: str = "rule"
    first_sentence: bool = False
    cue: bool = False  # the trigger is the statement's cue
    walks: dict[int, tuple[list[str], list[str]] | str] = field(default_factory=dict)

    def walk(self, i: int) -> tuple[list[str], list[str]] | str:
        """``Tree.walk`` from token ``i`` to the trigger's root, walked once per token."""
        got = self.walks.get(i)
        if got is None:
            got = self.walks[i] = self.tree.walk(i, self.head.i)
        return got


def event_view(
    doc: Doc,
    event: Event,
    actors: ArticleActors,
    statements: list[Statement],
    tree: Tree | None = None,
    head: Token | None = None,
) -> EventView:
    """The view of ``event`` (``tree``: the doc's, when the caller keeps one; ``head``: the token to read as
    the trigger, default the trigger's root)."""
    tree = tree or Tree(doc)
    if head is None:
        trig = trigger_span(doc, event)
        head = trig.root if trig is not None else None
    st = statement_holding(statements, event.trigger.start)
    if head is None:
        return EventView(tree, None, st, [])
    mentions = tree.mentions_of(actors, tree.sentence(head.i))
    return EventView(
        tree,
        head,
        st,
        mentions,
        named=frozenset(m.actor_id for m in mentions),
        lemma=head.lemma_.lower(),
        voice="passive" if any(c.dep_ in PASSIVE for c in head.children) else "active",
        subject=subject_kind(head, actors),
        origin="sentence" if event.rule == SENTENCE_RULE else "rule",
        first_sentence=tree.sent_starts[head.i] == 0,
        cue=st is not None and st.cue.start <= event.trigger.start < st.cue.end,
    )


def pair_features(
    doc: Doc,
    event: Event,
    cand: Candidate,
    actors: ArticleActors,
    statements: list[Statement],
    *,
    index: int,
    counts: dict[str, int],
    tree: Tree | None = None,
    vector: bool = True,
    view: EventView | None = None,
) -> dict[str, float]:
    """The features of one candidate mention of ``event`` (``index``: its place among the candidates;
    ``counts``: mentions per actor in the article; ``tree``: the doc's, when the caller keeps one;
    ``vector``: False leaves out the parser's vector, which the chooser passes as one block, ``vector_block``;
    ``view``: the event's, when the caller keeps one).

    It runs once per (event, candidate) pair, so the three steps below each write into the one dict, get
    what they read as arguments and name their features by hand (``key + typed``: the names ``add(...,
    typed=True)`` makes): three calls per pair, not one per feature (in an A/B on the 9,315 pairs of tp120,
    six steps cost this function 2-4%, three stay within the noise). The steps' order is the dict's order."""
    f: dict[str, float] = {}
    etype = event.event_type

    def add(name: str, value: object = None, *, typed: bool = False) -> None:
        key = name if value is None else f"{name}={value}"
        f[key] = 1.0
        if typed:
            f[f"{key}|{etype}"] = 1.0

    m = cand.mention
    actor = actors.actors[m.actor_id]
    if view is None or view.head is None:
        view = _pair_view(doc, event, m, actors, statements, view, tree)
    tree = view.tree
    root = tree.root(m)
    facts = tree.facts(root)
    typed = "|" + etype  # the event type crossed with a feature
    walk = view.walk(root.i)
    p = capped(walk)
    where = cand.where
    _where_features(f, typed, view, facts, m, root.i, index, where, p)
    n_mentions = counts.get(m.actor_id, 0)
    _mention_features(f, typed, add, view.voice, actor, m, facts, n_mentions, walk, p, root, where)
    rank = tree.rank(counts, n_mentions)
    _context_features(f, typed, add, event, view, rank, p, where, m.actor_id, doc[m.token_start].idx)
    if vector:
        _vector(f, doc, root)
    return f


def _pair_view(
    doc: Doc,
    event: Event,
    mention: ActorMention,
    actors: ArticleActors,
    statements: list[Statement],
    view: EventView | None,
    tree: Tree | None,
) -> EventView:
    """The event's view when the caller kept none; for a trigger whose characters make no tokens, the view
    with ``mention``'s root standing in for the trigger, so the pair still has a path, a side and a clause."""
    view = view or event_view(doc, event, actors, statements, tree)
    if view.head is None:
        view = event_view(doc, event, actors, statements, view.tree, head=view.tree.root(mention))
    return view


def _where_features(
    f: dict[str, float],
    typed: str,
    view: EventView,
    facts: tuple,
    mention: ActorMention,
    root: int,
    index: int,
    where: str,
    p: str,
) -> None:
    """Where the mention sits against the trigger's root, the strongest cues (most crossed with the event
    type, ``typed``). In the parse: where it was found, the dependency path, its own label with its head's
    word, and for "against X" the preposition and whether it hangs on the trigger itself. In the text: over
    the trigger, before or after it and how far (binned), and its place among the candidates (sources come
    first in English, targets after)."""
    dep, head_lemma, head_lower, head_head, _, _, _ = facts
    head = view.head.i
    f["bias"] = f["bias" + typed] = 1.0
    key = "where=" + where
    f[key] = f[key + typed] = 1.0
    key = "path=" + p
    f[key] = f[key + typed] = 1.0
    f[f"path_lemma={p}|{view.lemma}"] = 1.0
    key = "dep=" + dep
    f[key] = f[key + typed] = 1.0
    f[f"head_dep={dep}|{head_lemma}"] = 1.0
    if dep == "pobj":
        key = "prep=" + head_lower
        f[key] = f[key + typed] = 1.0
        f[f"prep_attach={head_lower}|{head_head == head}"] = 1.0
    if mention.token_start <= head < mention.token_end:
        f["covers_trigger"] = 1.0
    side = "before" if mention.token_end <= head else "after"
    key = "side=" + side
    f[key] = f[key + typed] = 1.0
    f[_binned(_DISTANCE[side], abs(root - head))] = 1.0
    f[_binned(_INDEX, index)] = 1.0


def _mention_features(
    f: dict[str, float],
    typed: str,
    add,
    voice: str,
    actor: Actor,
    mention: ActorMention,
    facts: tuple,
    n_mentions: int,
    walk: tuple[list[str], list[str]] | str,
    p: str,
    root: Token,
    where: str,
) -> None:
    """What the mention names and how its path reads. The actor's kind and sector (a state protests less than
    its people), whether it has a country, the resolver rule that found it, its root's part of speech, entity
    type and lemma, how often the article names the actor (binned); then the path with what turns it around
    (the trigger's voice: the subject of a passive is its target; the actor's kind) and the path's shape (its
    first steps up, last down, its length), which generalises past the capped names, or for a mention of
    another sentence its place in its own."""
    _, _, _, _, pos, ent, lemma = facts
    kind = actor.kind
    key = f"kind={kind}"
    f[key] = f[key + typed] = 1.0
    key = f"sector={actor.sector or 'none'}"
    f[key] = f[key + typed] = 1.0
    f["country=yes" if actor.country else "country=no"] = 1.0
    f[f"rule={mention.rule.split(':')[0]}"] = 1.0
    f[f"pos={pos}"] = 1.0
    f[f"ent={ent}"] = 1.0
    f[_binned(_MENTIONS, n_mentions)] = 1.0
    f[f"lemma={lemma}"] = 1.0
    key = f"voice_path={voice}|{p}"
    f[key] = f[key + typed] = 1.0
    f[f"kind_path={kind}|{p}"] = 1.0
    if isinstance(walk, str):
        _own_place(add, root, where)
        return
    ups, downs = walk
    f[f"up2={'^'.join(ups[:2]) or '-'}"] = 1.0
    f[f"down2={'v'.join(downs[-2:]) or '-'}"] = 1.0
    f[_binned(_PATH_LEN, len(ups) + len(downs))] = 1.0


def _context_features(
    f: dict[str, float],
    typed: str,
    add,
    event: Event,
    view: EventView,
    rank: str,
    p: str,
    where: str,
    actor_id: str,
    start: int,
) -> None:
    """What surrounds the pair and what the earlier stages said. The trigger's subject and label (a
    subjectless trigger takes its source from the sentence before), the actor's rank among the article's
    actors, the event's origin with the path, whether a mention from elsewhere is also named in the trigger's
    sentence, the article's first sentence; whether the rule coder chose the actor (this very mention, first
    character ``start``, or another of it) as source or target, and where the mention sits in the statement
    that holds the trigger, crossed with the path."""
    key = f"trigger_subject={view.subject}|{where}"
    f[key] = f[key + typed] = 1.0
    f[f"trigger_dep={view.head.dep_}|{p}"] = 1.0
    f[f"rank={rank}"] = 1.0
    f[f"origin_path={view.origin}|{p}"] = 1.0
    if where != "sentence":
        f["actor_in_sentence=yes" if actor_id in view.named else "actor_in_sentence=no"] = 1.0
    if view.first_sentence:
        f["first_sentence"] = 1.0
    for role, ref in (("rule_src", event.source), ("rule_tgt", event.target)):
        if ref is not None and ref.id == actor_id:
            add(role, "mention" if ref.start == start else "actor", typed=True)
    add("stmt_path", f"{_statement(add, view, start, actor_id)}|{p}")


def _vector(f: dict[str, float], doc: Doc, root: Token) -> None:
    """The parser's context vector of the mention (``doc.tensor``), unit length: what kind of thing it is and
    how the sentence uses it, also for words the labels never showed."""
    tensor = getattr(doc, "tensor", None)
    if tensor is None or not getattr(tensor, "size", 0) or tensor.shape[0] != len(doc):
        return
    vec = tensor[root.i]
    norm = float(np.linalg.norm(vec))
    if norm:
        f.update(zip(VECTOR_NAMES, (vec / norm * VECTOR_SCALE).tolist(), strict=False))


def vector_block(doc: Doc, roots: list[int | None]) -> tuple[tuple[str, ...], np.ndarray] | None:
    """The same values ``_vector`` names, for tokens ``roots`` (a row of zeros for None, e.g. the row of "no
    target") as one dense block for ``LinearModel.proba``; None when the doc has no tensor."""
    tensor = getattr(doc, "tensor", None)
    if tensor is None or not getattr(tensor, "size", 0) or tensor.shape[0] != len(doc):
        return None
    vecs = np.asarray(tensor[[0 if r is None else r for r in roots]], dtype=np.float64)
    vecs[[k for k, r in enumerate(roots) if r is None]] = 0.0  # a norm of 0: the row stays zeros
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    vecs = np.divide(vecs, norms, out=np.zeros_like(vecs), where=norms > 0) * VECTOR_SCALE
    return VECTOR_NAMES[: vecs.shape[1]], vecs


def _statement(add, view: EventView, start: int, actor_id: str) -> str:
    """Where the mention (its first character ``start``) sits in the reported speech that holds the trigger,
    and whether it is the speaker (returned: "none", "speaker", "content" or "outside", for crossing with the
    path)."""
    st = view.statement
    if st is None:
        add("statement", "none")
        return "none"
    add("statement", "direct" if st.direct else "indirect")
    cue = view.cue
    if cue:
        add("trigger_is_cue")
    where = "outside"
    if st.speaker is not None and st.speaker.start <= start < st.speaker.end:
        add("speaker_mention", "cue" if cue else "content", typed=True)
        where = "speaker"
    elif st.content.start <= start < st.content.end:
        add("in_content", "cue" if cue else "content", typed=True)
        where = "content"
    if st.speaker is not None:
        add("same_as_speaker", "yes" if actor_id == st.speaker.id else "no", typed=True)
    return where


def rival_features(
    doc: Doc, event: Event, cands: list[Candidate], tree: Tree | None = None, view: EventView | None = None
) -> list[dict[str, float]]:
    """What the other candidates are: a linear model that scores each mention alone learns to rank this way.

    ``rival=nsubj^`` on a mention says another actor is the trigger's subject (``same_actor=nsubj^``: this
    mention's own actor is, under another mention, as "he" is for "Trump" in "Trump said he would sue");
    ``nearest=after`` says no other actor of the sentence is closer to the trigger on its side.
    ``view``: the event's, when the caller keeps one.
    """
    if view is None:
        trig = trigger_span(doc, event)
        if trig is None:
            return [{} for _ in cands]
        view = EventView(tree or Tree(doc), trig.root, None, [])
    elif view.head is None:
        return [{} for _ in cands]
    head = view.head
    roots = [view.tree.root(c.mention) for c in cands]
    paths = [capped(view.walk(r.i)) for r in roots]
    local = [k for k, c in enumerate(cands) if c.where == "sentence"]
    nearest = {}
    for side, keep in (("before", lambda r: r.i < head.i), ("after", lambda r: r.i > head.i)):
        here = [k for k in local if keep(roots[k])]
        if here:
            nearest[min(here, key=lambda k: abs(roots[k].i - head.i))] = side
    out = []
    ids = [c.mention.actor_id for c in cands]
    near = [j for j, p in enumerate(paths) if p not in ("far", "other-sentence")]
    rival = {j: "rival=" + paths[j] for j in near}
    same = {j: "same_actor=" + paths[j] for j in near}
    count = _binned(_SENTENCE_ACTORS, len(local))
    typed = "|" + event.event_type
    for k in range(len(cands)):
        f = {}
        own = ids[k]
        for j in near:
            if j != k:
                f[same[j] if ids[j] == own else rival[j]] = 1.0
        if k in nearest:
            name = "nearest=" + nearest[k]
            f[name] = 1.0
            f[name + typed] = 1.0
        f[count] = 1.0
        out.append(f)
    return out


@dataclass
class Duo:
    """What the features of a (source, target) pair of one event's candidates read, found once per event
    (``duo_view``): plain lists, so a training example keeps them without the parse."""

    event_type: str
    voice: str
    head: int  # the trigger's root
    roots: list[int]  # each candidate's root token
    where: list[str]
    deps: list[str]  # each root's dependency label
    paths: list[str]  # each root's path to the trigger (``capped``)
    between: dict[tuple[int, int], str]  # (i, j) -> the path from candidate i's root to j's (``capped``)


def duo_view(view: EventView, cands: list[Candidate], event_type: str, between: bool = True) -> Duo | None:
    """The ``Duo`` of an event's candidates; None when the trigger has no tokens. ``between``: False leaves
    ``Duo.between`` empty, for a caller that reads the paths between mentions itself (the chooser's
    ``doc_duo_scores``)."""
    if view.head is None:
        return None
    tree = view.tree
    roots = [tree.root(c.mention).i for c in cands]
    paths_between = {}
    if between:
        pairs = duo_pairs([c.mention.actor_id for c in cands])
        paths_between = {(i, j): tree.path_between(roots[i], roots[j]) for i, j in pairs if j is not None}
    return Duo(
        event_type=event_type,
        voice=view.voice,
        head=view.head.i,
        roots=roots,
        where=[c.where for c in cands],
        deps=[tree.doc[r].dep_ for r in roots],
        paths=[capped(view.walk(r)) for r in roots],
        between=paths_between,
    )


def duo_features(duo: Duo, i: int, j: int | None) -> dict[str, float]:
    """The features of candidate ``i`` as the source with candidate ``j`` (None: no target) as the target.

    What neither mention's own features say: which of the two comes first in the voice of the trigger
    ("X was criticised by Y" puts the source second), on which sides of the trigger they sit, their two
    paths to the trigger together ("nsubj^" with "pobj^prep^") and the path from one to the other.
    """
    v = duo.voice
    if j is None:
        return dict.fromkeys(duo_none_names(duo.paths[i], duo.where[i]), 1.0)
    order = "st" if duo.roots[i] < duo.roots[j] else "ts"
    sides = ("b" if duo.roots[i] < duo.head else "a") + ("b" if duo.roots[j] < duo.head else "a")
    return dict.fromkeys(
        (
            *duo_order_names(order, v, duo.event_type),
            duo_sides_name(sides, v),
            DUO_WHERE.format(duo.where[i], duo.where[j], v),
            DUO_DEPS.format(duo.deps[i], duo.deps[j], v),
            DUO_PATHS.format(duo.paths[i], duo.paths[j], v),
            *duo_between_names(duo.between[i, j], v),
        ),
        1.0,
    )


# The names of the pair features, written once: ``duo_features`` makes a pair's row of them and the chooser's
# ``duo_scores`` looks their weights up directly. The three two-mention pieces are format strings of
# (source's value, target's value, voice).
DUO_WHERE = "duo:where={}|{}"
DUO_DEPS = "duo:deps={}|{}|{}"
DUO_PATHS = "duo:paths={}|{}"


def duo_none_names(path: str, where: str) -> tuple[str, str]:
    return f"duo:none|{path}", f"duo:none_where|{where}"


def duo_order_names(order: str, voice: str, event_type: str) -> tuple[str, str]:
    return f"duo:order={order}|{voice}", f"duo:order={order}|{voice}|{event_type}"


def duo_sides_name(sides: str, voice: str) -> str:
    return f"duo:sides={sides}|{voice}"


def duo_between_names(between: str, voice: str) -> tuple[str, str]:
    return f"duo:between={between}", f"duo:between={between}|{voice}"


def duo_pairs(actor_ids: list[str]) -> list[tuple[int, int | None]]:
    """The (source, target) pairs of an event's candidates: two mentions of different actors, or a source and
    no target (None), in a fixed order (training and the chooser enumerate them the same way)."""
    n = len(actor_ids)
    return [
        (i, j) for i in range(n) for j in (*range(n), None) if j is None or (j != i and actor_ids[j] != actor_ids[i])
    ]
