"""Hand-made records for the explorer tests, so they do not depend on the NLP stages.

Two articles about a ceasefire proposal (one id holds slashes), a near-duplicate
of the second, and a skipped input. The first article carries raw markup
(``<script>``, ``<b>``) inside an event's evidence: the pages must escape it.
"""

from __future__ import annotations

from eventwire.schema import Actor, ActorRef, Article, Event, Evidence, Location, Mention, Result, Statement

TEXT_1 = (
    "KYIV (Wirepress) - Ukraine on Tuesday rejected a Russian ceasefire proposal, saying Moscow had shelled "
    "Kharkiv overnight.\n\n"
    '"We will not accept a pause that lets them regroup," the foreign minister told reporters at a press '
    "conference.\n\n"
    "Poland pledged further aid to Ukraine.\n\n"
    "The ministry also accused Russia of <b>targeting</b> power stations <script>alert('owned')</script>."
)
TEXT_2 = (
    "MOSCOW (Wirepress) - Russia urged Ukraine to accept the ceasefire plan, the Kremlin spokesman said on "
    "Thursday.\n\nRussia also threatened Poland with retaliation over the arms deliveries."
)
ID_1 = "kyiv-rejects-0305"
ID_2 = "wire/2024/03/moscow-urges"
ID_DUP = "mirror-of-moscow-urges"


