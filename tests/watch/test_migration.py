"""Migration 4 adds the watch tables to a version-3 ledger, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import inspect

from claimtrail.store.ledger import open_ledger


def test_a_version_3_ledger_gains_the_watch_tables(ledger_target):
    with open_ledger(ledger_target) as ledger:
        with ledger.engine.begin() as conn:  # back to what version 3 had
            conn.exec_driver_sql("DROP TABLE watch_rounds")
            conn.exec_driver_sql("DROP TABLE watch_state")
            conn.exec_driver_sql("DELETE FROM schema_version WHERE version >= 4")
        assert ledger.schema_version() == 3
    with open_ledger(ledger_target) as ledger:
        assert ledger.schema_version() >= 4  # and the steps after it (5: the desk)
        assert {"watch_state", "watch_rounds"} <= set(inspect(ledger.engine).get_table_names())
        now = datetime(2026, 12, 5, 10, 0, tzinfo=UTC)
        ledger.save_watch_state(
            {"url": "https://x.example/feed", "etag": '"a"', "errors": 0, "items_seen": ["k"]}
        )
        ledger.save_watch_state(
            {
                "url": "https://x.example/feed",
                "etag": '"b"',
                "errors": 2,
                "items_seen": ["k", "l"],
                "next_poll": now,
            }
        )
        ledger.add_watch_round(now, None, {"new_articles": []})
        state = ledger.watch_state("https://x.example/feed")
        rounds = ledger.watch_rounds()
        assert len(ledger.watch_rounds(now - timedelta(minutes=1))) == 1
        assert ledger.watch_rounds(now) == []  # only rounds that ended after it
    assert (state["etag"], state["errors"], state["items_seen"], state["next_poll"]) == (
        '"b"',
        2,
        ["k", "l"],
        now,
    )
    assert rounds == [{"at": now, "since": None, "digest": {"new_articles": []}}]
