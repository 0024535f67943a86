"""Page metadata accuracy on real saved news pages: title, byline, dateline, credit, published.

The pages are trafilatura's public test pages (github.com/adbar/trafilatura,
``tests/eval/``) with the metadata its tests expect (``tests/evaldata.json``:
title, author, date). They stay outside this repository: fetch the repository
and point ``--trafilatura`` at its checkout or its bare git directory. The 48
English news pages used are named below; their dateline and wire credit are
our own labels (trafilatura does not record them), read off each page's first
lines. A field is scored where the page has it (the expected value is not
empty); a dateline or credit found where the page has none is counted apart.
A page skipped for want of article text is scored on the metadata its skip
record carries. The main text is checked against trafilatura's expected snippets: those of the
story that must be kept, those of boilerplate (menus, footers, related links)
that must not reach the coder. Values are compared ignoring case, quote styles and spacing; bylines as sets of
names, ignoring periods ('A; B' = 'A and B' = 'A/B'; 'Leah C Stokes' = 'Leah C. Stokes').

    python bench/pages_eval.py --trafilatura /path/to/trafilatura [--errors]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import time
import unicodedata
from collections import Counter
from pathlib import Path

from eventwire.ingest import Skipped, read_html
from eventwire.machine import machine_line

# file in tests/eval -> (dateline, credit): our labels; None where the page has none.
PAGES: dict[str, tuple[str | None, str | None]] = {
    "latimes.com.bloomberg.html": ("WASHINGTON", None),
    "fivethirtyeight.com.endorsement.html": (None, None),
    "wired.com.burn.html": (None, None),
    "timesofisrael.com.washington.html": (None, None),
    "japantimes.co.jp.surgical.html": ("KOBE", "Jiji"),
    "cbsnews.com.carolina.html": (None, None),
    "pagesix.com.myers.html": (None, None),
    "newrepublic.com.neoliberalism.html": (None, None),
    "bbc.com.52241221.html": (None, None),
    "thelocal.se.tattooed.html": (None, "AFP"),
    "blog.amp.dev.axios.html": (None, None),
    "pcmag.com.platters.html": (None, None),
    "rutgers.edu.robot.html": (None, None),
    "axios.com.future.html": (None, None),
    "nytimes.com.blackouts.html": (None, None),
    "californiaglobe.com.amazon.html": (None, None),
    "harpers.org.justice.html": (None, None),
    "nymag.com.polarization.html": (None, None),
    "politico.com.retirement.html": (None, None),
    "thepointsguy.com.alaska.html": (None, None),
    "medicalnewstoday.com.318674.html": (None, None),
    "economist.com.thinking.html": (None, None),
    "diem25.org.climate.html": (None, None),
    "theatlantic.com.disasters.html": (None, None),
    "independent.co.uk.penalty.html": (None, None),
    "tomshardware.com.rtx.html": (None, None),
    "corkbeo.ie.level.html": (None, None),
    "standard.co.uk.caribbean.html": (None, None),
    "msn.com.university.html": (None, None),
    "caymancompass.com-prison.html": (None, None),
    "kaieteurnewsonline.com-essequibo.html": (None, None),
    "viconsortium.com-cocaine.html": (None, None),
    "world.kbs.co.kr-Temperatures.html": (None, None),
    "theintercept.com-Gaza.html": ("KHAN YOUNIS", None),
    "abc13.com-Copperfield.html": ("HOUSTON", "KTRK"),
    "kxan.com-Voters.html": ("AUSTIN", "KXAN"),
    "gothamist.com-plagues.html": (None, None),
    "observer.com-LVMH.html": (None, None),
    "bostonherald.com-Brothel-catering.html": (None, None),
    "abc7news.com-Napa.html": ("NAPA COUNTY", "KGO"),
    "wsvn.com-crash.html": ("SOUTHWEST MIAMI-DADE", "WSVN"),
    "twincities.com-mayor.html": (None, None),
    "metrotimes.com-Mezcal.html": (None, None),
    "citylimits.org-Nycha.html": (None, None),
    "publishedreporter.com-Hottest.html": (None, None),
    "miamitodaynews.com-Transitway.html": (None, None),
    "heartlandnewsfeed.com-Christian.html": ("TAYLORVILLE", None),
    "reporternewspapers.net-Brookhaven.html": (None, None),
}
FIELDS = ("title", "byline", "dateline", "credit", "published")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--trafilatura", required=True, help="trafilatura checkout or bare git directory")
    ap.add_argument("--errors", action="store_true", help="print every wrong field")
    args = ap.parse_args()
    read = _reader(Path(args.trafilatura))
    evaldata = json.loads(read("tests/evaldata.json"))
    by_file = {v["file"]: (url, v) for url, v in evaldata.items() if v.get("file") in PAGES}
    scored, right, extra, skipped = Counter(), Counter(), Counter(), []
    kept = leaked = n_with = n_without = 0
    start = time.perf_counter()
    for name, (dateline, credit) in PAGES.items():
        url, gold = by_file[name]
        want = {
            "title": gold.get("title"), "byline": _author(gold.get("author")), "published": gold.get("date"),
            "dateline": dateline, "credit": credit,
        }  # fmt: skip
        got = read_html(read(f"tests/eval/{name}"), origin=name, url=url)
        if isinstance(got, Skipped):  # scored on the metadata its skip record carries
            skipped.append(got.reason)
            got = got.article
        got_fields = {f: getattr(got, f) for f in FIELDS}
        coded = " ".join(_coded_text(got.text).split())  # what the coder reads: masked header and footer lines
        text = " ".join(got.text.split())  # the story is looked for in the text, boilerplate in what is coded
        lost = [w for w in gold.get("with", []) if " ".join(w.split()) not in text]
        leaks = [w for w in gold.get("without", []) if " ".join(w.split()) in coded]
        kept += len(gold.get("with", [])) - len(lost)
        leaked += len(leaks)
        if args.errors:
            for w in lost:
                print(f"  {name} text: lost {w!r}")
            for w in leaks:
                print(f"  {name} text: leaked {w!r}")
        n_with, n_without = n_with + len(gold.get("with", [])), n_without + len(gold.get("without", []))
        for field in FIELDS:
            if want[field]:
                scored[field] += 1
                ok = _same(field, got_fields[field], want[field])
                right[field] += ok
                if not ok and args.errors:
                    print(f"  {name} {field}: got {got_fields[field]!r}, want {want[field]!r}")
            elif got_fields[field]:
                extra[field] += 1
                if args.errors:
                    print(f"  {name} {field}: got {got_fields[field]!r} where the page has none")
    seconds = time.perf_counter() - start
    print(f"pages: {len(PAGES)} real saved HTML news pages (trafilatura tests/eval), {len(skipped)} skipped")
    for reason in skipped:
        print(f"  skipped: {reason}")
    for field in FIELDS:
        acc = right[field] / scored[field] if scored[field] else float("nan")
        print(
            f"{field:9s} {right[field]:3d} / {scored[field]:3d} right  ({acc:.0%}); found on {extra[field]} pages without one"
        )
    total_right, total = sum(right.values()), sum(scored.values())
    print(f"all fields the pages have: {total_right} / {total} right ({total_right / total:.1%}); {seconds:.1f} s")
    print(
        f"main text: {kept} / {n_with} snippets of the story kept ({kept / n_with:.0%}), "
        f"{leaked} / {n_without} snippets of boilerplate leaked into what is coded ({leaked / n_without:.0%})"
    )
    print(machine_line())


def _coded_text(text: str) -> str:
    try:
        from eventwire.ingest.text import mask_page
    except ImportError:  # an older eventwire, for a before/after comparison
        return text
    return mask_page(text)


def _reader(root: Path):
    """Files from a checkout, or from a bare git directory (git show HEAD:path)."""
    if (root / "tests").is_dir():
        return lambda path: (root / path).read_bytes()
    return lambda path: (
        subprocess.run(["git", "--git-dir", str(root), "show", f"HEAD:{path}"], capture_output=True, check=True).stdout
    )


def _author(value: object) -> str | None:
    return "; ".join(value) if isinstance(value, list) else (value or None)


def _same(field: str, got: str | None, want: str) -> bool:
    """Bylines match as sets of names ('A; B' = 'A and B' = 'A, B'; 'Leah C Stokes' = 'Leah C. Stokes')."""
    if field != "byline":
        return _norm(got) == _norm(want)
    return _names(got) == _names(want)


def _names(value: str | None) -> set[str]:
    parts = re.split(r"\s*(?:;|,|/|&|\band\b)\s*", _norm(value).replace(".", " "))
    return {" ".join(p.split()) for p in parts if p.strip()}


def _norm(value: str | None) -> str:
    """Compare as a reader would: case, accents of quotes, spacing and a trailing stop do not count."""
    s = unicodedata.normalize("NFKC", value or "").casefold()
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(s.split()).strip(" .")


if __name__ == "__main__":
    main()
