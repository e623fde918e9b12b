"""Parallel ingest: 2 local worker processes and a 2-worker Dask cluster against one process.

Builds N distinct articles from the example corpus (as bench/throughput.py does), writes them as
files, and times ``claimtrail.run.ingest`` of the folder into a fresh SQLite ledger: serially, with
``workers=2`` (a process pool) and on Dask (``--scheduler local``: a LocalCluster of 2
single-threaded worker processes, or the address of a running cluster). Each variant runs in a
fresh Python process, as a user's ``claimtrail ingest`` does, and its time is the whole ingest
call: the serial run's model loading, the pool's or the cluster's start-up and the workers' model
loading are all inside it (the imports of claimtrail itself are not, in any variant). One-time
work (the gazetteer index) is done before any timing. Variants alternate over ``--rounds`` rounds;
the best time of each counts. Every run must store the same claims.

Next to the wall time, each variant reports CPU seconds: of the calling process (reading,
language detection, writing, pickling, the Dask scheduler when local) and of the processes under
it (workers, fork server, nannies), or for a remote cluster what its workers say they used
(``resource.getrusage`` asked through ``client.run``). On a loaded machine the wall ratios mean
little; the CPU seconds show the overhead each variant adds to the serial run's work.

The last line is the speed-ups ``workers2/serial=R dask2/serial=R`` (higher is better; 2 is linear).

    python bench/parallel.py [--articles 312] [--rounds 1] [--scheduler local|tcp://HOST:PORT]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parent.parent
VARIANTS = {
    "serial": {"workers": 1},
    "workers2": {"workers": 2},
    "dask2": {"workers": 2, "scheduler": "local"},
}


def write_corpus(folder: Path, n: int) -> None:
    """N distinct copies of the example articles as text files."""
    from claimtrail.ingest.read import iter_inputs
    from claimtrail.model import Article

    base = [a.text for a in iter_inputs([str(ROOT / "examples" / "kursk")]) if isinstance(a, Article)]
    for i in range(n):
        text = f"{base[i % len(base)]}\n\nArchive copy {i} of the wire feed."
        (folder / f"a{i:05d}.txt").write_text(text, encoding="utf-8")


def run_sampled(command: list[str]) -> tuple[str, float]:
    """Run ``command``; its standard output, and the CPU seconds of every process under it (its
    workers, fork server, nannies), sampled from here every 0.1 s so the measured process runs no
    thread of its own (the last sample of a process that ended counts: at most 0.1 s is missed)."""
    seen: dict[int, float] = {}
    with tempfile.TemporaryFile("w+") as out:
        proc = subprocess.Popen(command, stdout=out, text=True)
        parent = psutil.Process(proc.pid)
        while proc.poll() is None:
            try:
                children = parent.children(recursive=True)
            except psutil.Error:
                break
            for child in children:
                try:
                    times = child.cpu_times()
                except psutil.Error:
                    continue
                seen[child.pid] = times.user + times.system
            time.sleep(0.1)
        if proc.wait() != 0:
            raise SystemExit(f"{' '.join(command)} failed with exit code {proc.returncode}")
        out.seek(0)
        return out.read(), sum(seen.values())


def remote_worker_cpu(scheduler: str) -> float:
    """CPU seconds the workers of a running Dask cluster have used so far, as they report it."""
    from distributed import Client

    def used() -> float:
        r = resource.getrusage(resource.RUSAGE_SELF)
        return r.ru_utime + r.ru_stime

    with Client(scheduler, timeout="10s") as client:
        return sum(client.run(used).values())


def run_one(variant: str, folder: str, db: str, scheduler: str, batch_size: int) -> dict[str, Any]:
    """One timed ingest in this (fresh) process; what the parent reads back as JSON."""
    from claimtrail.geo.build import ensure_index
    from claimtrail.run import ingest
    from claimtrail.settings import load_settings
    from claimtrail.store.ledger import open_ledger

    ensure_index()  # one-time work, outside the timing
    options: dict[str, Any] = dict(VARIANTS[variant])
    if "scheduler" in options:
        options["scheduler"] = scheduler
    remote = options.get("scheduler", "local") != "local"
    settings = load_settings(db=db, batch_size=batch_size)
    with open_ledger(settings.db) as ledger:
        before_remote = remote_worker_cpu(scheduler) if remote else 0.0
        r0 = resource.getrusage(resource.RUSAGE_SELF)
        t0 = time.perf_counter()
        ingest([folder], ledger, settings=settings, **options)
        seconds = time.perf_counter() - t0
        r1 = resource.getrusage(resource.RUSAGE_SELF)
        workers_cpu = remote_worker_cpu(scheduler) - before_remote if remote else None
        claims = sorted(c.claim_id for c in ledger.iter_claims())
    return {
        "seconds": seconds,
        "main_cpu": (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime),
        "workers_cpu": workers_cpu,
        "claims": claims,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=312)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=1, help="alternating rounds; the best time counts")
    parser.add_argument("--scheduler", default="local", help="'local' or the address of a running cluster")
    parser.add_argument("--one", choices=sorted(VARIANTS), help=argparse.SUPPRESS)  # a child run
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.folder, args.db, args.scheduler, args.batch_size)))
        return
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in VARIANTS}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        write_corpus(folder, args.articles)
        for round_ in range(args.rounds):
            for name in VARIANTS:
                db = Path(tmp) / f"{name}-{round_}.db"
                command = [sys.executable, __file__, "--one", name, "--folder", str(folder), "--db", str(db)]
                command += ["--scheduler", args.scheduler, "--batch-size", str(args.batch_size)]
                stdout, under = run_sampled(command)
                result = json.loads(stdout.strip().splitlines()[-1])
                if result["workers_cpu"] is None:
                    result["workers_cpu"] = under
                runs[name].append(result)
    serial_claims = runs["serial"][0]["claims"]
    best = {name: min(r["seconds"] for r in results) for name, results in runs.items()}
    print(
        f"{'variant':<9} {'best s':>7} {'rounds s':>16} {'art/s':>6} {'main cpu':>9} {'workers cpu':>12}  claims"
    )
    for name, results in runs.items():
        same = all(r["claims"] == serial_claims for r in results)
        last = results[-1]
        rounds = " ".join(f"{r['seconds']:.2f}" for r in results)
        print(
            f"{name:<9} {best[name]:7.2f} {rounds:>16} "
            f"{args.articles / best[name]:6.1f} {last['main_cpu']:9.2f} {last['workers_cpu']:12.2f}  "
            f"{len(last['claims'])} {'same claims' if same else 'DIFFERENT CLAIMS'}"
        )
    print(f"articles={args.articles} batch={args.batch_size} rounds={args.rounds} scheduler={args.scheduler}")
    w, d = best["serial"] / best["workers2"], best["serial"] / best["dask2"]
    print(f"workers2/serial={w:.2f} dask2/serial={d:.2f}")


if __name__ == "__main__":
    main()
