"""Near-duplicate detection: a syndicated copy links to the first article, other stories do not."""

from __future__ import annotations

from eventwire.dedupe import Deduper
from eventwire.schema import Article, Result
from eventwire.store import Store

WIRE = (
    "NAIROBI (Coastline Press) - Kenya and Tanzania agreed on Thursday to reopen two border crossings closed "
    "since January, the foreign ministers of both countries said after talks in the port city of Mombasa. "
    "Traders on both sides had complained for weeks about lorries stuck in long queues, and officials said "
    "customs teams would work around the clock from next Monday. The ministers also pledged to meet again "
    "in March to discuss a shared railway project that has been delayed by a dispute over funding."
)
# the same story as a partner site runs it: no dateline credit, a sentence trimmed, a promo line added
COPY = (
    "Kenya and Tanzania agreed on Thursday to reopen two border crossings closed since January, the foreign "
    "ministers of both countries said after talks in the port city of Mombasa. Traders on both sides had "
    "complained for weeks about lorries stuck in long queues, and officials said customs teams would work "
    "around the clock from next Monday. The ministers also pledged to meet again in March to discuss a shared "
    "railway project that has been delayed by a dispute over funding. Follow our live coverage on the app."
)
# the same event told by another outlet in its own words: not a copy
OTHER_REPORT = (
    "Border posts between Kenya and Tanzania will open again next week, officials announced on Thursday, "
    "ending a months-long closure that left hundreds of trucks waiting. The decision came after a meeting "
    "of the two foreign ministers in Mombasa, who said a joint railway plan would be discussed in March."
)
UNRELATED = (
    "LIMA (Andes Daily) - Peru's congress voted on Wednesday to open an inquiry into the sale of fishing "
    "licences, after prosecutors said several officials had taken payments from a trawler company."
)


def _coded(aid: str, text: str, credit: str | None = None) -> Result:
    return Result(article=Article(id=aid, text=text, credit=credit))


def test_dedupe_links_a_syndicated_copy_to_the_first_article_and_its_wire():
    d = Deduper()
    first = d.mark(_coded("w1", WIRE, credit="Coastline Press"))
    copy = d.mark(_coded("p7", COPY))
    assert first.article.duplicate_of is None
    assert copy.article.duplicate_of == "w1"
    assert copy.article.credit == "Coastline Press"
    assert d.marked == 1 and len(d) == 1


def test_dedupe_keeps_separate_reports_and_other_stories_apart():
    d = Deduper()
    results = [d.mark(_coded(aid, text)) for aid, text in [("w1", WIRE), ("r2", OTHER_REPORT), ("u3", UNRELATED)]]
    assert [r.article.duplicate_of for r in results] == [None, None, None]
    assert len(d) == 3


def test_dedupe_chain_of_copies_points_at_the_first_not_at_a_copy():
    d = Deduper()
    d.mark(_coded("w1", WIRE))
    second = d.mark(_coded("c2", COPY))
    third = d.mark(_coded("c3", COPY + " Share this story."))
    assert (second.article.duplicate_of, third.article.duplicate_of) == ("w1", "w1")
    assert len(d) == 1  # copies are not indexed


def test_dedupe_leaves_skipped_and_short_articles_alone():
    d = Deduper()
    skipped = Result(article=Article(id="s", text=WIRE), status="skipped", reason="not-english: 0%")
    assert d.mark(skipped).article.duplicate_of is None
    d.mark(_coded("a", "Talks resumed."))
    assert d.mark(_coded("b", "Talks resumed.")).article.duplicate_of is None
    assert len(d) == 0


def test_dedupe_seeded_from_a_store_marks_what_a_clean_run_would(tmp_path):
    path = str(tmp_path / "db.duckdb")
    clean = Deduper()
    with Store(path) as store:
        for r in [_coded("u3", UNRELATED), _coded("w1", WIRE, credit="Coastline Press")]:
            store.write(clean.mark(r))
    with Store(path) as store:
        resumed = Deduper()
        assert resumed.seed_from(store.con) == 2
    assert resumed.mark(_coded("p7", COPY)).article.duplicate_of == "w1"
    assert clean.mark(_coded("p7", COPY)).article.duplicate_of == "w1"


def test_dedupe_events_of_a_copy_are_stored_linked_to_the_first(tmp_path):
    from eventwire.schema import Event, Evidence

    ev = Event(
        id="e1", event_type="AGREE", mode=None, cameo="057", quad_class=1, goldstein=8.0, plover_score=8.0,
        source=None, target=None, date=None, date_precision="reported", date_text=None, location=None,
        modality="asserted", statement_id=None, evidence=Evidence(0, 10, COPY[:10]),
        trigger=Evidence(19, 25, COPY[19:25]), confidence=0.8,
    )  # fmt: skip
    d = Deduper()
    with Store(str(tmp_path / "db.duckdb")) as store:
        store.write(d.mark(_coded("w1", WIRE)))
        store.write(d.mark(Result(article=Article(id="p7", text=COPY), events=[ev])))
        got = store.con.execute("SELECT article_id, duplicate_of FROM events").fetchall()
    assert got == [("p7", "w1")]


def test_dedupe_window_bounds_the_index_and_forgets_the_oldest():
    d = Deduper(window=1)
    d.mark(_coded("w1", WIRE))
    d.mark(_coded("u3", UNRELATED))  # pushes the wire story out of a one-article window
    assert len(d) == 1
    assert d.mark(_coded("p7", COPY)).article.duplicate_of is None
    wide = Deduper(window=2)
    wide.mark(_coded("w1", WIRE))
    wide.mark(_coded("u3", UNRELATED))
    assert wide.mark(_coded("p7", COPY)).article.duplicate_of == "w1"


def test_dedupe_seeding_keeps_only_the_newest_window(tmp_path):
    path = str(tmp_path / "db.duckdb")
    with Store(path) as store:
        for r in [_coded("w1", WIRE), _coded("u3", UNRELATED)]:
            store.write(r)
        d = Deduper(window=1)
        assert d.seed_from(store.con) == 1
    assert d.mark(_coded("p7", COPY)).article.duplicate_of is None  # as a clean run with this window
