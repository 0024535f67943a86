"""Article text with evidence highlights, built by slicing at offsets and escaping each piece.

Articles carry arbitrary markup, so the text is never trusted: every slice goes
through :func:`markupsafe.escape` and only the tags made here are raw. Spans may
overlap without nesting (two events in one sentence, a trigger that crosses a
statement's content); a span that would cross another is closed and reopened
as a continuation piece, so the HTML always nests. Only the first piece carries
the span's ``id``, so ``#ev-e1`` names exactly one element.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Span:
    """One highlight: ``text[start:end]`` wrapped in ``<tag attrs>``."""

    start: int
    end: int
    tag: str
    attrs: tuple[tuple[str, str], ...]
    order: int = 0  # among spans with the same offsets, lower is outer
    key: int = field(default=0, compare=True)  # keeps equal spans distinct


def _attrs(attrs: tuple[tuple[str, str], ...], *, first: bool) -> str:
    parts = []
    for name, value in attrs:
        if name == "id" and not first:
            parts.append(f'data-part-of="{escape(value)}"')
            continue
        parts.append(f'{name}="{escape(value)}"')
    return " ".join(parts)


def render(text: str, spans: list[Span]) -> Markup:
    """``text`` as HTML with ``spans`` wrapped; spans outside the text must be filtered out first."""
    n = len(text)
    spans = [s for s in spans if 0 <= s.start < s.end <= n]
    starts: dict[int, list[Span]] = defaultdict(list)
    bounds = {0, n}
    for s in spans:
        starts[s.start].append(s)
        bounds.update((s.start, s.end))
    points = sorted(bounds)
    out: list[str] = []
    stack: list[Span] = []
    for i, b in enumerate(points):
        if any(s.end == b for s in stack):
            reopen: list[Span] = []
            while any(s.end == b for s in stack):
                s = stack.pop()
                out.append(f"</{s.tag}>")
                if s.end != b:
                    reopen.append(s)
            for s in reversed(reopen):
                out.append(f"<{s.tag} {_attrs(s.attrs, first=False)}>")
                stack.append(s)
        for s in sorted(starts.get(b, ()), key=lambda s: (-s.end, s.order, s.key)):
            out.append(f"<{s.tag} {_attrs(s.attrs, first=True)}>")
            stack.append(s)
        if i + 1 < len(points):
            out.append(str(escape(text[b : points[i + 1]])))
    while stack:  # only reached for an empty text
        out.append(f"</{stack.pop().tag}>")
    return Markup("".join(out))


def _valid(text: str, span: dict[str, Any] | None) -> bool:
    if not span:
        return False
    start, end = span.get("start"), span.get("end")
    return isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)


def article_spans(record: dict[str, Any]) -> tuple[list[Span], list[str]]:
    """Highlights for a stored record: event triggers (id ``ev-<id>``, coloured by type), the
    evidence sentences under them, statement cues (``st-<id>``) and contents; plus warnings for
    offsets that fall outside the text or do not match their stored text (an analyst should know)."""
    text = record["article"]["text"] or ""
    spans: list[Span] = []
    warnings: list[str] = []
    key = 0

    def check(what: str, span: dict[str, Any] | None) -> bool:
        if not _valid(text, span):
            warnings.append(
                f"{what}: offsets {span and span.get('start')}..{span and span.get('end')} are outside the text"
            )
            return False
        if span.get("text") is not None and text[span["start"] : span["end"]] != span["text"]:
            warnings.append(f"{what}: the text at its offsets differs from its stored text")
        return True

    evidence_groups: dict[tuple[int, int], list[str]] = defaultdict(list)
    for ev in record.get("events", []):
        eid, etype = str(ev["id"]), str(ev["event_type"])
        has_evidence = check(f"event {eid} evidence", ev.get("evidence"))
        if has_evidence:
            evidence_groups[(ev["evidence"]["start"], ev["evidence"]["end"])].append(eid)
        target = ev.get("trigger") if _valid(text, ev.get("trigger")) else None
        if target is None:
            check(f"event {eid} trigger", ev.get("trigger"))
            target = ev.get("evidence") if has_evidence else None
        if target is None:
            continue
        key += 1
        spans.append(
            Span(
                target["start"], target["end"], "mark",
                (("id", f"ev-{eid}"), ("class", f"hl t-{etype}"), ("data-type", etype), ("data-ev", eid),
                 ("tabindex", "-1"), ("title", f"{eid} {etype} ({ev.get('modality')})")),
                order=10, key=key,
            )
        )  # fmt: skip
    for (start, end), ids in evidence_groups.items():
        key += 1
        spans.append(Span(start, end, "span", (("class", "evi"), ("data-ev", " ".join(ids))), order=0, key=key))
    for st in record.get("statements", []):
        sid = str(st["id"])
        if check(f"statement {sid} content", st.get("content")):
            key += 1
            c = st["content"]
            spans.append(
                Span(c["start"], c["end"], "span", (("class", "st-content"), ("data-st", sid)), order=1, key=key)
            )
        if check(f"statement {sid} cue", st.get("cue")):
            key += 1
            c = st["cue"]
            attrs = (("id", f"st-{sid}"), ("class", "cue"), ("data-st", sid), ("tabindex", "-1"))
            spans.append(Span(c["start"], c["end"], "mark", attrs, order=5, key=key))
    return spans, warnings


def wire_chain(record: dict[str, Any], statement: dict[str, Any]) -> list[str]:
    """Who passed the words on, outermost first: publisher <- credit <- reporting speakers <- speaker."""
    art = record["article"]
    by_id = {st["id"]: st for st in record.get("statements", [])}
    speakers: list[str] = []
    seen: set[str] = set()
    current: dict[str, Any] | None = statement
    while current is not None and current["id"] not in seen:
        seen.add(current["id"])
        sp = current.get("speaker")
        speakers.append(sp["name"] or sp["text"] if sp else "(unattributed)")
        current = by_id.get(current.get("reported_by")) if current.get("reported_by") else None
    chain = [x for x in (art.get("publisher"), art.get("credit")) if x]
    return chain + list(reversed(speakers))
