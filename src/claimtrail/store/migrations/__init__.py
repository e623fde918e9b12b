"""Recorded, numbered schema migrations for the ledger.

Why not Alembic: the ledger has one linear history, two backends, and its hardest DDL (FTS5
virtual tables and triggers, GIN expression indexes) is raw SQL that autogenerate cannot see, so a
runner of ~100 lines does the job with no ini file, no env.py and no extra import time on open.

How it works:

* ``schema.py`` always describes the *current* schema.
* Each step is a module ``mNNNN_<name>.py`` in this package with ``DESCRIPTION: str`` and
  ``upgrade(conn: Connection) -> None``: what turns a version NNNN-1 database into version NNNN.
* The ``schema_version`` table records every version applied, with its description and time.
* A new, empty database is created straight from ``schema.py`` and stamped with every known version
  (running old steps first would only redo what the current schema already holds).
* An existing database runs, in order and in one transaction, each step above its highest version.
* A database newer than this code refuses to open (``LedgerError``) instead of being misread.

The caller runs ``migrate`` inside a write transaction (``BEGIN IMMEDIATE`` on SQLite, an advisory
lock on PostgreSQL), so two processes opening one ledger at once do not both migrate it.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, func, inspect, select

from ...errors import LedgerError
from .. import schema

_MODULE = re.compile(r"^m(\d{4})_\w+$")


@dataclass(frozen=True)
class Migration:
    """One schema step: the version it produces, what it does, and the function doing it."""

    version: int
    description: str
    upgrade: Callable[[Connection], None]


def discover() -> list[Migration]:
    """Every ``mNNNN_*`` module of this package, in version order (versions must be 1, 2, 3...)."""
    found: list[Migration] = []
    for info in pkgutil.iter_modules(__path__):
        match = _MODULE.match(info.name)
        if not match:
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        found.append(Migration(int(match.group(1)), module.DESCRIPTION, module.upgrade))
    found.sort(key=lambda m: m.version)
    if [m.version for m in found] != list(range(1, len(found) + 1)):
        raise LedgerError(f"migrations are not numbered 1..n: {[m.version for m in found]}")
    return found


MIGRATIONS: list[Migration] = discover()
HEAD: int = MIGRATIONS[-1].version


def current_version(conn: Connection) -> int:
    """The highest version recorded in ``schema_version``; 0 for a database without that table."""
    if not inspect(conn).has_table("schema_version"):
        return 0
    return conn.scalar(select(func.max(schema.schema_version.c.version))) or 0


def migrate(conn: Connection, label: str, migrations: Sequence[Migration] | None = None) -> int:
    """Bring the database of ``conn`` (inside a write transaction) to the newest version; return it.

    ``label`` names the ledger in error messages. ``migrations`` defaults to this package's steps
    (tests pass their own list to exercise the upgrade path).
    """
    steps = list(MIGRATIONS if migrations is None else migrations)
    head = steps[-1].version if steps else 0
    version = current_version(conn)
    now = datetime.now(UTC)
    if version == 0:
        if inspect(conn).has_table("articles"):
            raise LedgerError(
                f"{label}: has an 'articles' table but no schema_version; not a claimtrail ledger"
            )
        schema.create_all(conn)
        if steps:
            conn.execute(
                schema.schema_version.insert(),
                [{"version": m.version, "description": m.description, "applied_at": now} for m in steps],
            )
        return head
    if version > head:
        raise LedgerError(
            f"{label}: ledger schema version {version} is newer than this claimtrail knows ({head}); "
            "upgrade claimtrail"
        )
    for step in steps:
        if step.version > version:
            step.upgrade(conn)
            conn.execute(
                schema.schema_version.insert(),
                {"version": step.version, "description": step.description, "applied_at": now},
            )
    return head
