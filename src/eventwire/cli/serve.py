"""``eventwire serve``: the explorer."""

from __future__ import annotations

import click

from eventwire.cli.base import Command, main


@main.command("serve", cls=Command)
@click.option("--db", required=True, type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Interface to bind; the default keeps it on this machine."
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", type=click.IntRange(min=1), help="Server processes (default: up to 2).")
@click.option(
    "--review",
    type=click.Path(dir_okay=False),
    help="Review mode: right/wrong/fix buttons on each event append corrections (real-news gold) to this file.",
)
@click.option("--debug", is_flag=True)
def serve_command(db, host, port, workers, review, debug):
    """Serve the explorer (web pages and JSON API) for a database, read-only."""
    from eventwire.serve import serve

    serve(db, host=host, port=port, workers=workers, review=review)
