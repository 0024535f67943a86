"""The dates stage's knowledge file through the shared loader: shipped, versioned, cached like the others."""

from __future__ import annotations

from eventwire.cache import CACHE_ENV
from eventwire.dates import DateKnowledge
from eventwire.knowledge import load_yaml_with_lines, shipped_files


def test_the_dates_file_is_shipped_with_a_version():
    (path,) = shipped_files("dates")
    data, line_of = load_yaml_with_lines(path)
    assert isinstance(data["version"], int)
    assert line_of(("months", "may")) < line_of(("months", "june"))


def test_a_cached_parse_of_the_dates_file_loads_the_same_words(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, "")
    fresh = DateKnowledge.from_files()
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    DateKnowledge.from_files()  # parses and writes the cache
    assert list((tmp_path / "knowledge").glob("*.marshal"))
    cached = DateKnowledge.from_files()
    assert cached.months == fresh.months
    assert dict(cached.relative_days) == dict(fresh.relative_days)
    assert cached.patterns.month.pattern == fresh.patterns.month.pattern
