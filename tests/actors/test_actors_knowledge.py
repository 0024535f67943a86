"""Actor knowledge files: the shipped data is complete and valid; user files extend it or fail with file:line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pycountry
import pytest
from tests.actors.conftest import actor_at

from eventwire.actors import ActorResolver
from eventwire.actors.knowledge import load_knowledge
from eventwire.errors import KnowledgeError
from eventwire.knowledge import shipped_files

PLOVER_SECTORS = set(
    "COP GOV JUD LEG MIL PRM PTY REB SPY UAF UNK AGR BUS CRM CVL EDU ELI JRN LAB MED REF OPP PRE REL SOC".split()
)


@pytest.fixture(scope="module")
def kb():
    return load_knowledge()


def write(tmp_path: Path, text: str, name: str = "mine.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def test_shipped_files_are_versioned_and_valid(kb):
    files = shipped_files("actors")
    assert {f.name for f in files} >= {"states.yaml", "organisations.yaml", "people.yaml", "roles.yaml"}
    for f in files:
        assert f.read_text(encoding="utf-8").count("\nversion:") == 1


def test_every_iso_state_is_known_with_a_name(kb):
    for country in pycountry.countries:
        entry = kb.state(country.alpha_3)
        assert entry is not None, country.alpha_3
        assert entry.name
    assert kb.state("KOS") is not None  # PLOVER's code for Kosovo


def test_short_forms_adjectives_and_seats(kb):
    def entry_of(text, form):
        return next(f.entry for f in kb.forms[text] if f.form == form)

    assert entry_of("U.S.", "name") == "state.USA"
    assert entry_of("UK", "name") == "state.GBR"
    for adj, code in [("Polish", "POL"), ("Ukrainian", "UKR"), ("American", "USA"), ("Israeli", "ISR")]:
        assert entry_of(adj, "adjective") == f"state.{code}"
    for seat, code in [("the Kremlin", "RUS"), ("the White House", "USA"), ("Downing Street", "GBR")]:
        assert entry_of(seat, "seat") == f"state.{code}"
    pentagon = next(f for f in kb.forms["the Pentagon"] if f.form == "seat")
    assert pentagon.sector == "MIL"
    for capital in ["Warsaw", "Moscow", "Beijing", "Kiev", "Kyiv"]:
        assert any(f.form == "capital" for f in kb.forms[capital]), capital


def test_sectors_cover_plover_and_role_words_map_to_them(kb):
    assert PLOVER_SECTORS <= set(kb.sectors)
    expected = {
        "president": "GOV", "prime minister": "GOV", "minister": "GOV", "ambassador": "GOV", "spokesman": "GOV",
        "envoy": "GOV", "army": "MIL", "troop": "MIL", "forces": "MIL", "soldier": "MIL", "police": "COP",
        "parliament": "LEG", "lawmaker": "LEG", "court": "JUD", "judge": "JUD", "prosecutor": "JUD", "rebel": "REB",
        "militant": "REB", "separatist": "REB", "protester": "CVL", "civilian": "CVL", "resident": "CVL",
        "party": "PTY", "journalist": "JRN",
    }  # fmt: skip
    for word, sector in expected.items():
        assert kb.roles[word] == sector, word
    assert set(kb.roles.values()) <= set(kb.sectors)


def test_organisations_carry_plover_codes(kb):
    codes = {e.id: e.country for e in kb.entries.values() if e.kind in ("organisation", "group")}
    assert codes["org.un"] == "UNO" and codes["org.who"] == "UNO"
    assert codes["org.eu"] == "EUR" and codes["org.eucom"] == "EUR"
    for igo in ["org.nato", "org.au", "org.osce", "org.asean", "org.opec", "org.imf", "org.worldbank", "org.icc"]:
        assert codes[igo] == "IGO", igo
    assert codes["ngo.amnesty"] == "NGO"
    assert codes["grp.isis"] == "IMG"
    assert kb.entries["grp.dpr"].sector == "REB"


def test_user_file_adds_a_leader_a_militia_and_a_company(nlp, tmp_path):
    path = write(
        tmp_path,
        """
        version: 1
        people:
          - id: p.okafor
            name: Chidi Okafor
            names: [Chidi Okafor, Okafor]
            country: NGA
            roles:
              - {role: governor, sector: GOV, from: 2019-05-29, to: 2023-05-29}
        organisations:
          - {id: grp.riverguard, name: River Guard militia, kind: group, country: NGA, sector: REB, names: [River Guard]}
          - {id: co.acme, name: Acme Oil, country: NGA, sector: BUS, names: [Acme Oil]}
        """,
    )
    resolver = ActorResolver.from_files([path])
    text = "Okafor said the River Guard had attacked an Acme Oil pipeline."
    actors = resolver.resolve(nlp(text), "2021-04-02")
    okafor = actor_at(actors, text, "Okafor")
    assert (okafor.country, okafor.sector, okafor.role, okafor.entry) == ("NGA", "GOV", "governor", "p.okafor")
    assert (actor_at(actors, text, "River Guard").sector, actor_at(actors, text, "River Guard").cameo) == (
        "REB",
        "NGAREB",
    )
    assert actor_at(actors, text, "Acme Oil").sector == "BUS"
    later = resolver.resolve(nlp(text), "2024-01-01")
    assert actor_at(later, text, "Okafor").sector == "ELI"  # the role ended before the article


def test_user_file_overrides_a_shipped_entry_and_extends_a_state(nlp, tmp_path):
    path = write(
        tmp_path,
        """
        version: 2
        organisations:
          - {id: grp.houthis, name: Ansar Allah, kind: group, country: YEM, sector: GOV, names: [Houthis, Ansar Allah]}
        states:
          - code: POL
            adjectives: [Polski]
        """,
    )
    resolver = ActorResolver.from_files([path])
    text = "The Houthis and Polski officials met."
    actors = resolver.resolve(nlp(text), None)
    assert actor_at(actors, text, "Houthis").sector == "GOV"
    assert actor_at(actors, text, "Polski officials").country == "POL"
    assert actor_at(actors, text, "Houthis").name == "Ansar Allah"


def test_user_file_errors_name_file_and_line_all_at_once(tmp_path):
    path = write(
        tmp_path,
        """
        version: 1
        people:
          - id: p.x
            name: Somebody
            names: [Somebody]
            country: XXZ
            roles:
              - {role: president, sector: GUV, from: 2020-13-01}
              - {role: minister, sector: GOV, from: 2021-01-01, to: 2020-01-01}
          - id: p.y
            name: Nobody
        organisations:
          - {id: o.a, name: A, country: IGO, names: [A], colour: red}
        """,
    )
    with pytest.raises(KnowledgeError) as err:
        ActorResolver.from_files([path])
    problems = err.value.problems
    text = "\n".join(problems)
    assert f"{path}:6: unknown country 'XXZ'" in text
    assert f"{path}:8: unknown sector 'GUV'" in text
    assert f"{path}:8: 'from'" in text and "is not a date" in text
    assert f"{path}:9: role starts (2021-01-01) after it ends (2020-01-01)" in text
    assert f"{path}:10: person 'p.y' needs 'names'" in text
    assert f"{path}:13: unknown key 'colour'" in text
    assert len(problems) >= 6
    assert all(p.startswith(f"{path}:") for p in problems)


def test_missing_version_bad_yaml_and_missing_file(tmp_path):
    no_version = write(tmp_path, "people: []\n", "a.yaml")
    with pytest.raises(KnowledgeError, match=rf"{no_version}:1: missing 'version' key"):
        ActorResolver.from_files([no_version])
    bad = write(tmp_path, "version: 1\npeople:\n  - id: p.z\n    names: [a, b\n", "b.yaml")
    with pytest.raises(KnowledgeError, match=rf"{bad}:\d+: not valid YAML"):
        ActorResolver.from_files([bad])
    with pytest.raises(KnowledgeError, match="no such actor file"):
        ActorResolver.from_files([tmp_path / "missing.yaml"])


def test_duplicate_ids_and_unknown_sections(tmp_path):
    path = write(
        tmp_path,
        """
        version: 1
        actors: []
        organisations:
          - {id: o.b, name: B, country: NGO, names: [B]}
          - {id: o.b, name: B2, country: NGO, names: [B2]}
        """,
    )
    with pytest.raises(KnowledgeError) as err:
        ActorResolver.from_files([path])
    text = "\n".join(err.value.problems)
    assert f"{path}:2: unknown section 'actors'" in text
    assert f"{path}:5: duplicate id 'o.b'" in text


def test_reading_words_are_knowledge_and_a_user_file_extends_or_fails_with_its_line(kb, tmp_path):
    assert kb.pronouns["she"] == "f" and kb.honorifics["mr"] == "m"
    assert kb.top_offices[0] == "supreme leader" and "film" in kb.work_words and "despite" in kb.stance_before
    assert {"of", "to", "for"} <= kb.others_title  # "a spokesperson for X" is not X
    assert kb.first_names["hillary"] == "f" and kb.first_names["barack"] == "m" and "they" in kb.plural_pronouns
    assert {"several", "two"} <= kb.counting and "each" in kb.no_antecedent and "neither" in kb.no_one
    mine = load_knowledge(
        [write(tmp_path, "version: 1\nhonorifics:\n  f: [Mme.]\nothers_title: [Towards]\ncounting: [Dozens]\n")]
    )
    assert (mine.honorifics["mme"], mine.honorifics["mr"]) == ("f", "m")  # added to, not replaced
    assert {"for", "towards"} <= mine.others_title
    assert {"dozens", "several"} <= mine.counting
    bad = write(tmp_path, "version: 1\npronouns:\n  n: [it]\nwork_words: [film, 3]\n", "bad.yaml")
    with pytest.raises(KnowledgeError) as err:
        ActorResolver.from_files([bad])
    text = "\n".join(err.value.problems)
    assert f"{bad}:3: 'pronouns' must map m and f" in text
    assert f"{bad}:4: 'work_words' item 3 must be a non-empty string" in text


@pytest.mark.parametrize(
    ("line", "header"),
    [(["By", "Ann", "Lee"], True), (["UPDATED", "10:02", "GMT"], True), (["Ann", "Lee", "Published", "10:02"], True),
     (["Last", "updated", "May", "3"], True), (["Ann", "Lee", "published", "a", "book"], False),
     (["Troops", "shelled", "the", "town"], False)],
)  # fmt: skip
def test_header_lines_use_the_ingest_stages_words(resolver, line, header):
    assert resolver.byline_line(line) is header


def test_people_demonyms_are_knowledge_a_user_file_adds_to_them_and_a_bad_one_fails_with_its_line(kb, tmp_path):
    assert "tribe" in kb.people_demonyms["indian"]
    mine = load_knowledge([write(tmp_path, "version: 1\npeople_demonyms:\n  Indian: [pueblo]\n")])
    assert {"pueblo", "tribe"} <= mine.people_demonyms["indian"]
    bad = write(tmp_path, "version: 1\npeople_demonyms: [indian]\n", "bad.yaml")
    with pytest.raises(KnowledgeError) as err:
        ActorResolver.from_files([bad])
    assert f"{bad}:2: 'people_demonyms' must map words to lists" in "\n".join(err.value.problems)


@pytest.mark.parametrize(
    "text, first, second",
    [
        ("The All Progressives Congress accused the Peoples Democratic Party of rigging the vote.", "All", "Peoples"),
        ("Partido Popular accused PSOE of lying about the budget.", "Partido", "PSOE"),
        ("The IRS and the FCC both rejected the request.", "IRS", "FCC"),
    ],
)
def test_rival_bodies_of_one_state_are_separate_actors(nlp, resolver, text, first, second):
    actors = resolver.resolve(nlp(text), "2022-04-01")
    a, b = actor_at(actors, text, first), actor_at(actors, text, second)
    assert a is not None and b is not None and a.id != b.id and a.name != b.name


def test_a_defence_force_is_military_not_police(nlp, resolver):
    text = "The Guyana Defence Force deployed soldiers to the border."
    assert actor_at(resolver.resolve(nlp(text), "2022-04-01"), text, "Guyana").sector == "MIL"


def test_same_office_and_subordinate_words_are_knowledge_and_checked(kb, tmp_path):
    assert kb.same_office["nominee"] == "candidate" and {"vice", "deputy"} <= kb.subordinate
    mine = load_knowledge([write(tmp_path, "version: 1\nsame_office: {Flagbearer: candidate}\n")])
    assert mine.same_office["flagbearer"] == "candidate" and mine.same_office["nominee"] == "candidate"
    bad = write(tmp_path, "version: 1\nsame_office: [nominee]\n", "bad.yaml")
    with pytest.raises(KnowledgeError) as err:
        ActorResolver.from_files([bad])
    assert f"{bad}:2: 'same_office' must map words to words" in "\n".join(err.value.problems)


def test_a_persons_epithets_are_person_role_words_and_checked(kb, tmp_path):
    assert "mogul" in kb.entries["p.trump"].epithets
    person = (
        "version: 1\npeople:\n  - {id: p.reyes, name: Ann Reyes, names: [Ann Reyes], country: USA, epithets: [%s]}\n"
    )
    mine = load_knowledge([write(tmp_path, person % "Tycoon")])
    assert mine.entries["p.reyes"].epithets == ("tycoon",)
    bad = write(tmp_path, person % "star", "bad.yaml")
    with pytest.raises(KnowledgeError) as err:
        ActorResolver.from_files([bad])
    assert "epithet 'star' is no person's role word in roles.yaml" in "\n".join(err.value.problems)
