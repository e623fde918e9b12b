"""Extraction spread over processes: a local process pool or a Dask cluster.

Per-article work is a pure function of the articles and the settings (``worker.extract_chunk``), so
it is shipped to workers as is; local workers are forks of a server that loaded the pipeline once
(``workserver.py``), remote Dask workers load it once each; each sends back only
the claims (``worker.extract_compact``: the caller holds the articles and pairs them again). Results come back in
input order and only a few batches are in flight at a time, so memory stays flat however long the
input stream is. All writes stay in the calling process (one writer, one transaction per batch of articles).

Workers never outlive the run and a dead worker never ends it:

- a pool worker dies with the calling process: on Linux the kernel sends it SIGKILL when its parent
  (the server it was forked from, which ends with the caller) dies (``prctl(PR_SET_PDEATHSIG)``),
  and everywhere a watchdog thread ends it once its parent pid changes or the caller is gone;
- SIGTERM to the parent kills the workers, then ends the run with exit code 143 (articles already
  stored stay stored; each is its own transaction);
- when a worker dies (killed, out of memory, a crash in native code) the pool breaks; the batches
  it took down are retried once in a fresh pool, and a batch taken down twice is retried article by
  article on a pool of its own, where an article that kills its worker again is recorded as a
  failure ("worker process died while extracting") and the run goes on;
- on Dask, the scheduler already retries a lost worker's tasks; a task that still fails (an error,
  or ``KilledWorker``) becomes one failure per article of its batch.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import wait as wait_futures
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import chain, islice
from types import FrameType
from typing import Any, Protocol

from .errors import InputError
from .model import Article, Failure
from .nlp.pipeline import load_pipeline
from .settings import Settings
from .worker import Compact, Result, extract_compact, rejoin
from .workserver import worker_context

SCHEDULER_SCHEMES = ("tcp://", "tls://", "ucx://", "inproc://")

WORKER_DIED = "worker process died while extracting"

PR_SET_PDEATHSIG = 1  # linux/prctl.h
WATCHDOG_SECONDS = 0.5  # how often a worker checks that its parent is still there

#: Articles per task sent to a worker: the last task of a run is what one worker may still do while
#: the others have finished, so tasks are small; the parse costs the same per article from 2 up.
TASK_ARTICLES = 4
#: While the workers start, the caller reads ahead up to this many times the tasks kept in flight.
READ_AHEAD = 4
#: Dask tasks are larger: each costs a round trip through the scheduler.
DASK_TASK_ARTICLES = 8

#: Dask settings while this run's own local cluster runs: workers forked from the server that
#: loaded the model (``workserver``), and no stack profiler sampling each worker every 10 ms nor
#: 20 ms event-loop ticks spending CPU the parse needs (the run never reads either); the nannies
#: (in this process) check their worker's memory every 500 ms instead of 100 ms. The scheduler
#: (in this process too) neither steals work (the run keeps only a few equal tasks in flight, in
#: order) nor runs the active memory manager (no task result is ever replicated), and the system
#: monitors of scheduler, nannies and workers sample every 2 s, without disk counters.
LOCAL_DASK_CONFIG = {
    "distributed.worker.multiprocessing-method": "forkserver",
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "500ms",
    "distributed.worker.memory.monitor-interval": "500ms",
    "distributed.admin.system-monitor.gil.enabled": False,
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.admin.system-monitor.disk": False,
    "distributed.scheduler.work-stealing": False,
    "distributed.scheduler.active-memory-manager.start": False,
}


# -- in the worker ---------------------------------------------------------------------------------
def _warm(model: str, parent_pid: int | None = None) -> None:
    """Worker start-up: tie the worker's life to the calling process, then load the pipeline once,
    before the first batch arrives (at once when the fork server preloaded it)."""
    if parent_pid is not None:
        die_with_parent(parent_pid)
    load_pipeline(model)


def die_with_parent(parent_pid: int) -> None:
    """End this process as soon as ``parent_pid`` (the calling process) is gone.

    The worker's own parent is the calling process, or the fork server it started, which ends
    when the calling process does. Two means, because a worker may be deep in native code when it
    happens: the kernel's parent-death signal on Linux, and a daemon thread that watches both the
    parent pid and the calling process (any platform)."""
    _ask_kernel_for_parent_death_signal()
    parent = os.getppid()
    orphaned = parent != parent_pid and parent == 1  # the fork server died before the signal was asked
    if orphaned or not _alive(parent_pid):
        os._exit(1)
    threading.Thread(
        target=_watch_parent, args=(parent, parent_pid), name="claimtrail-watchdog", daemon=True
    ).start()


def _alive(pid: int) -> bool:
    """Whether process ``pid`` still runs. A zombie (dead, not yet reaped by its parent) does not:
    the calling process killed with SIGKILL stays one until whoever started it waits for it."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[-1].split()[0] not in (b"Z", b"X")
    except FileNotFoundError:
        return False
    except (OSError, IndexError):  # no /proc here: ask the kernel
        pass
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, PermissionError):  # gone, or the pid now belongs to someone else
        return False
    return True


