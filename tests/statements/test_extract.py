"""The rule extractor on parsed text: every quoting style, indirect speech, venues, nesting, speakers.

These test the rules under their own span conventions (the candidate generator the learned tagger
reads); the shipped default adds the tagger and PolNeAR's conventions (tests in test_learned.py).
"""

from __future__ import annotations

from functools import lru_cache

import pytest

from eventwire.actors.table import ArticleActors
from eventwire.schema import Statement
from eventwire.statements import StatementExtractor, extract_statements


@lru_cache(maxsize=1)
def rules() -> StatementExtractor:
    return StatementExtractor.from_files(learned=False)


@pytest.fixture
def run(nlp):
    def _run(text: str, actors_setup=None) -> list[Statement]:
        doc = nlp(text)
        actors = ArticleActors(doc)
        if actors_setup is not None:
            actors_setup(doc, actors)
        return extract_statements(doc, actors, extractor=rules())

    return _run


def triple(st: Statement) -> tuple[str | None, str, str]:
    return (st.speaker.text if st.speaker else None, st.cue.text, st.content.text)


def assert_offsets(text: str, sts: list[Statement]) -> None:
    for st in sts:
        assert text[st.cue.start : st.cue.end] == st.cue.text
        assert text[st.content.start : st.content.end] == st.content.text
        if st.speaker is not None:
            assert text[st.speaker.start : st.speaker.end] == st.speaker.text


def test_extract_direct_quote_before_cue(run) -> None:
    text = '"Our patience has limits," Defence Minister Boris Pistorius said on Friday.'
    sts = run(text)
    assert [triple(s) for s in sts] == [("Defence Minister Boris Pistorius", "said", "Our patience has limits")]
    assert sts[0].direct is True and sts[0].id == "s1"
    assert_offsets(text, sts)


@pytest.mark.parametrize("marks", [('"', '"'), ("“", "”"), ("«", "»"), ("'", "'"), ("‘", "’")])
def test_extract_every_quote_mark(run, marks) -> None:
    o, c = marks
    text = f"{o}The border stays closed,{c} the interior minister told reporters."
    sts = run(text)
    assert [triple(s) for s in sts] == [("the interior minister", "told", "The border stays closed")]
    assert sts[0].addressee == "reporters"


def test_extract_split_quote_gives_one_statement_per_segment(run) -> None:
    text = '"The offer is serious," Erdogan said, "and Moscow should take it."'
    sts = run(text)
    assert [triple(s) for s in sts] == [
        ("Erdogan", "said", "The offer is serious"),
        ("Erdogan", "said", "and Moscow should take it."),
    ]
    assert sts[0].cue == sts[1].cue and sts[0].speaker == sts[1].speaker


def test_extract_quote_after_colon_and_across_paragraphs(run) -> None:
    text = (
        "The prime minister said in a televised speech:\n\n"
        '"We will hold elections in spring.\n\n'
        '"Nobody will postpone them."'
    )
    sts = run(text)
    assert [s.content.text for s in sts] == ["We will hold elections in spring.", "Nobody will postpone them."]
    assert {s.cue.text for s in sts} == {"said"}
    assert {s.speaker.text for s in sts} == {"The prime minister"}
    assert {s.venue for s in sts} == {"televised speech"}


def test_extract_cueless_quote_continues_previous_statement(run) -> None:
    text = 'The mayor said the water supply had been restored.\n\n"Repairs will take another week."'
    sts = run(text)
    assert len(sts) == 2
    assert sts[1].content.text == "Repairs will take another week."
    assert sts[1].speaker.text == "The mayor" and sts[1].cue == sts[0].cue and sts[1].direct


