"""Rule coder: trigger lexicon + dependency parse -> PLOVER/CAMEO events with modality.

One pass per sentence finds trigger words (dict lookups on lemmas), then each
trigger is read in its clause: the object may decide the sense ("send troops"
vs "send aid"), a trigger noun gives its type to a light verb ("launch an
attack"), a governing verb may change it ("agreed to withdraw" -> AGREE,
"refused to meet" -> REJECT, "threatened to strike" -> THREATEN), auxiliaries
and negation set the modality. Participants come from the parse: subjects,
objects, passive agents, prepositional recipients, coordination, relative
clauses and pronouns that point back to the speaker.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from eventwire.actors.table import ArticleActors
from eventwire.events.lexicon import Entry, Lexicon, Sense, load_lexicon
from eventwire.events.ontology import COOPERATIVE, MATERIAL_CONFLICT, PLOVER_SCORE, QUAD_CLASS, goldstein
from eventwire.schema import ActorRef, Event, Evidence, Statement

SUBJ = ("nsubj", "csubj")
PASS_SUBJ = ("nsubjpass", "csubjpass")
# recipients, in order of preference, when an entry names no prepositions
DEFAULT_VERB_PREPS = ("to", "against", "on", "with", "toward", "towards", "into", "upon", "at", "for")
DEFAULT_NOUN_PREPS = ("against", "on", "with", "of", "into", "to", "toward", "towards", "upon", "for", "among", "from")
# on an object that is a thing ("rejected calls by X", "accepted demands from X"), who is behind it
THING_PREPS = ("from", "by", "among", "between", "of")
THING_TARGET_PREPS = frozenset({"against", "on", "at", "into", "to", "upon", "toward", "towards", "of"})
CUT_DEPS = frozenset(
    {
        "relcl",
        "acl",
        "appos",
        "advcl",
        "punct",
        "cc",
        "conj",
        "parataxis",
        "ccomp",
        "xcomp",
        "prep",
        "dep",
        "mark",
        "case",
    }
)
RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})
PRONOUNS = frozenset(
    {
        "it",
        "they",
        "he",
        "she",
        "we",
        "i",
        "them",
        "him",
        "her",
        "us",
        "its",
        "their",
        "you",
        "his",
        "our",
        "my",
        "your",
    }
)
ACTOR_ENTS = frozenset({"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC"})
# nouns that name people or bodies: as an object they are recipients, not things
ACTOR_NOUNS = frozenset(
    """government official minister president leader army military police troop soldier force rebel militant
    insurgent fighter protester demonstrator people citizen civilian country state nation authority company firm
    group party court refugee migrant villager journalist worker student member delegation envoy ambassador diplomat
    prisoner hostage detainee activist opposition regime administration parliament council committee organization
    organisation union agency ministry embassy team crew navy militia guerrilla jihadist terrorist gunman separatist
    spokesman spokeswoman king queen emperor counterpart ally neighbour neighbor family victim child woman man
    supporter resident population community tribe clan chief commander general officer agent inspector observer
    peacekeeper monitor leadership bloc alliance coalition faction movement network cartel gang bank lawmaker senator
    legislator mayor governor judge prosecutor premier chancellor cabinet junta neighbour partner donor
    colleague rival enemy dissident critic candidate voter pilot sailor crew staff employee farmer miner teacher
    settler pope cleric bishop priest monk commission office ngo assembly senate congress rioter looter attacker
    assailant bomber kidnapper hijacker pirate smuggler raider militiaman sniper hacker docker nurse driver trucker
    striker picketer marcher protestor demonstrator employee labourer laborer teacher lecturer lawyer physician
    unionist nationalist loyalist islamist extremist radical dissident exile defector deserter conscript reservist
    recruit veteran civilian pilgrim tourist national citizen inhabitant villager townspeople peasant herder
    tribunal watchdog ombudsman inspectorate directorate secretariat kremlin inmate delegate mediator negotiator
    emirate kingdom republic monarchy regulator jury media press dictator ruler autocrat strongman""".split()
)  # fmt: skip
QUANTITY = frozenset(
    {"thousand", "hundred", "dozen", "number", "contingent", "batch", "group", "unit", "shipment", "million",
     "billion", "tonne", "ton", "package", "wave", "series", "round", "lot", "kind", "type", "consignment", "team",
     "body", "state", "form", "supply", "worth", "amount", "load", "convoy", "set", "flotilla", "squadron", "fleet",
     "planeload", "truckload", "shipload", "kg", "kilogram", "pound", "part", "some", "all", "more", "most"}
)  # fmt: skip
# nouns that only carry the event their modifier names ("mediation effort", "aid package")
SHELL_NOUNS = frozenset(
    {"effort", "mission", "package", "campaign", "program", "programme", "plan", "bid", "initiative", "process",
     "regime", "measure", "drive", "policy", "move", "action", "deal", "attempt", "operation", "wave", "spree"}
)  # fmt: skip
INTENT_NOUNS = frozenset(
    {"commitment", "decision", "plan", "promise", "pledge", "readiness", "willingness", "bid", "effort", "attempt",
     "move", "intention", "determination", "resolve", "offer", "refusal", "threat", "vow", "proposal", "right"}
)  # fmt: skip
DOC_NOUNS = frozenset(
    {"report", "statement", "resolution", "letter", "communique", "declaration", "document", "study", "ruling",
     "verdict", "memo", "note", "editorial", "article", "motion", "bill", "order", "decree", "message", "video"}
)  # fmt: skip
RECIPROCAL = frozenset({"AGREE", "CONSULT", "COOPERATE", "ASSAULT", "SUPPORT"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
COND_AUX = frozenset({"would", "could", "might", "may", "'d"})
# "the idea of sending troops": an act named as a plan is proposed, not done
PLAN_NOUNS = frozenset({"idea", "plan", "proposal", "prospect", "option", "possibility", "suggestion", "scheme"})
# "accused Warsaw of provoking a war": the act is the accuser's allegation
ALLEGE_VERBS = frozenset({"accuse", "charge", "blame", "suspect", "condemn", "criticize", "criticise", "denounce"})
MUST_AUX = frozenset({"must", "should"})
SPEECH = frozenset(
    {"say", "tell", "declare", "announce", "state", "insist", "add", "argue", "conclude", "stress", "warn", "write",
     "report", "claim", "believe", "think", "note", "emphasize", "emphasise", "reiterate", "assert", "maintain"}
)  # fmt: skip
# verbs that report or perceive a noun event rather than carry it out ("denied the attack")
NOT_LIGHT = frozenset(
    {"deny", "report", "see", "witness", "describe", "discuss", "mention", "blame", "fear", "remember", "mark",
     "commemorate", "follow", "cover", "survive", "flee", "escape", "recall", "suffer", "face", "watch", "end",
     "say", "tell", "claim", "call", "cite", "predict", "expect", "prevent", "avoid", "stop", "halt", "oppose",
     "condemn", "criticize", "criticise", "welcome", "praise", "reject", "die", "kill", "injure", "wound", "protest",
     "investigate", "probe", "dismiss", "question", "await", "postpone", "cancel", "lose", "win"}
)  # fmt: skip

THREAT_MODE = {"ASSAULT": "violence", "SANCTION": "relations", "COERCE": "restrict", "MOBILIZE": "violence"}
THREAT_CAMEO = {"ASSAULT": "138", "SANCTION": "131", "COERCE": "137", "MOBILIZE": "138", "PROTEST": "133"}
ASK_MODE = {"CONSULT": "meet", "AID": "assist", "COOPERATE": "assist", "RETREAT": "yield", "CONCEDE": "yield"}
REQUEST_CAMEO = {"CONSULT": "108", "AID": "103", "COOPERATE": "102", "RETREAT": "106", "CONCEDE": "104"}
REJECT_CAMEO = {"CONSULT": "125", "AID": "122", "COOPERATE": "121", "RETREAT": "124", "CONCEDE": "124"}
STATIVE = frozenset({"oppose", "commit", "determine", "prepare", "dedicate", "engage", "involve", "concern", "resolve"})
WEAPON_WORDS = frozenset(
    {"bomb", "bombing", "explosion", "blast", "device", "mine", "grenade", "ied", "car", "bomber", "sniper", "gunfire",
     "shelling", "airstrike", "strike", "raid", "attack", "attacker", "assailant", "hacker", "mob", "crowd", "gang"}
)  # fmt: skip
NON_ACTORS = frozenset(
    """stock share price index market bond yield currency dollar euro yen gold oil copper wheat future commodity
    monsoon storm hurricane typhoon cyclone rain snow wind flood fog temperature weather heatwave drought team club
    side player star striker goalkeeper airline brand album film song festival museum zoo hotel restaurant shop
    store""".split()
)
VOICING_VERBS = frozenset({"reiterate", "reaffirm", "express", "convey", "voice", "extend", "renew", "repeat"})
AIMED_AT_TYPES = frozenset({"ACCUSE", "ASSAULT", "COERCE", "PROTEST", "REJECT"})
REACTION_TYPES = frozenset({"AGREE", "REJECT", "ACCUSE", "SUPPORT"})  # answers to someone else's act
PARTNER_TYPES = frozenset({"CONSULT", "COOPERATE", "SUPPORT", "AGREE", "REQUEST", "ACCUSE"})
NAMING_VERBS = frozenset({"call", "term", "describe", "dub", "label", "style"})
PEACE_WORDS = frozenset({"peacekeeping", "peacekeeper", "peace-keeping", "peacekeep", "observer", "monitor"})
RECIPIENT_CLASSES = frozenset({"people", "prisoners", "delegation", "envoy", "refugees", "inspectors", "actor"})
MOVED_CLASSES = frozenset({"troops", "weapons", "aid", "info"})  # sent, given or shared: not the recipient
THREATENABLE = frozenset({"ASSAULT", "COERCE", "SANCTION"})


@dataclass
class Frame:
    """A trigger read in its clause, before it becomes an Event."""

    anchor: Token  # the word whose clause carries the event (verb, noun or adjective)
    sense: Sense
    trigger: list[Token]
    clause: Token  # the outermost verb of the clause chain (for modality and the subject)
    source: list[Token] = field(default_factory=list)
    targets: list[Token] = field(default_factory=list)
    modality: str = "asserted"
    conf: float = 0.0
    noun: bool = False
    object_noun: Token | None = None  # the trigger noun a light verb took its type from
    object_thing: Token | None = None  # an object that decided the sense ("send troops"): moved, not the recipient
    kinds: list[str] = field(default_factory=list)  # control kinds applied, innermost first
    request_target: list[Token] = field(default_factory=list)


class EventCoder:
    """Codes events in a parsed doc with a loaded trigger lexicon."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon

    @classmethod
    def from_files(cls, extra_files: Iterable[Path] = ()) -> EventCoder:
        """Load the shipped lexicon plus user overlay files (validated, all problems at once)."""
        return cls(load_lexicon(extra_files))

    # ------------------------------------------------------------------ public
    def code(self, doc: Doc, actors: ArticleActors, statements: list[Statement] | None = None) -> list[Event]:
        """Every event in the doc, ids e1, e2, ... in text order."""
        events: list[Event] = []
        seen: set[tuple] = set()
        previous: Token | None = None  # the last named subject, for "he"/"they" opening the next sentence
        for sent in doc.sents:
            for frame in self._frames(sent):
                for ev in self._events(frame, sent, actors, statements or [], previous):
                    key = (ev.event_type, ev.trigger.start, ev.source and ev.source.id, ev.target and ev.target.id)
                    if key in seen:
                        continue
                    seen.add(key)
                    events.append(ev)
            root = sent.root
            subj = next((c for c in root.children if c.dep_ in SUBJ and not _pron(c) and _actorish(c)), None)
            if subj is not None:
                previous = subj
        events.sort(key=lambda e: (e.trigger.start, e.evidence.start))
        for i, ev in enumerate(events, 1):
            ev.id = f"e{i}"
        return events

    # ------------------------------------------------------------ lookups
    def _verb_entry(self, tok: Token) -> tuple[Entry | None, Token | None]:
        verbs = self.lex.verbs
        lemma = next((x for x in _lemmas(tok) if x in verbs), tok.lemma_.lower())
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
                    pobj = next((p for p in c.children if p.dep_ in ("pobj", "prep")), None)
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
            e = verbs.get(f"{lemma} {nxt.lower_}")
            if e is not None:
                return e, nxt
        return verbs.get(lemma), None

    def _classes(self, tok: Token | None, depth: int = 0) -> tuple[str, ...]:
        """Object classes of a noun: its lemma, its modifiers, or what a quantity word counts ("dozens of")."""
        if tok is None or depth > 2:
            return ()
        oc = self.lex.object_class
        lemma = tok.lemma_.lower()
        found = oc.get(lemma) or oc.get(tok.lower_) or ()
        if lemma in QUANTITY or tok.pos_ == "NUM" or tok.lower_ in ("$", "us$", "€", "£"):
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            inner = self._classes(p, depth + 1)
                            found = found + tuple(x for x in inner if x not in ("|", "*", "actor"))
        # modifiers come after the head word ("aid workers": people, then aid; "a planned visit": talks first)
        mods: tuple[str, ...] = ()
        for c in tok.children:
            if c.dep_ in ("compound", "amod", "nmod") and c.i < tok.i:
                mods = mods + (oc.get(c.lemma_.lower()) or oc.get(c.lower_) or ())
        # pseudo-classes every entry may name: an actor-like object, or any object at all
        return (*found, "|", *mods, *(("actor",) if _actorish(tok) else ()), "*")

    def _noun_sense(self, tok: Token, entry: Entry) -> Sense | None:
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

    def _noun_entry(self, tok: Token) -> Entry | None:
        nouns = self.lex.nouns
        doc = tok.doc
        if tok.i >= 2 and doc[tok.i - 1].text == "-" and not doc[tok.i - 2].whitespace_:
            # hyphenated words the tokenizer split: "cease-fire", "air-strikes", "build-up"
            left = doc[tok.i - 2].lower_
            for right in (tok.lemma_.lower(), tok.lower_):
                e = nouns.get(left + right) or nouns.get(f"{left}-{right}")
                if e is not None:
                    return e
        e = nouns.get(tok.lemma_.lower()) or nouns.get(tok.lower_)
        if e is None and tok.lemma_.lower() in SHELL_NOUNS:
            for c in tok.children:
                if c.dep_ in ("compound", "amod") and c.i < tok.i:
                    e = nouns.get(c.lemma_.lower()) or nouns.get(c.lower_)
                    if e is not None:
                        return e
        return e

    # ------------------------------------------------------------ frames
    def _frames(self, sent: Span) -> list[Frame]:
        lex = self.lex
        verb_hits: list[tuple[Token, Entry, Token | None]] = []
        noun_hits: dict[int, Entry] = {}
        adj_hits: list[tuple[Token, Entry]] = []
        musts: list[Token] = []
        for tok in sent:
            pos = tok.pos_
            if pos == "VERB" and tok.tag_ == "VBG" and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"):
                e = self._noun_entry(tok)  # a gerund used as a noun: "Fighting between X and Y flared"
                if e is not None:
                    noun_hits[tok.i] = e
                    continue
            if pos == "VERB":
                if tok.dep_ in ("amod", "compound"):
                    continue
                e, prt = self._verb_entry(tok)
                if e is not None:
                    verb_hits.append((tok, e, prt))
            elif pos == "NOUN" or (pos == "PROPN" and tok.i == sent.start and tok.ent_type_ not in ("DATE", "TIME")):
                e = self._noun_entry(tok)
                if e is not None:
                    noun_hits[tok.i] = e
            elif pos == "ADJ":
                e = lex.adjectives.get(tok.lemma_.lower())
                if e is not None:
                    adj_hits.append((tok, e))
            elif pos == "AUX" and tok.lower_ in MUST_AUX and tok.head.dep_ == "ccomp":
                musts.append(tok.head)
        if not verb_hits and not noun_hits and not adj_hits and not musts:
            return []

        taken = {prt.i for _, _, prt in verb_hits if prt is not None}  # "set free": "free" is no trigger of its own
        verb_hits = [h for h in verb_hits if h[0].i not in taken]
        frames: dict[int, Frame] = {}
        consumed_nouns: set[int] = set()
        for tok, entry, prt in verb_hits:
            frame = self._verb_frame(tok, entry, prt, noun_hits, consumed_nouns)
            if frame is not None:
                frames[tok.i] = frame
        for tok, entry in adj_hits:
            if entry.sense is not None:
                clause = tok.head if tok.dep_ == "acomp" else tok
                frames[tok.i] = Frame(tok, entry.sense, [tok], clause, conf=entry.sense.conf)
        for i, entry in noun_hits.items():
            if i in consumed_nouns:
                continue
            frame = self._noun_frame(sent.doc[i], entry, frames)
            if frame is not None:
                frames[i] = frame
        # "X said Y must do Z": a demand on Y, even when Z is no trigger
        for verb in musts:
            if verb.i not in frames and verb.head.lemma_.lower() in SPEECH and verb.pos_ in ("VERB", "AUX"):
                sense = Sense("REQUEST", "100", "change", 0.55, "rules.must")
                frames[verb.i] = Frame(verb, sense, [verb], verb, conf=0.55)

        governors: set[int] = set()
        for frame in frames.values():
            governors.update(self._compose(frame))
        out: list[Frame] = []
        for i, frame in sorted(frames.items()):
            if i in governors:
                continue
            self._participants(frame)
            self._adjust(frame)
            self._modality(frame, sent)
            out.append(frame)
        return out

    def _verb_frame(
        self, tok: Token, entry: Entry, prt: Token | None, noun_hits: dict[int, Entry], consumed: set[int]
    ) -> Frame | None:
        obj = _direct_object(tok)
        if obj is None and _is_passive(tok):
            obj = next((c for c in tok.children if c.dep_ in PASS_SUBJ), None)
        via_prep = False
        if obj is None and entry.obj:  # "allowed aid workers to enter": the governed clause's subject
            for c in tok.children:
                if c.dep_ in ("ccomp", "xcomp") and c.i > tok.i:
                    obj = next((x for x in c.children if x.dep_ in SUBJ and x.pos_ in ("NOUN", "PROPN")), None)
                    if obj is not None:
                        break
        if obj is None and entry.obj and prt is None:  # "agreed on a text", "agreed to the plan"
            obj = next((p for c in tok.children if c.dep_ == "prep" and c.lower_ in ("on", "to", "upon")
                        for p in c.children if p.dep_ == "pobj"), None)  # fmt: skip
            via_prep = obj is not None
        if obj is None and prt is not None and prt.dep_ == "prep":
            obj = next((p for p in prt.children if p.dep_ == "pobj"), None)
            if obj is None:  # "pulled out of the treaty"
                inner = next((p for p in prt.children if p.dep_ == "prep"), None)
                obj = next((p for p in inner.children if p.dep_ == "pobj"), None) if inner is not None else None
        if entry.animate and obj is not None and not _actorish(obj):
            if not set(self._classes(obj)) & {"troops", "people", "territory"}:
                return None  # "fight the epidemic", "fight corruption": no adversary, no event
        sense: Sense | None = None
        trigger = [tok] + ([prt] if prt is not None and prt.i == tok.i + 1 else [])
        object_noun = None
        object_thing = None
        if entry.obj:
            classes = self._classes(obj) or ("|",)
            cut = classes.index("|")
            head, rest = set(classes[:cut]), set(classes[cut + 1 :])
            # the head word's classes first, then modifiers; within each, the entry's own order sets priority
            ranked = [c for c in entry.obj if c in head] + [c for c in entry.obj if c in rest]
            if via_prep:  # "returned to Geneva" is no object: only named classes count
                ranked = [c for c in ranked if c not in ("*", "actor")]
            if obj is not None and obj.i in noun_hits and self._noun_sense(obj, noun_hits[obj.i]) is not None:
                n_entry = noun_hits[obj.i]
                if n_entry.obj and self._noun_sense(obj, n_entry) is not n_entry.sense:
                    ranked = []  # the noun's own modifier decided ("an extraordinary attack on X" is verbal)
            for cls in ranked:
                if cls in entry.obj:
                    sense = entry.obj[cls]
                    object_thing = obj if cls not in RECIPIENT_CLASSES else None
                    if obj is not None and obj.i in noun_hits:
                        consumed.add(obj.i)
                        object_noun = obj
                    if obj is not None and 0 < obj.i - tok.i <= 3:  # "sent warships", "imposed sanctions"
                        trigger = [tok, obj]
                    break
        if sense is None and (entry.light or entry.needs_obj or entry.sense is None or entry.control):
            noun = obj if obj is not None and obj.i in noun_hits else None
            if noun is None and entry.light:
                noun = _noun_in_preps(tok, noun_hits, ("in", "into", "on", prt.lower_ if prt is not None else "in"))
            nsense = self._noun_sense(noun, noun_hits[noun.i]) if noun is not None else None
            if nsense is not None and (entry.light or entry.control):
                if entry.control is not None and entry.sense is not None and entry.control != "order":
                    sense = _compose_sense(entry.control, entry.sense, nsense, nominal=True)
                else:
                    sense = nsense
                consumed.add(noun.i)
                object_noun = noun
                trigger = [tok, noun] if noun.i - tok.i <= 3 else [tok]
        if sense is None and not entry.needs_obj:
            sense = entry.sense
        if sense is None:
            return None
        return Frame(tok, sense, trigger, tok, conf=sense.conf, object_noun=object_noun, object_thing=object_thing)

    def _noun_frame(self, tok: Token, entry: Entry, frames: dict[int, Frame]) -> Frame | None:
        sense = self._noun_sense(tok, entry)
        if sense is None:
            return None
        frame = Frame(tok, sense, [tok], tok, conf=sense.conf - 0.1, noun=True)
        src, tgts = self._noun_participants(tok, entry)
        weak = bool(src) and src[0].head.lower_ == "of"  # "the withdrawal of its forces": the forces' owner acts
        # "a state of siege", "dozens of raids": the counting word stands where the event noun would
        while tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in QUANTITY:
            tok = tok.head.head
        while tok.dep_ == "conj" and tok.head.pos_ == "NOUN":  # "voiced its rejection and condemnation of X"
            tok = tok.head
            if not src and tok.dep_ == "dobj" and tok.head.i in frames:  # the verb took the first noun's type
                src = _subject(tok.head)[0]
        head = tok.head
        if tok.dep_ in ("oprd", "attr", "dobj", "xcomp") and head.lemma_.lower() in NAMING_VERBS:
            # "launched what it calls a special military operation": the naming clause stands for the noun
            what = next((c for c in head.children if c.dep_ == "dobj" and c.lower_ in ("what", "which")), None)
            if what is not None and head.head is not head:
                tok, head = head, head.head
                if tok.dep_ == "ccomp":
                    tok = what  # behave as the object of the outer verb
                    head = tok.head.head
        # the noun as object (or passive subject) of a verb that is not a trigger: the verb carries it
        # "the minister reiterated his country's support for X": who voices it is the actor (PLOVER codes the speaker)
        voiced = tok.dep_ == "dobj" and head.lemma_.lower() in VOICING_VERBS and bool(_subject(head)[0])
        if (
            (not src or weak or voiced)
            and tok.dep_ in ("dobj", "nsubjpass", "pobj", "attr", "oprd")
            and head.i not in frames
        ):
            verb = head
            if tok.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ("in", "to", "on", "into", "for", "as"):
                verb = head.head
            elif tok.dep_ == "pobj" and head.lower_ == "under" and _is_passive(head.head):
                # "was placed under arrest in Egypt": done to the passive subject, by the agent or the state
                verb = head.head
                if verb.pos_ in ("VERB", "AUX") and verb.i not in frames:
                    frame.clause = verb
                    frame.conf = sense.conf
                    subj = next((c for c in verb.children if c.dep_ in PASS_SUBJ), None)
                    src = _agent(verb) or self._passive_actor(verb, sense.type) or src
                    tgts = _conjuncts(subj) if subj is not None else tgts
                    if not src and not tgts:
                        return None
                    frame.source, frame.targets = src, tgts
                    return frame
            if verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() not in NOT_LIGHT and verb.i not in frames:
                frame.clause = verb
                frame.conf = sense.conf
                kind = self.lex.controls.get(verb.lemma_.lower())
                if kind is not None:
                    frame.sense = _compose_sense(kind, None, frame.sense)
                    frame.kinds.append(kind)
                src = (_agent(verb) if tok.dep_ == "nsubjpass" else _subject(verb)[0]) or src
                if not tgts and sense.type == "REQUEST" and tok.dep_ == "dobj":
                    # "repeated its demand that Israel lift the curfew": the parser hangs the clause on the verb
                    for c in verb.children:
                        if c.dep_ == "ccomp" and c.i > tok.i and any(m.lower_ == "that" for m in c.children):
                            subj = next((x for x in c.children if x.dep_ in (*SUBJ, *PASS_SUBJ)), None)
                            if subj is not None and _actorish(subj) and not _pron(subj):
                                tgts = _conjuncts(subj)
                                break
                if not tgts:
                    if tok.dep_ == "pobj" and head.lower_ == "as":  # "held civilians as human shields"
                        d = _direct_object(verb)
                        tgts = _conjuncts(d) if d is not None else []
                    else:
                        tgts = self._pick_targets(verb, DEFAULT_VERB_PREPS, None)
                    if any(t.i in (tok.i, frame.anchor.i) for t in tgts):
                        # "organised a strike that shut down the capital": the event is not its own recipient;
                        # what it hits is the object of its restrictive relative clause, or an actor inside it
                        hit = next(
                            (
                                d
                                for c in frame.anchor.children
                                if c.dep_ == "relcl" and c.doc[c.left_edge.i - 1].text != ","
                                for d in c.children
                                if d.dep_ == "dobj" and any(y.lower_ in RELATIVE for y in c.children if y.dep_ in SUBJ)
                            ),
                            None,
                        )
                        inner = hit if hit is not None and _actorish(hit) else _actor_inside(frame.anchor)
                        tgts = _conjuncts(inner) if inner is not None else []
                if verb.i < frame.anchor.i and frame.anchor.i - verb.i <= 3:
                    frame.trigger = [verb, frame.anchor]
        if not src and sense.type == "PROTEST" and tok.dep_ == "pobj" and head.lower_ in ("during", "at", "in", "amid"):
            # "youths threw stones during demonstrations against X": the clause's subject demonstrates (not
            # police acting on the protest: their act is an event of its own, or they are no protesters)
            verb = head.head
            if verb.pos_ == "VERB" and verb.i not in frames and not _is_passive(verb):
                subj = _subject(verb)[0]
                if subj and _actorish(subj[0]) and not set(self._classes(subj[0])) & {"troops", "police"}:
                    src = subj
        if not src and not tgts:
            return None
        frame.source, frame.targets = src, tgts
        return frame

    def _noun_participants(self, tok: Token, entry: Entry) -> tuple[list[Token], list[Token]]:
        src: list[Token] = []
        cands: list[Token] = []
        preps = tuple(dict.fromkeys((*entry.preps, *DEFAULT_NOUN_PREPS)))
        between: list[Token] = []
        for c in tok.children:
            dep = c.dep_
            if dep == "poss" and not _pron(c):
                src = [c]
            elif dep in ("amod", "compound") and c.i < tok.i and c.ent_type_ in ("NORP", "GPE", "ORG"):
                src = src or [c]
            elif dep == "amod" and c.lemma_.lower() in ("lead", "back", "sponsor", "support", "arm") and c.i < tok.i:
                # "a Saudi-led strike", "a Russia-backed offensive": the leader or backer acts
                led = [x for x in c.children if x.dep_ in ("npadvmod", "compound", "nmod") and x.pos_ == "PROPN"]
                if led and not src:
                    src = led
            elif dep == "prep":
                pw = c.lower_
                pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
                if pobj is None:  # "an attack on the government calling it corrupt", parsed as a clause
                    pc = next((p for p in c.children if p.dep_ == "pcomp"), None)
                    pobj = next((s for s in pc.children if s.dep_ in SUBJ), None) if pc is not None else None
                if pobj is None or pobj.ent_type_ in ("DATE", "TIME"):
                    continue
                if pw == "by":
                    src = _conjuncts(pobj)
                elif pw == "between" or (pw == "among"):
                    between = _conjuncts(pobj)
                elif pw == "from" and entry.swap:
                    src = _conjuncts(pobj)
                elif pw == "of" and not src and set(self._classes(pobj)) & {"troops", "peacekeepers"}:
                    src = _conjuncts(pobj)  # "the deployment of NATO peacekeepers": the deployed act
                elif pw in preps:
                    cands.append((preps.index(pw), pobj))
        if between and not src:
            return between, []
        if between:
            return src, between
        ordered = [p for _, p in sorted(cands, key=lambda x: x[0])]
        for p in ordered:
            if _actorish(p):
                return src, _conjuncts(p)
        for p in ordered:
            inner = _actor_inside(p)
            if inner is not None:
                return src, _conjuncts(inner)
        return src, (_conjuncts(ordered[0]) if ordered else [])

    def _compose(self, frame: Frame) -> list[int]:
        """Walk up xcomp/ccomp governors; re-type by their control kind. Return governor token ids."""
        govs: list[int] = []
        h = frame.anchor if not frame.noun else frame.clause
        while (
            h.dep_ in ("xcomp", "ccomp")
            or (h.dep_ in ("pcomp", "pobj") and h.head.lower_ in ("from", "to"))
            or (h.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in h.children))
        ):
            parent = h.head
            if parent.dep_ == "prep":  # "refrain from attacking"
                parent = parent.head
            kind, own = self._control_of(parent)
            if h.dep_ == "advcl" and kind in (None, "neutral"):
                break  # "opened the bridge to allow ...": a purpose, not a governed clause
            if h.dep_ == "ccomp" and kind == "neutral" and _subject(h)[0]:
                break  # "X agreed to ..., an official announced": the clause keeps its own actor
            if h.dep_ == "ccomp" and any(c.lower_ in MUST_AUX for c in h.children) and kind in (None, "neutral"):
                if parent.lemma_.lower() in SPEECH:  # "X announced that Y must ...": a demand on Y
                    kind, own = "request", None
            if kind is None:
                break
            frame.sense = _compose_sense(kind, own, frame.sense)
            frame.kinds.append(kind)
            if kind in ("request", "order"):
                subj = _subject(h)[0] if h.dep_ == "ccomp" else []
                if len(subj) == 1 and _is_passive(h) and subj[0].ent_type_ not in ACTOR_ENTS:
                    if subj[0].lemma_.lower() not in ACTOR_NOUNS:
                        # "demanded that control of the port be taken from the army": who must give it up
                        subj = _given_up_by(h) or subj
                if not subj:
                    d = _direct_object(parent)
                    subj = _conjuncts(d) if d is not None and d.i < h.i else []
                if subj:
                    frame.request_target = subj
            frame.clause = parent
            if parent.i != frame.anchor.i and abs(parent.i - frame.anchor.i) <= 4:
                lo, hi = min(parent.i, frame.trigger[0].i), max(parent.i, frame.trigger[-1].i)
                frame.trigger = [parent.doc[lo], parent.doc[hi]]
            govs.append(parent.i)
            h = parent
        return govs

    def _control_of(self, tok: Token) -> tuple[str | None, Sense | None]:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB":
            e, _ = self._verb_entry(tok)
            if e is not None and e.control:
                return e.control, e.sense
            kind = self.lex.controls.get(lemma)
            if kind:
                return kind, None
        if tok.pos_ == "ADJ":
            e = self.lex.adjectives.get(lemma)
            if e is not None and e.control:
                return e.control, e.sense
        if tok.pos_ == "AUX" and tok.lemma_ == "be":
            for c in tok.children:
                if c.dep_ == "acomp":
                    e = self.lex.adjectives.get(c.lemma_.lower())
                    if e is not None and e.control:
                        return e.control, e.sense
        return None, None

    # ------------------------------------------------------------ participants
    def _participants(self, frame: Frame) -> None:
        if frame.noun:
            if not frame.source and frame.clause.i != frame.anchor.i and frame.clause.pos_ in ("VERB", "AUX"):
                # "refused to commit troops to the mission": a noun event a control verb took over is its subject's
                subj, passive = _subject(frame.clause)
                if not passive and not set(subj) & set(frame.targets):
                    frame.source = subj
            return
        clause = frame.clause
        tok = frame.anchor
        entry_preps = DEFAULT_VERB_PREPS
        own_preps: tuple[str, ...] = ()
        swap = False
        if tok.pos_ == "VERB":
            e, _ = self._verb_entry(tok)
            if e is not None:
                entry_preps = tuple(dict.fromkeys((*e.preps, *DEFAULT_VERB_PREPS)))
                own_preps = e.preps
                swap = e.swap
        holder = clause
        if clause.pos_ == "ADJ" and clause.dep_ == "acomp":
            holder = clause.head
        src, passive = _subject(holder)
        if passive and tok.lemma_.lower() in STATIVE and not _agent(tok):
            passive = False  # "Israel is opposed to ...", "Vietnam is committed to ..."
        if passive and holder.i == tok.i:
            frame.source = _agent(tok) or self._passive_actor(tok, frame.sense.type)
            if not frame.source and frame.object_noun is not None:  # "placed under arrest in Egypt"
                frame.source = self._passive_actor(frame.object_noun, frame.sense.type)
            frame.targets = src
            if not frame.source and frame.sense.type == "RETREAT" and frame.sense.mode in ("disarm", "withdraw"):
                # "the guerrillas have been demobilized": they are the ones standing down
                frame.source, frame.targets = src, []
            elif not frame.source and frame.sense.type in ("MOBILIZE", "AID") and len(src) == 1:
                # "peacekeepers were deployed to the border": the deployed force acts, its sender is unnamed
                if set(self._classes(src[0])) & {"troops", "peacekeepers"}:
                    frame.source, frame.targets = src, []
        else:
            frame.source = src
        if frame.request_target:
            frame.targets = frame.request_target
        elif not frame.targets:
            frame.targets = self._pick_targets(
                tok, entry_preps, frame.object_noun, frame.object_thing, own_preps=own_preps, etype=frame.sense.type
            )
            if not frame.targets and clause.i != tok.i:
                frame.targets = self._pick_targets(clause, ("to", "with", "against", "on"), None)
            against = _in_protest_of(tok) or _in_protest_of(clause)
            if against is not None and frame.sense.type in (
                "PROTEST",
                "REJECT",
                "ACCUSE",
                "COERCE",
                "SANCTION",
            ):  # "blocked streets in defiance of the authorities"
                inner = against if _actorish(against) else _actor_inside(against)
                frame.targets = _conjuncts(inner if inner is not None else against)
            placed = all(t.head.lower_ in ("in", "at") for t in frame.targets)
            if not any(_actorish(t) for t in frame.targets) or (frame.sense.type == "PROTEST" and placed):
                # "began a hunger strike to protest X" / "threatened to strike unless X ..."
                for v in (tok, clause):
                    for c in v.children:
                        if c.dep_ not in ("advcl", "xcomp"):
                            continue
                        marks = {m.lower_ for m in c.children if m.dep_ in ("mark", "aux")}
                        if marks & {"unless", "if", "until", "before", "till"}:
                            # "until their demands are met by the ministry": the agent is who must act
                            subj = _agent(c) or _subject(c)[0]
                            if len(subj) == 1 and _pron(subj[0]):
                                # "vowed to fight until they take the town": they are the actor; the aim is the
                                # clause's object
                                subj = self._pick_targets(c, DEFAULT_VERB_PREPS, None)
                            if subj:
                                frame.targets = subj
                                break
                        elif "to" in marks or c.tag_ == "VBG":
                            got = self._pick_targets(c, (*DEFAULT_VERB_PREPS, "from", "of"), None)
                            # only a subject of its own: an inherited one is the protester ("marched, chanting")
                            own = [x for x in c.children if x.dep_ in SUBJ and not _pron(x)]
                            got = got or (_conjuncts(own[0]) if own and c.dep_ == "advcl" and c.tag_ == "VBG" else [])
                            if not any(_actorish(t) for t in got) and c.dep_ == "advcl" and c.tag_ == "VBG":
                                # "calling for independence from X": the actor inside what they call for
                                inner = next(
                                    (a for p in _pobjs(c) if (a := _actor_inside(p)) is not None and a.i != tok.i),
                                    None,
                                )
                                got = _conjuncts(inner) if inner is not None else got
                            if got and any(_actorish(t) for t in got) and not set(got) & set(frame.source):
                                frame.targets = got
                                break
            if not frame.targets and tok.pos_ in ("VERB", "ADJ"):
                # "agreed to open its borders to X": the recipient sits in the governed clause
                for c in tok.children:
                    if c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB":
                        frame.targets = self._pick_targets(c, (*DEFAULT_VERB_PREPS, "from", "in"), None)
                        if not frame.targets and _is_passive(c):
                            frame.targets = _given_up_by(c)
                        break
            if not frame.targets:
                # "called off the strike after talks with X", "declined despite pressure from X": an actor named
                # in a phrase on the verb is the other party
                for h in (tok, clause):
                    inner = next(
                        (a for p in _pobjs(h, AROUND_PREPS) if (a := _actor_inside(p)) is not None),
                        None,
                    ) or next(  # "after talks with X", "despite pressure from X"; not "after a meeting of X"
                        (
                            a
                            for p in _pobjs(h, CIRCUMSTANCE_PREPS)
                            if (a := _actor_inside(p)) is not None
                            and a.head != p
                            and not (a.head.lower_ == "of" and a.head.head == p)
                        ),
                        None,
                    )
                    if inner is not None and inner not in frame.source:
                        frame.targets = _conjuncts(inner)
                        break
            if not frame.targets:
                # nobody on the receiving end: where it happened stands in ("soldiers stayed on standby in the south",
                # "blocked roads in the capital")
                for h in (frame.object_noun, tok, clause, frame.object_thing):
                    place = _pobj(h, "in") if h is not None else None
                    if (
                        place is not None
                        and place.pos_ in ("NOUN", "PROPN")
                        and place.ent_type_ not in ("DATE", "TIME")
                    ):
                        frame.targets = [place]
                        break
        if swap:
            giver = _prep_objects(tok, ("from",))
            if giver:
                frame.targets, frame.source = frame.source, giver
        if frame.sense.cameo == "043" and frame.sense.type == "CONSULT" and frame.targets:
            # PLOVER: for a hosted visit the visitor is the actor and the host the recipient
            frame.source, frame.targets = frame.targets, frame.source
        # a thing as recipient ("the rights of Palestinians", "violations by the army"): the actor inside it
        if len(frame.targets) > 1 and not any(_actorish(t) for t in frame.targets):
            # "supported Lebanon's sovereignty and stability": the actors inside the coordinated things
            inner = [a for t in frame.targets if (a := _actor_inside(t)) is not None]
            if inner:
                frame.targets = list({a.i: a for a in inner}.values())
        if len(frame.targets) == 1 and not _actorish(frame.targets[0]):
            inner = _actor_inside(frame.targets[0])
            if inner is not None:
                frame.targets = _conjuncts(inner)
            elif frame.sense.type == "PROTEST" and frame.object_thing is not None:
                # "blocked roads in the capital": a protest aimed at no one is aimed at the place's rulers
                for h in (frame.object_thing, tok):
                    place = _pobj(h, "in")
                    if (
                        place is not None
                        and place.pos_ in ("NOUN", "PROPN")
                        and place.ent_type_ not in ("DATE", "TIME")
                    ):
                        named = place if _actorish(place) else _actor_inside(place)
                        frame.targets = [named if named is not None else place]
                        break

    def _passive_actor(self, verb: Token, etype: str) -> list[Token]:
        """No "by" phrase: a state act done "in Italy" is Italy's; a killing "in a car bomb blast" is the bomb's."""
        state_act = etype in ("COERCE", "ACCUSE", "SANCTION", "RETREAT")
        for c in verb.children:
            if c.dep_ != "prep" or c.lower_ not in ("in", "by", "during", "from"):
                continue
            p = next((x for x in c.children if x.dep_ == "pobj"), None)
            if p is None:
                continue
            if (
                etype == "ASSAULT"
                and c.lower_ != "from"
                and (p.lemma_.lower() in WEAPON_WORDS or "attacks" in self._classes(p))
            ):
                return [p]
            if state_act and c.lower_ == "in" and p.ent_type_ == "GPE":
                return [p]
            if state_act and c.lower_ == "from" and p.ent_type_ == "GPE":
                return [p]  # "were expelled from Sudan": the state that expels
            if state_act and c.lower_ == "in" and p.pos_ == "NOUN":
                inner = _pobj(p, "in")  # "held in a military prison in Egypt"
                if inner is not None and inner.ent_type_ == "GPE":
                    return [inner]
        return []

    def _pick_targets(
        self,
        verb: Token,
        preps: tuple[str, ...],
        noun: Token | None,
        thing: Token | None = None,
        *,
        own_preps: tuple[str, ...] = (),
        etype: str = "",
    ) -> list[Token]:
        """The recipient: an indirect object, an actor-like object, or the best prepositional phrase."""
        d = _direct_object(verb)
        if d is not None and (_is_passive(verb) or d.ent_type_ in ("DATE", "TIME")):
            d = None
        for c in verb.children:
            if c.dep_ == "dative" and c.pos_ in ("NOUN", "PROPN", "PRON"):
                return _conjuncts(c)
        if d is None:  # "allowed aid workers to enter": the governed clause's subject
            for c in verb.children:
                if c.dep_ in ("ccomp", "xcomp") and c.i > verb.i:
                    subj = next((x for x in c.children if x.dep_ in SUBJ and x.lower_ not in RELATIVE), None)
                    if subj is not None and subj.pos_ in ("NOUN", "PROPN"):
                        return _conjuncts(subj)
        holders = [h for h in (noun, d, verb) if h is not None]
        if own_preps and etype in PARTNER_TYPES:
            # "discussed Libya with Trump", "complained to China about X": the named partner is the recipient
            for p in own_preps:
                pobj = _pobj(verb, p)
                if pobj is None or pobj.ent_type_ in ("DATE", "TIME"):
                    continue
                if _actorish(pobj):
                    return _conjuncts(pobj)
                if etype == "ACCUSE":  # "complained about Israeli air raids": the accused is inside
                    inner = _actor_inside(pobj)
                    if inner is not None:
                        return _conjuncts(inner)
        cands: list[Token] = []
        if noun is not None:
            ns, nt = self._noun_participants(noun, self._noun_entry(noun) or _EMPTY)
            if not nt and ns and any(c.dep_ == "prep" and c.lower_ in ("between", "among") for c in noun.children):
                return ns  # "launched a mediation effort between X and Y": the parties receive it
            if ns and etype == "REQUEST":
                return ns  # "demanded the withdrawal of Serbian forces": the demand is on whoever must act
            if ns and not nt and etype in REACTION_TYPES and not _subject(verb)[0][:1] == ns[:1]:
                return ns  # "accepted Norway's mediation", "condemned the army's offensive": answered to its author
            cands.extend(nt[:1])
        for p in preps:
            for h in holders:
                pobj = _pobj(h, p)
                if pobj is not None and pobj.ent_type_ not in ("DATE", "TIME") and (noun is None or pobj.i != noun.i):
                    cands.append(pobj)
        if d is not None:
            for p in THING_PREPS:
                pobj = _pobj(d, p)
                if pobj is not None:
                    cands.append(pobj)
        for h in holders:  # a place named with "in" can be the recipient of what happens there
            pobj = _pobj(h, "in")
            if pobj is not None and _actorish(pobj) and pobj.ent_type_ in ("GPE", "LOC", "FAC", "NORP", "ORG"):
                cands.append(pobj)
        if noun is not None and d is not None and d.i == noun.i:
            d = None
        # troops are sent or withdrawn, but the troops accused, attacked or arrested are the recipients
        moved = d is not None and bool(set(self._classes(d)) & MOVED_CLASSES) and etype not in AIMED_AT_TYPES
        if d is not None and (not _actorish(d) or moved or (thing is not None and d.i == thing.i)):
            real = [c for c in cands if c.head.lower_ != "in"]  # a place "in" X is the weakest answer
            for c in real:
                if _actorish(c):
                    return _conjuncts(c)
            for c in [d, *real] if not moved else [*real, d]:
                inner = _actor_inside(c)
                if inner is not None and (inner.head.lower_ != "in" or inner.ent_type_ in ACTOR_ENTS):
                    return _conjuncts(inner)
            for c in cands:
                if _actorish(c):
                    return _conjuncts(c)
            if moved or (thing is not None and d.i == thing.i):
                # "returned the stolen paintings ... to Peru": a "to" phrase further along the clause
                for x in d.subtree:
                    if x.dep_ == "pobj" and x.head.lower_ in ("to", "into") and _actorish(x) and x.i > d.i:
                        return _conjuncts(x)
            if moved:  # "withdrew its troops from the buffer zone": where they go or leave, not the troops
                place = next((c for c in real if c.head.lower_ in ("from", "to", "into") and c.head.head == verb), None)
                if place is not None:
                    return _conjuncts(place)
            return _conjuncts(d)
        if d is not None:
            return _conjuncts(d)
        for c in cands:
            if _actorish(c):
                return _conjuncts(c)
        # a thing after "for"/"with" ("met for talks") is the topic, not the recipient
        cands = [c for c in cands if c.head.lower_ in own_preps or c.head.lower_ in THING_TARGET_PREPS]
        return _conjuncts(cands[0]) if cands else []

    # ------------------------------------------------------------ type adjustments from participants
    def _adjust(self, frame: Frame) -> None:
        s = frame.sense
        # joint exercises and deployments of two parties are cooperation, a single state's are MOBILIZE
        if s.type == "MOBILIZE" and s.cameo == "150" and len(frame.source) > 1:
            frame.sense = Sense("COOPERATE", "062", None, s.conf, s.entry)
            for kind in frame.kinds:
                frame.sense = _compose_sense(kind, None, frame.sense)
        # troops sent as peacekeepers or observers are aid (military protection), not a show of force
        if frame.sense.type == "MOBILIZE":
            words = [*frame.anchor.subtree, *(t for s_ in frame.source for t in s_.subtree)]
            if any(t.lemma_.lower() in PEACE_WORDS for t in words):
                frame.sense = Sense("AID", "074", None, s.conf, s.entry)
        # letting refugees in is shelter (asylum), not a concession: "opened its borders to refugees"
        if frame.sense.type == "RETREAT" and frame.sense.mode == "access":
            if any("refugees" in self._classes(t) for t in frame.targets):
                frame.sense = Sense("AID", "075", None, s.conf, s.entry)
        # "a rights group protested that ..." is a verbal protest, not a demonstration
        if s.type == "PROTEST" and frame.anchor.pos_ == "VERB":
            if any(c.dep_ == "ccomp" for c in frame.anchor.children) or frame.anchor.dep_ in ("parataxis",):
                frame.sense = Sense("ACCUSE", "114", "disapprove", s.conf, s.entry)

    # ------------------------------------------------------------ modality
    def _modality(self, frame: Frame, sent: Span) -> None:
        chain = [frame.anchor]
        if frame.clause.i != frame.anchor.i:
            chain.append(frame.clause)
        noun_subject = False
        if frame.noun and frame.clause.i == frame.anchor.i:
            # a noun event takes the mood of the verb it hangs from: "would lead to a direct clash"
            x = frame.anchor
            for _ in range(4):
                if x.dep_ in ("nsubj", "nsubjpass"):
                    noun_subject = True
                if x.head is x or x.pos_ in ("VERB", "AUX") and x is not frame.anchor:
                    break
                x = x.head
            if x.pos_ in ("VERB", "AUX") and x is not frame.anchor:
                chain.append(x)
        aux: set[str] = set()
        negated = False
        conditional = False
        for v in chain:
            for c in v.children:
                lw = c.lower_
                if c.dep_ == "neg" or (c.dep_ == "advmod" and lw == "never"):
                    negated = True
                elif c.dep_ == "aux":
                    aux.add(lw)
                elif c.dep_ == "mark" and lw in ("if", "unless", "whether"):
                    conditional = True
                elif c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children):
                    aux.add("if-clause")
            if v.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in v.children):
                conditional = True
        if frame.clause.dep_ == "xcomp" and frame.clause.head.lower_ == "going":
            aux.add("will")
        s = frame.sense
        etype = s.type
        if negated:
            if etype == "REJECT":
                frame.modality = "negated"
            elif (
                aux & (FUTURE_AUX | {"would", "can", "ca", "could"}) or etype in COOPERATIVE or "refuse" in frame.kinds
            ):
                frame.sense = Sense("REJECT", REJECT_CAMEO.get(etype, "120"), ASK_MODE.get(etype), s.conf, s.entry)
            else:
                frame.modality = "negated"
        elif conditional or sent.text.rstrip().endswith("?"):
            frame.modality = "hypothetical"
        elif "if-clause" in aux and aux & (FUTURE_AUX | COND_AUX) and etype not in COOPERATIVE - {"RETREAT"}:
            # "will withdraw its force unless ..." / "would strike if ...": a conditional threat
            frame.sense = Sense("THREATEN", THREAT_CAMEO.get(etype, "130"), THREAT_MODE.get(etype), s.conf, s.entry)
            frame.modality = "threatened"
        elif aux & FUTURE_AUX:
            frame.modality = "future"
            frame.sense = _future_sense(s)
        elif aux & COND_AUX and noun_subject:
            frame.modality = "hypothetical"  # "any deployment would lead to ...": the deployment is supposed
        elif aux & COND_AUX:
            if etype in MATERIAL_CONFLICT:
                frame.sense = Sense("THREATEN", THREAT_CAMEO.get(etype, "130"), THREAT_MODE.get(etype), s.conf, s.entry)
                frame.modality = "threatened"
            elif etype in COOPERATIVE and aux & {"would", "'d"}:
                frame.sense = _future_sense(s)
                frame.modality = "future"
            else:
                frame.modality = "hypothetical"
        if frame.modality == "asserted":
            # climb from the trigger through its object / gerund to an "of"/"for" phrase, if any
            x = frame.anchor
            for _ in range(3):
                if x.dep_ not in ("dobj", "pcomp", "pobj") or x.head is x:
                    break
                x = x.head
                if x.dep_ == "prep" and x.lower_ in ("of", "for") and x.head is not x:
                    governor = x.head.lemma_.lower()
                    if governor in PLAN_NOUNS:
                        frame.modality = "proposed"
                    elif governor in ALLEGE_VERBS:
                        frame.modality = "claimed"
                    break

    # ------------------------------------------------------------ events
    def _events(
        self,
        frame: Frame,
        sent: Span,
        actors: ArticleActors,
        statements: list[Statement],
        previous: Token | None = None,
    ) -> list[Event]:
        doc = sent.doc
        source = _resolve_pronoun(frame.source, frame.clause)
        if len(source) == 1 and _pron(source[0]) and source[0].lower_ in ("he", "she") and previous is not None:
            if previous.ent_type_ == "PERSON" or previous.pos_ == "PROPN" or previous.lemma_.lower() in ACTOR_NOUNS:
                source = [previous]  # "Lavrov said ... . Speaking later, he accused ..."
        targets = frame.targets or []
        # a political event needs a political participant: "Gold hit a record high" and "the band released
        # its album" are not events, whatever the verb
        if not any(self._political(t, actors) for t in source):
            # a source the parse could not place ("Trump" tagged as a common noun) may still act on a political
            # target; markets, weather and sport may not
            if not any(self._political(t, actors) for t in targets) or any(
                t.lemma_.lower() in NON_ACTORS for t in source
            ):
                return []
        if len(source) == 1 and not targets and _reciprocal(frame.sense):
            # "Russian and Ukrainian delegations met": the parties are the coordinated modifiers
            mods = [c for c in source[0].children if c.dep_ in ("amod", "compound") and c.ent_type_ in ACTOR_ENTS]
            mods = [m for m in mods if any(x.dep_ == "conj" for x in m.children)]
            if mods:
                parts = _conjuncts_any(mods[0])
                if len(parts) > 1:
                    source, targets = parts[:1], parts[1:]
        if len(source) > 1 and (_reciprocal(frame.sense) or self._failed_joint_act(frame.sense)):
            # "India and Pakistan agreed ...": a reciprocal event between the parties, as one dyad
            source, targets = source[:1], source[1:]
        src_ref = self._ref(source, actors) if source else None
        target_groups: list[list[Token]] = [[t] for t in targets] if targets else [[]]
        lo, hi = min(t.i for t in frame.trigger), max(t.i for t in frame.trigger)
        trig = doc[lo : hi + 1]
        s = frame.sense
        statement_id = None
        modality = frame.modality
        for st in statements:
            if st.content.start <= trig.start_char < st.content.end:
                statement_id = st.id
                speaker = st.speaker.id if st.speaker is not None else None
                if modality == "asserted" and src_ref is not None and speaker is not None and speaker != src_ref.id:
                    modality = "claimed"
                break
        out = []
        for group in target_groups:
            tgt = _resolve_pronoun(group, frame.clause) if group else []
            tgt_ref = self._ref(tgt, actors) if tgt else None
            if tgt_ref is not None and src_ref is not None and tgt_ref.id == src_ref.id:
                tgt_ref = None
            conf = frame.conf or s.conf
            conf += 0.08 if src_ref is not None else -0.3
            conf += 0.05 if tgt_ref is not None else -0.1
            if src_ref is not None and src_ref.country:
                conf += 0.05
            if source and _pron(source[0]):
                conf -= 0.1
            if modality not in ("asserted", "claimed"):
                conf -= 0.05
            out.append(
                Event(
                    id="",
                    event_type=s.type,
                    mode=s.mode,
                    cameo=s.cameo,
                    quad_class=QUAD_CLASS[s.type],
                    goldstein=goldstein(s.cameo),
                    plover_score=PLOVER_SCORE[s.type],
                    source=src_ref,
                    target=tgt_ref,
                    date=None,
                    date_precision="reported",
                    date_text=None,
                    location=None,
                    modality=modality,
                    statement_id=statement_id,
                    evidence=Evidence(sent.start_char, sent.end_char, sent.text),
                    trigger=Evidence(trig.start_char, trig.end_char, trig.text),
                    confidence=round(min(0.99, max(0.02, conf)), 3),
                    rule=s.entry,
                )
            )
        return out

    def _failed_joint_act(self, sense: Sense) -> bool:
        """ "X and Y failed to reach a deal", "could not agree": a refusal between the parties, not of both."""
        if sense.type != "REJECT":
            return False
        section, _, rest = sense.entry.partition(".")
        key, _, cls = rest.partition(".obj.")
        entry = {"verbs": self.lex.verbs, "nouns": self.lex.nouns}.get(section, {}).get(key)
        if entry is None:
            return False
        base = entry.obj.get(cls) if cls else entry.sense
        return base is not None and base.type != "REJECT" and _reciprocal(base)

    def _political(self, tok: Token, actors: ArticleActors) -> bool:
        """Could this participant be a political actor (or the weapon of one)?"""
        mention = actors.at_token(tok)
        if mention is not None:
            actor = actors.actors.get(mention.actor_id)
            if actor is not None and (actor.country or actor.sector) and actor.kind != "unresolved":
                return True
        if _actorish(tok) or _pron(tok) or (tok.pos_ == "PROPN" and tok.ent_type_ not in ("DATE", "TIME", "MONEY")):
            return True
        if set(self._classes(tok)) & {"troops", "weapons", "attacks"} or tok.lemma_.lower() in WEAPON_WORDS:
            return True
        return _actor_inside(tok) is not None

    def _ref(self, toks: list[Token], actors: ArticleActors) -> ActorRef | None:
        if not toks:
            return None
        spans = [_phrase(t) for t in toks]
        if len(spans) == 1:
            ref = actors.for_span(spans[0])
            sp = spans[0]
            if ref.start < sp.end_char and sp.start_char < ref.end:
                # the participant as written in this event ("Moslem fundamentalist demonstrators"), resolved to
                # the actor its mention names
                ref = dataclasses.replace(ref, text=sp.text, start=sp.start_char, end=sp.end_char)
            return ref
        refs = [actors.for_span(sp) for sp in spans]
        if len({r.id for r in refs}) == 1:
            return refs[0]
        doc = spans[0].doc
        whole = doc[min(sp.start for sp in spans) : max(sp.end for sp in spans)]
        for actor in actors.actors.values():
            if actor.kind == "collective" and actor.name == whole.text:
                break
        else:
            countries = {r.country for r in refs}
            sectors = {r.sector for r in refs}
            actor = actors.new_actor(
                name=whole.text,
                country=countries.pop() if len(countries) == 1 else None,
                sector=sectors.pop() if len(sectors) == 1 else None,
                kind="collective",
            )
        mention = actors.add_mention(actor, whole.start, whole.end, "coordination")
        return actors.ref(mention)