def _ask_kernel_for_parent_death_signal() -> None:
    """Linux: SIGKILL this process when its parent dies. Elsewhere, or without libc, nothing."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)


def _watch_parent(parent: int, caller: int) -> None:
    """The watchdog thread: end the process once its parent changed or the calling process is gone."""
    while os.getppid() == parent and (caller == parent or _alive(caller)):
        time.sleep(WATCHDOG_SECONDS)
    os._exit(1)


# -- in the parent ---------------------------------------------------------------------------------
def _failures(articles: list[Article], reason: str) -> list[Result]:
    """One failure per article of a batch that could not be extracted."""
    return [Failure(a.source_path or a.url or a.article_id, reason) for a in articles]


# Set by the SIGTERM handler: the run ends with exit code 143 at the next result even when the
# handler's own SystemExit was lost (a signal handler that raises inside a finalizer such as a
# ``__del__`` only gets its exception printed as "Exception ignored", and the run would go on).
_SIGTERM_SEEN = threading.Event()
SIGTERM_EXIT = 128 + signal.SIGTERM


@contextlib.contextmanager
def _stop_on_sigterm(stop: Callable[[], None]) -> Iterator[None]:
    """While the block runs, SIGTERM calls ``stop`` (kill the workers) and ends the process with
    exit code 143, no traceback. Only the main thread can own a signal handler: elsewhere, nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.getsignal(signal.SIGTERM)
    _SIGTERM_SEEN.clear()

    def on_sigterm(signum: int, _frame: FrameType | None) -> None:
        signal.signal(signal.SIGTERM, previous)  # a second SIGTERM ends the process at once
        _SIGTERM_SEEN.set()
        stop()
        sys.stderr.write("claimtrail: stopped by SIGTERM; the articles stored so far are kept\n")
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, on_sigterm)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _exit_if_stopped() -> None:
    """End the run (exit code 143) once SIGTERM was seen, whatever became of the handler's exit."""
    if _SIGTERM_SEEN.is_set():
        raise SystemExit(SIGTERM_EXIT)


def _until_stopped(results: Iterator[Result]) -> Iterator[Result]:
    """``results`` until SIGTERM is seen; then the run ends at the next result."""
    for result in results:
        _exit_if_stopped()
        yield result
    _exit_if_stopped()


class _Pool:
    """A process pool (workers forked from the ``workserver``) that can be killed at once and
    replaced when a worker dies."""

    def __init__(self, settings: Settings, workers: int) -> None:
        self.settings = settings
        self.workers = workers
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=worker_context(self.settings.model),  # forked from a server: no lock inherited mid-use
            initializer=_warm,
            initargs=(self.settings.model, os.getpid()),
        )

    def start_workers(self) -> threading.Event:
        """Start the worker processes on a thread of their own; the event is set once they run.
        Their server may still be loading the model: the caller reads its inputs meanwhile."""
        started = threading.Event()

        def start() -> None:
            with contextlib.suppress(BrokenProcessPool, RuntimeError):  # killed or shut down meanwhile
                for _ in range(self.workers):
                    self.executor.submit(int)  # a trivial task: each one starts a process
            started.set()

        threading.Thread(target=start, name="claimtrail-pool-start", daemon=True).start()
        return started

    def submit(self, articles: list[Article]) -> Future[list[Compact]]:
        """The batch's future (claims only: ``worker.extract_compact``); on a pool already broken
        by a dead worker, a future that failed with ``BrokenProcessPool``, so the batch is
        recovered with the others that pool lost."""
        try:
            return self.executor.submit(
                extract_compact, articles, self.settings.model, self.settings.batch_size
            )
        except BrokenProcessPool as exc:
            lost: Future[list[Compact]] = Future()
            lost.set_exception(exc)
            return lost

    def kill(self) -> None:
        """Kill every worker now and drop the queued work (a broken or abandoned pool)."""
        for process in list((self.executor._processes or {}).values()):
            with contextlib.suppress(OSError, ValueError):
                process.kill()
        self.executor.shutdown(wait=False, cancel_futures=True)

    def restart(self, settling: list[Future] | None = None) -> None:
        """Kill this pool's workers and start fresh ones; first let the futures of ``settling``
        (the broken pool's work) take their final state, so lost and finished work can be told apart.
        Never after SIGTERM: the workers were killed to end the run, not lost."""
        _exit_if_stopped()
        self.kill()
        if settling:
            wait_futures(settling, timeout=10)
        self.executor = self._start()

    def close(self) -> None:
        """Wait for the workers to finish their work and end (the run went to its end)."""
        self.executor.shutdown(wait=True)


