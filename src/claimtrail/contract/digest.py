"""The watch digest as JSON: what one round of ``claimtrail watch`` changed in the ledger.

The one place that builds digest dicts (``claimtrail watch --format json``, the ledger's
``watch_rounds`` rows, ``/api/changes``); estimates, checks and failures keep the shapes they have
in the tracking contract and in ``claimtrail failures``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from ..errors import InputError
from ..fusion.digest import ArticleRef, Digest
from ..model import Failure
from .statements import stance_change_to_json
from .track import check_to_json, estimate_to_json


def _time(value: datetime) -> str:
    """An ISO time in UTC with a Z, as the digest gives every time."""
    return value.isoformat().replace("+00:00", "Z")


def article_ref_to_json(ref: ArticleRef) -> dict[str, Any]:
    """``{"id", "title", "url", "outlet"}``."""
    return {"id": ref.article_id, "title": ref.title, "url": ref.url, "outlet": ref.outlet}


def failure_to_json(failure: Failure) -> dict[str, Any]:
    """``{"source", "reason", "attempts"}``."""
    return {"source": failure.source, "reason": failure.reason, "attempts": failure.attempts}


def digest_to_json(digest: Digest) -> dict[str, Any]:
    """``{"since", "at", "new_articles", "new_quantities", "revised", "new_origins",
    "new_contradictions", "failed_checks", "failed_inputs", "stance_changes"}``; a stance change is
    ``{"proposition", "label", "by": "state" | "origin", "origin", "kind", "from", "to", "claims",
    "dates", "detail"}``."""
    return {
        "since": _time(digest.since),
        "at": _time(digest.at),
        "new_articles": [article_ref_to_json(a) for a in digest.new_articles],
        "new_quantities": [
            {"id": q.tracked_id, "label": q.label, "estimate": estimate_to_json(q.estimate)}
            for q in digest.new_quantities
        ],
        "revised": [
            {
                "id": r.tracked_id,
                "label": r.label,
                "old": estimate_to_json(r.old),
                "new": estimate_to_json(r.new),
            }
            for r in digest.revised
        ],
        "new_origins": [
            {"id": o.tracked_id, "label": o.label, "name": o.name, "type": o.type} for o in digest.new_origins
        ],
        "new_contradictions": [
            {"id": c.tracked_id, "label": c.label, "claims": list(c.claims), "reason": c.reason}
            for c in digest.new_contradictions
        ],
        "failed_checks": [check_to_json(c) for c in digest.failed_checks],
        "failed_inputs": [failure_to_json(f) for f in digest.failed_inputs],
        "stance_changes": [
            {"proposition": s.proposition, "label": s.label, "by": s.by, **stance_change_to_json(s.change)}
            for s in digest.stance_changes
        ],
    }


def parse_since(value: str) -> datetime:
    """An ISO time (``2026-12-05T10:00:00Z``, or a date) as an aware UTC datetime (a time without
    a zone is UTC); an ``InputError`` naming ``since`` otherwise."""
    try:
        when = datetime.fromisoformat(value.strip())
    except ValueError:
        raise InputError("since", f"{value[:80]!r} is not an ISO time such as 2026-12-05T10:00:00Z") from None
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def round_to_json(at: datetime, since: datetime | None, digest: dict[str, Any]) -> dict[str, Any]:
    """A recorded watch round (``Ledger.watch_rounds``): ``{"at", "since", "digest"}``."""
    return {"at": _time(at), "since": _time(since) if since else None, "digest": digest}
