"""Speakers of statements: who "he", "the ambassador" or "Andreev" is.

A speaker phrase as written resolves, in order, to an apposed name's actor, an in-article antecedent
(pronouns and definite role nouns: the article knows best who "the ambassador" is), the actors stage's
mention, a bare surname's earlier full name, else the phrase itself. Outer statements resolve first,
so a quote's "I"/"we" take its speaker and its "he"/"she" look past it.

A mixin of the extractor's per-doc run (:class:`.extract._Run`), whose state it reads: ``doc``,
``text``, ``actors``, ``ents``, ``found``, ``speaker_refs``, ``tok_starts``/``tok_ends``, the
rules' helpers ``np_span``, ``apposed_name`` and ``separator_at``, and its own per-doc caches
(``start_speakers``).
"""

from __future__ import annotations

import bisect
from typing import NamedTuple

import numpy
from spacy.attrs import DEP, HEAD, LEMMA, POS
from spacy.symbols import NOUN, PROPN
from spacy.tokens import Span, Token

from eventwire.schema import ActorRef
from eventwire.statements.parse import Found, main_subject

_WINDOW = 150  # tokens to look back for a pronoun's antecedent
_FIRST_PERSON = {"i", "we", "me", "us", "my", "our"}
_THIRD_PERSON = {"he": "person", "she": "person", "they": "plural", "it": "thing"}
_PERSON_KINDS = {"person"}
_PLURAL_KINDS = {"collective", "group", "organisation", "state"}
_THING_KINDS = {"organisation", "state", "group"}


class _Cand(NamedTuple):
    """An earlier phrase a pronoun may stand for: tokens [start, end), chars [start_char, end_char)."""

    end: int
    start: int
    kind: str  # person, plural, thing
    span: Span | None  # None: made when needed (``Speakers.cand_span``)
    start_char: int
    end_char: int


