"""The trigger lexicon: YAML files -> dict indexes the coder looks words up in.

A lexicon file (``knowledge/data/events/*.yaml`` plus user overlays) has a
``version`` and up to five sections:

- ``object_classes``: class name -> list of noun lemmas (``troops: [troop, soldier, ...]``).
- ``verbs``: key ``lemma`` or ``lemma particle`` (``call off``, ``appeal to``) -> entry.
- ``nouns``: noun lemma (``invasion``, ``talks``) -> entry.
- ``adjectives``: predicate adjectives that govern a clause (``willing to``) -> entry.
- ``controls``: verbs that only pass their clause's event on (``decide``, ``plan``) -> control kind.

An entry has ``type`` (PLOVER), ``cameo``, optional ``mode``, ``conf`` (0..1 prior), ``obj`` (object class ->
{type, cameo, mode}: the object decides the sense), ``needs_obj`` (fire only through ``obj`` or a trigger-noun
object), ``light`` (the trigger-noun object gives the type: "launch an attack"), ``control`` (how the verb treats
an embedded clause), ``preps`` (prepositions that introduce the recipient), ``swap`` (the subject is the
recipient and ``from`` gives the actor: "receive aid from"), ``animate`` (an object, if any, must be an actor:
"fight the rebels", not "fight the epidemic"), and ``ex``: one sentence of our own that the entry
must code (tests run every example). Later files override earlier entries with the same key; object class
lists merge. Two more sections complete the event knowledge: ``words``, the English word classes
(``knowledge/data/en/*.yaml``, see ``words.py``), and ``policy``, the re-typing policy
(``knowledge/data/events/policy.yaml``, see ``policy.py``); a user overlay may carry either. Every problem
is reported with its file and line, all at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.events.ontology import CAMEO, DEFAULT_CAMEO, MODES, Sense
from eventwire.events.policy import Policy, PolicyReader
from eventwire.events.words import Words, build_words, read_words, shipped_word_files
from eventwire.knowledge.loader import Problems, check_version, load_yaml_with_lines, shipped_files
from eventwire.schema import EVENT_TYPES

CONTROL_KINDS = (
    "promise", "agree", "refuse", "threaten", "request", "propose", "neutral", "future", "stop", "order", "deny", "oppose",
)  # fmt: skip
SECTIONS = ("version", "object_classes", "verbs", "nouns", "adjectives", "controls", "words", "policy")
ENTRY_KEYS = {"type", "cameo", "mode", "conf", "obj", "needs_obj", "light", "control", "preps", "swap", "animate", "ex"}
SENSE_KEYS = {"type", "cameo", "mode", "conf"}


@dataclass
class Entry:
    """One trigger word (or verb + particle) and how it behaves in the parse."""

    key: str
    section: str
    sense: Sense | None
    obj: dict[str, Sense] = field(default_factory=dict)
    needs_obj: bool = False
    light: bool = False
    control: str | None = None
    preps: tuple[str, ...] = ()
    swap: bool = False
    animate: bool = False
    example: str = ""
    origin: str = ""
    line: int = 0


@dataclass
class Lexicon:
    """Indexed lexicon: every lookup is a dict access."""

    verbs: dict[str, Entry]
    nouns: dict[str, Entry]
    adjectives: dict[str, Entry]
    controls: dict[str, str]
    object_class: dict[str, tuple[str, ...]]  # noun lemma -> the classes it belongs to
    versions: dict[str, Any]
    words: Words | None = None  # English word classes (always set by load_lexicon)
    policy: Policy = field(default_factory=Policy)

    def entries(self) -> Iterable[Entry]:
        """Every trigger entry (for tests and docs)."""
        yield from self.verbs.values()
        yield from self.nouns.values()
        yield from self.adjectives.values()


def default_files() -> list[Path]:
    """The event knowledge files the package ships: English word classes, then triggers and policy."""
    return [*shipped_word_files(), *shipped_files("events")]


def load_lexicon(extra_files: Iterable[Path] = ()) -> Lexicon:
    """Load the shipped lexicon and user overlays; raise KnowledgeError with every problem."""
    problems = Problems()
    lex = Lexicon({}, {}, {}, {}, {}, {})
    classes: dict[str, set[str]] = {}
    word_lists: dict[str, list[str]] = {}
    policy = PolicyReader(problems=problems)
    for path in [*default_files(), *[Path(p) for p in extra_files]]:
        data, line_of = load_yaml_with_lines(path)
        if not check_version(data, path, line_of, problems):
            continue
        lex.versions[str(path)] = data["version"]
        read_words(data, path, line_of, problems, word_lists)
        policy.read(data, path, line_of)
        for key in data:
            if key not in SECTIONS:
                problems.add(path, line_of((key,)), f"unknown section {key!r} (expected one of {', '.join(SECTIONS)})")
        for name, words in _mapping(data, "object_classes", path, line_of, problems).items():
            if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
                problems.add(path, line_of(("object_classes", name)), f"object class {name!r} must be a list of words")
                continue
            classes.setdefault(str(name), set()).update(w.lower() for w in words)
        for section, target in (("verbs", lex.verbs), ("nouns", lex.nouns), ("adjectives", lex.adjectives)):
            for key, raw in _mapping(data, section, path, line_of, problems).items():
                entry = _entry(section, str(key), raw, path, line_of, problems)
                if entry is not None:
                    target[entry.key] = entry
        for key, kind in _mapping(data, "controls", path, line_of, problems).items():
            if kind not in CONTROL_KINDS:
                problems.add(path, line_of(("controls", key)), f"control {key!r}: kind must be one of {CONTROL_KINDS}")
                continue
            lex.controls[str(key).lower()] = kind
    for name, words in classes.items():
        for w in words:
            lex.object_class[w] = (*lex.object_class.get(w, ()), name)
    # object classes named by entries must exist ("actor" and "*" are built in: actor-like object, any object)
    for entry in lex.entries():
        for cls in entry.obj:
            if cls not in classes and cls not in ("actor", "*"):
                problems.add(entry.origin, entry.line, f"{entry.section}.{entry.key}: unknown object class {cls!r}")
    lex.words = build_words(word_lists, problems)
    lex.policy = policy.finish(CONTROL_KINDS)
    for role, names in lex.policy.object_roles.items():
        for cls in sorted(names - set(classes) - {"actor", "*"}):
            problems.add("knowledge/data/events/policy.yaml", 1, f"policy: object_roles.{role}: unknown class {cls!r}")
    problems.raise_if_any()
    return lex


def _mapping(data: dict, section: str, path: Path, line_of, problems: Problems) -> dict:
    value = data.get(section) or {}
    if not isinstance(value, dict):
        problems.add(path, line_of((section,)), f"section {section!r} must be a mapping")
        return {}
    return value


def _sense(raw: Any, entry_id: str, where: tuple, path: Path, line_of, problems: Problems) -> Sense | None:
    line = line_of(where)
    if not isinstance(raw, dict):
        problems.add(path, line, f"{entry_id}: a sense must be a mapping with 'type'")
        return None
    for k in raw:
        if k not in SENSE_KEYS and k not in ENTRY_KEYS:
            problems.add(path, line_of((*where, k)), f"{entry_id}: unknown field {k!r}")
    etype = raw.get("type")
    if etype not in EVENT_TYPES:
        problems.add(path, line, f"{entry_id}: type {etype!r} is not a PLOVER type")
        return None
    cameo = str(raw.get("cameo") or DEFAULT_CAMEO[etype])
    if cameo not in CAMEO:
        problems.add(path, line_of((*where, "cameo")), f"{entry_id}: unknown CAMEO code {cameo!r}")
    mode = raw.get("mode")
    if mode is not None and mode not in MODES[etype]:
        problems.add(path, line_of((*where, "mode")), f"{entry_id}: mode {mode!r} is not a mode of {etype}")
    conf = raw.get("conf", 0.8)
    if isinstance(conf, bool) or not isinstance(conf, int | float) or not 0 <= conf <= 1:
        problems.add(path, line_of((*where, "conf")), f"{entry_id}: conf must be a number in [0, 1]")
        conf = 0.8
    return Sense(etype, cameo, mode, float(conf), entry_id)


def _entry(section: str, key: str, raw: Any, path: Path, line_of, problems: Problems) -> Entry | None:
    where = (section, key)
    entry_id = f"{section}.{key}"
    line = line_of(where)
    if not isinstance(raw, dict):
        problems.add(path, line, f"{entry_id}: an entry must be a mapping")
        return None
    for k in raw:
        if k not in ENTRY_KEYS:
            problems.add(path, line_of((*where, k)), f"{entry_id}: unknown field {k!r}")
    sense = _sense(raw, entry_id, where, path, line_of, problems) if "type" in raw else None
    obj: dict[str, Sense] = {}
    for cls, sraw in (raw.get("obj") or {}).items():
        s = _sense(sraw, f"{entry_id}.obj.{cls}", (*where, "obj", cls), path, line_of, problems)
        if s is not None:
            obj[str(cls)] = s
    control = raw.get("control")
    if control is not None and control not in CONTROL_KINDS:
        problems.add(path, line_of((*where, "control")), f"{entry_id}: control must be one of {CONTROL_KINDS}")
    if sense is None and not obj and not raw.get("light") and control is None:
        problems.add(path, line, f"{entry_id}: needs a 'type', an 'obj' map, 'light' or 'control'")
    # YAML 1.1 reads a bare `on` / `off` as a boolean; in a list of prepositions it can only mean the word
    preps = raw.get("preps") or []
    if isinstance(preps, list):
        preps = [{True: "on", False: "off"}.get(p, p) if isinstance(p, bool) else p for p in preps]
    if not isinstance(preps, list) or not all(isinstance(p, str) for p in preps):
        problems.add(path, line_of((*where, "preps")), f"{entry_id}: preps must be a list of words")
        preps = []
    example = raw.get("ex")
    if not isinstance(example, str) or not example.strip():
        problems.add(path, line, f"{entry_id}: needs 'ex', an example sentence the entry codes")
        example = ""
    for flag in ("needs_obj", "light", "swap", "animate"):
        if flag in raw and not isinstance(raw[flag], bool):
            problems.add(path, line_of((*where, flag)), f"{entry_id}: {flag} must be true or false")
    return Entry(
        key=key.lower(),
        section=section,
        sense=sense,
        obj=obj,
        needs_obj=bool(raw.get("needs_obj")),
        light=bool(raw.get("light")),
        control=control,
        preps=tuple(p.lower() for p in preps),
        swap=bool(raw.get("swap")),
        animate=bool(raw.get("animate")),
        example=example,
        origin=str(path),
        line=line,
    )
