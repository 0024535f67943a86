"""Inputs on disk: paths walked in a stable order, files read with a size cap before decoding.

What is there but cannot be read as a file (a folder that cannot be listed, a
FIFO, a socket, a dangling link) becomes a skip record naming it, never a hang
or a silent loss.
"""

from __future__ import annotations

import glob
import io
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import BinaryIO

from eventwire import errors
from eventwire.errors import InputError
from eventwire.ingest.records import Skipped, _skip
from eventwire.settings import Settings

DEFAULT_MAX_CHARS: int = next(f.default for f in fields(Settings) if f.name == "max_chars")


@dataclass(frozen=True)
class Limits:
    """Bytes read from one input before decoding: more is `oversized`, and is never read whole.

    UTF-8 takes at most 4 bytes a character and JSON's escapes 6, so a text of
    ``max_chars`` always fits; an HTML page carries markup, so it gets more room.
    """

    max_chars: int = DEFAULT_MAX_CHARS

    @property
    def text_bytes(self) -> int:
        return 4 * self.max_chars + 16

    @property
    def line_bytes(self) -> int:
        return 6 * self.max_chars + 65_536

    @property
    def html_bytes(self) -> int:
        return max(40 * self.max_chars, 4_000_000)


def expand_paths(paths: Iterable[str]) -> Iterator[Path | str | Skipped]:
    """Files to read: folders recursively (sorted, hidden ones left out), globs expanded, '-' kept.

    What is there but cannot be read as a file (a folder that cannot be listed,
    a FIFO, a dangling link) comes out as a ``Skipped`` naming it.
    """
    for path in paths:
        if path == "-":
            yield path
            continue
        p = Path(path)
        if p.is_dir():
            yield from _walk(p)
        elif p.is_file():
            yield p
        elif os.path.lexists(path):
            yield _not_a_file(p)
        elif _is_glob(path):
            matches = sorted(glob.glob(path, recursive=True))
            if not matches:
                raise InputError(f"{path}: no file matches this pattern")
            for m in matches:
                yield from expand_paths([m])
        else:
            raise InputError(f"{path}: no such file or directory")


def check_paths(paths: Iterable[str]) -> None:
    """Fail early, before any work, if an input path does not exist or a pattern matches nothing."""
    for path in paths:
        if path == "-" or os.path.lexists(path):
            continue
        if not _is_glob(path):
            raise InputError(f"{path}: no such file or directory")
        if not glob.glob(path, recursive=True):
            raise InputError(f"{path}: no file matches this pattern")


def _walk(root: Path) -> Iterator[Path | Skipped]:
    """Every entry under ``root`` in path order; links to folders are not followed (no loops)."""
    found: list[Path | Skipped] = []
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError as err:
            found.append(_skip(f"{errors.SKIP_UNREADABLE}: cannot list the folder: {err.strerror}", origin=str(folder)))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            if entry.is_dir(follow_symlinks=False):
                stack.append(path)
            elif entry.is_file():
                found.append(path)
            else:
                found.append(_not_a_file(path))
    yield from sorted(found, key=lambda f: str(f.article.origin if isinstance(f, Skipped) else f))


def _not_a_file(path: Path) -> Skipped:
    if path.is_symlink() and not path.exists():
        what = f"a dangling link to {os.readlink(path)}"
    elif path.is_dir():
        what = "a link to a folder (not followed)"
    else:
        mode = os.lstat(path).st_mode
        what = "a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "not a regular file"
    return _skip(f"{errors.SKIP_UNREADABLE}: {what}", origin=str(path))


def _is_glob(path: str) -> bool:
    return any(ch in path for ch in "*?[")


def _capped_lines(stream: BinaryIO, cap: int) -> Iterator[tuple[int, bytes | None]]:
    """Lines with their numbers; a line longer than ``cap`` bytes is None and is never held whole."""
    lineno = 0
    while raw := stream.readline(cap + 1):
        lineno += 1
        if len(raw) > cap and not raw.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield lineno, None
        else:
            yield lineno, raw


class _Chain(io.RawIOBase):
    """A stream with bytes already read put back in front (stdin cannot seek)."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head, self._rest = head, rest

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(b), len(self._head))
            b[:n], self._head = self._head[:n], self._head[n:]
            return n
        data = self._rest.read(len(b))
        b[: len(data)] = data
        return len(data)
