"""The ledger side of persisted fusion (``fusion/incremental.py``): the topics of each article, the
component each article was fused in, each component's fused state and the stamp the state is
current for (tables of migration 6). Plain reads and one write transaction per update; no fusion
logic here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, Text, bindparam, cast, delete, select, update
from sqlalchemy.dialects.postgresql import JSONB

from ..model import Claim
from . import desk as desk_store
from . import topics as topics_store
from .ledger import _FUSION_COLUMNS, Ledger, _for_fusion, _published
from .rows import chunks
from .schema import (
    article_topics,
    articles,
    claims,
    desk_claims,
    desk_sources,
    fusion_articles,
    fusion_components,
    fusion_meta,
    fusion_topics,
    fusion_tracked,
)


@dataclass(frozen=True)
class ComponentRow:
    """One fused component as stored: its id, its articles, its claim count, its state (JSON text), the
    tracked quantities computed anew as ``(tracked_id, label, claim count, contract JSON)`` and the
    ids of those ``kept`` as stored (their inputs did not change; their rows are not rewritten)."""

    component: str
    article_ids: tuple[str, ...]
    claims: int
    state: str  # JSON text
    tracked: tuple[tuple[str, str, int, str], ...]  # the contract JSON as text
    kept: tuple[str, ...] = ()


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


def changed_articles(ledger: Ledger) -> set[str]:
    """The articles stored but not fused and those fused but no longer stored: two ``EXCEPT``
    queries run by the database (SQLite and PostgreSQL alike), so a sync reads the difference, not
    every article id of the ledger."""
    stored = select(articles.c.article_id)
    fused = select(fusion_articles.c.article_id)
    with ledger._read() as conn:
        added = set(conn.scalars(stored.except_(fused)))
        gone = set(conn.scalars(fused.except_(stored)))
    return added | gone


def stored_article_ids(ledger: Ledger) -> set[str]:
    """Every article of the ledger (ids only)."""
    return set(article_ids(ledger))


def article_ids(ledger: Ledger) -> list[str]:
    """Every article id of the ledger, sorted (ids only: a full run reads claims a slice at a time)."""
    with ledger._read() as conn:
        return list(conn.scalars(select(articles.c.article_id).order_by(articles.c.article_id)))


def component_claims(ledger: Ledger, component: str) -> list[Claim]:
    """The claims of one staged component (``stage``) as ``Ledger.claims_for_fusion`` gives them, in
    ledger order: one query joining ``claims`` to ``fusion_articles`` on the component's index."""
    query = (
        select(*_FUSION_COLUMNS)
        .join(fusion_articles, fusion_articles.c.article_id == claims.c.article_id)
        .where(fusion_articles.c.component == component)
        .order_by(claims.c.doc_id)
    )
    with ledger._read() as conn:
        view = desk_store.load_view(conn) if desk_store.has_desk(conn) else None
        return list(_for_fusion(conn.execute(query), view))


def stored_topics(ledger: Ledger, tag: str) -> tuple[dict[str, set[str]], set[str] | None]:
    """The topics the writer stored that a full run may use (``store/topics.py``: version ``tag``,
    no desk rows on the article, no desk source actions), and the articles the desk holds rows of
    (whose topics found from the claims must not be stored); None for both when the desk has
    source actions (no stored topics are used, none are stored)."""
    with ledger._read() as conn:
        if conn.scalar(select(select(desk_sources.c.name_key).exists())):
            return {}, None
        held = set(conn.scalars(select(desk_claims.c.article_id).distinct()))
        return topics_store.stored(conn, tag), held


