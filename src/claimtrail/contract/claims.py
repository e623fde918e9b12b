"""The claims.jsonl contract: the only place that turns a ``Claim`` into its JSON object and back.

``claim_to_json`` gives the exact object of PRODUCT.md, fields in contract order (the export, the
API, the CLI's JSON and the ledger's stored ``data`` column all use it); ``claim_from_json`` rebuilds
the typed claim from such an object (the ledger reading its rows).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..extract.subjects import subject_class
from ..model import (
    REVIEW_STATUSES,
    SUBJECT_CLASSES,
    Claim,
    Evidence,
    PlaceRef,
    Quantity,
    Review,
    SourceLink,
    Subject,
    TimeRef,
    one_of,
)

#: The claims.jsonl fields, in contract order.
CLAIM_FIELDS = (
    "claim_id",
    "article_id",
    "article_url",
    "published",
    "sentence",
    "start",
    "end",
    "kind",
    "event",
    "subject",
    "quantity",
    "event_time",
    "statement_time",
    "places",
    "attribution",
    "modality",
    "cues",
)


def claim_to_json(claim: Claim) -> dict[str, Any]:
    """The claims.jsonl object of ``claim``, fields in contract order; a claim the desk holds
    something for (``claim.review``) adds ``review`` and, where fields were corrected, ``extracted``
    (the extracted values of those fields), so every other claim's line is as it always was."""
    data = {
        "claim_id": claim.claim_id,
        "article_id": claim.article_id,
        "article_url": claim.article_url,
        "published": claim.published,
        "sentence": claim.sentence,
        "start": claim.start,
        "end": claim.end,
        "kind": claim.kind,
        "event": claim.event,
        "subject": subject_to_json(claim.subject),
        "quantity": None if claim.quantity is None else quantity_to_json(claim.quantity),
        "event_time": time_to_json(claim.event_time),
        "statement_time": time_to_json(claim.statement_time),
        "places": [place_to_json(p) for p in claim.places],
        "attribution": [source_to_json(s) for s in claim.attribution],
        "modality": claim.modality,
        "cues": list(claim.cues),
    }
    if claim.review is not None:
        data["review"] = review_to_json(claim.review)
        if claim.review.corrected:
            data["extracted"] = {k: claim.review.extracted.get(k) for k in claim.review.corrected}
    return data


def review_to_json(review: Review) -> dict[str, Any]:
    """The ``review`` object: status, note, by, at, the corrected field names, and ``added`` (true
    for a claim a person recorded by hand)."""
    return {
        "status": review.status,
        "note": review.note,
        "by": review.by,
        "at": review.at,
        "corrected": list(review.corrected),
        "added": review.added,
    }


def review_from_json(data: dict[str, Any], extracted: dict[str, Any] | None) -> Review:
    """A ``review`` object (and the claim's ``extracted`` values) as a Review."""
    return Review(
        status=one_of(data["status"], REVIEW_STATUSES, "review status"),
        note=data.get("note"),
        by=data.get("by"),
        at=data.get("at"),
        corrected=tuple(data.get("corrected") or ()),
        extracted=dict(extracted or {}),
        added=bool(data.get("added")),
    )


def subject_to_json(subject: Subject) -> dict[str, Any]:
    """The ``subject`` object (``class`` added in contract 1.1)."""
    return {
        "text": subject.text,
        "normalized": subject.normalized,
        "country": subject.country,
        "class": subject.category,
    }


def subject_from_json(data: dict[str, Any], event: str | None) -> Subject:
    """The ``subject`` object as a Subject; one written before contract 1.1 has no ``class``, which
    is then derived from its noun and the claim's event as the extractor does."""
    category = data.get("class")
    return Subject(
        text=data["text"],
        normalized=data["normalized"],
        country=data["country"],
        category=(
            subject_class(data["normalized"], event)
            if category is None
            else one_of(category, SUBJECT_CLASSES, "subject class")
        ),
    )


def quantity_to_json(quantity: Quantity) -> dict[str, Any]:
    """The ``quantity`` object."""
    return {
        "text": quantity.text,
        "value": quantity.value,
        "low": quantity.low,
        "high": quantity.high,
        "approximate": quantity.approximate,
        "unit": quantity.unit,
        "normalized_value": quantity.normalized_value,
        "normalized_unit": quantity.normalized_unit,
    }


def time_to_json(time: TimeRef | None) -> dict[str, Any] | None:
    """An ``event_time`` / ``statement_time`` object, or None."""
    return None if time is None else {"text": time.text, "start": time.start, "end": time.end}


def place_to_json(place: PlaceRef) -> dict[str, Any]:
    """One ``places`` entry."""
    return {
        "text": place.text,
        "name": place.name,
        "country": place.country,
        "lat": place.lat,
        "lon": place.lon,
        "gazetteer_id": place.gazetteer_id,
    }


def source_to_json(source: SourceLink) -> dict[str, Any]:
    """One ``attribution`` entry."""
    return {
        "text": source.text,
        "name": source.name,
        "type": source.type,
        "role": source.role,
        "cue": source.cue,
    }


def claim_from_json(
    data: dict[str, Any],
    *,
    qualifiers: Iterable[str] = (),
    sentence_start: int = 0,
    evidence: Iterable[Evidence] = (),
    part_of: str | None = None,
) -> Claim:
    """The typed claim of a claims.jsonl object, with the internal extras the contract leaves out
    (the ledger stores them in their own columns)."""
    quantity, event_time, statement_time = data["quantity"], data["event_time"], data["statement_time"]
    return Claim(
        claim_id=data["claim_id"],
        article_id=data["article_id"],
        article_url=data["article_url"],
        published=data["published"],
        sentence=data["sentence"],
        start=data["start"],
        end=data["end"],
        kind=data["kind"],
        event=data["event"],
        subject=subject_from_json(data["subject"], data["event"]),
        quantity=None if quantity is None else Quantity(**quantity),
        event_time=None if event_time is None else TimeRef(**event_time),
        statement_time=None if statement_time is None else TimeRef(**statement_time),
        places=tuple(PlaceRef(**p) for p in data["places"]),
        attribution=tuple(SourceLink(**s) for s in data["attribution"]),
        modality=data["modality"],
        cues=tuple(data["cues"]),
        qualifiers=tuple(qualifiers),
        sentence_start=sentence_start,
        evidence=tuple(evidence),
        part_of=part_of,
        review=None
        if data.get("review") is None
        else review_from_json(data["review"], data.get("extracted")),
    )
