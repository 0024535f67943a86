"""The actors of one article, as the other stages see them.

The actors stage fills an :class:`ArticleActors`; statements and events ask it
"which actor is mentioned at this token / in this span?" and turn the answer
into an :class:`~eventwire.schema.ActorRef`. Spans no rule resolved still get
an actor (``kind="unresolved"``) so an event between "Siemens" and "a court"
keeps its participants, just without country codes.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from eventwire.nlp import doc_text
from eventwire.schema import Actor, ActorRef, Mention

# the rule of a mention naming an organisation by a name of its own ("The Lakeside Register"), not by a word for a
# body ("the administration"); a rule may carry suffixes ("org-entity+state-word", "+home:state.USA")
ORG_ENTITY = "org-entity"
# spaCy entity labels of a proper-name participant that may be home's when no rule knew it ("" is none)
_NAME_ENTS = frozenset({"", "PERSON", "ORG", "FAC", "PRODUCT", "WORK_OF_ART"})


def named_by_own_name(actor: Actor) -> bool:
    """Is the actor first mentioned by a name of its own (an :data:`ORG_ENTITY` mention)?"""
    return bool(actor.mentions) and actor.mentions[0].rule.startswith(ORG_ENTITY)


@dataclass
class ActorMention:
    """A resolved mention: a token span of the doc pointing at one actor."""

    token_start: int
    token_end: int
    actor_id: str
    rule: str
    # its characters in the doc's text, when ``ArticleActors.add_mention`` made it (-1: read from the doc)
    start_char: int = field(default=-1, compare=False, repr=False)
    end_char: int = field(default=-1, compare=False, repr=False)


@dataclass(frozen=True)
class HomeRule:
    """Where a name no rule knew belongs, as the resolver decided it for the whole article.

    The article's home state, except in the sentences that name another state: "Police in Lagos
    arrested Tunde Bakare" in an American paper says nothing about Bakare being American.
    """

    home: str | None = None
    foreign: tuple[tuple[int, int], ...] = ()  # [start, end) token ranges of sentences naming another state
    groups: frozenset[str] | set[str] = frozenset()  # nouns that name people or a body (``group_nouns``)

    def at(self, i: int) -> str | None:
        """The home state for a name at token ``i``, or None when its sentence names another state."""
        if self.home is None or not self.foreign:
            return self.home
        k = bisect.bisect_right(self.foreign, i, key=lambda r: r[0]) - 1
        return None if k >= 0 and self.foreign[k][0] <= i < self.foreign[k][1] else self.home


def _takes_home(root: Token, groups: frozenset[str] | set[str]) -> bool:
    """May a participant no rule resolved take the article's home state? A name no rule knew ("@handle",
    "Zorvath Ltd") in a domestic story is most likely home's, and so is a group named by a noun for people or a
    body ("liberal groups", "the department", "wealthy donors"; ``groups``): a domestic story names the foreign
    ones by their state, and :class:`HomeRule` keeps home out of the sentences that do. Not other common nouns
    ("the ruling", "a survey": no actor), a pronoun with no antecedent, a number or a one-letter token ("Q:")."""
    if len(root.text) < 2:
        return False
    if root.pos_ == "PROPN":
        # the small parser tags many unknown names WORK_OF_ART or FAC; a place it tags GPE or LOC that the gazetteer
        # does not know is as likely abroad, and a nationality (NORP) or a date is no name of an actor
        return root.ent_type_ in _NAME_ENTS
    if root.pos_ != "NOUN" or root.ent_type_ not in ("", "NORP", "ORG"):
        return False
    return root.lemma_.lower() in groups or root.lower_ in groups


class ArticleActors:
    """Actors and their mentions in one doc; lookups by token index."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.actors: dict[str, Actor] = {}
        self.mentions: list[ActorMention] = []
        self._by_token: dict[int, ActorMention] = {}
        self._by_actor: dict[str, list[ActorMention]] = {}  # actor id -> its mentions (merges stay cheap)
        self._next_id = 1
        self.home_rule = HomeRule()  # where unresolved names belong, set by the resolver
        # tokens of first-person pronouns ("I", "we"; ``first_person`` in words.yaml) no mention claims: inside a
        # quote they name its speaker, which the statements stage finds after the actors (the roles' chooser)
        self.self_refs: list[int] = []
        self._text: str | None = None
        # each token's first character and length (the resolver's arrays), so a mention's characters are read
        # without making Token objects; None: read from the doc
        self.token_chars: tuple[list[int], list[int]] | None = None

    def new_actor(self, **fields) -> Actor:
        """Create and register an actor with the next free id (a1, a2, ...)."""
        actor = Actor(id=f"a{self._next_id}", **fields)
        self._next_id += 1
        self.actors[actor.id] = actor
        return actor

    def merge(self, source: Actor, into: Actor) -> None:
        """Move every mention of ``source`` to ``into`` and drop ``source`` (ids are never reused)."""
        if source.id == into.id:
            return
        moved = self._by_actor.pop(source.id, [])
        for m in moved:
            m.actor_id = into.id
        self._by_actor.setdefault(into.id, []).extend(moved)
        into.mentions.extend(source.mentions)
        into.mentions.sort(key=lambda m: m.start)
        del self.actors[source.id]

    def renumber(self) -> None:
        """Give actors consecutive ids (a1, a2, ...) in order of first mention; call before other stages."""
        order = sorted(self.actors.values(), key=lambda a: min((m.start for m in a.mentions), default=0))
        mapping = {a.id: f"a{k}" for k, a in enumerate(order, 1)}
        for a in order:
            a.id = mapping[a.id]
        by_actor: dict[str, list[ActorMention]] = {}
        for m in self.mentions:
            m.actor_id = mapping[m.actor_id]
            by_actor.setdefault(m.actor_id, []).append(m)
        self._by_actor = by_actor
        self.actors = {a.id: a for a in order}
        self._next_id = len(order) + 1

    def add_mention(self, actor: Actor, token_start: int, token_end: int, rule: str) -> ActorMention:
        """Record that tokens [token_start, token_end) mention ``actor``.

        A token already claimed by an earlier mention keeps it: resolvers run
        the most specific rules first.
        """
        if self._text is None:
            self._text = doc_text(self.doc)  # built once (Doc.text joins every token); mentions slice it
        if self.token_chars is not None:
            starts, lengths = self.token_chars
            start_char, end_char = starts[token_start], starts[token_end - 1] + lengths[token_end - 1]
        else:
            last = self.doc[token_end - 1]
            start_char, end_char = self.doc[token_start].idx, last.idx + len(last)
        mention = ActorMention(token_start, token_end, actor.id, rule, start_char, end_char)
        actor.mentions.append(Mention(self._text[start_char:end_char], start_char, end_char, rule))
        self.mentions.append(mention)
        self._by_actor.setdefault(actor.id, []).append(mention)
        for i in range(token_start, token_end):
            self._by_token.setdefault(i, mention)
        return mention

    def last_before(self, actor_id: str, token: int) -> int:
        """The first token of ``actor_id``'s last mention that starts before ``token`` (-1: none)."""
        return max((m.token_start for m in self._by_actor.get(actor_id, ()) if m.token_start < token), default=-1)

    def at_token(self, token: Token | int) -> ActorMention | None:
        """The mention covering a token, if any."""
        i = token if isinstance(token, int) else token.i
        return self._by_token.get(i)

    def subjects_of(self, verb: Token) -> Iterator[ActorMention | None]:
        """The mention at each subject (nsubj, nsubjpass) of ``verb``, in order; None for a subject that names
        no actor. Coreference and the article's home ask "who is the subject here?" alike."""
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                yield self._by_token.get(child.i)

    def subject_of(self, verb: Token) -> ActorMention | None:
        """The mention at the first subject of ``verb``; None when it has none or that subject names no actor."""
        return next(self.subjects_of(verb), None)

    def in_span(self, span: Span) -> list[ActorMention]:
        """Distinct mentions that overlap ``span``, in text order."""
        seen: list[ActorMention] = []
        get = self._by_token.get
        last = None
        for i in range(span.start, span.end):
            m = get(i)
            if m is not None and m is not last and all(m is not k for k in seen):
                seen.append(m)
                last = m
        return seen

    def for_span(self, span: Span) -> ActorRef:
        """An ActorRef for a participant phrase.

        Prefers a resolved mention at the phrase's root, then any mention in
        the phrase; otherwise registers an unresolved actor named by the
        phrase, so every event participant is accounted for.
        """
        mention = self.at_token(span.root) or next(iter(self.in_span(span)), None)
        if mention is not None:
            return self.ref(mention)
        for actor in self.actors.values():
            if actor.kind == "unresolved" and actor.name == span.text:
                break
        else:
            root = span.root
            country = self.home_rule.at(root.i) if _takes_home(root, self.home_rule.groups) else None
            actor = self.new_actor(name=span.text, country=country, sector=None, kind="unresolved")
        m = self.add_mention(actor, span.start, span.end, "unresolved")
        return self.ref(m)

    def ref(self, mention: ActorMention) -> ActorRef:
        """The ActorRef (mention as written + resolved actor) for a mention."""
        actor = self.actors[mention.actor_id]
        start, end = mention.start_char, mention.end_char
        if start < 0 or self._text is None:
            span = self.doc[mention.token_start : mention.token_end]
            start, end = span.start_char, span.end_char
            text = span.text
        else:
            text = self._text[start:end]  # what ``Span.text`` joins, sliced from the doc's text
        return ActorRef(
            id=actor.id,
            text=text,
            start=start,
            end=end,
            name=actor.name,
            country=actor.country,
            sector=actor.sector,
        )
