"""The attribution tagger: valid tag sequences, seeded training on a tiny own set, save/load."""

from __future__ import annotations

from pathlib import Path

import numpy
import pytest
from thinc.api import Adam

from eventwire.actors import ActorResolver
from eventwire.statements import tagger as tagger_module
from eventwire.statements.extract import StatementExtractor
from eventwire.statements.features import N_FEATURES, TENSOR_WIDTH
from eventwire.statements.polnear import read_split
from eventwire.statements.tagger import (
    DEFAULTS,
    TAGS,
    AttributionTagger,
    Inference,
    build_tagger,
    decode,
    fronted_arguments,
    save,
    snap_spans,
    tag_spans,
    transition_scores,
    viterbi_chunked,
    viterbi_scored,
)
from eventwire.statements.training import make_examples, step_table, train

MINI = Path(__file__).resolve().parents[1] / "data" / "statements" / "polnear_mini"


def test_decode_never_starts_inside_a_span_or_switches_role_mid_span() -> None:
    probs = numpy.full((4, len(TAGS)), 0.01)
    probs[0, TAGS.index("I-cue")] = 0.9  # an inside tag at the start
    probs[1, TAGS.index("I-cue")] = 0.9
    probs[2, TAGS.index("I-source")] = 0.9  # after a cue: not a source continuation
    probs[3, TAGS.index("O")] = 0.9
    tags = [TAGS[t] for t in decode(probs)]
    assert not tags[0].startswith("I-")
    for prev, cur in zip(tags, tags[1:], strict=False):
        if cur.startswith("I-"):
            assert prev[2:] == cur[2:]


def test_tag_spans_reads_runs() -> None:
    ids = [TAGS.index(t) for t in ("B-source", "I-source", "B-cue", "O", "B-content", "I-content")]
    assert tag_spans(ids) == [("source", 0, 2), ("cue", 2, 3), ("content", 4, 6)]


@pytest.fixture(scope="module")
def examples(nlp):
    articles = read_split(MINI)
    docs = list(nlp.pipe(a.text for a in articles))
    return list(make_examples(articles, docs, StatementExtractor.from_files(learned=False), ActorResolver.from_files()))


def test_training_is_seeded_and_learns_the_tiny_set(examples) -> None:
    settings = {"width": 32, "depth": 1, "embed_rows": 200}
    model, best, history = train(examples, examples, seed=3, epochs=25, settings=settings, log=lambda _: None)
    again, _, _ = train(examples, examples, seed=3, epochs=25, settings=settings, log=lambda _: None)
    assert model.to_bytes() == again.to_bytes()
    assert history[-1]["loss"] < history[0]["loss"]
    assert best["dev_exact_f1"]["cue"] >= 0.8  # fits what it was trained on


def test_saved_tagger_loads_and_tags_the_same(examples, tmp_path: Path, nlp) -> None:
    settings = {"width": 32, "depth": 1, "embed_rows": 200}
    model, best, _ = train(examples, [], seed=1, epochs=3, settings=settings, log=lambda _: None)
    save(model, tmp_path, {"settings": {**DEFAULTS, **settings}})
    loaded = AttributionTagger.from_dir(tmp_path)
    feats = examples[0].features
    assert numpy.allclose(model.predict([feats])[0], loaded.model.predict([feats])[0])


def _parsed(words: list[str], heads: list[int], deps: list[str]):
    from spacy.lang.en import English
    from spacy.tokens import Doc

    return Doc(English().vocab, words=words, heads=heads, deps=deps, sent_starts=[True] + [False] * (len(words) - 1))


def test_a_content_cut_short_takes_the_rest_of_its_clause_unless_the_network_is_sure() -> None:
    # "She praised his tweets shaming critics ." with the content tagged "his tweets" only
    words = ["She", "praised", "his", "tweets", "shaming", "critics", "."]
    doc = _parsed(words, [1, 1, 3, 1, 3, 4, 1], ["nsubj", "ROOT", "poss", "dobj", "acl", "dobj", "punct"])
    tags = [TAGS.index(t) for t in ("B-source", "B-cue", "B-content", "I-content", "O", "O", "O")]
    probs = numpy.full((len(words), len(TAGS)), 0.01)
    probs[4:6, TAGS.index("O")] = 0.6  # unsure the clause ends at "tweets"
    spans = tag_spans(tags)
    assert ("content", 2, 6) in snap_spans(doc, tags, probs, spans)  # the final "." stays out
    probs[5, TAGS.index("O")] = 0.99  # sure "critics" is outside
    assert ("content", 2, 4) in snap_spans(doc, tags, probs, spans)


