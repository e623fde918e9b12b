"""Score modality cues and figure modalities on the hand-written modality gold.

Runs the full pipeline on each sentence of ``bench/gold/modality.yaml`` (the tuning half) or
``bench/gold/modality_heldout.yaml`` (the held-out half: score it only to report, never to tune)
and compares ``doc._.modality_cues`` and ``modality_for`` with the gold. Usage:
``python bench/eval_modality.py [--split tune|heldout|all] [--show]``.

How a prediction is matched (the criteria the figures rest on):
- cue: a predicted cue and a gold cue pair when their character spans overlap and their
  modalities are equal; each gold cue pairs with at most one prediction and each prediction with
  at most one gold cue. Counts are per modality (a prediction counts under its own modality, a gold
  cue under its own); unpaired predictions are false positives, unpaired gold cues misses.
- uncertainty: the micro-average over possible, believed and estimated (the issue's measure).
- target: ``modality_for`` at the first token whose text equals the gold key equals the gold label
  (accuracy over all targets).
The last line is the summary: uncertainty P/R/F1, all-cue P/R/F1 and target accuracy.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from spacy.language import Language
from spacy.tokens import Doc

from claimtrail.extract.modality import modality_for
from claimtrail.nlp.pipeline import load_pipeline, make_doc

GOLD = Path(__file__).parent / "gold"
FILES = {"tune": ["modality.yaml"], "heldout": ["modality_heldout.yaml"]}
FILES["all"] = FILES["tune"] + FILES["heldout"]
MODALITIES = ("possible", "believed", "estimated", "planned", "reported", "confirmed", "denied")
UNCERTAIN = ("possible", "believed", "estimated")


@dataclass
class Counts:
    """True positives, predictions and gold items of one measure."""

    tp: int = 0
    pred: int = 0
    gold: int = 0

    def prf(self) -> tuple[float, float, float]:
        """Precision, recall and F1 (1.0 for an empty side)."""
        p = self.tp / self.pred if self.pred else 1.0
        r = self.tp / self.gold if self.gold else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def gold_spans(text: str, cues: list[list[str]]) -> list[tuple[int, int, str]]:
    """The gold cues as (start, end, modality), each text taken at its next occurrence."""
    spans, after = [], {}
    for cue_text, modality in cues:
        start = text.find(cue_text, after.get(cue_text, 0))
        if start < 0:
            raise ValueError(f"gold cue {cue_text!r} not in {text!r}")
        after[cue_text] = start + len(cue_text)
        spans.append((start, start + len(cue_text), modality))
    return spans


def match_cues(doc: Doc, gold: list[tuple[int, int, str]], counts: dict[str, Counts]) -> list[str]:
    """Pair predicted and gold cues (overlap, same modality), add to ``counts``, return the errors."""
    preds = [(c.start, c.end, c.modality, c.text) for c in doc._.modality_cues or []]
    used: set[int] = set()
    errors = []
    for g_start, g_end, g_mod in gold:
        counts.setdefault(g_mod, Counts()).gold += 1
        hit = next(
            (
                i
                for i, p in enumerate(preds)
                if i not in used and p[2] == g_mod and p[0] < g_end and g_start < p[1]
            ),
            None,
        )
        if hit is None:
            errors.append(f"  miss {doc.text[g_start:g_end]!r} {g_mod}")
        else:
            used.add(hit)
            counts[g_mod].tp += 1
    for i, p in enumerate(preds):
        counts.setdefault(p[2], Counts()).pred += 1
        if i not in used:
            errors.append(f"  false {p[3]!r} {p[2]}")
    return errors


def check_targets(doc: Doc, targets: dict[str, str], tally: Counts) -> list[str]:
    """Compare ``modality_for`` at each target figure with its gold label."""
    errors = []
    for word, want in targets.items():
        tok = next(t for t in doc if t.text == str(word))
        got = modality_for(doc, tok.i)[0]
        tally.gold += 1
        tally.tp += got == want
        if got != want:
            errors.append(f"  target {word}: got {got}, want {want}")
    return errors


def load(split: str) -> list[dict[str, Any]]:
    """The gold items of ``split``."""
    items: list[dict[str, Any]] = []
    for name in FILES[split]:
        items.extend(yaml.safe_load((GOLD / name).read_text(encoding="utf-8")))
    return items


def evaluate(nlp: Language, items: list[dict[str, Any]], show: bool) -> tuple[dict[str, Counts], Counts]:
    """Cue counts per modality and the target tally over ``items``; print errors if ``show``."""
    counts: dict[str, Counts] = {}
    targets = Counts()
    for item in items:
        doc = nlp(make_doc(nlp, item["text"], None))
        errors = match_cues(doc, gold_spans(item["text"], item.get("cues") or []), counts)
        errors += check_targets(doc, item.get("targets") or {}, targets)
        if show and errors:
            print(f"{item['id']}: {item['text']}")
            print("\n".join(errors))
    return counts, targets


def total(counts: dict[str, Counts], names: tuple[str, ...]) -> Counts:
    """The micro-sum of ``counts`` over ``names``."""
    out = Counts()
    for name in names:
        c = counts.get(name, Counts())
        out.tp, out.pred, out.gold = out.tp + c.tp, out.pred + c.pred, out.gold + c.gold
    return out


def main() -> None:
    """Print cue P/R/F1 per modality, then the summary line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=sorted(FILES), default="tune")
    parser.add_argument("--show", action="store_true", help="print each sentence's errors")
    args = parser.parse_args()
    items = load(args.split)
    counts, targets = evaluate(load_pipeline(), items, args.show)
    print(f"{'modality':<10} {'gold':>5} {'pred':>5} {'P':>5} {'R':>5} {'F1':>5}")
    for name in MODALITIES:
        c = counts.get(name, Counts())
        p, r, f = c.prf()
        print(f"{name:<10} {c.gold:>5} {c.pred:>5} {p:5.2f} {r:5.2f} {f:5.2f}")
    up, ur, uf = total(counts, UNCERTAIN).prf()
    ap, ar, af = total(counts, tuple(counts)).prf()
    acc = targets.tp / targets.gold if targets.gold else 1.0
    print(
        f"SUMMARY {args.split} items={len(items)} uncertainty P={up:.2f} R={ur:.2f} F1={uf:.2f}"
        f" | all cues P={ap:.2f} R={ar:.2f} F1={af:.2f} | targets {targets.tp}/{targets.gold} ({acc:.2f})"
    )


if __name__ == "__main__":
    main()