def at(text: str, needle: str, nth: int = 0) -> Evidence:
    """The ``nth`` occurrence of ``needle`` in ``text`` as evidence with real offsets."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Evidence(start, start + len(needle), needle)


def sentence(text: str, needle: str) -> Evidence:
    """The paragraph holding ``needle`` (after a dateline), as the evidence sentence."""
    i = text.index(needle)
    para = text.rfind("\n\n", 0, i)
    dateline = text.rfind(" - ", 0, i)
    start = max(para + 2 if para >= 0 else 0, dateline + 3 if dateline >= 0 else 0)
    end = text.find("\n\n", i)
    end = len(text) if end < 0 else end
    return Evidence(start, end, text[start:end])


STATES = {
    "UKR": ("Ukraine", "GOV"),
    "RUS": ("Russia", "GOV"),
    "POL": ("Poland", "GOV"),
}


def actor(aid: str, code: str, text: str, mentions: list[str]) -> Actor:
    name, sector = STATES[code]
    return Actor(
        id=aid, name=name, country=code, sector=sector, cameo=code + sector, kind="state", entry=f"state.{code}",
        mentions=[Mention(m.text, m.start, m.end, f"state.{code}") for m in (at(text, x) for x in mentions)],
    )  # fmt: skip


def ref(a: Actor, text: str, mention: str, nth: int = 0) -> ActorRef:
    e = at(text, mention, nth)
    return ActorRef(a.id, e.text, e.start, e.end, a.name, a.country, a.sector)


def event(eid: str, etype: str, cameo: str, quad: int, src, tgt, text: str, trigger: str, **kw) -> Event:
    fields = dict(
        id=eid, event_type=etype, mode=None, cameo=cameo, quad_class=quad, goldstein=-2.0 if quad > 2 else 3.0,
        plover_score=-2.0 if quad > 2 else 2.0, source=src, target=tgt, date=kw.pop("date", None),
        date_precision=kw.pop("date_precision", "reported"), date_text=None, location=kw.pop("location", None),
        modality=kw.pop("modality", "asserted"), statement_id=kw.pop("statement_id", None),
        evidence=sentence(text, trigger), trigger=at(text, trigger), confidence=0.8, rule=f"test.{etype.lower()}",
    )  # fmt: skip
    fields.update(kw)
    return Event(**fields)


def article_one() -> Result:
    t = TEXT_1
    ukr = actor("a1", "UKR", t, ["Ukraine"])
    rus = actor("a2", "RUS", t, ["Russian", "Moscow", "Russia"])
    pol = actor("a3", "POL", t, ["Poland"])
    minister = Actor(
        id="a4", name="Ukraine foreign minister", country="UKR", sector="GOV", kind="person", role="foreign minister",
        mentions=[Mention("the foreign minister", *_se(at(t, "the foreign minister")), "role")],
    )  # fmt: skip
    s1 = Statement(
        id="s1", speaker=ref(minister, t, "the foreign minister"), cue=at(t, "told"),
        content=at(t, "We will not accept a pause that lets them regroup,"), direct=True, venue="press conference",
        addressee="reporters", date="2024-03-05", date_precision="day",
    )  # fmt: skip
    s2 = Statement(
        id="s2", speaker=ref(ukr, t, "Ukraine"), cue=at(t, "saying"), content=at(t, "Moscow had shelled Kharkiv overnight"),
        direct=False, date="2024-03-05", date_precision="day",
    )  # fmt: skip
    kharkiv = Location("Kharkiv", "UKR", 49.98, 36.25, 706483, "Kharkiv", "clause")
    events = [
        event("e1", "REJECT", "12", 3, ref(ukr, t, "Ukraine"), ref(rus, t, "Russian"), t, "rejected",
              date="2024-03-05", date_precision="day", date_text="on Tuesday"),
        event("e2", "ASSAULT", "195", 4, ref(rus, t, "Moscow"), None, t, "shelled", date="2024-03-04",
              date_precision="day", modality="claimed", statement_id="s2", location=kharkiv),
        event("e3", "AID", "07", 2, ref(pol, t, "Poland"), ref(ukr, t, "Ukraine", 1), t, "pledged", date="2024-03-05",
              modality="future"),
        event("e4", "ACCUSE", "112", 3, None, ref(rus, t, "Russia", 1), t, "accused", date="2024-03-05"),
    ]  # fmt: skip
    art = Article(
        id=ID_1, text=t, title="Ukraine rejects <i>ceasefire</i> proposal", published="2024-03-05",
        publisher="example-news.test", credit="Wirepress", dateline="KYIV", url="javascript:alert(1)", origin="test",
    )  # fmt: skip
    return Result(article=art, events=events, statements=[s1, s2], actors=[ukr, rus, pol, minister])


def _se(e: Evidence) -> tuple[int, int]:
    return e.start, e.end


def article_two(article_id: str = ID_2, duplicate_of: str | None = None) -> Result:
    t = TEXT_2
    rus = actor("a1", "RUS", t, ["Russia", "Kremlin"])
    ukr = actor("a2", "UKR", t, ["Ukraine"])
    pol = actor("a3", "POL", t, ["Poland"])
    spokesman = Actor(
        id="a4", name="Kremlin spokesman", country="RUS", sector="GOV", kind="person", role="spokesman",
        mentions=[Mention("the Kremlin spokesman", *_se(at(t, "the Kremlin spokesman")), "role")],
    )  # fmt: skip
    s1 = Statement(
        id="s1", speaker=ref(spokesman, t, "the Kremlin spokesman"), cue=at(t, "said"),
        content=at(t, "Russia urged Ukraine to accept the ceasefire plan"), direct=False, date="2024-03-07",
        date_precision="day",
    )  # fmt: skip
    events = [
        event("e1", "REQUEST", "10", 3, ref(rus, t, "Russia"), ref(ukr, t, "Ukraine"), t, "urged", date="2024-03-07",
              date_precision="day", statement_id="s1", modality="claimed"),
        event("e2", "THREATEN", "13", 3, ref(rus, t, "Russia", 1), ref(pol, t, "Poland"), t, "threatened",
              date="2024-03-07"),
    ]  # fmt: skip
    art = Article(
        id=article_id, text=t, title="Russia urges ceasefire", published="2024-03-07", publisher="wire-mirror.test",
        credit="Wirepress", dateline="MOSCOW", url="https://wire-mirror.test/moscow-urges", duplicate_of=duplicate_of,
    )  # fmt: skip
    return Result(article=art, events=events, statements=[s1], actors=[rus, ukr, pol, spokesman])


def all_results() -> list[Result]:
    skipped = Result(
        article=Article(id="empty-1", text="", origin="empty.txt"), status="skipped", reason="empty: (empty.txt)"
    )
    return [article_one(), article_two(), article_two(ID_DUP, duplicate_of=ID_2), skipped]
