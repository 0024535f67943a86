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
from collections.abc import Callable, Iterable, Mapping

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


Group = tuple[numpy.ndarray, numpy.ndarray]  # a column as (values, index of each token's value among them)


def doc_features(
    doc: Doc, lex: CueLexicon, rule_statements: Iterable[Statement], rates: Mapping[str, int] | None = None
) -> tuple[numpy.ndarray, numpy.ndarray]:
    """(floats [n, TENSOR_WIDTH], uint64 ids [n, N_FEATURES]) for one parsed doc; ``rates``: the
    cue-rate band of each ``lemma|POS`` key (:func:`cue_rates`), none known without it
    (:func:`doc_feature_groups` without the groups)."""
    floats, ids, _ = doc_feature_groups(doc, lex, rule_statements, rates)
    return floats, ids


def doc_feature_groups(
    doc: Doc, lex: CueLexicon, rule_statements: Iterable[Statement], rates: Mapping[str, int] | None = None
) -> tuple[numpy.ndarray, numpy.ndarray, list[Group]]:
    """:func:`doc_features`, and each id column as a ``Group``: the values the column is made from and
    each token's index among them (``values[index] == ids[:, column]``; a value may repeat). The
    columns are made from a few distinct values each, so the tagger's embeddings hash and sum each
    value once without sorting the columns again to find them (:meth:`.tagger.Inference.__call__`).

    Token attributes are read as arrays, their strings looked up once per distinct value, and every
    feature string made and hashed once per distinct value, then spread over the tokens with numpy
    (making spaCy Token objects costs more than everything else; so did a string per token). The
    columns are those the per-token definitions give (:func:`rate_features` here, the rest in
    :mod:`.features_reference`): the tests compare the two."""
    n = len(doc)
    arr = doc.to_array([LOWER, LEMMA, SUFFIX, TAG, DEP, ENT_TYPE, HEAD, SENT_START, ORTH, POS])
    ids = numpy.zeros((n, N_FEATURES), dtype=numpy.uint64)
    ids[:, :6] = arr[:, :6]
    groups: list[Group] = [_NO_GROUP] * N_FEATURES
    heads = numpy.arange(n) + arr[:, 6].astype(numpy.int64)
    strings = doc.vocab.strings
    texts, text_at = distinct_strings(arr[:, 8], strings)
    dep_ids, dep_at = distinct_ids(arr[:, 4])
    deps = _strings_of(dep_ids.tolist(), strings)
    tags, tag_at = distinct_strings(arr[:, 9], strings)
    lemma_ids, lemma_at = distinct_ids(arr[:, 1])
    lemmas = [m.lower() for m in _strings_of(lemma_ids.tolist(), strings)]
    lower_ids, lower_at = distinct_ids(arr[:, 0])
    lowers = _strings_of(lower_ids.tolist(), strings)
    groups[0], groups[1], groups[4] = (lower_ids, lower_at), (lemma_ids, lemma_at), (dep_ids, dep_at)
    groups[2], groups[3], groups[5] = distinct_ids(arr[:, 2]), distinct_ids(arr[:, 3]), distinct_ids(arr[:, 5])
    kinds, kind_names = _cue_kinds(lex, lemmas, lowers, tags, lemma_at, lower_at, tag_at)
    groups[6] = _hashed_group(kinds, lambda k: "k=" + kind_names[k])
    n_kinds = len(kind_names)
    values, at = _hashed_group(dep_at * n_kinds + kinds, lambda v: f"h={deps[v // n_kinds]}|{kind_names[v % n_kinds]}")
    groups[7] = values, at[heads]
    groups[8] = _marked_path_ids(heads, deps, dep_at, kind_names, kinds, kinds != 0, "p=")
    groups[9] = _rule_role_ids(doc, rule_statements)
    newline = numpy.array(["\n" in t for t in texts] or [False])[text_at]
    groups[10] = _quote_state_ids(texts, text_at, newline)
    groups[11] = _position_ids(newline, arr[:, 7] == 1)
    groups[FEATURE_NAMES.index("frame")] = _frame_ids(heads, deps, dep_at, texts, text_at)
    rate_groups = _rate_groups(rates or {}, lemmas, lemma_at, tags, tag_at, heads, deps, dep_at)
    for k, group in zip(RATE_COLUMNS, rate_groups, strict=True):
        groups[k] = group
    for k in range(6, N_FEATURES):
        ids[:, k] = spread(groups[k])
    return _tensor(doc), ids, groups


