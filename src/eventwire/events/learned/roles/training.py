"""``eventwire train roles``: fit the source/target chooser on annotated articles.

1. Parse every labelled article and run the rule coder as the learned coder
   does; each candidate that the event labels give a gold event is an example
   event, typed with the gold type (at run time the type is decided first).
   Every candidate mention of it gets a class: SOURCE or TARGET when it is (by
   offsets, else by a shared content word, the yardstick's own test) a gold
   actor of that role, else NEITHER.
2. Cross-validate by article (seeded folds) for the regularisation strength,
   the weight of the target in the pair's score and ``min_target``, the least
   probability that still names a target, chosen for the most roles right
   (source right plus target right, each as the yardstick counts it, but a target
   named when the gold has none counts as wrong, so "no target" stays possible),
   then the most events with both right (``choice_key``).
3. Fit on everything; write weights and a manifest (data, seed, choices, scores).

scikit-learn is needed here only (the ``train`` extra); the chooser runs on numpy.
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
from eventwire.events.learned.data import gsr_source, label_candidates, labelled_texts, read_gsr
from eventwire.events.learned.model import NONE, LinearModel
from eventwire.events.learned.roles.chooser import CLASSES, NEITHER, SHIPPED, SOURCE, TARGET, event_rows, mention_counts
from eventwire.events.learned.roles.chooser import pick as pick_roles

STRENGTHS = (0.03, 0.1)
MIN_TARGETS = tuple(round(0.05 * k, 2) for k in range(0, 11))
TARGET_WEIGHTS = (0.5, 1.0, 2.0)
MIN_COUNT = 2


@dataclasses.dataclass
class RoleEvent:
    """One example event: its candidate mentions (as refs), their rows and classes, the gold roles, the rule's."""

    group: str
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


def _parsed(pipe, texts: list[tuple[str, dict]]):
    """(doc, actors, rule statements, candidates) per text, as the learned coder sees them."""
    from eventwire.actors import ArticleContext
    from eventwire.events.learned.candidates import sentence_candidates
    from eventwire.pipeline import mask_dateline

    docs = pipe.nlp.pipe((mask_dateline(t) for t, _ in texts), batch_size=pipe.settings.batch_size)
    for (_, meta), doc in zip(texts, docs, strict=True):
        context = ArticleContext(publisher=meta.get("publisher"), dateline=None, title=meta.get("title"))
        actors = pipe.actors.resolve(doc, published=meta.get("published"), context=context)
        _, statements = pipe.statements.extract_with_rules(doc, actors)
        cands = pipe.events.code(doc, actors, statements) + sentence_candidates(doc, actors, statements)
        yield doc, actors, statements, cands


def _example(group: str, doc, cand, etype: str, actors, statements, counts, gold: dict) -> RoleEvent:
    ev = dataclasses.replace(cand, event_type=etype)
    found, rows = event_rows(doc, ev, actors, statements, counts)
    refs = [actors.ref(c.mention) for c in found]
    return RoleEvent(
        group=group,
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
    for lab, (doc, actors, statements, cands) in zip(labels, _parsed(pipe, texts), strict=True):
        gold = resolve_gold(lab, articles[lab["id"]]["text"])
        counts = mention_counts(actors)
        for cand, etype in zip(cands, label_candidates(gold["events"], cands), strict=True):
            g = _gold_event(gold["events"], etype, cand) if etype != NONE else None
            if g is not None:
                out.append(_example(lab["id"], doc, cand, etype, actors, statements, counts, g))
    log(f"articles: {len(labels)}, example events {len(out)}, candidate mentions {sum(len(e.rows) for e in out)}")
    return out


def collect_gsr(pipe, records: list[dict], log: Callable) -> list[RoleEvent]:
    """One example event per PLOVER gold sentence: its first candidate of the gold type (wire news, other
    states than the campaign articles)."""
    from eventwire.evaluate import gold_actor_spans

    out: list[RoleEvent] = []
    texts = [(r["text"], {}) for r in records]
    for rec, (doc, actors, statements, cands) in zip(records, _parsed(pipe, texts), strict=True):
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


def model_choices(events: list[RoleEvent], probs: list[np.ndarray], min_target: float, target_weight: float = 1.0):
    """(source, target) refs the model picks for each example event (the rule's where it has no candidates)."""
    out = []
    for ev, p in zip(events, probs, strict=True):
        if not ev.rows:
            out.append((ev.rule["source"], ev.rule["target"]))
            continue
        s, t = pick_roles(p, ev.actor_ids, CLASSES, min_target, target_weight)
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


def _fit(x, y: np.ndarray, strength: float, seed: int):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=strength, max_iter=1000, tol=1e-3, random_state=seed).fit(x, y)


def _folds(ids: list[str], k: int, seed: int) -> list[set[str]]:
    ids = sorted(set(ids))
    random.Random(seed).shuffle(ids)
    return [set(ids[i::k]) for i in range(k)]


