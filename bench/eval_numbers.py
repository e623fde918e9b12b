"""Score the quantities extractor on Microsoft Recognizers-Text specs (Number and NumberWithUnit, English).

Runs the full pipeline on each case's Input and compares ``doc._.quantities`` with the gold results:
exact span (gold End is inclusive), plus value (and unit for NumberWithUnit). Prints, per file, the
number of cases, span precision/recall/F1, and the share of cases fully right (every gold result found
with the right value/unit and nothing else of that type). Cases marked NotSupported/NotSupportedByDesign
(gaps of some of that library's ports) are reported apart. Usage: python bench/eval_numbers.py [--show N]

Conventions of the projection (what makes the comparison fair, not what the extractor finds):
- NumberModel marks bare numbers: each of our quantities is scored by its number part
  (``number_start``/``number_end``: "20" in "$20", "1MM" in "US$ 1MM"); a number glued to a unit of
  measure ("180ml", "29km") is not a bare number in that gold and is left out.
- NumberWithUnit gold results without a value (a unit word alone: "convert 10 celsius to fahrenheit"
  marks "fahrenheit") are not quantities in claimtrail's sense: they are dropped from the gold and
  counted apart (``unit_only``).
- Units are compared by what they mean: both sides are converted with pint ("Ton" in that gold covers
  tons and tonnes; "mb"/"MB"), and a gold currency with no ISO code ("Franc") accepts any currency.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
from pathlib import Path

from claimtrail.extract import units as unitlib
from claimtrail.extract.numbers import find_numbers
from claimtrail.nlp.pipeline import load_pipeline, make_doc

ROOT = Path("/work/shared/eval/recognizers-text/Specs")
FILES = [
    ("Number", "NumberModel"),
    ("Number", "OrdinalModel"),
    ("Number", "PercentModel"),
    ("Number", "NumberRangeModel"),
    ("NumberWithUnit", "AgeModel"),
    ("NumberWithUnit", "CurrencyModel"),
    ("NumberWithUnit", "DimensionModel"),
    ("NumberWithUnit", "TemperatureModel"),
]

# Gold unit names -> pint expressions or ISO codes (the gold's vocabulary, not ours).
GOLD_UNITS = {
    "Year": "year", "Month": "month", "Week": "week", "Day": "day", "Age": "year",
    "C": "degC", "F": "degF", "K": "kelvin", "Degree": "degree", "Kelvin": "kelvin",
    "Dollar": "USD", "Euro": "EUR", "British pound": "GBP", "Japanese yen": "JPY",
    "Chinese yuan": "CNY", "Yuan": "CNY", "Korean won": "KRW", "South Korean won": "KRW",
    "Cent": "USD_cent", "Penny": "GBP_penny", "Pence": "GBP_penny",
    "Mile": "mile", "Foot": "foot", "Inch": "inch", "Yard": "yard", "Meter": "meter",
    "Kilometer": "kilometer", "Centimeter": "centimeter", "Millimeter": "millimeter",
    "Decimeter": "decimeter", "Pound": "pound", "Ounce": "ounce", "Kilogram": "kilogram",
    "Gram": "gram", "Milligram": "milligram", "Ton": "ton", "Metric ton": "metric_ton",
    "Barrel": "oil_barrel", "Gallon": "gallon", "Liter": "liter", "Milliliter": "milliliter",
    "Cubic foot": "foot**3", "Cubic meter": "meter**3", "Square meter": "meter**2",
    "Square kilometer": "kilometer**2", "Square foot": "foot**2", "Square mile": "mile**2",
    "Acre": "acre", "Hectare": "hectare", "Kilometer per hour": "kilometer/hour",
    "Mile per hour": "mile/hour", "Meter per second": "meter/second", "Knot": "knot",
    "Bit": "bit", "Byte": "byte", "Kilobyte": "kilobyte", "Megabyte": "megabyte",
    "Gigabyte": "gigabyte", "Terabyte": "terabyte", "Kilobit": "kilobit", "Megabit": "megabit",
    "Gigabit": "gigabit", "Square yard": "yard**2", "Cubic inch": "inch**3", "Cubic yard": "yard**3",
    "Fluid ounce": "fluid_ounce", "Pint": "pint", "Quart": "quart", "Cup": "cup", "Teaspoon": "teaspoon",
    "Tablespoon": "tablespoon", "Light year": "light_year", "Nautical mile": "nautical_mile",
    "Picometer": "picometer", "Nanometer": "nanometer", "Micrometer": "micrometer",
    "Hectometer": "hectometer", "Dekameter": "decameter", "Square centimeter": "centimeter**2",
    "Square decimeter": "decimeter**2", "Square inch": "inch**2", "Cubic centimeter": "centimeter**3",
    "Pound per square inch": "psi", "Stone": "stone", "Carat": "carat", "Grain": "grain",
    "Kilowatt": "kilowatt", "Watt": "watt", "Horsepower": "horsepower", "Hour": "hour", "Minute": "minute",
    "Second": "second", "Microgram": "microgram", "megabyte": "megabyte", "megabit": "megabit",
}  # fmt: skip
# Gold unit names that stand for a family of units (any member counts).
GOLD_FAMILIES = {"ton": ("metric_ton", "long_ton"), "megabit": ("megabyte",)}
CURRENCY_NAMES = {"Dollar": "USD", "Pound": "GBP", "British pound": "GBP", "Euro": "EUR", "Yen": "JPY",
                  "Japanese yen": "JPY", "Yuan": "CNY", "Chinese yuan": "CNY", "Won": "KRW", "Rupee": "INR",
                  "Ruble": "RUB", "Hryvnia": "UAH", "Canadian dollar": "CAD", "Australian dollar": "AUD"}  # fmt: skip
CURRENCY_ISO = {"GBP", "USD", "EUR", "JPY", "CNY", "KRW", "CAD", "AUD", "INR", "RUB", "UAH", "CHF"}


def close(a: float | None, b: float | None, rel: float = 1e-6) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=rel, abs_tol=1e-9)


def gold_value(res: dict, model: str) -> tuple:
    r = res.get("Resolution") or {}
    v = r.get("value")
    if model == "NumberRangeModel":
        m = re.fullmatch(r"[\[(]\s*(-?[\d.eE+]*)\s*,\s*(-?[\d.eE+]*)\s*[\])]", v or "")
        if not m:
            return (None, None)
        lo = float(m.group(1)) if m.group(1) else None
        hi = float(m.group(2)) if m.group(2) else None
        return (lo, hi)
    if v is None or v == "null":
        return (None,)
    v = str(v).rstrip("%")
    try:
        return (float(v),)
    except ValueError:
        return (None,)


def gold_unit(res: dict, model: str = "") -> str | None:
    r = res.get("Resolution") or {}
    if r.get("isoCurrency"):
        return r["isoCurrency"]
    if model == "CurrencyModel" and r.get("unit") in CURRENCY_NAMES:
        return CURRENCY_NAMES[r["unit"]]
    return GOLD_UNITS.get(r.get("unit", ""), r.get("unit"))


def _base(value: float, unit: str | None):
    """(magnitude, dimensionality) in SI base units, or None if pint cannot read the unit."""
    u = unitlib.parse_unit(unit or "")
    if u is None:
        return None
    try:
        q = unitlib.registry().Quantity(value, u).to_base_units()
    except Exception:  # noqa: BLE001 - pint raises many types; unreadable means "not equal"
        return None
    return float(q.magnitude), q.dimensionality


def _minor_currency(q) -> tuple[float, str] | None:
    """A minor unit ("USD_cent") as (value in cents/pence, gold-style unit name)."""
    if q.unit and "_" in q.unit and q.kind == "money":
        code, _, minor = q.unit.partition("_")
        return q.value, {"USD": "USD_cent", "GBP": "GBP_penny"}.get(code, q.unit)
    return None


def same_unit_value(q, gold_v: float | None, gunit: str | None) -> bool:
    """Our (value, unit) equals the gold's once both are normalised."""
    if gold_v is None:
        return False
    if gunit in ("USD_cent", "GBP_penny"):
        minor = _minor_currency(q)
        return minor is not None and minor[1] == gunit and close(minor[0], gold_v)
    if gunit in CURRENCY_ISO or (q.kind == "money"):
        if q.kind == "money" and gunit not in CURRENCY_ISO and not (gunit or "").isupper():
            return close(q.value, gold_v)  # gold names no ISO code ("Franc"): any currency
        return q.unit == gunit and close(q.value, gold_v)
    for member in GOLD_FAMILIES.get(gunit or "", ()):
        if same_unit_value(q, gold_v, member):
            return True
    ours_pint = q.unit
    if q.normalized_unit and q.normalized_unit != q.unit:
        a = _base(q.normalized_value, q.normalized_unit)
    else:
        a = _base(q.value, ours_pint)
    b = _base(gold_v, gunit)
    if a is not None and b is not None:
        return a[1] == b[1] and close(a[0], b[0], 1e-3)
    gv, gu = unitlib.normalize(gold_v, gunit, gunit)
    if gu == gunit and gunit != q.unit:  # gold unit unknown to pint: compare names loosely
        return close(q.value, gold_v) and (q.unit or "").lower() in (gunit or "").lower()
    return close(q.normalized_value, gv, 1e-3) and q.normalized_unit == gu


