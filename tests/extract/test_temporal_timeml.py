"""TimeML (TIMEX3) readings of news sentences: tense, seasons, vague durations, parts of day.

Each sentence is written for this test; the expected values follow the TimeML guidelines as
HeidelTime reads news (see bench/gold/timeml_news.yaml for the conventions).
"""

from __future__ import annotations

from datetime import date

import pytest

from claimtrail.extract.temporal import resolve_times

PUB = date(2025, 3, 6)  # a Thursday


def found(text: str, ref: date = PUB) -> list[tuple[str, str, str | None]]:
    """(text, type, value) of every mention found."""
    return [(t.text, t.type, t.value) for t in resolve_times(text, ref)]


@pytest.mark.parametrize(
    ("text", "ref", "expected"),
    [
        # a past-tense verb keeps a day without a year before the publication date
        ("The strongest tremor struck on February 6.", date(2023, 12, 28), ("February 6", "DATE", "2023-02-06")),
        ("A volunteer was wounded on January 15.", date(2024, 12, 20), ("January 15", "DATE", "2024-01-15")),
        # without a past-tense word a near future date still wins
        ("The parliament votes on January 15.", date(2024, 12, 20), ("January 15", "DATE", "2025-01-15")),
        # "would", "forecast to" point forward
        ("Forecasters said the storm would last through Wednesday.", date(2025, 7, 21),
         ("Wednesday", "DATE", "2025-07-23")),
        ("Snow is forecast to return on Friday night.", date(2025, 1, 9), ("Friday night", "TIME", "2025-01-10TNI")),
    ],
)  # fmt: skip
def test_tense_picks_the_side_of_the_publication_date(text, ref, expected):
    assert expected in found(text, ref)


def test_a_weekday_after_another_follows_it():
    got = found("Schools stay shut on Wednesday and Thursday.", date(2022, 8, 24))
    assert got == [("Wednesday", "DATE", "2022-08-24"), ("Thursday", "DATE", "2022-08-25")]


def test_a_weekday_with_its_own_relative_word_keeps_it():
    got = found("It is next Monday or previous Monday.", date(2018, 11, 15))
    assert [v for _, _, v in got] == ["2018-11-19", "2018-11-05"]


@pytest.mark.parametrize(
    ("text", "ref", "expected"),
    [
        ("Residents have complained since the spring.", date(2024, 9, 30), ("the spring", "DATE", "2024-SP")),
        ("Crews will finish the bridge by the autumn.", date(2024, 6, 12), ("the autumn", "DATE", "2024-FA")),
        ("The summer was the hottest on record.", date(2024, 11, 15), ("The summer", "DATE", "2024-SU")),
        # the coming winter when it is weeks away, even without a future verb
        ("Officials fear an offensive before the winter.", date(2024, 11, 8), ("the winter", "DATE", "2024-WI")),
    ],
)  # fmt: skip
def test_a_season_without_a_year_is_the_nearest_one(text, ref, expected):
    typ, value = expected[1], expected[2]
    assert any(t == typ and v == value and expected[0] in s for s, t, v in found(text, ref))


def test_fall_as_a_noun_of_decline_is_no_season():
    assert found("Analysts blamed the fall in prices on the fall of the currency.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Repairs to the grid will take weeks.", ("weeks", "DURATION", "PXW")),
        ("Rebuilding the town took decades.", ("decades", "DURATION", "PXDE")),
        ("The strike came hours before the talks.", ("hours", "DURATION", "PTXH")),
        ("The border was mined years ago.", ("years ago", "DATE", "PAST_REF")),
        ("Unemployment is at its lowest level in three years.", ("three years", "DURATION", "P3Y")),
        ("The convoy will return in three days.", ("in three days", "DATE", "2025-03-09")),
    ],
)  # fmt: skip
def test_vague_and_looking_back_durations(text, expected):
    assert found(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Inflation eased from October last year.", [("October last year", "DATE", "2024-10")]),
        ("The rule applies from January 1 next year.", [("January 1 next year", "DATE", "2026-01-01")]),
        ("The talks ended in the previous decade.", [("the previous decade", "DATE", "201")]),
    ],
)  # fmt: skip
def test_a_date_and_its_relative_year_or_decade(text, expected):
    assert found(text) == expected


def test_parts_of_day_take_the_day_they_name():
    assert found("Engineers met on the morning of March 3.") == [
        ("the morning of March 3", "TIME", "2025-03-03TMO")
    ]
    got = found("Crews worked through the night on Saturday to clear the road.")
    assert got == [("the night", "TIME", "2025-03-01TNI"), ("Saturday", "DATE", "2025-03-01")]


