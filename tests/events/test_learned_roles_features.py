"""Features of the source/target chooser: dependency paths and which mentions are candidates."""

from __future__ import annotations

import dataclasses

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


@pytest.fixture(scope="module")
def quoted(pipeline):
    """An own-written quote over two sentences: its second sentence's events have the speaker, named in the
    sentence before, as a 'speaker' candidate."""
    doc = pipeline.nlp(
        'Senator Maria Lopez said on Monday: "The governor has betrayed this state. We will sue Governor Dan Ward."'
    )
    actors = pipeline.actors.resolve(doc)
    _, statements = pipeline.statements.extract_with_rules(doc, actors)
    return doc, actors, statements


def _without_tokens(doc, event):
    """``event`` with its trigger moved to the space after it: characters that make no tokens."""
    import dataclasses

    at = doc.text.index(" ", event.trigger.end)
    return dataclasses.replace(event, trigger=dataclasses.replace(event.trigger, start=at, end=at + 1, text=" "))


def test_the_event_view_read_once_gives_each_mention_the_features_it_gives_alone(coded, quoted, pipeline):
    from eventwire.events.learned.roles.features import Tree, event_view

    seen = {"speaker": 0, "no_tokens": 0}
    for doc, actors, statements in (coded, quoted):
        tree = Tree(doc)
        counts = {"a1": 2}  # one object per Tree, as the chooser and the training keep it
        for event in pipeline.events.code(doc, actors, statements):
            found = candidates(doc, event, actors, statements, event_view(doc, event, actors, statements, tree))
            seen["speaker"] += sum(c.where == "speaker" for c in found)
            hollow = _without_tokens(doc, event)
            for ev in (event, hollow):
                view = event_view(doc, ev, actors, statements, tree)
                if ev is hollow:
                    assert view.head is None  # pair_features reads the mention as the trigger
                    assert candidates(doc, ev, actors, statements, view) == []
                    seen["no_tokens"] += len(found)
                for k, c in enumerate(found):
                    alone = pair_features(doc, ev, c, actors, statements, index=k, counts=counts)
                    shared = pair_features(doc, ev, c, actors, statements, index=k, counts=counts, view=view)
                    assert list(alone.items()) == list(shared.items())  # same features, in the same order
    assert seen["speaker"] and seen["no_tokens"]  # both cases were compared


def test_a_tree_refuses_other_actors_or_counts_than_it_keeps_look_ups_for(coded, quoted):
    from eventwire.events.learned.roles.features import Tree

    doc, actors, _ = coded
    other_actors = quoted[1]
    tree = Tree(doc)
    sent = next(iter(doc.sents))
    counts = {"a1": 2}
    first = tree.mentions_of(actors, sent)
    assert tree.mentions_of(actors, sent) is first  # the same actors: kept
    with pytest.raises(ValueError, match="other actors"):
        tree.mentions_of(other_actors, sent)
    assert tree.rank(counts, 0) == tree.rank(counts, 0)
    with pytest.raises(ValueError, match="other counts"):
        tree.rank({"a1": 2, "a2": 9, "a3": 9, "a4": 9}, 0)
    with pytest.raises(ValueError, match="other counts"):
        tree.rank(dict(counts), 0)  # equal but another object: may change apart from the one kept


def test_tree_walks_and_paths_between_are_read_once_and_stay_the_same(pipeline):
    from eventwire.events.learned.roles.features import Tree, capped
    from eventwire.nlp import head_chain

    doc = pipeline.nlp(
        "Mayor Tom Reyes criticised Governor Ann Holt. The police said the budget was late. The minister said "
        "that the police believed that the mayor knew that the governor had lied about the budget of the city."
    )
    tree = Tree(doc)
    assert "far" in {capped(tree.walk(i, j)) for i in range(len(doc)) for j in range(len(doc))}
    for i in range(len(doc)):
        for j in range(len(doc)):
            if doc[i].sent.start != doc[j].sent.start:
                want = "other-sentence"
            else:
                up_i, up_j = head_chain(tree.heads, i), head_chain(tree.heads, j)
                common = next(t for t in up_i if t in up_j)
                want = (
                    [tree.deps[t] for t in up_i[: up_i.index(common)]],
                    [tree.deps[t] for t in reversed(up_j[: up_j.index(common)])],
                )
            assert tree.walk(i, j) == want
            assert tree.path_between(i, j) == capped(want) == tree.path_between(i, j)


