"""One error shape for every JSON error; 413 over the body cap; 422 with a message; 404 for unknown ids."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from eventwire.serve.app import create_app


class BrokenPipeline:
    def code_many(self, articles):
        raise RuntimeError("boom")


@pytest.fixture(scope="module")
def client(db_path):
    app = create_app(str(db_path), max_body_bytes=1000, pipeline_factory=BrokenPipeline)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


CASES = [
    ("GET", "/api/events?quad_class=7", 422, "quad_class"),
    ("GET", "/api/events?date_from=2024-02-30", 422, "date_from"),
    ("GET", "/api/events?date_from=yesterday", 422, "date_from"),
    ("GET", "/api/events?date_from=2024-03-08&date_to=2024-03-01", 422, "date_to"),
    ("GET", "/api/events?event_type=HUG", 422, "event_type"),
    ("GET", "/api/events?country=Russia", 422, "country"),
    ("GET", "/api/events?limit=0", 422, "limit"),
    ("GET", "/api/events?limit=100000", 422, "limit"),
    ("GET", "/api/events?offset=-1", 422, "offset"),
    ("GET", "/api/events?limit=ten", 422, "limit"),
    ("GET", "/api/events?duplicates=maybe", 422, "duplicates"),
    ("GET", "/api/actors?country=R", 422, "country"),
    ("GET", "/api/actors?limit=-5", 422, "limit"),
    ("GET", "/api/stance", 422, "target"),
    ("GET", "/api/stance?target=x", 422, "target"),
    ("GET", "/api/timeline?quad_class=0", 422, "quad_class"),
    ("GET", "/api/network?max_nodes=1", 422, "max_nodes"),
    ("GET", "/api/articles/no-such-article", 404, "no-such-article"),
    ("GET", "/api/articles/..%2F..%2Fetc%2Fpasswd", 404, "../../etc/passwd"),
    ("GET", "/api/actors/state.XXX", 404, "state.XXX"),
    ("GET", "/api/nothing-here", 404, "Not Found"),
    ("GET", "/api/code", 405, "Method Not Allowed"),
    ("POST", "/api/code", 422, "body"),
    ("POST", "/api/events", 405, "Method Not Allowed"),
    ("GET", "/api/events?min_confidence=1.5", 422, "min_confidence"),
    ("GET", "/api/events.csv?sort=up", 422, "sort"),
    ("GET", "/api/events.jsonl?modality=maybe", 422, "modality"),
    ("GET", "/api/events.csv?limit=0", 422, "limit"),
    ("GET", "/api/articles.jsonl?confidence=high", 422, "confidence"),
    ("GET", "/api/statements?kind=shouted", 422, "kind"),
    ("GET", "/api/statements.csv?date_from=soon", 422, "date_from"),
    ("GET", "/api/statements.jsonl?limit=0", 422, "limit"),
    ("GET", "/api/actors.csv?sort=height", 422, "sort"),
    ("GET", "/api/actors.jsonl?country=Poland", 422, "country"),
    ("GET", "/api/statements?speaker_country=Russia", 422, "speaker_country"),
    ("GET", "/api/actors?sort=height", 422, "sort"),
    ("GET", "/api/actors?resolved=perhaps", 422, "resolved"),
    ("GET", "/api/timeline?span=some", 422, "span"),
    ("GET", "/api/network?actors=few", 422, "actors"),
    ("GET", "/api/review/gold.jsonl", 404, "--review"),
    ("GET", "/api/review/articles.jsonl", 404, "--review"),
]


@pytest.mark.parametrize(("method", "url", "status", "mentions"), CASES)
def test_error_shape_on_every_route(client, method, url, status, mentions):
    r = client.request(method, url)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"ok", "error", "status"}
    assert body["ok"] is False and body["status"] == status
    assert mentions in body["error"]


@pytest.mark.parametrize(
    ("payload", "mentions"),
    [
        ({}, "text"),
        ({"text": ""}, "text"),
        ({"text": 5}, "text"),
        ({"text": "Talks resumed.", "published": "soon"}, "published"),
        ({"text": "Talks resumed.", "colour": "red"}, "colour"),
    ],
)
def test_code_bad_bodies_are_422(client, payload, mentions):
    r = client.post("/api/code", json=payload)
    assert r.status_code == 422
    assert mentions in r.json()["error"]


def test_code_invalid_json_is_422(client):
    r = client.post("/api/code", content=b'{"text": ', headers={"content-type": "application/json"})
    assert r.status_code == 422 and r.json()["ok"] is False


def test_body_over_the_cap_is_413_by_content_length(client):
    r = client.post("/api/code", json={"text": "x" * 2000})
    assert r.status_code == 413
    assert r.json() == {"ok": False, "error": "request body is larger than 1000 bytes", "status": 413}


def test_body_over_the_cap_is_413_without_content_length(client):
    def chunks():  # streamed (chunked): no Content-Length to trust, the bytes are counted
        for _ in range(5):
            yield b"x" * 400

    r = client.post("/api/code", content=chunks(), headers={"content-type": "application/json"})
    assert "content-length" not in r.request.headers
    assert r.status_code == 413 and r.json()["status"] == 413


def test_internal_error_keeps_the_shape(client):
    r = client.post("/api/code", json={"text": "Talks resumed in Geneva on Monday."})
    assert r.status_code == 500
    assert r.json() == {"ok": False, "error": "internal error (see the server log)", "status": 500}


@pytest.mark.parametrize(
    "url",
    [
        "/?quad_class=9", "/?sort=height", "/?limit=0", "/timeline?date_to=tomorrow", "/network?event_type=HUG",
        "/stance?target=x", "/statements?kind=shouted", "/actors?country=R",
    ],
)  # fmt: skip
def test_pages_show_bad_parameters_as_html_422(client, url):
    r = client.get(url)
    assert r.status_code == 422 and r.headers["content-type"].startswith("text/html")
    assert "Error 422" in r.text


@pytest.mark.parametrize(
    "url", ["/articles/nope", "/actors/nope", "/static/app.py", "/static/..%2F__init__.py", "/nowhere"]
)
def test_pages_unknown_are_html_404(client, url):
    r = client.get(url)
    assert r.status_code == 404 and "Error 404" in r.text


def test_bad_content_length_is_400(client):
    r = client.post("/api/code", content=b"{}", headers={"content-length": "abc", "content-type": "application/json"})
    assert r.status_code == 400 and r.json()["status"] == 400


def test_non_json_body_is_refused(client):
    """A cross-site form or text/plain POST (no CORS preflight) never reaches the pipeline."""
    r = client.post("/api/code", content=b'{"text": "Talks resumed."}', headers={"content-type": "text/plain"})
    assert r.status_code == 422 and "application/json" in r.json()["error"]


def test_other_host_names_are_refused_when_told(db_path):
    app = create_app(str(db_path), allowed_hosts=["127.0.0.1", "localhost"])
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        assert c.get("/api/events").status_code == 200
        assert c.get("/api/events", headers={"host": "localhost:8000"}).status_code == 200
        r = c.get("/api/events", headers={"host": "attacker.example"})
        assert r.status_code == 400 and r.json()["ok"] is False and "127.0.0.1" in r.json()["error"]
