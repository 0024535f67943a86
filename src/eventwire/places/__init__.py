"""Where an event happened: a place named in its own clause, else in its sentence, else a local dateline.

``locate`` reads place names off the sentence (a dict lookup per capitalised
token run, longest first), decides for each how it hangs in the parse, and
ranks them:

1. a locative phrase ("in Ukraine", "near Bakhmut", "in the eastern city of
   Kharkiv", "outside parliament in Tbilisi") governed by the trigger's own
   verb, or inside a noun trigger's phrase ("the attack on Kyiv") -> source
   ``clause``;
2. a locative phrase elsewhere in the sentence, or a town, region or sea that
   is itself an argument of the trigger ("shelled Kharkiv") -> ``sentence``;
3. another town, region or sea in the sentence (not a country, not a capital:
   "Moscow said" is the government speaking, not a place) -> ``sentence``;
4. places in locative phrases of the ``fallback`` spans the caller passes (the
   statement's sentence, the paragraph; of a long span only its last
   ``FALLBACK_SENTENCES`` sentences) -> the source named with each span;
5. the dateline, only when the story is local: every actor country of the
   article is the dateline's country -> ``dateline``.

Within a rank the most specific place wins (a city over its country: "in
Donetsk in eastern Ukraine" is Donetsk); countries named in the sentence,
the article's actor countries and the dateline's country disambiguate a name,
with population (see :meth:`Gazetteer.lookup`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from eventwire.dates import PROSPECTIVE_VERBS, clause_verb, embedded_in
from eventwire.places.gazetteer import SPECIFIC, Gazetteer, Place
from eventwire.schema import Location

__all__ = ["FALLBACK_SENTENCES", "Gazetteer", "Place", "PlaceMention", "find_places", "locate"]

LOCATIVE_PREPS = {
    "in", "at", "near", "outside", "inside", "across", "around", "off", "over", "into", "onto", "through",
    "throughout", "along", "within", "towards", "toward", "beyond", "nearby", "outskirts",
}  # fmt: skip
# Nouns a place hangs from with "of": "the city of Kharkiv", "the outskirts of Kyiv".
PLACE_NOUNS = {
    "city", "town", "village", "region", "province", "oblast", "district", "capital", "port", "area", "outskirts",
    "suburb", "suburbs", "state", "county", "governorate", "municipality", "settlement", "centre", "center",
    "streets", "coast", "island", "islands", "peninsula", "republic", "territory", "enclave", "strip", "border",
    "west", "east", "north", "south", "heart", "part", "parts", "south-east", "north-east", "south-west",
    "north-west", "southeast", "northeast", "southwest", "northwest", "vicinity", "hub", "stronghold",
    "sector", "zone", "zones", "quarter", "neighbourhood", "neighborhood", "periphery", "edge", "provinces",
    "regions", "towns", "villages", "cities", "districts", "areas", "countryside", "mountains", "hills",
}  # fmt: skip
# Entity types that are never places; PERSON/ORG/NORP names are doubted (the small model tags "Mariupol" ORG
# now and then), so they count only inside a locative phrase.
# "to <place>" is where the event happens after these (elsewhere "to Russia" is a recipient) ...
MOTION = {
    "send", "deploy", "travel", "return", "fly", "arrive", "go", "come", "extradite", "deport", "move", "flee",
    "dispatch", "march", "head", "sail", "redeploy", "transfer", "evacuate", "airlift", "ship", "smuggle",
    "advance", "push", "rush", "visit", "trip", "journey", "deployment", "expel",
}  # fmt: skip
# ... and "from <place>" after these ("withdrew from Kherson", "the evacuation from Mariupol").
LEAVING = {
    "withdraw", "withdrawal", "retreat", "pull", "evacuate", "evacuation", "expel", "expulsion", "flee", "oust",
    "drive", "remove", "release", "rescue", "free", "escape", "exit", "pullout", "pullback",
}  # fmt: skip
# How many sentences of a long fallback span (the paragraph so far) are read for a place: wire paragraphs
# are one to four sentences, so only text without paragraph breaks is cut.
FALLBACK_SENTENCES = 8
# How far (in tokens, either side of the trigger) a place may lie to be the event's: every real sentence fits;
# a run-on "sentence" of thousands of tokens would otherwise make each of its events rank every place in it.
PLACE_WINDOW = 80
_NOT_GLUE = {"DATE", "TIME", "GPE", "LOC", "CARDINAL", "ORDINAL"}
_DOUBTED_ENTS = {"PERSON", "ORG", "NORP"}
_SKIP_ENTS = {"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY", "WORK_OF_ART", "LAW", "EVENT", "PRODUCT", "LANGUAGE"}  # fmt: skip


@dataclass
class PlaceMention:
    """A place name in a sentence: token range, the matched name, and how it hangs in the parse."""

    start: int  # token index in the doc
    end: int
    text: str
    places: list[Place]
    root: Token
    locative: bool
    attach: Token  # the word the place phrase modifies (a verb, or a noun like "attack")
    doubted: bool = False  # PERSON/ORG/NORP or a modifier ("Black Sea ports"), outside a locative phrase
    placey: bool = False  # a place noun governs it: "the city of Kharkiv", "the capital Juba"


def _attachment(root: Token) -> tuple[bool, Token, bool]:
    """(is locative, the word the place phrase attaches to, whether a place noun governs it: "city of X")."""
    t = root
    placey = False
    for _ in range(10):
        dep = t.dep_
        head = t.head
        if head.i == t.i:
            return False, t, placey
        if dep in ("compound", "appos", "conj", "nmod", "amod", "poss") and head.pos_ in ("PROPN", "NOUN"):
            placey = placey or (dep in ("compound", "appos") and head.lower_ in PLACE_NOUNS)  # "the capital Juba"
            t = head  # "the Donetsk region", "Kiev, Ukraine", "Kharkiv and Kyiv"
            continue
        if dep == "pobj":
            prep = head.lower_
            if prep in LOCATIVE_PREPS:
                return True, head.head, placey
            if (prep == "to" and head.head.lemma_ in MOTION) or (prep == "from" and head.head.lemma_ in LEAVING):
                return True, head.head, placey  # "deployed troops to Bosnia", "withdrew from Kherson"
            if prep == "of" and head.head.lower_ in PLACE_NOUNS:
                t = head.head  # "the eastern city of Kharkiv" -> the role of "city"
                placey = True
                continue
            return False, head.head, placey
        return False, head, placey
    return False, t.head, placey


def find_places(gazetteer: Gazetteer, sent: Span) -> list[PlaceMention]:
    """Every gazetteer name in the sentence, longest match first, with its parse role.

    A capitalised token is tried only when some name starts with its word (``gazetteer.first_words``), and
    only for as many tokens as the longest such name has: a few dict lookups per sentence.
    """
    doc = sent.doc
    toks = list(sent)
    texts = [t.text for t in toks]
    out: list[PlaceMention] = []
    first_words = gazetteer.first_words
    size = len(toks)
    j = 0
    while j < size:
        text = texts[j]
        longest = first_words.get(text.lower()) if text[:1].isupper() else None
        tok = toks[j]
        if longest is None or tok.ent_type_ in _SKIP_ENTS or (tok.is_sent_start and tok.pos_ != "PROPN"):
            j += 1
            continue
        match = None
        for n in range(min(longest, size - j), 0, -1):
            if n > 1 and toks[j + n - 1].is_punct:
                continue
            name = "".join(texts[k] + toks[k].whitespace_ for k in range(j, j + n - 1)) + texts[j + n - 1]
            if name in gazetteer:
                match = (n, name)
                break
        if match is None or (match[0] == 1 and tok.pos_ != "PROPN" and tok.ent_type_ not in ("GPE", "LOC", "FAC")):
            j += 1
            continue
        n, name = match
        if _inside_longer_name(toks, j, n):
            j += n
            continue
        i = tok.i
        span = doc[i : i + n]
        # "the Gaza Strip" / "Strait of Hormuz": the span's syntactic root carries the role
        root = span.root
        locative, attach, placey = _attachment(root)
        places = [p for p, _ in gazetteer.candidates(name)]
        doubted = root.ent_type_ in _DOUBTED_ENTS and not (locative or placey)
        # "Black Sea ports", "Kharkiv's governor": a place naming something else is no event place on its own
        doubted = doubted or (
            not locative and root.dep_ in ("compound", "amod", "poss", "nmod") and root.head.lower_ not in PLACE_NOUNS
        )
        out.append(PlaceMention(i, i + n, name, places, root, locative, attach, doubted, placey))
        j += n
    if "capital" in sent.text:
        out.extend(_capitals_by_adjective(gazetteer, toks, out))
    return out


def _capitals_by_adjective(gazetteer: Gazetteer, toks: list[Token], found: list[PlaceMention]) -> list[PlaceMention]:
    """ "the Ukrainian capital" names Kyiv, unless the capital is also named ("the Ukrainian capital, Kyiv")."""
    taken = {i for m in found for i in range(m.start, m.end)}
    out = []
    for tok in toks:
        if tok.lower_ != "capital" or tok.pos_ != "NOUN":
            continue
        if any(c.dep_ in ("appos", "prep") and c.lower_ != "on" for c in tok.children if c.i > tok.i):
            continue  # "the Ukrainian capital Kyiv", "the capital of Ukraine": the name itself is matched
        for adj in tok.children:
            if adj.i >= tok.i or adj.i in taken or adj.dep_ not in ("amod", "compound"):
                continue
            start = adj.i
            code = gazetteer.adjectives.get(adj.lower_)
            left = tok.doc[adj.i - 1] if adj.i > 0 else None
            if left is not None and left.lower_ in ("north", "south") and adj.i - 1 not in taken:
                code = gazetteer.adjectives.get(f"{left.lower_} {adj.lower_}", code)
                start = adj.i - 1 if f"{left.lower_} {adj.lower_}" in gazetteer.adjectives else start
            place = gazetteer.capital(code) if code else None
            if place is None:
                continue
            locative, attach, _ = _attachment(tok)
            text = tok.doc[start : tok.i + 1].text
            out.append(PlaceMention(start, tok.i + 1, text, [place], tok, locative, attach, False, True))
            break
    return out


def _inside_longer_name(toks: list[Token], j: int, n: int) -> bool:
    """A match glued to more proper nouns is part of another name: "Haroon Rashid Aswad", "New York Times".

    Not glued: punctuation between ("Kiev, Ukraine"), a date ("Serbia Friday"), another place, or a word
    outside the place's own named entity ("Moscow Mayor" when "Moscow" is tagged GPE on its own).
    """
    first, last = toks[j], toks[j + n - 1]
    for t, inner in ((toks[j - 1] if j > 0 else None, first), (toks[j + n] if j + n < len(toks) else None, last)):
        if t is None or t.pos_ != "PROPN" or not t.text[:1].isupper() or t.ent_type_ in _NOT_GLUE:
            continue
        later = t if t.i > inner.i else inner
        if inner.ent_type_ and t.ent_type_ == inner.ent_type_ and later.ent_iob_ == "I":
            return True  # one entity: "Haroon Rashid Aswad" tagged PERSON as a whole
        if inner.ent_type_ in ("GPE", "LOC", "FAC"):
            continue
        return True
    return False


# The pipeline asks about one sentence many times (each event in it) and passes long fallback spans (everything
# earlier in the paragraph) for many events, so place mentions are found once per sentence and kept with the doc
# itself, in ``doc.user_data`` under this key: no module state to keep a doc alive or to race on between threads.
_CACHE_KEY = "_eventwire_places"


class _DocPlaces:
    """The place mentions of one doc for one gazetteer, each sentence read once, and answers over spans."""

    def __init__(self, doc: Doc, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.sents = list(doc.sents)
        self.starts = [s.start for s in self.sents]
        self.by_sent: dict[int, list[PlaceMention]] = {}  # sentence index -> its mentions
        self.parts: dict[tuple[int, int], list[PlaceMention]] = {}  # a span within one sentence -> its mentions
        self.locative: dict[int, list[PlaceMention]] = {}  # sentence index -> its locative, undoubted mentions
        self.best: dict[tuple, tuple[PlaceMention, Place] | None] = {}  # _locative_place answers
        self.resolved_in: dict[tuple, _Resolved] = {}  # a sentence in a context -> its resolved mentions

    @staticmethod
    def of(doc: Doc, gazetteer: Gazetteer) -> _DocPlaces:
        caches: dict[Gazetteer, _DocPlaces] = doc.user_data.setdefault(_CACHE_KEY, {})
        cache = caches.get(gazetteer)
        if cache is None:
            cache = caches[gazetteer] = _DocPlaces(doc, gazetteer)
        return cache

    def _sentence(self, k: int) -> list[PlaceMention]:
        found = self.by_sent.get(k)
        if found is None:
            found = self.by_sent[k] = find_places(self.gazetteer, self.sents[k])
        return found

    def _range(self, span: Span) -> range:
        """Indices of the sentences ``span`` overlaps (a bisection, not a walk over the doc)."""
        return range(max(bisect_right(self.starts, span.start) - 1, 0), bisect_left(self.starts, span.end))

    def mentions(self, span: Span) -> list[PlaceMention]:
        """The mentions in ``span``: a sentence's own, or those of the sentences it covers that lie inside it."""
        ks = self._range(span)
        if len(ks) == 1:
            sent = self.sents[ks[0]]
            if sent.start == span.start and sent.end == span.end:
                return self._sentence(ks[0])
            key = (span.start, span.end)
            found = self.parts.get(key)
            if found is None:
                found = self.parts[key] = find_places(self.gazetteer, span)
            return found
        return [m for k in ks for m in self._sentence(k) if span.start <= m.start and m.end <= span.end]

    def locative_mentions(self, span: Span, last: int) -> list[PlaceMention]:
        """Mentions in a locative phrase and not doubted, in the ``last`` sentences of ``span``."""
        out: list[PlaceMention] = []
        for k in self._range(span)[-last:]:
            found = self.locative.get(k)
            if found is None:
                found = self.locative[k] = [m for m in self._sentence(k) if m.locative and not m.doubted]
            out.extend(m for m in found if span.start <= m.start and m.end <= span.end)
        return out

    def resolved(self, sent: Span, context_countries: list[str], dateline_country: str | None) -> _Resolved:
        """The sentence's undoubted mentions with the place each means, resolved once for all its events."""
        key = (sent.start, sent.end, tuple(context_countries), dateline_country)
        got = self.resolved_in.get(key)
        if got is None:
            mentions = self.mentions(sent)
            countries = [p.country for m in mentions for p in m.places if p.kind == "country"]
            pairs = []
            for m in mentions:
                place = (
                    None if m.doubted else _resolve(self.gazetteer, m, countries, context_countries, dateline_country)
                )
                if place is not None:
                    pairs.append((m, place))
            pairs.sort(key=lambda pair: pair[0].root.i)
            got = self.resolved_in[key] = _Resolved(countries, pairs, [m.root.i for m, _ in pairs])
        return got

    def near(self, resolved: _Resolved, anchor: Token) -> list[tuple[PlaceMention, Place]]:
        """The resolved mentions within ``PLACE_WINDOW`` tokens of ``anchor`` (a bisection, not a walk)."""
        lo = bisect_left(resolved.roots, anchor.i - PLACE_WINDOW)
        hi = bisect_right(resolved.roots, anchor.i + PLACE_WINDOW)
        return resolved.pairs[lo:hi]


