"""Score events against whole-article gold (``eventwire eval GOLD --articles ARTICLES.jsonl``).

Sentence gold (``evaluate.py``) says how well eventwire types an event it is
told is there; whole articles say what a user gets: every event a coder emits
counts, also in stories with none. The format is the real-news annotation
guide's (shared benchmarks, ``realnews-dev``): one article per line,
``{"id", "events": [{"evidence", "trigger", "type", "status", "source": [ACTOR],
"target": [ACTOR], "date_text"?}]}``, spans as exact text or as ``{"start", "end"}`` offsets
into the article text (the training labels' shape); texts come from a separate
articles file (``{"id", "text", "category"?, ...}``), as they are not ours to
ship.

Match (the same definitions as the reference scorer, so the figures agree): a
predicted event matches a gold event of the same article when the types are
equal and the predicted evidence overlaps the gold evidence, one to one, greedy
in gold order. Among matched events: a role is right when gold has none, or a
predicted mention or name shares a content word with a gold one, or (gold
implicit) the countries agree; a country is right when it equals a gold actor's
(IGO also accepts UNO and EUR); status: asserted and claimed are "happened",
negated is "negated", the rest "possible"; the date words (``date_text``, the
guide's "exact words or null") are right when one text holds the other. The actor-only figure asks, for every
annotated actor mention with a country, whether the predicted actor whose
mention overlaps it has that country.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from eventwire.errors import InputError
from eventwire.evaluate import fmt_figure
from eventwire.jsonl import last_by_id, read_objects, write_objects

NONPOLITICAL = frozenset({"business", "tech", "entertainment", "sport"})
BANDS = ((0.0, 0.2), (0.2, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 0.9), (0.9, 1.01))
HAPPENED = {"asserted": "happened", "claimed": "happened", "negated": "negated"}
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]+")
_FUNCTION_WORDS = frozenset({"the", "a", "an", "of", "and", "s", "its", "his", "her", "their", "in", "on", "to"})
_TITLES = frozenset({"mr", "mrs", "ms", "dr", "sir", "lord"})


# ---------------------------------------------------------------- reading
def _jsonl(path: Path | str) -> list[dict[str, Any]]:
    return [rec for _, rec in read_objects(path)]


def is_news_gold(path: Path | str) -> bool:
    """True when the gold file is whole-article gold: records without text whose events carry evidence."""
    for rec in _jsonl(path):
        if "text" in rec:
            return False
        events = rec.get("events") or []
        if events:
            return "evidence" in events[0]
    return False


def read_articles(path: Path | str) -> dict[str, dict[str, Any]]:
    """Articles by id (each needs ``id`` and ``text``)."""
    out = {}
    for rec in _jsonl(path):
        if "id" not in rec or not isinstance(rec.get("text"), str):
            raise InputError(f"{path}: every article needs 'id' and 'text'")
        out[str(rec["id"])] = rec
    return out


def _span(value: Any, text: str, within: tuple[int, int] | None = None) -> tuple[int, int] | None:
    """A gold span as (start, end): offsets as given, or the text's first occurrence as whole words (inside
    ``within`` first). Whole words, because a short actor text such as "he" is a substring of "She" and
    "the", and the actor-only country figure keys gold countries by span."""
    if isinstance(value, dict):
        return int(value["start"]), int(value["end"])
    if not value:
        return None
    pattern = _whole(value)
    if within is not None:
        m = pattern.search(text, within[0], within[1])
        if m:
            return m.span()
    m = pattern.search(text)
    return m.span() if m else None


def _whole(value: str) -> re.Pattern[str]:
    """``value`` as a pattern that does not start or end inside a word (where it starts or ends with one)."""
    left = r"(?<!\w)" if value[0].isalnum() else ""
    right = r"(?!\w)" if value[-1].isalnum() else ""
    return re.compile(left + re.escape(value) + right)


def _as_text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def read_news_gold(path: Path | str, articles: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Gold articles with every span resolved to offsets and text; an id missing from ``articles`` is an error."""
    gold = []
    for rec in last_by_id(path):  # a review-mode corrections file appends a line per click: the last one counts
        aid = str(rec.get("id"))
        if aid not in articles:
            raise InputError(f"{path}: article {aid!r} is not in the articles file")
        gold.append(resolve_gold(rec, articles[aid]["text"]))
    return gold


