"""Server-rendered pages: escaping, highlights, statements with their wire chain, filters, charts."""

from __future__ import annotations

import html
import re
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from serve_records import ID_1, ID_2, TEXT_1
from test_highlight import parse

from eventwire.serve.app import create_app


@pytest.fixture(scope="module")
def client(db_path):
    with TestClient(create_app(str(db_path))) as c:
        yield c


def article_text_html(page: str) -> str:
    m = re.search(r'<div class="article-text" id="article-text">(.*?)</div>\n</section>', page, re.S)
    assert m, "no article text block"
    return m.group(1)


def test_article_page_escapes_all_article_text(client):
    page = client.get(f"/articles/{ID_1}").text
    assert "<script>alert" not in page and "<b>targeting" not in page
    assert "&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;" in page
    assert "<i>ceasefire</i>" not in page and "&lt;i&gt;ceasefire&lt;/i&gt;" in page  # the title too
    assert 'href="javascript:' not in page  # a non-http URL is shown, not linked


def test_article_page_highlights_every_event_by_type(client):
    block = article_text_html(client.get(f"/articles/{ID_1}").text)
    tree = parse(block)
    assert html.unescape("".join(tree.text)) == TEXT_1  # slicing lost or doubled nothing
    types = {i: a["data-type"] for i, a in tree.ids.items() if i.startswith("ev-")}
    assert types == {"ev-e1": "REJECT", "ev-e2": "ASSAULT", "ev-e3": "AID", "ev-e4": "ACCUSE"}
    assert 'class="evi" data-ev="e1 e2"' in block  # one sentence, two events


def test_article_page_lists_events_linked_to_their_evidence(client):
    page = client.get(f"/articles/{ID_1}").text
    for eid in ("e1", "e2", "e3", "e4"):
        assert f'<a class="ev-link" href="#ev-{eid}" data-target="ev-{eid}">' in page
    assert 'href="/actors/state.UKR"' in page


def test_article_page_statements_show_speaker_cue_venue_and_chain(client):
    page = client.get(f"/articles/{ID_1}").text
    m = re.search(r'<li id="li-s1" data-st="s1">(.*?)</li>', page, re.S)
    item = m.group(1)
    assert "Ukraine foreign minister" in item and "told" in item and "press conference" in item
    assert "example-news.test ← Wirepress ← Ukraine foreign minister" in item
    item2 = re.search(r'<li id="li-s2" data-st="s2">(.*?)</li>', page, re.S).group(1)
    assert 'href="#ev-e2"' in item2  # the event the statement reports


def test_article_with_slashes_in_its_id(client):
    r = client.get("/articles/" + quote(ID_2, safe=""))
    assert r.status_code == 200 and "Russia urges ceasefire" in r.text


def test_event_table_filters_with_get_parameters(client):
    page = client.get("/?event_type=THREATEN&country=POL").text
    rows = re.findall(r'<tr data-type="(\w+)"', page)
    assert rows == ["THREATEN"]
    assert '<option value="THREATEN" selected>' in page
    assert 'value="POL"' in page
    assert 'href="/api/events?country=POL&amp;event_type=THREATEN"' in page


def test_event_table_paginates(client):
    page = client.get("/?duplicates=true").text
    assert len(re.findall(r'<tr data-type="', page)) == 8
    assert f'href="{"/articles/" + quote(ID_2, safe="")}#ev-e1"' in page


def test_actor_page(client):
    page = client.get("/actors/state.POL").text
    assert '<h1 id="actor-name">Poland</h1>' in page
    assert "pledged further aid" in page


def test_timeline_draws_one_bar_per_day_and_quad(client):
    page = client.get("/timeline").text
    bars = re.findall(r'<rect class="bar"[^>]*data-quad="(\d)" data-date="([\d-]+)"', page)
    assert sorted(bars) == [("2", "2024-03-05"), ("3", "2024-03-05"), ("3", "2024-03-07"), ("4", "2024-03-04")]


def test_network_colours_edges_by_cooperation_and_conflict(client):
    page = client.get("/network").text
    edges = re.findall(r'<path class="edge (cooperation|conflict)"', page)
    assert sorted(edges) == ["conflict", "conflict", "conflict", "cooperation"]  # UKR→RUS, RUS→UKR, RUS→POL; POL→UKR
    assert page.count('<circle class="node"') == 3