@dataclass
class _Batch:
    """A batch in flight: its articles, its future (None: to be run article by article) and how
    often a dying worker took it down."""

    articles: list[Article]
    future: Future[list[Compact]] | None
    broken: int = 0


def _lost(future: Future[list[Compact]]) -> bool:
    """The future ended because its pool broke (a worker died), not with a result of its own."""
    if not future.done() or future.cancelled():
        return True
    return isinstance(future.exception(), BrokenProcessPool)


def _tasks(batches: Iterable[list[Article]], size: int) -> Iterator[list[Article]]:
    """The batches cut into tasks of at most ``size`` articles, in order."""
    for batch in batches:
        for start in range(0, len(batch), size):
            yield batch[start : start + size]


def _depth(workers: int, settings: Settings, task_size: int) -> int:
    """How many tasks to keep in flight: two batches' worth of articles per worker."""
    return 2 * max(1, workers) * max(1, -(-settings.batch_size // task_size))


def pool_map(batches: Iterable[list[Article]], settings: Settings, *, workers: int) -> Iterator[Result]:
    """Extraction on ``workers`` local processes, results in input order, at most two batches per
    worker in flight, sent as tasks of ``TASK_ARTICLES`` articles (so the workers end a run
    together). See the module docstring for what happens when a worker or the parent dies."""
    pools = [_Pool(settings, workers)]  # the main pool, then one for article-by-article retries
    finished = False

    def kill_all() -> None:
        for p in pools:
            p.kill()

    try:
        with _stop_on_sigterm(kill_all):
            tasks = _tasks(batches, TASK_ARTICLES)
            depth = _depth(workers, settings, TASK_ARTICLES)
            yield from _until_stopped(_pool_results(tasks, pools, depth=depth))
        finished = True
    finally:
        for p in pools:
            p.close() if finished else p.kill()


def _pool_results(source: Iterator[list[Article]], pools: list[_Pool], depth: int) -> Iterator[Result]:
    """The loop of ``pool_map``: keep ``depth`` batches in flight, yield results in order, recover
    the batches a dying worker took down."""
    pool = pools[0]
    pending: deque[_Batch] = deque()

    # Read while the workers start (their server may still be loading the model), until they run
    # or READ_AHEAD times the tasks kept in flight are read; these go first.
    started = pool.start_workers()
    ahead: deque[list[Article]] = deque()
    while not started.is_set() and len(ahead) < READ_AHEAD * depth:
        if (task := next(source, None)) is None:
            break
        ahead.append(task)
    source = chain(ahead, source)

    def fill() -> None:
        while len(pending) < depth and (articles := next(source, None)) is not None:
            pending.append(_Batch(articles, pool.submit(articles)))

    fill()
    while pending:
        batch = pending.popleft()
        if batch.future is None:
            if len(pools) == 1:
                pools.append(_Pool(pool.settings, 1))
            yield from _article_by_article(batch.articles, pools[1])
        else:
            try:
                results = rejoin(batch.articles, batch.future.result())
            except BrokenProcessPool:
                stranded = [batch, *pending]
                pending.clear()
                pending.extend(_retry_stranded(stranded, pool))
                continue
            except Exception as exc:  # noqa: BLE001 - e.g. a result that cannot be unpickled
                results = _failures(batch.articles, f"extraction failed: {exc}")
            yield from results
        fill()


def _retry_stranded(stranded: list[_Batch], pool: _Pool) -> list[_Batch]:
    """After a worker died: a fresh pool; the batches the broken pool lost go to it (a first loss)
    or are marked for article-by-article extraction (a second loss); finished ones keep results."""
    pool.restart(settling=[b.future for b in stranded if b.future is not None])
    for batch in stranded:
        if batch.future is None or not _lost(batch.future):
            continue
        batch.broken += 1
        batch.future = pool.submit(batch.articles) if batch.broken < 2 else None
    return stranded


def _article_by_article(articles: list[Article], pool: _Pool) -> Iterator[Result]:
    """A batch that was lost twice, one article at a time on a pool of its own: an article that
    kills its worker once more is recorded as a failure, the others are extracted."""
    for article in articles:
        try:
            yield from rejoin([article], pool.submit([article]).result())
        except BrokenProcessPool:
            pool.restart()
            yield from _failures([article], WORKER_DIED)
        except Exception as exc:  # noqa: BLE001 - reported as a failure, the run goes on
            yield from _failures([article], f"extraction failed: {exc}")


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
    ``workers`` single-threaded worker processes (forked from a server that preloaded
    ``distributed`` and the pipeline, as pool workers are: ``worker_context``)."""
    check_scheduler(scheduler)
    import dask  # a declared dependency, slow to import: on use
    from distributed import Client, LocalCluster

    tasks: Iterator[list[Article]] = _tasks(batches, DASK_TASK_ARTICLES)
    with contextlib.ExitStack() as stack:
        cluster = None
        try:
            if scheduler == "local":
                worker_context(settings.model, preload=("distributed",))
                # read the first tasks while the fork server loads the model (as pool_map does)
                tasks = chain(list(islice(tasks, _depth(workers, settings, DASK_TASK_ARTICLES))), tasks)
                stack.enter_context(dask.config.set(LOCAL_DASK_CONFIG))
                cluster = LocalCluster(
                    n_workers=max(1, workers),
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    # the cluster's own log lines (a heartbeat that timed out on a busy machine,
                    # workers killed at the end) are not the user's business: failures are
                    # reported as failures
                    silence_logs=logging.CRITICAL,
                )
                client = Client(cluster)
            else:
                client = Client(scheduler, timeout="10s")
        except OSError as exc:
            raise InputError(
                "--scheduler", f"cannot reach the Dask scheduler at {scheduler}: {exc}"
            ) from None
        stack.callback(_close_dask, client, cluster)
        stack.enter_context(_stop_on_sigterm(lambda: _close_dask(client, cluster)))
        yield from _until_stopped(_dask_results(client, tasks, settings, workers))


def _close_dask(client: Any, cluster: Any) -> None:
    """Close the client, then the local cluster if this run started one (never raises)."""
    with contextlib.suppress(Exception):
        client.close(timeout=5)
    if cluster is not None:
        with contextlib.suppress(Exception):
            cluster.close(timeout=5)


def _dask_results(
    client: Any, tasks: Iterator[list[Article]], settings: Settings, workers: int
) -> Iterator[Result]:
    """Warm every worker (load the pipeline once), then run the tasks, results in input order."""
    client.run(_warm, settings.model)
    n = max(1, len(client.scheduler_info().get("workers", {})) or workers)
    submitted = (
        (
            task,
            client.submit(extract_compact, task, settings.model, settings.batch_size, pure=False, retries=1),
        )
        for task in tasks
    )
    yield from _dask_in_order(submitted, depth=_depth(n, settings, DASK_TASK_ARTICLES))


class _Outcome(Protocol):
    """A submitted task's handle (a Dask future): its result, or the error that ended it."""

    def result(self) -> list[Compact] | list[Result]: ...


def _dask_in_order(submitted: Iterator[tuple[list[Article], _Outcome]], depth: int) -> Iterator[Result]:
    """Results of Dask futures in submission order, at most ``depth`` batches in flight; a task
    that fails for good (after the scheduler's own retries) is one failure per article."""
    pending: deque[tuple[list[Article], _Outcome]] = deque()

    def results_of(articles: list[Article], future: _Outcome) -> list[Result]:
        try:
            return rejoin(articles, future.result())
        except Exception as exc:  # noqa: BLE001 - KilledWorker, a task error: the run goes on
            return _failures(articles, f"extraction failed on the Dask cluster: {type(exc).__name__}: {exc}")

    for item in submitted:
        pending.append(item)
        if len(pending) >= depth:
            yield from results_of(*pending.popleft())
    while pending:
        yield from results_of(*pending.popleft())
