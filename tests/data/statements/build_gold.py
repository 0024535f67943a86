"""Build gold.jsonl (character offsets) from source.yaml (spans given as words), and check it.

Run ``python tests/data/statements/build_gold.py`` after editing source.yaml. ``check_gold`` is also
used by the tests: every gold span must slice the article text exactly.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).parent
SOURCE = HERE / "source.yaml"
GOLD = HERE / "gold.jsonl"
SETS = {
    "gold": ("source.yaml", "gold.jsonl"),
    "dev": ("dev_source.yaml", "dev.jsonl"),
    "dev2": ("dev2_source.yaml", "dev2.jsonl"),
    "dev3": ("dev3_source.yaml", "dev3.jsonl"),
    "dev4": ("dev4_source.yaml", "dev4.jsonl"),
    "dev5": ("dev5_source.yaml", "dev5.jsonl"),
}
ROLES = ("speaker", "cue", "content")


def locate(text: str, spec: str) -> tuple[int, int]:
    """Offsets of ``words`` or ``words#n`` (n-th occurrence, 1-based) in ``text``."""
    words, _, nth = spec.rpartition("#") if "#" in spec and spec.rsplit("#", 1)[1].isdigit() else (spec, "", "1")
    # whole words only: "he" must not match inside "the"
    pattern = (r"\b" if words[0].isalnum() else "") + re.escape(words) + (r"\b" if words[-1].isalnum() else "")
    hits = list(re.finditer(pattern, text))
    if len(hits) < int(nth):
        raise ValueError(f"{spec!r} not found (occurrence {nth})")
    hit = hits[int(nth) - 1]
    return hit.start(), hit.end()


def build(source: Path = SOURCE) -> list[dict[str, Any]]:
    """Turn a source YAML file into gold records with offsets."""
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    out = []
    for art in data["articles"]:
        text = art["text"]
        sts = []
        for st in art.get("statements") or []:
            unknown = set(st) - {*ROLES, "direct", "venue", "addressee", "reported_by", "speaker_actor"}
            if unknown:  # a comma in an unquoted YAML flow value splits it into keys
                raise ValueError(f"{art['id']}: unknown keys {sorted(unknown)} (quote values with commas)")
            rec: dict[str, Any] = {}
            for role in ROLES:
                s, e = locate(text, str(st[role]))
                rec[role] = {"start": s, "end": e, "text": text[s:e]}
            rec["direct"] = bool(st["direct"])
            for key in ("venue", "addressee", "reported_by", "speaker_actor"):
                rec[key] = st.get(key)
            sts.append(rec)
        out.append({"id": art["id"], "text": text, "statements": sts})
    return out


def check_gold(records: list[dict[str, Any]]) -> list[str]:
    """Problems with gold records: spans that do not slice the text, bad reported_by indexes."""
    problems = []
    for rec in records:
        text = rec["text"]
        n = len(rec["statements"])
        for i, st in enumerate(rec["statements"]):
            for role in ROLES:
                span = st[role]
                if text[span["start"] : span["end"]] != span["text"] or not span["text"]:
                    problems.append(f"{rec['id']} statement {i} {role}: {span} does not slice the text")
            rb = st.get("reported_by")
            if rb is not None and not (isinstance(rb, int) and 0 <= rb < n and rb != i):
                problems.append(f"{rec['id']} statement {i}: bad reported_by {rb!r}")
    return problems


def load_gold(path: Path = GOLD) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


if __name__ == "__main__":
    names = sys.argv[1:] or list(SETS)
    for name in names:
        src, out = (HERE / f for f in SETS[name])
        records = build(src)
        problems = check_gold(records)
        if problems:
            print("\n".join(problems))
            sys.exit(1)
        with out.open("w", encoding="utf-8") as fh:
            for rec in records:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n = sum(len(r["statements"]) for r in records)
        print(f"{name}: {len(records)} articles, {n} statements -> {out}")