def test_a_cue_s_subject_or_fronted_object_pronoun_left_untagged_becomes_its_source_or_content() -> None:
    # "the plan , which critics called a trap ." : PolNeAR's content of "called" is "which" (and "a trap")
    words = ["the", "plan", ",", "which", "critics", "called", "a", "trap", "."]
    doc = _parsed(
        words, [1, 1, 1, 5, 5, 1, 7, 5, 1], ["det", "ROOT", "punct", "dobj", "nsubj", "relcl", "det", "oprd", "punct"]
    )
    spans = [("source", 4, 5), ("cue", 5, 6), ("content", 6, 8)]
    assert fronted_arguments(doc, spans) == [("content", 3, 4), *spans]
    assert fronted_arguments(doc, [("content", 3, 4), *spans]) == [("content", 3, 4), *spans]  # tagged already
    # the cue's subject, untagged, is its source
    assert fronted_arguments(doc, spans[1:]) == [("content", 3, 4), ("source", 4, 5), *spans[1:]]
    # "The plan was first reported by Reuters ." : the passive subject's phrase
    words = ["The", "plan", "was", "first", "reported", "by", "Reuters", "."]
    doc = _parsed(
        words, [1, 4, 4, 4, 4, 4, 5, 4], ["det", "nsubjpass", "auxpass", "advmod", "ROOT", "agent", "pobj", "punct"]
    )
    spans = [("cue", 2, 6), ("source", 6, 7)]
    assert fronted_arguments(doc, spans) == [("content", 0, 2), *spans]
    doc = _parsed(
        ["that", *words[2:]],
        [3, 3, 3, 3, 3, 4, 3],
        ["nsubjpass", "auxpass", "advmod", "ROOT", "agent", "pobj", "punct"],
    )
    assert fronted_arguments(doc, [("cue", 1, 5)]) == [("cue", 1, 5)]  # "that" is left out
    assert fronted_arguments(doc, []) == []


def test_transition_scores_keep_a_content_whole_across_one_doubtful_token() -> None:
    probs = numpy.full((5, len(TAGS)), 0.01)
    for k, tag in enumerate(("B-content", "I-content", "O", "I-content", "I-content")):
        probs[k, TAGS.index(tag)] = 0.5
    probs[2, TAGS.index("O")], probs[2, TAGS.index("I-content")] = 0.55, 0.35  # a doubtful middle token
    probs[3, TAGS.index("B-content")], probs[3, TAGS.index("I-content")] = 0.4, 0.45
    assert tag_spans(decode(probs, sure=1.0)) == [("content", 0, 2), ("content", 3, 5)]
    # contents seldom stop for one token in the gold sequences the scores are counted from
    gold = [numpy.array([TAGS.index(t) for t in ["O"] * 10 + ["B-content"] + ["I-content"] * 5 + ["O"]])] * 20
    transitions = transition_scores(gold)
    assert tag_spans(decode(probs, sure=1.0, transitions=transitions)) == [("content", 0, 5)]


def test_spans_never_start_or_end_on_a_whitespace_token() -> None:
    doc = _parsed(["Pat", "\xa0", "said", "so"], [2, 0, 2, 2], ["nsubj", "dep", "ROOT", "advmod"])
    tags = [TAGS.index(t) for t in ("B-source", "I-source", "B-cue", "O")]
    probs = numpy.full((4, len(TAGS)), 0.01)
    probs[3, TAGS.index("O")] = 0.99
    assert snap_spans(doc, tags, probs, tag_spans(tags))[0] == ("source", 0, 1)


