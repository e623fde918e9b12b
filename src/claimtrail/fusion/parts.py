"""One fusion run as its parts: the stages of ``stages.py`` in order, keeping apart what a merge
of several runs needs (each tracked quantity's place in the order, the conversion checks apart from
the cross checks). ``api.fuse`` joins the parts into one ``FusionResult``; ``incremental`` stores
the parts of each component and merges them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from ..model import Claim
from . import stages
from .cluster import tracked_id
from .results import Check, FusionResult, Grade, LedgerOrigin, TrackedQuantity
from .stages import ArticleMeta

#: Where a tracked quantity of the widest scope sorts: (-number of its members, repr of its key),
#: as ``stages.track_clusters`` sorts them; a sub-scope follows its wider scope.
Order = tuple[int, str]


@dataclass
class FusedParts:
    """What one fusion run found, in the parts a merge needs."""

    tracked: list[TrackedQuantity]
    parents: dict[str, str]
    order: dict[str, Order]  # tracked id of a widest scope -> its sort key
    grades: dict[str, Grade]
    unit_checks: list[Check]
    cross_checks: list[Check]
    origins: list[LedgerOrigin] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)  # every tracked id in order (reused ones too)
    prints: dict[str, stages.Print] = field(default_factory=dict)  # what each cluster was made from

    def result(self) -> FusionResult:
        """The parts as one ``FusionResult`` (checks: conversions, cross checks, then the circular
        reporting of the widest scopes, as ``stages.ledger_checks`` lists them)."""
        circular = [
            c
            for t in self.tracked
            if t.id not in self.parents
            for c in t.checks
            if c.kind == "circular_reporting"
        ]
        return FusionResult(
            tracked=tuple(self.tracked),
            grades=self.grades,
            checks=tuple(self.unit_checks + self.cross_checks + circular),
            origins=tuple(self.origins),
            parents=self.parents,
        )


def fuse_parts(
    claims: Iterable[Claim],
    articles: dict[str, ArticleMeta],
    grades: dict[str, str] | None = None,
    as_of: date | None = None,
    known: dict[str, stages.Print] | None = None,
) -> FusedParts:
    """Fuse claims (see ``api.fuse``), returning the parts of the result. With ``known`` (the
    prints a stored run of these claims' component kept), tracked quantities whose inputs did not
    change are not computed again: ``tracked`` then holds only the new ones, ``ids`` all of them."""
    every_claim = list(claims)
    claims_by_article = stages.by_article(every_claim)
    origins = stages.resolve_origins(claims_by_article, articles)
    items = stages.read_items(claims_by_article, articles, origins)
    scoped = stages.scope_incidents(items, claims_by_article, origins)
    visible_items = stages.as_of_items(scoped.items, as_of)
    visible = stages.as_of_claims(every_claim, as_of)
    clusters = stages.cluster(visible_items, visible)
    findings = stages.find(clusters, visible)
    tracked = stages.track_clusters(clusters, scoped.incidents, findings, as_of, known)
    credibility = stages.credibilities(clusters, as_of)
    order = {tracked_id(k): (-len(members), repr(k)) for k, members in clusters.items()}
    return FusedParts(
        tracked=tracked.quantities,
        parents=tracked.parents,
        order=order,
        grades=stages.grade_claims(visible, origins, credibility, articles, grades or {}),
        unit_checks=findings.unit_checks,
        cross_checks=findings.cross_checks,
        origins=list(stages.ledger_origins(visible, origins.of, articles)),
        ids=tracked.ids,
        prints=tracked.prints,
    )
