"""The EventCoder seam: coders are chosen by name from the settings."""

import pytest

from eventwire.errors import ConfigError
from eventwire.events.registry import EventCoderProtocol, coder_names, make_coder, register_coder
from eventwire.settings import Settings


def test_registry_builds_the_rule_coder_by_default():
    coder = make_coder(Settings().event_coder, Settings())
    assert isinstance(coder, EventCoderProtocol)
    assert "rules.v1" in coder_names()


def test_registry_unknown_name_is_a_config_error_naming_the_choices():
    with pytest.raises(ConfigError, match="rules.v1"):
        make_coder("nope.v9", Settings())


def test_registry_a_registered_coder_is_used_by_the_pipeline(nlp):
    from eventwire.pipeline import Pipeline
    from eventwire.schema import Article

    class Silent:
        def code(self, doc, actors, statements=None):
            return []

    register_coder("test-silent.v1")(lambda settings: Silent())
    pipe = Pipeline(Settings(event_coder="test-silent.v1"), nlp=nlp)
    result = next(pipe.code_many([Article(id="a", text="Ruritania attacked Freedonia on Monday.")]))
    assert result.status == "coded" and result.events == []


def _event(eid, source, target):
    from eventwire.schema import ActorRef, Event, Evidence

    def ref(country, sector):
        return ActorRef(id="a1", text="x", start=0, end=1, name="x", country=country, sector=sector)

    ev = Evidence(start=0, end=1, text="x")
    return Event(
        id=eid, event_type="ACCUSE", mode=None, cameo="112", quad_class=3, goldstein=-2.0, plover_score=-2.0,
        source=source and ref(*source), target=target and ref(*target), date=None, date_precision="reported",
        date_text=None, location=None, modality="asserted", statement_id=None, evidence=ev, trigger=ev, confidence=0.5,
    )  # fmt: skip


def test_registry_events_without_a_political_actor_are_dropped_and_renumbered():
    from eventwire.events.builtins import PoliticalOnly

    events = [
        _event("e1", (None, None), (None, None)),  # "Python supports modules": no country, no sector
        _event("e2", (None, None), ("USA", None)),
        _event("e3", (None, "PTY"), None),
        _event("e4", None, None),
        _event("e5", (None, "UNK"), (None, None)),  # "Staff at the bakery rejected the rota": unidentified
    ]
    fixed = type("Fixed", (), {"code": lambda self, *a: list(events)})()
    kept = PoliticalOnly(fixed).code(None, None)
    assert [(e.target and e.target.country, e.source and e.source.sector) for e in kept] == [
        ("USA", None),
        (None, "PTY"),
    ]
    assert [e.id for e in kept] == ["e1", "e2"]


def test_registry_the_pipeline_keeps_political_events_only_unless_the_setting_is_off(nlp):
    from eventwire.events.builtins import PoliticalOnly
    from eventwire.pipeline import Pipeline

    assert isinstance(Pipeline(Settings(), nlp=nlp).events, PoliticalOnly)
    assert not isinstance(Pipeline(Settings(political_actors_only=False), nlp=nlp).events, PoliticalOnly)
