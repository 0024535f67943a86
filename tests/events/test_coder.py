"""Event coding on sentences of our own: who did what to whom, modality, evidence, PLOVER boundary rules."""

from __future__ import annotations

import pytest

from eventwire.actors.table import ArticleActors
from eventwire.events import EventCoder
from eventwire.events.ontology import CAMEO, PLOVER_SCORE, QUAD_CLASS, goldstein
from eventwire.schema import Evidence, Statement


def brief(events):
    return [(e.event_type, e.source and e.source.text, e.target and e.target.text, e.modality) for e in events]


def one(events, etype):
    got = [e for e in events if e.event_type == etype]
    assert got, brief(events)
    return got[0]


def test_subject_verb_object(code):
    ev = one(code("Ecuador rejected the Peruvian proposal."), "REJECT")
    assert ev.source.text == "Ecuador"
    assert "proposal" in ev.target.text
    assert ev.cameo.startswith("12") and ev.quad_class == 3


def test_passive_with_agent(code):
    ev = one(code("The convoy was attacked by insurgents near Kandahar."), "ASSAULT")
    assert ev.source.text == "insurgents"
    assert "convoy" in ev.target.text


def test_prepositional_recipient(code):
    ev = one(code("Haiti appealed to Canada for emergency help."), "REQUEST")
    assert ev.source.text == "Haiti" and ev.target.text == "Canada"


def test_compound_object_gives_one_event_per_target(code):
    events = [
        e for e in code("Washington accused Tehran and Damascus of arming the militia.") if e.event_type == "ACCUSE"
    ]
    assert sorted(e.target.text for e in events) == ["Damascus", "Tehran"]
    assert {e.source.text for e in events} == {"Washington"}


def test_compound_subject_is_one_event(code):
    events = [e for e in code("France and Germany condemned the coup in Niger.") if e.event_type == "ACCUSE"]
    assert len(events) == 1
    assert events[0].source.text == "France and Germany"


def test_reciprocal_meeting_between_two_parties(code):
    ev = one(code("Serbia and Kosovo agreed to resume talks."), "AGREE")
    assert {ev.source.text, ev.target.text} == {"Serbia", "Kosovo"}


def test_relative_clause_subject(code):
    ev = one(code("The rebels, who ambushed a police patrol on Monday, retreated into the hills."), "ASSAULT")
    assert ev.source.text == "The rebels"


def test_clausal_complement_pronoun_points_to_speaker(code):
    ev = one(code("Russia said it would withdraw its troops from the border."), "AGREE")
    assert ev.source.text == "Russia"


def test_noun_headed_events(code):
    ev = one(code("Russia's invasion of Ukraine drew condemnation."), "ASSAULT")
    assert ev.source.text == "Russia" and ev.target.text == "Ukraine"
    ev = one(code("Canada imposed sanctions against Venezuela."), "SANCTION")
    assert ev.cameo == "163" and ev.target.text == "Venezuela"
    ev = one(code("Chile held talks with Bolivia on Monday."), "CONSULT")
    assert ev.source.text == "Chile" and ev.target.text == "Bolivia"


def test_negation_is_not_an_asserted_act(code):
    events = code("The Americans said they would not send their troops to the region.")
    assert not [e for e in events if e.event_type == "MOBILIZE" and e.modality == "asserted"]
    assert one(events, "REJECT")
    ev = one(code("Police did not arrest the protesters."), "COERCE")
    assert ev.modality == "negated"


def test_refusal(code):
    ev = one(code("Tokyo refused to meet the North Korean envoy."), "REJECT")
    assert ev.mode == "meet" and ev.source.text == "Tokyo"


def test_warning_of_a_clash_is_a_threat_not_an_assault(code):
    events = code("Moscow warned that deploying the missiles would lead to a direct clash with NATO.")
    assert not [e for e in events if e.event_type == "ASSAULT" and e.modality == "asserted"]
    assert one(events, "THREATEN")


def test_threat_verb(code):
    ev = one(code("Iran threatened to close the strait to Western tankers."), "THREATEN")
    assert ev.source.text == "Iran"


def test_conditional_and_question(code):
    ev = one(code("If Ankara attacks the Kurdish towns, the alliance will respond."), "ASSAULT")
    assert ev.modality == "hypothetical"
    ev = one(code("Will Beijing impose sanctions on Lithuania?"), "SANCTION")
    assert ev.modality == "hypothetical"