def _cue_kinds(
    lex: CueLexicon, lemmas: list[str], lowers: list[str], tags: list[str],
    lemma_at: numpy.ndarray, lower_at: numpy.ndarray, tag_at: numpy.ndarray,
) -> tuple[numpy.ndarray, list[str]]:  # fmt: skip
    """The cue kind of each token (as features_reference._cue_kind) as an index into the kind names
    also returned ("-", "noun", "phrase", then the lexicon's kinds as met): a verb's by its lemma, a
    noun cue's, a fixed phrase's first word's. Each distinct lemma, word and tag is looked up once."""
    kind_index = {name: k for k, name in enumerate(("-", "noun", "phrase"))}
    verb_kind = numpy.array(
        [kind_index.setdefault(lex.verbs.get(m) or lex.cue_kinds.get(m, "-"), len(kind_index)) for m in lemmas] or [0]
    )
    noun_cue = numpy.array([m in lex.noun_cues for m in lemmas] or [False])
    phrase = numpy.array([w in lex.phrases for w in lowers] or [False])
    verb_tag = numpy.array([t in ("VERB", "AUX") for t in tags] or [False])[tag_at]
    noun_tag = numpy.array([t == "NOUN" for t in tags] or [False])[tag_at]
    kinds = numpy.where(
        verb_tag,
        verb_kind[lemma_at],
        numpy.where(noun_tag & noun_cue[lemma_at], 1, numpy.where(phrase[lower_at], 2, 0)),
    )
    return kinds, list(kind_index)


def _rate_groups(
    rates: Mapping[str, int], lemmas: list[str], lemma_at: numpy.ndarray, tags: list[str], tag_at: numpy.ndarray,
    heads: numpy.ndarray, deps: list[str], dep_at: numpy.ndarray,
) -> tuple[Group, Group, Group]:  # fmt: skip
    """The cue-rate columns (as rate_features over rate_keys(doc)): each token's band with its tag,
    its head's band with the dependency that leads there, the path to its nearest cue-like ancestor
    by band. Each distinct (lemma, tag) pair is looked up in ``rates`` once."""
    pairs, pair_at = numpy.unique(lemma_at * len(tags) + tag_at, return_inverse=True)
    pair_at = pair_at.reshape(-1)
    pair_tag = [tags[v % len(tags)] for v in pairs.tolist()]
    pair_band = [rates.get(f"{lemmas[v // len(tags)]}|{t}", 0) for v, t in zip(pairs.tolist(), pair_tag, strict=True)]
    bands = numpy.array(pair_band or [0])[pair_at]
    columns = [_h_small(f"r={t}:{b}") for t, b in zip(pair_tag, pair_band, strict=True)]
    n_bands = max(len(RATE_BANDS), int(bands.max(initial=0))) + 1
    return (
        (numpy.array(columns or [0], dtype=numpy.uint64), pair_at),
        _hashed_group(dep_at * n_bands + bands[heads], lambda v: f"rh={deps[v // n_bands]}|{v % n_bands}"),
        _marked_path_ids(heads, deps, dep_at, list(range(n_bands)), bands, bands >= RATE_PATH_BAND, "rp="),
    )


_SMALL_IDS = 1 << 16  # ids below this (spaCy's symbols: every part of speech, many labels) are tabled, not sorted


_NO_GROUP: Group = (numpy.zeros(1, dtype=numpy.uint64), numpy.zeros(0, dtype=numpy.intp))


def spread(group: Group) -> numpy.ndarray:
    """A ``Group``'s column: each token's value."""
    values, at = group
    return values[at]


def distinct_strings(ids: numpy.ndarray, strings) -> tuple[list[str], numpy.ndarray]:
    """The strings of the distinct values of a column of string ids (ascending), and each token's index
    among them; through a table rather than a sort when every id is a small symbol id."""
    uniq, inverse = distinct_ids(ids)
    return _strings_of(uniq.tolist(), strings), inverse


def distinct_ids(ids: numpy.ndarray) -> Group:
    """The distinct values of a column of ids (ascending, uint64), and each token's index among them;
    through a table rather than a sort when every id is a small symbol id."""
    if not len(ids) or int(ids.max()) >= _SMALL_IDS:
        uniq, inverse = numpy.unique(ids, return_inverse=True)
        return uniq.astype(numpy.uint64, copy=False), inverse.reshape(-1)
    small = ids.astype(numpy.intp)
    seen = numpy.zeros(int(small.max()) + 1, dtype=bool)
    seen[small] = True
    index = numpy.cumsum(seen) - 1
    return numpy.flatnonzero(seen).astype(numpy.uint64), index[small]


