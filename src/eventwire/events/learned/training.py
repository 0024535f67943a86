"""``eventwire train events``: fit the learned event decision on annotated articles.

1. Read every labelled article as a run does (its metadata and lead lines give
   the dateline, date, publisher and title the actors are resolved with; the
   events coder reads the rule statements), parse it and run the rule coder:
   its events are the candidates; each gets a gold type or NONE
   (``data.label_candidates``). ``--examples FILE`` keeps what this step made
   for the next experiment.
   PLOVER gold sentences (``--gsr``) add typing examples: a candidate that links
   the gold pair takes the gold type (other candidates there are not negatives:
   that gold marks one event per sentence).
2. Cross-validate by article (seeded folds): for each regularisation strength,
   out-of-fold probabilities give a calibration temperature and the type F1 on
   the whole-article yardstick's definitions (``evaluate_news``). The best
   strength wins.
3. A second stage (``features.context_matrix``): a multinomial logistic
   regression over the out-of-fold probabilities of each candidate beside
   those of the other candidates of its sentence and article, cross-validated
   on the same folds; it is kept only when its type F1 beats the first stage's.
   It also learns from every sentence seen as a text of its own (a wire
   sentence, a headline), scored on the articles as they are.
4. Calibrate: the events it keeps out of fold, right or wrong as the scorer
   says, give an isotonic map from probability to precision, so a confidence
   of 0.9 means nine in ten such events were right. The ``min_confidence``
   that maximises type F1 is chosen on that scale, with each fold's events
   mapped by a calibration fitted without them (honest figures).
5. Fit on everything and write the weights with a manifest (data, seed,
   choices, cross-validated scores).

scikit-learn is needed here only (the ``train`` extra); the coder runs on numpy.

Where the errors are (out of fold, e94d5d2's examples, seed-0 folds, the decision at its chosen threshold 0.2:
6,731 events kept, 2,834 right, 5,746 gold). Wrong events 3,897 (ACCUSE 2,363): no gold event in the sentence
1,719 (rule candidates 1,087; ACCUSE 888), of which many are conventions of the guide (speakers who are not
political actors, opinions, journalists' questions, background) and some are events the labels leave out; no
gold event there but one of the same type found within 400 characters (the same act told again) 571, or an
unfound one of the type in a neighbouring sentence 457; gold there of another type 951 (339 of them already
found in their own type); a second event of a found gold event's type in its sentence 167 (all rule candidates;
``coder.choose`` now keeps one event per trigger and type, which leaves 111) and 32 more elsewhere. Missed gold events 2,912 (ACCUSE 1,100): no candidate 39, candidates there but none labelled 34, the
labelled candidate's best type right but under the threshold 1,013 (ACCUSE 761), its best type another 789,
another type kept in the sentence 871, the type kept but taken by another gold event 166. So deciding whether a
sentence states an act, and which sentence of a passage does, is the limit, not the candidates.

Measured and not kept: eight second-stage columns for the same act told again (the candidate's best type as
held by the candidates of the previous and of the next sentence; more surely by one within two sentences, by
the same pair in the article, by the same source within two sentences; its rank for that type in its sentence;
its probability less the most of the neighbours'; another candidate of its trigger holding the type at least
as surely). On e94d5d2's examples and first-stage out-of-fold logits (C = 0.15), second stage C = 0.3, held-out
calibration, threshold chosen again, type P / R / F1 and record precision: seed-0 folds 0.421 / 0.493 / 0.454,
0.213 -> 0.437 / 0.478 / 0.457, 0.221 (ACCUSE precision 0.438 -> 0.450); seed-1 folds 0.449 / 0.464 / 0.456,
0.230 -> 0.431 / 0.483 / 0.456, 0.219 (ACCUSE 0.444 -> 0.447). Retrained with this command (seed 0) the
manifest read 0.437 / 0.478 / 0.457, record precision 0.221, min_confidence 0.225, against the shipped
weights' 0.460 / 0.446 / 0.453, 0.235 at 0.25 (trained on an older reading of the articles); plover-gsr type
given pair / strict recall 0.965 / 0.845 -> 0.972 / 0.851. A gain inside the fold noise that lowers the
precision the issue asks for, so the weights were not replaced.

Also measured and not kept, retrained with this command (seed 0, e94d5d2 and ``coder.choose``'s one event per
trigger): first-stage features for the statements stage's reading of a candidate, its trigger's role (a cue's
words, what was said, a speaker's mention, none), its target's, and the lemmas of what its statement says
(``said=<lemma>``, apart from the sentence's bag; 6,350 more features). First stage at C = 0.15 type F1 0.446 ->
0.450, but after the second stage and calibration 0.425 / 0.493 / 0.456 -> 0.441 / 0.462 / 0.451 (record
precision 0.215 -> 0.225, ACCUSE recall 0.621 -> 0.576): precision for recall again, F1 down.

Also measured and not kept, a non-linear first stage (ninth session; examples parsed at 097f921: 816 articles,
34,976 candidates, 150,849 features; 5 folds by article under fold seeds 0 / 1; first stage as the trainer
compares stages, i.e. held-out temperature, rule prior, best threshold: type P / R / F1, held-out log-loss).
Linear (C = 0.15): 0.433 / 0.459 / 0.446, 0.5012 and 0.455 / 0.443 / 0.449, 0.5005. A residual MLP added to the
linear logits (64 ReLU over the parser's vectors of trigger and sentence and the linear logits, output layer from
zero, numpy Adam, dropout 0.5, weight decay 1e-2, early stopping on 10% of the training articles, trained on the
other folds' out-of-fold logits as the second stage is): 0.435 / 0.455 / 0.445, 0.5018 and 0.442 / 0.451 / 0.446,
0.5014; over the vectors only 0.436 / 0.454 / 0.445, 0.5025 and 0.468 / 0.430 / 0.448, 0.5012. The regularised
MLP over all features (training/events/experiments/mlp_first_stage.py: 64 ReLU, dropouts 0.5 / 0.5, weight decay
1e-3, 12 epochs) alone 0.462 / 0.428 / 0.444, 0.5099 and 0.453 / 0.428 / 0.440, 0.5086; its logits averaged
0.5 / 0.5 with the linear ones 0.453 / 0.457 / 0.455, 0.4919 and 0.467 / 0.437 / 0.452, 0.4910. So alone the
non-linear stages are no better than the linear one; mixed, F1 +0.009 / +0.003 and precision +0.020 / +0.012:
beyond the fold noise under one seed only (as in training/events/README.md, "A non-linear first stage"), at a
cost the throughput bar has no room for: the hidden layer's gather of 64 more columns per named feature took the
first stage's arithmetic from 2.1 to 4.0 ms CPU per article (micro-bench on 120 training articles), and 38.6 MB
more weights. Through the whole procedure (second stage, held-out calibration, threshold) the linear stage gives
0.441 / 0.478 / 0.459, record precision 0.225, and 0.432 / 0.471 / 0.451, 0.221 (its second stage misses the 0.01
bar there); the mix 0.440 / 0.479 / 0.459, 0.225 (its second stage not kept) and 0.472 / 0.451 / 0.461, 0.245:
the same under seed 0, a gain under seed 1 only. The residual's scripts (a session's
/tmp) are not kept in the repository.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections import Counter
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from eventwire.errors import InputError
from eventwire.evaluate import gold_actor_spans
from eventwire.evaluate_news import match_events, resolve_gold, score_news
from eventwire.events.learned.candidates import calibration_group
from eventwire.events.learned.coder import (
    SHIPPED,
    choose,
    keep_first_stage,
    rule_types,
    thin_classes,
    with_rule_prior,
)
from eventwire.events.learned.data import gsr_source, label_candidates, labelled_texts, parse_as_run, read_gsr
from eventwire.events.learned.features import candidate_rows, context_matrix, context_names
from eventwire.events.learned.model import NONE, DenseSoftmax, LinearModel, apply_calibration, softmax

STRENGTHS = (0.05, 0.15)
CONTEXT_STRENGTHS = (0.3, 1.0)  # of the second stage (a few dozen dense columns)
SENTENCE_VIEWS = True  # the second stage also learns from each sentence seen alone (see _sentence_views)
# The second stage is kept only when it beats the first stage's cross-validated type F1 by this much: its two
# strengths and the thresholds are chosen on the same out-of-fold rows, whose first-stage models saw the other
# folds, so a gain of a few thousandths is noise (0.443 -> 0.448 came with lower precision and status accuracy
# on every held-out set, and more events on non-political pages).
CONTEXT_MIN_GAIN = 0.01
TEMPERATURES = tuple(round(0.5 + 0.1 * k, 1) for k in range(26))
THRESHOLDS = tuple(round(0.1 + 0.025 * k, 3) for k in range(29))
GSR_WEIGHT = 3.0  # gold sentences count thrice: they are few, and the only non-campaign news in the data
RULE_PRIOR = 1.0  # see coder.with_rule_prior; measured on training data only (article folds, plover-gsr halves)
MIN_COUNT = 2
MIN_GROUP = 100  # kept events a calibration group needs for a map of its own (else the map of all)


@dataclasses.dataclass
class Examples:
    """Feature rows with their gold class, group (article id, or ``gsr:<id>``) and weight, plus what scoring needs."""

    rows: list[dict[str, float]] = dataclasses.field(default_factory=list)
    labels: list[str] = dataclasses.field(default_factory=list)
    groups: list[str] = dataclasses.field(default_factory=list)
    weights: list[float] = dataclasses.field(default_factory=list)
    candidates: dict[str, list] = dataclasses.field(default_factory=dict)
    gold: dict[str, dict] = dataclasses.field(default_factory=dict)
    articles: dict[str, dict] = dataclasses.field(default_factory=dict)

    def brief(self, aid: str) -> list[dict[str, Any]]:
        """The candidates of an article as the scorer reads them (computed once)."""
        cache = self.__dict__.setdefault("_briefs", {})
        if aid not in cache:
            cache[aid] = [
                {k: dataclasses.asdict(v) if dataclasses.is_dataclass(v) else v for k, v in vars(ev).items()}
                for ev in self.candidates[aid]
            ]
        return cache[aid]

    def add(self, rows, labels, group: str, weight: float) -> None:
        self.rows += rows
        self.labels += labels
        self.groups += [group] * len(rows)
        self.weights += [weight] * len(rows)


def _candidates(pipe, texts: list[tuple[str, dict]]):
    """(doc, candidates, rows) per text, as the coder sees them in a run: the article read with its metadata and
    lead lines (dateline, date, publisher, title: ``data.article_of``), actors resolved in that
    context, and the rule statements the events coder reads (not the tagger's), as ``Pipeline.code_doc``."""
    for doc, actors, statements, cands in parse_as_run(pipe, texts):
        yield doc, cands, candidate_rows(doc, cands, actors, statements)


def collect(pipe, labels: list[dict], articles: dict[str, dict], gsr: list[dict] | None, log: Callable) -> Examples:
    """Candidates and their gold classes from the labelled articles (and the gold sentences)."""
    ex = Examples()
    missing = [lab["id"] for lab in labels if lab["id"] not in articles]
    if missing:
        raise InputError(f"{len(missing)} labelled articles have no text, e.g. {missing[0]}")
    texts = [(articles[lab["id"]]["text"], articles[lab["id"]]) for lab in labels]
    for lab, (_doc, cands, rows) in zip(labels, _candidates(pipe, texts), strict=True):
        aid = lab["id"]
        gold = resolve_gold(lab, articles[aid]["text"])
        ex.add(rows, label_candidates(gold["events"], cands), aid, 1.0)
        ex.candidates[aid], ex.gold[aid], ex.articles[aid] = cands, gold, articles[aid]
    log(f"articles: {len(labels)}, gold events {sum(len(g['events']) for g in ex.gold.values())}, "
        f"candidates {len(ex.rows)}, positive {sum(x != NONE for x in ex.labels)}")  # fmt: skip
    if gsr:
        texts = [(r["text"], {}) for r in gsr]
        n = 0
        for rec, (_doc, cands, rows) in zip(gsr, _candidates(pipe, texts), strict=True):
            g = rec["events"][0]
            src, tgt = (
                gold_actor_spans(rec["text"], g.get("source") or []),
                gold_actor_spans(rec["text"], g.get("target") or []),
            )
            for ev, row in zip(cands, rows, strict=True):
                if _links(ev.source, src, g.get("source")) and _links(ev.target, tgt, g.get("target")):
                    ex.add([row], [g["event_type"]], f"gsr:{rec.get('id')}", GSR_WEIGHT)
                    n += 1
        log(f"gold sentences: {len(gsr)}, typing examples {n}")
    return ex


def _links(ref, spans, gold_side) -> bool:
    if not gold_side:
        return True
    return ref is not None and any(ref.start < e and s < ref.end for s, e in spans)


def _matrix(rows: list[dict[str, float]], keep: np.ndarray | None = None):
    from sklearn.feature_extraction import DictVectorizer

    vec = DictVectorizer(sort=True)
    x = vec.fit_transform(rows)
    names = list(vec.get_feature_names_out())
    counts = np.asarray((x[keep] if keep is not None else x).getnnz(axis=0)).ravel()
    cols = np.flatnonzero(counts >= MIN_COUNT)
    return x[:, cols].tocsr(), [names[i] for i in cols]


def _fit(x, y: np.ndarray, w: np.ndarray | None, strength: float, seed: int, tol: float = 1e-3):
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=strength, max_iter=3000, tol=tol, random_state=seed)
    clf.fit(x, y, sample_weight=w)
    return clf


