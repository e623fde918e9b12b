"""Shared fixtures: one loaded pipeline per test session, and where a ledger lives (an SQLite file
or a fresh schema of the PostgreSQL service, dropped afterwards; skipped with the reason when the
server cannot be reached)."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from pgserver import pg_base_url, skip_reason
from sqlalchemy import create_engine, text

from claimtrail.nlp.pipeline import load_pipeline, make_doc


@pytest.fixture(scope="session")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="session")
def annotate(nlp):
    """annotate(text, published=None) -> Doc through the full pipeline."""

    def run(text: str, published: date | None = None):
        return nlp(make_doc(nlp, text, published))

    return run


@pytest.fixture
def pg_url():
    """A PostgreSQL URL whose search_path is a fresh schema, dropped after the test."""
    base = pg_base_url()
    if base is None:
        pytest.skip(skip_reason())
    schema = f"ct_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{base}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def ledger_target(request, tmp_path):
    """Where to open a ledger: an SQLite file in tmp_path, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        return str(tmp_path / "ledger.db")
    return request.getfixturevalue("pg_url")