_EMPTY = Entry(key="", section="nouns", sense=None)


# ---------------------------------------------------------------- parse helpers
def _is_passive(v: Token) -> bool:
    return any(c.dep_ in PASS_SUBJ or c.dep_ == "auxpass" for c in v.children)


def _direct_object(v: Token) -> Token | None:
    for c in v.children:
        if c.dep_ == "dobj" and c.pos_ != "ADP":
            return c
    # shared object of coordinated verbs: "condemned and rejected the plan" (not when the first verb has its own
    # phrases: "seized 16 advisers from a market and set off bombs")
    if any(c.i > v.i and c.dep_ in ("prep", "dative", "ccomp", "xcomp") for c in v.children):
        return None
    for c in v.children:
        if c.dep_ == "conj" and c.pos_ == "VERB":
            for d in c.children:
                if d.dep_ == "dobj":
                    return d
    return None


def _lemmas(tok: Token) -> list[str]:
    """The parser's lemma, then spellings it sometimes misses ("staged" -> "stag", not "stage")."""
    low = tok.lower_
    out = [tok.lemma_.lower(), low]
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


def _pron(tok: Token) -> bool:
    """A personal pronoun (not "US", which lowercases to one)."""
    return tok.pos_ == "PRON" and tok.lower_ in PRONOUNS


