"""WARC / WARC.gz (news crawls such as CC-NEWS): HTML responses through the HTML reader.

A crawl file can be cut anywhere. The complete records before a fault are
kept; a record whose body is shorter than its Content-Length, a header that
cannot be parsed, bytes after the last complete record, or a file with no
record at all each become a skip record that says so.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator

from eventwire import errors
from eventwire.schema import Article


def read_warc(stream: BinaryIO, *, origin: str, max_bytes: int = 4_000_000) -> Iterator[Article]:
    """Every HTML response record becomes an article (or a skip naming the record, ``file#n``)."""
    from eventwire.ingest.records import _skip

    head = stream.read(5)
    stream.seek(0)
    if not (head.startswith(b"\x1f\x8b") or head.startswith(b"WARC/")):
        yield _skip(f"{errors.SKIP_UNREADABLE}: not a WARC file (no WARC/ header)", origin=origin)
        return
    records = ArchiveIterator(stream)
    n = seen = 0
    it = iter(records)
    while True:
        try:
            record = next(it)
        except StopIteration:
            break
        except Exception as err:  # warcio raises many kinds on a cut or garbled header
            yield _skip(
                f"{errors.SKIP_UNREADABLE}: WARC record after #{n} cannot be read "
                f"(cut or malformed header: {type(err).__name__})",
                origin=f"{origin}#{n + 1}",
            )
            return
        seen += 1
        if record.rec_type is None:
            yield _skip(f"{errors.SKIP_UNREADABLE}: not a WARC record (no WARC-Type)", origin=f"{origin}#{n + 1}")
            continue
        if record.rec_type != "response":
            continue
        n += 1
        yield _response(record, origin=f"{origin}#{n}", max_bytes=max_bytes)
    size = _size(stream)
    if size is not None and records.offset < size and seen:
        yield _skip(
            f"{errors.SKIP_UNREADABLE}: {size - records.offset} bytes after WARC record #{n} are not a complete record",
            origin=f"{origin}#{n + 1}",
        )
    elif not seen:
        yield _skip(f"{errors.SKIP_UNREADABLE}: no WARC record in the file", origin=origin)


def _response(record, *, origin: str, max_bytes: int):
    from eventwire.ingest.html import read_html
    from eventwire.ingest.records import _skip

    uri = record.rec_headers.get_header("WARC-Target-URI")
    ctype = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
    if "html" not in ctype.lower():
        return _skip(f"{errors.SKIP_BAD_RECORD}: not HTML ({ctype or 'no content type'}) {uri}", origin=origin)
    if (record.length or 0) > max_bytes:
        return _skip(f"{errors.SKIP_OVERSIZED}: record of {record.length} bytes > {max_bytes} {uri}", origin=origin)
    try:
        body = record.content_stream().read(max_bytes + 1)
    except Exception as err:  # a broken chunked or compressed body
        return _skip(
            f"{errors.SKIP_UNREADABLE}: record body cannot be read ({type(err).__name__}) {uri}", origin=origin
        )
    missing = getattr(record.raw_stream, "limit", 0) or 0
    if missing > 0:
        return _skip(
            f"{errors.SKIP_UNREADABLE}: record cut short ({missing} of {record.length} bytes missing) {uri}",
            origin=origin,
        )
    return read_html(body, origin=origin, url=uri)


def _size(stream: BinaryIO) -> int | None:
    try:
        return os.fstat(stream.fileno()).st_size
    except (OSError, AttributeError, ValueError):
        return None