def test_extract_scare_quotes_and_negated_cues_are_not_statements(run) -> None:
    text = (
        'Troops continued what officials call a "counter-terrorism operation". '
        "The ministry did not say when the road would reopen. The army said nothing about losses."
    )
    assert run(text) == []


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Sweden said that it would join the exercise.", ("Sweden", "said", "it would join the exercise")),
        ("Sweden said it would join the exercise.", ("Sweden", "said", "it would join the exercise")),
        ("The exercise will go ahead, the Swedish army said.", ("the Swedish army", "said", "The exercise will go ahead")),
        ("According to the Swedish army, the exercise will go ahead.", ("the Swedish army", "According to", "the exercise will go ahead")),
        ("The exercise will go ahead, according to the Swedish army.", ("the Swedish army", "according to", "The exercise will go ahead")),
        ("The army's statement said the exercise would go ahead.", ("The army", "said", "the exercise would go ahead")),
        ("Oslo warned that the exercise would go ahead.", ("Oslo", "warned", "the exercise would go ahead")),
        ("Norway insisted the exercise would go ahead.", ("Norway", "insisted", "the exercise would go ahead")),
        ("Finland believes the exercise will go ahead.", ("Finland", "believes", "the exercise will go ahead")),
        ("Denmark wants to join the exercise.", ("Denmark", "wants", "to join the exercise")),
    ],
)  # fmt: skip
def test_extract_indirect_speech(run, text, want) -> None:
    sts = run(text)
    assert [triple(s) for s in sts] == [want]
    assert sts[0].direct is False
    assert_offsets(text, sts)


def test_extract_addressee_and_venue(run) -> None:
    text = (
        "Kallas told Reuters that the talks were over. "
        "Orban, speaking on state radio, said Budapest would veto the package. "
        "Peskov said in an interview with CNN that Moscow was ready. "
        "The ministry said at a press conference in Vienna that the inspectors had left. "
        "Medvedev wrote on Telegram that Europe would regret it."
    )
    sts = run(text)
    got = {s.speaker.text: (s.addressee, s.venue) for s in sts}
    assert got == {
        "Kallas": ("Reuters", None),
        "Orban": (None, "state radio"),
        "Peskov": (None, "interview with CNN"),
        "The ministry": (None, "press conference in Vienna"),
        "Medvedev": (None, "Telegram"),
    }


def test_extract_nested_attribution(run) -> None:
    text = '"The Germans say that they are not dropping this plan," Andreev said on the Soloviev Live YouTube show.'
    sts = run(text)
    outer = next(s for s in sts if s.cue.text == "said")
    inner = next(s for s in sts if s.cue.text == "say")
    assert outer.speaker.text == "Andreev" and outer.reported_by is None
    assert outer.venue == "Soloviev Live YouTube show"
    assert inner.speaker.text == "The Germans"
    assert inner.content.text == "they are not dropping this plan"
    assert inner.reported_by == outer.id
    assert [s.id for s in sts] == ["s1", "s2"]


def test_extract_first_person_inside_a_quote_is_the_quoting_speaker(run) -> None:
    text = '"I told them that the deal was off," the envoy said.'
    sts = run(text)
    inner = next(s for s in sts if s.cue.text == "told")
    outer = next(s for s in sts if s.cue.text == "said")
    assert inner.speaker.text == "I"
    assert inner.speaker.id == outer.speaker.id
    assert inner.reported_by == outer.id


def _andreev(doc, actors: ArticleActors) -> None:
    actor = actors.new_actor(name="Sergei Andreev", country="RUS", sector="GOV", kind="person", role="ambassador")
    start = next(t.i for t in doc if t.text == "Sergei")
    actors.add_mention(actor, start, start + 2, "test")


def test_extract_pronoun_speaker_resolves_to_earlier_actor(run) -> None:
    text = "Russian Ambassador Sergei Andreev met Polish officials on Monday. He said the meeting had been useful."
    sts = run(text, _andreev)
    assert len(sts) == 1
    sp = sts[0].speaker
    assert (sp.text, sp.name, sp.country, sp.sector) == ("He", "Sergei Andreev", "RUS", "GOV")
    assert text[sp.start : sp.end] == "He"


def test_extract_role_noun_and_surname_resolve_to_earlier_actor(run) -> None:
    text = (
        "Russian Ambassador Sergei Andreev said on Monday that Warsaw had not replied. "
        "The ambassador added that Moscow would wait. Andreev also said the embassy would stay open."
    )
    sts = run(text, _andreev)
    assert [s.speaker.text for s in sts] == ["Russian Ambassador Sergei Andreev", "The ambassador", "Andreev"]
    assert {s.speaker.name for s in sts} == {"Sergei Andreev"}
    assert len({s.speaker.id for s in sts}) == 1


def test_extract_speaker_mention_leaves_out_apposition_and_dateline(run) -> None:
    text = "KYIV - Mykhailo Podolyak, an adviser to the president, said talks were impossible."
    sts = run(text)
    assert [triple(s) for s in sts] == [("Mykhailo Podolyak", "said", "talks were impossible")]


