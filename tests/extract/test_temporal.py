"""The time extractor: spans, TimeML values and calendar ranges on news-like sentences."""

from __future__ import annotations

from datetime import date

import pytest

from claimtrail.extract.temporal import latest_full_date, resolve_times

PUB = date(2025, 3, 6)  # a Thursday


def one(text: str, ref: date | None = PUB, kind: str | None = None):
    found = [t for t in resolve_times(text, ref) if kind is None or t.type == kind]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "span", "value", "begin", "finish"),
    [
        ("Troops crossed the border on March 5, officials said.", "March 5", "2025-03-05", "2025-03-05", "2025-03-05"),
        ("The talks were held Feb. 23 to 26 in Riyadh.", "Feb. 23 to 26", "2025-02-23/2025-02-26", "2025-02-23",
         "2025-02-26"),
        ("Shelling resumed on Jan. 11, 2025, near the town.", "Jan. 11, 2025", "2025-01-11", "2025-01-11", "2025-01-11"),
        ("He was captured on 11 January 2025.", "11 January 2025", "2025-01-11", "2025-01-11", "2025-01-11"),
        ("The report is dated 2025-01-11.", "2025-01-11", "2025-01-11", "2025-01-11", "2025-01-11"),
        ("The ministry spoke yesterday.", "yesterday", "2025-03-05", "2025-03-05", "2025-03-05"),
        ("The convoy left two days ago.", "two days ago", "2025-03-04", "2025-03-04", "2025-03-04"),
        ("Casualties rose last year.", "last year", "2024", "2024-01-01", "2024-12-31"),
        ("The unit was moved last October.", "last October", "2024-10", "2024-10-01", "2024-10-31"),
        ("Fighting intensified earlier this month.", "earlier this month", "2025-03", "2025-03-01", "2025-03-06"),
        ("The offensive began in early 2024.", "early 2024", "2024", "2024-01-01", "2024-04-30"),
        ("The troops arrived late last year.", "late last year", "2024", "2024-09-02", "2024-12-31"),
        ("Strikes are expected in mid-March.", "mid-March", "2025-03", "2025-03-11", "2025-03-21"),
        ("Output fell in the first half of 2025.", "the first half of 2025", "2025-H1", "2025-01-01", "2025-06-30"),
        ("The war has raged since February 2022.", "since February 2022", "2022-02", "2022-02-01", "2025-03-06"),
        ("Aid deliveries resumed this week.", "this week", "2025-W10", "2025-03-03", "2025-03-09"),
    ],
)  # fmt: skip
def test_dates_resolved_against_publication(text, span, value, begin, finish):
    t = one(text)
    assert t.text == span
    assert text[t.start : t.end] == span
    assert t.type == "DATE"
    assert t.value == value
    assert t.begin == date.fromisoformat(begin)
    assert t.finish == date.fromisoformat(finish)


def test_bare_year_in_text():
    t = one("The border was redrawn in 2023 after talks.")
    assert (t.text, t.value, t.begin, t.finish) == ("2023", "2023", date(2023, 1, 1), date(2023, 12, 31))


def test_counts_that_look_like_years_are_not_dates():
    assert resolve_times("Officials said 2000 soldiers and 1,500 troops were sent.", PUB) == []


def test_weekday_is_most_recent_unless_future_tense():
    assert one("The minister said on Wednesday that talks failed.").value == "2025-03-05"
    assert one("The minister will travel to Kyiv on Monday.").value == "2025-03-10"
    assert one("They met last Wednesday.").value == "2025-02-26"


def test_bare_month_day_leans_to_the_past_but_allows_near_future():
    assert one("Elections were held on October 12.").value == "2024-10-12"
    assert one("A vote is planned for March 20.").value == "2025-03-20"


