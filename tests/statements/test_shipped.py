"""The shipped tagger: small, documented by its manifest, loaded by default, PolNeAR's conventions."""

from __future__ import annotations

import json

import pytest

from eventwire.actors.table import ArticleActors
from eventwire.statements import StatementExtractor, extract_statements
from eventwire.statements.tagger import MANIFEST, SHIPPED, TAGS, WEIGHTS

pytestmark = pytest.mark.skipif(not (SHIPPED / MANIFEST).is_file(), reason="no tagger weights shipped")


def test_manifest_names_data_seed_and_scores_and_the_weights_are_small() -> None:
    manifest = json.loads((SHIPPED / MANIFEST).read_text(encoding="utf-8"))
    assert "PolNeAR" in manifest["data"]["corpus"] and "test split never read" in manifest["data"]["corpus"]
    assert isinstance(manifest["seed"], int)
    assert set(manifest["scores"]["dev_exact_f1"]) == {"source", "cue", "content"}
    assert (SHIPPED / WEIGHTS).stat().st_size < 5_000_000
    transitions = manifest["transitions"]  # the decoder's tag transition scores, learned with the network (a CRF)
    assert transitions["tags"] == list(TAGS) and len(transitions["log_probs"]) == len(TAGS)
    assert all(len(row) == len(TAGS) and max(row) <= 0 for row in transitions["log_probs"])


def test_default_extractor_uses_the_tagger_and_keeps_polnear_spans(nlp) -> None:
    extractor = StatementExtractor.from_files()
    assert extractor.tagger is not None
    text = "The harbour master said that the port would reopen on Monday. “We are ready,” she added."
    doc = nlp(text)
    sts = extract_statements(doc, ArticleActors(doc), extractor=extractor)
    said = [s for s in sts if s.cue.text == "said"]
    assert said and said[0].speaker is not None and said[0].speaker.text.endswith("harbour master")
    assert "port would reopen" in said[0].content.text
    quoted = [s for s in sts if s.direct]
    assert quoted and quoted[0].content.text.startswith("“")  # quote marks kept, as PolNeAR marks them


def test_shipped_tagger_names_its_features_and_ships_the_cue_rates_it_was_trained_with() -> None:
    from eventwire.statements.features import FEATURE_NAMES
    from eventwire.statements.tagger import RATES, load_rates

    manifest = json.loads((SHIPPED / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["settings"]["features"] == list(FEATURE_NAMES)
    assert (SHIPPED / RATES).is_file()
    rates = load_rates(SHIPPED)
    assert rates["say|VERB"] >= 3 and rates.get("the|DET", 0) == 0  # counted on PolNeAR's train split


def test_shipped_tagger_finds_a_cue_verb_the_cue_lexicon_lacks(nlp) -> None:
    from eventwire.statements.lexicon import CueLexicon

    lex = CueLexicon.from_files()
    assert "scold" not in lex.verbs and "scold" not in lex.cue_kinds  # known only from the cue-rate bands
    text = "The senator scolded the agency, saying its staff had ignored the warnings for months."
    doc = nlp(text)
    sts = extract_statements(doc, ArticleActors(doc), extractor=StatementExtractor.from_files())
    scolded = [s for s in sts if s.cue.text == "scolded"]
    assert scolded and scolded[0].speaker is not None and scolded[0].speaker.text == "The senator"


def test_shipped_tagger_loads_its_boundary_step_and_the_manifest_says_how_it_was_learned() -> None:
    from eventwire.statements.boundaries import FILE
    from eventwire.statements.tagger import AttributionTagger

    manifest = json.loads((SHIPPED / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["boundaries"]["file"] == FILE and (SHIPPED / FILE).is_file()
    assert "tagged by a tagger trained on the other" in manifest["boundaries"]["learned_from"]  # not its own train data
    step = AttributionTagger.from_dir().boundaries
    assert step is not None and list(step.roles) == manifest["boundaries"]["roles"] == ["cue"]  # BOUNDARY_ROLES
