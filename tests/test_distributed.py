"""Parallel engines give the records of a one-process run, in input order, with bounded memory."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import duckdb
import pytest

from eventwire.distributed import _in_order, code_parallel
from eventwire.errors import ConfigError
from eventwire.ingest import Skipped, iter_inputs
from eventwire.schema import Article
from eventwire.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "bench" / "make_corpus.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    path = tmp_path_factory.mktemp("corpus") / "wire.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        fh.writelines(mod.generate(14_000, seed=11, duplicates=0.0))
        fh.write('{"id": "bad", "title": "no text field"}\n')
        fh.write(
            json.dumps({"id": "short", "text": "Ministers met in Oslo on Monday to discuss fishing rights."}) + "\n"
        )
    return path


def _records(results) -> list[str]:
    return [json.dumps(r.to_dict(), sort_keys=True) for r in results]


@pytest.fixture(scope="module")
def one_process(corpus, pipeline) -> list[str]:
    return _records(pipeline.code_many(iter_inputs([str(corpus)])))


def test_local_engine_two_workers_gives_the_records_of_one_process(corpus, one_process, tmp_path):
    results = code_parallel(
        iter_inputs([str(corpus)]), settings=Settings(), workers=2, engine="local",
        partition_size=3, parts=str(tmp_path / "parts"),
    )  # fmt: skip
    got = _records(results)
    assert len(got) == len(one_process) >= 8
    assert got == one_process  # every item, same records, same order
    assert sum(json.loads(r)["status"] == "skipped" for r in got) >= 1
    n_events = sum(len(json.loads(r)["events"]) for r in got)
    with duckdb.connect() as con:
        parts = con.execute(f"SELECT count(*) FROM '{tmp_path / 'parts' / 'events'}/*.parquet'").fetchone()[0]
        arts = con.execute(f"SELECT count(DISTINCT id) FROM '{tmp_path / 'parts' / 'articles'}/*.parquet'").fetchone()
    assert parts == n_events and arts[0] == len(got)


def test_dask_engine_gives_the_same_events_as_the_local_run(corpus, one_process):
    got = _records(code_parallel(iter_inputs([str(corpus)]), settings=Settings(), workers=2, engine="dask"))
    assert got == one_process
    events = [e for r in got for e in json.loads(r)["events"]]
    assert events, "the corpus must produce events for the comparison to mean something"


def test_input_is_read_lazily_with_bounded_partitions_in_flight():
    pulled = 0

    def items():
        nonlocal pulled
        for i in range(1000):
            pulled += 1
            yield i

    def parts(size=10):
        it = items()
        while part := [x for _, x in zip(range(size), it, strict=False)]:
            yield part

    class Done:
        def __init__(self, part):
            self.part = part

        def result(self):
            return [x * 2 for x in self.part]

    stream = _in_order(parts(), lambda i, part: Done(part), max_in_flight=4)
    first = next(stream)
    assert first == 0
    assert pulled <= 4 * 10 + 1  # never more than the in-flight partitions were read
    rest = list(stream)
    assert [first, *rest] == [2 * i for i in range(1000)]


def test_skipped_items_pass_through_workers_in_place(pipeline):
    items = [
        Skipped(Article(id="x1", text="", origin="a.txt"), "empty: no text (a.txt)"),
        Article(id="x2", text="Police in Lima arrested two men on Tuesday, officials said."),
    ]
    got = list(code_parallel(iter(items), settings=Settings(), workers=1, engine="local"))
    assert [(r.article.id, r.status) for r in got] == [("x1", "skipped"), ("x2", "coded")]


def test_unknown_engine_is_a_config_error():
    with pytest.raises(ConfigError, match="unknown engine"):
        list(code_parallel(iter([]), settings=Settings(), workers=2, engine="spark"))


def test_a_dask_workers_threads_code_one_task_at_a_time(monkeypatch):
    """One pipeline per worker, shared by its threads: tasks take the worker's lock, so two never overlap."""
    import threading
    import time
    from types import SimpleNamespace

    import distributed

    from eventwire import distributed as ew_distributed
    from eventwire import pipeline as ew_pipeline

    monkeypatch.setattr(ew_pipeline, "Pipeline", lambda settings, settle: object())
    worker = SimpleNamespace()
    ew_distributed.PipelinePlugin(Settings()).setup(worker)
    running, overlaps = [0], []

    def code_part(pipe, part, parts, name):
        running[0] += 1
        overlaps.append(running[0])
        time.sleep(0.02)
        running[0] -= 1
        return []

    monkeypatch.setattr(ew_distributed, "_code_part", code_part)
    monkeypatch.setattr(distributed, "get_worker", lambda: worker)
    threads = [threading.Thread(target=ew_distributed._dask_task, args=([], None, f"t{i}")) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(overlaps) == 4 and max(overlaps) == 1
