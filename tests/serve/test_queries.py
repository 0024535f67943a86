from __future__ import annotations

import duckdb

from eventwire.serve.queries import most_common


def test_most_common_breaks_ties_by_the_smallest_value_and_skips_nulls():
    """The explorer's actor index and stance tables name a group by its most frequent value; on a tie it must
    be the same value at every start (DuckDB's mode() gives either)."""
    con = duckdb.connect()
    rows = [(1, "UKRGOV"), (1, "UKR"), (1, None), (2, None), (3, "b"), (3, "a"), (3, "b")]
    # many tied groups inserted in both orders: a hash-ordered pick would give the larger value in some
    rows += [(k, v) for k in range(10, 60) for v in (("z", "y") if k % 2 else ("y", "z"))]
    con.execute("CREATE TABLE t (k INTEGER, x VARCHAR)")
    con.executemany("INSERT INTO t VALUES (?, ?)", rows)
    got = dict(con.execute(f"SELECT k, {most_common('x')} FROM t GROUP BY k").fetchall())
    assert got[1] == "UKR" and got[2] is None and got[3] == "b"
    assert {got[k] for k in range(10, 60)} == {"y"}
