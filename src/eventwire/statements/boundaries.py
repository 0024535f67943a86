"""The learned boundary step: re-choose where each tagged span starts and where it ends.

The tagger decides token by token and sees a few tokens either side, so a span that overlaps the
right words often starts or stops a few words off PolNeAR's boundary (on PolNeAR dev, 519 of the
2,299 predicted contents overlap a gold content but miss its boundary; half of those are more than
five tokens off). This step looks at each span the tagger (and :func:`.tagger.snap_spans`) gives
and picks its start among nearby candidates, and its end likewise: every token up to ``NEAR``
tokens away, and the edges of the parse's phrases up to ``FAR`` tokens away, never across a
neighbouring span. Each side is a conditional logit over its candidates (a linear score,
softmax over the span's candidates), trained on PolNeAR train articles the tagger did not see
(:func:`fit`, run by ``eventwire train statements``). Behind the tagger trained as a CRF, the step
ships for cues only (``training.BOUNDARY_ROLES``): the CRF's own sources and contents stop where
PolNeAR's do as often as the step would move them (PolNeAR dev exact F1 with the step on every
role / cues only / none: source 0.785 / 0.784 / 0.785, cue 0.726 / 0.726 / 0.722, content 0.649 alike).

The score of a candidate start ``a`` of a span ``[s, e)`` of role ``r`` adds the weights of:

- the words at ``a`` and ``a - 1`` (function word or part of speech, dependency label, the head's
  label); the tagger's P(B-r) and P(r) at ``a`` and P(O) at ``a - 1``, in bands;
- how far ``a`` lies from ``s`` (with the word at ``a``); the tagger's log-odds of role ``r``
  summed over the tokens the move adds or drops, rounded;
- the span before it (its role, the tokens between; with the word at ``a``).

An end ``b`` mirrors it (the words at ``b - 1`` and ``b``, the span after). Scores are read from
arrays over the doc's tokens, so the step costs a few numpy operations per span.

Simpler structure did not help (PolNeAR dev, shipped tagger): snapping each span to the best
parse subtree or projection near it (score: the tagger's log-odds summed over the span, plus a bonus
for a syntactic span) lost exact F1 for every bonus from 0.5 to 8 (content 0.615 -> 0.534 to 0.599,
cue 0.723 -> 0.661 to 0.708, source 0.760 -> 0.732 to 0.736), and snapping only the spans that are
no such phrase moved content by -0.001 to +0.001: only 57% of PolNeAR's dev contents are a subtree
or projection of the parse at all (48% a subtree), against 54% of the tagger's. Biasing the decoder
towards a role lost exact F1 too (cue x e^0.3 to e^1.5: cue 0.719 to 0.688, overlap up).

Measured later, none kept (PolNeAR dev exact F1 source / cue / content through the whole stage, the
step refitted on the same out-of-fold train spans as the shipped one, which the refit reproduces to
1e-5: 0.763 / 0.725 / 0.628). More feature families, each alone and all together within 0.001 of
that per role: whether the candidate span leaves a phrase open at the moved edge, how many of its
words hang outside it, the candidate word's relation to the cue's head, the cue's lemma with the
offset and with the word, the lemma of the cue beside a content with the word. Re-ranking the 3 x 3
best start / end pairs with a second conditional logit over pair features (the two sides'
log-probabilities and ranks, whether the pair is a parse subtree, open edges, words hanging
outside, sentence breaks inside, quote marks balanced, length, first and last word), fitted on train
spans scored by a step fitted on the other half of the train articles: 0.764 / 0.723 / 0.625 with the
first and last words, 0.764 / 0.725 / 0.629 without, although the gold pair is among the 9 for 1,735
of the 1,974 dev contents that overlap a gold one (1,492 right now) and for 1,507 of 1,571 cues
(1,434). PolNeAR's extent conventions are split about evenly where the step errs: on the out-of-fold
train spans, taking a following time word into a cue ("said Friday") would make 24 cues right and
24 wrong, a preposition before the content ("called for") 25 and 44, an object and a preposition
("accused X of") 3 and 12. Two of PolNeAR's annotators agree on exact spans no better: on the 16
train articles annotated twice, exact F1 between the two annotations is source 0.791, cue 0.706,
content 0.681. Behind the CRF-trained tagger the step leaves more dev cues short of PolNeAR's than
past it (122 gold cues overlap a prediction that stops short at one edge, 43 one that runs past it),
but a constant added at decoding to every outward move of a cue's end (+0.25 / +0.5 / +1.0) or start
(+0.5) moved cue exact F1 0.7262 -> 0.7267 / 0.7272 / 0.7243 / 0.7277, and -0.25 on the end 0.7267: noise.
Two cue-extent rules after the step, checked on dev and on the first 240 train articles (train
in-sample for the tagger), cue exact F1, not kept: a cue taking an untagged adverb, auxiliary or
negation just before it that hangs on it (the guidelines' "verb group"; gold cues hold such a word
86% of the time) moved dev 0.7284 -> 0.7298 (+3 hits) but train 0.7977 -> 0.7959 (-8); a cue taking
the object noun phrase right after it when its noun is one of the lexicon's speech nouns ("issued a
statement") moved dev 0.7288 -> 0.7273 and train 0.7988 -> 0.7965.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import numpy
from spacy.attrs import DEP, HEAD, LOWER, POS
from spacy.strings import get_string_id
from spacy.tokens import Doc

from eventwire.statements.features import distinct_strings
from eventwire.statements.polnear import ROLES

TAGS = ("O", *(f"{p}-{r}" for r in ROLES for p in ("B", "I")))  # as tagger.TAGS (imported there from here)
FILE = "boundaries.json"
NEAR = 8  # every start / end up to this many tokens from the tagged one is a candidate
FAR = 25  # phrase edges (a token's left or right edge) up to this far are candidates too
PROB_BANDS = (0.02, 0.1, 0.3, 0.5, 0.7, 0.9, 0.98)
LOGODDS_CLIP = 6
SIDES = ("start", "end")
CONTEXT_ROLES = ("none", *ROLES)
GAP_BANDS = ("0", "1", "2", "3", "4-8", "far")
FUNCTION_WORDS = frozenset("""
that to the a an of in on at for with by from as and or but , . ; : " “ ” ' ’ ‘ ( ) - — – -- which who whom
whose what when where why how if whether because while although he she they it we i you his her their its our this
these those is was are were be been being has have had will would could should may might can not n't said says say
according
""".split())  # fmt: skip
_UPOS = "ADJ ADP ADV AUX CCONJ DET INTJ NOUN NUM PART PRON PROPN PUNCT SCONJ SYM VERB X SPACE".split()
WORD_CLASSES = (*sorted(FUNCTION_WORDS), *_UPOS, "P", "SP", "")  # every value of the word family; the last: any other
_WORD_ID = {w: k for k, w in enumerate(WORD_CLASSES)}
_FUNC_ORDER = sorted((get_string_id(w), _WORD_ID[w]) for w in FUNCTION_WORDS)  # (string id, word class)
_FUNC_IDS = numpy.array([i for i, _ in _FUNC_ORDER], dtype=numpy.uint64)
_FUNC_WORD = numpy.array([k for _, k in _FUNC_ORDER], dtype=numpy.int64)
# token-level families: (name, which token relative to the candidate, attribute); start side: the
# candidate a and a - 1; end side: the last token b - 1 and the one after, b
_TOKEN_FAMILIES = {
    "start": (("aw", 0, "w"), ("ap", 0, "p"), ("ad", 0, "d"), ("ahd", 0, "hd"),
              ("bw", -1, "w"), ("bp", -1, "p"), ("bd", -1, "d"), ("bhd", -1, "hd")),
    "end": (("lw", -1, "w"), ("lp", -1, "p"), ("ld", -1, "d"), ("lhd", -1, "hd"),
            ("nw", 0, "w"), ("np", 0, "p"), ("nd", 0, "d"), ("nhd", 0, "hd")),
}  # fmt: skip
EDGE = "EDGE"  # the value of a token family past either end of the doc


class Tokens:
    """What the boundary step reads of a parsed doc: per token its word class (a function word
    as written, else its part of speech; ``P`` punctuation, ``SP`` whitespace), part of speech,
    dependency label and head's label, and the first and last token of its phrase (subtree).
    Each attribute is kept as (distinct values, index of each token's value): built from the
    doc's arrays, the strings looked up once per distinct value."""

    def __init__(self, codes: dict[str, tuple[list[str], numpy.ndarray]], left: numpy.ndarray, right: numpy.ndarray):
        self.codes = codes
        self.word_ids = codes["w"][1]  # index into WORD_CLASSES
        self.left = left  # left edge of each token's subtree
        self.right = right  # right edge + 1
        self.n = len(self.word_ids)
        self._values: dict[str, list[str]] = {}

    @property
    def values(self) -> dict[str, list[str]]:
        """Each attribute's value per token, as strings (what training names features by)."""
        if not self._values:
            self._values = {attr: [d[k] for k in index.tolist()] for attr, (d, index) in self.codes.items()}
        return self._values

    @classmethod
    def from_doc(cls, doc: Doc) -> Tokens:
        n = len(doc)
        arr = doc.to_array([LOWER, POS, DEP, HEAD]) if n else numpy.zeros((0, 4), dtype=numpy.uint64)
        strings = doc.vocab.strings
        heads = numpy.arange(n) + arr[:, 3].astype(numpy.int64)
        pos, pos_index = distinct_strings(arr[:, 1], strings)
        deps, dep_index = distinct_strings(arr[:, 2], strings)
        by_pos = numpy.array([_WORD_ID.get(_pos_class(p), len(WORD_CLASSES) - 1) for p in pos] or [0])
        # a function word by its string id (the lower-cased forms' ids found among the function words')
        lowers = arr[:, 0]
        at = numpy.minimum(numpy.searchsorted(_FUNC_IDS, lowers), len(_FUNC_IDS) - 1)
        word_ids = numpy.where(_FUNC_IDS[at] == lowers, _FUNC_WORD[at], by_pos[pos_index]) if n else pos_index
        head_index = numpy.where(heads == numpy.arange(n), len(deps), dep_index[heads] if n else dep_index)
        codes = {
            "w": (list(WORD_CLASSES), word_ids),
            "p": (pos, pos_index),
            "d": (deps, dep_index),
            "hd": ([*deps, "ROOT"], head_index),
        }
        left, right = _edges(heads)
        return cls(codes, left, right)


def _pos_class(pos: str) -> str:
    return "SP" if pos == "SPACE" else "P" if pos == "PUNCT" else pos


def _edges(heads: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
    """Left edge and right edge + 1 of every token's subtree, from the head array (each token
    passes its own span up to its head, the deepest tokens first: a child is done before its head)."""
    n = len(heads)
    left = numpy.arange(n)
    right = numpy.arange(n) + 1
    depth = _depths(heads)
    order = numpy.argsort(depth, kind="stable")
    ends = numpy.cumsum(numpy.bincount(depth)) if n else numpy.zeros(1, dtype=numpy.int64)
    for d in range(len(ends) - 1, 0, -1):  # depth 0: the roots, whose head is themselves
        kids = order[ends[d - 1] : ends[d]]
        hs = heads[kids]
        numpy.minimum.at(left, hs, left[kids])
        numpy.maximum.at(right, hs, right[kids])
    return left.astype(numpy.int64), right.astype(numpy.int64)


def _depths(heads: numpy.ndarray) -> numpy.ndarray:
    """Each token's distance from its root, by pointer jumping: ``up`` is each token's 2^k-th
    ancestor (or its root) and ``depth`` the distance to it, both doubled each round."""
    n = len(heads)
    depth = (heads != numpy.arange(n)).astype(numpy.int64)
    up = heads
    for _ in range(n.bit_length() + 1):
        nxt = up[up]
        if numpy.array_equal(nxt, up):
            return depth
        depth = depth + depth[up]
        up = nxt
    return _depths_stepwise(heads)  # not a forest (never from a parse)


def _depths_stepwise(heads: numpy.ndarray) -> numpy.ndarray:
    n = len(heads)
    depth = numpy.zeros(n, dtype=numpy.int64)
    cur = heads.copy()
    alive = cur != numpy.arange(n)
    for _ in range(n):
        if not alive.any():
            break
        depth += alive
        nxt = heads[cur]
        alive = alive & (nxt != cur)
        cur = nxt
    return depth


def _band(x: numpy.ndarray) -> numpy.ndarray:
    return numpy.searchsorted(numpy.asarray(PROB_BANDS), x, side="right")


def _offset_index(d: numpy.ndarray) -> numpy.ndarray:
    """Offsets -NEAR..NEAR -> 0..2*NEAR, further before -> 2*NEAR+1, further after -> 2*NEAR+2."""
    return numpy.where(d < -NEAR, 2 * NEAR + 1, numpy.where(d > NEAR, 2 * NEAR + 2, d + NEAR))


def _offset_name(k: int) -> str:
    return str(k - NEAR) if k <= 2 * NEAR else ("<" if k == 2 * NEAR + 1 else ">")


def _gap_index(g: int) -> int:
    return g if g <= 3 else (4 if g <= 8 else 5)


_GAP_EDGES = numpy.array([0, 1, 2, 3, 8])  # searchsorted(left) gives _gap_index for gaps >= 0


class _Place:
    """One span's place among the others: how far it may move (``lo``, ``hi``), its neighbours."""

    __slots__ = ("hi", "lo", "next", "prev")

    def __init__(self, lo: int, hi: int, prev: tuple | None, nxt: tuple | None) -> None:
        self.lo, self.hi, self.prev, self.next = lo, hi, prev, nxt


def _places(spans: list[tuple[str, int, int]], n: int) -> list[_Place]:
    """Each span's :class:`_Place`; the spans (tagged, so never overlapping) in any order."""
    order = sorted(range(len(spans)), key=lambda k: (spans[k][1], spans[k][2]))
    out: list[_Place] = [None] * len(spans)  # type: ignore[list-item]
    for j, k in enumerate(order):
        prev = spans[order[j - 1]] if j > 0 else None
        nxt = spans[order[j + 1]] if j + 1 < len(order) else None
        out[k] = _Place(prev[2] if prev else 0, nxt[1] if nxt else n, prev, nxt)
    return out


def candidates(tokens: Tokens, side: str, s: int, e: int, lo: int, hi: int) -> numpy.ndarray:
    """Candidate starts (``side`` "start") or ends of span [s, e): nearby tokens and phrase edges,
    within [lo, hi) and leaving the span at least one token."""
    if side == "start":
        near = numpy.arange(s - NEAR, s + NEAR + 1)
        a, b = max(0, s - NEAR), min(tokens.n, e)
        edges = tokens.left[a:b]
        out = numpy.union1d(near, edges[numpy.abs(edges - s) <= FAR])
        return out[(out >= lo) & (out < e)]
    near = numpy.arange(e - NEAR, e + NEAR + 1)
    a, b = max(0, s), min(tokens.n, e + NEAR)
    edges = tokens.right[a:b]
    out = numpy.union1d(near, edges[numpy.abs(edges - e) <= FAR])
    return out[(out > s) & (out <= hi)]


def _role_logodds(probs: numpy.ndarray, role: str) -> numpy.ndarray:
    """Prefix sums of the log-odds that each token is inside a span of ``role``."""
    b = TAGS.index(f"B-{role}")
    inside = probs[:, b] + probs[:, b + 1]
    return numpy.concatenate([[0.0], numpy.cumsum(numpy.log(inside + 1e-6) - numpy.log(1 - inside + 1e-6))])


def _prob_values(probs: numpy.ndarray, side: str, role: str) -> dict[str, tuple[numpy.ndarray, int]]:
    """Banded tagger probabilities per family: (band per token, which token relative to the candidate)."""
    b = TAGS.index(f"B-{role}")
    if side == "start":
        return {
            "pB": (_band(probs[:, b]), 0),
            "pO": (_band(probs[:, 0]), -1),
            "pin": (_band(probs[:, b] + probs[:, b + 1]), 0),
        }
    return {
        "pI": (_band(probs[:, b] + probs[:, b + 1]), -1),
        "nO": (_band(probs[:, 0]), 0),
        "nI": (_band(probs[:, b + 1]), 0),
    }


def candidate_features(
    tokens: Tokens, probs: numpy.ndarray, spans: list[tuple[str, int, int]], k: int, side: str
) -> tuple[numpy.ndarray, list[list[str]]]:
    """(candidates, the names of each one's features) for span ``k``: what :func:`fit` learns from.
    :meth:`Boundaries.choose` adds up the same weights from arrays."""
    role, s, e = spans[k]
    place = _places(spans, tokens.n)[k]
    cands = candidates(tokens, side, s, e, place.lo, place.hi)
    logodds = _role_logodds(probs, role)
    bands = _prob_values(probs, side, role)
    ctx, ref = (place.prev, s) if side == "start" else (place.next, e)
    out = []
    for c in cands.tolist():
        at = c if side == "start" else c - 1  # the candidate's own token (first or last of the span)
        word = tokens.values["w"][at]
        names = []
        for fam, shift, attr in _TOKEN_FAMILIES[side]:
            j = c + shift
            names.append(f"{fam}={tokens.values[attr][j] if 0 <= j < tokens.n else EDGE}")
        for fam, (band, shift) in bands.items():
            j = c + shift
            names.append(f"{fam}={int(band[j]) if 0 <= j < tokens.n else EDGE}")
        off = _offset_name(int(_offset_index(numpy.asarray(c - ref))))
        names.append(f"d={off}")
        names.append(f"dw={off}|{word}")
        moved = logodds[ref] - logodds[c] if side == "start" else logodds[c] - logodds[ref]
        names.append(f"lo={int(numpy.clip(numpy.round(moved), -LOGODDS_CLIP, LOGODDS_CLIP))}")
        if ctx is None:
            names.append("ctx=none")
            names.append(f"ctxw=none|{word}")
        else:
            gap = GAP_BANDS[_gap_index(c - ctx[2] if side == "start" else ctx[1] - c)]
            names.append(f"ctx={ctx[0]}|{gap}")
            names.append(f"ctxw={ctx[0]}|{gap}|{word}")
        out.append([f"{side}|{role}|{x}" for x in names])
    return cands, out


def _all_candidates(
    tokens: Tokens, side: str, spans: list[tuple[str, int, int]], places: list[_Place]
) -> tuple[numpy.ndarray, numpy.ndarray]:
    """(segment, candidate) of :func:`candidates` for every span at once, sorted by segment then candidate."""
    m = len(spans)
    s = numpy.array([x[1] for x in spans], dtype=numpy.int64)
    e = numpy.array([x[2] for x in spans], dtype=numpy.int64)
    lo = numpy.array([p.lo for p in places], dtype=numpy.int64)
    hi = numpy.array([p.hi for p in places], dtype=numpy.int64)
    ref = s if side == "start" else e
    near = (ref[:, None] + numpy.arange(-NEAR, NEAR + 1)).ravel()
    near_seg = numpy.repeat(numpy.arange(m), 2 * NEAR + 1)
    if side == "start":  # phrase edges of the tokens from NEAR before the start to the end
        a, b, edge = numpy.maximum(0, s - NEAR), numpy.minimum(tokens.n, e), tokens.left
    else:  # of the tokens from the start to NEAR past the end
        a, b, edge = numpy.maximum(0, s), numpy.minimum(tokens.n, e + NEAR), tokens.right
    lengths = numpy.maximum(0, b - a)
    edge_seg = numpy.repeat(numpy.arange(m), lengths)
    firsts = numpy.repeat(a - numpy.concatenate([[0], numpy.cumsum(lengths)[:-1]]), lengths)
    edges = edge[firsts + numpy.arange(int(lengths.sum()))]
    keep = numpy.abs(edges - ref[edge_seg]) <= FAR
    seg = numpy.concatenate([near_seg, edge_seg[keep]])
    cand = numpy.concatenate([near, edges[keep]])
    if side == "start":
        ok = (cand >= lo[seg]) & (cand < e[seg])
    else:
        ok = (cand > s[seg]) & (cand <= hi[seg])
    seg, cand = seg[ok], cand[ok]
    key = numpy.unique(seg * (tokens.n + 2 * FAR + 2) + (cand + FAR + 1))
    return key // (tokens.n + 2 * FAR + 2), key % (tokens.n + 2 * FAR + 2) - FAR - 1


def _segment_argmax(seg: numpy.ndarray, cands: numpy.ndarray, score: numpy.ndarray, m: int) -> list[int]:
    """The first best-scoring candidate of each segment 0..m-1 (every segment has one)."""
    starts = numpy.searchsorted(seg, numpy.arange(m))
    best = numpy.maximum.reduceat(score, starts)
    where = numpy.where(score == best[seg], numpy.arange(len(score)), len(score))
    return cands[numpy.minimum.reduceat(where, starts)].tolist()


class Boundaries:
    """Loaded boundary weights (feature name -> weight) and the fast scorer over them."""

    def __init__(self, weights: dict[str, float], roles: Iterable[str] = ROLES) -> None:
        self.weights = weights
        # a role with no weight at all would score every candidate 0 and move to the first: it is left as tagged
        self.roles = tuple(r for r in roles if any(f"|{r}|" in name for name in weights))
        self._vocab: dict[str, dict[str, int]] = {"p": {}, "d": {}, "hd": {}}  # values the weights name, per attribute
        for name in weights:
            side, _, rest = name.partition("|")
            fam, _, value = rest.partition("|")[2].partition("=")
            attr = next((a for f, _, a in _TOKEN_FAMILIES.get(side, ()) if f == fam), None)
            if attr in self._vocab and value != EDGE:
                self._vocab[attr].setdefault(value, len(self._vocab[attr]))
        self._tables: dict[tuple[str, str], dict] = {}
        for side in SIDES:
            for role in self.roles:
                self._tables[side, role] = self._table(side, role)

    @classmethod
    def from_dir(cls, path: Path) -> Boundaries | None:
        file = Path(path) / FILE
        if not file.is_file():
            return None
        data = json.loads(file.read_text(encoding="utf-8"))
        return cls(data["weights"], data.get("roles", ROLES))

    def save(self, path: Path, note: dict | None = None) -> None:
        data = {"roles": list(self.roles), "note": note or {}, "weights": dict(sorted(self.weights.items()))}
        (Path(path) / FILE).write_text(json.dumps(data, indent=0) + "\n", encoding="utf-8")

    def _table(self, side: str, role: str) -> dict:
        """The weights of one side and role, regrouped by family: value -> weight dicts, and arrays
        for the offsets, log-odds and contexts."""
        prefix = f"{side}|{role}|"
        fams: dict[str, dict[str, float]] = {}
        for name, w in self.weights.items():
            if name.startswith(prefix):
                fam, _, value = name[len(prefix) :].partition("=")
                fams.setdefault(fam, {})[value] = w
        offsets = [_offset_name(k) for k in range(2 * NEAR + 3)]
        d = fams.get("d", {})
        lo = fams.get("lo", {})
        ctx = fams.get("ctx", {})
        token = []
        for fam, shift, attr in _TOKEN_FAMILIES[side]:
            weights = fams.get(fam, {})
            if attr == "w":
                vec = numpy.array([weights.get(w, 0.0) for w in WORD_CLASSES])
            else:
                vocab = self._vocab[attr]
                vec = numpy.zeros(len(vocab) + 1)
                for value, k in vocab.items():
                    vec[k] = weights.get(value, 0.0)
            token.append((fam, shift, attr, vec, weights.get(EDGE, 0.0)))
        band = {}
        for fam in ("pB", "pO", "pin") if side == "start" else ("pI", "nO", "nI"):
            weights = fams.get(fam, {})
            band[fam] = (
                numpy.array([weights.get(str(v), 0.0) for v in range(len(PROB_BANDS) + 1)]),
                weights.get(EDGE, 0.0),
            )
        return {
            "token": token,
            "band": band,
            "d": numpy.array([d.get(o, 0.0) for o in offsets]),
            "dw": _word_matrix(_by_key(fams.get("dw", {})), offsets),
            "lo": numpy.array([lo.get(str(v), 0.0) for v in range(-LOGODDS_CLIP, LOGODDS_CLIP + 1)]),
            "ctx": numpy.array(
                [[ctx.get(f"{r}|{g}" if r != "none" else "none", 0.0) for g in GAP_BANDS] for r in CONTEXT_ROLES]
            ),
            "ctxw": _word_matrix(
                _by_key(fams.get("ctxw", {})),
                [r if r == "none" else f"{r}|{g}" for r in CONTEXT_ROLES for g in GAP_BANDS],
            ).reshape(len(CONTEXT_ROLES), len(GAP_BANDS), len(WORD_CLASSES)),
        }

    def adjust(self, doc: Doc, probs: numpy.ndarray, spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
        """Each span of a role the weights know moved to its best-scoring start and end (both
        chosen against the span as tagged; a pair that would leave it empty keeps the span)."""
        if not spans or not any(role in self.roles for role, _, _ in spans):
            return spans
        tokens = Tokens.from_doc(doc)
        places = _places(spans, len(doc))
        ids: dict[str, numpy.ndarray] = {}
        chosen: dict[tuple[str, int], int] = {}
        for role in self.roles:
            ks = [k for k, x in enumerate(spans) if x[0] == role]
            if not ks:
                continue
            logodds = _role_logodds(probs, role)
            for side in SIDES:
                seg, cands, score = self._batch(tokens, probs, spans, ks, side, places, logodds, ids)
                for k, c in zip(ks, _segment_argmax(seg, cands, score, len(ks)), strict=True):
                    chosen[side, k] = c
        out = []
        for k, (role, s, e) in enumerate(spans):
            if role in self.roles and chosen["start", k] < chosen["end", k]:
                s, e = chosen["start", k], chosen["end", k]
            out.append((role, s, e))
        return out

    def scores(self, tokens: Tokens, probs: numpy.ndarray, spans: list, k: int, side: str):
        """(candidates, score of each) for one side of span ``k``: the sum of the weights
        :func:`candidate_features` names for them."""
        role = spans[k][0]
        _, cands, score = self._batch(
            tokens, probs, spans, [k], side, _places(spans, tokens.n), _role_logodds(probs, role)
        )
        return cands, score

    def _batch(self, tokens, probs, spans, ks, side, places, logodds, ids=None):
        """(segment, candidate, score) over the candidates of one side of spans ``ks`` (one role):
        every span's candidates at once, ascending within a span (as :func:`candidates`)."""
        role = spans[ks[0]][0]
        table = self._tables[side, role]
        ids = {} if ids is None else ids
        token_scores = self._token_scores(tokens, probs, side, role, table, ids)
        seg, cands = _all_candidates(tokens, side, [spans[k] for k in ks], [places[k] for k in ks])
        span_s = numpy.array([spans[k][1] for k in ks], dtype=numpy.int64)
        span_e = numpy.array([spans[k][2] for k in ks], dtype=numpy.int64)
        ref = (span_s if side == "start" else span_e)[seg]
        at = cands if side == "start" else cands - 1
        offsets = _offset_index(cands - ref)
        words = tokens.word_ids[at]
        score = token_scores[cands] + table["d"][offsets] + table["dw"][offsets, words]
        moved = logodds[ref] - logodds[cands] if side == "start" else logodds[cands] - logodds[ref]
        score += table["lo"][
            numpy.clip(numpy.round(moved), -LOGODDS_CLIP, LOGODDS_CLIP).astype(numpy.int64) + LOGODDS_CLIP
        ]
        ctx_role = numpy.zeros(len(ks), dtype=numpy.int64)
        ctx_at = numpy.zeros(len(ks), dtype=numpy.int64)
        for j, k in enumerate(ks):
            ctx = places[k].prev if side == "start" else places[k].next
            if ctx is not None:
                ctx_role[j] = CONTEXT_ROLES.index(ctx[0])
                ctx_at[j] = ctx[2] if side == "start" else ctx[1]
        gaps = (cands - ctx_at[seg]) if side == "start" else (ctx_at[seg] - cands)
        gi = numpy.where(ctx_role[seg] > 0, numpy.searchsorted(_GAP_EDGES, gaps, side="left"), 0)
        score += table["ctx"][ctx_role[seg], gi] + table["ctxw"][ctx_role[seg], gi, words]
        return seg, cands, score

    def _token_scores(
        self, tokens: Tokens, probs: numpy.ndarray, side: str, role: str, table: dict, ids: dict
    ) -> numpy.ndarray:
        """Per candidate position c (0..n): the weights of the families that depend on the tokens
        at and beside c only (``ids``: each attribute's vocabulary index per token, made once per doc)."""
        n = tokens.n
        acc = {0: numpy.zeros(n), -1: numpy.zeros(n)}  # by the token's place: the candidate's own, the one before
        edge = {0: 0.0, -1: 0.0}  # past the doc's end (shift 0 at c == n) or start (shift -1 at c == 0)
        for _, shift, attr, vec, past in table["token"]:
            if attr not in ids:
                ids[attr] = self._ids(tokens, attr)
            acc[shift] += vec[ids[attr]]
            edge[shift] += past
        for fam, (band, shift) in _prob_values(probs, side, role).items():
            vec, past = table["band"][fam]
            acc[shift] += vec[band]
            edge[shift] += past
        out = numpy.empty(n + 1)
        out[:n] = acc[0]
        out[n] = edge[0]
        out[1:] += acc[-1]
        out[0] += edge[-1]
        return out

    def _ids(self, tokens: Tokens, attr: str) -> numpy.ndarray:
        """Each token's index in this step's vocabulary of ``attr`` (the last index: a value no weight names)."""
        if attr == "w":
            return tokens.word_ids
        distinct, index = tokens.codes[attr]
        vocab = self._vocab[attr]
        return numpy.array([vocab.get(v, len(vocab)) for v in distinct] or [0])[index]


def _word_matrix(by_key: dict[str, dict[str, float]], keys: list[str]) -> numpy.ndarray:
    """[key, word class] weights (0 for pairs never seen in training)."""
    out = numpy.zeros((len(keys), len(WORD_CLASSES)))
    for i, key in enumerate(keys):
        for word, w in by_key.get(key, {}).items():
            out[i, _WORD_ID.get(word, len(WORD_CLASSES) - 1)] += w if word in _WORD_ID else 0.0
    return out


def _by_key(weights: dict[str, float]) -> dict[str, dict[str, float]]:
    """``"key|word": w`` -> ``{"key": {"word": w}}`` (the word is the last field)."""
    out: dict[str, dict[str, float]] = {}
    for name, w in weights.items():
        key, _, word = name.rpartition("|")
        out.setdefault(key, {})[word] = w
    return out


def fit(groups: Iterable[tuple[list[list[str]], int]], *, l2: float = 10.0, max_iter: int = 500) -> dict[str, float]:
    """Conditional logit over candidate sets: ``groups`` of (each candidate's feature names, the
    index of the right one); L2 penalty ``l2``. Returns the nonzero weights."""
    import scipy.sparse as sp
    from scipy.optimize import minimize

    vocab: dict[str, int] = {}
    rows, cols, starts, gold = [], [], [], []
    n = 0
    for feats, right in groups:
        if len(feats) < 2:
            continue
        starts.append(n)
        gold.append(n + right)
        for names in feats:
            for name in names:
                rows.append(n)
                cols.append(vocab.setdefault(name, len(vocab)))
            n += 1
    if not starts:
        return {}
    X = sp.csr_matrix((numpy.ones(len(rows)), (rows, cols)), shape=(n, len(vocab)))
    first = numpy.asarray(starts)
    right_rows = numpy.asarray(gold)
    group = numpy.repeat(numpy.arange(len(first)), numpy.diff(numpy.append(first, n)))

    def loss(w: numpy.ndarray) -> tuple[float, numpy.ndarray]:
        s = X @ w
        top = numpy.maximum.reduceat(s, first)
        ex = numpy.exp(s - top[group])
        z = numpy.add.reduceat(ex, first)
        value = float((top + numpy.log(z) - s[right_rows]).sum() + 0.5 * l2 * (w @ w))
        p = ex / z[group]
        p[right_rows] -= 1
        return value, X.T @ p + l2 * w

    res = minimize(loss, numpy.zeros(len(vocab)), jac=True, method="L-BFGS-B", options={"maxiter": max_iter})
    names = list(vocab)
    return {names[j]: round(float(v), 5) for j, v in enumerate(res.x) if abs(v) >= 1e-5}


def training_groups(
    tokens: Tokens, probs: numpy.ndarray, spans: list[tuple[str, int, int]], gold: list[tuple[str, int, int]]
) -> list[tuple[list[list[str]], int]]:
    """One group per side of each predicted span that overlaps a gold span of its role (paired
    one to one, most shared tokens first) and whose gold start / end is among its candidates."""
    pairs = _pair(spans, gold)
    out = []
    for k, g in pairs.items():
        for side, right in (("start", g[0]), ("end", g[1])):
            cands, feats = candidate_features(tokens, probs, spans, k, side)
            hit = numpy.flatnonzero(cands == right)
            if len(hit):
                out.append((feats, int(hit[0])))
    return out


def _pair(spans: list[tuple[str, int, int]], gold: list[tuple[str, int, int]]) -> dict[int, tuple[int, int]]:
    found = []
    for k, (role, s, e) in enumerate(spans):
        for grole, gs, ge in gold:
            shared = min(e, ge) - max(s, gs)
            if grole == role and shared > 0:
                found.append((shared, k, (gs, ge)))
    found.sort(key=lambda x: -x[0])
    used_k, used_g, out = set(), set(), {}
    for _, k, g in found:
        if k not in used_k and g not in used_g:
            used_k.add(k)
            used_g.add(g)
            out[k] = g
    return out
