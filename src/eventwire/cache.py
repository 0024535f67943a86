"""Where eventwire keeps files it can always rebuild (the gazetteer's GeoNames part, parsed knowledge files,
the actors' tokenised knowledge strings, the validated actor knowledge with the resolver's index of it), and how
it writes them.

Each user names a file by a hash of everything its content depends on (:func:`cache_key`: the building
module's source, this Python, and what the user adds), so a stale file is never read; this module says how
that hash is made, where the files live, and writes them whole or not at all. A cache is best effort: a folder
that cannot be written, or a file that cannot be read, only means building again.
"""

from __future__ import annotations

import functools
import hashlib
import marshal
import os
import sys
import tempfile
import time
from pathlib import Path

CACHE_ENV = "EVENTWIRE_CACHE_DIR"
STALE_CACHE_SECONDS = 7 * 86400  # cache files of other versions or texts go once unused this long


@functools.cache
def _module_digest(module_file: str) -> bytes:
    """A module's source with this Python's version and marshal format: a new release, an edited module or
    another interpreter never reads the files an old one wrote. Read once per process (the knowledge loader
    asks for every file it parses)."""
    digest = hashlib.sha256(Path(module_file).read_bytes())
    digest.update(f"{sys.version_info[:2]} {marshal.version}".encode())
    return digest.digest()


def cache_key(module_file: str, *parts: str | bytes) -> str:
    """The hex digest that names a cache file built by the module at ``module_file`` from ``parts`` (the
    versions of the libraries it read, the text it parsed, ...). Raises OSError if the module cannot be read."""
    digest = hashlib.sha256(_module_digest(module_file))
    for part in parts:
        digest.update(b"\0" + (part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass")))
    return digest.hexdigest()


def cache_dir() -> Path | None:
    """Where eventwire keeps cache files: ``$EVENTWIRE_CACHE_DIR`` (empty: no cache), else
    ``$XDG_CACHE_HOME/eventwire`` or ``~/.cache/eventwire``."""
    folder = os.environ.get(CACHE_ENV)
    if folder == "":
        return None
    if folder is None:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        folder = os.path.join(base, "eventwire")
    return Path(folder)


def write_cache(path: Path, payload: bytes, stale: str) -> None:
    """Write ``payload`` to ``path`` whole or not at all, then remove files matching ``stale`` (a glob in the
    same folder) unused for a week. Best effort: a folder that cannot be written only means no cache."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        os.replace(tmp, path)  # two processes writing at once each write their own file
        tmp = None
        for old in path.parent.glob(stale):
            if old != path and time.time() - old.stat().st_mtime > STALE_CACHE_SECONDS:
                old.unlink(missing_ok=True)
    except OSError:
        pass
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
