from __future__ import annotations

import gc

import pytest

from eventwire.memory import gc_paused, settle


def test_gc_paused_puts_the_collector_back_even_when_the_block_fails():
    assert gc.isenabled()
    with pytest.raises(RuntimeError), gc_paused():
        assert not gc.isenabled()
        raise RuntimeError("a knowledge file failed to load")
    assert gc.isenabled()
    gc.disable()  # a caller that had it off keeps it off
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_settle_freezes_what_is_alive_and_frozen_objects_are_still_freed():
    class Table:
        pass

    gc.unfreeze()
    try:
        before = gc.get_freeze_count()
        table = Table()
        settle()
        assert gc.get_freeze_count() > before
        assert not any(o is table for o in gc.get_objects())  # out of the collector's reach
        import weakref

        ref = weakref.ref(table)
        del table
        assert ref() is None  # reference counting still frees a frozen object
    finally:
        gc.unfreeze()


def test_a_library_pipeline_leaves_the_callers_garbage_collectable_and_a_process_pipeline_settles(nlp, monkeypatch):
    import weakref

    import eventwire.pipeline as pipeline_module
    from eventwire.pipeline import Pipeline

    class Node:
        pass

    gc.unfreeze()
    try:
        a, b = Node(), Node()
        a.other, b.other = b, a  # a cycle the caller owns: only the collector can free it
        ref = weakref.ref(a)
        Pipeline(nlp=nlp)
        del a, b
        gc.collect()
        assert ref() is None
        calls = []
        monkeypatch.setattr(pipeline_module, "memory_settle", lambda **kw: calls.append(kw))
        Pipeline(nlp=nlp, settle=True)  # the CLI and the workers ask for it
        assert calls == [{"collect": False}]
    finally:
        gc.unfreeze()


def test_settle_without_collecting_freezes_the_garbage_too():
    class Node:
        pass

    gc.unfreeze()
    gc.collect()
    try:
        a, b = Node(), Node()
        a.other, b.other = b, a
        ref = __import__("weakref").ref(a)
        del a, b
        settle(collect=False)  # what a settled pipeline does: the cycle is kept, no collection walks anything
        gc.collect()
        assert ref() is not None
    finally:
        gc.unfreeze()
    gc.collect()
    assert ref() is None


def test_a_settled_pipeline_loads_without_one_collection_walking_its_tables(nlp):
    """The load pauses the collector, the tables are frozen before it is back on, and a library that turns it
    on while loading (srsly's msgpack reader, for the statements tagger) does not let a collection walk them."""
    from eventwire.pipeline import Pipeline

    walked = []  # how many objects each collection during the load walked

    def seen(phase, info):
        if phase == "start":
            walked.append(sum(len(gc.get_objects(generation=g)) for g in range(info["generation"] + 1)))

    gc.unfreeze()
    gc.collect()
    gc.callbacks.append(seen)
    try:
        pipeline = Pipeline(nlp=nlp, settle=True)
        assert gc.isenabled()
        frozen = gc.get_freeze_count()
    finally:
        gc.callbacks.remove(seen)
        gc.unfreeze()
    assert max(walked, default=0) < 20_000  # before: one walked ~200k objects, most of the tables
    assert frozen > 100_000  # the gazetteer, actor tables, lexicons and weights
    assert pipeline.statements is not None


def test_the_collector_is_paused_while_an_article_is_coded_and_back_after_a_failure(pipeline, monkeypatch):
    """Each article's stages run with the collector off; a failing article is a skip and leaves it on."""
    from eventwire.ingest import make_article

    seen: list[bool] = []
    original = type(pipeline).code_doc

    def code_doc(self, doc, article, **kw):
        seen.append(gc.isenabled())
        if "fails" in article.text:
            raise ValueError("a stage failed")
        return original(self, doc, article, **kw)

    monkeypatch.setattr(type(pipeline), "code_doc", code_doc)
    texts = ["The minister said the talks would resume.", "This one fails in a stage.", "Talks resumed."]
    results = list(pipeline.code_many([make_article(t) for t in texts]))
    assert [r.status for r in results] == ["coded", "skipped", "coded"]
    assert seen == [False, False, False]
    assert gc.isenabled()