def predicted(doc, model: str) -> list[tuple[int, int, tuple, object]]:
    """Our output projected on the gold's task: (start, end_exclusive, value tuple, mention)."""
    out = []
    for q in doc._.quantities:
        dim = unitlib.dimension(q.unit) if q.unit else None
        if model == "NumberModel":
            if q.kind == "ordinal":
                continue
            ns, ne = (q.number_start, q.number_end) if q.number_start >= 0 else (q.start, q.end)
            if q.kind == "measure" and ne < len(doc.text) and doc.text[ne].isalpha():
                continue  # "180ml": not a bare number in that gold
            sub = doc.text[ns:ne]
            found = [m for m in find_numbers(sub) if m.kind != "ordinal"]
            if len(found) <= 1:
                out.append((ns, ne, (q.value if q.kind != "percent" or not found else found[0].value,), q))
                continue
            for m in found:
                out.append((ns + m.start, ns + m.end, (m.value,), q))
        elif model == "OrdinalModel" and q.kind == "ordinal":
            out.append((q.start, q.end, (q.value,), q))
        elif model == "PercentModel" and q.kind == "percent":
            out.append((q.start, q.end, (q.value,), q))
        elif (
            model == "NumberRangeModel" and (q.low is not None or q.high is not None) and q.kind != "ordinal"
        ):
            out.append((q.start, q.end, (q.low, q.high), q))
        elif model == "CurrencyModel" and q.kind == "money":
            out.append((q.start, q.end, (q.value,), q))
        elif model == "AgeModel" and dim == "time" and q.text.lower().rstrip(".").endswith(("old", "age")):
            out.append((q.start, q.end, (q.value,), q))
        elif model == "TemperatureModel" and (dim == "temperature" or q.unit == "degree"):
            out.append((q.start, q.end, (q.value,), q))
        elif model == "DimensionModel" and q.kind == "measure" and dim not in ("time", "temperature", None):
            out.append((q.start, q.end, (q.value,), q))
        elif model == "DimensionModel" and q.kind == "measure" and dim is None and q.unit != "degree":
            out.append((q.start, q.end, (q.value,), q))
    return out


