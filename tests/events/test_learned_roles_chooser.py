"""The source/target chooser: picks per class, keeps "no target" possible, merges events that become one."""

from __future__ import annotations

import dataclasses

import numpy as np

from eventwire.events.learned.model import LinearModel
from eventwire.events.learned.roles.chooser import CLASSES, choose_roles, pick


def _model(weights: dict[str, tuple[float, float, float]], min_target: float = 0.5) -> LinearModel:
    """A hand-set role model: feature -> (NEITHER, SOURCE, TARGET) weights."""
    names = sorted(weights)
    coef = np.array([[weights[n][k] for n in names] for k in range(3)], dtype=float)
    return LinearModel(list(CLASSES), names, coef, np.zeros(3), manifest={"min_target": min_target})


def test_pick_never_makes_the_source_its_own_target():
    probs = np.array([[0.1, 0.8, 0.1], [0.1, 0.2, 0.7], [0.5, 0.1, 0.4]])
    assert pick(probs, ["a1", "a1", "a2"], CLASSES, 0.3) == (0, 2)  # index 1 is the source actor again
    assert pick(probs, ["a1", "a1", "a2"], CLASSES, 0.5) == (0, None)  # too unlikely: no target


def test_choose_roles_reads_subject_and_object(pipeline):
    doc = pipeline.nlp("Mayor Tom Reyes criticised Governor Ann Holt over the budget.")
    actors = pipeline.actors.resolve(doc)
    _, statements = pipeline.statements.extract_with_rules(doc, actors)
    events = pipeline.events.code(doc, actors, statements)
    assert events
    blank = [dataclasses.replace(ev, source=None, target=None) for ev in events]
    model = _model({"path=nsubj^": (0.0, 5.0, 0.0), "path=dobj^": (0.0, 0.0, 5.0), "bias": (1.0, 0.0, 0.0)})
    got = choose_roles(doc, blank, actors, statements, model)
    assert "Reyes" in got[0].source.text and "Holt" in got[0].target.text
    assert len(got) == len({(e.evidence.start, e.event_type) for e in got})  # same roles and type: one event
    strict = _model({"path=nsubj^": (0.0, 5.0, 0.0), "bias": (1.0, 0.0, 0.0)}, min_target=0.9)
    assert choose_roles(doc, blank, actors, statements, strict)[0].target is None


def test_no_model_leaves_events_alone(pipeline):
    doc = pipeline.nlp("Mayor Tom Reyes criticised Governor Ann Holt.")
    actors = pipeline.actors.resolve(doc)
    events = pipeline.events.code(doc, actors, [])
    assert choose_roles(doc, events, actors, [], None) == events


def test_an_actor_chosen_from_the_sentence_before_keeps_its_mention_in_the_event_sentence(pipeline):
    doc = pipeline.nlp("Mayor Tom Reyes spoke on Friday. Reyes criticised Governor Ann Holt over the budget.")
    actors = pipeline.actors.resolve(doc)
    _, statements = pipeline.statements.extract_with_rules(doc, actors)
    events = [ev for ev in pipeline.events.code(doc, actors, statements) if ev.trigger.text == "criticised"]
    assert events
    model = _model({"where=previous": (0.0, 5.0, 0.0), "path=dobj^": (0.0, 0.0, 5.0), "bias": (1.0, 0.0, 0.0)})
    got = choose_roles(doc, events, actors, statements, model)[0]
    assert got.source.text == "Reyes" and got.source.start > doc.text.index("Friday")


def test_pick_chooses_source_and_target_as_a_pair():
    # mention 0 is a slightly likelier source than 1, but far the likelier target: the pair (1, 0) wins
    probs = np.array([[0.1, 0.45, 0.45], [0.5, 0.4, 0.1]])
    assert pick(probs, ["a1", "a2"], CLASSES, 0.0) == (1, 0)
