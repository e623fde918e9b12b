"""A full run's components fused in parallel worker processes.

Components are independent (``incremental``: every link fusion makes stays inside one), so a full
run can fuse them in several processes at once. The workers are forked once the components are
staged in the ledger (``state.stage``): each opens the ledger itself, reads the claims of the
components it is given by one query each (``state.component_claims``), fuses them and sends back
the stored form (``state.ComponentRow``: JSON text), which the calling process stores in the
order of the components, so the stored state is the one a serial run stores. Forking (not
spawning) shares the loaded word lists, gazetteer and code with the workers.

The number of workers: ``CLAIMTRAIL_FUSION_WORKERS`` or else the cores this process may run on, at
most ``MAX_WORKERS``; one worker, a ledger other processes cannot open (SQLite in memory), a
platform without ``fork``, a process running other threads, or fewer than ``MIN_CLAIMS`` claims
runs serially.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator
from typing import Any

from ..settings import env_positive_int
from ..store import fusion_state as state
from ..store.ledger import Ledger, open_ledger
from .stages import ArticleMeta

#: Default upper bound on worker processes (each holds one component at a time).
MAX_WORKERS = 4
#: Below this many claims a full run is serial (forking costs more than it saves).
MIN_CLAIMS = 20_000

#: Fuses one component: (its articles, its claims, their metadata) -> its stored row.
FuseOne = Callable[[list[str], list[Any], dict[str, ArticleMeta]], state.ComponentRow]

_worker: dict[str, Any] = {}  # in a worker: its ledger and the function fusing a component


def default_workers() -> int:
    """``CLAIMTRAIL_FUSION_WORKERS``, else the cores this process may use (at most ``MAX_WORKERS``)."""
    configured = env_positive_int("CLAIMTRAIL_FUSION_WORKERS", "worker processes")
    if configured is not None:
        return configured
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(MAX_WORKERS, cores))


def target_of(ledger: Ledger) -> str | None:
    """The URL a worker opens the same ledger by (password included), or None when another
    process cannot open it (SQLite in memory)."""
    url = ledger.engine.url
    if url.get_backend_name() == "sqlite" and (not url.database or url.database == ":memory:"):
        return None
    return url.render_as_string(hide_password=False)


def usable(ledger: Ledger, workers: int, claims: int) -> str | None:
    """The ledger's target when ``workers`` processes should fuse ``claims`` claims, else None
    (also when this process runs other threads, such as a web server's: a fork copies only the
    calling thread, and a lock another thread held would stay held in the workers)."""
    if workers < 2 or claims < MIN_CLAIMS or "fork" not in multiprocessing.get_all_start_methods():
        return None
    if threading.active_count() > 1:
        return None
    return target_of(ledger)


def fuse_all(
    target: str, groups: list[list[str]], fuse_one: FuseOne, workers: int
) -> Iterator[tuple[state.ComponentRow, int]]:
    """Each component of ``groups`` fused by ``fuse_one`` in ``workers`` forked processes reading
    the ledger at ``target``: its row and claim count, in the order of ``groups``."""
    context = multiprocessing.get_context("fork")
    with context.Pool(min(workers, len(groups)), initializer=_start, initargs=(target, fuse_one)) as pool:
        yield from pool.imap(_fuse, groups, chunksize=1)


def _start(target: str, fuse_one: FuseOne) -> None:
    """A worker's start: its own connection to the ledger (none is shared across the fork)."""
    _worker["ledger"] = open_ledger(target, create=False)
    _worker["fuse"] = fuse_one


def _fuse(members: list[str]) -> tuple[state.ComponentRow, int]:
    """One component read from the ledger and fused, in a worker."""
    ledger: Ledger = _worker["ledger"]
    claims = state.component_claims(ledger, "c:" + members[0])
    found = state.component_meta(ledger, "c:" + members[0])
    meta = {a: ArticleMeta(o, p) for a, (o, p) in found.items()}
    return _worker["fuse"](members, claims, meta), len(claims)
