"""The Ledger API: articles, claims, sources and evidence in SQLite (default) or PostgreSQL (teams).

``open_ledger(target)`` takes a file path (SQLite) or an SQLAlchemy URL (``postgresql+psycopg://``),
runs the recorded migrations and returns a ``Ledger``. Each article is stored with its claims,
sources, attribution chains and evidence spans in ONE transaction, so a run killed mid-way leaves
whole articles only, and storing an article already present changes nothing (claim ids are stable).

SQLite runs in WAL mode with ``synchronous=NORMAL`` (durable at each checkpoint, fast commits),
foreign keys on, and a busy timeout so a reader (the web app) and a writer (an ingest run) can share
the file. Writes take the write lock up front (``BEGIN IMMEDIATE``); on PostgreSQL writers take a
transaction-scoped advisory lock, so concurrent ingests never race on ids or on the re-ingest check.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Connection,
    Date,
    DateTime,
    Engine,
    Select,
    Table,
    case,
    func,
    literal_column,
    select,
    text,
)
from sqlalchemy.dialects import postgresql as pg_dialect
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from ..contract.claims import claim_from_json
from ..errors import InputError, LedgerError
from ..ingest.boundary import one_line, safe_text
from ..model import EVIDENCE_ROLES, Article, Claim, Evidence, Failure, one_of
from . import desk as desk_store
from . import migrations
from . import topics as topics_store
from .engine import WRITE_OPTION, db_reason, engine_for, json_dumps
from .filters import ALL_CLAIMS, ClaimFilter
from .rows import (
    MAX_NAME,
    article_from_row,
    article_problem,
    article_row,
    chunks,
    claim_row,
    failure_key,
    fts5_query,
    input_sources,
    name_key,
    source_name,
    text_hash,
)
from .schema import (
    PG_ARTICLE_TSV,
    PG_CLAIM_TSV,
    PG_TS_CONFIG,
    article_topics,
    articles,
    audit,
    claim_sources,
    claims,
    desk_claims,
    evidence,
    failures,
    grades,
    schema_version,
    sources,
    watch_rounds,
    watch_state,
)

__all__ = ["Ledger", "open_ledger", "fts5_query", "RELIABILITY"]

#: Admiralty code source reliability: A completely reliable .. E unreliable, F cannot be judged.
RELIABILITY = "ABCDEF"

#: The writer keeps the ids of at most this many sources (about 10 MB) between articles.
SOURCE_ID_CACHE = 50_000
_PG_LOCK = 0x636C6169  # advisory lock key serialising ledger writers on PostgreSQL ("clai")


# ---------------------------------------------------------------------------------------------
# Opening


def open_ledger(target: str | Path = "claimtrail.db", create: bool = True) -> Ledger:
    """Open (creating and migrating as needed) the ledger at ``target``; with ``create=False`` a
    target that holds no ledger yet is refused (``LedgerError``) instead of created empty.

    ``target`` is a filesystem path to an SQLite file, ``":memory:"``, or an SQLAlchemy URL
    (``sqlite:///path``, ``postgresql+psycopg://user@host:5432/db``; a bare ``postgresql://`` URL
    is given the psycopg 3 driver). Raises ``LedgerError`` with a one-line message naming the
    target and the reason when it cannot be opened or written.
    """
    engine, label = engine_for(target, create=create)
    ledger = Ledger(engine, label)
    try:
        with ledger._write() as conn:
            migrations.migrate(conn, label)
    except LedgerError:
        engine.dispose()
        raise
    except SQLAlchemyError as exc:
        engine.dispose()
        raise LedgerError(f"cannot open ledger {label}: {db_reason(exc)}") from exc
    return ledger


def _utc(value: datetime | None) -> datetime | None:
    """A stored time as an aware UTC datetime (SQLite returns naive UTC)."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


_CLAIM_COLUMNS = select(
    claims.c.claim_id, claims.c.data, claims.c.qualifiers, claims.c.sentence_start, claims.c.part_of
)


def _stored_claim(row: Any, evidence: Iterable[Evidence] = ()) -> Claim:
    """A stored claim: its contract JSON with the internal extras kept in their own columns
    (qualifiers, sentence start, the whole it is a part of) and its evidence spans."""
    return claim_from_json(
        row.data,
        qualifiers=row.qualifiers or (),
        sentence_start=row.sentence_start,
        evidence=evidence,
        part_of=row.part_of,
    )


#: What fusion reads of a claim (no evidence spans), with its ledger position.
_FUSION_COLUMNS = (
    claims.c.claim_id,
    claims.c.data,
    claims.c.qualifiers,
    claims.c.sentence_start,
    claims.c.part_of,
    claims.c.doc_id,
)


def _for_fusion(rows: Iterable[Any], view: Any) -> Iterator[Claim]:
    """Stored claims as fusion reads them: the desk's ``view`` laid over (if any), rejected claims
    left out."""
    for row in rows:
        claim = _stored_claim(row) if view is None else view.apply(_stored_claim(row))
        if claim.review is None or claim.review.status != "rejected":
            yield claim


def _published(value: Any) -> date | None:
    """A stored publication date (text on SQLite) as a date."""
    return date.fromisoformat(value[:10]) if isinstance(value, str) else value


# ---------------------------------------------------------------------------------------------
# The ledger


class _RetryGuarded(Exception):
    """An article of a batch written without savepoints failed: write the batch again with them."""


