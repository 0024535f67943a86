"""Token features for the learned attribution tagger: what the parse and the rules already know.

Each token gets the parser's own context vector (``doc.tensor``, made by the spaCy pipeline's
shared tok2vec, so it costs nothing extra) and a row of hashed categorical features:

- the word, its lemma, suffix, fine tag, dependency label and entity type;
- the cue lexicon's kind for the token and for its head (is this a speech/belief/intention word?
  cue verbs, and the wider ``cue_kinds`` list of words that may attribute: "called", "found");
- the path to the nearest cue-word ancestor (kind, the dependency that leads there, side): tokens
  under a "said"'s subject tend to be sources, under its complement contents;
- the role the rule extractor gives the token (B/I of speaker, cue, content): the rules are the
  candidate generator, the tagger learns where PolNeAR's conventions differ;
- quote state (inside quote marks, an opening or closing mark) and line / sentence starts.

Hashed strings need no vocabulary file: unseen values fall into the hash table like any other.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy
from spacy.attrs import DEP, ENT_TYPE, HEAD, LEMMA, LOWER, ORTH, POS, SENT_START, SUFFIX, TAG
from spacy.strings import hash_string
from spacy.tokens import Doc

from eventwire.schema import Statement
from eventwire.statements.lexicon import CueLexicon

FEATURE_NAMES = (
    "lower", "lemma", "suffix", "tag", "dep", "ent", "cue_kind", "head_cue", "cue_path", "rule_role",
    "quote", "position",
)  # fmt: skip
N_FEATURES = len(FEATURE_NAMES)
TENSOR_WIDTH = 96  # en_core_web_sm's tok2vec width; other widths are cut or zero-padded
_OPEN = {"“", "«", "‘"}
_CLOSE = {"”", "»"}
_STRAIGHT = {'"'}
_MAX_PATH = 8  # ancestors walked up to find a cue word


def _h(value: str) -> int:
    return hash_string(value)


def doc_features(
    doc: Doc, lex: CueLexicon, rule_statements: Iterable[Statement]
) -> tuple[numpy.ndarray, numpy.ndarray]:
    """(floats [n, TENSOR_WIDTH], uint64 ids [n, N_FEATURES]) for one parsed doc.

    Token attributes are read as arrays and their strings looked up once (making spaCy Token
    objects costs more than everything else here)."""
    n = len(doc)
    arr = doc.to_array([LOWER, LEMMA, SUFFIX, TAG, DEP, ENT_TYPE, HEAD, SENT_START, ORTH, POS])
    ids = numpy.zeros((n, N_FEATURES), dtype=numpy.uint64)
    ids[:, :6] = arr[:, :6]
    heads = (numpy.arange(n) + arr[:, 6].astype(numpy.int64)).tolist()
    strings = doc.vocab.strings
    texts = [strings[o] for o in arr[:, 8].tolist()]
    deps = [strings[d] for d in arr[:, 4].tolist()]
    kinds = [
        _cue_kind(strings[pos], strings[lemma].lower(), strings[lower], lex)
        for pos, lemma, lower in zip(arr[:, 9].tolist(), arr[:, 1].tolist(), arr[:, 0].tolist(), strict=True)
    ]
    ids[:, 6] = [_h("k=" + k) for k in kinds]
    ids[:, 7] = [_h(f"h={deps[h]}|{kinds[h]}") for h in heads]
    ids[:, 8] = _cue_paths(heads, deps, kinds)
    ids[:, 9] = _rule_roles(doc, rule_statements)
    ids[:, 10] = _quote_states(texts)
    ids[:, 11] = _positions(texts, arr[:, 7].tolist())
    return _tensor(doc), ids


def _tensor(doc: Doc) -> numpy.ndarray:
    out = numpy.zeros((len(doc), TENSOR_WIDTH), dtype="float32")
    tensor = doc.tensor
    if tensor is not None and getattr(tensor, "ndim", 0) == 2 and tensor.shape[0] == len(doc):
        width = min(TENSOR_WIDTH, tensor.shape[1])
        out[:, :width] = tensor[:, :width]
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
    out = []
    for i in range(len(heads)):
        child, up, got = i, heads[i], "none"
        for _ in range(_MAX_PATH):
            if up == child:
                break
            if kinds[up] != "-":
                got = f"{kinds[up]}|{deps[child]}|{'<' if i < up else '>'}"
                break
            child, up = up, heads[up]
        if kinds[i] != "-":
            got = f"self|{kinds[i]}"
        out.append(_h("p=" + got))
    return out


def _rule_roles(doc: Doc, statements: Iterable[Statement]) -> list[int]:
    roles = ["O"] * len(doc)
    for st in statements:
        for name, ev in (("S", st.speaker), ("C", st.cue), ("T", st.content)):
            if ev is None:
                continue
            span = doc.char_span(ev.start, ev.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            roles[span.start] = "B-" + name
            for k in range(span.start + 1, span.end):
                roles[k] = "I-" + name
    return [_h("r=" + r) for r in roles]


def _quote_states(texts: list[str]) -> list[int]:
    inside, out = False, []
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
        if "\n" in text and inside and state == "in":
            state = "in-break"
        out.append(_h("q=" + state))
    return out


def _positions(texts: list[str], sent_starts: list[int]) -> list[int]:
    out = []
    n = len(texts)
    for i, text in enumerate(texts):
        if "\n" in text:
            pos = "newline"
        elif i == 0 or "\n" in texts[i - 1]:
            pos = "para_start"
        elif sent_starts[i] == 1:
            pos = "sent_start"
        elif i + 1 < n and sent_starts[i + 1] == 1:
            pos = "sent_end"
        else:
            pos = "-"
        out.append(_h("s=" + pos))
    return out
