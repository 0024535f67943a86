"""learned.v1: how candidates become events (keep, re-type, confidence), the weights file, the labels."""

from __future__ import annotations

import numpy as np
import pytest

from eventwire.events.learned.candidates import SENTENCE_RULE
from eventwire.events.learned.coder import choose, decide
from eventwire.events.learned.data import label_candidates
from eventwire.events.learned.model import NONE, WEIGHTS, LinearModel
from eventwire.schema import ActorRef, Event, Evidence

TEXT = "Chile criticised Peru. Peru asked Chile for talks."
CLASSES = [NONE, "ACCUSE", "REQUEST"]


def _ev(etype: str, trigger: str, *, rule: str = "verbs.x", source: str = "Chile", target: str = "Peru") -> Event:
    t = TEXT.index(trigger)
    sent_start = TEXT.rfind(". ", 0, t)
    sent_start = 0 if sent_start < 0 else sent_start + 2
    sent_end = TEXT.index(".", t) + 1

    def ref(name):
        i = TEXT.index(name, sent_start)
        return ActorRef(f"a-{name}", name, i, i + len(name), name, {"Chile": "CHL", "Peru": "PER"}[name], "GOV")

    return Event(
        id="", event_type=etype, mode="m", cameo="999", quad_class=0, goldstein=0.0, plover_score=0.0,
        source=ref(source), target=ref(target), date=None, date_precision="reported", date_text=None, location=None,
        modality="asserted", statement_id=None, evidence=Evidence(sent_start, sent_end, TEXT[sent_start:sent_end]),
        trigger=Evidence(t, t + len(trigger), trigger), confidence=0.5, rule=rule,
    )  # fmt: skip


def test_decide_keeps_retypes_and_scores_by_the_model():
    cands = [_ev("ACCUSE", "criticised"), _ev("ACCUSE", "asked", source="Peru", target="Chile")]
    probs = np.array([[0.1, 0.85, 0.05], [0.2, 0.1, 0.7]])
    events = decide(cands, probs, CLASSES, 0.5)
    assert [(e.id, e.event_type, e.confidence) for e in events] == [("e1", "ACCUSE", 0.85), ("e2", "REQUEST", 0.7)]
    kept, retyped = events
    assert kept.mode == "m" and kept.cameo == "999"  # the rule's own code stays when the type does
    assert (retyped.cameo, retyped.quad_class, retyped.mode) == ("100", 3, None)  # a new type takes its default code


def test_decide_drops_what_the_model_finds_unlikely():
    cands = [_ev("ACCUSE", "criticised")]
    assert decide(cands, np.array([[0.7, 0.2, 0.1]]), CLASSES, 0.3) == []
    # "not an event" never wins by itself: the best type competes with the threshold
    assert [e.event_type for e in decide(cands, np.array([[0.7, 0.2, 0.1]]), CLASSES, 0.15)] == ["ACCUSE"]


def test_a_sentence_candidate_adds_nothing_where_a_rule_candidate_gave_the_type():
    cands = [_ev("ACCUSE", "criticised"), _ev("ACCUSE", "Chile", rule=SENTENCE_RULE, target="Peru")]
    probs = np.array([[0.2, 0.8, 0.0], [0.1, 0.9, 0.0]])
    assert [i for i, _, _ in choose(cands, probs, CLASSES, 0.5)] == [0]
    probs = np.array([[0.9, 0.1, 0.0], [0.1, 0.9, 0.0]])  # the rule candidate is no event: the sentence speaks
    assert [i for i, _, _ in choose(cands, probs, CLASSES, 0.5)] == [1]


def test_one_trigger_is_one_event_of_a_type_whatever_its_participants():
    # "criticised Peru": the rules may give a candidate per participant; the surest one is the event
    cands = [_ev("ACCUSE", "criticised"), _ev("ACCUSE", "criticised", source="Peru", target="Chile")]
    probs = np.array([[0.3, 0.6, 0.1], [0.1, 0.8, 0.1]])
    assert [(i, t) for i, t, _ in choose(cands, probs, CLASSES, 0.5)] == [(1, "ACCUSE")]
    probs = np.array([[0.3, 0.6, 0.1], [0.1, 0.1, 0.8]])  # of another type, the second is an event of its own
    assert [(i, t) for i, t, _ in choose(cands, probs, CLASSES, 0.5)] == [(0, "ACCUSE"), (1, "REQUEST")]


