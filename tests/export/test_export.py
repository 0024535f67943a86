"""Exports read a database and write what other tools read: records, flat tables, GDELT lines."""

from __future__ import annotations

import csv
import json

import duckdb
import pytest

from eventwire.errors import ConfigError
from eventwire.export import export
from eventwire.export.gdelt import COLUMNS, global_event_id
from eventwire.schema import Actor, ActorRef, Article, Event, Evidence, Location, Mention, Result
from eventwire.store import Store

TEXT = (
    "MOSCOW (Wire Service) - Russia's foreign ministry on Tuesday accused Ukraine of shelling a border village.\n"
    "Ukraine did not send troops to the area, officials said."
)


def _ref(aid: str, text: str, start: int, name: str, country: str, sector: str | None) -> ActorRef:
    return ActorRef(id=aid, text=text, start=start, end=start + len(text), name=name, country=country, sector=sector)


def _event(eid: str, *, modality: str = "asserted", cameo: str = "112", location: Location | None = None) -> Event:
    start = TEXT.index("accused")
    return Event(
        id=eid, event_type="ACCUSE", mode=None, cameo=cameo, quad_class=3, goldstein=-2.0, plover_score=-5.0,
        source=_ref("a1", "Russia's foreign ministry", TEXT.index("Russia"), "Russia", "RUS", "GOV"),
        target=_ref("a2", "Ukraine", TEXT.index("Ukraine"), "Ukraine", "UKR", None),
        date="2024-03-05", date_precision="day", date_text="Tuesday", location=location, modality=modality,
        statement_id=None, evidence=Evidence(0, 105, TEXT[:105]), trigger=Evidence(start, start + 7, "accused"),
        confidence=0.9, rule="accuse.v",
    )  # fmt: skip


def _actors() -> list[Actor]:
    return [
        Actor(id="a1", name="Russia", country="RUS", sector="GOV", secondary_sectors=["LEG"], cameo="RUSGOV",
              kind="organisation", mentions=[Mention("Russia's foreign ministry", 23, 48, "states")]),
        Actor(id="a2", name="Ukraine", country="UKR", sector=None, kind="state",
              mentions=[Mention("Ukraine", 70, 77, "states")]),
    ]  # fmt: skip


MOSCOW = Location(name="Moscow", country="RUS", lat=55.75204, lon=37.61781, geonames_id=524901, source="dateline")


@pytest.fixture()
def db(tmp_path) -> str:
    path = str(tmp_path / "events.duckdb")
    first = Article(id="art1", text=TEXT, published="2024-03-06", credit="Wire Service", url="https://example.org/1")
    dup = Article(id="art2", text=TEXT + " ", published="2024-03-06", url="https://example.net/2", duplicate_of="art1")
    results = [
        Result(article=first, events=[_event("e1", location=MOSCOW), _event("e2", modality="negated")],
               actors=_actors()),
        Result(article=dup, events=[_event("e1")], actors=_actors()),
        Result(article=Article(id="art3", text="", origin="bad.txt"), status="skipped", reason="empty: no text"),
    ]  # fmt: skip
    with Store(path) as store:
        store.write_many(results)
    return path


def test_export_jsonl_rebuilds_every_record(db, tmp_path):
    out = tmp_path / "out.jsonl"
    assert export(db, fmt="jsonl", output=str(out)) == 3
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["article"]["id"] for r in records] == ["art1", "art2", "art3"]
    assert records[0]["events"][0]["location"]["name"] == "Moscow"
    assert records[1]["article"]["duplicate_of"] == "art1"
    assert records[2]["status"] == "skipped"


@pytest.mark.parametrize(("fmt", "delimiter"), [("csv", ","), ("tsv", "\t")])
def test_export_delimited_writes_events_flat_with_header(db, tmp_path, fmt, delimiter):
    out = tmp_path / f"events.{fmt}"
    assert export(db, fmt=fmt, output=str(out)) == 3
    with open(out, newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter=delimiter))
    assert len(rows) == 3
    assert rows[0]["id"] == "art1:e1" and rows[0]["source_country"] == "RUS" and rows[0]["cameo"] == "112"
    assert {r["duplicate_of"] for r in rows if r["article_id"] == "art2"} == {"art1"}