def claims_without_topics(ledger: Ledger, tag: str, batch: int = 5000) -> Iterator[Claim]:
    """``Ledger.claims_for_fusion`` without the claims of articles whose stored topics a full run
    uses (``stored_topics``: the same condition, in SQL), in ledger order, ``batch`` at a time by
    key: what a full run reads to find the topics the writer did not store."""
    with ledger._read() as conn:
        view = desk_store.load_view(conn) if desk_store.has_desk(conn) else None
    condition = None if view is not None and view.sources else topics_store.missing_condition(tag)
    last = 0
    while True:
        query = select(*_FUSION_COLUMNS).where(claims.c.doc_id > last)
        if condition is not None:
            query = query.where(condition)
        with ledger._read() as conn:
            rows = conn.execute(query.order_by(claims.c.doc_id).limit(batch)).all()
        yield from _for_fusion(rows, view)
        if len(rows) < batch:
            return
        last = rows[-1].doc_id


def component_meta(ledger: Ledger, component: str) -> dict[str, tuple[str | None, date | None]]:
    """``{article_id: (outlet, published)}`` of one staged component's articles, by the same join."""
    query = (
        select(articles.c.article_id, articles.c.outlet, articles.c.published)
        .join(fusion_articles, fusion_articles.c.article_id == articles.c.article_id)
        .where(fusion_articles.c.component == component)
    )
    with ledger._read() as conn:
        return {row.article_id: (row.outlet, _published(row.published)) for row in conn.execute(query)}


def states(ledger: Ledger) -> list[tuple[str, dict[str, Any]]]:
    """Every component's state, by component id."""
    query = select(fusion_components.c.component, fusion_components.c.state).order_by(
        fusion_components.c.component
    )
    with ledger._read() as conn:
        return [(row.component, _json(row.state)) for row in conn.execute(query)]


def prints_of(ledger: Ledger, components: Iterable[str]) -> dict[str, tuple[str, list[str]]]:
    """The prints of these stored components' tracked quantities (what each was made from)."""
    out: dict[str, tuple[str, list[str]]] = {}
    with ledger._read() as conn:
        for chunk in chunks(sorted(set(components))):
            query = select(fusion_components.c.state).where(fusion_components.c.component.in_(chunk))
            for value in conn.scalars(query):
                for tid, (digest, ids) in _json(value).get("prints", {}).items():
                    out[tid] = (digest, list(ids))
    return out


def tracked_bodies(ledger: Ledger) -> dict[str, dict[str, Any]]:
    """Every stored tracked quantity's JSON by id."""
    query = select(fusion_tracked.c.tracked_id, fusion_tracked.c.data)
    with ledger._read() as conn:
        return {row.tracked_id: _json(row.data) for row in conn.execute(query)}


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
        kept = {tid: r.component for r in new for tid in r.kept}
        _move(conn, sorted(kept), {tid: _KEEP for tid in kept})
        _drop(conn, sorted(set(old_components)), gone)
        for row in new:
            _drop(conn, [row.component], row.article_ids)
        _move(conn, sorted(kept), kept)
        for chunk in chunks(sorted(t[0] for r in new for t in r.tracked)):
            conn.execute(delete(fusion_tracked).where(fusion_tracked.c.tracked_id.in_(chunk)))
        _insert_components(ledger, conn, new, now)
        ledger._bulk_insert(
            conn,
            fusion_articles,
            [{"article_id": a, "component": r.component} for r in new for a in r.article_ids],
        )
        _set_meta(conn, settings)


_KEEP = "~kept"  # the component of kept tracked rows while their components are replaced


def _move(conn: Connection, tracked_ids: list[str], to: dict[str, str]) -> None:
    """Set the component of these stored tracked rows (``to[tracked_id]``), one statement per
    target component and chunk of ids."""
    by: dict[str, list[str]] = {}
    for tid in tracked_ids:
        by.setdefault(to[tid], []).append(tid)
    for component, ids in sorted(by.items()):
        for chunk in chunks(ids):
            conn.execute(
                update(fusion_tracked)
                .where(fusion_tracked.c.tracked_id.in_(chunk))
                .values(component=component)
            )


