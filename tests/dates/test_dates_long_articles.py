"""Long articles: a date lookup costs what its sentence costs, whatever the article's length; no state outlives a doc."""

from __future__ import annotations

import gc
import weakref

from spacy.tokens import Doc

from eventwire import dates, places
from eventwire.dates import DateResult, resolve_date

SUNDAY = "2022-03-27"


def _long_doc(nlp, sentence: str, copies: int) -> Doc:
    """A long article made of one parsed sentence repeated (parsing it whole would slow the suite)."""
    return Doc.from_docs([nlp(sentence)] * copies)


def _last_trigger(doc: Doc, word: str):
    sent = list(doc.sents)[-1]
    return sent, next(t for t in sent if t.text == word)


def test_date_of_a_late_sentence_does_not_rebuild_the_article(nlp, peak_bytes):
    doc = _long_doc(nlp, "Rebels attacked the convoy on Friday near the border.", 2000)
    sent, tok = _last_trigger(doc, "attacked")
    assert len(doc.text) > 100_000
    # the mentions of the sentence are found on the first call; later calls reuse them
    assert resolve_date(sent, tok, SUNDAY) == DateResult("2022-03-25", "day", "Friday")
    peak = peak_bytes(lambda: resolve_date(sent, tok, SUNDAY))
    assert peak < len(doc.text) // 10, f"{peak} bytes allocated for one sentence of a {len(doc.text)}-char doc"


def test_date_text_is_sliced_from_the_sentence_at_any_offset(nlp):
    doc = _long_doc(nlp, "Talks collapsed last week, the ministry said.", 50)
    sent, tok = _last_trigger(doc, "collapsed")
    got = resolve_date(sent, tok, SUNDAY)
    assert got == DateResult("2022-03-14", "week", "last week")
    start = sent.start_char + sent.text.index("last week")
    assert doc.text[start : start + len(got.text)] == got.text


def test_resolving_keeps_no_doc_alive(nlp):
    doc = nlp("Rebels attacked the convoy on Friday.")
    tok = next(t for t in doc if t.text == "attacked")
    assert resolve_date(tok.sent, tok, SUNDAY).text == "Friday"
    ref = weakref.ref(doc)
    del doc, tok
    gc.collect()
    assert ref() is None


def test_one_clause_verb_serves_dates_and_places(nlp):
    doc = nlp("The army said rebels attacked the convoy near the border.")
    convoy = next(t for t in doc if t.text == "convoy")
    assert dates.clause_verb(convoy).text == "attacked"
    assert places.clause_verb is dates.clause_verb
    assert not hasattr(places, "_clause_verb")
