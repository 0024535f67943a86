"""The statements and actors views: filters, sort, facets with counts and pages, in SQL.

Events have their own in-memory index (:mod:`eventwire.serve.index`): they are many and the most
asked. Statements and actors are fewer, so one declaration per view says which GET parameters filter
which column and how, which columns sort and facet, and the same few functions answer the page and the
JSON API. Values only ever reach SQL as bound parameters; column names come from these declarations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import duckdb

from eventwire.serve.facets import query_string
from eventwire.serve.queries import BadParameter, _date, _like, _rows


@dataclass(frozen=True)
class Filter:
    """One GET parameter: ``kind`` is how it tests ``columns`` (``text``: substring of any, or equal to a
    key column; ``code``: 3-letter code; ``equal``; ``choice``: one of ``choices``, mapped to SQL;
    ``from``/``to``: dates; ``flag``: true/false, false when absent; ``like``: ``columns[0]`` is a SQL
    condition whose every ``?`` takes the value as a substring pattern)."""

    kind: str
    columns: tuple[str, ...] = ()
    keys: tuple[str, ...] = ()
    choices: tuple[tuple[str, str], ...] = ()
    pattern: str = r"[A-Za-z]{3}"  # of a ``code``


@dataclass(frozen=True)
class Listing:
    """A table view over one in-memory table."""

    table: str
    columns: str
    filters: dict[str, Filter]
    sorts: dict[str, str]
    default_sort: str
    tie: str  # ORDER BY after the chosen sort: the default order
    facets: dict[str, tuple[str, str]]  # facet (= filter parameter) -> (label, SQL expression)

    def parse(self, raw: dict[str, str | None]) -> dict[str, str]:
        """The non-empty known parameters, validated; ``sort`` included when not the default."""
        out: dict[str, str] = {}
        for name, flt in self.filters.items():
            value = (raw.get(name) or "").strip()
            if not value:
                continue
            if len(value) > 200:
                raise BadParameter(name, "is longer than 200 characters")
            if flt.kind == "code":
                if not re.fullmatch(flt.pattern, value):
                    raise BadParameter(name, f"{value!r} is not a code like {'GOV' if '2' in flt.pattern else 'RUS'}")
                value = value.upper()
            elif flt.kind == "choice" and value not in dict(flt.choices):
                raise BadParameter(name, f"{value!r} is not one of {', '.join(dict(flt.choices))}")
            elif flt.kind in ("from", "to"):
                _date(name, value)
            elif flt.kind == "flag":
                if value.lower() not in {"true", "false", "1", "0", "yes", "no", "on", "off"}:
                    raise BadParameter(name, f"{value!r} is not true or false")
                value = "true" if value.lower() in {"true", "1", "yes", "on"} else "false"
            out[name] = value
        sort = (raw.get("sort") or "").strip() or self.default_sort
        if sort.lstrip("-") not in self.sorts:
            raise BadParameter("sort", f"{sort!r} is not one of {', '.join(self.sorts)} (with - for descending)")
        if sort != self.default_sort:
            out["sort"] = sort
        return out

    def where(self, params: dict[str, str], *, skip: str | None = None) -> tuple[str, list[Any]]:
        conds: list[str] = []
        values: list[Any] = []
        for name, flt in self.filters.items():
            value = params.get(name, "false" if flt.kind == "flag" else None)
            if value is None or name == skip:
                continue
            cond, args = _condition(flt, value)
            if cond:
                conds.append(cond)
                values += args
        return " AND ".join(conds) or "TRUE", values

    def order(self, params: dict[str, str]) -> str:
        sort = params.get("sort", self.default_sort)
        direction = "DESC" if sort.startswith("-") else "ASC"
        return f"{self.sorts[sort.lstrip('-')]} {direction} NULLS LAST, {self.tie}"

    def select(self, params: dict[str, str], *, limit: int | None, offset: int) -> tuple[str, list[Any]]:
        """The SQL of the view's rows in its order (``limit`` None: every row from ``offset``), and its values."""
        where, values = self.where(params)
        sql = f"SELECT {self.columns} FROM {self.table} WHERE {where} ORDER BY {self.order(params)}"
        if limit is not None:
            return sql + " LIMIT ? OFFSET ?", [*values, limit, offset]
        return (sql + " OFFSET ?", [*values, offset]) if offset else (sql, values)

    def page(
        self, cur: duckdb.DuckDBPyConnection, params: dict[str, str], *, limit: int, offset: int
    ) -> tuple[int, list[dict[str, Any]]]:
        where, values = self.where(params)
        total = cur.execute(f"SELECT count(*) FROM {self.table} WHERE {where}", values).fetchone()[0]
        cur.execute(*self.select(params, limit=limit, offset=offset))
        return total, _rows(cur)

    def facet_counts(self, cur: duckdb.DuckDBPyConnection, params: dict[str, str], *, top: int = 10) -> dict:
        """Per facet, the matching rows per value, most frequent first: ``{facet: {"values": [(value, n)],
        "more": n}}``. One query for every facet (GROUPING SETS: one scan instead of one per facet)."""
        where, values = self.where(params)
        names = list(self.facets)
        columns = ", ".join(f"({expr})::VARCHAR AS f{i}" for i, (_, expr) in enumerate(self.facets.values()))
        which = " ".join(f"WHEN grouping(f{i}) = 0 THEN {i}" for i in range(len(names)))
        sets = ", ".join(f"(f{i})" for i in range(len(names)))
        cur.execute(
            f"""SELECT facet, v, n, count(*) OVER (PARTITION BY facet) AS distinct_values
                FROM (SELECT CASE {which} END AS facet, coalesce({", ".join(f"f{i}" for i in range(len(names)))}) AS v,
                             count(*) AS n
                      FROM (SELECT {columns} FROM {self.table} WHERE {where}) GROUP BY GROUPING SETS ({sets}))
                WHERE v IS NOT NULL
                QUALIFY row_number() OVER (PARTITION BY facet ORDER BY n DESC, v) <= ?
                ORDER BY facet, n DESC, v""",
            [*values, top],
        )
        out = {name: {"values": [], "more": 0} for name in names}
        for facet, value, n, distinct in cur.fetchall():
            entry = out[names[facet]]
            entry["values"].append((value, n))
            entry["more"] = distinct - len(entry["values"])
        return out