def resolve_gold(rec: dict[str, Any], text: str) -> dict[str, Any]:
    """One gold article with spans as (start, end) offsets plus their text (labels give either)."""
    events = []
    for ev in rec.get("events") or []:
        span = _span(ev.get("evidence"), text)
        g = {"type": ev.get("type"), "status": ev.get("status"), "span": span}
        g["evidence"] = text[span[0] : span[1]] if span else ev.get("evidence")
        g["trigger_span"] = _span(ev.get("trigger"), text, span)
        date = _span(ev.get("date_text"), text, span)
        g["date_text"] = text[date[0] : date[1]] if date else _as_text(ev.get("date_text"))
        for role in ("source", "target"):
            actors = []
            for a in ev.get(role) or []:
                a_span = _span(a.get("text"), text, span)
                actors.append(
                    {
                        "text": text[a_span[0] : a_span[1]] if a_span else _as_text(a.get("text")),
                        "span": a_span,
                        "name": a.get("name"),
                        "country": a.get("country"),
                        "sector": a.get("sector"),
                    }
                )
            g[role] = actors
        events.append(g)
    return {"id": str(rec.get("id")), "events": events}


# ---------------------------------------------------------------- matching
def _content_words(*texts: str | None) -> set[str]:
    words: set[str] = set()
    for t in texts:
        words |= {w.lower() for w in _WORD.findall(t or "")}
    return words - _FUNCTION_WORDS - _TITLES


def role_right(gold_actors: list[dict], pred: dict | None) -> bool:
    """Is the predicted actor one of the gold ones (see module doc)?"""
    if not gold_actors:
        return True
    if not pred:
        return False
    mine = _content_words(pred.get("text"), pred.get("name"))
    for g in gold_actors:
        if mine & _content_words(g.get("text"), g.get("name")):
            return True
        if not g.get("text") and g.get("country") and pred.get("country") == g.get("country"):
            return True
    return False


def country_right(gold_actors: list[dict], got: str | None) -> bool | None:
    """Does ``got`` equal a gold actor's country? None when gold gives no country."""
    codes = {g["country"] for g in gold_actors if g.get("country")}
    if not codes:
        return None
    return got in codes or ("IGO" in codes and got in {"UNO", "EUR"})


def match_events(gold_events: list[dict], predicted: list[dict]) -> list[tuple[int, int]]:
    """(gold index, predicted index) pairs: same type, overlapping evidence, one to one, greedy in gold order."""
    used: set[int] = set()
    pairs = []
    for gi, g in enumerate(gold_events):
        if g["span"] is None:
            continue
        gs, ge = g["span"]
        for pi, p in enumerate(predicted):
            ev = p.get("evidence") or {}
            if pi in used or p.get("event_type") != g["type"] or ev.get("start") is None:
                continue
            if ev["start"] < ge and gs < ev["end"]:
                used.add(pi)
                pairs.append((gi, pi))
                break
    return pairs


def _predicted_mentions(result: dict) -> list[tuple[int, int, str | None]]:
    """(start, end, country) of every actor mention eventwire gave, from its actors and event roles."""
    out = []
    for actor in result.get("actors") or []:
        for m in actor.get("mentions") or []:
            out.append((m["start"], m["end"], actor.get("country")))
    for ev in result.get("events") or []:
        for role in ("source", "target"):
            r = ev.get(role)
            if r and r.get("start") is not None:
                out.append((r["start"], r["end"], r.get("country")))
    return out


def _overlapping_country(span: tuple[int, int], mentions: list[tuple[int, int, str | None]]) -> tuple[bool, str | None]:
    """(found, country) of the predicted mention that overlaps ``span`` the most."""
    best, country = 0, None
    for s, e, c in mentions:
        overlap = min(e, span[1]) - max(s, span[0])
        if overlap > best:
            best, country = overlap, c
    return best > 0, country