def _actorish(tok: Token) -> bool:
    """Does the phrase name a person, group or state (a recipient) rather than a thing?"""
    if tok.ent_type_ in ACTOR_ENTS or tok.lemma_.lower() in ACTOR_NOUNS:
        return True
    if tok.pos_ in ("PROPN", "NOUN") and not tok.ent_type_ and tok.is_title and tok.i != tok.sent.start:
        return True  # a name the tagger did not type ("Seychelles")
    if tok.pos_ == "PRON":
        return tok.lower_ in PRONOUNS
    for c in tok.children:
        if c.dep_ in ("compound", "poss", "amod") and c.ent_type_ in ACTOR_ENTS:
            return True
        if c.dep_ == "prep" and c.lower_ == "of":
            for p in c.children:
                if p.dep_ == "pobj" and (p.ent_type_ in ACTOR_ENTS or p.lemma_.lower() in ACTOR_NOUNS):
                    return True
    return False


INSIDE_PREPS = frozenset({"of", "by", "from", "against", "on", "to", "for", "with", "in", "into"})
# phrases on a verb that can name the other party when the clause has none ("after talks with X")
AROUND_PREPS = frozenset(
    {"over", "about", "with", "against", "toward", "towards", "to", "from", "as", "under", "for"}
)  # fmt: skip
CIRCUMSTANCE_PREPS = frozenset({"after", "following", "despite", "amid"})
PARTY_PREPS = frozenset({"with", "against", "between"})  # the other side of a dispute or talks
LEADER_WORDS = frozenset({"lead", "led", "back", "backed", "sponsor", "sponsored", "arm", "armed"})


