"""Rule coder: trigger lexicon + dependency parse -> PLOVER/CAMEO events with modality.

One pass per sentence finds trigger words (dict lookups on lemmas), then each
trigger is read in its clause: the object may decide the sense ("send troops"
vs "send aid"), a trigger noun gives its type to a light verb ("launch an
attack"), a governing verb may change it ("agreed to withdraw" -> CONCEDE,
"refused to meet" -> REJECT, "threatened to strike" -> THREATEN), auxiliaries
and negation set the modality. Participants come from the parse: subjects,
objects, passive agents, prepositional recipients, coordination, relative
clauses and pronouns that point back to the speaker.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from eventwire.actors.table import ArticleActors
from eventwire.events.lexicon import Entry, Lexicon, Sense, load_lexicon
from eventwire.events.ontology import COOPERATIVE, DEFAULT_CAMEO, MATERIAL_CONFLICT, PLOVER_SCORE, QUAD_CLASS, goldstein
from eventwire.schema import ActorRef, Event, Evidence, Statement

SUBJ = ("nsubj", "csubj")
PASS_SUBJ = ("nsubjpass", "csubjpass")
DEFAULT_VERB_PREPS = ("to", "against", "with", "on", "at", "toward", "towards", "into", "upon")
DEFAULT_NOUN_PREPS = ("against", "on", "with", "of", "into", "to", "toward", "towards", "upon", "in")
CUT_DEPS = frozenset(
    {"relcl", "acl", "appos", "advcl", "punct", "cc", "conj", "parataxis", "ccomp", "xcomp", "prep", "dep", "mark"}
)
RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})
PRONOUNS = frozenset({"it", "they", "he", "she", "we", "i", "them", "him", "her", "us", "its", "their"})
QUANTITY = frozenset(
    {"thousand", "hundred", "dozen", "number", "contingent", "batch", "group", "unit", "shipment", "million",
     "tonne", "ton", "package", "wave", "series", "round", "lot", "kind", "type", "consignment", "team", "body"}
)  # fmt: skip
NEG_WORDS = frozenset({"not", "n't", "never", "no"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
COND_AUX = frozenset({"would", "could", "might", "may", "should", "'d"})
# verbs that report or perceive a noun event rather than carry it out ("denied the attack")
NOT_LIGHT = frozenset(
    {"deny", "report", "see", "witness", "describe", "discuss", "mention", "blame", "fear", "remember", "mark",
     "commemorate", "follow", "cover", "survive", "flee", "escape", "recall", "suffer", "face", "watch", "end",
     "say", "tell", "claim", "call", "cite", "predict", "expect", "prevent", "avoid", "stop", "halt"}
)  # fmt: skip

THREAT_MODE = {"ASSAULT": "violence", "SANCTION": "relations", "COERCE": "restrict", "MOBILIZE": "violence"}
THREAT_CAMEO = {"ASSAULT": "138", "SANCTION": "131", "COERCE": "137", "MOBILIZE": "138", "PROTEST": "133"}
ASK_MODE = {"CONSULT": "meet", "AID": "assist", "COOPERATE": "assist", "RETREAT": "yield", "CONCEDE": "yield"}
REQUEST_CAMEO = {"CONSULT": "108", "AID": "103", "COOPERATE": "102", "RETREAT": "106", "CONCEDE": "104"}
REJECT_CAMEO = {"CONSULT": "125", "AID": "122", "COOPERATE": "121", "RETREAT": "124", "CONCEDE": "124"}


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
        for sent in doc.sents:
            for frame in self._frames(sent):
                for ev in self._events(frame, sent, actors, statements or []):
                    key = (ev.event_type, ev.trigger.start, ev.source and ev.source.id, ev.target and ev.target.id)
                    if key in seen:
                        continue
                    seen.add(key)
                    events.append(ev)
        events.sort(key=lambda e: (e.trigger.start, e.evidence.start))
        for i, ev in enumerate(events, 1):
            ev.id = f"e{i}"
        return events

    # ------------------------------------------------------------ lookups
    def _verb_entry(self, tok: Token) -> tuple[Entry | None, Token | None]:
        lemma = tok.lemma_.lower()
        verbs = self.lex.verbs
        for c in tok.children:
            if c.dep_ in ("prt", "prep", "dative") and c.i > tok.i:
                e = verbs.get(f"{lemma} {c.lower_}")
                if e is not None:
                    return e, c
        return verbs.get(lemma), None

    def _noun_sense(self, tok: Token, entry: Entry) -> Sense | None:
        """A noun's sense; modifiers may decide it ("joint exercises", "military operation", "general strike")."""
        if entry.obj:
            oc = self.lex.object_class
            for c in tok.children:
                if c.dep_ in ("amod", "compound", "nmod") and c.i < tok.i:
                    cls = oc.get(c.lemma_.lower()) or oc.get(c.lower_)
                    if cls in entry.obj:
                        return entry.obj[cls]
                    for cc in c.children:  # "special military operation"
                        cls = oc.get(cc.lemma_.lower())
                        if cc.dep_ in ("amod", "compound", "advmod") and cls in entry.obj:
                            return entry.obj[cls]
            if entry.needs_obj:
                return None
        return entry.sense

    def _object_class(self, obj: Token | None) -> str | None:
        if obj is None:
            return None
        oc = self.lex.object_class
        cls = oc.get(obj.lemma_.lower()) or oc.get(obj.lower_)
        if cls:
            return cls
        for c in obj.children:
            if c.dep_ in ("compound", "amod") and (c.lemma_.lower() in oc):
                return oc[c.lemma_.lower()]
        if obj.lemma_.lower() in QUANTITY or obj.pos_ == "NUM":
            for c in obj.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            return self._object_class(p)
        return None

    # ------------------------------------------------------------ frames
    def _frames(self, sent: Span) -> list[Frame]:
        lex = self.lex
        verb_hits: list[tuple[Token, Entry, Token | None]] = []
        noun_hits: dict[int, Entry] = {}
        adj_hits: list[tuple[Token, Entry]] = []
        for tok in sent:
            pos = tok.pos_
            if pos == "VERB":
                e, prt = self._verb_entry(tok)
                if e is not None:
                    verb_hits.append((tok, e, prt))
            elif pos == "NOUN" or (pos == "PROPN" and tok.is_title and tok.i == sent.start):
                e = lex.nouns.get(tok.lemma_.lower()) or lex.nouns.get(tok.lower_)
                if e is not None:
                    noun_hits[tok.i] = e
            elif pos == "ADJ":
                e = lex.adjectives.get(tok.lemma_.lower())
                if e is not None:
                    adj_hits.append((tok, e))
        if not verb_hits and not noun_hits and not adj_hits:
            return []

        frames: dict[int, Frame] = {}
        consumed_nouns: set[int] = set()
        for tok, entry, prt in verb_hits:
            frame = self._verb_frame(tok, entry, prt, noun_hits, consumed_nouns)
            if frame is not None:
                frames[tok.i] = frame
        for tok, entry in adj_hits:
            if entry.sense is not None:
                frames[tok.i] = Frame(tok, entry.sense, [tok], tok.head if tok.dep_ == "acomp" else tok)
        for i, entry in noun_hits.items():
            if i in consumed_nouns:
                continue
            frame = self._noun_frame(sent.doc[i], entry, frames)
            if frame is not None:
                frames[i] = frame

        # governing verbs: compose, and drop the governor's own frame
        out: list[Frame] = []
        governors: set[int] = set()
        for i, frame in sorted(frames.items()):
            gov = self._compose(frame)
            governors.update(gov)
        for i, frame in sorted(frames.items()):
            if i in governors:
                continue
            self._participants(frame)
            self._modality(frame, sent)
            out.append(frame)
        return out

    def _verb_frame(
        self, tok: Token, entry: Entry, prt: Token | None, noun_hits: dict[int, Entry], consumed: set[int]
    ) -> Frame | None:
        obj = _direct_object(tok)
        sense: Sense | None = None
        trigger = [tok] + ([prt] if prt is not None and prt.i == tok.i + 1 else [])
        if entry.obj:
            cls = self._object_class(obj)
            if cls is not None and cls in entry.obj:
                sense = entry.obj[cls]
                if obj is not None and obj.i in noun_hits:
                    consumed.add(obj.i)
        if sense is None and (entry.light or entry.needs_obj or entry.sense is None):
            noun = obj if obj is not None and obj.i in noun_hits else None
            if noun is None and entry.light:
                noun = _noun_in_preps(tok, noun_hits, ("in", "into", prt.lower_ if prt is not None else "in"))
            nsense = self._noun_sense(noun, noun_hits[noun.i]) if noun is not None else None
            if nsense is not None and (entry.light or entry.control):
                if entry.control is not None and entry.sense is not None:
                    sense = _compose_sense(entry.control, entry.sense, nsense)
                else:
                    sense = nsense
                consumed.add(noun.i)
                trigger = [tok, noun] if noun.i - tok.i <= 3 else [tok]
        if sense is None and not entry.needs_obj:
            sense = entry.sense
        if sense is None:
            return None
        return Frame(tok, sense, trigger, tok, conf=sense.conf)

    def _noun_frame(self, tok: Token, entry: Entry, frames: dict[int, Frame]) -> Frame | None:
        sense = self._noun_sense(tok, entry)
        if sense is None:
            return None
        frame = Frame(tok, sense, [tok], tok, conf=sense.conf - 0.1, noun=True)
        src, tgts = _noun_participants(tok, entry)
        head = tok.head
        # the noun as object (or passive subject) of a verb that is not a trigger: the verb carries it
        if not src and tok.dep_ in ("dobj", "nsubjpass", "pobj", "attr") and head.i not in frames:
            verb = head
            if tok.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ == "VERB" and head.lower_ in ("in", "to"):
                verb = head.head
            if verb.pos_ == "VERB" and verb.lemma_.lower() not in NOT_LIGHT and verb.i not in frames:
                frame.clause = verb
                frame.conf = sense.conf
                kind = self.lex.controls.get(verb.lemma_.lower())
                if kind is not None:
                    frame.sense = _compose_sense(kind, None, sense)
                if tok.dep_ == "nsubjpass":
                    src = _agent(verb)
                else:
                    src = _subject(verb)[0]
                if not tgts:
                    tgts = _prep_objects(verb, DEFAULT_VERB_PREPS)
                if verb.i < tok.i and tok.i - verb.i <= 3:
                    frame.trigger = [verb, tok]
        if not src and not tgts:
            return None
        frame.source, frame.targets = src, tgts
        return frame

    def _compose(self, frame: Frame) -> list[int]:
        """Walk up xcomp/ccomp governors; re-type by their control kind. Return governor token ids."""
        govs: list[int] = []
        h = frame.anchor if not frame.noun else frame.clause
        while h.dep_ in ("xcomp", "ccomp", "pcomp") or (h.dep_ == "pobj" and h.head.dep_ == "prep"):
            parent = h.head
            if parent.dep_ == "prep":  # "refrain from attacking", "accused X of attacking"
                parent = parent.head
            kind, own = self._control_of(parent)
            if kind is None:
                break
            if kind == "request" and h.dep_ == "ccomp" and not _subject(h)[0]:
                pass
            frame.sense = _compose_sense(kind, own, frame.sense)
            if kind == "request" and h.dep_ == "ccomp":
                subj = _subject(h)[0]
                if subj:
                    frame.targets = subj
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
            return
        clause = frame.clause
        tok = frame.anchor
        entry_preps = DEFAULT_VERB_PREPS
        swap = False
        if tok.pos_ == "VERB":
            e, _ = self._verb_entry(tok)
            if e is not None:
                entry_preps = e.preps or DEFAULT_VERB_PREPS
                swap = e.swap
        if not frame.source:
            holder = clause
            if clause.pos_ == "ADJ" and clause.dep_ == "acomp":
                holder = clause.head
            src, passive = _subject(holder)
            if passive and holder.i == tok.i:
                frame.source = _agent(tok)
                if not frame.targets:
                    frame.targets = src
            else:
                frame.source = src
        if not frame.targets:
            objs = []
            d = _direct_object(tok)
            if d is not None and not _is_passive(tok):
                objs = [d]
            if not objs:
                objs = _prep_objects(tok, entry_preps)
            if not objs and clause.i != tok.i:
                d = _direct_object(clause)
                objs = [d] if d is not None else _prep_objects(clause, ("to", "with", "against", "on"))
            frame.targets = _conjuncts(objs[0]) if objs else []
            if objs and objs[0].lemma_.lower() in QUANTITY | {"part"}:
                pass
        if swap:
            giver = _prep_objects(tok, ("from",))
            if giver:
                frame.targets, frame.source = frame.source, giver

    # ------------------------------------------------------------ modality
    def _modality(self, frame: Frame, sent: Span) -> None:
        chain = [frame.anchor]
        if frame.clause.i != frame.anchor.i:
            chain.append(frame.clause)
        aux: set[str] = set()
        negated = False
        hypothetical = False
        for v in chain:
            for c in v.children:
                lw = c.lower_
                if c.dep_ == "neg" or (c.dep_ == "advmod" and lw == "never"):
                    negated = True
                elif c.dep_ == "aux":
                    aux.add(lw)
                elif c.dep_ == "mark" and lw in ("if", "unless", "whether"):
                    hypothetical = True
            if v.dep_ == "advcl":
                for c in v.children:
                    if c.dep_ == "mark" and c.lower_ in ("if", "unless"):
                        hypothetical = True
        # "going to attack"
        if frame.clause.dep_ == "xcomp" and frame.clause.head.lower_ == "going":
            aux.add("will")
        etype = frame.sense.type
        s = frame.sense
        if negated:
            if etype in ("REJECT",):
                frame.modality = "negated"
            elif aux & (FUTURE_AUX | {"would", "can", "ca", "could"}) or etype in ("AGREE",):
                frame.sense = Sense("REJECT", REJECT_CAMEO.get(etype, "120"), ASK_MODE.get(etype), s.conf, s.entry)
            else:
                frame.modality = "negated"
        elif hypothetical or sent.text.rstrip().endswith("?"):
            frame.modality = "hypothetical"
        elif aux & FUTURE_AUX:
            frame.modality = "future"
            if etype in ("CONSULT", "SUPPORT", "COOPERATE", "AID"):
                frame.sense = Sense("AGREE", _intent_cameo(etype), None, s.conf, s.entry)
        elif aux & COND_AUX:
            if etype in MATERIAL_CONFLICT:
                frame.sense = Sense("THREATEN", THREAT_CAMEO.get(etype, "130"), THREAT_MODE.get(etype), s.conf, s.entry)
                frame.modality = "threatened"
            elif etype in ("CONSULT", "SUPPORT", "COOPERATE", "AID") and aux & {"would"}:
                frame.sense = Sense("AGREE", _intent_cameo(etype), None, s.conf, s.entry)
                frame.modality = "future"
            else:
                frame.modality = "hypothetical"

    # ------------------------------------------------------------ events
    def _events(self, frame: Frame, sent: Span, actors: ArticleActors, statements: list[Statement]) -> list[Event]:
        doc = sent.doc
        source = _resolve_pronoun(frame.source, frame.clause)
        src_ref = self._ref(source, actors) if source else None
        targets = frame.targets or []
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
            if source and source[0].lower_ in PRONOUNS:
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

    def _ref(self, toks: list[Token], actors: ArticleActors) -> ActorRef | None:
        if not toks:
            return None
        spans = [_phrase(t) for t in toks]
        if len(spans) == 1:
            return actors.for_span(spans[0])
        refs = [actors.for_span(sp) for sp in spans]
        ids = {r.id for r in refs}
        if len(ids) == 1:
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


