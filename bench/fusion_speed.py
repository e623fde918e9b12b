"""Fusion speed and memory on synthetic claims (default 100,000 over 5,000 articles), measured
the way a ledger runs it. The claims are stored in a ledger (SQLite in a temporary folder, or
``--db URL``, e.g. PostgreSQL), then one fresh process measures: reading every claim from the
ledger (``fusion/load``'s load: what any fusion must at least do), a full run streamed component by
component and stored (``incremental.rebuild``), its peak resident memory (``peak_mb``), and adding
one article to that ledger against adding it to an empty ledger, incremental fusion state included
(``incremental/empty``).

``--stories K`` spreads the articles over K stories (each its own subjects, as a newsroom following
many stories has); with 1 every article may share a subject with every other, so the ledger is one
fusion component and an add re-fuses all of it (see docs/scale.md). Every killed, wounded or
casualties figure counts people (one subject, "person", whatever the story), so those figures join
all stories into one component; ``--no-tolls`` leaves them out, and the K stories are then K
independent components (which a full run fuses in parallel worker processes).
``--single-story N`` also measures incremental/empty on a one-story ledger of N claims (printed on
the line before the last). ``--in-memory`` runs the earlier measure instead: ``fuse`` over every
claim held in memory against decoding them. ``--reach`` prints what an exact add of the last article
would have to recompute in its story (see docs/scale.md).

    python bench/fusion_speed.py [--claims 100000] [--articles 5000] [--stories 1] [--no-tolls]
                                 [--single-story 30000]
                                 [--db URL] [--in-memory] [--reach]

Prints a table (the full run with the seconds of its steps: the topics with the first read of
every claim, the components' claims read again, fused and serialised, stored), the same ratios in
CPU seconds of the measuring process and of the full run's worker processes (``cpu: ...``, steadier
than wall time when other jobs share the machine), and a last line of ratios measured in the same run (reads and adds: the best of two):
``fusion/load=R incremental/empty=R peak_mb=N``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import zlib
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from claimtrail.contract.claims import claim_from_json
from claimtrail.fusion import ArticleMeta, fuse, incremental, parts, stages
from claimtrail.fusion.cluster import Key
from claimtrail.model import Article, Claim
from claimtrail.store.ledger import Ledger, open_ledger

ROUNDS = 2  # one-article adds and reads of every claim timed per ledger (the best counts)
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
    holding every other article (its state current), and to an empty ledger (in-memory mode)."""
    last = claims[-1].article_id
    rest = [c for c in claims if c.article_id != last]
    mine = [c for c in claims if c.article_id == last]
    seconds = []
    for name, before in (("large", rest), ("empty", [])):
        with open_ledger(str(folder / f"{name}.db")) as ledger:
            store(ledger, before, articles)
            incremental.sync(ledger)
            seconds.append(_timed_add(ledger, mine, articles)[0])
    return seconds[0], seconds[1]


def _timed_add(
    ledger: Ledger, mine: list[Claim], articles: dict[str, ArticleMeta], rounds: int = ROUNDS
) -> tuple[float, float]:
    """Store one article's claims and time bringing the fusion state up to date: the best of
    ``rounds`` (the article deleted and synced, untimed, between two), in wall and CPU seconds."""
    best, best_cpu = float("inf"), float("inf")
    for i in range(rounds):
        if i:
            ledger.delete_article(mine[0].article_id)
            incremental.sync(ledger)
        store(ledger, mine, articles)
        t0, c0 = time.perf_counter(), time.process_time()
        mode = incremental.sync(ledger)
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
        assert mode in ("incremental", "full"), mode
    return best, best_cpu


