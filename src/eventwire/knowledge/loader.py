"""Shared helpers for knowledge files: YAML with line numbers, and problem lists.

Every stage keeps its lexicons as YAML under ``knowledge/data/<stage>/``. A
mistake in such a file (or in a user's overlay) must point at the line, so the
loader keeps, for every value, the line it came from: ``line_of(path)`` takes
the key path (``("entries", 3, "names")``) and answers the 1-based line of the
nearest node it knows. :class:`Problems` collects ``file:line: what is wrong``
messages so a validator reports everything at once.
"""

from __future__ import annotations

import marshal
import re
from collections.abc import Callable, Hashable, Iterable
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from eventwire.cache import cache_dir, cache_key, write_cache
from eventwire.errors import KnowledgeError

KeyPath = tuple[Hashable, ...]
LineOf = Callable[[KeyPath], int]


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """SafeLoader that keeps duplicate keys visible to the caller."""


def _first_alias(root: yaml.Node) -> yaml.Node | None:
    """The first node reached twice (an ``*alias``, or a node holding itself), in one linear walk.

    Knowledge files have no use for aliases, and a few bytes of nested aliases
    (a "billion laughs") expand to gigabytes when walked as a tree.
    """
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            continue
        if id(node) in seen:
            return node
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack.extend(child for pair in node.value for child in pair)
        else:
            stack.extend(node.value)
    return None


_STR_TAG = "tag:yaml.org,2002:str"


def _build(node: yaml.Node, path: KeyPath, lines: dict[KeyPath, int], loader: _Loader, dups: list[str]) -> Any:
    lines[path] = node.start_mark.line + 1
    cls = type(node)
    if cls is yaml.ScalarNode and node.tag == _STR_TAG:
        return node.value  # what the constructor gives a plain string, without its bookkeeping (most values)
    if cls is yaml.MappingNode:
        loader.flatten_mapping(node)
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if type(key_node) is yaml.ScalarNode and key_node.tag == _STR_TAG:
                key = key_node.value
            else:
                key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, Hashable):
                dups.append(f"{key_node.start_mark.line + 1}: a mapping key must be a plain value")
                continue
            if key in out:
                dups.append(f"{key_node.start_mark.line + 1}: duplicate key {key!r}")
            out[key] = _build(value_node, (*path, key), lines, loader, dups)
        return out
    if cls is yaml.SequenceNode:
        return [_build(child, (*path, i), lines, loader, dups) for i, child in enumerate(node.value)]
    try:
        return loader.construct_object(node, deep=True)
    except ValueError:
        # an impossible implicit date (2020-13-01) stays text, so the validator can say what is wrong
        return node.value


def load_yaml_with_lines(path: Path | str, text: str | None = None) -> tuple[Any, LineOf]:
    """Parse one YAML document; return ``(data, line_of)``.

    ``line_of(key_path)`` gives the line of the value at that path, or of its
    closest known ancestor (line 1 for an empty file). A syntax error, or a
    duplicate key, raises :class:`KnowledgeError` naming ``file:line``.
    """
    path = Path(path)
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise KnowledgeError([f"{path}:1: cannot read the file: {err}"]) from err
    cache = _yaml_cache_path(text)
    got = _read_yaml_cache(cache)
    if got is not None:
        data, lines = got
    else:
        data, lines = _parse(path, text)
        _write_yaml_cache(cache, data, lines)

    def line_of(key_path: KeyPath) -> int:
        key_path = tuple(key_path)
        while key_path not in lines and key_path:
            key_path = key_path[:-1]
        return lines.get(key_path, 1)

    return data, line_of


def _parse(path: Path, text: str) -> tuple[Any, dict[KeyPath, int]]:
    loader = _Loader(text)
    lines: dict[KeyPath, int] = {}
    dups: list[str] = []
    try:
        node = loader.get_single_node()
        alias = None if node is None else _first_alias(node)
        if alias is not None:
            raise KnowledgeError(
                [
                    f"{path}:{alias.start_mark.line + 1}: a node anchored here is used again through an alias (*name): knowledge files take no YAML aliases"
                ]
            )
        data = None if node is None else _build(node, (), lines, loader, dups)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(err, "problem", None) or str(err)
        raise KnowledgeError([f"{path}:{line}: not valid YAML: {problem}"]) from err
    finally:
        loader.dispose()
    if dups:
        raise KnowledgeError([f"{path}:{d}" for d in dups])
    return data, lines


