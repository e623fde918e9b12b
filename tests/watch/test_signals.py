"""`claimtrail watch` in its own process: SIGTERM and SIGINT end it cleanly after the round it is in."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from .pages import feed, item


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_ends_the_watch_between_rounds(site, tmp_path, sig):
    site.pages["/feed"] = feed(item(1))
    cmd = [sys.executable, "-m", "claimtrail.cli.main", "watch", site.base + "/feed", "--every", "1h"]
    env = {**os.environ, "CLAIMTRAIL_DB": str(tmp_path / "w.db")}
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        deadline = time.monotonic() + 120
        while not site.sent("/feed") and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        if not site.sent("/feed"):
            proc.kill()
            pytest.fail(f"the watch never polled (exit {proc.wait()}): {proc.communicate()[1][-2000:]}")
        time.sleep(1.0)  # let the round end and the wait for the next one begin
        proc.send_signal(sig)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "round " in out and "new article: Story 1" in out
    assert err == ""
