"""A full run at volume (issue 13): the topics the writer stores when an article is written
(``store/topics.py``) are those a full run finds from the claims, a full run uses them instead of
reading every claim (not where the desk changed what fusion reads), a ledger written without them
gets them on its next full run, and components fused in worker processes give the stored state
a serial run gives, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from claimtrail import fusion
from claimtrail.fusion import incremental
from claimtrail.fusion import workers as pool
from claimtrail.store import fusion_state
from claimtrail.store.ledger import Ledger, open_ledger
from claimtrail.store.schema import article_topics

from .test_incremental_scale import _current, _full_copy, _pair, _scenario


def _stored_topics(ledger: Ledger) -> dict[str, list[str]]:
    with ledger._read() as conn:
        rows = conn.execute(select(article_topics.c.article_id, article_topics.c.topics)).all()
    return {a: json.loads(t) if isinstance(t, str) else list(t) for a, t in rows}


def _topic_reads(ledger: Ledger, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of articles whose claims a full run reads to find their topics (spied on)."""
    seen: list[str] = []
    real = fusion_state.claims_without_topics

    def spy(led: Ledger, tag: str, batch: int = 5000) -> Any:
        for c in real(led, tag, batch):
            seen.append(c.article_id)
            yield c

    monkeypatch.setattr(fusion_state, "claims_without_topics", spy)
    return seen


def _state(ledger: Ledger) -> list[Any]:
    """Every row of the stored fusion state but its stamp (an ingest time) and build times, in a
    fixed order."""
    with ledger._read() as conn:
        out: list[Any] = []
        for table, order in (
            ("fusion_topics", "topic, article_id"),
            ("fusion_articles", "article_id"),
            ("fusion_components", "component"),
            ("fusion_tracked", "tracked_id"),
        ):
            cols = "component, articles, claims, state" if table == "fusion_components" else "*"
            out.append([tuple(r) for r in conn.execute(text(f"SELECT {cols} FROM {table} ORDER BY {order}"))])
    return out


def test_the_writer_stores_the_topics_a_full_run_finds(tmp_path):
    pairs = [_pair(*row) for row in _scenario()]
    with open_ledger(str(tmp_path / "w.db")) as ledger:
        for pair in pairs:
            assert ledger.add_article(*pair)
        written = _stored_topics(ledger)
        assert written["m1"] == ["drone", "troop"]
        with ledger._read() as conn:  # the code's version and a digest of the data files
            versions = set(conn.scalars(select(article_topics.c.version)))
        assert versions == {incremental.topics_version()}
        assert incremental.topics_version().startswith(incremental.TOPICS_CODE + ".")
        assert written["k1"] == ["person", "~incident:geonames:706483"]
        incremental.rebuild(ledger, reuse_topics=False)
        found = fusion_state.topics_of(ledger, [p[0].article_id for p in pairs])
        assert {a: sorted(ts) for a, ts in found.items()} == written
        assert ledger.delete_article("m1")
        assert "m1" not in _stored_topics(ledger)


def test_a_full_run_reads_no_claim_for_stored_topics_and_finds_missing_ones(tmp_path, monkeypatch):
    pairs = [_pair(*row) for row in _scenario()]
    expected = _full_copy(pairs, tmp_path)
    with open_ledger(str(tmp_path / "r.db")) as ledger:
        for pair in pairs:
            assert ledger.add_article(*pair)
        with ledger.engine.begin() as conn:  # as a ledger written before version 7: two rows missing
            conn.execute(text("DELETE FROM article_topics WHERE article_id IN ('k2', 'm1')"))
            conn.execute(text("UPDATE article_topics SET version = 'old' WHERE article_id = 'd1'"))
        seen = _topic_reads(ledger, monkeypatch)
        assert incremental.rebuild(ledger) == 2
        assert sorted(set(seen)) == ["d1", "k2", "m1"]
        assert _current(ledger) == expected
        assert _stored_topics(ledger)["m1"] == ["drone", "troop"]  # stored for the next run
        seen.clear()
        incremental.rebuild(ledger)
        assert seen == []
        assert _current(ledger) == expected


