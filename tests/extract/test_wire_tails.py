"""Wire shapes around a toll (issue 10): a "with ..." phrase after the cue carries on what the
speaker said; a toll that climbed past or above a figure is a toll. Sentences written for these tests."""

from __future__ import annotations

import pytest

from claimtrail import extract
from claimtrail.model import Claim


def _claim(text: str, figure: str) -> Claim:
    return next(c for c in extract(text) if c.quantity is not None and c.quantity.text == figure)


def test_a_with_phrase_after_the_cue_is_the_speakers():
    text = "The toll from the landslide has risen to 310, the provincial governor said on Friday, with 96 people injured."
    injured = _claim(text, "96")
    assert injured.event == "wounded"
    assert [link.text for link in injured.attribution] == ["the provincial governor"]


def test_a_with_phrase_that_is_no_report_stays_unattributed():
    text = "Rescuers worked with 40 volunteers through the night."
    assert _claim(text, "40").attribution == ()


@pytest.mark.parametrize(
    "text",
    [
        "The death toll from the floods climbed past 1,300 on Monday.",
        "The death toll rose above 1,300 on Monday, officials said.",
    ],
)
def test_a_toll_that_climbed_past_a_figure_is_a_toll(text):
    assert _claim(text, "1,300").event == "killed"


@pytest.mark.parametrize(
    ("text", "figure", "speaker"),
    [
        (
            "A drone strike on a market killed 11 civilians and wounded 20 others, residents and a local "
            "rescue group told Harbour Wire on Friday.",
            "11",
            "residents",
        ),
        ("Shelling killed 7 people in the town, officials and witnesses said.", "7", "officials"),
    ],
)
def test_speakers_the_parser_joined_to_the_object_still_speak(text, figure, speaker):
    chain = _claim(text, figure).attribution
    assert chain and chain[0].text is not None and chain[0].text.startswith(speaker)


def test_a_cue_closing_the_sentence_is_the_reporter_of_the_one_before():
    text = "Syria's health ministry said 31 people were killed in the raids on Monday, state television reported."
    chain = _claim(text, "31").attribution
    assert [link.cue for link in chain] == ["reported", "said"]
    assert chain[-1].text is not None and "ministry" in chain[-1].text


@pytest.mark.parametrize(
    "text",
    [
        "The floods have claimed 212 lives, the disaster agency said.",
        "Landslides have claimed at least 48 lives in the valley.",
    ],
)
def test_a_disaster_that_claimed_lives_killed_and_claimed_nothing(text):
    figure = "212" if "212" in text else "48"
    claim = _claim(text, figure)
    assert claim.event == "killed"
    assert all(link.cue != "claimed" and link.cue != "claiming" for link in claim.attribution)