def _condition(flt: Filter, value: str) -> tuple[str, list[Any]]:
    if flt.kind == "text":
        parts = [f"{c} ILIKE ? ESCAPE '\\'" for c in flt.columns] + [f"{k} = ?" for k in flt.keys]
        return "(" + " OR ".join(parts) + ")", [_like(value)] * len(flt.columns) + [value] * len(flt.keys)
    if flt.kind in ("code", "equal"):
        return f"{flt.columns[0]} = ?", [value]
    if flt.kind == "choice":
        return dict(flt.choices)[value], []
    if flt.kind == "like":
        return flt.columns[0], [_like(value)] * flt.columns[0].count("?")
    if flt.kind == "from":
        return f"{flt.columns[0]} >= ?", [_date("date_from", value)]
    if flt.kind == "to":
        return f"{flt.columns[0]} <= ?", [_date("date_to", value)]
    if flt.kind == "flag":  # columns[0] is the condition that the flag being false adds
        return ("", []) if value == "true" else (flt.columns[0], [])
    raise ValueError(flt.kind)


STATEMENTS = Listing(
    table="st",
    columns="id, article_id, local_id, speaker_id, speaker_key, speaker_text, speaker_name, speaker_country, "
    "cue_text, content_text, direct, venue, addressee, date, date_precision, article_title, article_publisher",
    filters={
        "speaker": Filter("text", ("speaker_name", "speaker_text"), ("speaker_key", "speaker_id")),
        "speaker_country": Filter("code", ("speaker_country",)),
        "kind": Filter("choice", choices=(("quoted", "direct"), ("reported", "NOT direct"))),
        "venue": Filter("equal", ("venue",)),
        "publisher": Filter("equal", ("article_publisher",)),
        "date_from": Filter("from", ("date",)),
        "date_to": Filter("to", ("date",)),
        "q": Filter("text", ("content_text", "cue_text", "speaker_name", "speaker_text")),
        "duplicates": Filter("flag", ("duplicate_of IS NULL",)),
    },
    sorts={"date": "date", "speaker": "speaker_name", "publisher": "article_publisher", "venue": "venue"},
    default_sort="-date",
    tie="ord",
    facets={
        "speaker_country": ("Speaker country", "speaker_country"),
        "kind": ("Quoted or reported", "CASE WHEN direct THEN 'quoted' ELSE 'reported' END"),
        "venue": ("Venue", "venue"),
        "publisher": ("Publisher", "article_publisher"),
    },
)

