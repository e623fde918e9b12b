"""Fusion: the ledger of many articles turned into what an analyst asks.

Tracked quantities (claims about the same measured thing), their timelines and consensus
(best/low/high as of any date), origins and independence (circular reporting), contradictions with
reasons, consistency checks, and Admiralty grades. See docs/fusion.md.
"""

from __future__ import annotations

from .api import (
    all_checks,
    claim_grades,
    full_run,
    fuse,
    origins,
    refuse_claims,
    run,
    scope_parents,
    track,
    tracked,
)
from .results import (
    Check,
    Contradiction,
    Estimate,
    FusionResult,
    Grade,
    LedgerOrigin,
    OriginRef,
    TimelinePoint,
    TrackedQuantity,
)
from .stages import ArticleMeta

__all__ = [
    "ArticleMeta",
    "Check",
    "Contradiction",
    "Estimate",
    "FusionResult",
    "Grade",
    "LedgerOrigin",
    "OriginRef",
    "TimelinePoint",
    "TrackedQuantity",
    "all_checks",
    "claim_grades",
    "full_run",
    "fuse",
    "origins",
    "refuse_claims",
    "run",
    "scope_parents",
    "track",
    "tracked",
]
