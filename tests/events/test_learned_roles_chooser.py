"""The source/target chooser: ranks an event's mentions, keeps "no target" possible, merges events that become one."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from eventwire.actors.table import ArticleActors
from eventwire.events.learned.model import LinearModel
from eventwire.events.learned.roles.chooser import CLASSES, _entity, choose_roles, events_role_scores, pick


def role_scores(model, rows, event_type, blocks=()):
    """One event's (source scores, target scores then "no target"), as ``events_role_scores`` gives them."""
    return events_role_scores(model, [(rows, event_type)], blocks)[0]


def _model(weights: dict[str, tuple[float, float]], none: float = 0.0) -> LinearModel:
    """A hand-set role model: feature -> (SOURCE, TARGET) score weights; ``none``: the score of "no target"."""
    weights = {**weights, "none": (0.0, none)}
    names = sorted(weights)
    coef = np.array([[0.0] * len(names), *([weights[n][k] for n in names] for k in range(2))], dtype=float)
    return LinearModel(list(CLASSES), names, coef, np.zeros(3), manifest={"target_weight": 1.0})


def test_pick_never_makes_the_source_its_own_target():
    source, ids = np.array([2.0, 0.0, -1.0]), ["a1", "a1", "a2"]
    assert pick(source, np.array([-1.0, 3.0, 1.0, -5.0]), ids) == (0, 2)  # index 1 is the source actor again
    assert pick(source, np.array([-1.0, 3.0, 1.0, 4.0]), ids) == (0, None)  # "no target" is likelier
    assert pick(source, np.array([-1.0, 3.0, 1.0, 4.0]), ids, none_shift=-8.0) == (0, 2)  # unless moved down
    assert pick(np.array([1.0]), np.array([0.0, -8.0]), ["a1"], none_shift=-8.0) == (0, None)  # no other actor


def test_role_scores_read_back_the_weights():
    model = _model({"a": (1.5, -0.5), "b": (0.0, 2.0)}, none=0.7)
    source, target = role_scores(model, [{"a": 1.0}, {"b": 1.0}], "ACCUSE")
    assert np.allclose(source, [1.5, 0.0]) and np.allclose(target, [-0.5, 2.0, 0.7])


def test_choose_roles_reads_subject_and_object(pipeline):
    doc = pipeline.nlp("Mayor Tom Reyes criticised Governor Ann Holt over the budget.")
    actors = pipeline.actors.resolve(doc)
    _, statements = pipeline.statements.extract_with_rules(doc, actors)
    events = pipeline.events.code(doc, actors, statements)
    assert events
    blank = [dataclasses.replace(ev, source=None, target=None) for ev in events]
    model = _model({"path=nsubj^": (5.0, 0.0), "path=dobj^": (0.0, 5.0)}, none=-10.0)
    got = choose_roles(doc, blank, actors, statements, model)
    assert "Reyes" in got[0].source.text and "Holt" in got[0].target.text
    assert len(got) == len({(e.evidence.start, e.event_type) for e in got})  # same roles and type: one event
    strict = _model({"path=nsubj^": (5.0, 0.0)}, none=5.0)
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
    model = _model({"where=previous": (5.0, 0.0), "path=dobj^": (0.0, 5.0)}, none=-10.0)
    got = choose_roles(doc, events, actors, statements, model)[0]
    assert got.source.text == "Reyes" and got.source.start > doc.text.index("Friday")


