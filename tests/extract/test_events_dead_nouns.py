"""Counted nouns of the dead that are not "killed" read as people killed (issue 11, numbers):
martyrs, bodies, fatalities, victims, dead; and a figure coordinated with another keeps the event
its own noun names. Sentences written for these tests."""

from __future__ import annotations

import pytest

import claimtrail


def events(text: str) -> list[tuple[float | None, str | None]]:
    claims = claimtrail.extract(text, None)
    return [(c.quantity.value, c.event) for c in claims if c.kind == "quantity" and c.quantity]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mourners carried 19 martyrs through the camp.", [(19, "killed")]),
        ("Divers pulled 8 bodies from the river.", [(8, "killed")]),
        ("The agency counted 64 fatalities after the storm.", [(64, "killed")]),
        ("The landslide claimed 27 victims.", [(27, "killed")]),
        ("By nightfall there were 16 dead in the market.", [(16, "killed")]),
    ],
)
def test_nouns_of_the_dead_are_people_killed(text, expected):
    assert events(text) == expected


def test_victims_with_injuries_in_the_sentence_are_wounded():
    assert events("Medics said 11 victims were treated for burns and injuries.") == [(11, "wounded")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The clashes caused 25 injuries and 7 deaths.", [(25, "wounded"), (7, "killed")]),
        (
            "There were 90 casualties and 13 fatalities among the guards.",
            [(90, "casualties"), (13, "killed")],
        ),
        ("The raid killed 6 fighters and 2 farmers.", [(6, "killed"), (2, "killed")]),
    ],
)
def test_coordinated_figures_keep_their_own_event(text, expected):
    assert events(text) == expected


def test_ages_and_members_of_a_set_are_not_counted_figures():
    assert events("A 62-year-old and a four-year-old were among the victims, one of many families hit.") == []
