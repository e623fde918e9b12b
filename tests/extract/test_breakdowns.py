"""A figure broken down by place in one sentence (issue 10): "N were downed over A, M over B and K
over C" gives each number its own place and the counted thing of the first; "of those" does not
count the regions named before; a part told in a relative clause ("of which 87 were shot down")
belongs to the owner of its whole. Sentences written for these tests."""

from __future__ import annotations

from claimtrail import extract
from claimtrail.model import Claim

NIGHT = (
    "The defence ministry said its air defences destroyed 64 Ukrainian drones overnight over eight "
    "regions. Of those, 25 were downed over the Belgorod region, 14 over Voronezh and six over the "
    "Tula region, it said."
)


def _claims(text: str) -> dict[str, Claim]:
    return {c.quantity.text: c for c in extract(text) if c.quantity is not None}


def test_each_number_of_a_gapped_list_takes_its_own_place():
    claims = _claims(NIGHT)
    assert [p.name for p in claims["25"].places] == ["Belgorod"]
    assert [p.name for p in claims["14"].places] == ["Voronezh"]
    assert [p.name for p in claims["six"].places] == ["Tula"]


def test_each_number_of_a_gapped_list_counts_what_the_first_counts():
    claims = _claims(NIGHT)
    for figure in ("25", "14", "six"):
        assert (claims[figure].subject.normalized, claims[figure].subject.country) == ("drone", "UA")
        assert claims[figure].event == "intercepted"


def test_of_those_is_not_the_regions_counted_before():
    claims = _claims(NIGHT)
    assert claims["eight"].subject.normalized == "region"
    assert claims["25"].subject.normalized == "drone"


def test_the_whole_of_a_breakdown_keeps_its_parts_places():
    claims = _claims(
        "Air defences intercepted 140 Ukrainian drones overnight, 52 of them over the Kursk region "
        "and 30 over the Bryansk region, the ministry said."
    )
    assert sorted(p.name for p in claims["140"].places) == ["Bryansk", "Kursk"]
    assert [p.name for p in claims["52"].places] == ["Kursk"]
    assert [p.name for p in claims["30"].places] == ["Bryansk"]


def test_a_part_in_a_relative_clause_is_owned_like_its_whole():
    claims = _claims(
        "Ukraine's air force said Russia had fired 96 drones and three cruise missiles at the country "
        "overnight, of which 71 drones were shot down or jammed."
    )
    assert claims["96"].subject.country == "RU"
    assert (claims["71"].subject.normalized, claims["71"].subject.country) == ("drone", "RU")
    assert claims["71"].event == "intercepted"


def test_a_part_told_with_of_whom_keeps_its_whole_owner():
    claims = _claims(
        "Moscow has deployed 4,000 Russian conscripts to the border, of whom 600 were later withdrawn."
    )
    assert claims["4,000"].subject.country == "RU"
    assert claims["600"].subject.country == "RU"


def test_a_cue_the_parser_reads_as_a_participle_keeps_its_speaker():
    # the small model parses "intelligence estimated last week that ..." as a reduced relative
    claims = _claims(
        "Britain's defence intelligence estimated last week that Russian forces had suffered about "
        "790,000 casualties since February 2022."
    )
    chain = claims["790,000"].attribution
    assert chain and chain[0].text == "Britain's defence intelligence"


def test_countries_joined_as_subjects_are_actors_not_places():
    claims = _claims("Ukraine and Russia each released 150 prisoners of war on Tuesday, officials said.")
    assert claims["150"].places == ()


def test_others_after_a_part_are_of_the_whole():
    claims = _claims(
        "A military air strike on a village killed at least 18 civilians, including five children, "
        "and wounded about 30 others, residents said."
    )
    assert claims["five"].subject.normalized == "child"
    assert (claims["30"].subject.normalized, claims["30"].event) == ("civilian", "wounded")
