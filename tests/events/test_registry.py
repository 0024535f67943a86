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
