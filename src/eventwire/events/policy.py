"""The CAMEO/PLOVER re-typing policy as data (``knowledge/data/events/policy.yaml``).

The grammar around a trigger changes what it codes: "agreed to withdraw" is an
AGREE, "refused to meet" a REJECT, "will strike" a THREATEN. Which type becomes
which, with which CAMEO code and mode, is written in the policy file; this
module reads it, checks it (every problem with its file and line, at once) and
applies it. The parse decides *when* a rule applies (``frames.py``,
``modality.py``); the policy decides *what* it turns the event into.

A ``policy`` section has ``groups`` (name -> PLOVER types), ``object_roles``
(recipient / moved -> object classes), ``reciprocal`` (types, cameos per type,
entry ids), ``retype`` (name -> type, cameo, cameo_by, mode, mode_by),
``control`` (control kind -> ordered rules) and ``future_act`` (rules). A rule
is ``{if: [types or groups], nominal: bool, then: retype name | keep}``; the
first rule that matches wins. Later files replace same-named entries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventwire.events.ontology import CAMEO, MODES, Sense
from eventwire.knowledge.loader import LineOf, Problems
from eventwire.schema import EVENT_TYPES

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Token

    from eventwire.events.frames import Frame
    from eventwire.events.words import Words

POLICY_KEYS = (
    "groups", "object_roles", "reciprocal", "verbal_attack", "figurative", "warnings", "retype", "control", "future_act",
)  # fmt: skip
RETYPE_KEYS = {"type", "cameo", "cameo_by", "mode", "mode_by"}
RULE_KEYS = {"if", "nominal", "then"}
KEEP = "keep"


@dataclass(frozen=True)
class Retype:
    """A named re-typing: the new type, its CAMEO code (by old type, else default) and mode."""

    type: str
    cameo: str
    cameo_by: dict[str, str] = field(default_factory=dict)
    mode: str | None = None
    mode_by: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    """First-match rule: when the inner type is in ``types`` (empty: any), apply ``then``."""

    types: frozenset[str]
    then: str
    nominal: bool = False
    origin: str = ""
    line: int = 0


@dataclass
class Policy:
    """The loaded policy; every method is a lookup."""

    groups: dict[str, frozenset[str]] = field(default_factory=dict)
    object_roles: dict[str, frozenset[str]] = field(default_factory=dict)
    reciprocal_types: frozenset[str] = frozenset()
    reciprocal_cameos: dict[str, frozenset[str]] = field(default_factory=dict)
    reciprocal_entries: frozenset[str] = frozenset()
    retypes: dict[str, Retype] = field(default_factory=dict)
    control: dict[str, list[Rule]] = field(default_factory=dict)
    future_act: list[Rule] = field(default_factory=list)
    verbal_attack: frozenset[str] = frozenset()  # entry ids whose blows are words when no arms are around
    figurative: frozenset[str] = frozenset()  # entry ids that are figures of speech when no arms are around
    warnings: frozenset[str] = frozenset()  # entry ids whose "warned that <judgement>" is criticism

    def group(self, name: str) -> frozenset[str]:
        """The PLOVER types of a named group (empty when the policy has no such group)."""
        return self.groups.get(name, frozenset())

    def retype(self, name: str, inner: Sense, own: Sense | None = None) -> Sense:
        """``inner`` re-typed by the named rule; conf is the higher of the two senses, the entry the governor's."""
        r = self.retypes[name]
        conf = max(inner.conf, own.conf if own is not None else 0.0)
        entry = own.entry if own is not None else inner.entry
        return Sense(r.type, r.cameo_by.get(inner.type, r.cameo), r.mode_by.get(inner.type, r.mode), conf, entry)

    def sense(self, name: str, conf: float, entry: str) -> Sense:
        """A sense made by a rule rather than a trigger word ("X said Y must ..."): the named retype's own code."""
        r = self.retypes[name]
        return Sense(r.type, r.cameo, r.mode, conf, entry)

    def apply(self, rules: list[Rule], inner: Sense, own: Sense | None = None, *, nominal: bool = False) -> Sense:
        """The first matching rule's re-typing of ``inner`` (``inner`` itself when none matches or it keeps)."""
        for rule in rules:
            if rule.types and inner.type not in rule.types:
                continue
            if rule.nominal and not nominal:
                continue
            return inner if rule.then == KEEP else self.retype(rule.then, inner, own)
        return inner

    def compose(self, kind: str, own: Sense | None, inner: Sense, *, nominal: bool = False) -> Sense:
        """The event a governing word of control ``kind`` makes of the event in its clause."""
        return self.apply(self.control.get(kind, []), inner, own, nominal=nominal)

    def future(self, s: Sense) -> Sense:
        """A future act: cooperation becomes an intent (AGREE), a blow a threat."""
        return self.apply(self.future_act, s)

    def reciprocal(self, sense: Sense) -> bool:
        """Types where "X and Y did it" means between X and Y (meet, agree, sign, clash), not jointly to someone."""
        if sense.type in self.reciprocal_types:
            return True
        if sense.type in self.reciprocal_cameos:
            return sense.cameo in self.reciprocal_cameos[sense.type]
        return sense.entry.split(".obj.")[0] in self.reciprocal_entries

    def adjust(self, frame: Frame, words: Words, classes: Callable[[Token], tuple[str, ...]]) -> None:
        """Re-type a frame by its participants (joint deployments, peacekeepers, refugees, verbal protest)."""
        s = frame.sense
        if s.type == "MOBILIZE" and s.cameo == "150" and len(frame.source) > 1:
            frame.sense = self.retype("joint_force", s)
            for kind in frame.kinds:
                frame.sense = self.compose(kind, None, frame.sense)
        if frame.sense.type == "MOBILIZE":
            around = [*frame.anchor.subtree, *(t for s_ in frame.source for t in s_.subtree)]
            if any(t.lemma_.lower() in words.peace_words for t in around):
                frame.sense = self.retype("peacekeeping", s)
        if frame.sense.type == "CONSULT" and frame.sense.mode == "visit" and frame.anchor.pos_ == "VERB":
            # "sent a peacekeeping mission": a force that protects, not an envoy
            obj = next((c for c in frame.anchor.children if c.dep_ == "dobj"), None)
            mods = [c for c in obj.children if c.dep_ in ("amod", "compound")] if obj is not None else []
            if any(c.lemma_.lower() in words.peace_words for c in mods):
                frame.sense = self.retype("peacekeeping", frame.sense)
        if frame.sense.type == "ASSAULT" and self.is_verbal(frame, words, classes):
            frame.sense = self.retype("verbal_attack", frame.sense)
        if frame.sense.type == "THREATEN" and not frame.kinds and self.is_judgement(frame, words):
            frame.sense = self.retype("verbal_attack", frame.sense)
        if frame.sense.type == "RETREAT" and frame.sense.mode == "access":
            if any("refugees" in classes(t) for t in frame.targets):
                frame.sense = self.retype("shelter", s)
        if s.type == "PROTEST" and frame.anchor.pos_ == "VERB":
            if (
                any(c.dep_ == "ccomp" for c in frame.anchor.children)
                or frame.anchor.dep_ in ("parataxis",)
                or any(t.lemma_.lower() in words.protesting_offices for t in frame.source)
            ):
                frame.sense = self.retype("verbal_protest", s)

    def is_verbal(self, frame: Frame, words: Words, classes: Callable[[Token], tuple[str, ...]]) -> bool:
        """A blow between politicians with no arms around: "the senator attacked her rival" is criticism."""
        if frame.sense.entry.split(".obj.")[0] not in self.verbal_attack or armed(frame, words):
            return False
        if any(
            t.ent_type_ in ("GPE", "LOC", "FAC") or set(classes(t)) & self.object_roles.get("physical", frozenset())
            for t in frame.targets
        ):
            return False  # an attack on a place, on troops or on people is physical
        named = any(t.ent_type_ or t.pos_ in ("PROPN", "PRON") or personal(t, words) for t in frame.source)
        return named and any(personal(t, words) for t in [*frame.source, *frame.targets])

    def is_judgement(self, frame: Frame, words: Words) -> bool:
        """ "Warned that the deal was a mistake": the warning reports a judgement, no act to come."""
        if frame.sense.entry.split(".obj.")[0] not in self.warnings:
            return False
        clause = next((c for c in frame.anchor.children if c.dep_ == "ccomp"), None)
        if clause is None:
            return False
        aux = {c.lower_ for c in clause.children if c.dep_ == "aux"}
        return not aux & (words.future_aux | words.cond_aux | words.possible_aux)

    def is_figurative(self, frame: Frame, words: Words) -> bool:
        """A war word with no arms and no state around, between persons ("her nomination battle"), is a figure
        of speech."""
        if frame.sense.entry.split(".obj.")[0] not in self.figurative or armed(frame, words):
            return False
        sides = [*frame.source, *frame.targets]
        if any(t.ent_type_ in ("GPE", "NORP", "LOC") for t in sides):
            return False  # "Russia's war against Ukraine"
        return not sides or any(personal(t, words) for t in sides)