def _context_x(ex: Examples, probs: np.ndarray, classes: list[str]) -> np.ndarray:
    """The second stage's rows of every article candidate (rows of ``probs`` in ``ex`` order)."""
    at, out = 0, []
    for cands in ex.candidates.values():
        out.append(context_matrix(cands, probs[at : at + len(cands)], classes))
        at += len(cands)
    return np.vstack(out) if out else np.zeros((0, len(context_names(classes))))


def _dense(clf, n_classes: int) -> DenseSoftmax:
    """A fitted multinomial regression over class indices as weights for every class (absent ones never win)."""
    coef = np.zeros((n_classes, clf.coef_.shape[1]))
    intercept = np.full(n_classes, -30.0)
    coef[clf.classes_], intercept[clf.classes_] = clf.coef_, clf.intercept_
    return DenseSoftmax(coef, intercept)


def _sentence_views(ex: Examples, probs: np.ndarray, classes: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """The second stage's rows of every article candidate as if its sentence were the whole text, and the row of
    ``probs`` each stands for.

    The coder also meets one-sentence texts (a wire sentence, a headline): trained on whole articles only, the
    second stage would read such a text's lone candidates as an article that is about nothing else.
    """
    at, out, index = 0, [], []
    for cands in ex.candidates.values():
        by_sentence: dict[int, list[int]] = {}
        for i, c in enumerate(cands):
            by_sentence.setdefault(c.evidence.start, []).append(i)
        for rows in by_sentence.values():
            out.append(context_matrix([cands[i] for i in rows], probs[[at + i for i in rows]], classes))
            index.extend(at + i for i in rows)
        at += len(cands)
    if not out:
        return np.zeros((0, len(context_names(classes)))), np.zeros(0, dtype=int)
    return np.vstack(out), np.array(index)


def fit_context(
    ex: Examples,
    probs: np.ndarray,
    y_idx: np.ndarray,
    classes: list[str],
    folds: list[set[str]],
    seed: int,
    log,
    first_f1: float | None,
    views: bool = SENTENCE_VIEWS,
) -> tuple[DenseSoftmax | None, np.ndarray, dict[str, Any]]:
    """The second stage, if one beats the first stage's cross-validated type F1 by ``CONTEXT_MIN_GAIN``: (weights, its out-of-fold
    probabilities, what was measured). ``probs``/``y_idx``: the article rows' out-of-fold probabilities, gold.
    ``first_f1``: the first stage's cross-validated type F1 on ``probs``, as the caller scored it.
    ``views``: also train on each sentence's candidates seen alone (``_sentence_views``); scored on articles."""
    x = _context_x(ex, probs, classes)
    groups = np.array([aid for aid, cands in ex.candidates.items() for _ in cands])
    if views:
        x_view, at = _sentence_views(ex, probs, classes)
        x_all, y_all, g_all = (
            np.vstack([x, x_view]),
            np.concatenate([y_idx, y_idx[at]]),
            np.concatenate([groups, groups[at]]),
        )
    else:
        x_all, y_all, g_all = x, y_idx, groups
    measured: dict[str, Any] = {"type_f1_first_stage": first_f1}
    thin = thin_classes(classes, Counter(ex.labels))  # as the coder reads them (coder.in_context)
    rules = rule_types([c for cands in ex.candidates.values() for c in cands], classes)  # the article rows
    best = (first_f1 or 0.0, None, probs)
    if len(set(y_idx.tolist())) < 2:
        return None, probs, measured
    for strength in CONTEXT_STRENGTHS:
        out = np.zeros_like(probs)
        for fold in folds:
            test, train = np.isin(groups, list(fold)), ~np.isin(g_all, list(fold))
            if test.all() or len(set(y_all[train].tolist())) < 2:
                out[test] = probs[test]
                continue
            out[test] = _dense(_fit(x_all[train], y_all[train], None, strength, seed, 1e-4), len(classes)).proba(
                x[test]
            )
        out = keep_first_stage(out, probs, thin, rules)
        _, rep = best_threshold(ex, out, classes)
        measured[f"type_f1_C={strength}"] = rep["type_f1"]
        log(f"second stage C={strength}: type F1 {rep['type_f1']} (first stage {measured['type_f1_first_stage']})")
        if (rep["type_f1"] or 0.0) > best[0]:
            best = (rep["type_f1"] or 0.0, strength, out)
    f1, strength, out = best
    measured["C"] = strength
    measured["min_gain"] = CONTEXT_MIN_GAIN
    if strength is None or f1 < (measured["type_f1_first_stage"] or 0.0) + CONTEXT_MIN_GAIN:
        measured["C"] = None
        return None, probs, measured
    measured["sentence_views"] = views
    return _dense(_fit(x_all, y_all, None, strength, seed, 1e-4), len(classes)), out, measured


def _temperature(logits: np.ndarray, y_idx: np.ndarray) -> float:
    """The temperature with the least negative log-likelihood on held-out logits."""
    nll = [-np.log(softmax(logits / t)[np.arange(len(y_idx)), y_idx] + 1e-12).mean() for t in TEMPERATURES]
    return TEMPERATURES[int(np.argmin(nll))]


def score_threshold(
    ex: Examples, probs: np.ndarray, classes: list[str], threshold: float, calibration: dict | None = None
) -> dict[str, Any]:
    """Whole-article figures of the decisions at ``threshold`` (rows of ``probs`` in ``ex`` order).

    ``calibration``: the confidence map of each article (by id), as ``calibrate`` makes them.
    """
    at, results = 0, {}
    for aid, cands in ex.candidates.items():
        base = ex.brief(aid)
        cal = calibration.get(aid) if calibration else None
        kept = choose(cands, probs[at : at + len(cands)], classes, threshold, cal)
        at += len(cands)
        results[aid] = {"events": [{**base[i], "event_type": etype, "confidence": conf} for i, etype, conf in kept]}
    report, _ = score_news(list(ex.gold.values()), ex.articles, results)
    return report


def kept_events(ex: Examples, probs: np.ndarray, classes: list[str]) -> list[tuple[str, str, float, bool]]:
    """(article id, calibration group, probability, right) of every event kept at the lowest threshold."""
    at, out = 0, []
    for aid, cands in ex.candidates.items():
        base = ex.brief(aid)
        kept = choose(cands, probs[at : at + len(cands)], classes, THRESHOLDS[0])
        at += len(cands)
        predicted = [{**base[i], "event_type": etype} for i, etype, _ in kept]
        right = {pi for _, pi in match_events(ex.gold[aid]["events"], predicted)}
        out += [
            (aid, calibration_group(cands[i], etype), conf, pi in right) for pi, (i, etype, conf) in enumerate(kept)
        ]
    return out


def calibrate(events: list[tuple[str, str, float, bool]], folds: list[set[str]]) -> tuple[dict, dict]:
    """Isotonic maps from probability to precision of kept events, one per calibration group with enough events
    and one for ``all`` (for the manifest), and per article the maps fitted without its fold (honest figures)."""
    from sklearn.isotonic import IsotonicRegression

    def fit(rows) -> dict[str, list[float]]:
        if not rows:
            return {"probability": [0.0, 1.0], "precision": [0.0, 1.0]}
        ir = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0)
        ir.fit([c for _, _, c, _ in rows], [float(ok) for *_, ok in rows])
        return {"probability": [round(float(v), 4) for v in ir.X_thresholds_],
                "precision": [round(float(v), 4) for v in ir.y_thresholds_]}  # fmt: skip

    def fit_groups(rows) -> dict[str, dict[str, list[float]]]:
        by_group: dict[str, list] = {}
        for row in rows:
            by_group.setdefault(row[1], []).append(row)
        maps = {g: fit(r) for g, r in sorted(by_group.items()) if len(r) >= MIN_GROUP}
        return {"all": fit(rows), **maps}

    per_article = {}
    for fold in folds:
        cal = fit_groups([e for e in events if e[0] not in fold])
        for aid in fold:
            per_article[aid] = partial(apply_calibration, cal)
    return fit_groups(events), per_article


