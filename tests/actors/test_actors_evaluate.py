"""Actor country accuracy scoring (the figure bench/actors_eval.py and `eventwire eval` print)."""

from __future__ import annotations

from eventwire.actors.evaluate import actor_country_accuracy, codes_match, gold_span
from eventwire.schema import Actor, Article, Mention, Result

TEXT = "Japanese officials and the U.N. envoy met rebels in Chad."


def _result(*actors: Actor) -> Result:
    return Result(article=Article(id="s1", text=TEXT), actors=list(actors))


def _actor(aid: str, country: str | None, phrase: str) -> Actor:
    start = TEXT.index(phrase)
    return Actor(
        id=aid, name=phrase, country=country, sector=None,
        mentions=[Mention(phrase, start, start + len(phrase), "test")],
    )  # fmt: skip


GOLD = [
    {
        "id": "s1",
        "text": TEXT,
        "events": [
            {
                "event_type": "CONSULT",
                "source": [{"text": "Japanese officials", "country": "JAP"}, {"text": "U.N. envoy", "country": "IGO"}],
                "target": [{"text": "rebels in Chad", "country": "TCD"}, {"text": "nobody", "country": None}],
            }
        ],
    }
]


def test_cameo_era_codes_and_igo_family_match():
    assert codes_match("JAP", "JPN") and codes_match("ITL", "ITA") and codes_match("VTN", "VNM")
    assert codes_match("IGO", "UNO") and codes_match("IGO", "EUR") and codes_match("IGO", "IGO")
    assert not codes_match("UNO", "IGO") and not codes_match("USA", None)


def test_gold_span_handles_elisions_and_case():
    text = "The U.S. and Russian negotiators met."
    assert gold_span(text, "U.S. ... negotiators") == (4, text.index("negotiators") + len("negotiators"))
    assert gold_span(text, "russian negotiators") == (text.index("Russian"), text.index(" met"))
    assert gold_span(text, "Chinese") is None


def test_accuracy_counts_gold_actors_with_a_country():
    res = _result(
        _actor("a1", "JPN", "Japanese officials"), _actor("a2", "UNO", "U.N. envoy"), _actor("a3", "SDN", "rebels")
    )
    score = actor_country_accuracy([res], GOLD)
    assert (score["total"], score["correct"], score["no_actor"]) == (3, 2, 0)
    assert score["accuracy"] == round(2 / 3, 4)
    (err,) = score["errors"]
    assert (err["gold_text"], err["gold_country"], err["got_country"]) == ("rebels in Chad", "TCD", "SDN")


def test_missing_result_or_actor_is_an_error():
    score = actor_country_accuracy([_result(_actor("a1", "JPN", "Japanese officials"))], GOLD)
    assert score["correct"] == 1 and score["no_actor"] == 2
    assert actor_country_accuracy([], GOLD)["correct"] == 0
    as_dicts = actor_country_accuracy([_result(_actor("a1", "JPN", "Japanese")).to_dict()], GOLD)
    assert as_dicts["correct"] == 1


def test_compound_gold_text_is_scored_on_its_first_word():
    text = "The U.S. and Russian negotiators met."
    gold = [{"id": "s2", "text": text, "events": [{"source": [{"text": "U.S. ... negotiators", "country": "USA"}]}]}]
    us = Actor(id="a1", name="US", country="USA", mentions=[Mention("U.S.", 4, 8, "t")], sector=None)
    ru = Actor(id="a2", name="RU", country="RUS", mentions=[Mention("Russian negotiators", 13, 32, "t")], sector=None)
    result = Result(article=Article(id="s2", text=text), actors=[us, ru])
    assert actor_country_accuracy([result], gold)["correct"] == 1
    # a first-word mention without a country does not hide a resolved one
    none = Actor(id="a3", name="x", country=None, mentions=[Mention("U.S.", 4, 8, "t")], sector=None)
    result = Result(article=Article(id="s2", text=text), actors=[none, ru])
    assert actor_country_accuracy([result], gold)["errors"][0]["got_country"] == "RUS"
