"""``eventwire train roles``: fit the source/target chooser on annotated articles.

1. Parse every labelled article and run the rule coder as the learned coder
   does; each candidate that the event labels give a gold event is an example
   event, typed with the gold type (at run time the type is decided first).
   Every candidate mention of it gets a class: SOURCE or TARGET when it is (by
   offsets, else by a content word shared with the gold actor's text or name,
   the yardstick's own test) a gold actor of that role, else NEITHER.
2. The model is a joint conditional logit over the event's (source, target)
   pairs: a pair of two mentions of different actors, or a source and "no
   target", scores its source's source weights plus its target's target
   weights plus the pair's own features (which comes first in the trigger's
   voice, the two paths to the trigger together, the path between them), and
   a softmax over the event's pairs is fitted for the gold pairs' share (L2
   penalties, L-BFGS). The same mention cannot be both roles, and the
   direction is scored once, for the pair (a per-role softmax scored each
   role apart: cross-validated on the same folds, source plus strict target
   1.530 -> 1.537, both right 0.623 -> 0.629).
3. A per-mention classifier (NEITHER / SOURCE / TARGET, multinomial logistic
   regression) on the same rows says what a mention is likely to be in
   general; its log-odds against NEITHER, times a share, add to the ranking's
   scores (both are linear, so the sum is one set of weights and the chooser
   runs unchanged). Alone it ranks worse; added to the ranking, a mention
   that is a likely target in general is not passed over for a rival that is
   only likelier within this event (the manifest has the cross-validated
   figures of each).
4. Cross-validate by article (seeded folds) for the classifier's penalty and
   share and a shift of the score of "no target" (the softmax alone said "no
   target" too often), chosen for the most roles right (source right plus
   target right, each as the yardstick counts it, but a target named when the
   gold has none counts as wrong, so "no target" stays possible), then the
   most events with both right (``choice_key``).
5. Fit on everything; write weights and a manifest (data, seed, choices, scores).

scikit-learn and scipy are needed here only (the ``train`` extra); the chooser runs on numpy.

The statements the examples read are the rules' (``parse_as_run``: ``extract_with_rules``), as the learned
coder's at run time are (``Pipeline.code_doc`` passes it the rule statements), so a change of the statements
tagger (the CRF of 25ebf4f) does not reach the chooser's features. Retrained with the command on 2026-12-07
(seed 0) and not shipped: on that day's actors, cross-validated source / target / strict target / both
0.824/0.774/0.726/0.642, and on the actors of 93250db 0.824/0.775/0.727/0.642, against the shipped weights'
0.823/0.777/0.728/0.642 (the same roles-right sum; the per-mention C chosen 0.1 instead of 0.3); realnews-dev
with the latter, source / target 0.791/0.733 -> 0.779/0.721 (about a dozen events change either way). Again on
the actors of 97afeb1: 0.825/0.771/0.726/0.640 (C 0.3, share 0.25), realnews-dev 0.791/0.733 -> 0.767/0.721.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import numpy as np

from eventwire.errors import InputError
from eventwire.evaluate_news import resolve_gold, role_right
from eventwire.events.learned.candidates import SENTENCE_RULE
from eventwire.events.learned.data import gsr_source, label_candidates, labelled_texts, parse_as_run, read_gsr
from eventwire.events.learned.model import NONE, LinearModel
from eventwire.events.learned.roles.chooser import (
    JOINT_CLASSES,
    NEITHER,
    PAIR,
    SHIPPED,
    SOURCE,
    TARGET,
    event_rows,
    mention_counts,
    none_row,
)
from eventwire.events.learned.roles.features import Duo, Tree, duo_features, duo_pairs

JOINT_PENALTY = 10.0  # L2 penalty of each role's weights (the loss is summed over events)
PAIR_PENALTY = 30.0  # L2 penalty of the pair's own weights (3, 10, 30 cross-validated: within 0.003)
NONE_SHIFTS = (0.0, -1.0, -2.0, -4.0, -8.0)  # moves the score of "no target" (-8: almost never)
POINTWISE_C = (0.03, 0.1, 0.3)  # inverse L2 penalty of the per-mention classifier
POINTWISE_WEIGHTS = (0.0, 0.25, 0.5, 1.0)  # its share in the scores (0: the ranking alone)
MIN_COUNT = 2


@dataclasses.dataclass
class RoleEvent:
    """One example event: its candidate mentions (as refs), their rows and classes, the gold roles, the rule's."""

    group: str
    event_type: str
    refs: list[dict[str, Any]]
    actor_ids: list[str]
    rows: list[dict[str, float]]
    labels: list[str]
    gold: dict[str, list[dict]]
    rule: dict[str, dict | None]
    duo: Duo | None = None  # what the features of a (source, target) pair read (``duo_view``)


