"""What the learned decision sees of a candidate, and the sentence candidates it adds."""

from __future__ import annotations

from eventwire.events.learned.candidates import SENTENCE_RULE, sentence_candidates
from eventwire.events.learned.features import candidate_rows
from eventwire.events.registry import make_coder
from eventwire.settings import Settings
from eventwire.statements import extract_statements


def _parse(pipeline, text):
    doc = pipeline.nlp(text)
    actors = pipeline.actors.resolve(doc)
    statements = extract_statements(doc, actors, extractor=pipeline.statements)
    return doc, actors, statements


def test_features_read_negation_modality_and_participants(pipeline):
    doc, actors, statements = _parse(pipeline, "Chile did not attack Peru. Chile may attack Bolivia next year.")
    cands = make_coder("rules.v1", Settings()).code(doc, actors, statements)
    rows = dict(zip((c.trigger.start for c in cands), candidate_rows(doc, cands, actors, statements), strict=True))
    negated, possible = rows[doc.text.index("attack")], rows[doc.text.rindex("attack")]
    assert negated["ch_neg=not"] == 1.0 and "ch_neg=not" not in possible
    assert possible["ch_aux=may"] == 1.0
    assert negated["lemma=attack"] == 1.0 and negated["src_country=yes"] == 1.0
    assert negated["sent_index=<=0"] == 1.0 and possible["sent_index=<=1"] == 1.0
    assert any(k.startswith("tv_trig") for k in negated)  # the parser's context vector of the trigger


def test_a_sentence_with_a_speaker_and_actors_is_a_candidate(pipeline):
    text = "Peru's president said that Chile's new policy was a disgrace. Heavy rain fell on Tuesday."
    doc, actors, statements = _parse(pipeline, text)
    cands = sentence_candidates(doc, actors, statements)
    assert len(cands) == 1  # the weather sentence names no actor
    (cand,) = cands
    assert cand.rule == SENTENCE_RULE and cand.evidence.text.startswith("Peru's president")
    assert "Peru" in cand.source.text and cand.target is not None and "Chile" in cand.target.text
    row = candidate_rows(doc, cands, actors, statements)[0]
    assert row["type=sentence"] == 1.0 and row["bag=disgrace"] == 1.0


def test_a_sentence_candidates_target_is_named_in_what_was_said(pipeline):
    # the speaker's own phrase names Bolivia, the words said name Peru
    doc, actors, statements = _parse(pipeline, "Chile's ambassador to Bolivia said Peru had broken the treaty.")
    (cand,) = sentence_candidates(doc, actors, statements)
    assert cand.target is not None and cand.target.text == "Peru"


def test_features_read_how_participants_hang_from_the_trigger_and_what_else_the_sentence_holds(pipeline):
    doc, actors, statements = _parse(pipeline, "Chile accused Peru of spying.")
    cands = make_coder("rules.v1", Settings()).code(doc, actors, statements)
    cands += sentence_candidates(doc, actors, statements)
    rows = candidate_rows(doc, cands, actors, statements)
    rule_row = next(r for c, r in zip(cands, rows, strict=True) if c.rule != SENTENCE_RULE)
    assert rule_row["src_up=nsubj"] == 1.0 and rule_row["src_side=before"] == 1.0  # Chile: the trigger's subject
    assert rule_row["tgt_side=after"] == 1.0
    assert rule_row["bi=accuse_peru"] == 1.0
    sentence_row = next(r for c, r in zip(cands, rows, strict=True) if c.rule == SENTENCE_RULE)
    assert sentence_row["sib=ACCUSE"] == 1.0  # the rules already found an accusation in this sentence
    assert any(k.startswith("doc_share=") for k in rule_row)  # how political the whole article is


def test_the_article_features_say_how_political_the_story_is(pipeline):
    from eventwire.events.learned.features import _article

    bakery = _parse(pipeline, "The bakery sold more bread. Prices of flour rose again on Monday.")
    politics = _parse(pipeline, "Chile accused Peru of spying. Peru denied it.")
    assert _article(list(bakery[0].sents), bakery[1]) == {"doc_share=<=1": 1.0, "doc_actors=<=0": 1.0}
    assert _article(list(politics[0].sents), politics[1])["doc_share=>6"] == 1.0  # every sentence names an actor