def stored_run(args: argparse.Namespace, folder: Path) -> dict[str, Any]:
    """The streaming measure: the N claims stored in a ledger (all but the last article), then,
    in a fresh child process (its peak memory is the run's own): reading every claim from the
    ledger, a full run (``incremental.rebuild``: stream, fuse and store component by component),
    adding the last article to that ledger and to an empty one."""
    lines, articles = synthetic(args.claims, args.articles, stories=args.stories)
    target = args.db or str(folder / "large.db")
    last = json.loads(lines[-1])["article_id"]
    mine: list[dict[str, object]] = []
    with open_ledger(target) as ledger:
        chunk: list[Claim] = []
        for line in lines:
            data = json.loads(line)
            if data["article_id"] == last:
                mine.append(data)
            else:
                chunk.append(claim_from_json(data))
            if len(chunk) >= 50_000:
                store(ledger, chunk, articles)
                chunk = []
        store(ledger, chunk, articles)
    del lines
    meta = articles[last]
    saved = {"article_id": last, "outlet": meta.outlet, "published": str(meta.published), "claims": mine}
    (folder / "mine.json").write_text(json.dumps(saved))
    command = [sys.executable, __file__, "--child", target, "--mine", str(folder / "mine.json")]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def child(args: argparse.Namespace) -> None:
    """The measured half of ``stored_run``, in its own process; prints its figures as JSON."""
    saved = json.loads(Path(args.mine).read_text())
    mine = [claim_from_json(c) for c in saved["claims"]]
    articles = {saved["article_id"]: ArticleMeta(saved["outlet"], date.fromisoformat(saved["published"]))}
    fuse(mine, articles)  # warm up: word lists, gazetteer, regexes (loaded once per process)
    with open_ledger(args.child) as ledger:
        next(iter(ledger.claims_for_fusion(batch=10)), None)
        t_load, c_load = float("inf"), float("inf")
        for _ in range(ROUNDS):  # the best of two reads: one read swings with the machine's load
            t0, c0 = time.perf_counter(), time.process_time()
            n = sum(1 for _ in ledger.claims_for_fusion())
            t_load = min(t_load, time.perf_counter() - t0)
            c_load = min(c_load, time.process_time() - c0)
        steps: dict[str, float] = {}
        t0, c0, k0 = time.perf_counter(), time.process_time(), _children_cpu()
        parts = incremental.rebuild(ledger, steps)
        t_full, c_full = time.perf_counter() - t0, time.process_time() - c0
        c_workers = _children_cpu() - k0  # the worker processes of the full run (reaped at its end)
        workers = _default_workers() if c_workers > 0 else 0
        # every process of the run: this one's peak and each worker's at most the largest worker's
        # (pages shared with this process after the fork are counted in each, so this is an upper bound)
        peak = (
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            + workers * resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        ) / 1024
        t_large, c_large = _timed_add(ledger, mine, articles)
    with open_ledger(str(Path(args.mine).with_suffix(".empty.db"))) as ledger:
        incremental.sync(ledger)
        t_empty, c_empty = _timed_add(ledger, mine, articles)
    figures = {"claims": n, "components": parts, "load": t_load, "full": t_full, "peak_mb": peak}
    figures |= {"workers": workers}
    cpu = {
        "load": c_load,
        "full": c_full + c_workers,
        "workers": c_workers,
        "large": c_large,
        "empty": c_empty,
    }
    print(json.dumps(figures | {"large": t_large, "empty": t_empty, "steps": steps, "cpu": cpu}))


def _default_workers() -> int:
    """How many workers a full run forks (``fusion/workers.py``; 0 for code without them)."""
    try:
        from claimtrail.fusion import workers
    except ImportError:
        return 0
    return workers.default_workers()


def _children_cpu() -> float:
    """CPU seconds of this process's reaped child processes (a full run's workers)."""
    times = os.times()
    return times.children_user + times.children_system


def reach(args: argparse.Namespace) -> None:
    """What an add of the last article must recompute in its component, exactly (docs/scale.md,
    "What an exact add must recompute"): the figures of the tracked quantities it joins, of those
    one link away (owners: same subject, event, unit and scope in any country; sums and cross
    contradictions: same subject, country, unit and incident for any event), and of the closure of
    those links; and how many widest-scope tracked quantities the add changes (their prints)."""
    lines, articles = synthetic(args.claims, args.articles, stories=args.stories)
    claims = load(lines)
    del lines
    last = claims[-1].article_id
    story = claims[-1].subject.normalized.rpartition("-")[2] if args.stories > 1 else ""
    mine = [c for c in claims if c.subject.normalized.endswith(story) or c.article_id == last]
    arts = {c.article_id for c in mine}
    meta = {a: articles[a] for a in arts}
    before = parts.fuse_parts([c for c in mine if c.article_id != last], meta, {}, known={})
    after = parts.fuse_parts(mine, meta, {}, known=before.prints)
    by = stages.by_article(mine)
    origins = stages.resolve_origins(by, meta)
    scoped = stages.scope_incidents(stages.read_items(by, meta, origins), by, origins)
    clusters = stages.cluster(scoped.items, mine)
    new = {it.key for it in scoped.items if it.claim.article_id == last}

    def linked(keys: set[Key]) -> set[Key]:
        owners = {(k.subject, k.event, k.unit, k.scope) for k in keys}
        sums = {(k.subject, k.country, k.unit, k.incident) for k in keys}
        return {
            k
            for k in clusters
            if (k.subject, k.event, k.unit, k.scope) in owners
            or (k.subject, k.country, k.unit, k.incident) in sums
        }

    closure, frontier = set(new), set(new)
    while frontier:
        frontier = linked(frontier) - closure
        closure |= frontier
    total = sum(len(v) for v in clusters.values())
    for name, keys in (("joins", new), ("one link away", new | linked(new)), ("closure", closure)):
        n = sum(len(clusters[k]) for k in keys if k in clusters)
        print(f"{name}: {n:,} figures of {total:,} ({n / total:.0%})")
    changed = {t.id for t in after.tracked} & set(after.prints)
    print(
        f"figures added={sum(1 for c in mine if c.article_id == last)} in {len(new)} tracked quantities; "
        f"widest-scope recomputed={len(changed)} of {len(after.prints)}"
    )


