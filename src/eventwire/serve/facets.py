"""Facets of the event views as links: each value with its count and the URL that adds (or, when it is
already chosen, removes) it as a filter, keeping every other parameter (Datasette's facets).

The counts come from :meth:`eventwire.serve.index.EventIndex.facets`; this module only turns them into
GET parameters, so a facet link is a permalink like any other view.
"""

from __future__ import annotations

import calendar
import functools
from typing import Any
from urllib.parse import quote_plus, urlencode

from eventwire.serve.queries import EventFilters

FACETS = {
    "event_type": "Type",
    "modality": "Modality",
    "source_country": "Source country",
    "target_country": "Target country",
    "publisher": "Publisher",
    "month": "Date (month)",
    "confidence": "Confidence",
}
PAGE_SIZES = (10, 20, 50, 100, 200, 500)


_quote = functools.lru_cache(maxsize=65_536)(quote_plus)


def query_string(params: dict[str, Any]) -> str:
    """``urlencode(params)``, each key and value quoted once per process: a page of links quotes the same
    few parameters a hundred times (a third of its link-building time)."""
    return urlencode(params, quote_via=_quote)


@functools.lru_cache(maxsize=4096)
def _month_range(month: str) -> tuple[str, str]:
    year, mon = (int(x) for x in month.split("-"))
    return f"{month}-01", f"{month}-{calendar.monthrange(year, mon)[1]:02d}"


def _chosen(f: EventFilters, facet: str, value: str) -> bool:
    if facet in ("event_type", "modality"):
        return getattr(f, facet) == (value,)
    if facet == "month":
        first, last = _month_range(value)
        return (f.date_from and f.date_from.isoformat(), f.date_to and f.date_to.isoformat()) == (first, last)
    return getattr(f, facet) == value


def _toggled(params: dict[str, str], facet: str, value: str, chosen: bool) -> dict[str, str]:
    """``params`` without the facet's own parameters (and the page offset), plus the value unless chosen."""
    out = {k: v for k, v in params.items() if k != "offset"}
    names = ("date_from", "date_to") if facet == "month" else (facet,)
    for name in names:
        out.pop(name, None)
    if not chosen:
        out.update(_added(facet, value))
    return out


def _added(facet: str, value: str) -> dict[str, str]:
    if facet == "month":
        first, last = _month_range(value)
        return {"date_from": first, "date_to": last}
    return {facet: value}


@functools.lru_cache(maxsize=65_536)
def _encoded(facet: str, value: str) -> str:
    """The query-string piece that chooses a facet value (the same few values on every page)."""
    return query_string(_added(facet, value))


def _join(a: str, b: str) -> str:
    return f"{a}&{b}" if a and b else a or b


def facet_links(f: EventFilters, counts: dict[str, dict], *, path: str, extra: dict[str, Any]) -> list[dict[str, Any]]:
    """One entry per facet: its label, its values (label, count, URL, chosen) and how many more values."""
    params = {**f.query_params(), **{k: str(v) for k, v in extra.items() if v not in (None, "")}}
    out = []
    for facet, label in FACETS.items():
        entry = counts.get(facet)
        if not entry or not entry["values"]:
            continue
        values = []
        base = query_string(_toggled(params, facet, "", True))  # the other parameters, encoded once per facet
        for value, n in entry["values"]:
            chosen = _chosen(f, facet, value)
            query = base if chosen else _join(base, _encoded(facet, value))
            values.append({"value": value, "n": n, "url": path + "?" + query, "chosen": chosen})
        out.append({"name": facet, "label": label, "choices": values, "more": entry["more"]})
    return out


def sort_link(f: EventFilters, column: str, *, path: str, extra: dict[str, Any]) -> tuple[str, str]:
    """The URL that sorts by ``column`` (descending first, then ascending) and the arrow to show."""
    params = {**f.query_params(), **{k: str(v) for k, v in extra.items() if v not in (None, "")}}
    params.pop("offset", None)
    if f.sort == "-" + column:
        params["sort"], arrow = column, " ▼"
    elif f.sort == column:
        params["sort"], arrow = "-" + column, " ▲"
    else:
        params["sort"], arrow = "-" + column, ""
    if params["sort"] == "-date":
        params.pop("sort")
    return path + "?" + query_string(params), arrow


__all__ = ["FACETS", "PAGE_SIZES", "facet_links", "query_string", "sort_link"]
