"""Reading the dependency parse: subjects, objects, prepositional phrases, actor-like words.

Two layers. Plain functions (``conjuncts``, ``pobj``, ``direct_object`` ...)
only follow dependency labels. :class:`Syntax` adds what needs English word
classes (``words.py``): is this word a pronoun, does this phrase name an actor,
whose subject is this clause. Every stage of the event coder reads the parse
through these, so that they agree.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from eventwire.events.words import Words

# dependency and entity labels of spaCy's English models (labels, not words)
SUBJ = ("nsubj", "csubj")
PASS_SUBJ = ("nsubjpass", "csubjpass")
# dependents that end a noun phrase (clauses, appositions, most prepositional phrases)
CUT_DEPS = frozenset(
    {"relcl", "acl", "appos", "advcl", "punct", "cc", "conj", "parataxis", "ccomp", "xcomp", "prep", "dep", "mark",
     "case"}
)  # fmt: skip
ACTOR_ENTS = frozenset({"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC"})
_PASSIVE_DEPS = (*PASS_SUBJ, "auxpass")


def is_passive(v: Token) -> bool:
    return any(c.dep_ in _PASSIVE_DEPS for c in v.children)


def direct_object(v: Token) -> Token | None:
    """The verb's object, else the object of a coordinated verb it shares. The children are walked once (each
    ``Token`` and label read once), the later tests reading what the walk kept."""
    kids = []
    for c in v.children:
        dep = c.dep_
        if dep == "dobj" and c.pos_ != "ADP":
            return c
        kids.append((c, dep))
    # shared object of coordinated verbs: "condemned and rejected the plan" (not when the first verb has its own
    # phrases: "seized 16 advisers from a market and set off bombs")
    if any(c.i > v.i and dep in ("prep", "dative", "ccomp", "xcomp") for c, dep in kids):
        return None
    for c, dep in kids:
        if dep == "conj" and c.pos_ == "VERB":
            for d in c.children:
                if d.dep_ == "dobj":
                    return d
    return None


def lemmas(tok: Token) -> list[str]:
    """The parser's lemma, then spellings it sometimes misses ("staged" -> "stag", not "stage")."""
    return spellings(tok.lemma_.lower(), tok.lower_)


def spellings(lemma: str, low: str) -> list[str]:
    """``lemmas`` of a word from its lower-cased lemma and its lower-cased text."""
    out = [lemma, low]
    if low.endswith("ed"):
        out += [low[:-1], low[:-2]]
        if len(low) > 4 and low[-3] == low[-4]:
            out.append(low[:-3])  # "stopped" -> "stop"
        if low.endswith("ied"):
            out.append(low[:-3] + "y")
    elif low.endswith("ing"):
        out += [low[:-3], low[:-3] + "e"]
    elif low.endswith("es"):
        out += [low[:-1], low[:-2]]
    elif low.endswith("s"):
        out.append(low[:-1])
    return out


def agent_of(v: Token) -> list[Token]:
    for c in v.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return conjuncts(p)
    return []


def prep_objects_in(h: Token, preps: frozenset[str] | None = None) -> list[Token]:
    """Objects of the prepositions on a word (all of them, or those named), in text order; no dates."""
    out = []
    for c in h.children:
        if c.dep_ == "prep" and (preps is None or c.lower_ in preps):
            # "following a rally ...": the parser makes some prepositions verbs with objects
            out.extend(p for p in c.children if p.dep_ in ("pobj", "dobj") and p.ent_type_ not in ("DATE", "TIME"))
    return out


def prep_object(h: Token, prep: str) -> Token | None:
    for c in h.children:
        if c.dep_ in ("prep", "dative") and c.lower_ == prep:
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    return None


def prep_object_map(h: Token) -> dict[str, Token]:
    """``prep_object(h, p)`` for every preposition ``p`` at once (one walk over the children for many look-ups)."""
    out: dict[str, Token] = {}
    for c in h.children:
        if c.dep_ in ("prep", "dative") and c.lower_ not in out:
            pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
            if pobj is not None:
                out[c.lower_] = pobj
    return out


def prep_objects(v: Token, preps: Iterable[str]) -> list[Token]:
    for p in preps:
        pobj = prep_object(v, p)
        if pobj is not None:
            return conjuncts(pobj)
    return []


