"""The shared YAML loader: values with their lines, and errors that point at the line."""

from __future__ import annotations

import pytest

from eventwire.errors import KnowledgeError
from eventwire.knowledge import Problems, check_version, load_yaml_with_lines, shipped_files


def test_line_of_points_at_nested_values(tmp_path):
    path = tmp_path / "k.yaml"
    path.write_text("version: 1\nentries:\n  - id: x\n    names: [a, b]\n  - id: y\n", encoding="utf-8")
    data, line_of = load_yaml_with_lines(path)
    assert data == {"version": 1, "entries": [{"id": "x", "names": ["a", "b"]}, {"id": "y"}]}
    assert line_of(("entries", 1, "id")) == 5
    assert line_of(("entries", 0, "names", 1)) == 4
    assert line_of(("entries", 0, "missing")) == 3  # falls back to the nearest known parent
    assert line_of(()) == 1


def test_duplicate_keys_and_syntax_errors_raise_with_line(tmp_path):
    path = tmp_path / "d.yaml"
    path.write_text("version: 1\nname: a\nname: b\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=rf"{path}:3: duplicate key 'name'"):
        load_yaml_with_lines(path)
    path.write_text("version: 1\nlist: [a, b\nother: 1\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=rf"{path}:\d+: not valid YAML"):
        load_yaml_with_lines(path)


def test_unreadable_file(tmp_path):
    path = tmp_path / "bin.yaml"
    path.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(KnowledgeError, match=rf"{path}:1: cannot read"):
        load_yaml_with_lines(path)


def test_problems_collect_and_check_version(tmp_path):
    problems = Problems()
    data, line_of = load_yaml_with_lines(tmp_path / "x.yaml", text="version: true\n")
    assert not check_version(data, "x.yaml", line_of, problems)
    assert not check_version([1, 2], "y.yaml", line_of, problems)
    assert check_version({"version": "2024-01"}, "z.yaml", line_of, problems)
    assert problems.items == [
        "x.yaml:1: 'version' must be a number or a string, not True",
        "y.yaml:1: the file must be a mapping with a 'version' key",
    ]
    with pytest.raises(KnowledgeError) as err:
        problems.raise_if_any()
    assert err.value.problems == problems.items


def test_shipped_files_lists_stage_data():
    names = [p.name for p in shipped_files("actors")]
    assert "states.yaml" in names and names == sorted(names)


def _alias_bomb(levels: int) -> str:
    lines = ["version: 1", "a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, levels):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 9)}]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_with_its_line_at_once(tmp_path):
    """Nine levels of nine aliases would expand to 387 million items if walked as a tree."""
    path = tmp_path / "bomb.yaml"
    path.write_text(_alias_bomb(9), encoding="utf-8")
    with pytest.raises(KnowledgeError, match=rf"^{path}:2: a node anchored here is used again"):
        load_yaml_with_lines(path)


def test_recursive_alias_is_refused_with_its_line(tmp_path):
    path = tmp_path / "loop.yaml"
    path.write_text("version: 1\nentries: &loop\n  - name: x\n  - *loop\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=rf"^{path}:2: a node anchored here is used again"):
        load_yaml_with_lines(path)