def best_threshold(
    ex: Examples, probs: np.ndarray, classes: list[str], calibration: dict | None = None
) -> tuple[float, dict[str, Any]]:
    """The ``min_confidence`` with the best whole-article type F1 (the lower one on a tie), and its figures."""
    best = None
    for t in THRESHOLDS:
        rep = score_threshold(ex, probs, classes, t, calibration)
        if best is None or (rep["type_f1"] or 0.0) > (best[1]["type_f1"] or 0.0):
            best = (t, rep)
    return best


def _folds(ids: list[str], k: int, seed: int) -> list[set[str]]:
    ids = sorted(ids)
    random.Random(seed).shuffle(ids)
    return [set(ids[i::k]) for i in range(k)]


def cross_validate(ex: Examples, x, strength: float, folds: list[set[str]], seed: int, classes: list[str]):
    """Out-of-fold logits of the article rows (gold sentences always train)."""
    y = np.array(ex.labels)
    w = np.array(ex.weights)
    groups = np.array(ex.groups)
    logits = np.zeros((len(y), len(classes)))
    for fold in folds:
        test = np.isin(groups, list(fold))
        clf = _fit(x[~test], y[~test], w[~test], strength, seed)
        z = np.full((int(test.sum()), len(classes)), -30.0)  # a class unseen in training: never chosen
        cols = [classes.index(c) for c in clf.classes_]
        z[:, cols] = clf.decision_function(x[test]) if len(clf.classes_) > 2 else _binary(clf, x[test])
        logits[test] = z
    return logits


