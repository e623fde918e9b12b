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


# -- mechanisms added for news and science text ------------------------------------------------------


def _one(text):
    found = find_quantities(text)
    assert len(found) == 1, [(q.text, q.value, q.unit) for q in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("one over four", 0.25),
        ("3 over 8", 0.375),
        ("negative two over five", -0.4),
        ("two hundred and one quarters", 200.25),
        ("a 2.5×10−3 share", 0.0025),
        ("about 6 × 10^8 cells", 6e8),
        ("4x2^8 samples", 1024),
    ],
)
def test_fractions_over_and_scientific_notation(text, value):
    nums = [m for m in find_numbers(text)]
    assert len(nums) == 1
    assert nums[0].value == pytest.approx(value)


def test_over_between_numbers_is_not_a_fraction_before_a_noun_or_year():
    assert [m.value for m in find_numbers("Drones hit 40 sites over three nights.")] == [40, 3]
    assert [m.value for m in find_numbers("Exports grew 7 over 2022.")] == [7, 2022]


def test_hyphenated_one_half_is_a_fraction_before_a_noun():
    q = _one("The trench ran one-half miles north.")
    assert (q.text, q.value, q.unit) == ("one-half miles", 0.5, "mi")


def test_minor_currency_units_normalise_to_the_main_currency():
    q = _one("Fuel rose 35 cents a litre overnight.")
    assert (q.text, q.value, q.unit, q.normalized_value, q.normalized_unit) == (
        "35 cents",
        35,
        "USD_cent",
        0.35,
        "USD",
    )
    q = _one("The stock closed at 412 pence.")
    assert (q.unit, q.normalized_value, q.normalized_unit) == ("GBP_penny", 4.12, "GBP")


def test_major_and_minor_currency_amounts_join():
    assert _one("The ticket cost 7 dollars 25 cents.").value == pytest.approx(7.25)
    q = _one("He paid nine dollars and ninety cents for it")
    assert (q.text, q.value, q.unit) == ("nine dollars and ninety cents", pytest.approx(9.9), "USD")


def test_hyphenated_money_adjective():
    q = _one("The board approved a 15-cent dividend.")
    assert (q.text, q.unit, q.normalized_value) == ("15-cent", "USD_cent", 0.15)


def test_currency_prefix_forms_and_new_currency_names():
    assert _one("a c$ 40 million grant").unit == "CAD"
    assert _one("valued at hk $ 3.2 billion").unit == "HKD"
    q = _one("a loan of 900 million pesetas")
    assert (q.unit, q.value) == ("ESP", 900_000_000)
    assert _one("Rent is 1,200₾ a month").unit == "GEL"
    q = _one("Revenue was $-12.5 on the line")
    assert (q.value, q.unit) == (-12.5, "USD")


def test_pounds_with_a_scale_are_money_but_pounds_of_something_are_weight():
    q = _one("The club lost 85 million pounds last season.")
    assert (q.unit, q.kind) == ("GBP", "money")
    q = _one("They seized 3 million pounds of cocaine.")
    assert (q.unit, q.kind) == ("lb", "measure")
    assert _one("a 2,000-pound bomb").unit == "lb"


def test_percent_of_a_number_without_a_number_before():
    q = _one("the tax is per cent of 15")
    assert (q.text, q.value, q.unit) == ("per cent of 15", 15, "percent")
    q = _one("Turnout reached 61 percent of voters")
    assert q.text == "61 percent"


def test_money_range_with_the_sign_on_both_ends():
    q = _one("Wheat traded from $210 per tonne to $260 per tonne.")
    assert (q.low, q.high, q.unit) == (210, 260, "USD/t")


def test_hanging_hyphen_range():
    q = _one("a planned 5- to 7-metre wall")
    assert (q.text, q.low, q.high, q.unit) == ("5- to 7-metre", 5, 7, "m")


def test_value_with_uncertainty():
    q = _one("The dose was 4.2 ± 0.3 mSv")
    assert (q.value, q.low, q.high, q.unit) == (4.2, pytest.approx(3.9), pytest.approx(4.5), "mSv")
    q = _one("a drift of 2.1 +/- 0.4 km")
    assert (q.low, q.high, q.unit) == (pytest.approx(1.7), pytest.approx(2.5), "km")


def test_scientific_compound_units():
    q = _one("a flux of 12 W/m^2 at the surface")
    assert q.unit == "W/m^2"
    q = _one("a decay rate of 3e-4 s-1 was measured")
    assert (q.value, q.unit) == (3e-4, "s^-1")
    q = _one("they logged 140 fb−1 of collisions")
    assert q.unit == "fb^-1"
    q = _one("it fell at 9.8 m/s2")
    assert (q.unit, q.normalized_unit) == ("m/s^2", "m/s^2")


def test_formula_units_do_not_swallow_ordinary_words():
    assert _one("They emitted 40 CO2 tonnes").unit != "CO^2"
    assert [q.unit for q in find_quantities("in the 1990s")] in ([None], [])


