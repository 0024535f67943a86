"""``eventwire train roles``: fit the source/target chooser on annotated articles.

1. Parse every labelled article and run the rule coder as the learned coder
   does; each candidate that the event labels give a gold event is an example
   event, typed with the gold type (at run time the type is decided first).
   Every candidate mention of it gets a class: SOURCE or TARGET when it is (by
   offsets, else by a shared content word, the yardstick's own test) a gold
   actor of that role, else NEITHER.
2. The model is a conditional logit per role: a linear score of each candidate
   mention, turned into a probability by a softmax over the event's candidates
   (for the target, over its candidates and "no target"), fitted for the gold
   mentions' share of that probability (L2 penalty, L-BFGS). It learns to rank
   an event's mentions against each other, where a per-mention classifier
   learns whether a mention is likely in general.
3. A per-mention classifier (NEITHER / SOURCE / TARGET, multinomial logistic
   regression) on the same rows says what a mention is likely to be in
   general; its log-odds against NEITHER, times a share, add to the ranking's
   scores (both are linear, so the sum is one set of weights and the chooser
   runs unchanged). Alone it ranks worse; added to the ranking, a mention
   that is a likely target in general is not passed over for a rival that is
   only likelier within this event (the manifest has the cross-validated
   figures of each).
4. Cross-validate by article (seeded folds) for each role's penalty, then for
   the classifier's penalty and share, the weight of the target in the pair's
   score and a shift of the score of "no target" (the softmax alone said "no
   target" too often), chosen for the most roles right (source right plus
   target right, each as the yardstick counts it, but a target named when the
   gold has none counts as wrong, so "no target" stays possible), then the
   most events with both right (``choice_key``).
5. Fit on everything; write weights and a manifest (data, seed, choices, scores).

scikit-learn and scipy are needed here only (the ``train`` extra); the chooser runs on numpy.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
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
    CLASSES,
    NEITHER,
    SHIPPED,
    SOURCE,
    TARGET,
    event_rows,
    mention_counts,
    none_row,
)
from eventwire.events.learned.roles.chooser import pick as pick_roles
from eventwire.events.learned.roles.features import Tree

PENALTIES = (3.0, 10.0)  # L2 penalty of each role's weights (the loss is summed over events)
TARGET_WEIGHTS = (0.5, 1.0, 2.0)
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


def _ref(ref) -> dict[str, Any] | None:
    return None if ref is None else {"text": ref.text, "name": ref.name, "country": ref.country, "id": ref.id}


def _overlaps(a: tuple[int, int] | None, start: int, end: int) -> bool:
    return a is not None and a[0] < end and start < a[1]


def mention_class(ref: dict[str, Any], start: int, end: int, gold: dict[str, Any]) -> str:
    """SOURCE / TARGET when the mention is a gold actor of that role (offsets first, then a shared word)."""
    for role, label in (("source", SOURCE), ("target", TARGET)):
        if any(_overlaps(a["span"], start, end) for a in gold[role]):
            return label
    for role, label in (("source", SOURCE), ("target", TARGET)):
        named = [a for a in gold[role] if a.get("text")]
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
    found, rows = event_rows(doc, ev, actors, statements, counts, tree)
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


def model_choices(events: list[RoleEvent], scores: list, target_weight: float = 1.0, none_shift: float = 0.0):
    """(source, target) refs the model picks for each example event (the rule's where it has no candidates);
    ``scores``: per event, its (source scores, target scores then "no target") or None."""
    out = []
    for ev, sc in zip(events, scores, strict=True):
        if not ev.rows:
            out.append((ev.rule["source"], ev.rule["target"]))
            continue
        s, t = pick_roles(sc[0], sc[1], ev.actor_ids, target_weight, none_shift)
        out.append((ev.refs[s], ev.refs[t] if t is not None else None))
    return out


# ---------------------------------------------------------------- fitting
def _matrix(rows: list[dict[str, float]]):
    from sklearn.feature_extraction import DictVectorizer

    vec = DictVectorizer(sort=True)
    x = vec.fit_transform(rows)
    names = list(vec.get_feature_names_out())
    cols = np.flatnonzero(np.asarray(x.getnnz(axis=0)).ravel() >= MIN_COUNT)
    return x[:, cols].tocsr(), [names[i] for i in cols]


@dataclasses.dataclass
class Lists:
    """One role's choice lists over the rows of the feature matrix: each event with candidates has one list
    (its candidates; for the target, then its "no target" row)."""

    rows: np.ndarray  # matrix row of each choice
    gold: np.ndarray  # 1.0 where the choice is right
    starts: np.ndarray  # where each event's list starts
    owner: np.ndarray  # the list of each choice
    events: list[int]  # the example event of each list


def _lists(events: list[RoleEvent], role: str) -> Lists:
    """The lists of ``role``; the matrix holds, per event with candidates, its rows and then its "no target"."""
    rows, gold, starts, which = [], [], [], []
    at = 0
    for k, ev in enumerate(events):
        if not ev.rows:
            continue
        starts.append(len(rows))
        which.append(k)
        n = len(ev.rows)
        if role == SOURCE:
            rows.extend(range(at, at + n))
            gold.extend(c == SOURCE for c in ev.labels)
        else:
            rows.extend(range(at, at + n + 1))
            gold.extend([*(c == TARGET for c in ev.labels), not ev.gold["target"]])
        at += n + 1
    starts_a = np.array(starts, dtype=np.int64)
    owner = np.repeat(np.arange(len(starts)), np.diff(np.append(starts_a, len(rows))))
    return Lists(np.array(rows, dtype=np.int64), np.array(gold, dtype=float), starts_a, owner, which)


def _list_softmax(z: np.ndarray, starts: np.ndarray, owner: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """exp(z - list max) and each list's sum of it."""
    e = np.exp(z - np.maximum.reduceat(z, starts)[owner])
    return e, np.add.reduceat(e, starts)


def _fit_lists(x, lists: Lists, penalty: float, keep: np.ndarray) -> np.ndarray:
    """Weights maximising the gold choices' share of each kept list's softmax (lists with no gold choice are
    left out), with an L2 penalty; L-BFGS from zero, so the fit is deterministic."""
    from scipy.optimize import minimize

    has_gold = np.add.reduceat(lists.gold, lists.starts) > 0
    use = (has_gold & keep)[lists.owner]
    xs = x[lists.rows[use]]
    gold = lists.gold[use]
    _, owner = np.unique(lists.owner[use], return_inverse=True)
    starts = np.flatnonzero(np.r_[True, np.diff(owner) != 0])
    xt = xs.T.tocsr()

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        e, total = _list_softmax(xs @ w, starts, owner)
        right = np.add.reduceat(e * gold, starts)
        grad = e / total[owner] - e * gold / right[owner]
        return float(-np.log(right / total).sum() + 0.5 * penalty * w @ w), xt @ grad + penalty * w

    return minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B", options={"maxiter": 500}).x


def _folds(ids: list[str], k: int, seed: int) -> list[set[str]]:
    ids = sorted(set(ids))
    random.Random(seed).shuffle(ids)
    return [set(ids[i::k]) for i in range(k)]


def cross_validate(events: list[RoleEvent], x, lists: Lists, penalty: float, folds: list[set[str]]) -> np.ndarray:
    """Out-of-fold scores of every choice of ``lists`` (each fold's weights fitted on the other folds)."""
    groups = np.array([events[k].group for k in lists.events])
    out = np.zeros(len(lists.rows))
    for fold in folds:
        test = np.isin(groups, list(fold))
        w = _fit_lists(x, lists, penalty, ~test)
        at = test[lists.owner]
        out[at] = x[lists.rows[at]] @ w
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


def _per_event(events: list[RoleEvent], source: tuple[Lists, np.ndarray], target: tuple[Lists, np.ndarray]):
    """Each example event's (source scores, target scores then "no target"), None for one without candidates."""
    out: list = [None] * len(events)
    for (lists, scores), role in ((source, 0), (target, 1)):
        ends = np.append(lists.starts[1:], len(lists.rows))
        for k, a, b in zip(lists.events, lists.starts, ends, strict=True):
            if out[k] is None:
                out[k] = [None, None]
            out[k][role] = scores[a:b]
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
    import scipy

    rows = [r for ev in events if ev.rows for r in (*ev.rows, none_row(ev.event_type))]
    x, names = _matrix(rows)
    lists = {role: _lists(events, role) for role in (SOURCE, TARGET)}
    k = max(2, min(folds, len({ev.group for ev in events})))
    fold_sets = _folds([ev.group for ev in events], k, seed)
    # choices are made on the articles; the gold sentences (if any) train and are reported apart
    parts = {"articles": [i for i, ev in enumerate(events) if not ev.group.startswith("gsr:")]}
    parts["gsr"] = [i for i, ev in enumerate(events) if ev.group.startswith("gsr:")]
    rule = {
        name: score_roles([events[i] for i in at], [(events[i].rule["source"], events[i].rule["target"]) for i in at])
        for name, at in parts.items()
    }
    log(f"rule participants: {rule}")
    oof = {(role, pen): cross_validate(events, x, lists[role], pen, fold_sets) for role in lists for pen in PENALTIES}

    def search(settings) -> tuple:
        """The best (key, setting, report) of ``settings``: (pen_s, pen_t, pointwise C, its weight) each."""
        best = None
        for pen_s, pen_t, c, share in settings:
            extra = pointwise[c] if share else None
            source, target = oof[SOURCE, pen_s], oof[TARGET, pen_t]
            if extra is not None:  # the two models' scores add: one linear score per role
                source = source + share * extra[lists[SOURCE].rows, 0]
                target = target + share * extra[lists[TARGET].rows, 1]
            scores = _per_event(events, (lists[SOURCE], source), (lists[TARGET], target))
            for weight, shift in itertools.product(TARGET_WEIGHTS, NONE_SHIFTS):
                rep = {
                    name: score_roles(
                        [events[i] for i in at],
                        model_choices([events[i] for i in at], [scores[i] for i in at], weight, shift),
                    )
                    for name, at in parts.items()
                }
                key = choice_key(rep["articles"], weight, shift)
                if best is None or key > best[0]:
                    best = (key, (pen_s, pen_t, c, share, weight, shift), rep)
        return best

    # the ranking's penalties first, then the per-mention classifier's penalty and share at those
    pointwise: dict[float, np.ndarray] = {}
    _, (pen_s, pen_t, *_), _ = search([(ps, pt, None, 0.0) for ps in PENALTIES for pt in PENALTIES])
    pointwise = {c: cross_validate_pointwise(events, x, c, fold_sets) for c in POINTWISE_C}
    _, (pen_s, pen_t, pw_c, pw_share, target_weight, shift), rep = search(
        [(pen_s, pen_t, None, 0.0)] + [(pen_s, pen_t, c, a) for c in POINTWISE_C for a in POINTWISE_WEIGHTS if a]
    )
    log(
        f"cross-validated: penalties source {pen_s} target {pen_t}, per-mention classifier C {pw_c} share "
        f"{pw_share}, target_weight {target_weight}, none_shift {shift}: {rep}"
    )
    everything = np.ones(len(lists[SOURCE].events), dtype=bool)
    coef = np.zeros((len(CLASSES), x.shape[1]))
    coef[CLASSES.index(SOURCE)] = _fit_lists(x, lists[SOURCE], pen_s, everything)
    coef[CLASSES.index(TARGET)] = _fit_lists(x, lists[TARGET], pen_t, everything)
    none_shift = shift
    if pw_share:
        rows, classes, _ = _candidate_rows(events)
        w_s, w_t, b_t = _fit_pointwise(x[rows], classes, pw_c)
        coef[CLASSES.index(SOURCE)] += pw_share * w_s
        coef[CLASSES.index(TARGET)] += pw_share * w_t
        # the classifier's target intercept raised every mention over "no target": the shift carries it
        none_shift = shift - pw_share * b_t
    labels = [c for ev in events for c in ev.labels]
    manifest = {
        "component": "event roles (source/target chooser of learned.v1)",
        "model": (
            "conditional logit per role over (event, actor mention) parse features: a softmax over the event's "
            "candidate mentions for the source, over them and 'no target' for the target (L2, L-BFGS; scipy), plus "
            "a share of a per-mention classifier's log-odds against NEITHER (multinomial logistic regression; "
            "scikit-learn), folded into the same weights"
        ),
        "trained": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "seed": seed,
        "data": {
            "articles": len({events[i].group for i in parts["articles"]}),  # those with an example event
            "gsr_sentences": len(parts["gsr"]),
            "example_events": len(events),
            "candidate_mentions": len(labels),
            "class_counts": dict(sorted(Counter(labels).items())),
        },
        "features": len(names),
        "penalty": {"source": pen_s, "target": pen_t},
        "pointwise": {"C": pw_c, "share": pw_share, "none_shift_chosen": shift},
        "target_weight": target_weight,
        "none_shift": round(float(none_shift), 6),
        "cross_validated": {"folds": k, "rule_participants": rule, "chooser": rep},
        "versions": {"scipy": scipy.__version__, "numpy": np.__version__},
    }
    log(f"{len(names)} features; cross-validated {rep} (rules: {rule})")
    return LinearModel(list(CLASSES), names, coef, np.zeros(len(CLASSES)), manifest=manifest)


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
    model.save(out)
    log(f"wrote {out}")
    return model.manifest