def _ref(ref) -> dict[str, Any] | None:
    return None if ref is None else {"text": ref.text, "name": ref.name, "country": ref.country, "id": ref.id}


def _overlaps(a: tuple[int, int] | None, start: int, end: int) -> bool:
    return a is not None and a[0] < end and start < a[1]


def mention_class(ref: dict[str, Any], start: int, end: int, gold: dict[str, Any]) -> str:
    """SOURCE / TARGET when the mention is a gold actor of that role (offsets first, then a shared word of the
    gold actor's text or name, the yardstick's own test).

    A gold actor given by name alone (no text span: about a quarter of the labels' roles, e.g. "Charles
    Barkley" where the sentence says "Barkley" or "he") is matched by its name too: the yardstick counts such a
    mention right, and leaving it NEITHER taught the per-mention classifier that the right actor is no role
    and dropped the event's list from the ranking (no gold choice)."""
    for role, label in (("source", SOURCE), ("target", TARGET)):
        if any(_overlaps(a["span"], start, end) for a in gold[role]):
            return label
    for role, label in (("source", SOURCE), ("target", TARGET)):
        named = [a for a in gold[role] if a.get("text") or a.get("name")]
        if named and role_right(named, ref):
            return label
    return NEITHER


def _gold_event(gold_events: list[dict], etype: str, cand) -> dict | None:
    """The gold event of ``etype`` a labelled candidate stands for: by trigger, else by evidence."""
    same = [g for g in gold_events if g["type"] == etype]
    tests = (
        lambda g: _overlaps(g["trigger_span"], cand.trigger.start, cand.trigger.end),
        lambda g: _overlaps(g["span"], cand.trigger.start, cand.trigger.end),
        lambda g: _overlaps(g["span"], cand.evidence.start, cand.evidence.end),
    )
    for test in tests:
        for g in same:
            if test(g):
                return g
    return None


def _example(group: str, doc, cand, etype: str, actors, statements, counts, gold: dict, tree=None) -> RoleEvent:
    ev = dataclasses.replace(cand, event_type=etype)
    found, rows, duo = event_rows(doc, ev, actors, statements, counts, tree, duo=True)
    refs = [actors.ref(c.mention) for c in found]
    return RoleEvent(
        group=group,
        event_type=etype,
        refs=[_ref(r) for r in refs],
        actor_ids=[c.mention.actor_id for c in found],
        rows=rows,
        labels=[mention_class(_ref(r), r.start, r.end, gold) for r in refs],
        gold={"source": gold["source"], "target": gold["target"]},
        rule={"source": _ref(cand.source), "target": _ref(cand.target)},
        duo=duo,
    )


def collect(pipe, labels: list[dict], articles: dict[str, dict], log: Callable) -> list[RoleEvent]:
    """The example events of the labelled articles."""
    missing = [lab["id"] for lab in labels if lab["id"] not in articles]
    if missing:
        raise InputError(f"{len(missing)} labelled articles have no text, e.g. {missing[0]}")
    texts = [(articles[lab["id"]]["text"], articles[lab["id"]]) for lab in labels]
    out: list[RoleEvent] = []
    for lab, (doc, actors, statements, cands) in zip(labels, parse_as_run(pipe, texts), strict=True):
        gold = resolve_gold(lab, articles[lab["id"]]["text"])
        counts = mention_counts(actors)
        tree = Tree(doc)  # the doc's, read once for all its examples (as the chooser does at run time)
        for cand, etype in zip(cands, label_candidates(gold["events"], cands), strict=True):
            g = _gold_event(gold["events"], etype, cand) if etype != NONE else None
            if g is not None:
                out.append(_example(lab["id"], doc, cand, etype, actors, statements, counts, g, tree))
    log(f"articles: {len(labels)}, example events {len(out)}, candidate mentions {sum(len(e.rows) for e in out)}")
    return out


