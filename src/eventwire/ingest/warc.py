"""WARC / WARC.gz (news crawls such as CC-NEWS): HTML responses through the HTML reader."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from eventwire import errors
from eventwire.schema import Article


def read_warc(stream: BinaryIO, *, origin: str) -> Iterator[Article]:
    """Every HTML response record becomes an article (or a skip naming the record)."""
    from eventwire.ingest import _skip, read_html

    head = stream.read(5)
    stream.seek(0)
    if not (head.startswith(b"\x1f\x8b") or head.startswith(b"WARC/")):
        yield _skip(f"{errors.SKIP_UNREADABLE}: not a WARC file (no WARC/ header)", origin=origin)
        return
    n = 0
    try:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response":
                continue
            n += 1
            uri = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{origin}#{n}"
            ctype = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
            if "html" not in ctype.lower():
                yield _skip(f"{errors.SKIP_BAD_RECORD}: not HTML ({ctype or 'no content type'}) {uri}", origin=where)
                continue
            yield read_html(record.content_stream().read(), origin=where, url=uri)
    except ArchiveLoadFailed as err:
        yield _skip(f"{errors.SKIP_UNREADABLE}: not a WARC file: {err}", origin=origin)
