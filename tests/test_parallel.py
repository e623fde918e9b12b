"""Extraction on a process pool and on a Dask cluster gives exactly the serial result."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimtrail.cli.main import app
from claimtrail.errors import InputError
from claimtrail.ingest.read import iter_inputs
from claimtrail.model import Article
from claimtrail.parallel import _alive, _tasks, check_scheduler
from claimtrail.run import extract_batches
from claimtrail.settings import load_settings
from claimtrail.workserver import worker_context

ROOT = Path(__file__).resolve().parent.parent
TXT = ROOT / "examples" / "kursk" / "txt"


@pytest.fixture(scope="module")
def batches() -> list[list[Article]]:
    articles = [a for a in iter_inputs([str(TXT)]) if isinstance(a, Article)][:6]
    assert len(articles) == 6
    return [articles[:3], articles[3:]]


def _ids(results) -> list[tuple[str, list[str]]]:
    return [(article.article_id, [c.claim_id for c in claims]) for article, claims in results]


@pytest.fixture(scope="module")
def serial(batches):
    return _ids(extract_batches(batches, load_settings(batch_size=4)))


def test_process_pool_matches_serial(batches, serial):
    pooled = _ids(extract_batches(batches, load_settings(batch_size=4), workers=2))
    assert pooled == serial
    assert sum(len(ids) for _, ids in serial) > 10


def test_dask_local_cluster_matches_serial(batches, serial):
    on_dask = _ids(extract_batches(batches, load_settings(batch_size=4), scheduler="local", workers=1))
    assert on_dask == serial


def test_bad_scheduler_is_refused(tmp_path):
    with pytest.raises(InputError, match="--scheduler"):
        check_scheduler("10.0.0.5:8786")
    result = CliRunner().invoke(
        app, ["ingest", str(TXT), "--db", str(tmp_path / "l.db"), "--scheduler", "nowhere"]
    )
    assert result.exit_code != 0 and "--scheduler" in result.output
    result = CliRunner().invoke(app, ["ingest", str(TXT), "--db", str(tmp_path / "l.db"), "--workers", "0"])
    assert result.exit_code != 0


def test_unreachable_scheduler_is_a_clear_error(batches):
    with pytest.raises(InputError, match="cannot reach"):
        list(extract_batches(batches, load_settings(), scheduler="tcp://127.0.0.1:9"))


def _explode(articles):
    raise RuntimeError("the task blew up")


def _no_claims(articles):
    return [(a, []) for a in articles]


def test_a_failed_dask_task_becomes_one_failure_per_article(batches):
    """A task that fails for good (after Dask's own retries) is a failure per article of its batch,
    the batches around it keep their results and their order."""
    from distributed import Client, LocalCluster

    from claimtrail.model import Failure
    from claimtrail.parallel import _dask_in_order

    good, bad = batches
    with (
        LocalCluster(n_workers=1, processes=False, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        submitted = [
            (good, client.submit(_no_claims, good)),
            (bad, client.submit(_explode, bad, retries=1)),
            (good, client.submit(_no_claims, good, pure=False)),
        ]
        results = list(_dask_in_order(iter(submitted), depth=2))
    assert [r[0].article_id for r in results[:3]] == [a.article_id for a in good]
    assert [r[0].article_id for r in results[6:]] == [a.article_id for a in good]
    failures = results[3:6]
    assert all(isinstance(f, Failure) for f in failures)
    assert [f.source for f in failures] == [a.source_path for a in bad]
    assert all(f.reason.endswith("RuntimeError: the task blew up") for f in failures)


def test_batches_are_cut_into_tasks_in_order(batches):
    tasks = list(_tasks(iter(batches), 2))
    assert [len(t) for t in tasks] == [2, 1, 2, 1]
    assert [a.article_id for t in tasks for a in t] == [a.article_id for b in batches for a in b]


def _pipelines_loaded() -> int:
    from claimtrail.nlp.pipeline import _load_pipeline

    return _load_pipeline.cache_info().currsize


def test_a_worker_starts_with_the_pipeline_loaded():
    """Workers are forks of the server that loaded the pipeline (claimtrail.preload)."""
    with ProcessPoolExecutor(1, mp_context=worker_context(load_settings().model)) as pool:
        assert pool.submit(_pipelines_loaded).result() >= 1


SERVER_PROBE = """
import json, os
from multiprocessing import forkserver
import psutil
from claimtrail.nlp.pipeline import _load_pipeline
from claimtrail.workserver import prepare_workers

prepare_workers("en_core_web_sm", workers=2)
server = psutil.Process(vars(forkserver)["_forkserver"]._forkserver_pid)
print(json.dumps({
    "parent": server.ppid(), "me": os.getpid(), "same_command": server.cmdline() == psutil.Process().cmdline(),
    "loaded_here": _load_pipeline.cache_info().currsize,
}))
"""


def test_the_server_is_a_fork_of_a_single_threaded_caller_which_never_loads_the_model():

    done = subprocess.run([sys.executable, "-c", SERVER_PROBE], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["parent"] == seen["me"] and seen["same_command"]  # forked, not a new interpreter
    assert seen["loaded_here"] == 0


def test_a_zombie_caller_counts_as_gone():
    """A caller killed with SIGKILL is a zombie until its own parent waits for it: workers end."""

    child = subprocess.Popen(["sleep", "0"])
    deadline = time.monotonic() + 30
    while _alive(child.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(child.pid)
    assert child.poll() == 0  # it was a zombie until now: not reaped before
    assert _alive(os.getpid())