def test_a_transition_table_for_another_tag_set_is_refused() -> None:
    import pytest

    from eventwire.errors import ConfigError
    from eventwire.statements.tagger import TAGS, weighted_transitions

    n = len(TAGS)
    table = {"weight": 0.5, "tags": list(TAGS), "log_probs": [[0.0] * n for _ in range(n)]}
    assert weighted_transitions({"transitions": table}).shape == (n, n)
    with pytest.raises(ConfigError, match="transition table"):
        weighted_transitions({"transitions": {**table, "tags": ["O", "B-cue", "I-cue"]}})


def test_a_content_ending_on_its_own_whitespace_still_takes_the_rest_of_its_clause() -> None:
    # "She praised his tweets <nbsp> shaming critics ." with the content tagged "his tweets <nbsp>"
    words = ["She", "praised", "his", "tweets", "\xa0", "shaming", "critics", "."]
    heads = [1, 1, 3, 1, 3, 3, 5, 1]
    doc = _parsed(words, heads, ["nsubj", "ROOT", "poss", "dobj", "dep", "acl", "dobj", "punct"])
    tags = [TAGS.index(t) for t in ("B-source", "B-cue", "B-content", "I-content", "I-content", "O", "O", "O")]
    probs = numpy.full((len(words), len(TAGS)), 0.01)
    probs[5:7, TAGS.index("O")] = 0.6  # unsure the clause ends at "tweets"
    assert ("content", 2, 7) in snap_spans(doc, tags, probs, tag_spans(tags))


def test_cue_rates_band_how_often_a_lemma_is_a_cue_and_ignore_rare_or_never_cue_words() -> None:
    from eventwire.statements.features import cue_rates

    keys = ["warn|VERB", "the|DET", "warn|VERB", "rain|NOUN", "warn|VERB", "the|DET", "the|DET", "rain|NOUN"]
    flags = [True, False, True, False, False, False, False, True]
    rates = cue_rates([(keys, flags)])
    assert rates["warn|VERB"] > 0  # two cues in three: a high band
    assert "the|DET" not in rates  # seen, never a cue: band 0, not stored
    assert "rain|NOUN" not in rates  # a cue once, but seen too rarely to say


def _example(keys: list[str], cue: list[bool]):
    from eventwire.statements.training import Example

    n = len(keys)
    tags = numpy.array([TAGS.index("B-cue") if c else 0 for c in cue], dtype="int32")
    ids = numpy.zeros((n, len(DEFAULTS["features"])), dtype=numpy.uint64)
    return Example("a", (numpy.zeros((n, 96), dtype="float32"), ids), tags, {}, numpy.zeros((n, 2)), keys)


def test_a_train_article_gets_cue_rates_counted_without_its_own_labels() -> None:
    from eventwire.statements.features import RATE_COLUMN, rate_column
    from eventwire.statements.training import RATE_FOLDS, set_cue_rates

    # "scold" is a cue in the first article only: its own feature must not tell it so
    train_set = [_example(["scold|VERB"] * 4, [True] * 4)]
    train_set += [_example(["rain|NOUN"] * 4, [False] * 4) for _ in range(RATE_FOLDS - 1)]
    dev = [_example(["scold|VERB"], [False])]
    rates = set_cue_rates(train_set, dev)
    assert rates == {"scold|VERB": max(rates.values())}
    unknown = rate_column(["scold|VERB"], {})[0]
    assert train_set[0].features[1][0, RATE_COLUMN] == unknown  # counted on the other folds: unseen there
    assert dev[0].features[1][0, RATE_COLUMN] == rate_column(["scold|VERB"], rates)[0] != unknown


def test_frame_feature_marks_a_word_with_a_colon_or_a_reported_clause() -> None:
    from eventwire.statements.features import FEATURE_NAMES, doc_features
    from eventwire.statements.lexicon import CueLexicon

    col = FEATURE_NAMES.index("frame")
    colon = _parsed(
        ["Mayor", "Ruiz", ":", "Bridge", "reopens"], [1, 1, 1, 4, 1], ["compound", "ROOT", "punct", "nsubj", "appos"]
    )
    clause = _parsed(
        ["Mayor", "Ruiz", "said", "bridges", "reopen"], [1, 2, 2, 4, 2], ["compound", "nsubj", "ROOT", "nsubj", "ccomp"]
    )
    plain = _parsed(
        ["Mayor", "Ruiz", "crossed", "the", "bridge"], [1, 2, 2, 4, 2], ["compound", "nsubj", "ROOT", "det", "dobj"]
    )
    lex = CueLexicon()
    frames = [doc_features(doc, lex, [])[1][:, col] for doc in (colon, clause, plain)]
    assert frames[0][1] != frames[2][2] and frames[1][2] != frames[2][2]  # colon / ccomp vs a plain object
    assert frames[0][0] == frames[2][0]  # words without such dependents look alike