# -- a cache of parsed files ------------------------------------------------------------------------------------
# Parsing the shipped knowledge files with their lines takes ~0.1 s of CPU at every load; a file whose parse
# succeeded is kept, as plain lists, dicts and scalars (``marshal``), under a hash of its text and of this
# module's source, yaml's version and the Python version: any change to either parses it again. Dates (YAML
# reads ``2014-05-07`` as one) are kept apart by their key path. A file that fails is never cached, so its
# problems are reported every time.


def _yaml_cache_path(text: str) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    return folder / "knowledge" / f"{cache_key(__file__, yaml.__version__, text)[:32]}.marshal"


class _Uncacheable(Exception):
    pass


def _plain(value: Any, path: KeyPath, dates: list) -> Any:
    """``value`` with its dates replaced by None (their key paths and ISO text in ``dates``); raises
    ``_Uncacheable`` for anything else ``marshal`` cannot write."""
    cls = type(value)
    if cls is dict:
        out = {}
        for k, v in value.items():
            if type(k) not in (str, int, float, bool, type(None)):
                raise _Uncacheable
            out[k] = _plain(v, (*path, k), dates)
        return out
    if cls is list:
        return [_plain(v, (*path, i), dates) for i, v in enumerate(value)]
    if cls in (str, int, float, bool, bytes, type(None)):
        return value
    if (cls is date or cls is datetime) and path:
        dates.append((path, cls is datetime, value.isoformat()))
        return None
    raise _Uncacheable


def _read_yaml_cache(cache: Path | None) -> tuple[Any, dict[KeyPath, int]] | None:
    if cache is None:
        return None
    try:
        data, lines, dates = marshal.loads(cache.read_bytes())
        for key_path, is_datetime, iso in dates:
            node = data
            for k in key_path[:-1]:
                node = node[k]
            node[key_path[-1]] = (datetime if is_datetime else date).fromisoformat(iso)
    except (OSError, EOFError, ValueError, TypeError, KeyError, IndexError):
        return None
    if not isinstance(lines, dict):
        return None
    return data, lines


def _write_yaml_cache(cache: Path | None, data: Any, lines: dict[KeyPath, int]) -> None:
    if cache is None:
        return
    dates: list = []
    try:
        payload = marshal.dumps((_plain(data, (), dates), lines, dates))
    except (_Uncacheable, ValueError):
        return
    write_cache(cache, payload, "*.marshal")


class Problems:
    """Collects ``file:line: what is wrong`` messages; ``raise_if_any`` raises them together."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, path: Path | str, line: int, message: str) -> None:
        self.items.append(f"{path}:{line}: {message}")

    def extend(self, problems: Iterable[str]) -> None:
        self.items.extend(problems)

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        """Raise every problem together, ordered by file and line."""
        if self.items:
            raise KnowledgeError(sorted(self.items, key=_problem_order))


def _problem_order(problem: str) -> tuple[str, int]:
    m = re.match(r"^(.*?):(\d+): ", problem)
    return (m.group(1), int(m.group(2))) if m else (problem, 0)


def check_version(data: Any, path: Path | str, line_of: LineOf, problems: Problems) -> bool:
    """A knowledge file is a mapping with a ``version`` key (a positive int or a string)."""
    if not isinstance(data, dict):
        problems.add(path, line_of(()), "the file must be a mapping with a 'version' key")
        return False
    version = data.get("version")
    if version is None:
        problems.add(path, line_of(()), "missing 'version' key")
        return False
    if isinstance(version, bool) or not isinstance(version, int | str) or version == "":
        problems.add(path, line_of(("version",)), f"'version' must be a number or a string, not {version!r}")
        return False
    return True


def shipped_files(stage: str, pattern: str = "*.yaml") -> list[Path]:
    """The knowledge files the package ships for ``stage``, in name order."""
    root = resources.files("eventwire.knowledge") / "data" / stage
    return sorted(Path(str(p)) for p in root.iterdir() if Path(str(p)).match(pattern))
