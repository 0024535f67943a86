"""Actor resolution on parsed text: the examples of issue 3, coreference, NER fixes, codes, dates."""

from __future__ import annotations

import pytest
from tests.actors.conftest import actor_at

STORY = (
    "Russian Ambassador to Poland Sergei Andreev said on Monday that Polish officials had blocked the wreath-laying. "
    "Andreev told reporters that the ambassador would not leave Warsaw. "
    "The German government declined to comment."
)


def test_ambassador_title_gives_person_country_sector_role_and_posting(resolve):
    actors = resolve(STORY)
    andreev = actor_at(actors, STORY, "Sergei Andreev")
    assert andreev.kind == "person"
    assert andreev.name == "Sergei Andreev"
    assert (andreev.country, andreev.sector, andreev.role, andreev.accredited_to) == ("RUS", "GOV", "ambassador", "POL")
    assert andreev.cameo == "RUSGOV"
    # the title belongs to the person: Poland there is the posting, not a separate actor
    assert actor_at(actors, STORY, "Poland") is andreev


def test_surname_and_role_noun_corefer_to_the_same_actor(resolve):
    actors = resolve(STORY)
    andreev = actor_at(actors, STORY, "Sergei Andreev")
    assert actor_at(actors, STORY, "Andreev told") is andreev
    assert actor_at(actors, STORY, "ambassador would") is andreev
    texts = [m.text for m in andreev.mentions]
    assert "Andreev" in texts and "ambassador" in texts
    rules = {m.rule.split(":")[0] for m in andreev.mentions}
    assert {"coref-surname", "role-noun"} <= rules


def test_state_adjective_with_group_noun(resolve):
    actors = resolve(STORY)
    polish = actor_at(actors, STORY, "Polish officials")
    assert (polish.country, polish.sector) == ("POL", "GOV")
    german = actor_at(actors, STORY, "German government")
    assert (german.country, german.sector, german.cameo) == ("DEU", "GOV", "DEUGOV")
    assert german.mentions[0].text == "German government"


def test_mentions_slice_the_text_and_name_their_rule(resolve):
    actors = resolve(STORY)
    assert actors.actors
    for actor in actors.actors.values():
        for m in actor.mentions:
            assert STORY[m.start : m.end] == m.text
            assert m.rule
    ids = sorted(actors.actors, key=lambda i: int(i[1:]))
    assert ids == [f"a{k}" for k in range(1, len(ids) + 1)]


def test_refs_and_spans_read_from_the_token_offsets_are_spacys(resolve):
    """``ref`` slices the text at the characters ``add_mention`` kept, and ``in_span`` lists each mention once:
    the same as reading them from spaCy's spans (the way they were read before)."""
    actors = resolve(STORY)
    doc = actors.doc
    for m in actors.mentions:
        span = doc[m.token_start : m.token_end]
        ref = actors.ref(m)
        assert (ref.text, ref.start, ref.end) == (span.text, span.start_char, span.end_char)
    unkept = type(actors.mentions[0])(0, 1, actors.mentions[0].actor_id, "test")  # no characters kept
    assert actors.ref(unkept).text == doc[0:1].text
    for sent in doc.sents:
        got = actors.in_span(sent)
        want = []
        for i in range(sent.start, sent.end):
            m = actors.at_token(i)
            if m is not None and m not in want:
                want.append(m)
        assert got == want and len({id(m) for m in got}) == len(got)


def test_seat_of_power_in_title_and_known_person(resolve):
    text = "Kremlin spokesman Dmitry Peskov said the talks had stalled."
    actors = resolve(text)
    peskov = actor_at(actors, text, "Dmitry Peskov")
    assert (peskov.country, peskov.sector, peskov.role) == ("RUS", "GOV", "spokesman")
    assert peskov.entry == "p.peskov"


def test_unknown_spokesman_gets_country_from_the_seat(resolve):
    text = "Kremlin spokesman Ivan Petrovsky rejected the report."
    actor = actor_at(resolve(text), text, "Ivan Petrovsky")
    assert (actor.country, actor.sector, actor.kind) == ("RUS", "GOV", "person")


def test_organisation_official(resolve):
    text = "NATO Secretary General Jens Stoltenberg said the alliance would add troops in the east."
    actor = actor_at(resolve(text), text, "Jens Stoltenberg")
    assert (actor.country, actor.sector, actor.cameo) == ("IGO", "GOV", "NATO")
    assert actor.role == "secretary general"


def test_capital_as_modifier_of_armed_forces(resolve):
    text = "Kiev forces shelled the outskirts of Donetsk overnight, separatist officials said."
    actor = actor_at(resolve(text), text, "Kiev forces")
    assert (actor.country, actor.sector, actor.cameo) == ("UKR", "MIL", "UKRMIL")


def test_demonym_is_the_state(resolve):
    text = "The Americans rejected the proposal on Tuesday."
    actor = actor_at(resolve(text), text, "Americans")
    assert actor.country == "USA"
    assert actor.mentions[0].rule.startswith("state-demonym")


def test_capital_in_political_clause_is_the_government(resolve):
    text = "Moscow accused Washington of stoking the conflict."
    actors = resolve(text)
    moscow, washington = actor_at(actors, text, "Moscow"), actor_at(actors, text, "Washington")
    assert (moscow.country, moscow.sector) == ("RUS", "GOV")
    assert (washington.country, washington.sector) == ("USA", "GOV")
    assert moscow.mentions[0].rule.startswith("capital-metonym")


def test_capital_as_a_location_is_a_place_not_a_government(resolve):
    text = "The delegation arrived in Moscow on Friday."
    actor = actor_at(resolve(text), text, "Moscow")
    assert actor.kind == "place"
    assert (actor.country, actor.sector) == ("RUS", None)


def test_capital_and_adjective_share_the_government_actor(resolve):
    text = "Moscow said on Monday it would respond, and the Russian government later confirmed the plan."
    actors = resolve(text)
    assert actor_at(actors, text, "Moscow") is actor_at(actors, text, "Russian government")
    assert actor_at(actors, text, "Moscow").kind == "organisation"


def test_city_tagged_person_is_not_a_person(resolve, nlp):
    text = "Kiev forces regrouped while Kyiv officials appealed for help."
    actors = resolve(text)
    assert all(a.kind != "person" for a in actors.actors.values())
    assert actor_at(actors, text, "Kyiv officials").country == "UKR"


