"""Opening a ledger (clear errors), recorded migrations, crash safety, bulk speed."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import inspect

from claimtrail.errors import LedgerError
from claimtrail.store import migrations
from claimtrail.store.filters import ClaimFilter
from claimtrail.store.ledger import open_ledger
from claimtrail.store.migrations import HEAD, MIGRATIONS, Migration

from .factory import numbered_article

# -- unusable targets ------------------------------------------------------------------------------


def test_missing_directory_is_named(tmp_path):
    target = tmp_path / "no" / "such" / "ledger.db"
    with pytest.raises(LedgerError) as err:
        open_ledger(target)
    message = str(err.value)
    assert "\n" not in message
    assert str(target) in message
    assert f"directory {tmp_path / 'no' / 'such'} does not exist" in message
    assert not (tmp_path / "no").exists()


def test_parent_that_is_a_file(tmp_path):
    (tmp_path / "notes.txt").write_text("not a folder")
    with pytest.raises(LedgerError, match=r"notes\.txt is not a directory"):
        open_ledger(str(tmp_path / "notes.txt" / "ledger.db"))


def test_target_that_is_a_directory(tmp_path):
    with pytest.raises(LedgerError, match="it is a directory"):
        open_ledger(tmp_path)


def test_file_that_is_not_a_database(tmp_path):
    target = tmp_path / "ledger.db"
    target.write_text("these are my notes, not a database\n" * 200)
    with pytest.raises(LedgerError) as err:
        open_ledger(target)
    assert str(target) in str(err.value)
    assert "not a database" in str(err.value)
    assert "\n" not in str(err.value)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only directories anyway")
def test_read_only_directory(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(LedgerError, match="is not writable"):
            open_ledger(folder / "ledger.db")
    finally:
        folder.chmod(0o700)


def test_unsupported_url_and_unreachable_server():
    with pytest.raises(LedgerError, match="unsupported database 'mysql'"):
        open_ledger("mysql://someone@db.example.org/ledger")
    with pytest.raises(LedgerError) as err:
        open_ledger("postgresql://postgres:secret@127.0.0.1:1/test")
    message = str(err.value)
    assert message.startswith("cannot open ledger postgresql+psycopg://postgres:***@127.0.0.1:1/test:")
    assert "secret" not in message and "\n" not in message


def test_sqlite_url_and_memory(tmp_path):
    with open_ledger(f"sqlite:///{tmp_path / 'via-url.db'}") as led:
        assert led.schema_version() == HEAD
    assert (tmp_path / "via-url.db").exists()
    with open_ledger(":memory:") as led:
        article, claims = numbered_article(5)
        assert led.add_article(article, claims)
        assert led.count_claims() == 3


def test_sqlite_pragmas(tmp_path):
    with open_ledger(tmp_path / "ledger.db") as led, led.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL


# -- migrations --------------------------------------------------------------------------------------


def _add_note_column(conn) -> None:
    conn.exec_driver_sql("ALTER TABLE grades ADD COLUMN note TEXT")


def test_upgrade_runs_new_steps_once_and_records_them(ledger_target):
    with open_ledger(ledger_target) as led:
        article, claims = numbered_article(3)
        led.add_article(article, claims)
        steps = [*MIGRATIONS, Migration(HEAD + 1, "grades get a note", _add_note_column)]
        with led._write() as conn:
            assert migrations.migrate(conn, led.label, steps) == HEAD + 1
        with led._write() as conn:  # already applied: not run again (a second ALTER would fail)
            assert migrations.migrate(conn, led.label, steps) == HEAD + 1
        assert [m["description"] for m in led.migrations()][-1] == "grades get a note"
        assert led.schema_version() == HEAD + 1
        with led.engine.connect() as conn:
            assert "note" in {c["name"] for c in inspect(conn).get_columns("grades")}
        assert led.claims() == claims  # data survives the upgrade

    # This code knows only up to HEAD: a newer ledger is refused, not misread.
    with pytest.raises(LedgerError, match=f"schema version {HEAD + 1} is newer"):
        open_ledger(ledger_target)


def test_foreign_database_is_not_taken_over(tmp_path):
    import sqlite3

    target = tmp_path / "other.db"
    with sqlite3.connect(target) as conn:
        conn.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, body TEXT)")
    with pytest.raises(LedgerError, match="not a claimtrail ledger"):
        open_ledger(target)


# -- crash safety -------------------------------------------------------------------------------------

CRASHER = textwrap.dedent(
    """
    import os, sys
    sys.path.insert(0, {tests!r})
    from store.factory import numbered_article
    from claimtrail.store.ledger import open_ledger

    led = open_ledger({db!r})
    for i in (1, 2):
        led.add_article(*numbered_article(i))
    def die(conn, claims):
        os._exit(9)  # the process is killed after the article and its claims were written
    led._insert_evidence = die
    led.add_article(*numbered_article(3))
    """
)


def test_killed_process_leaves_whole_articles_only(tmp_path):
    db = tmp_path / "ledger.db"
    tests_dir = str(Path(__file__).resolve().parent.parent)
    result = subprocess.run([sys.executable, "-c", CRASHER.format(tests=tests_dir, db=str(db))], timeout=120)
    assert result.returncode == 9
    with open_ledger(db) as led:
        assert led.count_articles() == 2
        assert led.count_claims() == 6
        assert not led.has_article(numbered_article(3)[0].article_id)
        for i in (1, 2):
            article, claims = numbered_article(i)
            assert led.get_article(article.article_id) == article
            assert led.claims(ClaimFilter(article_id=article.article_id)) == claims
        assert led.add_article(*numbered_article(3)) is True


# -- speed ----------------------------------------------------------------------------------------------


def _bulk(n_articles: int, per_article: int):
    for i in range(n_articles):
        article, base = numbered_article(i)
        claims = []
        for k in range(per_article):
            template = base[k % len(base)]
            claims.append(dataclasses.replace(template, claim_id=f"{template.claim_id[:16]}{k:04d}"))
        yield article, claims


def test_bulk_ingest_stores_every_claim_on_sqlite(tmp_path):
    # Speed is measured by bench/, never by timed assertions here; this checks bulk behaviour.
    with open_ledger(tmp_path / "ledger.db") as led:
        for article, claims in _bulk(300, 20):
            assert led.add_article(article, claims)
        assert led.count_claims() == 6000
        found = led.claims(ClaimFilter(event="casualties", speaker="officials"), limit=100)
    assert len(found) == 100
    assert all(c.event == "casualties" for c in found)
