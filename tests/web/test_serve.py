"""`claimtrail serve` starts uvicorn on 127.0.0.1 and serves the ledger it is given."""

from __future__ import annotations

import subprocess
import sys
import time

import httpx

from .conftest import free_port


def test_serve_command_serves_the_ledger(web_db):
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "claimtrail.cli.main", "serve", "--db", web_db, "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/articles", params={"limit": 1}, timeout=5)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stderr.read() if proc.stderr else "exited"
                assert time.monotonic() < deadline, "serve did not answer within 60 s"
                time.sleep(0.2)
        assert r.status_code == 200 and len(r.json()["items"]) == 1
        assert httpx.post(f"http://127.0.0.1:{port}/api/articles", json={"text": "x"}).status_code == 403
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_serve_refuses_a_bad_ledger(tmp_path):
    bad = tmp_path / "missing" / "ledger.db"
    proc = subprocess.run(
        [sys.executable, "-m", "claimtrail.cli.main", "serve", "--db", str(bad)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode != 0 and "does not exist" in proc.stderr
