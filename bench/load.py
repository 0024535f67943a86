"""Load test of the explorer: 1,000 requests from 10 concurrent clients on 127.0.0.1.

Builds (or takes) a store of synthetic records (100k events by default, written
through ``Store.write`` like a real run), starts ``eventwire serve`` in its own
process (DuckDB lets one process open the file), then sends requests with
varied filters, sorts, page sizes and pages. By default each request is the
events page (``/``: filtered, sorted, with every facet counted and the table
rendered), and every URL is distinct so no answer comes from the response
cache (``--cache`` lets repeated URLs hit it). ``--target api`` asks
``/api/events`` instead. Prints errors, p50/p95/p99 latency and the machine.
Bar: 0 errors, p95 at most 100 ms.

    python bench/load.py --db /tmp/load100k.duckdb   # build it once there, then reuse it (left unchanged)
    python bench/load.py --target api --events 10000 --requests 2000 --concurrency 20
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from eventwire.machine import machine_line  # noqa: E402
from eventwire.schema import (  # noqa: E402
    EVENT_TYPES,
    Actor,
    ActorRef,
    Article,
    Event,
    Evidence,
    Mention,
    Result,
    Statement,
)
from eventwire.store import Store  # noqa: E402

STATES = [
    ("RUS", "Russia"), ("UKR", "Ukraine"), ("CHN", "China"), ("USA", "United States"), ("DEU", "Germany"),
    ("FRA", "France"), ("POL", "Poland"), ("TUR", "Turkey"), ("IRN", "Iran"), ("ISR", "Israel"), ("EGY", "Egypt"),
    ("IND", "India"), ("PAK", "Pakistan"), ("JPN", "Japan"), ("BRA", "Brazil"), ("NGA", "Nigeria"), ("KEN", "Kenya"),
    ("MEX", "Mexico"), ("COL", "Colombia"), ("SAU", "Saudi Arabia"), ("QAT", "Qatar"), ("GBR", "United Kingdom"),
]  # fmt: skip
VERBS = {
    "AGREE": ("signed a deal with", "03", 1), "CONSULT": ("held talks with", "04", 1),
    "SUPPORT": ("backed", "05", 1), "CONCEDE": ("eased restrictions on", "08", 2),
    "COOPERATE": ("agreed to share intelligence with", "06", 2), "AID": ("sent aid to", "07", 2),
    "RETREAT": ("withdrew troops from the border with", "087", 2), "REQUEST": ("urged", "10", 3),
    "ACCUSE": ("accused", "112", 3), "REJECT": ("rejected a proposal from", "12", 3),
    "THREATEN": ("threatened", "13", 3), "PROTEST": ("protested against", "14", 3),
    "SANCTION": ("imposed sanctions on", "163", 4), "MOBILIZE": ("massed troops near", "15", 4),
    "COERCE": ("expelled diplomats of", "166", 4), "ASSAULT": ("shelled positions held by", "19", 4),
}  # fmt: skip
TOPICS = ["the ceasefire plan", "the grain corridor", "the border talks", "the nuclear deal", "the peace summit"]


def synthetic_result(i: int, rng: random.Random, *, n_events: int, start: date) -> Result:
    """One article of ``n_events`` sentences 'X <verb> Y over <topic>.' with exact offsets."""
    published = start + timedelta(days=rng.randrange(730))
    parts, events, actors = ["WIRE - "], [], {}
    offset = len(parts[0])

    def actor_for(code: str, name: str) -> Actor:
        if code not in actors:
            actors[code] = Actor(
                f"a{len(actors) + 1}", name, code, "GOV", [], code + "GOV", "state", entry=f"state.{code}"
            )
        return actors[code]

    for k in range(n_events):
        (sc, sn), (tc, tn) = rng.sample(STATES, 2)
        etype = rng.choice(EVENT_TYPES)
        verb, cameo, quad = VERBS[etype]
        sentence = f"{sn} {verb} {tn} over {rng.choice(TOPICS)}."
        s0 = offset
        src, tgt = actor_for(sc, sn), actor_for(tc, tn)
        t0 = s0 + len(sn) + 1
        g0 = t0 + len(verb) + 1
        src.mentions.append(Mention(sn, s0, s0 + len(sn), f"state.{sc}"))
        tgt.mentions.append(Mention(tn, g0, g0 + len(tn), f"state.{tc}"))
        events.append(
            Event(
                id=f"e{k + 1}", event_type=etype, mode=None, cameo=cameo, quad_class=quad,
                goldstein=4.0 - 2.5 * quad, plover_score=3.0 - 2 * quad,
                source=ActorRef(src.id, sn, s0, s0 + len(sn), sn, sc, "GOV"),
                target=ActorRef(tgt.id, tn, g0, g0 + len(tn), tn, tc, "GOV"),
                date=(published - timedelta(days=rng.randrange(3))).isoformat(), date_precision="day",
                date_text=None, location=None, modality=rng.choice(["asserted"] * 6 + ["negated", "claimed", "future"]),
                statement_id=None, evidence=Evidence(s0, s0 + len(sentence), sentence),
                trigger=Evidence(t0, t0 + len(verb), verb), confidence=round(rng.random(), 2), rule=f"bench.{etype.lower()}",
            )
        )  # fmt: skip
        parts.append(sentence + " ")
        offset += len(sentence) + 1
    quote_text = "We will respond to every provocation"
    tail = f'"{quote_text}," a spokesman said.'
    q0 = offset + 1
    parts.append(tail)
    text = "".join(parts)
    cue0 = text.index("said", q0)
    st = Statement(
        id="s1", speaker=None, cue=Evidence(cue0, cue0 + 4, "said"), content=Evidence(q0, q0 + len(quote_text), quote_text),
        direct=True, date=published.isoformat(), date_precision="reported",
    )  # fmt: skip
    article = Article(
        id=f"bench-{i:06d}", text=text, title=f"Wire report {i}", published=published.isoformat(),
        publisher=rng.choice(["example-news.test", "wire-mirror.test", "daily.test"]), credit="Wirepress",
    )  # fmt: skip
    return Result(article=article, events=events, statements=[st], actors=list(actors.values()))


def build_db(path: Path, *, n_events: int, per_article: int = 4, seed: int = 1) -> None:
    rng = random.Random(seed)
    start = date(2023, 1, 1)
    n_articles = -(-n_events // per_article)
    t0 = time.perf_counter()
    with Store(path) as store:
        batch = []
        for i in range(n_articles):
            batch.append(synthetic_result(i, rng, n_events=min(per_article, n_events - i * per_article), start=start))
            if len(batch) == 1000 or i == n_articles - 1:  # one transaction per 1,000 articles, as a run batches
                store.write_many(batch)
                batch = []
        counts = store.counts()
    print(f"built {path}: {counts} in {time.perf_counter() - t0:.1f} s", file=sys.stderr)


def query_mix(rng: random.Random, target: str = "page") -> str:
    """A realistic spread of event views: plain pages, filters (one or two facets), text search,
    other sorts and page sizes, deep pages."""
    kind = rng.random()
    params: dict[str, str] = {}
    if kind < 0.2:
        pass
    elif kind < 0.35:
        params["actor"] = rng.choice(STATES)[1].split()[0].lower()
    elif kind < 0.5:
        params["country"] = rng.choice(STATES)[0]
    elif kind < 0.62:
        params["event_type"] = rng.choice(EVENT_TYPES)
    elif kind < 0.72:
        params["quad_class"] = str(rng.randint(1, 4))
    elif kind < 0.84:
        d = date(2023, 1, 1) + timedelta(days=rng.randrange(700))
        params["date_from"], params["date_to"] = d.isoformat(), (d + timedelta(days=30)).isoformat()
    else:
        params["q"] = rng.choice(["ceasefire", "grain", "nuclear", "summit", "border talks"])
        params["country"] = rng.choice(STATES)[0]
    extra = rng.random()
    if extra < 0.15:
        params["modality"] = rng.choice(["asserted", "negated", "claimed,future"])
    elif extra < 0.3:
        params["min_confidence"] = rng.choice(["0.5", "0.8"])
    elif extra < 0.4:
        params["confidence"] = rng.choice(["0.9-1", "0.7-0.9"])
    elif extra < 0.5:
        params["publisher"] = rng.choice(["example-news.test", "daily.test"])
    if rng.random() < 0.3:
        params["sort"] = rng.choice(["confidence", "-confidence", "type", "source", "-target", "date"])
    params["limit"] = str(rng.choice([20, 50, 100]))
    params["offset"] = str(rng.choice([0, 0, 0, 50, 200, 1000]))
    path = "/?" if target == "page" else "/api/events?"
    return path + "&".join(f"{k}={v}" for k, v in params.items())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def run_load(base: str, urls: list[str], concurrency: int, target: str) -> tuple[list[float], list[str]]:
    latencies: list[float] = []
    errors: list[str] = []
    queue: asyncio.Queue[str] = asyncio.Queue()
    for u in urls:
        queue.put_nowait(u)

    async def client() -> None:
        async with httpx.AsyncClient(base_url=base, timeout=30) as c:  # one connection per simulated client
            while not queue.empty():
                url = queue.get_nowait()
                t0 = time.perf_counter()
                try:
                    r = await c.get(url)
                    if target == "page":
                        ok = r.status_code == 200 and 'id="facets"' in r.text and 'id="total"' in r.text
                    else:
                        ok = r.status_code == 200 and r.json().get("ok")
                    if not ok:
                        errors.append(f"{url}: {r.status_code} {r.text[:200]}")
                except (httpx.HTTPError, ValueError) as err:
                    errors.append(f"{url}: {type(err).__name__}: {err}")
                latencies.append(time.perf_counter() - t0)

    await asyncio.gather(*(client() for _ in range(concurrency)))
    return latencies, errors


def _cpu_seconds(pid: int) -> dict[str, float]:
    """User + system CPU time of a process and of each of its live children (worker processes), by pid;
    Linux /proc, else empty."""
    out = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if stat.parent.name == str(pid) or fields[1] == str(pid):
            out[stat.parent.name] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return out


def _loadavg() -> str:
    """Other work on the machine skews latencies: print it with them."""
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


ORDINARY = {
    "text": "WARSAW (Wirepress) - Poland's president condemned Russia on Monday for the missile strikes on "
    "Ukrainian cities, and the government said it would send more air defence systems to Kyiv.",
    "published": "2024-05-06",
}
RUN_ON = ("Russia attacked Ukraine and " * 3600)[:99_000]  # no sentence end: the worst case of issue 16


def code_abuse(base: str, *, hostile: int) -> int:
    """Warm every worker's short lane with ordinary articles, send ``hostile`` run-on texts at once,
    then one ordinary article; print what each got and how long the ordinary one took."""
    t0 = time.perf_counter()
    for _ in range(12):  # a connection each: the kernel spreads them, so every worker gets one (odds 1 - 2**-11)
        with httpx.Client(base_url=base, timeout=300) as c:
            assert c.post("/api/code", json=ORDINARY).status_code == 200
    print(f"warm-up (models loaded): {time.perf_counter() - t0:.1f} s")

    async def attack() -> tuple[httpx.Response, float, list]:
        async with httpx.AsyncClient(base_url=base, timeout=300) as c:
            started = time.perf_counter()

            async def timed(body):
                r = await c.post("/api/code", json=body)
                return r.status_code, time.perf_counter() - started

            tasks = [asyncio.create_task(timed({"text": RUN_ON})) for _ in range(hostile)]
            await asyncio.sleep(1.0)
            t = time.perf_counter()
            async with httpx.AsyncClient(base_url=base, timeout=300) as other:  # its own connection
                normal = await other.post("/api/code", json=ORDINARY)
            took = time.perf_counter() - t
            return normal, took, [await x for x in tasks]

    normal, took, answers = asyncio.run(attack())
    print(f"ordinary article during the attack: HTTP {normal.status_code} in {took:.2f} s")
    print("hostile answers (status, seconds): " + ", ".join(f"{s} {t:.1f}" for s, t in sorted(answers)))
    print(machine_line())
    ok = normal.status_code == 200 and took <= 5
    print("bar (ordinary article answered within 5 s):", "PASS" if ok else "FAIL")
    return 0 if ok else 1


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, help="store to serve; built there first if missing (default: a temporary one)")
    ap.add_argument("--events", type=int, default=100_000, help="events in the built store")
    ap.add_argument("--requests", type=int, default=1000)
    ap.add_argument("--concurrency", type=int, default=10)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--target", choices=["page", "api"], default="page", help="the events page (/) or /api/events")
    ap.add_argument("--cache", action="store_true", help="let repeated URLs be answered from the response cache")
    ap.add_argument(
        "--code-abuse",
        type=int,
        metavar="N",
        help="instead: N concurrent 99,000-character run-on texts to POST /api/code (real model), then an ordinary "
        "article; prints its latency and the hostile answers (bar: the ordinary one within 5 s)",
    )
    args = ap.parse_args()

    tmp = None
    db = args.db
    if db is None:
        tmp = tempfile.TemporaryDirectory()
        db = Path(tmp.name) / "load.duckdb"
    if not db.exists():
        build_db(db, n_events=args.events, seed=args.seed)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    code = f"from eventwire.serve import serve; serve({str(db)!r}, host='127.0.0.1', port={port})"
    log = tempfile.TemporaryFile()  # the server's log (a pipe nobody reads would fill up and block it)
    server = subprocess.Popen([sys.executable, "-c", code], env=env, stderr=log, stdout=subprocess.DEVNULL)
    try:
        started = time.monotonic()
        deadline = started + 300  # each worker indexes the store first
        while True:
            try:
                if httpx.get(base + "/api/events?limit=1", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                print(log.read().decode(errors="replace"), file=sys.stderr)
                raise SystemExit("the server did not start")
            time.sleep(0.1)
        # the first worker answers while another may still build its index (and listen only then): wait
        # until the server's processes have been idle for 1.5 s, or every connection goes to the first one
        idle = 0
        while idle < 3 and time.monotonic() < deadline:
            before = sum(_cpu_seconds(server.pid).values())
            time.sleep(0.5)
            idle = idle + 1 if sum(_cpu_seconds(server.pid).values()) - before < 0.05 else 0
        print(f"server ready in {time.monotonic() - started:.1f} s (indexes built)", file=sys.stderr)
        if args.code_abuse:
            return code_abuse(base, hostile=args.code_abuse)
        load_before = _loadavg()
        cpu_before = _cpu_seconds(server.pid)
        client_before = time.process_time()
        rng = random.Random(args.seed)
        urls = [query_mix(rng, args.target) for _ in range(args.requests)]
        if not args.cache:
            urls = [f"{u}&_={i}" for i, u in enumerate(urls)]  # unknown parameters are ignored, but keyed
        t0 = time.perf_counter()
        latencies, errors = asyncio.run(run_load(base, urls, args.concurrency, args.target))
        wall = time.perf_counter() - t0
        cpu_after = _cpu_seconds(server.pid)
        by_process = sorted((cpu_after[p] - cpu_before.get(p, 0.0) for p in cpu_after), reverse=True)
        server_cpu = sum(by_process)
        client_cpu = time.process_time() - client_before
        total = httpx.get(base + "/api/events?limit=1&duplicates=true").json()["total"]
    finally:
        server.terminate()
        server.wait(timeout=10)
        if tmp is not None:
            tmp.cleanup()

    ms = [x * 1000 for x in latencies]
    print(
        f"store: {total} events · {len(latencies)} requests to {'the events page /' if args.target == 'page' else '/api/events'}"
        f" (filtered, faceted; {len(set(urls))} distinct URLs{'' if args.cache else ', no cache hits'}),"
        f" {args.concurrency} concurrent clients"
    )
    print(f"errors: {len(errors)}")
    for e in errors[:10]:
        print("  " + e)
    print(
        f"latency ms: p50 {percentile(ms, 50):.1f}  p95 {percentile(ms, 95):.1f}  p99 {percentile(ms, 99):.1f}  "
        f"max {max(ms):.1f}  mean {statistics.mean(ms):.1f}"
    )
    print(f"throughput: {len(ms) / wall:.0f} requests/s over {wall:.1f} s")
    print(
        f"CPU per request: server {server_cpu * 1000 / len(ms):.1f} ms ({server_cpu / wall * 100:.0f}% of one CPU, all workers), "
        f"load client {client_cpu * 1000 / len(ms):.1f} ms ({client_cpu / wall * 100:.0f}%)"
    )
    busiest = [f"{x:.1f}" for x in by_process[:4] if x >= 0.05]
    print(f"server CPU seconds by process, busiest first (both workers should work): {', '.join(busiest) or 'n/a'}")
    print(f"{machine_line()} (1/5/15-min load before: {load_before}, after: {_loadavg()})")
    ok = not errors and percentile(ms, 95) <= 100
    print("bar (0 errors, p95 <= 100 ms):", "PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
