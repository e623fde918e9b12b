"""Ledger fixtures: hand-built articles and claims, and a ledger on SQLite or on PostgreSQL.

The ``ledger`` fixture is parametrised over both backends, so every behaviour test runs on each;
the PostgreSQL run uses a fresh schema per test (dropped afterwards) so runs never collide, and is
skipped with the reason when the server at 127.0.0.1:5432 cannot be reached.
"""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import create_engine, text

from claimtrail.store.ledger import Ledger, open_ledger

PG_BASE = "postgresql+psycopg://{user}@127.0.0.1:5432/test"
_pg_state: dict[str, str | None] = {}


def pg_base_url() -> str | None:
    """A working PostgreSQL URL (user postgres, else root), or None; sets the skip reason."""
    if "url" in _pg_state:
        return _pg_state["url"]
    errors = []
    for user in ("postgres", "root"):
        url = PG_BASE.format(user=user)
        engine = create_engine(url, connect_args={"connect_timeout": 3})
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            _pg_state["url"] = url
            return url
        except Exception as exc:  # noqa: BLE001 - any failure means: no usable server
            errors.append(f"{user}: {str(exc).splitlines()[0]}")
        finally:
            engine.dispose()
    _pg_state["url"] = None
    _pg_state["reason"] = "PostgreSQL at 127.0.0.1:5432 unreachable (" + "; ".join(errors) + ")"
    return None


@pytest.fixture
def pg_url():
    """A PostgreSQL URL whose search_path is a fresh schema, dropped after the test."""
    base = pg_base_url()
    if base is None:
        pytest.skip(_pg_state.get("reason") or "PostgreSQL unreachable")
    schema = f"ct_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{base}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def ledger_target(request, tmp_path):
    """Where to open a ledger: an SQLite file in tmp_path, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        return str(tmp_path / "ledger.db")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def ledger(ledger_target) -> Ledger:
    with open_ledger(ledger_target) as led:
        yield led
