"""``eventwire train roles``: the command line of ``roles.training.train_roles`` (registered in ``cli/train.py``)."""

from __future__ import annotations

import click

from eventwire.cli.base import Command


@click.command("roles", cls=Command)
@click.option(
    "--labels",
    "label_paths",
    multiple=True,
    required=True,
    type=click.Path(exists=True),
    help="Label files or folders of *.jsonl (ids + offsets, the real-news guide's shape); repeatable.",
)
@click.option(
    "--polnear", type=click.Path(exists=True, file_okay=False), help="PolNeAR git dir: texts of its train split."
)
@click.option(
    "--articles", "articles_path", type=click.Path(exists=True, dir_okay=False), help="Or: article texts (JSON Lines)."
)
@click.option(
    "--gsr", "gsr_path", type=click.Path(exists=True, dir_okay=False), help="PLOVER gold sentences (wire news)."
)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the cross-validation folds.")
@click.option("--folds", type=click.IntRange(min=2), default=5, show_default=True)
@click.option(
    "-o", "--output", type=click.Path(file_okay=False), help="Folder for the weights (default: the shipped ones)."
)
@click.option("--model", help="spaCy pipeline to parse with (default: the model setting).")
@click.option("--debug", is_flag=True, help="Show tracebacks.")
def train_roles_command(label_paths, polnear, articles_path, gsr_path, seed, folds, output, model, debug):
    """Train the source/target chooser of learned.v1 on annotated articles; writes weights and a manifest."""
    from eventwire.cli.base import build_settings
    from eventwire.events.learned.roles.chooser import SHIPPED
    from eventwire.events.learned.roles.training import train_roles

    if (polnear is None) == (articles_path is None):
        raise click.UsageError("give the article texts with exactly one of --polnear GITDIR or --articles FILE")
    train_roles(
        label_paths,
        articles_path=articles_path,
        polnear=polnear,
        gsr_path=gsr_path,
        seed=seed,
        folds=folds,
        out=output or SHIPPED,
        settings=build_settings(model, None, (), ()),
        log=lambda line: click.echo(line, err=True),
    )
