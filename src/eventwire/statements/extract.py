"""Statement extraction: who said (believes, wants) what, to whom, where.

Three passes over one parsed article:

1. **Direct speech.** Quoted segments come from the raw characters (:mod:`.quotes`); each quote (or
   chain of paragraphs of one quote) is tied to the cue verb right after it ("…," Andreev said) or
   right before it (Andreev said: "…" / said, "…"). A split quote gives one statement per segment,
   sharing speaker and cue.
2. **Indirect speech.** A cue verb with a clausal complement ("X said (that) …", "X told Y …",
   "X believes …", "X wants to …"), a cue verb after its content ("…, the spokesman said"), and the
   phrase "according to X". Runs inside quotes too, which gives nested attribution.
3. **Cue-less quotes** right after a statement continue it (same speaker and cue).

Speakers are noun phrases as written; pronouns, definite role nouns ("the spokesman") and bare
surnames are resolved to the actor of an earlier mention, first person inside a quote to the
quote's speaker (:mod:`.speakers`). Everything is dictionary lookups on the parse: no scans over
the lexicon.

With the learned tagger, its role spans are joined into statements instead (:mod:`.tagged`); the rules'
statements are kept beside them for the readers trained on them. Speakers, tagged spans and the line frames
of :mod:`.lines` are mixins of one per-doc run (``_Run``), which holds the parse caches they share.
"""

from __future__ import annotations

import bisect
from dataclasses import replace

import numpy
from spacy.attrs import IDX, LEMMA, LENGTH, LOWER
from spacy.tokens import Doc, Span, Token

from eventwire.actors.table import ArticleActors
from eventwire.nlp import among, doc_text
from eventwire.schema import ActorRef, Evidence, Statement
from eventwire.statements.lexicon import CueLexicon
from eventwire.statements.lines import QUOTE_CHARS, LineFrames
from eventwire.statements.parse import SEPARATOR_TEXTS, SOMEONE_ENTS, Found, has_that, separator
from eventwire.statements.quotes import QuoteSegment, find_quotes
from eventwire.statements.speakers import Speakers
from eventwire.statements.tagged import TaggedSpans
from eventwire.statements.tagger import SHIPPED, AttributionTagger

_SUBJ = ("nsubj", "nsubjpass", "csubj")
_CONTRAST = {"while", "whereas", "although", "though"}
_NEST_LOOKBACK = 24  # statements starting before another that may hold it
_CUT_DEPS = {"appos", "relcl", "acl", "punct", "advcl", "parataxis"}
_CLAUSE_END = {".", "!", "?", ";"}
_EDGE_PUNCT = {".", ",", ";", ":", "!", "?", "…", "—", "–", "-", "--"}  # trimmed off indirect content (not "%")
_UNSET = object()  # not asked yet (None is an answer)


class StatementExtractor:
    """Extract statements from parsed docs with a loaded :class:`CueLexicon`."""

    def __init__(self, lexicon: CueLexicon, tagger: AttributionTagger | None = None) -> None:
        self.lex = lexicon
        self.tagger = tagger

    @classmethod
    def from_files(cls, extra_files=(), *, learned: bool = True) -> StatementExtractor:
        """Load the shipped cue lexicon plus the user's overlay files, and the shipped tagger
        (``learned=False``: the rules alone, under the rules' own span conventions)."""
        tagger = AttributionTagger.from_dir() if learned and (SHIPPED / "manifest.json").is_file() else None
        return cls(CueLexicon.from_files(extra_files), tagger)

    # ------------------------------------------------------------------ entry point
    def extract(self, doc: Doc, actors: ArticleActors) -> list[Statement]:
        """All statements of ``doc``, ids ``s1, s2, ...`` in text order."""
        return self.extract_with_rules(doc, actors)[0]

    def extract_with_rules(self, doc: Doc, actors: ArticleActors) -> tuple[list[Statement], list[Statement]]:
        """(statements, the rules' statements): the same list without a tagger. The rules' own are
        for readers built on them (the events coder was trained on them), at no extra cost."""
        if not len(doc):
            return [], []
        run = _Run(self.lex, doc, actors)
        rules = run.statements()
        if self.tagger is None:
            return rules, rules
        run.found, run.speaker_refs = [], {}  # the parse caches stay, the rules' findings go
        run.from_tagged(self.tagger.spans(doc, self.lex, rules))
        return run.assemble(), rules


