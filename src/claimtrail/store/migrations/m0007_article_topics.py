"""Version 7: ``article_topics``, each article's fusion topics found when it is written.

A full fusion run reads these instead of reading every claim to find them (``store/topics.py``).
A ledger upgraded to version 7 starts with the table empty: the next full run finds the missing
topics from the claims, as before, and stores them. The table is written out as it was at version 7.
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, Connection, MetaData, String, Table
from sqlalchemy.dialects.postgresql import JSONB

DESCRIPTION = "article_topics: each article's fusion topics, found when it is written"

_JSON = JSON().with_variant(JSONB(), "postgresql")
_V7 = MetaData()

Table(
    "article_topics",
    _V7,
    Column("article_id", String(), primary_key=True),
    Column("version", String(), nullable=False),
    Column("topics", _JSON, nullable=False),
)


def upgrade(conn: Connection) -> None:
    """Create the table (empty: the next full fusion run fills it)."""
    _V7.create_all(conn)
