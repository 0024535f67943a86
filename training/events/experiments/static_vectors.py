"""Out-of-fold logits of the linear first stage with static word vectors (WordLlama) as extra dense columns.

An experiment, not a dependency: ``pip install wordllama`` (MIT; its wheel holds a 32,000 x 256 token-embedding
table and its tokenizer, nothing downloaded) and pass the examples file that ``eventwire train events --examples``
wrote. Each candidate gets up to four unit vectors, each the mean of its pieces' embeddings, times ``--scale``:

- ``sent``: its sentence (a plain splitter over the article text; a gold sentence is its own sentence),
- ``lemma``: its trigger lemma (the row's ``lemma=`` feature), ``up``: the verb above (``up1=``),
- ``trig``: the trigger's words as written (article candidates only; zeros for gold sentences).

Score with ``score_logits.py EXAMPLES OUT.npy --linear LINEAR.npy`` (``linear_crosses.py`` writes LINEAR.npy).
"""

import argparse
import json
import re
from pathlib import Path

import numpy as np
from common import load_examples, write_linear_logits

BOUND = re.compile(r"(?:[.!?][\"”’']?\s+(?=[A-Z\"“‘]))|\n+")


class Vectors:
    def __init__(self, folder: Path) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        table = load_file(str(folder / "weights" / "l2_supercat_256.safetensors"))["embedding.weight"]
        self.table = table.astype(np.float32)
        self.tok = Tokenizer.from_file(str(folder / "tokenizers" / "l2_supercat_tokenizer_config.json"))
        self.cache: dict[str, np.ndarray] = {}

    def __call__(self, text: str) -> np.ndarray:
        v = self.cache.get(text)
        if v is None:
            ids = self.tok.encode(text, add_special_tokens=False).ids if text else []
            v = self.table[ids].mean(0) if ids else np.zeros(self.table.shape[1], np.float32)
            n = np.linalg.norm(v)
            v = self.cache[text] = v / n if n else v
        return v


def sentence_of(text: str, start: int) -> str:
    lo = max(0, start - 600)
    a = lo
    for m in BOUND.finditer(text, lo, start):
        a = m.end()
    m = BOUND.search(text, start, start + 800)
    return text[a : m.start() + 1 if m else min(len(text), start + 800)]


def first(row: dict[str, float], prefix: str) -> str:
    return next((k[len(prefix) + 1 :] for k in row if k.startswith(prefix + "=")), "")


def rows_with_vectors(ex, gsr: dict[str, str], vec: Vectors, parts: set[str], scale: float) -> list[dict]:
    cands = {aid: iter(cs) for aid, cs in ex.candidates.items()}
    out = []
    for row, group in zip(ex.rows, ex.groups, strict=True):
        blocks = {}
        if group.startswith("gsr:"):
            sent = gsr[group]
            trig = ""
        else:
            c, text = next(cands[group]), ex.articles[group]["text"]
            sent, trig = sentence_of(text, c.trigger.start), text[c.trigger.start : c.trigger.end]
        for part, name, words in (("sent", "ws", sent), ("lemma", "wl", first(row, "lemma")),
                                  ("up", "wu", first(row, "up1")), ("trig", "wt", trig)):  # fmt: skip
            if part in parts:
                blocks[name] = vec(words)
        new = dict(row)
        for name, v in blocks.items():
            new.update({f"{name}{k}": x * scale for k, x in enumerate(v.tolist())})
        out.append(new)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("examples")
    ap.add_argument("out")
    ap.add_argument("--wordllama", required=True, help="the installed wordllama package folder")
    ap.add_argument("--gsr", required=True, help="plover-gsr gold.jsonl (the texts of the gold sentences)")
    ap.add_argument("--parts", default="sent,lemma")
    ap.add_argument("--scale", type=float, default=4.0)
    ap.add_argument("--C", type=float, default=0.15)
    ap.add_argument("--fold-seed", type=int, default=0)
    a = ap.parse_args()
    ex = load_examples(a.examples)
    gsr = {f"gsr:{r.get('id')}": r["text"] for r in map(json.loads, open(a.gsr, encoding="utf-8"))}
    rows = rows_with_vectors(ex, gsr, Vectors(Path(a.wordllama)), set(a.parts.split(",")), a.scale)
    write_linear_logits(ex, rows, a.C, a.fold_seed, a.out)


if __name__ == "__main__":
    main()
