"""A real browser (Debian's chromium, driven by Playwright) on a live server: highlights, following an
event to its evidence, a filter, and a screenshot (tests/artifacts/article.png)."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
import uvicorn
from serve_records import ID_1

from eventwire.serve.app import create_app

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"

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
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(str(db_path)), host="127.0.0.1", port=port, log_level="warning"))
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
        ("/stance?target=ceasefire", "#stance-table tbody tr", 2),
        ("/actors/state.RUS", "h1#actor-name", 1),
    ],
)
def test_other_pages_render_without_errors(page, base_url, path, selector, count):
    page.goto(base_url + path)
    assert page.locator(selector).count() == count
    assert page.problems == []  # includes Content-Security-Policy violations, reported on the console