def _actor_inside(t: Token) -> Token | None:
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
                if p is not None and _actorish(p) and not _pron(p):
                    return p
            elif inner:
                continue
            elif (
                c.dep_ == "appos" and x is t and _actorish(c) and not _pron(c) and c.doc[c.left_edge.i - 1].text == ","
            ):
                # "detained 40 people, mostly students": who they are
                return c
            elif c.dep_ in ("acl", "relcl", "ccomp") and x.pos_ in ("NOUN", "PROPN"):
                subj = next((y for y in c.children if y.dep_ in SUBJ and y.lower_ not in RELATIVE), None)
                if subj is not None and _actorish(subj) and not _pron(subj):
                    return subj
        for c in x.children:
            dep = c.dep_
            if inner:
                if dep == "prep" and c.lower_ in PARTY_PREPS:
                    p = next((y for y in c.children if y.dep_ == "pobj"), None)
                    if p is not None and _actorish(p) and not _pron(p):
                        return p
                elif dep == "dobj" and x.pos_ == "VERB":
                    queue.append((c, True))
                continue
            if dep in ("poss", "compound", "amod", "nmod") and c.i < x.i:
                if (c.ent_type_ in ACTOR_ENTS or (dep == "poss" and _actorish(c))) and not _pron(c):
                    return c  # "the ministry's decision": whoever owns it
                if dep == "amod" and c.lemma_.lower() in LEADER_WORDS:  # "the US-led war": the leader
                    led = next((y for y in c.children if y.dep_ in ("npadvmod", "compound", "nmod")), None)
                    if led is not None and led.ent_type_ in ACTOR_ENTS:
                        return led
            elif dep == "prep" and c.lower_ in INSIDE_PREPS:
                for p in c.children:
                    if p.dep_ == "pobj":
                        if _actorish(p) and not _pron(p):
                            if c.lower_ == "in" and p.ent_type_ not in ACTOR_ENTS:
                                continue
                            return p
                        queue.append((p, False))
                    elif p.dep_ == "pcomp" and p.pos_ == "VERB":
                        queue.append((p, True))
            elif dep in ("acl", "agent", "conj", "appos"):
                queue.append((c, False))
            elif dep in ("ccomp", "relcl") or (dep == "advcl" and x is t):
                subj = next((y for y in c.children if y.dep_ in SUBJ and y.lower_ not in RELATIVE), None)
                if subj is not None and _actorish(subj) and not _pron(subj):
                    return subj
            elif dep == "dobj" and x.pos_ == "VERB" and x.i != t.i:  # "an invitation to attend a meeting of X"
                if _actorish(c) and not _pron(c):
                    return c
                queue.append((c, False))
    return None


