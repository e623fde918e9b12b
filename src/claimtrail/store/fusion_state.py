"""The ledger side of persisted fusion (``fusion/incremental.py``): the topics of each article, the
component each article was fused in, each component's fused state and the stamp the state is
current for (tables of migration 6). Plain reads and one write transaction per update; no fusion
logic here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, select

from .ledger import Ledger
from .rows import chunks
from .schema import (
    articles,
    claims,
    fusion_articles,
    fusion_components,
    fusion_meta,
    fusion_topics,
    fusion_tracked,
)


@dataclass(frozen=True)
class ComponentRow:
    """One fused component as stored: its id, its articles, its claim count, its state (JSON) and
    its tracked quantities as ``(tracked_id, label, claim count, contract JSON)``."""

    component: str
    article_ids: tuple[str, ...]
    claims: int
    state: dict[str, Any]
    tracked: tuple[tuple[str, str, int, dict[str, Any]], ...]


def meta(ledger: Ledger) -> dict[str, str]:
    """Every ``fusion_meta`` value by key (the stamp the state is current for, its version)."""
    with ledger._read() as conn:
        return {row.key: row.value for row in conn.execute(select(fusion_meta))}


def topics_of(ledger: Ledger, article_ids: Iterable[str]) -> dict[str, set[str]]:
    """The stored topics of these articles (those that have some)."""
    return _pairs(ledger, fusion_topics.c.article_id, fusion_topics.c.topic, article_ids)


def articles_with(ledger: Ledger, topics: Iterable[str]) -> dict[str, set[str]]:
    """``{topic: articles}`` for these topics, as stored."""
    return _pairs(ledger, fusion_topics.c.topic, fusion_topics.c.article_id, topics)


def _pairs(ledger: Ledger, key: Any, value: Any, keys: Iterable[str]) -> dict[str, set[str]]:
    """The ``value`` column of the ``fusion_topics`` rows whose ``key`` column is one of ``keys``."""
    out: dict[str, set[str]] = {}
    with ledger._read() as conn:
        for chunk in chunks(sorted(set(keys))):
            for k, v in conn.execute(select(key, value).where(key.in_(chunk))):
                out.setdefault(k, set()).add(v)
    return out


def components_of(ledger: Ledger, article_ids: Iterable[str]) -> set[str]:
    """The components these articles were last fused in."""
    found: set[str] = set()
    with ledger._read() as conn:
        for chunk in chunks(sorted(set(article_ids))):
            query = select(fusion_articles.c.component).where(fusion_articles.c.article_id.in_(chunk))
            found.update(conn.scalars(query))
    return found


def fused_article_ids(ledger: Ledger) -> set[str]:
    """Every article the state has fused."""
    with ledger._read() as conn:
        return set(conn.scalars(select(fusion_articles.c.article_id)))


def stored_article_ids(ledger: Ledger) -> set[str]:
    """Every article of the ledger (ids only)."""
    with ledger._read() as conn:
        return set(conn.scalars(select(articles.c.article_id)))


def states(ledger: Ledger) -> list[tuple[str, dict[str, Any]]]:
    """Every component's state, by component id."""
    query = select(fusion_components.c.component, fusion_components.c.state).order_by(
        fusion_components.c.component
    )
    with ledger._read() as conn:
        return [(row.component, _json(row.state)) for row in conn.execute(query)]


def _json(value: Any) -> dict[str, Any]:
    """A JSON column's value (text on some drivers)."""
    if isinstance(value, str):
        import json

        loaded: dict[str, Any] = json.loads(value)
        return loaded
    return dict(value)


def save(
    ledger: Ledger,
    topics: dict[str, set[str]],
    gone: Iterable[str],
    old_components: Iterable[str],
    new: list[ComponentRow],
    settings: dict[str, str],
    replace_all: bool = False,
) -> None:
    """In one transaction: replace the topics of the articles in ``topics`` and drop those of the
    ``gone`` articles, drop the ``old_components`` with their articles and tracked quantities,
    store the ``new`` ones, and set the ``settings`` of ``fusion_meta`` (the stamp). With
    ``replace_all`` the whole state is dropped first (a full run)."""
    now = datetime.now(UTC)
    with ledger._write() as conn:
        if replace_all:
            _clear(conn)
        for chunk in chunks(sorted(set(topics) | set(gone))):
            conn.execute(delete(fusion_topics).where(fusion_topics.c.article_id.in_(chunk)))
        ledger._bulk_insert(
            conn,
            fusion_topics,
            [{"topic": t, "article_id": a} for a, ts in sorted(topics.items()) for t in sorted(ts)],
        )
        _drop(conn, sorted(set(old_components)), gone)
        for row in new:
            _drop(conn, [row.component], row.article_ids)
        for chunk in chunks(sorted(t[0] for r in new for t in r.tracked)):
            conn.execute(delete(fusion_tracked).where(fusion_tracked.c.tracked_id.in_(chunk)))
        ledger._bulk_insert(
            conn,
            fusion_components,
            [
                {
                    "component": r.component,
                    "articles": len(r.article_ids),
                    "claims": r.claims,
                    "state": r.state,
                    "built_at": now,
                }
                for r in new
            ],
        )
        ledger._bulk_insert(
            conn,
            fusion_articles,
            [{"article_id": a, "component": r.component} for r in new for a in r.article_ids],
        )
        ledger._bulk_insert(
            conn,
            fusion_tracked,
            [
                {"tracked_id": tid, "component": r.component, "label": label, "claims": n, "data": data}
                for r in new
                for tid, label, n, data in r.tracked
            ],
        )
        for key, value in settings.items():
            conn.execute(delete(fusion_meta).where(fusion_meta.c.key == key))
            conn.execute(fusion_meta.insert().values(key=key, value=value))


def _drop(conn: Connection, components: list[str], article_ids: Iterable[str]) -> None:
    """Delete these components (their state, articles and tracked quantities) and the component
    rows of these articles."""
    for chunk in chunks(components):
        conn.execute(delete(fusion_tracked).where(fusion_tracked.c.component.in_(chunk)))
        conn.execute(delete(fusion_articles).where(fusion_articles.c.component.in_(chunk)))
        conn.execute(delete(fusion_components).where(fusion_components.c.component.in_(chunk)))
    for chunk in chunks(sorted(set(article_ids))):
        conn.execute(delete(fusion_articles).where(fusion_articles.c.article_id.in_(chunk)))


def clear(ledger: Ledger) -> None:
    """Forget the whole fusion state (the next read rebuilds it)."""
    with ledger._write() as conn:
        _clear(conn)


def _clear(conn: Connection) -> None:
    for table in (fusion_tracked, fusion_articles, fusion_components, fusion_topics, fusion_meta):
        conn.execute(delete(table))


def articles_of_claims(ledger: Ledger, claim_ids: Iterable[str]) -> set[str]:
    """The articles these claims belong to (claims no longer stored are skipped)."""
    found: set[str] = set()
    with ledger._read() as conn:
        for chunk in chunks(sorted(set(claim_ids))):
            found.update(conn.scalars(select(claims.c.article_id).where(claims.c.claim_id.in_(chunk))))
    return found
