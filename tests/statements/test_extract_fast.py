"""The extractor's shortcuts held to the readable definitions they replace (issue 11, CPU).

The rule statements feed the events coder, which was trained on them: a shortcut must give what
its definition gives, token for token."""

from __future__ import annotations

from eventwire.actors.resolver import ActorResolver
from eventwire.actors.table import ArticleActors
from eventwire.statements.extract import _Run
from eventwire.statements.lexicon import CueLexicon
from eventwire.statements.parse import main_subject, separator

TEXT = (
    "MOSCOW - Officials said the talks could resume, and the ministers agreed. "
    "The ambassador, Sergei Andreev, told reporters he was hopeful. "
    "Protesters gathered while police watched; they said the new law, which critics called flawed, "
    "would pass.\n\nRUIZ: We are ready. Ana Ruiz -- the mayor -- said the bridge will reopen. "
    "Senators Smith and Jones voted, but the committee (its chair, Mr. Lee) did not."
)


def _run(nlp, text: str = TEXT) -> _Run:
    doc = nlp(text)
    return _Run(CueLexicon.from_files(), doc, ArticleActors(doc))


def test_main_noun_subjects_are_the_definitions(nlp):
    run = _run(nlp)
    want = [t.i for t in run.doc if t.pos_ in {"NOUN", "PROPN"} and main_subject(t)]
    assert want  # the text has some
    assert run.main_noun_subjects() == want


def test_candidates_keep_their_spans_chars(nlp):
    run = _run(nlp)
    _candidates_keep_their_spans_chars(run)


def test_mention_candidates_keep_their_spans_chars(nlp):
    # with the actors stage's mentions (none in ``_run``'s table): static_candidates reads their characters itself
    doc = nlp(TEXT)
    run = _Run(CueLexicon.from_files(), doc, ActorResolver.from_files().resolve(doc))
    assert len(run.actors.mentions) >= 5
    cands = _candidates_keep_their_spans_chars(run)
    mentions = {(m.token_start, m.token_end) for m in run.actors.mentions}
    assert mentions & {(c.start, c.end) for c in cands}


def _candidates_keep_their_spans_chars(run: _Run) -> list:
    cands = run.static_candidates()
    for cand in cands:
        span = run.cand_span(cand)
        assert (cand.start, cand.end) == (span.start, span.end)
        assert (cand.start_char, cand.end_char) == (span.start_char, span.end_char)
    for a in range(len(run.doc)):
        for b in range(a + 1, min(a + 6, len(run.doc) + 1)):
            span = run.doc[a:b]
            cand = run.mention_cand(a, b)
            assert (cand.start_char, cand.end_char) == (span.start_char, span.end_char)
    return cands


def test_is_separator_is_the_definition(nlp):
    run = _run(nlp)
    assert [run.is_separator(i) for i in range(len(run.doc))] == [separator(t) for t in run.doc]


def test_span_chars_and_cue_roots_are_spacys(nlp):
    run = _run(nlp)
    n = len(run.doc)
    for a in range(n):
        for b in range(a + 1, min(a + 8, n + 1)):
            span = run.doc[a:b]
            assert run.span_chars(a, b) == (span.start_char, span.end_char)
            assert run.cue_root(a, b).i == span.root.i
            assert run.cue_root(a, b) is run.cue_root(a, b)  # kept, not found again


def test_span_text_and_ref_at_are_the_definitions(nlp):
    from dataclasses import replace

    from eventwire.schema import ActorRef

    run = _run(nlp)
    ref = ActorRef(id="a1", text="x", start=0, end=1, name="Sergei Andreev", country="RUS", sector="GOV")
    n = len(run.doc)
    for a in range(n):
        for b in range(a, min(a + 8, n + 1)):
            span = run.doc[a:b]
            assert run.span_text(span) == span.text
            if b > a:
                want = replace(ref, text=span.text, start=span.start_char, end=span.end_char)
                assert run.ref_at(ref, span) == want


def test_cue_candidates_are_the_lexicons_words(nlp):
    run = _run(nlp)
    lemma_ids, lower_ids = run.lex.hash_ids()
    arr = run.lemma_lower
    want = [i for i in range(len(arr)) if arr[i, 0] in set(lemma_ids.tolist()) or arr[i, 1] in set(lower_ids.tolist())]
    assert want
    assert run.cue_candidates() == want


SEPARATOR_TEXTS = (
    TEXT,
    "- Kyiv -- a well-known city - said: yes (maybe) | no -",
    "A - B -C- D\n- E\t-\tF  -  G -",
    "-x",
)