def score_file(nlp, group: str, model: str, show: int) -> dict:
    cases = json.loads((ROOT / group / "English" / f"{model}.json").read_text(encoding="utf-8-sig"))
    docs = nlp.pipe((make_doc(nlp, c["Input"]) for c in cases), batch_size=64)
    stats = {
        key: {"cases": 0, "tp": 0, "fp": 0, "fn": 0, "right": 0, "value_ok": 0, "unit_only": 0}
        for key in ("supported", "marked")
    }
    shown = 0
    for case, doc in zip(cases, docs, strict=True):
        key = "marked" if any(k.startswith("NotSupported") for k in case) else "supported"
        st = stats[key]
        st["cases"] += 1
        gold = [
            (r["Start"], r["End"] + 1, gold_value(r, model), gold_unit(r, model)) for r in case["Results"]
        ]
        gold = [g for g in gold if not (model == "PercentModel" and g[2] == (None,))]
        if group == "NumberWithUnit":
            st["unit_only"] = st.get("unit_only", 0) + sum(1 for g in gold if g[2] == (None,))
            gold = [g for g in gold if g[2] != (None,)]
        pred = predicted(doc, model)
        pred_spans = {(p[0], p[1]): p for p in pred}
        ok_all = len(pred_spans) == len(gold)
        matched = 0
        for gs, ge, gv, gu in gold:
            p = pred_spans.get((gs, ge))
            if p is None:
                ok_all = False
                continue
            matched += 1
            if group == "NumberWithUnit":
                good = same_unit_value(p[3], gv[0], gu)
            else:
                good = all(close(a, b) for a, b in zip(p[2], gv, strict=True))
            if good:
                st["value_ok"] += 1
            else:
                ok_all = False
        st["tp"] += matched
        st["fp"] += len(pred_spans) - matched
        st["fn"] += len(gold) - matched
        st["right"] += ok_all
        if not ok_all and key == "supported" and shown < show:
            shown += 1
            print(f"  MISS {model}: {case['Input']!r}")
            print(f"     gold {[(case['Input'][g[0] : g[1]], g[2], g[3]) for g in gold]}")
            print(f"     ours {[(case['Input'][p[0] : p[1]], p[2], p[3].unit) for p in pred]}")
    return stats


