"""What changed in the ledger during one watch round, from the fusion results before and after it.

Besides figures, a round can move what an origin or a state says: "Russia: denied -> confirmed, a
reversal" is news an analyst wants in the digest, so the propositions of both snapshots
(``fusion.statements``) are compared too.

``digest(before, after)`` is a pure function of two ``Snapshot`` values (fusion's typed results, the
articles and the recorded failures at a moment), so it is tested on hand-built results and the same
``Digest`` goes to the terminal, to JSON (``contract.digest``) and to the "What changed" page.
A tracked quantity is matched by its id, which depends only on what it measures
(``fusion.cluster.tracked_id``); a contradiction by its pair of claims; a check by kind and claims.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from ..model import Failure
from .results import Check, Estimate, FusionResult, TrackedQuantity
from .statements import Proposition, StanceChange


@dataclass(frozen=True)
class ArticleRef:
    """An article as the digest names it."""

    article_id: str
    title: str | None
    url: str | None
    outlet: str | None


@dataclass(frozen=True)
class Snapshot:
    """The ledger at one moment: its fusion result, its articles and its recorded failures."""

    at: datetime
    fusion: FusionResult
    articles: Mapping[str, ArticleRef]
    failures: tuple[Failure, ...] = ()
    propositions: tuple[Proposition, ...] = ()


@dataclass(frozen=True)
class NewQuantity:
    """A tracked quantity that did not exist before the round."""

    tracked_id: str
    label: str
    estimate: Estimate


@dataclass(frozen=True)
class Revision:
    """A tracked quantity whose consensus best/low/high moved."""

    tracked_id: str
    label: str
    old: Estimate
    new: Estimate


@dataclass(frozen=True)
class NewOrigin:
    """An origin that a tracked quantity known before the round gained."""

    tracked_id: str
    label: str
    name: str
    type: str


@dataclass(frozen=True)
class NewContradiction:
    """A genuine contradiction that was not there before the round."""

    tracked_id: str
    label: str
    claims: tuple[str, str]
    reason: str


@dataclass(frozen=True)
class StanceShift:
    """A change of stance on a proposition that was not there before the round: a state's (over
    every origin that speaks for it) or one origin's."""

    proposition: str
    label: str
    by: str  # "state" | "origin"
    change: StanceChange


@dataclass(frozen=True)
class Digest:
    """Everything a round changed; ``since`` is the time of the snapshot before it."""

    since: datetime
    at: datetime
    new_articles: tuple[ArticleRef, ...]
    new_quantities: tuple[NewQuantity, ...]
    revised: tuple[Revision, ...]
    new_origins: tuple[NewOrigin, ...]
    new_contradictions: tuple[NewContradiction, ...]
    failed_checks: tuple[Check, ...]
    failed_inputs: tuple[Failure, ...]
    stance_changes: tuple[StanceShift, ...] = ()

    @property
    def empty(self) -> bool:
        """Whether the round changed nothing worth a line."""
        return not any(
            (
                self.new_articles,
                self.new_quantities,
                self.revised,
                self.new_origins,
                self.new_contradictions,
                self.failed_checks,
                self.failed_inputs,
                self.stance_changes,
            )
        )


def digest(before: Snapshot, after: Snapshot) -> Digest:
    """What changed from ``before`` to ``after``: new articles, new tracked quantities, revised
    estimates, new origins of known quantities, new genuine contradictions, newly failed checks,
    inputs that failed (again) in between, and new changes of stance by states and origins."""
    old = {t.id: t for t in before.fusion.tracked}
    known = [(old[t.id], t) for t in after.fusion.tracked if t.id in old]
    return Digest(
        since=before.at,
        at=after.at,
        new_articles=tuple(ref for aid, ref in after.articles.items() if aid not in before.articles),
        new_quantities=tuple(
            NewQuantity(t.id, t.label, t.estimate) for t in after.fusion.tracked if t.id not in old
        ),
        revised=tuple(
            Revision(t.id, t.label, was.estimate, t.estimate)
            for was, t in known
            if _figures(was.estimate) != _figures(t.estimate)
        ),
        new_origins=tuple(origin for was, t in known for origin in _new_origins(was, t)),
        new_contradictions=_new_contradictions(old, after.fusion.tracked),
        failed_checks=_new_failed_checks(before.fusion.checks, after.fusion.checks),
        failed_inputs=_new_failures(before.failures, after.failures),
        stance_changes=_new_stance_changes(before.propositions, after.propositions),
    )


def _new_stance_changes(
    before: tuple[Proposition, ...], after: tuple[Proposition, ...]
) -> tuple[StanceShift, ...]:
    """The changes of stance of ``after`` that no proposition of ``before`` had (by who changed and
    the two claims), states' first."""

    def keys(props: tuple[Proposition, ...]) -> set[tuple[str, str, tuple[str, str]]]:
        return {
            (by, c.origin, c.claims)
            for p in props
            for by, changes in (("state", p.party_changes), ("origin", p.changes))
            for c in changes
        }

    had = keys(before)
    return tuple(
        StanceShift(p.id, p.label, by, c)
        for by in ("state", "origin")
        for p in after
        for c in (p.party_changes if by == "state" else p.changes)
        if (by, c.origin, c.claims) not in had
    )


def _figures(estimate: Estimate) -> tuple[object, object, object]:
    """The figures of an estimate (a later ``as_of`` alone is no revision)."""
    return (estimate.best, estimate.low, estimate.high)


def _new_origins(was: TrackedQuantity, now: TrackedQuantity) -> list[NewOrigin]:
    """The origins of ``now`` that ``was`` did not have (by name and type)."""
    had = {(o.name, o.type) for o in was.origins}
    return [NewOrigin(now.id, now.label, o.name, o.type) for o in now.origins if (o.name, o.type) not in had]


def _new_contradictions(
    old: Mapping[str, TrackedQuantity], tracked: tuple[TrackedQuantity, ...]
) -> tuple[NewContradiction, ...]:
    """Genuine contradictions of ``tracked`` not already genuine in the same quantity before."""
    found: list[NewContradiction] = []
    for t in tracked:
        was = old.get(t.id)
        had = {c.claims for c in was.contradictions if c.genuine} if was else set()
        found.extend(
            NewContradiction(t.id, t.label, c.claims, c.reason)
            for c in t.contradictions
            if c.genuine and c.claims not in had
        )
    return tuple(found)


def _new_failed_checks(before: tuple[Check, ...], after: tuple[Check, ...]) -> tuple[Check, ...]:
    """Inconsistent checks of ``after`` that were not inconsistent before (by kind and claims)."""
    failed = {(c.kind, c.claims) for c in before if c.result == "inconsistent"}
    return tuple(c for c in after if c.result == "inconsistent" and (c.kind, c.claims) not in failed)


def _new_failures(before: tuple[Failure, ...], after: tuple[Failure, ...]) -> tuple[Failure, ...]:
    """Failures recorded in between: new inputs, and inputs that failed once more (their attempt
    count and time moved; a failure compares by input and reason only, so they are keyed here)."""
    had = {(f.source, f.reason, f.attempts, f.at) for f in before}
    return tuple(f for f in after if (f.source, f.reason, f.attempts, f.at) not in had)
