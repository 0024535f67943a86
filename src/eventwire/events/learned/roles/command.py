"""``eventwire train roles``: the command line of ``roles.training.train_roles`` (registered in ``cli/train.py``)."""

from __future__ import annotations

import click

from eventwire.cli.base import Command
from eventwire.events.learned.command import labelled_article_options, run_training


@click.command("roles", cls=Command)
@labelled_article_options("PLOVER gold sentences (wire news).")
def train_roles_command(**options) -> None:
    """Train the source/target chooser of learned.v1 on annotated articles; writes weights and a manifest."""
    from eventwire.events.learned.roles.chooser import SHIPPED
    from eventwire.events.learned.roles.training import train_roles

    run_training(train_roles, SHIPPED, **options)