def test_a_trigger_whose_pair_another_trigger_gave_still_speaks_for_its_other_pair():
    # two triggers of one sentence with the same pair ("criticised and condemned"): the second one's candidate for
    # that pair adds nothing, but it must not stop the same trigger's candidate for another pair
    cands = [
        _ev("ACCUSE", "criticised"),
        _ev("ACCUSE", "Peru"),
        _ev("ACCUSE", "Peru", source="Peru", target="Chile"),
    ]
    probs = np.array([[0.1, 0.9, 0.0], [0.2, 0.8, 0.0], [0.3, 0.7, 0.0]])
    assert [i for i, _, _ in choose(cands, probs, CLASSES, 0.5)] == [0, 2]
    assert [i for i, _, _ in choose([cands[0], cands[2]], probs[[0, 2]], CLASSES, 0.5)] == [0, 1]


def test_calibration_maps_probability_to_the_precision_seen_and_the_threshold_reads_it():
    model = LinearModel(
        CLASSES, ["a"], np.zeros((3, 1)), np.zeros(3),
        manifest={"calibration": {"probability": [0.2, 0.6, 0.9], "precision": [0.25, 0.5, 0.95]}},
    )  # fmt: skip
    assert np.allclose(model.calibrate(np.array([0.1, 0.4, 0.9, 1.0])), [0.0, 0.375, 0.95, 0.95])
    cands = [_ev("ACCUSE", "criticised"), _ev("REQUEST", "asked", source="Peru", target="Chile")]
    probs = np.array([[0.1, 0.9, 0.0], [0.4, 0.0, 0.6]])
    events = decide(cands, probs, CLASSES, 0.55, model.calibrate)
    # the REQUEST was 0.6 likely, but such events were right half the time: below the threshold now
    assert [(e.event_type, e.confidence) for e in events] == [("ACCUSE", 0.95)]
    assert LinearModel(CLASSES, ["a"], np.zeros((3, 1)), np.zeros(3)).calibrate(np.array([0.3])) == 0.3


def test_each_kind_of_candidate_has_its_own_calibration():
    line = {"probability": [0.0, 1.0], "precision": [0.0, 1.0]}
    half = {"probability": [0.0, 1.0], "precision": [0.0, 0.5]}
    model = LinearModel(
        CLASSES, ["a"], np.zeros((3, 1)), np.zeros(3), manifest={"calibration": {"all": line, "sentence|ACCUSE": half}}
    )
    cands = [_ev("ACCUSE", "criticised"), _ev("ACCUSE", "asked", rule=SENTENCE_RULE, source="Peru", target="Chile")]
    probs = np.array([[0.2, 0.8, 0.0], [0.2, 0.8, 0.0]])
    # a sentence candidate's accusation at 0.8 was right as often as 0.4: it ranks below the rule's at 0.8
    assert [(i, round(c, 3)) for i, _, c in choose(cands, probs, CLASSES, 0.0, model.calibrate)] == [(0, 0.8), (1, 0.4)]


def test_labels_go_to_the_trigger_first_then_the_type_then_the_sentence():
    gold = [
        {"type": "ACCUSE", "span": (0, 22), "trigger_span": (6, 16)},
        {"type": "CONSULT", "span": (23, 50), "trigger_span": (43, 48)},
    ]
    cands = [_ev("REQUEST", "asked"), _ev("ACCUSE", "criticised"), _ev("ACCUSE", "Peru", rule=SENTENCE_RULE)]
    # "criticised" overlaps the ACCUSE trigger; "asked" sits in the CONSULT evidence: re-typed; the sentence
    # candidate finds nothing left to claim
    assert label_candidates(gold, cands) == ["CONSULT", "ACCUSE", NONE]


def test_model_round_trip_and_unknown_features(tmp_path):
    model = LinearModel(
        CLASSES, ["a", "b"], np.array([[0.0, 0.0], [2.0, 0.0], [0.0, 1.0]]), np.zeros(3), temperature=2.0,
        manifest={"min_confidence": 0.4},
    )  # fmt: skip
    model.save(tmp_path)
    again = LinearModel.load(tmp_path)
    rows = [{"a": 1.0, "zzz": 5.0}, {}]
    assert np.allclose(model.proba(rows), again.proba(rows))
    assert np.allclose(again.proba([{}]), 1 / 3)  # nothing known: no preference
    p = again.proba([{"a": 1.0}])[0]
    assert p[1] == pytest.approx(np.exp(1) / (np.exp(1) + 2))  # score 2 at temperature 2
    assert again.manifest["min_confidence"] == 0.4


def test_feature_columns_are_the_dicts_and_a_repeated_name_falls_back_to_it():
    from eventwire.events.learned.model import Columns

    names = [f"w={k}" for k in range(3000)] + ["bag=x", "bi=a_b"]
    columns = Columns(names)
    asked = [*names[::-1], "unseen", "w=3000", "", *names[:5]]
    index = {name: k for k, name in enumerate(names)}
    assert columns.find(iter(asked), len(asked)).tolist() == [index.get(n, -1) for n in asked]
    again = ["a", "b", "a"]  # a name twice: answered as the dict made from the list answers
    assert Columns(again).find(iter(["a", "b", "c"]), 3).tolist() == [2, 1, -1]
    model = LinearModel(CLASSES, names, np.arange(3 * len(names), dtype=float).reshape(3, -1), np.zeros(3))
    assert model.index == index  # still there for a reader, made when asked