def collect_gsr(pipe, records: list[dict], log: Callable) -> list[RoleEvent]:
    """One example event per PLOVER gold sentence: its first candidate of the gold type (wire news, other
    states than the campaign articles)."""
    from eventwire.evaluate import gold_actor_spans

    out: list[RoleEvent] = []
    texts = [(r["text"], {}) for r in records]
    for rec, (doc, actors, statements, cands) in zip(records, parse_as_run(pipe, texts), strict=True):
        g = rec["events"][0]
        cand = next((c for c in cands if c.event_type == g["event_type"] and c.rule != SENTENCE_RULE), None)
        if cand is None:
            continue
        gold = {
            role: [
                {"text": rec["text"][s:e], "span": (s, e), "name": None, "country": None}
                for s, e in gold_actor_spans(rec["text"], g.get(role) or [])
            ]
            for role in ("source", "target")
        }
        counts = mention_counts(actors)
        out.append(_example(f"gsr:{rec.get('id')}", doc, cand, g["event_type"], actors, statements, counts, gold))
    log(f"gold sentences: {len(records)}, example events {len(out)}")
    return out


# ---------------------------------------------------------------- scoring
def score_roles(events: list[RoleEvent], choices: list[tuple[dict | None, dict | None]]) -> dict[str, float]:
    """Source, target and both right over example events, as the yardstick scores them (``target``) and
    strictly (``target_strict``: a target named where the gold has none is wrong)."""
    n = max(len(events), 1)
    src = tgt = strict = both = 0
    for ev, (s, t) in zip(events, choices, strict=True):
        rs = role_right(ev.gold["source"], s)
        rt = role_right(ev.gold["target"], t)
        st = rt if ev.gold["target"] else t is None
        src += rs
        tgt += rt
        strict += st
        both += rs and st
    return {
        "events": len(events),
        "source": round(src / n, 3),
        "target": round(tgt / n, 3),
        "target_strict": round(strict / n, 3),
        "both_strict": round(both / n, 3),
    }


# ---------------------------------------------------------------- fitting
def _matrix(rows: list[dict[str, float]]):
    from sklearn.feature_extraction import DictVectorizer

    vec = DictVectorizer(sort=True)
    x = vec.fit_transform(rows)
    names = list(vec.get_feature_names_out())
    cols = np.flatnonzero(np.asarray(x.getnnz(axis=0)).ravel() >= MIN_COUNT)
    return x[:, cols].tocsr(), [names[i] for i in cols]


