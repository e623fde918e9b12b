"""Parallel ingest: 2 local worker processes and a 2-worker Dask cluster against one process.

Builds N distinct articles from the example corpus (as bench/throughput.py does), writes them as
files, and times ``claimtrail.run.ingest`` of the folder into a fresh SQLite ledger, in the same
process: serially, with ``workers=2`` (a spawned process pool) and on Dask (``--scheduler local``:
a LocalCluster of 2 single-threaded worker processes, or the address of a running cluster). Each
time is the whole call, start-up of the pool or cluster and model loading included, as a user
sees it. Every run must store the same claims. The last line is the speed-ups
``workers2/serial=R dask2/serial=R`` (higher is better; 2 is linear).

    python bench/parallel.py [--articles 312] [--scheduler local|tcp://HOST:PORT]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from claimtrail.ingest.read import iter_inputs
from claimtrail.model import Article
from claimtrail.nlp.pipeline import load_pipeline
from claimtrail.run import ingest
from claimtrail.settings import load_settings
from claimtrail.store.ledger import open_ledger

ROOT = Path(__file__).resolve().parent.parent


def write_corpus(folder: Path, n: int) -> None:
    """N distinct copies of the example articles as text files."""
    base = [a.text for a in iter_inputs([str(ROOT / "examples" / "kursk")]) if isinstance(a, Article)]
    for i in range(n):
        text = f"{base[i % len(base)]}\n\nArchive copy {i} of the wire feed."
        (folder / f"a{i:05d}.txt").write_text(text, encoding="utf-8")


def timed(run: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    run()
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=312)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--scheduler", default="local", help="'local' or the address of a running cluster")
    args = parser.parse_args()
    load_pipeline()  # the serial run's model loaded outside the timing, as in a long-running process
    times: dict[str, float] = {}
    claims: dict[str, set[str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        write_corpus(folder, args.articles)
        runs = {
            "serial": {"workers": 1},
            "workers2": {"workers": 2},
            "dask2": {"workers": 2, "scheduler": args.scheduler},
        }
        for name, options in runs.items():
            settings = load_settings(db=str(Path(tmp) / f"{name}.db"), batch_size=args.batch_size)
            with open_ledger(settings.db) as ledger:
                times[name] = timed(lambda: ingest([str(folder)], ledger, settings=settings, **options))  # noqa: B023
                claims[name] = {c.claim_id for c in ledger.iter_claims()}
    for name, seconds in times.items():
        same = "same claims" if claims[name] == claims["serial"] else "DIFFERENT CLAIMS"
        print(
            f"{name:<9} {seconds:7.2f} s  {args.articles / seconds:6.1f} articles/s  {len(claims[name])} claims, {same}"
        )
    print(f"articles={args.articles} batch={args.batch_size} scheduler={args.scheduler}")
    w, d = times["serial"] / times["workers2"], times["serial"] / times["dask2"]
    print(f"workers2/serial={w:.2f} dask2/serial={d:.2f}")


if __name__ == "__main__":
    main()