def test_a_trees_sentence_of_a_token_is_the_tokens_own(pipeline):
    from eventwire.events.learned.roles.features import Tree

    doc = pipeline.nlp("Mayor Tom Reyes criticised Governor Ann Holt. The police said so. Holt left.")
    tree = Tree(doc)
    assert len(list(doc.sents)) == 3
    for tok in doc:
        got, want = tree.sentence(tok.i), tok.sent
        assert (got.start, got.end) == (want.start, want.end)


def test_first_person_pronouns_in_a_quote_are_candidates_for_its_speaker(pipeline):
    """ "I"/"me" inside what a speaker said stand for the speaker (``ArticleActors.self_refs``), so a quoted
    "they attacked me" can have its speaker as the target; outside the quote "I" is nobody's."""
    from eventwire.events.registry import make_coder

    rules = make_coder("rules.v1", pipeline.settings)
    text = '"The governor accused me of lying and attacked my family," Senator Maria Lopez said. I asked him to resign.'
    doc = pipeline.nlp(text)
    actors = pipeline.actors.resolve(doc)
    _, statements = pipeline.statements.extract_with_rules(doc, actors)
    lopez = next(m.actor_id for m in actors.mentions if "Lopez" in doc[m.token_start : m.token_end].text)
    assert [doc[i].text for i in actors.self_refs] == ["me", "I"]
    event = next(ev for ev in rules.code(doc, actors, statements) if ev.trigger.text == "attacked")
    found = candidates(doc, event, actors, statements)
    selves = [c for c in found if c.where == "self"]
    assert [(doc[c.mention.token_start].text, c.mention.actor_id) for c in selves] == [("me", lopez)]
    rows = [pair_features(doc, event, c, actors, statements, index=k, counts={}) for k, c in enumerate(found)]
    assert "where=self" in rows[found.index(selves[0])]
    # the same event read as if its trigger stood in the second sentence, where "I" is in no quote
    second = doc[len(doc) - 5]
    assert second.text == "asked"
    moved = dataclasses.replace(
        event, trigger=dataclasses.replace(event.trigger, start=second.idx, end=second.idx + 5, text="asked")
    )
    assert all(c.where != "self" for c in candidates(doc, moved, actors, statements))


def test_binned_names_are_the_bins_formatted_one_by_one():
    from eventwire.events.learned.roles.features import _bin, _bin_names, _binned

    for edges in ((1, 2, 4, 8, 16), (0, 1, 2, 4), (1, 2, 3, 5)):
        names = _bin_names("x=", edges)
        assert [_binned(names, n) for n in range(40)] == [f"x={_bin(n, edges)}" for n in range(40)]


def test_a_tree_made_from_the_features_parse_is_the_tree_read_from_the_doc(pipeline):
    """The learned coder hands the chooser the heads, labels and sentences its candidate features read
    (``CandidateRows.parse``), so the Tree does not read the doc again: it must hold what ``Tree(doc)`` reads."""
    from eventwire.events.learned.candidates import sentence_candidates
    from eventwire.events.learned.features import candidate_block
    from eventwire.events.learned.roles.features import Tree

    doc = pipeline.nlp(
        "Mayor Tom Reyes criticised Governor Ann Holt on Monday. Holt said the mayor had lied about the budget. "
        "The council met on Friday."
    )
    actors = pipeline.actors.resolve(doc)
    _, statements = pipeline.statements.extract_with_rules(doc, actors)
    cands = pipeline.events.code(doc, actors, statements) + sentence_candidates(doc, actors, statements)
    given, read = Tree(doc, candidate_block(doc, cands, actors, statements).parse), Tree(doc)
    assert len(list(doc.sents)) == 3
    assert given.heads == read.heads == [t.head.i for t in doc]
    assert given.deps == read.deps == [t.dep_ for t in doc]
    assert given.sent_starts == read.sent_starts
    for i in range(len(doc)):
        assert (given.sentence(i).start, given.sentence(i).end) == (read.sentence(i).start, read.sentence(i).end)
