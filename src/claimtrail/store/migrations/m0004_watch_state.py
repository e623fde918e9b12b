"""Version 4: what ``claimtrail watch`` remembers between rounds and across restarts.

* ``watch_state``: one row per watched URL with its ETag and Last-Modified (sent back as
  If-None-Match / If-Modified-Since), the last poll, the last error and how many polls failed in a
  row (the backoff), when it is due next, and the keys of the feed entries already read.
* ``watch_rounds``: one row per round, its time, the time of the round before and its digest (the
  "what changed since" page reads them).

The tables are written out here as they were at version 4 (not taken from ``schema.py``, which moves
on); SQLAlchemy emits the DDL of each backend (JSON on SQLite, JSONB on PostgreSQL).
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, Connection, DateTime, Index, Integer, MetaData, Table, Text
from sqlalchemy.dialects.postgresql import JSONB

DESCRIPTION = "watch_state and watch_rounds: what claimtrail watch remembers"

_JSON = JSON().with_variant(JSONB(), "postgresql")
_V4 = MetaData()

_STATE = Table(
    "watch_state",
    _V4,
    Column("url", Text, primary_key=True),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("last_poll", DateTime(timezone=True)),
    Column("last_error", Text),
    Column("errors", Integer, nullable=False, default=0, server_default="0"),
    Column("next_poll", DateTime(timezone=True)),
    Column("items_seen", _JSON),
)

_ROUNDS = Table(
    "watch_rounds",
    _V4,
    Column("round_id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("since", DateTime(timezone=True)),
    Column("digest", _JSON, nullable=False),
)
Index("ix_watch_rounds_at", _ROUNDS.c.at)


def upgrade(conn: Connection) -> None:
    """Create both tables and the index on round times."""
    _V4.create_all(conn)
