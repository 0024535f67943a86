"""From the tagger's role spans to statements: linking, kind, nesting, speakers resolved to actors.

A stub stands in for the network (its spans are given by hand), so these tests say what the
assembly does with any tagger's output.
"""

from __future__ import annotations

from functools import lru_cache

from eventwire.actors import ActorResolver
from eventwire.statements import StatementExtractor
from eventwire.statements.lexicon import CueLexicon


class StubTagger:
    """Tags the given words (first occurrence after the previous one) with the given roles."""

    def __init__(self, roles: list[tuple[str, str]]) -> None:
        self.roles = roles

    def spans(self, doc, lex, rule_statements):
        out, pos = [], 0
        for role, words in self.roles:
            start = doc.text.index(words, pos)
            span = doc.char_span(start, start + len(words))
            out.append((role, span.start, span.end))
            pos = start
        return out


@lru_cache(maxsize=1)
def loaded() -> tuple[CueLexicon, ActorResolver]:
    return CueLexicon.from_files(), ActorResolver.from_files()


def extract(nlp, text: str, roles: list[tuple[str, str]]):
    lex, resolver = loaded()
    doc = nlp(text)
    return StatementExtractor(lex, StubTagger(roles)).extract(doc, resolver.resolve(doc))


def test_content_goes_to_its_cue_and_kinds_follow_the_cue(nlp) -> None:
    text = "Governor Ana Ruiz said that the dam is safe. Engineers believe it will hold."
    sts = extract(nlp, text, [
        ("source", "Governor Ana Ruiz"), ("cue", "said"), ("content", "that the dam is safe."),
        ("source", "Engineers"), ("cue", "believe"), ("content", "it will hold."),
    ])  # fmt: skip
    got = [(s.speaker.text, s.cue.text, s.content.text, s.kind) for s in sts]
    assert got == [
        ("Governor Ana Ruiz", "said", "that the dam is safe.", "speech"),
        ("Engineers", "believe", "it will hold.", "belief"),
    ]
    assert sts[0].speaker.name and sts[0].speaker.id  # linked to an actor of the article


def test_split_quote_gives_one_statement_per_fragment_sharing_speaker_and_cue(nlp) -> None:
    text = "“The roads are closed,” the sheriff said, “until the river drops.”"
    sts = extract(nlp, text, [
        ("content", "“The roads are closed,”"), ("source", "the sheriff"), ("cue", "said"),
        ("content", "“until the river drops.”"),
    ])  # fmt: skip
    assert [s.content.text for s in sts] == ["“The roads are closed,”", "“until the river drops.”"]
    assert {s.cue.text for s in sts} == {"said"} and all(s.direct for s in sts)
    assert {s.speaker.text for s in sts} == {"the sheriff"}


def test_a_coordinated_cue_shares_the_source_and_a_cue_without_content_is_dropped(nlp) -> None:
    text = "The coach said the team was tired and added that nobody would quit. Fans wondered."
    sts = extract(nlp, text, [
        ("source", "The coach"), ("cue", "said"), ("content", "the team was tired"),
        ("cue", "added"), ("content", "that nobody would quit."), ("cue", "wondered"),
    ])  # fmt: skip
    assert [(s.speaker.text if s.speaker else None, s.cue.text) for s in sts] == [
        ("The coach", "said"), ("The coach", "added"),
    ]  # fmt: skip


def test_a_statement_inside_another_content_is_reported_by_it(nlp) -> None:
    # univocal tags cut the outer content around the inner attribution: two fragments
    text = "Officials said the report, which critics have called “flawed,” was accurate."
    sts = extract(nlp, text, [
        ("source", "Officials"), ("cue", "said"), ("content", "the report,"),
        ("source", "critics"), ("cue", "have called"), ("content", "“flawed,”"),
        ("content", "was accurate."),
    ])  # fmt: skip
    outer = [s for s in sts if s.cue.text == "said"]
    (inner,) = [s for s in sts if s.cue.text == "have called"]
    assert [s.content.text for s in outer] == ["the report,", "was accurate."]
    assert inner.reported_by == outer[0].id and inner.direct
    assert all(s.reported_by is None for s in outer)