def test_past_three_months_is_a_duration_with_a_range():
    t = one("Losses doubled over the past three months.")
    assert (t.text, t.type, t.value) == ("the past three months", "DURATION", "P3M")
    assert (t.begin, t.finish) == (date(2024, 12, 6), PUB)


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The march lasted three days.", "three days", "P3D"),
        ("The siege went on for 24 hours.", "24 hours", "PT24H"),
        ("He trained for one and a half years.", "one and a half years", "P1.5Y"),
        ("It was a three-day visit.", "three-day", "P3D"),
    ],
)
def test_durations(text, span, value):
    t = one(text, kind="DURATION")
    assert (t.text, t.value) == (span, value)


def test_rate_per_week_is_a_set_not_a_duration():
    t = one("Recruits ran 100 ri a week with heavy packs.")
    assert (t.text, t.type, t.value) == ("a week", "SET", "P1W")


def test_time_of_day_and_datetime():
    t = one("The blast came at 10:30 p.m. on Tuesday.")
    assert (t.text, t.type, t.value) == ("10:30 p.m. on Tuesday", "TIME", "2025-03-04T22:30")
    t = one("Sirens sounded last night across the city.")
    assert (t.text, t.type, t.value) == ("last night", "TIME", "2025-03-05TNI")


def test_now_is_present_ref():
    assert one("Troops are now in the Kursk region.").value == "PRESENT_REF"


def test_without_reference_dates_keep_unknown_year():
    t = one("The attack happened on March 5.", ref=None)
    assert t.value == "XXXX-03-05" and t.begin is None


def test_modal_may_is_not_a_month():
    assert resolve_times("Pyongyang may send more troops, he said.", PUB) == []


def test_component_sets_doc_times(annotate):
    doc = annotate("On March 5, lawmakers said 1,500 troops arrived in the past three months.", PUB)
    times = doc._.times
    assert [t.text for t in times] == ["March 5", "the past three months"]
    assert times[0].value == "2025-03-05"
    assert all(times[i].start <= times[i + 1].start for i in range(len(times) - 1))


def test_latest_full_date():
    text = "Posted Jan. 3, 2024. Updated 5 March 2025 at 10:00. Talks on Feb. 23 to 26."
    assert latest_full_date(text) == date(2025, 3, 5)
    assert latest_full_date("No dates here, only last week.") is None


def test_names_and_ages_are_not_dates():
    assert [t.text for t in resolve_times("The Sunday Times said the 24-year-old was held.", PUB)] == []


# --- TIMEX3 conventions for news (issue 11) ------------------------------------------------------


def values(text: str, ref: date | None = PUB) -> list[tuple[str, str, str | None]]:
    return [(t.text, t.type, t.value) for t in resolve_times(text, ref)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # counted from the date the story just gave, not from the publication date
        ("Militias took the depot on March 1. The next day, the army shelled it.",
         [("March 1", "DATE", "2025-03-01"), ("The next day", "DATE", "2025-03-02")]),
        ("Envoys met in Doha on Feb. 10. Two days later, the truce broke down.",
         [("Feb. 10", "DATE", "2025-02-10"), ("Two days later", "DATE", "2025-02-12")]),
        ("The dam was hit on Jan. 20; the day before, engineers had left.",
         [("Jan. 20", "DATE", "2025-01-20"), ("the day before", "DATE", "2025-01-19")]),
        ("The port reopened on Feb. 3. A week later, ships were queuing.",
         [("Feb. 3", "DATE", "2025-02-03"), ("A week later", "DATE", "2025-W07")]),
        ("The siege began in 2022. A year later, the town was empty.",
         [("2022", "DATE", "2022"), ("A year later", "DATE", "2023")]),
        ("Shells fell on the market on Feb. 14. That same day, the mayor resigned.",
         [("Feb. 14", "DATE", "2025-02-14"), ("That same day", "DATE", "2025-02-14")]),
        ("Grain exports collapsed in October 2023. That month, two ships sank.",
         [("October 2023", "DATE", "2023-10"), ("That month", "DATE", "2023-10")]),
        # with no date before, the publication date is the anchor
        ("The following day, the ministry issued a statement.", [("The following day", "DATE", "2025-03-07")]),
        # "yesterday", "ago" and "last week" stay with the publication date whatever came before
        ("The bridge fell on Feb. 2. Yesterday the army rebuilt it.",
         [("Feb. 2", "DATE", "2025-02-02"), ("Yesterday", "DATE", "2025-03-05")]),
        ("The bridge fell on Feb. 2. Casualties rose last week.",
         [("Feb. 2", "DATE", "2025-02-02"), ("last week", "DATE", "2025-W09")]),
    ],
)  # fmt: skip
def test_relative_dates_anchor_to_story_or_publication(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The army pulled back three years ago.", ("three years ago", "DATE", "2022")),
        ("Prices doubled six months ago.", ("six months ago", "DATE", "2024-09")),
        ("The road was cut two weeks ago.", ("two weeks ago", "DATE", "2025-W08")),
        ("The road was cut four days ago.", ("four days ago", "DATE", "2025-03-02")),
        ("A few weeks ago, the drones returned.", ("A few weeks ago", "DATE", "PAST_REF")),
    ],
)
def test_ago_has_the_granularity_of_its_unit(text, expected):
    assert values(text) == [expected]