# ---------------------------------------------------------------- parse helpers
def _is_passive(v: Token) -> bool:
    return any(c.dep_ in PASS_SUBJ or c.dep_ == "auxpass" for c in v.children)


def _direct_object(v: Token) -> Token | None:
    for c in v.children:
        if c.dep_ in ("dobj", "dative") and c.pos_ != "ADP":
            return c
    # shared object of coordinated verbs: "condemned and rejected the plan"
    for c in v.children:
        if c.dep_ == "conj" and c.pos_ == "VERB":
            for d in c.children:
                if d.dep_ == "dobj":
                    return d
    if v.dep_ == "conj" and v.head.pos_ == "VERB" and not any(c.dep_ in SUBJ for c in v.children):
        pass
    return None


def _subject(v: Token) -> tuple[list[Token], bool]:
    """Subject conjuncts of a verb (inherited through xcomp, conj, relcl, acl) and whether it is passive."""
    seen = 0
    while seen < 8:
        seen += 1
        for c in v.children:
            if c.dep_ in SUBJ or c.dep_ == "expl":
                if c.dep_ == "expl":
                    continue
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
            # object control: "urged Iran to withdraw" -> Iran
            for c in head.children:
                if c.dep_ == "dobj" and c.i < v.i:
                    return _conjuncts(c), False
            v = head
        elif dep == "conj" and v.head.pos_ in ("VERB", "AUX"):
            v = v.head
        elif dep == "relcl":
            return _conjuncts(v.head), False
        elif dep == "acl":
            if v.tag_ == "VBN":
                return [], True
            return _conjuncts(v.head), False
        elif dep in ("advcl", "pcomp") and v.tag_ == "VBG":
            v = v.head.head if dep == "pcomp" else v.head
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