def _undateline(t: Token) -> Token:
    """ "BERLIN -- A court in Bavaria convicted ...": the dateline place is no subject; the phrase after the dash is."""
    doc = t.doc
    if t.i - t.sent.start > 3 or not (t.is_upper or t.ent_type_ in ("GPE", "LOC")):
        return t
    for j in range(t.i + 1, min(t.i + 9, len(doc))):
        d = doc[j]
        if d.text in ("--", "—", "–") or (d.text == "-" and d.whitespace_):
            for k in range(j + 1, min(j + 14, len(doc))):
                x = doc[k]
                if x.pos_ in ("NOUN", "PROPN", "PRON") and x.dep_ not in ("compound", "amod", "det", "poss", "nmod"):
                    return x
            return t
    return t


def _subject(v: Token) -> tuple[list[Token], bool]:
    """Subject conjuncts of a verb (inherited through xcomp, conj, relcl, acl) and whether it is passive."""
    subj, passive = _subject_raw(v)
    if len(subj) == 1:
        subj = [_undateline(subj[0])]
    return subj, passive


def _subject_raw(v: Token) -> tuple[list[Token], bool]:
    for _ in range(8):
        for c in v.children:
            if c.dep_ in SUBJ:
                if c.lower_ in RELATIVE and v.dep_ == "relcl":
                    return _conjuncts(v.head), False
                return _conjuncts(c), False
            if c.dep_ in PASS_SUBJ:
                if c.lower_ in RELATIVE and v.dep_ == "relcl":
                    return _conjuncts(v.head), True
                return _conjuncts(c), True
        dep = v.dep_
        if dep == "xcomp":
            head = v.head
            for c in head.children:  # object control: "urged Iran to withdraw" -> Iran
                if c.dep_ == "dobj" and c.i < v.i and head.lemma_.lower() not in ("promise",):
                    return _conjuncts(c), False
            v = head
        elif dep == "conj" and v.head.pos_ in ("VERB", "AUX"):
            v = v.head
        elif dep == "acomp" or (dep == "xcomp" and v.pos_ == "ADJ"):
            v = v.head  # "Ankara is unwilling to ...": the copula's subject
        elif dep == "relcl":
            return _conjuncts(v.head), False
        elif dep == "acl" and v.head.lemma_.lower() in INTENT_NOUNS and v.head.head.pos_ in ("VERB", "AUX"):
            v = v.head.head  # "reiterated its commitment to support X": whoever reiterated supports
        elif dep == "acl":
            if v.tag_ == "VBN":
                return _conjuncts(v.head), True
            if v.head.lemma_.lower() in DOC_NOUNS and v.head.head.pos_ in ("VERB", "AUX"):
                v = v.head.head  # "X released a report accusing Y": X accuses
                continue
            return _conjuncts(v.head), False
        elif dep in ("advcl", "pcomp") and v.tag_ == "VBG":
            v = v.head.head if dep == "pcomp" else v.head
            if v.lemma_.lower() in INTENT_NOUNS and v.head.pos_ in ("VERB", "AUX"):
                v = v.head  # "reiterated its commitment to supporting X": whoever reiterated supports
        elif dep == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children):
            v = v.head  # "opened the bridge to allow ...": the purpose shares the subject
        else:
            return [], False
    return [], False