def test_proposal_is_the_proposed_act(code):
    # a peacekeeping mission protects (AID 074), it is no envoy; proposed, it has not happened
    ev = one(code("Kenya proposed sending a peacekeeping mission to Haiti."), "AID")
    assert ev.source.text == "Kenya" and ev.cameo == "074" and ev.modality == "proposed"


def test_euphemism_is_assault(code):
    ev = one(code("Russia launched a special military operation in Ukraine."), "ASSAULT")
    assert ev.source.text == "Russia" and ev.target.text == "Ukraine"


def test_future_cooperation_is_agree(code):
    ev = one(code("Japan will send food aid to Sri Lanka."), "AGREE")
    assert ev.modality == "future" and ev.target.text == "Sri Lanka"


@pytest.mark.parametrize(
    ("text", "etype"),
    [
        ("The rebels declared a ceasefire with the army.", "CONCEDE"),
        ("Both militias observed the ceasefire on Sunday.", "RETREAT"),
        ("Israel barred the UN rapporteur from entering.", "REJECT"),
        ("Malaysia expelled the Myanmar migrants.", "COERCE"),
        ("Greece and Egypt began joint naval exercises.", "COOPERATE"),
        ("China conducted naval exercises near Taiwan.", "MOBILIZE"),
        ("Germany expelled two Russian diplomats.", "SANCTION"),
        ("Britain recalled its ambassador from Tehran.", "SANCTION"),
        ("Police arrested forty journalists in Istanbul.", "COERCE"),
        ("Norway pledged fresh aid to the refugees.", "AGREE"),
        ("Thousands of teachers staged a protest outside parliament.", "PROTEST"),
        ("The army deployed tanks along the border.", "MOBILIZE"),
        ("Qatar sent medical supplies to Gaza.", "AID"),
        ("The junta released two hundred political prisoners.", "RETREAT"),
        ("Argentina apologised to Chile for the incident.", "CONCEDE"),
        ("Sweden recognized the new government in Tripoli.", "SUPPORT"),
        ("Colombia extradited the suspect to Spain.", "COOPERATE"),
        ("The prime minister visited Nairobi on Monday.", "CONSULT"),
        ("The UN urged Ethiopia to open aid corridors.", "REQUEST"),
        ("Kyiv accused Moscow of shelling the plant.", "ACCUSE"),
    ],
)
def test_plover_types(code, text, etype):
    assert etype in [e.event_type for e in code(text)], brief(code(text))


def test_claimed_inside_someone_elses_statement(nlp, coder):
    text = "A rebel spokesman said the army shelled the village."
    doc = nlp(text)
    actors = ArticleActors(doc)
    speaker = actors.for_span(doc[0:3])
    start = text.index("the army")
    st = Statement(
        id="s1",
        speaker=speaker,
        cue=Evidence(text.index("said"), text.index("said") + 4, "said"),
        content=Evidence(start, len(text) - 1, text[start:-1]),
        direct=False,
    )
    ev = one(coder.code(doc, actors, [st]), "ASSAULT")
    assert ev.statement_id == "s1"
    assert ev.modality == "claimed"


def test_own_statement_is_not_claimed(nlp, coder):
    text = "Israel said it released forty prisoners."
    doc = nlp(text)
    actors = ArticleActors(doc)
    speaker = actors.for_span(doc[0:1])
    start = text.index("it released")
    st = Statement("s1", speaker, Evidence(7, 11, "said"), Evidence(start, len(text) - 1, text[start:-1]), False)
    ev = one(coder.code(doc, actors, [st]), "RETREAT")
    assert ev.statement_id == "s1" and ev.modality == "asserted"


def test_evidence_and_ids_and_scores(code):
    text = "Sudan closed its border with Chad. Chad condemned the move. Chad recalled its ambassador from Khartoum."
    events = code(text)
    assert [e.id for e in events] == [f"e{i}" for i in range(1, len(events) + 1)]
    for e in events:
        assert text[e.evidence.start : e.evidence.end] == e.evidence.text
        assert text[e.trigger.start : e.trigger.end] == e.trigger.text
        assert e.evidence.start <= e.trigger.start < e.trigger.end <= e.evidence.end
        assert 0.0 <= e.confidence <= 1.0
        assert e.quad_class == QUAD_CLASS[e.event_type]
        assert e.plover_score == PLOVER_SCORE[e.event_type]
        assert e.goldstein == goldstein(e.cameo) and e.cameo in CAMEO
        assert e.date is None and e.date_precision == "reported" and e.location is None


