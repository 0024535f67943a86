"""Errors with codes, so users can grep for them and tests can match them."""

from __future__ import annotations


class EventwireError(Exception):
    """Base class: the CLI shows these as one line, without a traceback."""


class InputError(EventwireError):
    """An input cannot be read at all (no such path, unreadable file)."""


class KnowledgeError(EventwireError):
    """A knowledge file is invalid; the message says ``file:line: what is wrong``."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


class ConfigError(EventwireError):
    """A setting or option has a bad value."""


class OutputError(EventwireError):
    """An output (the -o file, the database) cannot be written: the message names it and says why."""


# Reasons an article is skipped. Each skipped record carries "<code>: <detail>".
SKIP_EMPTY = "empty"
SKIP_BINARY = "binary"
SKIP_ENCODING = "invalid-utf8"
SKIP_OVERSIZED = "oversized"
SKIP_LANGUAGE = "not-english"
SKIP_BAD_JSON = "bad-json"
SKIP_BAD_RECORD = "bad-record"
SKIP_UNREADABLE = "unreadable"
SKIP_NO_TEXT = "no-article-text"  # an HTML page whose main text is too short or only a caption
SKIP_DUPLICATE_ID = "duplicate-id"
SKIP_TIMEOUT = "timeout"
SKIP_ERROR = "internal-error"
