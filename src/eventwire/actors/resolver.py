"""Resolve the actors of one parsed article against the actor knowledge.

The work runs in passes over the Doc, most specific first, because a token
keeps the first mention that claims it (:meth:`ArticleActors.add_mention`):

0. *not actors*: byline lines and titles of works are claimed by no one.
1. *anchors*: knowledge strings found in the text (state names, adjectives,
   demonyms, capitals, seats, regions, peoples, organisations, people, and
   the regions inside states: US states and counties, ISO 3166-2 regions),
   longest match first, case as written (one-letter typos of single-word
   names the model tags as names are accepted); and *role phrases* ("prime
   minister", "troops") matched on lower case and lemma. Then the *article
   context*: the states it names, its home (dateline, publisher, else the
   state named most) and its focus (a state named far more than home).
2. *people*: known names, PERSON entities (completed when the model cut them
   short) and role words followed by a proper noun, with the title to their
   left ("Russian Ambassador to Poland") or in apposition (", Russia's
   ambassador to Poland,"); known names and surnames seen before join the
   same actor, whatever the model tagged them; "Sens. A, B and C" share the
   title; "X (R-Tenn.)" is a member of Congress.
3. *organisation entities* that contain a state word ("Nigerian Union of ...").
4. *role heads*: collectives and institutions ("Polish officials", "Kiev
   forces", "the government of Sudan", "its troops") and unnamed people
   ("the ambassador" -> the ambassador named earlier, "the senator" -> "Sen.
   X" named earlier, "the French president" -> who held the post on the
   publication date, if only one did). Then *pronouns*: he/she,
   him/his/her join the last person of a compatible gender.
5. *bare anchors*: states, demonyms, capitals (a government in a political
   clause, a place otherwise), seats of power, organisations, regions.
6. *left-over entities*: cities from GeoNames, other organisations. Then "the group", "the agency"
   join the organisation named before them, and they/them/their the group named in the plural.
7. *sentence context*: a title or group still without a country takes the
   one state its sentence names (datelines excepted), if exactly one; a
   domestic title (senator, MP, sheriff) keeps home instead.
8. *home*: people and civilian bodies still without a state take the
   article's focus or home (``+home``).

The article-context passes (home, focus, 7 and 8) are in :mod:`eventwire.actors.home`, the coreference
passes (surnames, pronouns, who/whom) in :mod:`eventwire.actors.coref`.

Every mention records the rule and the knowledge entry that resolved it
(``"title+kb-person:p.peskov"``). Everything is looked up in dicts built once
by :class:`ActorResolver`; per article the cost is linear in tokens.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, KeysView
from dataclasses import dataclass
from pathlib import Path

from spacy.attrs import ENT_IOB, ENT_TYPE, IDX, LEMMA, LENGTH, LOWER, POS, SENT_START, TAG
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from eventwire.actors import kbcache
from eventwire.actors.coref import ORG_WINDOW, Coreference
from eventwire.actors.geo import DIRECTIONS, geonames_cities, load_cities, tld_countries
from eventwire.actors.home import ARMED, ArticleHome
from eventwire.actors.index import KnowledgeIndex, norm
from eventwire.actors.knowledge import ActorKnowledge, Entry, Form, cameo_code, load_knowledge, site_key
from eventwire.actors.patterns import blank_tokenizer
from eventwire.actors.people import People, Title, own_cameo_code
from eventwire.actors.table import ORG_ENTITY, ArticleActors
from eventwire.ingest.knowledge import page_knowledge
from eventwire.knowledge.loader import shipped_files
from eventwire.nlp import doc_text, hash_strings
from eventwire.places.gazetteer import Gazetteer
from eventwire.schema import Actor

_LOCATIVE_PREPS = frozenset(
    "in at into near outside around across through via inside within to toward towards from over beyond "
    "throughout along past off onto upon under".split()
)
_STANCE_AFTER = frozenset(
    "backed supported sponsored allied aligned leaning friendly funded armed trained held occupied controlled".split()
)
_STANCE_BEFORE = frozenset({"pro", "anti", "non"})
_CONNECTORS = frozenset({"of", "to", "for", "'s", "-", "the"})
_COORD = frozenset({"and", ",", "&"})
_DETS_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_PLACE_ENT = frozenset({"GPE", "LOC", "FAC"})
# role words that, before another role, only rank or place it ("deputy foreign minister" is GOV, not LEG;
# "town mayor" is GOV, not CVL)
_RANK_WORDS = frozenset(
    {"deputy", "vice", "chief", "head", "assistant", "acting", "interim", "senior", "top", "first"}
    | {"town", "city", "village", "community", "district", "province", "region"}
)
# sectors of bodies whose officers ("spokesman", "chairman", "chief executive") act for the body: parties, armed
# groups, firms, outlets, and state institutions other than the government (a House committee, the FBI)
_BODY_SECTORS = frozenset({"PTY", "REB", "PRM", "BUS", "JRN", "LEG", "JUD", "COP", "MIL", "SPY", "MED", "EDU", "LAB"})
# sectors whose singular group words name an institution ("the court") rather than a crowd ("the city")
_INSTITUTIONS = frozenset(
    {"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "PTY", "BUS", "JRN", "MED", "EDU", "REL", "SOC", "PRM"}
)


def same_role_word(a: str, b: str, abbreviations: dict[str, str]) -> bool:
    """Two last words of roles name the same office, an abbreviation standing for its word or a title naming it
    again (``title_abbreviations`` and ``same_office`` in words.yaml: "sen." for "senator", "nominee" for
    "candidate")."""
    a, b = a.lower(), b.lower()
    return a == b or abbreviations.get(a, a) == abbreviations.get(b, b)


SEAT_AT_HOME = 2  # at home in a seat's state, the organisation must be named this often for the seat to be it


@dataclass(frozen=True)
class ArticleContext:
    """What the article says about itself: it tells the home of actors the text leaves without a country."""

    publisher: str | None = None  # site name or domain ("nytimes.com", "bbc")
    dateline: str | None = None  # the dateline place word ("MOSCOW")
    title: str | None = None  # the headline: the states it names weigh once more for the article's focus


@dataclass
class _Anchor:
    start: int
    end: int
    forms: list[Form]

    @property
    def form(self) -> Form:
        return self.forms[0]


@dataclass
class _Ent:
    """A named entity as token offsets, with a Span-like interface for what the resolver reads."""

    start: int
    end: int
    label_: str
    run: _Run

    def __len__(self) -> int:
        return self.end - self.start

    @property
    def text(self) -> str:
        return self.run.doc[self.start : self.end].text


@dataclass
class _Role:
    start: int
    end: int
    phrase: str
    sector: str
    person: bool  # a person's title (minister) rather than a group (troops)
    plural: bool


@dataclass
class _HeadCodes:
    """What the words around a role phrase tell of it (``_Run._role_head_codes``), for placing its mention."""

    start: int
    end: int
    head: _Role
    title: Title
    country: str | None
    org: str | None
    how: str  # how the state or body was found, for the mention's rule ("state-word", "org", "owner", "default")
    owner: Actor | None
    sector: str


def _one_edit(a: str, b: str) -> bool:
    """True when a and b differ by one inserted, deleted or replaced letter, or two swapped neighbours."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [k for k in range(len(a)) if a[k] != b[k]]
        return len(diff) == 1 or (
            len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:k] + long_[k + 1 :] == short for k in range(len(long_)))


_NAME_RULES = frozenset({"coref-name", "coref-surname", "handle"})


def _by_name(rule: str) -> bool:
    """Does a mention's rule say it names its person ("kb-person", "title+person", "coref-surname"), not a title
    or a pronoun?"""
    base = rule.partition(":")[0]
    return base.endswith("person") or base in _NAME_RULES


def _header_lines() -> tuple[set[tuple[str, ...]], set[tuple[str, ...]]]:
    """The ingest stage's words for a page's header lines ("By Ann Lee", "Updated 10:02 GMT"): the starts of
    such lines (lower case) and the publication or update words as written."""
    pages = page_knowledge().lists
    dated = (*pages["published_words"], *pages["updated_words"])
    return {tuple(p.lower().split()) for p in (*pages["byline_prefixes"], *dated)}, {tuple(p.split()) for p in dated}


