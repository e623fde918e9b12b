"""Fusion over a whole ledger: claims -> tracked quantities (the tracking contract of PRODUCT.md),
with timelines, consensus, origins, contradictions, checks and Admiralty grades.

``fuse`` is a pure function of claims, article metadata and grades (tests and the benchmark call it
on hand-built claims), a sequence of the stages of ``stages.py``; ``run`` runs it on a ledger and is
the one cache of fusion results, keyed by the ledger's change stamp (``Ledger.fusion_stamp``), so it
is recomputed only after an ingest, a deletion or a new grade changed something. The CLI and the web
read fusion through ``run`` and the accessors below.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from datetime import date

from sqlalchemy.exc import SQLAlchemyError

from ..errors import LedgerError
from ..model import Claim
from ..store.ledger import Ledger
from ..store.rows import name_key
from . import incremental
from .parts import fuse_parts
from .results import Check, FusionResult, Grade, LedgerOrigin, TrackedQuantity
from .stages import ArticleMeta


def fuse(
    claims: Iterable[Claim],
    articles: dict[str, ArticleMeta],
    grades: dict[str, str] | None = None,
    as_of: date | None = None,
) -> FusionResult:
    """Fuse claims into tracked quantities, checks, origins and claim grades.

    ``articles`` gives each article's outlet and publication date (a claim without attribution is
    asserted by its outlet); ``grades`` maps name keys (``store.rows.name_key``) to reliability
    letters; ``as_of`` limits every figure to those dated on or before it.
    """
    return fuse_parts(claims, articles, grades, as_of).result()


# ---------------------------------------------------------------------------------------------
# On a ledger

_CACHE: dict[tuple[str, str, str], FusionResult] = {}
_LOCK = threading.Lock()


def run(ledger: Ledger, as_of: date | None = None) -> FusionResult:
    """Fuse every claim of ``ledger`` (memoised until the ledger changes).

    The present state is read from the fusion state stored in the ledger, brought up to date
    incrementally first (``incremental.current``); a state of knowledge ``as_of`` a date, or a
    ledger that cannot be written, is fused in memory."""
    stamp = ledger.fusion_stamp()
    cache_key = (ledger.label, stamp, as_of.isoformat() if as_of else "")
    with _LOCK:
        hit = _CACHE.get(cache_key)
    if hit is not None:
        return hit
    result = None
    if as_of is None:
        try:
            result = incremental.current(ledger)
        except (LedgerError, SQLAlchemyError):
            result = None  # a ledger this process cannot write: fused in memory below
    if result is None:
        result = _in_memory(ledger, as_of)
    with _LOCK:
        for k in [k for k in _CACHE if k[0] == ledger.label and k[1] != stamp]:
            del _CACHE[k]
        _CACHE[cache_key] = result
    return result


def _in_memory(ledger: Ledger, as_of: date | None) -> FusionResult:
    """Every claim of the ledger fused in one run, nothing stored."""
    articles = {
        aid: ArticleMeta(outlet, published) for aid, (outlet, published) in ledger.article_meta().items()
    }
    grades = {name_key(g["name"]): g["reliability"] for g in ledger.grades()}
    return fuse(ledger.claims_for_fusion(), articles, grades, as_of)


def full_run(ledger: Ledger, workers: int | None = None) -> FusionResult:
    """Fuse the whole ledger again from scratch (``claimtrail track --full``) and store the state;
    every article's topics are found again from its claims too (not read as the writer stored them).
    ``workers``: processes fusing its components (``fusion/workers.py``; default by the machine)."""
    incremental.rebuild(ledger, reuse_topics=False, workers=workers)
    with _LOCK:
        for k in [k for k in _CACHE if k[0] == ledger.label]:
            del _CACHE[k]
    return run(ledger)


def refuse_claims(ledger: Ledger, claim_ids: Iterable[str], before: str | None = None) -> int:
    """Re-fuse what these claims touch after they changed in place (desk corrections, reviews,
    source merges), storing the result; returns the number of articles re-fused. ``before`` is the
    ledger stamp read before the change. See ``incremental.refuse_claims``."""
    return incremental.refuse_claims(ledger, claim_ids, before)


def track(ledger: Ledger, as_of: date | None = None) -> tuple[TrackedQuantity, ...]:
    """The tracked quantities of the ledger (``contract.track`` gives their JSON), most claims
    first; ``as_of`` gives the state of knowledge on that date."""
    return run(ledger, as_of).tracked


def tracked(ledger: Ledger, tracked_id: str, as_of: date | None = None) -> TrackedQuantity | None:
    """One tracked quantity by id, or None."""
    return next((t for t in run(ledger, as_of).tracked if t.id == tracked_id), None)


def claim_grades(ledger: Ledger) -> dict[str, Grade]:
    """Admiralty grades of every claim by claim id (reliability A-F, credibility 1-6)."""
    return run(ledger).grades


def origins(ledger: Ledger) -> tuple[LedgerOrigin, ...]:
    """Every merged origin of the ledger with its claims, articles and outlets (most articles first)."""
    return run(ledger).origins


def all_checks(ledger: Ledger, as_of: date | None = None) -> tuple[Check, ...]:
    """Every consistency check of the ledger (stated conversions, sums, parts, circular reporting)."""
    return run(ledger, as_of).checks


def scope_parents(ledger: Ledger) -> dict[str, str]:
    """Links between related scopes: sub-scope id (a place inside another) -> the wider scope's id."""
    return run(ledger).parents
