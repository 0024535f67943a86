"""Text pages in the shapes news sites and wires save them (all pages here are our own writing)."""

import pytest

from eventwire.ingest import article_from_page
from eventwire.ingest.text import clean_title, mask_page, parse_byline, parse_dateline, split_page

PAGE = """date 2022-03-27 frontiernews.pk
Envoy says Warsaw keeps peacekeeper plan
Envoy says Warsaw keeps peacekeeper plan
Staff Report
Published March 27, 2022 | 10:15 AM
MOSCOW (Frontier News / Sputnik - 27th March, 2022) The ambassador said on Saturday that the plan stands.

Second paragraph.
"""

# Leading space, a blank line after every line, byline and time on the "Published" line, headline repeated.
PORTAL_PAGE = """ date 2023-06-11 newsdesk.pk

Oslo Rejects Moscow Claim Over Arctic Exercise - Foreign Ministry

Sana Mirza Published June 11, 2023 | 09:45 PM

Oslo Rejects Moscow Claim Over Arctic Exercise - Foreign Ministry

MOSCOW (Newsdesk / Sputnik - 11th June, 2023) Russia has told Norway that the planned exercise near its border is a provocation.
"""


def test_split_page_recovers_header_and_keeps_body_verbatim():
    parts = split_page(PAGE)
    assert (parts.published, parts.publisher) == ("2022-03-27", "frontiernews.pk")
    assert parts.title == "Envoy says Warsaw keeps peacekeeper plan"
    assert parts.byline == "Staff Report"
    body = PAGE[parts.body_start :]
    assert body.startswith("MOSCOW (Frontier News")
    assert "Envoy says" not in body  # the repeated headline is dropped


def test_portal_page_with_blank_lines_leading_space_and_byline_on_published_line():
    art = article_from_page(PORTAL_PAGE)
    assert art.title == "Oslo Rejects Moscow Claim Over Arctic Exercise - Foreign Ministry"
    assert (art.byline, art.published, art.publisher) == ("Sana Mirza", "2023-06-11", "newsdesk.pk")
    assert (art.dateline, art.credit) == ("MOSCOW", "Sputnik")
    assert art.text.startswith("MOSCOW (Newsdesk") and "Published" not in art.text


def test_updated_line_is_header_and_dates_only_when_nothing_else_does():
    page = "Border talks stall again\nBy Jane Roe\nPublished March 3, 2022\nUpdated: March 4, 2022 10:00 GMT\nGENEVA (AP) - Talks stalled.\n"
    art = article_from_page(page)
    assert (art.byline, art.published, art.credit) == ("Jane Roe", "2022-03-03", "AP")
    assert art.text.startswith("GENEVA")
    only_update = "Border talks stall again\nUpdated: March 4, 2022\nGENEVA (AP) - Talks stalled.\n"
    assert article_from_page(only_update).published == "2022-03-04"


@pytest.mark.parametrize(
    "line, name, credit",
    [
        ("By Tom Hale", "Tom Hale", None),
        ("By Olena Petrenko, Staff Writer", "Olena Petrenko", None),
        ("KVELLER via JTA", "KVELLER", "JTA"),
        ("By Ana de la Cruz and Li Wei, Associated Press", "Ana de la Cruz and Li Wei", "AP"),
        ("By Reuters", "Reuters", "Reuters"),
        ("By Tuesday, the troops had left.", None, None),
        ("By then the talks had failed", None, None),
    ],
)
def test_bylines(line, name, credit):
    got = parse_byline(line)
    assert (got or (None, None)) == (name, credit)


def test_byline_via_wire_gives_the_credit_on_a_page():
    page = "Rabbis meet Kyiv mayor on shelter plan\n\nKVELLER via JTA\n\nKyiv officials met community leaders on Sunday to discuss shelters.\n"
    art = article_from_page(page)
    assert (art.title, art.byline, art.credit) == ("Rabbis meet Kyiv mayor on shelter plan", "KVELLER", "JTA")
    assert art.text.startswith("Kyiv officials")


