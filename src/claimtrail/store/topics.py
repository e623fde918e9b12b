"""Each article's fusion topics, found when the article is written (table ``article_topics``).

The topics of an article (what joins it to other articles in one fusion component,
``fusion/incremental.py``) are a function of that article's claims and metadata alone, so the
writer finds them while it holds the claims, and a full fusion run reads them with one query
instead of reading every claim of the ledger again. The store cannot import fusion (fusion reads
the store), so fusion registers the function that finds them (``register``, done when
``claimtrail.fusion`` is imported) with the version of the code that finds them; rows of another
version are not used.

What a full run trusts (``stored``): a row of the current version, for an article the desk holds
no rows of (its reviews, corrections and added claims change what fusion reads), and only when the
desk has no source actions (merges, renames and ignores change the claims of every article as
fusion reads them). Anything else is found from the claims, as before, and stored back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, delete, select

from ..model import Claim
from .rows import chunks
from .schema import article_topics, claims, desk_claims, desk_sources

#: Finds an article's topics: (article id, its claims as fusion reads them, outlet, published).
Finder = Callable[[str, list[Claim], str | None, date | None], set[str]]

_finder: tuple[Callable[[], str], Finder] | None = None


def register(version: Callable[[], str], finder: Finder) -> None:
    """Set the function the writer finds topics with, and the one giving the version its rows are
    stored under (called when a row is written: it may read data files)."""
    global _finder
    _finder = (version, finder)


def version() -> str | None:
    """The version of the registered finder (None before fusion is imported)."""
    return _finder[0]() if _finder else None


def rows_for(
    articles: Sequence[tuple[str, str | None, Any, list[Claim]]],
) -> list[dict[str, Any]]:
    """The ``article_topics`` rows of articles being written: ``(article_id, outlet, published,
    claims as fusion will read them)``. None without a registered finder; an article whose
    publication time is a datetime (stored as UTC, read back as a day) is left for the full run,
    as is one whose topics cannot be found here."""
    if _finder is None:
        return []
    tag, finder = _finder[0](), _finder[1]
    out: list[dict[str, Any]] = []
    for article_id, outlet, published, read in articles:
        if isinstance(published, datetime):
            continue
        try:
            found = finder(article_id, read, outlet, published)
        except (ValueError, TypeError, KeyError, AttributeError, IndexError):
            continue  # the full run finds them from the stored claims, and fails there if it must
        out.append({"article_id": article_id, "version": tag, "topics": sorted(found)})
    return out


def write(
    conn: Connection,
    rows: list[dict[str, Any]],
    insert: Callable[[Connection, list[dict[str, Any]]], None],
) -> None:
    """Replace the ``article_topics`` rows of these articles (``insert``: the ledger's bulk insert)."""
    if not rows:
        return
    for chunk in chunks(sorted(r["article_id"] for r in rows)):
        conn.execute(delete(article_topics).where(article_topics.c.article_id.in_(chunk)))
    insert(conn, rows)


def forget(conn: Connection, article_ids: Iterable[str]) -> None:
    """Drop the stored topics of these articles (deleted)."""
    for chunk in chunks(sorted(set(article_ids))):
        conn.execute(delete(article_topics).where(article_topics.c.article_id.in_(chunk)))


def stored(conn: Connection, tag: str) -> dict[str, set[str]]:
    """The stored topics a full run may use (see the module docstring): rows of version ``tag`` of
    articles the desk holds no rows of; nothing when the desk has source actions."""
    if conn.scalar(select(select(desk_sources.c.name_key).exists())):
        return {}
    held = select(desk_claims.c.article_id)
    query = select(article_topics.c.article_id, article_topics.c.topics).where(
        article_topics.c.version == tag, article_topics.c.article_id.not_in(held)
    )
    return {row.article_id: set(_list(row.topics)) for row in conn.execute(query)}


def missing_condition(tag: str) -> Any:
    """A WHERE condition on ``claims``: the claims of articles without topics ``stored`` would
    give (no row of version ``tag``, or the desk holds rows of the article). Source actions are
    the caller's to check (with them, every article's topics are found again)."""
    held = select(desk_claims.c.article_id)
    usable = select(article_topics.c.article_id).where(
        article_topics.c.version == tag, article_topics.c.article_id.not_in(held)
    )
    return claims.c.article_id.not_in(usable)


def _list(value: Any) -> list[str]:
    """A JSON column's list (text on some drivers)."""
    if isinstance(value, str):
        import json

        return list(json.loads(value))
    return list(value)
