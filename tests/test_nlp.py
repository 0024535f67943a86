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