class ActorResolver:
    """Knowledge loaded once; ``resolve`` runs per article."""

    def __init__(
        self,
        kb: ActorKnowledge,
        gazetteer: Gazetteer | None = None,
        tokenizer: Tokenizer | None = None,
        *,
        index: KnowledgeIndex | None = None,
    ) -> None:
        """``gazetteer``: the pipeline's loaded gazetteer, whose GeoNames towns the resolver reads (one is
        loaded when none is given). ``tokenizer``: the one that splits the articles (the pipeline passes the
        model's), to split knowledge strings, headlines and site names the same way; else a blank English one.
        ``index``: the tables of ``kb`` split by this tokenizer, when the caller has them (``from_files`` reads
        them from the cache); else they are built here.
        """
        self.kb = kb
        self._tokenizer = tokenizer if tokenizer is not None else blank_tokenizer()
        self._typo_memo: dict[tuple[str, bool], Form | None] = {}  # (word, is a person's) -> the word it misspells
        self._publisher_memo: dict[str, str | None] = {}  # publisher -> home, when no knowledge entry says
        self._domain_keys: dict[str, set[str]] | None = None  # state words as domains spell them, built once
        self._use_index(index if index is not None else KnowledgeIndex.build(kb, self._tokenizer))
        self._modifiers = {m.lower() for m in kb.modifiers} | kb.former
        # what a title's head word may stand for: its abbreviation's word, the office it names again
        self.office_words: dict[str, str] = {**kb.same_office, **kb.title_abbreviations}
        cities, self._towns = geonames_cities(gazetteer if gazetteer is not None else Gazetteer.load())
        self._cities = load_cities(kb, cities)
        self._line_starts, self._line_words = _header_lines()

    def _use_index(self, index: KnowledgeIndex) -> None:
        """The knowledge's look-up tables, under the names the run reads them by."""
        self._forms = index.forms
        self._state_named_regions = index.state_named_regions
        self._surface = index.surface
        self._roles = index.roles
        self._people_by_role = index.people_by_role
        self._typos = index.typos
        self._first_names = index.first_names
        self.handle_names = index.handle_names

    def forms(self, surface: str) -> list[Form]:
        """What a knowledge string or region name, as written, may stand for (empty if none): the run reads
        it per word, so the table stays the resolver's own."""
        return self._forms.get(surface, [])

    def surfaces_from(self, word: str) -> list[tuple[int, dict[tuple[str, ...], str]]]:
        """The known surfaces whose first token is ``word`` as written (empty if none), longest first, as
        (length, {tokens: surface}): the run matches them per word, so the index stays the resolver's own."""
        return self._surface.get(word, [])

    @property
    def surface_starts(self) -> KeysView[str]:
        """The first tokens of the known surfaces, as written: a set-like view the run tests each word against
        (one look-up, no call per word)."""
        return self._surface.keys()

    def byline_line(self, words: list[str]) -> bool:
        """A line of a page's header: it starts with a byline, publication or update word ("By", "Updated"),
        or has a publication or update word as the ingest stage writes it after a name ("Ann Lee Published")."""
        lower = tuple(w.lower() for w in words)
        if any(lower[: len(p)] == p for p in self._line_starts):
            return True
        return any(tuple(words[k : k + len(p)]) == p for p in self._line_words for k in range(len(words)))

    @classmethod
    def from_files(
        cls, extra_files: Iterable[Path] = (), *, gazetteer: Gazetteer | None = None, tokenizer: Tokenizer | None = None
    ) -> ActorResolver:
        """Shipped knowledge plus the user's files, validated (KnowledgeError lists every problem);
        ``gazetteer`` and ``tokenizer`` as for the constructor. The knowledge and its index come from the cache
        when an earlier load of the same files, code and tokenizer left them (:mod:`eventwire.actors.kbcache`)."""
        extra = [Path(p) for p in extra_files]
        tokenizer = tokenizer if tokenizer is not None else blank_tokenizer()
        path = kbcache.cache_path([*shipped_files("actors"), *extra], tokenizer)
        got = kbcache.read(path)
        if got is None:
            kb = load_knowledge(extra)
            index = KnowledgeIndex.build(kb, tokenizer)
            kbcache.write(path, kb, index)
        else:
            kb, index = got
        return cls(kb, gazetteer, tokenizer, index=index)

    def resolve(self, doc: Doc, published: str | None = None, context: ArticleContext | None = None) -> ArticleActors:
        """All actors of ``doc``, with their mentions.

        ``published`` (YYYY-MM-DD) picks dated roles; ``context`` (publisher, dateline) gives the home
        country that domestic titles and bodies named without a state belong to.
        """
        return _Run(self, doc, published[:10] if published else None, context or ArticleContext()).run()

    def place_country(self, word: str | None, prefer: str | None = None) -> str | None:
        """The state a dateline word names ("MOSCOW", "Kyiv", "Washington", "Texas"), if any.

        A state name or capital in the knowledge wins ("MOSCOW" is Russia's even for an American paper);
        else a town or region of ``prefer`` (the publisher's state: "MANCHESTER, N.H." in an American
        paper); else the region, else the most populous town of that name.
        """
        if not word:
            return None
        texts = (word, word.title())
        for text in texts:
            for form in self.kb.forms.get(text, ()):
                entry = self.kb.entries.get(form.entry)
                if entry is not None and entry.kind == "state" and form.form != "person":
                    return entry.country
        if prefer and any(prefer in self._towns.get(t, ()) for t in texts):
            return prefer
        for text in texts:
            for form in self._forms.get(text, ()):
                if form.entry.startswith("state.") and (prefer is None or form.entry[6:] == prefer):
                    return form.entry[6:]
            city = self._cities.get(text)
            if city:
                return city[0]
        return None

    def title_states(self, title: str | None) -> list[str]:
        """The states a headline names by name, adjective or demonym ("Putin chides Turkey" -> [TUR])."""
        if not title:
            return []
        out = []
        for surface in self._surfaces_in(self._words(title)):
            form = self._forms[surface][0]
            if form.form in ("name", "adjective", "demonym") and form.entry.startswith("state."):
                out.append(form.entry[6:])
        return out

    def _words(self, line: str) -> list[str]:
        """A headline's or a site name's words as the knowledge's surfaces are split."""
        return [norm(t.text) for t in self._tokenizer(line)]

    def _surfaces_in(self, words: list[str]) -> Iterator[str]:
        """The known surfaces in a line's words, left to right, the longest at each word, never overlapping."""
        i = 0
        while i < len(words):
            step = 1
            for k, table in self._surface.get(words[i], ()):
                surface = table.get(tuple(words[i : i + k]))
                if surface is not None:
                    yield surface
                    step = k
                    break
            i += step

    def publisher_country(self, publisher: str | None) -> str | None:
        """A news site's home: the knowledge's publishers, else a country-code domain ('lemonde.fr' -> FRA),
        else the one state its name or domain names ("The Lagos Courier", "Ruritania Daily",
        "jamaicaobserver.com")."""
        if not publisher:
            return None
        key = site_key(publisher)
        code = self.kb.publishers.get(key)
        if code:
            return code
        if publisher in self._publisher_memo:
            return self._publisher_memo[publisher]
        host = publisher.strip().lower().split("://")[-1].split("/")[0]
        tld = host.rsplit(".", 1)[-1] if "." in host and " " not in host else ""
        code = tld_countries().get(tld) if tld and tld not in self.kb.generic_tlds else None
        if code is None:
            code = self._domain_state(key) if tld else self._name_state(publisher)
        if len(self._publisher_memo) < 10_000:
            self._publisher_memo[publisher] = code
        return code

    def _domain_state(self, label: str) -> str | None:
        """The state whose name (or adjective, or capital) a site's domain starts with, before a news word:
        "jamaicaobserver" -> JAM, "indianexpress" -> IND, but not "indianapolisstar"."""
        if self._domain_keys is None:
            keys: dict[str, set[str]] = {}
            for surface, forms in self.kb.forms.items():
                key = "".join(c for c in surface.lower() if c.isalnum())
                for f in forms:
                    if len(key) >= 4 and f.form in ("name", "adjective", "capital") and f.entry.startswith("state."):
                        keys.setdefault(key, set()).add(f.entry[6:])
            self._domain_keys = keys
        label = label.removeprefix("the")
        found = {
            code
            for k in range(4, len(label))
            if label[k:] in self.kb.news_words
            for code in self._domain_keys.get(label[:k], ())
        }
        return found.pop() if len(found) == 1 else None

    def _name_state(self, name: str) -> str | None:
        """The one state a site's name names: a state word, a capital or a region ("The Ruritania Times",
        "Texas Tribune"), else a city of 100,000 people or more ("Boston Herald")."""
        words = self._words(name)
        found: set[str] = set()
        for surface in self._surfaces_in(words):
            forms = self._forms[surface]
            codes = {f.entry[6:] for f in forms if f.entry.startswith("state.") and f.form != "person"}
            codes |= self._state_named_regions.get(surface, set())  # "Georgia Public Radio": which?
            if len(codes) == 1:
                found |= codes
        if not found:
            for k in (3, 2, 1):
                for j in range(len(words) - k + 1):
                    city = self._cities.get(" ".join(words[j : j + k]))
                    if city and city[1] >= 100_000:
                        found.add(city[0])
        return found.pop() if len(found) == 1 else None