def test_a_state_is_never_the_target_of_itself_as_a_government(pipeline):
    # "Germany" (the state) and "Berlin" (the state as its government) are two actors of one entry: one participant
    doc = pipeline.nlp("Germany rejected the plan, calling it a red line for Berlin.")
    actors = pipeline.actors.resolve(doc)
    names = {a.name for a in actors.actors.values()}
    assert {"Germany", "Germany (government)"} <= names  # else the sentence no longer tests the rule
    events = [ev for ev in pipeline.events.code(doc, actors, []) if ev.trigger.text == "rejected"]
    assert events
    blank = [dataclasses.replace(ev, source=None, target=None) for ev in events]
    # a model that likes a government as the target above all, then "no target", then anything else
    model = _model({"path=nsubj^": (5.0, 0.0), "sector=GOV": (0.0, 5.0), "kind=unresolved": (0.0, -5.0)})
    got = choose_roles(doc, blank, actors, [], model)[0]
    assert got.source.name == "Germany"
    assert got.target is None  # before: Germany (government), the source itself as its government


def test_only_a_state_its_government_and_a_named_body_as_a_government_are_one_participant(nlp):
    actors = ArticleActors(nlp("x"))
    new = actors.new_actor
    state = new(name="Peru", country="PER", sector=None, kind="state", entry="state.PER")
    government = new(name="Peru (government)", country="PER", sector="GOV", kind="organisation", entry="state.PER")
    police = new(name="Peru (police)", country="PER", sector="COP", kind="organisation", entry="state.PER")
    # a name no rule resolved that took the article's home state carries the state's entry too
    named = new(name="Quispe", country="PER", sector=None, kind="organisation", entry="state.PER")
    union = new(name="European Union", country="EUR", sector=None, kind="organisation", entry="org.eu")
    union_gov = new(
        name="European Union (government)", country="EUR", sector="GOV", kind="organisation", entry="org.eu"
    )
    keys = {a.name: _entity(actors, a.id) for a in (state, government, police, named, union, union_gov)}
    assert keys["Peru"] == keys["Peru (government)"]
    assert len({keys["Peru"], keys["Peru (police)"], keys["Quispe"]}) == 3
    assert keys["European Union"] == keys["European Union (government)"] != keys["Peru"]


def test_pick_chooses_source_and_target_as_a_pair():
    # mention 0 is a slightly likelier source than 1, but far the likelier target: the pair (1, 0) wins
    assert pick(np.array([0.2, 0.0]), np.array([3.0, -3.0, -10.0]), ["a1", "a2"]) == (1, 0)


def test_the_parser_vectors_as_one_block_score_as_the_named_features_do(pipeline):
    from eventwire.events.learned.roles.chooser import event_rows, mention_counts
    from eventwire.events.learned.roles.features import VECTOR_NAMES, vector_block

    doc = pipeline.nlp("Mayor Tom Reyes criticised Governor Ann Holt over the budget.")
    actors = pipeline.actors.resolve(doc)
    _, statements = pipeline.statements.extract_with_rules(doc, actors)
    event = pipeline.events.code(doc, actors, statements)[0]
    counts = mention_counts(actors)
    cands, named = event_rows(doc, event, actors, statements, counts)
    _, bare = event_rows(doc, event, actors, statements, counts, vector=False)
    rng = np.random.default_rng(0)
    model = _model({name: tuple(rng.normal(size=2)) for name in (*VECTOR_NAMES[:96], "path=nsubj^")})
    block = vector_block(doc, [*(doc[c.mention.token_start : c.mention.token_end].root.i for c in cands), None])
    for got, want in zip(role_scores(model, bare, "ACCUSE", [block]), role_scores(model, named, "ACCUSE"), strict=True):
        assert np.allclose(got, want, atol=1e-6)


def test_a_pair_term_decides_the_direction_of_close_roles_and_never_pairs_an_actor_with_itself():
    source, target, ids = np.array([1.0, 0.9]), np.array([0.9, 1.0, -5.0]), ["a1", "a2"]
    assert pick(source, target, ids) == (0, 1)  # each role's own scores alone
    pair = np.array([[-np.inf, -1.0, 0.0], [1.0, -np.inf, 0.0]])  # "X was criticised by Y": the second is the source
    assert pick(source, target, ids, pair=pair) == (1, 0)
    assert pick(source, target, ["a1", "a1"], pair=np.zeros((2, 3)))[1] is None  # one actor is never both