def test_a_tagger_whose_manifest_names_no_features_reads_the_first_twelve(examples, tmp_path: Path, nlp) -> None:
    from eventwire.statements.features import FIRST_FEATURES
    from eventwire.statements.lexicon import CueLexicon

    settings = {"width": 32, "depth": 1, "embed_rows": 200, "features": list(FIRST_FEATURES)}
    model, _, _ = train(examples, [], seed=1, epochs=1, settings=settings, log=lambda _: None)
    plain = {k: v for k, v in {**DEFAULTS, **settings}.items() if k != "features"}
    save(model, tmp_path, {"settings": plain})  # as written before the features were named
    tagger = AttributionTagger.from_dir(tmp_path)
    assert len(tagger.columns) == len(FIRST_FEATURES) and tagger.rates == {}
    doc = nlp("The mayor said the bridge would reopen.")
    assert isinstance(tagger.spans(doc, CueLexicon(), []), list)


def test_decoding_all_stretches_at_once_gives_each_stretch_its_own_viterbi_path() -> None:
    rng = numpy.random.default_rng(3)
    probs = rng.dirichlet(numpy.ones(len(TAGS)) * 0.3, size=300).astype("float32")
    probs[rng.random(300) < 0.3, 0] = 0.97  # sure O tokens cut the sequence into stretches of many lengths
    probs /= probs.sum(1, keepdims=True)
    transitions = 0.3 * transition_scores([rng.integers(0, len(TAGS), 50) for _ in range(5)])
    tags = decode(probs, transitions=transitions)
    active = numpy.flatnonzero(probs[:, 0] < 0.9)
    cuts = numpy.flatnonzero(numpy.diff(active) > 1)
    expected = [0] * len(probs)
    for a, b in zip([active[0], *active[cuts + 1]], [*active[cuts], active[-1]], strict=True):
        expected[a : b + 1] = viterbi_scored(probs[a : b + 1], transitions)
    assert tags == expected


@pytest.mark.parametrize("blas", [True, False])
def test_the_fast_forward_pass_gives_the_network_s_own_probabilities(blas: bool, monkeypatch) -> None:
    if not blas:  # without threadpoolctl: thinc's own matrix product
        monkeypatch.setattr(tagger_module, "_BLAS", [None])
    model = build_tagger(**{k: v for k, v in DEFAULTS.items()})
    rng = numpy.random.default_rng(0)
    floats = rng.normal(size=(40, TENSOR_WIDTH)).astype("float32")
    ids = rng.integers(0, 2**63, size=(40, N_FEATURES), dtype=numpy.uint64)
    model.initialize([(floats, ids)])
    for layer in model.walk():  # trained-looking layer norms, not the identity they start as
        for name in ("G", "b"):
            if layer.name == "layernorm" and layer.has_param(name):
                layer.set_param(name, rng.normal(size=layer.get_param(name).shape).astype("float32"))
    expected = model.ops.to_numpy(model.predict([(floats, ids)])[0])
    assert numpy.allclose(Inference(model)(floats, ids), expected, atol=1e-5)


def test_threads_tagging_at_once_leave_the_process_blas_settings_as_they_were() -> None:
    import threading

    threadpoolctl = pytest.importorskip("threadpoolctl")
    model = build_tagger(**{k: v for k, v in DEFAULTS.items()})
    rng = numpy.random.default_rng(0)
    floats = rng.normal(size=(40, TENSOR_WIDTH)).astype("float32")
    ids = rng.integers(0, 2**63, size=(40, N_FEATURES), dtype=numpy.uint64)
    model.initialize([(floats, ids)])
    forward = Inference(model)
    before = [p["num_threads"] for p in threadpoolctl.threadpool_info() if p["user_api"] == "blas"]

    def work() -> None:
        for _ in range(30):
            forward(floats, ids)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [p["num_threads"] for p in threadpoolctl.threadpool_info() if p["user_api"] == "blas"] == before