_STRINGS: dict[int, str] = {}  # string id -> string: the StringStore decodes its bytes anew on each lookup
_STRINGS_MAX = 200_000  # forgotten past this many (ids are hashes of the strings, the same in every vocab)


def _strings_of(ids: list[int], strings) -> list[str]:
    out = list(map(_STRINGS.get, ids))
    if None in out:
        if len(_STRINGS) > _STRINGS_MAX:
            _STRINGS.clear()
        for k, (u, got) in enumerate(zip(ids, out, strict=True)):
            if got is None:
                out[k] = _STRINGS[u] = strings[u]
    return out


def _hashed_group(codes: numpy.ndarray, name: Callable[[int], str]) -> Group:
    """Each token's hashed feature string ``name(code)`` as a ``Group``, each distinct code named and
    hashed once (codes are small non-negative numbers: the distinct ones are marked in a table, not sorted)."""
    if not len(codes):
        return _NO_GROUP
    seen = numpy.zeros(int(codes.max()) + 1, dtype=bool)
    seen[codes] = True
    uniq = numpy.flatnonzero(seen)
    values = numpy.array([_h_small(name(v)) for v in uniq.tolist()], dtype=numpy.uint64)
    return values, (numpy.cumsum(seen) - 1)[codes]


def _nearest_marked_array(heads: numpy.ndarray, marked: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
    """:func:`_nearest_marked` over arrays: all tokens walk up together, one step at a time."""
    n = len(heads)
    anc = numpy.full(n, -1, dtype=numpy.int64)
    child = numpy.zeros(n, dtype=numpy.int64)
    cur = numpy.arange(n)
    done = numpy.zeros(n, dtype=bool)
    for _ in range(_MAX_PATH):
        up = heads[cur]
        root = up == cur
        hit = ~done & ~root & marked[up]
        anc[hit] = up[hit]
        child[hit] = cur[hit]
        done |= hit | root
        if done.all():
            break
        cur = up
    return anc, child


def _marked_path_ids(
    heads: numpy.ndarray, deps: list[str], dep_at: numpy.ndarray, labels: list, label_at: numpy.ndarray,
    marked: numpy.ndarray, prefix: str,
) -> Group:  # fmt: skip
    """:func:`_marked_paths` over arrays: ``labels[label_at[i]]`` is token i's label."""
    n = len(heads)
    anc, child = _nearest_marked_array(heads, marked)
    n_labels, n_deps = len(labels), max(len(deps), 1)
    has = anc >= 0
    up = numpy.where(has, anc, 0)
    side = (numpy.arange(n) > up).astype(numpy.int64)  # 0: '<', 1: '>'
    path = n_labels + 1 + (label_at[up] * n_deps + dep_at[child]) * 2 + side
    codes = numpy.where(marked, label_at, numpy.where(has, path, n_labels))

    def name(v: int) -> str:
        if v < n_labels:
            return f"{prefix}self|{labels[v]}"
        if v == n_labels:
            return prefix + "none"
        v -= n_labels + 1
        return f"{prefix}{labels[v // 2 // n_deps]}|{deps[v // 2 % n_deps]}|{'<>'[v % 2]}"

    return _hashed_group(codes, name)


_ROLES = ("O", "B-S", "I-S", "B-C", "I-C", "B-T", "I-T")
_ROLE_CODE = {role: k for k, role in enumerate(_ROLES)}
_ROLE_IDS = numpy.array([_h("r=" + role) for role in _ROLES], dtype=numpy.uint64)


def _rule_role_ids(doc: Doc, statements: Iterable[Statement]) -> Group:
    """The rules' role of each token (B/I of speaker, cue, content; ``O`` outside), hashed."""
    out = numpy.zeros(len(doc), dtype=numpy.intp)  # "O"
    for st in statements:
        for name, ev in (("S", st.speaker), ("C", st.cue), ("T", st.content)):
            if ev is None:
                continue
            span = doc.char_span(ev.start, ev.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            out[span.start] = _ROLE_CODE["B-" + name]
            out[span.start + 1 : span.end] = _ROLE_CODE["I-" + name]
    return _ROLE_IDS, out


def _quote_state_ids(texts: list[str], text_at: numpy.ndarray, newline: numpy.ndarray) -> Group:
    """:func:`.features_reference._quote_states` as an array: the state machine runs over the quote marks only."""
    n = len(text_at)
    mark = numpy.array([t in _OPEN or t in _CLOSE or t in _STRAIGHT for t in texts] or [False])[text_at]
    at = numpy.flatnonzero(mark)
    out = numpy.full(n, _QUOTE_CODE["out"], dtype=numpy.intp)
    if not len(at):
        return _QUOTE_IDS, out
    inside, after = False, []
    for k in text_at[at].tolist():
        text = texts[k]
        if text in _OPEN:
            inside = True
        elif text in _CLOSE:
            inside = False
        else:
            inside = not inside
        after.append(inside)
    states = [
        "open" if (t in _OPEN or (t in _STRAIGHT and a)) else "close"
        for t, a in zip((texts[k] for k in text_at[at].tolist()), after, strict=True)
    ]
    last = numpy.searchsorted(at, numpy.arange(n), side="right") - 1  # the last mark at or before each token
    within = numpy.zeros(n, dtype=bool)
    seen = last >= 0
    within[seen] = numpy.asarray(after, dtype=bool)[last[seen]]
    out[within] = _QUOTE_CODE["in"]
    out[within & newline] = _QUOTE_CODE["in-break"]
    out[at] = [_QUOTE_CODE[s] for s in states]
    return _QUOTE_IDS, out


def _position_ids(newline: numpy.ndarray, starts: numpy.ndarray) -> Group:
    """Hashed place of each token from the line-break and sentence-start flags: a line break, a paragraph's
    first token, a sentence's first or last, else ``-`` (the first that holds, in that order)."""
    n = len(newline)
    para = numpy.zeros(n, dtype=bool)
    para[:1] = True
    para[1:] = newline[:-1]
    ends = numpy.zeros(n, dtype=bool)
    ends[:-1] = starts[1:]
    code = numpy.select([newline, para, starts, ends], [1, 2, 3, 4], default=0)
    return _POSITIONS, code


_FRAME_MARKS = tuple(sorted({*_FRAME_DEPS, *_FRAME_PUNCT.values()}))


def _frame_ids(
    heads: numpy.ndarray, deps: list[str], dep_at: numpy.ndarray, texts: list[str], text_at: numpy.ndarray
) -> Group:
    """:func:`.features_reference._frames` as an array: each token's frame marks as bits, each distinct set hashed once."""
    n = len(heads)
    bit = {m: 1 << k for k, m in enumerate(_FRAME_MARKS)}
    by_dep = numpy.array([bit.get(d, 0) if d in _FRAME_DEPS else 0 for d in deps] or [0], dtype=numpy.int64)
    by_text = numpy.array([bit[_FRAME_PUNCT[t]] if t in _FRAME_PUNCT else 0 for t in texts] or [0], dtype=numpy.int64)
    punct = numpy.array([d == "punct" for d in deps] or [False])
    mine = numpy.where(by_dep[dep_at] != 0, by_dep[dep_at], numpy.where(punct[dep_at], by_text[text_at], 0))
    mine[heads == numpy.arange(n)] = 0
    masks = numpy.zeros(n, dtype=numpy.int64)
    numpy.bitwise_or.at(masks, heads, mine)
    return _hashed_group(masks, lambda v: "f=" + "+".join(m for k, m in enumerate(_FRAME_MARKS) if v >> k & 1))


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


def _tensor(doc: Doc) -> numpy.ndarray:
    out = numpy.zeros((len(doc), TENSOR_WIDTH), dtype="float32")
    tensor = doc.tensor
    if tensor is not None and getattr(tensor, "ndim", 0) == 2 and tensor.shape[0] == len(doc):
        width = min(TENSOR_WIDTH, tensor.shape[1])
        out[:, :width] = tensor[:, :width]
    return out


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


_QUOTE_STATES = {state: _h("q=" + state) for state in ("open", "close", "in", "out", "in-break")}
_QUOTE_CODE = {state: k for k, state in enumerate(_QUOTE_STATES)}
_QUOTE_IDS = numpy.array(list(_QUOTE_STATES.values()), dtype=numpy.uint64)
_POSITIONS = numpy.array(
    [_h("s=" + pos) for pos in ("-", "newline", "para_start", "sent_start", "sent_end")], dtype=numpy.uint64
)