def test_cameo_codes_for_groups(resolve):
    text = "The Donetsk People's Republic said its fighters had captured two villages."
    actor = actor_at(resolve(text), text, "Donetsk People's Republic")
    assert (actor.country, actor.sector, actor.cameo) == ("UKR", "REB", "UKRREB")
    assert actor.secondary_sectors == ["PRE"]  # a partially recognised entity


def test_igo_eu_and_un_codes(resolve):
    text = "The European Union and the United Nations urged restraint, and Amnesty International called for an inquiry."
    actors = resolve(text)
    assert actor_at(actors, text, "European Union").country == "EUR"
    assert actor_at(actors, text, "United Nations").country == "UNO"
    assert actor_at(actors, text, "Amnesty International").country == "NGO"


def test_armed_groups(resolve):
    text = "Hezbollah fired rockets while Islamic State claimed an attack and the Houthis seized a ship."
    actors = resolve(text)
    assert (actor_at(actors, text, "Hezbollah").country, actor_at(actors, text, "Hezbollah").sector) == ("LBN", "REB")
    assert actor_at(actors, text, "Islamic State").country == "IMG"
    assert actor_at(actors, text, "Houthis").country == "YEM"


def test_dated_roles_follow_the_article_date(resolve):
    text = "Putin met the visiting delegation."
    assert actor_at(resolve(text, "2010-03-01"), text, "Putin").role == "prime minister"
    assert actor_at(resolve(text, "2015-03-01"), text, "Putin").role == "president"
    merkel = "Angela Merkel spoke at the conference."
    old = actor_at(resolve(merkel, "2023-06-01"), merkel, "Angela Merkel")
    assert (old.country, old.sector, old.secondary_sectors) == ("DEU", "ELI", ["GOV"])
    stoltenberg = "Jens Stoltenberg presented the budget."
    assert actor_at(resolve(stoltenberg, "2020-01-10"), stoltenberg, "Jens").country == "IGO"
    assert actor_at(resolve(stoltenberg, "2025-06-10"), stoltenberg, "Jens").country == "NOR"


def test_group_that_took_power_changes_sector_with_the_date(resolve):
    text = "The Taliban announced new rules for universities."
    assert actor_at(resolve(text, "2010-01-01"), text, "Taliban").sector == "REB"
    assert actor_at(resolve(text, "2022-01-01"), text, "Taliban").sector == "GOV"


def test_compound_state_words_make_one_actor_each(resolve):
    text = "Czech and Slovak officials signed the border treaty."
    actors = resolve(text)
    czech, slovak = actor_at(actors, text, "Czech"), actor_at(actors, text, "Slovak")
    assert (czech.country, czech.sector) == ("CZE", "GOV")
    assert (slovak.country, slovak.sector) == ("SVK", "GOV")
    assert czech is not slovak


def test_pro_and_backed_do_not_give_the_country(resolve):
    text = "Pro-Russian separatists clashed with Ukrainian troops."
    actors = resolve(text)
    separatists = actor_at(actors, text, "separatists")
    assert separatists is not None
    assert (separatists.country, separatists.sector) == ("UKR", "REB")  # the sentence's one state, not Russia
    assert actor_at(actors, text, "Ukrainian troops").country == "UKR"


def test_appositive_title(resolve):
    text = "Maria Kowalska, Poland's deputy foreign minister, said Warsaw would expel two diplomats."
    actor = actor_at(resolve(text), text, "Maria Kowalska")
    assert (actor.country, actor.sector) == ("POL", "GOV")
    assert actor.role == "deputy foreign minister" or actor.role.endswith("minister")


def test_former_official_is_eli(resolve):
    text = "Former Colombian president Andres Quintero criticised the deal."
    actor = actor_at(resolve(text), text, "Andres Quintero")
    assert (actor.country, actor.sector) == ("COL", "ELI")


def test_group_of_state_on_the_right(resolve):
    text = "The government of Sudan rejected the plan, and rebels in Darfur vowed to fight on."
    actors = resolve(text)
    assert (actor_at(actors, text, "government").country, actor_at(actors, text, "government").sector) == ("SDN", "GOV")
    rebels = actor_at(actors, text, "rebels")
    assert (rebels.country, rebels.sector) == ("SDN", "REB")


def test_sentence_context_gives_untitled_officials_a_state(resolve):
    text = "In Haiti, President Jean Moreau dissolved parliament on Sunday."
    actor = actor_at(resolve(text), text, "Jean Moreau")
    assert actor.country == "HTI"
    assert "context-state" in actor.mentions[0].rule


def test_context_state_is_not_guessed_with_two_states(resolve):
    text = "President Jean Moreau met French and German envoys."
    actor = actor_at(resolve(text), text, "Jean Moreau")
    assert actor.country is None


def test_misspelt_state_and_leader_are_recognised(resolve):
    text = "Afganistan rejected the statement by President Abdelaziz Bouteflicka."
    actors = resolve(text)
    assert actor_at(actors, text, "Afganistan").country == "AFG"
    bouteflika = actor_at(actors, text, "Abdelaziz")
    assert bouteflika.entry == "p.bouteflika" and bouteflika.country == "DZA"


def test_unnamed_role_with_state_resolves_to_the_office_holder(resolve):
    text = "The French president will travel to Kyiv next week."
    actor = actor_at(resolve(text, "2023-03-01"), text, "French president")
    assert actor.entry == "p.macron"


def test_person_name_containing_a_state_word_is_not_the_state(resolve):
    text = "Michael Jordan visited the children's hospital."
    actors = resolve(text)
    assert all(a.country != "JOR" for a in actors.actors.values())


def test_ethnic_group_is_coded_where_it_lives(resolve):
    text = "Ethnic Albanians in Serbia protested, and Tamil refugees crossed the strait."
    actors = resolve(text)
    assert actor_at(actors, text, "Albanians").country == "SRB"
    assert actor_at(actors, text, "Tamil refugees").country == "LKA"


def test_ngo_default_for_unnamed_rights_groups(resolve):
    text = "A human rights group said dozens were detained."
    actor = actor_at(resolve(text), text, "human rights group")
    assert actor.country == "NGO"


def test_lookup_api_for_other_stages(resolve):
    actors = resolve(STORY)
    doc = actors.doc
    span = doc.char_span(STORY.index("Polish"), STORY.index("Polish") + len("Polish officials"))
    ref = actors.for_span(span)
    assert (ref.country, ref.sector, ref.text) == ("POL", "GOV", "Polish officials")
    assert actors.in_span(doc[:]) and actors.at_token(span.root) is not None
    # an unknown participant still gets an actor, without codes
    other = doc.char_span(STORY.index("reporters"), STORY.index("reporters") + len("reporters"))
    if actors.at_token(other.root) is None:
        assert actors.for_span(other).country is None


