"""``eventwire train``: train the learned components that ship in the package.

Each subcommand lives beside its stage (``eventwire.<stage>.training``) and is
registered here, so a stage owns its training code and data contract.
"""

from __future__ import annotations

from eventwire.cli.base import main


@main.group("train")
def train_group() -> None:
    """Train a learned component (seeded, reproducible; writes weights and a manifest)."""


from eventwire.statements.training import cli as _statements  # noqa: E402  (the stage owns its command)

train_group.add_command(_statements, "statements")


from eventwire.events.learned.command import train_events_command  # noqa: E402

train_group.add_command(train_events_command)


from eventwire.events.learned.roles.command import train_roles_command  # noqa: E402

train_group.add_command(train_roles_command)
