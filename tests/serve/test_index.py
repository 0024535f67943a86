"""The in-memory event index selects exactly what the SQL filters select, NULLs and all."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from eventwire.schema import EVENT_TYPES, Actor, ActorRef, Article, Event, Evidence, Result
from eventwire.serve import queries
from eventwire.serve.index import EventIndex
from eventwire.serve.queries import MODALITIES, SORTS, EventFilters
from eventwire.store import Store

CONFIDENCES = [0.3, 0.5, 0.7, 0.75, 0.9, 1.0]
STATES = [("RUS", "Russia"), ("UKR", "Ukraine"), ("POL", "Poland"), ("TUR", "Türkiye"), ("USA", "United States")]


def random_result(i: int, rng: random.Random) -> Result:
    """An article of 4 short events with random actors (some missing), types, dates (some missing)."""
    parts, events, actors = [], [], {}
    for k in range(4):
        (sc, sn), (tc, tn) = rng.sample(STATES, 2)
        sentence = f"{sn} acted on {tn} (note {i}-{k}). "
        start = sum(len(p) for p in parts)
        parts.append(sentence)
        refs = []
        for code, name, at in ((sc, sn, start), (tc, tn, start + len(sn) + 10)):
            if code not in actors:
                entry = f"state.{code}" if rng.random() < 0.8 else None
                actors[code] = Actor(f"a{len(actors) + 1}", name, code, "GOV", kind="state", entry=entry)
            refs.append(
                ActorRef(actors[code].id, name, at, at + len(name), name, code, "GOV") if rng.random() < 0.85 else None
            )
        etype = rng.choice(EVENT_TYPES)
        day = date(2024, 1, 1) + timedelta(days=rng.randrange(60))
        events.append(
            Event(
                id=f"e{k + 1}", event_type=etype, mode=None, cameo="01", quad_class=rng.randint(1, 4), goldstein=0.0,
                plover_score=0.0, source=refs[0], target=refs[1], date=day.isoformat() if rng.random() < 0.9 else None,
                date_precision="day", date_text=None, location=None, modality=rng.choice(MODALITIES[:3]), statement_id=None,
                evidence=Evidence(start, start + len(sentence) - 1, sentence[:-1]),
                trigger=Evidence(start + len(sn) + 1, start + len(sn) + 6, "acted"), confidence=rng.choice(CONFIDENCES),
            )
        )  # fmt: skip
    dup = f"rand-{i - 1}" if i and rng.random() < 0.15 else None
    publisher = rng.choice(["a.test", "b.test", None])
    art = Article(
        id=f"rand-{i}", text="".join(parts).strip(), published="2024-03-01", publisher=publisher, duplicate_of=dup
    )
    return Result(article=art, events=events, actors=list(actors.values()))


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    rng = random.Random(7)
    path = tmp_path_factory.mktemp("index") / "rand.duckdb"
    with Store(path) as store:
        store.write_many(random_result(i, rng) for i in range(40))
    con = queries.open_store(str(path))
    yield con
    con.close()


def sql_ords(con, f: EventFilters) -> list[int]:
    where, params = f.where()
    cur = con.cursor().execute(f"SELECT ord FROM ev e WHERE {where} ORDER BY {f.order_by()}", params)
    return [r[0] for r in cur.fetchall()]


FILTERS = [
    {},
    {"duplicates": "true"},
    {"actor": "rus"},
    {"actor": "Türk"},
    {"actor": "state.POL"},
    {"actor": "rand-3:a1"},
    {"actor": "zzz"},
    {"country": "UKR"},
    {"country": "FRA"},
    {"event_type": "ASSAULT,AID"},
    {"quad_class": "4"},
    {"date_from": "2024-01-20"},
    {"date_to": "2024-01-10"},
    {"date_from": "2024-01-05", "date_to": "2024-02-01", "country": "POL", "duplicates": "true"},
    {"actor": "united", "quad_class": "1"},
    {"q": "acted"},
    {"q": "NOTE 3-"},
    {"q": "te 1"},  # spans two words
    {"q": "russia", "country": "POL"},
    {"q": "100%_"},  # wildcards are literal
    {"q": "zzz"},
    {"modality": "negated,proposed"},
    {"source_country": "RUS", "target_country": "UKR"},
    {"publisher": "a.test"},
    {"min_confidence": "0.75"},
    {"confidence": "0.7-0.9"},
    {"confidence": "0.9-1", "modality": "asserted"},
    {"confidence": "0-0.5"},
    *({"sort": s} for name in SORTS for s in (name, "-" + name)),
    {"sort": "-confidence", "country": "POL", "duplicates": "true"},
]


@pytest.mark.parametrize("params", FILTERS, ids=lambda p: "&".join(f"{k}={v}" for k, v in p.items()) or "none")
def test_index_matches_sql(con, params):
    f = EventFilters.parse(**params)
    index = EventIndex(con)
    assert index.supports(f)
    assert index.select(f).tolist() == sql_ords(con, f)


def test_index_matches_sql_on_random_filters(con):
    index = EventIndex(con)
    rng = random.Random(3)
    for _ in range(200):
        params = {}
        if rng.random() < 0.4:
            params["actor"] = rng.choice(["r", "po", "UNITED", "state.RUS", "kraine", "rand-5:a2"])
        if rng.random() < 0.4:
            params["country"] = rng.choice([c for c, _ in STATES])
        if rng.random() < 0.3:
            params["event_type"] = ",".join(rng.sample(EVENT_TYPES, rng.randint(1, 3)))
        if rng.random() < 0.3:
            params["quad_class"] = str(rng.randint(1, 4))
        if rng.random() < 0.3:
            params["date_from"] = (date(2024, 1, 1) + timedelta(days=rng.randrange(60))).isoformat()
        if rng.random() < 0.2:
            params["duplicates"] = "true"
        if rng.random() < 0.2:
            params["modality"] = ",".join(rng.sample(MODALITIES, 2))
        if rng.random() < 0.2:
            params["min_confidence"] = str(rng.choice(CONFIDENCES))
        if rng.random() < 0.2:
            params["confidence"] = rng.choice(["0.9-1", "0.7-0.9", "0.5-0.7", "0-0.5"])
        if rng.random() < 0.2:
            params["publisher"] = rng.choice(["a.test", "b.test"])
        if rng.random() < 0.4:
            params["sort"] = rng.choice(["", "-"]) + rng.choice(list(SORTS))
        if rng.random() < 0.3:
            params["q"] = rng.choice(["note 1", "acted on", "states", "ine (", "2-3", "ukr", ")."])
        f = EventFilters.parse(**params)
        assert index.select(f).tolist() == sql_ords(con, f), params


def test_text_search_goes_to_sql_above_the_memory_cap(con, monkeypatch):
    import eventwire.serve.index as index_module

    f = EventFilters.parse(q="acted", country="UKR", sort="source")
    assert EventIndex(con).supports(f)
    monkeypatch.setattr(index_module, "MAX_TEXT_CHARS", 10)
    small = EventIndex(con)
    assert not small.supports(f) and small.supports(EventFilters.parse(country="UKR"))
    assert small.select(f, con.cursor()).tolist() == sql_ords(con, f)


@pytest.mark.parametrize("joint_cells", [1, 1 << 16], ids=["one-facet-per-count", "facets-counted-together"])
@pytest.mark.parametrize("params", [{"country": "RUS"}, {"duplicates": "true"}], ids=["sparse", "dense"])
def test_facet_counts_are_those_of_the_matching_events(con, monkeypatch, joint_cells, params):
    import eventwire.serve.index as index_module

    monkeypatch.setattr(index_module, "JOINT_CELLS", joint_cells)
    index = EventIndex(con)
    f = EventFilters.parse(**params)
    facets = index.facets(index.mask(f), top=100)
    where, params = f.where()
    cur = con.cursor()
    for facet, column in (("event_type", "event_type"), ("publisher", "article_publisher"), ("modality", "modality")):
        sql = cur.execute(
            f"SELECT {column}, count(*) FROM ev e WHERE {where} AND {column} IS NOT NULL GROUP BY 1", params
        ).fetchall()
        assert dict(facets[facet]["values"]) == dict(sql) and facets[facet]["more"] == 0
    n = cur.execute(f"SELECT count(*) FROM ev e WHERE {where} AND confidence >= 0.9", params).fetchone()[0]
    assert dict(facets["confidence"]["values"]).get("0.9-1", 0) == n
    months = dict(facets["month"]["values"])
    assert sum(months.values()) == cur.execute(f"SELECT count(date) FROM ev e WHERE {where}", params).fetchone()[0]
    counts = [n for _, n in facets["event_type"]["values"]]
    assert counts == sorted(counts, reverse=True)


def test_table_rows_from_memory_are_the_stored_rows(con):
    index = EventIndex(con)
    ords = index.select(EventFilters.parse(duplicates="true", sort="source")).tolist()[:40]
    rows = index.table_rows(ords)
    stored = queries.rows_by_ord(con.cursor(), ords)
    assert [r["id"] for r in rows] == [stored[o]["id"] for o in ords]
    for row, o in zip(rows, ords, strict=True):
        assert row == {k: stored[o][k] for k in row}, o


def test_a_cached_selection_answers_every_sort_and_page_of_its_filters(con):
    index = EventIndex(con)
    first = index.selection(EventFilters.parse(country="UKR"))
    again = index.selection(EventFilters.parse(country="UKR", sort="-confidence"))
    assert again is first and not first.mask.flags.writeable  # shared, so nobody may change it
    for sort in ("-confidence", "source", "-date"):
        f = EventFilters.parse(country="UKR", sort=sort)
        assert index.select(f).tolist() == sql_ords(con, f)
    assert index.facet_counts(first) is index.facet_counts(again)
