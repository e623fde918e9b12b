"""Version 5: the analyst's desk (``store/desk.py``, docs/desk.md).

* ``desk_claims``: per claim a person reviewed, corrected or added: its article and evidence span
  (how it is re-attached after re-extraction), review status, note, who and when, the corrected
  contract fields, and the contract object of a claim added by hand.
* ``desk_sources``: source merges, renames and ignores (applied to every claim when it is read).
* ``audit``: every write (desk, grade, ingest), append-only, with before and after as JSON.
* ``users``: analysts and the sha256 of their tokens.

The tables are written out here as they were at version 5 (not taken from ``schema.py``, which
moves on); SQLAlchemy emits the DDL of each backend (JSON on SQLite, JSONB on PostgreSQL).
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, Connection, DateTime, Index, Integer, MetaData, String, Table, Text
from sqlalchemy.dialects.postgresql import JSONB

DESCRIPTION = "the analyst's desk: desk_claims, desk_sources, audit, users"

_JSON = JSON().with_variant(JSONB(), "postgresql")
_V5 = MetaData()

_CLAIMS = Table(
    "desk_claims",
    _V5,
    Column("claim_id", String(), primary_key=True),
    Column("article_id", String(), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("kind", String(), nullable=False),
    Column("status", String(), nullable=False, default="unreviewed", server_default="unreviewed"),
    Column("note", Text),
    Column("by_user", Text),
    Column("at", DateTime(timezone=True)),
    Column("corrections", _JSON),
    Column("added", _JSON),
)
Index("ix_desk_claims_article", _CLAIMS.c.article_id)
Index("ix_desk_claims_status", _CLAIMS.c.status)

Table(
    "desk_sources",
    _V5,
    Column("name_key", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("action", String(), nullable=False),
    Column("target", Text),
    Column("by_user", Text),
    Column("at", DateTime(timezone=True), nullable=False),
)

_AUDIT = Table(
    "audit",
    _V5,
    Column("audit_id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("by_user", Text),
    Column("action", String(), nullable=False),
    Column("claim_id", String()),
    Column("source", Text),
    Column("article_id", String()),
    Column("before", _JSON),
    Column("after", _JSON),
)
Index("ix_audit_claim", _AUDIT.c.claim_id)
Index("ix_audit_source", _AUDIT.c.source)

Table(
    "users",
    _V5,
    Column("name", Text, primary_key=True),
    Column("token_hash", String(), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
)


def upgrade(conn: Connection) -> None:
    """Create the four tables and their indexes."""
    _V5.create_all(conn)
