"""A real Dask cluster, started as a user starts one on several hosts (``dask scheduler`` and
``dask worker`` processes, here on 127.0.0.1), extracts exactly the claims a serial run extracts,
and an ingest through it stores exactly the serial ledger's claims (issue 13, item 2)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import claimtrail
from claimtrail.contract.claims import claim_to_json
from claimtrail.ingest.read import iter_inputs
from claimtrail.model import Article
from claimtrail.run import extract_batches, ingest
from claimtrail.settings import load_settings
from claimtrail.store.ledger import open_ledger

ROOT = Path(__file__).resolve().parent.parent
TXT = ROOT / "examples" / "kursk" / "txt"
DASK = shutil.which("dask", path=str(Path(sys.executable).parent)) or shutil.which("dask")
pytestmark = pytest.mark.skipif(DASK is None, reason="the dask command is not installed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def cluster(tmp_path_factory) -> Iterator[str]:
    """``dask scheduler`` and ``dask worker`` (2 single-threaded processes) on 127.0.0.1; the
    workers import this checkout's claimtrail."""
    from distributed import Client

    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": str(Path(claimtrail.__file__).resolve().parents[1])}
    logs = tmp_path_factory.mktemp("dask")
    commands = [
        [str(DASK), "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
        [str(DASK), "worker", address, "--nworkers", "2", "--nthreads", "1", "--no-dashboard"],
    ]
    processes = []
    try:
        for i, command in enumerate(commands):
            log = (logs / f"{i}.log").open("w")
            processes.append(
                subprocess.Popen(
                    command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
                )
            )
            time.sleep(1.0 if i == 0 else 0)
        with Client(address, timeout="60s") as client:
            client.wait_for_workers(2, timeout=120)
        yield address
    finally:
        for process in reversed(processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def _claims(results) -> list[tuple[str, list[dict]]]:
    return [(article.article_id, [claim_to_json(c) for c in claims]) for article, claims in results]


def test_a_scheduler_and_worker_processes_extract_exactly_the_serial_claims(cluster):
    articles = [a for a in iter_inputs([str(TXT)]) if isinstance(a, Article)][:8]
    batches = [articles[:3], articles[3:6], articles[6:]]
    settings = load_settings(batch_size=4)
    serial = _claims(extract_batches(batches, settings))
    on_cluster = _claims(extract_batches(batches, settings, scheduler=cluster))
    assert on_cluster == serial
    assert sum(len(c) for _, c in serial) > 20


def test_an_ingest_through_the_cluster_stores_the_serial_ledger(cluster, tmp_path):
    stored = {}
    for name, scheduler in (("serial", None), ("cluster", cluster)):
        settings = load_settings(db=str(tmp_path / f"{name}.db"), batch_size=3)
        with open_ledger(settings.db) as ledger:
            report = ingest([str(TXT)], ledger, settings=settings, scheduler=scheduler, workers=2)
            assert report.failures == []
            stored[name] = [claim_to_json(c) for c in ledger.iter_claims()]
    assert stored["cluster"] == stored["serial"] and len(stored["serial"]) > 50
