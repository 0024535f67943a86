"""Trigger lookup: which words of a sentence are event triggers, and in which sense.

Every lookup is a dict access on the lexicon (``lexicon.py``): verbs by lemma or
lemma + particle ("call off", "pull out of"), nouns by lemma (also split
hyphenated words and shell nouns: "mediation effort"), predicate adjectives. An
object's classes ("troops", "aid") decide a verb's sense; a noun's modifiers
decide a noun's ("joint exercises", "general strike").
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from spacy.attrs import LEMMA, LOWER, POS
from spacy.strings import get_string_id
from spacy.symbols import ADJ, AUX, NOUN, PROPN, VERB
from spacy.tokens import Doc, Span, Token

from eventwire.events.lexicon import Entry, Lexicon
from eventwire.events.ontology import Sense
from eventwire.events.syntax import Syntax, spellings
from eventwire.nlp import among, hash_strings, sorted_ids

OPEN_POS = (VERB, NOUN, PROPN, ADJ, AUX)  # the parts of speech of the words Triggers.find reads
OPEN_POS_SORTED = np.array(sorted(OPEN_POS), dtype=np.uint64)
_UNSEEN = object()  # a pair not yet in Triggers._verb_keys (None there means: no verb key can start so)


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
        # what is kept per process (made again when the lexicon grew): the lexicon's keys as ``_open_words`` and
        # ``_verb_key`` compare with them, each lemma hash's lower-cased hash, and whether a verb key may start
        # with a (lemma, form) pair
        self._keys: dict[str, np.ndarray | int | frozenset[str]] = {}
        self._keys_for: tuple = ()
        self._lemmas: dict[int, int] = {}
        self._verb_keys: dict[tuple[int, int], str | None] = {}
        self._last: tuple[Doc, int, dict, list[int]] | None = None

    def find(self, sent: Span, every_word: bool = False) -> Hits:
        """Every trigger word of the sentence; a particle a verb took ("set free") is no trigger of its own.

        Only the words ``open_words`` leaves open are read (as ``Token``): the others are sure to be no hit.
        ``every_word``: read them all (the definition; a test holds the shortcut to it).
        """
        hits = Hits()
        doc = sent.doc
        if every_word:
            words: list[int] | range = range(sent.start, sent.end)
        else:
            words = self.open_words(doc)
            words = words[bisect.bisect_left(words, sent.start) : bisect.bisect_left(words, sent.end)]
        for i in words:
            tok = doc[i]
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

    def open_words(self, doc: Doc) -> list[int]:
        """``_open_words(doc)``, kept for the doc last asked about while the lexicon stays as it was (``find``
        asks once per sentence; a thread asking about another doc replaces it, each caller keeps what it got)."""
        keys = self._lexicon_keys()
        last = self._last
        if last is None or last[0] is not doc or last[1] != len(doc) or last[2] is not keys:
            last = self._last = (doc, len(doc), keys, self._open_words(doc))
        return last[3]

    def _open_words(self, doc: Doc) -> list[int]:
        """The words ``find`` may take, in order: each other word is sure to fail every test of ``find``.

        Read from the doc's arrays without making a ``Token``: a verb, noun, proper noun, adjective or
        auxiliary stays open when its lower-cased lemma or form is a key it could be looked up by (the hashes of
        the lexicon's keys against the word's), or, for a verb, when a verb key may start with its spelling
        (``_verb_key``, kept per lemma and form); a noun after a hyphen stays open too. Most words of a text
        are no key of any kind, and this spares ``find`` a ``Token`` and its strings for each of them.
        """
        if not len(doc):
            return []
        keys = self._lexicon_keys()
        cols = doc.to_array([POS, LEMMA, LOWER])
        at = np.flatnonzero(among(cols[:, 0], OPEN_POS_SORTED))
        pos, lemma, lower = cols[at, 0], self._lower_lemmas(doc, cols[at, 1]), cols[at, 2]
        hyphen = np.zeros(len(doc), dtype=bool)
        hyphen[2:] = cols[1:-1, 2] == keys["-"]
        nounish = (pos == NOUN) | (pos == PROPN) | (pos == VERB)  # a VERB may be a gerund used as a noun
        noun = among(lemma, keys["noun lemma"]) | among(lower, keys["noun"]) | hyphen[at]
        open_ = (nounish & noun) | ((pos == ADJ) & among(lemma, keys["adjective"]))
        open_ |= (pos == AUX) & among(lower, keys["must"])
        for k in np.flatnonzero((pos == VERB) & ~open_).tolist():
            open_[k] = self._may_start_verb_key(doc, int(cols[at[k], 1]), int(lower[k]))
        return at[open_].tolist()

    def _lexicon_keys(self) -> dict[str, np.ndarray | int | frozenset[str]]:
        """The string-store hashes of the keys ``_open_words`` compares with, the first word of every verb
        key ("call" of "call off": most verbs of a text start none, and ``verb_entry`` skips the walk over their
        children for a particle) and the heads of the verb keys of three words and more (``verb_heads``); made
        again when the lexicon grew."""
        lex = self.lex
        nouns, adjectives, verbs = lex.nouns, lex.adjectives, lex.verbs  # asked per sentence and per verb: no generator
        state = (id(nouns), len(nouns), id(adjectives), len(adjectives), id(verbs), len(verbs))
        if state != self._keys_for:
            self._keys = {
                "noun": sorted_ids(lex.nouns),
                "noun lemma": sorted_ids([*lex.nouns, *self.words.shell_nouns]),
                "adjective": sorted_ids(lex.adjectives),
                "must": sorted_ids(self.words.must_aux),
                "-": get_string_id("-"),
                "verb first words": frozenset(key.split(" ", 1)[0] for key in lex.verbs),
                "verb heads": verb_heads(lex.verbs),
            }
            self._keys_for, self._lemmas, self._verb_keys = state, {}, {}
        return self._keys

    def _lower_lemmas(self, doc: Doc, lemmas: np.ndarray) -> np.ndarray:
        """The hash of each lemma lower-cased (a lemma keeps capitals: "US"), kept per lemma hash."""
        memo = self._lemmas
        if len(memo) > 200_000:  # many words seen: start again, with a new table (another thread may be reading
            memo = self._lemmas = {}  # the old one: it keeps it)
        values = lemmas.tolist()
        new = list(set(values).difference(memo))
        if new:
            memo.update(zip(new, map(get_string_id, hash_strings(doc, new, lower=True)), strict=True))
        return np.fromiter(map(memo.__getitem__, values), dtype=np.uint64, count=len(values))

    def _may_start_verb_key(self, doc: Doc, lemma: int, lower: int) -> bool:
        """Whether ``verb_entry`` may find a key for a verb of this lemma and form (hashes; kept per pair)."""
        return self._kept_verb_key(doc, lemma, lower) is not None

    def _kept_verb_key(self, doc: Doc, lemma: int, lower: int) -> str | None:
        """``_verb_key`` of a verb's lemma and form given as hashes, kept per pair while the lexicon stays as it
        was: ``_open_words`` and ``verb_entry`` ask it of the same verbs, and most verbs of a text are seen before.
        The caller has just asked ``_lexicon_keys`` (a grown lexicon empties the table)."""
        memo = self._verb_keys
        got = memo.get((lemma, lower), _UNSEEN)
        if got is _UNSEEN:
            if len(memo) > 100_000:
                memo = self._verb_keys = {}  # a new table, as in _lower_lemmas
            low_lemma, low = hash_strings(doc, [lemma], lower=True)[0], hash_strings(doc, [lower])[0]
            got = memo[(lemma, lower)] = self._verb_key(low_lemma, low)
        return got

    def _verb_key(self, lemma: str, low: str) -> str | None:
        """The spelling a verb's keys start with; None when no verb key can start with it (``verb_entry``)."""
        verbs = self.lex.verbs
        forms = spellings(lemma, low)  # the parser's lemma first
        key = next((x for x in forms if x in verbs), forms[0])
        if key not in self._lexicon_keys()["verb first words"] and " " not in key:
            return None  # every key looked up below starts with the lemma: none can match
        return key

    def verb_entry(self, tok: Token) -> tuple[Entry | None, Token | None]:
        """A verb's entry, with the particle or preposition ("call off", "pull out of", "appeal to X") that made
        its key when one did; None when no key matches.

        Only the words after the verb are read as its particle; a key of three words is looked for under a word
        only when some key starts with the verb and that word (``verb_heads``), and whether the verb has an object
        is read only when a preposition asks: most verbs of a text have neither, and the walks cost a ``Token``
        per child.
        """
        verbs = self.lex.verbs
        heads = self._lexicon_keys()["verb heads"]  # first: a grown lexicon empties the table of verb keys
        lemma = self._kept_verb_key(tok.doc, tok.lemma, tok.lower)
        if lemma is None:
            return None, None
        has_obj: bool | None = None
        after = tok.i + 1
        for c in tok.rights:
            dep = c.dep_
            if (
                dep in ("prt", "prep", "dative", "dobj", "acomp", "oprd")
                or (dep == "ccomp" and c.pos_ == "ADJ")
                or c.i == after  # "pulled back", "set free": the next word, whatever the parse made of it
            ):
                two = f"{lemma} {c.lower_}"
                if two in heads:
                    for g in c.children:  # "pull out of", "walk out of"
                        if g.dep_ == "prep":
                            e = verbs.get(f"{two} {g.lower_}")
                            if e is not None:
                                return e, c
                e = verbs.get(two)
                if dep in ("prep", "dative"):
                    # "appeal to X", "call on X": the preposition must lead to a participant, not a date
                    # (or a clause: "looking into whether the contracts were legal")
                    pobj = next((p for p in c.children if p.dep_ in ("pobj", "prep", "pcomp")), None)
                    if pobj is None or pobj.ent_type_ in ("DATE", "TIME"):
                        continue
                    if has_obj is None:
                        has_obj = any(x.dep_ == "dobj" for x in tok.children)
                    if has_obj and not (e and e.light):
                        continue
                if e is None and dep == "dobj":
                    e = verbs.get(f"{lemma} {c.lemma_.lower()}")
                if e is not None:
                    return e, c
        if after < len(tok.doc):  # "let free" where the parser hung "free" elsewhere
            nxt = tok.doc[after]
            if nxt.tag_ == "TO" and nxt.dep_ == "aux":  # "what it takes to protect": an infinitive, no particle
                return verbs.get(lemma), None
            e = verbs.get(f"{lemma} {nxt.lower_}")
            if e is not None:
                return e, nxt
        return verbs.get(lemma), None

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


def verb_heads(keys: Iterable[str]) -> frozenset[str]:
    """Every head of a verb key that ends before one of its spaces ("pull out" of "pull out of"): a key of three
    words can start with ``lemma word`` only if that string is here."""
    return frozenset(key[:i] for key in keys for i, ch in enumerate(key) if ch == " ")
