"""Progress of a batch run on stderr: count, rate, and a total with ETA when the inputs tell it.

The total is counted before the run from what is cheap to know: one article per
text or HTML file, one per non-blank line of a JSON Lines file (a newline count
at disk speed). Compressed files, WARC files and stdin make the total unknown;
the run then shows count and rate only.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable
from pathlib import Path

# Counting lines reads the file once more; above this many bytes the total is left unknown.
COUNT_LIMIT_BYTES = 2_000_000_000
_UNKNOWN_SUFFIXES = (".gz", ".warc", ".arc")


def estimate_total(paths: Iterable[str]) -> int | None:
    """How many articles the inputs hold, or None when that cannot be known cheaply."""
    from eventwire.ingest import Skipped, expand_paths

    total, budget = 0, COUNT_LIMIT_BYTES
    try:
        for item in expand_paths(paths):
            if isinstance(item, Skipped):
                total += 1  # a skip record is an outcome too
                continue
            if item == "-" or str(item).lower().endswith(_UNKNOWN_SUFFIXES):
                return None
            path = Path(item)
            if path.suffix.lower() != ".jsonl":
                total += 1
                continue
            size = path.stat().st_size
            budget -= size
            if budget < 0:
                return None
            total += _count_lines(path)
    except OSError:
        return None
    return total


def _count_lines(path: Path) -> int:
    """Lines, read in 1 MB blocks (never the whole file at once); a blank line makes the total an overestimate."""
    lines, last = 0, b""
    with path.open("rb") as f:
        while block := f.read(1 << 20):
            lines += block.count(b"\n")
            last = block[-1:]
    return lines + (last not in (b"\n", b""))  # a last line without its newline


def format_eta(seconds: float) -> str:
    """12 s, 3 min 05 s, 2 h 04 min."""
    seconds = max(int(seconds), 0)
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"


class Progress:
    """A rich progress bar on a terminal, plain lines every ``every`` seconds otherwise (both on stderr)."""

    def __init__(self, *, enabled: bool, total: int | None = None, every: float = 10.0) -> None:
        self.enabled = enabled
        self.total = total
        self.tty = sys.stderr.isatty()
        self.every = every
        self._bar = None
        self._last = time.monotonic()
        self._start = self._last

    def __enter__(self) -> Progress:
        if self.enabled and self.tty:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            columns = [SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn()]
            if self.total is not None:
                columns[1:1] = [BarColumn(), MofNCompleteColumn()]
                columns.append(TimeRemainingColumn())
            self._bar = Progress(*columns, transient=True)
            self._bar.start()
            self._task = self._bar.add_task("starting", total=self.total)
        return self

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.stop()

    def line(self, done: int, events: int, skipped: int) -> str:
        """The plain progress line: count (of total), rate, events, skips, ETA."""
        elapsed = max(time.monotonic() - self._start, 1e-9)
        rate = done / elapsed
        count = f"{done}/{self.total}" if self.total is not None else f"{done}"
        text = f"{count} articles ({rate:.1f}/s), {events} events, {skipped} skipped"
        if self.total is not None and rate > 0 and done < self.total:
            text += f", ETA {format_eta((self.total - done) / rate)}"
        return text

    def update(self, result, summary) -> None:
        if not self.enabled:
            return
        done = summary.coded + summary.skipped + summary.already_done
        if self.total is not None and done > self.total:
            self.total = None  # the estimate was wrong (e.g. a JSONL line holding no record): stop guessing
            if self._bar is not None:
                self._bar.update(self._task, total=None)
        if self._bar is not None:
            desc = f"{summary.events} events, {summary.skipped} skipped"
            self._bar.update(self._task, completed=done, description=desc)
        elif time.monotonic() - self._last >= self.every:
            self._last = time.monotonic()
            print(self.line(done, summary.events, summary.skipped), file=sys.stderr, flush=True)
