import json

from eventwire.schema import Actor, ActorRef, Article, Event, Evidence, Mention, Result, Statement
from eventwire.store import Store


def _result(article_id="art1", n_events=1):
    text = "Russia accused Poland of provocation, the ministry said."
    ref = ActorRef(id="a1", text="Russia", start=0, end=6, name="Russia", country="RUS", sector="GOV")
    events = [
        Event(
            id=f"e{i + 1}",
            event_type="ACCUSE",
            mode=None,
            cameo="112",
            quad_class=3,
            goldstein=-2.0,
            plover_score=-2.0,
            source=ref,
            target=None,
            date="2022-03-27",
            date_precision="reported",
            date_text=None,
            location=None,
            modality="asserted",
            statement_id="s1",
            evidence=Evidence(0, len(text), text),
            trigger=Evidence(7, 15, "accused"),
            confidence=0.8,
        )  # fmt: skip
        for i in range(n_events)
    ]
    st = Statement(
        id="s1", speaker=None, cue=Evidence(51, 55, "said"), content=Evidence(0, 36, text[:36]), direct=False
    )
    actor = Actor(id="a1", name="Russia", country="RUS", sector="GOV", mentions=[Mention("Russia", 0, 6, "state")])
    return Result(
        article=Article(id=article_id, text=text, published="2022-03-27"),
        events=events,
        statements=[st],
        actors=[actor],
    )


def test_write_is_idempotent_and_round_trips(tmp_path):
    db = tmp_path / "x.duckdb"
    with Store(db) as store:
        store.write(_result(n_events=2))
        store.write(_result(n_events=2))  # a re-run replaces, never duplicates
        assert store.counts() == {"articles": 1, "events": 2, "statements": 1, "actors": 1}
        (back,) = store.results()
        assert back.to_dict() == _result(n_events=2).to_dict()
        row = store.con.execute("SELECT source_country, statement_id FROM events WHERE local_id='e1'").fetchone()
        assert row == ("RUS", "art1:s1")
        assert store.done_ids() == {"art1"}


def test_rewrite_with_fewer_events_removes_stale_rows(tmp_path):
    with Store(tmp_path / "y.duckdb") as store:
        store.write(_result(n_events=3))
        store.write(_result(n_events=1))
        assert store.counts()["events"] == 1
        rec = json.loads(store.con.execute("SELECT record FROM articles").fetchone()[0])
        assert len(rec["events"]) == 1


def test_statement_kind_and_article_warnings_are_columns_also_in_a_database_from_schema_1_0(tmp_path):
    import duckdb

    from eventwire.store import DDL

    path = tmp_path / "old.duckdb"
    old = duckdb.connect(str(path))  # the 1.0 tables: no warnings, no kind
    old.execute(DDL.replace(", warnings VARCHAR[]", "").replace(", kind VARCHAR\n", "\n"))
    old.close()
    result = _result()
    result.statements[0].kind = "belief"
    result.article.warnings.append("unreadable published date 'soon'")
    with Store(path) as store:
        store.write(result)
        assert store.con.execute("SELECT kind FROM statements").fetchone() == ("belief",)
        assert store.con.execute("SELECT warnings FROM articles").fetchone() == (["unreadable published date 'soon'"],)
