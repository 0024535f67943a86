"""A multinomial linear model over named features, stored as plain arrays (numpy only at run time).

Training (scikit-learn's LogisticRegression) writes three files beside a
manifest: ``weights.npz`` (coefficients, intercepts, and those of the optional
second stage), ``features.json`` (the feature names, in column order) and
``manifest.json`` (classes, the calibration temperature and map, the default
``min_confidence``, and where the weights came from: data, seed, scores).
Loading never needs scikit-learn.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain, repeat
from pathlib import Path
from typing import Any

import numpy as np

from eventwire.errors import ConfigError

NONE = "NONE"  # the class of a candidate that is not an event
WEIGHTS = "weights.npz"
FEATURES = "features.json"
MANIFEST = "manifest.json"
Block = tuple[tuple[str, ...], np.ndarray]  # dense features: column names, one row of values per candidate


@dataclass
class LinearModel:
    """Softmax over ``classes`` of ``intercept + coef @ x`` (x: named features), with a temperature."""

    classes: list[str]
    features: list[str]
    coef: np.ndarray  # (classes, features)
    intercept: np.ndarray  # (classes,)
    temperature: float = 1.0
    manifest: dict[str, Any] = field(default_factory=dict)
    context: DenseSoftmax | None = None  # the second stage over this one's probabilities (features.context_matrix)

    def __post_init__(self) -> None:
        self.columns = Columns(self.features)
        self._by_feature = np.ascontiguousarray(self.coef.T)  # a feature's weights in one row (no float64 copy)
        self._blocks: dict[tuple[str, ...], np.ndarray] = {}
        self._derived: dict[str, Any] = {}

    @cached_property
    def index(self) -> dict[str, int]:
        """Feature name -> column, as a dict (made when first asked: scoring reads ``columns``)."""
        return {name: i for i, name in enumerate(self.features)}

    def derived(self, key: str, build: Callable[[LinearModel], Any]) -> Any:
        """What ``build`` makes of these weights, made once per model and kept with it (e.g. the role
        chooser's PAIR - NEITHER weights), so a caller that scores every doc reads the weights once."""
        got = self._derived.get(key)
        if got is None:
            got = self._derived[key] = build(self)
        return got

    def proba(self, rows: list[dict[str, float]], blocks: Sequence[Block] = ()) -> np.ndarray:
        """Calibrated class probabilities, one row per candidate.

        All rows of a doc are scored in one pass, with the name look-ups done by ``map`` and the sums by
        numpy: a Python step per feature (a few hundred per candidate) cost more than the arithmetic.
        ``blocks``: more features of the same rows as dense arrays (column names, values), e.g. the parser's
        vectors: the same sum as if they were named in ``rows``, without a look-up per value.
        """
        if not rows:
            return np.zeros((0, len(self.classes)))
        sizes = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
        total = int(sizes.sum())
        cols = self.columns.find(chain.from_iterable(rows), total)
        vals = np.fromiter(chain.from_iterable(r.values() for r in rows), dtype=np.float64, count=total)
        owner = np.repeat(np.arange(len(rows)), sizes)
        known = cols >= 0
        cols, vals, owner = cols[known], vals[known], owner[known]
        z = np.tile(self.intercept.astype(np.float64), (len(rows), 1))
        if len(cols):
            weighted = self._by_feature[cols] * vals[:, None]
            starts = np.flatnonzero(np.concatenate(([True], owner[1:] != owner[:-1])))  # each row's first feature
            z[owner[starts]] += np.add.reduceat(weighted, starts, axis=0)  # rows with no known feature: intercept
        for names, values in blocks:
            z += values.astype(np.float64) @ self._block_weights(names)
        z /= self.temperature
        return softmax(z)

    def _block_weights(self, names: tuple[str, ...]) -> np.ndarray:
        """(columns, classes) weights of a block's named columns; a name the model never saw weighs nothing."""
        got = self._blocks.get(names)
        if got is None:
            got = np.zeros((len(names), len(self.classes)))
            cols = self.columns.find(names, len(names))
            known = cols >= 0
            got[known] = self._by_feature[cols[known]]
            self._blocks[names] = got
        return got

    def calibrate(self, confidence: np.ndarray, groups: list[str] | None = None) -> np.ndarray:
        """Class probabilities of kept events mapped to how often such events were right (manifest ``calibration``).

        A probability says how likely the type is given that the candidate is an event of some type; whether a
        kept event is right also depends on what the decision keeps and on the kind of candidate. The maps,
        fitted on cross-validated events (isotonic, so within a group they only re-label and never re-order),
        make "0.9" mean nine in ten were right. ``groups``: each event's map (``calibration_group``).
        """
        cal = self.manifest.get("calibration")
        return confidence if not cal else apply_calibration(cal, confidence, groups)

    def save(self, folder: Path | str, *, compressed: bool = False) -> None:
        """Write weights, feature names and manifest to ``folder``. ``compressed``: for mostly-zero weights (the
        role chooser's, 1.2 -> 0.35 MB, a few ms more to load); the events model's dense ones are stored as is."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        arrays = {"coef": self.coef.astype(np.float32), "intercept": self.intercept}
        if self.context is not None:
            arrays.update(context_coef=self.context.coef, context_intercept=self.context.intercept)
        # uncompressed: the float weights barely compress (10.2 -> 8.9 MB) and inflating them cost 0.07 s of every load
        (np.savez_compressed if compressed else np.savez)(folder / WEIGHTS, **arrays)
        (folder / FEATURES).write_text(json.dumps(self.features, ensure_ascii=False) + "\n", encoding="utf-8")
        manifest = {**self.manifest, "classes": self.classes, "temperature": self.temperature}
        (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: Path | str) -> LinearModel:
        folder = Path(folder)
        missing = [n for n in (WEIGHTS, FEATURES, MANIFEST) if not (folder / n).is_file()]
        if missing:
            raise ConfigError(f"no trained event model in {folder} (missing {', '.join(missing)})")
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        arrays = np.load(folder / WEIGHTS)
        return cls(
            classes=list(manifest["classes"]),
            features=json.loads((folder / FEATURES).read_text(encoding="utf-8")),
            coef=arrays["coef"],
            intercept=arrays["intercept"],
            temperature=float(manifest.get("temperature", 1.0)),
            manifest=manifest,
            context=DenseSoftmax(arrays["context_coef"], arrays["context_intercept"])
            if "context_coef" in arrays
            else None,
        )


class Columns:
    """Feature name -> column for many names at once: an open-addressing table (linear probing, at most half
    full) of the names' Python hashes, probed with numpy.

    A doc's candidates name some 7,500 features; a dict look-up each, in a dict of 150,000 names, waited on
    two or three cache misses in turn (2.6-2.9 ms an article of tp120 in the stage, against 1.3 ms with the
    dict in cache), where the table's gathers run side by side. A name matches by its 64-bit hash alone: the
    names of the model have distinct hashes (checked here; else every look-up goes through a dict), and a name
    the model never saw takes a column only if its hash is a known name's (odds 1 in 2^64 / 150,000, about
    1e-14, per unknown name; some 150 an article). Hashes are salted per process, so the table is made at load.

    Measured and not kept (in-process A/B on tp120, interleaved per doc, events stage): each hash and its column
    in one (size, 2) array, one cache line a probe (+0.22 ms an article: numpy's 2-D gather costs more); with the
    dict, each distinct name of a doc looked up once (-0.1, noise); a sentence's bag of words and bigrams as
    tuples shared by its candidates, each looked up once a doc (+0.04 / -0.09: the repeated names were the
    cheap, cached look-ups, and putting the pieces back in row order cost what they saved).
    """

    def __init__(self, names: Sequence[str]) -> None:
        hashes = np.fromiter(map(hash, names), dtype=np.int64, count=len(names))
        size = 1 << max(4, (2 * len(hashes)).bit_length())
        self.mask = size - 1
        self.hashes = np.zeros(size, dtype=np.int64)
        self.cols = np.full(size, -1, dtype=np.int64)  # -1: an empty slot
        self._dict = None if self._place(hashes) else {name: i for i, name in enumerate(names)}

    def _place(self, hashes: np.ndarray) -> bool:
        """Each name's column in the first free slot from its own (most take it at the first try); False when
        two names have one hash (then a dict answers)."""
        pending = np.arange(len(hashes))
        at = hashes & self.mask
        while len(pending):
            slots = at[pending]
            taken = self.cols[slots] >= 0
            if (self.hashes[slots[taken]] == hashes[pending[taken]]).any():
                return False
            free = np.flatnonzero(~taken)
            self.cols[slots[free]] = pending[free]  # of names that claim one slot, one is written last and keeps it
            keeps = self.cols[slots[free]]
            won = keeps == pending[free]
            if (hashes[keeps] == hashes[pending[free]]).sum() > won.sum():  # a loser of its slot had the winner's hash
                return False
            self.hashes[slots[free[won]]] = hashes[pending[free[won]]]
            left = np.ones(len(pending), dtype=bool)
            left[free[won]] = False
            pending = pending[left]
            at[pending] = (at[pending] + 1) & self.mask
        return True

    def find(self, names: Iterable[str], count: int) -> np.ndarray:
        """The column of each of ``count`` names, -1 for a name the model does not have."""
        if self._dict is not None:
            return np.fromiter(map(self._dict.get, names, repeat(-1)), dtype=np.int64, count=count)
        wanted = np.fromiter(map(hash, names), dtype=np.int64, count=count)
        at = wanted & self.mask
        out = np.full(count, -1, dtype=np.int64)
        todo = np.arange(count)
        while len(todo):  # a name is found, or meets an empty slot: not known
            slots = at[todo]
            cols = self.cols[slots]
            taken = cols >= 0
            hit = taken & (self.hashes[slots] == wanted[todo])
            out[todo[hit]] = cols[hit]
            todo = todo[taken & ~hit]
            at[todo] = (at[todo] + 1) & self.mask
        return out


@dataclass
class DenseSoftmax:
    """Softmax of ``intercept + coef @ x`` over dense rows: the second stage, a few dozen numbers per candidate."""

    coef: np.ndarray  # (classes, columns)
    intercept: np.ndarray  # (classes,)

    def proba(self, x: np.ndarray) -> np.ndarray:
        return softmax(x @ self.coef.T + self.intercept)


def softmax(z: np.ndarray) -> np.ndarray:
    """Each row's scores as probabilities (shifted by the row's largest first, so no exp overflows)."""
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def apply_calibration(cal: dict[str, Any], confidence: np.ndarray, groups: list[str] | None) -> np.ndarray:
    """``confidence`` through the map of each event's group (the map ``all`` for a group without its own).

    A probability below all those seen in calibration maps to 0: no such event was ever kept.
    """
    if "probability" in cal:  # one map for every event
        return np.interp(confidence, cal["probability"], cal["precision"], left=0.0)
    groups = groups or ["all"] * len(confidence)
    out = np.zeros(len(confidence))
    for group in set(groups):
        at = np.array([g == group for g in groups])
        m = cal.get(group) or cal["all"]
        out[at] = np.interp(np.asarray(confidence)[at], m["probability"], m["precision"], left=0.0)
    return out
