"""One failure row per input (migration 2), the text hash, and bounded names, on both backends."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

from sqlalchemy import inspect, text

from claimtrail.ingest.ids import text_hash
from claimtrail.model import Failure
from claimtrail.store.ledger import Ledger, open_ledger
from claimtrail.store.migrations import HEAD
from claimtrail.store.rows import MAX_NAME, name_key

from .factory import numbered_article


def test_record_failure_updates_the_row_of_its_input(ledger: Ledger):
    ledger.record_failure("in/a.txt", "is empty (0 bytes)")
    ledger.record_failure("in/b.txt", "not valid UTF-8")
    first_at = ledger.failures()[0].at
    ledger.record_failure("in/a.txt", "contains only whitespace")
    listed = ledger.failures()
    assert listed == [Failure("in/b.txt", "not valid UTF-8"), Failure("in/a.txt", "contains only whitespace")]
    assert [f.attempts for f in listed] == [1, 2]
    assert listed[1].at >= first_at and listed[1].at.tzinfo is not None
    assert len(ledger.failures(since=datetime.now(UTC) - timedelta(minutes=5))) == 2


def test_a_stored_article_clears_the_failure_of_its_input(ledger: Ledger):
    article, claims = numbered_article(1)
    article.source_path = "dump.jsonl:4"
    ledger.record_failure("dump.jsonl:4", "line 4 is not valid JSON")
    ledger.record_failure("dump.jsonl", "is a truncated or corrupt gzip file")
    ledger.record_failure(article.url, "the server answered HTTP 404 Not Found")
    ledger.record_failure("other.txt", "is empty (0 bytes)")
    assert ledger.add_article(article, claims)
    assert [f.source for f in ledger.failures()] == ["other.txt"]
    assert ledger.clear_failures("other.txt", None) == 1
    assert ledger.failures() == []


def test_long_failure_sources_and_source_names_fit_the_indexes(ledger: Ledger):
    long_source = "in/" + "d" * 9000 + ".txt"  # longer than a btree entry may be
    ledger.record_failure(long_source, "is empty (0 bytes)")
    ledger.record_failure(long_source, "is empty (0 bytes)")
    (failure,) = ledger.failures()
    assert failure.source == long_source and failure.attempts == 2
    assert len(name_key("The " + "Long " * 2000 + "Council")) == MAX_NAME
    ledger.set_grade("Agency " * 2000, "B")
    assert ledger.grade("agency " * 2000) == "B"


def test_find_stored_by_id_or_by_text(ledger: Ledger):
    article, claims = numbered_article(2)
    ledger.add_article(article, claims)
    same_text = type(article)(text="  " + article.text.replace(" ", "\n"), article_id="ffffffffffffffff")
    assert ledger.find_stored(article) == article.article_id
    assert ledger.find_stored(same_text) == article.article_id
    other, _ = numbered_article(3)
    assert ledger.find_stored(other) is None


def test_find_stored_many_answers_like_find_stored_in_one_call(ledger: Ledger):
    first, claims = numbered_article(2)
    second, claims2 = numbered_article(4)
    ledger.add_article(first, claims)
    ledger.add_article(second, claims2)
    same_text = type(first)(text="  " + first.text.replace(" ", "\n"), article_id="ffffffffffffffff")
    other, _ = numbered_article(3)
    # the second article's id with the first one's text: its own id wins, as in find_stored
    own_id = type(first)(text=first.text, article_id=second.article_id)
    items = [(first, None), (same_text, None), (other, None), (own_id, None), (second, None)]
    expected = [first.article_id, first.article_id, None, second.article_id, second.article_id]
    assert ledger.find_stored_many(items) == expected
    assert [ledger.find_stored(a) for a, _ in items] == expected
    assert ledger.find_stored_many([]) == []


def _downgrade_to_version_1(led: Ledger) -> None:
    """Turn a new ledger back into the version-1 layout (no source_key, attempts, text_hash, part_of)."""
    with led._write() as conn:
        conn.exec_driver_sql("DROP INDEX ux_failures_source_key")
        conn.exec_driver_sql("DROP INDEX ix_articles_text_hash")
        for table, column in (
            ("failures", "source_key"),
            ("failures", "attempts"),
            ("articles", "text_hash"),
            ("claims", "part_of"),  # version 3
        ):
            conn.exec_driver_sql(f"ALTER TABLE {table} DROP COLUMN {column}")
        conn.execute(text("DELETE FROM schema_version WHERE version > 1"))


def test_migration_merges_piled_up_failures_and_hashes_texts(ledger_target):
    with open_ledger(ledger_target) as led:
        article, claims = numbered_article(5)
        led.add_article(article, claims)
        _downgrade_to_version_1(led)
        insert = text("INSERT INTO failures (source, reason, at) VALUES (:s, :r, :at)")
        now = datetime.now(UTC)
        with led._write() as conn:
            for i in range(3):  # three runs over the same folder, as version 1 recorded them
                for source in ("in/a.txt", "in/b.txt"):
                    conn.execute(insert, {"s": source, "r": f"run {i}", "at": now + timedelta(seconds=i)})
            conn.execute(insert, {"s": "in/c.txt", "r": "once", "at": now})
        assert led.schema_version() == 1

    with open_ledger(ledger_target) as led:  # opening runs migration 2 (and those after it)
        assert led.schema_version() == HEAD
        listed = {f.source: (f.reason, f.attempts) for f in led.failures()}
        assert listed == {"in/a.txt": ("run 2", 3), "in/b.txt": ("run 2", 3), "in/c.txt": ("once", 1)}
        led.record_failure("in/c.txt", "again")  # the new unique key works on migrated rows
        assert {f.source: f.attempts for f in led.failures()}["in/c.txt"] == 2
        with led.engine.connect() as conn:
            stored = conn.execute(text("SELECT text_hash FROM articles")).scalar_one()
            indexes = {i["name"] for i in inspect(conn).get_indexes("articles")}
        assert stored == text_hash(article.text)
        assert "ix_articles_text_hash" in indexes
        assert led.find_stored(type(article)(text=article.text, article_id="x")) == article.article_id
        assert led.claims() == claims  # data survives the upgrade


def test_failure_texts_are_stored_safely_on_both_backends(ledger: Ledger):
    name = os.fsdecode(b"in/b\xe9.txt")
    ledger.record_failure(name, "extraction failed: bad\x00 text\nsecond line")
    (failure,) = ledger.failures()
    assert failure == Failure("in/b\\xe9.txt", "extraction failed: bad text second line")
    assert ledger.clear_failures(name) == 1  # the raw name finds its row
