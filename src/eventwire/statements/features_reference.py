"""The tagger's feature columns written token by token: the definitions the fast code is held to.

:func:`.features.doc_features` makes the same columns with numpy, each string once per distinct value,
which is four times faster and much harder to read. This module keeps the plain definitions, one token
at a time, so a reader can see what each column means and the tests can check that the two agree
(tests/statements/test_tagger.py). Nothing at run time calls it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy
from spacy.attrs import DEP, ENT_TYPE, HEAD, LEMMA, LOWER, ORTH, POS, SENT_START, SUFFIX, TAG
from spacy.tokens import Doc

from eventwire.schema import Statement
from eventwire.statements.features import (
    _CLOSE,
    _FRAME_DEPS,
    _FRAME_PUNCT,
    _OPEN,
    _QUOTE_STATES,
    _STRAIGHT,
    FEATURE_NAMES,
    N_FEATURES,
    RATE_COLUMNS,
    _h_small,
    _marked_paths,
    _position_ids,
    _rule_role_ids,
    _tensor,
    rate_features,
    spread,
)
from eventwire.statements.lexicon import CueLexicon


def doc_features_by_token(
    doc: Doc, lex: CueLexicon, rule_statements: Iterable[Statement], rates: Mapping[str, int] | None = None
) -> tuple[numpy.ndarray, numpy.ndarray]:
    """What :func:`doc_features` gives, written token by token with the per-token definitions (the
    reference the tests hold it to; four times slower)."""
    n = len(doc)
    arr = doc.to_array([LOWER, LEMMA, SUFFIX, TAG, DEP, ENT_TYPE, HEAD, SENT_START, ORTH, POS])
    ids = numpy.zeros((n, N_FEATURES), dtype=numpy.uint64)
    ids[:, :6] = arr[:, :6]
    heads = (numpy.arange(n) + arr[:, 6].astype(numpy.int64)).tolist()
    strings = doc.vocab.strings
    texts = [strings[o] for o in arr[:, 8].tolist()]
    deps = [strings[d] for d in arr[:, 4].tolist()]
    tags = [strings[pos] for pos in arr[:, 9].tolist()]
    lemmas = [strings[lemma].lower() for lemma in arr[:, 1].tolist()]
    kinds = [
        _cue_kind(pos, lemma, strings[lower], lex)
        for pos, lemma, lower in zip(tags, lemmas, arr[:, 0].tolist(), strict=True)
    ]
    ids[:, 6] = [_h_small("k=" + k) for k in kinds]
    ids[:, 7] = [_h_small(f"h={deps[h]}|{kinds[h]}") for h in heads]
    ids[:, 8] = _cue_paths(heads, deps, kinds)
    ids[:, 9] = spread(_rule_role_ids(doc, rule_statements))  # one loop over spans either way: no second version
    ids[:, 10] = _quote_states(texts)
    ids[:, 11] = spread(
        _position_ids(numpy.array(["\n" in t for t in texts], dtype=bool), arr[:, 7] == 1)
    )  # already arrays
    ids[:, FEATURE_NAMES.index("frame")] = _frames(heads, deps, texts)
    keys = [f"{lemma}|{pos}" for lemma, pos in zip(lemmas, tags, strict=True)]  # as rate_keys(doc)
    ids[:, RATE_COLUMNS] = rate_features(keys, heads, deps, rates or {})
    return _tensor(doc), ids


def _frames(heads: list[int], deps: list[str], texts: list[str]) -> list[int]:
    """Hashed set of a token's dependents that make an attribution frame: a clause (ccomp, xcomp),
    an object, a subject or agent, a colon or dash hung on it."""
    marks: dict[int, set[str]] = {}
    for i, h in enumerate(heads):
        if h == i:
            continue
        if deps[i] in _FRAME_DEPS:
            marks.setdefault(h, set()).add(deps[i])
        elif deps[i] == "punct" and texts[i] in _FRAME_PUNCT:
            marks.setdefault(h, set()).add(_FRAME_PUNCT[texts[i]])
    out = [_h_small("f=")] * len(heads)
    for h, m in marks.items():
        out[h] = _h_small("f=" + "+".join(sorted(m)))
    return out


def _cue_kind(pos: str, lemma: str, lower: str, lex: CueLexicon) -> str:
    if pos == "VERB" or pos == "AUX":
        return lex.verbs.get(lemma) or lex.cue_kinds.get(lemma, "-")
    if pos == "NOUN" and lemma in lex.noun_cues:
        return "noun"
    if lower in lex.phrases:
        return "phrase"
    return "-"


def _cue_paths(heads: list[int], deps: list[str], kinds: list[str]) -> list[int]:
    """For each token: the nearest ancestor that is a cue word, the dependency of the child on the
    path and the side of the token (``kind|dep|<`` or ``none``)."""
    return _marked_paths(heads, deps, kinds, [k != "-" for k in kinds], "p=")


def _quote_states(texts: list[str]) -> list[int]:
    inside, out = False, []
    hashed = _QUOTE_STATES
    for text in texts:
        if text in _OPEN:
            inside, state = True, "open"
        elif text in _CLOSE:
            inside, state = False, "close"
        elif text in _STRAIGHT:
            state = "close" if inside else "open"
            inside = not inside
        else:
            state = "in" if inside else "out"
        if inside and state == "in" and "\n" in text:
            state = "in-break"
        out.append(hashed[state])
    return out
