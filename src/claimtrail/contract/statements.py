"""Statements as JSON (``claimtrail statements --format json``, ``GET /api/statements``): fusion's
propositions (``fusion.statements``) with their timelines, stances by origin and changes of stance.

A separate output beside the tracking contract, which it leaves as it is; the one place that builds
these dicts, key order included.
"""

from __future__ import annotations

from typing import Any

from ..fusion.statements import OriginStance, PartyStance, Proposition, StanceChange, StatementPoint


def statement_point_to_json(point: StatementPoint) -> dict[str, Any]:
    """One point of a proposition's timeline: ``{"date", "claim", "kind", "article", "outlet",
    "speaker", "origins", "parties", "stance", "cues", "sentence", "content", "figure"}``
    (``parties``: per origin, the country code of the state it speaks for, or null)."""
    return {
        "date": point.date,
        "claim": point.claim_id,
        "kind": point.kind,
        "article": point.article_id,
        "outlet": point.outlet,
        "speaker": point.speaker,
        "origins": list(point.origins),
        "parties": list(point.parties),
        "stance": point.stance,
        "cues": list(point.cues),
        "sentence": point.sentence,
        "content": point.content,
        "figure": point.figure,
    }


def origin_stance_to_json(stance: OriginStance) -> dict[str, Any]:
    """An origin's latest stance: ``{"origin", "stance", "as_of", "claim", "points"}``."""
    return {
        "origin": stance.origin,
        "stance": stance.stance,
        "as_of": stance.date,
        "claim": stance.claim_id,
        "points": stance.points,
    }


def party_stance_to_json(stance: PartyStance) -> dict[str, Any]:
    """A state's latest stance over the origins that speak for it: ``{"party", "country",
    "stance", "as_of", "claim", "points", "origins"}``."""
    return {
        "party": stance.party,
        "country": stance.country,
        "stance": stance.stance,
        "as_of": stance.date,
        "claim": stance.claim_id,
        "points": stance.points,
        "origins": list(stance.origins),
    }


def stance_change_to_json(change: StanceChange) -> dict[str, Any]:
    """A change of stance: ``{"origin", "kind", "from", "to", "claims", "dates", "detail"}``
    (kind: reversal, firmed or softened)."""
    return {
        "origin": change.origin,
        "kind": change.kind,
        "from": change.before,
        "to": change.after,
        "claims": list(change.claims),
        "dates": list(change.dates),
        "detail": change.detail,
    }


def proposition_to_json(prop: Proposition) -> dict[str, Any]:
    """One proposition: ``{"id", "label", "subject": {"normalized", "country"}, "event", "place":
    {"name", "country"} | null, "tracked", "claims", "parties", "party_changes", "stances", "changes",
    "timeline"}``: ``parties`` are the states' stances (each over every origin that speaks for it),
    ``party_changes`` their changes (``origin`` is the state's name); ``stances`` and ``changes``
    are per origin."""
    return {
        "id": prop.id,
        "label": prop.label,
        "subject": {"normalized": prop.subject, "country": prop.country},
        "event": prop.event,
        "place": {"name": prop.place_name, "country": prop.place} if prop.place else None,
        "tracked": list(prop.tracked),
        "claims": list(prop.claims),
        "parties": [party_stance_to_json(s) for s in prop.parties],
        "party_changes": [stance_change_to_json(c) for c in prop.party_changes],
        "stances": [origin_stance_to_json(s) for s in prop.stances],
        "changes": [stance_change_to_json(c) for c in prop.changes],
        "timeline": [statement_point_to_json(p) for p in prop.timeline],
    }