@pytest.mark.parametrize(
    "text, place, credit",
    [
        ("WASHINGTON (AP) \u2014 The Senate voted on a package", "WASHINGTON", "AP"),
        ("Paris (AFP) - France recalled its envoy", "Paris", "AFP"),
        ("MOSCOW, July 20. /TASS/. The ministry said", "MOSCOW", "TASS"),
        ("BEIJING, April 14 (Xinhua) -- China and Brazil signed", "BEIJING", "Xinhua"),
        ("ANKARA (AA) - Turkish officials said", "ANKARA", "AA"),
        ("WASHINGTON, March 3 (Reuters) - The Pentagon said", "WASHINGTON", "Reuters"),
        ("KYIV, Ukraine (AP) \u2014 Russian forces shelled", "KYIV", "AP"),
        ("KYIV \u2014 Ukraine said on Monday", "KYIV", None),
        ("MOSCOW (Frontier News / Sputnik - 27th March, 2022) Text", "MOSCOW", "Sputnik"),
        ("NEW DELHI (Associated Press) - India said", "NEW DELHI", "AP"),
    ],
)
def test_datelines_of_the_major_wires(text, place, credit):
    got = parse_dateline(text)
    assert (got.place, got.credit) == (place, credit)
    assert text[got.end :].strip()[0].isalpha()  # the dateline ends where the story starts


@pytest.mark.parametrize(
    "text",
    [
        "NATO (North Atlantic Treaty Organization) accused Russia of escalation.",
        "The minister said (in a statement) that",
        "Russia (which denies it) sent troops.",
    ],
)
def test_not_datelines(text):
    assert parse_dateline(text) is None


def test_sputnik_date_is_read_from_the_credit():
    got = parse_dateline("MOSCOW (Frontier News / Sputnik - 27th March, 2022) Text")
    assert got.date == "2022-03-27"


def test_first_body_line_is_not_taken_for_a_headline():
    page = 'Lavrov told reporters in Moscow on Monday:\n"We will respond to any provocation."\n'
    assert split_page(page).body_start == 0
    page = "Talks collapse in Geneva\nDiplomats left the room after two hours.\n"
    assert split_page(page).title is None  # no header signal: no date line, repeat or byline


def test_headline_above_a_dateline_is_a_title():
    page = "Seoul protests missile launch\n\nSEOUL (Yonhap) -- South Korea protested on Friday.\n"
    art = article_from_page(page)
    assert (art.title, art.credit) == ("Seoul protests missile launch", "Yonhap")


def test_plain_paragraph_has_no_header():
    page = "Russia accused Poland of planning a provocation, the ministry said.\n"
    assert split_page(page).body_start == 0
    assert split_page(page).title is None


def test_unreadable_published_date_is_a_warning():
    page = "Talks resume in Geneva\nBy Jane Roe\nPublished 3/33/2022\nGENEVA (AP) - Talks resumed.\n"
    art = article_from_page(page)
    assert art.published is None
    assert any("3/33/2022" in w for w in art.warnings)


def test_mask_page_blanks_byline_dateline_and_footer_keeping_offsets():
    text = "By Tom Hale\nWASHINGTON (AP) \u2014 The Senate voted on Monday.\n\nCopyright 2024 The Daily Example. All rights reserved.\n"
    masked = mask_page(text)
    assert len(masked) == len(text) and masked.count("\n") == text.count("\n")
    assert "Tom Hale" not in masked and "WASHINGTON" not in masked and "Copyright" not in masked
    assert "The Senate voted on Monday." in masked


def test_title_suffixes_of_the_site_are_cleaned():
    assert clean_title("Berlin opens archive | DW | 19.01.2020", site="DW.COM") == "Berlin opens archive"
    assert clean_title("Ministers meet in Ankara - The Coast Post", site="The Coast Post") == "Ministers meet in Ankara"
    assert clean_title("Ministers meet - again - Coast", url="https://www.coast.example/a") == "Ministers meet - again"
    # a headline's own dash part stays when it does not name the site
    assert clean_title("Oslo Rejects Moscow Claim - Foreign Ministry", site="Newsdesk") == (
        "Oslo Rejects Moscow Claim - Foreign Ministry"
    )


def test_a_credit_alone_and_a_kicker_word():
    got = parse_dateline("(CNN) \u2014 The Senate voted on Monday")
    assert (got.place, got.credit) == (None, "CNN")
    assert parse_dateline("EXCLUSIVE \u2013 Senator says the count was rigged") is None


def test_a_text_that_starts_with_its_headline_still_has_its_dateline_read_and_masked():
    text = "Clinton wins the Iowa vote.\n\nDES MOINES \u2014 She won by a few hundred votes, officials said.\n"
    art = article_from_page(text)
    assert art.dateline == "DES MOINES" and art.text == text  # no header: the text is kept whole
    assert "DES MOINES" not in mask_page(text) and "Clinton wins the Iowa vote." in mask_page(text)


