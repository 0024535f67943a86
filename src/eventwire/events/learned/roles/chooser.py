"""Choose each kept event's source and target among the actor mentions around it, with a trained model.

The rule coder finds participants by syntax alone and often settles for a
thing ("the plan"), nobody, or the wrong person of a quote. Once the event's
type is decided, every actor mention of its sentence (and of the sentence
before, and its statement's speaker) is scored as source, target or neither by
a small linear model trained on annotated articles (``eventwire train roles``).
The likeliest source fills the source; the likeliest target of another actor
fills the target when it is at least ``min_target`` likely, so "no target"
stays possible; source and target are chosen as a pair.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from eventwire.events.learned.model import LinearModel
from eventwire.events.learned.roles.features import candidates, pair_features, rival_features

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
    for row, extra in zip(rows, rival_features(doc, event, cands), strict=True):
        row.update(extra)
    return cands, rows


def pick(
    probs: np.ndarray, actor_ids: list[str], classes: list[str], min_target: float, target_weight: float = 1.0
) -> tuple[int, int | None]:
    """(source index, target index or None): the pair of two actors likeliest as source and target together.

    Scoring the pair, not the source first, keeps a mention that is a likely target from being taken as the
    source only because it is a likely participant. ``target_weight`` weighs the target's log-probability;
    the best pair's target is left out when it is less than ``min_target`` likely.
    """
    log_s = np.log(probs[:, classes.index(SOURCE)] + 1e-12)
    p_tgt = probs[:, classes.index(TARGET)]
    ids = np.array(actor_ids)
    pair = log_s[:, None] + target_weight * np.log(p_tgt + 1e-12)[None, :]
    pair[ids[:, None] == ids[None, :]] = -np.inf
    if not np.isfinite(pair).any():
        return int(np.argmax(log_s)), None
    src, tgt = (int(k) for k in np.unravel_index(int(np.argmax(pair)), pair.shape))
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
    target_weight = float(model.manifest.get("target_weight", 1.0))
    out: list[Event] = []
    for ev in events:
        cands, rows = event_rows(doc, ev, actors, statements, counts)
        if not cands:
            out.append(ev)
            continue
        ids = [c.mention.actor_id for c in cands]
        src, tgt = pick(model.proba(rows), ids, model.classes, min_target, target_weight)
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
