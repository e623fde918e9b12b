"""What fusion finds, as frozen dataclasses: tracked quantities with their estimate, timeline,
origins, contradictions and checks; merged origins of the ledger; Admiralty grades of claims.

These are the only shapes fusion hands on; ``contract.track`` turns them into the tracking
contract's JSON (PRODUCT.md), nothing else builds track dicts. Vocabularies (check kinds, check
results) are ``Literal`` types defined here once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

CheckKind = Literal["unit", "sum", "part", "part_whole", "derived", "circular_reporting"]
CheckResult = Literal["consistent", "inconsistent"]
#: A figure for output: whole numbers as int, others rounded to 2 decimals (``timeline._num``).
Figure = float | int | None


@dataclass(frozen=True)
class Check:
    """One consistency check: what was compared (``kind``), the claims, the result and why."""

    kind: CheckKind
    claims: tuple[str, ...]
    result: CheckResult
    detail: str


@dataclass(frozen=True)
class Contradiction:
    """Two claims whose figures differ, with the reason: ``genuine: ...`` or ``apparent (<why>): ...``."""

    claims: tuple[str, str]
    reason: str

    @property
    def genuine(self) -> bool:
        """Whether the figures cannot both hold (not explained by date, scope, unit or revision)."""
        return self.reason.startswith("genuine")


@dataclass(frozen=True)
class Estimate:
    """The consensus best/low/high of a tracked quantity as of a date (ISO text, or None)."""

    best: Figure
    low: Figure
    high: Figure
    as_of: str | None


@dataclass(frozen=True)
class TimelinePoint:
    """The figures stated for one date, combined across their origins."""

    date: str
    best: Figure
    low: Figure
    high: Figure
    claims: tuple[str, ...]
    origins: tuple[str, ...]
    confirmed: tuple[str, ...] = ()  # the claims of the point an analyst confirmed at the desk


@dataclass(frozen=True)
class OriginRef:
    """One origin of a tracked quantity: its name, actor type, claims and articles."""

    name: str
    type: str
    claims: tuple[str, ...]
    articles: tuple[str, ...]


@dataclass(frozen=True)
class LedgerOrigin:
    """One merged origin of the whole ledger, with the outlets that echo it."""

    key: str
    name: str
    type: str
    claims: tuple[str, ...]
    articles: tuple[str, ...]
    outlets: tuple[str, ...]


@dataclass(frozen=True)
class Subject:
    """What a tracked quantity counts: the merged subject word and whose it is."""

    normalized: str
    country: str | None


@dataclass(frozen=True)
class TrackedPlace:
    """Where a tracked quantity happens: an incident's town, a country, or a region inside it."""

    name: str
    country: str | None


@dataclass(frozen=True)
class TrackedQuantity:
    """Claims about the same measured thing, fused (one object of the tracking contract)."""

    id: str
    label: str
    event: str
    subject: Subject
    place: TrackedPlace | None
    claims: tuple[str, ...]
    estimate: Estimate
    timeline: tuple[TimelinePoint, ...]
    origins: tuple[OriginRef, ...]
    independent_origins: int
    contradictions: tuple[Contradiction, ...]
    checks: tuple[Check, ...]


@dataclass(frozen=True)
class Grade:
    """An Admiralty grade: source reliability A-F and information credibility 1-6."""

    reliability: str
    credibility: int

    def __str__(self) -> str:
        """The grade as analysts write it, e.g. "B2"."""
        return f"{self.reliability}{self.credibility}"


@dataclass(frozen=True)
class FusionResult:
    """Everything one fusion run found."""

    tracked: tuple[TrackedQuantity, ...]
    grades: dict[str, Grade]  # claim id -> grade
    checks: tuple[Check, ...]  # every check, including conversions outside tracked quantities
    origins: tuple[LedgerOrigin, ...]  # every merged origin of the ledger
    parents: dict[str, str] = field(default_factory=dict)  # sub-scope id -> the id of its wider scope