def test_a_footer_word_between_paragraphs_masks_only_its_line():
    text = (
        "Ukraine said on Monday that talks with Poland would resume next week in Warsaw.\n"
        "Related: Border crossing reopens after a week\n"
        "The two governments disagree over grain imports, which Poland has restricted since the spring.\n"
        "Officials said the next round could settle the transit fees that farmers have complained about.\n"
    )
    masked = mask_page(text)
    assert "Border crossing reopens" not in masked
    assert "The two governments disagree" in masked and "transit fees" in masked


@pytest.mark.parametrize(
    "header, byline, published",
    [
        ("By Ali Raza | June 11, 2023 | 09:45 PM", "Ali Raza", "2023-06-11"),
        ("By Ali Raza | Staff Writer | Sun 11 Jun 2023", "Ali Raza", "2023-06-11"),
        ("Posted on June 11, 2023 by Ali Raza", "Ali Raza", "2023-06-11"),
        ("Sun 11 Jun 2023 09.45 BST", None, "2023-06-11"),
        ("Updated 10:45 AM ET, Sun June 11, 2023", None, "2023-06-11"),
    ],
)
def test_more_header_line_shapes(header, byline, published):
    page = f"Oslo rejects Moscow claim over drills\n{header}\nOSLO (NTB) - Norway rejected the claim on Sunday.\n"
    art = article_from_page(page)
    assert (art.title, art.byline, art.published) == ("Oslo rejects Moscow claim over drills", byline, published)
    assert art.text.startswith("OSLO")


def test_a_caption_line_under_the_headline_is_not_the_story():
    page = "Oslo rejects Moscow claim over drills\nPhoto: Ana Ruiz / Newsdesk\nBy Ali Raza\nOSLO (NTB) - Norway rejected the claim.\n"
    art = article_from_page(page)
    assert art.text.startswith("OSLO") and art.byline == "Ali Raza"


def test_a_story_line_with_a_bar_is_not_a_header():
    page = "Talks collapse in Geneva | Diplomats left the room after two hours of talks.\nMore text follows here.\n"
    assert split_page(page).body_start == 0


@pytest.mark.parametrize(
    "first",
    [
        "Updated 3 times since 2019, the rules on river fishing were extended by the council on Monday.",
        "Posted 40 soldiers to the northern pass, the army said on Friday.",
        "Published 12 times in four languages, the pamphlet was banned by the governor in May.",
    ],
)
def test_a_story_line_that_opens_with_a_header_word_and_a_number_stays_in_the_story(first):
    text = f"{first}\nOfficials in the capital confirmed the decision.\n"
    assert mask_page(text) == text
    art = article_from_page(text)
    assert art.text == text and art.published is None and not art.warnings


@pytest.mark.parametrize(
    "header, published",
    [
        ("Updated 3 June 2023", "2023-06-03"),
        ("Posted 12.06.2023 10:00", None),  # a short line with a date form right after the word: a header
        ("Published: Jan 5, 2021, 8:02 AM", "2021-01-05"),
    ],
)
def test_a_header_line_with_a_date_is_still_blanked(header, published):
    text = f"{header}\nThe mayor of the port town resigned on Tuesday.\n"
    assert header not in mask_page(text) and "The mayor of the port town resigned" in mask_page(text)
    assert article_from_page(f"Port mayor resigns\n{text}").published == published


STORY = (
    "Lawmakers in Lisbon debated a new broadcasting bill on Tuesday, and the opposition walked out.\n\n"
    "The culture minister defended the text in a long speech.\n\n"
)


def test_a_story_paragraph_that_opens_like_a_footer_stays_in_the_story():
    last = "Copyright owners welcomed the bill. Unions threatened a strike, and police detained two protesters.\n"
    for text in (STORY + last, STORY + last.replace("Copyright owners", "Sign up for the reserve was slow, and")):
        assert mask_page(text) == text


def test_a_real_footer_block_is_blanked_and_only_it():
    foot = "Copyright 2025 The Harbour Gazette\nRead more:\nFerry strike ends after two weeks\nShare on Facebook\n"
    text = STORY + "Unions threatened a strike over the vote.\n\n" + foot
    masked = mask_page(text)
    assert len(masked) == len(text) and masked.count("\n") == text.count("\n")
    assert masked.startswith(STORY + "Unions threatened a strike over the vote.")
    assert masked[len(text) - len(foot) :].strip() == ""
    # a story paragraph after the footer block is not cut with it
    after = "Police detained two protesters outside the parliament on Wednesday.\n"
    assert after in mask_page(STORY + "Copyright 2025 The Harbour Gazette\n" + after)