def test_separator_at_is_the_definition(nlp):
    for text in SEPARATOR_TEXTS:
        run = _run(nlp, text)
        assert [run.separator_at(i) for i in range(len(run.doc))] == [separator(t) for t in run.doc], text


def _np_span_reference(run: _Run, head):
    """np_span as first written: Token objects and a slice of the doc."""
    from eventwire.statements.extract import _CUT_DEPS
    from eventwire.statements.lines import QUOTE_CHARS

    doc = run.doc
    left, right = head.left_edge.i, head.right_edge.i
    for child in head.rights:
        if child.dep_ in _CUT_DEPS or child.text in {",", "(", "—", "–"}:
            right = min(right, child.left_edge.i - 1)
            break
    for child in head.lefts:
        if child.dep_ in {"advcl", "parataxis"} or child.text == "," or separator(child):
            left = max(left, child.right_edge.i + 1)
    for k in range(head.i - 1, left - 1, -1):
        if separator(doc[k]):
            left = k + 1
            break
    while left < right and (doc[left].is_punct or doc[left].text in QUOTE_CHARS or doc[left].is_space):
        left += 1
    while right > left and (
        doc[right].is_punct or doc[right].text in QUOTE_CHARS or doc[right].dep_ == "case" or doc[right].is_space
    ):
        right -= 1
    return doc[min(left, head.i) : max(right, head.i) + 1]


def test_np_span_is_the_definition(nlp):
    for text in SEPARATOR_TEXTS:
        run = _run(nlp, text)
        for tok in run.doc:
            got, want = run.np_span(tok), _np_span_reference(run, tok)
            assert (got.start, got.end) == (want.start, want.end), (text, tok.i)


def test_surname_antecedent_is_the_definition(nlp):
    from eventwire.actors.table import ActorMention

    text = "Ana Ruiz met Juan Ruiz and Maria Lopez. Ruiz said the talks went well, and Lopez agreed. Jones left."
    run = _run(nlp, text)
    run.actors.mentions = [  # two-word names, a one-word one and a range out of the ordinary
        ActorMention(token_start=a, token_end=b, actor_id="a1", rule="test")
        for a, b in ((0, 2), (3, 5), (6, 8), (9, 10), (-3, -1))
    ]

    def reference(tok):
        for ent in reversed([e for e in run.ents if e.end <= tok.i]):
            if ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].text == tok.text:
                return ent
        for m in reversed(run.actors.mentions):
            span = run.doc[m.token_start : m.token_end]
            if m.token_end <= tok.i and len(span) > 1 and span[-1].text == tok.text:
                return span
        return None

    run.ents = []  # the mentions' loop alone
    hits = 0
    for tok in run.doc:
        got, want = run.surname_antecedent(tok), reference(tok)
        assert (got is None) == (want is None), tok.i
        if got is not None:
            assert (got.start, got.end) == (want.start, want.end)
            hits += 1
    assert hits >= 3


def test_words_kind_reads_the_cues_tokens(nlp):
    run = _run(nlp)

    def reference(first, last):
        toks = sorted(run.doc[first : last + 1], key=lambda t: t.pos_ not in {"VERB", "AUX"})
        for tok in toks:
            kind = run.cue_kind(tok) or run.lex.cue_kinds.get(tok.lemma_.lower())
            if kind:
                return kind
        return "speech" if toks and toks[0].lower_ in run.lex.phrases else "other"

    n = len(run.doc)
    for first in range(n):
        for last in range(first, min(first + 3, n)):
            assert run.words_kind(first, last) == reference(first, last)


def test_cue_venue_and_addressee_are_kept_definitions(nlp):
    text = (
        "Speaking to reporters in Kyiv, the minister told parliament on Tuesday that talks would resume. "
        "He said in a radio interview with the BBC that he wrote on Twitter to the mayor."
    )
    run = _run(nlp, text)
    verbs = [t for t in run.doc if t.pos_ in {"VERB", "AUX"}]
    subjects = [None, *(t for t in run.doc if t.dep_ in {"nsubj", "nsubjpass"})]
    venues = addressees = 0
    for _ in range(2):  # asked again: the kept answer
        for verb in verbs:
            for subj in subjects:
                want = run.venue_of(run.venue_tokens(verb, subj))
                assert run.cue_venue(verb, subj) == want
                venues += want is not None
                want = run.addressee_of(verb, subj)
                assert run.cue_addressee(verb, subj) == want
                addressees += want is not None
    assert venues and addressees