def test_no_published_date_uses_latest_role(resolve):
    text = "Donald Tusk spoke in Brussels."
    actor = actor_at(resolve(text, None), text, "Donald Tusk")
    assert actor.country == "POL"


def test_dateline_in_capitals_is_a_place(resolve):
    text = "MOSCOW (Reuters) - Russian officials said on Monday they would send a delegation."
    actors = resolve(text)
    moscow = actor_at(actors, text, "MOSCOW")
    assert moscow is not None and moscow.kind == "place" and moscow.country == "RUS"


def test_unnamed_title_without_antecedent_is_a_person(resolve):
    text = "The president signed the decree on Tuesday."
    actor = actor_at(resolve(text), text, "president")
    assert (actor.kind, actor.role, actor.sector, actor.country) == ("person", "president", "GOV", None)


def test_ethnic_group_takes_the_state_it_lives_in(resolve):
    text = "Ethnic Albanians in southern Serbia boycotted the vote."
    actor = actor_at(resolve(text), text, "Ethnic Albanians")
    assert (actor.country, actor.sector) == ("SRB", "CVL")


def test_no_role_word_inside_a_state_name(resolve):
    text = "The United States said it would respond."
    actor = actor_at(resolve(text), text, "United States")
    assert (actor.kind, actor.country, actor.sector) == ("state", "USA", None)


def test_list_of_states_needs_and_to_coordinate(resolve):
    text = "Warsaw still weighs troops for Ukraine, Russian envoy claims."
    envoy = actor_at(resolve(text), text, "Russian envoy")
    assert envoy.country == "RUS"
    assert "Ukraine" not in envoy.name


def test_first_role_word_gives_the_sector_of_a_title(resolve):
    text = "Separatist leader Ivan Horbach said his fighters would hold the line in Donbas."
    actor = actor_at(resolve(text), text, "Ivan Horbach")
    assert (actor.sector, actor.role, actor.country) == ("REB", "leader", "UKR")


def test_ministry_named_as_organisation_joins_the_government(resolve):
    text = "The Russian Defence Ministry said Moscow would not negotiate."
    actors = resolve(text)
    assert actor_at(actors, text, "Russian Defence Ministry") is actor_at(actors, text, "Moscow")


def test_indefinite_title_is_a_new_person(resolve):
    text = "Sergei Andreev arrived, and a Russian ambassador from another mission joined him."
    actors = resolve(text)
    other = actor_at(actors, text, "Russian ambassador")
    assert other.kind == "person" and other is not actor_at(actors, text, "Sergei Andreev")
    assert other.country == "RUS"


def test_title_words_inside_organisation_names_are_not_people(resolve):
    text = "General Motors said the Justice Department had opened an inquiry."
    actors = resolve(text)
    assert all(a.kind != "person" for a in actors.actors.values())


def test_possessive_pronoun_takes_the_country_of_the_actor_before(resolve):
    text = "The Israeli army said its troops had killed three militants near Khan Younis."
    actors = resolve(text)
    troops = actor_at(actors, text, "troops")
    assert (troops.country, troops.sector) == ("ISR", "MIL")
    assert actor_at(actors, text, "militants").country is None  # two states named: no guess


def test_dateline_state_does_not_count_as_sentence_context(resolve):
    text = "NAIROBI, Kenya (AP) — Militants attacked a base in southern Somalia, killing 12 soldiers, officials said."
    soldiers = actor_at(resolve(text), text, "soldiers")
    assert soldiers.country == "SOM"


def test_person_name_cut_short_by_the_model_is_completed(resolve):
    text = "Venezuelan opposition leader Maria Corina Machado urged supporters to stay calm."
    actor = actor_at(resolve(text), text, "Maria Corina")
    assert actor.name == "Maria Corina Machado"
    assert (actor.country, actor.sector) == ("VEN", "OPP")


def test_empty_and_unparsed_docs(resolver, nlp):
    for text in ["", "   ", "\n\n", "—"]:
        assert resolver.resolve(nlp(text), None).actors == {}
    bare = resolver.resolve(nlp.make_doc("Polish diplomats met in Warsaw."), "2020-01-01")
    assert {a.country for a in bare.actors.values()} == {"POL"}


def test_news_agencies_are_media_of_their_state(resolve):
    text = "TASS reported that the Kremlin had rejected a report in The Washington Post."
    actors = resolve(text)
    tass, post = actor_at(actors, text, "TASS"), actor_at(actors, text, "Washington Post")
    assert (tass.country, tass.sector) == ("RUS", "JRN")
    assert (post.name, post.country, post.sector) == ("The Washington Post", "USA", "JRN")


def test_hyphenated_state_words_lead_or_back(resolve):
    text = "U.S.-led coalition forces struck targets near Mosul as Iran-backed militias fired rockets."
    actors = resolve(text)
    coalition = actor_at(actors, text, "coalition forces")
    assert (coalition.country, coalition.sector) == ("USA", "MIL")
    militias = actor_at(actors, text, "militias")
    assert militias.country != "IRN" and militias.sector == "REB"


def test_shared_name_picks_the_person_in_office_on_the_date(resolve):
    text = "Bush met the visiting prime minister."
    assert actor_at(resolve(text, "1991-03-01"), text, "Bush").entry == "p.ghwbush"
    assert actor_at(resolve(text, "2005-03-01"), text, "Bush").entry == "p.gwbush"


def test_capitalised_headline_words_are_not_abbreviations(resolve):
    text = "WHO IS TO BLAME FOR THE BLACKOUT? Residents blamed the utility."
    actors = resolve(text)
    assert all(a.entry not in ("org.who", "grp.isis") for a in actors.actors.values())
    text = "The WHO said IS fighters had attacked a clinic."
    actors = resolve(text)
    assert actor_at(actors, text, "WHO").entry == "org.who"


def test_acronyms_in_title_case_and_cameo_of_organisation_groups(resolve):
    text = "Farc rebels rejected the talks while Opec ministers met NATO officials."
    actors = resolve(text)
    farc = actor_at(actors, text, "Farc")
    assert (farc.country, farc.sector, farc.cameo) == ("COL", "REB", "COLREB")
    opec = actor_at(actors, text, "Opec ministers")
    assert (opec.country, opec.sector, opec.cameo) == ("IGO", "GOV", "IGOGOV")
    assert actor_at(actors, text, "NATO officials").cameo == "NATO"


