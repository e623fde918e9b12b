"""Streaming ingest memory: N generated one-paragraph articles through ``--workers 2``.

Writes N short articles (templates of our own, every one distinct: its own place, figures and day)
one line at a time to a JSONL file, then runs ``claimtrail.run.ingest`` of that file into a fresh
SQLite ledger with 2 worker processes, the way ``claimtrail ingest big.jsonl --workers 2`` does.
Nothing holds the articles in memory: the file is written from a generator and the reader streams
it. A sampling thread records the resident memory of this process and of every process under it
(the pool's workers and their fork server) while the run goes on, and prints how the calling
process grew as the articles were stored (a flat line is the goal). The last line is
``articles=N peak_mb=M`` (M: the largest resident size of any one process, in MB; issue 13's goal
is 100,000 articles under 2,000 MB).

    python bench/streaming.py [--articles 100000] [--workers 2] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import psutil

from claimtrail.run import ingest
from claimtrail.settings import load_settings
from claimtrail.store.ledger import open_ledger
from claimtrail.workserver import prepare_workers

PLACES = ("Kharkiv", "Odesa", "Mykolaiv", "Zaporizhzhia", "Dnipro", "Sumy", "Kherson", "Poltava")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September")
TEMPLATES = (
    "Officials in {place} said on {month} {day} that {a:,} residents had left the district since "
    "the shelling began, and that about {b} buses would leave on Saturday. The regional governor "
    "told reporters that {c} people were wounded overnight.",
    "The air force said it shot down {c} of {a} drones launched at {place} overnight, according to "
    "a statement on {month} {day}. Local authorities reported {b} homes damaged.",
    "A military spokesman said some {a:,} troops had been moved toward {place} in {month}, citing "
    "intelligence reports. He estimated that {b} armoured vehicles and {c} artillery systems "
    "were destroyed in the fighting.",
)


def articles(n: int) -> Iterator[dict[str, str]]:
    """N distinct short articles as JSONL records, generated one at a time."""
    for i in range(n):
        text = TEMPLATES[i % len(TEMPLATES)].format(
            place=PLACES[(i // 3) % len(PLACES)],
            month=MONTHS[i % len(MONTHS)],
            day=1 + i % 28,
            a=1_000 + 7 * i,
            b=3 + i % 97,
            c=2 + (i * 13) % 89,
        )
        yield {
            "text": f"Update {i} from {PLACES[i % len(PLACES)]}\n\n{text}\n",
            "url": f"https://wire.example/updates/{i}",
            "published": f"2025-{1 + i % 9:02d}-{1 + i % 28:02d}",
            "outlet": "Example Wire",
        }


def write_jsonl(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for record in articles(n):
            fh.write(json.dumps(record) + "\n")


class MemorySampler:
    """Resident memory of this process and of each process under it, sampled on a thread."""

    def __init__(self, every: float = 0.5) -> None:
        self.every = every
        self.me = psutil.Process()
        self.peak_self = 0
        self.peak_child: dict[int, int] = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._loop, name="bench-memory", daemon=True)

    def _loop(self) -> None:
        while not self.stop.wait(self.every):
            self.sample()

    def sample(self) -> int:
        rss = self.me.memory_info().rss
        self.peak_self = max(self.peak_self, rss)
        for child in self.me.children(recursive=True):
            try:
                self.peak_child[child.pid] = max(self.peak_child.get(child.pid, 0), child.memory_info().rss)
            except psutil.Error:
                continue
        return rss

    def __enter__(self) -> MemorySampler:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", help="write the JSONL file and the ledger here (default: a temp dir)")
    args = parser.parse_args()
    mb = 1024 * 1024
    with tempfile.TemporaryDirectory() as tmp:
        where = Path(args.keep or tmp)
        where.mkdir(parents=True, exist_ok=True)
        source = where / "stream.jsonl"
        write_jsonl(source, args.articles)
        settings = load_settings(db=str(where / "stream.db"))
        print(f"{'articles':>9} {'seconds':>8} {'caller MB':>10}", flush=True)
        marks = {max(1, args.articles * k // 10) for k in range(1, 11)}
        growth: list[tuple[int, float, float]] = []
        done = 0
        t0 = time.perf_counter()
        # as the CLI does: the workers' server is started before any thread (here the sampler's)
        prepare_workers(settings.model, workers=args.workers)
        with MemorySampler() as sampler, open_ledger(settings.db) as ledger:

            def on_item(_status: str, _item: object) -> None:
                nonlocal done
                done += 1
                if done in marks:
                    growth.append((done, time.perf_counter() - t0, sampler.sample() / mb))
                    print(f"{done:>9} {growth[-1][1]:8.0f} {growth[-1][2]:10.0f}", flush=True)

            report = ingest([str(source)], ledger, settings=settings, workers=args.workers, on_item=on_item)
        seconds = time.perf_counter() - t0
    workers = sorted(peak / mb for peak in sampler.peak_child.values())
    print(
        f"added {report.articles_added}, failed {len(report.failures)}, {report.claims_added} claims; "
        f"{args.articles / seconds:.1f} articles/s; caller peak {sampler.peak_self / mb:.0f} MB; "
        f"processes under it peak {', '.join(f'{w:.0f}' for w in workers)} MB"
    )
    peak = max([sampler.peak_self / mb, *workers])
    print(f"articles={args.articles} peak_mb={peak:.0f}")


if __name__ == "__main__":
    main()
