"""Readings that look like events but are not: each rule says why, in general terms.

A trigger word can stand in a sentence that reports no political act: a
journalist "asked" a question, a spokesman "declined to comment", an earthquake
"killed" villagers, "the Paris agreement" is a name, a market index
"retreated", someone "fought for" a cause, a government denied an accusation.
``not_an_event`` gives the reason a frame is dropped (for tests and debugging),
or None. The words come from the English word classes (``words.py``).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from eventwire.events.frames import Frame
from eventwire.events.ontology import COOPERATIVE
from eventwire.events.policy import Policy
from eventwire.events.syntax import SUBJ, Syntax

Rule = Callable[[Frame, Syntax], "str | None"]


def not_an_event(frame: Frame, syn: Syntax, policy: Policy | None = None) -> str | None:
    """The reason this frame is no event, or None when it may be one."""
    if policy is not None and policy.is_figurative(frame, syn.words):
        return "a figure of speech (no arms around)"
    for rule in RULES:
        reason = rule(frame, syn)
        if reason is not None:
            return reason
    return None


def question_asked(frame: Frame, syn: Syntax) -> str | None:
    """A question is no request: asked by a journalist or moderator, or asked whether/what/about something."""
    if frame.sense.type != "REQUEST" or frame.noun or "request" in frame.kinds:
        return None
    w = syn.words
    verb = frame.anchor
    subj, _ = syn.subject(verb)
    if subj and subj[0].lemma_.lower() in w.media_words:
        return "a question asked by a journalist"
    for c in verb.children:
        if c.dep_ == "dobj" and c.lemma_.lower() in w.question_nouns:
            return "questions asked"
        if c.dep_ in ("ccomp", "advcl") and c.i > verb.i:
            opener = c.doc[c.left_edge.i]
            marks = {m.lower_ for m in c.children if m.dep_ == "mark"}
            if marks & set(w.question_words) or opener.lower_ in w.question_words:
                return "an indirect question"
        if c.dep_ == "prep" and c.lower_ == "about" and not any(x.dep_ in ("xcomp",) for x in verb.children):
            return "asked about something"
    return None


def no_comment(frame: Frame, syn: Syntax) -> str | None:
    """ "Declined to comment", "refused to be identified", "a request for comment": saying nothing is no act."""
    w = syn.words
    a = frame.anchor
    if frame.sense.type == "REJECT" and not frame.noun:
        for c in a.children:
            if c.dep_ == "xcomp" and c.lemma_.lower() in w.comment_verbs:
                return "declined to comment"
    if frame.sense.type == "REQUEST" and frame.noun:
        for c in a.children:
            if c.dep_ == "prep" and c.lower_ == "for":
                if any(p.dep_ == "pobj" and p.lemma_.lower() == "comment" for p in c.children):
                    return "a request for comment"
    return None


def hazard_actor(frame: Frame, syn: Syntax) -> str | None:
    """What an earthquake, a flood, a disease or a crash does is no political act."""
    hazards = syn.words.hazards
    if any(t.lemma_.lower() in hazards for t in frame.source):
        return "a natural disaster or accident as actor"
    if not frame.source:
        for h in {frame.anchor, frame.clause}:
            for c in h.children:
                if c.dep_ in ("prep", "agent") and c.lower_ in ("in", "by", "from", "during", "after", "amid"):
                    if any(p.dep_ == "pobj" and p.lemma_.lower() in hazards for p in c.children):
                        return "killed or hurt in a natural disaster or accident"
    return None


def agreement_name(frame: Frame, syn: Syntax) -> str | None:
    """ "The Paris agreement" names an agreement; only a verb that carries it ("signed", "reached") is an act."""
    a = frame.anchor
    if frame.sense.type != "AGREE" or not frame.noun or frame.clause.i != a.i:
        return None
    if any(c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < a.i for c in a.children):
        return "the name of an agreement"
    return None


def market_move(frame: Frame, syn: Syntax) -> str | None:
    """Indices, prices and currencies "retreat", "fall" and "rally": market moves, not acts."""
    market = syn.words.market_words
    if any(t.lemma_.lower() in market or t.lower_ in market for t in frame.source):
        return "a market move"
    return None


def fought_for(frame: Frame, syn: Syntax) -> str | None:
    """Fighting *for* someone or something ("fought for civil rights") is no attack on them."""
    if frame.sense.type != "ASSAULT":
        return None
    a = frame.anchor

    def via_for(t: Token) -> bool:
        return t.head.lower_ == "for" and t.head.head in (a, frame.clause)

    if frame.targets and all(via_for(t) for t in frame.targets):
        return "fought for a cause"
    if not frame.targets:
        preps = {c.lower_ for c in a.children if c.dep_ == "prep"}
        objects = [c for c in a.children if c.dep_ in ("dobj", *SUBJ) and c.i > a.i]
        if "for" in preps and not preps & {"against", "with", "on"} and not objects:
            return "fought for a cause"
    return None


def denied_accusation(frame: Frame, syn: Syntax) -> str | None:
    """Denying an accusation is no event (the act denied, if named, is coded negated on its own)."""
    noun = frame.object_noun
    if "deny" in frame.kinds and noun is not None and noun.lemma_.lower() in syn.words.accusation_nouns:
        return "a denied accusation"
    a = frame.anchor
    if a.lemma_.lower() in syn.words.denial_verbs and frame.sense.type == "REJECT" and not frame.noun:
        obj = next((c for c in a.children if c.dep_ == "dobj"), None)
        lemma = obj.lemma_.lower() if obj is not None else ""
        if lemma in syn.words.accusation_nouns or lemma in syn.words.guilt_nouns:
            return "a denied accusation"
        if obj is None and any(_asserted_clause(c) for c in a.children):
            # "denied using force", "denied that police fired": an act or a claim denied, nothing refused
            return "a denied act"
    return None


def _asserted_clause(c: Token) -> bool:
    """A clause complement that states an act ("using force", "that police fired"), not an infinitive that
    names what was asked for ("rejected X to postpone the hearing" is a refused request)."""
    if c.dep_ not in ("xcomp", "ccomp") or c.pos_ not in ("VERB", "AUX"):
        return False
    return not any(x.dep_ == "aux" and x.lower_ == "to" for x in c.children)


def media_talk(frame: Frame, syn: Syntax) -> str | None:
    """Talking to reporters or to a news outlet is no consultation."""
    media = syn.words.media_words
    if frame.sense.type == "CONSULT" and frame.targets and all(t.lemma_.lower() in media for t in frame.targets):
        return "talking to the press"
    return None


def rally_for_someone(frame: Frame, syn: Syntax) -> str | None:
    """A rally for a person ("a rally for the candidate", "a Smith rally") is campaigning, not protest."""
    if frame.sense.type != "PROTEST":
        return None
    a = frame.anchor
    for c in a.children:
        if (
            c.dep_ in ("compound", "poss")
            and c.i < a.i
            and (c.ent_type_ == "PERSON" or c.lower_ in syn.words.person_pronouns)
        ):
            return "a campaign rally"  # "a Smith rally", "his rallies"
        if c.dep_ == "prep" and c.lower_ == "for":
            if any(p.dep_ == "pobj" and p.ent_type_ == "PERSON" for p in c.children):
                return "a campaign rally"
    return None


def support_without_recipient(frame: Frame, syn: Syntax) -> str | None:
    """ "Democratic support", "the candidate's support": backing no one is given, usually from voters."""
    if frame.sense.type == "SUPPORT" and frame.noun and not frame.targets and frame.clause.i == frame.anchor.i:
        if any(t.head.lower_ in ("of", "from", "by") and t.head.head == frame.anchor for t in frame.source):
            return None  # "the endorsement of the sheriff": a named backer
        return "support with no recipient"
    return None


def nobody_in_particular(frame: Frame, syn: Syntax) -> str | None:
    """ "You should be willing to debate": a generic actor reports no act."""
    generic = syn.words.generic_pronouns
    if frame.source and all(t.lower_ in generic for t in frame.source):
        return "a generic actor"
    return None


def thing_as_actor(frame: Frame, syn: Syntax) -> str | None:
    """ "The polls have provided little clarity": a plain thing (no name, no actor inside) gives or agrees nothing."""
    w = syn.words
    if frame.sense.type not in COOPERATIVE:
        return None  # a report, an ad or a letter speaks for its authors; "guards fired": people we cannot list
    for t in frame.source:
        if t.pos_ != "NOUN" or t.ent_type_ or t.is_title or syn.actorish(t) or syn.pron(t):
            return None
        if any(c.pos_ == "PROPN" or c.ent_type_ for c in t.children if c.i < t.i):
            return None  # "Ibo elders": a people named by its modifier
        lemma = t.lemma_.lower()
        if lemma in w.armed_words or lemma in w.weapon_words or syn.actor_inside(t) is not None:
            return None
    return "a thing as actor" if frame.source else None


def personal_anecdote(frame: Frame, syn: Syntax) -> str | None:
    """ "She helped me", "I met your best friend": the speaker's own life, with no named body taking part."""
    w = syn.words
    sides = [*frame.source, *frame.targets]
    if not any(t.lower_ in w.first_person or t.lower_ in w.generic_pronouns for t in sides):
        return None
    if any(t.ent_type_ in ("GPE", "ORG", "NORP", "PERSON") for t in sides):
        return None
    return "a personal anecdote"