def test_city_in_a_title_gives_the_country(resolve):
    text = "Medellin town mayor Ricardo Gomez resigned after his Jordanian counterpart, Omar Haddad, left."
    actors = resolve(text)
    mayor = actor_at(actors, text, "Ricardo Gomez")
    assert (mayor.country, mayor.sector, mayor.role) == ("COL", "GOV", "mayor")
    assert mayor.mentions[0].text.startswith("Medellin")
    haddad = actor_at(actors, text, "Omar Haddad")
    assert (haddad.country, haddad.sector) == ("JOR", "GOV")


def test_spokesman_for_a_state_ministry_and_an_office_of_a_person(resolve):
    text = "A spokesman for the Russian Foreign Ministry said rebels in Russian-held areas had withdrawn."
    actors = resolve(text)
    assert actor_at(actors, text, "spokesman").country == "RUS"
    assert actor_at(actors, text, "Russian Foreign Ministry").country == "RUS"
    assert actor_at(actors, text, "rebels").country != "RUS"
    text = "Zelensky's office denied the report."
    assert actor_at(resolve(text), text, "office").country == "UKR"


def test_institution_in_a_sentence_without_states_continues_the_previous_subject(resolve):
    text = (
        "Russia's foreign ministry summoned the Polish envoy on Monday. "
        "The ministry said it would respond. Police later detained two men."
    )
    actors = resolve(text)
    ministry = actor_at(actors, text, "ministry said")
    assert ministry is actor_at(actors, text, "Russia's foreign ministry")
    assert any("context-previous" in m.rule for m in ministry.mentions)
    assert actor_at(actors, text, "Police").country is None  # two sentences back: no guess


def test_envoy_title_ending_in_the_host_state_before_a_comma_is_the_persons(resolve):
    text = "Russia's ambassador to Poland, Ivan Sorokin, spoke on a video channel."
    actors = resolve(text)
    envoy = actor_at(actors, text, "Sorokin")
    assert (envoy.country, envoy.sector) == ("RUS", "GOV")


def test_a_place_before_a_comma_is_no_title(resolve):
    text = "In Poland, Ivan Sorokin spoke on a video channel."
    actors = resolve(text)
    assert actor_at(actors, text, "Ivan").country != "POL"
    assert actor_at(actors, text, "Ivan").mentions[0].text == "Ivan Sorokin"


def test_a_title_joined_by_for_or_to_belongs_to_someone_else(resolve):
    text = "A spokesperson for Ivan Sorokin denied it, and an adviser to Dana Whitfield agreed."
    actors = resolve(text)
    assert actor_at(actors, text, "Ivan").sector is None
    assert actor_at(actors, text, "Dana").sector is None


def test_foreign_alone_is_no_foreign_office(resolve):
    # a YAML list split "Foreign, Commonwealth and Development Office" into two names once
    text = "Minister for Foreign Affairs Ivan Sorokin met the Foreign, Commonwealth and Development Office."
    actors = resolve(text)
    assert actor_at(actors, text, "Ivan").entry != "inst.fco"
    assert actor_at(actors, text, "Commonwealth").entry == "inst.fco"


def test_a_title_after_for_before_a_titled_name_is_someone_elses(resolve):
    text = "A spokesperson for President Ivan Sorokin said the talks would go on."
    actors = resolve(text)
    sorokin = actor_at(actors, text, "Ivan")
    assert sorokin.role == "president"
    assert sorokin.mentions[0].text == "President Ivan Sorokin"


def test_a_pronoun_with_one_person_to_go_back_to_tells_that_persons_gender_for_earlier_pronouns(resolve):
    text = (
        "Senator Ann Hale questioned Tom Reyes on Monday, and the report praised her. The hearing ran late. "
        "Officials left early. Reyes spoke on Tuesday. He said the report was unfair."
    )
    actors = resolve(text)
    assert actor_at(actors, text, "her").name == "Ann Hale"  # Reyes is a man: the later 'He' tells it
    assert actor_at(actors, text, "He").name == "Tom Reyes"


def test_a_pronoun_in_a_relative_clause_is_not_the_person_the_clause_hangs_on(resolve):
    text = "Senator Ann Hale met Governor Tom Reyes, who criticised her."
    assert actor_at(resolve(text), text, "her").name == "Ann Hale"


def test_a_clause_adverb_before_a_name_is_no_title(resolve):
    text = "Tom Reyes spoke first. Then Dana Whitfield met him. The deal was signed by then Governor Ann Hale."
    actors = resolve(text)
    assert actor_at(actors, text, "Dana").mentions[0].text == "Dana Whitfield"
    assert any(m.text == "then Governor Ann Hale" for m in actor_at(actors, text, "Ann").mentions)


def test_they_them_their_join_the_last_group_named_in_the_plural(resolve):
    text = "The senators met the minister. They said their talks with the union had failed. Police later fined them."
    actors = resolve(text)
    for word in ("They", "their"):
        assert actor_at(actors, text, word).name == "senators"
    assert actor_at(actors, text, "them").name == "senators"
    lone = "Russia and Chile signed the pact. They said it would hold."
    assert actor_at(resolve(lone), lone, "They") is None  # a list of states, no group: left alone
    groups = "The senators and the governors met on Monday. They said the fuel tax was unfair."
    assert actor_at(resolve(groups), groups, "They") is None  # a list of groups is no one group, not its last item


def test_them_is_not_the_subject_of_its_own_clause(resolve):
    text = "The officials met the farmers on Monday. The farmers thanked them."
    assert actor_at(resolve(text), text, "them").name == "officials"


def test_a_first_name_tells_a_persons_gender(resolve):
    text = "Senator Maria Lopez questioned Robert Hale on Monday, and the panel thanked her."
    assert actor_at(resolve(text), text, "her").name == "Maria Lopez"
    # the article's own pronoun tells the gender of a person whose first name tells none
    told = "Dana Brennan opened the hearing on Monday. She said the budget was late."
    assert actor_at(resolve(told), told, "She").name == "Dana Brennan"


