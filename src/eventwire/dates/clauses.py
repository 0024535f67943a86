"""Reading the parse around a date: whose clause it is in, and that clause's tense.

``clause_verb`` and ``embedded_in`` are shared with places (a place in reported content is not the
reporting verb's either).
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.dates.knowledge import DateKnowledge

_COMPLEMENT_DEPS = {"ccomp", "xcomp", "pcomp", "csubj", "csubjpass"}


def clause_verb(token: Token) -> Token:
    """The verb that governs ``token``: itself if it is one, else the nearest verb above it."""
    t = token
    for _ in range(64):
        if t.pos_ in ("VERB", "AUX") or t.head.i == t.i:
            return t
        t = t.head
    return t


def embedded_in(token: Token, verb: Token, *, skip_xcomp: bool = False, also: tuple[str, ...] = ()) -> bool:
    """Whether ``token`` sits in a complement clause of ``verb`` (reported content, "agreed to meet", "of attacking").

    What such a clause says (its date, its place) belongs to its own event, not to ``verb``'s. Places pass
    ``skip_xcomp``: "threatened to storm the palace in Tbilisi" threatens in Tbilisi, but "agreed to meet on
    Friday" was not agreed on Friday. ``also`` adds dependency labels that count as embedding (dates pass
    relative clauses: "struck a depot that was built in 2019").
    """
    deps = (_COMPLEMENT_DEPS - {"xcomp"} if skip_xcomp else _COMPLEMENT_DEPS) | set(also)
    t = token
    crossed = False
    for _ in range(64):
        if t.i == verb.i:
            return crossed
        if t.head.i == t.i:
            return False
        crossed = crossed or t.dep_ in deps
        t = t.head
    return False


def tense(verb: Token, kn: DateKnowledge, depth: int = 0) -> str:
    """past | present | future of the clause headed by ``verb`` (default past: news reports the past)."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lowers = {a.lower_ for a in auxes}
    if lowers & kn.future_aux:
        return "future"
    if lowers & kn.modals:
        return "past" if "have" in lowers else "future"
    if "to" in lowers and verb.head.lower_ == "going":
        return "future"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VBG" and lowers & {"is", "are", "'s", "'re", "am"}:
        return "future"
    if verb.tag_ in ("VBZ", "VBP") or lowers & {"is", "are", "am", "'s", "'re"}:
        if lowers & {"has", "have", "'ve"}:
            return "past"
        return "future" if verb.lemma_ in kn.prospective_verbs and depth == 0 else "present"
    if verb.tag_ == "VB" and "to" in lowers and verb.head.i != verb.i and depth < 3:
        head = clause_verb(verb.head)
        head_tense = tense(head, kn, depth + 1)
        return "future" if head_tense == "present" and head.lemma_ in kn.prospective_verbs else head_tense
    return "past"


def reattach(root: Token, verb: Token) -> Token:
    """ "said on Friday they would hold ...": a date between a speech verb and its complement's subject
    belongs to the speech verb, though the parser often hangs it on the complement."""
    if verb.dep_ != "ccomp" or not verb.head.i < root.i < verb.i:
        return verb
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and root.i < subject.left_edge.i:
        return verb.head
    return verb


def branch_dep(token: Token, verb: Token) -> str | None:
    """The label by which ``token``'s branch hangs from a clause above ``verb`` (None when it hangs from
    ``verb`` itself or from nothing above it)."""
    above = {t.i for t in verb.ancestors}
    t = token
    for _ in range(64):
        if t.i == verb.i or t.head.i == t.i:
            return None
        if t.head.i in above:
            return t.dep_
        t = t.head
    return None


def in_venue(token: Token, verb: Token, kn: DateKnowledge) -> bool:
    """Whether ``token`` (a date) sits in the phrase of a venue of speech below ``verb`` ("at a rally on
    Monday", "during a hearing last week", "in an interview with KTV on Sunday")."""
    t = token.head
    for _ in range(8):
        if t.i == verb.i or t.head.i == t.i:
            return False
        if t.lemma_ in kn.medium_nouns or t.lemma_ in kn.venue_nouns:
            if t.lemma_ == "hall" and not any(c.lower_ == "town" for c in t.lefts):
                return False
            return t.dep_ == "pobj"
        t = t.head
    return False


def date_verb(root: Token, kn: DateKnowledge) -> Token:
    """The verb whose act a date (the root of its expression) dates, after the parser's usual misplacings."""
    verb = reattach(root, clause_verb(root.head if root.pos_ in ("VERB", "AUX") and root.head.i != root.i else root))
    if verb.dep_ == "acl" and verb.head.lemma_ in kn.medium_nouns:
        # "told KTV in an interview aired Monday": the date of the medium is the date of what is
        # said in it (other reduced relatives still date their noun: "the 12 miners killed on Thursday")
        return clause_verb(verb.head)
    if verb.dep_ == "pcomp" and verb.head.lower_ == "by" and verb.head.head.i != verb.i:
        # "surprised his allies by withdrawing his support a week ago": the means is the act itself
        return clause_verb(verb.head.head)
    if verb.dep_ in ("ccomp", "xcomp") and in_venue(root, verb, kn):
        # "said the figures were false during a hearing last week", "urged the council to review ... at
        # a rally on Monday night": the venue's date is the saying's, where the parser hung it lower
        while verb.dep_ in ("ccomp", "xcomp") and verb.head.i != verb.i:
            verb = clause_verb(verb.head)
    return verb