@dataclass
class _Resolved:
    countries: list[str]  # countries named in the sentence (doubted mentions too): they disambiguate names
    pairs: list[tuple[PlaceMention, Place]]  # undoubted mentions that resolve, in token order of their roots
    roots: list[int]


def _mentions(gazetteer: Gazetteer, span: Span) -> list[PlaceMention]:
    return _DocPlaces.of(span.doc, gazetteer).mentions(span)


def locate(
    gazetteer: Gazetteer,
    sent: Span,
    trigger: Token | None,
    *,
    context_countries: list[str],
    dateline: str | None,
    fallback: Iterable[tuple[str, Span]] = (),
) -> Location | None:
    """The place of the event triggered at ``trigger`` in ``sent``, or None when the text does not say.

    ``fallback`` is ``(source, span)`` pairs tried in order when the sentence names no place, before the
    dateline: e.g. ``("statement", cue_sentence)`` for an event inside reported speech, then
    ``("paragraph", earlier_sentences)``. Only a place in a locative phrase ("in Kharkiv") counts there.
    """
    dateline_place = _dateline_place(gazetteer, dateline, context_countries) if dateline else None
    dateline_country = dateline_place.country if dateline_place else None
    cache = _DocPlaces.of(sent.doc, gazetteer)
    resolved = cache.resolved(sent, context_countries, dateline_country)
    ranked = _ranked(cache, resolved, trigger if trigger is not None else sent.root)
    if ranked:
        tier, m, place = _best(ranked)
        return _location(place, m.text, "clause" if tier <= 1 else "sentence")
    for source, span in fallback:
        found = _locative_place(gazetteer, span, context_countries)
        if found is not None:
            m, place = found
            return _location(place, m.text, source)
    if dateline_place is not None and _local(dateline_place, context_countries):
        return _location(dateline_place, dateline, "dateline")
    return None


