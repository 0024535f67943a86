"""The attribution tagger: valid tag sequences, seeded training on a tiny own set, save/load."""

from __future__ import annotations

from pathlib import Path

import numpy
import pytest

from eventwire.actors import ActorResolver
from eventwire.statements.extract import StatementExtractor
from eventwire.statements.polnear import read_split
from eventwire.statements.tagger import (
    DEFAULTS,
    TAGS,
    AttributionTagger,
    decode,
    save,
    snap_spans,
    tag_spans,
    transition_scores,
)
from eventwire.statements.training import make_examples, train

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