def test_doc_features_are_the_per_token_definitions(nlp) -> None:
    from eventwire.actors import ArticleActors
    from eventwire.statements import StatementExtractor
    from eventwire.statements.features import doc_features
    from eventwire.statements.features_reference import doc_features_by_token

    extractor = StatementExtractor.from_files(learned=False)
    text = (
        'The mayor said on Monday that the bridge "will reopen soon", and critics were told: wait.\n\n'
        "Officials, who declined to comment, accused the firm of delays \u201cagain and again\u201d.\n"
        'He added: "It is done." What she said was unclear -- \u201cno\nway\u201d, according to aides.'
    )
    doc = nlp(text)
    rules = extractor.extract(doc, ArticleActors(doc))
    assert rules  # the rule roles column is checked too
    rates = {"say|VERB": 5, "accuse|VERB": 4, "add|VERB": 3, "tell|VERB": 2, "comment|VERB": 1}
    for band_rates in ({}, rates):
        floats, ids = doc_features(doc, extractor.lex, rules, band_rates)
        ref_floats, ref_ids = doc_features_by_token(doc, extractor.lex, rules, band_rates)
        assert (floats == ref_floats).all() and ids.dtype == ref_ids.dtype
        assert [c for c in range(ids.shape[1]) if (ids[:, c] != ref_ids[:, c]).any()] == []


def test_feature_groups_make_the_columns_and_the_same_probabilities(nlp) -> None:
    """Each column's group (values, each token's index) spreads to the column, and the forward pass fed the
    groups gives the probabilities it gives from the ids alone, bit for bit (the embeddings then skip finding
    each column's distinct values)."""
    from eventwire.actors import ArticleActors
    from eventwire.statements import StatementExtractor
    from eventwire.statements.features import doc_feature_groups, doc_features, spread

    extractor = StatementExtractor.from_files(learned=False)
    text = (
        'The mayor said on Monday that the bridge "will reopen soon", and critics were told: wait.\n\n'
        'Officials accused the firm of delays \u201cagain and again\u201d. He added: "It is done."'
    )
    doc = nlp(text)
    rules = extractor.extract(doc, ArticleActors(doc))
    floats, ids, groups = doc_feature_groups(doc, extractor.lex, rules, {"say|VERB": 5, "add|VERB": 3})
    assert (ids == doc_features(doc, extractor.lex, rules, {"say|VERB": 5, "add|VERB": 3})[1]).all()
    assert [c for c, group in enumerate(groups) if (spread(group) != ids[:, c]).any()] == []
    assert any(len(values) < len(doc) for values, _ in groups)  # most columns hold few values
    model = build_tagger(**{k: v for k, v in DEFAULTS.items()})
    model.initialize([(floats, ids)])
    forward = Inference(model)
    values, at = groups[3]
    groups[3] = numpy.concatenate([values, values]), at + len(values)  # a value twice in a group: the same rows
    assert (forward(floats, ids, groups) == forward(floats, ids)).all()


def test_chunked_viterbi_finds_the_same_path_as_token_by_token() -> None:
    rng = numpy.random.default_rng(5)
    for n in (1, 2, 15, 16, 17, 40, 121):
        probs = rng.dirichlet(numpy.ones(len(TAGS)) * 0.3, size=n)
        transitions = rng.normal(size=(len(TAGS), len(TAGS))) * 2
        expected = viterbi_scored(probs, transitions)
        for size in (1, 3, 16):
            assert viterbi_chunked(probs, transitions, size) == expected
        assert decode(probs, sure=None, transitions=transitions) == expected  # no cut: the whole doc