# ---------------------------------------------------------------- scoring
def score_news(
    gold: list[dict[str, Any]], articles: dict[str, dict[str, Any]], results: dict[str, dict[str, Any]]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The figures (a dict) and the per-article errors: unmatched gold events (missed), unmatched predictions
    (spurious), and type-matched events whose source or target is wrong (roles)."""
    n = Counter()
    per_type: dict[str, Counter] = {}
    bands = [[0, 0] for _ in BANDS]
    errors = []
    for art in gold:
        aid, gevs = art["id"], art["events"]
        result = results.get(aid) or {}
        pevs = result.get("events") or []
        _count_article(articles[aid], gevs, pevs, n)
        pairs = match_events(gevs, pevs)
        matched_pred = {pi for _, pi in pairs}
        for g in gevs:
            per_type.setdefault(g["type"], Counter())["gold"] += 1
        for p in pevs:
            per_type.setdefault(p.get("event_type"), Counter())["pred"] += 1
        roles = []
        for gi, pi in pairs:
            per_type[gevs[gi]["type"]]["hit"] += 1
            if wrong := _count_match(gevs[gi], pevs[pi], n):
                roles.append(wrong)
        _count_bands(pevs, matched_pred, bands)
        _actor_only(gevs, _predicted_mentions(result), n)
        misses = _misses(gevs, pevs, {gi for gi, _ in pairs}, matched_pred)
        if misses["missed"] or misses["spurious"] or roles:
            errors.append({"id": aid, **misses, "roles": roles})
    return _report(n, per_type, bands, len(gold)), errors


def _count_article(article: dict[str, Any], gevs: list[dict], pevs: list[dict], n: Counter) -> None:
    """Count an article's words and events; a non-political article's predicted events apart (each is spurious)."""
    words = len(article["text"].split())
    n["words"] += words
    if article.get("category") in NONPOLITICAL:
        n["pred_nonpol"] += len(pevs)
        n["words_nonpol"] += words
        n["articles_nonpol"] += 1
    n["gold"] += len(gevs)
    n["pred"] += len(pevs)


def _count_match(g: dict[str, Any], p: dict[str, Any], n: Counter) -> dict[str, Any] | None:
    """Count what a type-matched pair gets right: source, target, both (the record), status, date words, and
    the country of each role whose gold gives one. Returns the wrong roles as ``--errors`` writes them (None
    when both are right): so a reader can check each role error as a type error is checked."""
    n["typed"] += 1
    src, tgt = role_right(g["source"], p.get("source")), role_right(g["target"], p.get("target"))
    n["src"] += src
    n["tgt"] += tgt
    n["record"] += src and tgt
    n["status"] += HAPPENED.get(p.get("modality"), "possible") == g["status"]
    _count_date(g.get("date_text"), p.get("date_text"), n)
    for role in ("source", "target"):
        ok = country_right(g[role], (p.get(role) or {}).get("country"))
        if ok is not None:
            n["ctry_n"] += 1
            n["ctry"] += ok
    if src and tgt:
        return None
    wrong = {"type": g["type"], "evidence": g["evidence"]}
    for role, right in (("source", src), ("target", tgt)):
        if not right:
            given = p.get(role) or {}
            wrong[role] = {
                "gold": [a.get("text") or a.get("country") for a in g[role]],
                "given": given.get("text"),
                "name": given.get("name"),
            }
    return wrong


def _count_bands(pevs: list[dict], matched: set[int], bands: list[list[int]]) -> None:
    """Add each predicted event to its confidence band: [events, of them matched]."""
    for pi, p in enumerate(pevs):
        conf = p.get("confidence") or 0.0
        for b, (lo, hi) in enumerate(BANDS):
            if lo <= conf < hi:
                bands[b][0] += 1
                bands[b][1] += pi in matched
                break


def _misses(gevs: list[dict], pevs: list[dict], matched_gold: set[int], matched_pred: set[int]) -> dict[str, list]:
    """The article's unmatched gold events (missed) and unmatched predictions (spurious), as ``--errors`` writes them."""
    missed = [
        {"type": g["type"], "evidence": g["evidence"], "status": g["status"]}
        for gi, g in enumerate(gevs)
        if gi not in matched_gold
    ]
    spurious = [
        {
            "type": p.get("event_type"),
            "trigger": (p.get("trigger") or {}).get("text"),
            "confidence": p.get("confidence"),
            "evidence": (p.get("evidence") or {}).get("text"),
        }
        for pi, p in enumerate(pevs)
        if pi not in matched_pred
    ]
    return {"missed": missed, "spurious": spurious}


def _count_date(gold: str | None, got: str | None, n: Counter) -> None:
    """Count one type-matched event's date words: given by the gold, given by the coder, and the same words
    (one text holds the other, ignoring case and spacing: "Wednesday" and "on Wednesday" agree). The gold
    marks a date only where the annotator saw one said of that event, so the precision is a floor."""
    n["date_gold"] += gold is not None
    n["date_pred"] += got is not None
    if gold is not None and got is not None:
        g, p = (" ".join(t.lower().split()) for t in (gold, got))
        n["date_hit"] += bool(g and p) and (p in g or g in p)


def _actor_only(gevs: list[dict], mentions: list[tuple[int, int, str | None]], n: Counter) -> None:
    """Count every annotated actor mention with a country once: found, and country right."""
    seen: dict[tuple[int, int], set[str]] = {}
    for g in gevs:
        for a in g["source"] + g["target"]:
            if a["span"] is not None and a.get("country"):
                seen.setdefault(a["span"], set()).add(a["country"])
    for span, codes in seen.items():
        found, got = _overlapping_country(span, mentions)
        n["actor_mentions"] += 1
        n["actor_found"] += found
        n["actor_country"] += found and country_right([{"country": c} for c in codes], got)


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 3) if b else None


