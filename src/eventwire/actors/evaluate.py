"""Actor country accuracy against PLOVER gold records (e.g. the PLOVER GSR).

A gold actor counts when it has a country code. It is right when "its"
eventwire mention has the same code: the mention under the gold text's first
character when that mention has a country (in a compound such as "U.S. ...
negotiators" for "U.S. and Russian negotiators" the first word names the
party), otherwise the mention that overlaps the gold text most (ties: a
mention with a country, then the earlier one). Codes are
compared after two documented normalisations: CAMEO-era codes become ISO
(JAP -> JPN, ITL -> ITA, VTN -> VNM, ...), and gold ``IGO`` also accepts
``UNO`` and ``EUR`` (current PLOVER splits the UN and the EU out of IGO;
older gold codes them all as IGO).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

# CAMEO-era country codes -> ISO 3166 alpha-3
CAMEO_TO_ISO = {
    "JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "GMY": "DEU", "UKG": "GBR", "ROM": "ROU", "DRC": "COD",
    "ZAI": "COD", "SER": "SRB", "YUG": "SRB", "BOS": "BIH", "TAW": "TWN", "SUD": "SDN", "KOS": "KOS",
}  # fmt: skip
_IGO_FAMILY = {"IGO", "UNO", "EUR"}


def normalise_code(code: str | None) -> str | None:
    """Map CAMEO-era codes to ISO; leave ISO and PLOVER's non-state codes as they are."""
    if code is None:
        return None
    code = code.strip().upper()
    return CAMEO_TO_ISO.get(code, code)


def codes_match(gold: str | None, got: str | None) -> bool:
    gold, got = normalise_code(gold), normalise_code(got)
    if gold is None or got is None:
        return False
    return gold == got or (gold == "IGO" and got in _IGO_FAMILY)


def gold_span(text: str, actor_text: str) -> tuple[int, int] | None:
    """Character span of a gold actor's text in the sentence.

    Gold texts may elide words ("U.S. ... negotiators", or "US forces" for
    "US and British forces"), differ in case or spacing; the words are found in
    order, case-insensitively, within a short window.
    """
    words = [w for w in re.split(r"\s+|\.{2,}|\u2026", actor_text) if w and w not in (".", "(", ")")]
    if not words:
        return None
    exact = text.find(" ".join(actor_text.split()))
    if exact >= 0:
        return exact, exact + len(" ".join(actor_text.split()))
    low = text.lower()
    start = low.find(words[0].lower())
    while start >= 0:
        end = start + len(words[0])
        ok = True
        for w in words[1:]:
            nxt = low.find(w.lower(), end)
            if nxt < 0 or nxt - end > 60:
                ok = False
                break
            end = nxt + len(w)
        if ok:
            return start, end
        start = low.find(words[0].lower(), start + 1)
    return None


def _get(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _mentions(result: Any) -> list[tuple[int, int, str | None, str, str]]:
    """(start, end, country, actor name, mention text) for every actor mention of a result."""
    out = []
    for actor in _get(result, "actors", []) or []:
        for m in _get(actor, "mentions", []) or []:
            out.append((_get(m, "start"), _get(m, "end"), _get(actor, "country"), _get(actor, "name"), _get(m, "text")))
    return out


def actor_country_accuracy(results: Iterable[Any], gold_records: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Score actor countries: ``{"total", "correct", "accuracy", "no_actor", "errors": [...]}``.

    ``results`` are eventwire results (``schema.Result`` or its dict form) whose
    ``article.id`` equals the gold record ``id``, with offsets into the gold ``text``.
    """
    by_id = {}
    for res in results:
        article = _get(res, "article")
        by_id[_get(article, "id")] = res
    total = correct = no_actor = 0
    errors: list[dict[str, Any]] = []
    for rec in gold_records:
        res = by_id.get(rec["id"])
        mentions = _mentions(res) if res is not None else []
        for ev in rec.get("events", []):
            for role in ("source", "target"):
                for ga in ev.get(role) or []:
                    if not ga.get("country"):
                        continue
                    total += 1
                    span = gold_span(rec["text"], ga["text"])
                    best = None
                    if span is not None:
                        gs, ge = span
                        scored = []
                        first = None
                        for ms, me, country, name, mtext in mentions:
                            overlap = min(ge, me) - max(gs, ms)
                            if overlap > 0:
                                scored.append((overlap, country is not None, -ms, (ms, me, country, name, mtext)))
                                if ms <= gs < me and country is not None:
                                    first = (ms, me, country, name, mtext)
                        if scored:
                            best = first or max(scored)[3]
                    if best is None:
                        no_actor += 1
                    elif codes_match(ga["country"], best[2]):
                        correct += 1
                        continue
                    errors.append(
                        {
                            "id": rec["id"], "role": role, "gold_text": ga["text"], "gold_country": ga["country"],
                            "got_text": best[4] if best else None, "got_name": best[3] if best else None,
                            "got_country": best[2] if best else None,
                        }
                    )  # fmt: skip
    return {
        "total": total,
        "correct": correct,
        "accuracy": round(correct / total, 4) if total else 0.0,
        "no_actor": no_actor,
        "errors": errors,
    }
