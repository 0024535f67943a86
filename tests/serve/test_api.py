"""The JSON API over a hand-made store: filters, pagination, records, aggregates, errors and limits."""

from __future__ import annotations

import json

import duckdb
import pytest
from fake_pipelines import FakePipeline
from fastapi.testclient import TestClient
from serve_records import ID_1, ID_2, ID_DUP, TEXT_2, all_results

from eventwire.serve.app import create_app


@pytest.fixture(scope="module")
def client(db_path):
    with TestClient(create_app(str(db_path), pipeline_factory=FakePipeline)) as c:
        yield c


def ids(body: dict) -> list[str]:
    return [e["id"] for e in body["events"]]


def test_events_default_excludes_duplicate_articles(client):
    body = client.get("/api/events").json()
    assert body["ok"] is True
    assert body["total"] == 6
    assert not any(e["article_id"] == ID_DUP for e in body["events"])
    assert client.get("/api/events?duplicates=true").json()["total"] == 8


def test_events_newest_first_with_article_fields(client):
    events = client.get("/api/events").json()["events"]
    dates = [e["date"] for e in events]
    assert dates == sorted(dates, reverse=True)
    first = events[0]
    assert first["article_title"] == "Russia urges ceasefire" and first["article_published"] == "2024-03-07"
    assert TEXT_2[first["evidence_start"] : first["evidence_end"]] == first["evidence_text"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("actor=poland", {f"{ID_1}:e3", f"{ID_2}:e2"}),
        ("actor=Moscow", {f"{ID_1}:e2"}),  # the mention as written, not only the canonical name
        (f"actor={ID_1}:a3", {f"{ID_1}:e3"}),  # one article's actor, by row id
        ("actor=state.POL", {f"{ID_1}:e3", f"{ID_2}:e2"}),  # an actor across articles, by key
        ("country=pol", {f"{ID_1}:e3", f"{ID_2}:e2"}),
        ("event_type=REJECT", {f"{ID_1}:e1"}),
        ("event_type=reject,accuse", {f"{ID_1}:e1", f"{ID_1}:e4"}),
        ("quad_class=4", {f"{ID_1}:e2"}),
        ("date_from=2024-03-06", {f"{ID_2}:e1", f"{ID_2}:e2"}),
        ("date_to=2024-03-04", {f"{ID_1}:e2"}),
        ("q=ceasefire", {f"{ID_1}:e1", f"{ID_1}:e2", f"{ID_2}:e1"}),
        ("q=ceasefire&country=RUS&quad_class=3", {f"{ID_1}:e1", f"{ID_2}:e1"}),
        ("q=100%", set()),  # LIKE wildcards in the search are literal
        ("actor=&country=&event_type=&quad_class=", None),  # empty form fields mean no filter
    ],
)
def test_event_filters(client, query, expected):
    body = client.get(f"/api/events?{query}&limit=500").json()
    if expected is None:
        assert body["total"] == 6
    else:
        assert set(ids(body)) == expected
        assert body["total"] == len(expected)


def test_pagination_walks_every_event_once(client):
    seen, url = [], "/api/events?limit=2&duplicates=true"
    while url:
        body = client.get(url).json()
        assert body["total"] == 8 and len(body["events"]) <= 2
        seen += ids(body)
        url = body["next"]
    assert len(seen) == len(set(seen)) == 8


def test_article_record_is_what_code_wrote(client):
    expected = {r.article.id: r.to_dict() for r in all_results()}
    for aid in (ID_1, ID_2):  # ID_2 holds slashes
        got = client.get(f"/api/articles/{aid}")
        assert got.status_code == 200
        assert got.json() == json.loads(json.dumps(expected[aid]))


def test_actors_across_articles(client):
    body = client.get("/api/actors").json()
    by_key = {a["key"]: a for a in body["actors"]}
    assert body["total"] == len(by_key) == 5  # 3 states + 2 people (one per article pair)
    assert by_key["state.RUS"]["n_articles"] == 3
    assert by_key["state.RUS"]["n_as_source"] == 5  # incl. the duplicate article's two
    assert [a["key"] for a in client.get("/api/actors?q=minister").json()["actors"]] == [
        "name:ukraine foreign minister"
    ]