def test_pronoun_source_resolves_to_an_earlier_speaker(nlp) -> None:
    text = "Senator Lee Park spoke in Ohio. He said the vote would be close."
    sts = extract(nlp, text, [("source", "He"), ("cue", "said"), ("content", "the vote would be close.")])
    (st,) = sts
    assert st.speaker.text == "He" and "Park" in st.speaker.name


def test_statement_holding_prefers_the_innermost_content_then_the_cue() -> None:
    from eventwire.schema import Evidence, Statement
    from eventwire.statements import statement_holding

    def st(sid: str, cue: tuple[int, int], content: tuple[int, int]) -> Statement:
        return Statement(id=sid, speaker=None, cue=Evidence(*cue, "c"), content=Evidence(*content, "t"), direct=False)

    outer, inner = st("s1", (0, 4), (5, 60)), st("s2", (20, 24), (25, 40))
    assert statement_holding([outer, inner], 30) is inner
    assert statement_holding([outer, inner], 50) is outer
    assert statement_holding([outer, inner], 2) is outer  # the speech act itself
    assert statement_holding([outer, inner], 70) is None


def test_a_content_goes_to_the_aside_cue_that_hangs_on_it_over_a_nearer_cue(nlp) -> None:
    text = "Officials warned of delays. The driver fled on foot after the crash on the bridge, according to the police."
    sts = extract(nlp, text, [
        ("source", "Officials"), ("cue", "warned"), ("content", "The driver fled on foot"),
        ("cue", "according to"), ("source", "the police"),
    ])  # fmt: skip
    (st,) = sts
    assert st.cue.text == "according to" and st.speaker.text == "the police"


def test_a_cue_left_without_content_takes_the_clause_it_governs_when_nothing_is_tagged_there(nlp) -> None:
    text = "The minister said that she would resign in June."
    (st,) = extract(nlp, text, [("source", "The minister"), ("cue", "said")])
    assert st.content.text == "that she would resign in June" and st.speaker.text == "The minister"
    # a tagged span inside the clause belongs to something else: no statement is made up
    assert extract(nlp, text, [("source", "The minister"), ("cue", "said"), ("source", "she")]) == []


def test_a_cue_left_without_content_never_takes_the_people_it_was_said_to(nlp) -> None:
    for text, source, cue in (
        ("The minister told reporters on Monday.", "The minister", "told"),
        ("Officials warned residents again.", "Officials", "warned"),
    ):
        assert extract(nlp, text, [("source", source), ("cue", cue)]) == []
    text = "The ministry denied the report on Monday."
    (st,) = extract(nlp, text, [("source", "The ministry"), ("cue", "denied")])
    assert st.content.text == "the report"


def test_a_cue_left_without_content_after_its_clause_takes_that_clause(nlp) -> None:
    text = "The harvest will be late this year, the farmers' union warned on Tuesday."
    (st,) = extract(nlp, text, [("source", "the farmers' union"), ("cue", "warned")])
    assert st.content.text == "The harvest will be late this year" and st.speaker.text == "the farmers' union"


def test_a_cue_whose_clause_holds_a_nested_attribution_still_reports_it(nlp) -> None:
    # the tagger gave the inner cue its source and content; the outer cue keeps the whole clause
    text = "The mayor says the contractor promised to finish the bridge by May."
    sts = extract(nlp, text, [
        ("source", "The mayor"), ("cue", "says"), ("source", "the contractor"), ("cue", "promised"),
        ("content", "to finish the bridge by May."),
    ])  # fmt: skip
    says = [s for s in sts if s.cue.text == "says"]
    assert says and says[0].content.text.startswith("the contractor promised")
    assert says[0].speaker.text == "The mayor"


def test_a_cue_inside_another_cue_s_reported_clause_makes_no_statement_of_its_own(nlp) -> None:
    # the outer cue took the whole clause from the parse, over the inner cue: PolNeAR would have cut
    # the outer content around a nested attribution, so one reading is wrong, mostly the inner one
    text = "The mayor says the contractor promised to finish the bridge by May."
    sts = extract(nlp, text, [
        ("source", "The mayor"), ("cue", "says"), ("source", "the contractor"), ("cue", "promised"),
        ("content", "to finish the bridge by May."),
    ])  # fmt: skip
    assert [s.cue.text for s in sts] == ["says"]
    assert sts[0].content.text.startswith("the contractor promised")


