"""ClaimFilter: every claim filter validated once, with one-line messages naming the option typed."""

from __future__ import annotations

from datetime import date

import pytest

from claimtrail.errors import InputError
from claimtrail.store.filters import ALL_CLAIMS, ClaimFilter, FilterError


def test_typed_values_are_kept_and_countries_upper_cased():
    where = ClaimFilter(
        event="killed", kind="quantity", modality="estimated", country="kp", place_country="ru"
    )
    assert (where.event, where.kind, where.modality) == ("killed", "quantity", "estimated")
    assert (where.country, where.place_country) == ("KP", "RU")
    assert ALL_CLAIMS == ClaimFilter()


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"event": "exploded"}, "event: 'exploded' is not one of deployed, killed,"),
        ({"modality": "sure"}, "modality: 'sure' is not one of asserted, reported,"),
        ({"kind": "figure"}, "kind: 'figure' is not one of quantity, statement"),
        ({"country": "Korea"}, "country: 'Korea' is not a two-letter ISO country code"),
        ({"country": "K1"}, "country: 'K1' is not a two-letter ISO country code"),
        ({"place_country": "ÜA"}, "place_country: 'ÜA' is not a two-letter ISO country code"),
    ],
)
def test_a_bad_value_is_a_filter_error_naming_the_filter(values, message):
    with pytest.raises(FilterError) as caught:
        ClaimFilter(**values)
    assert str(caught.value).startswith(message)
    assert isinstance(caught.value, InputError) and "\n" not in str(caught.value)


def test_parse_reads_text_and_names_the_option_typed():
    names = {"event": "--event", "date_from": "--from", "country": "--country"}
    where = ClaimFilter.parse(
        names, event="deployed", country="ua", date_from="2025-03-01", speaker="  ", search=""
    )
    assert where == ClaimFilter(event="deployed", country="UA", date_from=date(2025, 3, 1))
    with pytest.raises(FilterError, match=r"^--event: 'exploded' is not one of"):
        ClaimFilter.parse(names, event="exploded")
    with pytest.raises(FilterError, match=r"^--from: 'yesterday' is not a date in the form YYYY-MM-DD$"):
        ClaimFilter.parse(names, date_from="yesterday")
    with pytest.raises(FilterError, match=r"^date_to: '2025-13-01' is not a date"):
        ClaimFilter.parse(names, date_to="2025-13-01")
    assert ClaimFilter.parse(names, event=None, country="") == ALL_CLAIMS