def test_ago_keeps_the_day_as_calendar_range():
    t = one("The army pulled back three years ago.")
    assert (t.begin, t.finish) == (date(2022, 3, 6), date(2022, 3, 6))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The governor said on Friday that the dam held.", ("Friday", "DATE", "2025-02-28")),
        ("The governor will inspect the dam on Friday.", ("Friday", "DATE", "2025-03-07")),
        ("Rockets landed near the school early Tuesday.", ("early Tuesday", "DATE", "2025-03-04")),
        ("Looting broke out late Monday.", ("late Monday", "DATE", "2025-03-03")),
    ],
)
def test_weekdays_follow_tense(text, expected):
    assert values(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Power cuts spread overnight.", ("overnight", "TIME", "2025-03-05TNI")),
        ("Negotiators met this morning.", ("this morning", "TIME", "2025-03-06TMO")),
        ("The brigade currently holds the ridge.", ("currently", "DATE", "PRESENT_REF")),
        ("Snipers recently moved into the tower.", ("recently", "DATE", "PAST_REF")),
        ("Fuel had previously been rationed.", ("previously", "DATE", "PAST_REF")),
        ("Such sieges were rare in the past.", ("the past", "DATE", "PAST_REF")),
        ("The envoy is expected to arrive soon.", ("soon", "DATE", "FUTURE_REF")),
        ("More troops will come in the coming weeks.", ("the coming weeks", "DATE", "FUTURE_REF")),
        ("Drone strikes multiplied in recent months.", ("recent months", "DATE", "PAST_REF")),
        ("The fort dates from the 17th century.", ("the 17th century", "DATE", "16")),
        ("Mines laid in the 1980s still kill.", ("the 1980s", "DATE", "198")),
        ("Exports slumped in the fourth quarter.", ("the fourth quarter", "DATE", "2024-Q4")),
        ("Exports will recover in the fourth quarter.", ("the fourth quarter", "DATE", "2025-Q4")),
        ("Rations were cut last fall.", ("last fall", "DATE", "2024-FA")),
        ("Rations were cut in the first half of 2024.", ("the first half of 2024", "DATE", "2024-H1")),
    ],
)
def test_types_and_reference_values(text, expected):
    assert values(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("At least 12 people died in the past three days.", ("the past three days", "DURATION", "P3D")),
        ("The crossing stayed shut for two weeks.", ("two weeks", "DURATION", "P2W")),
        ("Crews worked for several days to clear it.", ("several days", "DURATION", "PXD")),
        ("The town lost power in the past few days.", ("the past few days", "DURATION", "PXD")),
        ("Aid convoys leave every week.", ("every week", "SET", "P1W")),
        ("Medics report figures daily.", ("daily", "SET", "P1D")),
        ("The council sits twice a month.", ("twice a month", "SET", "P1M")),
    ],
)
def test_durations_and_sets(text, expected):
    assert values(text) == [expected]