def test_compressed_weights_load_the_same_and_take_less_room(tmp_path):
    coef = np.zeros((3, 400))
    coef[1, 7], coef[2, 300] = 1.5, -0.5  # mostly zeros, as the role chooser's are
    model = LinearModel(CLASSES, [f"f{k}" for k in range(400)], coef, np.zeros(3))
    model.save(tmp_path / "plain")
    model.save(tmp_path / "packed", compressed=True)
    packed = LinearModel.load(tmp_path / "packed")
    rows = [{"f7": 1.0}, {"f300": 2.0, "f7": 0.5}, {}]
    assert np.array_equal(packed.proba(rows), LinearModel.load(tmp_path / "plain").proba(rows))
    assert (tmp_path / "packed" / WEIGHTS).stat().st_size < (tmp_path / "plain" / WEIGHTS).stat().st_size / 2


def test_missing_weights_is_a_config_error(tmp_path):
    from eventwire.errors import ConfigError

    with pytest.raises(ConfigError, match="no trained event model"):
        LinearModel.load(tmp_path)


def test_rule_coder_honours_min_confidence(nlp):
    from eventwire.events.registry import make_coder
    from eventwire.pipeline import Pipeline
    from eventwire.settings import Settings

    pipe = Pipeline(Settings(), nlp=nlp)
    doc = nlp("Chile criticised Peru on Monday.")
    actors = pipe.actors.resolve(doc)
    everything = make_coder("rules.v1", Settings()).code(doc, actors, [])
    assert everything
    assert make_coder("rules.v1", Settings(min_confidence=1.0)).code(doc, actors, []) == []


def test_learned_coder_is_registered_and_ships_its_weights():
    from eventwire.events.learned import LearnedCoder
    from eventwire.events.registry import coder_names, make_coder
    from eventwire.settings import Settings

    assert "learned.v1" in coder_names()
    coder = make_coder("learned.v1", Settings())
    assert isinstance(coder, LearnedCoder)
    assert coder.min_confidence == coder.model.manifest["min_confidence"]
    assert make_coder("learned.v1", Settings(min_confidence=0.9)).min_confidence == 0.9
    for key in ("data", "seed", "cross_validated"):
        assert key in coder.model.manifest


def test_rule_prior_leans_towards_the_rules_type_but_a_clear_model_still_wins():
    from eventwire.events.learned.coder import with_rule_prior

    cands = [_ev("REQUEST", "asked", source="Peru", target="Chile"), _ev("REQUEST", "Peru", rule=SENTENCE_RULE)]
    probs = np.array([[0.2, 0.45, 0.35], [0.2, 0.45, 0.35]])
    out = with_rule_prior(probs, cands, CLASSES, 1.0)
    assert np.allclose(out.sum(axis=1), 1.0)
    assert out[0].argmax() == 2  # the rule's REQUEST now outweighs the model's ACCUSE
    assert np.allclose(out[1], probs[1])  # a sentence candidate has no rule type to lean on
    clear = with_rule_prior(np.array([[0.05, 0.9, 0.05]]), cands[:1], CLASSES, 1.0)
    assert clear[0].argmax() == 1


def test_context_matrix_sees_the_other_candidates_of_the_sentence_and_article():
    from eventwire.events.learned.features import context_matrix, context_names

    cands = [
        _ev("ACCUSE", "criticised"),
        _ev("ACCUSE", "Chile", rule=SENTENCE_RULE),
        _ev("REQUEST", "asked", source="Peru", target="Chile"),
    ]
    probs = np.array([[0.1, 0.8, 0.1], [0.4, 0.5, 0.1], [0.7, 0.1, 0.2]])
    x = context_matrix(cands, probs, CLASSES)
    col = {name: i for i, name in enumerate(context_names(CLASSES))}
    assert x.shape == (3, len(col))
    # the sentence candidate's accusation is already held, more likely, by the rule candidate beside it
    assert x[1, col["sentence_other_same_type_higher"]] == 1.0 and x[0, col["sentence_other_same_type_higher"]] == 0
    assert x[1, col["sentence_other_same_type"]] == pytest.approx(0.8)
    assert x[2, col["previous_sentence_event"]] == pytest.approx(0.9) and x[2, col["sentence_other_event"]] == 0.0
    assert x[0, col["rule_type=ACCUSE"]] == 1.0 and x[1, col["rule_type=ACCUSE"]] == 0.0  # no rule type: the sentence
    assert np.allclose(x[:, col["article_mean=ACCUSE"]], (0.8 + 0.5 + 0.1) / 3)  # what the article is about
    assert context_matrix([], np.zeros((0, 3)), CLASSES).shape == (0, len(col))