def test_the_parse_read_as_lists_is_the_parse_spacy_gives(pipeline):
    from eventwire.events.learned.features import _DocView

    doc, _, _ = _parse(pipeline, "Chile did not attack Peru, the minister said on Monday.\n\nWill Bolivia respond?")
    view = _DocView(doc, [])
    for t in doc:
        assert view.head[t.i] == t.head.i and view.children(t.i) == [c.i for c in t.children]
        assert view.chain(t.i) == [t.i, *(a.i for a in t.ancestors)]
        assert (view.dep[t.i], view.pos[t.i], view.lemma[t.i]) == (t.dep_, t.pos_, t.lemma_.lower())
        assert (view.lower[t.i], view.string("tag", t.i), view.string("ent", t.i)) == (
            t.lower_, t.tag_, t.ent_type_,
        )  # fmt: skip
        assert view.sents[view.sent_of[t.i]].start == t.sent.start


def test_the_vectors_scored_as_a_block_score_as_named_features(pipeline):
    import numpy as np

    from eventwire.events.learned.features import TRIG_NAMES, candidate_block
    from eventwire.events.learned.model import NONE, LinearModel

    doc, actors, statements = _parse(pipeline, "Chile accused Peru of spying. Peru denied it and warned Chile.")
    cands = make_coder("rules.v1", Settings()).code(doc, actors, statements)
    cands += sentence_candidates(doc, actors, statements)
    block = candidate_block(doc, cands, actors, statements)
    rows = block.as_dicts()
    (head,) = (t.i for t in doc if t.text == "accused")
    unit = doc.tensor[head] / np.linalg.norm(doc.tensor[head]) * 4.0
    accused = rows[[c.trigger.text for c in cands].index("accused")]
    assert [accused[n] for n in TRIG_NAMES[: doc.tensor.shape[1]]] == unit.tolist()  # exactly as named before
    names = sorted({n for r in rows for n in r})[::2]  # half the names known to the model, the rest unseen
    rng = np.random.default_rng(0)
    model = LinearModel([NONE, "ACCUSE", "REJECT"], names, rng.normal(size=(3, len(names))), rng.normal(size=3))
    assert np.allclose(model.proba(block.named, block.blocks), model.proba(rows), rtol=0, atol=1e-12)


def test_span_roots_and_sentence_vectors_read_from_arrays_are_spacys(pipeline):
    """The fast ``_DocView.root`` (token offsets and heads) and ``sentence_vectors`` (all sentences at once) give
    what ``doc.char_span(..., "expand").root`` and ``_unit(tensor[sentence].mean(axis=0))`` give, bit for bit."""
    import numpy as np

    from eventwire.events.learned.features import _DocView, _unit

    text = (
        "BERLIN -- Chile's  foreign minister, Ana Perez, did not attack Peru; she said (again) that talks "
        'would resume.\n\n"We will respond," Bolivia\'s president told reporters on Monday. Why?  '
    )
    doc, _, _ = _parse(pipeline, text)
    view = _DocView(doc, [])
    for start in range(len(text)):
        for end in range(start + 1, min(start + 40, len(text)) + 1):
            assert view._span_root(start, end) == view._span_root_spacy(start, end), (start, end)
    vectors = view.sentence_vectors()
    for k, sent in enumerate(view.sents):
        expected = _unit(view.tensor[sent.start : sent.end].mean(axis=0))
        assert (expected is None) == (vectors[k] is None)
        assert expected is None or (vectors[k].dtype == expected.dtype and np.array_equal(vectors[k], expected))


def test_the_sentences_naming_an_actor_are_those_whose_mentions_name_one(pipeline):
    """``_sentences_naming`` (from the mentions' tokens) agrees with asking ``in_span`` sentence by sentence."""
    from eventwire.events.learned.features import _sentences_naming

    doc, actors, _ = _parse(
        pipeline,
        "The bakery sold more bread. Chile accused Peru of spying, and the Peruvian foreign minister denied it. "
        "Prices rose. Bolivia's president Luis Arce met Chilean officials.",
    )
    sents = list(doc.sents)
    for ids in ({a.id for a in actors.actors.values()}, {next(iter(actors.actors))}, set()):
        expected = {k for k, s in enumerate(sents) if any(m.actor_id in ids for m in actors.in_span(s))}
        assert _sentences_naming(ids, sents, actors) == expected