def test_export_parquet_writes_one_file_per_table(db, tmp_path):
    out = tmp_path / "pq"
    n = export(db, fmt="parquet", output=str(out))
    counts = {}
    with duckdb.connect() as con:
        for table in ("articles", "events", "statements", "actors"):
            counts[table] = con.execute(f"SELECT count(*) FROM '{out / (table + '.parquet')}'").fetchone()[0]
    assert counts == {"articles": 3, "events": 3, "statements": 0, "actors": 4}
    assert n == sum(counts.values())


def test_export_gdelt_has_61_columns_and_counts_each_event_once(db, tmp_path):
    out = tmp_path / "events.gdelt.tsv"
    n = export(db, fmt="gdelt", output=str(out))
    lines = out.read_text().splitlines()
    # the negated event and the duplicate article's event are left out
    assert n == len(lines) == 1
    row = dict(zip(COLUMNS, lines[0].split("\t"), strict=True))
    assert len(COLUMNS) == 61 and COLUMNS[0] == "GlobalEventID" and COLUMNS[-1] == "SOURCEURL"
    assert row["GlobalEventID"] == str(global_event_id("art1:e1"))
    assert (row["Day"], row["MonthYear"], row["Year"]) == ("20240305", "202403", "2024")
    assert row["Actor1Code"] == "RUSGOV" and row["Actor1CountryCode"] == "RUS" and row["Actor1Name"] == "RUSSIA"
    assert row["Actor1Type1Code"] == "GOV" and row["Actor1Type2Code"] == "LEG"
    assert row["Actor2Code"] == "UKR" and row["Actor2CountryCode"] == "UKR"
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == ("112", "112", "11")
    assert row["QuadClass"] == "3" and float(row["GoldsteinScale"]) == -2.0
    assert row["IsRootEvent"] == "1" and row["NumArticles"] == "2"
    assert row["ActionGeo_Type"] == "4" and row["ActionGeo_CountryCode"] == "RS"
    assert row["ActionGeo_ADM1Code"] == "RS48" and row["ActionGeo_FeatureID"] == "524901"
    assert row["ActionGeo_FullName"] == "Moscow, Russia" and float(row["ActionGeo_Lat"]) == pytest.approx(55.75204)
    assert row["Actor1Geo_Type"] == "0" and row["SOURCEURL"] == "https://example.org/1"
    assert len(row["DATEADDED"]) == 14


def test_export_gdelt_maps_non_state_actors_to_cameo_types(tmp_path):
    path = str(tmp_path / "ngo.duckdb")
    ev = _event("e1", cameo="04")
    ev.source = _ref("a1", "the United Nations", 0, "United Nations", "UNO", None)
    ev.target = _ref("a2", "aid groups", 0, "aid groups", "NGO", None)
    with Store(path) as store:
        store.write(Result(article=Article(id="x", text=TEXT, published="2024-01-02"), events=[ev]))
    out = tmp_path / "g.tsv"
    export(path, fmt="gdelt", output=str(out))
    row = dict(zip(COLUMNS, out.read_text().rstrip("\n").split("\t"), strict=True))
    assert (row["Actor1Code"], row["Actor1KnownGroupCode"], row["Actor1Type1Code"]) == ("IGOUNO", "UNO", "IGO")
    assert (row["Actor2Code"], row["Actor2CountryCode"], row["Actor2Type1Code"]) == ("NGO", "", "NGO")
    assert (row["EventCode"], row["EventRootCode"]) == ("04", "04")
    assert row["ActionGeo_Type"] == "0"


def test_export_opens_the_database_read_only(db, tmp_path, monkeypatch):
    import eventwire.export as ex

    opened = []

    class Spy(Store):
        def __init__(self, path, *, read_only=False):
            opened.append(read_only)
            super().__init__(path, read_only=read_only)

    monkeypatch.setattr(ex, "Store", Spy)
    for fmt in ("jsonl", "csv", "parquet", "gdelt"):
        export(db, fmt=fmt, output=str(tmp_path / f"out-{fmt}"))
    assert opened == [True, True, True, True]


def test_export_rejects_an_unknown_format(db, tmp_path):
    with pytest.raises(ConfigError, match="unknown export format"):
        export(db, fmt="xml", output=str(tmp_path / "x"))
