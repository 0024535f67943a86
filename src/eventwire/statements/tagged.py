"""Statements from the attribution tagger's role spans.

The tagger (:mod:`.tagger`) marks source, cue and content spans; this joins them into statements:
each content to its nearest cue (a syntactic link first, then the fewest tokens between), each source
likewise, a cue left without content takes its complement from the parse, a cue inside another's
reported (not quoted) content makes no statement of its own (:meth:`TaggedSpans.drop_inner_cues`), and
a statement inside another's content is reported by it.

A mixin of the extractor's per-doc run (:class:`.extract._Run`), whose state it reads: ``doc``, ``lex``,
``text``, ``actors``, ``found``, ``tok_starts``/``tok_ends``, the line frames of :mod:`.lines`
(``colon_frames``, ``dash_frames``, ``line_after``), and the rules' helpers (``cue_venue``, ``cue_addressee``,
kept per cue for both passes, ``apposed_name``, ``kids``, ``tok_at``).

Measured and not kept (issue 13, PolNeAR dev through the stage, exact F1 source / cue / content from
0.787 / 0.727 / 0.651): PolNeAR annotates attributions nested in a content (the outer content cut
around them), and 95 of the dev cues no prediction touches lie inside a predicted content. Making a
nested cue of every untagged verb inside a tagged content whose lemma is a cue in three quarters of
its train uses or more (cue-rate band 5) and that governs a clause (ccomp) added 56 cues on dev, 3 of
them right: cue 0.727 -> 0.719, content 0.651 -> 0.647 (band 4 or more: 97 added, 4 right, cue 0.712);
with an xcomp or a parataxis too, the same. Such verbs inside contents are mostly quoted speakers'
own words ("I said", "we believe") that PolNeAR leaves unannotated.
"""

from __future__ import annotations

import bisect
import itertools

import numpy
from spacy.attrs import HEAD, IS_PUNCT
from spacy.tokens import Token

from eventwire.statements.lines import QUOTE_CHARS
from eventwire.statements.parse import SOMEONE_ENTS, Found, separator

_COMPLEMENT_DEPS = frozenset({"ccomp", "xcomp", "dobj"})
_ASIDE_DEPS = frozenset({"prep", "parataxis", "advcl"})
_OBJECT_DEPS = frozenset({"pobj", "pcomp"})  # "according to run organisers": the parser may read the noun as a clause


