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
@click.option(
    "--code-timeout",
    default=30.0,
    show_default=True,
    type=click.FloatRange(min=0.1),
    help="Seconds a POST /api/code request may take, waiting included (504 above; the work is stopped).",
)
@click.option(
    "--code-queue",
    default=2,
    show_default=True,
    type=click.IntRange(min=0),
    help="POST /api/code requests that may wait per lane (short and long texts); one more gets 503.",
)
@click.option("--debug", is_flag=True)
def serve_command(db, host, port, workers, review, code_timeout, code_queue, debug):
    """Serve the explorer (web pages and JSON API) for a database, read-only."""
    from eventwire.serve import serve
    from eventwire.serve.coding import CodeLimits

    limits = CodeLimits(timeout=code_timeout, queue=code_queue)
    serve(db, host=host, port=port, workers=workers, review=review, code_limits=limits)