def noun_in_preps(v: Token, hits: dict, preps: tuple[str, ...]) -> Token | None:
    for c in v.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            for p in c.children:
                if p.dep_ == "pobj" and p.i in hits:
                    return p
    return None


def conjuncts(t: Token) -> list[Token]:
    out = [t]
    stack = [t]
    while stack:
        x = stack.pop()
        for c in x.children:
            if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN", "PRON"):
                out.append(c)
                stack.append(c)
    return sorted(out, key=lambda x: x.i)


def conjuncts_any(t: Token) -> list[Token]:
    """A word and its coordinated siblings, whatever their part of speech ("Russian and Ukrainian")."""
    out = [t] + [c for c in t.subtree if c.dep_ == "conj" and c.i != t.i]
    return sorted(out, key=lambda x: x.i)


def named(t: Token) -> Token:
    """An apposition stands for the name it describes: "Mark Ode, the owner of X who ..." -> Mark Ode."""
    if t.dep_ == "appos" and t.pos_ == "NOUN" and t.head.pos_ == "PROPN" and t.head.ent_type_ not in ("DATE", "TIME"):
        return t.head
    return t


def undateline(t: Token) -> Token:
    """ "BERLIN -- A court in Bavaria convicted ...": the dateline place is no subject; the phrase after the dash is."""
    if not (t.is_upper or t.ent_type_ in ("GPE", "LOC")) or t.i - t.sent.start > 3:
        return t  # the word's own attributes first: most subjects are neither, and ``t.sent`` makes a span
    doc = t.doc
    for j in range(t.i + 1, min(t.i + 9, len(doc))):
        d = doc[j]
        if d.text in ("--", "—", "–") or (d.text == "-" and d.whitespace_):
            for k in range(j + 1, min(j + 14, len(doc))):
                x = doc[k]
                if x.pos_ in ("NOUN", "PROPN", "PRON") and x.dep_ not in ("compound", "amod", "det", "poss", "nmod"):
                    return x
            return t
    return t


