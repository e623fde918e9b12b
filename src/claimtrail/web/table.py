"""The claims table's query: the ledger's ``ClaimFilter`` plus the filters only the web offers
(tracked quantity, outlet, Admiralty grade, review status) and a sort on any column, validated once
and shared by the page, its downloads and the map.

The extra filters are applied to ``Ledger.iter_claims`` as the claims stream past, so a download of
every matching claim runs in constant memory when no sort is asked for; a sort holds the matching
claims in memory (the table needs them all to know the first page).

Review status (issue 12): the four states are accepted and validated. A claim's status is read by
``review_status`` below from ``claim.review.status``, the analyst's desk's overlay on claims as the
ledger reads them; where a claim has no ``review`` (no desk yet, or nothing the desk holds for it)
it is ``unreviewed``. That function is the one place the table learns reviews.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .. import fusion
from ..model import Claim
from ..store.filters import ClaimFilter, FilterError
from . import queries, render


class UnknownTracked(FilterError):
    """The ``tracked`` filter names no tracked quantity of the ledger."""


REVIEW_STATUSES = ("unreviewed", "confirmed", "disputed", "rejected")
_GRADE = re.compile(r"^[A-F][1-6]?$")


def _text(value: str | None) -> str:
    return (value or "").casefold()


#: Sortable columns: name -> the key of a claim (given the table's context). Missing values sort last.
SORT_KEYS: dict[str, Callable[[Claim, TableContext], Any]] = {
    "date": lambda c, _x: queries.claim_date(c),
    "event": lambda c, _x: c.event,
    "figure": lambda c, _x: c.quantity.value if c.quantity else None,
    "subject": lambda c, _x: _text(c.subject.text) or None,
    "source": lambda c, _x: _text(render.chain_text(c)) if c.attribution else None,
    "certainty": lambda c, _x: c.modality,
    "grade": lambda c, x: x.grade(c.claim_id) or None,
    "outlet": lambda c, x: _text(x.outlet(c.article_id)) or None,
    "article": lambda c, _x: (c.published or "", c.article_id),
    "review": lambda c, _x: review_status(c),
}


def review_status(claim: Any) -> str:
    """The desk's review status of a claim (``claim.review.status``), ``unreviewed`` without one."""
    return getattr(getattr(claim, "review", None), "status", None) or "unreviewed"


@dataclass
class TableContext:
    """What the extra filters and sort keys read from the ledger, loaded once per request."""

    grades: Mapping[str, Any]
    outlets: Mapping[str, str | None]

    def grade(self, claim_id: str) -> str:
        return render.grade_text(self.grades.get(claim_id))

    def outlet(self, article_id: str) -> str | None:
        return self.outlets.get(article_id)

    @classmethod
    def load(cls, ledger: Any) -> TableContext:
        outlets = {aid: outlet for aid, (outlet, _published) in ledger.article_meta().items()}
        return cls(fusion.claim_grades(ledger), outlets)


@dataclass(frozen=True)
class TableQuery:
    """A claims-table request: ``where`` for the ledger, then the web's own filters and sort.

    ``tracked``: claims of that tracked quantity; ``outlet``: the article's outlet (case-insensitive,
    exact); ``grade``: a reliability letter (``B``: B1-B6) or a whole grade (``B2``); ``review``: one
    of ``REVIEW_STATUSES``; ``sort``: a ``SORT_KEYS`` name, ``-name`` for descending, "" for ledger
    order."""

    where: ClaimFilter = field(default_factory=ClaimFilter)
    tracked: str = ""
    outlet: str = ""
    grade: str = ""
    review: str = ""
    sort: str = ""

    def __post_init__(self) -> None:
        if self.sort and self.sort.removeprefix("-") not in SORT_KEYS:
            raise FilterError("sort", f"{self.sort!r} is not a column; sort by one of {', '.join(SORT_KEYS)}")
        if self.grade and not _GRADE.match(self.grade.upper()):
            raise FilterError("grade", f"{self.grade!r} is not a grade such as B or B2 (A-F, then 1-6)")
        if self.review and self.review not in REVIEW_STATUSES:
            raise FilterError("review", f"{self.review!r} is not one of {', '.join(REVIEW_STATUSES)}")

    def claims(self, ledger: Any, context: TableContext | None = None) -> Iterator[Claim]:
        """The matching claims, sorted if asked (ledger order otherwise). FilterError for a tracked
        quantity that does not exist."""
        context = context or TableContext.load(ledger)
        keep = self._predicate(ledger, context)
        found = (c for c in ledger.iter_claims(self.where) if keep(c))
        if not self.sort:
            yield from found
            return
        yield from sort_claims(found, self.sort, context)

    def _predicate(self, ledger: Any, context: TableContext) -> Callable[[Claim], bool]:
        tracked_ids: set[str] | None = None
        if self.tracked:
            item = fusion.tracked(ledger, self.tracked)
            if item is None:
                raise UnknownTracked("tracked", f"{self.tracked!r} is not a tracked quantity of this ledger")
            tracked_ids = set(item.claims)
        outlet, grade, review = self.outlet.casefold(), self.grade.upper(), self.review

        def keep(claim: Claim) -> bool:
            if tracked_ids is not None and claim.claim_id not in tracked_ids:
                return False
            if outlet and _text(context.outlet(claim.article_id)) != outlet:
                return False
            if grade and not context.grade(claim.claim_id).startswith(grade):
                return False
            return not review or review_status(claim) == review

        return keep

    def params(self) -> dict[str, str]:
        """The web filters and sort as query parameters (blank ones left out)."""
        given = {"tracked": self.tracked, "outlet": self.outlet, "grade": self.grade, "review": self.review}
        return {k: v for k, v in {**given, "sort": self.sort}.items() if v}


def sort_claims(claims: Iterator[Claim], sort: str, context: TableContext) -> list[Claim]:
    """Claims sorted by a ``SORT_KEYS`` column (``-name``: descending), those without a value last
    either way; ties keep ledger order."""
    key = SORT_KEYS[sort.removeprefix("-")]
    keyed = [(key(c, context), c) for c in claims]
    present = [(k, c) for k, c in keyed if k is not None]
    missing = [c for k, c in keyed if k is None]
    present.sort(key=lambda kc: kc[0], reverse=sort.startswith("-"))
    return [c for _k, c in present] + missing


#: The claims table's query parameters: the ledger filter's (as typed) and the web's own.
LEDGER_PARAMS = ("event", "country", "speaker", "origin", "modality", "q", "date_from", "date_to")
WEB_PARAMS = ("tracked", "outlet", "grade", "review", "sort")


def parse_query(params: Mapping[str, str]) -> TableQuery:
    """A TableQuery from query-string text (blank values are no filter; ``q`` is the full-text
    search). FilterError naming the parameter for any bad value."""
    where = ClaimFilter.parse(
        {"search": "q"},
        event=params.get("event", ""),
        country=params.get("country", ""),
        speaker=params.get("speaker", "")[:200],
        origin=params.get("origin", "")[:200],
        modality=params.get("modality", ""),
        search=params.get("q", "")[:500],
        date_from=params.get("date_from", ""),
        date_to=params.get("date_to", ""),
    )
    web = {name: params.get(name, "").strip()[:300] for name in WEB_PARAMS}
    return TableQuery(where=where, **web)