# a candidate place: (tier, -specificity, distance to the trigger), its mention, the place, whether it is direct
_Ranked = tuple[tuple[int, int, int], PlaceMention, Place, bool]


def _ranked(cache: _DocPlaces, resolved: _Resolved, anchor: Token) -> list[_Ranked]:
    """The sentence's places that may be the event's, best first: by tier (how closely the place hangs on the
    trigger's clause, :func:`_tier`), then the most specific kind, then the nearest to the trigger."""
    anchor_verb = clause_verb(anchor)
    lo, hi = anchor.left_edge.i, anchor.right_edge.i
    ranked: list[_Ranked] = []
    for m, place in cache.near(resolved, anchor):
        attach_verb = clause_verb(m.attach)
        if attach_verb.i != anchor_verb.i and embedded_in(attach_verb, anchor_verb, skip_xcomp=True):
            continue  # "accused Russia of shelling a hospital in Kharkiv": the shelling's place, not the accusation's
        in_noun_phrase = anchor.i != anchor_verb.i and lo <= m.root.i <= hi and m.attach.i >= lo
        # "is expected to meet ... in Budapest": the scheduled event's place is the trigger's own
        scheduled = (
            attach_verb.dep_ == "xcomp" and attach_verb.head == anchor_verb and anchor_verb.lemma_ in PROSPECTIVE_VERBS
        )
        own = attach_verb == anchor_verb or in_noun_phrase or scheduled
        direct = m.attach.i in (anchor.i, anchor_verb.i) or in_noun_phrase or scheduled
        tier = _tier(m, place, own=own, direct=direct)
        if tier is not None:
            ranked.append(((tier, -SPECIFIC.get(place.kind, 0), abs(m.root.i - anchor.i)), m, place, direct))
    ranked.sort(key=lambda r: r[0])
    return ranked


