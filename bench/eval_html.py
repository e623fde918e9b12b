"""Score ingest.clean.html_to_article on the article-extraction benchmark.

Runs over /work/shared/eval/article-extraction/html/*.html.gz against ground-truth.json
``articleBody`` with the benchmark's own metric: word tokens (``\\w+``), shingles of 4 counted as a
multiset, per-page TP/FP/FN normalised to sum 1, precision and recall averaged over pages, F1 from
the averages. The brief asks for lower-cased tokens; the benchmark's script keeps case; both are
printed (they differ little). Usage: ``python bench/eval_html.py [EVAL_DIR] [-v]``.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from claimtrail.errors import InputError
from claimtrail.ingest.clean import html_to_article

DEFAULT_DIR = Path("/work/shared/eval/article-extraction")
_TOKEN = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, n: int = 4, lower: bool = True) -> Counter:
    tokens = _TOKEN.findall(text.lower() if lower else text)
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


def match(true: str, pred: str, lower: bool = True) -> tuple[float, float, float]:
    t, p = shingles(true, lower=lower), shingles(pred, lower=lower)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)


def precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def scores(rows: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    p = statistics.mean(precision(*r) for r in rows if r[0] + r[1] > 0)
    r = statistics.mean(recall(*x) for x in rows if x[0] + x[2] > 0)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    args = [a for a in argv if a != "-v"]
    root = Path(args[0]) if args else DEFAULT_DIR
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    lower_rows, case_rows, failed = [], [], 0
    started = time.perf_counter()
    for key in sorted(truth):
        path = root / "html" / f"{key}.html.gz"
        html = gzip.decompress(path.read_bytes())
        try:
            pred = html_to_article(html, url=truth[key].get("url")).text
        except InputError:
            pred, failed = "", failed + 1
        gold = truth[key].get("articleBody", "")
        lower_rows.append(match(gold, pred, lower=True))
        case_rows.append(match(gold, pred, lower=False))
        if verbose:
            p, r = precision(*lower_rows[-1]), recall(*lower_rows[-1])
            print(f"{key[:12]}  P={p:.3f}  R={r:.3f}  {truth[key].get('url', '')[:70]}")
    elapsed = time.perf_counter() - started
    p, r, f = scores(lower_rows)
    cp, cr, cf = scores(case_rows)
    print(
        f"pages={len(truth)}  failed={failed}  seconds={elapsed:.1f}  ({elapsed / len(truth) * 1000:.0f} ms/page)"
    )
    print(f"lowercase tokens:   precision={p:.3f}  recall={r:.3f}  F1={f:.3f}")
    print(f"benchmark (cased):  precision={cp:.3f}  recall={cr:.3f}  F1={cf:.3f}")
    print(f"html_f1={f:.3f} precision={p:.3f} recall={r:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