def campaigning(frame: Frame, syn: Syntax) -> str | None:
    """Seeking an office ("seeking the presidency") or talking and appealing to voters is campaigning."""
    w = syn.words
    if frame.sense.type == "REQUEST" and not frame.noun:
        obj = next((c for c in frame.anchor.children if c.dep_ == "dobj"), None)
        if obj is not None and obj.lemma_.lower() in w.campaign_goals:
            return "seeking an office"
    if (
        frame.sense.type in (*COOPERATIVE, "REQUEST")
        and frame.targets
        and all(
            t.lemma_.lower() in w.audiences
            or any(c.dep_ == "compound" and c.lemma_.lower() in w.audiences for c in t.children)
            for t in frame.targets
        )
    ):
        return "addressed to voters or the public"
    return None


def refusal_of_nothing(frame: Frame, syn: Syntax) -> str | None:
    """ "Unwilling to debate", "we refuse to live in that": refusing a non-event, aimed at no actor, is no event."""
    a = frame.anchor
    if frame.sense.type != "REJECT" or frame.noun or frame.kinds:
        return None
    if any(c.dep_ == "xcomp" for c in a.children) and not any(syn.actorish(t) for t in frame.targets):
        return "refuses no act of anyone"
    return None


RULES: tuple[Rule, ...] = (
    personal_anecdote,
    campaigning,
    refusal_of_nothing,
    media_talk,
    rally_for_someone,
    support_without_recipient,
    nobody_in_particular,
    thing_as_actor,
    question_asked,
    no_comment,
    hazard_actor,
    agreement_name,
    market_move,
    fought_for,
    denied_accusation,
)