def test_a_cue_inside_a_quotation_keeps_its_statement(nlp) -> None:
    # a speaker quoted reporting someone else: both attributions stand (dropping them lost on train)
    text = "The mayor said: “The contractor promised to finish the bridge by May.”"
    sts = extract(nlp, text, [
        ("source", "The mayor"), ("cue", "said"), ("content", "“The contractor promised to finish the bridge by May.”"),
        ("source", "The contractor"), ("cue", "promised"), ("content", "to finish the bridge by May."),
    ])  # fmt: skip
    assert [(s.cue.text, s.direct) for s in sts] == [("said", True), ("promised", False)]


def test_an_aside_cue_left_without_content_takes_the_clause_it_hangs_on(nlp) -> None:
    for text, cue, want in (
        ("The new terminal will open in March, according to two airport officials.", "according to",
         "The new terminal will open in March"),
        ("According to two airport officials, the new terminal will open in March.", "According to",
         "the new terminal will open in March"),
    ):  # fmt: skip
        (st,) = extract(nlp, text, [("cue", cue), ("source", "two airport officials")])
        assert st.content.text == want and st.speaker.text == "two airport officials"
    # an aside the parse hangs on the subject inside its clause: never the bare subject alone as what was
    # said; the clause either side of the aside, in two fragments, as PolNeAR cuts a content around its cue
    sts = extract(nlp, "The bridge, as the engineers noted, will close in June.", [
        ("source", "the engineers"), ("cue", "noted"),
    ])  # fmt: skip
    assert sorted(s.content.text for s in sts) in ([], ["The bridge", "will close in June"])


def test_a_name_and_a_colon_opening_a_line_attribute_the_rest_of_the_line(nlp) -> None:
    text = "Mayor Ana Ruiz: Bridge Repairs Will Take Two Years.\n\nThe city council met on Monday."
    (st,) = extract(nlp, text, [])  # the network tagged nothing there
    assert (st.speaker.text, st.cue.text, st.content.text, st.kind) == (
        "Mayor Ana Ruiz", ":", "Bridge Repairs Will Take Two Years", "speech",
    )  # fmt: skip
    quoted = "Senator Paul Okafor: ‘We Will Not Back Down.’\nHe spoke in Lagos."
    (st,) = extract(nlp, quoted, [])
    assert st.content.text == "‘We Will Not Back Down.’" and st.direct
    # a label is no one: nothing is attributed
    assert extract(nlp, "Editor's note: This story has been updated.\n\nThe council met.", []) == []


def test_a_place_or_a_title_before_a_colon_is_no_speaker(nlp) -> None:
    for text in (
        "Kenya: Parliament Rejects the Finance Bill.\n\nThe vote came late on Tuesday.",
        "NEW DELHI: The government announced a new tax on imported steel on Monday.\nTraders protested.",
        "Ana Ruiz: A Profile of the Mayor Who Rebuilt the Bridge.\n\nShe was elected in 2019.",
    ):
        assert [s for s in extract(nlp, text, []) if s.cue.text == ":"] == [], text


def test_a_participle_cue_hung_on_a_cue_with_a_source_shares_it(nlp) -> None:
    text = "The senator scolded the agency, saying its staff had ignored the warnings."
    sts = extract(nlp, text, [
        ("source", "The senator"), ("cue", "scolded"), ("content", "the agency"),
        ("cue", "saying"), ("content", "its staff had ignored the warnings"),
    ])  # fmt: skip
    saying = [s for s in sts if s.cue.text == "saying"]
    assert saying and saying[0].speaker is not None and saying[0].speaker.text == "The senator"
    # the participle hangs on an untagged verb inside another cue's content: that cue's speaker is not its own
    text = "Officials said the governor criticised the mayor, saying he had lied about the budget."
    sts = extract(nlp, text, [
        ("source", "Officials"), ("cue", "said"), ("content", "the governor criticised the mayor"),
        ("cue", "saying"), ("content", "he had lied about the budget"),
    ])  # fmt: skip
    saying = [s for s in sts if s.cue.text == "saying"]
    assert not saying or saying[0].speaker is None or saying[0].speaker.text != "Officials"


