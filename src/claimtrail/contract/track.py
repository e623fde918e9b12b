"""The tracking contract (PRODUCT.md): fusion's typed results as JSON objects, key order included.

The one place that builds track dicts; the CLI, the web API and the pages' chart data call it.
"""

from __future__ import annotations

from typing import Any

from ..fusion.results import (
    Check,
    Contradiction,
    Estimate,
    Grade,
    LedgerOrigin,
    OriginRef,
    TimelinePoint,
    TrackedQuantity,
)


def estimate_to_json(estimate: Estimate) -> dict[str, Any]:
    """``{"best", "low", "high", "as_of"}``."""
    return {"best": estimate.best, "low": estimate.low, "high": estimate.high, "as_of": estimate.as_of}


def point_to_json(point: TimelinePoint) -> dict[str, Any]:
    """One timeline point: ``{"date", "best", "low", "high", "claims", "origins"}``, plus
    ``"confirmed"`` (the claims of the point an analyst confirmed) only where there are some, so a
    ledger nobody reviewed prints the tracking contract as before (docs/desk.md)."""
    data: dict[str, Any] = {
        "date": point.date,
        "best": point.best,
        "low": point.low,
        "high": point.high,
        "claims": list(point.claims),
        "origins": list(point.origins),
    }
    if point.confirmed:
        data["confirmed"] = list(point.confirmed)
    return data


def origin_ref_to_json(origin: OriginRef) -> dict[str, Any]:
    """One origin of a tracked quantity: ``{"name", "type", "claims", "articles"}``."""
    return {
        "name": origin.name,
        "type": origin.type,
        "claims": list(origin.claims),
        "articles": list(origin.articles),
    }


def contradiction_to_json(contradiction: Contradiction) -> dict[str, Any]:
    """``{"claims": [a, b], "reason"}``."""
    return {"claims": list(contradiction.claims), "reason": contradiction.reason}


def check_to_json(check: Check) -> dict[str, Any]:
    """``{"kind", "claims", "result", "detail"}``."""
    return {"kind": check.kind, "claims": list(check.claims), "result": check.result, "detail": check.detail}


def tracked_to_json(tracked: TrackedQuantity) -> dict[str, Any]:
    """One tracked quantity as the tracking contract's object."""
    place = tracked.place
    return {
        "id": tracked.id,
        "label": tracked.label,
        "event": tracked.event,
        "subject": {"normalized": tracked.subject.normalized, "country": tracked.subject.country},
        "place": {"name": place.name, "country": place.country} if place else None,
        "claims": list(tracked.claims),
        "estimate": estimate_to_json(tracked.estimate),
        "timeline": [point_to_json(p) for p in tracked.timeline],
        "origins": [origin_ref_to_json(o) for o in tracked.origins],
        "independent_origins": tracked.independent_origins,
        "contradictions": [contradiction_to_json(c) for c in tracked.contradictions],
        "checks": [check_to_json(c) for c in tracked.checks],
    }


def ledger_origin_to_json(origin: LedgerOrigin) -> dict[str, Any]:
    """A merged origin of the ledger (``claimtrail origins``): its claims, articles and outlets."""
    return {
        "key": origin.key,
        "name": origin.name,
        "type": origin.type,
        "claims": list(origin.claims),
        "articles": list(origin.articles),
        "outlets": list(origin.outlets),
    }


def grade_to_json(grade: Grade) -> dict[str, Any]:
    """``{"reliability": "A".."F", "credibility": 1..6}``."""
    return {"reliability": grade.reliability, "credibility": grade.credibility}