def test_extract_participle_cue_takes_the_main_subject(run) -> None:
    text = "The minister said the talks were useful, adding that a deal was possible by the summer."
    sts = run(text)
    assert [triple(s) for s in sts] == [
        ("The minister", "said", "the talks were useful"),
        ("The minister", "adding", "a deal was possible by the summer"),
    ]


def test_extract_empty_doc(run) -> None:
    assert run("") == []


def test_extract_apposed_name_and_role_noun_prefer_the_article_over_a_global_guess(run) -> None:
    text = (
        "Russia's ambassador to Poland, Sergei Andreev, said Warsaw had not replied. "
        "The ambassador added that Moscow would wait."
    )

    def setup(doc, actors: ArticleActors) -> None:
        _andreev(doc, actors)
        # a knowledge-based guess for the bare role noun, as an actors stage might make
        other = actors.new_actor(name="Some Other Envoy", country="RUS", sector="GOV", kind="person")
        amb = [t.i for t in doc if t.lower_ == "ambassador"][-1]
        actors.add_mention(other, amb, amb + 1, "role")

    sts = run(text, setup)
    assert [s.speaker.text for s in sts] == ["Russia's ambassador to Poland", "The ambassador"]
    assert [s.speaker.name for s in sts] == ["Sergei Andreev", "Sergei Andreev"]


def test_extract_content_first_needs_a_comma_before_the_cue(run) -> None:
    text = "The envoy added that Moscow would respond to any deployment."
    sts = run(text)
    assert [triple(s) for s in sts] == [("The envoy", "added", "Moscow would respond to any deployment")]


def test_extract_blanked_dateline_stays_out_of_the_speaker(run) -> None:
    # the pipeline parses the text with its dateline blanked to spaces (offsets kept)
    text = " " * 30 + "Russian Ambassador Sergei Andreev said on Saturday that Warsaw had not replied."
    sts = run(text)
    assert [triple(s) for s in sts] == [("Russian Ambassador Sergei Andreev", "said", "Warsaw had not replied")]
    assert sts[0].speaker.start == 30


def test_extract_quote_right_after_the_cue_without_punctuation(run) -> None:
    text = 'The president said "we will never surrender" and left the stage.'
    sts = run(text)
    assert [triple(s) for s in sts] == [("The president", "said", "we will never surrender")]
    assert sts[0].direct


def test_extract_quote_attributed_with_according_to(run) -> None:
    text = '"The border will stay closed until further notice," according to the interior ministry.'
    sts = run(text)
    assert [triple(s) for s in sts] == [
        ("the interior ministry", "according to", "The border will stay closed until further notice")
    ]
    assert sts[0].direct


def test_extract_lone_quote_takes_the_speaker_of_the_previous_sentence(run) -> None:
    text = 'Foreign Minister Ann Linde spoke to reporters in Stockholm on Monday.\n\n"Sweden will not be intimidated."'
    sts = run(text)
    assert [triple(s) for s in sts] == [("Foreign Minister Ann Linde", "spoke", "Sweden will not be intimidated.")]


def test_extract_lone_quote_with_no_setup_is_not_attributed(run) -> None:
    text = 'Snow fell across the region on Monday.\n\n"Schools will stay closed tomorrow."'
    assert run(text) == []


def test_extract_partial_quote_stays_inside_the_indirect_statement(run) -> None:
    text = 'Andreev said Warsaw was "not abandoning the idea" of a deployment.'
    sts = run(text)
    assert [triple(s) for s in sts] == [("Andreev", "said", 'Warsaw was "not abandoning the idea" of a deployment')]
    assert not sts[0].direct


def test_extract_quoted_as_saying(run) -> None:
    text = "The defence minister was quoted by Interfax as saying that the drills would end on Friday."
    sts = run(text)
    assert [triple(s) for s in sts] == [("The defence minister", "saying", "the drills would end on Friday")]


def test_extract_told_an_object_that_parsed_as_relative_clause(run) -> None:
    text = "Press secretary Karine Jean-Pierre told a briefing that President Joe Biden would keep pressing Congress."
    sts = run(text)
    assert [triple(s) for s in sts] == [
        ("Press secretary Karine Jean-Pierre", "told", "President Joe Biden would keep pressing Congress")
    ]