def test_as_soon_as_is_not_a_time():
    assert values("Talks will start as soon as the guns fall silent.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a clock time on its own takes the story's day, else the publication date
        ("The curfew began at 10 p.m.", [("10 p.m.", "TIME", "2025-03-06T22:00")]),
        ("The ferry sank on Feb. 27. At 4 a.m. divers reached it.",
         [("Feb. 27", "DATE", "2025-02-27"), ("4 a.m.", "TIME", "2025-02-27T04:00")]),
        ("Sirens sounded at 2:15 a.m. on Monday.", [("2:15 a.m. on Monday", "TIME", "2025-03-03T02:15")]),
        # decades and centuries keep TimeML's own duration units
        ("The dispute has simmered for three decades.", [("three decades", "DURATION", "P3DE")]),
        ("The bridge stood for two centuries.", [("two centuries", "DURATION", "P2CE")]),
        # "the weekend": the last one in a past sentence, the next one after a future cue
        ("Shelling eased over the weekend.", [("the weekend", "DATE", "2025-W09-WE")]),
        ("Talks will resume over the weekend.", [("the weekend", "DATE", "2025-W10-WE")]),
    ],
)  # fmt: skip
def test_clock_times_decades_and_weekends(text, expected):
    assert values(text) == expected


def test_clock_time_without_any_date_stays_bare():
    assert values("The curfew began at 10 p.m.", ref=None) == [("10 p.m.", "TIME", "T22:00")]


def test_counts_off_the_calendar_do_not_break_the_extractor():
    assert values("Farmers settled here 9000 years ago.") == [("9000 years", "DURATION", "P9000Y")]
    assert values("In the past 5000 years, the river moved.") == [
        ("the past 5000 years", "DURATION", "P5000Y")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The militia regrouped within weeks.", ("weeks", "DURATION", "PXW")),
        ("The shelling was the worst in years.", ("years", "DURATION", "PXY")),
        ("Grain prices crashed in the '90s.", ("the '90s", "DATE", "199")),
    ],
)
def test_vague_durations_and_short_decades(text, expected):
    assert values(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Militias reached the port on March 1. That night, the depot burned.",
         [("March 1", "DATE", "2025-03-01"), ("That night", "TIME", "2025-03-01TNI")]),
        ("Militias reached the port on March 1. The following morning, ships left.",
         [("March 1", "DATE", "2025-03-01"), ("The following morning", "TIME", "2025-03-02TMO")]),
        ("Militias reached the port on March 1. The next day at 10 a.m., ships left.",
         [("March 1", "DATE", "2025-03-01"), ("The next day at 10 a.m.", "TIME", "2025-03-02T10:00")]),
        ("The envoy spoke earlier Thursday.", [("earlier Thursday", "DATE", "2025-03-06")]),
        ("Talks are set to resume on Monday.", [("Monday", "DATE", "2025-03-10")]),
        ("The vote is slated for Sunday.", [("Sunday", "DATE", "2025-03-09")]),
    ],
)  # fmt: skip
def test_story_parts_of_day_and_future_cues(text, expected):
    assert values(text) == expected


def test_a_daily_newspaper_is_not_a_set():
    assert values("He told the Kharkiv daily Slobidska Gazeta on Thursday.") == [
        ("Thursday", "DATE", "2025-03-06")
    ]
    assert values("Officials hold daily briefings.") == [("daily", "SET", "P1D")]


def test_today_in_a_name_is_not_a_date():
    assert values("The envoy told Russia Today that talks had failed.") == []
    assert values("Today, the envoy said talks had failed.") == [("Today", "DATE", "2025-03-06")]


def test_end_year_shorthand():
    t = one("Reserves fell to a low by end-2024.")
    assert (t.text, t.value, t.finish) == ("by end-2024", "2024", date(2024, 12, 31))
