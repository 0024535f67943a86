"""The parse helpers: the doc text every stage slices."""

from eventwire.nlp import TEXT_KEY, doc_text


def test_doc_text_is_the_parsed_text_and_is_built_once(nlp):
    doc = nlp("The mayor of Lyon met  the council.\n\nShe left early.")
    assert doc_text(doc) == doc.text
    doc.user_data[TEXT_KEY] = "kept"  # a second call reads what the first stored, not the tokens
    assert doc_text(doc) == "kept"


def test_pipeline_hands_stages_the_text_it_parsed(pipeline):
    text = "Ministers  met in Paris.\nThe talks ended."
    [doc] = pipeline._parse([text])
    assert doc.user_data[TEXT_KEY] == text == doc.text


def test_head_chain_climbs_to_the_root_and_stops_on_a_cycle():
    from eventwire.nlp import head_chain

    assert head_chain([1, 1, 1], 0) == [0, 1]  # token 1 is the root (its own head)
    assert head_chain([1, 1, 1], 2) == [2, 1]
    assert len(head_chain([1, 0], 0)) == 3  # a hand-built cycle ends after len(heads) steps


def test_among_is_membership():
    import numpy

    from eventwire.nlp import among

    ids = numpy.array(sorted({3, 9, 2**63 + 5, 17}), dtype=numpy.uint64)
    values = numpy.array([0, 3, 4, 9, 17, 18, 2**63 + 5, 2**64 - 1], dtype=numpy.uint64)
    assert among(values, ids).tolist() == (values[:, None] == ids).any(axis=1).tolist()
    assert among(values, ids[:0]).tolist() == [False] * len(values)


def test_sorted_ids_are_the_ids_a_doc_gives(nlp):
    import numpy

    from eventwire.nlp import among, sorted_ids

    doc = nlp("The senators said that the NOUN was a VERB.")
    ids = sorted_ids(["said", "NOUN", "the", "said"])  # "NOUN" is one of spaCy's symbols, not a hash
    assert ids.tolist() == sorted(set(ids.tolist()))
    lowers = numpy.array([t.lower for t in doc], dtype=numpy.uint64)
    orths = numpy.array([t.orth for t in doc], dtype=numpy.uint64)
    found = among(lowers, ids) | among(orths, ids)
    assert [t.text for t, hit in zip(doc, found.tolist(), strict=True) if hit] == ["The", "said", "the", "NOUN"]