def _prep_objects(v: Token, preps: Iterable[str]) -> list[Token]:
    preps = tuple(preps)
    for c in v.children:
        if c.dep_ in ("prep", "dative") and c.lower_ in preps:
            for p in c.children:
                if p.dep_ == "pobj":
                    return _conjuncts(p)
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


def _noun_participants(tok: Token, entry: Entry) -> tuple[list[Token], list[Token]]:
    src: list[Token] = []
    tgts: list[Token] = []
    preps = entry.preps or DEFAULT_NOUN_PREPS
    for c in tok.children:
        dep = c.dep_
        if dep == "poss" and c.lower_ not in PRONOUNS:
            src = [c]
        elif dep in ("amod", "compound") and c.i < tok.i and c.ent_type_ in ("NORP", "GPE", "ORG"):
            src = src or [c]
        elif dep == "prep":
            pw = c.lower_
            pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
            if pobj is None:
                continue
            if pw == "by":
                src = _conjuncts(pobj)
            elif pw == "between":
                conj = _conjuncts(pobj)
                src = conj
            elif pw == "from" and entry.swap:
                src = _conjuncts(pobj)
            elif pw in preps and not tgts:
                if pw == "of" and src == [] and entry.sense is not None and entry.sense.type in ("PROTEST",):
                    src = _conjuncts(pobj)
                else:
                    tgts = _conjuncts(pobj)
    return src, tgts