def _split(events: list[RoleEvent], flat: np.ndarray) -> list[np.ndarray]:
    out, at = [], 0
    for ev in events:
        out.append(flat[at : at + len(ev.rows)])
        at += len(ev.rows)
    return out


def cross_validate(events: list[RoleEvent], x, y: np.ndarray, strength: float, folds: list[set[str]], seed: int):
    """Out-of-fold class probabilities of every candidate mention (columns in ``CLASSES`` order)."""
    groups = np.array([ev.group for ev in events for _ in ev.rows])
    probs = np.zeros((len(y), len(CLASSES)))
    for fold in folds:
        test = np.isin(groups, list(fold))
        clf = _fit(x[~test], y[~test], strength, seed)
        cols = [CLASSES.index(c) for c in clf.classes_]
        probs[np.ix_(np.flatnonzero(test), cols)] = clf.predict_proba(x[test])
    return probs


def choice_key(rep: dict[str, float], min_target: float, target_weight: float) -> tuple:
    """How cross-validated scores rank a setting: roles right (source + strict target), then both right, then
    the plainer setting. Both-right alone rewards a setting that trades sources for targets one for one
    (the yardstick reports each role apart); summing the roles does not."""
    roles = round(rep["source"] + rep["target_strict"], 3)
    return (roles, rep["both_strict"], -min_target, -abs(target_weight - 1.0))


def fit_roles(events: list[RoleEvent], *, seed: int = 0, folds: int = 5, log: Callable = print) -> LinearModel:
    """Choose strength and ``min_target`` by cross-validation, then fit on all example events (one BLAS thread)."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        return _fit_roles(events, seed=seed, folds=folds, log=log)


def _fit_roles(events: list[RoleEvent], *, seed: int, folds: int, log: Callable) -> LinearModel:
    import sklearn

    rows = [r for ev in events for r in ev.rows]
    y = np.array([c for ev in events for c in ev.labels])
    x, names = _matrix(rows)
    k = max(2, min(folds, len({ev.group for ev in events})))
    fold_sets = _folds([ev.group for ev in events], k, seed)
    # choices are made on the articles; the gold sentences (if any) train and are reported apart
    parts = {"articles": [ev for ev in events if not ev.group.startswith("gsr:")]}
    parts["gsr"] = [ev for ev in events if ev.group.startswith("gsr:")]
    rule = {name: score_roles(evs, [(e.rule["source"], e.rule["target"]) for e in evs]) for name, evs in parts.items()}
    log(f"rule participants: {rule}")
    best = None
    for strength in STRENGTHS:
        probs = _split(events, cross_validate(events, x, y, strength, fold_sets, seed))
        by_event = {id(ev): p for ev, p in zip(events, probs, strict=True)}
        for t in MIN_TARGETS:
            for weight in TARGET_WEIGHTS:
                rep = {
                    name: score_roles(evs, model_choices(evs, [by_event[id(e)] for e in evs], t, weight))
                    for name, evs in parts.items()
                }
                key = choice_key(rep["articles"], t, weight)
                if best is None or key > best[0]:
                    best = (key, strength, t, weight, rep)
        log(f"C={strength}: best so far C={best[1]} min_target {best[2]} target_weight {best[3]}: {best[4]}")
    _, strength, min_target, target_weight, rep = best
    clf = _fit(x, y, strength, seed)
    coef = np.zeros((len(CLASSES), x.shape[1]))
    intercept = np.full(len(CLASSES), -30.0)
    rows_at = [CLASSES.index(c) for c in clf.classes_]
    coef[rows_at], intercept[rows_at] = clf.coef_, clf.intercept_
    manifest = {
        "component": "event roles (source/target chooser of learned.v1)",
        "model": "multinomial logistic regression over (event, actor mention) parse features (scikit-learn, lbfgs)",
        "trained": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "seed": seed,
        "data": {
            "articles": len({ev.group for ev in parts["articles"]}),  # those with an example event
            "gsr_sentences": len(parts["gsr"]),
            "example_events": len(events),
            "candidate_mentions": len(rows),
            "class_counts": dict(sorted(Counter(y.tolist()).items())),
        },
        "features": len(names),
        "C": strength,
        "min_target": min_target,
        "target_weight": target_weight,
        "cross_validated": {"folds": k, "rule_participants": rule, "chooser": rep},
        "versions": {"scikit-learn": sklearn.__version__, "numpy": np.__version__},
    }
    log(f"{len(names)} features, C={strength}, min_target {min_target}; cross-validated {rep} (rules: {rule})")
    return LinearModel(list(CLASSES), names, coef, intercept, manifest=manifest)


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
    settings = dataclasses.replace(settings or Settings(), event_coder="rules.v1", min_confidence=None)
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