def test_confidence_orders_clear_over_vague(code):
    clear = one(code("Israeli jets bombed a Hamas compound in Gaza."), "ASSAULT")
    vague = one(code("The fighting spread."), "ASSAULT") if code("The fighting spread.") else None
    assert vague is None or clear.confidence > vague.confidence


def test_market_and_sport_verbs_are_not_events(code):
    assert code("Stocks rallied on Wall Street as oil prices hit a record.") == []
    assert code("Arsenal beat Chelsea in the derby.") == []
    assert code("The band released its new album in May.") == []


def test_dateline_is_not_the_actor(code):
    ev = one(code("NAIROBI -- A Kenyan court convicted two police officers of murder."), "ACCUSE")
    assert "court" in ev.source.text and "NAIROBI" not in ev.source.text


def test_hyphenated_and_led_words(code):
    ev = one(code("The government announced a cease-fire with the rebels."), "CONCEDE")
    assert ev.target.text == "the rebels"
    ev = one(code("A Saudi-led airstrike on the port killed ten fishermen."), "ASSAULT")
    assert ev.source is not None and "Saudi" in ev.source.text


def test_hosted_visit_keeps_visitor_as_actor(code):
    ev = one(code("The Omani sultan hosted the Iranian president in Muscat."), "CONSULT")
    assert "Iranian president" in ev.source.text and "sultan" in ev.target.text


def test_noun_event_under_would_is_a_threat(code):
    events = code("The minister said that sending troops would lead to a direct clash between Russia and the alliance.")
    assert not [e for e in events if e.event_type == "ASSAULT"]
    assert one(events, "THREATEN").modality == "threatened"


def test_he_opening_a_sentence_points_to_the_last_named_subject(code):
    events = code("Lavrov spoke in Moscow on Monday. Later, he accused Washington of prolonging the war.")
    ev = one(events, "ACCUSE")
    assert ev.source.text == "Lavrov" and ev.target.text == "Washington"


def test_naming_clause_and_month_names(code):
    ev = one(code("Russia launched what it calls a special military operation in Ukraine in February."), "ASSAULT")
    assert ev.source.text == "Russia" and ev.trigger.text.endswith("operation")
    assert code("The talks ended on 27 March in Geneva.") == [] or all(
        e.event_type != "PROTEST" for e in code("The talks ended on 27 March in Geneva.")
    )


def test_in_defiance_of_names_the_target(code):
    ev = one(code("Thousands of students blocked roads in the capital in defiance of the military junta."), "PROTEST")
    assert "junta" in ev.target.text


@pytest.mark.parametrize(
    ("text", "etype", "cameo"),
    [
        # a warning that states a judgement is criticism; one that announces an act to come is a threat
        ("The opposition warned that the treaty was a grave mistake.", "ACCUSE", "111"),
        ("The general warned that the army would respond with force.", "THREATEN", "130"),
        # an investigation of someone, said with "under", and one said with "look into" + a clause
        ("The Lemurian Sports Foundation is under investigation for fraud.", "ACCUSE", "090"),
        ("The inspectors are looking into whether the ministry broke the law.", "ACCUSE", "090"),
        # charges brought: a light verb carrying the noun
        ("Prosecutors brought charges against the former governor.", "ACCUSE", "1121"),
    ],
)
def test_criticism_and_investigation_said_in_other_words(code, text, etype, cameo):
    ev = one(code(text), etype)
    assert ev.cameo == cameo


def test_a_verb_key_added_to_the_lexicon_after_the_coder_is_built_is_looked_up(nlp):
    # verbs starting no key skip the particle walk; the set of first words follows the lexicon
    coder = EventCoder.from_files()
    doc = nlp("The dockers painted off their strike.")
    (verb,) = (t for t in doc if t.lower_ == "painted")
    assert coder.triggers.verb_entry(verb) == (None, None)
    coder.lex.verbs["paint off"] = coder.lex.verbs["call off"]
    entry, particle = coder.triggers.verb_entry(verb)
    assert entry is coder.lex.verbs["call off"] and particle is not None and particle.lower_ == "off"