def _list_softmax(z: np.ndarray, starts: np.ndarray, owner: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """exp(z - list max) and each list's sum of it."""
    e = np.exp(z - np.maximum.reduceat(z, starts)[owner])
    return e, np.add.reduceat(e, starts)


def _folds(ids: list[str], k: int, seed: int) -> list[set[str]]:
    ids = sorted(set(ids))
    random.Random(seed).shuffle(ids)
    return [set(ids[i::k]) for i in range(k)]


@dataclasses.dataclass
class Pairs:
    """Each event's (source, target) pairs (``duo_pairs``) as one list over the rows of the feature matrix:
    the source's row, the target's row (or the event's "no target" row) and the pair's own features."""

    src: np.ndarray  # matrix row of each pair's source
    tgt: np.ndarray  # matrix row of each pair's target ("no target": the event's last row)
    x: Any  # the pairs' own features (``duo_features``), sparse
    names: list[str]
    gold: np.ndarray  # 1.0 where the pair agrees with the gold roles (a role no candidate fills: either way)
    starts: np.ndarray  # where each event's list starts
    owner: np.ndarray  # the list of each pair
    events: list[int]  # the example event of each list
    informative: np.ndarray  # per list: a gold role is among its candidates, or the gold has no target


def _pairs(events: list[RoleEvent]) -> Pairs:
    """The pairs of every event with candidates; the matrix holds, per such event, its candidates' rows and
    then its "no target" row."""
    from sklearn.feature_extraction import DictVectorizer

    src, tgt, gold, starts, which, informative = [], [], [], [], [], []
    feats: list[dict[str, float]] = []
    at = 0
    for k, ev in enumerate(events):
        if not ev.rows:
            continue
        n = len(ev.rows)
        is_s = [c == SOURCE for c in ev.labels]
        is_t = [c == TARGET for c in ev.labels]
        any_s, any_t, has_t = any(is_s), any(is_t), bool(ev.gold["target"])
        starts.append(len(src))
        which.append(k)
        informative.append(any_s or any_t or not has_t)
        for i, j in duo_pairs(ev.actor_ids):
            src.append(at + i)
            tgt.append(at + (n if j is None else j))
            ok_s = is_s[i] or not any_s
            ok_t = (j is not None and is_t[j]) if any_t else (has_t or j is None)
            gold.append(float(ok_s and ok_t))
            feats.append(duo_features(ev.duo, i, j) if ev.duo is not None else {})
        at += n + 1
    vec = DictVectorizer(sort=True)
    px = vec.fit_transform(feats)
    names = list(vec.get_feature_names_out())
    cols = np.flatnonzero(np.asarray(px.getnnz(axis=0)).ravel() >= MIN_COUNT)
    starts_a = np.array(starts, dtype=np.int64)
    owner = np.repeat(np.arange(len(starts)), np.diff(np.append(starts_a, len(src))))
    return Pairs(
        np.array(src, dtype=np.int64),
        np.array(tgt, dtype=np.int64),
        px[:, cols].tocsr(),
        [names[i] for i in cols],
        np.array(gold, dtype=float),
        starts_a,
        owner,
        which,
        np.array(informative, dtype=bool),
    )


def _fit_joint(x, pairs: Pairs, keep: np.ndarray, penalty: float, pair_penalty: float):
    """(source weights, target weights, pair weights) maximising the gold pairs' share of each kept event's
    softmax over its pairs, where a pair scores ``source row . w_s + target row . w_t + pair features . w_p``
    (L2 penalties; L-BFGS from zero, so the fit is deterministic). The same mention can never be both roles
    and the direction is scored once, for the pair."""
    from scipy.optimize import minimize

    has_gold = np.add.reduceat(pairs.gold, pairs.starts) > 0
    use = (keep & has_gold & pairs.informative)[pairs.owner]
    src, tgt, gold, px = pairs.src[use], pairs.tgt[use], pairs.gold[use], pairs.x[use]
    _, owner = np.unique(pairs.owner[use], return_inverse=True)
    starts = np.flatnonzero(np.r_[True, np.diff(owner) != 0])
    d, nrows = x.shape[1], x.shape[0]
    xt, pt = x.T.tocsr(), px.T.tocsr()

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        w_s, w_t, w_p = w[:d], w[d : 2 * d], w[2 * d :]
        z = (x @ w_s)[src] + (x @ w_t)[tgt] + px @ w_p
        e, total = _list_softmax(z, starts, owner)
        right = np.add.reduceat(e * gold, starts)
        g = e / total[owner] - e * gold / right[owner]
        grad = np.concatenate(
            [
                xt @ np.bincount(src, g, minlength=nrows) + penalty * w_s,
                xt @ np.bincount(tgt, g, minlength=nrows) + penalty * w_t,
                pt @ g + pair_penalty * w_p,
            ]
        )
        value = -np.log(right / total).sum() + 0.5 * penalty * (w_s @ w_s + w_t @ w_t) + 0.5 * pair_penalty * w_p @ w_p
        return float(value), grad

    w = minimize(loss, np.zeros(2 * d + px.shape[1]), jac=True, method="L-BFGS-B", options={"maxiter": 500}).x
    return w[:d], w[d : 2 * d], w[2 * d :]


def cross_validate_joint(
    events: list[RoleEvent], x, pairs: Pairs, penalty: float, pair_penalty: float, folds: list[set[str]]
) -> np.ndarray:
    """Out-of-fold score of every pair (each fold's weights fitted on the other folds)."""
    groups = np.array([events[k].group for k in pairs.events])
    out = np.zeros(len(pairs.src))
    for fold in folds:
        test = np.isin(groups, list(fold))
        w_s, w_t, w_p = _fit_joint(x, pairs, ~test, penalty, pair_penalty)
        at = test[pairs.owner]
        out[at] = (x @ w_s)[pairs.src[at]] + (x @ w_t)[pairs.tgt[at]] + pairs.x[at] @ w_p
    return out


def joint_choices(events: list[RoleEvent], pairs: Pairs, scores: np.ndarray, none_shift: float = 0.0):
    """(source, target) refs of each example event: its best-scoring pair (pairs with "no target" moved by
    ``none_shift``); the rule's where it has no candidates."""
    out = [(ev.rule["source"], ev.rule["target"]) for ev in events]
    ends = np.append(pairs.starts[1:], len(scores))
    for k, a, b in zip(pairs.events, pairs.starts, ends, strict=True):
        ev = events[k]
        first = pairs.src[a]  # the event's first candidate row
        alone = pairs.tgt[a:b] - first == len(ev.rows)
        best = a + int(np.argmax(scores[a:b] + none_shift * alone))
        t = pairs.tgt[best] - first
        out[k] = (ev.refs[pairs.src[best] - first], None if t == len(ev.rows) else ev.refs[t])
    return out


def _candidate_rows(events: list[RoleEvent]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(matrix row, class, article) of every candidate mention (the "no target" rows left out)."""
    rows, labels, groups = [], [], []
    at = 0
    for ev in events:
        if not ev.rows:
            continue
        n = len(ev.rows)
        rows.extend(range(at, at + n))
        labels.extend(ev.labels)
        groups.extend([ev.group] * n)
        at += n + 1
    return np.array(rows, dtype=np.int64), np.array(labels), np.array(groups)


def _fit_pointwise(x, labels: np.ndarray, c: float) -> tuple[np.ndarray, np.ndarray, float]:
    """A per-mention classifier (NEITHER / SOURCE / TARGET, L2, lbfgs) as its two log-odds against NEITHER:
    (source weights, target weights, target intercept); what a mention is likely to be in general, beside the
    ranking's what it is likelier to be than its rivals."""
    from sklearn.linear_model import LogisticRegression

    out = np.zeros((2, x.shape[1]))
    intercept = np.zeros(2)
    present = sorted(set(labels))
    if NEITHER in present and len(present) > 1:
        model = LogisticRegression(C=c, max_iter=300).fit(x, labels)
        coef = model.coef_ if len(present) > 2 else np.vstack([np.zeros(x.shape[1]), model.coef_[0]])
        icpt = model.intercept_ if len(present) > 2 else np.array([0.0, model.intercept_[0]])
        at = {cls: k for k, cls in enumerate(present)}
        for r, cls in enumerate((SOURCE, TARGET)):
            if cls in at:
                out[r] = coef[at[cls]] - coef[at[NEITHER]]
                intercept[r] = icpt[at[cls]] - icpt[at[NEITHER]]
    return out[0], out[1], float(intercept[1])


def cross_validate_pointwise(events: list[RoleEvent], x, c: float, folds: list[set[str]]) -> np.ndarray:
    """Out-of-fold (source, target) log-odds of the per-mention classifier for every matrix row ("no target"
    rows: zero)."""
    rows, labels, groups = _candidate_rows(events)
    out = np.zeros((x.shape[0], 2))
    for fold in folds:
        test = np.isin(groups, list(fold))
        w_s, w_t, b_t = _fit_pointwise(x[rows[~test]], labels[~test], c)
        xt = x[rows[test]]
        out[rows[test], 0] = xt @ w_s
        out[rows[test], 1] = xt @ w_t + b_t
    return out


def choice_key(rep: dict[str, float], target_weight: float, none_shift: float = 0.0) -> tuple:
    """How cross-validated scores rank a setting: roles right (source + strict target), then both right, then
    the plainer setting. Both-right alone rewards a setting that trades sources for targets one for one
    (the yardstick reports each role apart); summing the roles does not."""
    roles = round(rep["source"] + rep["target_strict"], 3)
    return (roles, rep["both_strict"], -abs(target_weight - 1.0), none_shift)


def fit_roles(events: list[RoleEvent], *, seed: int = 0, folds: int = 5, log: Callable = print) -> LinearModel:
    """Choose the penalties and the target's weight by cross-validation, then fit on all example events (one
    BLAS thread)."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        return _fit_roles(events, seed=seed, folds=folds, log=log)


def _fit_roles(events: list[RoleEvent], *, seed: int, folds: int, log: Callable) -> LinearModel:
    """Cross-validate the setting on the articles, fit the weights on every example, and say both in the
    manifest. The setting is chosen on the articles alone; the gold sentences (if any) train and are reported
    apart (``_parts``)."""
    rows = [r for ev in events if ev.rows for r in (*ev.rows, none_row(ev.event_type))]
    x, names = _matrix(rows)
    pairs = _pairs(events)
    k = max(2, min(folds, len({ev.group for ev in events})))
    fold_sets = _folds([ev.group for ev in events], k, seed)
    parts = _parts(events)
    rule = {
        name: score_roles([events[i] for i in at], [(events[i].rule["source"], events[i].rule["target"]) for i in at])
        for name, at in parts.items()
    }
    log(f"rule participants: {rule}")
    (pw_c, pw_share, shift), rep = _choose_setting(events, x, pairs, fold_sets, parts)
    log(
        f"cross-validated: joint penalties {JOINT_PENALTY} (roles) and {PAIR_PENALTY} (pair), per-mention "
        f"classifier C {pw_c} share {pw_share}, none_shift {shift}: {rep}"
    )
    coef, none_shift = _final_weights(events, x, pairs, pw_c, pw_share, shift)
    manifest = _manifest(
        events,
        parts,
        pairs,
        names,
        seed=seed,
        folds=k,
        rule=rule,
        rep=rep,
        setting=(pw_c, pw_share, shift),
        none_shift=none_shift,
    )
    log(f"{len(names)} + {len(pairs.names)} pair features; cross-validated {rep} (rules: {rule})")
    classes = list(JOINT_CLASSES)
    return LinearModel(classes, names + pairs.names, coef, np.zeros(len(classes)), manifest=manifest)


def _parts(events: list[RoleEvent]) -> dict[str, list[int]]:
    """The example events' indices by origin: "articles" (where choices are made) and "gsr" (the gold
    sentences, which train and are reported apart)."""
    parts = {"articles": [i for i, ev in enumerate(events) if not ev.group.startswith("gsr:")]}
    parts["gsr"] = [i for i, ev in enumerate(events) if ev.group.startswith("gsr:")]
    return parts


def _choose_setting(
    events: list[RoleEvent], x, pairs: Pairs, fold_sets: list[set[str]], parts: dict[str, list[int]]
) -> tuple[tuple[float | None, float, float], dict[str, dict[str, float]]]:
    """The per-mention classifier's C and share and the "no target" shift whose out-of-fold choices rank best
    on the articles (``choice_key``; the first of equal keys), and the report of those choices per part.

    The joint ranking is cross-validated once; each classifier C once; every (C, share, shift) then only adds
    the scores and chooses again, so the grid costs no refit."""
    oof = cross_validate_joint(events, x, pairs, JOINT_PENALTY, PAIR_PENALTY, fold_sets)
    pointwise = {c: cross_validate_pointwise(events, x, c, fold_sets) for c in POINTWISE_C}
    best = None
    for c, share in [(None, 0.0)] + [(c, a) for c in POINTWISE_C for a in POINTWISE_WEIGHTS if a]:
        scores = oof if not share else oof + share * (pointwise[c][pairs.src, 0] + pointwise[c][pairs.tgt, 1])
        for shift in NONE_SHIFTS:
            choices = joint_choices(events, pairs, scores, shift)
            rep = {name: score_roles([events[i] for i in at], [choices[i] for i in at]) for name, at in parts.items()}
            key = choice_key(rep["articles"], 1.0, shift)
            if best is None or key > best[0]:
                best = (key, (c, share, shift), rep)
    _, setting, rep = best
    return setting, rep


def _final_weights(
    events: list[RoleEvent], x, pairs: Pairs, pw_c: float | None, pw_share: float, shift: float
) -> tuple[np.ndarray, float]:
    """The chooser's weights fitted on every example (a row per joint class over the mention features, then
    the pair features), and its "no target" shift. With a share of the per-mention classifier, its log-odds
    weights are folded into the source and target rows, and the shift carries its target intercept, which
    raised every mention over "no target"."""
    everything = np.ones(len(pairs.events), dtype=bool)
    w_s, w_t, w_p = _fit_joint(x, pairs, everything, JOINT_PENALTY, PAIR_PENALTY)
    d = x.shape[1]
    coef = np.zeros((len(JOINT_CLASSES), d + len(pairs.names)))
    coef[JOINT_CLASSES.index(SOURCE), :d] = w_s
    coef[JOINT_CLASSES.index(TARGET), :d] = w_t
    coef[JOINT_CLASSES.index(PAIR), d:] = w_p
    none_shift = shift
    if pw_share:
        rows_at, classes, _ = _candidate_rows(events)
        p_s, p_t, b_t = _fit_pointwise(x[rows_at], classes, pw_c)
        coef[JOINT_CLASSES.index(SOURCE), :d] += pw_share * p_s
        coef[JOINT_CLASSES.index(TARGET), :d] += pw_share * p_t
        none_shift = shift - pw_share * b_t
    return coef, none_shift


def _manifest(
    events: list[RoleEvent],
    parts: dict[str, list[int]],
    pairs: Pairs,
    names: list[str],
    *,
    seed: int,
    folds: int,
    rule: dict,
    rep: dict,
    setting: tuple[float | None, float, float],
    none_shift: float,
) -> dict[str, Any]:
    """What the weights are and how they were made: the model, the data counted, the penalties, the setting
    cross-validation chose and its scores against the rule coder's, and the library versions."""
    import scipy

    pw_c, pw_share, shift = setting
    labels = [c for ev in events for c in ev.labels]
    return {
        "component": "event roles (source/target chooser of learned.v1)",
        "model": (
            "joint conditional logit over an event's (source, target) pairs: a pair scores its source mention's "
            "source weights plus its target mention's (or 'no target') target weights plus the pair's own "
            "features (order in the trigger's voice, sides, the two paths, the path between them), a softmax over "
            "the event's pairs of two actors and its sources alone (L2, L-BFGS; scipy), plus a share of a "
            "per-mention classifier's log-odds against NEITHER (multinomial logistic regression; scikit-learn), "
            "folded into the same weights"
        ),
        "trained": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "seed": seed,
        "data": {
            "articles": len({events[i].group for i in parts["articles"]}),  # those with an example event
            "gsr_sentences": len(parts["gsr"]),
            "example_events": len(events),
            "candidate_mentions": len(labels),
            "class_counts": dict(sorted(Counter(labels).items())),
            "pairs": len(pairs.src),
        },
        "features": len(names),
        "pair_features": len(pairs.names),
        "penalty": {"source": JOINT_PENALTY, "target": JOINT_PENALTY, "pair": PAIR_PENALTY},
        "pointwise": {"C": pw_c, "share": pw_share, "none_shift_chosen": shift},
        "target_weight": 1.0,
        "none_shift": round(float(none_shift), 6),
        "cross_validated": {"folds": folds, "rule_participants": rule, "chooser": rep},
        "versions": {"scipy": scipy.__version__, "numpy": np.__version__},
    }


