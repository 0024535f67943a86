"""``eventwire export``: write a database out in other formats."""

from __future__ import annotations

import click

from eventwire.cli.base import Command, main


@main.command("export", cls=Command)
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
