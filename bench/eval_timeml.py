"""Score the time extractor on TimeML-style (TIMEX3) news gold: spans, types and values.

Reads ``bench/gold/timeml_news.yaml`` (texts written for this project, each with its document
creation time) and compares ``resolve_times(text, dct)`` with the gold TIMEX3s, as TempEval-3 does:

- span P/R/F1, strict (same start and end) and relaxed (overlapping; one gold per mention);
- type P/R/F1 and accuracy: a relaxed match with the gold type counts as right;
- value P/R/F1 and accuracy: a relaxed match with the gold value counts as right.

The last line is a one-line summary. Use ``--split tune`` while tuning rules and ``--split heldout``
only to report a round's result.

    python bench/eval_timeml.py [--gold FILE] [--split tune|heldout|all] [--errors]
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from claimtrail.extract.temporal import resolve_times
from claimtrail.model import TimeMention

GOLD = Path(__file__).parent / "gold" / "timeml_news.yaml"


@dataclass(frozen=True)
class Timex:
    """One gold TIMEX3 with its character offsets in the document."""

    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class Counts:
    """Running totals over the documents scored."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0


def gold_timexes(doc: dict) -> list[Timex]:
    """The document's TIMEX3s with offsets, each found after the end of the previous one."""
    out: list[Timex] = []
    pos = 0
    for text, typ, value in doc["timex"]:
        text = str(text)
        i = doc["text"].find(text, pos)
        if i < 0:
            raise ValueError(f"{doc['id']}: {text!r} not found after offset {pos}")
        out.append(Timex(i, i + len(text), text, str(typ), str(value)))
        pos = i + len(text)
    return out


def match(gold: list[Timex], system: list[TimeMention]) -> list[tuple[Timex, TimeMention]]:
    """Pairs of overlapping gold and system mentions, one-to-one, exact spans first."""
    pairs: list[tuple[Timex, TimeMention]] = []
    used: set[int] = set()
    free = list(gold)
    for exact in (True, False):
        for g in list(free):
            for k, s in enumerate(system):
                if k in used:
                    continue
                hit = (s.start, s.end) == (g.start, g.end) if exact else s.start < g.end and g.start < s.end
                if hit:
                    pairs.append((g, s))
                    used.add(k)
                    free.remove(g)
                    break
    return pairs


def prf(right: int, system: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 of ``right`` answers among ``system`` given and ``gold`` wanted."""
    p = right / system if system else 0.0
    r = right / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_doc(doc: dict, counts: Counts, errors: bool) -> None:
    """Add one document's matches to ``counts``; print its mistakes when asked."""
    gold = gold_timexes(doc)
    system = resolve_times(doc["text"], date.fromisoformat(str(doc["dct"])))
    pairs = match(gold, system)
    counts.gold += len(gold)
    counts.system += len(system)
    counts.relaxed += len(pairs)
    counts.strict += sum((g.start, g.end) == (s.start, s.end) for g, s in pairs)
    counts.type_ok += sum(g.type == s.type for g, s in pairs)
    counts.value_ok += sum(g.value == s.value for g, s in pairs)
    if not errors:
        return
    matched_g = {g for g, _ in pairs}
    matched_s = {id(s) for _, s in pairs}
    for g, s in pairs:
        if (g.start, g.end, g.type, g.value) != (s.start, s.end, s.type, s.value):
            print(
                f"  {doc['id']} WRONG  gold {g.text!r} {g.type} {g.value}  got {s.text!r} {s.type} {s.value}"
            )
    for g in gold:
        if g not in matched_g:
            print(f"  {doc['id']} MISSED {g.text!r} {g.type} {g.value}")
    for s in system:
        if id(s) not in matched_s:
            print(f"  {doc['id']} EXTRA  {s.text!r} {s.type} {s.value}")


def report(c: Counts, label: str) -> str:
    """The table of figures and the one-line summary."""
    rows = [
        ("span strict", prf(c.strict, c.system, c.gold), None),
        ("span relaxed", prf(c.relaxed, c.system, c.gold), None),
        ("type", prf(c.type_ok, c.system, c.gold), c.type_ok),
        ("value", prf(c.value_ok, c.system, c.gold), c.value_ok),
    ]
    lines = [
        f"{label}: {c.gold} gold TIMEX3, {c.system} found",
        f"{'':14} {'P':>6} {'R':>6} {'F1':>6}  accuracy",
    ]
    for name, (p, r, f), right in rows:
        acc = f"{right / c.relaxed:.3f}" if right is not None and c.relaxed else ""
        lines.append(f"{name:14} {p:6.3f} {r:6.3f} {f:6.3f}  {acc}")
    strict, relaxed, typ, val = (
        prf(x, c.system, c.gold)[2] for x in (c.strict, c.relaxed, c.type_ok, c.value_ok)
    )
    lines.append(
        f"SUMMARY {label}: value F1 {val:.3f} | span F1 relaxed {relaxed:.3f} strict {strict:.3f} | type F1 {typ:.3f}"
    )
    return "\n".join(lines)


def main() -> None:
    """Score the chosen split of the gold file and print the figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--split", choices=("tune", "heldout", "all"), default="tune")
    ap.add_argument("--errors", action="store_true", help="print every wrong, missed and extra mention")
    args = ap.parse_args()
    docs = yaml.safe_load(args.gold.read_text(encoding="utf-8"))["docs"]
    counts = Counts()
    for doc in docs:
        if args.split in ("all", doc["split"]):
            score_doc(doc, counts, args.errors)
    print(report(counts, args.split))


if __name__ == "__main__":
    main()
