"""Quantities in scientific and technical text: labels, codes and names are not quantities, while
measurements, counts and statistics stay (issue 11). Sentences written for these tests."""

from __future__ import annotations

import pytest


def texts(annotate, text: str) -> list[str]:
    return [q.text for q in annotate(text)._.quantities]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Figures 6 and 7 compare the two treatments.", ["two"]),
        ("Tables 2–4 list 18 species.", ["18"]),
        ("See Figs. 2, 3 and 5 for the 40 cores we drilled.", ["40"]),
        ("In Section 3, 45 samples were dried.", ["45"]),
        ("We used R version 4.1.0 to fit the 12 models.", ["12"]),
        ("Enzymes came from a single supplier (catalogue no. 55102) in 3 batches.", ["3"]),
        ("Patients with type 2 diabetes and grade 3 toxicity were excluded from the 90 enrolled.", ["90"]),
    ],
)
def test_labels_and_their_lists_are_not_quantities(annotate, text, expected):
    assert texts(annotate, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Core GX07-3381 was split into 25 slices.", ["25"]),
        ("Traces of 2,4-dichlorophenol and 1,3-butadiene exceeded 4 ppm.", ["4 ppm"]),
        ("Capsules held 300 mg of omega-3 oil.", ["300 mg"]),
        ("Images from Landsat 8 covered 1,200 km2.", ["1,200 km2"]),
        ("The lorry left Route 66 with 14 crates.", ["14"]),
    ],
)
def test_codes_chemical_locants_and_names_are_not_quantities(annotate, text, expected):
    assert texts(annotate, text) == expected


def test_a_number_after_a_country_stays_a_figure(annotate):
    """Gapping in news: the second figure hangs off the country's name but still counts soldiers."""
    assert texts(annotate, "Russia lost 1,300 soldiers, and Ukraine 700.") == ["1,300", "700"]


def test_the_end_of_a_range_of_years_is_a_date(annotate):
    assert texts(annotate, "Snowfall in 2022 was 25% below the 1981–2010 mean.") == ["25%"]


def test_a_decimal_range_in_a_spacy_date_stays_a_quantity(annotate):
    """spaCy tags "CI 1.4–3.8" DATE; a decimal is not a day.month date, so the interval is kept."""
    found = texts(annotate, "The odds ratio was 2.6 (95% CI 1.4–3.8).")
    assert found == ["2.6", "95%", "1.4–3.8"]


def test_colon_ratios_are_one_quantity_and_clock_times_are_none(annotate):
    """A colon pair that could be a clock time ("1:50") is left to the time extractor."""
    doc = annotate("Extracts were diluted 1:200 and the C:N ratio was 12:1 at 10:30 on Monday.")
    qs = {q.text: q for q in doc._.quantities}
    assert set(qs) == {"1:200", "12:1"}
    assert qs["1:200"].value == pytest.approx(0.005)
    assert qs["12:1"].value == pytest.approx(12.0)


def test_a_size_written_with_the_multiplication_sign_is_one_quantity(annotate):
    doc = annotate("Quadrats of 5 m × 5 m were laid out, and a 3 × 3 filter was applied.")
    qs = {q.text: q for q in doc._.quantities}
    assert set(qs) == {"5 m × 5 m", "3 × 3"}
    assert qs["5 m × 5 m"].unit == "m" and qs["5 m × 5 m"].value == 5


def test_measurements_and_statistics_in_a_results_paragraph(annotate):
    text = (
        "Step 1 removed roots. Mean biomass rose by 18.5 ± 3.2% (p < 0.01; Fig. 2b), "
        "and 14 of the 16 plots in group 3 exceeded 400 g/m2 [7]."
    )
    assert texts(annotate, text) == ["18.5 ± 3.2%", "0.01", "14", "16", "400 g/m2"]
