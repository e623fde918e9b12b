"""The analyst's desk as an overlay on extracted claims (pure functions, no database).

What people decide is stored apart from what was extracted (``store/desk.py``) and laid over each
claim when it is read: ``DeskView.apply`` gives the claim as the desk sees it, with its corrected
fields, its attribution chain after source merges, renames and ignores, and a ``Review`` saying
which fields changed and what was extracted for them. ``Correction`` is what an analyst typed;
``corrected_fields`` turns it into the contract JSON of the fields it changes.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from ..contract.claims import CLAIM_FIELDS, claim_to_json, subject_from_json
from ..errors import InputError
from ..model import (
    EVENTS,
    MODALITIES,
    REVIEW_STATUSES,
    Claim,
    PlaceRef,
    Quantity,
    Review,
    ReviewStatus,
    SourceLink,
    TimeRef,
    one_of,
)
from .rows import name_key, source_name

#: The contract fields a correction may change, in contract order.
CORRECTABLE = ("event", "subject", "quantity", "event_time", "places", "attribution", "modality")

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def review_status(value: str, what: str = "--status") -> ReviewStatus:
    """A review status, or an InputError naming ``what`` and the four allowed values."""
    try:
        return one_of((value or "").strip().lower(), REVIEW_STATUSES, "status")
    except ValueError:
        raise InputError(what, f"{value!r} is not one of {', '.join(REVIEW_STATUSES)}") from None


@dataclass(frozen=True)
class DeskRow:
    """One ``desk_claims`` row: the review of a claim and its corrections (contract JSON by field)."""

    claim_id: str
    status: ReviewStatus = "unreviewed"
    note: str | None = None
    by: str | None = None
    at: str | None = None
    corrections: Mapping[str, Any] = field(default_factory=dict)
    added: bool = False


@dataclass(frozen=True)
class SourceAction:
    """One ``desk_sources`` row: a source name merged into or renamed to ``target``, or ignored."""

    name: str
    action: str  # merge | rename | ignore
    target: str | None
    by: str | None = None
    at: str | None = None


@dataclass
class DeskView:
    """The desk rows of some claims and every source action, to lay over claims as they are read."""

    rows: dict[str, DeskRow] = field(default_factory=dict)
    sources: dict[str, SourceAction] = field(default_factory=dict)
    _resolved: dict[str, str | None] = field(default_factory=dict, repr=False)

    def resolve(self, name: str) -> str | None:
        """The name a source name stands for after merges and renames; None when it is ignored
        (memoised per name: a view is read-only once loaded)."""
        if name not in self._resolved:
            self._resolved[name] = self._resolve(name)
        return self._resolved[name]

    def _resolve(self, name: str) -> str | None:
        seen: set[str] = set()
        current = name
        while True:
            key = name_key(current)
            act = self.sources.get(key)
            if act is None or key in seen:
                return current
            if act.action == "ignore":
                return None
            seen.add(key)
            current = act.target or current

    def chain(self, links: tuple[SourceLink, ...]) -> tuple[SourceLink, ...]:
        """An attribution chain with merged and renamed sources under their new name and ignored
        ones left out; ``links`` itself (the same object) when no source of it is touched."""
        if not self.sources:
            return links
        out: list[SourceLink] | None = None
        for i, link in enumerate(links):
            name = source_name(link)
            resolved = self.resolve(name) if name else name
            if resolved == name:
                if out is not None:
                    out.append(link)
                continue
            if out is None:
                out = list(links[:i])
            if resolved is not None:
                out.append(replace(link, name=resolved))
        return links if out is None else tuple(out)

    def apply(self, claim: Claim) -> Claim:
        """``claim`` as the desk sees it (the same object when the desk holds nothing for it)."""
        row = self.rows.get(claim.claim_id)
        if row is None and not self.sources:
            return claim
        typed = {name: _typed(name, value, claim) for name, value in (row.corrections if row else {}).items()}
        base = typed.get("attribution", claim.attribution)
        chain = self.chain(base)
        if chain is not base:
            typed["attribution"] = chain
        if row is None and not typed:
            return claim
        names = tuple(n for n in CLAIM_FIELDS if n in typed)
        extracted_json = claim_to_json(claim) if names else {}
        review = Review(
            status=row.status if row else "unreviewed",
            note=row.note if row else None,
            by=row.by if row else None,
            at=row.at if row else None,
            corrected=names,
            extracted={n: extracted_json[n] for n in names},
            added=row.added if row else False,
        )
        return replace(claim, **typed, review=review)


def _typed(name: str, value: Any, claim: Claim) -> Any:
    """A corrected field's contract JSON as the typed value of the Claim field."""
    if name == "quantity":
        return None if value is None else Quantity(**value)
    if name == "subject":
        return subject_from_json(value, claim.event)
    if name == "event_time":
        return None if value is None else TimeRef(**value)
    if name == "places":
        return tuple(PlaceRef(**p) for p in value)
    if name == "attribution":
        return tuple(SourceLink(**s) for s in value)
    return value  # event, modality: plain words


# ---------------------------------------------------------------------------------------------
# Corrections typed by an analyst


@dataclass(frozen=True)
class Correction:
    """What an analyst corrects (None: unchanged). ``event_date`` is ``YYYY-MM-DD`` or
    ``YYYY-MM-DD..YYYY-MM-DD``; ``places`` replaces the claim's places by these names."""

    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    event: str | None = None
    subject: str | None = None
    country: str | None = None
    speaker: str | None = None
    origin: str | None = None
    modality: str | None = None
    event_date: str | None = None
    places: tuple[str, ...] | None = None

    def is_empty(self) -> bool:
        """Whether nothing is corrected."""
        return all(getattr(self, f) is None for f in self.__dataclass_fields__)