def test_the_second_stage_decides_and_ships_with_the_weights(tmp_path):
    from eventwire.events.learned.coder import in_context
    from eventwire.events.learned.features import context_names
    from eventwire.events.learned.model import DenseSoftmax

    names = context_names(CLASSES)
    coef = np.zeros((3, len(names)))
    coef[0, names.index("sentence_other_same_type_higher")] = 10.0  # a type someone else holds better: no event
    coef[1, names.index("p=ACCUSE")] = 5.0
    model = LinearModel(CLASSES, ["a"], np.zeros((3, 1)), np.zeros(3), context=DenseSoftmax(coef, np.zeros(3)))
    model.save(tmp_path)
    again = LinearModel.load(tmp_path)
    assert again.context is not None and np.allclose(again.context.coef, coef)
    cands = [_ev("ACCUSE", "criticised"), _ev("ACCUSE", "Chile", rule=SENTENCE_RULE)]
    probs = np.array([[0.1, 0.8, 0.1], [0.3, 0.6, 0.1]])
    out = in_context(again, cands, probs)
    assert out[0].argmax() == 1 and out[1].argmax() == 0  # the first stage alone kept both as accusations
    plain = LinearModel(CLASSES, ["a"], np.zeros((3, 1)), np.zeros(3))
    assert in_context(plain, cands, probs) is probs  # weights without a second stage: the first stage decides


def test_a_thin_class_keeps_the_first_stages_probability_behind_the_second_stage():
    from eventwire.events.learned.coder import in_context, thin_classes
    from eventwire.events.learned.features import context_names
    from eventwire.events.learned.model import DenseSoftmax

    names = context_names(CLASSES)
    coef = np.zeros((3, len(names)))
    coef[0, names.index("p=REQUEST")] = 8.0  # a second stage that learned "REQUEST is never right" (it saw few)
    manifest = {"data": {"class_counts": {NONE: 900, "ACCUSE": 400, "REQUEST": 12}}}
    model = LinearModel(CLASSES, ["a"], np.zeros((3, 1)), np.zeros(3), manifest=manifest,
                        context=DenseSoftmax(coef, np.zeros(3)))  # fmt: skip
    assert thin_classes(CLASSES, manifest["data"]["class_counts"]) == [2]
    assert thin_classes(CLASSES, {}) == []  # weights without counts: the second stage alone
    probs = np.array([[0.1, 0.1, 0.8]])
    cands = [_ev("REQUEST", "asked", source="Peru", target="Chile")]
    out = in_context(model, cands, probs)
    assert np.allclose(out.sum(axis=1), 1.0) and out[0, 2] > 0.4  # the first stage's 0.8, normalised again
    assert [etype for _, etype, _ in choose(cands, out, CLASSES, 0.25)] == ["REQUEST"]
    # the rule said ACCUSE (or nothing: a sentence candidate): the first stage's REQUEST alone does not overrule
    for other in (_ev("ACCUSE", "asked", source="Peru", target="Chile"), _ev("ACCUSE", "Peru", rule=SENTENCE_RULE)):
        assert in_context(model, [other], probs)[0, 2] < 0.01
    model.manifest["data"]["class_counts"]["REQUEST"] = 500  # enough examples: the second stage's word stands
    assert in_context(model, cands, probs)[0, 2] < 0.01


def test_the_second_stage_also_learns_each_sentence_as_a_text_of_its_own():
    from eventwire.events.learned.features import context_matrix
    from eventwire.events.learned.training import Examples, _context_x, _sentence_views

    cands = [
        _ev("ACCUSE", "criticised"),
        _ev("ACCUSE", "Chile", rule=SENTENCE_RULE),
        _ev("REQUEST", "asked", source="Peru", target="Chile"),
    ]
    ex = Examples(candidates={"own": cands})
    probs = np.array([[0.1, 0.8, 0.1], [0.4, 0.5, 0.1], [0.7, 0.1, 0.2]])
    x_view, rows = _sentence_views(ex, probs, CLASSES)
    assert rows.tolist() == [0, 1, 2]  # each view row stands for its candidate (and takes its gold class)
    assert np.allclose(x_view[2], context_matrix(cands[2:], probs[2:], CLASSES)[0])  # the REQUEST's sentence alone
    assert not np.allclose(x_view[2], _context_x(ex, probs, CLASSES)[2])  # not as it reads inside the article
