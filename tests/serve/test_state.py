"""Each app keeps its own state (store, index, caches, templates) in ``app.state.explorer``: two apps in
one process never answer with each other's rows, rendered rows or facet counts."""

from __future__ import annotations

from urllib.parse import quote

from fastapi.testclient import TestClient
from serve_records import ID_1, ID_2, article_one

from eventwire.serve.app import create_app
from eventwire.serve.state import Explorer
from eventwire.store import Store


def test_two_apps_in_one_process_keep_their_own_state(db_path, tmp_path):
    small = tmp_path / "one-article.duckdb"
    with Store(small) as store:
        store.write_many([article_one()])
    full, one = create_app(str(db_path), cache_bytes=0), create_app(str(small), cache_bytes=0)
    assert isinstance(full.state.explorer, Explorer) and full.state.explorer is not one.state.explorer
    with TestClient(full) as a, TestClient(one) as b:
        for _ in range(2):  # interleaved and repeated: a cache shared by the apps would cross over here
            assert ID_2 in {e["article_id"] for e in a.get("/api/events").json()["events"]}
            assert {e["article_id"] for e in b.get("/api/events").json()["events"]} == {ID_1}
            assert "/articles/" + quote(ID_2, safe="") in a.get("/").text
            assert "/articles/" + quote(ID_2, safe="") not in b.get("/").text
            said_a = a.get("/api/statements?facets=true").json()
            said_b = b.get("/api/statements?facets=true").json()
            assert said_b["total"] == 2 and said_a["total"] > 2
            assert said_a["facets"] != said_b["facets"]
