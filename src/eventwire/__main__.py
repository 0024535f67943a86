"""``python -m eventwire`` is the ``eventwire`` command."""

from eventwire.cli import main

main()
