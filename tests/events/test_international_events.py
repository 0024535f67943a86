"""Events in non-US political news, on sentences of our own (issue 11): denials, envoys, negated help."""

from __future__ import annotations

import pytest


def kinds(events):
    return [(e.event_type, e.modality) for e in events]


@pytest.mark.parametrize(
    "text",
    [
        "The interior ministry of Lemuria denied using excessive force against the marchers.",
        "The ruling party in Atlantis denied any wrongdoing.",
        "The army of Lemuria denied any role in the mutiny.",
        "The ministry denied that its officers had fired on the crowd.",
    ],
)
def test_a_denial_of_guilt_or_of_an_act_refuses_nothing(code, text):
    # the guide: denying an accusation is no event; only a refused request or permission is a REJECT
    assert "REJECT" not in [e.event_type for e in code(text)]


def test_a_denied_request_is_still_coded(code):
    assert code("Lemuria denied the request of the aid agencies.")


def test_closing_a_consulate_cuts_relations(code):
    ev = [e for e in code("Estonia closed the Belarusian consulate in Narva.") if e.event_type == "SANCTION"]
    assert ev and ev[0].source.text == "Estonia", kinds(code("Estonia closed the Belarusian consulate in Narva."))


def test_help_not_given_in_the_past_is_negated_not_refused(code):
    # "has not sent aid" reports that nothing was done; the guide codes it with its own type, negated
    ev = [e for e in code("Ruritania has not sent any aid to Lemuria since the flood.") if e.event_type == "AID"]
    assert ev and ev[0].modality == "negated"


def test_help_ruled_out_for_the_future_stays_a_refusal(code):
    assert "REJECT" in [e.event_type for e in code("Ruritania will not send aid to Lemuria.")]


@pytest.mark.parametrize(
    "text", ["Lemuria agreed to the demands of the striking miners.", "The government met the strikers' demands."]
)
def test_giving_in_to_demands_is_no_request_by_the_one_who_gives_in(code, text):
    types = [e.event_type for e in code(text)]
    assert "CONCEDE" in types and "REQUEST" not in types and "CONSULT" not in types, types


def test_a_protest_by_a_government_body_is_a_complaint(code):
    types = [e.event_type for e in code("The Ruritanian government protested the detention of its sailors by Lemuria.")]
    assert "ACCUSE" in types and "PROTEST" not in types, types


def test_a_protest_by_students_stays_a_demonstration(code):
    types = [e.event_type for e in code("Thousands of students protested in Lemuria's capital against the new law.")]
    assert "PROTEST" in types, types


@pytest.mark.parametrize(
    "text",
    [
        "The opposition in Lemuria vowed to keep protesting until the law is repealed.",
        "The Lemurian miners' union plans to hold a rally outside parliament on Friday.",
    ],
)
def test_a_vowed_or_planned_protest_has_not_happened(code, text):
    protests = [e for e in code(text) if e.event_type == "PROTEST"]
    assert protests and all(e.modality == "future" for e in protests), kinds(code(text))
