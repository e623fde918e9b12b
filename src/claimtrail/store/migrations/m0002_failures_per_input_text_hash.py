"""Version 2: one failure row per input, and a text hash per article.

* ``failures`` gets ``source_key`` (hash of ``source``, unique) and ``attempts``. Rows recorded by
  version 1 (one per attempt, so re-running a folder piled them up) are merged: per source the
  latest row is kept, with the latest reason and time and ``attempts`` = how many rows there were.
* ``articles`` gets ``text_hash`` (``ingest.ids.text_hash``, indexed), filled for stored articles,
  so the runner can tell that a text is already stored under another id.
"""

from __future__ import annotations

from sqlalchemy import Connection, bindparam, text

from ...ingest.ids import text_hash
from ..rows import failure_key

DESCRIPTION = "failures: one row per input with an attempt count; articles: text_hash"

_BATCH = 500


def upgrade(conn: Connection) -> None:
    """Add the columns, merge repeated failures, fill the hashes, then add the indexes."""
    conn.exec_driver_sql("ALTER TABLE failures ADD COLUMN source_key VARCHAR")
    conn.exec_driver_sql("ALTER TABLE failures ADD COLUMN attempts INTEGER NOT NULL DEFAULT 1")
    conn.exec_driver_sql("ALTER TABLE articles ADD COLUMN text_hash VARCHAR")
    _merge_failures(conn)
    _fill_failure_keys(conn)
    _fill_text_hashes(conn)
    conn.exec_driver_sql("CREATE UNIQUE INDEX ux_failures_source_key ON failures (source_key)")
    conn.exec_driver_sql("CREATE INDEX ix_articles_text_hash ON articles (text_hash)")


def _merge_failures(conn: Connection) -> None:
    """Keep the latest row of each source, counting the rows it replaces as attempts."""
    repeated = conn.execute(
        text(
            "SELECT source, count(*) AS n, max(failure_id) AS keep FROM failures "
            "GROUP BY source HAVING count(*) > 1"
        )
    ).all()
    if not repeated:
        return
    conn.execute(
        text("DELETE FROM failures WHERE source = :source AND failure_id <> :keep"),
        [{"source": r.source, "keep": r.keep} for r in repeated],
    )
    conn.execute(
        text("UPDATE failures SET attempts = :n WHERE failure_id = :keep"),
        [{"n": r.n, "keep": r.keep} for r in repeated],
    )


def _fill_failure_keys(conn: Connection) -> None:
    rows = conn.execute(text("SELECT failure_id, source FROM failures")).all()
    update = text("UPDATE failures SET source_key = :key WHERE failure_id = :id")
    for start in range(0, len(rows), _BATCH):
        batch = rows[start : start + _BATCH]
        conn.execute(update, [{"key": failure_key(r.source), "id": r.failure_id} for r in batch])


def _fill_text_hashes(conn: Connection) -> None:
    """Hash stored texts a batch at a time (by doc_id), so a large ledger is not held in memory."""
    select_batch = text(
        "SELECT doc_id, text FROM articles WHERE doc_id > :last ORDER BY doc_id LIMIT :n"
    ).bindparams(bindparam("n", _BATCH))
    update = text("UPDATE articles SET text_hash = :hash WHERE doc_id = :doc_id")
    last = 0
    while rows := conn.execute(select_batch, {"last": last}).all():
        conn.execute(update, [{"hash": text_hash(r.text), "doc_id": r.doc_id} for r in rows])
        last = rows[-1].doc_id
