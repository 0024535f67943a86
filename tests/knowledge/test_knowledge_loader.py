"""The shared YAML loader: values with their lines, and errors that point at the line."""

from __future__ import annotations

import pytest

from eventwire.cache import CACHE_ENV
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


def _lines(line_of, data, path=()):
    """Every key path of ``data`` with the line ``line_of`` gives it."""
    out = {path: line_of(path)}
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for k, v in items:
        out.update(_lines(line_of, v, (*path, k)))
    return out


def test_a_cached_parse_gives_the_data_and_lines_a_parse_gives(tmp_path, monkeypatch):
    import eventwire.knowledge.loader as loader

    files = [
        *sorted(p for stage in ("actors", "events", "statements", "places", "en") for p in shipped_files(stage)),
    ]
    monkeypatch.setenv(CACHE_ENV, "")
    parsed = {p: load_yaml_with_lines(p) for p in files}
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    for p in files:
        load_yaml_with_lines(p)  # parses and writes the cache
    assert len(list((tmp_path / "knowledge").glob("*.marshal"))) == len(files)

    def no_parse(*args):
        raise AssertionError("parsed although cached")

    monkeypatch.setattr(loader, "_parse", no_parse)
    for p in files:
        data, line_of = load_yaml_with_lines(p)
        want, want_line_of = parsed[p]
        assert data == want
        assert _lines(line_of, data) == _lines(want_line_of, want)


def test_the_cache_keeps_dates_and_every_scalar_type(tmp_path, monkeypatch):
    import datetime

    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    text = (
        "version: 1\npeople:\n  - {name: A, since: 2014-05-07, at: 2001-12-14t21:59:43.10-05:00}\n"
        "  - {name: B, n: 3, x: 1.5, ok: true, none: null, 7: seven, until: [2020-01-02]}\n"
    )
    fresh = load_yaml_with_lines(tmp_path / "p.yaml", text=text)[0]
    cached = load_yaml_with_lines(tmp_path / "p.yaml", text=text)[0]
    assert cached == fresh
    assert type(cached["people"][0]["since"]) is datetime.date
    assert cached["people"][0]["at"] == fresh["people"][0]["at"] and cached["people"][0]["at"].tzinfo is not None
    assert cached["people"][1]["until"] == [datetime.date(2020, 1, 2)]
    cached["people"].clear()  # a caller changing what it got changes nothing for the next one
    assert load_yaml_with_lines(tmp_path / "p.yaml", text=text)[0] == fresh


def test_a_file_that_fails_is_never_cached_and_a_broken_cache_is_parsed_again(tmp_path, monkeypatch):

    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    bad = tmp_path / "d.yaml"
    bad.write_text("version: 1\nname: a\nname: b\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(KnowledgeError, match="duplicate key"):
            load_yaml_with_lines(bad)
    assert not (tmp_path / "knowledge").exists()
    good = tmp_path / "g.yaml"
    good.write_text("version: 1\nitems: [a, b]\n", encoding="utf-8")
    want = load_yaml_with_lines(good)[0]
    (cache,) = (tmp_path / "knowledge").glob("*.marshal")
    for broken in (b"", b"junk", cache.read_bytes()[:5]):
        cache.write_bytes(broken)
        assert load_yaml_with_lines(good)[0] == want
    good.write_text("version: 1\nitems: [a, c]\n", encoding="utf-8")  # a changed text is parsed anew
    assert load_yaml_with_lines(good)[0] == {"version": 1, "items": ["a", "c"]}