def test_actor_profile_by_key_and_by_row_id(client):
    a = client.get("/api/actors/state.POL").json()
    assert a["name"] == "Poland" and a["n_as_source"] == 1 and a["n_as_target"] == 2
    partners = {p["key"]: p for p in a["partners"]}
    assert partners["state.UKR"]["n_to"] == 1 and partners["state.RUS"]["n_from"] == 2
    # a per-article actor id resolves to its cross-article actor
    assert client.get(f"/api/actors/{ID_1}:a2").json()["key"] == "state.RUS"
    speaker = client.get("/api/actors/name:ukraine foreign minister").json()
    assert [s["cue_text"] for s in speaker["statements"]] == ["told"]


def test_stance_groups_by_source_and_type(client):
    rows = client.get("/api/stance?target=ceasefire").json()["rows"]
    assert {(r["source_key"], r["event_type"], r["n"]) for r in rows} == {
        ("state.UKR", "REJECT", 1),
        ("state.RUS", "REQUEST", 1),
    }
    said = client.get("/api/stance?target=ceasefire").json()["statements"]
    assert [(s["source_key"], s["n"]) for s in said] == [("name:kremlin spokesman", 1)]  # a position voiced
    rows = client.get("/api/stance?target=Poland&duplicates=true").json()["rows"]
    assert {(r["source_key"], r["event_type"], r["n"], r["n_articles"]) for r in rows} == {
        ("state.RUS", "THREATEN", 2, 2)
    }


def test_timeline_counts_by_day_and_quad(client):
    body = client.get("/api/timeline").json()
    assert body["bucket"] == "day" and body["total"] == 6
    days = {b["date"]: b["counts"] for b in body["buckets"]}
    assert list(days) == ["2024-03-04", "2024-03-05", "2024-03-06", "2024-03-07"]  # empty days kept
    assert days["2024-03-05"] == {"1": 0, "2": 1, "3": 2, "4": 0}
    assert days["2024-03-06"] == {"1": 0, "2": 0, "3": 0, "4": 0}


def test_network_edges_weighted_and_split(client):
    body = client.get("/api/network?duplicates=true").json()
    edges = {(e["source"], e["target"]): e for e in body["edges"]}
    assert edges[("state.POL", "state.UKR")]["n_coop"] == 1
    assert edges[("state.RUS", "state.POL")]["n"] == 2 and edges[("state.RUS", "state.POL")]["n_conflict"] == 2
    assert {n["key"] for n in body["nodes"]} == {"state.RUS", "state.UKR", "state.POL"}


def test_code_loads_the_pipeline_lazily_once(db_path):
    with TestClient(create_app(str(db_path), pipeline_factory=FakePipeline)) as c:
        lane = c.app.state.explorer.coder.lanes["short"]
        assert lane.process is None  # nothing loads until someone codes text
        text = "BRUSSELS (Wirepress) - The ministers met on Monday."
        for _ in range(2):
            r = c.post("/api/code", json={"text": text, "published": "2024-05-06", "publisher": "example.test"})
            assert r.status_code == 200
            pid = lane.process.pid
        assert lane.process.pid == pid and lane.stopped == 0  # one process, loaded once
    assert lane.process is None  # stopped with the app
    body = r.json()
    assert body["article"]["text"] == text and body["article"]["published"] == "2024-05-06"
    assert body["article"]["dateline"] == "BRUSSELS" and body["article"]["credit"] == "Wirepress"
    assert list(body) == ["schema_version", "status", "reason", "article", "events", "statements", "actors"]


