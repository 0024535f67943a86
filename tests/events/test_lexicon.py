"""The trigger lexicon: shipped files load, bad files fail with file:line, overlays work, every entry codes its example."""

from __future__ import annotations

import pytest

from eventwire.actors.table import ArticleActors
from eventwire.errors import KnowledgeError
from eventwire.events import EventCoder, load_lexicon
from eventwire.events.ontology import CAMEO, MODES, QUAD_CLASS
from eventwire.events.syntax import lemmas
from eventwire.schema import EVENT_TYPES

LEX = load_lexicon()


def test_shipped_lexicon_is_broad_and_versioned():
    assert len(LEX.verbs) > 300
    assert len(LEX.nouns) > 100
    assert all(v == 1 or isinstance(v, str | int) for v in LEX.versions.values())
    # every PLOVER type can be reached from some entry
    reached = set()
    for entry in LEX.entries():
        if entry.sense:
            reached.add(entry.sense.type)
        reached.update(s.type for s in entry.obj.values())
    assert reached == set(EVENT_TYPES)


def test_entries_use_known_codes_and_modes():
    for entry in LEX.entries():
        for sense in [entry.sense, *entry.obj.values()]:
            if sense is None:
                continue
            assert sense.cameo in CAMEO, entry.key
            assert sense.mode is None or sense.mode in MODES[sense.type], entry.key


def test_bad_file_reports_every_problem_with_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "version: 1\n"
        "verbs:\n"
        "  smite: {type: SMITE, ex: 'A smote B.'}\n"
        "  rebuke: {type: ACCUSE, cameo: '999', ex: 'A rebuked B.'}\n"
        "  scold: {type: ACCUSE, mode: violence, ex: 'A scolded B.'}\n"
        "  tut: {type: ACCUSE}\n"
        "  frown: {type: ACCUSE, colour: red, ex: 'A frowned at B.'}\n"
        "flavours: {}\n",
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeError) as err:
        load_lexicon([bad])
    problems = err.value.problems
    assert any(p.startswith(f"{bad}:3:") and "SMITE" in p for p in problems)
    assert any(f"{bad}:4:" in p and "999" in p for p in problems)
    assert any(f"{bad}:5:" in p and "violence" in p for p in problems)
    assert any(f"{bad}:6:" in p and "'ex'" in p for p in problems)
    assert any(f"{bad}:7:" in p and "colour" in p for p in problems)
    assert any(f"{bad}:8:" in p and "flavours" in p for p in problems)


def test_missing_version_and_bad_yaml(tmp_path):
    a = tmp_path / "a.yaml"
    a.write_text("verbs: {}\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="version"):
        load_lexicon([a])
    b = tmp_path / "b.yaml"
    b.write_text("version: 1\nverbs: [unclosed\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"b\.yaml:\d+: not valid YAML"):
        load_lexicon([b])


def test_user_overlay_adds_and_overrides_without_code(tmp_path, nlp):
    text = "Atlantis snubbed Lemuria. Atlantis condemned Lemuria."
    doc = nlp(text)
    before = EventCoder.from_files().code(doc, ArticleActors(doc), [])
    assert [e.event_type for e in before] == ["REJECT", "ACCUSE"]
    overlay = tmp_path / "mine.yaml"
    overlay.write_text(
        "version: local-1\n"
        "verbs:\n"
        "  snub: {type: ACCUSE, cameo: '111', ex: 'Atlantis snubbed Lemuria.'}\n"
        "  upbraid: {type: ACCUSE, cameo: '111', ex: 'Atlantis upbraided Lemuria.'}\n",
        encoding="utf-8",
    )
    coder = EventCoder.from_files([overlay])
    doc = nlp(text)
    assert [e.event_type for e in coder.code(doc, ArticleActors(doc), [])] == ["ACCUSE", "ACCUSE"]
    doc = nlp("Atlantis upbraided Lemuria.")
    got = coder.code(doc, ArticleActors(doc), [])
    assert [(e.event_type, e.rule) for e in got] == [("ACCUSE", "verbs.upbraid")]


def _expected_types(entry) -> set[str] | None:
    """Types an entry's own example may produce; None when the object decides (any type will do)."""
    if entry.light:  # the object noun decides
        return None
    types = set()
    for sense in [entry.sense, *entry.obj.values()]:
        if sense is None:
            continue
        types.add(sense.type)
        if entry.control:  # "agreed to reopen" codes AGREE, "refused to meet" REJECT ...
            for inner in EVENT_TYPES:
                types.add(LEX.policy.compose(entry.control, sense, sense.__class__(inner, "010", None, 0.5, "")).type)
        # the single-category rule may turn a stated future act into AGREE or THREATEN
        types.update({"AGREE", "THREATEN"} if sense.type != "REJECT" else set())
    return types or None


ENTRIES = sorted(LEX.entries(), key=lambda e: (e.section, e.key))


@pytest.mark.parametrize("entry", ENTRIES, ids=[f"{e.section}.{e.key}" for e in ENTRIES])
def test_every_entry_codes_its_own_example(entry, nlp):
    coder = EventCoder(LEX)
    doc = nlp(entry.example)
    events = coder.code(doc, ArticleActors(doc), [])
    assert events, f"no event in {entry.example!r}"
    first = entry.key.split()[0]
    word_at = {t.idx: t for t in doc}

    def fired(e) -> bool:
        if e.rule == f"{entry.section}.{entry.key}" or (e.rule or "").startswith(f"{entry.section}.{entry.key}."):
            return True
        # the word took part in the event another way ("launched airstrikes": the verb carries the noun)
        # (or it sat in the object that decided the verb's sense: "declared a state of emergency")
        toks = [t for t in doc if e.trigger.start <= t.idx < e.trigger.end + 12]
        return any(first in lemmas(t) or t.lower_.startswith(first[:5]) for t in toks) or bool(word_at) is False

    mine = [e for e in events if fired(e)]
    assert mine, f"{entry.section}.{entry.key} did not fire in {entry.example!r}: {[e.rule for e in events]}"
    expected = _expected_types(entry)
    if expected is not None:
        assert any(e.event_type in expected for e in mine), (entry.example, [e.event_type for e in mine])
    for e in events:
        assert doc.text[e.trigger.start : e.trigger.end] == e.trigger.text
        assert e.quad_class == QUAD_CLASS[e.event_type]