def test_a_pronoun_of_the_other_gender_never_joins_a_person_whose_first_name_tells_one(resolve):
    # the lone person in the window is not the one "he" means: a man named before it, or no one
    text = (
        "Robert Hale endorsed the plan in March. Critics were unmoved. Hillary Clinton spoke on Monday. "
        "He said the budget was late."
    )
    got = actor_at(resolve(text), text, "He")
    assert got is None or got.name == "Robert Hale"
    alone = "Hillary Clinton spoke on Monday. He said the budget was late, and she agreed."
    actors = resolve(alone)
    assert actor_at(actors, alone, "He") is None
    assert actor_at(actors, alone, "she").name == "Hillary Clinton"


def test_a_subject_pronoun_after_a_persons_sentence_tells_that_persons_gender(resolve):
    text = (
        "Senator Adaeze Okafor met Governor Tunde Reyes on Monday, and the crowd cheered her. "
        "Reyes criticised the budget on Tuesday. He said it was unfair."
    )
    actors = resolve(text)
    assert actor_at(actors, text, "her").name != actor_at(actors, text, "Reyes").name
    assert actor_at(actors, text, "He").name == actor_at(actors, text, "Reyes").name


def test_a_name_the_model_tags_as_an_organisation_after_a_capitalised_title_is_a_person(resolve):
    text = "President-elect Rodrigo Salas apologized to the employees."  # the small model tags the name ORG
    actors = resolve(text)
    person = actor_at(actors, text, "Rodrigo")
    assert (person.kind, person.name, person.sector, person.role) == (
        "person",
        "Rodrigo Salas",
        "GOV",
        "president-elect",
    )


def test_a_family_named_by_the_plural_surname_is_the_person_named_before(resolve):
    text = "Senator Dana Whitfield spoke on Monday. Critics said the Whitfields had hidden their income."
    actors = resolve(text)
    assert actor_at(actors, text, "Whitfields") is actor_at(actors, text, "Dana")


def test_an_abbreviated_military_rank_is_a_military_title(resolve):
    text = "Maj. Gen. Tomas Okafor said the garrison would stay in Kenya."
    actors = resolve(text)
    officer = actor_at(actors, text, "Tomas")
    assert (officer.kind, officer.sector) == ("person", "MIL")


def test_a_role_word_gives_an_organisation_its_sector_only_when_it_ends_the_name(nlp, resolver):
    text = "Royal Mail said it would cut 1,000 jobs."
    mail = actor_at(resolver.resolve(nlp(text), "2022-04-01"), text, "Royal")
    assert mail is None or mail.sector != "ELI"


def test_a_misspelt_state_is_found_again_from_the_memo(nlp, resolver):
    text = "Troops from Ethopia crossed the border."
    first = actor_at(resolver.resolve(nlp(text), "2022-04-01"), text, "Ethopia")
    again = actor_at(resolver.resolve(nlp(text), "2022-04-01"), text, "Ethopia")
    assert first is not None and first.country == "ETH" and (again.name, again.country) == (first.name, first.country)


def test_first_person_pronouns_are_kept_for_the_quotes_speaker_and_us_the_state_is_not_one(resolve):
    text = '"We will not let them silence me," she said, after US officials met us in Washington.'
    actors = resolve(text)
    doc = actors.doc
    assert [doc[i].text for i in actors.self_refs] == ["We", "me", "us"]
    assert actor_at(actors, text, "US officials").country == "USA"
    assert all(actors.at_token(i) is None for i in actors.self_refs)  # no mention claims them


def test_group_nouns_of_campaign_news_are_actors_with_their_sector(resolve):
    text = (
        "Critics said the plan failed. Progressives attacked the senator over illegal immigrants, "
        "and cops arrested Muslims. Conservative voters liked it."
    )
    actors = resolve(text)
    got = {
        phrase: actor_at(actors, text, phrase).sector
        for phrase in ("Critics", "Progressives", "illegal immigrants", "cops", "Muslims")
    }
    assert got == {
        "Critics": "OPP",
        "Progressives": "PTY",
        "illegal immigrants": "REF",
        "cops": "COP",
        "Muslims": "REL",
    }
    assert actor_at(actors, text, "Conservative") is None  # the adjective names no group: the voters are the actor
    assert actor_at(actors, text, "voters").sector == "CVL"


def test_a_pronoun_far_from_any_person_goes_to_the_person_the_article_is_about(resolve):
    about = (
        "Senator Ann Hale opened the hearing. Hale asked about the budget. Senator Hale then left the room. "
        "The budget office answered in writing. The committee voted later. The hearing ended at noon. "
        "She said the answers were late."
    )
    assert actor_at(resolve(about), about, "She").name == "Ann Hale"  # no person in the window: the topic's
    twice = (
        "Senator Ann Hale opened the hearing. Hale asked about the budget. "
        "The budget office answered in writing. The committee voted later. The hearing ended at noon. "
        "She said the answers were late."
    )
    assert actor_at(resolve(twice), twice, "She") is None  # named twice: not yet what the article is about
    tied = (
        "Senator Ann Hale met Governor Mary Ruiz. Hale and Ruiz argued. Senator Hale and Governor Ruiz left. "
        "The budget office answered in writing. The committee voted later. The hearing ended at noon. "
        "She said the answers were late."
    )
    assert actor_at(resolve(tied), tied, "She") is None  # two women named as often: no guess


def test_campaign_staff_juries_victims_and_hecklers_are_actors_with_their_sector(resolve):
    text = (
        "A heckler interrupted the senator. A grand jury indicted a fired staffer, and victims of the attack "
        "sued the terrorists. Republican operatives met major fundraisers."
    )
    actors = resolve(text)
    got = {
        phrase: actor_at(actors, text, phrase).sector
        for phrase in ("heckler", "jury", "staffer", "victims", "terrorists", "operatives", "fundraisers")
    }
    assert got == {
        "heckler": "CVL",
        "jury": "JUD",
        "staffer": "PTY",
        "victims": "CVL",
        "terrorists": "REB",
        "operatives": "PTY",
        "fundraisers": "PTY",
    }


def test_the_group_and_the_agency_are_the_organisation_named_before(resolve):
    text = (
        "Human Rights Watch accused the army of abuses. The group said soldiers fired on protesters. "
        "The Environmental Protection Agency issued a rule. Republicans said the agency overstepped."
    )
    actors = resolve(text)
    assert actor_at(actors, text, "group said").name == "Human Rights Watch"
    assert actor_at(actors, text, "agency overstepped").name == "Environmental Protection Agency"
    alone = "Officials met on Monday. The group said nothing."
    assert actor_at(resolve(alone), alone, "group said") is None  # no organisation before it: no guess


