"""Score the quantities extractor on quantulum3's test sentences (quantities.json).

Each case is a sentence with gold quantities {value, unit, surface, uncertainty?}; a range is given as
its midpoint +/- uncertainty. Matching is by surface (the exact substring), then value and unit are
compared after normalising both sides with pint (gold unit names such as "kilometre" or
"square kilometre" are pint-readable; "dimensionless" means no unit). Prints P/R/F1 on surfaces and the
share of gold quantities found with value and unit right. Usage: python bench/eval_quantulum.py [--show N]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

from claimtrail.extract import units as unitlib
from claimtrail.nlp.pipeline import load_pipeline, make_doc

DATA = Path("/work/shared/eval/quantulum3/quantities.json")
# Gold currency names -> ISO codes (the gold's vocabulary).
CURRENCIES = {"dollar": "USD", "euro": "EUR", "pound sterling": "GBP", "yen": "JPY", "yuan": "CNY",
              "united states dollar": "USD", "cent": "USD_cent", "won": "KRW", "ruble": "RUB"}  # fmt: skip


def norm_surface(s: str) -> str:
    return " ".join(s.split()).strip(" .,'’").lower()


def gold_norm(value: float, unit: str) -> tuple[float, str | None]:
    if unit == "dimensionless":
        return value, None
    if unit == "percentage":
        return value, "percent"
    for name, code in CURRENCIES.items():
        if unit == name:
            return value, code
        if unit.startswith(name + " per "):
            rest = unit[len(name) + 5 :]
            return value, f"{code}/{rest}"
    expr = unit.replace("square ", "").replace("cubic ", "")
    power = 2 if unit.startswith("square ") else 3 if unit.startswith("cubic ") else 1
    expr = expr.replace(" per ", " / ").replace(" ", "_").replace("_/_", " / ")
    if power > 1:
        expr = f"({expr}) ** {power}"
    u = unitlib.parse_unit(expr)
    if u is None:
        return value, unit
    return unitlib.normalize(value, str(u), str(u))


def ours_norm(q) -> tuple[float | None, str | None]:
    if q.unit is None or q.kind == "ordinal":
        return q.value, None
    if q.normalized_unit and q.normalized_unit != q.unit:
        return q.normalized_value, q.normalized_unit
    if q.kind in ("money", "percent"):
        return q.value, q.unit
    u = unitlib.parse_unit(q.unit)
    if u is None:
        return q.value, q.unit
    return unitlib.normalize(q.value, str(u), str(u))


def same(a: tuple, b: tuple) -> bool:
    (va, ua), (vb, ub) = a, b
    if va is None or vb is None:
        return False
    if ua != ub:
        # money per unit: compare the currency part and the value
        if ua and ub and "/" in ua and "/" in ub and ua.split("/")[0] == ub.split("/")[0]:
            return math.isclose(va, vb, rel_tol=1e-3)
        return False
    return math.isclose(va, vb, rel_tol=1e-3, abs_tol=1e-9)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--show", type=int, default=0)
    args = ap.parse_args(argv)
    cases = json.loads(DATA.read_text(encoding="utf-8"))
    nlp = load_pipeline()
    docs = nlp.pipe((make_doc(nlp, c["req"]) for c in cases), batch_size=64)
    tp = fp = fn = right = gold_n = cases_right = 0
    shown = 0
    for case, doc in zip(cases, docs, strict=True):
        gold = {norm_surface(g["surface"]): g for g in case["res"]}
        ours = {norm_surface(q.text): q for q in doc._.quantities}
        ok_case = len(gold) == len(ours)
        for s, g in gold.items():
            gold_n += 1
            q = ours.get(s)
            if q is None:
                fn += 1
                ok_case = False
                continue
            tp += 1
            if same(ours_norm(q), gold_norm(float(g["value"]), g["unit"])):
                right += 1
            else:
                ok_case = False
        fp += sum(1 for s in ours if s not in gold)
        cases_right += ok_case
        if not ok_case and shown < args.show:
            shown += 1
            print(f"MISS {case['req']!r}")
            print(f"   gold {[(g['surface'], g['value'], g['unit']) for g in case['res']]}")
            print(
                f"   ours {[(q.text, q.value, q.unit, q.normalized_value, q.normalized_unit) for q in doc._.quantities]}"
            )
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(
        f"SUMMARY quantulum3: cases={len(cases)} gold={gold_n} P={p:.3f} R={r:.3f} F1={f:.3f} "
        f"value_unit_right={right / gold_n:.3f} cases_fully_right={cases_right / len(cases):.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
