"""Near-duplicate articles across a run: a syndicated story counts once.

The same wire story is republished by many sites with small edits (another
headline, a credit line, a trimmed last paragraph). :class:`Deduper` keeps a
MinHash LSH index (datasketch) of word 3-gram shingles of every original
article seen so far; an article whose estimated Jaccard similarity to an
earlier original reaches ``threshold`` gets ``article.duplicate_of`` set to
that original's id (the earliest one when several match), so its events are
stored linked to the first article and exports count them once.

Only originals are indexed, so a chain of copies points at the first article,
never at another copy. The index holds the last ``window`` originals (about
3.5 kB each), so memory stays flat on archives of any size; copies of a story
come close to it in a crawl or a date-ordered archive. A copy that names no wire inherits the original's
``credit``: it is the wire's story, republished. On resume the index is seeded
from the originals already in the database, so a restarted run marks exactly
what a clean run would.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import duckdb
import numpy as np
from datasketch import MinHash, MinHashLSH

from eventwire.schema import Result

_WORD = re.compile(r"\w+", re.UNICODE)


class Deduper:
    """Marks near-duplicate articles of a stream of results (call :meth:`mark` in stream order)."""

    def __init__(
        self,
        *,
        threshold: float = 0.7,
        num_perm: int = 64,
        shingle: int = 3,
        min_words: int = 8,
        window: int = 100_000,
    ) -> None:
        self.threshold = threshold
        self.window = window
        self.num_perm = num_perm
        self.shingle = shingle
        self.min_words = min_words
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._template = MinHash(num_perm=num_perm)  # permutations are made once, then shared
        # per original: (order seen, signature, credit); uint32 signatures keep it ~300 bytes an article
        self._originals: dict[str, tuple[int, np.ndarray, str | None]] = {}
        self.marked = 0
        self._seen = 0

    def __len__(self) -> int:
        return len(self._originals)

    def signature(self, text: str) -> MinHash | None:
        """MinHash of the text's word shingles; None for texts too short to call a copy."""
        words = _WORD.findall(text.lower())
        if len(words) < self.min_words:
            return None
        k = self.shingle
        shingles = {" ".join(words[i : i + k]).encode("utf-8") for i in range(len(words) - k + 1)}
        m = MinHash(num_perm=self.num_perm, permutations=self._template.permutations, scheme=self._template.scheme)
        m.update_batch(list(shingles))
        return m

    def find(self, text: str) -> str | None:
        """Id of the earliest indexed original the text nearly duplicates, else None."""
        m = self.signature(text)
        return None if m is None else self._match(m)

    def _match(self, m: MinHash) -> str | None:
        best: tuple[int, str] | None = None
        for key in self._lsh.query(m):
            order, sig, _ = self._originals[key]
            # LSH gives candidates; the signature estimate confirms them
            if float(np.mean(sig == m.hashvalues)) >= self.threshold and (best is None or order < best[0]):
                best = (order, key)
        return best[1] if best else None

    def add(self, article_id: str, text: str, credit: str | None = None) -> bool:
        """Index an original (no check); False if the text is too short or the id is known."""
        m = self.signature(text)
        if m is None or article_id in self._originals:
            return False
        self._insert(article_id, m, credit)
        return True

    def _insert(self, article_id: str, m: MinHash, credit: str | None) -> None:
        self._seen += 1
        self._originals[article_id] = (self._seen, m.hashvalues.astype(np.uint32), credit)
        self._lsh.insert(article_id, m, check_duplication=False)
        if len(self._originals) > self.window:  # keep memory flat: the oldest original leaves the index
            oldest = next(iter(self._originals))
            del self._originals[oldest]
            self._lsh.remove(oldest)

    def mark(self, result: Result) -> Result:
        """Set ``duplicate_of`` (and a missing credit) on a coded copy; index originals. Returns the result."""
        art = result.article
        if result.status != "coded" or not art.text:
            return result
        if art.duplicate_of:  # marked upstream (given in the input): keep, and do not index a copy
            return result
        m = self.signature(art.text)
        if m is None or art.id in self._originals:
            return result
        first = self._match(m)
        if first is None:
            self._insert(art.id, m, art.credit)
            return result
        art.duplicate_of = first
        if not art.credit:
            art.credit = self._originals[first][2]
        self.marked += 1
        return result

    def seed(self, rows: Iterable[tuple[str, str, str | None]]) -> int:
        """Index originals ``(id, text, credit)`` in the order given; returns how many were indexed."""
        return sum(self.add(aid, text or "", credit) for aid, text, credit in rows)

    def seed_from(self, con: duckdb.DuckDBPyConnection) -> int:
        """Index the originals already stored (resume), oldest first, as the first run saw them."""
        cur = con.execute(
            "SELECT * FROM (SELECT id, text, credit, coded_at FROM articles "
            "WHERE status = 'coded' AND duplicate_of IS NULL ORDER BY coded_at DESC, id DESC LIMIT ?) "
            "ORDER BY coded_at, id",
            [self.window],
        )
        n = 0
        while batch := cur.fetchmany(1000):
            n += self.seed((aid, text, credit) for aid, text, credit, _ in batch)
        return n
