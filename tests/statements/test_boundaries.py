"""The learned boundary step: candidates, the fast scorer against the named features, fitting, training."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy
import pytest

from eventwire.statements import boundaries as B
from eventwire.statements.polnear import ROLES
from eventwire.statements.tagger import TAGS, AttributionTagger

MINI = Path(__file__).resolve().parents[1] / "data" / "statements" / "polnear_mini"
TEXT = (
    "The minister said on Tuesday that the plan, which critics call reckless, would cut costs. "
    "“We will not wait,” she told reporters in the capital, according to a statement."
)


@pytest.fixture(scope="module")
def doc(nlp):
    return nlp(TEXT)


def _probs(n: int, seed: int = 0) -> numpy.ndarray:
    rng = numpy.random.default_rng(seed)
    p = rng.random((n, len(TAGS))) + 0.05
    return p / p.sum(1, keepdims=True)


def _spans(doc) -> list[tuple[str, int, int]]:
    said = next(t.i for t in doc if t.text == "said")
    that = next(t.i for t in doc if t.text == "that")
    stop = next(t.i for t in doc if t.text == "." and t.i > that)
    told = next(t.i for t in doc if t.text == "told")
    return [("source", 0, said), ("cue", said, said + 1), ("content", that + 3, stop - 2), ("cue", told, told + 1)]


def test_tokens_phrase_edges_are_the_parse_s_subtree_edges(doc) -> None:
    tokens = B.Tokens.from_doc(doc)
    assert tokens.left.tolist() == [t.left_edge.i for t in doc]
    assert tokens.right.tolist() == [t.right_edge.i + 1 for t in doc]
    assert tokens.values["w"][[t.text for t in doc].index("that")] == "that"  # a function word as written
    assert tokens.values["w"][[t.text for t in doc].index("plan")] == "NOUN"  # else its part of speech


def test_candidates_stay_between_the_neighbouring_spans_and_keep_the_span_non_empty(doc) -> None:
    tokens = B.Tokens.from_doc(doc)
    spans = _spans(doc)
    place = B._places(spans, len(doc))[2]
    _, s, e = spans[2]
    starts = B.candidates(tokens, "start", s, e, place.lo, place.hi)
    ends = B.candidates(tokens, "end", s, e, place.lo, place.hi)
    assert s in starts and e in ends
    assert starts.min() >= spans[1][2] and starts.max() < e  # never into the cue before it
    assert ends.min() > s and ends.max() <= spans[3][1]


def test_the_fast_scorer_adds_the_weights_of_the_features_training_names(doc) -> None:
    tokens = B.Tokens.from_doc(doc)
    probs = _probs(len(doc))
    spans = _spans(doc)
    names = set()
    for k in range(len(spans)):
        for side in B.SIDES:
            names.update(x for f in B.candidate_features(tokens, probs, spans, k, side)[1] for x in f)
    rng = random.Random(1)
    weights = {name: rng.uniform(-2, 2) for name in sorted(names)}
    step = B.Boundaries(weights)
    for k in range(len(spans)):
        for side in B.SIDES:
            cands, feats = B.candidate_features(tokens, probs, spans, k, side)
            fast_cands, fast = step.scores(tokens, probs, spans, k, side)
            assert fast_cands.tolist() == cands.tolist()
            assert numpy.allclose(fast, [sum(weights[x] for x in f) for f in feats])
    moved = step.adjust(doc, probs, spans)  # each span at its best start and end, all spans at once
    for k, (role, s, e) in enumerate(spans):
        best = [int(B.candidate_features(tokens, probs, spans, k, side)[0][numpy.argmax(step.scores(tokens, probs, spans, k, side)[1])]) for side in B.SIDES]  # fmt: skip
        assert moved[k] == ((role, *best) if best[0] < best[1] else (role, s, e))


def test_a_learned_preference_for_a_leading_that_moves_the_content_start(doc) -> None:
    spans = _spans(doc)
    probs = _probs(len(doc))
    that = [t.text for t in doc].index("that")
    step = B.Boundaries({"start|content|aw=that": 50.0, "end|content|d=0": 50.0})
    assert step.adjust(doc, probs, spans)[2] == ("content", that, spans[2][2])
    assert step.adjust(doc, probs, spans)[:2] == spans[:2]  # roles without weights are scored 0 alike: kept
    nothing = B.Boundaries({"start|content|aw=the": 50.0, "start|content|d=0": 10.0, "end|content|d=0": 50.0})
    assert nothing.adjust(doc, probs, spans)[2][1] != that


def test_fit_learns_which_candidate_is_right() -> None:
    rng = random.Random(0)
    groups = []
    for _ in range(200):
        feats = [[f"x={rng.randrange(3)}"] for _ in range(5)]
        right = rng.randrange(5)
        feats[right] = ["good", *feats[right]]
        groups.append((feats, right))
    weights = B.fit(groups, l2=1.0)
    assert weights["good"] > 1.0
    assert all(abs(w) < weights["good"] for name, w in weights.items() if name != "good")


def test_training_writes_the_step_beside_the_weights_and_its_manifest_entry(nlp, tmp_path: Path) -> None:
    from eventwire.statements.training import run

    # the mini split's out-of-fold spans give contents only: let the step move every role here
    small = {"width": 16, "depth": 1, "embed_rows": 100, "embed_width": 8}  # the mini split is train and dev alike
    manifest = run(MINI, tmp_path / "out", nlp=nlp, epochs=1, settings=small, boundary_roles=ROLES, log=lambda _: None)
    assert manifest["boundaries"]["roles"] == list(ROLES)
    step_file = tmp_path / "out" / B.FILE
    assert (
        manifest["boundaries"]["file"] == B.FILE
        and "tagged by a tagger trained on the other" in (manifest["boundaries"]["learned_from"])
    )
    assert json.loads(step_file.read_text(encoding="utf-8"))["weights"]
    assert AttributionTagger.from_dir(tmp_path / "out").boundaries is not None
    step_file.write_text(json.dumps({"weights": {"start|content|d=0": 1.0}}), encoding="utf-8")
    run(MINI, tmp_path / "out", nlp=nlp, epochs=1, settings=small, with_boundaries=False, log=lambda _: None)
    assert not step_file.exists()  # a step fitted to other weights' spans is not left beside new weights
    assert AttributionTagger.from_dir(tmp_path / "out").boundaries is None


def test_the_step_learns_from_every_train_article_each_tagged_by_a_tagger_that_never_saw_it(nlp, monkeypatch) -> None:
    from eventwire.actors import ActorResolver
    from eventwire.statements import training
    from eventwire.statements.extract import StatementExtractor
    from eventwire.statements.polnear import read_split

    articles = read_split(MINI)
    docs = list(nlp.pipe(a.text for a in articles))
    examples = list(
        training.make_examples(
            articles, docs, StatementExtractor.from_files(learned=False), ActorResolver.from_files(),
            keep_docs={a.name for a in articles},
        )
    )  # fmt: skip
    events: list[tuple[str, set[str]]] = []
    real_train, real_snap = training.train, training.snap_spans

    def spy_train(train_examples, dev_examples, **kw):
        events.append(("train", {ex.name for ex in train_examples}))
        return real_train(train_examples, dev_examples, **kw)

    def spy_snap(doc, tags, probs, spans):
        events.append(("tag", {ex.name for ex in examples if ex.doc is doc}))
        return real_snap(doc, tags, probs, spans)

    monkeypatch.setattr(training, "train", spy_train)
    monkeypatch.setattr(training, "snap_spans", spy_snap)
    small = {"width": 16, "depth": 1, "embed_rows": 100, "embed_width": 8}
    training.fit_boundaries(examples, examples, epochs=1, settings=small, log=lambda _: None)
    tagged: list[str] = []
    seen_by_tagger: set[str] = set()
    for kind, names in events:
        if kind == "train":
            seen_by_tagger = names
        else:
            assert not names & seen_by_tagger  # tagged by a tagger that did not learn from it
            tagged += names
    assert sorted(tagged) == sorted(a.name for a in articles)  # every article once


def _random_heads(n: int, rng: random.Random) -> numpy.ndarray:
    """A random forest over n tokens (not necessarily projective): each token's head an earlier-placed token or itself."""
    order = list(range(n))
    rng.shuffle(order)
    heads = list(range(n))
    for j, i in enumerate(order[1:], 1):
        if rng.random() > 0.05:
            heads[i] = order[rng.randrange(j)]
    return numpy.array(heads, dtype=numpy.int64)