def test_code_with_the_real_pipeline(db_path, pipeline):
    """The default factory loads eventwire's own pipeline (in the coding process): the answer is what the
    pipeline gives in this process."""
    from eventwire.ingest import make_article

    text = (
        "WARSAW (Wirepress) - Poland's president condemned Russia on Monday for the missile strikes on Ukrainian "
        "cities, and the government said it would send more air defence systems to Kyiv."
    )
    with TestClient(create_app(str(db_path))) as c:
        r = c.post("/api/code", json={"text": text, "published": "2024-05-06", "publisher": "example.test"})
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "coded" and body["article"]["dateline"] == "WARSAW"
    assert any(e["event_type"] == "ACCUSE" and (e["target"] or {}).get("country") == "RUS" for e in body["events"])
    for ev in body["events"]:
        assert text[ev["evidence"]["start"] : ev["evidence"]["end"]] == ev["evidence"]["text"]
    article = make_article(text, published="2024-05-06", publisher="example.test")
    expected = next(iter(pipeline.code_many([article]))).to_dict()
    assert body == json.loads(json.dumps(expected))


def test_database_is_read_only(client):
    with pytest.raises(duckdb.Error, match="read-only"):
        client.app.state.explorer.con.cursor().execute("CREATE TABLE store.intruder (x INTEGER)")


def test_openapi_describes_the_api_and_no_cdn_docs(client):
    spec = client.get("/openapi.json").json()
    assert {"/api/code", "/api/events", "/api/articles/{article_id}", "/api/actors", "/api/stance"} <= set(
        spec["paths"]
    )
    params = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"actor", "country", "event_type", "quad_class", "date_from", "date_to", "q", "limit", "offset"} <= params
    assert "/api/events.csv" in spec["paths"] and "/api/events.jsonl" in spec["paths"]


def test_security_headers(client):
    r = client.get("/api/events")
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


def test_get_responses_are_cached_exactly_and_within_budget(db_path):
    from eventwire.serve.middleware import ResponseCache

    app = create_app(str(db_path), cache_bytes=40_000)
    with TestClient(app) as c:
        first = c.get("/api/events?limit=3")
        again = c.get("/api/events?limit=3")
        assert again.content == first.content and again.headers["content-security-policy"]
        assert c.get("/api/events?limit=2").json()["limit"] == 2  # another query, another answer
        assert c.get("/api/events?quad_class=9").status_code == 422
        for i in range(60):
            c.get(f"/api/events?limit=5&offset={i % 6}&q=Russia&_={i}")
        layer = app.middleware_stack
        while not isinstance(layer, ResponseCache):
            layer = layer.app
        assert 0 < layer.size <= 40_000
        assert not any(b"quad_class=9" in q for _, q in layer.entries)  # errors are not kept


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("modality=claimed", {f"{ID_1}:e2", f"{ID_2}:e1"}),
        ("modality=claimed,future", {f"{ID_1}:e2", f"{ID_2}:e1", f"{ID_1}:e3"}),
        ("source_country=RUS", {f"{ID_1}:e2", f"{ID_2}:e1", f"{ID_2}:e2"}),
        ("target_country=RUS", {f"{ID_1}:e1", f"{ID_1}:e4"}),
        ("publisher=wire-mirror.test", {f"{ID_2}:e1", f"{ID_2}:e2"}),
        ("min_confidence=0.8", None),  # every hand-made event has 0.8
        ("min_confidence=0.81", set()),
        ("confidence=0.7-0.9&event_type=REJECT", {f"{ID_1}:e1"}),
        ("confidence=0.9-1", set()),
    ],
)
def test_more_event_filters(client, query, expected):
    body = client.get(f"/api/events?{query}&limit=500").json()
    assert set(ids(body)) == (expected if expected is not None else set(ids(client.get("/api/events").json())))


@pytest.mark.parametrize("query", ["modality=maybe", "min_confidence=2", "min_confidence=x", "confidence=0.1-0.2",
                                   "sort=colour", "source_country=RUSSIA"])  # fmt: skip
def test_bad_filter_values_are_named(client, query):
    r = client.get(f"/api/events?{query}")
    assert r.status_code == 422 and r.json()["error"].startswith(query.split("=")[0])


def test_sort_orders_and_keeps_the_rest_newest_first(client):
    events = client.get("/api/events?sort=type").json()["events"]
    assert [e["event_type"] for e in events] == sorted(e["event_type"] for e in events)
    events = client.get("/api/events?sort=-source").json()["events"]
    names = [e["source_name"] for e in events]
    assert names[-1] is None  # NULLs last
    assert names[:-1] == sorted(names[:-1], reverse=True)
    assert ids(client.get("/api/events?sort=date").json())[0] == f"{ID_1}:e2"  # the oldest
    nxt = client.get("/api/events?sort=type&limit=2").json()["next"]
    assert "sort=type" in nxt