def test_the_words_find_passes_by_are_no_trigger(nlp, coder):
    """``Triggers.find`` reads only the words ``open_words`` leaves open (from the doc's arrays); it finds what
    reading every word finds: verbs with particles, hyphenated and shell nouns, gerunds, "must", adjectives,
    a capitalised first word, and a verb key added to the lexicon after a first look."""
    text = (
        "Fighting between Chile and Peru flared after the cease-fire collapsed. Russia called off the talks and "
        "pulled out of the treaty. The mediation effort of Norway was hailed. Protests erupted in Lima. "
        "Bolivia said Peru must withdraw its troops. Chile was critical of the joint exercises. "
        "Sanctions on Iran were imposed; Iranian officials painted off the blockade. US troops attacked."
    )
    doc = nlp(text)

    def hits(sent, every_word):
        found = coder.triggers.find(sent, every_word=every_word)
        return (
            [(t.i, e, p.i if p is not None else None) for t, e, p in found.verbs],
            found.nouns,
            [(t.i, e) for t, e in found.adjectives],
            [t.i for t in found.musts],
        )

    assert any(hits(sent, True)[0] for sent in doc.sents)
    for sent in doc.sents:
        assert hits(sent, False) == hits(sent, True)
    coder.lex.verbs["paint off"] = coder.lex.verbs["call off"]  # a grown lexicon: what was kept is made again
    try:
        for sent in doc.sents:
            assert hits(sent, False) == hits(sent, True)
    finally:
        del coder.lex.verbs["paint off"]


TEXT_FOR_SHORTCUTS = (
    "The talks ended on Friday. Russia accused Ukraine of shelling the plant. He also threatened to cut gas "
    "supplies. It rained. Officials in Kyiv rejected the claim and called off the meeting with Moscow. "
    "They said the army would pull out of the town. Protesters marched. They demanded that Russia withdraw."
)


def test_a_verb_frame_keeps_the_entry_its_trigger_was_found_with(nlp, coder):
    """``Frame.entry`` spares ``Participants.fill`` a second ``verb_entry``: it is what ``verb_entry`` gives."""
    doc = nlp(TEXT_FOR_SHORTCUTS)
    kept = 0
    for sent in doc.sents:
        for frame in coder.reader.frames(sent):
            if frame.entry is not None:
                assert frame.entry is coder.triggers.verb_entry(frame.anchor)[0]
                kept += 1
    assert kept >= 4


def test_the_last_subject_read_when_asked_is_the_one_kept_as_each_sentence_passes(nlp, coder):
    """``LastSubject`` reads a sentence's named subject only when a later sentence asks; the definition reads
    every sentence's as it passes and keeps the last one found."""
    from eventwire.events.coder import LastSubject

    doc = nlp(TEXT_FOR_SHORTCUTS)
    sents = list(doc.sents)
    for asking in ({1, 2, 5, 6}, {6}, set(range(len(sents))), {2, 3, 4}):
        lazy, kept, read = LastSubject(coder._named_subject), None, []
        for k, sent in enumerate(sents):
            if k in asking:
                read.append((lazy.subject(), kept))
            subj = coder._named_subject(sent)
            kept = subj if subj is not None else kept
            lazy.passed(sent)
        at = [tuple(None if t is None else t.i for t in pair) for pair in read]  # a Token is made anew at each read
        assert all(got == want for got, want in at)
        assert any(want is not None for _, want in at)


def _verb_entry_walk(triggers, tok):
    """``Triggers.verb_entry``'s definition: every child read, the object read first, every three-word key tried."""
    verbs = triggers.lex.verbs
    lemma = triggers._verb_key(tok.lemma_.lower(), tok.lower_)
    if lemma is None:
        return None, None
    has_obj = any(c.dep_ == "dobj" for c in tok.children)
    for c in tok.children:
        dep = c.dep_
        if c.i <= tok.i:
            continue
        if (
            dep in ("prt", "prep", "dative", "dobj", "acomp", "oprd")
            or (dep == "ccomp" and c.pos_ == "ADJ")
            or (c.i == tok.i + 1)
        ):
            for g in c.children:
                if g.dep_ == "prep":
                    e = verbs.get(f"{lemma} {c.lower_} {g.lower_}")
                    if e is not None:
                        return e, c
            if dep in ("prep", "dative"):
                pobj = next((p for p in c.children if p.dep_ in ("pobj", "prep", "pcomp")), None)
                e = verbs.get(f"{lemma} {c.lower_}")
                if pobj is None or pobj.ent_type_ in ("DATE", "TIME") or (has_obj and not (e and e.light)):
                    continue
            e = verbs.get(f"{lemma} {c.lower_}")
            if e is None and c.dep_ == "dobj":
                e = verbs.get(f"{lemma} {c.lemma_.lower()}")
            if e is not None:
                return e, c
    if tok.i + 1 < len(tok.doc):
        nxt = tok.doc[tok.i + 1]
        if nxt.tag_ == "TO" and nxt.dep_ == "aux":
            return verbs.get(lemma), None
        e = verbs.get(f"{lemma} {nxt.lower_}")
        if e is not None:
            return e, nxt
    return verbs.get(lemma), None


