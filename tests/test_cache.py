"""The names of cache files: what makes a key change, and what must not."""

from __future__ import annotations

from eventwire.cache import cache_key


def test_a_key_follows_the_modules_source_and_every_part(tmp_path):
    module = tmp_path / "builder.py"
    module.write_text("VERSION = 1\n", encoding="utf-8")
    key = cache_key(str(module), "lib 1.0", "text")
    assert key == cache_key(str(module), "lib 1.0", b"text")  # str and its UTF-8 bytes name the same file
    assert key != cache_key(str(module), "lib 1.1", "text")
    assert key != cache_key(str(module), "lib 1.0", "text!")
    assert cache_key(str(module), "ab", "c") != cache_key(str(module), "a", "bc")  # parts are kept apart
    other = tmp_path / "other.py"
    other.write_text("VERSION = 2\n", encoding="utf-8")
    assert key != cache_key(str(other), "lib 1.0", "text")
