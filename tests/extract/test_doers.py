"""A figure that does the harm is not what befell (issue 10): the active subject of a verb with an
object ("two drones struck a refinery", "75 gunmen killed 20 villagers") is the doer; weapons that
strike were launched. Subjects that suffer, lose or flee still take the event. Sentences written
for these tests."""

from __future__ import annotations

import pytest

from claimtrail import extract


def _event(text: str, figure: str) -> str | None:
    return next(c.event for c in extract(text) if c.quantity is not None and c.quantity.text == figure)


@pytest.mark.parametrize(
    ("text", "figure", "event"),
    [
        ("Two drones struck a fuel depot in the region overnight.", "Two", "launched"),
        ("Four missiles hit the port city on Sunday.", "Four", "launched"),
        ("About 60 gunmen killed 14 villagers in the raid.", "60", "other"),
        ("About 60 gunmen killed 14 villagers in the raid.", "14", "killed"),
        ("Some 120 soldiers lost their lives in the battle for the hill.", "120", "killed"),
        (
            "More than 2 million people have fled their homes since the fighting began.",
            "2 million",
            "displaced",
        ),
        ("Six soldiers were wounded when three drones hit their position.", "Six", "wounded"),
    ],
)
def test_the_doer_of_a_harm_is_not_what_befell(text, figure, event):
    assert _event(text, figure) == event


@pytest.mark.parametrize(
    ("text", "figure", "event"),
    [
        (
            "The president said the freed prisoners included medics, marines and three civilians.",
            "three",
            "released",
        ),
        ("The evacuated residents included 300 children, the governor said.", "300", "evacuated"),
        ("The delegation included 12 diplomats.", "12", None),
    ],
)
def test_members_of_a_set_share_what_befell_it(text, figure, event):
    assert _event(text, figure) == event


@pytest.mark.parametrize(
    ("figure", "event"),
    [("193", "killed"), ("228", "missing")],
)
def test_a_toll_and_the_missing_in_two_clauses_keep_their_own_events(figure, event):
    assert _event("At least 193 people have died and 228 are missing, officials said.", figure) == event


def test_weapons_an_attack_puts_to_use_were_launched_by_the_attacker():
    text = "Russia attacked Ukraine overnight, deploying 510 drones and 11 missiles, the air force said."
    claims = {c.quantity.text: c for c in extract(text) if c.quantity is not None}
    for figure in ("510", "11"):
        assert (claims[figure].event, claims[figure].subject.country) == ("launched", "RU")


def test_troops_deployed_in_a_participle_stay_deployed():
    assert _event("The army crossed the river on Monday, deploying 200 soldiers.", "200") == "deployed"


@pytest.mark.parametrize(
    ("figure", "event"),
    [("310", "killed"), ("420", "missing")],
)
def test_a_number_followed_by_its_adjective_takes_its_event(figure, event):
    text = "The floods have affected 1.1 million people, with 310 dead and nearly 420 missing."
    assert _event(text, figure) == event