def test_facet_counts_in_the_api(client):
    body = client.get("/api/events?country=RUS&facets=true").json()
    facets = body["facets"]
    assert sum(v["n"] for v in facets["event_type"]["values"]) == body["total"] == 5
    assert {v["value"]: v["n"] for v in facets["source_country"]["values"]} == {"RUS": 3, "UKR": 1}
    assert facets["month"]["values"] == [{"value": "2024-03", "n": 5}]
    assert "facets" not in client.get("/api/events").json()


def test_downloads_stream_the_whole_view(client):
    csv_text = client.get("/api/events.csv?country=POL&sort=date").text
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(csv_text)))
    assert [r["id"] for r in rows] == [f"{ID_1}:e3", f"{ID_2}:e2"]
    assert rows[0]["target_country"] == "UKR" and rows[0]["location_name"] == ""  # NULL is an empty cell
    r = client.get("/api/events.jsonl?duplicates=true")
    assert r.headers["content-disposition"] == 'attachment; filename="events.jsonl"'
    lines = [json.loads(x) for x in r.text.splitlines()]
    assert len(lines) == 8 and lines == client.get("/api/events?duplicates=true").json()["events"]
    empty = client.get("/api/events.csv?q=zzzz").text
    assert empty.startswith("id,article_id,") and empty.count("\n") == 1  # the header alone


def test_articles_download_has_the_eval_shape(client):
    lines = [json.loads(x) for x in client.get("/api/articles.jsonl").text.splitlines()]
    assert {a["id"] for a in lines} == {ID_1, ID_2, ID_DUP}  # coded articles, no skipped input
    assert all(list(a) == ["id", "title", "text", "published", "publisher"] for a in lines)
    one = client.get("/api/articles.jsonl", params={"id": ID_2}).text.splitlines()
    assert [json.loads(x)["text"] for x in one] == [TEXT_2]
    by_filter = client.get("/api/articles.jsonl?event_type=AID").text.splitlines()
    assert [json.loads(x)["id"] for x in by_filter] == [ID_1]


@pytest.fixture(scope="module")
def odd_client(tmp_path_factory):
    """Article one plus an event by an unresolved mention ("them"), dated twenty years before the rest."""
    import dataclasses

    from serve_records import TEXT_1, article_one, at, event

    from eventwire.schema import Actor, ActorRef, Mention
    from eventwire.store import Store

    base = article_one()
    them = Actor(
        id="a9", name="them", country=None, sector=None, kind="unresolved", mentions=[Mention("them", 0, 0, "u")]
    )
    m = at(TEXT_1, "them")
    odd = event(
        "e5", "ACCUSE", "112", 3, ActorRef("a9", "them", m.start, m.end, "them", None, None),
        ActorRef("a2", "Russia", 0, 6, "Russia", "RUS", "GOV"), TEXT_1, "regroup", date="2004-05-01",
    )  # fmt: skip
    result = dataclasses.replace(base, events=[*base.events, odd], actors=[*base.actors, them])
    path = tmp_path_factory.mktemp("odd") / "odd.duckdb"
    with Store(path) as store:
        store.write_many([result])
    with TestClient(create_app(str(path))) as c:
        yield c


def test_network_shows_resolved_actors_unless_asked(odd_client):
    keys = {n["key"] for n in odd_client.get("/api/network").json()["nodes"]}
    assert keys == {"state.UKR", "state.RUS", "state.POL"}
    keys = {n["key"] for n in odd_client.get("/api/network?actors=all").json()["nodes"]}
    assert "name:them" in keys
    assert odd_client.get("/api/network?actors=some").status_code == 422


