"""Fusion speed on synthetic claims: a full run over N claims (default 100,000) against merely loading
them (decoding the stored claims.jsonl objects into Claim records, which is what reading them from
the ledger costs besides the database itself).

    python bench/fusion_speed.py [--claims 100000] [--articles 5000]

Prints a table and a last line of ratios measured in the same run: ``fusion/load=R``.
"""

from __future__ import annotations

import argparse
import json
import random
import time
import zlib
from datetime import date, timedelta

from claimtrail.contract.claims import claim_from_json
from claimtrail.fusion import ArticleMeta, fuse
from claimtrail.model import Claim

SUBJECTS = ["soldier", "troop", "personnel", "civilian", "drone", "missile", "tank", "refugee"]
COUNTRIES = ["KP", "RU", "UA", "IR", "IL", None]
EVENTS = ["deployed", "killed", "wounded", "casualties", "captured", "other"]
SOURCE_TYPES = ["intelligence", "government", "military", "person", "organization", "anonymous"]
PLACES = [
    {
        "text": "Russia",
        "name": "Russia",
        "country": "RU",
        "lat": 60.0,
        "lon": 100.0,
        "gazetteer_id": "geonames:2017370",
    },
    {
        "text": "Kursk",
        "name": "Kursk",
        "country": "RU",
        "lat": 51.7,
        "lon": 36.2,
        "gazetteer_id": "claimtrail:admin1-ru-41",
    },
    {
        "text": "Ukraine",
        "name": "Ukraine",
        "country": "UA",
        "lat": 49.0,
        "lon": 32.0,
        "gazetteer_id": "geonames:690791",
    },
    {
        "text": "Seoul",
        "name": "Seoul",
        "country": "KR",
        "lat": 37.6,
        "lon": 127.0,
        "gazetteer_id": "geonames:1835848",
    },
]


def synthetic(n_claims: int, n_articles: int, seed: int = 7) -> tuple[list[str], dict[str, ArticleMeta]]:
    """Stored claim objects (JSON text, as in the ledger's data column) and article metadata."""
    rng = random.Random(seed)
    origins = [(f"Source {i} Agency", rng.choice(SOURCE_TYPES)) for i in range(400)]
    outlets = [f"Outlet {i}" for i in range(150)]
    base = {
        (s, c, e): rng.choice([12, 150, 1_200, 11_000, 40_000])
        for s in SUBJECTS
        for c in COUNTRIES
        for e in EVENTS
    }
    start = date(2023, 1, 1)
    lines, articles = [], {}
    per_article = max(1, n_claims // n_articles)
    for a in range(n_articles):
        aid = f"art{a:07d}"
        published = start + timedelta(days=rng.randrange(730))
        articles[aid] = ArticleMeta(rng.choice(outlets), published)
        for k in range(per_article):
            s, c, e = rng.choice(SUBJECTS), rng.choice(COUNTRIES), rng.choice(EVENTS)
            origin, otype = rng.choice(origins)
            # an origin's figure for a thing changes monthly and is echoed by every article quoting it
            month = (published - start).days // 30
            factor = random.Random(zlib.crc32(f"{origin}|{s}|{c}|{e}|{month}".encode())).uniform(0.8, 1.25)
            value = float(f"{base[(s, c, e)] * factor * (1 + month / 60):.2g}")
            ranged = rng.random() < 0.2
            said = (published - timedelta(days=rng.randrange(3))).isoformat()
            chain = [{"text": origin, "name": origin, "type": otype, "role": None, "cue": "said"}]
            if rng.random() < 0.3:
                chain.insert(
                    0,
                    {
                        "text": "a spokesman",
                        "name": "a spokesman",
                        "type": "person",
                        "role": None,
                        "cue": "said",
                    },
                )
            if rng.random() < 0.1:
                chain = []
            data = {
                "claim_id": f"{aid}c{k:03d}",
                "article_id": aid,
                "article_url": None,
                "published": published.isoformat(),
                "sentence": f"{value:,.0f} {s}s were {e}.",
                "start": 10 * k,
                "end": 10 * k + 6,
                "kind": "quantity",
                "event": e,
                "subject": {"text": s + "s", "normalized": s, "country": c},
                "quantity": {
                    "text": f"{value:,.0f}",
                    "value": value,
                    "low": value * 0.9 if ranged else None,
                    "high": value * 1.1 if ranged else None,
                    "approximate": rng.random() < 0.4,
                    "unit": None,
                    "normalized_value": None,
                    "normalized_unit": None,
                },
                "event_time": None,
                "statement_time": {"text": "on", "start": said, "end": said},
                "places": rng.sample(PLACES, rng.randrange(0, 3)),
                "attribution": chain,
                "modality": rng.choice(["asserted", "reported", "estimated", "possible"]),
                "cues": [],
            }
            lines.append(json.dumps(data))
    return lines, articles


def load(lines: list[str]) -> list[Claim]:
    return [claim_from_json(json.loads(line)) for line in lines]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--articles", type=int, default=5_000)
    args = parser.parse_args()
    t0 = time.perf_counter()
    lines, articles = synthetic(args.claims, args.articles)
    t_gen = time.perf_counter() - t0

    t0 = time.perf_counter()
    claims = load(lines)
    t_load = time.perf_counter() - t0

    t0 = time.perf_counter()
    result = fuse(claims, articles)
    t_fuse = time.perf_counter() - t0

    t0 = time.perf_counter()
    fuse(claims, articles, as_of=date(2024, 1, 1))
    t_asof = time.perf_counter() - t0

    rows = [
        ("generate (not timed in ratio)", t_gen),
        (f"load {len(claims):,} claims", t_load),
        (f"fusion, full run ({len(result.tracked)} tracked quantities)", t_fuse),
        ("fusion, --as-of 2024-01-01", t_asof),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'step':<{width}}  seconds")
    for name, secs in rows:
        print(f"{name:<{width}}  {secs:7.2f}")
    print(
        f"claims={len(claims)} tracked={len(result.tracked)} checks={len(result.checks)} "
        f"origins={len(result.origins)}"
    )
    print(f"fusion/load={t_fuse / t_load:.2f} fusion_as_of/load={t_asof / t_load:.2f}")


if __name__ == "__main__":
    main()