def test_extract_commissive_with_infinitive_and_asked_participle(run) -> None:
    text = (
        "The senator vowed to bring the bill back. "
        "Asked whether the president would sign it, the spokesman said he had not decided."
    )
    sts = run(text)
    assert [triple(s) for s in sts] == [
        ("The senator", "vowed", "to bring the bill back"),
        ("the spokesman", "said", "he had not decided"),
    ]


def test_extract_platform_venue_at_paragraph_end(run) -> None:
    text = '"We\'ll be back," she wrote on X.\nThe vote is set for May.'
    sts = run(text)
    assert [(s.cue.text, s.venue) for s in sts] == [("wrote", "X")]


def test_extract_adding_hung_on_the_reported_clause_keeps_the_outer_speaker(run) -> None:
    text = 'He said the United States held the stronger hand, adding: "They are bluffing."'
    sts = run(text)
    assert [triple(s) for s in sts] == [
        ("He", "said", "the United States held the stronger hand"),
        ("He", "adding", "They are bluffing."),
    ]


def test_extract_quoted_phrase_with_full_stop_inside_the_marks(run) -> None:
    text = 'The treasury secretary told Fox Business that escalating was "a big mistake."'
    sts = run(text)
    assert sts[0].content.text == 'escalating was "a big mistake."'


def test_extract_reporters_remark_on_the_claim_is_not_content(run) -> None:
    text = "The defence ministry said its forces had shot down 20 drones, a claim that could not be independently verified."
    sts = run(text)
    assert [triple(s) for s in sts] == [("The defence ministry", "said", "its forces had shot down 20 drones")]


def test_extract_third_person_inside_a_quote_is_not_the_quoting_speaker(run) -> None:
    text = 'Donald Trump spoke in Ohio on Monday. "He wants to divide us," Hillary Clinton said later.'
    sts = run(text)
    inner = next(s for s in sts if s.cue.text == "wants")
    outer = next(s for s in sts if s.cue.text == "said")
    assert outer.speaker.name == "Hillary Clinton"
    assert inner.speaker.text == "He" and inner.speaker.name == "Donald Trump"
    assert inner.reported_by == outer.id


def test_extract_quoted_word_inside_a_clause_is_not_direct_speech(run) -> None:
    text = 'Clinton accused Trump of "dangerous" rhetoric, telling supporters that his plan would fail.'
    sts = run(text)
    assert [triple(s) for s in sts] == [("Clinton", "telling", "his plan would fail")]
    assert sts[0].addressee == "supporters"


def test_extract_agency_quoted_someone_as_saying(run) -> None:
    text = "TASS quoted Peskov as saying that the Kremlin had not received the letter."
    sts = run(text)
    assert [triple(s) for s in sts] == [("Peskov", "saying", "the Kremlin had not received the letter")]


def test_extract_cue_inside_a_quote_never_takes_content_outside_it(run) -> None:
    text = "Ryabkov said: «We have warned them many times. They do not listen.»"
    sts = run(text)
    assert [triple(s) for s in sts] == [("Ryabkov", "said", "We have warned them many times. They do not listen.")]


def test_extract_pronoun_speaker_never_resolves_into_its_own_content(run) -> None:
    text = "Diplomats said the talks could resume in May. The talks, they said, would take place in Istanbul."
    sts = run(text)
    assert sts[1].speaker.text == "they"
    assert sts[1].speaker.name == "Diplomats"


def test_extract_nested_indirect_attribution(run) -> None:
    text = "Andreev said Polish officials claim they are not abandoning the idea."
    sts = run(text)
    assert [triple(s) for s in sts] == [
        ("Andreev", "said", "Polish officials claim they are not abandoning the idea"),
        ("Polish officials", "claim", "they are not abandoning the idea"),
    ]
    assert sts[1].reported_by == sts[0].id and sts[0].reported_by is None


def test_extract_as_clause_cue_and_percent_sign(run) -> None:
    text = (
        "As the central bank noted, inflation has slowed. "
        "Prices rose 5%, the agency said, as the president urged shops to cut prices."
    )
    sts = run(text)
    assert [triple(s) for s in sts] == [
        ("the central bank", "noted", "inflation has slowed"),
        ("the agency", "said", "Prices rose 5%"),
    ]