def test_verb_entry_reads_as_the_walk_over_every_child(nlp, coder):
    """``verb_entry`` tries a three-word key only under a word some key starts with after the verb, reads the
    verb's object only when a preposition asks and keeps each verb's key per lemma and form: the same entry and
    particle as reading every child, also after the lexicon grew."""
    text = (
        TEXT_FOR_SHORTCUTS + " The rebels walked out of the talks on Monday. The minister appealed to the court. "
        "She sent the envoy to Paris in May. They set the hostages free. Workers called on the government to act. "
        "The delegates stormed out of the hall. Officials painted off the blockade."
    )
    doc = nlp(text)
    triggers = coder.triggers
    verbs = [t for t in doc if t.pos_ in ("VERB", "AUX")]

    def same() -> int:
        found = 0
        for tok in verbs:
            got = triggers.verb_entry(tok)
            assert got == _verb_entry_walk(triggers, tok), tok.text
            found += got[1] is not None
        return found

    assert same() >= 3  # particles and prepositions were taken
    painted = next(t for t in verbs if t.lower_ == "painted")
    assert triggers.verb_entry(painted) == (None, None)  # no key starts with it: kept so
    # a grown lexicon: the heads and the verbs' keys are made again
    coder.lex.verbs["storm out of"] = coder.lex.verbs["call off"]
    coder.lex.verbs["paint off"] = coder.lex.verbs["call off"]
    try:
        stormed = next(t for t in verbs if t.lower_ == "stormed")
        assert triggers.verb_entry(stormed) == (coder.lex.verbs["call off"], stormed.nbor())
        assert triggers.verb_entry(painted) == (coder.lex.verbs["call off"], painted.nbor())
        same()
    finally:
        del coder.lex.verbs["storm out of"], coder.lex.verbs["paint off"]


def _undateline_definition(t):
    """``undateline`` as first written: the sentence's start read before the word's own attributes."""
    doc = t.doc
    if t.i - t.sent.start > 3 or not (t.is_upper or t.ent_type_ in ("GPE", "LOC")):
        return t
    for j in range(t.i + 1, min(t.i + 9, len(doc))):
        d = doc[j]
        if d.text in ("--", "—", "–") or (d.text == "-" and d.whitespace_):
            for k in range(j + 1, min(j + 14, len(doc))):
                x = doc[k]
                if x.pos_ in ("NOUN", "PROPN", "PRON") and x.dep_ not in ("compound", "amod", "det", "poss", "nmod"):
                    return x
            return t
    return t


def test_undateline_reads_the_word_before_its_sentence(nlp):
    """``undateline`` tests the word's capitals and entity type before making its sentence: the same word for
    every token, datelines and places deep in a sentence alike."""
    from eventwire.events.syntax import undateline

    doc = nlp(
        "NAIROBI -- A Kenyan court convicted two officers. Officials in Kenya said the KENYA RED CROSS helped. "
        "PARIS - France recalled its envoy. He met leaders in Berlin -- and Rome -- on Monday."
    )
    moved = 0
    for t in doc:
        got = undateline(t)
        assert got == _undateline_definition(t), t.text
        moved += got != t
    assert moved >= 2  # the datelines were stepped over


def test_the_last_subject_is_looked_for_only_for_a_pronoun_source(nlp, coder, monkeypatch):
    """``code`` looks for the last named subject only for a frame whose source is one pronoun: the same events
    as looking for it on behalf of every frame."""
    text = (
        TEXT_FOR_SHORTCUTS + " Lavrov spoke in Moscow on Monday. Later, he accused Washington of prolonging the war. "
        "She criticised the plan. Germany said it would send aid to Ukraine."
    )

    def run() -> list[tuple]:
        doc = nlp(text)
        events = coder.code(doc, ArticleActors(doc), [])
        return [(e.event_type, e.trigger.start, e.source and e.source.text, e.target and e.target.text) for e in events]

    lazy = run()
    monkeypatch.setattr(coder, "_may_be_he", lambda frame: True)
    assert run() == lazy
    assert ("ACCUSE", text.index("accused Washington"), "Lavrov", "Washington") in lazy