class Speakers:
    """Speaker resolution of the extractor's run."""

    def start_speakers(self) -> None:
        """The per-doc caches of the antecedent search (the run's ``__init__`` calls this)."""
        self._static: list[_Cand] | None = None
        self._static_ends: list[int] = []
        self._np_kinds: dict[tuple[int, int], str | None] = {}
        self._separators: dict[int, bool] = {}
        self._sent_starts: list[int] | None = None
        self._by_lemma: dict[int, list[int]] | None = None

    def resolve_speakers(self, outer_of: dict[int, Found | None]) -> None:
        """Outer statements first, so that a quote's "I"/"we" take its speaker and its "he"/"she"
        look past it."""

        def depth(f: Found) -> int:
            d, cur = 0, outer_of[id(f)]
            while cur is not None and d < 8:
                d, cur = d + 1, outer_of[id(cur)]
            return d

        order = sorted(self.found, key=lambda f: (depth(f), f.cue[0]))  # outer first, then text order
        for f in order:
            if f.speaker is not None or f.speaker_np is None:
                continue
            outer = outer_of[id(f)]
            if outer is not None and outer.speaker is not None:
                if self.span_text(f.speaker_np).lower() in _FIRST_PERSON:
                    f.speaker = self.ref_at(outer.speaker, f.speaker_np)
                    continue
                if outer.direct:
                    f.speaker = self.speaker_ref(f, exclude=outer.speaker)
                    continue
            f.speaker = self.speaker_ref(f)

    def same_actor(self, span: Span, ref: ActorRef) -> bool:
        """Whether an earlier phrase names the actor of ``ref`` (by mention, resolution or name)."""
        mention = self.actors.at_token(span.root)
        if mention is not None and mention.actor_id == ref.id:
            return True
        known = self.speaker_refs.get((span.start, span.end))
        if known is not None and known.id == ref.id:
            return True
        return self.span_text(span) in {ref.text, ref.name} or (
            bool(ref.name) and span[-1].text == ref.name.split()[-1]
        )

    def speaker_ref(self, f: Found, exclude: ActorRef | None = None) -> ActorRef:
        """Resolve a speaker phrase: in-article antecedents first for pronouns and definite role
        nouns (the article knows best who "the ambassador" is), then the actors stage's mention,
        then a bare surname's earlier full name, else the phrase itself."""
        np = f.speaker_np
        if np is None:  # callers only pass statements with a speaker phrase
            raise ValueError("speaker_ref needs a speaker phrase")
        if f.name_np is not None:
            return self.remember(np, self.ref_at(self.resolve_np(f.name_np), np))
        head = np.root
        low = self.span_text(np).lower()
        ante = None
        if len(np) == 1 and head.tag_ in {"WP", "WDT"} and head.head.dep_ == "relcl":
            ante = self.np_span(head.head.head)  # "the people of Kenya, who have said …"
        elif len(np) == 1 and low in _THIRD_PERSON:
            ante = self.pronoun_antecedent(head, _THIRD_PERSON[low], exclude, f.content)
        elif head.pos_ == "NOUN" and np[0].lower_ in {"the", "this", "that"} and not any(t.pos_ == "PROPN" for t in np):
            ante = self.same_head_antecedent(head, np)
        if ante is not None:
            return self.remember(np, self.ref_at(self.resolve_np(ante), np))
        mention = self.actors.at_token(head)
        if mention is not None and self.actors.actors[mention.actor_id].kind != "unresolved":
            return self.remember(np, self.ref_at(self.actors.ref(mention), np))
        if len(np) == 1 and head.pos_ == "PROPN":
            ante = self.surname_antecedent(head)
            if ante is not None:
                return self.remember(np, self.ref_at(self.resolve_np(ante), np))
        return self.remember(np, self.ref_at(self.actors.for_span(np), np))

    def span_text(self, span: Span) -> str:
        """``span.text``, sliced from the doc's text: Span.text joins the span's tokens anew."""
        return self.text[span.start_char : span.end_char] if len(span) else ""

    def ref_at(self, ref: ActorRef, np: Span) -> ActorRef:
        """The resolved actor, but with the mention as written at ``np`` (``dataclasses.replace``
        without its field walk)."""
        return ActorRef(
            id=ref.id,
            text=self.span_text(np),
            start=np.start_char,
            end=np.end_char,
            name=ref.name,
            country=ref.country,
            sector=ref.sector,
        )

    def remember(self, np: Span, ref: ActorRef) -> ActorRef:
        self.speaker_refs[(np.start, np.end)] = ref
        return ref

    def resolve_np(self, span: Span) -> ActorRef:
        """The actor of an antecedent phrase: an earlier speaker's, an apposed name's, or the
        actors stage's."""
        known = self.speaker_refs.get((span.start, span.end))
        if known is not None:
            return known
        name = self.apposed_name(span.root)
        if name is not None:
            span = name
            known = self.speaker_refs.get((span.start, span.end))
            if known is not None:
                return known
        return self.actors.for_span(span)

    def static_candidates(self) -> list[_Cand]:
        """Entities, actor mentions and noun subjects with a rough kind (person, plural, thing),
        sorted by end token; built once per doc. A mention's span is made only when a pronoun
        looks at it (``cand_span``): most are never looked at."""
        if self._static is not None:
            return self._static
        out: list[_Cand] = []
        for ent in self.ents:
            label = ent.label_
            if label == "PERSON":
                out.append(_Cand(ent.end, ent.start, "person", ent, ent.start_char, ent.end_char))
            elif label in {"ORG", "GPE", "NORP"}:
                kind = "plural" if label == "NORP" else "thing"
                out.append(_Cand(ent.end, ent.start, kind, ent, ent.start_char, ent.end_char))
        actors = self.actors.actors
        starts, ends, n = self.tok_starts, self.tok_ends, len(self.tok_starts)
        for m in self.actors.mentions:
            kind = actors[m.actor_id].kind
            if kind in _PERSON_KINDS or kind in _THING_KINDS or kind in _PLURAL_KINDS:
                start, end = m.token_start, m.token_end
                if 0 <= start < end <= n:  # mention_cand's ordinary range, without its own _Cand
                    span, start_char, end_char = None, starts[start], ends[end - 1]
                else:
                    end, start, _, span, start_char, end_char = self.mention_cand(start, end)
                if kind in _PERSON_KINDS:
                    out.append(_Cand(end, start, "person", span, start_char, end_char))
                elif kind in _THING_KINDS:
                    out.append(_Cand(end, start, "thing", span, start_char, end_char))
                if kind in _PLURAL_KINDS:
                    out.append(_Cand(end, start, "plural", span, start_char, end_char))
        for i in self.main_noun_subjects():
            tok = self.doc[i]
            kind = "plural" if tok.tag_ in {"NNS", "NNPS"} else ("person" if tok.ent_type_ == "PERSON" else "thing")
            span = self.np_span(tok)
            out.append(_Cand(span.end, span.start, kind, span, span.start_char, span.end_char))
        out.sort(key=lambda c: c[0])
        self._static = out
        self._static_ends = [c[0] for c in out]
        return out

    def mention_cand(self, a: int, b: int) -> _Cand:
        """A mention's tokens [a, b) as a candidate, its characters read from the token offsets
        (the span is made when needed); a range out of the ordinary gets its span at once."""
        if 0 <= a < b <= len(self.tok_starts):
            return _Cand(b, a, "", None, self.tok_starts[a], self.tok_ends[b - 1])
        span = self.doc[a:b]
        return _Cand(span.end, span.start, "", span, span.start_char, span.end_char)

    def cand_span(self, cand: _Cand) -> Span:
        # a candidate without its span has an ordinary range (mention_cand): no slice to normalise
        return cand.span if cand.span is not None else Span(self.doc, cand.start, cand.end)

    def main_noun_subjects(self) -> list[int]:
        """Each noun subject of a main clause (``main_subject``), read from the doc's arrays: "the
        talks" in "Officials said the talks could resume" is no antecedent."""
        s = self.doc.vocab.strings
        rows = self.doc.to_array([DEP, POS, HEAD])
        dep = rows[:, 0]
        subj = (dep == s["nsubj"]) | (dep == s["nsubjpass"])
        noun = (rows[:, 1] == NOUN) | (rows[:, 1] == PROPN)  # POS values are part-of-speech ids, not string hashes
        found = numpy.flatnonzero(subj & noun)
        if not len(found):
            return []
        # the heads of the found words only (HEAD holds the offset to the head, as unsigned ints)
        head = found + rows[found, 2].astype(numpy.int64)
        conj = dep[head] == s["conj"]
        head[conj] += rows[head[conj], 2].astype(numpy.int64)
        top = dep[head]
        return found[(top == s["ROOT"]) | (top == s["parataxis"])].tolist()

    def candidates(self, before: int) -> list[_Cand]:
        """Earlier mentions (within a window of _WINDOW tokens) with a rough kind."""
        static = self.static_candidates()
        hi = bisect.bisect_right(self._static_ends, before)
        lo = bisect.bisect_left(self._static_ends, before - _WINDOW)
        out = static[lo:hi]
        for f in self.found:
            np = f.speaker_np
            if np is not None and before - _WINDOW <= np.end <= before:
                kind = self.speaker_kind(np)
                if kind is not None:
                    out.append(_Cand(np.end, np.start, kind, np, np.start_char, np.end_char))
        return out

    def speaker_kind(self, np: Span) -> str | None:
        """An earlier speaker phrase's rough kind as an antecedent (plural, person, or None), kept
        by token range: the same phrases are asked about for every pronoun after them."""
        key = (np.start, np.end)
        if key not in self._np_kinds:
            root = np.root
            if root.tag_ in {"NNS", "NNPS"}:
                self._np_kinds[key] = "plural"
            elif root.pos_ in {"NOUN", "PROPN"} and root.ent_type_ not in {"GPE", "ORG", "NORP"}:
                self._np_kinds[key] = "person"
            else:
                self._np_kinds[key] = None
        return self._np_kinds[key]

    def sent_bounds(self, i: int) -> tuple[int, int]:
        """First token of the sentence holding token ``i`` and of the next one."""
        k = self.sent_index(i)
        starts = self._sent_starts
        return starts[k], starts[k + 1] if k + 1 < len(starts) else len(self.doc) + 1

    def sent_index(self, i: int) -> int:
        """Index of the sentence holding token ``i`` (sentence starts computed once)."""
        if self._sent_starts is None:
            self._sent_starts = [s.start for s in self.doc.sents]
        return bisect.bisect_right(self._sent_starts, i) - 1

    def is_separator(self, i: int) -> bool:
        """``separator`` of token ``i``, kept per token."""
        got = self._separators.get(i)
        if got is None:
            got = self._separators[i] = self.separator_at(i)
        return got

    def pronoun_antecedent(
        self, pron: Token, kind: str, exclude: ActorRef | None = None, content: tuple[int, int] = (0, 0)
    ) -> Span | None:
        """The nearest earlier mention of the right kind, preferring its sentence's subject; inside
        a quote, never the quote's own speaker ("he" in Clinton's words is not Clinton)."""
        n = len(self.doc)
        cands = [
            c
            for c in self.candidates(pron.i)
            if c.kind == kind
            and not (c.end < n and self.is_separator(c.end))  # not a dateline
            and not (content[0] <= c.start_char and c.end_char <= content[1])  # "The talks, they said, …"
            and not (exclude is not None and self.same_actor(self.cand_span(c), exclude))  # tests are pure
        ]
        if not cands:
            return None
        nearest = max(cands, key=lambda c: (c.end, -c.start))
        lo, hi = self.sent_bounds(nearest.start)
        subjects = [c for c in cands if lo <= c.start < hi and main_subject(self.cand_span(c).root)]
        if subjects:
            return self.cand_span(min(subjects, key=lambda c: c.start))
        return self.cand_span(nearest)

    def same_head_antecedent(self, head: Token, np: Span) -> Span | None:
        if self._by_lemma is None:  # lemma id -> token indexes of nouns, from the doc arrays
            self._by_lemma = {}
            rows = self.doc.to_array([LEMMA, POS])
            nouns = numpy.flatnonzero((rows[:, 1] == NOUN) | (rows[:, 1] == PROPN))
            for i, lemma in zip(nouns.tolist(), rows[nouns, 0].tolist(), strict=True):
                self._by_lemma.setdefault(lemma, []).append(i)
        strings = self.doc.vocab.strings
        lemma = head.lemma_
        keys = {strings[lemma], strings[lemma.lower()], strings[lemma.capitalize()]}
        positions = sorted(i for key in keys for i in self._by_lemma.get(key, ()))
        k = bisect.bisect_left(positions, np.start)
        if k > 0 and np.start - positions[k - 1] <= _WINDOW * 2:
            top = self.doc[positions[k - 1]]
            while top.dep_ in {"compound", "amod"} and top.head.i > top.i:
                top = top.head
            return self.np_span(top)
        return None

    def surname_antecedent(self, tok: Token) -> Span | None:
        for ent in reversed([e for e in self.ents if e.end <= tok.i]):
            if ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].text == tok.text:
                return ent
        word, n = tok.text, len(self.tok_starts)
        for m in reversed(self.actors.mentions):
            a, b = m.token_start, m.token_end
            if 0 <= a < b <= n:  # an ordinary range: its last word read from the text, the span made if chosen
                if b <= tok.i and b - a > 1 and self.text[self.tok_starts[b - 1] : self.tok_ends[b - 1]] == word:
                    return Span(self.doc, a, b)
                continue
            span = self.doc[a:b]
            if b <= tok.i and len(span) > 1 and span[-1].text == word:
                return span
        return None