def test_units_in_brackets_and_inch_abbreviation():
    q = _one("The load was 350 (kg) in all")
    assert (q.text, q.unit) == ("350 (kg)", "kg")
    q = _one("The plate is 3 in thick")
    assert (q.text, q.unit) == ("3 in", "in")
    assert [q.unit for q in find_quantities("one in 5 people")] == [None, None]


def test_article_after_a_price_means_per():
    q = _one("Fuel rose 35 cents a litre overnight.")
    assert q.text == "35 cents"


def test_article_plus_unit_is_one_unit():
    found = find_quantities("Diesel now costs more per litre than a gallon did, and an acre sold fast.")
    got = {(q.text, q.value, q.unit) for q in found}
    assert ("a gallon", 1.0, "gal") in got
    assert ("an acre", 1.0, "acre") in got
    assert find_quantities("It took a bit of luck and a pound of effort.") == []


def test_number_part_span_is_kept():
    text = "Aid of US$ 2.5bn arrived, then 40 km of road."
    spans = [text[q.number_start : q.number_end] for q in find_quantities(text)]
    assert spans == ["2.5bn", "40"]


def test_negated_bounds_take_the_longer_phrase(annotate):
    cases = {
        "Officials said no more than 3,000 troops had arrived.": (None, 3000.0),
        "He claimed no fewer than 200 drones were launched.": (200.0, None),
        "More than 3,000 troops had arrived.": (3000.0, None),
    }
    for text, (low, high) in cases.items():
        q = annotate(text)._.quantities[0]
        assert (q.low, q.high) == (low, high), text


def test_number_words_in_idioms_are_not_figures(annotate):
    doc = annotate("Officials called it a one-off dispatch on a two-way road, not 300 more troops.")
    assert [q.text for q in doc._.quantities] == ["300"]


# --- issue 11: scale words, ages, members of a set, labels in scientific text --------------------


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Aid agencies say more than 2-million residents have left.", "2-million", 2_000_000),
        ("Roughly three-thousand reservists were called up.", "three-thousand", 3_000),
        ("The depot held 1.5-million shells.", "1.5-million", 1_500_000),
        ("Some two-hundred volunteers dug trenches.", "two-hundred", 200),
    ],
)
def test_hyphenated_scale_words_keep_their_scale(text, surface, value):
    found = {q.text: q.value for q in find_quantities(text)}
    assert found == {surface: pytest.approx(value)}


def test_hyphenated_scale_keeps_its_bound(annotate):
    q = quantities(annotate, "Aid agencies say more than 2-million residents have left.")["2-million"]
    assert q.low == pytest.approx(2_000_000) and q.high is None


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("A 49-year-old driver died at the checkpoint.", "49-year-old"),
        ("Medics treated a two-year-old boy.", "two-year-old"),
        ("The shepherd, 70 years old, refused to leave.", "70 years old"),
    ],
)
def test_ages_are_ages_not_counts(annotate, text, surface):
    q = quantities(annotate, text)[surface]
    assert q.kind == "age" and q.unit == "year"


def test_ages_make_no_claim():
    import claimtrail

    claims = claimtrail.extract("A 49-year-old driver was killed at the checkpoint.", None)
    assert [c for c in claims if c.kind == "quantity"] == []


@pytest.mark.parametrize(
    "text",
    [
        "She was one of many nurses who stayed.",
        "It was one of the heaviest bombardments of the war.",
        "The town is one of several that lost power.",
    ],
)
def test_one_of_a_set_is_not_a_count(annotate, text):
    assert quantities(annotate, text) == {}


def test_one_of_a_group_still_counts(annotate):
    found = quantities(annotate, "Two guards were shot; one of them died.")
    assert found["one"].value == 1


def test_martyrs_are_people_killed():
    import claimtrail

    claims = claimtrail.extract("The movement said 31 martyrs were buried in the village.", None)
    assert [(c.quantity.value, c.event) for c in claims if c.kind == "quantity"] == [(31, "killed")]


SCIENCE = (
    "As Figure 3 and Fig. 2b show, the cores (Table 4) were held at 450 °C for 2 h.\n"
    "Section 2.3 gives the method; see Eq. (5) and refs. 23-25.\n"
    "1. Cores were drilled at 12 sites.\n"
    "2. Each core was split twice.\n"
    "The effect was significant (p < 0.05, n = 24) [12], [14, 15].\n"
    "Strain ATCC 25922 and chromosome 7 were used; sample 4471 failed; the DOI is 10.1016/j.x.2020.01.001.\n"
)


def test_labels_in_scientific_text_are_not_quantities():
    found = [(q.text, q.unit) for q in find_quantities(SCIENCE)]
    assert found == [("450 °C", "degC"), ("2 h", "hour"), ("12", None), ("0.05", None), ("24", None)]
