"""Choose each kept event's source and target among the actor mentions around it, with a trained model.

The rule coder finds participants by syntax alone and often settles for a
thing ("the plan"), nobody, or the wrong person of a quote. Once the event's
type is decided, every actor mention of its sentence (and of the sentence
before, and its statement's speaker) is scored as source, target or neither by
a small linear model trained on annotated articles (``eventwire train roles``).
The likeliest source fills the source; the likeliest target of another actor
fills the target when it is at least ``min_target`` likely, so "no target"
stays possible.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from eventwire.events.learned.model import LinearModel
from eventwire.events.learned.roles.features import candidates, pair_features

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from eventwire.actors.table import ArticleActors
    from eventwire.events.learned.roles.features import Candidate
    from eventwire.schema import Event, Statement

SHIPPED = Path(__file__).parent / "weights"
NEITHER, SOURCE, TARGET = "NEITHER", "SOURCE", "TARGET"
CLASSES = [NEITHER, SOURCE, TARGET]


def load_roles(folder: Path | str | None = None) -> LinearModel:
    """The role model in ``folder`` (default: the shipped one)."""
    return LinearModel.load(folder or SHIPPED)


def mention_counts(actors: ArticleActors) -> dict[str, int]:
    """How many mentions each actor has in the article (a salience cue)."""
    return dict(Counter(m.actor_id for m in actors.mentions))


def event_rows(
    doc: Doc, event: Event, actors: ArticleActors, statements: list[Statement], counts: dict[str, int]
) -> tuple[list[Candidate], list[dict[str, float]]]:
    """The candidate mentions of one event and their feature rows."""
    cands = candidates(doc, event, actors, statements)
    rows = [pair_features(doc, event, c, actors, statements, index=k, counts=counts) for k, c in enumerate(cands)]
    return cands, rows


def pick(probs: np.ndarray, actor_ids: list[str], classes: list[str], min_target: float) -> tuple[int, int | None]:
    """(source index, target index or None) from the candidates' class probabilities; the target is
    another actor than the source."""
    src = int(np.argmax(probs[:, classes.index(SOURCE)]))
    p_tgt = probs[:, classes.index(TARGET)].copy()
    p_tgt[[k for k, a in enumerate(actor_ids) if a == actor_ids[src]]] = -1.0
    tgt = int(np.argmax(p_tgt))
    return src, (tgt if p_tgt[tgt] >= min_target else None)


def choose_roles(
    doc: Doc,
    events: list[Event],
    actors: ArticleActors,
    statements: list[Statement] | None,
    model: LinearModel | None,
) -> list[Event]:
    """``events`` with the model's source and target; two that become the same event are one (ids renumbered)."""
    if model is None or not events:
        return events
    statements = statements or []
    counts = mention_counts(actors)
    min_target = float(model.manifest.get("min_target", 0.5))
    out: list[Event] = []
    for ev in events:
        cands, rows = event_rows(doc, ev, actors, statements, counts)
        if not cands:
            out.append(ev)
            continue
        ids = [c.mention.actor_id for c in cands]
        src, tgt = pick(model.proba(rows), ids, model.classes, min_target)
        target = actors.ref(_local(cands, tgt).mention) if tgt is not None else None
        out.append(dataclasses.replace(ev, source=actors.ref(_local(cands, src).mention), target=target))
    return _distinct(out)


def _local(cands: list[Candidate], k: int) -> Candidate:
    """The chosen candidate, or its actor's first mention in the event's own sentence (evidence stays local)."""
    chosen = cands[k]
    if chosen.where == "sentence":
        return chosen
    return next((c for c in cands if c.where == "sentence" and c.mention.actor_id == chosen.mention.actor_id), chosen)


def _distinct(events: list[Event]) -> list[Event]:
    """One event per sentence, type, source actor and target actor: the most confident one."""
    best: dict[tuple, Event] = {}
    for ev in events:
        key = (ev.evidence.start, ev.event_type, ev.source and ev.source.id, ev.target and ev.target.id)
        if key not in best or best[key].confidence < ev.confidence:
            best[key] = ev
    kept = sorted(best.values(), key=lambda e: (e.trigger.start, e.evidence.start))
    for i, ev in enumerate(kept, 1):
        ev.id = f"e{i}"
    return kept
