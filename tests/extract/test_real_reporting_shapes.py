"""Shapes of real wire reporting from many conflicts and disasters (issue 10), one family a test.

Every sentence is written for these tests in the manner of the reporting studied (tolls relayed
from a ministry, "bodies and N injured", "N deaths and N missing", "lives were lost", "the deaths
included ...", places glued into modifiers, towns the tagger calls organisations). Facts and
numbers are invented or reused; no sentence is copied. Each case runs the whole pipeline and the
claim builder (``claimtrail.extract``).
"""

from __future__ import annotations

import pytest

from claimtrail import extract
from claimtrail.model import Claim


def _figure(sentence: str, figure: str) -> Claim:
    """The claim of the figure written ``figure`` in ``sentence``."""
    found = [c for c in extract(sentence) if c.quantity is not None and c.quantity.text == figure]
    assert found, f"no figure {figure!r} in {sentence!r}"
    return found[-1]


EVENTS = [
    # a describing word on a coordinated noun is its own: the injured are not bodies
    (
        "Morgues and hospitals hold 450 bodies and 1,900 injured individuals, the spokesman said.",
        "1,900",
        "wounded",
    ),
    (
        "Morgues and hospitals hold 450 bodies and 1,900 injured individuals, the spokesman said.",
        "450",
        "killed",
    ),
    ("The clinic received no fewer than nine bodies and about 30 injured people.", "30", "wounded"),
    # a noun naming the dead keeps it against a verb said of the figure coordinated with it
    ("The coast suffered the worst, with 120 deaths and 60 people still unaccounted for.", "120", "killed"),
    ("The coast suffered the worst, with 120 deaths and 60 people still unaccounted for.", "60", "missing"),
    # a tally noun with an event adjective
    ("The number of injured rose to 2,100, while the missing figure rose to 85.", "85", "missing"),
    # lives lost are people killed
    ("At least 12 lives were lost in the neighbouring province, officials said.", "12", "killed"),
    ("Nearly 40 lives have been lost since the rains began.", "40", "killed"),
    # killed or injured sharing one object is casualties
    ("Floods have killed or injured at least 300 people since June, the agency said.", "300", "casualties"),
    ("Gunmen killed or wounded 75 villagers in the raid.", "75", "casualties"),
    # each verb keeps its own figure
    ("Shelling killed 14 civilians and wounded 30 on Monday.", "30", "wounded"),
    ("600 homes were destroyed and a further 2,000 damaged.", "2,000", "damaged"),
    # a set named by what befell people passes it to its members
    ("The deaths include 5,100 children and 3,200 women, the ministry said.", "5,100", "killed"),
    ("The deaths include 5,100 children and 3,200 women, the ministry said.", "3,200", "killed"),
    ("The 480 deaths included 120 women.", "120", "killed"),
    ("Of the fatalities, 41 occurred in the capital, officials said.", "41", "killed"),
    ("Among the victims were four women and 10 children.", "10", "killed"),
    # "left N dead"
    ("Fighting in the city left at least 900 people dead, the agency said.", "900", "killed"),
    # a figure the parse coordinates with the clause of another figure takes its own predicate
    ("At least 64 people were dead and over 90 are still missing after the storm hit.", "90", "missing"),
    # the tally names the event of its members
    (
        "The number of missing persons after the mudslide has increased to 141, the authorities said.",
        "141",
        "missing",
    ),
    (
        "The number of victims of the shelling has grown to 1,523 people, the ministry said.",
        "1,523",
        "killed",
    ),
    ("The general said the number of the dead is expected to exceed 3,000.", "3,000", "killed"),
    ("The toll from the storms is estimated to be 640 people, the governor said.", "640", "killed"),
    # the set may be named by an adjective or a relative clause
    ("Among the injured were six children, the hospital said.", "six", "wounded"),
    ("Of the 310 people who have died, 42 are children, the ministry said.", "42", "killed"),
    # an event word on the number is its own, whatever the verb carries for the next figure
    ('A strike on the village left "seven dead and 12 wounded", the ministry said.', "seven", "killed"),
    ('A strike on the village left "seven dead and 12 wounded", the ministry said.', "12", "wounded"),
]


@pytest.mark.parametrize(("sentence", "figure", "event"), EVENTS)
def test_event_of_real_reporting_shapes(sentence, figure, event):
    assert _figure(sentence, figure).event == event


def test_a_difference_between_two_counts_is_no_count():
    sentence = (
        "A monitoring group said 35 people had been killed in the strike, three more than the official count."
    )
    assert _figure(sentence, "35").event == "killed"
    assert _figure(sentence, "three").event is None
    # "more than" before a number is a bound, and "12 more people" a count
    assert _figure("More than 300 people were killed, the army said.", "300").event == "killed"
    assert _figure("Officials said 12 more people died on Monday.", "12").event == "killed"


PLACES = [
    # a town the tagger calls an organisation or a person is still the place of the figure
    (
        "At least 32 civilians were killed in an attack on El Fasher, the capital of North Darfur, the army said.",
        "32",
        "El Fasher",
    ),
    (
        "A drone strike on Ukraine's Poltava region on Wednesday killed two people, the governor said.",
        "two",
        "Poltava",
    ),
    # a transliteration picks its own town, not another with the same alternate name
    (
        "Four people were killed by a missile strike on the city of Sloviansk, the governor said.",
        "Four",
        "Slovyansk",
    ),
]


@pytest.mark.parametrize(("sentence", "figure", "place"), PLACES)
def test_place_of_real_reporting_shapes(sentence, figure, place):
    assert place in [p.name for p in _figure(sentence, figure).places]


def test_a_country_whose_disaster_it_is_places_the_figure():
    sentence = "Seismologists estimated that the death toll in Myanmar's quakes could top 10,000."
    assert "Myanmar" in [p.name for p in _figure(sentence, "10,000").places]


@pytest.mark.parametrize(
    ("sentence", "figure", "not_a_place"),
    [
        ("Rwanda-backed rebels killed 40 villagers in Goma, the UN said.", "40", "Rwanda"),
        (
            "Over 60,000 people have been killed in the Israel-Hamas war, the ministry said.",
            "60,000",
            "Israel",
        ),
        ("The Saudi-led coalition said 12 fighters were killed in Sanaa.", "12", "Saudi Arabia"),
    ],
)
def test_a_name_glued_into_a_modifier_is_no_place(sentence, figure, not_a_place):
    assert not_a_place not in [p.name for p in _figure(sentence, figure).places]


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        (
            "The death toll from Israeli bombing of the enclave has risen to 15,899, the spokesman said.",
            "15,899",
        ),
        ("Casualties from Russian shelling rose to 40 on Monday.", "40"),
    ],
)
def test_the_nationality_of_an_attack_is_the_attacker_not_whose_dead(sentence, figure):
    assert _figure(sentence, figure).subject.country is None


def test_troops_from_a_country_are_still_its_own():
    assert (
        _figure("The agency said 1,500 troops from North Korea were deployed.", "1,500").subject.country
        == "KP"
    )


def test_a_date_on_a_later_verb_of_saying_dates_the_statement():
    # the chain may be missed; the day of "said on Monday" is still not the day of the killing
    sentence = "At least 14 civilians were killed in Tawila, a rights group said on Monday."
    claim = _figure(sentence, "14")
    assert claim.event_time is None
    assert claim.statement_time is not None and claim.statement_time.text == "Monday"
    # a date in the figure's own clause is still the event's
    claim = _figure("Officials said on Tuesday that 12 people were killed on Monday.", "12")
    assert claim.event_time is not None and claim.event_time.text == "Monday"