def test_a_first_name_alone_is_the_one_person_named_in_full_with_it(resolve):
    text = "Hillary Clinton spoke in Ohio on Monday. Later, Hillary attacked her rivals."
    actors = resolve(text)
    assert actor_at(actors, text, "Hillary attacked") is actor_at(actors, text, "Hillary Clinton")
    two = "Bill Clinton met Bill Gates on Monday. Later, Bill said no."
    actors = resolve(two)
    assert actor_at(actors, two, "Bill said") not in (
        actor_at(actors, two, "Bill Clinton"),
        actor_at(actors, two, "Bill Gates"),
    )


def test_a_person_s_campaign_is_its_own_actor_and_the_campaign_names_it_again(resolve):
    text = (
        "Hillary Clinton spoke in Ohio. The Clinton campaign attacked Donald Trump on Monday. "
        "The campaign said he was unfit. Trump's campaign hit back."
    )
    actors = resolve(text, "2016-06-01")
    clinton_campaign = actor_at(actors, text, "campaign attacked")
    assert (clinton_campaign.name, clinton_campaign.country, clinton_campaign.sector) == (
        "Hillary Clinton campaign",
        "USA",
        "PTY",
    )
    assert actor_at(actors, text, "campaign said") is clinton_campaign
    assert actor_at(actors, text, "campaign hit").name == "Donald Trump campaign"  # not the same "US party"
    alone = "Officials met on Monday. The campaign said nothing."
    assert actor_at(resolve(alone), alone, "campaign said").name == "campaign"  # none named before: the word


def test_the_committee_is_the_known_organisation_named_with_the_word(resolve):
    text = "The Republican National Committee met in Cleveland. The committee rejected the new rules."
    actors = resolve(text, "2016-06-01")
    assert actor_at(actors, text, "committee rejected") is actor_at(actors, text, "Republican National")


def test_social_media_handles_are_the_people_they_spell(resolve):
    text = "Bernie Sanders spoke in Iowa. Later @BernieSanders wrote that .@SenSanders would not quit, and @realDonaldTrump replied."
    actors = resolve(text, "2016-06-01")
    sanders = actor_at(actors, text, "Bernie Sanders")
    assert actor_at(actors, text, "@BernieSanders") is sanders
    assert actor_at(actors, text, ".@SenSanders") is sanders  # the surname it ends with
    assert actor_at(actors, text, "@realDonaldTrump").name == "Donald Trump"  # a known person's full name


def test_a_title_no_one_held_before_is_the_person_named_with_it_next(resolve):
    text = "The judge blocked the order on Monday. Judge Andrew Hanen said the administration had failed."
    actors = resolve(text)
    assert actor_at(actors, text, "judge blocked") is actor_at(actors, text, "Andrew Hanen")
    far = "The judge blocked the order. Officials met. Critics spoke. Judge Andrew Hanen said nothing."
    actors = resolve(far)
    judge, hanen = actor_at(actors, far, "judge blocked"), actor_at(actors, far, "Andrew Hanen")
    assert hanen is not None
    assert judge is not hanen  # two sentences on


def test_a_title_only_mention_joins_the_abbreviated_title(resolve):
    # "Sen." / "Gov." before the name and "the senator" / "the governor" after it name one office
    text = "Sen. Bob Menendez criticized the White House. The senator accused Trump of lying."
    actors = resolve(text, "2018-05-09")
    assert actor_at(actors, text, "senator accused") is actor_at(actors, text, "Bob Menendez")
    text = "Gov. Andrew Cuomo met reporters in Albany. The governor said the state would sue."
    actors = resolve(text, "2018-05-09")
    cuomo = actor_at(actors, text, "Andrew Cuomo")
    assert cuomo.sector == "GOV"
    assert actor_at(actors, text, "governor said") is cuomo


def test_a_candidate_is_party_and_still_the_senator(resolve):
    # on the campaign, a senator running for president is PTY (his seat a secondary sector), and "the senator"
    # still names him: a known person's title-only mention matches any role he holds on the day
    text = "Bernie Sanders criticized Wall Street. The senator said banks were too big."
    actors = resolve(text, "2016-03-01")
    sanders = actor_at(actors, text, "Bernie Sanders")
    assert (sanders.sector, sanders.role, sanders.secondary_sectors) == ("PTY", "candidate", ["LEG"])
    assert actor_at(actors, text, "senator said") is sanders
    actors = resolve(text, "2018-03-01")  # the race over, the senator again
    assert actor_at(actors, text, "Bernie Sanders").sector == "LEG"
    # "former" names an office she left: the one she holds on the day gives her sector
    text = "Former Secretary of State Hillary Clinton attacked Trump."
    clinton = actor_at(resolve(text, "2016-03-01"), text, "Hillary Clinton")
    assert (clinton.sector, clinton.role, clinton.secondary_sectors) == ("PTY", "candidate", ["GOV"])
    clinton = actor_at(resolve(text, "2018-03-01"), text, "Hillary Clinton")
    assert clinton.sector == "ELI"


def test_a_title_only_mention_is_the_holder_named_last_and_of_its_place(resolve):
    # "the governor" is the governor named most recently; a role of a place ("governor of New Jersey") is the
    # "New Jersey governor" and not the "governor of Ohio"; "each candidate" is no one named before
    text = (
        "Chris Christie and John Kasich spoke in Iowa. Kasich attacked Rubio. The New Jersey governor said Rubio "
        "was scripted. The governor of Ohio disagreed. Each candidate left."
    )
    actors = resolve(text, "2016-02-05")
    christie, kasich = actor_at(actors, text, "Chris Christie"), actor_at(actors, text, "John Kasich")
    assert actor_at(actors, text, "New Jersey governor") is christie
    assert actor_at(actors, text, "governor of Ohio") is kasich
    assert actor_at(actors, text, "candidate left") not in (christie, kasich, actor_at(actors, text, "Rubio"))
    text = "Gov. Ann Lee met Gov. Bo Park. Park spoke first. The governor said no."
    actors = resolve(text, "2016-02-05")
    assert actor_at(actors, text, "governor said") is actor_at(actors, text, "Bo Park")


