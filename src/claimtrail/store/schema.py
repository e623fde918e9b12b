"""The ledger's tables (SQLAlchemy Core), one schema for SQLite and PostgreSQL.

Tables hold what ``model.py`` passes between stages: ``articles`` (with the exact text every offset
points into), ``claims`` (filterable columns plus ``data``, the full claims.jsonl object),
``sources`` (one row per distinct source: normalised name + type), ``claim_sources`` (each claim's
attribution chain, position 0 = speaker .. last = origin), ``evidence`` (character spans), ``failures``
(inputs that could not be ingested, one row per input with its latest reason and attempt count), ``grades`` (Admiralty reliability per source or outlet), ``watch_state`` and
``watch_rounds`` (what ``claimtrail watch`` remembers between rounds), the desk's ``desk_claims``,
``desk_sources``, ``audit`` and ``users`` (version 5) and
``schema_version`` (the migrations applied, see ``migrations``).

Full-text search is the one part that differs by backend, so it is created by ``create_fts``:
SQLite gets FTS5 *external content* tables (``articles_fts``, ``claims_fts``) that read the text
from ``articles``/``claims`` and are kept in sync by triggers; PostgreSQL gets GIN indexes on
``to_tsvector('english', ...)`` expressions, which the queries in ``ledger.py`` repeat verbatim so
the planner uses them. The tables themselves are identical on both backends.

FTS5 external content needs a stable integer key, and SQLite's implicit rowid may change on VACUUM
for tables whose primary key is not an INTEGER PRIMARY KEY; hence ``articles.doc_id`` and
``claims.doc_id``, unique integers assigned by the ledger inside the insert transaction.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Connection,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB

metadata = MetaData()

#: JSON on SQLite (stored as text), JSONB on PostgreSQL (indexable, compact).
JSONType = JSON().with_variant(JSONB(), "postgresql")

#: The text search configuration used on PostgreSQL; SQLite's FTS5 uses the porter stemmer to match.
PG_TS_CONFIG = "english"

articles = Table(
    "articles",
    metadata,
    Column("article_id", String(), primary_key=True),
    Column("doc_id", Integer, nullable=False, unique=True),
    Column("url", Text),
    Column("title", Text),
    Column("outlet", Text),
    Column("published", Date),
    Column("published_inferred", Boolean, nullable=False, default=False),
    Column("language", String()),
    Column("text", Text, nullable=False),
    Column("source_path", Text),
    Column("fmt", String(), nullable=False, default="text"),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("claim_count", Integer, nullable=False, default=0),
    # Hash of the whitespace-normalised text (ingest.ids.text_hash): the same text under another id
    # (with and without a URL) is a duplicate, reported and not stored twice. Added in version 2.
    Column("text_hash", String()),
)
Index("ix_articles_published", articles.c.published)
Index("ix_articles_outlet", articles.c.outlet)
Index("ix_articles_text_hash", articles.c.text_hash)

claims = Table(
    "claims",
    metadata,
    Column("claim_id", String(), primary_key=True),
    Column("doc_id", Integer, nullable=False, unique=True),
    Column("article_id", String(), ForeignKey("articles.article_id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(), nullable=False),
    Column("event", String()),
    Column("sentence", Text, nullable=False),
    Column("sentence_start", Integer, nullable=False, default=0),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("modality", String(), nullable=False),
    Column("subject_text", Text),
    Column("subject_normalized", Text),
    Column("subject_country", String()),
    Column("value", Float),
    Column("low", Float),
    Column("high", Float),
    Column("unit", String()),
    Column("normalized_value", Float),
    Column("normalized_unit", String()),
    Column("event_date_start", Date),
    Column("event_date_end", Date),
    Column("statement_date_start", Date),
    Column("statement_date_end", Date),
    # The dates the claim is about: its event time, else its statement time, else the article's date.
    Column("date_start", Date),
    Column("date_end", Date),
    Column("speaker", Text),  # name of the first source of the chain
    Column("origin", Text),  # name of the last source of the chain
    Column("place_countries", Text),  # " UA RU " : every place country, space-delimited, for LIKE
    Column("qualifiers", JSONType),
    Column("data", JSONType, nullable=False),  # the full claims.jsonl contract object
    # The claim id of the figure of the same sentence this one is a part of ("31 of 35 drones"):
    # internal, not in the contract object. Added in version 3.
    Column("part_of", String()),
)
Index("ix_claims_article", claims.c.article_id)
Index("ix_claims_event", claims.c.event)
Index("ix_claims_subject_country", claims.c.subject_country)
Index("ix_claims_modality", claims.c.modality)
Index("ix_claims_dates", claims.c.date_start, claims.c.date_end)

sources = Table(
    "sources",
    metadata,
    Column("source_id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False),  # as first seen ("Yu Yong-weon", "Ukrainian intelligence")
    Column("name_key", Text, nullable=False),  # casefolded, whitespace collapsed: the identity
    Column("type", String(), nullable=False, default="unknown"),
    Column("country", String()),
    Column("role", Text),
    UniqueConstraint("name_key", "type", name="uq_sources_name_type"),
)

claim_sources = Table(
    "claim_sources",
    metadata,
    Column("claim_id", String(), ForeignKey("claims.claim_id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),  # 0 = speaker .. last = origin
    Column("source_id", Integer, ForeignKey("sources.source_id")),  # NULL: a cue without a source
    Column("cue", Text),
    Column("text", Text),
)
Index("ix_claim_sources_source", claim_sources.c.source_id)

evidence = Table(
    "evidence",
    metadata,
    Column("claim_id", String(), ForeignKey("claims.claim_id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),  # the order of Claim.evidence (the main span first)
    Column("role", String(), nullable=False),  # quantity | content | subject | trigger | time | place | ...
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

failures = Table(
    "failures",
    metadata,
    Column("failure_id", Integer, primary_key=True, autoincrement=True),
    Column("source", Text, nullable=False),
    Column("reason", Text, nullable=False),  # of the latest attempt
    Column("at", DateTime(timezone=True), nullable=False),  # time of the latest attempt
    # One row per input (version 2): a hash of ``source`` (a path can be longer than an index
    # entry may be), how many runs failed on it; a later success of the input deletes the row.
    Column("source_key", String()),
    Column("attempts", Integer, nullable=False, default=1, server_default="1"),
)
Index("ux_failures_source_key", failures.c.source_key, unique=True)

grades = Table(
    "grades",
    metadata,
    Column("name_key", Text, primary_key=True),
    Column("name", Text, nullable=False),  # a source name or an outlet
    Column("reliability", String(), nullable=False),  # Admiralty A..F
    Column("set_at", DateTime(timezone=True), nullable=False),
)

# ``claimtrail watch`` (version 4): per watched URL its conditional-request validators, when it was
# last polled, its last error with the count of failed polls in a row (the backoff), and the keys of
# the feed entries already read; and one row per round with its digest, for "what changed since".
watch_state = Table(
    "watch_state",
    metadata,
    Column("url", Text, primary_key=True),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("last_poll", DateTime(timezone=True)),
    Column("last_error", Text),
    Column("errors", Integer, nullable=False, default=0, server_default="0"),
    Column("next_poll", DateTime(timezone=True)),
    Column("items_seen", JSONType),  # feed entry keys (id, else link), newest last
)

watch_rounds = Table(
    "watch_rounds",
    metadata,
    Column("round_id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),  # when the round ended
    Column("since", DateTime(timezone=True)),  # when the round before it ended (None: the first)
    Column("digest", JSONType, nullable=False),  # contract.digest.digest_to_json
)
Index("ix_watch_rounds_at", watch_rounds.c.at)

# The analyst's desk (version 5, ``store/desk.py``): what people decided, kept apart from what was
# extracted. ``desk_claims``: one row per claim a person reviewed, corrected or added, with the
# article and evidence span it is re-attached by after a re-extraction; ``desk_sources``: source
# merges, renames and ignores; ``audit``: every write, append-only; ``users``: hashed tokens.
desk_claims = Table(
    "desk_claims",
    metadata,
    Column("claim_id", String(), primary_key=True),
    Column("article_id", String(), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("kind", String(), nullable=False),
    Column("status", String(), nullable=False, default="unreviewed", server_default="unreviewed"),
    Column("note", Text),
    Column("by_user", Text),
    Column("at", DateTime(timezone=True)),
    Column("corrections", JSONType),  # contract field name -> corrected contract JSON value
    Column("added", JSONType),  # the contract object of a claim recorded by hand, else NULL
)
Index("ix_desk_claims_article", desk_claims.c.article_id)
Index("ix_desk_claims_status", desk_claims.c.status)

desk_sources = Table(
    "desk_sources",
    metadata,
    Column("name_key", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("action", String(), nullable=False),  # merge | rename | ignore
    Column("target", Text),  # the name it becomes (merge, rename); NULL for ignore
    Column("by_user", Text),
    Column("at", DateTime(timezone=True), nullable=False),
)

audit = Table(
    "audit",
    metadata,
    Column("audit_id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("by_user", Text),
    Column("action", String(), nullable=False),
    Column("claim_id", String()),
    Column("source", Text),  # a source or outlet name (merge, rename, ignore, grade)
    Column("article_id", String()),
    Column("before", JSONType),
    Column("after", JSONType),
)
Index("ix_audit_claim", audit.c.claim_id)
Index("ix_audit_source", audit.c.source)

users = Table(
    "users",
    metadata,
    Column("name", Text, primary_key=True),
    Column("token_hash", String(), nullable=False, unique=True),  # sha256 hex of the token
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
)

# Persisted fusion (version 6, ``fusion/incremental.py``): which fusion component each article is in
# and the topics that put it there (the merged subjects its figures count), and each component's
# fused result, so the CLI, the web and the API read fusion without recomputing it and an ingest
# re-fuses only the components it touches. ``fusion_tracked`` holds each tracked quantity as the
# fields of ``TrackedQuantity`` as JSON, for SQL readers.
fusion_topics = Table(
    "fusion_topics",
    metadata,
    Column("topic", Text, primary_key=True),
    Column("article_id", String(), primary_key=True),
)
Index("ix_fusion_topics_article", fusion_topics.c.article_id)

fusion_articles = Table(
    "fusion_articles",
    metadata,
    Column("article_id", String(), primary_key=True),
    Column("component", String(), nullable=False),
)
Index("ix_fusion_articles_component", fusion_articles.c.component)

fusion_components = Table(
    "fusion_components",
    metadata,
    Column("component", String(), primary_key=True),
    Column("articles", Integer, nullable=False),
    Column("claims", Integer, nullable=False),
    Column("state", JSONType, nullable=False),  # fusion.incremental.state_to_json
    Column("built_at", DateTime(timezone=True), nullable=False),
)

fusion_tracked = Table(
    "fusion_tracked",
    metadata,
    Column("tracked_id", String(), primary_key=True),
    Column("component", String(), nullable=False),
    Column("label", Text, nullable=False),
    Column("claims", Integer, nullable=False),
    Column("data", JSONType, nullable=False),  # dataclasses.asdict(TrackedQuantity)
)
Index("ix_fusion_tracked_component", fusion_tracked.c.component)

# Topics found when an article is written (version 7, ``store/topics.py``): the fusion topics of
# each article as computed from its claims alone by the code of ``version``, so a full fusion run
# reads them instead of every claim. Rows of articles the desk holds rows of are not trusted.
article_topics = Table(
    "article_topics",
    metadata,
    Column("article_id", String(), primary_key=True),
    Column("version", String(), nullable=False),
    Column("topics", JSONType, nullable=False),  # sorted list of topic strings
)

fusion_meta = Table(
    "fusion_meta",
    metadata,
    Column("key", String(), primary_key=True),
    Column("value", Text),
)

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("description", Text, nullable=False),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)

# ---------------------------------------------------------------------------------------------
# Full-text search (backend-specific DDL)

SQLITE_FTS = [
    # porter: "killed" finds "kill", "troops" finds "troop" (as PostgreSQL's english config does).
    "CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5("
    "title, text, content='articles', content_rowid='doc_id', tokenize='porter unicode61')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS claims_fts USING fts5("
    "sentence, content='claims', content_rowid='doc_id', tokenize='porter unicode61')",
    """CREATE TRIGGER IF NOT EXISTS articles_fts_ai AFTER INSERT ON articles BEGIN
         INSERT INTO articles_fts(rowid, title, text) VALUES (new.doc_id, new.title, new.text);
       END""",
    """CREATE TRIGGER IF NOT EXISTS articles_fts_ad AFTER DELETE ON articles BEGIN
         INSERT INTO articles_fts(articles_fts, rowid, title, text)
           VALUES ('delete', old.doc_id, old.title, old.text);
       END""",
    """CREATE TRIGGER IF NOT EXISTS articles_fts_au AFTER UPDATE OF title, text, doc_id ON articles BEGIN
         INSERT INTO articles_fts(articles_fts, rowid, title, text)
           VALUES ('delete', old.doc_id, old.title, old.text);
         INSERT INTO articles_fts(rowid, title, text) VALUES (new.doc_id, new.title, new.text);
       END""",
    """CREATE TRIGGER IF NOT EXISTS claims_fts_ai AFTER INSERT ON claims BEGIN
         INSERT INTO claims_fts(rowid, sentence) VALUES (new.doc_id, new.sentence);
       END""",
    """CREATE TRIGGER IF NOT EXISTS claims_fts_ad AFTER DELETE ON claims BEGIN
         INSERT INTO claims_fts(claims_fts, rowid, sentence) VALUES ('delete', old.doc_id, old.sentence);
       END""",
    """CREATE TRIGGER IF NOT EXISTS claims_fts_au AFTER UPDATE OF sentence, doc_id ON claims BEGIN
         INSERT INTO claims_fts(claims_fts, rowid, sentence) VALUES ('delete', old.doc_id, old.sentence);
         INSERT INTO claims_fts(rowid, sentence) VALUES (new.doc_id, new.sentence);
       END""",
]

#: The indexed expressions; ledger.py queries with exactly these so PostgreSQL uses the GIN indexes.
#: (The planner matches parsed expressions, so the table-qualified names in queries still match.)
PG_ARTICLE_TSV = f"to_tsvector('{PG_TS_CONFIG}', coalesce({{t}}title, '') || ' ' || {{t}}text)"
PG_CLAIM_TSV = f"to_tsvector('{PG_TS_CONFIG}', {{t}}sentence)"

POSTGRES_FTS = [
    f"CREATE INDEX IF NOT EXISTS ix_articles_fts ON articles USING gin (({PG_ARTICLE_TSV.format(t='')}))",
    f"CREATE INDEX IF NOT EXISTS ix_claims_fts ON claims USING gin (({PG_CLAIM_TSV.format(t='')}))",
]


def create_fts(conn: Connection) -> None:
    """Create the full-text search structures of the connection's backend (idempotent)."""
    statements = SQLITE_FTS if conn.dialect.name == "sqlite" else POSTGRES_FTS
    for statement in statements:
        conn.exec_driver_sql(statement)


def create_all(conn: Connection) -> None:
    """Create every table, index and full-text structure of the current schema (idempotent)."""
    metadata.create_all(conn)
    create_fts(conn)
