from eventwire.ingest.text import parse_dateline, split_page

PAGE = """date 2022-03-27 frontiernews.pk
Envoy says Warsaw keeps peacekeeper plan
Envoy says Warsaw keeps peacekeeper plan
Staff Report
Published March 27, 2022 | 10:15 AM
MOSCOW (Frontier News / Sputnik - 27th March, 2022) The ambassador said on Saturday that the plan stands.

Second paragraph.
"""


def test_split_page_recovers_header_and_keeps_body_verbatim():
    parts = split_page(PAGE)
    assert parts.published == "2022-03-27"
    assert parts.publisher == "frontiernews.pk"
    assert parts.title == "Envoy says Warsaw keeps peacekeeper plan"
    assert parts.byline == "Staff Report"
    body = PAGE[parts.body_start :]
    assert body.startswith("MOSCOW (Frontier News")
    assert "Envoy says" not in body  # the repeated headline is dropped


def test_published_line_gives_date_without_date_line():
    page = "Talks resume in Geneva\nBy Jane Roe\nPublished March 3, 2022 | 9:00 AM\nGENEVA (AP) - Talks resumed.\n"
    parts = split_page(page)
    assert parts.published == "2022-03-03"
    assert parts.byline == "By Jane Roe"
    assert page[parts.body_start :].startswith("GENEVA")


def test_first_body_line_is_not_taken_for_a_headline():
    page = 'Lavrov told reporters in Moscow on Monday:\n"We will respond to any provocation."\n'
    assert split_page(page).body_start == 0
    page = "Talks collapse in Geneva\nDiplomats left the room after two hours.\n"
    assert split_page(page).title is None  # no header signal: no date line, repeat or byline


def test_acronym_with_expansion_is_not_a_dateline():
    assert parse_dateline("NATO (North Atlantic Treaty Organization) accused Russia of escalation.") is None


def test_plain_paragraph_has_no_header():
    page = "Russia accused Poland of planning a provocation, the ministry said.\n"
    assert split_page(page).body_start == 0
    assert split_page(page).title is None


def test_datelines_in_common_shapes():
    a = parse_dateline("MOSCOW (Frontier News / Sputnik - 27th March, 2022) Text")
    assert (a.place, a.credit, a.date) == ("MOSCOW", "Sputnik", "2022-03-27")
    b = parse_dateline("WASHINGTON, March 3 (Reuters) - The Pentagon said")
    assert (b.place, b.credit) == ("WASHINGTON", "Reuters")
    c = parse_dateline("KYIV, Ukraine (AP) \u2014 Russian forces")
    assert (c.place, c.credit) == ("KYIV", "AP")
    assert parse_dateline("The minister said (in a statement) that") is None
