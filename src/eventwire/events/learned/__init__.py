"""The learned event decision: the rule coder proposes, a trained model decides.

The rule coder is fast at finding candidates (a trigger in its sentence, with
its participants) but cannot tell a criticism from a market "retreat" or a
declined comment; a linear model over the candidate's parse context can, once
trained on articles annotated by hand. ``features`` turns a candidate into
named features, ``model`` holds the weights (numpy only at run time),
``training`` fits them (``eventwire train events``), ``coder`` is the
registered coder ``learned.v1``.
"""

from eventwire.events.learned.coder import LearnedCoder

__all__ = ["LearnedCoder"]
