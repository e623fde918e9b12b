"""Score the quantities extractor on scientific sentences: overlap precision, recall and F1.

Reads ``bench/gold/science_quantities.yaml`` (sentences in the style of methods and results
sections, written for this project; the quantities are marked ``[[...]]``) and runs the full
pipeline on each sentence, as ``claimtrail annotate`` does. Every mention of ``doc._.quantities``
is scored, whatever its kind (ordinals and ages too: annotate prints them all). A mention matches
a gold quantity when their spans overlap; each gold quantity and each mention is matched at most
once (greedy, in text order). The last line is a one-line summary.

Use ``--split tune`` while tuning rules and ``--split heldout`` only to report a round's result.

    python bench/eval_science.py [--gold FILE] [--split tune|heldout|all] [--errors]
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from eval_timeml import prf  # the bench folder is the script's own: P/R/F1 from counts, written once

from claimtrail.nlp.pipeline import load_pipeline, make_doc

GOLD = Path(__file__).parent / "gold" / "science_quantities.yaml"
MARK = re.compile(r"\[\[(.+?)\]\]")


@dataclass(frozen=True)
class Sentence:
    """One gold sentence: its plain text and the (start, end) spans of its quantities."""

    text: str
    spans: tuple[tuple[int, int], ...]


def parse_marked(marked: str) -> Sentence:
    """The plain text of a marked sentence and where its ``[[...]]`` quantities lie in it."""
    text_parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = length = 0
    for m in MARK.finditer(marked):
        before = marked[pos : m.start()]
        text_parts.append(before)
        length += len(before)
        spans.append((length, length + len(m.group(1))))
        text_parts.append(m.group(1))
        length += len(m.group(1))
        pos = m.end()
    text_parts.append(marked[pos:])
    text = "".join(text_parts)
    if "[[" in text or "]]" in text:
        raise ValueError(f"unbalanced [[...]] mark-up in gold sentence: {marked!r}")
    return Sentence(text, tuple(spans))


def load_gold(path: Path, split: str) -> list[Sentence]:
    """The gold sentences of one split ("tune", "heldout") or of both ("all")."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    names = ("tune", "heldout") if split == "all" else (split,)
    return [parse_marked(s) for name in names for s in data[name]]


def match(gold: tuple[tuple[int, int], ...], ours: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Pairs (gold index, mention index) of overlapping spans, one-to-one, greedy in text order."""
    pairs: list[tuple[int, int]] = []
    taken: set[int] = set()
    for gi, (gs, ge) in enumerate(gold):
        for oi, (os_, oe) in enumerate(ours):
            if oi not in taken and os_ < ge and gs < oe:
                pairs.append((gi, oi))
                taken.add(oi)
                break
    return pairs


def main(argv: list[str] | None = None) -> int:
    """Score the split and print P/R/F1 (and each wrong sentence with --errors)."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--split", choices=("tune", "heldout", "all"), default="all")
    ap.add_argument("--errors", action="store_true", help="print every missed and extra quantity")
    args = ap.parse_args(argv)
    sentences = load_gold(args.gold, args.split)
    nlp = load_pipeline()
    docs = nlp.pipe((make_doc(nlp, s.text) for s in sentences), batch_size=64)
    tp = n_sys = n_gold = 0
    for sent, doc in zip(sentences, docs, strict=True):
        ours = [(q.start, q.end) for q in doc._.quantities or []]
        pairs = match(sent.spans, ours)
        tp += len(pairs)
        n_sys += len(ours)
        n_gold += len(sent.spans)
        if args.errors and (len(pairs) < len(ours) or len(pairs) < len(sent.spans)):
            hit_g = {g for g, _ in pairs}
            hit_o = {o for _, o in pairs}
            print(sent.text)
            for i, (s, e) in enumerate(sent.spans):
                if i not in hit_g:
                    print(f"   missed {sent.text[s:e]!r}")
            for i, (s, e) in enumerate(ours):
                if i not in hit_o:
                    print(f"   extra  {sent.text[s:e]!r}")
    p, r, f = prf(tp, n_sys, n_gold)
    print(
        f"SUMMARY science split={args.split} sentences={len(sentences)} gold={n_gold} system={n_sys} "
        f"P={p:.3f} R={r:.3f} F1={f:.3f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