def test_timeline_lists_a_far_off_date_instead_of_stretching(odd_client):
    body = odd_client.get("/api/timeline").json()
    assert body["outliers"] == [{"date": "2004-05-01", "n": 1}] and body["n_outliers"] == 1
    assert body["bucket"] == "day" and body["from"] == "2024-03-04" and body["to"] == "2024-03-05"
    assert body["total"] == 4
    every = odd_client.get("/api/timeline?span=all").json()
    assert every["bucket"] == "month" and every["total"] == 5 and every["outliers"] == []


def test_statements_filters_sort_and_facets(client):
    body = client.get("/api/statements?facets=true").json()
    assert body["total"] == 3  # the near-duplicate article's statement is left out
    assert {v["value"]: v["n"] for v in body["facets"]["kind"]["values"]} == {"reported": 2, "quoted": 1}
    assert client.get("/api/statements?duplicates=true").json()["total"] == 4
    quoted = client.get("/api/statements?kind=quoted").json()["statements"]
    assert [(s["cue_text"], s["venue"]) for s in quoted] == [("told", "press conference")]
    russian = client.get("/api/statements?speaker_country=rus").json()["statements"]
    assert [s["speaker_name"] for s in russian] == ["Kremlin spokesman"]
    assert client.get("/api/statements?speaker=state.UKR").json()["total"] == 1  # by key
    names = [s["speaker_name"] for s in client.get("/api/statements?sort=speaker").json()["statements"]]
    assert names == sorted(names)
    assert client.get("/api/statements?kind=overheard").status_code == 422


def test_actors_filters_sort_and_facets(client):
    body = client.get("/api/actors?sort=name&facets=true").json()
    names = [a["name"] for a in body["actors"]]
    assert names == sorted(names) and body["total"] == 5
    assert {v["value"]: v["n"] for v in body["facets"]["kind"]["values"]} == {"state": 3, "person": 2}
    assert [a["key"] for a in client.get("/api/actors?country=pol").json()["actors"]] == ["state.POL"]
    assert client.get("/api/actors?sector=gov").json()["total"] == 5
    assert client.get("/api/actors?kind=person&sort=-mentions").json()["total"] == 2
    assert client.get("/api/actors?resolved=false").json()["total"] == 0
    assert client.get("/api/actors?sort=-height").status_code == 422


@pytest.mark.parametrize(
    ("view", "query"),
    [
        ("statements", "duplicates=true&sort=speaker"),
        ("statements", "kind=reported"),
        ("actors", "sort=name"),
        ("actors", "kind=person&sort=-mentions"),
    ],
)
def test_statement_and_actor_downloads_are_the_whole_view(client, view, query):
    import csv
    import io

    listed = client.get(f"/api/{view}?{query}&limit=500").json()[view]
    r = client.get(f"/api/{view}.jsonl?{query}")
    assert r.headers["content-disposition"] == f'attachment; filename="{view}.jsonl"'
    assert [json.loads(x) for x in r.text.splitlines()] == listed  # every row, in the view's order
    rows = list(csv.DictReader(io.StringIO(client.get(f"/api/{view}.csv?{query}").text)))
    assert list(rows[0]) == list(listed[0])  # the columns of the JSON API
    key = "id" if view == "statements" else "key"
    assert [r[key] for r in rows] == [x[key] for x in listed]
    one = client.get(f"/api/{view}.jsonl?{query}&offset=1&limit=1").text.splitlines()
    assert [json.loads(x) for x in one] == listed[1:2]


def test_an_empty_statement_or_actor_download_still_names_its_columns(client):
    for view in ("statements", "actors"):
        text = client.get(f"/api/{view}.csv?q=zzzz").text
        assert text.count("\n") == 1 and text.split(",")[0] in ("id", "key")
        assert client.get(f"/api/{view}.jsonl?q=zzzz").text == ""


def test_network_filters_by_type_and_modality(client):
    edges = client.get("/api/network?event_type=AID").json()["edges"]
    assert [(e["source"], e["target"], e["n"]) for e in edges] == [("state.POL", "state.UKR", 1)]
    edges = client.get("/api/network?modality=claimed").json()["edges"]
    assert [(e["source"], e["target"]) for e in edges] == [("state.RUS", "state.UKR")]