def in_memory(args: argparse.Namespace) -> None:
    """The earlier measure, everything in memory: decoding the claims against ``fuse`` over all of
    them (and an as-of run), then the one-article add on two SQLite ledgers."""
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
    with tempfile.TemporaryDirectory() as tmp:
        t_large, t_empty = incremental_add(claims, articles, Path(tmp))
    rows += [("add one article: fusion up to date, large ledger", t_large)]
    rows += [("add one article: fusion up to date, empty ledger", t_empty)]
    _table(rows)
    print(
        f"claims={len(claims)} tracked={len(result.tracked)} checks={len(result.checks)} "
        f"origins={len(result.origins)} stories={args.stories}"
    )
    print(
        f"fusion/load={t_fuse / t_load:.2f} incremental/empty={t_large / t_empty:.2f} peak_mb={peak_mb:.0f}"
    )


def _table(rows: list[tuple[str, float]]) -> None:
    width = max(len(r[0]) for r in rows)
    print(f"{'step':<{width}}  seconds")
    for name, secs in rows:
        print(f"{name:<{width}}  {secs:7.2f}")


def single_story(args: argparse.Namespace, folder: Path) -> float:
    """incremental/empty on a one-story ledger of ``--single-story`` claims (one component)."""
    sub = argparse.Namespace(**{**vars(args), "claims": args.single_story, "stories": 1, "db": None})
    sub.articles = max(2, args.articles * args.single_story // args.claims)
    (folder / "single").mkdir()
    figures = stored_run(sub, folder / "single")
    print(
        f"one story, {args.single_story:,} claims: add {figures['large']:.2f} s, empty {figures['empty']:.2f} s"
    )
    return figures["large"] / figures["empty"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--articles", type=int, default=5_000)
    parser.add_argument("--stories", type=int, default=1)
    parser.add_argument("--no-tolls", action="store_true", help="no killed, wounded or casualties figures")
    parser.add_argument("--db", help="ledger URL for the stored measure (default: a temporary SQLite file)")
    parser.add_argument(
        "--single-story", type=int, default=0, help="also measure a one-story ledger of N claims"
    )
    parser.add_argument("--in-memory", action="store_true", help="the earlier all-in-memory measure instead")
    parser.add_argument("--reach", action="store_true", help="what an exact add must recompute, instead")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--mine", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.no_tolls:
        EVENTS[:] = [e for e in EVENTS if e not in ("killed", "wounded", "casualties")]
    if args.child:
        return child(args)
    if args.in_memory:
        return in_memory(args)
    if args.reach:
        return reach(args)
    with tempfile.TemporaryDirectory() as tmp:
        f = stored_run(args, Path(tmp))
        single = single_story(args, Path(tmp)) if args.single_story else None
    _table(
        [
            (f"read {f['claims']:,.0f} claims from the ledger", f["load"]),
            (
                f"full run, streamed and stored ({f['components']:.0f} components, "
                f"{f.get('workers') or 1} process(es))",
                f["full"],
            ),
            *((f"  {step}", secs) for step, secs in f.get("steps", {}).items()),
            ("add one article: fusion up to date, large ledger", f["large"]),
            ("add one article: fusion up to date, empty ledger", f["empty"]),
        ]
    )
    if single is not None:
        print(f"single-story incremental/empty={single:.2f}")
    cpu = f["cpu"]  # CPU seconds of the measuring process: steadier than wall time on a shared machine
    print(
        f"cpu: fusion/load={cpu['full'] / cpu['load']:.2f} incremental/empty={cpu['large'] / cpu['empty']:.2f}"
        f" (full run {cpu['full']:.1f} s, of which workers {cpu.get('workers', 0.0):.1f} s; read {cpu['load']:.1f} s)"
    )
    ratios = f"fusion/load={f['full'] / f['load']:.2f} incremental/empty={f['large'] / f['empty']:.2f}"
    print(f"{ratios} peak_mb={f['peak_mb']:.0f}")


if __name__ == "__main__":
    main()