def _tier(m: PlaceMention, place: Place, *, own: bool, direct: bool) -> int | None:
    """0: a locative phrase on the trigger itself ("gathered in Tbilisi"); 1: deeper in its clause ("outside a
    station in Mosul"); 2: another locative, or a place that is the trigger's own argument; 3: any other place
    named in the sentence; None: a state or its capital named as an actor ("Moscow said", "accused Ukraine"),
    unless the text marks it as a place ("the capital Juba", "the city of Kyiv")."""
    metonym = (place.kind == "country" or place.capital) and not m.placey
    if m.locative and own:
        return 0 if direct else 1
    if m.locative or (own and not metonym and direct):
        return 2
    return None if metonym else 3


def _best(ranked: list[_Ranked]) -> tuple[int, PlaceMention, Place]:
    """The first of ``ranked`` with its tier; for a country, a town of that country that is itself an argument
    of the trigger is more precise ("hit Donetsk in eastern Ukraine"; but not "erupted across Iran after a
    death in Tehran")."""
    (tier, _, _), m, place, _ = ranked[0]
    if place.kind == "country":
        finer = [r for r in ranked[1:] if r[3] and r[2].country == place.country and r[2].kind != "country"]
        if finer:
            _, m, place, _ = finer[0]
    return tier, m, place


