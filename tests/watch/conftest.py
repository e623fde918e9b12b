"""Fixtures of the watch tests: a site served on 127.0.0.1, and a ledger on SQLite or PostgreSQL."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import create_engine, text

from .server import Site, serve

PG_BASE = "postgresql+psycopg://{user}@127.0.0.1:5432/test"


@pytest.fixture
def site():
    """A Site served on 127.0.0.1 for the length of the test."""
    site = Site()
    server = serve(site)
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


def _pg_base() -> str | None:
    for user in ("postgres", "root"):
        engine = create_engine(PG_BASE.format(user=user), connect_args={"connect_timeout": 3})
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            return PG_BASE.format(user=user)
        except Exception:  # noqa: BLE001 - any failure means: no usable server
            continue
        finally:
            engine.dispose()
    return None


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def ledger_target(request, tmp_path):
    """An SQLite file in tmp_path, or a fresh PostgreSQL schema (dropped afterwards)."""
    if request.param == "sqlite":
        yield str(tmp_path / "ledger.db")
        return
    base = _pg_base()
    if base is None:
        pytest.skip("PostgreSQL at 127.0.0.1:5432 unreachable")
    schema = f"ct_watch_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{base}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
