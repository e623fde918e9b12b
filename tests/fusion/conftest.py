"""Where fusion tests open a ledger: an SQLite file, or a fresh schema of the PostgreSQL server at
127.0.0.1:5432 (dropped afterwards; skipped with the reason when the server cannot be reached)."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import create_engine, text

PG_BASE = "postgresql+psycopg://{user}@127.0.0.1:5432/test"
_pg: dict[str, str | None] = {}


def _pg_base() -> str | None:
    """A working PostgreSQL URL (user postgres, else root), or None with the reason kept."""
    if "url" in _pg:
        return _pg["url"]
    errors = []
    for user in ("postgres", "root"):
        url = PG_BASE.format(user=user)
        engine = create_engine(url, connect_args={"connect_timeout": 3})
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            _pg["url"] = url
            return url
        except Exception as exc:  # noqa: BLE001 - any failure means: no usable server
            errors.append(f"{user}: {str(exc).splitlines()[0]}")
        finally:
            engine.dispose()
    _pg["url"] = None
    _pg["reason"] = "PostgreSQL at 127.0.0.1:5432 unreachable (" + "; ".join(errors) + ")"
    return None


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def ledger_target(request, tmp_path):
    """A ledger location: an SQLite file in tmp_path, or a PostgreSQL URL on a fresh schema."""
    if request.param == "sqlite":
        yield str(tmp_path / "ledger.db")
        return
    base = _pg_base()
    if base is None:
        pytest.skip(_pg.get("reason") or "PostgreSQL unreachable")
    schema = f"ct_fusion_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{base}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