def stage(
    ledger: Ledger,
    topics: dict[str, set[str]],
    groups: list[list[str]],
    found: dict[str, set[str]] | None = None,
    tag: str = "",
) -> None:
    """The first step of a full run that stores as it goes: in one transaction, drop the whole
    state (the stamp with it, so a run cut short is redone on the next read), store every
    article's topics and the component each article is in (``c:<first article>``), which
    ``component_claims`` then reads by. ``store_components`` adds the fused components and
    ``set_meta`` the stamp at the end. The topics ``found`` from the claims are stored as the
    writer's (``store/topics.py``, version ``tag``) for the next full run."""
    with ledger._write() as conn:
        _clear(conn)
        rows = [{"article_id": a, "version": tag, "topics": sorted(ts)} for a, ts in (found or {}).items()]
        topics_store.write(conn, rows, lambda c, r: ledger._bulk_insert(c, article_topics, r))
        ledger._bulk_insert(
            conn,
            fusion_topics,
            [{"topic": t, "article_id": a} for a, ts in sorted(topics.items()) for t in sorted(ts)],
        )
        ledger._bulk_insert(
            conn,
            fusion_articles,
            [{"article_id": a, "component": "c:" + g[0]} for g in groups for a in g],
        )


def store_components(ledger: Ledger, rows: list[ComponentRow]) -> None:
    """Store fused components whose articles ``stage`` placed, replacing any stored under the same
    ids (two processes running a full run at once both end with one copy)."""
    now = datetime.now(UTC)
    with ledger._write() as conn:
        for chunk in chunks(sorted(r.component for r in rows)):
            conn.execute(delete(fusion_tracked).where(fusion_tracked.c.component.in_(chunk)))
            conn.execute(delete(fusion_components).where(fusion_components.c.component.in_(chunk)))
        for chunk in chunks(sorted(t[0] for r in rows for t in r.tracked)):
            conn.execute(delete(fusion_tracked).where(fusion_tracked.c.tracked_id.in_(chunk)))
        _insert_components(ledger, conn, rows, now)


def set_meta(ledger: Ledger, settings: dict[str, str]) -> None:
    """Set these ``fusion_meta`` values (the stamp last: the state is then current for it)."""
    with ledger._write() as conn:
        _set_meta(conn, settings)


def _set_meta(conn: Connection, settings: dict[str, str]) -> None:
    for key, value in settings.items():
        conn.execute(delete(fusion_meta).where(fusion_meta.c.key == key))
        conn.execute(fusion_meta.insert().values(key=key, value=value))


def _insert_components(ledger: Ledger, conn: Connection, new: list[ComponentRow], now: datetime) -> None:
    """Insert the component rows and tracked rows of ``new`` (not their articles); their JSON
    arrives as text and is stored as it is (``_raw_json``), not decoded and encoded again."""
    if not new:
        return
    components = fusion_components.insert().values(
        component=bindparam("component"),
        articles=bindparam("articles"),
        claims=bindparam("claims"),
        state=_raw_json(ledger, "state"),
        built_at=bindparam("built_at", type_=fusion_components.c.built_at.type),
    )
    conn.execute(
        components,
        [
            {"component": r.component, "articles": len(r.article_ids), "claims": r.claims, "state": r.state}
            | {"built_at": now}
            for r in new
        ],
    )
    rows = [
        {"tracked_id": tid, "component": r.component, "label": label, "claims": n, "data": data}
        for r in new
        for tid, label, n, data in r.tracked
    ]
    if rows:
        tracked = fusion_tracked.insert().values(
            tracked_id=bindparam("tracked_id"),
            component=bindparam("component"),
            label=bindparam("label"),
            claims=bindparam("claims"),
            data=_raw_json(ledger, "data"),
        )
        conn.execute(tracked, rows)


def _raw_json(ledger: Ledger, name: str) -> Any:
    """A bound parameter taking JSON text into a JSON column: as text on SQLite (where the column is
    text), cast to ``jsonb`` on PostgreSQL."""
    param = bindparam(name, type_=Text)
    return cast(param, JSONB) if ledger.dialect == "postgresql" else param


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