def test_a_cue_that_is_or_ends_on_a_colon_takes_the_rest_of_the_line(nlp) -> None:
    text = "Ana Ruiz: Bridge Repairs Will Take Two Years.\nThe council met on Monday."
    (st,) = extract(nlp, text, [("source", "Ana Ruiz"), ("cue", ":")])
    assert (st.speaker.text, st.content.text) == ("Ana Ruiz", "Bridge Repairs Will Take Two Years")


def test_an_aside_cue_hung_deep_in_the_sentence_takes_the_sentence_before_its_comma(nlp) -> None:
    from spacy.tokens import Doc

    # the parser hangs "according" on "shooting" as a bare dependent, not as an aside of the clause
    words = [
        "Police",
        "will",
        "release",
        "the",
        "tapes",
        "of",
        "the",
        "shooting",
        ",",
        "according",
        "to",
        "lawyers",
        ".",
    ]
    spaces = [True] * 7 + [False] + [True] * 3 + [False, False]
    heads = [2, 2, 2, 4, 2, 4, 7, 5, 7, 7, 9, 10, 2]
    deps = ["nsubj", "aux", "ROOT", "det", "dobj", "prep", "det", "pobj", "punct", "dep", "prep", "pobj", "punct"]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, sent_starts=[True] + [False] * 12)
    lex, resolver = loaded()
    stub = StubTagger([("cue", "according to"), ("source", "lawyers")])
    (st,) = StatementExtractor(lex, stub).extract(doc, resolver.resolve(doc))
    assert st.content.text == "Police will release the tapes of the shooting" and st.speaker.text == "lawyers"


def test_a_quote_closed_by_a_dash_and_a_name_ending_the_line_is_that_person_s(nlp) -> None:
    text = (
        "Readers wrote to us after the debate.\n\n“The bridge must be rebuilt before winter.” ― Maria Okafor\n"
        "“Nobody listened to the farmers.”― Daniel Mensah.\n\nThe council meets on Monday."
    )
    found = extract(nlp, text, [("content", "The bridge must be rebuilt")])  # a partial tagged content gives way
    assert [(s.speaker.text, s.cue.text, s.content.text, s.direct) for s in found] == [
        ("Maria Okafor", "―", "“The bridge must be rebuilt before winter.”", True),
        ("Daniel Mensah", "―", "“Nobody listened to the farmers.”", True),
    ]
    # a dash after a quote inside a sentence, or before words that are not a name, attributes nothing
    for other in (
        "He called the plan “a disgrace” — Ruiz said so twice.\n\nThe council met.",
        "“We will see.” — an old saying.\n\nThe council met.",
    ):
        assert [s for s in extract(nlp, other, []) if s.cue.text == "—"] == [], other


def test_a_transcript_name_in_capitals_is_a_speaker_when_the_article_names_that_person(nlp) -> None:
    text = (
        "Mike Pence spoke to Fox News on Sunday.\n\n"
        '"PENCE: We are going to win Ohio and we will win it by a wide margin.\n\nThe interview ran long.'
    )
    (st,) = extract(nlp, text, [])
    assert (st.speaker.text, st.cue.text) == ("PENCE", ":")
    assert st.content.text.startswith("We are going to win Ohio")
    # a capitalised word the article names no person by is no speaker
    assert extract(nlp, text.replace("Mike Pence spoke", "The governor spoke"), []) == []


def test_capitalised_names_opening_two_transcript_lines_are_speakers(nlp) -> None:
    text = (
        "The anchor spoke with the governor on Sunday.\n\n"
        '"WALLACE: Will you campaign in Ohio before the debate?\n\n'
        '"PENCE: We are going to win Ohio and we will win it by a wide margin.\n\n'
        '"WALLACE: Governor, we have limited time left today.\n\n'
        '"PENCE: I know that the voters will decide this race.\n\nThe interview ran long.'
    )
    sts = [s for s in extract(nlp, text, [("cue", "know")]) if s.cue.text == ":"]
    assert {s.speaker.text for s in sts} == {"WALLACE", "PENCE"}  # no person entity names either
    # a cue the tagger found on the line, after the colon too, gives the line no frame (train: nested frames wrong)
    assert not any(s.content.text.startswith("I know") for s in sts)


