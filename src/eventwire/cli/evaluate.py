"""``eventwire eval``: score the pipeline against gold data.

Two kinds of gold, told apart by the shape of their lines: PLOVER sentences
(``text`` + ``events`` per line, ``evaluate.py``) and whole articles in the
real-news format (no text; events with evidence spans; texts from
``--articles``, ``evaluate_news.py``).
"""

from __future__ import annotations

import dataclasses

import click

from eventwire.cli.base import Command, build_settings, main


@main.command("eval", cls=Command)
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--articles",
    "articles_path",
    type=click.Path(exists=True, dir_okay=False),
    help="Article texts (JSON Lines: id, text, category?) for whole-article gold.",
)
@click.option(
    "--predictions",
    type=click.Path(exists=True, dir_okay=False),
    help="Score these 'eventwire code' records instead of coding the articles (whole-article gold).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option(
    "--errors",
    "errors_path",
    type=click.Path(dir_okay=False),
    help="Write the misses (JSON Lines) here: per article, missed and spurious events and, in whole articles, the wrong roles of type-matched events.",
)
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N gold sentences.")
@click.option("--coder", help="Event coder to use, by registered name (default: the event_coder setting).")
@click.option("--min-confidence", type=click.FloatRange(0, 1), help="Drop events below this confidence.")
@click.option("--actors", multiple=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--lexicon", multiple=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--model")
@click.option("--debug", is_flag=True)
def eval_command(
    gold, articles_path, predictions, as_json, errors_path, limit, coder, min_confidence, actors, lexicon, model, debug
):
    """Score eventwire against gold: PLOVER sentences, or whole articles (with --articles)."""
    import json

    from eventwire.evaluate_news import evaluate_news, format_news_report, is_news_gold

    settings = build_settings(model, None, actors, lexicon)
    changes = {"event_coder": coder, "min_confidence": min_confidence}
    settings = dataclasses.replace(settings, **{k: v for k, v in changes.items() if v is not None})
    if is_news_gold(gold):
        if articles_path is None:
            raise click.UsageError("whole-article gold needs --articles ARTICLES.jsonl (the texts)")
        pipeline = None if predictions else _pipeline(settings)
        report = evaluate_news(pipeline, gold, articles_path, predictions_path=predictions, errors_path=errors_path)
        click.echo(json.dumps(report, indent=2) if as_json else format_news_report(report))
        return
    from eventwire.evaluate import evaluate, format_report

    report = evaluate(_pipeline(settings), gold, errors_path=errors_path, limit=limit)
    click.echo(json.dumps(report, indent=2) if as_json else format_report(report))


def _pipeline(settings):
    from eventwire.pipeline import Pipeline

    return Pipeline(settings)
