"""Fusion speed on synthetic claims: a full run over N claims (default 100,000) against merely loading
them (decoding the stored claims.jsonl objects into Claim records, which is what reading them from
the ledger costs besides the database itself); and incremental fusion: adding one article to a
ledger holding the N claims (its stored fusion state current) against adding it to an empty ledger.

``--stories K`` spreads the articles over K independent stories (each its own subjects, as a
newsroom following many stories has); with 1 every article may share a subject with every other,
so the ledger is one fusion component and an add re-fuses all of it (see docs/scale.md).

    python bench/fusion_speed.py [--claims 100000] [--articles 5000] [--stories 1] [--no-ledger]

Prints a table and a last line of ratios measured in the same run:
``fusion/load=R incremental/empty=R peak_mb=N``.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import tempfile
import time
import zlib
from datetime import date, timedelta
from pathlib import Path

from claimtrail.contract.claims import claim_from_json
from claimtrail.fusion import ArticleMeta, fuse, incremental
from claimtrail.model import Article, Claim
from claimtrail.store.ledger import Ledger, open_ledger

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


def synthetic(
    n_claims: int, n_articles: int, seed: int = 7, stories: int = 1
) -> tuple[list[str], dict[str, ArticleMeta]]:
    """Stored claim objects (JSON text, as in the ledger's data column) and article metadata; with
    several ``stories`` each article's subjects are its story's own ("troop-s3")."""
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
        story = f"-s{rng.randrange(stories)}" if stories > 1 else ""
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
                "subject": {"text": s + "s", "normalized": s + story, "country": c},
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


def store(ledger: Ledger, claims: list[Claim], articles: dict[str, ArticleMeta]) -> None:
    """The synthetic articles and their claims into a ledger, 500 articles per transaction."""
    by: dict[str, list[Claim]] = {}
    for c in claims:
        by.setdefault(c.article_id, []).append(c)
    pairs = []
    for aid, cs in by.items():
        meta = articles[aid]
        text = " ".join(c.sentence for c in cs) + f" ({aid})"
        pairs.append((Article(text=text, article_id=aid, outlet=meta.outlet, published=meta.published), cs))
    for i in range(0, len(pairs), 500):
        ledger.add_articles(pairs[i : i + 500])


def incremental_add(
    claims: list[Claim], articles: dict[str, ArticleMeta], folder: Path
) -> tuple[float, float]:
    """Seconds to bring the stored fusion up to date after adding the last article: to a ledger
    holding every other article (its state current), and to an empty ledger."""
    last = claims[-1].article_id
    rest = [c for c in claims if c.article_id != last]
    mine = [c for c in claims if c.article_id == last]
    seconds = []
    for name, before in (("large", rest), ("empty", [])):
        with open_ledger(str(folder / f"{name}.db")) as ledger:
            store(ledger, before, articles)
            incremental.sync(ledger)
            store(ledger, mine, articles)
            t0 = time.perf_counter()
            mode = incremental.sync(ledger)
            seconds.append(time.perf_counter() - t0)
            assert mode in ("incremental", "full"), mode
    return seconds[0], seconds[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--articles", type=int, default=5_000)
    parser.add_argument("--stories", type=int, default=1)
    parser.add_argument("--no-ledger", action="store_true", help="skip the incremental measure (no SQLite)")
    args = parser.parse_args()
    t0 = time.perf_counter()
    lines, articles = synthetic(args.claims, args.articles, stories=args.stories)
    t_gen = time.perf_counter() - t0

    t0 = time.perf_counter()
    claims = load(lines)
    t_load = time.perf_counter() - t0
    del lines

    t0 = time.perf_counter()
    result = fuse(claims, articles)
    t_fuse = time.perf_counter() - t0

    t0 = time.perf_counter()
    fuse(claims, articles, as_of=date(2024, 1, 1))
    t_asof = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    rows = [
        ("generate (not timed in ratio)", t_gen),
        (f"load {len(claims):,} claims", t_load),
        (f"fusion, full run ({len(result.tracked)} tracked quantities)", t_fuse),
        ("fusion, --as-of 2024-01-01", t_asof),
    ]
    t_large = t_empty = None
    if not args.no_ledger:
        with tempfile.TemporaryDirectory() as tmp:
            t_large, t_empty = incremental_add(claims, articles, Path(tmp))
        rows += [("add one article: fusion up to date, large ledger", t_large)]
        rows += [("add one article: fusion up to date, empty ledger", t_empty)]
    width = max(len(r[0]) for r in rows)
    print(f"{'step':<{width}}  seconds")
    for name, secs in rows:
        print(f"{name:<{width}}  {secs:7.2f}")
    print(
        f"claims={len(claims)} tracked={len(result.tracked)} checks={len(result.checks)} "
        f"origins={len(result.origins)} stories={args.stories}"
    )
    ratio = f" incremental/empty={t_large / t_empty:.2f}" if t_large is not None and t_empty else ""
    print(f"fusion/load={t_fuse / t_load:.2f}{ratio} peak_mb={peak_mb:.0f}")


if __name__ == "__main__":
    main()
