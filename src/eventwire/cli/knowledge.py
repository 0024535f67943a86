"""``eventwire check-knowledge``: validate knowledge files."""

from __future__ import annotations

from pathlib import Path

import click

from eventwire.cli.base import Command, main


@main.command("check-knowledge", cls=Command)
@click.option("--actors", multiple=True, type=click.Path(exists=True, dir_okay=False), help="Actor file to check.")
@click.option("--lexicon", multiple=True, type=click.Path(exists=True, dir_okay=False), help="Event lexicon file.")
@click.option("--cues", multiple=True, type=click.Path(exists=True, dir_okay=False), help="Speech-cue file.")
@click.option("--places", multiple=True, type=click.Path(exists=True, dir_okay=False), help="Gazetteer file.")
@click.option("--dates", multiple=True, type=click.Path(exists=True, dir_okay=False), help="Date word file.")
@click.option(
    "--pages",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Page-reading file (wires, dateline forms, header and footer words) in the shipped pages.yaml shape.",
)
@click.option("--debug", is_flag=True)
def check_knowledge_command(actors, lexicon, cues, places, dates, pages, debug):
    """Validate the shipped knowledge files plus your own; problems are listed as file:line."""
    from eventwire.actors import ActorResolver
    from eventwire.dates import DateKnowledge
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
        (DateKnowledge.from_files, dates),
        (_load_pages, pages),
    ):
        try:
            load([Path(p) for p in files])
        except KnowledgeError as err:  # check every kind of file, then report all problems at once
            problems += err.problems
    if problems:
        raise KnowledgeError(problems)
    n = len(actors) + len(lexicon) + len(cues) + len(places) + len(dates) + len(pages)
    click.echo(f"ok: shipped knowledge and {n} file(s) of yours are valid", err=True)


def _load_pages(files: list[Path]) -> None:
    """The shipped pages file, then each given one (each is a whole file of that shape, not an overlay)."""
    from eventwire.errors import KnowledgeError
    from eventwire.ingest.knowledge import load_page_knowledge
    from eventwire.knowledge import shipped_files

    problems: list[str] = []
    for path in [*shipped_files("ingest", "pages.yaml"), *files]:
        try:
            load_page_knowledge(path)
        except KnowledgeError as err:
            problems += err.problems
    if problems:
        raise KnowledgeError(problems)