ACTORS = Listing(
    table="actor_index",
    columns="key, name, country, sector, kind, n_articles, n_mentions, n_as_source, n_as_target",
    filters={
        "q": Filter("like", ("(list_bool_or([n ILIKE ? ESCAPE '\\' FOR n IN names]) OR entry ILIKE ? ESCAPE '\\')",)),
        "country": Filter("code", ("country",)),
        "sector": Filter("code", ("sector",), pattern=r"[A-Za-z]{2,4}"),
        "kind": Filter("equal", ("kind",)),
        "resolved": Filter("choice", choices=(("true", "kind <> 'unresolved'"), ("false", "kind = 'unresolved'"))),
    },
    sorts={
        "events": "n_as_source + n_as_target",
        "articles": "n_articles",
        "mentions": "n_mentions",
        "name": "name",
        "as_source": "n_as_source",
        "as_target": "n_as_target",
    },  # fmt: skip
    default_sort="-events",
    tie="n_as_source + n_as_target DESC, n_articles DESC, name, key",
    facets={"country": ("Country", "country"), "sector": ("Sector", "sector"), "kind": ("Kind", "kind")},
)


def links(listing: Listing, params: dict[str, str], counts: dict, *, path: str, extra: dict[str, Any]) -> list[dict]:
    """Facet entries for the page: each value with its count and the URL that adds or removes it."""
    base = {**params, **{k: str(v) for k, v in extra.items() if v not in (None, "")}}
    out = []
    for name, (label, _) in listing.facets.items():
        entry = counts.get(name)
        if not entry or not entry["values"]:
            continue
        choices = []
        for value, n in entry["values"]:
            chosen = params.get(name) == value
            target = {k: v for k, v in base.items() if k not in (name, "offset")}
            if not chosen:
                target[name] = value
            choices.append({"value": value, "n": n, "url": path + "?" + query_string(target), "chosen": chosen})
        out.append({"name": name, "label": label, "choices": choices, "more": entry["more"]})
    return out


def sort_links(listing: Listing, params: dict[str, str], *, path: str, extra: dict[str, Any]) -> dict:
    """Per sortable column, the URL that sorts by it (descending first) and the arrow to show."""
    current = params.get("sort", listing.default_sort)
    base = {k: v for k, v in {**params, **extra}.items() if v not in (None, "") and k not in ("sort", "offset")}
    out = {}
    for key in listing.sorts:
        if current == "-" + key:
            sort, arrow = key, " ▼"
        elif current == key:
            sort, arrow = "-" + key, " ▲"
        else:
            sort, arrow = "-" + key, ""
        query = {**base, **({"sort": sort} if sort != listing.default_sort else {})}
        out[key] = (path + "?" + query_string(query), arrow)
    return out


__all__ = ["ACTORS", "STATEMENTS", "Filter", "Listing", "links", "sort_links"]
