"""``eventwire eval``: score the pipeline against gold data."""

from __future__ import annotations

import click

from eventwire.cli.base import Command, build_settings, main


@main.command("eval", cls=Command)
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

    pipeline = Pipeline(build_settings(model, None, actors, lexicon))
    report = evaluate(pipeline, gold, errors_path=errors_path, limit=limit)
    click.echo(json.dumps(report, indent=2) if as_json else format_report(report))


