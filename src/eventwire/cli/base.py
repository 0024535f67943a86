"""The group, the error wrapper and the settings builder shared by every ``eventwire`` command.

Usage errors (no such path, bad option) exit non-zero with one line; bad
articles are outcomes, not failures: they are counted in the summary and the
run exits 0 once every input is accounted for.
"""

from __future__ import annotations

from pathlib import Path

import click

from eventwire.errors import EventwireError
from eventwire.settings import Settings


class Command(click.Command):
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


def build_settings(model, max_chars, actors, lexicon, cues=(), places=(), dates=(), **extra) -> Settings:
    """Settings from command options; ``extra`` names settings directly (None: keep the default)."""
    kw = {
        "place_files": tuple(Path(p) for p in places),
        "actor_files": tuple(Path(p) for p in actors),
        "event_files": tuple(Path(p) for p in lexicon),
        "statement_files": tuple(Path(p) for p in cues),
        "date_files": tuple(Path(p) for p in dates),
    }
    if model:
        kw["model"] = model
    if max_chars:
        kw["max_chars"] = max_chars
    kw.update({name: value for name, value in extra.items() if value is not None})
    return Settings(**kw)