def _locative_place(
    gazetteer: Gazetteer, span: Span, context_countries: list[str]
) -> tuple[PlaceMention, Place] | None:
    """The most specific place in a locative phrase in ``span`` (first one on ties), read from its last
    ``FALLBACK_SENTENCES`` sentences.

    A place named further back is no longer the scene, and an article extracted without paragraph breaks
    would otherwise make every event read everything before it (quadratic in the article's length).
    Answers are kept per doc: every event of a sentence asks about the same paragraph span.
    """
    cache = _DocPlaces.of(span.doc, gazetteer)
    key = (span.start, span.end, tuple(context_countries))
    if key in cache.best:
        return cache.best[key]
    mentions = cache.locative_mentions(span, FALLBACK_SENTENCES)
    countries = [p.country for m in mentions for p in m.places if p.kind == "country"]
    best: tuple[int, PlaceMention, Place] | None = None
    for m in mentions:
        place = _resolve(gazetteer, m, countries, context_countries, None)
        if place is not None and (best is None or SPECIFIC.get(place.kind, 0) > best[0]):
            best = (SPECIFIC.get(place.kind, 0), m, place)
    found = cache.best[key] = None if best is None else (best[1], best[2])
    return found


def _resolve(
    gazetteer: Gazetteer,
    m: PlaceMention,
    sentence_countries: list[str],
    context_countries: list[str],
    dateline_country: str | None,
) -> Place | None:
    if m.text not in gazetteer:
        return m.places[0] if m.places else None  # "the Ukrainian capital": resolved when found
    return gazetteer.lookup(
        m.text,
        sentence_countries=sentence_countries,
        context_countries=context_countries,
        dateline_country=dateline_country,
    )


def _dateline_place(gazetteer: Gazetteer, dateline: str, context_countries: list[str]) -> Place | None:
    """ "MOSCOW" -> Moscow; "KYIV, Ukraine" / "PARIS, Texas" -> the city in the named state or region."""
    name, _, rest = dateline.partition(",")
    hint = gazetteer.lookup(rest.strip()) if rest.strip() else None
    hints = [hint.country] if hint is not None and hint.country else []
    return gazetteer.lookup(name.strip().title(), sentence_countries=hints, context_countries=context_countries)


def _local(place: Place, context_countries: list[str]) -> bool:
    """A story is local to its dateline when all its actor countries are the dateline's country."""
    countries = {c for c in context_countries if c}
    return place.country is not None and bool(countries) and countries == {place.country}


def _location(place: Place, text: str | None, source: str) -> Location:
    return Location(
        name=place.name,
        country=place.country,
        lat=place.lat,
        lon=place.lon,
        geonames_id=place.geonames_id,
        text=text,
        source=source,
    )