def _binary(clf, x) -> np.ndarray:
    d = clf.decision_function(x)
    return np.column_stack([-d / 2, d / 2])


def train_events(
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
    examples_path: Path | str | None = None,
) -> dict[str, Any]:
    """Train and write the model; returns its manifest.

    ``examples_path``: a file (outside the repository) of the parsed candidates and their features, written
    when absent and read when present, so an experiment does not parse every article again. It is refused
    for other labels, texts or model, and after any change to the package's code or knowledge
    (``_examples_key``).
    """
    from eventwire.pipeline import Pipeline
    from eventwire.settings import Settings

    label_paths = [str(p) for p in label_paths]
    labels, articles = labelled_texts(label_paths, articles_path, polnear)
    settings = dataclasses.replace(
        settings or Settings(), event_coder="rules.v1", min_confidence=None, political_actors_only=False
    )
    gsr = read_gsr(gsr_path) if gsr_path else None
    key = _examples_key(labels, articles, gsr, settings.model)
    ex = _read_examples(examples_path, key, log)
    if ex is None:
        ex = collect(Pipeline(settings, nlp=nlp), labels, articles, gsr, log)
        _write_examples(examples_path, key, ex, log)
    model = fit_model(ex, seed=seed, folds=folds, log=log)
    model.manifest["data"]["labels"] = label_paths
    model.manifest["data"]["gsr"] = gsr_source(gsr_path)
    model.save(out)
    log(f"wrote {out}")
    return model.manifest