def test_depths_and_phrase_edges_are_each_token_s_distance_to_its_root_and_its_descendants_span() -> None:
    rng = random.Random(7)
    for n in (0, 1, 2, 5, 40, 300):
        for _ in range(20):
            heads = _random_heads(n, rng)
            depth, left, right = [], [], []
            for i in range(n):  # by definition: walk up to the root; the span of every token below i
                d, j = 0, i
                while heads[j] != j:
                    d, j = d + 1, int(heads[j])
                depth.append(d)
                below = [t for t in range(n) if _ancestor(heads, i, t)]
                left.append(min(below))
                right.append(max(below) + 1)
            assert B._depths(heads).tolist() == depth
            assert B._depths_stepwise(heads).tolist() == depth
            got_left, got_right = B._edges(heads)
            assert got_left.tolist() == left and got_right.tolist() == right
            assert got_left.dtype == got_right.dtype == numpy.int64


def _ancestor(heads: numpy.ndarray, a: int, t: int) -> bool:
    while True:
        if t == a:
            return True
        if heads[t] == t:
            return False
        t = int(heads[t])


def test_tokens_word_classes_and_values_are_read_from_the_strings(doc) -> None:
    """The fast paths (function words by string id, parts of speech through a table) give what the strings say."""
    tokens = B.Tokens.from_doc(doc)
    for t in doc:
        lower = t.lower_
        word = lower if lower in B.FUNCTION_WORDS else B._pos_class(t.pos_)
        assert tokens.values["w"][t.i] == (word if word in B._WORD_ID else "")
        assert tokens.values["p"][t.i] == t.pos_ and tokens.values["d"][t.i] == t.dep_
        assert tokens.values["hd"][t.i] == ("ROOT" if t.head.i == t.i else t.head.dep_)
    ids = numpy.array([0, 90, 84, 90, 7, 84], dtype=numpy.uint64)
    strings = doc.vocab.strings
    uniq, inverse = numpy.unique(ids, return_inverse=True)  # the definition: sorted distinct ids
    fast = B.distinct_strings(ids, strings)  # small symbol ids: through a table
    assert fast[0] == [strings[u] for u in uniq.tolist()]
    assert fast[1].tolist() == inverse.tolist() and fast[1].dtype == inverse.dtype