def _agent(v: Token) -> list[Token]:
    for c in v.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return _conjuncts(p)
    return []


def _pobjs(h: Token, preps: frozenset[str] | None = None) -> list[Token]:
    """Objects of the prepositions on a word (all of them, or those named), in text order; no dates."""
    out = []
    for c in h.children:
        if c.dep_ == "prep" and (preps is None or c.lower_ in preps):
            # "following a rally ...": the parser makes some prepositions verbs with objects
            out.extend(p for p in c.children if p.dep_ in ("pobj", "dobj") and p.ent_type_ not in ("DATE", "TIME"))
    return out


def _given_up_by(v: Token) -> list[Token]:
    """In a passive clause, who acts or gives something up: the agent, or an actor after "(away) from"."""
    agent = _agent(v)
    if agent:
        return agent
    for x in (v, *(c for c in v.children if c.dep_ in ("prt", "advmod"))):
        for p in _pobjs(x, frozenset({"from"})):
            if _actorish(p) and not _pron(p):
                return _conjuncts(p)
    return []


def _pobj(h: Token, prep: str) -> Token | None:
    for c in h.children:
        if c.dep_ in ("prep", "dative") and c.lower_ == prep:
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    return None


def _prep_objects(v: Token, preps: Iterable[str]) -> list[Token]:
    for p in preps:
        pobj = _pobj(v, p)
        if pobj is not None:
            return _conjuncts(pobj)
    return []