def test_stance_page_table(client):
    page = client.get("/stance?target=ceasefire").text
    table = re.search(r'<table class="events stance" id="stance-table">(.*?)</table>', page, re.S).group(1)
    assert "Ukraine" in table and "Russia" in table
    assert "Russian ceasefire proposal" in table  # an example evidence sentence


def test_stance_page_without_target_shows_the_form(client):
    r = client.get("/stance")
    assert r.status_code == 200 and 'name="target"' in r.text


def test_static_assets_are_local(client):
    page = client.get("/").text
    assert re.findall(r'(?:src|href)="(https?:)?//', page) == []
    css = client.get("/static/style.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")


def test_real_pipeline_records_render_with_every_highlight(tmp_path, pipeline):
    """Records from the real stages (not hand-made) give valid offsets and a highlight per event."""
    from eventwire.schema import Article
    from eventwire.store import Store

    texts = [
        "ANKARA (Wirepress) - Turkey on Friday accused Greece of violating its airspace and summoned the Greek "
        "ambassador, the foreign ministry said in a statement.",
        "BRUSSELS (Wirepress) - NATO pledged more support to Ukraine on Tuesday. <script>alert(1)</script> "
        '"We will not be intimidated," the alliance\'s chief told reporters.',
    ]
    articles = [
        Article(id=f"real-{i}", text=t, published="2024-06-07", publisher="example.test") for i, t in enumerate(texts)
    ]
    results = list(pipeline.code_many(articles))
    assert sum(len(r.events) for r in results) >= 2
    path = tmp_path / "real.duckdb"
    with Store(path) as store:
        store.write_many(results)
    with TestClient(create_app(str(path))) as c:
        for r in results:
            page = c.get(f"/articles/{r.article.id}").text
            assert "Offsets to check" not in page
            assert "<script>alert(1)" not in page
            tree = parse(article_text_html(page))
            assert html.unescape("".join(tree.text)) == r.article.text
            for ev in r.events:
                assert tree.ids[f"ev-{ev.id}"]["data-type"] == ev.event_type


def test_header_counts_coded_skipped_and_events(client):
    page = client.get("/actors").text
    counts = dict(re.findall(r'<span data-count="(\w+)">(\d+)</span>', page))
    assert counts == {"coded": "3", "skipped": "1", "events": "8"}  # the skipped input is not an article


def test_api_docs_page_is_served_from_the_package(client):
    page = client.get("/docs").text
    assert re.findall(r'(?:src|href)="(https?:)?//', page) == [] and "<script" not in page.split("</head>")[1]
    assert "<h2><code>GET /api/events</code></h2>" in page
    section = page[page.index('id="get-api-events"') :].split("</section>")[0]
    for name in ("min_confidence", "modality", "sort", "limit"):
        assert f"<code>{name}</code>" in section


def test_event_page_facets_sort_links_and_page_size(client):
    page = client.get("/?country=RUS&limit=2").text
    facet = re.search(r'data-facet="event_type">(.*?)</section>', page, re.S).group(1)
    counts = dict(re.findall(r'data-value="(\w+)">\w+</a> <span class="n">(\d+)</span>', facet))
    assert counts == {"ACCUSE": "1", "ASSAULT": "1", "REJECT": "1", "REQUEST": "1", "THREATEN": "1"}
    assert 'href="/?country=RUS&amp;limit=2&amp;event_type=ACCUSE"' in facet  # keeps the other parameters
    assert len(re.findall(r'<tr data-type="', page)) == 2
    assert 'rel="next" href="/?country=RUS&amp;limit=2&amp;offset=2"' in page
    assert 'id="permalink" href="/?country=RUS&amp;limit=2"' in page
    assert 'data-sort="confidence" href="/?country=RUS&amp;limit=2&amp;sort=-confidence"' in page
    chosen = client.get("/?event_type=ACCUSE").text
    assert re.search(r'<li class="chosen"><a href="/\?" data-value="ACCUSE">', chosen)  # the link removes it


def test_statements_page_with_facets_and_permalink(client):
    page = client.get("/statements?kind=reported&limit=10").text
    assert len(re.findall(r'<tr data-id="[^"]+" data-kind="reported">', page)) == 2
    assert 'id="permalink" href="/statements?kind=reported&amp;limit=10"' in page
    assert 'data-facet="speaker_country"' in page


def test_actors_page_sorts_by_a_column(client):
    page = client.get("/actors?sort=name").text
    keys = re.findall(r'<tr data-key="([^"]+)">', page)
    assert len(keys) == 5 and keys[0] == "name:kremlin spokesman"
    assert 'data-sort="name" href="/actors?sort=-name"' in page
