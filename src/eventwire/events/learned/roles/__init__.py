"""The learned source/target chooser of ``learned.v1`` (see ``chooser.py``; trained by ``eventwire train roles``)."""

from eventwire.events.learned.roles.chooser import choose_roles, load_roles

__all__ = ["choose_roles", "load_roles"]
