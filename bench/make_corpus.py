"""Generate a wire-style news corpus (JSON Lines) for benchmarks and scale tests.

Every sentence comes from templates written for this project, filled with
invented officials and real country names, so the corpus is free to ship and
as large as asked. A share of the articles are syndicated copies of earlier
ones (another site, no dateline credit, a promo line added), as in real news
crawls, so deduplication has something to find.

    python bench/make_corpus.py --size 1MB -o /tmp/corpus-1mb.jsonl
    python bench/make_corpus.py --size 50MB -o /tmp/corpus-50mb.jsonl --seed 7
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import date, timedelta

# (name, adjective, capital, second city)
COUNTRIES = [
    ("Russia", "Russian", "Moscow", "Kazan"),
    ("Ukraine", "Ukrainian", "Kyiv", "Kharkiv"),
    ("China", "Chinese", "Beijing", "Shanghai"),
    ("Japan", "Japanese", "Tokyo", "Osaka"),
    ("India", "Indian", "New Delhi", "Mumbai"),
    ("Pakistan", "Pakistani", "Islamabad", "Lahore"),
    ("Iran", "Iranian", "Tehran", "Isfahan"),
    ("Israel", "Israeli", "Jerusalem", "Haifa"),
    ("Egypt", "Egyptian", "Cairo", "Alexandria"),
    ("Turkey", "Turkish", "Ankara", "Istanbul"),
    ("Germany", "German", "Berlin", "Hamburg"),
    ("France", "French", "Paris", "Lyon"),
    ("Brazil", "Brazilian", "Brasilia", "Sao Paulo"),
    ("Nigeria", "Nigerian", "Abuja", "Lagos"),
    ("Kenya", "Kenyan", "Nairobi", "Mombasa"),
    ("Ethiopia", "Ethiopian", "Addis Ababa", "Gondar"),
    ("Mexico", "Mexican", "Mexico City", "Monterrey"),
    ("Colombia", "Colombian", "Bogota", "Medellin"),
    ("Indonesia", "Indonesian", "Jakarta", "Surabaya"),
    ("Philippines", "Philippine", "Manila", "Davao"),
    ("Poland", "Polish", "Warsaw", "Krakow"),
    ("Sudan", "Sudanese", "Khartoum", "Port Sudan"),
    ("Venezuela", "Venezuelan", "Caracas", "Maracaibo"),
    ("South Korea", "South Korean", "Seoul", "Busan"),
]
WIRES = ["Reuters", "AP", "AFP", "Sputnik", "Xinhua", "Anadolu"]
SITES = ["dailyledger.example", "northstar-news.example", "the-bulletin.example", "metro-times.example",
         "worldwatch.example", "harbour-herald.example"]  # fmt: skip
FIRST = ["Anna", "Marek", "Li", "Samir", "Grace", "Tomas", "Aiko", "Ravi", "Lucia", "Omar", "Ingrid", "Kwame",
         "Elena", "Farid", "Sofia", "Daniel", "Mei", "Yusuf", "Carmen", "Pavel"]  # fmt: skip
LAST = ["Petrova", "Novak", "Wen", "Haddad", "Otieno", "Berger", "Sato", "Mehta", "Ramos", "Karimi", "Larsen",
        "Mensah", "Vasquez", "Rahimi", "Costa", "Weber", "Tanaka", "Demir", "Silva", "Orlov"]  # fmt: skip
ROLES = ["foreign minister", "defence minister", "president", "prime minister", "interior minister",
         "trade minister", "ambassador", "army spokesman", "government spokeswoman", "opposition leader"]  # fmt: skip
TOPICS = ["border security", "grain exports", "energy prices", "a prisoner exchange", "water rights",
          "fishing quotas", "a new rail corridor", "refugee returns", "cyber attacks", "nuclear inspections",
          "visa rules", "a gas pipeline", "election monitoring", "port access", "debt relief"]  # fmt: skip
ACCUSATIONS = ["violating the ceasefire", "meddling in its elections", "shelling civilian areas",
               "spying on its diplomats", "blocking aid convoys", "smuggling weapons across the border",
               "detaining its citizens without charge"]  # fmt: skip
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# Event sentences: {s*} source country, {t*} target country; {p} person, {r} role, {pl} place.
EVENTS = [
    "{s} accused {t} on {day} of {accusation}, a charge {t_adj} officials denied.",
    "{s_adj} and {t_adj} officials signed an agreement on {topic} in {s_cap} on {day}.",
    "The {s_adj} {r}, {p}, met {t_adj} counterparts in {t_cap} to discuss {topic}.",
    "{s} threatened to impose new sanctions on {t} unless talks on {topic} resumed within a month.",
    "{s_adj} troops shelled positions near {t_city} overnight, killing {n} people, local officials said.",
    "Police in {s_city} fired tear gas at hundreds of protesters who marched against {topic}.",
    "{s} pledged {n} million dollars in humanitarian aid to {t} after floods in the north of the country.",
    "{t} rejected a {s_adj} proposal on {topic}, calling it one-sided.",
    "{s} expelled two {t_adj} diplomats on {day}, saying they had been involved in {accusation}.",
    "{s_adj} forces arrested {n} suspected militants in raids around {s_city}, the {r} said.",
    "{s} recalled its ambassador from {t} for consultations after the dispute over {topic} deepened.",
    "Thousands of workers went on strike in {s_city} to demand higher wages as prices kept rising.",
    "{s} called on {t} to release the detained journalists and to allow consular visits.",
    "{s_adj} officials said they were ready to mediate between the two sides on {topic}.",
    "{s} and {t} agreed to hold a new round of talks on {topic} next month.",
    "{s} denied that its aircraft had entered {t_adj} airspace during the exercise.",
    "{t_adj} warships will join {s_adj} vessels for joint naval drills near {s_city} in the spring.",
    "The {s_adj} parliament voted to cut military cooperation with {t} by a large majority.",
]
QUOTES = [
    '"We will not accept any pressure on this question," {p} told reporters in {s_cap}.',
    '"The door to dialogue remains open," the {r} said in a televised statement.',
    '"Our position on {topic} has not changed," {p} said on {day}.',
    '{p} said the government was "deeply concerned" about the situation in {t_city}.',
    'According to the {r}, the talks on {topic} were "frank and constructive."',
    '"This is a serious escalation and it will have consequences," {p} wrote on social media.',
]
BACKGROUND = [
    "Relations between the two countries have been strained since a dispute over {topic} last year.",
    "Trade between {s} and {t} has fallen by about a third over the past two years.",
    "The {s_adj} economy grew by {n2} percent last year, according to official figures.",
    "Several rounds of talks on {topic} have ended without a deal.",
    "Analysts said the move was aimed mainly at voters at home ahead of elections in the autumn.",
    "The {t_adj} foreign ministry did not immediately respond to a request for comment.",
    "Both governments say they want to settle the matter through negotiation.",
    "The region has seen sporadic clashes since a truce was agreed three years ago.",
    "Officials gave no further details.",
]
HEADLINES = [
    "{s} and {t} at odds over {topic}",
    "{s_adj} {r} visits {t_cap} for talks",
    "{s} warns {t} over {topic}",
    "Tensions rise as {s} accuses {t}",
    "{s} offers aid to {t}",
    "Talks on {topic} to resume, {s} says",
]
PROMOS = ["Follow our live coverage on the app.", "Sign up for our morning newsletter.", "Share this story."]


def _slots(rng: random.Random) -> dict[str, str]:
    s, t = rng.sample(COUNTRIES, 2)
    return {
        "s": s[0], "s_adj": s[1], "s_cap": s[2], "s_city": rng.choice(s[2:]),
        "t": t[0], "t_adj": t[1], "t_cap": t[2], "t_city": rng.choice(t[2:]),
        "p": f"{rng.choice(FIRST)} {rng.choice(LAST)}", "r": rng.choice(ROLES), "topic": rng.choice(TOPICS),
        "accusation": rng.choice(ACCUSATIONS), "day": rng.choice(DAYS), "n": str(rng.randint(2, 90)),
        "n2": f"{rng.randint(1, 6)}.{rng.randint(0, 9)}",
    }  # fmt: skip


def make_article(rng: random.Random, n: int, day: date) -> dict[str, str]:
    """One wire-style article: dateline with wire credit, 3-6 paragraphs of events, quotes and background."""
    slots = _slots(rng)
    wire = rng.choice(WIRES)
    paragraphs = []
    for _ in range(rng.randint(3, 6)):
        sentences = [rng.choice(EVENTS)]
        sentences += rng.sample(QUOTES, k=rng.randint(0, 1)) + rng.sample(BACKGROUND, k=rng.randint(1, 2))
        if rng.random() < 0.5:
            slots = {**slots, **{k: v for k, v in _slots(rng).items() if k in ("topic", "day", "n", "p", "r")}}
        paragraphs.append(" ".join(x.format(**slots) for x in sentences))
    place = slots["s_cap"].upper()
    paragraphs[0] = f"{place} ({wire}) - {paragraphs[0]}"
    site = rng.choice(SITES)
    return {
        "id": f"gen-{n:07d}",
        "title": rng.choice(HEADLINES).format(**slots),
        "published": day.isoformat(),
        "publisher": site,
        "url": f"https://{site}/world/{day:%Y/%m/%d}/story-{n}",
        "text": "\n\n".join(paragraphs),
    }


def syndicated_copy(rng: random.Random, original: dict[str, str], n: int) -> dict[str, str]:
    """A partner site's copy: dateline credit dropped, maybe a paragraph cut, a promo line added."""
    paragraphs = original["text"].split("\n\n")
    first = paragraphs[0]
    paragraphs[0] = first.split(") - ", 1)[1] if ") - " in first else first
    if len(paragraphs) > 3 and rng.random() < 0.5:
        paragraphs = paragraphs[:-1]
    paragraphs.append(rng.choice(PROMOS))
    site = rng.choice([s for s in SITES if s != original["publisher"]])
    return {
        **original,
        "id": f"gen-{n:07d}",
        "publisher": site,
        "url": f"https://{site}/news/story-{n}",
        "text": "\n\n".join(paragraphs),
    }