class Ledger:
    """A claimtrail ledger in one database. Open with ``open_ledger``; use as a context manager."""

    def __init__(self, engine: Engine, label: str) -> None:
        self.engine = engine
        self.label = label
        self.dialect = engine.dialect.name  # "sqlite" | "postgresql"
        self._insert_plans: dict[str, tuple[str, list[str], list[str], list[str]]] = {}
        # Ids of sources known to be committed (sources are never deleted), to skip their upsert.
        self._source_ids: dict[tuple[str, str], int] = {}
        #: Who the ledger's own writes (ingest, grades) are recorded under; None: ``default_user()``.
        self.user: str | None = None

    @property
    def desk(self) -> desk_store.Desk:
        """The analyst's desk of this ledger: reviews, corrections, source merges, users, history."""
        return desk_store.Desk(self)

    def _who(self, by: str | None = None) -> str:
        return by or self.user or desk_store.default_user()

    # -- plumbing ------------------------------------------------------------------------------
    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Ledger {self.label}>"

    def close(self) -> None:
        """Release every database connection (the SQLite WAL is checkpointed by the last one).

        On SQLite ``PRAGMA optimize`` runs first: it refreshes the planner's statistics where a run
        changed the tables a lot, so filters keep using the right index as the ledger grows."""
        if self.dialect == "sqlite":
            try:
                with self.engine.connect() as conn:
                    conn.exec_driver_sql("PRAGMA optimize")
            except SQLAlchemyError:
                pass  # statistics only; never fail a close over them
        self.engine.dispose()

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One write transaction: the write lock is taken before the first read."""
        with self.engine.connect() as conn:
            conn.execution_options(**{WRITE_OPTION: True})
            with conn.begin():
                if self.dialect == "postgresql":
                    # Like SQLite's synchronous=NORMAL: a server crash may lose the last few commits
                    # (re-ingest restores them), never half an article; a killed client loses nothing.
                    conn.exec_driver_sql("SET LOCAL synchronous_commit = off")
                    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK})
                yield conn

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise LedgerError(f"ledger {self.label}: {db_reason(exc)}") from exc

    def _bulk_insert(self, conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
        """executemany of ``rows`` straight through the driver: the INSERT is compiled once per table
        and values are adapted here (JSON text; ISO dates on SQLite), skipping SQLAlchemy's per-row
        parameter processing, which otherwise costs as much as SQLite's own work."""
        if not rows:
            return
        plan = self._insert_plans.get(table.name)
        if plan is None:
            keys = [c.key for c in table.columns]
            sql = str(table.insert().compile(dialect=self.engine.dialect, column_keys=keys))
            json_cols = [c.key for c in table.columns if isinstance(c.type, JSON)]
            date_cols = [c.key for c in table.columns if isinstance(c.type, Date | DateTime)]
            plan = self._insert_plans[table.name] = (sql, keys, json_cols, date_cols)
        sql, keys, json_cols, date_cols = plan
        iso = self.dialect == "sqlite"
        params = []
        for row in rows:
            values = {key: row.get(key) for key in keys}
            for key in json_cols:
                if values[key] is not None:
                    values[key] = json_dumps(values[key])
            if iso:
                for key in date_cols:
                    value = values[key]
                    if isinstance(value, datetime):
                        values[key] = value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
                    elif isinstance(value, date):
                        values[key] = value.isoformat()
            params.append(values)
        conn.exec_driver_sql(sql, params)

    def _insert_dialect(self, table: Any) -> Any:
        return (pg_dialect if self.dialect == "postgresql" else sqlite_dialect).insert(table)

    # -- schema --------------------------------------------------------------------------------
    def schema_version(self) -> int:
        """The highest migration version applied to this ledger."""
        with self._read() as conn:
            return migrations.current_version(conn)

    def migrations(self) -> list[dict[str, Any]]:
        """Every recorded migration: ``{"version", "description", "applied_at"}``, oldest first."""
        with self._read() as conn:
            rows = conn.execute(select(schema_version).order_by(schema_version.c.version)).all()
        return [dict(row._mapping) for row in rows]

    # -- writing articles ----------------------------------------------------------------------
    def add_article(self, article: Article, claims_: list[Claim]) -> bool:
        """Store ``article`` with its claims, sources, attribution chains and evidence, atomically.

        Returns False and changes nothing when the article id is already stored (re-ingest is a
        no-op). Any failure rolls the whole article back and raises ``LedgerError``; articles stored
        before are untouched. An article the backends would treat differently (NUL characters, lone
        surrogates, over-long metadata: ``rows.article_problem``) is refused on both. A failure
        recorded for the article's input (its ``source_path`` or ``url``) is cleared: the input is in.
        """
        self._article_check(article, claims_)
        article_id = article.article_id
        try:
            with self._write() as conn:
                added, new_sources = self._store_one(conn, article, claims_)
        except (LedgerError, UnicodeError, ValueError, TypeError, SQLAlchemyError) as exc:
            if isinstance(exc, IntegrityError) and self.has_article(article_id):
                return False  # stored meanwhile by another writer
            raise self._store_error(article_id, exc) from exc
        self._remember_sources(new_sources)  # only ids that were committed
        return added

    def _store_one(
        self, conn: Connection, article: Article, claims_: list[Claim]
    ) -> tuple[bool, dict[tuple[str, str], int]]:
        """Insert one checked article and its claims on ``conn`` (inside the caller's transaction);
        returns whether it was new and the sources it created."""
        article_id = article.article_id
        state = conn.execute(
            select(
                select(articles.c.article_id).where(articles.c.article_id == article_id).exists(),
                select(func.max(articles.c.doc_id)).scalar_subquery(),
                select(func.max(claims.c.doc_id)).scalar_subquery(),
                select(desk_claims.c.claim_id).where(desk_claims.c.article_id == article_id).exists(),
            )
        ).one()
        self._clear_failures(conn, *input_sources(article))
        if state[0]:
            return False, {}
        # the desk's claims added by hand come back; its reviews re-attach (store/desk.py); most
        # articles have no desk rows, and then neither step needs to read them
        has_desk_rows = bool(state[3])
        claims_ = claims_ + desk_store.on_article_stored(conn, article, claims_, self._who(), has_desk_rows)
        self._bulk_insert(conn, articles, [article_row(article, (state[1] or 0) + 1, len(claims_))])
        created = self._insert_claims(
            conn, [(article, claims_)], (state[2] or 0) + 1, with_topics=not has_desk_rows
        )
        if has_desk_rows:
            desk_store.index_corrections(conn, article_id=article_id)  # filter columns follow corrections
        return True, created

    def _store_error(self, article_id: str, exc: BaseException) -> LedgerError:
        """The ``LedgerError`` an article that could not be stored becomes."""
        if isinstance(exc, LedgerError):
            return exc
        if isinstance(exc, SQLAlchemyError):
            reason = db_reason(exc)
        else:  # a value the driver cannot adapt
            reason = " ".join(str(exc).split())
        return LedgerError(f"ledger {self.label}: cannot store article {article_id}: {reason}")

    def _article_check(self, article: Article, claims_: list[Claim]) -> None:
        """Refuse, before any write, an article the ledger cannot hold (see ``add_article``)."""
        article_id = article.article_id
        if not article_id:
            raise LedgerError(f"ledger {self.label}: an article without an article_id cannot be stored")
        problem = article_problem(article)
        if problem:
            raise LedgerError(f"ledger {self.label}: cannot store article {article_id}: {problem}")
        for claim in claims_:
            if claim.article_id != article_id:
                raise LedgerError(
                    f"ledger {self.label}: claim {claim.claim_id} belongs to article {claim.article_id}, "
                    f"not {article_id}"
                )

    def add_articles(self, batch: list[tuple[Article, list[Claim]]]) -> list[bool | LedgerError]:
        """``add_article`` for a batch in one transaction (one commit, one write lock): each article
        in a savepoint of its own, so an article the database refuses is rolled back alone and
        comes back as its ``LedgerError`` while the rest of the batch is stored. Returns, per
        article in order, True (stored), False (already stored) or the error. A failure of the
        transaction itself (the commit) raises ``LedgerError``: nothing of the batch was stored.

        The batch is first written without savepoints (two statements less per article); only if
        an article fails there is that transaction rolled back and the batch written again with
        its savepoints, so the outcome is the same either way."""
        fast = self._add_unguarded(batch)
        return fast if fast is not None else self._add_guarded(batch)

    def _add_unguarded(self, batch: list[tuple[Article, list[Claim]]]) -> list[bool | LedgerError] | None:
        """``add_articles`` without a savepoint per article, each table written once for the whole
        batch (``_store_many``): None (nothing stored) as soon as one article fails its check or a
        write fails, for ``_add_guarded`` to store the batch article by article instead."""
        try:
            with self._write() as conn:
                try:
                    for article, claims_ in batch:
                        self._article_check(article, claims_)
                    out, created = self._store_many(conn, batch)
                except (LedgerError, UnicodeError, ValueError, TypeError, SQLAlchemyError) as exc:
                    raise _RetryGuarded from exc  # rolls the whole transaction back
        except _RetryGuarded:
            return None
        except SQLAlchemyError as exc:
            raise LedgerError(
                f"ledger {self.label}: could not store a batch of {len(batch)} articles: {db_reason(exc)}"
            ) from exc
        self._remember_sources(created)
        return list(out)

    def _store_many(
        self, conn: Connection, batch: list[tuple[Article, list[Claim]]]
    ) -> tuple[list[bool], dict[tuple[str, str], int]]:
        """Insert a batch of checked articles on ``conn`` with one statement per table (not ~10 per
        article), in the rows and order ``_store_one`` article after article gives; returns whether
        each was new and the sources created. A batch holding an article with rows on the desk
        (reviews to re-attach: it was deleted and is ingested again) goes article by article."""
        ids = sorted({article.article_id for article, _ in batch})
        stored: set[str] = set()
        for chunk in chunks(ids):
            query = select(articles.c.article_id).where(articles.c.article_id.in_(chunk))
            stored.update(conn.execute(query).scalars())
            query = select(desk_claims.c.article_id).where(desk_claims.c.article_id.in_(chunk)).limit(1)
            if conn.execute(query).first() is not None:
                return self._store_each(conn, batch)
        last_article, last_claim = conn.execute(
            select(
                select(func.max(articles.c.doc_id)).scalar_subquery(),
                select(func.max(claims.c.doc_id)).scalar_subquery(),
            )
        ).one()
        self._clear_failures(conn, *(s for article, _ in batch for s in input_sources(article)))
        who = self._who()
        out: list[bool] = []
        new: list[tuple[Article, list[Claim]]] = []
        article_rows: list[dict[str, Any]] = []
        audit_rows: list[dict[str, Any]] = []
        for article, claims_ in batch:
            if article.article_id in stored:  # already in the ledger, or earlier in this batch
                out.append(False)
                continue
            stored.add(article.article_id)
            out.append(True)
            new.append((article, claims_))
            audit_rows.append(desk_store.ingest_audit(article, len(claims_), who))
            article_rows.append(
                article_row(article, (last_article or 0) + len(article_rows) + 1, len(claims_))
            )
        if not new:
            return out, {}
        conn.execute(audit.insert(), audit_rows)
        self._bulk_insert(conn, articles, article_rows)
        return out, self._insert_claims(conn, new, (last_claim or 0) + 1)

    def _store_each(
        self, conn: Connection, batch: list[tuple[Article, list[Claim]]]
    ) -> tuple[list[bool], dict[tuple[str, str], int]]:
        """``_store_one`` for each article of a batch, in order, on ``conn``."""
        out: list[bool] = []
        created: dict[tuple[str, str], int] = {}
        for article, claims_ in batch:
            added, new_sources = self._store_one(conn, article, claims_)
            out.append(added)
            created.update(new_sources)
        return out, created

    def _add_guarded(self, batch: list[tuple[Article, list[Claim]]]) -> list[bool | LedgerError]:
        """``add_articles`` with each article in a savepoint of its own (see there)."""
        out: list[bool | LedgerError] = []
        created: dict[tuple[str, str], int] = {}
        try:
            with self._write() as conn:
                for article, claims_ in batch:
                    try:
                        self._article_check(article, claims_)
                        with conn.begin_nested():
                            added, new_sources = self._store_one(conn, article, claims_)
                    except (LedgerError, UnicodeError, ValueError, TypeError, SQLAlchemyError) as exc:
                        known = isinstance(exc, IntegrityError) and conn.scalar(
                            select(
                                select(articles.c.article_id)
                                .where(articles.c.article_id == article.article_id)
                                .exists()
                            )
                        )
                        out.append(False if known else self._store_error(article.article_id, exc))
                        continue
                    out.append(added)
                    created.update(new_sources)
        except SQLAlchemyError as exc:
            raise LedgerError(
                f"ledger {self.label}: could not store a batch of {len(batch)} articles: {db_reason(exc)}"
            ) from exc
        self._remember_sources(created)
        return out

    def _insert_claims(
        self,
        conn: Connection,
        batch: list[tuple[Article, list[Claim]]],
        first_doc_id: int,
        with_topics: bool = True,
    ) -> dict[tuple[str, str], int]:
        """Claims of the articles of ``batch`` (doc ids from ``first_doc_id`` on, in order), their
        attribution chains and evidence, and (``with_topics``) each article's fusion topics;
        returns the ids of sources it created."""
        claims_ = [claim for _, batch_claims in batch for claim in batch_claims]
        rows: list[dict[str, Any]] = []
        for article, batch_claims in batch:
            for claim in batch_claims:
                rows.append(claim_row(claim, first_doc_id + len(rows), article.published))
        if with_topics:
            self._insert_topics(conn, batch, rows)
        if not claims_:
            return {}
        self._bulk_insert(conn, claims, rows)
        source_ids, created = self._upsert_sources(conn, claims_)
        chain_rows: list[dict[str, Any]] = []
        for claim in claims_:
            for position, link in enumerate(claim.attribution):
                name = source_name(link)
                key = (name_key(name), link.type) if name else None
                chain_rows.append(
                    {
                        "claim_id": claim.claim_id,
                        "position": position,
                        "source_id": source_ids.get(key) if key else None,
                        "cue": link.cue,
                        "text": link.text,
                    }
                )
        self._bulk_insert(conn, claim_sources, chain_rows)
        self._insert_evidence(conn, claims_)
        return created

    def _insert_topics(
        self, conn: Connection, batch: list[tuple[Article, list[Claim]]], rows: list[dict[str, Any]]
    ) -> None:
        """The ``article_topics`` rows of the articles of ``batch`` (``store/topics.py``), found from
        their claims as fusion will read them back: decoded from the stored contract JSON of
        ``rows`` (the claims rows of ``batch``, in order) with the columns fusion reads."""
        found: list[tuple[str, str | None, Any, list[Claim]]] = []
        i = 0
        for article, batch_claims in batch:
            mine = rows[i : i + len(batch_claims)]
            i += len(batch_claims)
            read = [
                claim_from_json(
                    r["data"],
                    qualifiers=r["qualifiers"] or (),
                    sentence_start=r["sentence_start"],
                    part_of=r["part_of"],
                )
                for r in mine
            ]
            found.append((article.article_id, article.outlet, article.published, read))
        topics_store.write(
            conn, topics_store.rows_for(found), lambda c, r: self._bulk_insert(c, article_topics, r)
        )

    def _insert_evidence(self, conn: Connection, claims_: list[Claim]) -> None:
        rows = [
            {
                "claim_id": claim.claim_id,
                "position": position,
                "role": span.role,
                "start": span.start,
                "end": span.end,
            }
            for claim in claims_
            for position, span in enumerate(claim.evidence)
        ]
        self._bulk_insert(conn, evidence, rows)

    def _upsert_sources(
        self, conn: Connection, claims_: list[Claim]
    ) -> tuple[dict[tuple[str, str], int], dict[tuple[str, str], int]]:
        """Ids of the sources of ``claims_`` (unique by normalised name + type), inserting the new
        ones; returns (key -> id for all, key -> id for those not in the committed-ids cache)."""
        wanted: dict[tuple[str, str], dict[str, Any]] = {}
        needed: set[tuple[str, str]] = set()
        for claim in claims_:
            for link in claim.attribution:
                name = source_name(link)
                if not name:
                    continue
                key = (name_key(name), link.type)
                needed.add(key)
                if key[0] and key not in wanted and key not in self._source_ids:
                    wanted[key] = {
                        "name": name[:MAX_NAME],
                        "name_key": key[0],
                        "type": key[1],
                        "country": None,  # a chain link names no country
                        "role": link.role,
                    }
        created: dict[tuple[str, str], int] = {}
        if wanted:
            stmt = self._insert_dialect(sources).on_conflict_do_nothing(index_elements=["name_key", "type"])
            conn.execute(stmt, list(wanted.values()))
            names = sorted({k[0] for k in wanted})
            for chunk in chunks(names):
                query = select(sources.c.source_id, sources.c.name_key, sources.c.type).where(
                    sources.c.name_key.in_(chunk)
                )
                for row in conn.execute(query):
                    if (row.name_key, row.type) in wanted:
                        created[(row.name_key, row.type)] = row.source_id
        known = self._source_ids
        ids = {k: created[k] if k in created else known[k] for k in needed if k in created or k in known}
        return ids, created

    def _remember_sources(self, committed: dict[tuple[str, str], int]) -> None:
        """Keep the ids of committed sources for the next articles; a cache of at most
        ``SOURCE_ID_CACHE`` entries (emptied when full: a source not in it is looked up again), so a
        year of ingest with ever new source names does not grow the writer's memory."""
        if len(self._source_ids) + len(committed) > SOURCE_ID_CACHE:
            self._source_ids.clear()
        self._source_ids.update(committed)

    def delete_article(self, article_id: str) -> bool:
        """Remove an article and everything derived from it (e.g. to re-ingest with newer extractors).

        Sources stay (other articles may cite them). Returns False if the article was not stored.
        """
        with self._write() as conn:
            ids = select(claims.c.claim_id).where(claims.c.article_id == article_id).scalar_subquery()
            conn.execute(evidence.delete().where(evidence.c.claim_id.in_(ids)))
            conn.execute(claim_sources.delete().where(claim_sources.c.claim_id.in_(ids)))
            conn.execute(claims.delete().where(claims.c.article_id == article_id))
            topics_store.forget(conn, [article_id])
            deleted = conn.execute(articles.delete().where(articles.c.article_id == article_id)).rowcount > 0
            if deleted:
                desk_store.write_audit(conn, "delete", self._who(), article_id=article_id)
            return deleted

    # -- reading articles ----------------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        """Whether an article with this id is stored (the runner skips it before parsing)."""
        with self._read() as conn:
            query = select(articles.c.article_id).where(articles.c.article_id == article_id)
            return conn.execute(query).first() is not None

    def find_stored(self, article: Article, text_key: str | None = None) -> str | None:
        """The id under which ``article`` is already stored: its own id, else the id of a stored
        article with the same text (``ingest.ids.text_hash``, or ``text_key`` when the caller has
        it: the same text with and without a URL is one article); None when it is new."""
        query = (
            select(articles.c.article_id)
            .where(
                (articles.c.article_id == article.article_id)
                | (articles.c.text_hash == (text_key or text_hash(article.text)))
            )
            .order_by((articles.c.article_id == article.article_id).desc(), articles.c.doc_id)
            .limit(1)
        )
        with self._read() as conn:
            return conn.scalar(query)

    def find_stored_many(self, items: Sequence[tuple[Article, str | None]]) -> list[str | None]:
        """``find_stored`` for many articles (each with its text hash or None) in a few queries
        instead of one per article: the runner screens whole batches with it."""
        keys = [key or text_hash(article.text) for article, key in items]
        own: set[str] = set()
        by_hash: dict[str, str] = {}  # text hash -> the first stored article id (lowest doc_id)
        step = 400  # ids and hashes per query, well under any driver's parameter limit
        with self._read() as conn:
            for start in range(0, len(items), step):
                ids = [article.article_id for article, _ in items[start : start + step]]
                hashes = keys[start : start + step]
                query = (
                    select(articles.c.article_id, articles.c.text_hash)
                    .where(articles.c.article_id.in_(ids) | articles.c.text_hash.in_(hashes))
                    .order_by(articles.c.doc_id)
                )
                for article_id, key in conn.execute(query):
                    if article_id in ids:
                        own.add(article_id)
                    by_hash.setdefault(key, article_id)
        return [
            article.article_id if article.article_id in own else by_hash.get(key)
            for (article, _), key in zip(items, keys, strict=True)
        ]

    def get_article(self, article_id: str) -> Article | None:
        """The stored article, its text exactly as the claims' offsets expect; None if unknown."""
        with self._read() as conn:
            row = conn.execute(select(articles).where(articles.c.article_id == article_id)).first()
        return article_from_row(row) if row else None

    def articles(self, limit: int | None = None, offset: int = 0) -> list[Article]:
        """Stored articles in ingest order."""
        query = select(articles).order_by(articles.c.doc_id).offset(offset)
        if limit is not None:
            query = query.limit(limit)
        with self._read() as conn:
            return [article_from_row(row) for row in conn.execute(query)]

    def count_articles(self) -> int:
        """How many articles the ledger holds."""
        with self._read() as conn:
            return conn.scalar(select(func.count()).select_from(articles)) or 0

    def count_claims(self) -> int:
        """How many claims the ledger holds."""
        with self._read() as conn:
            return conn.scalar(select(func.count()).select_from(claims)) or 0

    def claim_counts(self) -> dict[str, int]:
        """Claims per article id (stored with the article, so no scan of the claims table)."""
        with self._read() as conn:
            return {
                row[0]: row[1] for row in conn.execute(select(articles.c.article_id, articles.c.claim_count))
            }

    def article_ids(self, prefix: str = "") -> list[str]:
        """Article ids in ingest order, those starting with ``prefix`` only (ids are hex: a short prefix
        is how users name an article)."""
        query = select(articles.c.article_id).order_by(articles.c.doc_id)
        if prefix:
            query = query.where(articles.c.article_id.startswith(prefix, autoescape=True))
        with self._read() as conn:
            return list(conn.execute(query).scalars())

    def search_articles(
        self, query: str, limit: int = 50, mark: tuple[str, str] = ("«", "»")
    ) -> list[tuple[Article, str]]:
        """Articles matching ``query`` (full text over title and text), best first, each with a
        snippet of its text whose matching words are wrapped in ``mark``.

        Query syntax (both backends): words (all required), "quoted phrases", ``OR``, ``-word``.
        """
        with self._read() as conn:
            if self.dialect == "sqlite":
                expr = fts5_query(query)
                if not expr:
                    return []
                sql = text(
                    "SELECT a.*, snippet(articles_fts, 1, :open, :close, '…', 24) AS snippet "
                    "FROM articles_fts JOIN articles a ON a.doc_id = articles_fts.rowid "
                    "WHERE articles_fts MATCH :q ORDER BY bm25(articles_fts) LIMIT :limit"
                )
                params = {"q": expr, "open": mark[0], "close": mark[1], "limit": limit}
            else:
                if not query.strip():
                    return []
                tsq = f"websearch_to_tsquery('{PG_TS_CONFIG}', :q)"
                options = (
                    f'StartSel="{mark[0]}", StopSel="{mark[1]}", MaxWords=30, MinWords=12, MaxFragments=2'
                )
                sql = text(
                    f"SELECT articles.*, ts_headline('{PG_TS_CONFIG}', articles.text, {tsq}, :options) AS snippet "
                    f"FROM articles WHERE {PG_ARTICLE_TSV.format(t='articles.')} @@ {tsq} "
                    f"ORDER BY ts_rank({PG_ARTICLE_TSV.format(t='articles.')}, {tsq}) DESC, articles.doc_id "
                    "LIMIT :limit"
                )
                params = {"q": query, "options": options, "limit": limit}
            rows = conn.execute(sql, params).all()
        out = []
        for row in rows:
            published = row.published
            if isinstance(published, str):  # raw SQL on SQLite returns the stored ISO text
                published = date.fromisoformat(published)
            article = article_from_row(row)
            article.published = published
            out.append((article, row.snippet))
        return out

    # -- reading claims ------------------------------------------------------------------------
    def claims(
        self, where: ClaimFilter = ALL_CLAIMS, *, limit: int | None = None, offset: int = 0
    ) -> list[Claim]:
        """Claims matching ``where`` (see ``ClaimFilter``), in ledger order (article ingest order,
        then text order), at most ``limit`` of them after skipping ``offset``."""
        conditions = self._claim_conditions(where)
        if conditions is None:
            return []
        query = _CLAIM_COLUMNS.where(*conditions).order_by(claims.c.doc_id).offset(offset)
        if limit is not None:
            query = query.limit(limit)
        return self._load_claims(query)

    def _claim_conditions(self, where: ClaimFilter) -> list[Any] | None:
        """WHERE conditions for a claim filter; None when nothing can match."""
        conditions: list[Any] = []
        if where.event is not None:
            conditions.append(claims.c.event == where.event)
        if where.kind is not None:
            conditions.append(claims.c.kind == where.kind)
        if where.country is not None:
            conditions.append(claims.c.subject_country == where.country)
        if where.place_country is not None:
            conditions.append(claims.c.place_countries.like(f"% {where.place_country} %"))
        if where.modality is not None:
            conditions.append(claims.c.modality == where.modality)
        if where.article_id is not None:
            conditions.append(claims.c.article_id == where.article_id)
        for column, name in ((claims.c.speaker, where.speaker), (claims.c.origin, where.origin)):
            if name:
                with self._read() as conn:  # names as the desk shows them (merges, renames, ignores)
                    conditions.append(desk_store.source_name_condition(conn, column, name))
        if where.date_from is not None and where.date_to is not None and where.date_from > where.date_to:
            return None  # an empty interval: no claim, not the ones whose span straddles both ends
        if where.date_from is not None:
            conditions.append(claims.c.date_end >= where.date_from)
        if where.date_to is not None:
            conditions.append(claims.c.date_start <= where.date_to)
        if where.review is not None:
            conditions.append(desk_store.review_condition(where.review))
        if where.search is not None:
            match = self._claim_search(where.search)
            if match is None:
                return None
            conditions.append(match)
        return conditions

    def _claim_search(self, search: str) -> Any:
        if self.dialect == "sqlite":
            expr = fts5_query(search)
            if not expr:
                return None
            fts = text("SELECT rowid FROM claims_fts WHERE claims_fts MATCH :fts_q").bindparams(fts_q=expr)
            return claims.c.doc_id.in_(fts.columns(literal_column("rowid")))
        if not search.strip():
            return None
        return text(
            f"{PG_CLAIM_TSV.format(t='claims.')} @@ websearch_to_tsquery('{PG_TS_CONFIG}', :fts_q)"
        ).bindparams(fts_q=search)

    def get_claim(self, claim_id: str) -> Claim | None:
        """One claim by id, rebuilt with its evidence spans; None if unknown."""
        query = _CLAIM_COLUMNS.where(claims.c.claim_id == claim_id)
        found = self._load_claims(query)
        return found[0] if found else None

    def _load_claims(self, query: Select[Any]) -> list[Claim]:
        return self._load_claim_rows(query)[1]

    def _load_claim_rows(self, query: Select[Any]) -> tuple[list[Any], list[Claim]]:
        """Run a claims query; rebuild each Claim from its contract JSON plus its evidence spans."""
        with self._read() as conn:
            rows = list(conn.execute(query).all())
            spans: dict[str, list[Evidence]] = {row.claim_id: [] for row in rows}
            for chunk in chunks(list(spans)):
                ev = (
                    select(evidence.c.claim_id, evidence.c.role, evidence.c.start, evidence.c.end)
                    .where(evidence.c.claim_id.in_(chunk))
                    .order_by(evidence.c.claim_id, evidence.c.position)
                )
                for e in conn.execute(ev):
                    role = one_of(e.role, EVIDENCE_ROLES, "evidence role")
                    spans[e.claim_id].append(Evidence(role, e.start, e.end))
            loaded = [_stored_claim(row, spans[row.claim_id]) for row in rows]
            if loaded and desk_store.has_desk(conn):  # the desk laid over what was extracted
                view = desk_store.load_view(conn, spans)
                loaded = [view.apply(c) for c in loaded]
        return rows, loaded

    def iter_claims(self, where: ClaimFilter = ALL_CLAIMS, batch: int = 2000) -> Iterator[Claim]:
        """All claims matching ``where`` (as in ``claims``), in ledger order, fetched ``batch`` at a
        time by key (not OFFSET), so an export of millions of claims runs in constant memory and
        linear time."""
        conditions = self._claim_conditions(where)
        if conditions is None:
            return
        last = 0
        while True:
            query = (
                _CLAIM_COLUMNS.add_columns(claims.c.doc_id)
                .where(*conditions, claims.c.doc_id > last)
                .order_by(claims.c.doc_id)
                .limit(batch)
            )
            rows, page = self._load_claim_rows(query)
            yield from page
            if len(page) < batch:
                return
            last = rows[-1].doc_id

    # -- sources -------------------------------------------------------------------------------
    def sources(self) -> list[dict[str, Any]]:
        """Every source with how many claims cite it, as speaker and as origin, and its grade.

        ``{"source_id", "name", "type", "country", "role", "claims", "as_speaker", "as_origin",
        "reliability"}``, most cited first.
        """
        last = (
            select(claim_sources.c.claim_id, func.max(claim_sources.c.position).label("last"))
            .group_by(claim_sources.c.claim_id)
            .subquery()
        )
        cs = claim_sources
        query = (
            select(
                sources.c.source_id,
                sources.c.name,
                sources.c.type,
                sources.c.country,
                sources.c.role,
                func.count(func.distinct(cs.c.claim_id)).label("claims"),
                func.coalesce(func.sum(case((cs.c.position == 0, 1), else_=0)), 0).label("as_speaker"),
                func.coalesce(func.sum(case((cs.c.position == last.c.last, 1), else_=0)), 0).label(
                    "as_origin"
                ),
                grades.c.reliability,
            )
            .select_from(
                sources.outerjoin(cs, cs.c.source_id == sources.c.source_id)
                .outerjoin(last, last.c.claim_id == cs.c.claim_id)
                .outerjoin(grades, grades.c.name_key == sources.c.name_key)
            )
            .group_by(
                sources.c.source_id,
                sources.c.name,
                sources.c.type,
                sources.c.country,
                sources.c.role,
                grades.c.reliability,
            )
            .order_by(func.count(func.distinct(cs.c.claim_id)).desc(), sources.c.name)
        )
        with self._read() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def source_positions(self, source_id: int, limit: int, offset: int) -> list[tuple[str, int, int]]:
        """Where a source stands in attribution chains: ``(claim_id, position, last position of that
        chain)`` by claim id and position, ``limit`` rows from ``offset`` (a source page's claims)."""
        last = (
            select(claim_sources.c.claim_id, func.max(claim_sources.c.position).label("last"))
            .group_by(claim_sources.c.claim_id)
            .subquery()
        )
        query = (
            select(claim_sources.c.claim_id, claim_sources.c.position, last.c.last)
            .join(last, last.c.claim_id == claim_sources.c.claim_id)
            .where(claim_sources.c.source_id == source_id)
            .order_by(claim_sources.c.claim_id, claim_sources.c.position)
            .limit(limit)
            .offset(offset)
        )
        with self._read() as conn:
            return [(row.claim_id, row.position, row.last) for row in conn.execute(query)]

    def source_ids_by_name(self) -> dict[str, int]:
        """Casefolded source name -> source id (to link the names of a chain to source pages)."""
        with self._read() as conn:
            return {
                row.name.casefold(): row.source_id
                for row in conn.execute(select(sources.c.source_id, sources.c.name))
            }

    # -- failures ------------------------------------------------------------------------------
    def record_failure(self, source: str, reason: str) -> None:
        """Record that an input could not be ingested (listed by ``failures``). One row per input:
        a failure of an input already listed replaces its reason and time and counts one more
        attempt. Both texts are stored as ``ingest.boundary`` makes them safe (no NUL, no lone
        surrogate: a non-UTF-8 file name is kept with its bad bytes escaped)."""
        source, reason = safe_text(source), one_line(reason)
        row = {
            "source": source,
            "source_key": failure_key(source),
            "reason": reason,
            "at": datetime.now(UTC),
            "attempts": 1,
        }
        stmt = self._insert_dialect(failures)
        stmt = stmt.on_conflict_do_update(
            index_elements=["source_key"],
            set_={
                "reason": stmt.excluded.reason,
                "at": stmt.excluded.at,
                "attempts": failures.c.attempts + 1,
            },
        )
        try:
            with self._write() as conn:
                conn.execute(stmt, row)
        except (SQLAlchemyError, UnicodeError, ValueError) as exc:
            raise LedgerError(f"ledger {self.label}: cannot record a failure: {db_reason(exc)}") from exc

    def clear_failures(self, *sources: str | None) -> int:
        """Forget the failures of these inputs (they have been ingested since); returns how many."""
        with self._write() as conn:
            return self._clear_failures(conn, *sources)

    def _clear_failures(self, conn: Connection, *sources: str | None) -> int:
        keys = sorted({failure_key(safe_text(s)) for s in sources if s})
        cleared = 0
        for chunk in chunks(keys):
            cleared += conn.execute(failures.delete().where(failures.c.source_key.in_(chunk))).rowcount or 0
        return cleared

    def failed_sources(self) -> set[str]:
        """The inputs listed by ``failures`` (the runner clears those it later finds stored)."""
        with self._read() as conn:
            return set(conn.execute(select(failures.c.source)).scalars())

    def failures(self, since: datetime | None = None) -> list[Failure]:
        """Recorded failures, one per input with its latest reason, time (``at``) and how many runs
        failed on it (``attempts``), least recently failed first; ``since`` keeps those whose latest
        attempt was at or after that time."""
        query = select(failures.c.source, failures.c.reason, failures.c.attempts, failures.c.at).order_by(
            failures.c.at, failures.c.failure_id
        )
        if since is not None:
            if since.tzinfo is not None and self.dialect == "sqlite":
                since = since.astimezone(UTC).replace(tzinfo=None)  # SQLite stores naive UTC
            query = query.where(failures.c.at >= since)
        with self._read() as conn:
            return [
                Failure(row.source, row.reason, attempts=row.attempts or 1, at=_utc(row.at))
                for row in conn.execute(query)
            ]

    # -- grades (Admiralty reliability) ---------------------------------------------------------
    def set_grade(self, name: str, letter: str, by: str | None = None) -> None:
        """Grade a source or outlet's reliability, Admiralty code A (completely reliable) .. E
        (unreliable), F (cannot be judged); a new grade replaces the old one. The change goes to the
        audit under ``by`` (else the ledger's user)."""
        letter = (letter or "").strip().upper()
        if len(letter) != 1 or letter not in RELIABILITY:
            raise InputError(f"grade {letter or '(empty)'!r} for {name!r}", "reliability must be one of A-F")
        if not name or not name_key(name):
            raise InputError("grade", "a source or outlet name is required")
        row = {
            "name_key": name_key(name),
            "name": name.strip(),
            "reliability": letter,
            "set_at": datetime.now(UTC),
        }
        stmt = self._insert_dialect(grades)
        stmt = stmt.on_conflict_do_update(
            index_elements=["name_key"],
            set_={
                "name": stmt.excluded.name,
                "reliability": stmt.excluded.reliability,
                "set_at": stmt.excluded.set_at,
            },
        )
        with self._write() as conn:
            old = conn.scalar(select(grades.c.reliability).where(grades.c.name_key == row["name_key"]))
            conn.execute(stmt, row)
            desk_store.write_audit(
                conn, "grade", self._who(by), source=row["name"], before={"reliability": old},
                after={"reliability": letter},
            )  # fmt: skip

    def grades(self) -> list[dict[str, Any]]:
        """Every grade set: ``{"name", "reliability", "set_at"}``, by name."""
        query = select(grades.c.name, grades.c.reliability, grades.c.set_at).order_by(grades.c.name_key)
        with self._read() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def grade(self, name: str) -> str | None:
        """The reliability letter set for a source or outlet name, or None."""
        with self._read() as conn:
            return conn.scalar(select(grades.c.reliability).where(grades.c.name_key == name_key(name)))

    # -- fusion inputs (claimtrail.fusion) -------------------------------------------------------
    def fusion_stamp(self) -> str:
        """A fingerprint of everything fusion reads: it changes when an article is added or deleted
        or a grade is set, so a fusion result cached under it is stale exactly when it differs.
        The ingest time of the newest article tells a deletion followed by an addition (equal
        counts, and doc ids that are reused) from no change: whatever was deleted, the newest
        article is then one just added. It is read by the doc id index, not by a scan."""
        newest = select(func.max(articles.c.doc_id)).scalar_subquery()
        query = select(
            select(func.count()).select_from(claims).scalar_subquery(),
            select(func.max(claims.c.doc_id)).scalar_subquery(),
            select(func.count()).select_from(articles).scalar_subquery(),
            newest,
            select(articles.c.ingested_at).where(articles.c.doc_id == newest).scalar_subquery(),
            select(func.count()).select_from(grades).scalar_subquery(),
            select(func.max(grades.c.set_at)).scalar_subquery(),
            select(func.max(audit.c.audit_id)).scalar_subquery(),  # every desk write is audited
        )
        with self._read() as conn:
            row = conn.execute(query).one()
        return "/".join(str(x) for x in row)

    def article_meta(self) -> dict[str, tuple[str | None, date | None]]:
        """``{article_id: (outlet, published)}`` for every article, without loading texts."""
        query = select(articles.c.article_id, articles.c.outlet, articles.c.published)
        with self._read() as conn:
            return {row.article_id: (row.outlet, _published(row.published)) for row in conn.execute(query)}

    def claims_for_fusion(self, batch: int = 5000) -> Iterator[Claim]:
        """Every claim with its qualifiers but without evidence spans (fusion does not read them),
        in ledger order, fetched ``batch`` at a time by key; as the desk shows them (corrected
        values, merged and ignored sources, the review), without the claims it rejected."""
        with self._read() as conn:
            view = desk_store.load_view(conn) if desk_store.has_desk(conn) else None
        last = 0
        while True:
            query = (
                select(*_FUSION_COLUMNS).where(claims.c.doc_id > last).order_by(claims.c.doc_id).limit(batch)
            )
            with self._read() as conn:
                rows = conn.execute(query).all()
            yield from _for_fusion(rows, view)
            if len(rows) < batch:
                return
            last = rows[-1].doc_id

    def claims_for_fusion_of(self, article_ids: Iterable[str]) -> list[Claim]:
        """The claims of these articles as ``claims_for_fusion`` gives them (desk laid over, rejected
        claims left out), in ledger order: what incremental fusion re-fuses one component from."""
        wanted = sorted(set(article_ids))
        rows: list[Any] = []
        with self._read() as conn:
            view = desk_store.load_view(conn) if desk_store.has_desk(conn) else None
            for chunk in chunks(wanted):
                query = select(*_FUSION_COLUMNS).where(claims.c.article_id.in_(chunk))
                rows.extend(conn.execute(query).all())
        rows.sort(key=lambda r: r.doc_id)
        return list(_for_fusion(rows, view))

    def article_meta_of(self, article_ids: Iterable[str]) -> dict[str, tuple[str | None, date | None]]:
        """``article_meta`` of these articles only (those still stored)."""
        out: dict[str, tuple[str | None, date | None]] = {}
        with self._read() as conn:
            for chunk in chunks(sorted(set(article_ids))):
                query = select(articles.c.article_id, articles.c.outlet, articles.c.published).where(
                    articles.c.article_id.in_(chunk)
                )
                out.update(
                    {row.article_id: (row.outlet, _published(row.published)) for row in conn.execute(query)}
                )
        return out

    # -- watching (claimtrail.watch) -------------------------------------------------------------
    def article_refs(self) -> dict[str, tuple[str | None, str | None, str | None]]:
        """``{article_id: (title, url, outlet)}`` for every article, without loading texts (the
        watch digest names the articles a round added)."""
        query = select(articles.c.article_id, articles.c.title, articles.c.url, articles.c.outlet)
        with self._read() as conn:
            return {row.article_id: (row.title, row.url, row.outlet) for row in conn.execute(query)}

    def watch_state(self, url: str) -> dict[str, Any] | None:
        """What ``claimtrail watch`` remembers of a URL (a ``watch_state`` row as a dict), or None."""
        with self._read() as conn:
            row = conn.execute(select(watch_state).where(watch_state.c.url == url)).first()
        if row is None:
            return None
        state = dict(row._mapping)
        for key in ("last_poll", "next_poll"):
            state[key] = _utc(state[key])
        return state

    def save_watch_state(self, state: dict[str, Any]) -> None:
        """Insert or replace the ``watch_state`` row of ``state["url"]``."""
        stmt = self._insert_dialect(watch_state)
        columns = [c.key for c in watch_state.columns if c.key != "url"]
        stmt = stmt.on_conflict_do_update(
            index_elements=["url"], set_={k: getattr(stmt.excluded, k) for k in columns}
        )
        with self._write() as conn:
            conn.execute(stmt, {c.key: state.get(c.key) for c in watch_state.columns})

    def add_watch_round(self, at: datetime, since: datetime | None, digest: dict[str, Any]) -> None:
        """Record one watch round: when it ended, when the one before ended, and its digest JSON."""
        with self._write() as conn:
            conn.execute(watch_rounds.insert(), {"at": at, "since": since, "digest": digest})

    def watch_rounds(self, since: datetime | None = None) -> list[dict[str, Any]]:
        """Recorded watch rounds ``{"at", "since", "digest"}``, oldest first; ``since`` keeps the
        rounds that ended after that time."""
        query = select(watch_rounds.c.at, watch_rounds.c.since, watch_rounds.c.digest).order_by(
            watch_rounds.c.at, watch_rounds.c.round_id
        )
        if since is not None:
            if since.tzinfo is not None and self.dialect == "sqlite":
                since = since.astimezone(UTC).replace(tzinfo=None)  # SQLite stores naive UTC
            query = query.where(watch_rounds.c.at > since)
        with self._read() as conn:
            rows = conn.execute(query).all()
        return [{"at": _utc(r.at), "since": _utc(r.since), "digest": r.digest} for r in rows]
