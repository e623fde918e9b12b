"""Extraction spread over processes: a local process pool or a Dask cluster.

Per-article work is a pure function of the articles and the settings (``run.extract_chunk``), so it
is shipped to workers as is; each worker loads the pipeline once and keeps it. Results come back in
input order and only a few batches are in flight at a time, so memory stays flat however long the
input stream is. All writes stay in the calling process (one writer, one transaction per article).
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from .errors import InputError
from .model import Article, Claim, Failure
from .settings import Settings

Result = tuple[Article, list[Claim]] | Failure

SCHEDULER_SCHEMES = ("tcp://", "tls://", "ucx://", "inproc://")


def _warm(model: str) -> None:
    """Worker start-up: load the pipeline once, before the first batch arrives."""
    from .nlp.pipeline import load_pipeline

    load_pipeline(model)


def _in_order(futures: Iterator[Future], depth: int) -> Iterator[Result]:
    """Results of futures in submission order, with at most ``depth`` batches in flight."""
    pending: deque = deque()
    for fut in futures:
        pending.append(fut)
        if len(pending) >= depth:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def pool_map(batches: Iterable[list[Article]], settings: Settings, *, workers: int) -> Iterator[Result]:
    """Extraction on ``workers`` local processes (spawned, so no lock is inherited mid-use)."""
    from .run import extract_chunk

    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_warm, initargs=(settings.model,)
    ) as pool:
        futures = (pool.submit(extract_chunk, b, settings.model, settings.batch_size) for b in batches)
        yield from _in_order(futures, depth=2 * workers)


def check_scheduler(scheduler: str) -> None:
    """A scheduler option is "local" or an address with a scheme: refuse anything else early."""
    if scheduler != "local" and not scheduler.startswith(SCHEDULER_SCHEMES):
        raise InputError(
            "--scheduler", f"{scheduler!r} is neither 'local' nor an address such as tcp://10.0.0.5:8786"
        )


def dask_map(
    batches: Iterable[list[Article]], settings: Settings, *, scheduler: str, workers: int = 1
) -> Iterator[Result]:
    """Extraction on a Dask cluster: an existing scheduler, or "local" for a LocalCluster of
    ``workers`` single-threaded worker processes."""
    check_scheduler(scheduler)
    try:
        from distributed import Client, LocalCluster
    except ImportError:  # pragma: no cover - dask is a declared dependency
        raise InputError("--scheduler", "Dask is not installed: pip install 'dask[distributed]'") from None
    from .run import extract_chunk

    cluster = None
    try:
        if scheduler == "local":
            cluster = LocalCluster(
                n_workers=max(1, workers), threads_per_worker=1, processes=True, dashboard_address=None
            )
            client = Client(cluster)
        else:
            client = Client(scheduler, timeout="10s")
    except OSError as exc:
        raise InputError("--scheduler", f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    try:
        client.run(_warm, settings.model)
        depth = 2 * max(1, len(client.scheduler_info().get("workers", {})) or workers)
        futures = (
            client.submit(extract_chunk, b, settings.model, settings.batch_size, pure=False) for b in batches
        )
        yield from _in_order(futures, depth=depth)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