def test_crf_gradients_are_those_of_the_loss() -> None:
    from eventwire.statements.training import crf_gradients

    rng = numpy.random.default_rng(2)
    logits = [rng.normal(size=(6, len(TAGS))), rng.normal(size=(3, len(TAGS)))]
    gold = [rng.integers(0, len(TAGS), 6), rng.integers(0, len(TAGS), 3)]
    table = rng.normal(size=(len(TAGS), len(TAGS)))

    def softmax(x):
        e = numpy.exp(x - x.max(1, keepdims=True))
        return e / e.sum(1, keepdims=True)

    def loss(logits, table):
        return crf_gradients([softmax(x) for x in logits], gold, table)[2]

    grads, d_table, base = crf_gradients([softmax(x) for x in logits], gold, table)
    eps = 1e-6
    for d, i, j in ((0, 0, 3), (0, 5, 1), (1, 2, 6)):
        moved = [x.copy() for x in logits]
        moved[d][i, j] += eps
        assert (loss(moved, table) - base) / eps == pytest.approx(grads[d][i, j], abs=1e-4)
    for i, j in ((0, 1), (3, 4), (6, 6)):
        moved = table.copy()
        moved[i, j] += eps
        assert (loss(logits, moved) - base) / eps == pytest.approx(d_table[i, j], abs=1e-4)
    for g in grads:  # marginals minus one-hot gold: each row sums to 0
        assert numpy.allclose(g.sum(1), 0)


def test_a_crf_trained_tagger_records_its_table_and_decodes_without_a_cut(examples, tmp_path: Path) -> None:
    from eventwire.statements.training import trained_transitions, transition_entry

    settings = {"width": 32, "depth": 1, "embed_rows": 200}
    model, _, _ = train(examples, [], seed=1, epochs=1, settings=settings, log=lambda _: None)
    table, sure = trained_transitions(model)
    assert sure is None and table.shape == (len(TAGS), len(TAGS))
    entry = transition_entry(table, objective="crf", sure=sure)
    assert entry["weight"] == 1.0 and max(map(max, entry["log_probs"])) == 0.0
    save(model, tmp_path, {"settings": {**DEFAULTS, **settings}, "transitions": entry})
    loaded = AttributionTagger.from_dir(tmp_path)
    assert loaded.sure is None
    assert numpy.allclose(loaded.transitions - loaded.transitions.max(), table - table.max(), atol=1e-4)
    tokens, _, _ = train(examples, [], seed=1, epochs=1, settings=settings, objective="tokens", log=lambda _: None)
    assert trained_transitions(tokens)[1] == 0.9


def test_the_decoding_cut_follows_the_manifest():
    from eventwire.statements.tagger import decode_cut

    assert decode_cut({"transitions": {"sure": None, "weight": 1}}) is None  # a CRF tagger: exact decoding
    assert decode_cut({"transitions": {"weight": 0.3}}) == 0.9  # a token-loss tagger's manifest
    assert decode_cut({}) == 0.9
    assert decode_cut({"transitions": None}) == 0.9  # as weighted_transitions reads it: no table


def test_the_transition_table_steps_against_its_gradient_in_place_as_adam_does() -> None:
    table = numpy.zeros((2, 3))
    grad = numpy.array([[1.0, -2.0, 0.5], [-0.1, 3.0, 0.0]])
    step_table(Adam(0.01, grad_clip=0.0, use_averages=False), table, grad)
    # Adam's first step is the learning rate against the gradient's sign, whatever its size
    assert table.dtype == numpy.float64
    assert numpy.allclose(table, -0.01 * numpy.sign(grad), atol=1e-6)


def test_the_transition_table_follows_plain_adam_over_several_steps() -> None:
    # the first step only shows the sign; later ones show the moments, the bias correction and no clipping
    rng = numpy.random.default_rng(0)
    grads = [rng.normal(0.0, scale, (3, 4)) for scale in (1.0, 5.0, 0.2, 2.0, 1.0, 10.0)]
    table, want = numpy.zeros((3, 4)), numpy.zeros((3, 4))
    optimizer = Adam(0.01, grad_clip=0.0, use_averages=False)
    m = v = numpy.zeros((3, 4))
    for t, grad in enumerate(grads, start=1):
        step_table(optimizer, table, grad)
        m, v = 0.9 * m + 0.1 * grad, 0.999 * v + 0.001 * grad * grad
        want -= 0.01 * (m / (1 - 0.9**t)) / (numpy.sqrt(v / (1 - 0.999**t)) + 1e-8)
        assert numpy.allclose(table, want, atol=1e-5), t