def _resolve_pronoun(toks: list[Token], clause: Token) -> list[Token]:
    """A pronoun participant ("Russia said it would ...") stands for the nearest governing subject."""
    if len(toks) != 1 or toks[0].lower_ not in PRONOUNS:
        return toks
    v = clause
    for _ in range(6):
        if v.head is v:
            break
        v = v.head
        for c in v.children:
            if c.dep_ in SUBJ and c.lower_ not in PRONOUNS and c.pos_ in ("PROPN", "NOUN"):
                return _conjuncts(c)
    return toks


def _phrase(t: Token) -> Span:
    """The noun phrase headed by t, without clauses, appositions and most prepositional phrases."""
    lo = hi = t.i
    stack = [t]
    while stack:
        x = stack.pop()
        for c in x.children:
            if c.dep_ in CUT_DEPS and not (c.dep_ == "prep" and c.lower_ == "of" and x.i == t.i):
                continue
            lo = min(lo, c.i)
            hi = max(hi, c.i)
            stack.append(c)
    doc = t.doc
    while hi > lo and doc[hi].is_punct:
        hi -= 1
    while lo < hi and doc[lo].is_punct:
        lo += 1
    return doc[lo : hi + 1]


def _intent_cameo(etype: str) -> str:
    return {"CONSULT": "036", "SUPPORT": "032", "COOPERATE": "031", "AID": "033"}.get(etype, "030")