def generate(size_bytes: int, *, seed: int = 1, duplicates: float = 0.05):
    """Yield JSONL lines until about ``size_bytes`` have been produced."""
    rng = random.Random(seed)
    day = date(2024, 1, 1)
    recent: list[dict[str, str]] = []
    written, n = 0, 0
    while written < size_bytes:
        if recent and rng.random() < duplicates:
            art = syndicated_copy(rng, rng.choice(recent), n)
        else:
            art = make_article(rng, n, day + timedelta(days=rng.randint(0, 365)))
            recent = (recent + [art])[-50:]
        line = json.dumps(art, ensure_ascii=False) + "\n"
        written += len(line.encode("utf-8"))
        n += 1
        yield line


def parse_size(text: str) -> int:
    units = {"KB": 1_000, "MB": 1_000_000, "GB": 1_000_000_000}
    t = text.strip().upper()
    for unit, mult in units.items():
        if t.endswith(unit):
            return int(float(t[: -len(unit)]) * mult)
    return int(t)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", default="1MB", help="about how much to write: 1MB, 50MB, 500KB, bytes")
    ap.add_argument("-o", "--output", default="-", help="JSONL file to write ('-' for stdout)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--duplicates", type=float, default=0.05, help="share of syndicated copies")
    args = ap.parse_args(argv)
    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")
    n = 0
    try:
        for line in generate(parse_size(args.size), seed=args.seed, duplicates=args.duplicates):
            out.write(line)
            n += 1
    finally:
        if out is not sys.stdout:
            out.close()
    print(f"wrote {n} articles", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
