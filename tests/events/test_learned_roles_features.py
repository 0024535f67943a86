"""Features of the source/target chooser: dependency paths and which mentions are candidates."""

from __future__ import annotations

import pytest

from eventwire.events.learned.roles.features import candidates, pair_features, path


@pytest.fixture(scope="module")
def coded(pipeline):
    """One own-written article through the rule pipeline: doc, actors, rule statements, events."""
    text = (
        "Senator Maria Lopez met the governor of Texas on Monday. "
        '"He has failed the families of this state," she told reporters, criticising Governor Dan Ward.'
    )
    doc = pipeline.nlp(text)
    actors = pipeline.actors.resolve(doc)
    _, statements = pipeline.statements.extract_with_rules(doc, actors)
    return doc, actors, statements


def _tok(doc, word):
    return next(t for t in doc if t.text == word)


def test_path_reads_subject_object_and_prepositions(nlp):
    doc = nlp("The mayor criticised the governor. The mayor's attack on the judge was harsh.")
    assert path(_tok(doc, "mayor"), _tok(doc, "criticised")) == "nsubj^"
    assert path(_tok(doc, "governor"), _tok(doc, "criticised")) == "dobj^"
    assert path(_tok(doc, "judge"), _tok(doc, "attack")) == "pobj^prep^"
    assert path(_tok(doc, "judge"), _tok(doc, "criticised")) == "other-sentence"


def test_candidates_hold_the_sentence_and_the_one_before(coded, pipeline):
    doc, actors, statements = coded
    event = next(ev for ev in pipeline.events.code(doc, actors, statements) if ev.trigger.text == "criticising")
    found = candidates(doc, event, actors, statements)
    texts = {doc[c.mention.token_start : c.mention.token_end].text: c.where for c in found}
    assert texts.get("Dan Ward", texts.get("Governor Dan Ward")) == "sentence"
    assert "previous" in texts.values()  # Maria Lopez, named in the sentence before
    rows = [pair_features(doc, event, c, actors, statements, index=k, counts={}) for k, c in enumerate(found)]
    assert all(f"bias|{event.event_type}" in r for r in rows)
    assert sum("where=previous" in r for r in rows) == sum(c.where == "previous" for c in found)


def test_the_chooser_and_the_pipeline_find_the_statement_of_a_trigger_with_one_function():
    from eventwire import pipeline
    from eventwire.events.learned.roles import features

    assert features.statement_holding is pipeline.statement_holding


def test_rival_features_tell_the_same_actor_from_another(pipeline):
    from eventwire.events.learned.roles.features import rival_features

    doc = pipeline.nlp("Governor Dan Ward said he would sue Mayor Tom Reyes.")
    actors = pipeline.actors.resolve(doc)
    _, statements = pipeline.statements.extract_with_rules(doc, actors)
    event = next(ev for ev in pipeline.events.code(doc, actors, statements) if ev.trigger.text == "sue")
    found = candidates(doc, event, actors, statements)
    by_text = {doc[c.mention.token_start : c.mention.token_end].text: k for k, c in enumerate(found)}
    rows = rival_features(doc, event, found)
    ward = rows[by_text.get("Governor Dan Ward", by_text.get("Dan Ward"))]
    reyes = rows[by_text.get("Mayor Tom Reyes", by_text.get("Tom Reyes"))]
    assert "same_actor=nsubj^" in ward and "rival=nsubj^" not in ward  # 'he' is Ward himself
    assert "rival=nsubj^" in reyes


def test_the_event_view_read_once_gives_each_mention_the_features_it_gives_alone(coded, pipeline):
    from eventwire.events.learned.roles.features import Tree, event_view

    doc, actors, statements = coded
    tree = Tree(doc)
    for event in pipeline.events.code(doc, actors, statements):
        view = event_view(doc, event, actors, statements, tree)
        for k, c in enumerate(candidates(doc, event, actors, statements, view)):
            alone = pair_features(doc, event, c, actors, statements, index=k, counts={"a1": 2})
            shared = pair_features(doc, event, c, actors, statements, index=k, counts={"a1": 2}, view=view)
            assert list(alone.items()) == list(shared.items())  # same features, in the same order
