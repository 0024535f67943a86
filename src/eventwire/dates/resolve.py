"""Choosing an event's date: the date expression of the trigger's own clause, resolved against publication.

A sentence's date mentions are found once and kept with the doc (``doc.user_data``), per knowledge object: no
module state to keep a doc alive or to race on between threads.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.tokens import Span, Token

from eventwire.dates import calendar
from eventwire.dates.clauses import branch_dep, clause_verb, date_verb, embedded_in, tense
from eventwire.dates.find import DateMention, find_dates
from eventwire.dates.knowledge import DateKnowledge, shipped_date_knowledge
from eventwire.nlp import doc_text

_CACHE_KEY = "_eventwire_dates"
_SENTENCE_DATE_KEY = "_eventwire_sentence_dates"


@dataclass
class DateResult:
    """A resolved date: ``date`` (YYYY-MM-DD or None), its ``precision`` and the words that gave it."""

    date: str | None
    precision: str
    text: str | None


def resolve_date(
    sent: Span, trigger: Token | None, published: str | None, knowledge: DateKnowledge | None = None
) -> DateResult:
    """The date of the event or statement triggered at ``trigger`` in ``sent``.

    Prefers the date expression in the trigger's own clause (inside the trigger's
    subtree, or governed by the same verb), then one in a clause above it (the
    "said on Monday" over a reported event), then the nearest other one; a date
    inside a complement clause of the trigger (the content of what was said, "agreed
    to meet on Friday") is never the trigger's. A day counted from another ("the day before", "later that
    day") counts from the day named last before it: in its sentence, else in the sentence before (up to
    six back, each followed back along its own chain of counted days), else from publication (the sentences
    before are read from ``sent.doc``). With no usable date words: ``DateResult(published, "reported",
    None)``. ``knowledge`` gives the words (default: the shipped ones).
    """
    kn = knowledge or shipped_date_knowledge()
    reported = DateResult(published, "reported", None)
    mentions = _mentions(sent, kn)
    if not mentions:
        return reported
    return _resolve(sent, trigger, published, mentions, kn) or reported


def _resolve(
    sent: Span, trigger: Token | None, published: str | None, mentions: list[DateMention], kn: DateKnowledge
) -> DateResult | None:
    """The first mention, in rank order, that resolves to a date."""
    pub = calendar.parse_iso(published)
    for mention, mention_tense in _ranked(sent, trigger, mentions, kn):
        if mention.count is not None:
            counted_from = _anchor(sent, mention, published, kn)
            got = calendar.count(counted_from, *mention.count) if counted_from is not None else None
        else:
            got = mention.resolve(pub, mention_tense)
        if got is not None:
            d, precision = got
            # sliced from the text kept with the doc: ``doc.text`` and ``Span.text`` join tokens on every call
            return DateResult(d.isoformat(), precision, doc_text(sent.doc)[mention.start : mention.end])
    return None


def _ranked(
    sent: Span, trigger: Token | None, mentions: list[DateMention], kn: DateKnowledge
) -> list[tuple[DateMention, str]]:
    """The mentions that may date the trigger, best first, each with the tense of the clause it dates."""
    anchor = trigger if trigger is not None else sent.root
    anchor_verb = clause_verb(anchor)
    ranked: list[tuple[tuple[int, int], DateMention, str]] = []
    for mention in mentions:
        span = sent.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        root = span.root
        verb = date_verb(root, kn)
        tier = _tier(root, verb, anchor, anchor_verb, kn)
        if tier is not None:
            ranked.append(((tier, abs(root.i - anchor.i)), mention, tense(verb, kn)))
    ranked.sort(key=lambda r: r[0])
    return [(mention, mention_tense) for _, mention, mention_tense in ranked]


def _tier(root: Token, verb: Token, anchor: Token, anchor_verb: Token, kn: DateKnowledge) -> int | None:
    """How closely a date (``root``, dating ``verb``) belongs to the trigger: 0 in a noun trigger's own phrase
    ("the attack on Monday"), 1 governed by the trigger's verb, 2 the clause above it (a "said on Monday"
    over the event), 3 elsewhere in the sentence; None when it dates something else."""
    if anchor.left_edge.i <= root.i <= anchor.right_edge.i and anchor.i != anchor_verb.i:
        return 0
    if verb == anchor_verb:
        return 1
    # "is expected to meet on March 14": the schedule's date is the event's; "agreed to meet on Friday" is not
    prospective = anchor_verb.lemma_ in kn.prospective_verbs
    if embedded_in(verb, anchor_verb, skip_xcomp=prospective, also=("relcl", "acl")):
        # "said that troops attacked on Monday": Monday dates the attack, not the saying;
        # "struck a depot that was built in 2019": 2019 dates the depot
        return None
    if verb in anchor_verb.ancestors:
        return 2
    if branch_dep(verb, anchor_verb) in ("conj", "xcomp"):
        # "said the plan would fail, and vowed on Monday to fight it": Monday dates the vow, a clause
        # joined to one above the trigger's, not the trigger
        return None
    return 3


def _anchor(sent: Span, mention: DateMention, published: str | None, kn: DateKnowledge) -> tuple[date, str] | None:
    """The date a counted day ("the day before") counts from, with its precision: the last date named before
    it in its sentence, else the date of the nearest of the six sentences before that names one, else
    publication (a day)."""
    pub = calendar.parse_iso(published)
    before = [m for m in _mentions(sent, kn) if m.end <= mention.start and not m.anchored]
    for m in reversed(before):
        got = m.resolve(pub, "past")
        if got is not None:
            return got
    doc = sent.doc
    start = sent.start
    for _ in range(6):
        if start == 0:
            break
        prev = doc[start - 1].sent
        start = prev.start
        got = _sentence_date(prev, published, kn)
        if got is not None:
            day = calendar.parse_iso(got.date)
            return (day, got.precision) if day is not None else None
    return (pub, "day") if pub is not None else None


def _sentence_date(sent: Span, published: str | None, kn: DateKnowledge) -> DateResult | None:
    """A sentence's own date (no trigger), as a counted day after it counts from it. Worked out once per doc
    and publication date, in text order: the sentences before it first, so each counts from dates already
    known, and a chain of counted days of any length is followed link by link in linear time (no recursion
    deeper than one sentence)."""
    doc = sent.doc
    dated: dict[tuple[DateKnowledge, int, str | None], DateResult | None]
    dated = doc.user_data.setdefault(_SENTENCE_DATE_KEY, {})
    key = (kn, sent.start, published)
    if key in dated:
        return dated[key]
    pending = [sent]
    while pending[-1].start > 0:
        prev = doc[pending[-1].start - 1].sent
        if (kn, prev.start, published) in dated:
            break
        pending.append(prev)
    for s in reversed(pending):
        mentions = _mentions(s, kn)
        dated[(kn, s.start, published)] = _resolve(s, None, published, mentions, kn) if mentions else None
    return dated[key]


def _mentions(sent: Span, kn: DateKnowledge) -> list[DateMention]:
    """The sentence's date mentions, found once per doc and knowledge (the pipeline asks about one sentence many
    times: each event, each statement in it)."""
    cache: dict[tuple[DateKnowledge, int, int], list[DateMention]] = sent.doc.user_data.setdefault(_CACHE_KEY, {})
    key = (kn, sent.start, sent.end)
    found = cache.get(key)
    if found is None:
        found = cache[key] = find_dates(doc_text(sent.doc)[sent.start_char : sent.end_char], sent.start_char, kn)
    return found
