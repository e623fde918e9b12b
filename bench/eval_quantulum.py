"""Score the quantities extractor on quantulum3's test sentences (quantities.json).

Each case is a sentence with gold quantities {value, unit, surface, uncertainty?}; a range is given as
its midpoint +/- uncertainty. Matching is by surface (the exact substring), then value and unit are
compared after converting both sides with pint to SI base units (gold unit names such as
"kilometre", "square kilometre", "joule per square metre per year", "inverse second" are read term by
term; "dimensionless" means no unit, "dozen" is 12). Prints P/R/F1 on surfaces and the share of gold
quantities found with value and unit right. Usage: python bench/eval_quantulum.py [--show N]

Conventions (what makes the comparison fair, not what the extractor finds):
- a mention matches a gold quantity with the same surface, or else one that overlaps it and shares its
  number: quantulum puts "between" and brackets inside the surface ("between 44 and 50 mg",
  "($99.99)"), claimtrail keeps such words as flags outside the span;
- quantulum does not extract ordinals ("second"), so our ordinal mentions are not scored;
- claimtrail keeps dates out of quantities by design: gold years (a dimensionless whole number
  1500..2100 with no unit) are dropped from the gold and counted apart (``years_dropped``).
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
              "united states dollar": "USD", "won": "KRW", "ruble": "RUB"}  # fmt: skip


def norm_surface(s: str) -> str:
    return " ".join(s.split()).strip(" .,'’").lower()


MINOR_UNITS = {"cent": (0.01, "USD"), "penny": (0.01, "GBP"), "dozen": (12.0, None)}
GOLD_NAMES = {"pound-mass": "pound", "count": "", "degree Celsius": "degC", "degree fahrenheit": "degF",
              "baker's dozen": "13"}  # fmt: skip


def _gold_term(term: str) -> str | None:
    """One term of a gold unit name ("square metre", "inverse second") as a pint expression."""
    words = term.split()
    power = 1
    if words and words[0] in ("square", "cubic", "inverse"):
        power = {"square": 2, "cubic": 3, "inverse": -1}[words.pop(0)]
    if words and words[-1] in ("squared", "cubed"):
        power = {"squared": 2, "cubed": 3}[words.pop()]
    name = " ".join(words)
    name = GOLD_NAMES.get(name, name).replace(" ", "_")
    if not name:
        return "1"
    return f"({name}) ** {power}" if power != 1 else f"({name})"


def gold_norm(value: float, unit: str) -> tuple[float, str | None]:
    if unit == "dimensionless":
        return value, None
    if unit == "percentage":
        return value, "percent"
    if unit in MINOR_UNITS:  # a count of minor units, in the main currency ("one hundred cents" = 1 USD)
        factor, code = MINOR_UNITS[unit]
        return value * factor, code
    if unit in GOLD_NAMES and not GOLD_NAMES[unit].isdigit():
        return (
            gold_norm(value, GOLD_NAMES[unit])
            if GOLD_NAMES[unit] not in ("degC", "degF")
            else (unitlib.normalize(value, GOLD_NAMES[unit]))
        )
    for name, code in CURRENCIES.items():
        if unit == name:
            return value, code
        if unit.startswith(name + " per "):
            rest = unit[len(name) + 5 :]
            return value, f"{code}/{rest}"
    terms = unit.split(" per ")
    expr = " / ".join(_gold_term(t) for t in terms)
    u = unitlib.parse_unit(expr)
    if u is None:
        return value, unit
    return unitlib.normalize(value, str(u), str(u))


def _base(value: float | None, unit: str | None):
    """(magnitude, dimensionality) in SI base units, None if pint cannot read the unit."""
    if value is None:
        return None
    if unit is None:
        return value, None
    u = unitlib.parse_unit(unit)
    if u is None:
        return None
    try:
        q = unitlib.registry().Quantity(value, u).to_base_units()
    except Exception:  # noqa: BLE001 - pint raises many types; unreadable means "not equal"
        return None
    dim = q.dimensionality
    return float(q.magnitude), (str(dim) if dim else None)


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
    if ua != ub and ua not in ("percent",) and ub not in ("percent",) and "_" not in f"{ua}{ub}":
        ba, bb = _base(va, ua), _base(vb, ub)
        if ba is not None and bb is not None:
            return ba[1] == bb[1] and math.isclose(ba[0], bb[0], rel_tol=1e-3, abs_tol=1e-12)
    if ua != ub:
        # money per unit: compare the currency part and the value
        if ua and ub and "/" in ua and "/" in ub and ua.split("/")[0] == ub.split("/")[0]:
            return math.isclose(va, vb, rel_tol=1e-3)
        return False
    return math.isclose(va, vb, rel_tol=1e-3, abs_tol=1e-9)


def _is_year(g: dict) -> bool:
    v = float(g["value"])
    return g["unit"] == "dimensionless" and v.is_integer() and 1500 <= v <= 2100 and "." not in g["surface"]


def _overlapping(text: str, g: dict, ours: dict, taken: set[str]):
    """Our mention that overlaps the gold surface and contains the same number, if any."""
    at = text.find(g["surface"])
    if at < 0:
        return None
    g_end = at + len(g["surface"])
    for s, q in ours.items():
        if s in taken or not (q.start < g_end and at < q.end):
            continue
        lo, hi = max(at, q.start), min(g_end, q.end)
        if any(ch.isdigit() for ch in text[lo:hi]) or q.number_start >= 0 and at <= q.number_start < g_end:
            return q
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--show", type=int, default=0)
    args = ap.parse_args(argv)
    cases = json.loads(DATA.read_text(encoding="utf-8"))
    nlp = load_pipeline()
    docs = nlp.pipe((make_doc(nlp, c["req"]) for c in cases), batch_size=64)
    tp = fp = fn = right = gold_n = cases_right = years = 0
    shown = 0
    for case, doc in zip(cases, docs, strict=True):
        res = [g for g in case["res"] if not _is_year(g)]
        years += len(case["res"]) - len(res)
        gold = {norm_surface(g["surface"]): g for g in res}
        ours = {norm_surface(q.text): q for q in doc._.quantities if q.kind != "ordinal"}
        text = case["req"]
        matched_ours: set[str] = set()
        ok_case = len(gold) == len(ours)
        for s, g in gold.items():
            gold_n += 1
            q = ours.get(s)
            if q is None:
                q = _overlapping(text, g, ours, matched_ours)
            if q is None:
                fn += 1
                ok_case = False
                continue
            matched_ours.add(norm_surface(q.text))
            tp += 1
            if same(ours_norm(q), gold_norm(float(g["value"]), g["unit"])):
                right += 1
            else:
                ok_case = False
        fp += sum(1 for s in ours if s not in gold and s not in matched_ours)
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
        f"value_unit_right={right / gold_n:.3f} cases_fully_right={cases_right / len(cases):.3f} "
        f"years_dropped={years}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
