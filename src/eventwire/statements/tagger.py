"""The learned attribution tagger: a small thinc network that tags tokens B/I/O per role.

PolNeAR annotations are univocal (a token has one role in one attribution), so attribution roles
form a tag sequence: ``O``, ``B-source``, ``I-source``, ``B-cue``, ``I-cue``, ``B-content``,
``I-content``. The network reads the features of :mod:`.features` (parser vectors + hashed
categorical features), widens them through a few convolution layers (each sees one token either
side, so depth 4 sees 4 either side on top of the parser vectors' own context) and scores the tags;
a Viterbi pass keeps the sequence valid (no ``I-x`` after anything but ``B-x``/``I-x``).

Weights live in one file (``tagger.bin``, thinc's msgpack) next to ``manifest.json`` (data, seed,
scores, settings), which is enough to rebuild the network: nothing is downloaded at run time.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy
from thinc.api import (
    HashEmbed,
    Maxout,
    Model,
    NumpyOps,
    Softmax,
    chain,
    clone,
    expand_window,
    residual,
)

from eventwire.statements.features import N_FEATURES, TENSOR_WIDTH

ROLES = ("source", "cue", "content")
TAGS = ("O", *(f"{p}-{r}" for r in ROLES for p in ("B", "I")))
WEIGHTS = "tagger.bin"
MANIFEST = "manifest.json"
DEFAULTS = {"width": 64, "depth": 3, "pieces": 2, "embed_width": 16, "embed_rows": 2000}

Features = tuple[numpy.ndarray, numpy.ndarray]


class MatmulOps(NumpyOps):
    """NumpyOps whose matrix products go through numpy (OpenBLAS): about three times faster than
    thinc's default kernel on the machines measured, and the products are most of the tagger's time."""

    name = "numpy-matmul"

    def gemm(self, x, y, out=None, trans1=False, trans2=False):
        x = x.T if trans1 else x
        y = y.T if trans2 else y
        if out is None:
            return numpy.matmul(x, y)
        numpy.matmul(x, y, out=out)
        return out


def build_tagger(*, width: int, depth: int, pieces: int, embed_width: int, embed_rows: int) -> Model:
    """Features of a batch of docs -> tag probabilities per doc. Small on purpose: it runs after
    the parse on every article, and must cost a fraction of it."""
    embeds = [HashEmbed(embed_width, embed_rows, column=i, seed=17 + i) for i in range(N_FEATURES)]
    window = chain(expand_window(window_size=1), Maxout(width, width * 3, nP=pieces, normalize=True))
    encoder = chain(
        Maxout(width, TENSOR_WIDTH + embed_width * N_FEATURES, nP=pieces, normalize=True, dropout=0.1),
        clone(residual(window), depth),
        Softmax(len(TAGS), width),
    )
    model = Model("attribution_tagger", _forward, init=_init, layers=[*embeds, encoder])
    ops = MatmulOps()
    for node in model.walk():
        node.ops = ops
    return model


def _init(model: Model, X: list[Features] | None = None, Y: list | None = None) -> None:
    for layer in model.layers:
        layer.initialize()


def _forward(model: Model, docs: list[Features], is_train: bool) -> tuple[list, Callable]:
    """Embed the id columns of all docs at once, run the encoder on one array, split per doc."""
    xp = model.ops.xp
    *embeds, encoder = model.layers
    lengths = [len(f) for f, _ in docs]
    floats = xp.vstack([f for f, _ in docs]) if docs else xp.zeros((0, TENSOR_WIDTH), dtype="f")
    ids = xp.vstack([i for _, i in docs]) if docs else xp.zeros((0, N_FEATURES), dtype="uint64")
    outs, bps = zip(*(e(ids, is_train) for e in embeds), strict=True)
    X = xp.hstack([floats, *outs])
    Y, bp_encoder = encoder(X, is_train)
    splits = numpy.cumsum(lengths)[:-1]

    def backprop(dYs: list) -> list[Features]:
        dX = bp_encoder(xp.vstack(dYs))
        col = floats.shape[1]
        for out, bp in zip(outs, bps, strict=True):
            bp(dX[:, col : col + out.shape[1]])
            col += out.shape[1]
        return docs

    return xp.split(Y, splits), backprop


def _allowed() -> numpy.ndarray:
    """allowed[prev, next]: an ``I-x`` only follows ``B-x`` or ``I-x``."""
    allowed = numpy.ones((len(TAGS), len(TAGS)), dtype=bool)
    for j, tag in enumerate(TAGS):
        if tag.startswith("I-"):
            role = tag[2:]
            for i, prev in enumerate(TAGS):
                allowed[i, j] = prev in {f"B-{role}", f"I-{role}"}
    return allowed


_ALLOWED = _allowed()
_START_OK = numpy.array([not t.startswith("I-") for t in TAGS])


def viterbi(probs: numpy.ndarray) -> list[int]:
    """The most likely valid tag sequence for one doc's tag probabilities."""
    n = len(probs)
    if not n:
        return []
    logp = numpy.log(numpy.asarray(probs, dtype="float64") + 1e-9)
    penalty = numpy.where(_ALLOWED, 0.0, -1e9)
    score = numpy.where(_START_OK, logp[0], -1e9)
    back = numpy.zeros((n, len(TAGS)), dtype=numpy.int64)
    for k in range(1, n):
        cand = score[:, None] + penalty
        back[k] = cand.argmax(axis=0)
        score = cand.max(axis=0) + logp[k]
    path = [int(score.argmax())]
    for k in range(n - 1, 0, -1):
        path.append(int(back[k, path[-1]]))
    return path[::-1]


def tag_spans(tags: list[int]) -> list[tuple[str, int, int]]:
    """(role, start token, end token) runs of a valid tag sequence."""
    out: list[tuple[str, int, int]] = []
    for k, t in enumerate(tags):
        tag = TAGS[t]
        if tag.startswith("B-"):
            out.append((tag[2:], k, k + 1))
        elif tag.startswith("I-") and out and out[-1][0] == tag[2:] and out[-1][2] == k:
            out[-1] = (out[-1][0], out[-1][1], k + 1)
    return out


def save(model: Model, path: Path, manifest: dict) -> None:
    path.mkdir(parents=True, exist_ok=True)
    model.to_disk(path / WEIGHTS)
    (path / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def load(path: Path) -> tuple[Model, dict]:
    """The tagger and its manifest from a directory written by :func:`save`."""
    manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    model = build_tagger(**{k: manifest["settings"][k] for k in DEFAULTS})
    model.initialize()
    model.from_disk(path / WEIGHTS)
    return model, manifest


SHIPPED = Path(__file__).resolve().parent.parent / "knowledge" / "data" / "statements" / "tagger"


class AttributionTagger:
    """A loaded tagger: a parsed doc (+ the rules' statements as features) -> role spans."""

    def __init__(self, model: Model, manifest: dict) -> None:
        self.model = model
        self.manifest = manifest

    @classmethod
    def from_dir(cls, path: Path | str = SHIPPED) -> AttributionTagger:
        return cls(*load(Path(path)))

    def spans(self, doc, lex, rule_statements) -> list[tuple[str, int, int]]:
        """(role, start token, end token) of every source, cue and content the tagger finds."""
        from eventwire.statements.features import doc_features

        if not len(doc):
            return []
        probs = self.model.predict([doc_features(doc, lex, rule_statements)])[0]
        return tag_spans(viterbi(self.model.ops.to_numpy(probs)))