def personal(t: Token, words: Words) -> bool:
    """A named person, a political role, or he/she: a side in a political quarrel."""
    return t.ent_type_ == "PERSON" or t.lemma_.lower() in words.political_roles or t.lower_ in words.person_pronouns


def armed(frame: Frame, words: Words) -> bool:
    """Are arms or violence named in the frame's sentence (other than by the trigger itself)?"""
    anchor = frame.anchor.i
    return any(
        t.i != anchor and ((lemma := t.lemma_.lower()) in words.armed_words or lemma in words.weapon_words)
        for t in frame.anchor.sent
    )


# ---------------------------------------------------------------- loading
@dataclass
class PolicyReader:
    """Reads ``policy`` sections file by file into one Policy, then checks the names they refer to."""

    policy: Policy = field(default_factory=Policy)
    problems: Problems = field(default_factory=Problems)

    def read(self, data: dict, path: Path, line_of: LineOf) -> None:
        section = data.get("policy")
        if section is None:
            return
        if not isinstance(section, dict):
            self.problems.add(path, line_of(("policy",)), "section 'policy' must be a mapping")
            return
        for key in section:
            if key not in POLICY_KEYS:
                self.problems.add(path, line_of(("policy", key)), f"policy: unknown key {key!r}")
        p = self.policy
        for name, types in _mapping(section, "groups", path, line_of, self.problems).items():
            p.groups[str(name)] = self._types(types, ("policy", "groups", name), path, line_of)
        for name, classes in _mapping(section, "object_roles", path, line_of, self.problems).items():
            p.object_roles[str(name)] = self._words(classes, ("policy", "object_roles", name), path, line_of)
        recip = _mapping(section, "reciprocal", path, line_of, self.problems)
        if recip:
            where = ("policy", "reciprocal")
            p.reciprocal_types = self._types(recip.get("types", []), (*where, "types"), path, line_of)
            cameos = recip.get("cameos") or {}
            p.reciprocal_cameos = {
                str(t): self._words(codes, (*where, "cameos", t), path, line_of) for t, codes in cameos.items()
            }
            p.reciprocal_entries = self._words(recip.get("entries", []), (*where, "entries"), path, line_of)
        for key in ("verbal_attack", "figurative", "warnings"):
            if key in section:
                setattr(p, key, self._words(section[key], ("policy", key), path, line_of))
        for name, raw in _mapping(section, "retype", path, line_of, self.problems).items():
            r = self._retype(raw, ("policy", "retype", name), path, line_of)
            if r is not None:
                p.retypes[str(name)] = r
        for kind, rules in _mapping(section, "control", path, line_of, self.problems).items():
            p.control[str(kind)] = self._rules(rules, ("policy", "control", kind), path, line_of)
        if "future_act" in section:
            p.future_act = self._rules(section["future_act"], ("policy", "future_act"), path, line_of)

    def finish(self, control_kinds: tuple[str, ...]) -> Policy:
        """Check cross-references (rules name known retypes, every control kind has rules) and expand groups."""
        p = self.policy
        for kind in control_kinds:
            if kind not in p.control:
                self.problems.add("knowledge/data/events/policy.yaml", 1, f"policy: no rules for control kind {kind!r}")
        for rules in [*p.control.values(), p.future_act]:
            for i, rule in enumerate(rules):
                if rule.then != KEEP and rule.then not in p.retypes:
                    self.problems.add(rule.origin, rule.line, f"policy: unknown retype {rule.then!r}")
                expanded: set[str] = set()
                for name in rule.types:
                    if name in EVENT_TYPES:
                        expanded.add(name)
                    elif name in p.groups:
                        expanded |= p.groups[name]
                    else:
                        self.problems.add(rule.origin, rule.line, f"policy: {name!r} is neither a type nor a group")
                rules[i] = Rule(frozenset(expanded), rule.then, rule.nominal, rule.origin, rule.line)
        return p

    def _types(self, raw: Any, where: tuple, path: Path, line_of: LineOf) -> frozenset[str]:
        names = self._words(raw, where, path, line_of)
        for t in names:
            if t not in EVENT_TYPES:
                self.problems.add(path, line_of(where), f"policy: {t!r} is not a PLOVER type")
        return names

    def _words(self, raw: Any, where: tuple, path: Path, line_of: LineOf) -> frozenset[str]:
        if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
            self.problems.add(path, line_of(where), 'policy: expected a list of names (quote codes like "050")')
            return frozenset()
        return frozenset(raw)

    def _retype(self, raw: Any, where: tuple, path: Path, line_of: LineOf) -> Retype | None:
        line = line_of(where)
        if not isinstance(raw, dict) or raw.get("type") not in EVENT_TYPES:
            self.problems.add(path, line, f"policy: retype {where[-1]!r} needs a PLOVER 'type'")
            return None
        for k in raw:
            if k not in RETYPE_KEYS:
                self.problems.add(path, line_of((*where, k)), f"policy: retype {where[-1]!r}: unknown field {k!r}")
        etype = raw["type"]
        cameos = {"": raw.get("cameo"), **(raw.get("cameo_by") or {})}
        for old, code in cameos.items():
            if not isinstance(code, str) or code not in CAMEO:
                self.problems.add(path, line, f"policy: retype {where[-1]!r}: unknown CAMEO code {code!r} {old}")
        modes = {"": raw.get("mode"), **(raw.get("mode_by") or {})}
        for old, mode in modes.items():
            if mode is not None and mode not in MODES[etype]:
                self.problems.add(path, line, f"policy: retype {where[-1]!r}: {mode!r} is not a mode of {etype} {old}")
        return Retype(etype, str(raw.get("cameo")), dict(raw.get("cameo_by") or {}), raw.get("mode"),
                      dict(raw.get("mode_by") or {}))  # fmt: skip

    def _rules(self, raw: Any, where: tuple, path: Path, line_of: LineOf) -> list[Rule]:
        if not isinstance(raw, list):
            self.problems.add(path, line_of(where), "policy: rules must be a list")
            return []
        out = []
        for i, r in enumerate(raw):
            line = line_of((*where, i))
            if not isinstance(r, dict) or not isinstance(r.get("then"), str):
                self.problems.add(path, line, "policy: a rule is a mapping with 'then' (a retype name or keep)")
                continue
            for k in r:
                if k not in RULE_KEYS:
                    self.problems.add(path, line, f"policy: unknown rule field {k!r}")
            types = r.get("if") or []
            if not isinstance(types, list) or not all(isinstance(t, str) for t in types):
                self.problems.add(path, line, "policy: 'if' must be a list of types or group names")
                types = []
            out.append(Rule(frozenset(types), r["then"], bool(r.get("nominal")), str(path), line))
        return out


def _mapping(section: dict, key: str, path: Path, line_of: LineOf, problems: Problems) -> dict:
    value = section.get(key) or {}
    if not isinstance(value, dict):
        problems.add(path, line_of(("policy", key)), f"policy: {key!r} must be a mapping")
        return {}
    return value
