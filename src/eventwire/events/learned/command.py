"""``eventwire train events`` and the options every trainer on annotated articles shares (registered in
``cli/train.py``; ``train roles`` in ``roles/command.py`` uses the same options and runner)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from eventwire.cli.base import Command


def labelled_article_options(gsr_help: str) -> Callable[[Callable], Callable]:
    """The options of a trainer on annotated articles: labels, article texts, gold sentences, seed, output."""
    options = [
        click.option(
            "--labels",
            "label_paths",
            multiple=True,
            required=True,
            type=click.Path(exists=True),
            help="Label files or folders of *.jsonl (ids + offsets, the real-news guide's shape); repeatable.",
        ),
        click.option(
            "--polnear",
            type=click.Path(exists=True, file_okay=False),
            help="PolNeAR git dir: texts of its train split.",
        ),
        click.option(
            "--articles",
            "articles_path",
            type=click.Path(exists=True, dir_okay=False),
            help="Or: article texts (JSON Lines).",
        ),
        click.option("--gsr", "gsr_path", type=click.Path(exists=True, dir_okay=False), help=gsr_help),
        click.option("--seed", type=int, default=0, show_default=True, help="Seed of the cross-validation folds."),
        click.option("--folds", type=click.IntRange(min=2), default=5, show_default=True),
        click.option(
            "-o",
            "--output",
            type=click.Path(file_okay=False),
            help="Folder for the weights (default: the shipped ones).",
        ),
        click.option("--model", help="spaCy pipeline to parse with (default: the model setting)."),
        click.option("--debug", is_flag=True, help="Show tracebacks."),
    ]

    def apply(command: Callable) -> Callable:
        for option in reversed(options):
            command = option(command)
        return command

    return apply


def run_training(
    train: Callable[..., Any],
    shipped: Path,
    *,
    label_paths,
    polnear,
    articles_path,
    gsr_path,
    seed,
    folds,
    output,
    model,
    debug,
    **extra,
) -> None:
    """Call ``train`` (``train_events`` or ``train_roles``) with the options; weights go to ``shipped`` by default.
    ``extra``: options of one trainer only, passed on as they are."""
    from eventwire.cli.base import build_settings

    if (polnear is None) == (articles_path is None):
        raise click.UsageError("give the article texts with exactly one of --polnear GITDIR or --articles FILE")
    train(
        label_paths,
        articles_path=articles_path,
        polnear=polnear,
        gsr_path=gsr_path,
        seed=seed,
        folds=folds,
        out=output or shipped,
        settings=build_settings(model, None, (), ()),
        log=lambda line: click.echo(line, err=True),
        **extra,
    )


@click.command("events", cls=Command)
@labelled_article_options("PLOVER gold sentences for typing.")
@click.option(
    "--examples",
    "examples_path",
    type=click.Path(dir_okay=False),
    help="File (outside the repository) of the parsed candidates and their features: written when absent, read "
    "when present, so an experiment skips the parse. Refused once the labels, texts, model or eventwire's code "
    "and knowledge differ from those that made it.",
)
def train_events_command(**options) -> None:
    """Train the learned event decision (learned.v1) on annotated articles; writes weights and a manifest."""
    from eventwire.events.learned.coder import SHIPPED
    from eventwire.events.learned.training import train_events

    run_training(train_events, SHIPPED, **options)
