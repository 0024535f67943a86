"""A real browser (Debian's chromium, driven by Playwright) on a live server: highlights, following an
event to its evidence, every view with its filters, facets and sort, the downloads, and review mode's
clicks. Screenshots go to $EVENTWIRE_ARTIFACTS (default: <tmp>/eventwire-artifacts), not to the repo."""

from __future__ import annotations

import os
import socket
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

import httpx2 as httpx  # starlette.testclient uses httpx2 too (httpx is deprecated there)
import pytest
import uvicorn
from serve_records import ID_1, ID_2

from eventwire.serve.app import create_app

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
ARTIFACTS = Path(os.environ.get("EVENTWIRE_ARTIFACTS") or Path(tempfile.gettempdir()) / "eventwire-artifacts")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (apt-get install chromium)"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def base_url(db_path):
    yield from live_server(create_app(str(db_path)))


def live_server(app):
    """Serve ``app`` on a free port in a thread; yields its URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            if httpx.get(url + "/api/events?limit=1", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError("the server did not start")
        time.sleep(0.05)
    yield url
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 420})
    pg = context.new_page()
    problems: list[str] = []
    pg.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    pg.on(
        "console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None
    )
    pg.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    pg.problems = problems
    yield pg
    context.close()


def in_viewport(page, selector: str) -> bool:
    return page.eval_on_selector(
        selector,
        "el => { const r = el.getBoundingClientRect(); return r.bottom > 0 && r.top < window.innerHeight; }",
    )


def test_article_page_follow_an_event_to_its_evidence(page, base_url):
    page.goto(f"{base_url}/articles/{quote(ID_1, safe='')}")
    marks = page.locator("#article-text mark.hl")
    assert marks.count() == 4
    types = {m.get_attribute("id"): m.get_attribute("data-type") for m in marks.all()}
    assert types == {"ev-e1": "REJECT", "ev-e2": "ASSAULT", "ev-e3": "AID", "ev-e4": "ACCUSE"}
    assert page.locator("#ev-e2").inner_text() == "shelled"
    # the article's <script> is text, not code
    assert page.locator("#article-text script").count() == 0
    assert "<script>alert('owned')</script>" in page.locator("#article-text").inner_text()

    assert not in_viewport(page, "#ev-e4")  # the short viewport hides the last paragraph
    page.locator('#event-list a.ev-link[data-target="ev-e4"]').click()
    page.wait_for_function("document.activeElement && document.activeElement.id === 'ev-e4'")
    assert in_viewport(page, "#ev-e4")
    assert "active" in page.locator("#ev-e4").get_attribute("class")
    active_evidence = page.locator("#article-text .evi.active")
    assert active_evidence.count() == 1 and active_evidence.get_attribute("data-ev") == "e4"
    assert "active" in page.locator("#li-e4").get_attribute("class")
    assert page.evaluate("location.hash") == "#ev-e4"

    # one sentence holds e1 and e2: choosing e2 marks that sentence and only e2's trigger
    page.locator('#event-list a.ev-link[data-target="ev-e2"]').click()
    page.wait_for_function("document.activeElement && document.activeElement.id === 'ev-e2'")
    assert page.locator("#article-text mark.active").count() == 1
    assert page.locator("#article-text .evi.active").get_attribute("data-ev") == "e1 e2"

    # a statement's cue, and the event it reports
    page.locator('#statement-list a.st-link[data-target="st-s1"]').click()
    page.wait_for_function("document.activeElement && document.activeElement.id === 'st-s1'")
    assert page.locator("#article-text .st-content.active").get_attribute("data-st") == "s1"
    page.locator('#li-s2 a.ev-link[data-target="ev-e2"]').click()
    page.wait_for_function("document.activeElement && document.activeElement.id === 'ev-e2'")

    page.set_viewport_size({"width": 1200, "height": 900})
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "article.png"), full_page=True)
    assert (ARTIFACTS / "article.png").stat().st_size > 10_000
    assert page.problems == []


def test_opening_an_event_link_from_another_page_marks_it(page, base_url):
    page.goto(f"{base_url}/articles/{quote(ID_1, safe='')}#ev-e3")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'ev-e3'")
    assert in_viewport(page, "#ev-e3")
    assert page.problems == []


def test_filter_on_the_event_table(page, base_url):
    page.goto(base_url + "/")
    assert page.locator("#event-table tbody tr[data-type]").count() == 6
    page.select_option("select[name=event_type]", "THREATEN")
    page.fill("input[name=country]", "POL")
    page.click("form#filters button[type=submit]")
    page.wait_for_url("**/?*")
    assert page.url.endswith("/?country=POL&event_type=THREATEN")  # empty fields stay out of the URL
    rows = page.locator("#event-table tbody tr[data-type]")
    assert rows.count() == 1 and rows.first.get_attribute("data-type") == "THREATEN"
    assert page.locator("#total").inner_text() == "1"
    # the evidence link leads to the event in its article
    rows.first.locator("td.evidence a").click()
    page.wait_for_function("document.activeElement && document.activeElement.id === 'ev-e2'")
    assert page.locator("#ev-e2").get_attribute("data-type") == "THREATEN"
    assert page.problems == []


@pytest.mark.parametrize(
    ("path", "selector", "count"),
    [
        ("/timeline", "#timeline rect.bar", 4),
        ("/network", "#network path.edge", 4),
        ("/stance?target=ceasefire", "#stance-table tbody tr", 3),  # two by events, one by what was said
        ("/actors/state.RUS", "h1#actor-name", 1),
    ],
)
def test_other_pages_render_without_errors(page, base_url, path, selector, count):
    page.goto(base_url + path)
    assert page.locator(selector).count() == count
    assert page.problems == []  # includes Content-Security-Policy violations, reported on the console


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def test_events_view_facets_sort_page_size_and_permalink(page, base_url):
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(base_url + "/")
    header = page.locator("#header-counts").inner_text()
    assert header == "3 coded · 1 skipped · 8 events"
    # a facet value narrows the view and keeps its count
    page.locator('#facets [data-facet="modality"] a[data-value="claimed"]').click()
    page.wait_for_url("**/?modality=claimed")
    assert page.locator("#total").inner_text() == "2"
    assert page.locator('#facets [data-facet="modality"] li.chosen').count() == 1
    # sort by confidence, then by type
    page.locator('#event-table a.sort[data-sort="type"]').click()
    page.wait_for_url("**sort=-type*")
    types = page.locator("#event-table tbody tr").evaluate_all("rows => rows.map(r => r.dataset.type)")
    assert types == sorted(types, reverse=True)
    # page size through the form; the permalink reproduces the view
    page.select_option("select[name=limit]", "10")
    page.click("form#filters button[type=submit]")
    page.wait_for_url("**limit=10*")
    permalink = page.locator("#permalink").get_attribute("href")
    assert "modality=claimed" in permalink and "sort=-type" in permalink and "limit=10" in permalink
    page.goto(base_url + permalink)
    assert page.locator("#event-table tbody tr").evaluate_all("rows => rows.map(r => r.dataset.type)") == types
    shot(page, "events.png")
    assert page.problems == []


def test_downloads_of_the_view(page, base_url):
    import csv
    import io
    import json

    page.goto(base_url + "/?country=POL")
    with page.expect_download() as info:
        page.click("#download-csv")
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text())))
    assert sorted(r["event_type"] for r in rows) == ["AID", "THREATEN"]
    assert info.value.suggested_filename == "events.csv"
    with page.expect_download() as info:
        page.click("#download-jsonl")
    lines = [json.loads(x) for x in Path(info.value.path()).read_text().splitlines()]
    assert {e["target_country"] for e in lines} == {"UKR", "POL"}
    assert page.problems == []


def test_statement_and_actor_downloads_of_the_view(page, base_url):
    import csv
    import io
    import json

    page.goto(base_url + "/statements?kind=quoted")  # the link carries the view's filters
    with page.expect_download() as info:
        page.click("#download-csv")
    assert info.value.suggested_filename == "statements.csv"
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text())))
    assert [(r["cue_text"], r["venue"]) for r in rows] == [("told", "press conference")]
    page.goto(base_url + "/actors?kind=person&sort=name")
    with page.expect_download() as info:
        page.click("#download-jsonl")
    assert info.value.suggested_filename == "actors.jsonl"
    lines = [json.loads(x) for x in Path(info.value.path()).read_text().splitlines()]
    assert len(lines) == 2 and {a["kind"] for a in lines} == {"person"}
    assert [a["name"] for a in lines] == sorted(a["name"] for a in lines)
    assert page.problems == []


def test_statements_and_actors_views(page, base_url):
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(base_url + "/statements")
    assert page.locator("#statement-table tbody tr").count() == 3
    page.locator('#facets [data-facet="kind"] a[data-value="quoted"]').click()
    page.wait_for_url("**/statements?kind=quoted")
    assert page.locator("#statement-table tbody tr").count() == 1
    shot(page, "statements.png")
    page.goto(base_url + "/actors")
    page.locator('#actor-table a.sort[data-sort="name"]').click()
    page.wait_for_url("**/actors?sort=-name")
    keys = page.locator("#actor-table tbody tr").evaluate_all("rows => rows.map(r => r.dataset.key)")
    assert keys[0] == "name:ukraine foreign minister" and len(keys) == 5  # Z to A
    page.locator('#facets [data-facet="kind"] a[data-value="person"]').click()
    page.wait_for_url("**kind=person*")
    assert page.locator("#actor-table tbody tr").count() == 2
    shot(page, "actors.png")
    assert page.problems == []


def test_network_labels_do_not_overlap_and_stay_inside(page, base_url):
    page.set_viewport_size({"width": 1200, "height": 1000})
    page.goto(base_url + "/network?duplicates=true")
    boxes = page.locator("#network text.label").evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })"
    )
    svg = page.locator("#network").bounding_box()
    assert len(boxes) == 3
    for i, (l1, t1, r1, b1) in enumerate(boxes):
        assert svg["x"] <= l1 and r1 <= svg["x"] + svg["width"] and svg["y"] <= t1 and b1 <= svg["y"] + svg["height"]
        for l2, t2, r2, b2 in boxes[i + 1 :]:
            assert r1 <= l2 or r2 <= l1 or b1 <= t2 or b2 <= t1  # no two labels overlap
    titles = page.locator("#network text.label title").all_text_contents()  # the full name on hover
    assert sorted(t.split(" (")[0] for t in titles) == ["Poland", "Russia", "Ukraine"]
    shot(page, "network.png")
    page.goto(base_url + "/timeline")
    shot(page, "timeline.png")
    page.goto(base_url + "/docs")
    assert page.locator("section.endpoint").count() >= 10
    shot(page, "docs.png")
    assert page.problems == []


@pytest.fixture(scope="module")
def review_server(db_path, tmp_path_factory):
    corrections = tmp_path_factory.mktemp("review") / "corrections.jsonl"
    for url in live_server(create_app(str(db_path), review_path=corrections)):
        yield url, corrections


def test_review_clicks_write_gold_that_eval_reads(page, review_server, tmp_path):
    import json

    from click.testing import CliRunner
    from playwright.sync_api import expect

    from eventwire.cli import main

    base, corrections = review_server
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(f"{base}/articles/{quote(ID_1, safe='')}")
    page.locator('.review[data-event="e1"] button[data-verdict="right"]').click()
    expect(page.locator('.review[data-event="e1"] .rv-state')).to_have_attribute("data-state", "right")
    page.locator('.review[data-event="e2"] button[data-verdict="wrong"]').click()
    expect(page.locator('.review[data-event="e2"] .rv-state')).to_have_attribute("data-state", "wrong")
    li = page.locator("#li-e3")
    li.locator("summary.rv-fix").click()
    li.locator("select[name=type]").select_option("SUPPORT")
    li.locator("select[name=modality]").select_option("asserted")
    li.locator("button.rv-save").click()
    expect(page.locator('.review[data-event="e3"] .rv-state')).to_have_attribute("data-state", "fixed")
    shot(page, "review.png")
    lines = [json.loads(x) for x in corrections.read_text().splitlines()]
    assert [ln["review"]["verdict"] for ln in lines] == ["right", "wrong", "fixed"]
    assert lines[-1]["review"]["events"] == ["e1", "e3"] and lines[-1]["events"][1]["type"] == "SUPPORT"
    assert lines[-1]["review"]["fixed"] == ["modality", "type"]
    # from the events table too: a verdict on another article's event
    page.goto(base + "/?event_type=THREATEN")
    page.locator('#event-table .review button[data-verdict="right"]').click()
    expect(page.locator("#event-table .rv-state")).to_have_attribute("data-state", "right")
    assert page.problems == []

    gold, articles = tmp_path / "gold.jsonl", tmp_path / "articles.jsonl"
    gold.write_bytes(httpx.get(base + "/api/review/gold.jsonl").content)
    articles.write_bytes(httpx.get(base + "/api/review/articles.jsonl").content)
    predictions = tmp_path / "pred.jsonl"
    records = [httpx.get(f"{base}/api/articles/{quote(a, safe='')}").json() for a in (ID_1, ID_2)]
    predictions.write_text("".join(json.dumps(r) + "\n" for r in records))
    reports = []
    for gold_file in (gold, corrections):  # the compacted gold, and the click log itself
        run = CliRunner().invoke(
            main, ["eval", str(gold_file), "--articles", str(articles), "--predictions", str(predictions), "--json"]
        )
        assert run.exit_code == 0, run.output
        reports.append(json.loads(run.output))
    assert reports[0]["articles"] == 2 and reports[0]["gold_events"] == 3  # e1, e3 (as SUPPORT); ID_2's e2
