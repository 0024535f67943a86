"""What the actor resolver indexes from the knowledge at load: its strings as token sequences, its role
phrases, the regions inside states, the one-letter-deletion typo index, the people by office, the names as
handles spell them.

All of it follows from the knowledge, the tokenizer that splits the articles and pycountry's and GeoNames'
region lists alone, so :meth:`KnowledgeIndex.build` makes it once per load and
:mod:`eventwire.actors.kbcache` can keep it between loads; the per-article tables that read the gazetteer
(GeoNames towns) or the ingest stage's words are the resolver's own.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokenizer import Tokenizer

from eventwire.actors.coref import handle_key
from eventwire.actors.geo import load_regions, state_named_regions
from eventwire.actors.knowledge import ActorKnowledge, Entry, Form
from eventwire.actors.patterns import PatternSplitter

SurfaceIndex = dict[str, list[tuple[int, dict[tuple[str, ...], str]]]]
RoleIndex = dict[str, list[tuple[tuple[str, ...], str]]]


@dataclass
class KnowledgeIndex:
    """The resolver's look-up tables of one knowledge and one tokenizer."""

    forms: dict[str, list[Form]]  # knowledge strings and region names ("Florida") -> what they may stand for
    state_named_regions: dict[str, frozenset[str]]  # "Georgia" -> the states with a region so named
    surface: SurfaceIndex  # first token -> [(length, {tokens: surface})], longest first
    roles: RoleIndex  # first token (lower case) -> [(tokens, role phrase)], longest first
    people_by_role: dict[tuple[str, str], list[Entry]]  # (country, last word of a role) -> people who held it
    typos: dict[str, set[str]]  # a single-word name and each of its one-letter deletions -> the names
    first_names: dict[str, frozenset[str]]  # person entry -> the first words of its full names
    handle_names: dict[str, str | None]  # a full name as a handle spells it -> the entry (None: two people)

    @classmethod
    def build(cls, kb: ActorKnowledge, tokenizer: Tokenizer) -> KnowledgeIndex:
        """Index ``kb`` with its strings split as ``tokenizer`` splits them (the splitter's token cache is
        read and written here)."""
        # regions inside states ("Florida", "New South Wales"): anchors too, after the knowledge's own strings
        forms = {**load_regions(kb), **kb.forms}
        split = PatternSplitter(tokenizer)
        split.load_cache()
        surface = _surface_index(forms, kb, split)
        roles = _role_index(kb, split)
        split.save_cache()
        first_names, handle_names = _name_indexes(kb)
        return cls(
            forms=forms,
            state_named_regions=state_named_regions(kb),
            surface=surface,
            roles=roles,
            people_by_role=_people_by_role(kb),
            typos=_typo_index(kb),
            first_names=first_names,
            handle_names=handle_names,
        )


def norm(text: str) -> str:
    """Curly single quotes as straight ones (the length stays: words may be slices of the normed text)."""
    return text.replace("\u2019", "'").replace("\u2018", "'")


def _surface_index(forms: dict[str, list[Form]], kb: ActorKnowledge, split: PatternSplitter) -> SurfaceIndex:
    """Surface forms indexed by their first token (case as written): first token -> [(length, {tokens:
    surface})], longest first, so a match is one slice and one look-up per length. An acronym of four or more
    letters also matches in title case ("FARC" / "Farc", "OPEC" / "Opec")."""
    variants = [(surface, surface) for surface in forms]
    variants += [
        (surface.title(), surface)
        for surface in kb.forms
        if surface.isalpha() and surface.isupper() and len(surface) >= 4 and surface.title() not in kb.forms
    ]
    by_first: dict[str, dict[int, dict[tuple[str, ...], str]]] = {}
    for text, surface in variants:
        toks = tuple(norm(t) for t in split(text))
        if toks:
            by_first.setdefault(toks[0], {}).setdefault(len(toks), {}).setdefault(toks, surface)
    return {first: sorted(by_len.items(), reverse=True) for first, by_len in by_first.items()}


def _role_index(kb: ActorKnowledge, split: PatternSplitter) -> RoleIndex:
    """Role phrases in lower case, indexed by their first token, the longest first."""
    roles: RoleIndex = {}
    for phrase in kb.roles:
        variants = {tuple(norm(t).lower() for t in split(phrase))}
        if phrase.endswith(".") and " " not in phrase:
            # an abbreviation ("sen.", "sens.") is one token or two ("Sens" ".") as the model's rules have it
            variants |= {(phrase.lower(),), (phrase.lower()[:-1], ".")}
        for toks in variants:
            if toks:
                roles.setdefault(toks[0], []).append((toks, phrase))
    for cands in roles.values():
        cands.sort(key=lambda c: -len(c[0]))
    return roles


def _people_by_role(kb: ActorKnowledge) -> dict[tuple[str, str], list[Entry]]:
    """Known people by (country, last word of a role they held), for "the Russian president"."""
    out: dict[tuple[str, str], list[Entry]] = {}
    for entry in kb.entries.values():
        if entry.kind != "person":
            continue
        for role in entry.roles:
            country = role.country or entry.country
            if role.role and country:
                key = (country, role.role.lower().split()[-1])
                if entry not in out.setdefault(key, []):
                    out[key].append(entry)
    return out


def _typo_index(kb: ActorKnowledge) -> dict[str, set[str]]:
    """Single-word names of five letters or more, indexed by themselves and every one-letter deletion (the
    typo look-up)."""
    typos: dict[str, set[str]] = {}
    for surface, forms in kb.forms.items():
        if (
            " " in surface
            or len(surface) < 5
            or not any(f.form in ("name", "adjective", "demonym", "person") for f in forms)
        ):
            continue
        for key in (surface, *(surface[:k] + surface[k + 1 :] for k in range(len(surface)))):
            typos.setdefault(key, set()).add(surface)
    return typos


def _name_indexes(kb: ActorKnowledge) -> tuple[dict[str, frozenset[str]], dict[str, str | None]]:
    """The first words of every known full name, by entry (to accept "Omar El Bashir" for "Omar al-Bashir"),
    and known full names as a social-media handle spells them ("hillaryclinton" -> the entry; None: two
    people)."""
    first_names: dict[str, frozenset[str]] = {}
    handle_names: dict[str, str | None] = {}
    for surface, forms in kb.forms.items():
        for f in forms:
            if f.form == "person" and " " in surface:
                first_names[f.entry] = first_names.get(f.entry, frozenset()) | {surface.split()[0]}
                key = handle_key(surface)
                if len(key) >= 6:
                    handle_names[key] = f.entry if handle_names.get(key, f.entry) == f.entry else None
    return first_names, handle_names