def _examples_key(labels: list[dict], articles: dict[str, dict], gsr: list[dict] | None, model: str) -> str:
    """What a file of examples was made from: the labels, the article texts and metadata, the gold sentences,
    the spaCy model, and the code and knowledge that parse and read them (``_code_fingerprint``), so a file
    made before any of these changed is refused rather than silently reused."""
    import hashlib
    import json

    texts = [articles.get(lab["id"]) for lab in labels]
    blob = json.dumps([labels, texts, gsr, model, _code_fingerprint()], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _code_fingerprint() -> str:
    """A hash of the installed package's sources, knowledge files and the spaCy version, without the event
    weights this command writes (candidates and features do not depend on them)."""
    import hashlib

    import spacy

    import eventwire

    root = Path(eventwire.__file__).resolve().parent
    weights = root / "events" / "learned" / "weights"
    digest = hashlib.sha256(spacy.__version__.encode())
    for path in sorted(root.rglob("*")):
        if (
            path.is_file()
            and weights not in path.parents
            and path.suffix in (".py", ".yaml", ".yml", ".json", ".tsv", ".npz")
        ):
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _read_examples(path: Path | str | None, key: str, log: Callable) -> Examples | None:
    import pickle

    if path is None or not Path(path).is_file():
        return None
    with open(path, "rb") as fh:
        saved = pickle.load(fh)  # noqa: S301 (a file this command wrote)
    if saved.get("key") != key:
        raise InputError(
            f"{path} holds the examples of other labels, texts or model, or of other code: delete it or give another"
        )
    log(f"examples read from {path} (not parsed again)")
    return saved["examples"]


def _write_examples(path: Path | str | None, key: str, ex: Examples, log: Callable) -> None:
    import pickle

    if path is None:
        return
    ex.__dict__.pop("_briefs", None)
    with open(path, "wb") as fh:
        pickle.dump({"key": key, "examples": ex}, fh, protocol=pickle.HIGHEST_PROTOCOL)
    log(f"examples written to {path}")


def fit_model(ex: Examples, *, seed: int = 0, folds: int = 5, log: Callable[[str], None] = print) -> LinearModel:
    """Choose the strength, temperature and threshold by cross-validation, then fit on all examples.

    One BLAS thread: on a small, shared machine more threads only fight each other (ten times slower).
    """
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        return _fit_model(ex, seed=seed, folds=folds, log=log)


def _fit_model(ex: Examples, *, seed: int, folds: int, log: Callable[[str], None]) -> LinearModel:
    import sklearn

    classes = [NONE, *sorted({c for c in ex.labels if c != NONE})]
    is_article = np.array([not g.startswith("gsr:") for g in ex.groups])
    x, names = _matrix(ex.rows)
    y_idx = np.array([classes.index(c) for c in ex.labels])
    k = max(2, min(folds, len(ex.candidates)))
    fold_sets = _folds(list(ex.candidates), k, seed)
    article_candidates = [c for cands in ex.candidates.values() for c in cands]  # the article rows, in order
    best = None
    for strength in STRENGTHS:
        logits = cross_validate(ex, x, strength, fold_sets, seed, classes)[is_article]
        temp = _temperature(logits, y_idx[is_article])
        probs = with_rule_prior(softmax(logits / temp), article_candidates, classes, RULE_PRIOR)
        t, rep = best_threshold(ex, probs, classes)
        if best is None or (rep["type_f1"] or 0.0) > (best[0] or 0.0):
            best = (rep["type_f1"], strength, temp, probs)
        log(f"C={strength}: temperature {temp}, type F1 {rep['type_f1']} at probability {t}")
    first_f1, strength, temp, probs = best
    context, probs, context_measured = fit_context(
        ex, probs, y_idx[is_article], classes, fold_sets, seed, log, first_f1
    )
    calibration, held_out = calibrate(kept_events(ex, probs, classes), fold_sets)
    threshold, rep = best_threshold(ex, probs, classes, held_out)
    clf = _fit(x, np.array(ex.labels), np.array(ex.weights), strength, seed)
    coef = np.zeros((len(classes), x.shape[1]))
    intercept = np.full(len(classes), -30.0)
    if len(clf.classes_) > 2:
        rows = [classes.index(c) for c in clf.classes_]
        coef[rows], intercept[rows] = clf.coef_, clf.intercept_
    else:  # two classes: sklearn gives one row for the second class
        a, b = (classes.index(c) for c in clf.classes_)
        coef[a], coef[b] = -clf.coef_[0] / 2, clf.coef_[0] / 2
        intercept[a], intercept[b] = -clf.intercept_[0] / 2, clf.intercept_[0] / 2
    cv_keys = ("type_precision", "type_recall", "type_f1", "record_precision", "record_recall", "accuse_recall",
               "status_right_given_type", "precision_by_confidence")  # fmt: skip
    manifest = {
        "coder": "learned.v1",
        "model": "multinomial logistic regression over candidate parse features (scikit-learn, lbfgs)"
        + (", then over those probabilities in their sentence and article" if context is not None else "")
        + ", isotonic confidence",
        "trained": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "seed": seed,
        "data": {
            "articles": len(ex.candidates),
            "gold_events": sum(len(g["events"]) for g in ex.gold.values()),
            "candidates": int(is_article.sum()),
            "positive_candidates": int(sum(1 for c, a in zip(ex.labels, is_article, strict=True) if a and c != NONE)),
            "gsr_typing_examples": int((~is_article).sum()),
            "class_counts": dict(sorted(Counter(ex.labels).items())),
        },
        "features": len(names),
        "C": strength,
        "min_confidence": threshold,
        "calibration": calibration,
        "rule_prior": RULE_PRIOR,
        "context": {**context_measured, "columns": context_names(classes) if context is not None else []},
        "gsr_weight": GSR_WEIGHT,
        "cross_validated": {"folds": k, **{key: rep[key] for key in cv_keys}},
        "versions": {"scikit-learn": sklearn.__version__, "numpy": np.__version__},
    }
    model = LinearModel(classes, names, coef, intercept, temperature=temp, manifest=manifest, context=context)
    log(f"{len(names)} features, C={strength}, temperature {temp}, min_confidence {threshold}; "
        f"cross-validated type P {rep['type_precision']} R {rep['type_recall']} F1 {rep['type_f1']}")  # fmt: skip
    return model
