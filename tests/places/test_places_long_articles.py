"""Long articles: a place lookup costs what its sentence (and a few before it) cost; no state outlives a doc."""

from __future__ import annotations

import gc
import weakref

from spacy.tokens import Doc, Span

from eventwire.places import FALLBACK_SENTENCES, locate

OPENING = "Crowds gathered in the centre of Tbilisi."
FILLER = "Police then detained dozens of protesters."


def _article(nlp, fillers: int) -> Doc:
    """The opening sentence, then ``fillers`` copies of a sentence without a place (parsed once each)."""
    return Doc.from_docs([nlp(OPENING)] + [nlp(FILLER)] * fillers)


def _paragraph_before(doc: Doc, sent: Span) -> list[tuple[str, Span]]:
    """The fallback the pipeline passes: everything earlier in the (here unbroken) paragraph."""
    return [("paragraph", doc[: sent.start])]


def _locate_in(gazetteer, doc: Doc, sents: list[Span], k: int):
    sent = sents[k]
    tok = next(t for t in sent if t.text == "detained")
    fallback = _paragraph_before(doc, sent)
    return locate(gazetteer, sent, tok, context_countries=["GEO"], dateline=None, fallback=fallback)


def test_place_from_the_sentences_just_before(nlp, gazetteer):
    doc = _article(nlp, FALLBACK_SENTENCES + 3)
    sents = list(doc.sents)
    loc = _locate_in(gazetteer, doc, sents, 1)
    assert (loc.name, loc.source, loc.text) == ("Tbilisi", "paragraph", "Tbilisi")
    assert _locate_in(gazetteer, doc, sents, FALLBACK_SENTENCES).name == "Tbilisi"


def test_place_named_many_sentences_back_is_not_the_scene(nlp, gazetteer):
    # text without paragraph breaks: the whole article before the event is its "paragraph"
    doc = _article(nlp, FALLBACK_SENTENCES + 3)
    assert _locate_in(gazetteer, doc, list(doc.sents), FALLBACK_SENTENCES + 1) is None


def test_each_event_of_a_long_paragraph_does_not_reread_it(nlp, gazetteer, peak_bytes):
    doc = _article(nlp, 1500)
    assert len(doc.text) > 50_000
    sents = list(doc.sents)
    assert _locate_in(gazetteer, doc, sents, 1400) is None
    # the next sentence's paragraph fallback covers 1401 sentences: only a few of them are read
    peak = peak_bytes(lambda: _locate_in(gazetteer, doc, sents, 1401))
    assert peak < len(doc.text) // 10, f"{peak} bytes allocated for one event of a {len(doc.text)}-char doc"


def test_events_of_one_sentence_share_its_place_mentions(nlp, gazetteer, peak_bytes):
    doc = _article(nlp, 2000)
    sent = next(doc.sents)
    tok = next(t for t in sent if t.text == "gathered")
    first = locate(gazetteer, sent, tok, context_countries=["GEO"], dateline=None)
    assert (first.name, first.source) == ("Tbilisi", "clause")
    peak = peak_bytes(lambda: locate(gazetteer, sent, tok, context_countries=["GEO"], dateline=None))
    assert peak < len(doc.text) // 10


def test_locating_keeps_no_doc_alive(nlp, gazetteer):
    doc = nlp("Protesters rallied in Kharkiv.")
    tok = next(t for t in doc if t.text == "rallied")
    assert locate(gazetteer, tok.sent, tok, context_countries=[], dateline=None).name == "Kharkiv"
    ref = weakref.ref(doc)
    del doc, tok
    gc.collect()
    assert ref() is None


def test_two_docs_in_turn_keep_their_own_places(nlp, gazetteer):
    a = nlp("Protesters rallied in Kharkiv.")
    b = nlp("Protesters rallied in Tbilisi.")
    for _ in range(2):
        for doc, name in ((a, "Kharkiv"), (b, "Tbilisi")):
            tok = next(t for t in doc if t.text == "rallied")
            assert locate(gazetteer, tok.sent, tok, context_countries=[], dateline=None).name == name