class TaggedSpans:
    """The tagged-span assembly of the extractor's run."""

    def start_tagged(self) -> None:
        """The per-doc caches of the assembly (the run's ``__init__`` calls this)."""
        self._heads: tuple[list[int], list[int]] | None = None  # each token's head's index, Token.is_punct
        self._cue_roots: dict[tuple[int, int], Token] = {}
        self._breaks: list[int] | None = None

    def from_tagged(self, spans: list[tuple[str, int, int]]) -> None:
        """Statements from the tagger's role spans: each content goes to its nearest cue (a
        syntactic link first, then the fewest tokens between, rarely across a paragraph), each
        source likewise; a cue left without content takes its clausal complement from the parse
        when no tagged span lies there, else makes no statement. A cue coordinated with a cue
        that has a source shares it ("X said … and added …"), so does a participle cue hung on
        one ("X scolded Y, saying …"); a statement inside another's
        (discontinuous) content is reported by it.

        Measured and not kept: an untagged "according to X" made a cue with X its source (up to a
        comma). On the first 240 PolNeAR train articles 5 such phrases, none a gold cue: one cue and
        one source more, neither right (exact F1 source / cue 0.8280 / 0.7977 -> 0.8279 / 0.7976); on
        dev 4, 3 of them gold cues: exact hits +2 each for source, cue and content (0.788 / 0.728 /
        0.652 -> 0.789 / 0.729 / 0.652). Train does not support it; the tagger's reading stands."""
        spans = self.dash_frames(self.colon_frames(spans))
        cues = [(s, e) for role, s, e in spans if role == "cue"]
        if not cues:
            return
        contents = self.contents_by_cue(cues, spans)
        sources = self.sources_by_cue(cues, spans)
        self.share_sources(cues, sources)
        groups = self.found_for_contents(cues, contents, sources)
        self.drop_inner_cues(groups)
        self.nest_groups(groups)

    def contents_by_cue(
        self, cues: list[tuple[int, int]], spans: list[tuple[str, int, int]]
    ) -> dict[int, list[tuple[int, int]]]:
        """Each cue's content fragments (token spans), keyed by the cue's index: the tagged contents
        first, each to its nearest cue, then the parse's complement for a cue none reached. A
        content may come in several fragments, as PolNeAR cuts one around a nested attribution."""
        contents: dict[int, list[tuple[int, int]]] = {}
        for role, s, e in spans:
            if role == "content":
                contents.setdefault(self.nearest_cue(cues, s, e, link=True), []).append((s, e))
        for k, cue in enumerate(cues):
            if k not in contents and (found := self.parse_complement(cue, spans)) is not None:
                contents[k] = found
        return contents

    def sources_by_cue(
        self, cues: list[tuple[int, int]], spans: list[tuple[str, int, int]]
    ) -> dict[int, tuple[int, int]]:
        """Each cue's source (a token span), keyed by the cue's index: every tagged source goes to
        its nearest cue, and a cue that draws several keeps the one closest to it (one speaker a cue)."""
        sources: dict[int, tuple[int, int]] = {}
        for role, s, e in spans:
            if role == "source":
                k = self.nearest_cue(cues, s, e, link=False)
                if k not in sources or self.gap(cues[k], (s, e)) < self.gap(cues[k], sources[k]):
                    sources[k] = (s, e)
        return sources

    def share_sources(self, cues: list[tuple[int, int]], sources: dict[int, tuple[int, int]]) -> None:
        """Give a sourceless second cue the source of the cue it continues ("said … and added",
        "scolded …, saying"): the tagger marks the speaker once. Cues are taken in text order, so a
        third cue may take a source the second just received."""
        for k, (cs, ce) in enumerate(cues):
            if k in sources:
                continue
            j = self.source_from_above(self.cue_root(cs, ce), cues, sources)
            if j is not None:
                sources[k] = sources[j]

    def source_from_above(
        self, root: Token, cues: list[tuple[int, int]], sources: dict[int, tuple[int, int]]
    ) -> int | None:
        """The index of the sourced cue a conjoined or participle cue ``root`` continues, or None.

        The conj may hang on the first cue's clause, so it climbs up to three heads; a participle
        shares only the cue it hangs on itself: climbing further would pass a verb of someone
        else's content ("Officials said the governor criticised the mayor, saying ...")."""
        if root.dep_ != "conj" and not (root.dep_ == "advcl" and root.tag_ == "VBG"):
            return None
        up = root.head
        for _ in range(1 if root.dep_ == "advcl" else 3):
            j = next((j for j, (a, b) in enumerate(cues) if a <= up.i < b and j in sources), None)
            if j is not None or up.head.i == up.i:
                break
            up = up.head
        return j

    def found_for_contents(
        self,
        cues: list[tuple[int, int]],
        contents: dict[int, list[tuple[int, int]]],
        sources: dict[int, tuple[int, int]],
    ) -> dict[int, list[Found]]:
        """Make (and add to ``found``) a statement for every content fragment, grouped by cue so a
        discontinuous content can later be nested and reported as one."""
        groups: dict[int, list[Found]] = {}
        for k, frags in contents.items():
            shared = self.cue_fields(cues[k], sources.get(k))
            for s, e in sorted(frags):
                content = self.span_chars(s, e)
                direct = self.text[content[0] : content[0] + 1] in QUOTE_CHARS if e > s else False
                f = Found(content=content, direct=direct, **shared)
                groups.setdefault(k, []).append(f)
                self.found.append(f)
        return groups

    def cue_fields(self, cue: tuple[int, int], source: tuple[int, int] | None) -> dict:
        """The statement fields a cue and its source give: the same for every fragment of the
        content, so worked out once a cue (venue and addressee read the parse around the cue)."""
        cs, ce = cue
        cue_root = self.cue_root(cs, ce)
        src = self.doc[source[0] : source[1]] if source is not None else None
        subj = src.root if src is not None else None
        return {
            "cue": (self.tok_starts[cs], self.tok_ends[ce - 1]),
            "speaker_np": src,
            "cue_token": cs,
            "cue_end": ce - 1,
            "venue": self.cue_venue(cue_root, subj),
            "addressee": self.cue_addressee(cue_root, subj) if cue_root.pos_ in {"VERB", "AUX"} else None,
            "name_np": self.apposed_name(subj) if subj is not None else None,
        }

    def drop_inner_cues(self, groups: dict[int, list[Found]]) -> None:
        """Drop the statements whose cue lies inside another cue's reported (not quoted) content.

        PolNeAR cuts an outer content around an attribution nested in it, and the tagger does the
        same; a content that runs over a cue came from the parse (a cue left without content took
        its clause) or from a long tagged span, and then one of the two readings is wrong, mostly the
        inner one (PolNeAR's guidelines keep the outermost attribution). Such inner cues are gold cues
        5 times in 16 on PolNeAR dev and 11 in 39 on the first 240 train articles, under the half of
        the cue F1 a cue needs to pay its way. PolNeAR dev exact F1 source / cue / content 0.7882 /
        0.7284 / 0.6517 -> 0.7886 / 0.7288 / 0.6526; train (240) 0.8280 / 0.7977 / 0.7198 -> 0.8292 /
        0.7988 / 0.7206. Inside a quotation (a direct content) they stay: dropping those too gave dev
        0.7893 / 0.7296 / 0.6538 but train 0.8290 / 0.7986 / 0.7204 (down on train)."""
        hosts = [(f.content, f.cue) for f in self.found if not f.direct]
        if not hosts:
            return
        inner = {
            id(f) for f in self.found
            if any(a <= f.cue[0] and f.cue[1] <= b and cue != f.cue for (a, b), cue in hosts)
        }  # fmt: skip
        if not inner:
            return
        self.found = [f for f in self.found if id(f) not in inner]
        for k in list(groups):
            groups[k] = [f for f in groups[k] if id(f) not in inner]
            if not groups[k]:
                del groups[k]

    def span_chars(self, s: int, e: int) -> tuple[int, int]:
        """``(doc[s:e].start_char, doc[s:e].end_char)``, read from the token offsets when the
        range is an ordinary one."""
        if 0 <= s < e <= len(self.tok_starts):
            return self.tok_starts[s], self.tok_ends[e - 1]
        span = self.doc[s:e]
        return span.start_char, span.end_char

    def cue_root(self, s: int, e: int) -> Token:
        """``doc[s:e].root`` of a tagged cue, kept: each cue is asked about for every span near it."""
        got = self._cue_roots.get((s, e))
        if got is None:
            # a one-word cue is its own root (most are): no span made for it
            got = self._cue_roots[(s, e)] = self.doc[s] if e == s + 1 and 0 <= s < len(self.doc) else self.doc[s:e].root
        return got

    def parse_complement(self, cue: tuple[int, int], spans: list[tuple[str, int, int]]) -> list[tuple[int, int]] | None:
        """The token spans a cue left without content reports, from the parse ("that" kept, edge
        punctuation out):

        - the clause or object it governs after it (ccomp, xcomp, dobj), if no tagged span
          overlaps it. On PolNeAR dev the tagger leaves about one cue in twelve without content;
          this gives some of them (and their sources) a statement: source +0.005, cue +0.003;
        - else the clause it governs on either side ("..., the source added") or the clause it
          hangs on as an aside ("..., according to a city official"), when what is tagged there is
          content (given to another cue) or holds a cue of its own (a nested attribution): the
          tagger found the cue and its source but gave the words it reports to a nearer cue or
          none. On PolNeAR dev (shipped tagger) exact F1 source 0.737 -> 0.742, cue 0.695 -> 0.700,
          content 0.582 -> 0.583;
        - else, for an aside set off by commas inside the clause it hangs on ("The harbour, as two
          of her aides noted, seldom freezes ..."), the clause's words either side of
          it: two fragments, as PolNeAR cuts a content around its attribution (:meth:`aside_between`).
        """
        cs, ce = cue
        root = self.doc[cs:ce].root
        after = [c for c in root.children if c.dep_ in _COMPLEMENT_DEPS and c.i >= ce and not self.someone(c)]
        comp = min(after, key=lambda c: (c.dep_ == "dobj", c.i), default=None)  # a clause before an object
        if comp is not None:
            a, b = self.trimmed(comp.left_edge.i, comp.right_edge.i + 1)
            if not any(s < b and a < e for _, s, e in spans):
                return [(a, b)]
        for way in (
            self.reported_clause, self.aside_host, self.after_colon, self.sentence_aside, self.final_aside,
            self.according_aside,
        ):  # fmt: skip
            found = way(root, cs, ce)
            if found is not None and _free_or_nested(spans, *found):
                return [found]
        pieces = self.aside_between(root, cs, ce)
        if pieces is not None and all(_free_or_nested(spans, a, b) for a, b in pieces):
            return pieces
        return None

    def aside_between(self, root: Token, cs: int, ce: int) -> list[tuple[int, int]] | None:
        """The words of the clause an aside cue hangs on before and after it, when the aside stands
        inside the clause between commas ("X, as Y noted, will go", "The risk today, she told us,
        is that ..."). PolNeAR dev: 2 statements more, cues and sources exact, 1 of their 3 content
        fragments; 240 train articles: 5 more, 3 cues, 2 sources and 4 of 9 fragments exact."""
        head = root.head
        if root.dep_ not in _ASIDE_DEPS or head.i == root.i or cs <= head.i < ce:
            return None
        while head.pos_ in {"NOUN", "PROPN", "PRON"} and head.head.i != head.i:
            head = head.head
        sent = head.sent
        a, b = max(head.left_edge.i, sent.start), min(head.right_edge.i + 1, sent.end)
        own_a, own_b = root.left_edge.i, root.right_edge.i + 1
        if not (a + 1 < own_a and own_b < b - 1) or self.doc[own_a - 1].text != "," or self.doc[own_b].text != ",":
            return None
        first, second = self.trimmed(a, own_a - 1), self.trimmed(own_b + 1, b)
        if first[1] <= first[0] or second[1] - second[0] < 2:
            return None
        return [first, second]

    def after_colon(self, root: Token, cs: int, ce: int) -> tuple[int, int] | None:
        """The rest of the line after a colon that is the cue or closes it ("Said Ellis: “...”",
        "Rush Limbaugh: Hillary ..."), its final full stop left out."""
        k = ce - 1 if self.doc[ce - 1].text == ":" else None
        if k is None:
            k = next((j for j in range(ce, min(ce + 4, len(self.doc))) if self.doc[j].text == ":"), None)
            if k is None or any(separator(t) and t.text != ":" for t in self.doc[ce:k]):
                return None
        end = k + 1
        while end < len(self.doc) and "\n" not in self.doc[end].text:
            end += 1
        a, b = self.line_after(k, end)
        return (a, b) if b - a >= 2 else None

    def sentence_aside(self, root: Token, cs: int, ce: int) -> tuple[int, int] | None:
        """The rest of the sentence beside an aside cue set off by a comma at either end of it
        ("..., according to lawyers for the club."; "According to X, ..."), when the parse
        hangs the aside deeper than the clause it reports."""
        sent = root.sent
        own_a, own_b = root.left_edge.i, root.right_edge.i + 1
        end = sent.end
        while end > sent.start and (self.doc[end - 1].is_punct or self.doc[end - 1].is_space):
            end -= 1
        start = sent.start
        while start < end and (self.doc[start].is_space or self.doc[start].text in QUOTE_CHARS):
            start += 1
        if own_b >= end and own_a - 1 > start and self.doc[own_a - 1].text == ",":
            a, b = self.trimmed(start, own_a - 1)
        elif own_a <= start and own_b < end and self.doc[own_b].text == ",":
            a, b = self.trimmed(own_b + 1, end)
        else:
            return None
        return (a, b) if b - a >= 2 else None

    def phrase_end(self, a: int, b: int) -> int:
        """The first comma in tokens [a, b) (where the parse hung the clause on the phrase's noun), else b."""
        return next((k for k in range(a, b) if self.doc[k].text == ","), b)

    def according_aside(self, root: Token, cs: int, ce: int) -> tuple[int, int] | None:
        """The rest of the sentence beside a fixed cue phrase of the lexicon ("according to X") set off
        by a comma, when the parse makes the phrase the sentence's root ("According to X, the plan
        smells of ...")."""
        phrase = self.lex.phrases.get(self.doc[cs].lower_)
        if phrase is None or len(phrase) != ce - cs or tuple(t.lower_ for t in self.doc[cs:ce]) != phrase:
            return None
        pobj = next((c for c in self.kids(self.doc[ce - 1]) if c.dep_ in _OBJECT_DEPS), None)
        if pobj is None:
            return None
        sent, own_b = root.sent, self.phrase_end(ce, pobj.right_edge.i + 1)
        start = sent.start
        while start < cs and (self.doc[start].is_space or self.doc[start].text in QUOTE_CHARS):
            start += 1
        if start != cs or own_b >= sent.end or self.doc[own_b].text != ",":
            return None
        a, b = self.trimmed(own_b + 1, sent.end)
        return (a, b) if b - a >= 2 else None

    def final_aside(self, root: Token, cs: int, ce: int) -> tuple[int, int] | None:
        """The words before a cue that ends its sentence with its subject, after a comma ("Towns like
        Brill, she said."; "..., experts say."; "..., said Smith."). Tried after the clause the cue
        governs (:meth:`reported_clause`), so it serves where the parse made the reported words
        something else than the cue's clause (a bare dependent, a second subject); whether the cue is
        the sentence's root is not asked. PolNeAR dev: two statements more, their cues, sources and
        contents exact; 240 train articles unchanged."""
        sent = root.sent
        # the subject nearest the cue: the parser may make the reported words a second subject
        subj = min((c for c in self.kids(root) if c.dep_ == "nsubj"), key=lambda c: abs(c.i - cs), default=None)
        if subj is None:
            return None
        lo, hi = min(cs, subj.left_edge.i), max(ce, subj.right_edge.i + 1)
        end = sent.end
        while end > hi and (self.doc[end - 1].is_punct or self.doc[end - 1].is_space):
            end -= 1
        start = sent.start  # past a previous paragraph's closing quote mark the parser put in this sentence
        while start < lo - 1 and (
            self.doc[start].is_space or (self.doc[start].text in QUOTE_CHARS and self.doc[start + 1].is_space)
        ):
            start += 1
        if end != hi or lo - 1 <= start or self.doc[lo - 1].text != ",":
            return None
        a, b = self.trimmed(start, lo - 1)
        return (a, b) if b - a >= 2 else None

    def trimmed(self, a: int, b: int) -> tuple[int, int]:
        """Token span [a, b) without whitespace or punctuation at its end, nor at its start (quote marks stay)."""
        while b - 1 > a and (self.doc[b - 1].is_punct or self.doc[b - 1].is_space):
            b -= 1
        while a < b - 1 and (self.doc[a].is_space or (self.doc[a].is_punct and self.doc[a].text not in QUOTE_CHARS)):
            a += 1
        return a, b

    def reported_clause(self, root: Token, cs: int, ce: int) -> tuple[int, int] | None:
        """The first clausal complement (ccomp) of a cue's word, on either side, outside the cue; else
        a clause with its own subject and no conjunction after the cue that the parser hung on it as
        an adverbial clause ("Ruiz said after the vote she would not sign ...", "have not
        said when the board would meet ...": a "that" left out)."""
        kids = self.kids(root)
        comp = next((c for c in kids if c.dep_ == "ccomp"), None) or next(
            (c for c in kids if c.dep_ == "advcl" and c.i >= ce and self.bare_clause(c)), None
        )
        if comp is None or (comp.left_edge.i < ce and comp.right_edge.i >= cs):
            return None
        return self.trimmed(comp.left_edge.i, comp.right_edge.i + 1)

    def bare_clause(self, verb: Token) -> bool:
        """A clause with its own subject and no subordinating conjunction ("because", "if", "after")."""
        deps = {c.dep_ for c in self.kids(verb)}
        return "nsubj" in deps and "mark" not in deps

    def aside_host(self, root: Token, cs: int, ce: int) -> tuple[int, int] | None:
        """The clause an aside cue hangs on ("X will go, according to Y"; "according to Y, X will
        go"; "X, as Y noted, will go"): its head word's subtree in the sentence less the cue's own
        phrase, when that phrase stands at one end of it."""
        head = root.head
        if root.dep_ not in _ASIDE_DEPS or head.i == root.i or cs <= head.i < ce:
            return None
        while head.pos_ in {"NOUN", "PROPN", "PRON"} and head.head.i != head.i:
            head = head.head  # the parse hung the aside on the subject: the clause is its verb's
        sent = head.sent
        a, b = max(head.left_edge.i, sent.start), min(head.right_edge.i + 1, sent.end)
        own_a, own_b = root.left_edge.i, root.right_edge.i + 1
        if own_b >= b - 1:  # the cue's phrase ends the clause (a final full stop aside): the content is before it
            b = own_a
        elif own_a <= a + 1:  # it opens the clause: the content follows
            a = own_b
        else:
            return None
        if b <= a:
            return None
        a, b = self.trimmed(a, b)
        return (a, b) if b > a and not self.doc[a:b].text.isspace() else None

    def someone(self, tok: Token) -> bool:
        """An object that is someone (the people told, warned or asked), not what was said."""
        return tok.dep_ == "dobj" and (
            tok.pos_ in ("PRON", "PROPN") or tok.ent_type_ in SOMEONE_ENTS or self.actors.at_token(tok) is not None
        )

    def gap(self, a: tuple[int, int], b: tuple[int, int]) -> int:
        """Tokens between two token spans (0 when they touch or overlap), +100 per line break."""
        lo, hi = (a, b) if a[0] <= b[0] else (b, a)
        if hi[0] <= lo[1]:
            return 0
        breaks = self.line_breaks()
        return hi[0] - lo[1] + 100 * (breaks[hi[0]] - breaks[lo[1]])

    def line_breaks(self) -> list[int]:
        """breaks[i]: line breaks in the tokens before token i (prefix counts, made once)."""
        if self._breaks is None:
            marks = [0] * len(self.doc)
            pos = self.text.find("\n")
            while pos != -1:  # a break in a token or in the whitespace after it
                marks[self.tok_at(pos)] = 1
                pos = self.text.find("\n", pos + 1)
            self._breaks = [0, *itertools.accumulate(marks)]
        return self._breaks

    def nearest_cue(self, cues: list[tuple[int, int]], s: int, e: int, *, link: bool) -> int:
        """The cue for a span (``cues`` in text order): one whose words govern the span's root
        (``link``), else, for a content, the nearest cue outside it that hangs on one of its words
        ("..., according to police", "..., he said" as parataxis), else the nearest (fewest tokens
        between; on a tie, the cue after the span). The nearest is one of the two cues around the
        span's start, so no scan over all cues."""
        k = bisect.bisect_left(cues, (s, s))
        if link:
            root = self.span_root(s, e)
            head = root.head.i
            j = bisect.bisect_right(cues, (head, len(self.doc))) - 1
            if j >= 0 and cues[j][0] <= head < cues[j][1] and not cues[j][0] <= root.i < cues[j][1]:
                return j
            hung = [j for j in range(max(0, k - 3), min(len(cues), k + 4)) if self.hangs_on(cues[j], s, e)]
            if hung:
                return min(hung, key=lambda j: self.gap(cues[j], (s, e)))
        around = [j for j in (k - 1, k, k + 1) if 0 <= j < len(cues)]
        return min(around, key=lambda j: (self.gap(cues[j], (s, e)), cues[j][0] < s))

    def span_root(self, s: int, e: int) -> Token:
        """The head word of a token span: the first word whose head lies outside it. A quote mark
        or comma at an edge may hang on the cue of another clause ("..., adding that “X”"): it
        is no root when a word is."""
        if self._heads is None:
            rows = self.doc.to_array([HEAD, IS_PUNCT]).astype(numpy.int64)
            self._heads = ((numpy.arange(len(self.doc)) + rows[:, 0]).tolist(), rows[:, 1].tolist())
        heads, punct = self._heads
        first = None
        for i in range(s, e):
            h = heads[i]
            if not s <= h < e or h == i:
                if not punct[i]:
                    return self.doc[i]
                if first is None:
                    first = i
        return self.doc[first] if first is not None else self.doc[s:e].root

    def hangs_on(self, cue: tuple[int, int], s: int, e: int) -> bool:
        """Whether a cue lies near the token span [s, e), outside it, and hangs on one of its words
        as an aside ("according to", a parenthetical "he said"); a relative clause on a word of
        the span ("the report, which critics called flawed,") is an attribution nested in it."""
        a, b = cue
        root = self.cue_root(a, b)
        return (b <= s or e <= a) and s <= root.head.i < e and root.dep_ in _ASIDE_DEPS and self.gap(cue, (s, e)) < 30

    def nest_groups(self, groups: dict[int, list[Found]]) -> None:
        """A group whose cue and contents lie inside another group's content hull is reported by it."""
        hulls = {k: (min(f.content[0] for f in fs), max(f.content[1] for f in fs)) for k, fs in groups.items()}
        for k, fs in groups.items():
            lo = min(fs[0].cue[0], hulls[k][0])
            hi = max(fs[0].cue[1], hulls[k][1])
            outer = [j for j, (a, b) in hulls.items() if j != k and a <= lo and hi <= b]
            if outer:
                j = min(outer, key=lambda j: hulls[j][1] - hulls[j][0])
                for f in fs:
                    f.via = groups[j][0]


def _free_or_nested(spans: list[tuple[str, int, int]], a: int, b: int) -> bool:
    """Whether the tagged spans overlapping tokens [a, b) are all contents (given to other cues),
    or hold a whole cue (a nested attribution, whose source may lie there too)."""
    inside = [(role, s, e) for role, s, e in spans if s < b and a < e]
    return all(role == "content" for role, _, _ in inside) or any(
        role == "cue" and a <= s and e <= b for role, s, e in inside
    )