def test_a_part_of_day_alone_takes_the_story_day():
    got = found("Snow closed the airport on Tuesday. Passengers spent the night in the terminal.")
    assert got == [("Tuesday", "DATE", "2025-03-04"), ("the night", "TIME", "2025-03-04TNI")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Repairs will take at least two months.", ("at least two months", "DURATION", "P2M")),
        ("Rescuers will search for another 48 hours.", ("another 48 hours", "DURATION", "PT48H")),
        ("The alert lasted more than seven hours.", ("more than seven hours", "DURATION", "PT7H")),
        ("Fuel prices fell for five consecutive weeks.", ("five consecutive weeks", "DURATION", "P5W")),
        ("The museum closed in the late 1980s.", ("the late 1980s", "DATE", "198")),
    ],
)  # fmt: skip
def test_spans_keep_what_timeml_keeps(text, expected):
    assert found(text) == [expected]


def test_a_period_after_a_counted_noun_is_a_set():
    assert found("The port now loads three ships a day.") == [
        ("now", "DATE", "PRESENT_REF"),
        ("a day", "SET", "P1D"),
    ]
    assert found("Rents rose 5% a year.") == [("a year", "SET", "P1Y")]
    # a year before "a year after" is no rate
    got = found("Rebels seized the town in 2014, a year after the uprising.")
    assert got == [("2014", "DATE", "2014"), ("a year", "DURATION", "P1Y")]


def test_the_year_refers_back_to_the_story_year():
    got = found("Exports rose in 2023. For the year, the surplus doubled. The year ahead looks harder.")
    assert got[1] == ("the year", "DATE", "2023")
    assert found("The year began with a blackout.") == [("The year", "DATE", "2025")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The envoy arrives Friday for two days of talks.", "2025-03-07"),
        ("Negotiations resume Tuesday in a neutral capital.", "2025-03-11"),
        ("The curfew expires on Sunday.", "2025-03-09"),
        # "since" looks back whatever the verb
        ("It would be the first quiet night since Monday.", "2025-03-03"),
        ("A shell hit the school on Monday.", "2025-03-03"),
    ],
)  # fmt: skip
def test_present_tense_schedules_point_forward(text, value):
    got = [v for _, t, v in found(text) if t == "DATE"]
    assert value in got


def test_a_clock_time_with_local_time_takes_the_day_after_it():
    assert found("Sirens sounded at 3 p.m. local time on Monday.") == [
        ("3 p.m. local time on Monday", "TIME", "2025-03-03T15:00")
    ]


def test_an_adjectival_quarter_is_a_date():
    assert found("Third-quarter output fell by a tenth.") == [("Third-quarter", "DATE", "2024-Q3")]


def test_this_weekend_in_a_past_report_early_in_the_week_is_the_one_just_past():
    monday = date(2025, 7, 21)
    assert found("Riots flared this weekend in the port.", monday) == [
        ("this weekend", "DATE", "2025-W29-WE")
    ]
    assert found("Crowds will gather this weekend.", monday) == [("this weekend", "DATE", "2025-W30-WE")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The decade-long feud ended.", ("decade-long", "DURATION", "P1DE")),
        ("A yearlong siege wore the town down.", ("yearlong", "DURATION", "P1Y")),
        ("A months-long blockade followed.", ("months-long", "DURATION", "PXM")),
    ],
)  # fmt: skip
def test_unit_long_adjectives_are_durations(text, expected):
    assert found(text) == [expected]


def test_dawn_and_dusk_are_parts_of_day():
    got = found("Crews started at dawn on Tuesday and stopped at dusk.")
    assert got == [
        ("dawn", "TIME", "2025-03-04TMO"),
        ("Tuesday", "DATE", "2025-03-04"),
        ("dusk", "TIME", "2025-03-04TEV"),
    ]


def test_the_dawn_of_an_era_is_no_time():
    assert found("It marked the dawn of a new age of drones.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lessons run every weekday.", ("every weekday", "SET", "XXXX-WXX-WD")),
        ("Markets open every weekend.", ("every weekend", "SET", "XXXX-WXX-WE")),
        ("The fair is held every summer.", ("every summer", "SET", "XXXX-SU")),
        ("A decision is due in the coming weeks.", ("the coming weeks", "DATE", "FUTURE_REF")),
    ],
)  # fmt: skip
def test_sets_of_week_parts_and_seasons_and_the_coming_weeks(text, expected):
    assert found(text) == [expected]
