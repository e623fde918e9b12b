"""Tests for the quantities extractor (numbers, ranges, approximation, units, date guard)."""

from __future__ import annotations

import pytest

from claimtrail.extract.numbers import find_numbers, parse_number
from claimtrail.extract.quantities import find_quantities, normalize


def quantities(annotate, text):
    return {q.text: q for q in annotate(text)._.quantities}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,500", 1500),
        ("39.3", 39.3),
        ("1.5 million", 1_500_000),
        ("4k", 4000),
        ("twenty-five", 25),
        ("two hundred and six", 206),
        ("a dozen", 12),
        ("half a million", 500_000),
        ("two-thirds", 2 / 3),
        ("one and a half", 1.5),
        ("minus five point five", -5.5),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == pytest.approx(value)


def test_parse_number_rejects_non_numbers():
    assert parse_number("battalion") is None
    assert parse_number("3 and 4") is None


def test_two_numbers_joined_by_and_stay_apart():
    found = find_numbers("two hundred and three hundred")
    assert [m.value for m in found] == [200, 300]


def test_counts_and_approximation(annotate):
    qs = quantities(
        annotate, "Officials said about 4,000 of the 12,000 soldiers were wounded, and nearly 300 died."
    )
    assert qs["4,000"].value == 4000 and qs["4,000"].approximate
    assert not qs["12,000"].approximate
    assert qs["300"].approximate
    assert qs["4,000"].kind == "number" or qs["4,000"].kind == "count"


def test_bounds(annotate):
    qs = quantities(
        annotate, "More than 3,000 fighters crossed, and up to 500 more could follow within weeks."
    )
    assert qs["3,000"].low == 3000 and qs["3,000"].high is None and qs["3,000"].value == 3000
    assert qs["500"].high == 500 and qs["500"].low is None


def test_ranges(annotate):
    qs = quantities(
        annotate,
        "Each man carried a 20–25 kg load. Estimates ranged between 11,000 and 12,000 troops, "
        "and the column moved from 3 to 5 km a day.",
    )
    pack = qs["20–25 kg"]
    assert (pack.low, pack.high, pack.value, pack.unit, pack.normalized_unit) == (20, 25, 22.5, "kg", "kg")
    assert (qs["11,000 and 12,000"].low, qs["11,000 and 12,000"].high) == (11000, 12000)
    assert qs["3 to 5 km"].value == 4 and qs["3 to 5 km"].unit == "km"


def test_vague_amounts(annotate):
    qs = quantities(
        annotate,
        "Several hundred marines landed; dozens of drones and tens of thousands of shells were used.",
    )
    sh = qs["Several hundred"]
    assert sh.approximate and (sh.low, sh.high) == (200, 900) and sh.value == 550
    assert (qs["dozens"].low, qs["dozens"].high) == (24, 99)
    assert (qs["tens of thousands"].low, qs["tens of thousands"].high) == (20_000, 99_000)


def test_no_number_in_up_to_a_battalion(annotate):
    assert annotate("Moscow could send up to a battalion to the border.")._.quantities == []


def test_traditional_unit_and_its_conversion(annotate):
    qs = quantities(annotate, "The recruits marched 100 ri (39.3 km) every week.")
    ri = qs["100 ri"]
    assert ri.unit == "ri" and ri.normalized_value == pytest.approx(39.27) and ri.normalized_unit == "km"
    assert qs["39.3 km"].normalized_value == pytest.approx(39.3)


def test_unit_normalisation(annotate):
    qs = quantities(
        annotate, "The convoy of 60 trucks covered 120 miles at 40 mph and carried 15 tonnes of fuel."
    )
    assert (
        qs["120 miles"].normalized_value == pytest.approx(193.12128)
        and qs["120 miles"].normalized_unit == "km"
    )
    assert qs["40 mph"].normalized_unit == "km/h"
    assert (
        qs["15 tonnes"].normalized_value == pytest.approx(15000) and qs["15 tonnes"].normalized_unit == "kg"
    )
    assert qs["60"].unit is None


def test_money_and_percent(annotate):
    qs = quantities(
        annotate,
        "Kyiv asked for $2.3bn and €500 million; inflation hit 40% and 12 percent of homes lost power.",
    )
    assert qs["$2.3bn"].value == 2.3e9 and qs["$2.3bn"].unit == "USD" and qs["$2.3bn"].kind == "money"
    assert qs["€500 million"].unit == "EUR" and qs["€500 million"].normalized_unit == "EUR"
    assert qs["40%"].unit == "percent" and qs["40%"].kind == "percent"
    assert qs["12 percent"].value == 12


def test_currency_words(annotate):
    qs = quantities(annotate, "Seoul pledged 300 billion won, and Ukraine paid 1.2 million hryvnias.")
    assert qs["300 billion won"].unit == "KRW" and qs["300 billion won"].value == 3e11
    assert qs["1.2 million hryvnias"].unit == "UAH"


def test_dates_and_clock_times_are_not_quantities(annotate):
    doc = annotate("On March 5, 2025, at 10:30, the F-16 squadron flew for four hours.")
    texts = [q.text for q in doc._.quantities]
    assert texts == ["four hours"]
    assert doc._.quantities[0].unit == "hour" and doc._.quantities[0].normalized_value == 4


def test_ordinals(annotate):
    qs = quantities(annotate, "It was the second batch, and the 3rd Brigade moved first.")
    assert qs["second"].kind == "ordinal" and qs["second"].value == 2 and qs["second"].unit == "ordinal"
    assert qs["3rd"].value == 3


def test_offsets_and_tokens(annotate):
    text = "Analysts counted roughly 1,200 vehicles."
    doc = annotate(text)
    (q,) = doc._.quantities
    assert text[q.start : q.end] == q.text == "1,200"
    assert doc[q.token_start : q.token_end].text == "1,200"


def test_sorted_by_start(annotate):
    doc = annotate("After 40 km, 5,000 people and 300 vehicles stopped for three hours.")
    starts = [q.start for q in doc._.quantities]
    assert starts == sorted(starts) and len(starts) == 4


def test_normalize_helper():
    assert normalize(100, "ri") == (pytest.approx(39.27), "km")
    assert normalize(5, "USD") == (5, "USD")
    assert normalize(2, "day") == (48.0, "hour")


def test_find_quantities_without_spacy():
    qs = find_quantities("A 3-inch gap and 190,000 square meters.")
    assert [(q.text, q.unit) for q in qs] == [("3-inch", "in"), ("190,000 square meters", "m2")]