def train_roles(
    label_paths: Iterable[Path | str],
    *,
    articles_path: Path | str | None = None,
    polnear: Path | str | None = None,
    gsr_path: Path | str | None = None,
    seed: int = 0,
    out: Path | str = SHIPPED,
    folds: int = 5,
    settings=None,
    nlp=None,
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Collect the examples, train and write the role model; returns its manifest."""
    from eventwire.pipeline import Pipeline
    from eventwire.settings import Settings

    label_paths = [str(p) for p in label_paths]
    labels, articles = labelled_texts(label_paths, articles_path, polnear)
    settings = dataclasses.replace(
        settings or Settings(), event_coder="rules.v1", min_confidence=None, political_actors_only=False
    )
    pipe = Pipeline(settings, nlp=nlp)
    events = collect(pipe, labels, articles, log)
    if gsr_path:
        events += collect_gsr(pipe, read_gsr(gsr_path), log)
    if not events:
        raise InputError("no candidate of the labelled articles matches a gold event")
    model = fit_roles(events, seed=seed, folds=folds, log=log)
    model.manifest["data"]["labels"] = label_paths
    model.manifest["data"]["labelled_articles"] = len(labels)  # "articles": those with an example event
    model.manifest["data"]["gsr"] = gsr_source(gsr_path)
    model.save(out, compressed=True)  # mostly zeros
    log(f"wrote {out}")
    return model.manifest