class _Run(ArticleHome, Coreference, People):
    """One article's resolution state; the home and coreference passes live in actors/home.py and coref.py."""

    def __init__(self, resolver: ActorResolver, doc: Doc, day: str | None, context: ArticleContext) -> None:
        self.r = resolver
        self.kb = resolver.kb
        self.doc = doc
        self.day = day
        self.ctx = context
        self.home: str | None = None  # the article's home state: dateline, else publisher, else most named
        self.focus: str | None = None  # the state the article names most, when it clearly leads
        self.named: Counter[str] = Counter()  # state -> how often the article names it
        self.table = ArticleActors(doc)
        self.n = len(doc)
        # token attributes read in the hot loops, as arrays (making Token objects is the main cost otherwise)
        cols = [IDX, LENGTH, POS, TAG, LEMMA, LOWER, ENT_TYPE, ENT_IOB, SENT_START]
        columns = doc.to_array(cols).T.tolist() if self.n else [[] for _ in cols]
        # the words are slices of the text (the pipeline keeps it): no string-store look-up per word
        text = doc_text(doc) if self.n else ""
        raw = [text[s : s + k] for s, k in zip(columns[0], columns[1], strict=True)]
        self.table.token_chars = (columns[0], columns[1])
        self.texts = raw
        if "\u2019" in text or "\u2018" in text:  # norm keeps the length: the words are slices of the normed text
            normed = norm(text)
            self.texts = [normed[s : s + k] for s, k in zip(columns[0], columns[1], strict=True)]
        self.pos = hash_strings(doc, columns[2])  # decoded once per process
        self.tags = hash_strings(doc, columns[3])
        # a lemma is mostly the word in lower case; only the others are looked up (in one call)
        others = [lem for lem, low in zip(columns[4], columns[5], strict=True) if lem != low]
        decoded = dict(zip(others, hash_strings(doc, others, lower=True), strict=True))
        self.lemmas = [
            w.lower() if lem == low else decoded[lem] for w, lem, low in zip(raw, columns[4], columns[5], strict=True)
        ]
        self.ent_types = hash_strings(doc, columns[6])
        iobs = columns[7]
        starts = columns[8]
        self.ent_inside = [x == 1 for x in iobs]  # IOB code 1 = inside an entity (not its first token)
        self.ents = self._entities(iobs)
        self.lowers = [t.lower() for t in self.texts]
        self.sent_start = [0] * self.n  # token -> index of the first token of its sentence
        current = 0
        for i, x in enumerate(starts):
            if x == 1:
                current = i
            self.sent_start[i] = current
        self.anchor_at: dict[int, _Anchor] = {}
        self.anchors: list[_Anchor] = []
        self.role_at: dict[int, _Role] = {}
        self.roles: list[_Role] = []
        self.by_key: dict[tuple, Actor] = {}
        self.surnames: dict[str, Actor] = {}
        self.first_named: dict[str, Actor | None] = {}  # first name -> the person named in full with it (None: two)
        self.person_entries: dict[str, Actor] = {}
        self.first_seen: dict[str, int] = {}  # actor id -> first token index
        self.plural_people: set[str] = set()
        self.full_named: set[str] = set()
        self.not_actors: set[int] = set()  # byline and work-title tokens
        self._cities_by_sent: dict[int, set[str]] | None = None
        self._foreign_sents: set[int] | None = None  # sentences naming a state other than home
        self.not_home: set[str] = set()  # actor ids whose context names only other states: home is no guess
        self.owned: dict[str, tuple[Actor, int]] = {}  # role phrase -> the last person's body so named, where
        # "his campaign" role heads waiting for the pronoun pass: (start, end, phrase, kind, fallback actor, rule)
        self.pronoun_owned: list[tuple[int, int, str, str, Actor, str]] = []
        self.owned_ids: set[str] = set()  # a person's own bodies ("the Clinton campaign")
        self.pronoun_owners: dict[int, str | None] = {}  # token of "his" in "his campaign" -> the person it names
        self.plural_titles: dict[str, Title] = {}  # person actor id -> the plural title before its name
        self._caps: dict[
            int, float
        ] = {}  # sentence start -> share of words in capitals  # person titles used as plural groups ("ministers")

    def _entities(self, iobs: list[int]) -> list[_Ent]:
        """Entity spans from the IOB array (``Doc.ents`` builds Span objects, slow on long articles)."""
        out: list[_Ent] = []
        start = -1
        for i, iob in enumerate([*iobs, 2]):
            if start >= 0 and iob != 1:
                out.append(_Ent(start, i, self.ent_types[start], self))
                start = -1
            if iob == 3:
                start = i
        return out

    # ------------------------------------------------------------------ passes
    def run(self) -> ArticleActors:
        self._find_not_actors()
        self._find_anchors()
        self._article_home()
        self._find_roles()
        self._people()
        self._surnames()
        self._handles()
        self._org_entities()
        self._role_heads()
        self._relatives()  # before pronouns: "Reyes, who criticised her": her is not the clause's subject
        self._pronouns()  # after role heads: "the foreign minister ... He urged" has its antecedent
        self._owned_by_pronoun()  # "his campaign": whose, now the pronouns are read
        self._bare_anchors()
        self._leftover_entities()
        self._org_anaphora()  # after the named organisations of the anchors and entities
        self._plural_pronouns()  # last of the mentions: groups and parties come from the anchors and entities
        self._context_states()
        self._home_countries()
        self.table.home_rule = self._home_rule()
        self.table.self_refs = self._self_refs()
        self.table.renumber()
        return self.table

    def _self_refs(self) -> list[int]:
        """The first-person pronouns ("I", "we") no mention claims: a quote's speaker, once quotes are known."""
        words, forms = self.kb.first_person, self.r.forms  # "US" as written is a state's name, not "us"
        texts, pos = self.texts, self.pos
        return [
            i
            for i, low in enumerate(self.lowers)
            if low in words and pos[i] == "PRON" and not forms(texts[i]) and not self._claimed(i, i + 1)
        ]

    def _match_at(self, i: int) -> _Anchor | None:
        texts = self.texts
        for k, table in self.r.surfaces_from(texts[i]):
            surface = table.get(tuple(texts[i : i + k])) if k > 1 else table.get((texts[i],))
            if surface is not None:
                return _Anchor(i, i + k, self.r.forms(surface))
        word = texts[i]
        if "-" in word[1:-1]:
            # one token for "U.S.-led": the state word before the hyphen (the suffix is read by _stance)
            head = word.split("-")[0]
            forms = self.r.forms(head)
            if forms and " " not in head:
                return _Anchor(i, i + 1, list(forms))
        if len(word) > 3 and word.isupper() and word.isalpha():
            # datelines and headlines in capitals: "MOSCOW", "UKRAINE" (one-word names only)
            forms = self.kb.forms.get(word.title())
            if forms and any(f.form in ("name", "capital", "adjective", "region") for f in forms):
                return _Anchor(i, i + 1, [f for f in forms if f.form in ("name", "capital", "adjective", "region")])
        return None

    def _find_anchors(self) -> None:
        # only words that can start a match are tried: a known first word, a hyphenated word, a capitalised
        # word of four letters or more (words in capitals, misspelt names)
        known = self.r.surface_starts
        starts = [
            k for k, t in enumerate(self.texts) if t in known or "-" in t or (len(t) > 3 and t[:1].isupper())
        ]  # fmt: skip
        nxt = 0
        for i in starts:
            if i < nxt:
                continue
            hit = self._match_at(i)
            if hit is not None and self.lowers[i] == "the" and i + 1 < self.n:
                later = self._match_at(i + 1)  # "the UN refugee agency" is not "the UN" + ...
                if later is not None and later.end > hit.end:
                    hit = later
            if hit is not None and self._shouting(hit):
                hit = None  # "WHO IS TO BLAME": capitals in a capitalised headline are not abbreviations
            if hit is None:
                hit = self._typo_at(i)
            if hit is None:
                continue
            if self._anchor_ok(hit):
                self.anchors.append(hit)
                for j in range(hit.start, hit.end):
                    self.anchor_at[j] = hit
            nxt = hit.end

    def _shouting(self, a: _Anchor) -> bool:
        """A short all-capitals match ("US", "WHO", "IS") inside a sentence written in capitals."""
        text = "".join(self.texts[a.start : a.end]).replace(".", "")
        if len(text) > 4 or not text.isupper():
            return False
        sent = self.sent_start[a.start]
        ratio = self._caps.get(sent)
        if ratio is None:
            words = [t for t in self.texts[sent : sent + 40] if t.isalpha()]
            ratio = self._caps[sent] = sum(t.isupper() for t in words) / len(words) if len(words) >= 4 else 0.0
        return ratio >= 0.6

    def _typo_at(self, i: int) -> _Anchor | None:
        """One letter off a known state or surname ("Ethopia", "Mitterand"), for words the model tags as names."""
        text = self.texts[i]
        if (
            len(text) < 6
            or not text[:1].isupper()
            or text in self.r.surface_starts
            or self.lowers[i] in self.kb.no_state
        ):
            return None
        ent_type = self.ent_types[i]
        if ent_type not in ("PERSON", "GPE", "NORP", "LOC", "ORG") and self.pos[i] != "PROPN":
            return None
        wanted = ("person",) if ent_type == "PERSON" else ("name", "adjective", "demonym")
        memo = self.r._typo_memo
        key = (text, ent_type == "PERSON")
        if key in memo:  # names recur from article to article: each is looked at once
            form = memo[key]
            return _Anchor(i, i + 1, [form]) if form is not None else None
        if len(memo) > 100_000:
            memo.clear()
        form = self._misspelt(text, wanted)
        memo[key] = form  # stored once, whole: a thread reading the memo meanwhile never sees a half answer
        return _Anchor(i, i + 1, [form]) if form is not None else None

    def _misspelt(self, text: str, wanted: tuple[str, ...]) -> Form | None:
        """The one known form ``text`` is one letter off, if exactly one entry has such a form."""
        found: set[str] = set()
        for variant in (text, *(text[:k] + text[k + 1 :] for k in range(len(text)))):
            found.update(self.r._typos.get(variant, ()))
        # a plural is no typo: "the Americas", "the two Koreas" are not America or Korea
        found = {f for f in found if f != text and text != f + "s" and _one_edit(text, f)}
        forms = [f for surface in sorted(found) for f in self.kb.forms[surface] if f.form in wanted]
        return forms[0] if len({f.entry for f in forms}) == 1 else None

    def _anchor_ok(self, a: _Anchor) -> bool:
        """Drop place/state words inside a person's name ("Michael Jordan", "Denzel Washington") or a people's
        name ("Indian tribe")."""
        if a.start in self.not_actors and a.form.form == "adjective":
            return False
        if a.form.form == "adjective" and self._hyphenated_origin(a):
            return False
        if a.form.form == "adjective" and a.end < self.n and self.texts[a.end][:1].isupper():
            # "Spanish Town", "English Harbour": a town whose name starts with a state's adjective
            for end in range(a.end + 1, min(a.end + 3, self.n) + 1):
                city = self.r._cities.get(" ".join(self.texts[a.start : end]))
                if city is not None:
                    self._place(a.start, end, city[0], "city")
                    return False
        if a.form.form == "province" and not self._region_ok(a):
            return False
        if a.form.form == "org" and self._outlet_runs_on(a):
            return False
        if a.form.form == "person" or self.ent_types[a.start] != "PERSON":
            return True
        if self.ent_inside[a.start]:
            return False
        if a.form.form in ("name", "capital", "region", "province"):
            ent_end = a.end
            while ent_end < self.n and self.ent_inside[ent_end]:
                ent_end += 1
            if ent_end > a.end and self._role_len(a.end) == 0 and self.pos[a.end] == "PROPN":
                return False
        return True

    def _outlet_runs_on(self, a: _Anchor) -> bool:
        """ "The Independent Schools Council": an outlet whose name is one ordinary word after "The", inside a longer
        organisation name the model reads, going on in capitalised words to one that is no outlet word, is only
        part of another body's name."""
        entry = self.kb.entries.get(a.form.entry)
        if entry is None or entry.sector != "JRN" or len(entry.name.split()) != 2 or not entry.name.startswith("The "):
            return False  # "The Washington Post Poll" is still the Post's
        if a.end >= self.n or not self.ent_inside[a.end] or self.ent_types[a.end] != "ORG":
            return False
        end = a.end
        while end < self.n and self.ent_inside[end]:
            end += 1
        last = self.lowers[end - 1]
        return self.texts[a.end][:1].isupper() and last not in self.kb.outlet_words | self.kb.news_words

    def _hyphenated_origin(self, a: _Anchor) -> bool:
        """ "a Mexican-American judge", "Iranian-American pastor X": the last adjective of the compound is the
        person's state, the first only an origin. Only before one person's title or name (adjectives between:
        "a Mexican-American federal judge"): "Israeli-American relations" and "Russian-Ukrainian negotiators"
        are two states'."""
        k = a.end
        if k + 2 >= self.n or self.texts[k] != "-":
            return False
        forms = self.kb.forms.get(self.texts[k + 1]) or ()
        if not any(f.form == "adjective" and f.entry != a.form.entry for f in forms):
            return False
        j = k + 2
        while j < self.n - 1 and self.pos[j] == "ADJ" and j - k < 5:
            j += 1
        return self._one_person_title(j) or (self.ent_types[j] == "PERSON" and self.pos[j] == "PROPN")

    def _one_person_title(self, i: int) -> bool:
        """Does a person's title in the singular start at token i ("judge", not "negotiators" or "police")?"""
        got = self._role_match(i)
        if got is None or got[1] not in self.kb.person_roles:
            return False
        return self.tags[i + got[0] - 1] not in ("NNS", "NNPS")

    def _region_ok(self, a: _Anchor) -> bool:
        """A region name is a place when the model says so; US states and longer names also when it is silent.

        One-word county and province names are often surnames or words ("Kent", "Reading", "Victoria").
        """
        ent = self.ent_types[a.start]
        if ent == "PERSON":
            # "the Azores", "the Algarve" tagged as a person: nobody's name follows "the"
            return a.start > 0 and self.texts[a.start - 1] == "the" and not self.ent_inside[a.start]
        if a.end - a.start > 1 or any(f.entry == "state.USA" for f in a.forms):
            return ent in ("", "GPE", "LOC", "NORP", "FAC", "ORG")
        return ent in ("GPE", "LOC", "NORP", "FAC")

    def _role_match(self, i: int) -> tuple[int, str] | None:
        """(length, role phrase) of the role starting at token i; the last token may be plural."""
        if i >= self.n:
            return None
        lowers = self.lowers
        for toks, phrase in self.r._roles.get(lowers[i], ()):
            k = len(toks)
            if (
                i + k <= self.n
                and tuple(lowers[i : i + k - 1]) == toks[:-1]
                and self._last_matches(i + k - 1, toks[-1])
            ):
                return k, phrase
        # a plural word whose singular starts no phrase of its own ("authorities")
        if self.lemmas[i] == lowers[i] and not lowers[i].endswith("s"):
            return None  # nothing to make singular (most words): skip the look-ups
        sing = self._singular(i)
        if sing and sing != lowers[i] and sing in self.kb.roles and self.pos[i] in ("NOUN", "PROPN"):
            return 1, sing
        return None

    def _role_len(self, i: int) -> int:
        got = self._role_match(i)
        return got[0] if got else 0

    def _last_matches(self, i: int, word: str) -> bool:
        if self.pos[i] in ("VERB", "AUX") and self.tags[i] != "VBG":
            return False  # "forced" is not "force"
        return self.lowers[i] == word or self._singular(i) == word

    def _singular(self, i: int) -> str:
        low = self.lowers[i]
        lemma = self.lemmas[i]
        if lemma != low and lemma in self.kb.roles:
            return lemma
        if low.endswith("ies") and low[:-3] + "y" in self.kb.roles:
            return low[:-3] + "y"
        if low.endswith("s") and low[:-1] in self.kb.roles:
            return low[:-1]
        return lemma

    def _find_roles(self) -> None:
        # only words that can start a role are tried: a role's first word, or a noun that may be a plural
        # (``_role_match`` makes only nouns singular); a word of an anchor too, which moves past the anchor
        index, lemmas, pos, anchored = self.r._roles, self.lemmas, self.pos, self.anchor_at
        starts = [
            k
            for k, w in enumerate(self.lowers)
            if w in index or ((w.endswith("s") or lemmas[k] != w) and (pos[k] in ("NOUN", "PROPN") or k in anchored))
        ]
        nxt = 0
        for i in starts:
            if i < nxt:
                continue
            if i in self.anchor_at:  # "United States" holds no role word "states"
                nxt = self.anchor_at[i].end
                continue
            got = self._role_match(i)
            if got is None:
                continue
            k, phrase = got
            phrase = phrase.lower()
            if k == 1 and self.pos[i] == "ADJ" and self.texts[i].islower() and phrase in self.kb.person_roles:
                continue  # "major parties", "general election": an adjective, not a rank
            plural = (
                self.tags[i + k - 1] in ("NNS", "NNPS")
                or (self.lowers[i + k - 1] != phrase.split()[-1] and self.lowers[i + k - 1].endswith("s"))
                or phrase in ("sens.", "reps.")
            )
            role = _Role(i, i + k, phrase, self.kb.roles[phrase], phrase in self.kb.person_roles, plural)
            self.roles.append(role)
            for j in range(i, i + k):
                self.role_at[j] = role
            nxt = i + k

    # ------------------------------------------------------------------ actors
    def _actor(self, key: tuple, **fields) -> Actor:
        actor = self.by_key.get(key)
        if actor is None:
            actor = self.table.new_actor(**fields)
            self.by_key[key] = actor
        return actor

    def _mention(self, actor: Actor, start: int, end: int, rule: str) -> None:
        self.table.add_mention(actor, start, end, rule)
        self.first_seen.setdefault(actor.id, start)

    def _claimed(self, start: int, end: int) -> bool:
        taken, skip = self.table._by_token, self.not_actors  # a hot path: plain dict and set look-ups
        return any(i in taken or i in skip for i in range(start, end))

    def _find_not_actors(self) -> None:
        """Tokens no actor is read from: bylines ("By Ann Lee", "Ann Lee Published ..."), titles of works,
        a state's adjective in a people's name ("Indian tribe").

        A byline names the writer, not a participant; "The Irishman" is a film, not Ireland.
        """
        breaks = [i for i, t in enumerate(self.texts) if "\n" in t]
        line_start = 0
        for i in [*breaks, self.n]:
            # tokens [line_start, i) form one line
            if 0 < i - line_start <= 14:
                words = [w for w in self.texts[line_start:i] if w.strip()]
                if words and len(words) <= 12 and self.r.byline_line(words):
                    self.not_actors.update(range(line_start, i))
            line_start = i + 1
        peoples = self.kb.people_demonyms
        for i in range(self.n - 1):
            after = peoples.get(self.lowers[i])
            if after and self.lowers[i + 1] in after:
                self.not_actors.add(i)  # "Indian tribe": a people's name, not India's adjective
        for ent in self.ents:
            if ent.label_ == "WORK_OF_ART":
                self.not_actors.update(range(ent.start, ent.end))
        for i in [i for i, t in enumerate(self.texts) if t == "The"]:
            if i > 0 and self.lowers[i - 1] in self.kb.work_words:
                # "the film The Irishman": a capitalised title after a word for a work
                j = i + 1
                while j < self.n and j - i <= 6 and self.texts[j][:1].isupper():
                    j += 1
                self.not_actors.update(range(i, j))

    def _state_actor(self, code: str) -> Actor:
        entry = self.kb.state(code)
        name = entry.name if entry else code
        return self._actor(
            ("state", code), name=name, country=code, sector=None, cameo=code, kind="state", entry=f"state.{code}"
        )

    def _collective(
        self, country: str | None, sector: str | None, org: str | None, head: str, kind: str, at: int = -1
    ) -> Actor:
        label = self.kb.sectors.get(sector or "", sector or "")
        org_entry = self.kb.entries.get(org) if org else None
        if org_entry is not None:
            key = ("org-sector", org, sector)
            name = f"{org_entry.name} ({label})" if sector and sector != org_entry.sector else org_entry.name
            return self._actor(
                key, name=name, country=org_entry.country, sector=sector or org_entry.sector,
                cameo=cameo_code(org_entry.country, sector, own_cameo_code(org_entry)),
                kind="organisation", entry=org,
            )  # fmt: skip
        if country:
            state = self.kb.state(country)
            base = state.name if state else country
            key = ("collective", country, sector)
            # one actor per state and sector, whichever words named it first: an institution or a group
            kind = "organisation" if sector in _INSTITUTIONS else "collective"
            return self._actor(
                key, name=f"{base} ({label})" if label else base, country=country, sector=sector,
                cameo=cameo_code(country, sector), kind=kind, entry=f"state.{country}" if state else None,
            )  # fmt: skip
        # without a country, "police" in two sentences may be two forces: one actor per sentence
        sent = self.sent_start[at] if at >= 0 else -1
        key = ("collective", None, sector, head, sent)
        return self._actor(key, name=head, country=None, sector=sector, cameo=None, kind=kind, entry=None)

    # ------------------------------------------------------------------ titles
    def _stance(self, a: _Anchor) -> bool:
        """'pro-Russian', 'Russian-backed': the state is not the actor's own."""
        last = self.lowers[a.end - 1]
        if "-" in last[1:-1] and last.rsplit("-", 1)[1] in _STANCE_AFTER:
            return True  # a one-token "U.S.-backed"
        if a.end + 1 < self.n and self.texts[a.end] == "-" and self.lowers[a.end + 1] in _STANCE_AFTER:
            return True
        if a.start >= 2 and self.texts[a.start - 1] == "-" and self.lowers[a.start - 2] in _STANCE_BEFORE:
            return True
        if a.start >= 1 and self.lowers[a.start - 1] in ("pro", "anti"):
            return True
        # "ethnic Albanians": an ethnic group, coded by where it lives, not by the kin state
        return a.start >= 1 and self.lowers[a.start - 1] == "ethnic" and a.form.form != "people"

    def _title_kind(self, i: int) -> str | None:
        """What token i can be inside a title: anchor | role | modifier | connector | None."""
        a = self.anchor_at.get(i)
        if a is not None:
            return None if a.form.form == "person" else "anchor"
        if i in self.role_at:
            return "role"
        low = self.lowers[i]
        if low in self.r._modifiers or low.rstrip(".") in self.r._modifiers:
            return "modifier"
        if low == "-" and i > 0 and self.doc[i - 1].whitespace_:
            return None  # "Ukraine - Russian Ambassador": a spaced dash parts headline pieces, it joins no title
        if low in _CONNECTORS:
            return "connector"
        if low == "." and i > 0 and self.lowers[i - 1] + "." in self.r._modifiers and not self.doc[i - 1].whitespace_:
            return "connector"  # "Hon" "." as the model splits "the Hon. X"
        if self.texts[i] in ("'", "-") or low in ("’s",):
            return "connector"
        return None

    def _city_at(self, i: int) -> tuple[int, int, str] | None:
        """(start, end, alpha-3) of the GeoNames city whose entity holds token i, if any."""
        if self.ent_types[i] not in ("GPE", "LOC"):
            return None
        s = i
        while s > 0 and self.ent_inside[s]:
            s -= 1
        e = i + 1
        while e < self.n and self.ent_inside[e]:
            e += 1
        code = self._city_code(" ".join(self.texts[s:e]))
        return (s, e, code) if code else None

    def _free_modifier(self, i: int) -> bool:
        """A word that may sit inside a title or group phrase without being a title word itself.

        Lower-case adjectives and noun compounds ("new", "war crimes", "peacekeeping") and
        group names the model tags NORP ("Sandinista").
        """
        if self.ent_types[i] in ("NORP", "GPE", "LOC"):
            return True  # "Sandinista", "Sao Paulo" (a city in a title is read by _read_title)
        tok = self.doc[i]
        if not self.texts[i][:1].islower():
            # a proper-noun compound inside the phrase ("Ankara's Cankaya district administration")
            return tok.dep_ == "compound" and tok.ent_type_ != "PERSON" and tok.head.i > i and tok.head.i - i <= 3
        return tok.pos_ in ("ADJ", "NOUN", "VERB", "NUM") and tok.dep_ in (
            "amod",
            "compound",
            "nmod",
            "nummod",
            "advmod",
        )

    def _state_word(self, i: int) -> bool:
        """Token i is part of a state adjective or name ("Czech", "Slovakia") that can be coordinated."""
        a = self.anchor_at.get(i)
        return a is not None and a.form.form in ("adjective", "name", "people") and a.form.entry.startswith("state.")

    def _scan_left(self, end: int, limit: int = 12, *, coord: bool = False, free: bool = True) -> int:
        """Start of the title ending just before token ``end`` (== end when there is none).

        ``coord`` lets "Hungarian and Romanian officials" join two state words;
        "and" between title words ("Foreign and Defence Minister") always joins.
        """
        i = end - 1
        start = end
        while i >= 0 and end - i <= limit:
            if self.table.at_token(i) is not None:
                break
            kind = self._title_kind(i)
            if kind is None:
                text = self.texts[i]
                # "Russia's ambassador to Poland, Sergei Andreev": one comma right before the name (see _people)
                if (
                    text == ","
                    and i > 0
                    and (
                        self._title_kind(i - 1) in ("role", "anchor")
                        or (  # "The Minister of Finance, Dr Nigel Clarke"
                            self._title_kind(i - 1) == "modifier"
                            and any(self._title_kind(k) == "role" for k in range(max(0, i - 4), i - 1))
                        )
                    )
                    and all(self._title_kind(j) == "modifier" for j in range(i + 1, end))
                ):  # also past honorifics
                    i -= 1
                    continue
                if (
                    self.lowers[i] in _COORD
                    and i > 0
                    and start == i + 1
                    and (self.lowers[i] != "," or any(self.lowers[j] in ("and", "&") for j in range(i + 1, end)))
                ):
                    left, right = self._title_kind(i - 1), self._title_kind(i + 1)
                    if (coord and self._state_word(i - 1) and self._state_word(i + 1)) or (
                        left in ("role", "modifier") and right in ("role", "modifier")
                    ):
                        i -= 1
                        continue
                if free and self._free_modifier(i):
                    city = self._city_at(i)
                    if city is not None:  # "Medellin town mayor": the city belongs to the title
                        start = i = city[0]
                    i -= 1
                    continue
                break
            if kind == "connector" and self.lowers[i] in ("of", "for", "to") and self._verb_prep(i):
                break  # "accused the Tories of failing nurses": the verb's "of", no title of the nurses
            if kind == "anchor":
                i = self.anchor_at[i].start
            elif kind == "role":
                i = self.role_at[i].start
            start = i
            i -= 1
        while start < end and (
            self._title_kind(start) == "connector"
            or self.texts[start] == ","
            or (self._title_kind(start) is None and self._free_modifier(start) and self._city_at(start) is None)
        ):
            start += 1
        return start

    def _verb_prep(self, i: int) -> bool:
        """Token i (of, for, to) hangs on a verb or an adjective, not on the noun before it."""
        head = self.doc[i].head
        return head.i != i and head.pos_ in ("VERB", "AUX", "ADJ")

    def _own_title_start(self, s: int) -> int:
        """Start of the title of the name at token ``s``. A for/to/of right before the name leaves it none
        ("a spokesperson for X"); one between two titles parts the other person's from the named one's
        ("a spokesperson for President X" gives X only "President")."""
        start = self._scan_left(s)
        if start < s and self.pos[start] == "ADV" and all(self._title_kind(j) == "modifier" for j in range(start, s)):
            return s  # "Then Dana Whitfield met": an adverb of the clause, no title ("then Senator X" has a role)
        for j in range(s - 1, start, -1):
            if self.lowers[j] not in self.kb.others_title:
                continue
            before, after = self.role_at.get(j - 1), self.role_at.get(j + 1)
            if j == s - 1 or (before is not None and after is not None and before is not after):
                return j + 1
        return start

    def _read_title(self, start: int, end: int) -> Title:
        """Country, organisation, role and envoy target from tokens [start, end)."""
        t = Title(start=start)
        i = start
        after_envoy = False
        prev_role: _Role | None = None
        while i < end:
            a = self.anchor_at.get(i)
            if a is not None and a.form.form != "person":
                prev = self.lowers[i - 1] if i > start else ""
                prev2 = self.lowers[i - 2] if i - 1 > start else ""
                entry = self.kb.entries.get(a.form.entry)
                to_target = after_envoy and (prev == "to" or (prev == "the" and prev2 == "to"))
                if entry is not None and not self._stance(a):
                    code = entry.country
                    if to_target and entry.kind == "state":
                        t.accredited_to = t.accredited_to or code
                    elif to_target and code:
                        t.accredited_to = t.accredited_to or code
                    elif code:
                        t.countries.append((code, entry.id, a.start, a.end))
                    if not to_target and t.country is None and code:
                        t.country, t.country_entry = code, entry.id
                        if entry.kind != "state":
                            t.org = entry.id
                        if a.form.form == "seat" and t.sector is None:
                            t.sector = a.form.sector
                i = a.end
                continue
            city = self._city_at(i) if t.country is None and i not in self.anchor_at else None
            if city is not None:  # "Medellin town mayor", "the Sao Paulo state government"
                t.country, t.country_entry = city[2], f"state.{city[2]}"
                t.countries.append((city[2], f"state.{city[2]}", city[0], city[1]))
                i = max(city[1], i + 1)
                continue
            role = self.role_at.get(i)
            if role is not None:
                t.has_role = True
                if role.phrase in self.kb.envoys or role.phrase.split()[-1] in self.kb.envoys:
                    after_envoy = True
                adjacent = prev_role is not None and prev_role.end == role.start and prev_role.phrase not in _RANK_WORDS
                if t.role is None or role.person:
                    t.role = role.phrase
                if adjacent and not (t.sector == "GOV" and role.sector in ARMED):
                    pass  # "separatist leader", "army spokesman": the first word tells the sector
                elif role.person and role.sector == "GOV" and self._body_word(prev_role):
                    pass  # "the party's deputy leader", "the rebels' spokesman": the body's sector, as for a named one
                elif t.sector is None or role.person:
                    t.sector = role.sector
                prev_role = role
                i = role.end
                continue
            if self.lowers[i] in self.kb.former or self.lowers[i].rstrip("-") in self.kb.former:
                t.former = True
            i += 1
        code = self.kb.role_countries.get(t.role) if t.country is None and t.role else None
        if code not in (None, "NGO"):  # "Taoiseach X": a title of one state only
            t.country, t.country_entry = code, f"state.{code}"
        body = self._body_sector(t.org)
        if t.sector == "GOV" and body:
            t.sector = body  # "Microsoft's chief executive", "a Hamas spokesman": the body's sector
        return t

    @staticmethod
    def _body_word(role: _Role | None) -> bool:
        """Is ``role`` a word for a body that is no state's government ("party", "rebels", "court") whose
        officers act for it?"""
        return role is not None and not role.person and role.sector in _BODY_SECTORS

    def _body_sector(self, org: str | None) -> str | None:
        """The sector of a non-state body (party, armed group, company, outlet) whose officers act for it;
        None for a club of states (OPEC's ministers are their governments')."""
        entry = self.kb.entries.get(org) if org else None
        if entry is None or entry.country in ("IGO", "UNO", "EUR") or entry.sector not in _BODY_SECTORS:
            return None
        return entry.sector

    def _scan_right_title(self, start: int, limit: int = 12) -> int:
        """End of an appositive title starting at ``start`` (after ', '); ``start`` (no title) when a word that is no
        title word was stepped over ("a Democratic senator") and the title is not a closed apposition. Any word
        stepped over counts, even after the last title word: counting only those before one gave 'the senator
        Democratic donors chose' its title, but on tp120 also gave a sports figure the next name's title (a
        former college coach) and a businessman the role "people" from a sources phrase that followed him."""
        i = start
        if i < self.n and self.lowers[i] in ("the", "a", "an"):
            i += 1
        end = start
        free = False  # a word stepped over that is no title word
        while i < self.n and i - start < limit:
            if self.table.at_token(i) is not None:
                break
            kind = self._title_kind(i)
            if kind is None:
                if self._free_modifier(i) and self._city_at(i) is None:
                    free = True  # "a Democratic senator", "a longtime aide": kept only if a title word follows
                    i += 1
                    continue
                break
            if kind == "anchor":
                i = self.anchor_at[i].end
            elif kind == "role":
                i = self.role_at[i].end
            else:
                i += 1
            end = i
        while end > start and self._title_kind(end - 1) == "connector":
            end -= 1
        if free and end > start and not self._closed_apposition(start, end):
            return start
        return end

    def _closed_apposition(self, start: int, end: int) -> bool:
        """Tokens [start, end) hold the head of an apposition to a word before them, and its phrase ends at a
        punctuation mark or the doc's end: in "hosts Joe Scarborough and Mika Brzezinski, the Democratic
        presidential candidate stated" the candidate is the verb's subject, no title of Mika's."""
        doc = self.doc
        for k in range(start, end):
            tok = doc[k]
            if tok.dep_ == "appos" and tok.head.i < start:
                after = tok.right_edge.i + 1
                return after >= self.n or doc[after].is_punct
        return False

    # ------------------------------------------------------------------ people
    @staticmethod
    def _inside(index: dict, start: int, end: int) -> list:
        """Distinct anchors or roles lying wholly within tokens [start, end), in order."""
        out: list = []
        for i in range(start, end):
            item = index.get(i)
            if item is not None and item.start >= start and item.end <= end and (not out or out[-1] is not item):
                out.append(item)
        return out

    def _org_entities(self) -> None:
        for ent in self.ents:
            if ent.label_ != "ORG" or len(ent) < 2 or self._claimed(ent.start, ent.end):
                continue
            inner = self._inside(self.anchor_at, ent.start, ent.end)
            if not inner:
                continue
            if len(inner) == 1 and inner[0].start == ent.start and inner[0].end == ent.end:
                continue  # the entity is the anchor itself
            if any(a.form.form in ("org", "person") for a in inner):
                continue
            if ent.end - 1 in self.anchor_at or self.doc[ent.end - 1].pos_ not in ("PROPN", "NOUN"):
                continue  # a fragment the model cut ("Radical French" in "Radical French farmers")
            if all(self._title_kind(i) is not None for i in range(ent.start, ent.end)):
                continue  # "the Russian Defence Ministry": only state and role words, a role head
            country = None
            for a in inner:
                entry = self.kb.entries.get(a.form.entry)
                if entry is not None and not self._stance(a):
                    country = entry.country
                    break
            roles = self._inside(self.role_at, ent.start, ent.end)
            sector = roles[-1].sector if roles else None
            text = " ".join(self.texts[ent.start : ent.end])
            actor = self._actor(
                ("org-ent", text), name=ent.text, country=country, sector=sector,
                cameo=cameo_code(country, sector), kind="organisation", entry=None,
            )  # fmt: skip
            self._mention(actor, ent.start, ent.end, f"{ORG_ENTITY}+state-word")

    # ------------------------------------------------------------------ role heads
    def _role_heads(self) -> None:
        """Role words not yet claimed ("officials", "the Polish government", "a U.N. spokesman"): each head of
        adjacent role words becomes a mention, of the person or group its words and context tell."""
        roles = self.roles
        for idx, role in enumerate(roles):
            if self._claimed(role.start, role.end) or not self._is_role_head(idx):
                continue
            chain = self._role_chain(idx)
            if self._stance_noun(chain[-1]):
                continue
            self._place_role_head(chain, self._role_head_codes(chain))

    def _is_role_head(self, idx: int) -> bool:
        """Is the unclaimed role word ``idx`` the head of a role phrase, not a word inside a name or before one?"""
        role = self.roles[idx]
        end = role.end
        if end < self.n and end in self.anchor_at and self.anchor_at[end].form.form in ("org", "person"):
            return False  # "rebel Kurdistan Workers' Party": a word about the named actor
        if self.ent_types[end - 1] not in ("", "PERSON", "NORP") and end < self.n and self.ent_inside[end]:
            return False  # "General Motors", "the Justice Department": a word inside a longer name
        if self.pos[end - 1] == "ADJ":
            last = self.doc[end - 1]
            if last.dep_ in ("amod", "compound") and end <= last.head.i <= end + 3:
                return False  # "official Syrian newspaper": the role word modifies a later head
        # in "government forces" the head is the last of adjacent role words
        nxt = self.roles[idx + 1] if idx + 1 < len(self.roles) else None
        return nxt is None or nxt.start != end or self._claimed(nxt.start, nxt.end)

    def _role_chain(self, idx: int) -> list[_Role]:
        """The head ``idx`` with the unclaimed role words right before it ("government forces")."""
        roles = self.roles
        chain = [roles[idx]]
        j = idx - 1
        while j >= 0 and roles[j].end == chain[0].start and not self._claimed(roles[j].start, roles[j].end):
            chain.insert(0, roles[j])
            j -= 1
        return chain

    def _role_head_codes(self, chain: list[_Role]) -> _HeadCodes:
        """What the words around a role phrase tell of it: its span, title, state or body, owner and sector."""
        sector = chain[0].sector
        if chain[-1].sector in ARMED and sector == "GOV":
            sector = chain[-1].sector
        head = chain[-1]
        start = self._scan_left(chain[0].start, coord=True)
        title = self._read_title(start, head.end)
        country, org = title.country, title.org
        end = head.end
        how = "state-word" if country else "org" if org else ""
        if country is None:
            country, org, end = self._right_country(head.end, country, org, end)
            how = "state-word" if country else "org" if org else ""
        owner = None
        if country is None and start > 0:
            country = self._owner_country(start)
            how = "owner" if country else how
            owner = self._owner_person(start) if sector == "PTY" and not head.person else None
        if country is None and org is None:
            country = self.kb.role_countries.get(head.phrase)
            how = "default" if country else how
        if sector == "GOV" and self._body_sector(org):
            sector = self._body_sector(org)  # "the SNP's leader", "a Hamas spokesman": the body's sector, not a state's
        if title.former and sector != "ELI":
            sector = "ELI"
        return _HeadCodes(start, end, head, title, country, org, how, owner, sector)

    def _place_role_head(self, chain: list[_Role], h: _HeadCodes) -> None:
        """Mention the person or group a role phrase names: one named before, a new unnamed one, or a group."""
        det = self.lowers[h.start - 1] if h.start > 0 else ""
        if det in self.kb.no_one:
            return  # "No official commented", "neither candidate": no one at all
        person_like = h.head.person and not h.head.plural
        indefinite = det in self.kb.no_antecedent  # "a spokesman", "each candidate": no one named before
        if person_like and not indefinite and det not in self.kb.counting:
            if self._unnamed_person(h.start, h.end, h.head, h.country, h.org, h.sector, h.title) is not None:
                return
        elif person_like and indefinite:
            self._indefinite_person(h)
            return
        kind = "organisation" if not h.head.plural and not h.head.person and h.sector in _INSTITUTIONS else "collective"
        if h.head.plural and h.head.person:
            self.plural_people.add(h.head.phrase)
        if self._per_state_groups(h, kind):
            return
        if h.owner is not None and not h.head.plural:
            # "the Clinton campaign", "Trump's super PAC": the person's own body, not the state's party
            actor = self._owned_actor(h.owner, h.head.phrase, h.sector, kind)
            self.owned[h.head.phrase] = (actor, h.start)
            self._mention(actor, h.start, h.end, "role-head+owned")
            return
        if h.country is None and h.org is None and not h.head.plural and h.start == chain[0].start:
            named = self._named_before(h.head.phrase, h.start, det)
            if named is not None:  # "The campaign said": the campaign named before
                self._mention(named, h.start, h.end, f"coref-org:{named.entry}" if named.entry else "coref-owned")
                return
        self._group_mention(chain, h, kind)

    def _indefinite_person(self, h: _HeadCodes) -> None:
        """ "a U.N. spokesman": one person, not named, not the one named before."""
        org_entry = self.kb.entries.get(h.org) if h.org else None
        code = org_entry.country if org_entry is not None else h.country
        actor = self._actor(
            ("a-person", code, h.org, h.head.phrase, h.start), name=self.doc[h.start : h.end].text, country=code,
            sector=h.sector, cameo=cameo_code(code, h.sector), kind="person", role=h.head.phrase,
            accredited_to=h.title.accredited_to, entry=h.org or (f"state.{code}" if code else None),
        )  # fmt: skip
        rule = "role-head" + (f"+{h.how}" if h.how else "")
        self._mention(actor, h.start, h.end, f"{rule}:{actor.entry}" if actor.entry else rule)

    def _per_state_groups(self, h: _HeadCodes, kind: str) -> bool:
        """ "Hungarian and Romanian officials": one actor per state, each with its own mention (False: one state)."""
        states = [c for c in h.title.countries if self.kb.entries[c[1]].kind == "state"]
        if len(states) < 2 or len({c[0] for c in states}) < 2:
            return False
        for k, (code, entry_id, a_start, a_end) in enumerate(states):
            actor = self._collective(code, h.sector, None, h.head.phrase, kind)
            last = k == len(states) - 1
            self._mention(
                actor, a_start if k else h.start, h.end if last else a_end, f"role-head+state-word:{entry_id}"
            )
        return True

    def _group_mention(self, chain: list[_Role], h: _HeadCodes, kind: str) -> None:
        """The group (or body) a role phrase names: the state's one of its sector, a body's, or an unknown one."""
        head_text = " ".join(self.texts[chain[0].start : h.head.end])
        unknown = h.country is None and h.org is None
        actor = self._collective(h.country, h.sector, h.org, head_text if unknown else h.head.phrase, kind, at=h.start)
        rule = "role-head" + (f"+{h.how}" if h.how else "")
        start = h.start
        if start > 0 and self.tags[start - 1] == "PRP$" and not self._claimed(start - 1, start):
            owned = h.sector == "PTY" and not h.head.person and not h.head.plural
            if owned and self.lowers[start - 1] in self.kb.pronouns:
                # "his campaign": the person's own body, once the pronoun pass has said whose (_owned_by_pronoun)
                self.pronoun_owned.append((start, h.end, h.head.phrase, kind, actor, rule))
                self.pronoun_owners[start - 1] = None
                return
            start -= 1  # "his party", "their supporters": the group is the actor, the owner only says whose
        self._mention(actor, start, h.end, f"{rule}:{actor.entry}" if actor.entry else rule)

    def _owned_actor(self, owner: Actor, phrase: str, sector: str | None, kind: str) -> Actor:
        """A person's own body named by a role word: "the Clinton campaign", "his super PAC"."""
        actor = self._actor(
            ("owned", owner.id, phrase), name=f"{owner.name} {phrase}", country=owner.country, sector=sector,
            cameo=cameo_code(owner.country, sector), kind=kind, entry=None,
        )  # fmt: skip
        self.owned_ids.add(actor.id)  # it keeps its name when the article's home gives it a country
        return actor

    def _owned_by_pronoun(self) -> None:
        """'his campaign', 'her super PAC' (a party body after his/her): the body of the person the pronoun
        names, as "the Clinton campaign" is Clinton's; one mention of both words, as for "his party". A pronoun
        no person took leaves the state's party body, as before the pronouns were read."""
        for start, end, phrase, kind, fallback, rule in self.pronoun_owned:
            owner_id = self.pronoun_owners.get(start - 1)
            if owner_id is not None and owner_id in self.table.actors:
                actor = self._owned_actor(self.table.actors[owner_id], phrase, fallback.sector, kind)
                self._mention(actor, start - 1, end, "role-head+owned+pronoun")
            else:
                self._mention(fallback, start - 1, end, f"{rule}:{fallback.entry}" if fallback.entry else rule)

    def _stance_noun(self, role: _Role) -> bool:
        """'despite US opposition', "Britain's opposition to the plan": a stance, not the opposition as actor."""
        if role.phrase != "opposition" or role.plural:
            return False
        if role.end < self.n and self.lowers[role.end] == "to":
            return True
        i = self._scan_left(role.start, coord=True) - 1
        return i >= 0 and self.lowers[i] in self.kb.stance_before

    def _owner_country(self, start: int) -> str | None:
        """'the Bush administration', "Putin's government": the country of the person just before.

        "The Israeli army said its troops ...": a possessive pronoun takes the country of the nearest
        actor before it in the sentence.
        """
        i = start - 1
        if i >= 0 and self.lowers[i] in ("its", "their", "his", "her"):
            sent = self.sent_start[i]
            for j in range(i - 1, sent - 1, -1):
                m = self.table.at_token(j)
                if m is not None:
                    actor = self.table.actors[m.actor_id]
                    if actor.country and actor.kind != "place":
                        return actor.country
            return None
        if i >= 0 and self.texts[i] in ("'s", "'"):
            i -= 1
        m = self.table.at_token(i) if i >= 0 else None
        if m is not None:
            actor = self.table.actors[m.actor_id]
            if actor.kind == "person" and actor.country:
                return actor.country
        return None

    def _owner_person(self, start: int) -> Actor | None:
        """The person named just before a role word, as its owner ("the Clinton campaign", "Trump's PAC")."""
        i = start - 1
        if i >= 0 and self.texts[i] in ("'s", "'"):
            i -= 1
        m = self.table.at_token(i) if i >= 0 else None
        if m is None or m.token_end != i + 1:
            return None
        actor = self.table.actors[m.actor_id]
        return actor if actor.kind == "person" and actor.name[:1].isupper() else None

    def _named_before(self, phrase: str, start: int, det: str) -> Actor | None:
        """What a bare "the campaign" / "the committee" names again: the last named in its sentence or the
        ``ORG_WINDOW`` before of a person's body of that name ("the Clinton campaign") or a known organisation
        named with the word ("the Republican National Committee")."""
        if det not in ("the", "this", "that"):
            return None
        window = self._window(start, ORG_WINDOW)
        got = self.owned.get(phrase)
        at = got[1] if got is not None and got[1] >= window else -1
        # "the Republican National Committee ... the committee": a known organisation named with the word or
        # whose name holds it, named after the person's body, if any
        for a in reversed(self.anchors):
            if a.start >= start or a.start < max(window, at + 1):
                continue
            if a.form.form == "org" and a.form.entry in self.kb.entries:
                entry = self.kb.entries[a.form.entry]
                if phrase in self.lowers[a.start : a.end] or phrase in entry.name.lower().split():
                    return self._org_actor(entry)
        return got[0] if at >= 0 else None

    def _right_country(self, i: int, country, org, end):
        """'the government of Sudan', 'rebels in Darfur', 'forces from Chad'."""
        if i < self.n and self.lowers[i] in ("of", "in", "from", "for"):
            j = i + 1
            if j < self.n and self.lowers[j] == "the":
                j += 1
            if j < self.n and self.lowers[j] in DIRECTIONS:
                j += 1  # "in south Serbia", "in the eastern city of ..."
            a = self.anchor_at.get(j)
            if a is not None and a.end < self.n and self.texts[a.end] in ("'s", "'"):
                a = None  # "leaders of Romania's new government": Romania belongs to the later noun
            if (
                a is not None
                and a.form.form in ("name", "region", "capital", "org", "province")
                and not self._claimed(a.start, a.end)
            ):
                entry = self.kb.entries.get(a.form.entry)
                if entry is not None:
                    return entry.country, (entry.id if entry.kind != "state" else None), a.end
            city = self._city_at(j) if a is None else None
            if city is not None:  # "a missionary from Calgary", "the mayor of Leeds"
                return city[2], None, city[1]
            if a is not None and a.form.form == "adjective" and not self._stance(a):
                # "a spokesman for the Russian Foreign Ministry": the country, but the words stay with
                # the ministry, which is an actor of its own
                entry = self.kb.entries.get(a.form.entry)
                if entry is not None and entry.kind == "state":
                    return entry.country, None, end
        return country, org, end

    def _unnamed_person(self, start, end, head: _Role, country, org, sector, title: Title) -> Actor | None:
        """'the ambassador' -> the ambassador named earlier; 'the Russian president' -> the president then;
        'the former secretary of state' -> one named earlier who held the office before the day, else no one."""
        former = title.former
        best = self._earlier_holder(start, end, head, country, sector, former=former, org=org)
        if best is None and start > 0 and self.lowers[start - 1] == "the":
            best = self._named_after(start, end, head, country, former=former, org=org)
        if best is not None:
            if best.country is None and title.country:
                # "President Ortega ... the Mexican president": the title tells the state of one named without it
                best.country, best.cameo = title.country, cameo_code(title.country, best.sector)
                best.entry = best.entry or f"state.{title.country}"
            self._mention(best, start, end, f"role-noun:{best.entry}" if best.entry else "role-noun")
            return best
        # "the former secretary of state" is none of those who hold the office on the day, and "the leader of a
        # group" (a complement naming no state) is none of the state's
        whose = end < self.n and self.lowers[end] in ("of", "at", "for")
        if not former and not whose and country is None and org is None and (self.focus or self.home):
            # "the prime minister" in a British story: the one holder of that office at home, if the knowledge
            # has exactly one on the day
            holders = self._office_holders(self.focus or self.home, head.phrase, None, exact=True)
            if len(holders) == 1:
                return self._holder_mention(holders[0], start, end, f"role-noun+home:{holders[0].id}")
        if country:
            # "the governor of Kano": one of the state's governors, not its sole holder of a governor's office
            entry = None if former or whose else self._sole_holder(country, head.phrase, org)
            if entry is not None:
                return self._holder_mention(entry, start, end, f"role-noun+kb:{entry.id}")
            label = self.doc[start : min(end, head.end)].text  # "the Prime Minister in Kingston": the title
            actor = self._actor(
                ("unnamed", country, head.phrase), name=label, country=country, sector=sector,
                cameo=cameo_code(country, sector), kind="person", role=head.phrase,
                accredited_to=title.accredited_to, entry=f"state.{country}" if self.kb.state(country) else None,
            )  # fmt: skip
            self._mention(actor, start, end, "role-noun+state-word")
            return actor
        if org is None:
            # "the president" with nobody named before: a person of unknown country (the sentence may tell)
            actor = self._actor(
                ("unnamed", None, head.phrase), name=self.doc[start:end].text, country=None, sector=sector,
                cameo=None, kind="person", role=head.phrase, accredited_to=title.accredited_to, entry=None,
            )  # fmt: skip
            self._mention(actor, start, end, "role-noun")
            return actor
        return None

    def _earlier_holder(
        self,
        start: int,
        end: int,
        head: _Role,
        country: str | None,
        sector,
        *,
        former: bool = False,
        org: str | None = None,
    ) -> Actor | None:
        """The person named last before ``start`` (by their latest mention) with a role of the same last word
        (and of the same whole phrase when both have several words), of no other country, and of the sector the
        title names (and of the party it names: ``_other_party``); with ``former``, a role the person held before
        the article date."""
        best, best_seen = None, -1
        for actor in self.table.actors.values():
            if actor.kind != "person" or not actor.role:
                continue
            if self.first_seen.get(actor.id, self.n) >= start:
                continue
            held = self._held_role(actor, head.phrase, start, end, former=former, party=self._party(org))
            if held is None:
                continue
            role, held_sector = held
            if " " in head.phrase and " " in role and head.phrase != role.lower():
                continue  # "the chief minister" is not the prime minister named before
            if country and actor.country and actor.country != country:
                continue
            if self._other_party(actor, org):
                continue
            if sector and held_sector and held_sector not in (sector, "ELI") and head.phrase != role:
                continue  # "the Russian leader" is not the opposition leader named before
            last_seen = self.table.last_before(actor.id, start)
            if best is None or last_seen > best_seen:
                best, best_seen = actor, last_seen
        return best

    def _held_role(
        self, actor: Actor, phrase: str, start: int, end: int, *, former: bool = False, party: bool = False
    ) -> tuple[str, str | None] | None:
        """(role, sector) of ``actor`` whose role's head word is the last of ``phrase`` (or what it abbreviates):
        its own, else another one its knowledge entry holds on the article date ("the senator" is Sanders the
        candidate in 2016); with ``former``, one it held before the date ("the former secretary of state").
        A role of a place ("governor of Ohio") is no title naming another place ("the New Jersey governor"); a
        lower office ("vice president": ``subordinate`` in roles.yaml) is no title naming the office itself, nor is
        the office a title naming a lower one ("the vice-presidential nominee" is not the candidate)."""
        last = phrase.partition(" of ")[0].split()[-1]  # "secretary of state": the office is the secretary
        entry = self.kb.entries.get(actor.entry) if actor.entry else None
        roles = []
        if not former or actor.sector == "ELI":
            roles.append((actor.role, self.kb.roles.get(actor.role.lower(), actor.sector)))  # "sen.": LEG
        if entry is not None and entry.kind == "person" and self.day is not None:
            if former:
                roles += [(r.role, r.sector) for r in entry.roles if r.role and r.end is not None and r.end < self.day]
            else:
                roles += [(r.role, r.sector) for r in entry.roles if r.role and r.holds_on(self.day)]
        words = set(phrase.lower().split())
        title_words = {w for low in self.lowers[start:end] for w in low.split("-")}
        lower_title = any(w in self.kb.subordinate for w in title_words)  # the title names a lower office
        # a title naming the office again ("nominee" for "candidate") only with the party it names: "the GOP
        # nominee" is the Republican candidate named before, a bare "the nominee" may be another party's
        words_for = self.r.office_words if party else self.kb.title_abbreviations
        for role, sector in roles:
            head, _, place = role.partition(" of ")
            if not same_role_word(head.split()[-1], last, words_for):
                continue
            if any(w in self.kb.subordinate and w not in words for w in head.lower().split()[:-1]):
                continue
            if lower_title and not any(w in self.kb.subordinate for w in head.lower().replace("-", " ").split()):
                continue  # "the vice-presidential nominee", "its senior vice president": not the candidate, the president
            if place and self._names_place(start, end) and place.lower() not in " ".join(self.lowers[start:end]):
                continue
            return role, sector
        last_tok = self.doc[end - 1]
        if not former and entry is not None and not (last_tok.dep_ == "compound" and last_tok.head.i >= end):
            # "the businessman", "the real estate mogul": a word the knowledge says the press calls the person
            # (not "the billionaire class", where the word only modifies a later noun)
            for word in entry.epithets:
                if word.split()[-1] == last and (" " not in phrase or phrase.lower() == word):
                    return None if self._other_named_since(actor.id, start) else (word, None)
        return None

    def _other_named_since(self, actor_id: str, start: int) -> bool:
        """Was another person named (by name) after ``actor_id``'s last mention before ``start``? "A met B. The
        businessman said": the epithet may be either's, so it is not taken for A. False when the actor has no
        mention before ``start`` (a title named before the person, ``_named_after``)."""
        since = self.table.last_before(actor_id, start)
        if since < 0:
            return False
        actors = self.table.actors
        return any(
            since < m.token_start < start
            and m.actor_id != actor_id
            and (other := actors.get(m.actor_id)) is not None
            and other.kind == "person"
            and _by_name(m.rule)
            for m in self.table.mentions
        )

    def _party(self, org: str | None) -> bool:
        """Is ``org`` a party ("the GOP nominee")?"""
        entry = self.kb.entries.get(org) if org else None
        return entry is not None and entry.sector == "PTY"

    def _other_party(self, actor: Actor, org: str | None) -> bool:
        """Does a title naming the party ``org`` ("the GOP candidate") not fit ``actor``, whom the knowledge puts
        in another party on the article date (a role's ``org``)? Unknown parties fit."""
        entry = self.kb.entries.get(actor.entry) if actor.entry else None
        if not self._party(org) or entry is None or entry.kind != "person" or self.day is None:
            return False
        held = {r.org for r in entry.roles if r.org and r.holds_on(self.day)}
        parties = {o for o in held if (e := self.kb.entries.get(o)) is not None and e.sector == "PTY"}
        return bool(parties) and org not in parties

    def _names_place(self, start: int, end: int) -> bool:
        """Do tokens [start, end) name a state or a region of one ("the Ohio governor")?"""
        return any(
            (a := self.anchor_at.get(i)) is not None and a.form.form in ("name", "province", "region")
            for i in range(start, end)
        )

    def _sole_holder(self, country: str, phrase: str, org: str | None) -> Entry | None:
        """The known person an office of ``country`` names on the day, when one holds it: "the US president" is
        the president, not the vice president; "a senator from New Jersey", one of many holders, is none of them;
        "the Russian leader" is the first of the top offices that has a holder."""
        top = phrase == "leader" and org is None
        holders = self._office_holders(country, phrase, org)
        if len(holders) > 1 and not top:
            holders = [h for h in self._office_holders(country, phrase, org, exact=True) if h in holders]
        return holders[0] if len(holders) == 1 or (holders and top) else None

    def _holder_mention(self, entry: Entry, start: int, end: int, origin: str) -> Actor:
        """Tokens [start, end) as a mention of the known person ``entry`` (their actor made if not yet)."""
        actor = self.person_entries.get(entry.id) or self._new_person(entry.name, entry, Title(start=start))
        self._mention(actor, start, end, origin)
        return actor

    def _named_after(
        self, start: int, end: int, head: _Role, country: str | None, *, former: bool = False, org: str | None = None
    ) -> Actor | None:
        """'The U.S. district judge ... Judge Andrew Hanen said': a title no one named before holds is the person
        named with that title later in its sentence or the next (the first such; none if of another country)."""
        limit, changes, sent = end, 0, self.sent_start[start]
        while limit < self.n:
            if self.sent_start[limit] != sent:
                sent, changes = self.sent_start[limit], changes + 1
                if changes == 2:
                    break
            limit += 1
        best = None
        for actor in self.table.actors.values():
            seen = self.first_seen.get(actor.id, self.n)
            if actor.kind != "person" or not actor.role or not end <= seen < limit:
                continue
            held = self._held_role(actor, head.phrase, start, end, former=former, party=self._party(org))
            if held is None or (" " in head.phrase and head.phrase != held[0].lower()):
                continue
            if (country and actor.country and actor.country != country) or self._other_party(actor, org):
                continue
            if best is None or seen < self.first_seen[best.id]:
                best = actor
        return best

    def _office_holders(self, country: str, phrase: str, org: str | None, *, exact: bool = False) -> list[Entry]:
        """Known people holding a role named ``phrase`` in ``country`` on the article date: the same last word
        (the whole phrase with ``exact``), in ``org`` when one is named ("the SNP's leader"); without an org,
        "leader" means the state's top office ("the Russian leader")."""
        last = phrase.split()[-1]
        top = self.kb.top_offices
        offices = top if phrase == "leader" and org is None else (last,)
        out: list[Entry] = []
        for office in offices:
            for entry in self.r._people_by_role.get((country, office.split()[-1]), ()):
                held = entry.at(self.day)
                if held is None or not held.role or (held.country or entry.country) != country or entry in out:
                    continue
                if org is not None and held.org != org:
                    continue
                role = held.role.lower()
                if offices is top:
                    fits = role in offices
                elif exact or " " in phrase:
                    fits = role == phrase
                else:
                    fits = role.split()[-1] == last and (org is not None or self._same_office(role, last))
                if fits:
                    out.append(entry)
            if out and offices is top:
                break  # the first office that has a holder
        return out

    def _same_office(self, role: str, word: str) -> bool:
        """Is a held ``role`` ending in ``word`` the office "the <word>" names? "acting governor" is, but
        "central bank governor" (other words that are no title modifiers) and "prime minister" (an office of
        its own in the role list, though "prime" is a modifier) are not the governor or the minister."""
        if role == word:
            return True
        rest = role.split()[:-1]
        return role not in self.kb.person_roles and all(w in self.r._modifiers for w in rest)

    # ------------------------------------------------------------------ bare anchors
    def _bare_anchors(self) -> None:
        for a in self.anchors:
            if self._claimed(a.start, a.end):
                continue
            form = a.form
            entry = self.kb.entries.get(form.entry)
            if entry is None or form.form == "person":
                continue
            if form.form == "org":
                self._mention(self._org_actor(entry), a.start, a.end, f"organisation:{entry.id}")
            elif form.form == "people":
                text = self.doc[a.start : a.end].text
                actor = self._actor(
                    ("people", text), name=text, country=entry.country, sector=None, cameo=entry.country,
                    kind="collective", entry=entry.id,
                )  # fmt: skip
                self._mention(actor, a.start, a.end, f"people:{entry.id}")
            elif form.form == "demonym" and a.start > 0 and self.lowers[a.start - 1] == "ethnic":
                # "ethnic Albanians (in Serbia)": civilians of the state they live in, if the text says
                country, _, end = self._right_country(a.end, None, None, a.end)
                actor = self._collective(
                    country, "CVL", None, self.doc[a.start - 1 : a.end].text, "collective", at=a.start
                )
                self._mention(actor, a.start - 1, end, "ethnic-group" + (f":state.{country}" if country else ""))
            elif form.form == "demonym" and (lives := self._right_country(a.end, None, None, a.end))[0] not in (
                None,
                entry.country,
            ):
                # "the Albanians of southern Serbia": a people coded by the state they live in
                country, _, end = lives
                actor = self._collective(country, "CVL", None, self.doc[a.start : a.end].text, "collective", at=a.start)
                self._mention(actor, a.start, end, f"ethnic-group:state.{country}")
            elif form.form in ("name", "demonym"):
                if self._stance(a):
                    continue
                self._mention(self._state_actor(entry.country), a.start, a.end, f"state-{form.form}:{entry.id}")
            elif form.form == "adjective":
                if self._stance(a):
                    continue
                self._mention(self._state_actor(entry.country), a.start, a.end, f"state-adjective:{entry.id}")
            elif form.form == "seat":
                actor = self._collective(entry.country, form.sector, None, "", "organisation")
                self._mention(actor, a.start, a.end, f"seat:{entry.id}")
            elif form.form == "capital":
                if self._political(a.end - 1) and not self.texts[a.start].isupper():
                    seated = self._seated_org(a, entry.country)
                    if seated is not None:
                        self._mention(self._org_actor(seated), a.start, a.end, f"seat-metonym:{seated.id}")
                        continue
                    actor = self._collective(entry.country, "GOV", None, "", "state")
                    self._mention(actor, a.start, a.end, f"capital-metonym:{entry.id}")
                else:
                    self._place(a.start, a.end, entry.country, f"capital-place:{entry.id}")
            elif form.form in ("region", "province"):
                self._place(a.start, a.end, entry.country, f"{form.form}:{entry.id}")

    def _seated_org(self, a: _Anchor, country: str | None) -> Entry | None:
        """The organisation a capital names as an actor when it is also that organisation's seat ("urged
        Brussels to act" in a story about the EU): one whose knowledge lists the capital among its ``seats``,
        in an article that names it or another body of its code (the Commission, an EU commissioner) more often
        than the capital's state, on a site that is not of that state (a Belgian site's "Brussels" is Belgium's
        or the region's); filed from the capital's state, only when it names them at least ``SEAT_AT_HOME``
        times (a wire story from Brussels about the EU; not a local story that mentions an EU summit once)."""
        ids = self.kb.org_seats.get(" ".join(self.texts[a.start : a.end]))
        if not ids:
            return None
        for ident in ids:
            org = self.kb.entries.get(ident)
            if org is None:
                continue
            named = sum(self._names_code(b, org.country) for b in self.anchors)
            if named <= self._names_state(country) or self.r.publisher_country(self.ctx.publisher) == country:
                continue  # the state named as often, or a site of the seat's own state (a local story)
            if self.home != country or named >= SEAT_AT_HOME:
                return org
        return None

    def _names_state(self, country: str | None) -> int:
        """How many anchors name the state ``country`` by its name, adjective or demonym (not its capital)."""
        entry = f"state.{country}"
        return sum(
            any(f.entry == entry and f.form in ("name", "adjective", "demonym") for f in b.forms) for b in self.anchors
        )

    def _names_code(self, a: _Anchor, code: str) -> bool:
        """Does the anchor name an organisation of ``code`` or a person holding an office of it on the article's
        day (EUR: the Union's bodies and officials)?"""
        return any(self._shown_country(form) == code for form in a.forms)

    def _org_actor(self, entry: Entry) -> Actor:
        """The actor of a known organisation, as it is on the article's day."""
        held = entry.at(self.day) if entry.roles else None
        country = held.country if held and held.country else entry.country
        sector = held.sector if held and held.sector else entry.sector
        cameo = entry.cameo if not held else cameo_code(country, sector)
        return self._actor(
            ("entry", entry.id), name=entry.name, country=country, sector=sector, cameo=cameo,
            kind=entry.kind, entry=entry.id, secondary_sectors=list(entry.secondary),
        )  # fmt: skip

    def _place(self, start: int, end: int, country: str | None, rule: str) -> None:
        text = self.doc[start:end].text
        actor = self._actor(
            ("place", text), name=text, country=country, sector=None, cameo=country, kind="place", entry=None
        )
        self._mention(actor, start, end, rule)

    def _political(self, i: int, depth: int = 0) -> bool:
        """Is the place word at token i used as an actor ("Moscow said", "talks with Washington")?"""
        tok = self.doc[i]
        dep = tok.dep_
        if dep == "pobj":
            return tok.head.lower_ not in _LOCATIVE_PREPS
        if dep in ("nsubj", "nsubjpass", "dobj", "dative", "poss", "agent", "attr", "appos", "ROOT", "csubj"):
            if dep == "ROOT" and tok.i == tok.sent.start and len(tok.sent) <= 3:
                return False  # a dateline-like fragment
            return True
        if dep == "conj" and depth < 3:
            return self._political(tok.head.i, depth + 1)
        return False

    # ------------------------------------------------------------------ left-over entities
    def _org_sector(self, start: int, end: int) -> str | None:
        """The sector a name the model tags ORG tells by itself: a role word ending it ("the Homicide Bureau"),
        else its last word ("The Lakeside Register" JRN, "Harlow Motor" BUS)."""
        # the role word must end the name: "the Homicide Bureau" is a bureau, "Royal Mail" no royal
        roles = [r for r in self._inside(self.role_at, start, end) if r.sector != "CVL" and r.end == end]
        if roles:
            return roles[-1].sector
        last = self.lowers[end - 1]
        if last in self.kb.outlet_words:
            return "JRN"
        if last in self.kb.company_words:
            return "BUS"
        return None

    def _named_body(self, start: int, end: int) -> Entry | None:
        """The known body a one-word name stands for: "the Commission" in a story that names the European
        Commission or one of its officials (a commissioner, its president); none unless exactly one body the
        article names, or whose officials it names, has a name ending in that word."""
        words = [w for w in self.lowers[start:end] if w != "the"]
        if len(words) != 1:
            return None
        ids = {
            a.entry
            for a in self.table.actors.values()
            if a.entry and a.kind in ("organisation", "group") and not a.entry.startswith("state.")
        }
        for entry_id in self.person_entries:
            held = self.kb.entries[entry_id].at(self.day) if entry_id in self.kb.entries else None
            if held is not None and held.org:
                ids.add(held.org)
        found = [
            entry
            for entry_id in ids
            if (entry := self.kb.entries.get(entry_id)) is not None
            and entry.kind == "organisation"  # a group's last word is no name of it ("State" for Islamic State)
            and " " in entry.name
            and entry.name.lower().split()[-1] == words[0]
        ]
        return found[0] if len(found) == 1 else None

    def _leftover_entities(self) -> None:
        for ent in self.ents:
            if self._claimed(ent.start, ent.end):
                continue
            text = " ".join(self.texts[ent.start : ent.end])
            if ent.label_ in _PLACE_ENT or ent.label_ == "PERSON":
                code = self._city_code(text)
                if code:
                    self._place(ent.start, ent.end, code, f"city:state.{code}")
                    continue
            if ent.label_ == "ORG":
                if any(c.isdigit() or c == "/" for c in text) or len(ent) > 8:
                    continue  # a metadata line the model read as an organisation
                body = self._named_body(ent.start, ent.end)
                if body is not None:
                    self._mention(self._org_actor(body), ent.start, ent.end, f"short-name:{body.id}")
                    continue
                actor = self._actor(
                    ("org-ent", text), name=ent.text, country=None, sector=self._org_sector(ent.start, ent.end),
                    cameo=None, kind="organisation",
                )  # fmt: skip
                self._mention(actor, ent.start, ent.end, ORG_ENTITY)
            elif ent.label_ in ("GPE", "NORP") and len(ent) == 1 and text in self.surnames:
                actor = self.surnames[text]
                self._mention(actor, ent.start, ent.end, "coref-surname")
