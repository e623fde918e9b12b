"""Engines for the ledger: an SQLite file (checked first, so an unusable path gets a clear message)
or a PostgreSQL URL; SQLite connections get WAL mode and sensible pragmas, and SQLAlchemy issues
BEGIN itself so DDL is transactional and writers can take the write lock up front."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from ..errors import LedgerError

#: Execution option marking a transaction that writes (BEGIN IMMEDIATE on SQLite).
WRITE_OPTION = "claimtrail_write"

#: The table every ledger has from its first migration on; its absence means "not a ledger".
MARKER_TABLE = "schema_version"


def engine_for(target: str | Path, create: bool = True) -> tuple[Engine, str]:
    """An engine for a path, ``:memory:`` or URL, and the label naming it in messages (passwords
    masked). Raises ``LedgerError`` for an unusable path or URL or an unsupported database.

    With ``create=False`` (reading commands) the ledger must already exist: a mistyped path or an
    empty database is refused instead of silently becoming a new, empty ledger."""
    text_target = str(target)
    if isinstance(target, Path) or "://" not in text_target:
        if text_target == ":memory:":
            return sqlite_engine(None), ":memory:"
        return sqlite_file_engine(Path(text_target).expanduser(), text_target, create)
    url = parse_url(text_target)
    backend = url.get_backend_name()
    if backend == "sqlite":
        if not url.database or url.database == ":memory:":
            return sqlite_engine(None), ":memory:"
        return sqlite_file_engine(Path(url.database).expanduser(), text_target, create)
    if backend in ("postgresql", "postgres"):
        engine, label = postgresql_engine(url)
        if not create:
            require_postgresql_ledger(engine, label, text_target)
        return engine, label
    raise LedgerError(
        f"cannot open ledger {url.render_as_string(hide_password=True)}: "
        f"unsupported database '{backend}' (use an SQLite path or a postgresql URL)"
    )


def parse_url(text: str) -> URL:
    """A database URL parsed and checked (a port is a number 1-65535), or a ``LedgerError`` saying
    what is wrong with it; the message never shows a password."""
    shown = mask_password(text)
    try:
        url = make_url(text)
        port = url.port  # SQLAlchemy parses it lazily in some versions
    except (ArgumentError, ValueError) as exc:
        raise LedgerError(
            f"cannot open ledger {shown}: not a valid database URL ({url_problem(exc)})"
        ) from None
    if port is not None and not 0 < port < 65536:
        raise LedgerError(f"cannot open ledger {shown}: port {port} is not between 1 and 65535")
    return url


def url_problem(exc: Exception) -> str:
    """What is wrong with a URL, in words: SQLAlchemy's int() failure on the port becomes 'the port
    is not a number'."""
    text = str(exc)
    if "invalid literal for int()" in text:
        return "the port is not a number"
    return text.splitlines()[0] if text else type(exc).__name__


def mask_password(text: str) -> str:
    """A URL as text with the password between ``user:`` and ``@`` replaced by ``***``."""
    scheme, sep, rest = text.partition("://")
    if not sep or "@" not in rest:
        return text
    credentials, at, host = rest.rpartition("@")
    user, colon, _password = credentials.partition(":")
    return f"{scheme}://{user}{':***' if colon else ''}{at}{host}"


def postgresql_engine(url: URL) -> tuple[Engine, str]:
    """A psycopg 3 engine for a PostgreSQL URL (a bare ``postgresql://`` gets the psycopg driver)."""
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
    except (ArgumentError, ImportError, ValueError) as exc:
        raise LedgerError(f"cannot open ledger {label}: {exc}") from exc
    return engine, label


def sqlite_file_engine(path: Path, given: str, create: bool) -> tuple[Engine, str]:
    """An engine for an SQLite file, after checking the path can be used (and, unless ``create``,
    that it already holds a ledger)."""
    path = check_path(path)
    if not create:
        require_sqlite_ledger(path, given)
    return sqlite_engine(path), str(path)


def missing_ledger(label: str, given: str, why: str) -> LedgerError:
    """The message for a reading command pointed at something that is not a ledger yet."""
    return LedgerError(
        f"ledger {label} {why}; check the --db value, or create it with `claimtrail ingest FILES --db {given}`"
    )


def require_sqlite_ledger(path: Path, given: str) -> None:
    """Refuse an SQLite path that does not exist or holds no ledger, without writing to it."""
    if not path.exists():
        raise missing_ledger(str(path), given, "does not exist")
    if path.stat().st_size == 0:
        raise missing_ledger(str(path), given, "is an empty file, not a ledger")
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=30)
        try:
            found = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (MARKER_TABLE,)
            ).fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise LedgerError(f"cannot open ledger {path}: {exc}") from None
    if not found:
        raise missing_ledger(str(path), given, "is an SQLite database but not a claimtrail ledger")


def require_postgresql_ledger(engine: Engine, label: str, given: str) -> None:
    """Refuse a PostgreSQL database that cannot be reached or holds no ledger tables."""
    try:
        with engine.connect() as conn:
            found = inspect(conn).has_table(MARKER_TABLE)
    except SQLAlchemyError as exc:
        engine.dispose()
        raise LedgerError(f"cannot open ledger {label}: {db_reason(exc)}") from None
    if not found:
        engine.dispose()
        raise missing_ledger(label, mask_password(given), "holds no claimtrail ledger")


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
        # A URL object, not "sqlite:///{path}": a '?' or '#' in the path must not start a query.
        url = URL.create("sqlite", database=str(path))
        engine = create_engine(url, json_serializer=json_dumps, paramstyle="named")

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