class Syntax:
    """Parse helpers that need the English word classes."""

    def __init__(self, words: Words) -> None:
        self.words = words

    def pron(self, tok: Token) -> bool:
        """A personal pronoun (not "US", which lowercases to one)."""
        return tok.pos_ == "PRON" and tok.lower_ in self.words.pronouns

    def actorish(self, tok: Token) -> bool:
        """Does the phrase name a person, group or state (a recipient) rather than a thing?"""
        if tok.ent_type_ in ACTOR_ENTS or tok.lemma_.lower() in self.words.actor_nouns:
            return True
        if tok.pos_ in ("PROPN", "NOUN") and not tok.ent_type_ and tok.is_title and tok.i != tok.sent.start:
            return True  # a name the tagger did not type ("Seychelles")
        if tok.pos_ == "PRON":
            return tok.lower_ in self.words.pronouns
        for c in tok.children:
            dep = c.dep_
            if dep in ("compound", "poss", "amod") and c.ent_type_ in ACTOR_ENTS:
                return True
            if dep == "prep" and c.lower_ == "of":
                for p in c.children:
                    if p.dep_ == "pobj" and (p.ent_type_ in ACTOR_ENTS or p.lemma_.lower() in self.words.actor_nouns):
                        return True
        return False

    def actor_inside(self, t: Token) -> Token | None:
        """The first actor-like word inside a thing's phrase: possessor, "of"/"by"/"against" objects, participle agents.

        Breadth first, so the nearest actor wins; an agent ("staged by students") or the subject of a clause on the
        thing ("its demand that Israel ...") is taken before the places and modifiers of the same word.
        """
        # a word reached through an action ("a formula for ending its dispute with X") only names the other party
        queue: list[tuple[Token, bool]] = [(t, False)]
        seen = 0
        while queue and seen < 24:
            x, inner = queue.pop(0)
            seen += 1
            for c in x.children:  # who did it comes first: "the rally staged by students in Sivas"
                if c.dep_ == "agent":
                    p = next((y for y in c.children if y.dep_ == "pobj"), None)
                    if p is not None and self.actorish(p) and not self.pron(p):
                        return p
                elif inner:
                    continue
                elif (
                    c.dep_ == "appos"
                    and x is t
                    and self.actorish(c)
                    and not self.pron(c)
                    and c.doc[c.left_edge.i - 1].text == ","
                ):
                    # "detained 40 people, mostly students": who they are
                    return c
                elif c.dep_ in ("acl", "relcl", "ccomp") and x.pos_ in ("NOUN", "PROPN"):
                    subj = next((y for y in c.children if y.dep_ in SUBJ and y.lower_ not in self.words.relative), None)
                    if subj is not None and self.actorish(subj) and not self.pron(subj):
                        return subj
            for c in x.children:
                dep = c.dep_
                if inner:
                    if dep == "prep" and c.lower_ in self.words.party_preps:
                        p = next((y for y in c.children if y.dep_ == "pobj"), None)
                        if p is not None and self.actorish(p) and not self.pron(p):
                            return p
                    elif dep == "dobj" and x.pos_ == "VERB":
                        queue.append((c, True))
                    continue
                if dep in ("poss", "compound", "amod", "nmod") and c.i < x.i:
                    if (c.ent_type_ in ACTOR_ENTS or (dep == "poss" and self.actorish(c))) and not self.pron(c):
                        return c  # "the ministry's decision": whoever owns it
                    if dep == "amod" and c.lemma_.lower() in self.words.leader_words:  # "the US-led war": the leader
                        led = next((y for y in c.children if y.dep_ in ("npadvmod", "compound", "nmod")), None)
                        if led is not None and led.ent_type_ in ACTOR_ENTS:
                            return led
                elif dep == "prep" and c.lower_ in self.words.inside_preps:
                    for p in c.children:
                        if p.dep_ == "pobj":
                            if self.actorish(p) and not self.pron(p):
                                if c.lower_ == "in" and p.ent_type_ not in ACTOR_ENTS:
                                    continue
                                return p
                            queue.append((p, False))
                        elif p.dep_ == "pcomp" and p.pos_ == "VERB":
                            queue.append((p, True))
                elif dep in ("acl", "agent", "conj", "appos"):
                    queue.append((c, False))
                elif dep in ("ccomp", "relcl") or (dep == "advcl" and x is t):
                    subj = next((y for y in c.children if y.dep_ in SUBJ and y.lower_ not in self.words.relative), None)
                    if subj is not None and self.actorish(subj) and not self.pron(subj):
                        return subj
                elif dep == "dobj" and x.pos_ == "VERB" and x.i != t.i:  # "an invitation to attend a meeting of X"
                    if self.actorish(c) and not self.pron(c):
                        return c
                    queue.append((c, False))
        return None

    def subject(self, v: Token) -> tuple[list[Token], bool]:
        """Subject conjuncts of a verb (inherited through xcomp, conj, relcl, acl) and whether it is passive."""
        subj, passive = self._subject_raw(v)
        if len(subj) == 1:
            subj = [undateline(subj[0])]
        return subj, passive

    def _subject_raw(self, v: Token) -> tuple[list[Token], bool]:
        for _ in range(8):
            for c in v.children:
                if c.dep_ in SUBJ:
                    if c.lower_ in self.words.relative and v.dep_ == "relcl":
                        return conjuncts(named(v.head)), False
                    return conjuncts(c), False
                if c.dep_ in PASS_SUBJ:
                    if c.lower_ in self.words.relative and v.dep_ == "relcl":
                        return conjuncts(named(v.head)), True
                    return conjuncts(c), True
            dep = v.dep_
            if dep == "xcomp":
                head = v.head
                for c in head.children:  # object control: "urged Iran to withdraw" -> Iran
                    if c.dep_ == "dobj" and c.i < v.i and head.lemma_.lower() not in ("promise",):
                        return conjuncts(c), False
                v = head
            elif dep == "conj" and v.head.pos_ in ("VERB", "AUX"):
                v = v.head
            elif dep == "acomp" or (dep == "xcomp" and v.pos_ == "ADJ"):
                v = v.head  # "Ankara is unwilling to ...": the copula's subject
            elif dep == "relcl":
                return conjuncts(named(v.head)), False
            elif (
                dep == "acl"
                and v.head.lemma_.lower() in self.words.intent_nouns
                and v.head.head.pos_ in ("VERB", "AUX")
            ):
                v = v.head.head  # "reiterated its commitment to support X": whoever reiterated supports
            elif dep == "acl":
                if v.tag_ == "VBN":
                    return conjuncts(v.head), True
                if v.head.lemma_.lower() in self.words.doc_nouns and v.head.head.pos_ in ("VERB", "AUX"):
                    v = v.head.head  # "X released a report accusing Y": X accuses
                    continue
                return conjuncts(v.head), False
            elif dep in ("advcl", "pcomp") and (
                v.tag_ == "VBG" or any(c.dep_ == "aux" and c.lower_ == "having" for c in v.children)
            ):  # "after attacking X", "after having attacked X": the main clause's subject acts
                v = v.head.head if dep == "pcomp" else v.head
                if v.pos_ in ("ADV", "ADJ") and v.head.pos_ in ("VERB", "AUX"):
                    v = v.head  # "stopped short of committing to X"
                if v.lemma_.lower() in self.words.intent_nouns and v.head.pos_ in ("VERB", "AUX"):
                    v = v.head  # "reiterated its commitment to supporting X": whoever reiterated supports
            elif dep == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children):
                v = v.head  # "opened the bridge to allow ...": the purpose shares the subject
            else:
                return [], False
        return [], False

    def given_up_by(self, v: Token) -> list[Token]:
        """In a passive clause, who acts or gives something up: the agent, or an actor after "(away) from"."""
        agent = agent_of(v)
        if agent:
            return agent
        for x in (v, *(c for c in v.children if c.dep_ in ("prt", "advmod"))):
            for p in prep_objects_in(x, frozenset({"from"})):
                if self.actorish(p) and not self.pron(p):
                    return conjuncts(p)
        return []

    def in_protest_of(self, v: Token) -> Token | None:
        """The X of "in protest against X", "in defiance of X", "in opposition to X", "in solidarity with X"."""
        for c in v.children:
            if c.dep_ == "prep" and c.lower_ == "in":
                p = next((x for x in c.children if x.dep_ == "pobj"), None)
                if p is not None and p.lemma_.lower() in self.words.protest_heads:
                    for q in p.children:
                        if q.dep_ == "prep" and q.lower_ in ("of", "against", "at", "to", "with", "over"):
                            x = next((y for y in q.children if y.dep_ == "pobj"), None)
                            if x is not None:
                                return x
        return None

    def resolve_pronoun(self, toks: list[Token], clause: Token) -> list[Token]:
        """A pronoun participant ("Russia said it would ...") stands for the nearest governing subject."""
        if len(toks) != 1 or not self.pron(toks[0]):
            return toks
        v = clause
        for _ in range(6):
            if v.head.i == v.i:
                break
            v = v.head
            for c in v.children:
                if c.dep_ in (*SUBJ, *PASS_SUBJ) and not self.pron(c) and c.pos_ in ("PROPN", "NOUN"):
                    c = undateline(c)
                    return conjuncts(c)
        return toks

    def phrase(self, t: Token) -> Span:
        """The noun phrase headed by t, without clauses, appositions and most prepositional phrases."""
        lo = hi = t.i
        stack = [t]
        while stack:
            x = stack.pop()
            for c in x.children:
                if c.dep_ in CUT_DEPS and not (c.dep_ == "prep" and x.i == t.i and self._group_prep(t, c)):
                    # a name right after its noun ("the newspaper La Prensa") is part of the phrase; ", the ..." is not
                    if not (c.dep_ == "appos" and c.left_edge.i == x.i + 1 and c.pos_ == "PROPN"):
                        continue
                lo = min(lo, c.i)
                hi = max(hi, c.i)
                stack.append(c)
        doc = t.doc
        for i in range(t.i - 1, lo - 1, -1):  # "THE HAGUE - A UN prosecutor": the dateline is not the actor
            if doc[i].text in ("-", "--", "—", "–", ":") and (doc[i].whitespace_ or doc[i].text != "-"):
                lo = i + 1
                break
        while hi > lo and doc[hi].is_punct:
            hi -= 1
        while lo < hi and doc[lo].is_punct:
            lo += 1
        return doc[lo : hi + 1]

    def _group_prep(self, head: Token, prep: Token) -> bool:
        """Prepositional phrases that say which group is meant: "members of X", "rebels in the north", "doctors from X"."""
        w = prep.lower_
        return w == "of" or (
            head.pos_ == "NOUN" and w in ("from", "in", "at") and head.lemma_.lower() in self.words.actor_nouns
        )
