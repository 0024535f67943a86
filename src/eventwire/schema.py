"""The record model: the contract between stages and with users.

Every record is a plain dataclass. ``to_dict`` turns a record into the JSON
object that ``eventwire code`` writes, one per input article. Field help lives
in ``metadata["help"]`` so ``docs/schema.md`` can be checked against the code
(``tests/test_docs.py``). Change a field deliberately: bump ``SCHEMA_VERSION``
and say why in ``docs/schema.md``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = "1.1"

EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION",
    "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
MODALITIES = (
    "asserted", "negated", "proposed", "threatened", "hypothetical", "future", "claimed",
)  # fmt: skip
DATE_PRECISIONS = ("day", "week", "month", "year", "reported")


def _f(help: str, default: Any = dataclasses.MISSING, factory: Any = dataclasses.MISSING):
    kwargs: dict[str, Any] = {"metadata": {"help": help}}
    if default is not dataclasses.MISSING:
        kwargs["default"] = default
    if factory is not dataclasses.MISSING:
        kwargs["default_factory"] = factory
    return field(**kwargs)


@dataclass
class Evidence:
    """A checkable stretch of the article: ``article.text[start:end] == text``."""

    start: int = _f("character offset where the span starts in article.text")
    end: int = _f("character offset just past the span")
    text: str = _f("the characters article.text[start:end]")


@dataclass
class ActorRef:
    """One mention of an actor, as used in an event or a statement."""

    id: str = _f("id of the actor in the article's actors list")
    text: str = _f("the mention as written")
    start: int = _f("character offset of the mention")
    end: int = _f("character offset just past the mention")
    name: str = _f("canonical name of the actor")
    country: str | None = _f("ISO 3166 alpha-3, or PLOVER's IGO/UNO/EUR/NGO/IMG/ISM/MNC; null if unknown")
    sector: str | None = _f("PLOVER sector code (GOV, MIL, REB, ...); null if unknown")


@dataclass
class Mention:
    """Where an actor is mentioned and which rule or entry resolved it."""

    text: str = _f("the mention as written")
    start: int = _f("character offset")
    end: int = _f("character offset just past the mention")
    rule: str = _f("what resolved it: 'rule' or 'rule:entry-id' (e.g. capital-metonym:state.RUS)")


@dataclass
class Actor:
    """An actor of the article, with every mention of it."""

    id: str = _f("actor id, unique within the article (a1, a2, ...)")
    name: str = _f("canonical name (a person's full name, a state's short name, ...)")
    country: str | None = _f("ISO 3166 alpha-3, or PLOVER's non-state codes IGO/UNO/EUR/NGO/IMG/ISM/MNC")
    sector: str | None = _f("primary PLOVER sector code")
    secondary_sectors: list[str] = _f("further sector codes", factory=list)
    cameo: str | None = _f("CAMEO actor code string, e.g. RUSGOV, NATO, UKRREB", default=None)
    kind: str = _f("state | organisation | group | person | collective | place | unresolved", default="unresolved")
    role: str | None = _f("role word for people (ambassador, spokesman, ...)", default=None)
    accredited_to: str | None = _f("alpha-3 of the state an envoy is accredited to", default=None)
    entry: str | None = _f("knowledge entry id that resolved the actor, if any", default=None)
    mentions: list[Mention] = _f("every mention in the article", factory=list)


@dataclass
class Location:
    """A place on the map."""

    name: str = _f("place name as in the gazetteer")
    country: str | None = _f("ISO 3166 alpha-3")
    lat: float | None = _f(
        "latitude; null for a whole country or US state (no single point stands for it)", default=None
    )
    lon: float | None = _f("longitude; null when lat is", default=None)
    geonames_id: int | None = _f("GeoNames id, when the place is from GeoNames", default=None)
    text: str | None = _f("the words in the article that named the place", default=None)
    source: str | None = _f(
        "where the place came from: clause | sentence | statement | paragraph | dateline", default=None
    )


@dataclass
class Event:
    """Who did what to whom, when and where, with the evidence."""

    id: str = _f("event id, unique within the article (e1, e2, ...)")
    event_type: str = _f("PLOVER type (AGREE ... ASSAULT)")
    mode: str | None = _f("PLOVER mode of the type, when the text decides it")
    cameo: str = _f("CAMEO event code: root or 3-4 digits where the text decides it")
    quad_class: int = _f("1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict")
    goldstein: float = _f("CAMEO Goldstein score of the code")
    plover_score: float = _f("PLOVER cooperation-conflict score of the type")
    source: ActorRef | None = _f("the actor (PLOVER's actor), or null")
    target: ActorRef | None = _f("the recipient, or null")
    date: str | None = _f("YYYY-MM-DD the event happened, resolved from the text")
    date_precision: str = _f("day | week | month | year | reported (publication date, no date in text)")
    date_text: str | None = _f("the words that gave the date, or null")
    location: Location | None = _f("where it happened, or null")
    modality: str = _f("asserted | negated | proposed | threatened | hypothetical | future | claimed")
    statement_id: str | None = _f("the statement whose content holds the event, or null")
    evidence: Evidence = _f("the sentence (or clause) stating the event")
    trigger: Evidence = _f("the words that triggered the code")
    confidence: float = _f("0..1; orders events by how likely they are right")
    rule: str | None = _f(
        "lexicon entry id that found the event; 'learned:sentence' for a sentence the learned coder read as one",
        default=None,
    )


@dataclass
class Statement:
    """Who said what, where and when."""

    id: str = _f("statement id, unique within the article (s1, s2, ...)")
    speaker: ActorRef | None = _f("the speaker: the mention as written plus the resolved actor")
    cue: Evidence = _f("the attributing words (said, has learned, according to, believes); see Statements above")
    content: Evidence = _f("the attributed words (PolNeAR's conventions: quote marks and a leading 'that' kept)")
    direct: bool = _f("true for quoted speech")
    kind: str = _f(
        "speech, belief or intention, by the cue's words (said / believes / wants); other when the cue lexicon"
        " does not know them",
        default="speech",
    )
    venue: str | None = _f("where it was said (a show, an interview, a press conference)", default=None)
    addressee: str | None = _f("whom it was said to, when named", default=None)
    date: str | None = _f("YYYY-MM-DD it was said, resolved from the text", default=None)
    date_precision: str = _f("as for events", default="reported")
    date_text: str | None = _f("the words that gave the date", default=None)
    reported_by: str | None = _f("id of the statement that reports this one (nested attribution)", default=None)


@dataclass
class Article:
    """One input article and its recovered metadata."""

    id: str = _f("stable id: the given id, else a hash of the text")
    text: str = _f(
        "the article text; every offset points into it (a skipped record keeps at most its first 500 characters)"
    )
    title: str | None = _f("headline", default=None)
    published: str | None = _f("publication date YYYY-MM-DD", default=None)
    publisher: str | None = _f("the site that published it", default=None)
    credit: str | None = _f("the wire or agency credited (Sputnik, Reuters, AP)", default=None)
    byline: str | None = _f("author line", default=None)
    dateline: str | None = _f("the dateline place word (MOSCOW)", default=None)
    url: str | None = _f("URL", default=None)
    origin: str | None = _f("where it was read from: file, file:line or file#record", default=None)
    duplicate_of: str | None = _f("id of an earlier article with (nearly) the same text", default=None)
    warnings: list[str] = _f(
        "what was wrong with the input but did not stop coding (an unreadable date, replaced characters)",
        factory=list,
    )


@dataclass
class Result:
    """One line of ``eventwire code`` output: an article, coded or skipped."""

    article: Article = _f("the article")
    status: str = _f("coded | skipped", default="coded")
    reason: str | None = _f("why it was skipped (names the input), else null", default=None)
    events: list[Event] = _f("events", factory=list)
    statements: list[Statement] = _f("statements", factory=list)
    actors: list[Actor] = _f("actors", factory=list)
    schema_version: str = _f("version of this record schema", default=SCHEMA_VERSION)

    def to_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        order = ["schema_version", "status", "reason", "article", "events", "statements", "actors"]
        return {k: d[k] for k in order}


def from_dict(cls: type, data: dict[str, Any]) -> Any:
    """Rebuild a record (and nested records) from ``to_dict``/``asdict`` output."""
    if data is None:
        return None
    kwargs = {}
    hints = {f.name: f for f in dataclasses.fields(cls)}
    nested = {
        "article": Article, "source": ActorRef, "target": ActorRef, "speaker": ActorRef,
        "evidence": Evidence, "trigger": Evidence, "cue": Evidence, "content": Evidence,
        "location": Location,
    }  # fmt: skip
    lists = {"events": Event, "statements": Statement, "actors": Actor, "mentions": Mention}
    for name in hints:
        if name not in data:
            continue
        value = data[name]
        if name in nested and isinstance(value, dict):
            value = from_dict(nested[name], value)
        elif name in lists and isinstance(value, list):
            value = [from_dict(lists[name], v) for v in value]
        kwargs[name] = value
    return cls(**kwargs)


def schema_tables() -> str:
    """Markdown tables of every record's fields, from the dataclass help (kept in docs/schema.md)."""
    out = []
    for cls in (Result, Article, Event, Statement, Actor, ActorRef, Mention, Evidence, Location):
        out.append(f"### {cls.__name__}\n\n{(cls.__doc__ or '').strip().splitlines()[0]}\n")
        out.append("| field | type | meaning |\n|---|---|---|")
        for f in dataclasses.fields(cls):
            typ = str(f.type).replace("|", "or")
            out.append(f"| `{f.name}` | `{typ}` | {f.metadata.get('help', '')} |")
        out.append("")
    return "\n".join(out)
