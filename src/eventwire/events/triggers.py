"""Trigger lookup: which words of a sentence are event triggers, and in which sense.

Every lookup is a dict access on the lexicon (``lexicon.py``): verbs by lemma or
lemma + particle ("call off", "pull out of"), nouns by lemma (also split
hyphenated words and shell nouns: "mediation effort"), predicate adjectives. An
object's classes ("troops", "aid") decide a verb's sense; a noun's modifiers
decide a noun's ("joint exercises", "general strike").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from eventwire.events.lexicon import Entry, Lexicon
from eventwire.events.ontology import Sense
from eventwire.events.syntax import Syntax, lemmas


@dataclass
class Hits:
    """The trigger words of one sentence, before they are read in their clauses."""

    verbs: list[tuple[Token, Entry, Token | None]] = field(default_factory=list)  # verb, entry, particle
    nouns: dict[int, Entry] = field(default_factory=dict)  # token index -> entry
    adjectives: list[tuple[Token, Entry]] = field(default_factory=list)
    musts: list[Token] = field(default_factory=list)  # verbs under "must"/"should" in a reported clause

    def __bool__(self) -> bool:
        return bool(self.verbs or self.nouns or self.adjectives or self.musts)


class Triggers:
    """Finds trigger words and their senses with a loaded lexicon."""

    def __init__(self, lexicon: Lexicon, syntax: Syntax) -> None:
        self.lex = lexicon
        self.words = syntax.words
        self.syn = syntax
        self._first_words: frozenset[str] = frozenset()
        self._first_words_of: dict[str, Entry] | None = None
        self._first_words_count = -1

    def find(self, sent: Span) -> Hits:
        """Every trigger word of the sentence; a particle a verb took ("set free") is no trigger of its own."""
        hits = Hits()
        for tok in sent:
            pos = tok.pos_
            if pos == "VERB" and tok.tag_ == "VBG" and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"):
                e = self.noun_entry(tok)  # a gerund used as a noun: "Fighting between X and Y flared"
                if e is not None:
                    hits.nouns[tok.i] = e
                    continue
            if pos == "VERB":
                if tok.dep_ in ("amod", "compound"):
                    continue
                e, prt = self.verb_entry(tok)
                if e is not None:
                    hits.verbs.append((tok, e, prt))
            elif pos == "NOUN" or (pos == "PROPN" and tok.i == sent.start and tok.ent_type_ not in ("DATE", "TIME")):
                e = self.noun_entry(tok)
                if e is not None:
                    hits.nouns[tok.i] = e
            elif pos == "ADJ":
                e = self.lex.adjectives.get(tok.lemma_.lower())
                if e is not None:
                    hits.adjectives.append((tok, e))
            elif pos == "AUX" and tok.lower_ in self.words.must_aux and tok.head.dep_ == "ccomp":
                hits.musts.append(tok.head)
        taken = {prt.i for _, _, prt in hits.verbs if prt is not None}
        hits.verbs = [h for h in hits.verbs if h[0].i not in taken]
        return hits

    def verb_entry(self, tok: Token) -> tuple[Entry | None, Token | None]:
        verbs = self.lex.verbs
        spellings = lemmas(tok)  # the parser's lemma first
        lemma = next((x for x in spellings if x in verbs), spellings[0])
        if lemma not in self._verb_first_words() and " " not in lemma:
            return None, None  # every key looked up below starts with the lemma: none can match
        has_obj = any(c.dep_ == "dobj" for c in tok.children)
        for c in tok.children:
            dep = c.dep_
            if c.i <= tok.i:
                continue
            if (
                dep in ("prt", "prep", "dative", "dobj", "acomp", "oprd")
                or (dep == "ccomp" and c.pos_ == "ADJ")
                or c.i == tok.i + 1  # "pulled back", "set free": the next word, whatever the parse made of it
            ):
                for g in c.children:  # "pull out of", "walk out of"
                    if g.dep_ == "prep":
                        e = verbs.get(f"{lemma} {c.lower_} {g.lower_}")
                        if e is not None:
                            return e, c
                if dep in ("prep", "dative"):
                    # "appeal to X", "call on X": the preposition must lead to a participant, not a date
                    # (or a clause: "looking into whether the contracts were legal")
                    pobj = next((p for p in c.children if p.dep_ in ("pobj", "prep", "pcomp")), None)
                    e = verbs.get(f"{lemma} {c.lower_}")
                    if pobj is None or pobj.ent_type_ in ("DATE", "TIME") or (has_obj and not (e and e.light)):
                        continue
                e = verbs.get(f"{lemma} {c.lower_}")
                if e is None and c.dep_ == "dobj":
                    e = verbs.get(f"{lemma} {c.lemma_.lower()}")
                if e is not None:
                    return e, c
        if tok.i + 1 < len(tok.doc):  # "let free" where the parser hung "free" elsewhere
            nxt = tok.doc[tok.i + 1]
            if nxt.tag_ == "TO" and nxt.dep_ == "aux":  # "what it takes to protect": an infinitive, no particle
                return verbs.get(lemma), None
            e = verbs.get(f"{lemma} {nxt.lower_}")
            if e is not None:
                return e, nxt
        return verbs.get(lemma), None

    def _verb_first_words(self) -> frozenset[str]:
        """The first word of every verb key ("call" of "call off"): most verbs of a text start none, and
        for them the walk over their children for a particle is skipped (made again if the lexicon grew)."""
        if self._first_words_of is not self.lex.verbs or len(self.lex.verbs) != self._first_words_count:
            self._first_words = frozenset(key.split(" ", 1)[0] for key in self.lex.verbs)
            self._first_words_of, self._first_words_count = self.lex.verbs, len(self.lex.verbs)
        return self._first_words

    def classes(self, tok: Token | None, depth: int = 0) -> tuple[str, ...]:
        """Object classes of a noun: its lemma, its modifiers, or what a quantity word counts ("dozens of")."""
        if tok is None or depth > 2:
            return ()
        oc = self.lex.object_class
        lemma = tok.lemma_.lower()
        found = oc.get(lemma) or oc.get(tok.lower_) or ()
        if lemma in self.words.quantity or tok.pos_ == "NUM" or tok.lower_ in ("$", "us$", "€", "£"):
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            inner = self.classes(p, depth + 1)
                            found = found + tuple(x for x in inner if x not in ("|", "*", "actor"))
        # modifiers come after the head word ("aid workers": people, then aid; "a planned visit": talks first)
        mods: tuple[str, ...] = ()
        for c in tok.children:
            if c.dep_ in ("compound", "amod", "nmod") and c.i < tok.i:
                mods = mods + (oc.get(c.lemma_.lower()) or oc.get(c.lower_) or ())
        # pseudo-classes every entry may name: an actor-like object, or any object at all
        return (*found, "|", *mods, *(("actor",) if self.syn.actorish(tok) else ()), "*")

    def noun_sense(self, tok: Token, entry: Entry) -> Sense | None:
        """A noun's sense; modifiers may decide it ("joint exercises", "military operation", "general strike")."""
        if entry.obj:
            oc = self.lex.object_class
            mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "nmod") and c.i < tok.i]
            for c in list(mods):
                mods.extend(cc for cc in c.children if cc.dep_ in ("amod", "compound", "advmod", "npadvmod"))
            for c in sorted(mods, key=lambda x: x.i):
                for cls in oc.get(c.lemma_.lower()) or oc.get(c.lower_) or ():
                    if cls in entry.obj:
                        return entry.obj[cls]
            # "strikes on the port": aimed at a target, the military sense
            if "military" in entry.obj and any(
                c.dep_ == "prep" and c.lower_ in ("on", "against") for c in tok.children
            ):
                if not (tok.dep_ == "pobj" and tok.head.lower_ == "on"):  # "went on strike"
                    return entry.obj["military"]
            if entry.needs_obj:
                return None
        return entry.sense

    def noun_entry(self, tok: Token) -> Entry | None:
        nouns = self.lex.nouns
        doc = tok.doc
        lemma, low = tok.lemma_.lower(), tok.lower_
        if tok.i >= 2 and doc[tok.i - 1].text == "-" and not doc[tok.i - 2].whitespace_:
            # hyphenated words the tokenizer split: "cease-fire", "air-strikes", "build-up"
            left = doc[tok.i - 2].lower_
            for right in (lemma, low):
                e = nouns.get(left + right) or nouns.get(f"{left}-{right}")
                if e is not None:
                    return e
        e = nouns.get(lemma) or nouns.get(low)
        if e is None and lemma in self.words.shell_nouns:
            for c in tok.children:
                if c.dep_ in ("compound", "amod") and c.i < tok.i:
                    e = nouns.get(c.lemma_.lower()) or nouns.get(c.lower_)
                    if e is not None:
                        return e
        return e
