"""Engines for the ledger: an SQLite file (checked first, so an unusable path gets a clear message)
or a PostgreSQL URL; SQLite connections get WAL mode and sensible pragmas, and SQLAlchemy issues
BEGIN itself so DDL is transactional and writers can take the write lock up front."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import StaticPool

from ..errors import LedgerError

#: Execution option marking a transaction that writes (BEGIN IMMEDIATE on SQLite).
WRITE_OPTION = "claimtrail_write"


def engine_for(target: str | Path) -> tuple[Engine, str]:
    """An engine for a path, ``:memory:`` or URL, and the label naming it in messages (passwords
    masked). Raises ``LedgerError`` for an unusable path or an unsupported database."""
    text_target = str(target)
    if isinstance(target, Path) or "://" not in text_target:
        if text_target == ":memory:":
            return sqlite_engine(None), ":memory:"
        path = check_path(Path(text_target).expanduser())
        return sqlite_engine(path), str(path)
    try:
        url = make_url(text_target)
    except ArgumentError as exc:
        raise LedgerError(f"cannot open ledger {text_target}: not a valid database URL") from exc
    backend = url.get_backend_name()
    if backend == "sqlite":
        if not url.database or url.database == ":memory:":
            return sqlite_engine(None), ":memory:"
        path = check_path(Path(url.database).expanduser())
        return sqlite_engine(path), str(path)
    if backend in ("postgresql", "postgres"):
        if url.drivername in ("postgresql", "postgres"):
            url = url.set(drivername="postgresql+psycopg")
        label = url.render_as_string(hide_password=True)
        try:
            engine = create_engine(
                url,
                pool_pre_ping=True,
                connect_args={"connect_timeout": 10},
                json_serializer=json_dumps,
            )
        except (ArgumentError, ImportError) as exc:
            raise LedgerError(f"cannot open ledger {label}: {exc}") from exc
        return engine, label
    raise LedgerError(
        f"cannot open ledger {url.render_as_string(hide_password=True)}: "
        f"unsupported database '{backend}' (use an SQLite path or a postgresql URL)"
    )


def check_path(path: Path) -> Path:
    """Fail early, naming the path and why, when an SQLite file cannot be created or written there."""
    path = path.absolute()
    parent = path.parent
    why = None
    if path.is_dir():
        why = "it is a directory"
    elif not parent.exists():
        why = f"directory {parent} does not exist"
    elif not parent.is_dir():
        why = f"{parent} is not a directory"
    elif path.exists() and not os.access(path, os.R_OK | os.W_OK):
        why = "the file is not writable"
    elif not path.exists() and not os.access(parent, os.W_OK | os.X_OK):
        why = f"directory {parent} is not writable"
    if why:
        raise LedgerError(f"cannot open ledger {path}: {why}")
    return path


def sqlite_engine(path: Path | None) -> Engine:
    """An SQLite engine (a file, or one shared in-memory database for ``None``) with the ledger's
    pragmas and BEGIN handling: ``BEGIN IMMEDIATE`` when the connection carries ``WRITE_OPTION``."""
    if path is None:
        engine = create_engine(
            "sqlite://",
            poolclass=StaticPool,
            paramstyle="named",
            connect_args={"check_same_thread": False},
            json_serializer=json_dumps,
        )
    else:
        engine = create_engine(f"sqlite:///{path}", json_serializer=json_dumps, paramstyle="named")

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # SQLAlchemy, not the sqlite3 module, issues BEGIN (see _on_begin): real transactional DDL.
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        for pragma in (
            "PRAGMA busy_timeout=30000",  # first: switching to WAL waits for another opener's lock
            "PRAGMA journal_mode=WAL",
            "PRAGMA synchronous=NORMAL",
            "PRAGMA foreign_keys=ON",
            "PRAGMA cache_size=-32000",
            "PRAGMA temp_store=MEMORY",
        ):
            cursor.execute(pragma)
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITE_OPTION) else "BEGIN")

    return engine


def json_dumps(value: Any) -> str:
    """JSON for the ``data``/``qualifiers`` columns: UTF-8 kept, anything odd (a date) as text."""
    return json.dumps(value, ensure_ascii=False, default=str)


def db_reason(exc: BaseException) -> str:
    """The first line of a database error, without SQLAlchemy's statement dump."""
    orig = getattr(exc, "orig", None) or exc
    line = str(orig).strip().splitlines()
    return line[0] if line else type(orig).__name__
