"""WARC files cut or garbled anywhere: complete records kept, every fault a skip record."""

import io

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventwire.ingest import Skipped, iter_inputs

STORY = (
    "<html><body><article><p>ATHENS (Coast Post) - Greece and Turkey agreed on Tuesday to resume talks on maritime "
    "borders in the Aegean.</p><p>The foreign ministers will meet in Ankara next month, officials from both countries "
    "said.</p><p>Fishing crews from both coasts have waited for a settlement since the last round failed in spring, "
    "and neither side has said what it would give up.</p><p>Story {n}.</p></article></body></html>"
)


def _warc(n: int, *, gz: bool) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for i in range(n):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        payload = io.BytesIO(STORY.format(n=i).encode())
        writer.write_record(
            writer.create_warc_record(f"https://coast.example/{i}", "response", payload=payload, http_headers=headers)
        )
    return buf.getvalue()


def _read(tmp_path, data: bytes, name: str = "c.warc"):
    path = tmp_path / name
    path.write_bytes(data)
    return list(iter_inputs([str(path)]))


@pytest.mark.parametrize("gz", [False, True])
def test_a_file_cut_inside_the_last_record_keeps_the_complete_ones(tmp_path, gz):
    data = _warc(3, gz=gz)
    items = _read(tmp_path, data[: len(data) - 200], "c.warc.gz" if gz else "c.warc")
    coded = [i for i in items if not isinstance(i, Skipped)]
    skips = [i for i in items if isinstance(i, Skipped)]
    assert len(coded) == 2 and len(skips) == 1
    assert skips[0].reason.startswith("unreadable") and "#3" in skips[0].article.origin


def test_a_file_cut_inside_a_record_header_keeps_the_records_before(tmp_path):
    data = _warc(3, gz=False)
    second_end = data.index(b"WARC/1.0", data.index(b"WARC/1.0", 1) + 1)
    items = _read(tmp_path, data[: second_end + 40])
    assert [isinstance(i, Skipped) for i in items] == [False, False, True]
    assert "cannot be read" in items[2].reason


def test_truncated_body_is_skipped_not_coded_as_complete(tmp_path):
    data = _warc(1, gz=False)
    (item,) = _read(tmp_path, data[: len(data) - 60])
    assert isinstance(item, Skipped) and "cut short" in item.reason


def test_garbage_after_the_warc_marker_is_a_skip_record(tmp_path):
    (item,) = _read(tmp_path, b"WARC/1.0\r\nthis is not a header\n\n\x00\x01 more noise")
    assert isinstance(item, Skipped) and item.reason.startswith("unreadable")
