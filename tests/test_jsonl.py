"""JSON Lines of objects for measuring and training: errors name file:line; a log's last line per id wins."""

import pytest

from eventwire.errors import InputError
from eventwire.jsonl import last_by_id, read_objects


def test_read_objects_names_the_bad_line(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": "a"}\n\n[1, 2]\n')
    with pytest.raises(InputError, match=rf"{path}:3: expected a JSON object"):
        list(read_objects(path))


def test_last_by_id_keeps_each_articles_last_correction_in_first_seen_order(tmp_path):
    path = tmp_path / "corrections.jsonl"
    path.write_text('{"id": "b", "events": [1]}\n{"id": "a", "events": []}\n{"id": "b", "events": [2]}\n')
    assert last_by_id(path) == [{"id": "b", "events": [2]}, {"id": "a", "events": []}]