def test_extract_relative_pronoun_speaker_and_dateline_subject(run) -> None:
    text = (
        "NAIROBI, June 12 (Reuters) - Kenya's President William Ruto said his government would withdraw "
        "the bill, a day after protesters stormed parliament. He thanked the young people, who have said "
        "that they want a new budget."
    )
    sts = run(text)
    assert [triple(s) for s in sts] == [
        ("Kenya's President William Ruto", "said", "his government would withdraw the bill"),
        ("who", "said", "they want a new budget"),
    ]
    assert sts[1].speaker.name == "the young people"


def test_extract_cue_after_a_long_speaker_phrase_and_no_clause_across_paragraphs(run) -> None:
    text = (
        '"The door remains open," the defence minister, who met his counterpart for the first time '
        'on Friday, said in Singapore. "But we also seek respect."\n\n'
        'The ministry said the envoy was a "troublemaker."'
    )
    sts = run(text)
    assert [triple(s) for s in sts] == [
        ("the defence minister", "said", "The door remains open"),
        ("the defence minister", "said", "But we also seek respect."),
        ("The ministry", "said", 'the envoy was a "troublemaker."'),
    ]


def test_extract_addressee_from_speaking_on_the_subject(run) -> None:
    text = "A senior official, speaking to reporters on condition of anonymity, said Iran would retaliate."
    sts = run(text)
    assert [(s.speaker.text, s.addressee) for s in sts] == [("A senior official", "reporters")]


def test_extract_citing_a_source_gives_a_nested_statement(run) -> None:
    text = "The plant was hit by a drone, Interfax said, citing a source in the emergency services."
    sts = run(text)
    assert [triple(s) for s in sts] == [
        ("Interfax", "said", "The plant was hit by a drone"),
        ("a source in the emergency services", "citing", "The plant was hit by a drone"),
    ]
    assert sts[1].reported_by == sts[0].id and sts[0].reported_by is None


def test_extract_quoting_inside_the_reported_clause_is_cut_from_it(run) -> None:
    text = "State media reported that the talks had ended, quoting an unnamed official."
    sts = run(text)
    assert [triple(s) for s in sts] == [
        ("State media", "reported", "the talks had ended"),
        ("an unnamed official", "quoting", "the talks had ended"),
    ]
    assert sts[1].reported_by == sts[0].id


def test_extract_noun_cues_with_owner_and_that_clause(run) -> None:
    text = (
        "Washington rejected Putin's claim that NATO had provoked the war. "
        "The warning by the IAEA that the plant was at risk went unheeded. "
        "The claim that the plant was safe was repeated."
    )
    sts = run(text)
    assert [triple(s) for s in sts] == [
        ("Putin", "claim", "NATO had provoked the war"),
        ("the IAEA", "warning", "the plant was at risk"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The spokesman declined to say whether the president had read the memo.",
        "She refused to say when the troops would leave.",
        "The minister is expected to announce that taxes will rise.",
        "Officials have yet to confirm that the ship sank.",
        "Nobody said the war would be easy.",
    ],
)
def test_extract_words_not_said_are_no_statements(run, text) -> None:
    assert run(text) == []


def test_extract_further_speech_act_is_cut_from_the_content(run) -> None:
    text = "The ministry said it had summoned the ambassador, and called on Beijing to respect the border."
    sts = run(text)
    assert [triple(s) for s in sts] == [("The ministry", "said", "it had summoned the ambassador")]


def test_the_run_s_token_arrays_agree_with_the_tokens(nlp) -> None:
    from eventwire.statements.extract import _Run

    text = (
        "MOSCOW - The minister (a veteran) said: \u201cwe -- and they \u2014 will act\u201d.\n\n"
        "Critics-in-chief - who declined | to comment -\nsaid otherwise."
    )
    doc = nlp(text)
    run = _Run(rules().lex, doc, ArticleActors(doc))
    for s in range(len(doc)):
        for e in range(s + 1, min(len(doc), s + 12) + 1):
            outside = [t for t in doc[s:e] if not s <= t.head.i < e or t.head.i == t.i]
            root = next((t for t in outside if not t.is_punct), outside[0] if outside else doc[s:e].root)
            assert run.span_root(s, e) == root
    for start in range(0, len(text), 7):
        for end in range(start, len(text) + 1, 11):
            i = next((t.i for t in doc if t.idx >= start), len(doc))
            want = []
            while i < len(doc) and doc[i].idx + len(doc[i]) <= end:
                want.append(doc[i])
                i += 1
            assert run.tokens_between(start, end) == want
