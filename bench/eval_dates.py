"""Score the time extractor on Microsoft Recognizers-Text's English DateTime specs.

Runs the full claimtrail pipeline over each case's input with the case's reference date and
compares ``doc._.times`` with the expected results: span P/R/F1 on exact character offsets, and the
share of cases fully right (every expected result found with the right span and an acceptable value,
and nothing else found). Cases marked NotSupported (features the reference implementations lack)
are counted and reported apart. A last line gives the ratio of pipeline time to bare spaCy time.

    python bench/eval_dates.py [--spec DIR] [--errors N] [--file NAME]
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

from claimtrail.nlp.pipeline import load_base_model, load_pipeline, make_doc

SPEC = Path("/work/shared/eval/recognizers-text/Specs/DateTime/English")
FILES = ("DateTimeModel.json", "DurationParser.json")
DATE_TYPES = {"date", "daterange", "duration"}

_TIME = re.compile(r"T(\d{1,2})(?::(\d\d))?(?::(\d\d))?")


def norm(v: str) -> str:
    """One spelling for values from either side: "(a,b,P3D)" -> "a/b", times as THH:MM:SS."""
    v = v.strip()
    if v.startswith("P"):
        # TimeML's decade and century units ("P3DE", "P1CE") are the spec's years
        de = re.fullmatch(r"P(\d+(?:\.\d+)?)(DE|CE)", v)
        if de:
            years = float(de.group(1)) * (10 if de.group(2) == "DE" else 100)
            return f"P{years:g}Y"
        return v
    m = re.fullmatch(r"\((.*?),(.*?),.*\)", v)
    if m:
        v = f"{m.group(1)}/{m.group(2)}"
    v = re.sub(r"(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)", r"\1T\2", v)
    return _TIME.sub(lambda t: f"T{int(t.group(1)):02d}:{t.group(2) or '00'}:{t.group(3) or '00'}", v)


def _minus_day(s: str) -> str | None:
    try:
        return (date.fromisoformat(s) - timedelta(days=1)).isoformat()
    except ValueError:
        return None


def gold_values(values: list[dict]) -> tuple[set[str], list[re.Pattern[str]]]:
    """Acceptable value strings (and patterns for year-less timex) of one expected result."""
    ok: set[str] = set()
    pats: list[re.Pattern[str]] = []
    for v in values:
        timex = v.get("timex") or v.get("Timex")
        if timex:
            ok.add(norm(timex))
            if "XXXX" in timex and "WXX" not in timex:
                pats.append(re.compile(re.escape(norm(timex)).replace("XXXX", r"\d{4}") + "$"))
        val = v.get("value")
        if val and val != "not resolved" and v.get("type") not in ("duration", "set"):
            ok.add(norm(val))
        s, e = v.get("start"), v.get("end")
        if s and e:
            ok.add(norm(f"{s}/{e}"))
            prev = _minus_day(e)
            if prev:
                ok.add(norm(f"{s}/{prev}"))
    return ok, pats


def predicted_values(t) -> set[str]:
    out = {norm(t.value)} if t.value else set()
    if t.type == "TIME" and t.value and all(re.match(r"\d{4}-\d\d-\d\dT", p) for p in t.value.split("/")):
        # a clock time alone is dated with the story's day (TimeML); the spec gives the bare time
        out.add(norm("/".join(p[10:] for p in t.value.split("/"))))
    if t.begin and t.begin == t.finish and t.type == "DATE":
        # "three weeks ago": TimeML gives the week ("2016-W40"), the spec the day; begin keeps the day
        out.add(t.begin.isoformat())
    if t.begin and t.finish and t.begin != t.finish:
        out.add(f"{t.begin.isoformat()}/{t.finish.isoformat()}")
        out.add(f"{t.begin.isoformat()}/{(t.finish + timedelta(days=1)).isoformat()}")
    return out


def load_cases(path: Path) -> list[dict]:
    """Cases as {input, ref, supported, results: [{start, end, text, type, values}]}."""
    raw = json.loads(path.read_text(encoding="utf-8-sig"))
    cases = []
    for c in raw:
        ref_s = (c.get("Context") or {}).get("ReferenceDateTime")
        ref = date.fromisoformat(ref_s[:10]) if ref_s else None
        results = []
        for r in c.get("Results", []):
            if "Resolution" in r:  # DateTimeModel: End is inclusive
                kind = (r.get("TypeName") or r.get("Typename", "")).split(".")[-1]
                values = r["Resolution"].get("values", [])
                start, end = r["Start"], r["End"] + 1
            else:  # parser specs: Start + Length, Value.Timex
                kind = r.get("Type", "")
                values = [r.get("Value") or {}]
                start, end = r["Start"], r["Start"] + r["Length"]
            results.append({"start": start, "end": end, "text": r["Text"], "type": kind, "values": values})
        cases.append(
            {"input": c["Input"], "ref": ref, "supported": not c.get("NotSupported"), "results": results}
        )
    return cases


def score(nlp, cases: list[dict], errors: int, name: str) -> dict:
    stats: dict = defaultdict(Counter)
    shown = 0
    for case in cases:
        group = "supported" if case["supported"] else "not_supported"
        doc = nlp(make_doc(nlp, case["input"], case["ref"]))
        preds = list(doc._.times)
        gold = case["results"]
        pred_spans = {(t.start, t.end) for t in preds}
        gold_spans = {(r["start"], r["end"]) for r in gold}
        right = 0
        for r in gold:
            ok, pats = gold_values(r["values"])
            for t in preds:
                if (t.start, t.end) == (r["start"], r["end"]):
                    pv = predicted_values(t)
                    if pv & ok or any(p.match(v) for p in pats for v in pv):
                        right += 1
                    break
        full = right == len(gold) and len(preds) == len(gold)
        kinds = {r["type"] for r in gold}
        cats = [group]
        if group == "supported":
            cats.append(
                "dates+durations" if gold and kinds <= DATE_TYPES else "other types" if gold else "no time"
            )
        for cat in cats:
            s = stats[cat]
            s["cases"] += 1
            s["full"] += full
            s["tp"] += len(pred_spans & gold_spans)
            s["pred"] += len(pred_spans)
            s["gold"] += len(gold_spans)
        for r in gold:
            stats["by type"][r["type"]] += 1
            if full:
                stats["by type full"][r["type"]] += 1
        if not full and case["supported"] and shown < errors:
            shown += 1
            print(f"  ! [{case['ref']}] {case['input']!r}")
            for r in gold:
                ok, _ = gold_values(r["values"])
                print(f"      gold {r['start']}-{r['end']} {r['text']!r} {sorted(ok)[:3]}")
            for t in preds:
                print(f"      got  {t.start}-{t.end} {t.text!r} {t.type} {t.value} {t.begin}..{t.finish}")
    return stats


def prf(s: Counter) -> tuple[float, float, float]:
    p = s["tp"] / s["pred"] if s["pred"] else 0.0
    r = s["tp"] / s["gold"] if s["gold"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--spec", type=Path, default=SPEC)
    ap.add_argument("--errors", type=int, default=0, help="print up to N failed supported cases per file")
    ap.add_argument("--file", action="append", help="only these spec files")
    args = ap.parse_args()
    nlp = load_pipeline()
    base = load_base_model()
    texts: list[str] = []
    print(f"{'file':<22} {'subset':<16} {'cases':>6} {'P':>6} {'R':>6} {'F1':>6} {'fully right':>12}")
    for name in args.file or FILES:
        cases = load_cases(args.spec / name)
        texts.extend(c["input"] for c in cases)
        stats = score(nlp, cases, args.errors, name)
        for cat in ("supported", "dates+durations", "other types", "no time", "not_supported"):
            s = stats.get(cat)
            if not s:
                continue
            p, r, f = prf(s)
            print(
                f"{name:<22} {cat:<16} {s['cases']:>6} {p:>6.3f} {r:>6.3f} {f:>6.3f} {s['full'] / s['cases']:>11.1%}"
            )
        by, byf = stats["by type"], stats["by type full"]
        print("    per expected type (share of their cases fully right): "
              + ", ".join(f"{k} {byf[k] / v:.0%} of {v}" for k, v in sorted(by.items())))  # fmt: skip
    t0 = time.perf_counter()
    for _ in base.pipe(texts, batch_size=64):
        pass
    t1 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    t2 = time.perf_counter()
    print(f"pipeline/spacy_only={(t2 - t1) / (t1 - t0):.2f}")


if __name__ == "__main__":
    main()
