"""Version 6: persisted fusion state (``fusion/incremental.py``).

* ``fusion_topics``: the topics of each article (the merged subjects its figures count, and one
  topic shared by every article with incident figures); articles sharing a topic are fused together.
* ``fusion_articles``: the component (connected set of articles) each article was fused in.
* ``fusion_components``: each component's fused result (tracked quantities, grades, checks,
  origins) as JSON.
* ``fusion_tracked``: each tracked quantity (its ``TrackedQuantity`` fields) as JSON.
* ``fusion_meta``: the ledger stamp the state was brought up to, and the state's format version.

A ledger upgraded to version 6 starts with empty tables: the first fusion read fills them with a
full run. The tables are written out as they were at version 6 (``schema.py`` moves on).
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, Connection, DateTime, Index, Integer, MetaData, String, Table, Text
from sqlalchemy.dialects.postgresql import JSONB

DESCRIPTION = (
    "fusion_topics, fusion_articles, fusion_components, fusion_tracked, fusion_meta: persisted fusion"
)

_JSON = JSON().with_variant(JSONB(), "postgresql")
_V6 = MetaData()

_TOPICS = Table(
    "fusion_topics",
    _V6,
    Column("topic", Text, primary_key=True),
    Column("article_id", String(), primary_key=True),
)
Index("ix_fusion_topics_article", _TOPICS.c.article_id)
_ARTICLES = Table(
    "fusion_articles",
    _V6,
    Column("article_id", String(), primary_key=True),
    Column("component", String(), nullable=False),
)
Index("ix_fusion_articles_component", _ARTICLES.c.component)
Table(
    "fusion_components",
    _V6,
    Column("component", String(), primary_key=True),
    Column("articles", Integer, nullable=False),
    Column("claims", Integer, nullable=False),
    Column("state", _JSON, nullable=False),
    Column("built_at", DateTime(timezone=True), nullable=False),
)
_TRACKED = Table(
    "fusion_tracked",
    _V6,
    Column("tracked_id", String(), primary_key=True),
    Column("component", String(), nullable=False),
    Column("label", Text, nullable=False),
    Column("claims", Integer, nullable=False),
    Column("data", _JSON, nullable=False),
)
Index("ix_fusion_tracked_component", _TRACKED.c.component)
Table("fusion_meta", _V6, Column("key", String(), primary_key=True), Column("value", Text))


def upgrade(conn: Connection) -> None:
    """Create the five tables and their indexes (empty: the next fusion read fills them)."""
    _V6.create_all(conn)
