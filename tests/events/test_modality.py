"""Modality read from the sentence: denied, planned-not, possible, able-to, subject clauses, proposals (issue 11)."""

from __future__ import annotations

import pytest

from eventwire.actors.table import ArticleActors


@pytest.fixture
def code(nlp, coder):
    def run(text: str):
        doc = nlp(text)
        return [(e.event_type, e.modality) for e in coder.code(doc, ArticleActors(doc), [])]

    return run


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # saying there is no plan, or no intention, denies the act
        ("Atlantis has no plans to invade Lemuria.", ("ASSAULT", "negated")),
        ("Atlantis has no intention of invading Lemuria.", ("ASSAULT", "negated")),
        ("Atlantis does not have any plans to invade Lemuria.", ("ASSAULT", "negated")),
        # a denied act did not happen (and the denial is no refusal)
        ("The Atlantean government denied shelling the border villages of Lemuria.", ("ASSAULT", "negated")),
        ("Atlantis denied that its troops had attacked the Lemurian convoy.", ("ASSAULT", "negated")),
        # possibility and capability say what could happen
        ("Atlantis could attack Lemuria within days.", ("ASSAULT", "hypothetical")),
        ("The new rockets are able to hit the Lemurian capital.", ("ASSAULT", "hypothetical")),
        ("Atlantis is capable of striking any city in Lemuria.", ("ASSAULT", "hypothetical")),
        ("Atlantis was unable to reach Lemuria's envoy.", None),
        # an act named as the subject of a judgement is a topic, not a report
        ("Sending troops to Lemuria would be reckless, the minister said.", ("MOBILIZE", "hypothetical")),
        # a proposed act keeps its type
        ("The senator proposed sending a peacekeeping mission to Lemuria.", ("AID", "proposed")),
        # a conditional blow from the actor itself is a threat; a future one too
        ("Atlantis would attack Lemuria if the talks fail.", ("THREATEN", "threatened")),
        ("Atlantis will attack Lemuria next week.", ("THREATEN", "future")),
        # a called-off meeting did not take place
        ("The two foreign ministers delayed their meeting until next month.", ("CONSULT", "negated")),
    ],
)
def test_modality_read_from_the_sentence(code, text, expected):
    got = code(text)
    if expected is None:
        assert all(m != "asserted" for _, m in got), got
    else:
        assert expected in got, got


def test_denied_accusation_is_no_event_and_its_act_is_negated(code):
    got = code("Atlantis denied accusations that it had bombed a Lemurian hospital.")
    assert got == [("ASSAULT", "negated")]


def test_plain_acts_stay_asserted(code):
    assert code("Atlantis attacked Lemuria on Monday.") == [("ASSAULT", "asserted")]
    assert ("REJECT", "asserted") in code("Atlantis refused to meet the Lemurian envoy.")
