"""``ClaimFilter``: which claims to list, validated once, for the Ledger, the CLI, the web pages and
the REST API alike.

Each surface builds one (``ClaimFilter.parse`` for the text a user typed: options, query strings)
and hands it to ``Ledger.claims`` / ``Ledger.iter_claims``. A bad value raises ``FilterError`` with
a one-line message naming the value as the user wrote it (``--event``, ``event``); the CLI prints
it and exits non-zero, the web answers 400 (pages) or 422 (API).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..errors import InputError
from ..model import EVENTS, KINDS, MODALITIES, REVIEW_STATUSES, Event, Kind, Modality, ReviewStatus, one_of


class FilterError(InputError):
    """A claim filter value cannot be used; ``what`` names the filter as the user wrote it."""


#: Fields given as dates (``parse`` reads them from YYYY-MM-DD text).
_DATE_FIELDS = ("date_from", "date_to")


def _country_code(value: str | None, name: str) -> str | None:
    """An ISO 3166-1 alpha-2 code, upper-cased; FilterError for anything else."""
    if value is None:
        return None
    if not (len(value) == 2 and value.isascii() and value.isalpha()):
        raise FilterError(name, f"{value!r} is not a two-letter ISO country code such as KP or UA")
    return value.upper()


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    """Claims matching every filter given (None: no filter).

        ``country``: the subject's country and ``place_country``: any place's country (ISO alpha-2,
        either case); ``speaker``/``origin``: case-insensitive substring of the first/last source of the
        chain; ``search``: full text over claim sentences (syntax as in ``Ledger.search_articles``);
        ``article_id``: one article's claims; ``review``: the desk's review status (a claim the desk
    holds nothing for is ``unreviewed``); ``date_from``/``date_to``: claims whose dates (event time,
        else statement time, else the article's publication date) overlap that interval (empty when
        ``date_from`` is after ``date_to``). The constructor validates every value (``FilterError``)
        and upper-cases the country codes.
    """

    event: Event | None = None
    kind: Kind | None = None
    modality: Modality | None = None
    country: str | None = None
    place_country: str | None = None
    speaker: str | None = None
    origin: str | None = None
    search: str | None = None
    article_id: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    review: ReviewStatus | None = None  # the desk's review status (store/desk.py)

    def __post_init__(self) -> None:
        try:
            if self.event is not None:
                one_of(self.event, EVENTS, "event")
            if self.kind is not None:
                one_of(self.kind, KINDS, "kind")
            if self.modality is not None:
                one_of(self.modality, MODALITIES, "modality")
            if self.review is not None:
                one_of(self.review, REVIEW_STATUSES, "review")
        except ValueError as exc:
            name, _, reason = str(exc).partition(": ")
            raise FilterError(name, reason) from None
        # frozen: the normalised codes are set through object.__setattr__, once, here
        object.__setattr__(self, "country", _country_code(self.country, "country"))
        object.__setattr__(self, "place_country", _country_code(self.place_country, "place_country"))

    @classmethod
    def parse(cls, names: Mapping[str, str] | None = None, **given: str | None) -> ClaimFilter:
        """A filter from the text a user typed: a blank or missing value is no filter, dates are
        read as YYYY-MM-DD. ``names`` maps a field to how the user named it (``{"event": "--event",
        "date_from": "--from"}``), so a bad value raises a FilterError naming the option typed."""
        names = names or {}
        values: dict[str, Any] = {}
        for field, text in given.items():
            if text is None or not text.strip():
                continue
            values[field] = _parse_date(text, names.get(field, field)) if field in _DATE_FIELDS else text
        try:
            return cls(**values)
        except FilterError as exc:
            raise FilterError(names.get(exc.what, exc.what), exc.reason) from None


def _parse_date(text: str, name: str) -> date:
    """A YYYY-MM-DD value; FilterError naming the option otherwise."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise FilterError(name, f"{text!r} is not a date in the form YYYY-MM-DD") from None


#: The filter every claim matches.
ALL_CLAIMS = ClaimFilter()
