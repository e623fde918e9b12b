"""What the web app reads from the ledger besides the Ledger API itself: tracked quantities (from
fusion, imported lazily so the app works before fusion exists), a source's claims, and JSON shapes.

Everything here is read-only. Fusion results are cached per ledger state (article and claim counts
plus the grades), so a dashboard refresh does not recompute the clusters of an unchanged ledger.
"""

from __future__ import annotations

import importlib
import logging
import threading
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select

from ..model import Article, Claim
from ..store.ledger import Ledger
from ..store.schema import claim_sources, sources

log = logging.getLogger(__name__)


def _fusion() -> Any | None:
    """The fusion module if it provides ``track`` (it is written by another part of the project)."""
    try:
        module = importlib.import_module("claimtrail.fusion")
    except Exception:  # noqa: BLE001 - a missing or broken fusion module means "no tracking yet"
        return None
    return module if callable(getattr(module, "track", None)) else None


def fusion_available() -> bool:
    """Whether tracked quantities can be computed."""
    return _fusion() is not None


class TrackCache:
    """Tracked quantities of a ledger, recomputed only when the ledger changed."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple[Any, ...] | None = None
        self._value: list[dict[str, Any]] = []
        self._grades: dict[str, Any] = {}
        self.error: str | None = None

    def _state(self, ledger: Ledger) -> tuple[Any, ...]:
        grades = tuple((g["name"], g["reliability"]) for g in ledger.grades())
        return (ledger.count_articles(), ledger.count_claims(), grades)

    def _refresh(self, ledger: Ledger) -> None:
        key = self._state(ledger)
        if key == self._key:
            return
        fusion = _fusion()
        value: list[dict[str, Any]] = []
        grades: dict[str, Any] = {}
        self.error = None
        if fusion is not None:
            try:
                value = list(fusion.track(ledger) or [])
            except Exception as exc:  # noqa: BLE001 - a fusion bug must not take the pages down
                log.exception("fusion.track failed")
                self.error = f"tracking failed: {type(exc).__name__}: {exc}"
                value = []
            claim_grades = getattr(fusion, "claim_grades", None)
            if callable(claim_grades):
                try:
                    grades = dict(claim_grades(ledger) or {})
                except Exception:  # noqa: BLE001 - grades are an extra; never break a page for them
                    grades = {}
        self._key, self._value, self._grades = key, value, grades

    def tracked(self, ledger: Ledger) -> list[dict[str, Any]]:
        """Every tracked quantity (the tracking contract), or [] without fusion."""
        with self._lock:
            self._refresh(ledger)
            return self._value

    def one(self, ledger: Ledger, tracked_id: str) -> dict[str, Any] | None:
        """One tracked quantity by id, or None."""
        for item in self.tracked(ledger):
            if str(item.get("id")) == tracked_id:
                return item
        return None

    def claim_grades(self, ledger: Ledger) -> dict[str, Any]:
        """Fusion's grade per claim id (e.g. Admiralty "B2"), or {}."""
        with self._lock:
            self._refresh(ledger)
            return self._grades


def source(ledger: Ledger, source_id: int) -> dict[str, Any] | None:
    """One source as ``Ledger.sources()`` describes it, or None."""
    for item in ledger.sources():
        if item["source_id"] == source_id:
            return item
    return None


def source_claims(ledger: Ledger, source_id: int, limit: int = 200, offset: int = 0) -> list[dict[str, Any]]:
    """The claims whose chain includes this source: ``{"claim": Claim, "position", "role"}`` with role
    speaker / cited / origin (a speaker who cites no one is "speaker and origin")."""
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
    with ledger.engine.connect() as conn:
        rows = conn.execute(query).all()
    positions: dict[str, tuple[set[int], int]] = {}
    for row in rows:  # a source may appear twice in one chain ("NIS ... citing the NIS"): one entry
        positions.setdefault(row.claim_id, (set(), row.last))[0].add(row.position)
    out = []
    for claim_id, (where, last) in positions.items():
        claim = ledger.get_claim(claim_id)
        if claim is None:
            continue
        if 0 in where and last in where:
            role = "speaker and origin"
        elif 0 in where:
            role = "speaker"
        elif last in where:
            role = "origin"
        else:
            role = "cited"
        out.append({"claim": claim, "position": min(where), "role": role})
    out.sort(key=lambda x: (x["claim"].published or "", x["claim"].claim_id))
    return out


def source_ids_by_name(ledger: Ledger) -> dict[str, int]:
    """Casefolded source name -> source id, to link chain links to source pages."""
    query = select(sources.c.source_id, sources.c.name)
    with ledger.engine.connect() as conn:
        return {row.name.casefold(): row.source_id for row in conn.execute(query)}


def article_json(article: Article, claims: int | None = None) -> dict[str, Any]:
    """An article as the API returns it (``text`` included)."""
    data = article.as_dict()
    if claims is not None:
        data["claims"] = claims
    return data


def jsonable(value: Any) -> Any:
    """Dates and datetimes as ISO text, recursively (fusion results and grades go to JSON as is)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [jsonable(v) for v in value]
    return value


def claim_date(claim: Claim) -> str | None:
    """The date a claim speaks about: its event time, else statement time, else publication date."""
    for when in (claim.event_time, claim.statement_time):
        if when and when.start:
            return when.start
    return claim.published
