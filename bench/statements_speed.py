"""Statements speed on synthetic claims: grouping statements and figures into propositions
(``fusion.statements.propositions``, reading each statement's clause, resolving origins, timelines
and stances) against the fusion run over the same claims (``fusion.fuse``), both in one process.

The figures are ``fusion_speed.synthetic``'s; each article adds statements of its own kind
("Moscow has not confirmed that North Korean troops were deployed", "... denied", "...
acknowledged"), a quarter as many as its figures by default.

    python bench/statements_speed.py [--claims 20000] [--articles 2000] [--statements 0.25]

Last line: ``statements/fusion=R statements_s=S fusion_s=F propositions=N``.
"""

from __future__ import annotations

import argparse
import random
import time
from dataclasses import replace

from fusion_speed import load, synthetic

from claimtrail.fusion import fuse
from claimtrail.fusion.statements import propositions
from claimtrail.model import Claim, SourceLink

SPEAKERS = [("Moscow", "Russia"), ("Pyongyang", "North Korea"), ("Kyiv", "Ukraine"), ("Tehran", "Iran")]
STANCES = [
    ("has not confirmed", "reported", ("has not confirmed",)),
    ("denied", "denied", ("denied",)),
    ("acknowledged", "confirmed", ("acknowledged",)),
]
WHAT = [
    ("North Korean", "troops", "deployed"),
    ("Iranian", "drones", "launched"),
    ("Russian", "soldiers", "killed"),
]


def statements_for(figures: list[Claim], share: float, seed: int = 11) -> list[Claim]:
    """Statement claims beside the figures: ``share`` of their number, spread over their articles."""
    rng = random.Random(seed)
    out: list[Claim] = []
    for k, figure in enumerate(rng.sample(figures, int(len(figures) * share))):
        (said_as, name), (verb, modality, cues) = rng.choice(SPEAKERS), rng.choice(STANCES)
        owner, noun, event = rng.choice(WHAT)
        content = f"{owner} {noun} had been {event} to Russia"
        sentence = f"{said_as} {verb} that {content}."
        start = sentence.index(content)
        out.append(
            replace(
                figure,
                claim_id=f"{figure.claim_id}s{k}",
                sentence=sentence,
                start=start,
                end=start + len(content),
                sentence_start=0,
                kind="statement",
                event=None,
                quantity=None,
                places=(),
                attribution=(SourceLink(said_as, name, "government", None, verb),),
                modality=modality,  # type: ignore[arg-type]
                cues=cues,
            )
        )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=20_000)
    ap.add_argument("--articles", type=int, default=2_000)
    ap.add_argument("--statements", type=float, default=0.25, help="statements per figure")
    args = ap.parse_args()
    lines, articles = synthetic(args.claims, args.articles)
    figures = load(lines)
    claims = figures + statements_for(figures, args.statements)
    t0 = time.perf_counter()
    result = fuse(claims, articles)
    t1 = time.perf_counter()
    props = propositions(claims, articles, result.tracked)
    t2 = time.perf_counter()
    fusion_s, statements_s = t1 - t0, t2 - t1
    print(f"{len(figures):,} figures, {len(claims) - len(figures):,} statements, {args.articles:,} articles")
    print(f"fusion      {fusion_s:7.2f} s  ({len(result.tracked):,} tracked quantities)")
    print(f"statements  {statements_s:7.2f} s  ({len(props):,} propositions)")
    print(
        f"statements/fusion={statements_s / fusion_s:.2f} statements_s={statements_s:.2f} "
        f"fusion_s={fusion_s:.2f} propositions={len(props)}"
    )


if __name__ == "__main__":
    main()
