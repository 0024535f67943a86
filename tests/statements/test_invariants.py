"""Whatever the text, statements keep the output contract: offsets slice the text, ids run s1..sn,
reported_by points at another statement. Random shuffles of wire words and quote marks."""

from __future__ import annotations

import random

import pytest

from eventwire.actors.table import ArticleActors
from eventwire.statements import StatementExtractor, extract_statements

WORDS = (
    "The minister said on Monday that talks would resume . He told reporters Moscow was ready , "
    "according to officials who spoke on condition of anonymity . Kyiv insisted the border stays closed"
).split()
MARKS = ['"', "'", "“", "”", "«", "»", "‘", "’", ":", ",", "\n", "\n\n", "—", "-", "(", ")", "said", "she", "who"]


@pytest.mark.parametrize("learned", [False, True], ids=["rules", "default"])
def test_statements_keep_the_contract_on_random_text(nlp, learned: bool) -> None:
    extractor = StatementExtractor.from_files(learned=learned)
    rng = random.Random(5)
    for _ in range(80):
        toks = [rng.choice(WORDS) if rng.random() < 0.7 else rng.choice(MARKS) for _ in range(rng.randint(0, 50))]
        text = "".join(t + rng.choice(["", " ", " "]) for t in toks)
        doc = nlp(text)
        sts = extract_statements(doc, ArticleActors(doc), extractor=extractor)
        ids = [s.id for s in sts]
        assert ids == [f"s{i + 1}" for i in range(len(sts))]
        for st in sts:
            for ev in (st.cue, st.content):
                assert text[ev.start : ev.end] == ev.text and ev.text.strip(), (text, st)
            if st.speaker is not None:
                assert text[st.speaker.start : st.speaker.end] == st.speaker.text
            assert st.reported_by is None or (st.reported_by in ids and st.reported_by != st.id)
            assert st.kind in {"speech", "belief", "intention", "other"}
