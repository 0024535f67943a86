"""Readings that are no event (issue 11): each rule on a sentence of our own, next to one that still codes."""

from __future__ import annotations

import pytest

from eventwire.actors.table import ArticleActors


@pytest.fixture
def types(nlp, coder):
    def run(text: str) -> list[str]:
        doc = nlp(text)
        return [e.event_type for e in coder.code(doc, ArticleActors(doc), [])]

    return run


@pytest.mark.parametrize(
    ("no_event", "event", "etype"),
    [
        # a journalist's question is no request
        (
            "In an interview, a reporter asked the Atlantean president about the border dispute.",
            "Atlantis asked Lemuria for emergency aid.",
            "REQUEST",
        ),
        (
            "The moderator asked the candidate whether she would raise taxes.",
            "The governor asked the legislature to raise taxes.",
            "REQUEST",
        ),
        # saying nothing is no refusal
        (
            "A spokesman for the Lemurian army declined to comment.",
            "Atlantis declined an invitation from Lemuria.",
            "REJECT",
        ),
        # natural forces and accidents are no actors
        (
            "An earthquake killed 300 people in Lemuria on Monday.",
            "Rebels killed 30 soldiers in Lemuria on Monday.",
            "ASSAULT",
        ),
        (
            "Dozens of villagers were killed in a landslide in Lemuria.",
            "Dozens of villagers were killed by militants in Lemuria.",
            "ASSAULT",
        ),
        # the name of an agreement is no agreement
        (
            "Atlantis and Lemuria met to discuss the Lisbon accord.",
            "The accord between Atlantis and Lemuria lowered tariffs.",
            "AGREE",
        ),
        # markets move, they do not act
        (
            "The Nikkei retreated from its record high on Friday.",
            "Lemurian troops retreated from the border on Friday.",
            "RETREAT",
        ),
        # fighting for a cause attacks no one
        (
            "She fought for the civil rights movement in Atlantis.",
            "Government troops fought the rebels in Atlantis.",
            "ASSAULT",
        ),
        # talking to the press is no consultation
        (
            "The Atlantean president spoke to reporters on Tuesday.",
            "The Atlantean president spoke to the Lemurian premier on Tuesday.",
            "CONSULT",
        ),
        # a rally for a candidate is campaigning, not protest
        (
            "Thousands attended a rally for Maria Lindqvist in Atlantis.",
            "Students held a rally against the government in Atlantis.",
            "PROTEST",
        ),
        # a nomination battle is a figure of speech
        (
            "The senator raised millions for her nomination battle.",
            "The battle between the army and the rebels raged for days.",
            "ASSAULT",
        ),
    ],
)
def test_no_event_next_to_an_event(types, no_event, event, etype):
    assert etype not in types(no_event)
    assert etype in types(event)


def test_a_political_attack_without_arms_is_criticism(types):
    assert "ACCUSE" in types("The candidate attacked her rival over the tax plan.")
    assert types("Gunmen attacked a police station in Atlantis.") == ["ASSAULT"]


def test_an_infinitive_is_no_particle(types):
    # "take to" (the streets) must not fire on "takes to protect"
    assert types("It is unclear what it takes to protect the Lemurian border.") == []


@pytest.mark.parametrize(
    ("no_event", "event", "etype"),
    [
        # the speaker's own life is no political act
        ("My neighbour helped me after the fire.", "The Atlantean minister helped Lemuria after the fire.", "AID"),
        # campaigning: seeking an office, talking to voters
        (
            "Two senators seeking the presidency released their tax returns.",
            "The senator is seeking the release of the detained Atlantean journalist.",
            "REQUEST",
        ),
        (
            "The candidate spoke to voters in Springfield on Monday.",
            "The candidate spoke to the Lemurian premier on Monday.",
            "CONSULT",
        ),
        # refusing a non-event, aimed at no one
        ("The governor is unwilling to debate.", "The governor refused to meet the Lemurian envoy.", "REJECT"),
        # a plain thing gives nothing
        ("The new polls provided little clarity to the campaign.", "Atlantis provided food aid to Lemuria.", "AID"),
    ],
)
def test_more_non_events_next_to_events(types, no_event, event, etype):
    got = types(no_event)
    assert etype not in got, got
    assert etype in types(event)
