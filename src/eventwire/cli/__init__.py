"""The ``eventwire`` command: a thin layer over the Python API.

One module per command (spaCy's ``cli/`` layout); importing them registers
them on the ``main`` group.
"""

from eventwire.cli import code, evaluate, export, knowledge, serve, train  # noqa: F401  (registers the commands)
from eventwire.cli.base import main

__all__ = ["main"]