def test_a_title_says_what_else_a_known_person_is(resolve):
    # "businessman Donald Trump", "Vermont Sen. Bernie Sanders" on the campaign: the role held on the day is the
    # sector, the title's a secondary one, and "the senator" still names him; "the other candidate" is no one
    # named before; politicians, moderators and moguls are role words
    text = (
        "Businessman Donald Trump and Vermont Sen. Bernie Sanders spoke. The senator said no. The other candidate "
        "left. Debate moderators and local politicians stayed."
    )
    actors = resolve(text, "2016-03-01")
    trump, sanders = actor_at(actors, text, "Donald Trump"), actor_at(actors, text, "Bernie Sanders")
    assert (trump.sector, trump.secondary_sectors) == ("PTY", ["BUS"])
    assert (sanders.sector, sanders.secondary_sectors) == ("PTY", ["LEG"])
    assert (sanders.role, trump.role) == ("candidate", "candidate")  # the role held on the day, as the sector
    assert actor_at(actors, text, "senator said") is sanders
    assert actor_at(actors, text, "candidate left") not in (trump, sanders)
    assert actor_at(actors, text, "moderators").sector == "JRN"
    assert actor_at(actors, text, "politicians").sector == "GOV"


def test_same_role_word_reads_the_abbreviations_of_the_knowledge():
    from eventwire.actors.knowledge import load_knowledge
    from eventwire.actors.resolver import same_role_word

    short = load_knowledge().title_abbreviations
    assert same_role_word("sen.", "senator", short) and same_role_word("Senator", "sen.", short)
    assert same_role_word("gov.", "governor", short) and same_role_word("rep.", "representative", short)
    assert same_role_word("sgt.", "sergeant", short)  # no prefix of its word: the table says it
    assert not same_role_word("sen.", "secretary", short) and not same_role_word("sen.", "gen.", short)
    assert not same_role_word("rep.", "reporter", short) and not same_role_word("gov.", "government", short)
    assert not same_role_word("minister", "ministry", short)
    assert not same_role_word("sen.", "senator", {})  # the words come from the knowledge, not the code


