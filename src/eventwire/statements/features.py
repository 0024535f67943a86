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
- quote state (inside quote marks, an opening or closing mark) and line / sentence starts;
- how often PolNeAR's train split makes the token's lemma (with its part of speech) part of a cue,
  in a few bands (:func:`cue_rates`, shipped beside the weights): the lexicon's lists are short, the
  annotated cues are a long tail ("slammed", "scolded", "according to", a colon after a name);
- the token's frame: which of its dependents mark a reported clause, object, subject or agent, or
  a colon or dash hung on it ("X said that ...", "X: ...");
- the band of its head word and the path to its nearest cue-like ancestor by band (as ``cue_path``
  does with the lexicon's words): the subject and clause of a long-tail cue look like a "said"'s.

Hashed strings need no vocabulary file: unseen values fall into the hash table like any other.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Mapping

import numpy
from spacy.attrs import DEP, ENT_TYPE, HEAD, LEMMA, LOWER, ORTH, POS, SENT_START, SUFFIX, TAG
from spacy.strings import hash_string
from spacy.tokens import Doc

from eventwire.schema import Statement
from eventwire.statements.lexicon import CueLexicon

FEATURE_NAMES = (
    "lower", "lemma", "suffix", "tag", "dep", "ent", "cue_kind", "head_cue", "cue_path", "rule_role",
    "quote", "position", "cue_rate", "frame", "rate_head", "rate_path",
)  # fmt: skip
N_FEATURES = len(FEATURE_NAMES)
FIRST_FEATURES = FEATURE_NAMES[:12]  # a tagger whose manifest names no features was trained on these
RATE_COLUMN = FEATURE_NAMES.index("cue_rate")
RATE_COLUMNS = [FEATURE_NAMES.index(n) for n in ("cue_rate", "rate_head", "rate_path")]  # all counted from rates
RATE_PATH_BAND = 3  # an ancestor at least this band (a cue in a quarter of its uses or more) is cue-like
RATE_BANDS = (0.02, 0.1, 0.25, 0.5, 0.75)  # band k: rate at least RATE_BANDS[k - 1]; band 0: rarely or never a cue
RATE_MIN_SEEN = 3  # a lemma seen fewer times in training says nothing about itself
_FRAME_DEPS = frozenset({"ccomp", "xcomp", "dobj", "dative", "nsubj", "nsubjpass", "agent", "csubj", "advcl"})
_FRAME_PUNCT = {":": "colon", "—": "dash", "―": "dash", "–": "dash", "--": "dash", "-": "dash"}
TENSOR_WIDTH = 96  # en_core_web_sm's tok2vec width; other widths are cut or zero-padded
_OPEN = {"“", "«", "‘"}
_CLOSE = {"”", "»"}
_STRAIGHT = {'"'}
_MAX_PATH = 8  # ancestors walked up to find a cue word


def _h(value: str) -> int:
    return hash_string(value)


def doc_features(
    doc: Doc, lex: CueLexicon, rule_statements: Iterable[Statement], rates: Mapping[str, int] | None = None
) -> tuple[numpy.ndarray, numpy.ndarray]:
    """(floats [n, TENSOR_WIDTH], uint64 ids [n, N_FEATURES]) for one parsed doc; ``rates``: the
    cue-rate band of each ``lemma|POS`` key (:func:`cue_rates`), none known without it.

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
    tags = [strings[pos] for pos in arr[:, 9].tolist()]
    lemmas = [strings[lemma].lower() for lemma in arr[:, 1].tolist()]
    kinds = [
        _cue_kind(pos, lemma, strings[lower], lex)
        for pos, lemma, lower in zip(tags, lemmas, arr[:, 0].tolist(), strict=True)
    ]
    ids[:, 6] = [_h_small("k=" + k) for k in kinds]
    ids[:, 7] = [_h_small(f"h={deps[h]}|{kinds[h]}") for h in heads]
    ids[:, 8] = _cue_paths(heads, deps, kinds)
    ids[:, 9] = _rule_roles(doc, rule_statements)
    ids[:, 10] = _quote_states(texts)
    ids[:, 11] = _positions(texts, arr[:, 7].tolist())
    ids[:, FEATURE_NAMES.index("frame")] = _frames(heads, deps, texts)
    keys = [f"{lemma}|{pos}" for lemma, pos in zip(lemmas, tags, strict=True)]  # as rate_keys(doc)
    ids[:, RATE_COLUMNS] = rate_features(keys, heads, deps, rates or {})
    return _tensor(doc), ids


def rate_features(keys: list[str], heads: list[int], deps: list[str], rates: Mapping[str, int]) -> numpy.ndarray:
    """The three columns counted from the cue rates (``RATE_COLUMNS``): the token's own band, its
    head's band with the token's dependency, the path to the nearest cue-like ancestor."""
    bands = [rates.get(key, 0) for key in keys]
    out = numpy.zeros((len(keys), 3), dtype=numpy.uint64)
    out[:, 0] = rate_column(keys, rates)
    out[:, 1] = [_h_small(f"rh={dep}|{bands[h]}") for dep, h in zip(deps, heads, strict=True)]
    out[:, 2] = _rate_paths(heads, deps, bands)
    return out


_SMALL: dict[str, int] = {}  # hashes of feature strings drawn from small closed sets (dependency x band x side)


def _h_small(value: str) -> int:
    got = _SMALL.get(value)
    if got is None:
        got = _SMALL[value] = hash_string(value)
    return got


def _rate_paths(heads: list[int], deps: list[str], bands: list[int]) -> list[int]:
    """For each token: the band of the nearest ancestor the rates make cue-like, the dependency of
    the child on the path and the side of the token (``band|dep|<``), ``self|band`` for such a word."""
    return _marked_paths(heads, deps, bands, [b >= RATE_PATH_BAND for b in bands], "rp=")


def _nearest_marked(heads: list[int], marked: list[bool]) -> tuple[list[int], list[int]]:
    """For each token, its nearest marked ancestor at most ``_MAX_PATH`` steps up (-1: none) and
    the child of that ancestor on the way. Each token's answer is its head's plus one step, so
    every token is visited once (walking up from each token cost a tenth of the stage)."""
    n = len(heads)
    anc, child, dist = [-2] * n, [0] * n, [0] * n  # -2: not yet known
    for i in range(n):
        stack, j = [], i
        while anc[j] == -2 and len(stack) <= n:
            h = heads[j]
            if h == j:
                anc[j] = -1
            elif marked[h]:
                anc[j], child[j], dist[j] = h, j, 1
            else:
                stack.append(j)
                j = h
        for j in reversed(stack):
            h = heads[j]
            if anc[h] >= 0 and dist[h] < _MAX_PATH:
                anc[j], child[j], dist[j] = anc[h], child[h], dist[h] + 1
            else:
                anc[j] = -1
    return anc, child


def rate_keys(doc: Doc) -> list[str]:
    """Each token's ``lemma|POS`` (lemma lower-cased): the unit whose cue rate is counted."""
    arr = doc.to_array([LEMMA, POS])
    strings = doc.vocab.strings
    return [f"{strings[lemma].lower()}|{strings[pos]}" for lemma, pos in arr.tolist()]


def rate_column(keys: list[str], rates: Mapping[str, int]) -> list[int]:
    """Hashed ``POS:band`` per token: the band says how cue-like the lemma is, the POS keeps a
    noun's rate apart from a verb's."""
    seen: dict[str, int] = {}
    out = []
    for key in keys:
        got = seen.get(key)
        if got is None:
            got = seen[key] = _h_small(f"r={key.rsplit('|', 1)[-1]}:{rates.get(key, 0)}")
        out.append(got)
    return out


def cue_rates(articles: Iterable[tuple[list[str], Iterable[bool]]]) -> dict[str, int]:
    """``lemma|POS`` -> band of the share of its tokens inside a gold cue, from (keys, is-cue per
    token) of each article; only keys seen at least ``RATE_MIN_SEEN`` times and in some cue."""
    seen: Counter[str] = Counter()
    cue: Counter[str] = Counter()
    for keys, flags in articles:
        for key, flag in zip(keys, flags, strict=True):
            seen[key] += 1
            cue[key] += bool(flag)
    return {
        key: bisect.bisect_right(RATE_BANDS, cue[key] / n) for key, n in seen.items() if n >= RATE_MIN_SEEN and cue[key]
    }


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
    return _marked_paths(heads, deps, kinds, [k != "-" for k in kinds], "p=")


def _marked_paths(heads: list[int], deps: list[str], labels: list, marked: list[bool], prefix: str) -> list[int]:
    """Hashed ``prefix + label|dep|side`` of each token's nearest marked ancestor (``self|label`` for a marked
    token, ``none`` without one): what the cue-word and the cue-rate paths share."""
    anc, child = _nearest_marked(heads, marked)
    out = []
    for i, (up, via) in enumerate(zip(anc, child, strict=True)):
        if marked[i]:
            got = f"self|{labels[i]}"
        elif up >= 0:
            got = f"{labels[up]}|{deps[via]}|{'<' if i < up else '>'}"
        else:
            got = "none"
        out.append(_h_small(prefix + got))
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
    return [_h_small("r=" + r) for r in roles]


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


_QUOTE_STATES = {state: _h("q=" + state) for state in ("open", "close", "in", "out", "in-break")}
_POSITIONS = numpy.array(
    [_h("s=" + pos) for pos in ("-", "newline", "para_start", "sent_start", "sent_end")], dtype=numpy.uint64
)


def _positions(texts: list[str], sent_starts: list[int]) -> numpy.ndarray:
    """Hashed place of each token: a line break, a paragraph's first token, a sentence's first or
    last, else ``-`` (the first that holds, in that order)."""
    n = len(texts)
    newline = numpy.array(["\n" in text for text in texts], dtype=bool)
    starts = numpy.asarray(sent_starts) == 1
    para = numpy.zeros(n, dtype=bool)
    para[:1] = True
    para[1:] = newline[:-1]
    ends = numpy.zeros(n, dtype=bool)
    ends[:-1] = starts[1:]
    code = numpy.select([newline, para, starts, ends], [1, 2, 3, 4], default=0)
    return _POSITIONS[code]