def _compose_sense(kind: str, own: Sense | None, inner: Sense) -> Sense:
    """The event a governing verb of ``kind`` makes of the event in its clause."""
    e = inner.type
    entry = own.entry if own is not None else inner.entry
    conf = max(inner.conf, own.conf if own is not None else 0.0)
    if kind in ("promise", "agree", "propose", "future"):
        if e in ("CONSULT", "SUPPORT", "COOPERATE", "AID", "AGREE"):
            return Sense("AGREE", _intent_cameo(e), None, conf, entry)
        if e in ("RETREAT", "CONCEDE"):
            return Sense("CONCEDE" if kind != "future" else e, "035" if e == "CONCEDE" else inner.cameo, inner.mode,
                         conf, inner.entry)  # fmt: skip
        if kind == "promise" and e in MATERIAL_CONFLICT:
            return Sense("THREATEN", THREAT_CAMEO.get(e, "130"), THREAT_MODE.get(e), conf, entry)
        return inner
    if kind == "refuse":
        return Sense("REJECT", REJECT_CAMEO.get(e, "120"), ASK_MODE.get(e, "change"), conf, entry)
    if kind == "threaten":
        if e in ("THREATEN", "REQUEST", "ACCUSE", "REJECT"):
            return inner
        return Sense("THREATEN", THREAT_CAMEO.get(e, "130"), THREAT_MODE.get(e), conf, entry)
    if kind == "request":
        if e in ("REQUEST", "ACCUSE", "PROTEST"):
            return inner
        return Sense("REQUEST", REQUEST_CAMEO.get(e, "100"), ASK_MODE.get(e, "change"), conf, entry)
    if kind == "stop":
        if e in ("ASSAULT", "MOBILIZE", "COERCE", "PROTEST", "SANCTION"):
            return Sense("RETREAT", "087", "ceasefire" if e == "ASSAULT" else None, conf, entry)
        if e in COOPERATIVE:
            return Sense("SANCTION", "162" if e == "AID" else "160", "discontinue", conf, entry)
        return inner
    return inner


__all__ = ["EventCoder", "Frame", "DEFAULT_CAMEO"]
