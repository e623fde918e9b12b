"""Ledger fixtures: hand-built articles and claims, and a ledger on SQLite or on PostgreSQL.

The ``ledger`` fixture is parametrised over both backends (``ledger_target`` in tests/conftest.py), so every behaviour test runs on each;
the PostgreSQL run uses a fresh schema per test (dropped afterwards) so runs never collide, and is
skipped with the reason when the server at 127.0.0.1:5432 cannot be reached.
"""

from __future__ import annotations

import pytest

from claimtrail.store.ledger import Ledger, open_ledger


@pytest.fixture
def ledger(ledger_target) -> Ledger:
    with open_ledger(ledger_target) as led:
        yield led
