"""A night's drones downed, broken down by region, and a wire headline naming the state for its
ministry's figure, end to end (extract, then fuse; issue 10). Written for this test; the night is
invented."""

from __future__ import annotations

from datetime import date

import pytest

from claimtrail import extract
from claimtrail.fusion import ArticleMeta, fuse

DAY = date(2025, 4, 14)
TEXT = (
    "Russia says it downed 64 Ukrainian drones over eight regions\n\n"
    "MOSCOW (Harbour Wire) - Russia's defence ministry said on Monday that its air defences had "
    "destroyed 64 Ukrainian drones overnight over eight regions. Of those, 25 were downed over the "
    "Belgorod region, 14 over Voronezh and six over the Tula region, it said.\n"
    "Ukraine's air force said separately that Russia had launched 96 drones at Ukraine overnight, of "
    "which 71 drones were shot down or jammed.\n"
)


@pytest.fixture(scope="module")
def result():
    claims = extract(TEXT, DAY)
    articles = {c.article_id: ArticleMeta("Harbour Wire", DAY) for c in claims}
    return claims, fuse(claims, articles, {}, None)


def _tracked(result, value):
    claims, fused = result
    ids = {c.claim_id for c in claims if c.quantity is not None and c.quantity.value == value}
    found = [t for t in fused.tracked if ids & set(t.claims)]
    assert len(found) == 1, [t.label for t in fused.tracked]
    return found[0]


def test_the_regions_are_parts_of_the_nights_total_not_rivals(result):
    whole = _tracked(result, 64)
    assert (whole.subject.normalized, whole.subject.country, whole.event) == ("drone", "UA", "intercepted")
    for value, region in ((25, "Belgorod"), (14, "Voronezh"), (6, "Tula")):
        part = _tracked(result, value)
        assert part.id != whole.id
        assert f"(part: {region})" in part.label
    assert not [c for c in whole.contradictions if c.genuine]


def test_the_other_sides_drones_stay_apart(result):
    downed = _tracked(result, 71)
    assert (downed.subject.country, downed.event) == ("RU", "intercepted")
    assert downed.id != _tracked(result, 64).id


def test_a_headline_naming_the_state_is_its_ministrys_figure_once(result):
    whole = _tracked(result, 64)
    assert len(whole.claims) == 2  # the headline's and the body's
    assert [o.name for o in whole.origins] == ["Russian Ministry of Defence"]


def test_people_named_by_nation_with_no_event_are_no_rivals():
    text = (
        "The mayor said about 4,500 Ukrainians are still in the occupied town.\n"
        "A coordination headquarters for prisoners said about 8,000 Ukrainians remain in Russian captivity.\n"
    )
    claims = extract(text, DAY)
    fused = fuse(claims, {c.article_id: ArticleMeta("Harbour Wire", DAY) for c in claims}, {}, None)
    people = [t for t in fused.tracked if t.subject.country == "UA" and t.event == "other"]
    assert [t.subject.normalized for t in people] == ["person"]  # "Ukrainians" are people
    assert not [c for t in people for c in t.contradictions if c.genuine]
    assert [c.reason.split(":")[0] for t in people for c in t.contradictions] == [
        "apparent (event not stated)"
    ]