class _Run(LineFrames, Speakers, TaggedSpans):
    """The state of one extraction over one doc."""

    def __init__(self, lex: CueLexicon, doc: Doc, actors: ArticleActors) -> None:
        self.lex = lex
        self.doc = doc
        self.text = doc_text(doc)  # kept on the doc by the pipeline: Doc.text joins every token anew
        self.actors = actors
        rows = doc.to_array([IDX, LENGTH]).astype(numpy.int64)
        self.tok_starts = rows[:, 0].tolist()
        self.tok_ends = (rows[:, 0] + rows[:, 1]).tolist()  # char after each token (increasing)
        self.used_cues: set[int] = set()
        self.found: list[Found] = []
        self.speaker_refs: dict[tuple[int, int], ActorRef] = {}
        self.quote_bounds: list[tuple[int, int]] = []
        self._kids: dict[int, tuple[Token, ...]] = {}
        self.lemma_lower = doc.to_array([LEMMA, LOWER])
        self.citing_present = bool((self.lemma_lower[:, :1] == lex.citing_ids()).any())
        self.quote_starts: list[int] = []
        self.ents = list(doc.ents)
        self._cue_kinds: dict[tuple[int, int], str] = {}
        self._venues: dict[tuple[int, int], str | None] = {}
        self._addressees: dict[tuple[int, int], str | None] = {}
        self.start_speakers()
        self.start_tagged()

    def kids(self, tok: Token) -> tuple[Token, ...]:
        """``tok.children``, made once per token: the rules ask for them again and again."""
        got = self._kids.get(tok.i)
        if got is None:
            got = self._kids[tok.i] = tuple(tok.children)
        return got

    # ------------------------------------------------------------------ helpers on offsets
    def tok_at(self, char: int) -> int:
        """Index of the token covering (or starting after) ``char``."""
        i = bisect.bisect_right(self.tok_starts, char) - 1
        return max(i, 0)

    def separator_at(self, k: int) -> bool:
        """``separator(doc[k])`` read from the text and the token offsets, without a Token: a token's
        whitespace is the gap before the next token (or the text's end)."""
        start, end = self.tok_starts[k], self.tok_ends[k]
        word = self.text[start:end]
        if "\n" in word or word in SEPARATOR_TEXTS:
            return True
        if word == "-":
            if k > 0 and self.tok_ends[k - 1] < start:
                return True
            return end < (self.tok_starts[k + 1] if k + 1 < len(self.tok_starts) else len(self.text))
        return False

    def tokens_between(self, start: int, end: int) -> list[Token]:
        """Tokens wholly inside chars [start, end)."""
        i = bisect.bisect_left(self.tok_starts, start)
        j = max(i, bisect.bisect_right(self.tok_ends, end))  # the first token from i on that ends past ``end``
        doc = self.doc
        return [doc[k] for k in range(i, j)]

    # ------------------------------------------------------------------ cue tests
    def cue_kind(self, tok: Token) -> str | None:
        """The kind of cue a verb token is (speech/belief/intention), or None."""
        if not tok.tag_.startswith("VB"):
            return None
        for child in self.kids(tok):
            if child.dep_ == "prt":
                kind = self.lex.particle_verbs.get((tok.lemma_.lower(), child.lower_))
                if kind:
                    return kind
        return self.lex.verbs.get(tok.lemma_.lower())

    def cue_span(self, tok: Token) -> tuple[int, int]:
        """Char offsets of the cue: the verb, plus its particle when it is a particle verb."""
        for child in self.kids(tok):
            if (
                child.dep_ == "prt"
                and child.i == tok.i + 1
                and (tok.lemma_.lower(), child.lower_) in self.lex.particle_verbs
            ):
                return tok.idx, child.idx + len(child)
        return tok.idx, tok.idx + len(tok)

    def negated(self, tok: Token) -> bool:
        return any(c.dep_ == "neg" for c in self.kids(tok))

    # ------------------------------------------------------------------ noun phrases
    def np_span(self, head: Token) -> Span:
        """The noun phrase of ``head`` as written, without appositions, relative clauses and
        comma-set-off parts."""
        left, right = head.left_edge.i, head.right_edge.i
        for child in head.rights:
            if child.dep_ in _CUT_DEPS or child.text in {",", "(", "—", "–"}:
                right = min(right, child.left_edge.i - 1)
                break
        for child in head.lefts:
            if child.dep_ in {"advcl", "parataxis"} or child.text == "," or self.separator_at(child.i):
                left = max(left, child.right_edge.i + 1)
        for k in range(head.i - 1, left - 1, -1):  # a dateline ("MOSCOW - ") or a line break ends the phrase
            if self.separator_at(k):
                left = k + 1
                break
        doc = self.doc
        while left < right:
            tok = doc[left]
            if not (tok.is_punct or tok.text in QUOTE_CHARS or tok.is_space):
                break
            left += 1
        while right > left:
            tok = doc[right]
            if not (tok.is_punct or tok.text in QUOTE_CHARS or tok.dep_ == "case" or tok.is_space):
                break
            right -= 1
        left = min(left, head.i)
        right = max(right, head.i)
        return Span(doc, left, right + 1)  # doc[left : right + 1] without the slice's normalising

    def apposed_name(self, head: Token) -> Span | None:
        """A proper name in apposition to a role phrase: the most specific handle on the actor."""
        if head.pos_ == "PROPN" and head.ent_type_ == "PERSON":
            return None
        for child in head.rights:
            if child.dep_ == "appos" and (child.ent_type_ == "PERSON" or child.pos_ == "PROPN"):
                return self.np_span(child)
        return None

    def speech_noun_speaker(self, head: Token) -> tuple[Token | None, str | None]:
        """For "X's statement" / "a statement from X": (X's head token, venue word)."""
        if head.lemma_.lower() not in self.lex.speech_nouns:
            return None, None
        venue = head.text.lower()
        for child in self.kids(head):
            if child.dep_ == "poss":
                return child, venue
        for child in self.kids(head):
            if child.dep_ == "prep" and child.lower_ in {"from", "by", "of"}:
                for pobj in self.kids(child):
                    if pobj.dep_ == "pobj":
                        return pobj, venue
        return None, venue

    def subject_of(self, verb: Token) -> Token | None:
        """The grammatical subject of a cue verb, climbing to the head for participles and
        conjoined verbs ("…, adding that", "said … and added")."""
        cur = verb
        for _ in range(4):
            subjects = [c for c in self.kids(cur) if c.dep_ in _SUBJ]
            if subjects:  # a dateline can pose as a second subject: take the nearest one
                before = [c for c in subjects if c.i < cur.i]
                subj = max(before, key=lambda c: c.i) if before else subjects[0]
                return self.past_dateline(subj, cur)
            if (  # "He said X held the hand, adding: …": the parser hangs "adding" on the reported clause
                cur.dep_ == "advcl"
                and cur.tag_ == "VBG"
                and cur.head.dep_ in {"ccomp", "conj"}
                and cur.head.head.i < cur.head.i
                and self.cue_kind(cur.head.head)
            ):
                cur = cur.head.head
                continue
            if cur.dep_ in {"conj", "advcl", "xcomp"} and cur.head.i != cur.i:
                cur = cur.head
                continue
            if cur.dep_ == "pcomp" and cur.head.dep_ == "prep":  # "quoted as saying"
                cur = cur.head.head
                # "TASS quoted Peskov as saying": the one quoted speaks, not the agency
                obj = next((c for c in self.kids(cur) if c.dep_ == "dobj"), None)
                if obj is not None and cur.lemma_.lower() in {"quote", "cite"}:
                    return obj
                continue
            break
        # the parser sometimes mislabels a clause-initial name ("Orban, speaking on radio, said")
        for child in verb.lefts:
            if child.dep_ in {"advmod", "npadvmod", "dep", "nmod"} and (
                child.pos_ in {"PROPN", "NOUN"} or child.ent_type_ in SOMEONE_ENTS
            ):
                return child
        return None

    def past_dateline(self, subj: Token, verb: Token) -> Token:
        """ "NAIROBI, June 12 (Reuters) - Kenya's President William Ruto said": the parser makes the
        dateline the subject and the speaker its apposition; take the phrase after the dash."""
        if not subj.i < verb.i:
            return subj
        sep = next((k for k in range(subj.i + 1, verb.i) if separator(self.doc[k]) and self.doc[k].text != ":"), None)
        if sep is None:
            return subj
        for child in subj.rights:
            if child.i > sep and child.dep_ in {"appos", "conj", "npadvmod", "dep"}:
                return child
        return subj

    # ------------------------------------------------------------------ venue / addressee
    def venue_of(self, tokens: list[Token]) -> str | None:
        """The venue phrase among the prepositional children of ``tokens``."""
        for tok in tokens:
            for prep in self.kids(tok):
                if prep.dep_ != "prep" or prep.lower_ not in self.lex.venue_preps:
                    continue
                for pobj in self.kids(prep):
                    if pobj.dep_ != "pobj":
                        continue
                    right = pobj.right_edge.i
                    for k in range(pobj.i + 1, right + 1):  # stop at a clause, a date or a comma
                        tok = self.doc[k]
                        if (
                            tok.dep_ in {"mark", "relcl", "punct"}
                            or (tok.dep_ == "acl" and (tok.tag_ not in {"VBN", "VBG"} or has_that(tok)))
                            or tok.ent_type_ in {"DATE", "TIME"}
                            or (tok.dep_ == "prep" and any(t.ent_type_ in {"DATE", "TIME"} for t in self.kids(tok)))
                        ):
                            right = min(right, (tok.left_edge.i if tok.dep_ != "punct" else k) - 1)
                            break
                    span = self.doc[pobj.left_edge.i : right + 1]
                    words = [
                        t
                        for t in span
                        if not (t.i < pobj.i and t.dep_ in {"det", "poss"} and t.head.i == pobj.i) and not t.is_space
                    ]
                    text = self.text[words[0].idx : words[-1].idx + len(words[-1])] if words else ""
                    head_word = self.text[pobj.left_edge.idx : pobj.idx + len(pobj)].lower().split()
                    if not (
                        pobj.lemma_.lower() in self.lex.venue_nouns
                        or (head_word and head_word[-1] in self.lex.venue_nouns)
                        or text in self.lex.platforms
                        or text.rstrip(".") in self.lex.platforms
                    ):
                        continue
                    if text.rstrip(".") in self.lex.platforms:  # "on X." tokenised as one word
                        return text.rstrip(".")
                    nxt = self.doc[right + 1] if right + 1 < len(self.doc) else None
                    if (  # "in an op-ed for the Financial Times": the outlet hangs on the verb
                        nxt is not None
                        and nxt.dep_ == "prep"
                        and nxt.lower_ in {"for", "with", "on"}
                        and any(
                            c.dep_ == "pobj" and c.pos_ == "PROPN" and c.ent_type_ not in {"DATE", "TIME", "GPE"}
                            for c in self.kids(nxt)
                        )
                    ):
                        end = nxt.right_edge
                        text = self.text[words[0].idx : end.idx + len(end)]
                    return text or None
        return None

    def addressee_of(self, verb: Token, subj: Token | None) -> str | None:
        """Whom the words were addressed to: "told reporters", "said to journalists",
        "speaking to reporters, X said"."""
        hosts = [*self.kids(verb), *(self.kids(subj) if subj is not None else ())]
        for child in hosts:  # "speaking to reporters, X said" / "X, speaking to reporters, said"
            if child.dep_ in {"advcl", "acl"} and child.lemma_ in {"speak", "talk"}:
                got = self._to_object(child)
                if got:
                    return got
        lemma = verb.lemma_.lower()
        for child in self.kids(verb):
            if (
                child.dep_ in {"dobj", "dative"}
                and lemma in self.lex.addressee_verbs
                and child.tag_ not in {"WP", "WDT"}
            ):
                return self.span_text(self.np_span(child))
        if lemma not in self.lex.addressee_verbs:
            return self._to_object(verb)
        return None

    def _to_object(self, verb: Token) -> str | None:
        for child in self.kids(verb):
            if child.dep_ == "prep" and child.lower_ == "to":
                for pobj in self.kids(child):
                    if pobj.dep_ == "pobj":
                        return self.span_text(self.np_span(pobj))
        return None

    def cue_venue(self, verb: Token, subj: Token | None) -> str | None:
        """``venue_of(venue_tokens(verb, subj))``, kept per verb and subject: the rules and the
        tagger's spans ask about the same cues."""
        key = (verb.i, -1 if subj is None else subj.i)
        got = self._venues.get(key, _UNSET)
        if got is _UNSET:
            got = self._venues[key] = self.venue_of(self.venue_tokens(verb, subj))
        return got

    def cue_addressee(self, verb: Token, subj: Token | None) -> str | None:
        """``addressee_of(verb, subj)``, kept per verb and subject (as ``cue_venue``)."""
        key = (verb.i, -1 if subj is None else subj.i)
        got = self._addressees.get(key, _UNSET)
        if got is _UNSET:
            got = self._addressees[key] = self.addressee_of(verb, subj)
        return got

    def venue_tokens(self, verb: Token, subj: Token | None) -> list[Token]:
        """Where venue phrases hang: the verb, and a "speaking on …" participle on the subject."""
        out = [verb]
        if subj is not None:
            out.extend(c for c in self.kids(subj) if c.dep_ in {"acl", "advcl"})
        out.extend(c for c in self.kids(verb) if c.dep_ == "advcl" and c.lemma_ in {"speak", "write"})
        return out

    # ------------------------------------------------------------------ building
    def add(
        self,
        cue_tok: Token,
        cue: tuple[int, int],
        content: tuple[int, int],
        direct: bool,
        subj: Token | None,
    ) -> Found | None:
        if content[1] <= content[0]:
            return None
        speaker_np = None
        name_np = None
        venue = None
        if subj is not None:
            owner, venue = self.speech_noun_speaker(subj)
            if owner is None:  # "the statement said": the statement speaks, it is no venue
                venue = None
            speaker_np = self.np_span(owner if owner is not None else subj)
            for other in self.kids(subj.head):  # "the regional bloc ECOWAS" parsed as two subjects
                if (
                    other.dep_ in _SUBJ
                    and other.i != subj.i
                    and other.right_edge.i + 1 == speaker_np.start
                    and not any(separator(t) or t.is_punct for t in self.doc[other.left_edge.i : speaker_np.start])
                ):
                    speaker_np = self.doc[other.left_edge.i : speaker_np.end]
            name_np = self.apposed_name(owner if owner is not None else subj)
        venue = self.cue_venue(cue_tok, subj) or venue
        found = Found(
            cue=cue,
            content=content,
            direct=direct,
            speaker_np=speaker_np,
            cue_token=cue_tok.i,
            venue=venue,
            addressee=self.cue_addressee(cue_tok, subj),
            name_np=name_np,
        )
        self.found.append(found)
        if self.citing_present:
            self.add_cited(found, cue_tok)
        return found

    def add_cited(self, found: Found, cue_tok: Token) -> None:
        """ "…, Interfax said, citing a source": the source said it first, the agency reports it."""
        hosts = [cue_tok, *(c for c in self.kids(cue_tok) if c.dep_ == "ccomp")]
        for host in hosts:
            for child in self.kids(host):
                if not (
                    child.dep_ == "advcl"
                    and child.tag_ == "VBG"
                    and child.lemma_.lower() in self.lex.citing_verbs
                    and not (found.content[0] <= child.idx < found.content[1])
                ):
                    continue
                obj = next((c for c in self.kids(child) if c.dep_ == "dobj"), None)
                if obj is None:
                    continue
                self.used_cues.add(child.i)
                self.found.append(
                    Found(
                        cue=(child.idx, child.idx + len(child)),
                        content=found.content,
                        direct=found.direct,
                        speaker_np=self.np_span(obj),
                        cue_token=child.i,
                        name_np=self.apposed_name(obj),
                        via=found,
                    )
                )
                return

    # ------------------------------------------------------------------ pass 1: direct speech
    def direct(self) -> list[QuoteSegment]:
        """Tie quotes to cues; return the segments left without a cue."""
        segments = find_quotes(self.text)
        self.quote_bounds = [(q.open, q.after) for q in segments]
        self.quote_starts = [q.open for q in segments]
        chains: dict[int, list[QuoteSegment]] = {}
        for seg in segments:
            chains.setdefault(seg.chain, []).append(seg)
        cueless: list[QuoteSegment] = []
        for chain in chains.values():
            cue_tok = self.cue_before(chain[0], colon_only=True)
            if cue_tok is None:
                cue_tok = self.cue_after(chain[-1])
            if cue_tok is None:
                cue_tok = self.cue_before(chain[0], colon_only=False)
            if cue_tok is None:
                cueless.extend(chain)
                continue
            self.used_cues.add(cue_tok.i)
            phrase = self.phrase_at(cue_tok)
            if phrase is not None:  # '"…," according to the ministry'
                cue, subj = phrase
            else:
                cue = self.cue_span(cue_tok)
                subj = self.subject_of(cue_tok) or self.inverted_subject(cue_tok)
            for seg in chain:
                found = self.add(cue_tok, cue, (seg.start, seg.end), True, subj)
                if found is not None and phrase is not None:
                    found.addressee = None
        return cueless

    def phrase_at(self, tok: Token) -> tuple[tuple[int, int], Token] | None:
        """A fixed cue phrase starting at ``tok`` ("according to X"): (cue offsets, X's head)."""
        phrase = self.lex.phrases.get(tok.lower_)
        if phrase is None or tok.i + len(phrase) > len(self.doc):
            return None
        words = self.doc[tok.i : tok.i + len(phrase)]
        if [t.lower_ for t in words] != list(phrase):
            return None
        pobj = next((c for c in self.kids(words[-1]) if c.dep_ == "pobj"), None)
        if pobj is None:
            return None
        return (tok.idx, words[-1].idx + len(words[-1])), pobj

    def inverted_subject(self, verb: Token) -> Token | None:
        """A speaker the parser left unattached after the verb ('…," said the minister')."""
        for child in verb.rights:
            if child.dep_ in {"dobj", "attr", "npadvmod"} and child.pos_ in {"PROPN", "NOUN"}:
                return child
        return None

    def cue_after(self, seg: QuoteSegment) -> Token | None:
        """A cue verb opening the frame right after the quote ('…," Andreev said')."""
        if seg.close is None:
            return None
        toks = self.frame_after(seg.after, seg.para_end)
        if not toks:
            return None
        if seg.closing_punct == "." and not (toks[0].is_lower or toks[0].text == ","):
            return None
        if not seg.closing_punct and toks[0].text not in {",", "—", "–", "-"} and not self.cue_kind(toks[0]):
            return None  # a quoted phrase inside a clause ('accused him of "dangerous" rhetoric')
        for tok in toks[:40]:  # the speaker phrase may carry a relative clause before the cue
            if tok.text in _CLAUSE_END or tok.text in QUOTE_CHARS:
                return None
            if (self.cue_kind(tok) and not self.negated(tok)) or self.phrase_at(tok) is not None:
                return tok
            if tok.pos_ in {"VERB", "AUX"} and tok.dep_ not in {"aux", "auxpass", "acl", "relcl", "amod"}:
                return None  # another clause starts before any cue
        return None

    def cue_before(self, seg: QuoteSegment, *, colon_only: bool) -> Token | None:
        """A cue verb ending the frame right before the quote ('Andreev said: "…"')."""
        j = seg.open - 1
        while j >= 0 and self.text[j].isspace():
            j -= 1
        if j < 0:
            return None
        mark = self.text[j]
        if not colon_only and mark.isalpha():  # 'he said "we will win"'
            tok = self.doc[self.tok_at(j)]
            if self.cue_kind(tok) and not self.negated(tok) and not has_that(tok):
                return tok
            return None
        if mark != ":" and (colon_only or mark != ","):
            return None
        if mark != ":" and j < seg.para_start:
            return None
        end_tok = self.tok_at(j)
        for k in range(end_tok - 1, max(end_tok - 25, -1), -1):
            tok = self.doc[k]
            if tok.text in _CLAUSE_END or tok.text in QUOTE_CHARS:
                return None
            if self.cue_kind(tok) and not self.negated(tok):
                return tok
        return None

    def frame_after(self, start: int, para_end: int) -> list[Token]:
        toks = self.tokens_between(start, para_end)
        return [t for t in toks if not t.is_space]

    # ------------------------------------------------------------------ pass 2: indirect speech
    def cue_candidates(self) -> list[int]:
        """Indexes of tokens that may start a cue, found on the doc's attribute arrays so that no
        Token object is made for the other tokens."""
        lemma_ids, lower_ids = self.lex.hash_ids()
        arr = self.lemma_lower
        return numpy.flatnonzero(among(arr[:, 0], lemma_ids) | among(arr[:, 1], lower_ids)).tolist()

    def indirect(self) -> None:
        lex = self.lex
        for i in self.cue_candidates():
            tok = self.doc[i]
            if tok.i in self.used_cues:
                continue
            phrase = lex.phrases.get(tok.lower_)
            if phrase is not None:
                self.according(tok, phrase)
                continue
            if tok.pos_ == "NOUN" and tok.lemma_.lower() in lex.noun_cues:
                self.noun_statement(tok)
                continue
            kind = self.cue_kind(tok)
            if kind is None or self.negated(tok) or self.unrealised(tok):
                continue
            if tok.dep_ == "relcl" and not any(c.dep_ in _SUBJ and c.tag_ in {"WP", "WDT"} for c in self.kids(tok)):
                continue  # "the proposal, which it said had been presented": no reported clause of its own
            if (  # "Asked whether …, X said": a bare passive participle asks of X, X does not say
                tok.tag_ == "VBN"
                and tok.dep_ in {"advcl", "acl"}
                and not any(c.dep_ in {"nsubj", "aux"} for c in self.kids(tok))
            ):
                continue
            if any(c.dep_ == "auxpass" for c in self.kids(tok)):
                continue
            content = self.complement(tok, kind)
            if content is None:
                continue
            subj = self.subject_of(tok)
            if subj is None:
                continue
            if subj.lower_ in {"it", "there"} and subj.dep_ == "nsubj" and subj.i > tok.i:
                continue
            self.used_cues.add(tok.i)
            if self.quote_of(tok.idx) != self.quote_of(content[0]):
                continue  # 'Ryabkov said: «We have warned them»': a cue inside a quote, content outside
            self.add(tok, self.cue_span(tok), content, False, subj)

    def unrealised(self, verb: Token) -> bool:
        """Words not (yet) said: "declined to say", "is expected to announce", "has yet to
        confirm", "wants to say"; or said by nobody ("Nobody said …")."""
        if verb.dep_ == "xcomp":
            head = verb.head
            if head.lemma_.lower() in self.lex.blocking_heads or self.negated(head):
                return True
            if any(c.lower_ == "yet" for c in self.kids(head)):
                return True
        subj = next((c for c in self.kids(verb) if c.dep_ in _SUBJ), None)
        return (
            subj is not None
            and subj.lower_ in {"nobody", "no-one", "none"}
            or (subj is not None and subj.lower_ == "one" and any(c.lower_ == "no" for c in self.kids(subj)))
        )

    def noun_statement(self, noun: Token) -> None:
        """ "Putin's claim that NATO provoked the war", "the warning by the IAEA that …": a speech
        noun with its owner and a that-clause is a statement, the noun its cue."""
        owner = None
        for child in self.kids(noun):
            if child.dep_ == "poss" and child.tag_ not in {"PRP$", "WP$"}:
                owner = child
        by = None
        if owner is None:
            for prep in self.kids(noun):
                if prep.dep_ == "prep" and prep.lower_ in {"by", "from"}:
                    by = next((c for c in self.kids(prep) if c.dep_ == "pobj"), None)
                    owner = by
        if owner is None:
            return
        clause = next((c for c in self.kids(noun) if c.dep_ in {"acl", "ccomp"} and has_that(c) and c.i > noun.i), None)
        if clause is None and by is not None:  # "the warning by the IAEA that …" hung on the IAEA
            clause = next(
                (
                    c
                    for c in self.kids(by)
                    if c.dep_ == "relcl"
                    and c.left_edge.lower_ == "that"
                    and any(g.dep_ in _SUBJ and g.i != c.left_edge.i for g in self.kids(c))
                ),
                None,
            )
        if clause is None:
            return
        content = self.trim(clause.left_edge.i, clause.right_edge.i)
        if content is None:
            return
        self.used_cues.add(noun.i)
        found = self.add(noun, (noun.idx, noun.idx + len(noun)), content, False, owner)
        if found is not None:
            found.addressee = None
            found.venue = None

    def quote_of(self, char: int) -> int | None:
        """Index of the quote segment (marks included) holding ``char``, if any."""
        k = bisect.bisect_right(self.quote_starts, char) - 1
        if k >= 0 and char < self.quote_bounds[k][1]:
            return k
        return None

    def complement(self, verb: Token, kind: str) -> tuple[int, int] | None:
        """Char offsets of the reported clause of ``verb``, or None when it has none.

        A clause hanging on the cue is taken first; a cue with none (an as-clause, a parenthetical
        or trailing "he said") reports the clause around it instead.
        """
        comp = self.cue_clause(verb, kind)
        if comp is None:
            return self.clause_around_cue(verb)
        if kind == "belief" and comp.i > verb.i and self.asks_rather_than_believes(verb, comp):
            return None  # "knows why …" states no belief
        left, right = comp.left_edge.i, comp.right_edge.i
        if comp.i < verb.i:  # content first: "…, the spokesman said"
            if not self.set_off_before_cue(comp):
                return None
            right = self.end_before_cue_modifiers(verb, comp, right)
        if comp.i > verb.i:
            right = self.end_of_following_clause(verb, comp, right)
            left = self.start_after_cue_date(comp, left)
        return self.trim(left, right)

    def cue_clause(self, verb: Token, kind: str) -> Token | None:
        """The head of the clause ``verb`` reports, in order of trust: a clausal complement (one
        after the cue first, never one across a paragraph break, which the parser joins), an
        infinitive for cues that take one, a noun clause, then a that-clause mis-attached as an
        adverbial or conjunct ("claimed, without offering evidence, that …" parsed as advcl)."""
        comps = [c for c in self.kids(verb) if c.dep_ == "ccomp" and not self.crosses_paragraph(c, verb)]
        comp = next((c for c in comps if c.i > verb.i), comps[0] if comps else None)
        if comp is None and (kind in {"intention", "belief"} or verb.lemma_.lower() in self.lex.infinitive_cues):
            comp = next((c for c in self.kids(verb) if c.dep_ == "xcomp" and c.i > verb.i), None)
        if comp is None:
            comp = self.noun_clause(verb)
        if comp is None:
            comp = next((c for c in verb.rights if c.dep_ in {"advcl", "conj"} and has_that(c)), None)
        return comp

    def asks_rather_than_believes(self, verb: Token, comp: Token) -> bool:
        """Whether a belief cue's clause is an embedded question ("knows why …", "whether …"),
        which states no belief, unless the cue itself is one of asking (``asking_cues``: "wonder", "ask")."""
        first = comp.left_edge
        if not (first.tag_ in {"WDT", "WP", "WRB"} or first.lower_ in {"whether", "if"}):
            return False
        return verb.lemma_.lower() not in self.lex.asking_cues

    def set_off_before_cue(self, comp: Token) -> bool:
        """Whether content placed before its cue ends at punctuation or a quote mark (but not a
        colon): without one the parse of a fronted clause is too often wrong to trust."""
        nxt = comp.right_edge.i + 1
        after = self.doc[nxt] if nxt < len(self.doc) else None
        return after is not None and (after.is_punct or after.text in QUOTE_CHARS) and after.text != ":"

    def end_before_cue_modifiers(self, verb: Token, comp: Token, right: int) -> int:
        """Stop fronted content before any left child of the cue that follows the clause (the
        speaker and the cue's own words sit between content and cue)."""
        for child in verb.lefts:
            if child.i > comp.i:
                right = min(right, child.left_edge.i - 1)
        return right

    def end_of_following_clause(self, verb: Token, comp: Token, right: int) -> int:
        """The last token of content after its cue: cut before a further statement, a contrasting
        clause or the reporter's own note, then reach over further that-clauses of the same cue."""
        for cut in (self.adding_cut, self.speech_act_cut, self.contrast_cut):
            end = cut(comp)
            if end is not None:
                right = min(right, end)
        end = self.reporter_note_cut(comp, right)
        if end is not None:
            right = min(right, end)
        for child in verb.rights:  # "said that A, and that B"
            if child.dep_ == "conj" and child.i > comp.i and has_that(child):
                right = max(right, child.right_edge.i)
        return right

    def adding_cut(self, comp: Token) -> int | None:
        """Where content stops before a gerund cue ("said A, adding B"): B is a statement of its own."""
        for child in comp.rights:
            if (
                child.dep_ == "advcl"
                and child.tag_ == "VBG"
                and (self.cue_kind(child) or child.lemma_.lower() in self.lex.citing_verbs)
            ):
                return child.left_edge.i - 1
        return None

    def speech_act_cut(self, comp: Token) -> int | None:
        """Where content stops before a further speech act of the speaker ("said it had summoned
        the envoy, and called on Beijing to …"), which is a statement of its own."""
        for child in comp.rights:
            cut = self.speech_act_start(child)
            if cut is not None:
                return cut - 1
        return None

    def contrast_cut(self, comp: Token) -> int | None:
        """Where content stops before a contrasting clause ("X said A, while Y said B"): B is not X's."""
        for child in comp.rights:
            if child.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _CONTRAST for c in self.kids(child)):
                return child.left_edge.i - 1
        return None

    def reporter_note_cut(self, comp: Token, right: int) -> int | None:
        """Where content stops before the reporter's comma-set note on it: a time note ("…, a day
        after protesters stormed parliament") or a remark noun ("…, a claim that could not be
        verified"). Only the first note up to ``right`` counts."""
        for k in range(comp.i + 1, right + 1):
            tok = self.doc[k]
            if (
                tok.dep_ == "npadvmod"
                and tok.left_edge.i > comp.i
                and self.doc[tok.left_edge.i - 1].text == ","
                and tok.lemma_.lower() in self.lex.note_time_nouns
            ):
                return tok.left_edge.i - 2
            if (
                tok.dep_ in {"appos", "npadvmod", "dobj", "conj"}
                and tok.lemma_.lower() in self.lex.remark_nouns
                and tok.left_edge.i > 0
                and self.doc[tok.left_edge.i - 1].text == ","
            ):
                return tok.left_edge.i - 2
        return None

    def start_after_cue_date(self, comp: Token, left: int) -> int:
        """Skip date and time modifiers the parser hung on the clause ("said on Sunday it had …"):
        the date belongs to the cue, not to what was said."""
        while left < comp.i and self.doc[left].dep_ in {"prep", "npadvmod"}:
            mod = self.doc[left]
            sub = list(mod.subtree)
            if not all(t.ent_type_ in {"DATE", "TIME"} for t in sub if t.i != mod.i or mod.dep_ == "npadvmod"):
                break
            left = mod.right_edge.i + 1
        return left

    def clause_around_cue(self, verb: Token) -> tuple[int, int] | None:
        """Content for a cue with no clause of its own: the main clause around an as-clause, the
        clause a parenthetical cue interrupts, or the clause before a trailing cue."""
        if self.is_as_cue(verb):
            # "As the central bank noted, inflation has slowed": the main clause around the as-clause
            head = verb.head
            if verb.i < head.i:
                return self.trim(verb.right_edge.i + 1, head.right_edge.i)
            return self.trim(head.left_edge.i, verb.left_edge.i - 1)
        if verb.dep_ == "parataxis" and verb.head.i > verb.i and verb.head.pos_ in {"VERB", "AUX"}:
            # a parenthetical cue: "The decision, he said, was final" -> the whole clause
            head = verb.head
            return self.trim(head.left_edge.i, head.right_edge.i)
        if self.is_trailing_cue(verb):
            left, right = verb.head.left_edge.i, verb.left_edge.i - 1
            if right - left < 2:
                return None
            return self.trim(left, right)
        return None

    def is_as_cue(self, verb: Token) -> bool:
        """Whether ``verb`` heads a reporting as-clause with nothing of its own to report, not the
        temporal "as" ("…, as Zelensky urged allies to hurry" has an object, so it is not one)."""
        return (
            verb.dep_ == "advcl"
            and any(c.dep_ == "mark" and c.lower_ == "as" for c in self.kids(verb))
            and not any(c.dep_ in {"dobj", "ccomp", "xcomp", "dative", "prep"} for c in self.kids(verb))
        )

    def is_trailing_cue(self, verb: Token) -> bool:
        """Whether ``verb`` is a cue set off after the clause it reports ("…, officials said"),
        parsed as hanging on that clause's verb; a cue with its own "that" reports its own clause."""
        return (
            verb.dep_ in {"parataxis", "ccomp"}
            and verb.head.i < verb.i
            and verb.head.pos_ in {"VERB", "AUX"}
            and not any(c.dep_ == "mark" for c in self.kids(verb))  # "added that Moscow would respond"
            and verb.left_edge.i > 0
            and (
                self.doc[verb.left_edge.i].text in {",", "—", "–"}
                or self.doc[verb.left_edge.i - 1].text in {",", "—", "–"}
                or self.doc[verb.left_edge.i - 1].text in QUOTE_CHARS
            )
        )

    def speech_act_start(self, conj: Token) -> int | None:
        """Where a further speech act of the speaker starts (the comma of ", and called on …"),
        if ``conj`` is one: a subjectless conjoined speech-act verb after a comma."""
        if conj.dep_ != "conj" or conj.lemma_.lower() not in self.lex.speech_acts:
            return None
        if any(c.dep_ in _SUBJ for c in self.kids(conj)):
            return None
        k = conj.left_edge.i - 1
        if k >= 0 and self.doc[k].lower_ in {"and", "but"}:
            k -= 1
        if k >= 0 and self.doc[k].text == ",":
            return k
        return None

    def crosses_paragraph(self, a: Token, b: Token) -> bool:
        """Whether a line break lies between two tokens (or inside ``a``'s clause)."""
        lo = min(a.left_edge.i, b.i)
        hi = max(a.right_edge.i, b.i)
        start, end = self.doc[lo].idx, self.doc[hi].idx
        return "\n" in self.text[start:end]

    def noun_clause(self, verb: Token) -> Token | None:
        """A "that" clause the parser hung on the venue noun ("said in a statement that …")."""
        for prep in self.kids(verb):
            if prep.dep_ != "prep" or prep.i < verb.i:
                continue
            for pobj in self.kids(prep):
                if pobj.dep_ == "pobj":
                    for acl in self.kids(pobj):
                        if acl.dep_ in {"acl", "relcl", "ccomp"} and any(
                            c.dep_ == "mark" and c.lower_ == "that" for c in self.kids(acl)
                        ):
                            return acl
        if verb.lemma_.lower() in self.lex.addressee_verbs:
            for obj in self.kids(verb):
                if obj.dep_ not in {"dobj", "dative"}:
                    continue
                for rel in obj.rights:
                    first = rel.left_edge
                    if (
                        rel.dep_ == "relcl"
                        and first.lower_ == "that"
                        and first.dep_ != "nsubj"
                        and any(c.dep_ in _SUBJ and c.i != first.i for c in self.kids(rel))
                    ):
                        return rel
        return None

    def trim(self, left: int, right: int) -> tuple[int, int] | None:
        """Drop a dateline, a leading "that", and punctuation and unbalanced quote marks at the ends."""
        doc = self.doc
        left = self.skip_dateline(left, right)
        while left <= right and (
            (doc[left].lower_ == "that" and (doc[left].dep_ == "mark" or doc[left].tag_ == "WDT"))
            or doc[left].text in _EDGE_PUNCT
            or doc[left].is_space
        ):
            left += 1
        while right >= left and (doc[right].text in _EDGE_PUNCT or doc[right].is_space):
            right -= 1
        if right < left:
            return None
        start, end = doc[left].idx, doc[right].idx + len(doc[right])
        inner = self.text[start:end]
        # an unbalanced mark at either end belongs to a quote around the frame, not to the content
        for _ in range(2):
            if inner and inner[-1] in QUOTE_CHARS and _unbalanced(inner):
                end -= 1
                inner = inner[:-1].rstrip(" ,.;")
                end = start + len(inner)
            if inner and inner[0] in QUOTE_CHARS and _unbalanced(inner):
                stripped = inner[1:].lstrip()
                start += len(inner) - len(stripped)
                inner = stripped
        if not inner.strip():
            return None
        # a quoted phrase at the end whose closing mark the parser hung outside the clause
        if _unbalanced(inner) and end < len(self.text) and self.text[end] in "\"”»'’":
            end += 1
        elif (
            _unbalanced(inner)
            and self.text[end : end + 2][:1] in {".", ",", "?", "!"}
            and (self.text[end + 1 : end + 2] in {'"', "”", "»"})
        ):  # 'was "a big mistake."': the full stop sits inside the marks
            end += 2
        return start, end

    def skip_dateline(self, left: int, right: int) -> int:
        """Past a leading dateline ("ANKARA -", "KYIV, May 3 (AP) —"): names, numbers and
        punctuation up to a free-standing dash."""
        for k in range(left, min(right, left + 14)):
            tok = self.doc[k]
            if tok.text in {"-", "—", "–", "--"} and separator(tok):
                return k + 1
            if not (tok.is_punct or tok.like_num or tok.pos_ == "PROPN" or tok.is_upper or tok.is_space):
                return left
        return left

    def according(self, tok: Token, phrase: tuple[str, ...]) -> None:
        """'according to X, …' and '…, according to X'."""
        words = [tok]
        for k in range(1, len(phrase)):
            if tok.i + k >= len(self.doc) or self.doc[tok.i + k].lower_ != phrase[k]:
                return
            words.append(self.doc[tok.i + k])
        last = words[-1]
        pobj = next((c for c in self.kids(last) if c.dep_ == "pobj"), None)
        if pobj is None:
            return
        sent = tok.sent
        phrase_l, phrase_r = tok.left_edge.i, max(tok.right_edge.i, pobj.right_edge.i)
        if phrase_l <= sent.start + 1:  # at the start: content follows
            left, right = phrase_r + 1, sent.end - 1
        else:  # at the end (or middle): content precedes
            left, right = sent.start, phrase_l - 1
        content = self.trim(left, right)
        if content is None:
            return
        cue = (tok.idx, last.idx + len(last))
        self.used_cues.add(tok.i)
        found = self.add(tok, cue, content, False, pobj)
        if found is not None:
            found.addressee = None
            venue = self.venue_of([pobj])
            if venue:
                found.venue = venue

    # ------------------------------------------------------------------ pass 3: continuations
    def continuations(self, cueless: list[QuoteSegment]) -> None:
        for seg in cueless:
            if not self.sentence_initial(seg) or len(self.text[seg.start : seg.end].split()) < 2:
                continue
            prev = None
            for f in self.found:
                end = max(f.content[1], f.cue[1])
                if end <= seg.open and (prev is None or end > max(prev.content[1], prev.cue[1])):
                    prev = f
            if prev is None or not self.near(max(prev.content[1], prev.cue[1]), seg.open):
                self.framed_by_previous_sentence(seg)
                continue
            prev_end = max(prev.content[1], prev.cue[1])
            if any(prev_end <= f.cue[0] < seg.open for f in self.found):
                continue
            found = replace(prev, content=(seg.start, seg.end), direct=True)
            self.found.append(found)

    def framed_by_previous_sentence(self, seg: QuoteSegment) -> None:
        """A quote standing alone after a sentence that sets up a speaker ("Peskov spoke to
        reporters on Monday." / "The minister was asked about the plan.")."""
        if seg.open == 0:
            return
        k = self.tok_at(seg.open - 1)
        while k >= 0 and (self.doc[k].is_space or self.doc[k].text in QUOTE_CHARS):
            k -= 1
        if k < 0 or self.doc[k].text not in _CLAUSE_END | {":"}:
            return
        sent_start = self._sentence_start(k)
        if not self.near(self.doc[k].idx + 1, seg.open):
            return
        for tok in self.doc[sent_start : k + 1]:
            lemma = tok.lemma_.lower()
            if not tok.tag_.startswith("VB") or self.negated(tok):
                continue
            if lemma in self.lex.frame_verbs or lemma in self.lex.verbs:
                subj = self.subject_of(tok)
                if subj is not None and (subj.ent_type_ == "PERSON" or subj.pos_ in {"PROPN", "NOUN", "PRON"}):
                    self.add(tok, self.cue_span(tok), (seg.start, seg.end), True, subj)
                    return

    def _sentence_start(self, k: int) -> int:
        """Token index where the sentence ending at token ``k`` starts."""
        j = k - 1
        while j >= 0 and self.doc[j].text not in _CLAUSE_END and "\n" not in self.doc[j].text:
            j -= 1
        return j + 1

    def sentence_initial(self, seg: QuoteSegment) -> bool:
        j = seg.open - 1
        while j >= seg.para_start and self.text[j].isspace():
            j -= 1
        if j < seg.para_start:
            return True
        ch = self.text[j]
        if ch in ".!?:":
            return True
        return ch in QUOTE_CHARS and j > 0 and self.text[j - 1] in ".!?,"

    def near(self, prev_end: int, start: int) -> bool:
        """At most one paragraph break and no other sentence between the two offsets."""
        gap = self.text[prev_end:start]
        if gap.count("\n\n") > 1 or (gap.count("\n") > 2):
            return False
        stripped = gap.strip().strip("\"'“”‘’«».,:;!? \n")
        return len(stripped.split()) <= 12 and not any(p in stripped for p in (". ", "? ", "! "))

    def outer_statements(self) -> dict[int, Found | None]:
        """For each statement, the innermost other statement whose content holds its cue and
        content (nested attribution). Contents rarely overlap except by nesting, so only the few
        contents starting just before are checked."""
        by_start = sorted(self.found, key=lambda g: g.content[0])
        starts = [g.content[0] for g in by_start]
        out: dict[int, Found | None] = {}
        present = {id(g) for g in self.found}
        for f in self.found:
            lo, hi = min(f.cue[0], f.content[0]), max(f.cue[1], f.content[1])
            best, best_len = None, None
            k = bisect.bisect_right(starts, lo)
            for g in by_start[max(0, k - _NEST_LOOKBACK) : k]:
                gs, ge = g.content
                if hi <= ge and g is not f and g.content != f.content and (best_len is None or ge - gs < best_len):
                    best, best_len = g, ge - gs
            out[id(f)] = f.via if f.via is not None and id(f.via) in present else best
        return out

    # ------------------------------------------------------------------ assembly
    def statements(self) -> list[Statement]:
        cueless = self.direct()
        self.indirect()
        self.continuations(cueless)
        self.drop_partial_quotes()
        return self.assemble()

    def assemble(self) -> list[Statement]:
        """Found statements -> records: one per (cue, content), nesting, speakers resolved, ids."""
        unique: dict[tuple[tuple[int, int], tuple[int, int]], Found] = {}
        for f in self.found:
            unique.setdefault((f.cue, f.content), f)
        found = sorted(unique.values(), key=lambda f: (min(f.cue[0], f.content[0]), f.content[0], f.cue[0]))
        self.found = found
        outer_of = self.outer_statements()
        self.resolve_speakers(outer_of)
        ids = {id(f): f"s{i + 1}" for i, f in enumerate(found)}
        out = []
        for f in found:
            outer = outer_of[id(f)]
            out.append(
                Statement(
                    id=ids[id(f)],
                    speaker=f.speaker,
                    cue=self.evidence(f.cue),
                    content=self.evidence(f.content),
                    direct=f.direct,
                    kind=self.kind_of(f),
                    venue=f.venue,
                    addressee=f.addressee,
                    reported_by=ids[id(outer)] if outer is not None else None,
                )
            )
        return out

    def kind_of(self, f: Found) -> str:
        """speech, belief or intention by the cue's words (its verb first); ``other`` when the
        lexicon does not know them. Kept per cue: both passes ask about the same cues."""
        last = f.cue_end if f.cue_end is not None else f.cue_token
        got = self._cue_kinds.get((f.cue_token, last))
        if got is None:
            got = self._cue_kinds[(f.cue_token, last)] = self.words_kind(f.cue_token, last)
        return got

    def words_kind(self, first: int, last: int) -> str:
        """``kind_of`` the cue of tokens ``first`` to ``last``."""
        doc = self.doc  # the tokens of doc[first : last + 1], without making the span
        toks = sorted((doc[k] for k in range(first, last + 1)), key=lambda t: t.pos_ not in {"VERB", "AUX"})
        for tok in toks:
            kind = self.cue_kind(tok) or self.lex.cue_kinds.get(tok.lemma_.lower())
            if kind:
                return kind
        if toks and toks[0].lower_ in self.lex.phrases:
            return "speech"
        return "other"

    def add_frame(
        self, cue: tuple[int, int], content: tuple[int, int], *, direct: bool, speaker: Span, cue_token: int
    ) -> None:
        """A statement a line's layout makes (:mod:`.lines`)."""
        self.found.append(Found(cue=cue, content=content, direct=direct, speaker_np=speaker, cue_token=cue_token))

    def drop_partial_quotes(self) -> None:
        """A direct statement wholly inside an indirect statement's clause from the same cue frame is
        a quoted fragment of it, not a statement of its own."""
        indirect = [f for f in self.found if not f.direct]
        keep = []
        for f in self.found:
            if f.direct and any(
                g.content[0] <= f.content[0] and f.content[1] <= g.content[1] and g.cue_token == f.cue_token
                for g in indirect
            ):
                continue
            keep.append(f)
        self.found = keep

    def evidence(self, span: tuple[int, int]) -> Evidence:
        return Evidence(start=span[0], end=span[1], text=self.text[span[0] : span[1]])


def _unbalanced(s: str) -> bool:
    """True when ``s`` has an odd number of quote marks of the kind at its ends."""
    straight = s.count('"') % 2 == 1
    curly = s.count("“") != s.count("”")
    angle = s.count("«") != s.count("»")
    return straight or curly or angle