def corrected_fields(claim: Claim, fix: Correction) -> dict[str, Any]:
    """The contract JSON of every field ``fix`` changes, starting from ``claim`` as the desk shows
    it now (so corrections add up). Raises InputError naming the option for a bad value."""
    out: dict[str, Any] = {}
    if fix.event is not None:
        out["event"] = _word(fix.event, EVENTS, "--event")
    if fix.modality is not None:
        out["modality"] = _word(fix.modality, MODALITIES, "--modality")
    if fix.subject is not None or fix.country is not None:
        out["subject"] = _subject(claim, fix, out.get("event", claim.event))
    if any(v is not None for v in (fix.value, fix.low, fix.high, fix.unit)):
        out["quantity"] = _quantity(claim, fix)
    if fix.event_date is not None:
        out["event_time"] = _event_time(fix.event_date)
    if fix.places is not None:
        out["places"] = [_place(name) for name in fix.places if name.strip()]
    if fix.speaker is not None or fix.origin is not None:
        out["attribution"] = _chain(claim, fix)
    return out


def _word(value: str, vocabulary: tuple[str, ...], option: str) -> str:
    word = value.strip().lower()
    if word not in vocabulary:
        raise InputError(option, f"{value!r} is not one of {', '.join(vocabulary)}")
    return word


def _subject(claim: Claim, fix: Correction, event: str | None) -> dict[str, Any]:
    from ..contract.claims import subject_to_json
    from ..extract.subjects import subject_class

    subject = subject_to_json(claim.subject)
    if fix.subject is not None:
        text = " ".join(fix.subject.split())
        if not text:
            raise InputError("--subject", "the subject is empty")
        subject["text"] = subject["normalized"] = text
        subject["class"] = subject_class(text, event)
    if fix.country is not None:
        code = fix.country.strip()
        if not (len(code) == 2 and code.isascii() and code.isalpha()):
            raise InputError("--country", f"{fix.country!r} is not a two-letter ISO country code such as KP")
        subject["country"] = code.upper()
    return subject


def _number(value: float | None, option: str) -> float | None:
    if value is not None and (math.isnan(value) or math.isinf(value)):
        raise InputError(option, f"{value!r} is not a number")
    return value


def _quantity(claim: Claim, fix: Correction) -> dict[str, Any]:
    """The corrected ``quantity``: a value alone is a single figure; low and high a range whose
    value is the midpoint unless one is given; the unit as written; normalised with pint."""
    from ..extract.units import normalize

    q = claim.quantity
    value, low, high = (
        _number(v, o) for v, o in ((fix.value, "--value"), (fix.low, "--low"), (fix.high, "--high"))
    )
    if q is not None and value is None and low is None and high is None:
        value, low, high = q.value, q.low, q.high
    elif q is not None and value is None:
        low = q.low if low is None else low
        high = q.high if high is None else high
    if low is not None and high is not None:
        if low > high:
            raise InputError("--low/--high", f"low {low:g} is above high {high:g}")
        if value is None:
            value = (low + high) / 2
        elif not low <= value <= high:
            raise InputError("--value", f"{value:g} is outside the range {low:g}..{high:g}")
    if value is None:
        raise InputError("--value", "a figure needs a value (or --low and --high)")
    unit = (fix.unit.strip() or None) if fix.unit is not None else (q.unit if q else None)
    normalized_value, normalized_unit = normalize(value, unit)
    return {
        "text": q.text if q else f"{value:g}",
        "value": value,
        "low": low,
        "high": high,
        "approximate": q.approximate if q else False,
        "unit": unit,
        "normalized_value": normalized_value,
        "normalized_unit": normalized_unit,
    }


def _event_time(text: str) -> dict[str, Any] | None:
    text = text.strip()
    if not text or text.lower() == "none":
        return None
    first, _, last = text.partition("..")
    last = last or first
    for day in (first, last):
        if not _DAY.match(day.strip()):
            raise InputError("--event-date", f"{text!r} is not YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD")
    if first.strip() > last.strip():
        raise InputError("--event-date", f"{text!r} ends before it starts")
    return {"text": text, "start": first.strip(), "end": last.strip()}


def _place(name: str) -> dict[str, Any]:
    """A place named by an analyst, kept by name (not looked up in the gazetteer: country and
    coordinates stay empty, so a corrected place never moves a claim on the map by a guess)."""
    name = " ".join(name.split())
    return {"text": name, "name": name, "country": None, "lat": None, "lon": None, "gazetteer_id": None}


def _chain(claim: Claim, fix: Correction) -> list[dict[str, Any]]:
    """The attribution chain with its speaker (first) and/or origin (last) replaced."""
    from ..contract.claims import source_to_json

    chain = [source_to_json(s) for s in claim.attribution]

    def link(name: str, option: str, cue: str) -> dict[str, Any]:
        name = " ".join(name.split())
        if not name:
            raise InputError(option, "the name is empty")
        return {"text": name, "name": name, "type": "unknown", "role": None, "cue": cue}

    if fix.speaker is not None:
        new = link(fix.speaker, "--speaker", chain[0]["cue"] if chain else "said")
        chain = [new, *chain[1:]] if chain else [new]
    if fix.origin is not None:
        new = link(fix.origin, "--origin", "citing")
        if len(chain) >= 2:
            chain[-1] = {**new, "cue": chain[-1]["cue"]}
        else:
            chain.append(new)
    return chain