def test_duo_scores_are_the_rows_scores(pipeline):
    """The pair term summed from the PAIR - NEITHER weights equals ``log p(PAIR) - log p(NEITHER)`` of each pair's
    ``duo_features`` row through ``LinearModel.proba`` (as training scores them), -inf for one actor twice."""
    from eventwire.events.learned.roles.chooser import NEITHER, PAIR, duo_scores, load_roles
    from eventwire.events.learned.roles.features import Tree, candidates, duo_features, duo_pairs, duo_view, event_view

    doc = pipeline.nlp(
        "Mayor Tom Reyes spoke on Friday. Reyes criticised Governor Ann Holt and the police over the budget, "
        "said Senator Bo Lind, who met President Joe Biden in Washington."
    )
    actors = pipeline.actors.resolve(doc)
    _, statements = pipeline.statements.extract_with_rules(doc, actors)
    events = pipeline.events.code(doc, actors, statements)
    model = load_roles()
    tree = Tree(doc)
    seen = 0
    for ev in events:
        view = event_view(doc, ev, actors, statements, tree)
        cands = candidates(doc, ev, actors, statements, view)
        if not cands:
            continue
        ids = [c.mention.actor_id for c in cands]
        duo = duo_view(view, cands, ev.event_type)
        got = duo_scores(model, duo, ids)
        pairs = duo_pairs(ids)
        logp = np.log(model.proba([duo_features(duo, i, j) for i, j in pairs]) + 1e-300)
        z = logp[:, model.classes.index(PAIR)] - logp[:, model.classes.index(NEITHER)]
        want = np.full((len(ids), len(ids) + 1), -np.inf)
        for (i, j), v in zip(pairs, z, strict=True):
            want[i, len(ids) if j is None else j] = v
        assert np.array_equal(np.isinf(got), np.isinf(want))
        assert np.allclose(got[np.isfinite(want)], want[np.isfinite(want)], rtol=0, atol=1e-9)
        seen += len(pairs)
    assert seen > 5


@pytest.mark.parametrize("limit", [None, 8])
def test_a_docs_pair_terms_summed_at_once_are_each_events_own(pipeline, monkeypatch, limit):
    """``doc_duo_scores`` sums the pair terms of all of a doc's events as arrays: each event's matrix is the one
    ``duo_scores`` sums pair by pair from its ``duo_view``, bit for bit (-inf where one actor would be both); also
    when the numbers of the pieces' strings start again at each doc (``limit``: a tiny ``_Codes.LIMIT``)."""
    from eventwire.events.learned.roles import chooser
    from eventwire.events.learned.roles.chooser import doc_duo_scores, duo_scores, load_roles

    if limit is not None:
        monkeypatch.setattr(chooser._Codes, "LIMIT", limit)
    from eventwire.events.learned.roles.features import Tree, candidates, duo_view, event_view

    doc = pipeline.nlp(
        "Mayor Tom Reyes spoke on Friday. Reyes criticised Governor Ann Holt and the police over the budget, "
        "said Senator Bo Lind, who met President Joe Biden in Washington. Holt was praised by Biden and Lind. "
        "Lind said he would sue Reyes."
    )
    actors = pipeline.actors.resolve(doc)
    _, statements = pipeline.statements.extract_with_rules(doc, actors)
    model, tree = load_roles(), Tree(doc)
    events = []
    for ev in pipeline.events.code(doc, actors, statements):
        view = event_view(doc, ev, actors, statements, tree)
        cands = candidates(doc, ev, actors, statements, view)
        if cands:
            events.append((view, cands, ev.event_type))
    assert len(events) > 2 and len({view.voice for view, _, _ in events}) == 2
    got = doc_duo_scores(model, tree, events)
    again = doc_duo_scores(model, tree, events)  # the strings' numbers kept from the first, or made anew
    assert all(np.array_equal(a, b) for a, b in zip(got, again, strict=True))
    for (view, cands, event_type), matrix in zip(events, got, strict=True):
        one = duo_scores(model, duo_view(view, cands, event_type), [c.mention.actor_id for c in cands])
        assert matrix.shape == one.shape and np.array_equal(matrix, one)
    assert any(np.isfinite(m[:, :-1]).any() for m in got)  # pairs of two actors were summed, not only "no target"