def _f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None:
        return None
    return round(2 * p * r / (p + r), 3) if p + r else 0.0


def _report(n: Counter, per_type: dict[str, Counter], bands: list[list[int]], articles: int) -> dict[str, Any]:
    tp, tr = _ratio(n["typed"], n["pred"]), _ratio(n["typed"], n["gold"])
    rp, rr = _ratio(n["record"], n["pred"]), _ratio(n["record"], n["gold"])
    accuse = per_type.get("ACCUSE", Counter())
    return {
        "articles": articles,
        "gold_events": n["gold"],
        "predicted_events": n["pred"],
        "type_precision": tp,
        "type_recall": tr,
        "type_f1": _f1(tp, tr),
        "record_precision": rp,
        "record_recall": rr,
        "record_f1": _f1(rp, rr),
        "accuse_recall": _ratio(accuse["hit"], accuse["gold"]),
        "accuse_found": f"{accuse['hit']} of {accuse['gold']}",
        "nonpolitical_articles": n["articles_nonpol"],
        "nonpolitical_events_per_1k_words": _ratio(1000 * n["pred_nonpol"], n["words_nonpol"]),
        "status_right_given_type": _ratio(n["status"], n["typed"]),
        "source_right_given_type": _ratio(n["src"], n["typed"]),
        "target_right_given_type": _ratio(n["tgt"], n["typed"]),
        "country_right_given_type": _ratio(n["ctry"], n["ctry_n"]),
        "date_text_recall_given_type": _ratio(n["date_hit"], n["date_gold"]),
        "date_text_precision_given_type": _ratio(n["date_hit"], n["date_pred"]),
        "date_texts": f"{n['date_hit']} right of {n['date_gold']} gold, {n['date_pred']} given",
        "actor_mentions": n["actor_mentions"],
        "actor_found": _ratio(n["actor_found"], n["actor_mentions"]),
        "actor_country_right": _ratio(n["actor_country"], n["actor_mentions"]),
        "precision_by_confidence": [
            {"band": f"{lo:.1f}-{min(hi, 1.0):.1f}", "events": k, "precision": _ratio(ok, k)}
            for (lo, hi), (k, ok) in zip(BANDS, bands, strict=True)
        ],
        "per_type": {
            t: {
                "gold": c["gold"],
                "predicted": c["pred"],
                "matched": c["hit"],
                "precision": _ratio(c["hit"], c["pred"]),
                "recall": _ratio(c["hit"], c["gold"]),
            }
            for t, c in sorted(per_type.items(), key=lambda kv: str(kv[0]))
        },
    }


