"""The re-typing policy file: shipped rules hold, bad rules fail with file:line, a user file can change them."""

from __future__ import annotations

import pytest

from eventwire.actors.table import ArticleActors
from eventwire.errors import KnowledgeError
from eventwire.events import EventCoder, load_lexicon
from eventwire.events.ontology import CAMEO, Sense

POLICY = load_lexicon().policy


def _sense(etype: str, cameo: str = "010") -> Sense:
    return Sense(etype, cameo, None, 0.7, "verbs.x")


@pytest.mark.parametrize(
    ("kind", "inner", "expected"),
    [
        ("refuse", "CONSULT", ("REJECT", "125", "meet")),
        ("agree", "RETREAT", ("AGREE", "035", None)),
        ("promise", "ASSAULT", ("THREATEN", "138", "violence")),
        ("agree", "ASSAULT", ("ASSAULT", "010", None)),  # agreeing to a blow is not coded as a threat
        ("stop", "ASSAULT", ("RETREAT", "087", "ceasefire")),
        ("request", "RETREAT", ("REQUEST", "106", "yield")),
        ("threaten", "ACCUSE", ("ACCUSE", "010", None)),
    ],
)
def test_control_kinds_retype_as_written(kind, inner, expected):
    got = POLICY.compose(kind, None, _sense(inner))
    assert (got.type, got.cameo, got.mode) == expected


def test_request_for_a_sanction_noun_is_criticism_only_for_nouns():
    assert POLICY.compose("request", None, _sense("SANCTION"), nominal=True).type == "ACCUSE"
    assert POLICY.compose("request", None, _sense("SANCTION")).type == "REQUEST"


def test_every_retype_uses_known_codes():
    for name, r in POLICY.retypes.items():
        assert r.cameo in CAMEO, name
        assert all(code in CAMEO for code in r.cameo_by.values()), name


def test_bad_policy_reports_every_problem_with_line(tmp_path):
    bad = tmp_path / "policy.yaml"
    bad.write_text(
        "version: 1\n"
        "policy:\n"
        "  retype:\n"
        "    scold: {type: ACCUSE, cameo: '999'}\n"
        "  control:\n"
        "    refuse:\n"
        "      - {if: [NONSENSE], then: refusal}\n"
        "      - {then: nowhere}\n",
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeError) as err:
        load_lexicon([bad])
    problems = err.value.problems
    assert any(p.startswith(f"{bad}:4:") and "999" in p for p in problems)
    assert any(p.startswith(f"{bad}:7:") and "NONSENSE" in p for p in problems)
    assert any(p.startswith(f"{bad}:8:") and "nowhere" in p for p in problems)


def test_user_policy_changes_coding_without_code(tmp_path, nlp):
    text = "Atlantis refused to meet Lemuria."
    doc = nlp(text)
    assert [e.event_type for e in EventCoder.from_files().code(doc, ArticleActors(doc), [])] == ["REJECT"]
    overlay = tmp_path / "mine.yaml"
    overlay.write_text("version: 1\npolicy:\n  control:\n    refuse: [{then: keep}]\n", encoding="utf-8")
    doc = nlp(text)
    got = EventCoder.from_files([overlay]).code(doc, ArticleActors(doc), [])
    assert [e.event_type for e in got] == ["CONSULT"]