def test_a_docs_events_scored_at_once_score_as_each_alone(pipeline):
    """``choose_roles`` scores all of a doc's events in one ``events_role_scores`` call, with one vector block
    (None: the zero row of "no target"): the scores are those of each event scored alone, bit for bit."""
    from eventwire.events.learned.roles.chooser import event_rows, load_roles, mention_counts
    from eventwire.events.learned.roles.features import Tree, vector_block

    doc = pipeline.nlp(
        "Mayor Tom Reyes spoke on Friday. Reyes criticised Governor Ann Holt and the police over the budget, "
        "said Senator Bo Lind, who met President Joe Biden in Washington. Biden praised Lind."
    )
    actors = pipeline.actors.resolve(doc)
    _, statements = pipeline.statements.extract_with_rules(doc, actors)
    model, tree, counts = load_roles(), Tree(doc), mention_counts(actors)
    read = []
    for ev in pipeline.events.code(doc, actors, statements):
        cands, rows = event_rows(doc, ev, actors, statements, counts, tree, vector=False)
        if cands:
            read.append(([tree.root(c.mention).i for c in cands], rows, ev.event_type))
    assert len(read) > 1
    block = vector_block(doc, [r for roots, _, _ in read for r in (*roots, None)])
    together = events_role_scores(model, [(rows, etype) for _, rows, etype in read], [block])
    for (roots, rows, etype), got in zip(read, together, strict=True):
        want = role_scores(model, rows, etype, [vector_block(doc, [*roots, None])])
        assert all(np.array_equal(g, w) for g, w in zip(got, want, strict=True))


def test_threads_sharing_one_model_get_each_docs_own_pair_terms(pipeline, monkeypatch):
    """The pieces' string codes and their tables belong to the model, which threads of one pipeline share:
    with the codes starting again at every doc (a tiny ``_Codes.LIMIT``) and the interpreter switching threads
    as often as it can, every doc still gets the matrices it gets alone (without the lock, 2 runs in 3 failed)."""
    import sys
    import threading

    from eventwire.events.learned.roles import chooser
    from eventwire.events.learned.roles.chooser import doc_duo_scores, load_roles
    from eventwire.events.learned.roles.features import Tree, candidates, event_view

    monkeypatch.setattr(chooser._Codes, "LIMIT", 8)
    texts = [
        "Mayor Tom Reyes criticised Governor Ann Holt over the budget, said Senator Bo Lind.",
        "Senator Bo Lind met President Joe Biden in Washington and praised the police chief.",
        "Holt accused Reyes of lying, and Lind said he would sue the city council.",
    ]
    model, work = load_roles(), []
    for text in texts:
        doc = pipeline.nlp(text)
        actors = pipeline.actors.resolve(doc)
        _, statements = pipeline.statements.extract_with_rules(doc, actors)
        tree, events = Tree(doc), []
        for ev in pipeline.events.code(doc, actors, statements):
            view = event_view(doc, ev, actors, statements, tree)
            cands = candidates(doc, ev, actors, statements, view)
            if cands:
                events.append((view, cands, ev.event_type))
        work.append((tree, events))
    want = [doc_duo_scores(model, tree, events) for tree, events in work]
    assert any(any(m is not None for m in ms) for ms in want)
    wrong: list[int] = []

    def run(k: int) -> None:
        for _ in range(300):
            got = doc_duo_scores(model, *work[k])
            if not all(np.array_equal(a, b) for a, b in zip(got, want[k], strict=True)):
                wrong.append(k)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=run, args=(k % len(work),)) for k in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(interval)
    assert not wrong
