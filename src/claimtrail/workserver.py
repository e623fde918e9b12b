"""The server that worker processes are forked from, with the pipeline loaded once.

Starting a worker used to mean a fresh interpreter that imports spaCy and claimtrail and loads the
model: about 2 s of CPU per worker, paid again for every pool. Instead, the workers of a process
pool (``--workers N``) and of a local Dask cluster (``--scheduler local``) are forks of one
server process (multiprocessing's "forkserver" start method) that has imported claimtrail and
loaded the pipeline (``claimtrail.preload``): every worker starts at once, with the model shared
copy-on-write. The server is one per calling process, started when an ingest begins, and loads
while the caller reads its first inputs; later pools (a pool replaced after a worker died, the
next run of a long-running process) fork from the same server.

Two ways to start the server:

- **a fork of the calling process**, when that is safe: Linux, the caller runs no other Python
  thread, has no gazetteer database open, and the standard library's fork server is the one this
  code knows (Python 3.11 to 3.13). The caller has imported spaCy and claimtrail already, so the
  server only loads the model (about 1 s instead of 2). Nothing else of the caller is used in it:
  it ends with ``os._exit``, running no exit handler of the caller's objects.
- otherwise **a fresh interpreter** (the standard library's way), which imports and loads all.

Either way the calling process never loads the model itself. Where there is no fork server
(Windows), workers are spawned and each loads the model.
"""

from __future__ import annotations

import inspect
import multiprocessing
import os
import socket
import sys
import threading
import warnings
from multiprocessing import connection, forkserver, resource_tracker, util
from multiprocessing.context import BaseContext
from typing import Any, NoReturn

#: The module the server imports before forking workers (it loads the pipeline), and the
#: environment variable that tells it which model.
PRELOAD_MODULE = "claimtrail.preload"
MODEL_ENV = "CLAIMTRAIL_WORKER_MODEL"

_LOCK = threading.Lock()

# What the fork-of-the-caller start relies on in the standard library's fork server.
_SERVER_FIELDS = {"_forkserver_address", "_forkserver_alive_fd", "_forkserver_pid", "_lock"}
_MAIN_PARAMETERS = ("listener_fd", "alive_r", "preload", "main_path", "sys_path")


def prepare_workers(model: str, *, workers: int = 1, scheduler: str | None = None) -> None:
    """Start the worker server for a run with ``workers`` processes or a local Dask cluster, now:
    call it before the run starts threads of its own (a writer, a progress bar), so the server can
    be a fork of this process. Nothing for a serial run or a remote cluster."""
    if scheduler == "local":
        import distributed  # noqa: F401 - imported here first, so the fork server has it too

        worker_context(model, preload=("distributed",))
    elif scheduler is None and workers > 1:
        worker_context(model)


def worker_context(model: str, preload: tuple[str, ...] = ()) -> BaseContext:
    """The multiprocessing context workers start from: the fork server, started now if it is not
    running, with claimtrail and the pipeline of ``model`` loaded in it (``preload`` names more
    modules it imports first: ``distributed`` for Dask workers). A server already running keeps
    what it loaded (a worker imports what it lacks)."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    modules = [*preload, PRELOAD_MODULE]
    with _LOCK:
        context.set_forkserver_preload(modules)
        if not _fork_is_safe() or not _start_as_fork(model, modules):
            _start_as_interpreter(model)
    return context


def _fork_is_safe() -> bool:
    """Whether the server may be a fork of this process (see the module docstring)."""
    if not sys.platform.startswith("linux") or threading.active_count() != 1:
        return False
    if threading.current_thread() is not threading.main_thread():
        return False
    from .geo import gazetteer

    if getattr(gazetteer, "_DEFAULT", None) is not None:  # an open database must not cross a fork
        return False
    server = getattr(forkserver, "_forkserver", None)
    if server is None or not _SERVER_FIELDS <= vars(server).keys():
        return False
    return tuple(inspect.signature(forkserver.main).parameters) == _MAIN_PARAMETERS


def _stdlib_server() -> Any:
    """The standard library's fork server object (one per process)."""
    return vars(forkserver)["_forkserver"]


def _start_as_fork(model: str, modules: list[str]) -> bool:
    """Start the standard library's fork server as a fork of this process, unless one runs.
    Returns False when it could not be started so (the caller starts it the usual way)."""
    server = _stdlib_server()
    with server._lock:
        if server._forkserver_pid is not None:
            pid, _status = os.waitpid(server._forkserver_pid, os.WNOHANG)
            if not pid:
                return True  # running
            os.close(server._forkserver_alive_fd)  # it died: start another, as ensure_running does
            server._forkserver_address = server._forkserver_alive_fd = server._forkserver_pid = None
        resource_tracker.ensure_running()
        try:
            with socket.socket(socket.AF_UNIX) as listener:
                address = connection.arbitrary_address("AF_UNIX")  # type: ignore[attr-defined]
                listener.bind(address)
                if not util.is_abstract_socket_namespace(address):
                    os.chmod(address, 0o600)
                listener.listen()
                alive_r, alive_w = os.pipe()
                with warnings.catch_warnings():
                    # Python 3.12+ warns when the process has any other OS thread: here only native
                    # ones can exist (no Python thread: _fork_is_safe), such as OpenBLAS's pool,
                    # which re-creates itself in a fork (pthread_atfork).
                    warnings.simplefilter("ignore", DeprecationWarning)
                    pid = os.fork()
                if pid == 0:
                    _serve(listener.fileno(), alive_r, alive_w, model, modules)
                os.close(alive_r)
        except OSError:
            return False
        server._forkserver_address = address
        server._forkserver_alive_fd = alive_w
        server._forkserver_pid = pid
    return True


def _serve(listener_fd: int, alive_r: int, alive_w: int, model: str, modules: list[str]) -> NoReturn:
    """In the forked server: load the pipeline, fork workers on request until the caller ends (its
    end of the "alive" pipe closes), then leave without running any of the caller's exit handlers."""
    global _LOCK
    _LOCK = threading.Lock()  # held by the caller's thread when it forked: fresh ones here
    _stdlib_server()._lock = threading.Lock()
    code = 0
    try:
        os.close(alive_w)  # only the caller (and its workers) may hold it open
        os.environ[MODEL_ENV] = model
        forkserver.main(listener_fd, alive_r, modules)
    except SystemExit:
        pass
    except BaseException:  # noqa: BLE001 - nothing may escape into the caller's code in this fork
        code = 1
    finally:
        os._exit(code)


def _start_as_interpreter(model: str) -> None:
    """The standard library's start: a fresh interpreter imports the preload modules (no-op while
    a server runs). The model's name travels in the environment it inherits."""
    previous = os.environ.get(MODEL_ENV)
    os.environ[MODEL_ENV] = model
    try:
        forkserver.ensure_running()
    finally:
        if previous is None:
            os.environ.pop(MODEL_ENV, None)
        else:
            os.environ[MODEL_ENV] = previous