def _noun_in_preps(v: Token, hits: dict, preps: tuple[str, ...]) -> Token | None:
    for c in v.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            for p in c.children:
                if p.dep_ == "pobj" and p.i in hits:
                    return p
    return None


def _conjuncts(t: Token) -> list[Token]:
    out = [t]
    stack = [t]
    while stack:
        x = stack.pop()
        for c in x.children:
            if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN", "PRON"):
                out.append(c)
                stack.append(c)
    return sorted(out, key=lambda x: x.i)


def _in_protest_of(v: Token) -> Token | None:
    """The X of "in protest against X", "in defiance of X", "in opposition to X", "in solidarity with X"."""
    for c in v.children:
        if c.dep_ == "prep" and c.lower_ == "in":
            p = next((x for x in c.children if x.dep_ == "pobj"), None)
            if p is not None and p.lemma_.lower() in ("protest", "defiance", "opposition"):
                for q in p.children:
                    if q.dep_ == "prep" and q.lower_ in ("of", "against", "at", "to", "with", "over"):
                        x = next((y for y in q.children if y.dep_ == "pobj"), None)
                        if x is not None:
                            return x
    return None


def _conjuncts_any(t: Token) -> list[Token]:
    """A word and its coordinated siblings, whatever their part of speech ("Russian and Ukrainian")."""
    out = [t] + [c for c in t.subtree if c.dep_ == "conj" and c.i != t.i]
    return sorted(out, key=lambda x: x.i)