def test_title_abbreviations_are_checked_at_load(tmp_path):
    from eventwire.actors.knowledge import load_knowledge
    from eventwire.errors import KnowledgeError

    bad = tmp_path / "words.yaml"
    bad.write_text("version: 1\ntitle_abbreviations: {sen: senator}\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="sen"):
        load_knowledge([bad])
    good = tmp_path / "more.yaml"
    good.write_text("version: 1\ntitle_abbreviations: {supt.: superintendent}\n", encoding="utf-8")
    assert load_knowledge([good]).title_abbreviations["supt."] == "superintendent"


def test_an_appositive_title_may_start_with_a_free_modifier(resolve):
    # "a Democratic senator from New Jersey": the party adjective is no title word, the senator is his title;
    # one of a hundred senators is none of them in particular
    text = "Bob Menendez, a Democratic senator from New Jersey, criticized the White House."
    actors = resolve(text, "2018-05-09")
    menendez = actor_at(actors, text, "Bob Menendez")
    assert (menendez.role, menendez.sector, menendez.country) == ("senator", "LEG", "USA")
    assert actor_at(actors, text, "Democratic senator") is menendez
    assert all(a.entry != "p.sanders" for a in actors.actors.values())


def test_an_office_of_many_holders_is_no_known_person(resolve):
    text = "The senator from New Jersey criticized the bill."
    actors = resolve(text, "2018-05-09")
    senator = actor_at(actors, text, "senator")
    assert senator.kind == "person" and senator.country == "USA"
    assert not (senator.entry or "").startswith("p.")


def test_the_office_named_is_not_an_office_ending_in_the_same_word(resolve):
    # at the date both the president and the vice president hold an office ending in "president"
    text = "The US president will travel to Kyiv next week."
    assert actor_at(resolve(text, "2022-05-09"), text, "US president").entry == "p.biden"
    assert actor_at(resolve(text, "2015-05-09"), text, "US president").entry == "p.obama"


def test_a_title_after_a_comma_that_is_the_verbs_subject_is_no_apposition(resolve):
    text = (
        "In an interview with hosts Joe Scarborough and Mika Brzezinski, the Democratic presidential candidate "
        "stated that the comments were divisive."
    )
    actors = resolve(text, "2016-05-09")
    assert actor_at(actors, text, "Mika Brzezinski").role is None


def test_forms_reads_knowledge_strings_and_regions_as_written(resolver):
    assert any(f.entry == "state.USA" for f in resolver.forms("US"))
    assert resolver.forms("us") == []  # case matters: the pronoun names no state
    assert resolver.forms("Florida")  # a region inside a state, not only the knowledge's own strings
    assert resolver.forms("Nowhereland") == []


def test_a_subject_pronoun_opening_a_sentence_goes_on_with_the_subject_before_it(resolve):
    text = "Governor Mark Dale spoke with Senator Tom Black on Monday. He has vetoed the bill twice."
    assert actor_at(resolve(text), text, "He").name == "Mark Dale"


def test_a_subject_pronoun_after_a_person_in_its_own_sentence_takes_the_last_one_named(resolve):
    text = "Mark Dale said the police were warned about Tom Black before he fled the city."
    assert actor_at(resolve(text), text, "he fled").name == "Tom Black"


def test_his_campaign_is_the_campaign_of_the_person_the_pronoun_names(resolve):
    text = "Senator Tom Black is running for president. His campaign said on Monday that he would win Iowa."
    actors = resolve(text)
    campaign = actor_at(actors, text, "His campaign")
    assert (campaign.name, campaign.sector) == ("Tom Black campaign", "PTY")
    mention = next(m for m in actors.mentions if m.actor_id == campaign.id)
    assert actors.doc[mention.token_start : mention.token_end].text == "His campaign"  # one mention, as "his party"


def test_his_campaign_with_no_person_before_it_stays_a_party_body(resolve):
    text = "His campaign said on Monday that the vote in Iowa was fair."
    campaign = actor_at(resolve(text), text, "His campaign")
    assert campaign.sector == "PTY" and "campaign" not in campaign.name.split()[:-1]


def test_the_former_holder_of_an_office_is_the_one_named_before_who_held_it_not_the_holder_on_the_day(resolve):
    text = "Hillary Clinton spoke in Iowa on Monday. The former secretary of state said the plan would fail."
    assert actor_at(resolve(text, "2016-05-09"), text, "former secretary").name == "Hillary Clinton"


def test_the_president_is_not_the_vice_president_named_last(resolve):
    text = "Barack Obama and Joe Biden met voters in Ohio. The president said the plan would work."
    assert actor_at(resolve(text, "2016-05-09"), text, "president said").name == "Barack Obama"


def test_an_office_of_something_is_named_again_by_its_whole_title(resolve):
    text = "Secretary of State Ann Reyes visited Lagos. The secretary of state said talks would resume."
    assert actor_at(resolve(text), text, "secretary of state said").name == "Ann Reyes"


def test_a_title_naming_a_party_is_not_a_candidate_the_knowledge_puts_in_another_party(resolve):
    text = "Donald Trump met Hillary Clinton in Iowa. The GOP candidate said the plan would fail."
    assert actor_at(resolve(text, "2016-05-09"), text, "GOP candidate").name == "Donald Trump"


def test_a_party_front_runner_is_that_partys_candidate_named_before(resolve):
    text = "Hillary Clinton and Donald Trump spoke in Iowa. The GOP front-runner said the plan would fail."
    assert actor_at(resolve(text, "2016-05-09"), text, "GOP front-runner").name == "Donald Trump"


def test_a_bare_nominee_is_not_taken_for_a_candidate_of_either_party(resolve):
    text = "Donald Trump spoke in Iowa. The nominee said the plan would fail."
    assert actor_at(resolve(text, "2016-05-09"), text, "nominee said").name != "Donald Trump"


def test_a_title_with_a_state_word_gives_its_state_to_the_person_it_names_again(resolve):
    text = "President Juan Ortega visited New York on Monday. The Mexican president said the talks in Washington went well."
    actors = resolve(text, "2016-05-09")
    assert actor_at(actors, text, "Mexican president").name == "Juan Ortega"
    assert actor_at(actors, text, "President Juan Ortega").country == "MEX"  # not the article's home


def test_the_leader_of_a_group_is_not_the_top_office_holder_at_home(resolve):
    text = "Barack Obama spoke in Ohio. The leader of the Lakeside Rights League said the plan would fail."
    assert actor_at(resolve(text, "2016-05-09"), text, "leader of").name != "Barack Obama"


def test_a_known_first_name_and_a_surname_the_model_tagged_as_an_organisation_are_a_person(resolve):
    text = "An essay by Lakeside Review’s Ian Kettering said so. Kettering also wrote that it failed."
    actors = resolve(text)
    person = actor_at(actors, text, "Ian Kettering")
    assert (person.name, person.kind) == ("Ian Kettering", "person")
    assert actor_at(actors, text, "Kettering also") is person  # the surname alone joins the person


def test_a_first_name_inside_a_named_show_is_no_person(resolve):
    text = "The Sean Pollard Show aired on Monday."
    got = actor_at(resolve(text), text, "Sean")
    assert got is None or got.kind != "person"


def test_an_epithet_the_knowledge_gives_a_person_names_them_again(resolve):
    text = "Hillary Clinton met Donald Trump in Iowa. The businessman said the plan would fail."  # the last named
    assert actor_at(resolve(text, "2016-05-09"), text, "businessman").name == "Donald Trump"


def test_an_epithet_word_modifying_a_later_noun_names_no_one_again(resolve):
    text = "Donald Trump spoke in Iowa. The billionaire class gave little to the schools."
    found = actor_at(resolve(text, "2016-05-09"), text, "billionaire class")
    assert found is None or found.name != "Donald Trump"


def test_a_title_naming_a_lower_office_is_not_the_holder_of_the_office(resolve):
    text = "Donald Trump spoke in Iowa. The Republican vice-presidential nominee said the plan would fail."
    assert actor_at(resolve(text, "2016-09-09"), text, "Republican vice-presidential").name != "Donald Trump"


def test_a_first_name_in_a_firm_named_after_someone_is_no_person(resolve):
    # the firm's word is the name's own last word, not a word after it
    text = "Customers of Martin Grey Airways were left at the airport in Lisbon on Tuesday after the carrier shut down."
    got = actor_at(resolve(text), text, "Martin Grey Airways")
    assert got is not None and got.kind == "organisation"


def test_a_first_name_in_a_facility_the_model_named_is_no_person(resolve):
    text = "The ship docked at Anna Holt Harbour on Thursday."
    got = actor_at(resolve(text), text, "Anna Holt")
    assert got is None or got.kind != "person"


def test_an_epithet_after_another_person_was_named_is_not_taken_for_the_first(resolve):
    # two people named, then "the businessman": it may be either, so it is not the first one's epithet
    text = "Donald Trump met Ana Lucero in Madrid on Tuesday. The businessman said the meeting was useful."
    got = actor_at(resolve(text, "2024-03-10"), text, "businessman")
    assert got is not None and got.name != "Donald Trump"
    text = "Donald Trump flew to Madrid on Tuesday. The businessman said the meeting was useful."
    assert actor_at(resolve(text, "2024-03-10"), text, "businessman").name == "Donald Trump"


def test_surfaces_from_reads_known_surfaces_by_their_first_word_as_written(resolver):
    found = resolver.surfaces_from("New")  # "New Zealand", "New York", ...: longest first
    assert found and [k for k, _ in found] == sorted((k for k, _ in found), reverse=True)
    assert any(("New", "Zealand") in table for _, table in found)
    assert resolver.surfaces_from("new") == []  # as written: the lower-case word starts no name
    assert resolver.surfaces_from("Nowhereland") == []
    assert "New" in resolver.surface_starts and "new" not in resolver.surface_starts


@pytest.mark.parametrize(
    ("text", "phrase", "country"),
    [("The Mexican-American judge criticised the ruling.", "judge", "USA"),
     ("A Mexican-American federal judge blocked the order on Monday.", "judge", "USA"),
     ("Iranian-American businessman Omid Tavana was released on Monday.", "Omid Tavana", "USA")],
)  # fmt: skip
def test_a_hyphenated_american_is_american(resolve, text, phrase, country):
    assert actor_at(resolve(text), text, phrase).country == country


@pytest.mark.parametrize(
    ("text", "states"),
    [("Israeli-American relations soured after the vote.", {"ISR", "USA"}),
     ("Russian-Ukrainian negotiators met in Vienna on Monday.", {"RUS", "UKR"}),
     ("Turkish-Syrian border guards clashed on Tuesday.", {"TUR", "SYR"}),
     ("The Serbian-Kosovar police commission met on Friday.", {"SRB", "KOS"})],
)  # fmt: skip
def test_a_compound_of_two_states_before_no_one_persons_title_keeps_both(resolve, text, states):
    actors = resolve(text)
    assert {a.country for a in actors.actors.values()} >= states
