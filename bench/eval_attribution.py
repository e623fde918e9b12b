"""Score attribution, source typing, chains and modality on the hand-written gold set.

Runs the full pipeline on each item of ``bench/gold/attribution.yaml`` and compares
``doc._.attributions``, ``attribution_for`` and ``modality_for`` with the gold. Usage:
``python bench/eval_attribution.py [--show] [--only ID]``.

How a prediction is matched (the criteria the figures rest on):
- Alignment: each gold attribution is paired with at most one predicted attribution of its item
  whose cue span overlaps the gold cue by at least one character; among several, the one whose
  content overlaps the gold content most. Unpaired gold attributions are misses for every field,
  unpaired predictions false positives for every field.
- cue: the pair exists (cue spans overlap).
- source: the predicted source span overlaps the gold source span (both None also counts).
- name: the resolved source name matches the gold name (the source text where no name is given),
  or both are one body of the institutions table ("the Japanese defence ministry" and "Ministry of
  Defence (Japan)").
  Names match when, lower-cased and without a leading article or punctuation, one equals the other
  or contains it as whole words ("lawmaker" ~ "South Korean lawmaker").
- content: character Jaccard of predicted and gold content spans >= 0.8 (so "citing X, that Y"
  for "Y" fails when X is long); ``content exact`` counts identical spans.
- type: the pair's source type equals the gold type (gold attributions without a type are left
  out of both counts); country is reported as accuracy over pairs with a gold country.
- chain: for a target phrase, the names of ``attribution_for`` over its span (speaker..origin)
  equal the gold list element by element, with the name rule above. Precision over targets with a
  predicted non-empty chain, recall over targets with a gold non-empty chain; gold empty chains
  count in the accuracy only.
- modality: ``modality_for`` at the syntactic head of the target phrase equals the gold label.
- same actor: every listed mention overlaps an actor mention and all share one normalized name.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from claimtrail.extract.attribution import attribution_for
from claimtrail.extract.modality import modality_for
from claimtrail.nlp.pipeline import load_pipeline, make_doc

GOLD = Path(__file__).parent / "gold" / "attribution.yaml"
CONTENT_JACCARD = 0.8
FIELDS = ("cue", "source", "name", "content", "type")


@dataclass
class Counts:
    tp: int = 0
    pred: int = 0
    gold: int = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / self.pred if self.pred else 1.0
        r = self.tp / self.gold if self.gold else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


@dataclass
class Report:
    fields: dict[str, Counts] = field(default_factory=lambda: {f: Counts() for f in FIELDS})
    content_exact: int = 0
    country_ok: int = 0
    country_n: int = 0
    chain: Counts = field(default_factory=Counts)
    chain_ok: int = 0
    chain_n: int = 0
    modality_ok: int = 0
    modality_n: int = 0
    same_ok: int = 0
    same_n: int = 0
    items: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for name, c in self.fields.items():
            p, r, f = c.prf()
            out[f"{name}_p"], out[f"{name}_r"], out[f"{name}_f1"] = p, r, f
        p, r, f = self.chain.prf()
        out["chain_p"], out["chain_r"], out["chain_f1"] = p, r, f
        out["chain_acc"] = self.chain_ok / self.chain_n if self.chain_n else 1.0
        out["modality_acc"] = self.modality_ok / self.modality_n if self.modality_n else 1.0
        out["country_acc"] = self.country_ok / self.country_n if self.country_n else 1.0
        out["same_actor_acc"] = self.same_ok / self.same_n if self.same_n else 1.0
        gold_n = self.fields["content"].gold
        out["content_exact"] = self.content_exact / gold_n if gold_n else 1.0
        return out


def locate(text: str, phrase: str) -> tuple[int, int]:
    """Char span of ``phrase`` in ``text``; "phrase@N" is its Nth occurrence."""
    n = 1
    m = re.fullmatch(r"(.*)@(\d+)", phrase)
    if m:
        phrase, n = m.group(1), int(m.group(2))
    left = r"(?<!\w)" if phrase[:1].isalnum() else ""
    right = r"(?!\w)" if phrase[-1:].isalnum() else ""
    hits = list(re.finditer(left + re.escape(phrase) + right, text))
    if len(hits) < n:
        raise ValueError(f"{phrase!r} (occurrence {n}) not in {text!r}")
    return hits[n - 1].start(), hits[n - 1].end()


def norm_name(name: str | None) -> str:
    if not name:
        return ""
    s = re.sub(r"[^\w\s-]", " ", name.lower())
    s = re.sub(r"^(the|a|an)\s+", "", s.strip())
    return " ".join(s.split())


def names_match(gold: str | None, pred: str | None) -> bool:
    g, p = norm_name(gold), norm_name(pred)
    if not g or not p:
        return g == p
    if g == p or f" {g} " in f" {p} " or f" {p} " in f" {g} ":
        return True
    return same_body(gold or "", pred or "")


def same_body(gold: str, pred: str) -> bool:
    """Whether a gold description and a predicted name are one body of the institutions table
    ("the Japanese defence ministry" and "Ministry of Defence (Japan)"; "Israel's military" and the
    IDF): the extractor names a known body by its canonical name, the gold by its words."""
    from claimtrail.extract.institutions import table

    found = table().find(gold)
    return found is not None and found == table().find(pred)


def overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> int:
    if a is None or b is None:
        return 0
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def jaccard(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = overlap(a, b)
    union = (a[1] - a[0]) + (b[1] - b[0]) - inter
    return inter / union if union else 0.0


def score_item(nlp: Any, item: dict[str, Any], rep: Report, show: bool) -> None:
    text = item["text"]
    doc = nlp(make_doc(nlp, text, None))
    preds = list(doc._.attributions or [])
    log: list[str] = []
    gold_attrs = item.get("attributions") or []
    used: set[int] = set()
    pairs: list[tuple[dict[str, Any], Any | None]] = []
    for g in gold_attrs:
        g_cue = locate(text, g["cue"])
        g_content = locate(text, g["content"])
        cands = [
            (jaccard((p.content_start, p.content_end), g_content), i)
            for i, p in enumerate(preds)
            if i not in used and overlap((p.cue.start, p.cue.end), g_cue) > 0
        ]
        if cands:
            _, best = max(cands)
            used.add(best)
            pairs.append((g, preds[best]))
        else:
            pairs.append((g, None))
    f = rep.fields
    for name in FIELDS:
        f[name].pred += len(preds)
    for g, p in pairs:
        has_type = "type" in g
        for name in FIELDS:
            if name != "type" or has_type:
                f[name].gold += 1
        if not has_type and p is not None:
            f["type"].pred -= 1
        if p is None:
            log.append(f"  MISS cue {g['cue']!r} ({g.get('source')!r})")
            continue
        f["cue"].tp += 1
        g_src = locate(text, g["source"]) if g.get("source") else None
        p_src = (p.source.start, p.source.end) if p.source else None
        src_ok = (g_src is None and p_src is None) or overlap(g_src, p_src) > 0
        f["source"].tp += src_ok
        gold_name = g.get("name") or g.get("source")
        pred_name = p.source_name or (p.source.text if p.source else None)
        name_ok = names_match(gold_name, pred_name)
        f["name"].tp += name_ok
        g_content = locate(text, g["content"])
        p_content = (p.content_start, p.content_end)
        content_ok = jaccard(g_content, p_content) >= CONTENT_JACCARD
        f["content"].tp += content_ok
        rep.content_exact += g_content == p_content
        type_ok = has_type and p.source_type == g["type"]
        f["type"].tp += type_ok
        if "country" in g:
            rep.country_n += 1
            rep.country_ok += p.source_country == g["country"]
        bad = []
        if not src_ok:
            bad.append(f"source {p.source.text if p.source else None!r} (gold {g.get('source')!r})")
        if not name_ok:
            bad.append(f"name {pred_name!r} (gold {gold_name!r})")
        if not content_ok:
            bad.append(f"content {text[p_content[0] : p_content[1]]!r}")
        if has_type and not type_ok:
            bad.append(f"type {p.source_type} (gold {g['type']})")
        if "country" in g and p.source_country != g["country"]:
            bad.append(f"country {p.source_country} (gold {g['country']})")
        if bad:
            log.append(f"  cue {g['cue']!r}: " + "; ".join(bad))
    for i, p in enumerate(preds):
        if i not in used:
            log.append(
                f"  EXTRA cue {p.cue.text!r} source {p.source.text if p.source else None!r} "
                f"content {text[p.content_start : p.content_end]!r}"
            )
    for c in item.get("chains") or []:
        s, e = locate(text, c["target"])
        chain = attribution_for(doc, s, e)
        names = [a.source_name or (a.source.text if a.source else None) for a in chain]
        gold = c["chain"]
        ok = len(names) == len(gold) and all(names_match(g, n) for g, n in zip(gold, names, strict=True))
        rep.chain_n += 1
        rep.chain_ok += ok
        rep.chain.pred += bool(names)
        rep.chain.gold += bool(gold)
        rep.chain.tp += ok and bool(gold)
        if not ok:
            log.append(f"  chain {c['target']!r}: {names} (gold {gold})")
    for m in item.get("modality") or []:
        s, e = locate(text, m["target"])
        span = doc.char_span(s, e, alignment_mode="expand")
        got, cues = modality_for(doc, span.root.i)
        rep.modality_n += 1
        rep.modality_ok += got == m["modality"]
        if got != m["modality"]:
            log.append(f"  modality {m['target']!r}: {got} {[c.text for c in cues]} (gold {m['modality']})")
    for group in item.get("same_actor") or []:
        rep.same_n += 1
        norms = set()
        for mention in group:
            span = locate(text, mention)
            hits = [a for a in doc._.actors if overlap(span, (a.start, a.end)) > 0]
            norms.add(hits[0].normalized if hits else None)
        ok = len(norms) == 1 and None not in norms
        rep.same_ok += ok
        if not ok:
            log.append(f"  same actor {group}: {sorted(map(str, norms))}")
    if log:
        rep.errors.append(f"{item['id']}:\n" + "\n".join(log))


def evaluate(
    nlp: Any = None, only: str | None = None, show: bool = False, split: str | None = None
) -> Report:
    """Score the whole gold set (or one item, or one split: "dev" items were used while fixing the
    extractors, "heldout" items were written afterwards); returns the counts and the error log."""
    nlp = nlp or load_pipeline()
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    rep = Report()
    t0 = time.perf_counter()
    for item in gold:
        if only and item["id"] != only:
            continue
        if split and item.get("split", "dev") != split:
            continue
        rep.items += 1
        score_item(nlp, item, rep, show)
    rep.seconds = time.perf_counter() - t0
    return rep


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--show", action="store_true", help="print the errors of each item")
    ap.add_argument("--only", help="score one item id")
    ap.add_argument("--split", choices=("dev", "heldout"), help="score one split (default: all items)")
    args = ap.parse_args(argv)
    rep = evaluate(only=args.only, show=args.show, split=args.split)
    fig = rep.figures()
    print(
        f"{rep.items} items, {rep.fields['cue'].gold} gold attributions, {rep.chain_n} chain targets, "
        f"{rep.modality_n} modality targets ({rep.seconds:.1f}s)"
    )
    print(f"{'':10} {'P':>6} {'R':>6} {'F1':>6}  (tp/pred/gold)")
    for name in FIELDS:
        c = rep.fields[name]
        p, r, f = c.prf()
        print(f"{name:10} {p:6.3f} {r:6.3f} {f:6.3f}  ({c.tp}/{c.pred}/{c.gold})")
    p, r, f = rep.chain.prf()
    c = rep.chain
    print(f"{'chain':10} {p:6.3f} {r:6.3f} {f:6.3f}  ({c.tp}/{c.pred}/{c.gold})")
    print(
        f"content exact {fig['content_exact']:.3f}; country acc {fig['country_acc']:.3f} ({rep.country_n}); "
        f"chain acc {fig['chain_acc']:.3f} ({rep.chain_n}); modality acc {fig['modality_acc']:.3f} "
        f"({rep.modality_n}); same-actor acc {fig['same_actor_acc']:.3f} ({rep.same_n})"
    )
    print(
        "SUMMARY "
        + " ".join(
            f"{k}={fig[k]:.3f}"
            for k in ("cue_f1", "source_f1", "name_f1", "content_f1", "type_f1", "chain_f1", "modality_acc")
        )
    )
    if args.show:
        print("\n".join(rep.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
