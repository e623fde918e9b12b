"""Numbers in war reporting that are not counted figures, or whose scale is written with a hyphen
(issue 11, numbers). Sentences written for these tests."""

from __future__ import annotations

import pytest


def found(annotate, text: str) -> dict[str, tuple[str, float | None]]:
    return {q.text: (q.kind, q.value) for q in annotate(text)._.quantities}


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Officials said more than 4-million people lacked power.", "4-million", 4_000_000),
        ("Some forty-thousand reservists were called up.", "forty-thousand", 40_000),
        ("The fund pledged 2.5-billion dollars.", "2.5-billion dollars", 2_500_000_000),
        ("Nine-hundred homes were flooded.", "Nine-hundred", 900),
    ],
)
def test_hyphenated_scale_words_keep_their_scale(annotate, text, span, value):
    assert found(annotate, text)[span][1] == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Two 17-year-olds were detained at the crossing.", "17-year-olds"),
        ("Rescuers freed an 18-month-old from the rubble.", "18-month-old"),
        ("The driver, aged 58, was the only one hurt.", "58"),
    ],
)
def test_ages_are_ages_not_counts(annotate, text, span):
    kind, _ = found(annotate, text)[span]
    assert kind == "age"


def test_one_of_a_counted_group_is_not_a_count_of_one(annotate):
    assert found(annotate, "She was one of the 120 medics sent north.") == {"120": ("count", 120)}
