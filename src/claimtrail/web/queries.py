"""What the web app reads from the ledger besides single Ledger calls: a source and its claims with
their role in each chain, and JSON shapes. Tracked quantities and grades come from fusion
(``claimtrail.fusion``), whose one cache is keyed on the ledger's change stamp.

Everything here is read-only.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ..model import Article, Claim
from ..store.ledger import Ledger


def source(ledger: Ledger, source_id: int) -> dict[str, Any] | None:
    """One source as ``Ledger.sources()`` describes it, or None."""
    for item in ledger.sources():
        if item["source_id"] == source_id:
            return item
    return None


def source_claims(ledger: Ledger, source_id: int, limit: int = 200, offset: int = 0) -> list[dict[str, Any]]:
    """The claims whose chain includes this source: ``{"claim": Claim, "position", "role"}`` with role
    speaker / cited / origin (a speaker who cites no one is "speaker and origin")."""
    rows = ledger.source_positions(source_id, limit=limit, offset=offset)
    positions: dict[str, tuple[set[int], int]] = {}
    for claim_id, position, last in rows:  # twice in one chain ("NIS ... citing the NIS"): one entry
        positions.setdefault(claim_id, (set(), last))[0].add(position)
    out: list[dict[str, Any]] = []
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


def article_json(article: Article, claims: int | None = None) -> dict[str, Any]:
    """An article as the API returns it (``text`` included)."""
    data = article.as_dict()
    if claims is not None:
        data["claims"] = claims
    return data


def jsonable(value: Any) -> Any:
    """Dates and datetimes as ISO text, recursively (ledger rows such as sources go to JSON as is)."""
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