def test_the_desk_makes_a_full_run_find_the_topics_again(tmp_path, monkeypatch):
    pairs = [_pair(*row) for row in _scenario()]
    with open_ledger(str(tmp_path / "d.db")) as ledger:
        ledger.user = "tester"
        for pair in pairs:
            assert ledger.add_article(*pair)
        victim = next(c.claim_id for c in ledger.claims() if c.article_id == "m1")
        ledger.desk.review(victim, "rejected", note="a misread", by="tester")
        seen = _topic_reads(ledger, monkeypatch)
        # m1's troop figure is rejected: it no longer joins troops and drones
        assert incremental.rebuild(ledger) == 3
        assert set(seen) == {"m1"}
        assert _stored_topics(ledger)["m1"] == ["drone", "troop"]  # the writer's row, not used
        assert _current(ledger) == _full_copy(pairs, tmp_path, {victim})
        ledger.desk.merge_source("NIS", "Pentagon", by="tester")
        seen.clear()
        incremental.rebuild(ledger)
        assert set(seen) == {p[0].article_id for p in pairs}  # a source action: every article read


@pytest.mark.parametrize("workers", [1, 2])
def test_components_fused_in_workers_store_the_serial_state(ledger_target, tmp_path, monkeypatch, workers):
    pairs = [_pair(*row) for row in _scenario()]
    with open_ledger(str(tmp_path / "serial.db")) as ledger:
        for pair in pairs:
            assert ledger.add_article(*pair)
        incremental.rebuild(ledger, workers=1)
        serial = _state(ledger)
    monkeypatch.setattr(pool, "MIN_CLAIMS", 0)
    used: list[str] = []
    real = pool.fuse_all

    def spy(target: str, *args: Any) -> Any:
        used.append(target)
        return real(target, *args)

    monkeypatch.setattr(pool, "fuse_all", spy)
    with open_ledger(ledger_target) as ledger:
        for pair in pairs:
            assert ledger.add_article(*pair)
        steps: dict[str, float] = {}
        assert incremental.rebuild(ledger, steps, workers=workers) == 2
        assert len(used) == (workers > 1)
        assert ("read+fuse" in steps) == (workers > 1)
        parallel = _state(ledger)
        assert _current(ledger) == _full_copy(pairs, tmp_path)
    if ledger_target.endswith(".db"):
        assert parallel == serial
    else:  # PostgreSQL returns JSON columns decoded: compare the same rows, the JSON as values
        assert [len(t) for t in parallel] == [len(t) for t in serial]
        assert [r[:2] for r in parallel[1]] == [r[:2] for r in serial[1]]


def test_a_ledger_in_memory_or_a_process_with_threads_is_fused_serially(monkeypatch, tmp_path):
    monkeypatch.setattr(pool, "MIN_CLAIMS", 0)
    with open_ledger(str(tmp_path / "t.db")) as ledger:
        assert pool.usable(ledger, 2, 10**6) is not None
        stop = threading.Event()
        other = threading.Thread(target=stop.wait)
        other.start()
        try:
            assert pool.usable(ledger, 2, 10**6) is None  # a fork would copy only this thread
        finally:
            stop.set()
            other.join()
    with open_ledger(":memory:") as ledger:
        assert pool.usable(ledger, 2, 10**6) is None
        for pair in [_pair(*row) for row in _scenario()]:
            assert ledger.add_article(*pair)
        assert incremental.rebuild(ledger, workers=2) == 2
        assert len(fusion.track(ledger)) > 0


def test_an_ingest_stores_each_article_s_topics(tmp_path):
    """The ingest's writer stores the topics even in a process that never imported fusion before
    (a fresh interpreter running the CLI)."""
    text_file = tmp_path / "report.txt"
    text_file.write_text(
        "SEOUL, November 4, 2024 - North Korea has sent about 10,000 troops to Russia, the Pentagon "
        "said on Monday. "
        "Officials in Seoul said 300 of them had been killed.\n"
    )
    db = tmp_path / "ingest.db"
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2] / "src"))
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from claimtrail.cli.main import app; app()",
            "ingest",
            str(text_file),
            "--db",
            str(db),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    with open_ledger(str(db)) as ledger:
        written = _stored_topics(ledger)
        assert len(written) == 1 and "troop" in next(iter(written.values()))
        incremental.rebuild(ledger, reuse_topics=False)
        found = fusion_state.topics_of(ledger, list(written))
        assert {a: sorted(ts) for a, ts in found.items()} == written
