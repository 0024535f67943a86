"""Attribution set out by the layout of a line rather than by a verb (a mixin of the extractor's run).

- **"Name: ..." lines**: headlines and transcripts ("Mayor Ruiz: Bridge Will Reopen in May";
  "RUIZ: We are ready."): the name is the source, the colon the cue, the rest of the line the content.
- **A quote closed by a dash and a name** ('“...” ― Maria Okafor', a quote then a line
  "- Bernie Sanders."): readers' comments, quotes set as epigraphs.

Both follow PolNeAR's conventions and are added when the tagger tagged no cue there; the tagger's own
spans on such a line give way. :class:`LineFrames` reads the run's doc, text, actors and entities and
hands each statement to the run's ``add_frame``.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Span, Token

QUOTE_CHARS = set("\"'“”‘’«»„‹›")
_SPEAKER_KINDS = frozenset({"person", "organisation", "collective"})  # actors that open a "Name: ..." line
_COLON_NAME = 6  # words of a name before a headline's or transcript's colon ("Gov. Ana Ruiz:")
_DASH_CHARS = ("―", "—", "–", "-")
_DASHES = frozenset({"―", "—", "–", "-", "--"})
_CLOSING_QUOTES = frozenset({"”", '"', "»"})
_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
_TRANSCRIPT_LINE = re.compile(r"^[\"'“‘]?([A-Z][A-Z'’.-]+):", re.MULTILINE)


class LineFrames:
    """Statements a line's layout makes; mixed into the extractor's run (``doc``, ``text``, ``actors``,
    ``ents``, ``tok_at``, ``add_frame``)."""

    _person_words: set[str] | None = None
    _transcript_names: set[str] | None = None

    def add_frame(
        self, cue: tuple[int, int], content: tuple[int, int], *, direct: bool, speaker: Span, cue_token: int
    ) -> None:
        raise NotImplementedError

    def colon_frames(self, spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
        """Headline and transcript attribution: a name opening a line, a colon, the words to the
        line's end ("Mayor Ruiz: Bridge Will Reopen in May"; "RUIZ: We are ready."): source,
        cue and content under PolNeAR's conventions (the final full stop left out), when the
        tagger found no cue there. The name is at most ``_COLON_NAME`` words with no verb, ending
        on a proper noun, one of them someone (an entity or an actor), so "Editor's note:" or
        "Update:" say nothing. On PolNeAR train: 65 found, 47 cues exact (the network rarely
        tags these, about one attribution in 130). The tagger's sources and contents on the line give
        way; returns the spans left. Measured and not kept: keeping the frame (and the tagger's spans
        after the colon, as an attribution nested in the line's content) when the tagger tagged a cue
        wholly after the colon: on PolNeAR dev 3 more lines, their cues and sources exact, 2 of their
        contents (exact F1 source / cue / content +0.0010 / +0.0009 / +0.0004); on the first 240 train
        articles 1 more, its source, cue and content all wrong. Train does not support it."""
        text = self.text
        drop: set[tuple[str, int, int]] = set()
        for line_start in [0, *(p + 1 for p in _find_all(text, "\n"))]:
            colon = text.find(":", line_start, line_start + 80)
            if colon == -1 or "\n" in text[line_start:colon]:
                continue
            frame = self.colon_frame(line_start, colon)
            if frame is None:
                continue
            a, k, start, b = frame
            if any(s < b and a < e for role, s, e in spans if role == "cue"):
                continue
            drop.update(sp for sp in spans if sp[1] < b and a < sp[2])
            self.add_frame(
                (colon, colon + 1),
                (self.doc[start].idx, self.doc[b - 1].idx + len(self.doc[b - 1])),
                direct=self.doc[start].text in QUOTE_CHARS,
                speaker=self.doc[a:k],
                cue_token=k,
            )
        return [sp for sp in spans if sp not in drop] if drop else spans

    def colon_frame(self, line_start: int, colon: int) -> tuple[int, int, int, int] | None:
        """(first name token, colon token, first and after-last content token) of a "Name: words"
        line, else None."""
        k = self.tok_at(colon)
        if self.doc[k].text != ":" or self.doc[k].idx != colon:
            return None
        a = self.tok_at(line_start)
        while a < k and (self.doc[a].idx < line_start or self.doc[a].is_space or self.doc[a].text in QUOTE_CHARS):
            a += 1
        name = self.doc[a:k]
        if not 0 < len(name) <= _COLON_NAME or name[-1].pos_ != "PROPN" or not name[0].text[:1].isupper():
            return None
        if any(t.pos_ in {"VERB", "AUX"} or (t.is_punct and t.text not in {".", "'", "’"}) for t in name):
            return None
        if not any(self.speaker_token(t) for t in name):
            return None  # "Kenya: Parliament Rejects ...", "NEW DELHI: ...": a place or a topic says nothing
        line_end = self.text.find("\n", colon)
        start, b = self.line_after(k, self.tok_at((len(self.text) if line_end == -1 else line_end) - 1) + 1)
        if b - start < 3 or not any(t.pos_ in {"VERB", "AUX"} for t in self.doc[start:b]):
            return None  # "Donald Trump: A Profile of the Candidate" is a title, not something said
        return a, k, start, b

    def speaker_token(self, tok: Token) -> bool:
        """Is ``tok`` part of someone who can speak: a person or an organisation (entity or actor), not a
        state or a place (a dateline, a country heading a headline). A transcript's capitalised name
        ("PENCE:", which the parser rarely reads as a person) is one when the article names a person
        so ("Mike Pence")."""
        mention = self.actors.at_token(tok)
        kind = self.actors.actors[mention.actor_id].kind if mention is not None else "unresolved"
        if kind in _SPEAKER_KINDS or (kind == "unresolved" and tok.ent_type_ in {"PERSON", "ORG"}):
            return True
        return (
            kind == "unresolved" and len(tok.text) > 1 and tok.text.isupper() and tok.ent_type_ not in _PLACE_ENTS
            and (tok.text.title() in self.person_words() or tok.text in self.transcript_names())
        )  # fmt: skip

    def transcript_names(self) -> set[str]:
        """Capitalised words that open two lines or more before a colon ("WALLACE: ...", '"PENCE: ...'):
        a transcript's speakers, whether or not the parser knows them as people (made once; PolNeAR
        dev: one line more, its cue and source exact, where the parser read "WALLACE" as a work of art)."""
        if self._transcript_names is None:
            seen = Counter(m.group(1) for m in _TRANSCRIPT_LINE.finditer(self.text))
            self._transcript_names = {name for name, n in seen.items() if n >= 2}
        return self._transcript_names

    def person_words(self) -> set[str]:
        """The words of the article's person entities (made once)."""
        if self._person_words is None:
            self._person_words = {t.text for ent in self.ents if ent.label_ == "PERSON" for t in ent}
        return self._person_words

    def dash_frames(self, spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
        """A quote that opens its line and is closed by its mark, a dash and a name ending the line
        ('“...” ― Sonya Herridge', '"..."' then a line '- Bernie Sanders.'; readers' comments, quotes
        set as epigraphs): under PolNeAR's conventions the name is the source, the dash the cue and
        the quote with its marks the content. Added when the tagger tagged no cue on the dash or the
        name; its contents inside the quote (when it tagged no cue there) and its sources on the
        name give way. Returns the spans left."""
        text, doc = self.text, self.doc
        drop: set[tuple[str, int, int]] = set()
        for pos in sorted(p for ch in _DASH_CHARS for p in _find_all(text, ch)):
            before = text[:pos].rstrip()
            if not before or before[-1] not in _CLOSING_QUOTES:
                continue
            k = self.tok_at(pos)
            tok = doc[k].text[pos - doc[k].idx :]  # the tokenizer may join the dash to the quote mark ('”―')
            if tok not in _DASHES or any(c not in _CLOSING_QUOTES for c in doc[k].text[: pos - doc[k].idx]):
                continue
            name = self.dash_name(k)
            if name is None:
                continue
            a, b = name
            close = len(before) - 1
            line = text.rfind("\n", 0, close) + 1
            while line < close and text[line].isspace():
                line += 1
            if line >= close or text[line] not in QUOTE_CHARS:
                continue
            q0, q1 = self.tok_at(line), self.tok_at(close) + 1
            if any(role == "cue" and s < b and k <= e - 1 for role, s, e in spans):
                continue
            inner_cue = any(role == "cue" and q0 <= s and e <= q1 for role, s, e in spans)
            for role, s, e in spans:
                if (role == "source" and s < b and a < e) or (
                    role == "content" and not inner_cue and q0 <= s and e <= q1
                ):
                    drop.add((role, s, e))
            self.add_frame((pos, pos + len(tok)), (line, close + 1), direct=True, speaker=doc[a:b], cue_token=k)
        return [sp for sp in spans if sp not in drop] if drop else spans

    def dash_name(self, k: int) -> tuple[int, int] | None:
        """(first, after-last token) of a person's name that follows the dash ``k`` and ends its line
        (or runs up to a comma or bracket: "-President Obama, tweeting after ..."), without a final
        full stop, else None."""
        doc = self.doc
        a = k + 1
        while a < len(doc) and doc[a].is_space and "\n" not in doc[a].text:
            a += 1
        b = a
        while b < len(doc) and not doc[b].is_space and doc[b].text not in {",", "(", "\n"}:
            b += 1
        end = b
        if b < len(doc) and doc[b].text in {",", "("}:
            pass
        elif b < len(doc) and "\n" not in doc[b].text and not (doc[b].is_space and self.line_end_after(b)):
            return None
        if b > a and doc[b - 1].text == ".":
            b -= 1
        name = doc[a:b]
        if not 0 < len(name) <= _COLON_NAME or end - a > _COLON_NAME + 1 or not name[0].text[:1].isupper():
            return None
        if name[-1].pos_ != "PROPN" or any(t.pos_ in {"VERB", "AUX"} for t in name):
            return None
        if not any(self.speaker_token(t) for t in name) and not all(
            t.pos_ == "PROPN" and t.text[:1].isupper() for t in name
        ):  # the quote, the dash and the line's end make a bare capitalised name someone
            return None
        return a, b

    def line_end_after(self, b: int) -> bool:
        """Whether only whitespace lies between token ``b`` and the next line break (or the end)."""
        doc = self.doc
        while b < len(doc) and doc[b].is_space:
            if "\n" in doc[b].text:
                return True
            b += 1
        return b == len(doc) or "\n" in self.text[doc[b - 1].idx : doc[b].idx]

    def line_after(self, k: int, end: int) -> tuple[int, int]:
        """Tokens after the colon ``k`` up to ``end`` (the line's end), without the spaces around them or a
        final full stop or comma: what a "Name: ..." line or a cue ending on a colon reports."""
        a, b = k + 1, end
        while b > a and (self.doc[b - 1].is_space or self.doc[b - 1].text in {".", ","}):
            b -= 1
        while a < b and self.doc[a].is_space:
            a += 1
        return a, b


def _find_all(text: str, ch: str) -> list[int]:
    out, pos = [], text.find(ch)
    while pos != -1:
        out.append(pos)
        pos = text.find(ch, pos + 1)
    return out