def read_predictions(path: Path | str) -> dict[str, dict[str, Any]]:
    """Result records (``eventwire code`` output) by article id."""
    return {str(r["article"]["id"]): r for r in _jsonl(path) if r.get("article")}


def code_articles(pipeline, articles: dict[str, dict[str, Any]], ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Run ``pipeline`` over the gold articles; Result records as dicts, by id.

    Each article is read as ``eventwire run`` reads a JSON Lines record (``article_from_record``: its metadata
    fields, and the dateline, wire credit, byline and date its lead lines give), so the yardstick measures what
    a run codes; its text is kept as annotated.
    """
    from eventwire.ingest import article_from_record

    items = [article_from_record(articles[aid], keep_markup=True) for aid in ids]
    return {r.article.id: r.to_dict() for r in pipeline.code_many(items)}


def evaluate_news(
    pipeline,
    gold_path: Path | str,
    articles_path: Path | str,
    *,
    predictions_path: Path | str | None = None,
    errors_path: Path | str | None = None,
) -> dict[str, Any]:
    """Code (or read the predictions of) the gold articles and score them (see module doc)."""
    articles = read_articles(articles_path)
    gold = read_news_gold(gold_path, articles)
    if predictions_path is not None:
        results = read_predictions(predictions_path)
    else:
        results = code_articles(pipeline, articles, [g["id"] for g in gold])
    report, errors = score_news(gold, articles, results)
    report = {"gold": str(gold_path), **report}
    if errors_path is not None:
        write_objects(errors_path, errors)
    return report


def format_news_report(report: dict[str, Any]) -> str:
    """The report as plain text for people."""
    r = report
    lines = [
        f"gold: {r['gold']}  ({r['articles']} articles, {r['gold_events']} gold events, "
        f"{r['predicted_events']} predicted)",
        f"type precision       {fmt_figure(r['type_precision'])}",
        f"type recall          {fmt_figure(r['type_recall'])}",
        f"type F1              {fmt_figure(r['type_f1'])}",
        f"record precision     {fmt_figure(r['record_precision'])}   (type + source + target right)",
        f"record recall        {fmt_figure(r['record_recall'])}",
        f"ACCUSE recall        {fmt_figure(r['accuse_recall'])}   ({r['accuse_found']})",
        "non-political events per 1,000 words  "
        + ("n/a (no article has a non-political category)" if not r["nonpolitical_articles"]
           else f"{r['nonpolitical_events_per_1k_words']}  ({r['nonpolitical_articles']} articles)"),
        f"status right         {fmt_figure(r['status_right_given_type'])}   (among type-matched events)",
        f"source right         {fmt_figure(r['source_right_given_type'])}   (among type-matched events)",
        f"target right         {fmt_figure(r['target_right_given_type'])}   (among type-matched events)",
        f"country right        {fmt_figure(r['country_right_given_type'])}   (among type-matched events)",
        f"date text recall     {fmt_figure(r['date_text_recall_given_type'])}   (among type-matched events: "
        f"{r['date_texts']})",
        f"date text precision  {fmt_figure(r['date_text_precision_given_type'])}",
        f"actor country right  {fmt_figure(r['actor_country_right'])}   (every annotated actor mention, "
        f"{r['actor_mentions']}; an overlapping actor found for {fmt_figure(r['actor_found']).strip()})",
        "",
        "precision by confidence:",
    ]  # fmt: skip
    for b in r["precision_by_confidence"]:
        lines.append(f"  {b['band']}  events {b['events']:>5}  precision {fmt_figure(b['precision'])}")
    lines += ["", f"{'type':<10} {'gold':>5} {'pred':>5} {'match':>5} {'prec':>6} {'recall':>6}"]
    for t, row in r["per_type"].items():
        lines.append(
            f"{t!s:<10} {row['gold']:>5} {row['predicted']:>5} {row['matched']:>5} "
            f"{fmt_figure(row['precision']):>6} {fmt_figure(row['recall']):>6}"
        )
    return "\n".join(lines)
