"""The pipeline's load: catalogue's entry points are scanned once per registry while it loads, with the same
answers, and the scan is catalogue's own again afterwards."""

from __future__ import annotations

import catalogue
import numpy as np
import pytest
import srsly

from eventwire.pipeline import entry_points_scanned_once


@pytest.fixture()
def scans(monkeypatch) -> list[str]:
    """The groups catalogue really scans (the method the context wraps, counting)."""
    calls: list[str] = []
    real = catalogue.Registry._get_entry_points

    def counting(registry):
        calls.append(registry.entry_point_namespace)
        return real(registry)

    monkeypatch.setattr(catalogue.Registry, "_get_entry_points", counting)
    return calls


def test_each_registry_is_scanned_once_with_the_same_answers(scans):
    decoders = srsly.msgpack.msgpack_decoders
    outside = decoders.get_all()
    packed = srsly.msgpack_dumps({"weights": np.arange(6, dtype=np.float32).reshape(2, 3)})
    assert scans.count("srsly_msgpack_decoders") == 1
    with entry_points_scanned_once():
        for _ in range(5):
            assert decoders.get_all() == outside
            got = srsly.msgpack_loads(packed)
            assert np.array_equal(got["weights"], np.arange(6, dtype=np.float32).reshape(2, 3))
        assert hasattr(catalogue.Registry._get_entry_points, "scanned_once")  # patched while it runs
    assert scans.count("srsly_msgpack_decoders") == 2  # once before, once inside for six look-ups
    decoders.get_all()
    assert scans.count("srsly_msgpack_decoders") == 3  # catalogue's own scan again


def test_functions_registered_in_code_are_still_read(scans):
    things = catalogue.create("eventwire_test", "things", entry_points=True)
    with entry_points_scanned_once():
        assert things.get_all() == {}
        things.register("late", func=len)  # registered after the first look-up
        assert things.get_all() == {"late": len}
        assert things.get("late") is len
    assert scans.count("eventwire_test_things") == 1


def test_the_scan_is_restored_after_an_error_and_a_nested_load_leaves_it_to_the_outer(scans):
    patched = catalogue.Registry._get_entry_points
    with pytest.raises(RuntimeError):
        with entry_points_scanned_once():
            raise RuntimeError("a load that fails")
    assert catalogue.Registry._get_entry_points is patched
    with entry_points_scanned_once():
        outer = catalogue.Registry._get_entry_points
        with entry_points_scanned_once():  # another pipeline loading meanwhile
            assert catalogue.Registry._get_entry_points is outer
        assert catalogue.Registry._get_entry_points is outer  # the inner one did not restore it early
    assert catalogue.Registry._get_entry_points is patched


def test_a_loaded_pipeline_leaves_catalogue_as_it_was(pipeline):
    assert not hasattr(catalogue.Registry._get_entry_points, "scanned_once")
