"""Dates in news, one test per category of issue 11 ("Dates"), in sentences written for these
tests: the anchor (story date vs publication date), weekdays in past-tense reports, seasons and
parts of the year, durations vs points, sets, and the four TIMEX3 types."""

from __future__ import annotations

from datetime import date

import pytest

from claimtrail.extract.temporal import resolve_times

DCT = date(2025, 3, 6)  # a Thursday


def timexes(text: str, ref: date = DCT) -> list[tuple[str, str, str | None]]:
    return [(m.text, m.type, m.value) for m in resolve_times(text, ref)]


def test_narrating_words_count_from_the_story_date_and_reporting_words_from_publication():
    text = "On January 20 the dam burst. Two days later the village was empty. Yesterday it was reopened."
    assert timexes(text) == [
        ("January 20", "DATE", "2025-01-20"),
        ("Two days later", "DATE", "2025-01-22"),
        ("Yesterday", "DATE", "2025-03-05"),
    ]


def test_the_end_of_the_year_belongs_to_the_year_the_story_named():
    (first, second) = resolve_times(
        "The truce held through mid-2022 but collapsed by the end of the year.", DCT
    )
    assert first.value == "2022"
    assert (second.value, second.begin, second.finish) == ("2022", None, date(2022, 12, 31))


def test_the_end_of_the_year_after_a_future_cue_is_this_year():
    (m,) = resolve_times("The agency will publish its audit by the end of the year.", DCT)
    assert m.value == "2025"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Gunmen stormed the depot on Saturday.", "2025-03-01"),
        ("The minister resigned Monday after the vote.", "2025-03-03"),
        ("The delegation is set to land on Saturday.", "2025-03-08"),
    ],
)
def test_weekdays_lean_to_the_past_in_reports_and_ahead_after_future_cues(text, value):
    assert [v for _, _, v in timexes(text)] == [value]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Exports slumped in late 2023.", ("late 2023", "DATE", "2023")),
        ("The plan was drafted earlier this month.", ("earlier this month", "DATE", "2025-03")),
        ("Harvests failed last autumn.", ("last autumn", "DATE", "2024-FA")),
        ("Floods hit the coast in the summer of 2021.", ("the summer of 2021", "DATE", "2021-SU")),
        ("Reserves dwindled during the second half of 2024.", ("the second half of 2024", "DATE", "2024-H2")),
    ],
)
def test_seasons_and_parts_of_the_year(text, expected):
    assert timexes(text) == [expected]


def test_a_stretch_of_time_is_a_duration_and_a_time_ago_is_a_date():
    assert timexes("Over the past five days the river rose; it peaked four days ago.") == [
        ("the past five days", "DURATION", "P5D"),
        ("four days ago", "DATE", "2025-03-02"),
    ]


def test_sets_and_the_four_types():
    text = "Convoys leave every week and twice a day; on Tuesday at 9:15 p.m. one waited for six hours."
    assert timexes(text) == [
        ("every week", "SET", "P1W"),
        ("twice a day", "SET", "P1D"),
        ("Tuesday at 9:15 p.m.", "TIME", "2025-03-04T21:15"),
        ("six hours", "DURATION", "PT6H"),
    ]


EARNINGS_DCT = date(2024, 11, 7)


def test_the_year_earlier_period_is_the_same_period_a_year_before():
    text = (
        "Revenue in the third quarter rose 8% from the year-earlier quarter; year-ago margins were thinner."
    )
    assert timexes(text, EARNINGS_DCT) == [
        ("the third quarter", "DATE", "2024-Q3"),
        ("the year-earlier quarter", "DATE", "2023-Q3"),
        ("year-ago", "DATE", "2023"),
    ]


def test_a_years_half_or_quarter_written_with_a_possessive():
    text = "This year's first half was weak, and last year's fourth quarter was worse."
    assert [v for _, _, v in timexes(text, EARNINGS_DCT)] == ["2024-H1", "2023-Q4"]


def test_a_day_of_the_month_before_and_is_a_date_only_after_a_cue():
    assert timexes("The stoppage began on the 4th and ended on the 6th.", EARNINGS_DCT) == [
        ("the 4th", "DATE", "2024-11-04"),
        ("the 6th", "DATE", "2024-11-06"),
    ]
    assert timexes("The 2nd and 5th battalions pulled back.", EARNINGS_DCT) == []