def test_according_to_untagged_stays_untagged_and_tagged_takes_the_rest_of_the_sentence(nlp) -> None:
    text = "The tunnel will close in June, according to two airport officials."
    # the network tagged nothing there: no cue is made of the phrase (240 train articles: none was a gold cue)
    assert all(s.cue.text != "according to" for s in extract(nlp, text, []))
    (st,) = extract(nlp, text, [("cue", "according to"), ("source", "two airport officials")])
    assert (st.speaker.text, st.content.text) == ("two airport officials", "The tunnel will close in June")


def test_a_cue_ending_its_sentence_with_its_subject_takes_the_words_before_its_comma(nlp) -> None:
    from spacy.tokens import Doc

    # the parser makes "said" the root and the words before the comma a bare dependent, not its clause
    words = ["Towns", "like", "Brill", ",", "she", "said", "."]
    heads = [5, 0, 1, 5, 5, 5, 5]
    deps = ["dep", "prep", "pobj", "punct", "nsubj", "ROOT", "punct"]
    spaces = [True, True, False, True, True, False, False]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, sent_starts=[True] + [False] * 6)
    lex, resolver = loaded()
    stub = StubTagger([("source", "she"), ("cue", "said")])
    (st,) = StatementExtractor(lex, stub).extract(doc, resolver.resolve(doc))
    assert (st.content.text, st.speaker.text) == ("Towns like Brill", "she")


def test_an_aside_cue_inside_its_clause_takes_the_clause_either_side_as_two_fragments(nlp) -> None:
    from spacy.tokens import Doc

    words = ["Hawaii", ",", "as", "advisers", "noted", ",", "rarely", "gets", "storms", "."]
    heads = [7, 7, 4, 4, 7, 7, 7, 7, 7, 7]
    deps = ["nsubj", "punct", "mark", "nsubj", "advcl", "punct", "advmod", "ROOT", "dobj", "punct"]
    spaces = [False, True, True, True, False, True, True, True, False, False]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, sent_starts=[True] + [False] * 9)
    lex, resolver = loaded()
    stub = StubTagger([("source", "advisers"), ("cue", "noted")])
    sts = StatementExtractor(lex, stub).extract(doc, resolver.resolve(doc))
    assert sorted(s.content.text for s in sts) == ["Hawaii", "rarely gets storms"]  # PolNeAR cuts it so
    assert {(s.cue.text, s.speaker.text) for s in sts} == {("noted", "advisers")}


def test_a_clause_the_parser_hung_on_the_cue_as_adverbial_is_what_was_said_when_it_has_no_conjunction(nlp) -> None:
    from spacy.tokens import Doc

    words = ["Ruiz", "said", "after", "the", "vote", "she", "would", "not", "sign", "it", "."]
    heads = [1, 1, 1, 4, 2, 8, 8, 8, 1, 8, 1]
    deps = ["nsubj", "ROOT", "prep", "det", "pobj", "nsubj", "aux", "neg", "advcl", "dobj", "punct"]
    spaces = [True] * 9 + [False, False]
    lex, resolver = loaded()
    stub = StubTagger([("source", "Ruiz"), ("cue", "said")])
    doc = Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, sent_starts=[True] + [False] * 10)
    (st,) = StatementExtractor(lex, stub).extract(doc, resolver.resolve(doc))
    assert (st.content.text, st.speaker.text) == ("she would not sign it", "Ruiz")
    # with a conjunction ("because", "after") the clause says why or when, not what
    words[5:5] = ["because"]
    heads = [1, 1, 1, 4, 2, 9, 9, 9, 9, 1, 9, 1]
    deps = deps[:5] + ["mark"] + deps[5:]
    doc = Doc(nlp.vocab, words=words, spaces=[True] * 10 + [False, False], heads=heads, deps=deps)
    assert all(
        s.content.text != "she would not sign it"
        for s in StatementExtractor(lex, stub).extract(doc, resolver.resolve(doc))
    )