def _resolve_pronoun(toks: list[Token], clause: Token) -> list[Token]:
    """A pronoun participant ("Russia said it would ...") stands for the nearest governing subject."""
    if len(toks) != 1 or not _pron(toks[0]):
        return toks
    v = clause
    for _ in range(6):
        if v.head is v:
            break
        v = v.head
        for c in v.children:
            if c.dep_ in (*SUBJ, *PASS_SUBJ) and not _pron(c) and c.pos_ in ("PROPN", "NOUN"):
                c = _undateline(c)
                return _conjuncts(c)
    return toks


def _phrase(t: Token) -> Span:
    """The noun phrase headed by t, without clauses, appositions and most prepositional phrases."""
    lo = hi = t.i
    stack = [t]
    while stack:
        x = stack.pop()
        for c in x.children:
            if c.dep_ in CUT_DEPS and not (c.dep_ == "prep" and x.i == t.i and _group_prep(t, c)):
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


RECIPROCAL_ENTRIES = frozenset(
    {"verbs.clash", "verbs.fight", "nouns.clash", "nouns.fighting", "nouns.battle", "nouns.hostility"}
)


def _reciprocal(sense: Sense) -> bool:
    """Types where "X and Y did it" means between X and Y (meet, agree, sign, clash), not jointly to someone."""
    if sense.type in ("AGREE", "CONSULT", "COOPERATE"):
        return True
    if sense.type == "SUPPORT":
        return sense.cameo in ("050", "057")
    return sense.entry.split(".obj.")[0] in RECIPROCAL_ENTRIES


def _group_prep(head: Token, prep: Token) -> bool:
    """Prepositional phrases that say which group is meant: "members of X", "rebels in the north", "doctors from X"."""
    w = prep.lower_
    return w == "of" or (head.pos_ == "NOUN" and w in ("from", "in", "at") and head.lemma_.lower() in ACTOR_NOUNS)


def _intent_cameo(etype: str) -> str:
    return {"CONSULT": "036", "SUPPORT": "032", "COOPERATE": "031", "AID": "033", "RETREAT": "035"}.get(etype, "030")


def _future_sense(s: Sense) -> Sense:
    """PLOVER's single-category rule: a future cooperative act is AGREE; a future blow is a threat."""
    if s.type in COOPERATIVE and s.type != "AGREE":
        return Sense("AGREE", _intent_cameo(s.type), None, s.conf, s.entry)
    if s.type in THREATENABLE:
        return Sense("THREATEN", THREAT_CAMEO.get(s.type, "130"), THREAT_MODE.get(s.type), s.conf, s.entry)
    return s


def _compose_sense(kind: str, own: Sense | None, inner: Sense, *, nominal: bool = False) -> Sense:
    """The event a governing verb of ``kind`` makes of the event in its clause."""
    e = inner.type
    entry = own.entry if own is not None else inner.entry
    conf = max(inner.conf, own.conf if own is not None else 0.0)
    if kind in ("promise", "agree", "propose", "future"):
        if e in COOPERATIVE or (e == "MOBILIZE" and kind in ("agree", "propose")):  # "offered to send troops"
            return Sense("AGREE", _intent_cameo(e), None, conf, entry)
        if kind in ("promise", "future") and e in THREATENABLE:
            return Sense("THREATEN", THREAT_CAMEO.get(e, "130"), THREAT_MODE.get(e), conf, entry)
        return inner
    if kind == "refuse":
        return Sense("REJECT", REJECT_CAMEO.get(e, "120"), ASK_MODE.get(e, "change"), conf, entry)
    if kind == "threaten":
        if e in ("THREATEN", "REQUEST", "ACCUSE", "REJECT"):
            return inner
        return Sense("THREATEN", THREAT_CAMEO.get(e, "130"), THREAT_MODE.get(e), conf, entry)
    if kind == "order" and e == "SANCTION":  # "ordered the paper to suspend publication": coercion
        return Sense("COERCE", "172", "restrict", conf, entry)
    if kind in ("request", "order"):
        if e in ("REQUEST", "ACCUSE", "PROTEST"):
            return inner
        if nominal and e in THREATENABLE and e != "ASSAULT" and kind == "request":  # "called for sanctions"
            return Sense("ACCUSE", "111", "disapprove", conf, entry)
        return Sense("REQUEST", REQUEST_CAMEO.get(e, "100"), ASK_MODE.get(e, "change"), conf, entry)
    if kind == "stop":
        if e in ("ASSAULT", "MOBILIZE", "COERCE", "SANCTION"):
            return Sense("RETREAT", "087", "ceasefire" if e == "ASSAULT" else None, conf, entry)
        if e == "PROTEST":
            return Sense("CONCEDE", "080", None, conf, entry)
        if e in COOPERATIVE:
            return Sense("SANCTION", "162" if e == "AID" else "160", "discontinue", conf, entry)
        return inner
    return inner


__all__ = ["EventCoder", "Frame"]