def prf(st: dict) -> tuple[float, float, float]:
    p = st["tp"] / (st["tp"] + st["fp"]) if st["tp"] + st["fp"] else 1.0
    r = st["tp"] / (st["tp"] + st["fn"]) if st["tp"] + st["fn"] else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--show", type=int, default=0, help="print up to N wrong supported cases per file")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    nlp = load_pipeline()
    totals = {g: {k: {"cases": 0, "tp": 0, "fp": 0, "fn": 0, "right": 0, "unit_only": 0}
                  for k in ("supported", "marked", "all")}
              for g in ("Number", "NumberWithUnit")}  # fmt: skip
    print(f"{'file':<20}{'set':<10}{'cases':>6}{'P':>7}{'R':>7}{'F1':>7}{'right':>8}")
    for group, model in FILES:
        stats = score_file(nlp, group, model, args.show)
        stats["all"] = {k: stats["supported"][k] + stats["marked"][k] for k in stats["supported"]}
        for key in ("supported", "marked", "all"):
            st = stats[key]
            for k in totals[group][key]:
                totals[group][key][k] += st[k]
            if not st["cases"]:
                continue
            p, r, f = prf(st)
            print(
                f"{model:<20}{key:<10}{st['cases']:>6}{p:>7.3f}{r:>7.3f}{f:>7.3f}{st['right'] / st['cases']:>8.3f}"
            )
    print()
    for group in ("Number", "NumberWithUnit"):
        for key in ("supported", "all"):
            st = totals[group][key]
            p, r, f = prf(st)
            print(
                f"SUMMARY recognizers {group} [{key}]: cases={st['cases']} P={p:.3f} R={r:.3f} F1={f:.3f} "
                f"fully_right={st['right'] / st['cases']:.3f} unit_only_gold_dropped={st['unit_only']}"
            )
    print(f"elapsed {time.perf_counter() - t0:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
