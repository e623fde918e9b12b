"""Version 1: the initial ledger schema (articles, claims, sources, claim_sources, evidence, failures,
grades, schema_version, full-text search).

A template for later steps: ``DESCRIPTION`` is recorded in ``schema_version``; ``upgrade`` receives a
connection inside the migration transaction and issues the DDL/DML that turns version N-1 into N,
written out explicitly (``ALTER TABLE ...``), never by calling ``schema.create_all``, because
``schema.py`` moves on with later versions. Branch on ``conn.dialect.name`` where SQLite and
PostgreSQL differ.
"""

from __future__ import annotations

from sqlalchemy import Connection

DESCRIPTION = "initial schema"


def upgrade(conn: Connection) -> None:
    """Nothing to do: a version-0 database is created from ``schema.py`` directly (see __init__)."""
    return None
