"""Actors: who is who in an article, resolved against editable knowledge files.

``ActorResolver.from_files(extra_files)`` loads and validates the shipped
knowledge (``knowledge/data/actors/*.yaml``) plus user overlays;
``resolver.resolve(doc, published, context)`` returns the article's
:class:`~eventwire.actors.table.ArticleActors`.
"""

from eventwire.actors.knowledge import ActorKnowledge, load_knowledge
from eventwire.actors.resolver import ActorResolver, ArticleContext
from eventwire.actors.table import ActorMention, ArticleActors

__all__ = ["ActorKnowledge", "ActorMention", "ActorResolver", "ArticleContext", "ArticleActors", "load_knowledge"]
