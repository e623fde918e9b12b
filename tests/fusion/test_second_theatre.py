"""A second country's toll inside an article about another war (issue 10): "In Lebanon, the health
ministry said a strike near Nabatieh killed two people" in a story on Gaza is Lebanon's ministry
and Lebanon's dead, never the Gaza ministry's toll. Written for this test; the day is invented."""

from __future__ import annotations

from datetime import date

import pytest

from claimtrail import extract
from claimtrail.fusion import ArticleMeta, fuse

DAY = date(2025, 7, 8)
TEXT = (
    "CAIRO (Harbour Wire) - Israeli strikes killed at least 27 Palestinians in the Gaza Strip on "
    "Tuesday, the Gaza health ministry said.\n"
    "In Lebanon, the health ministry said an Israeli drone strike on a car near the southern town of "
    "Nabatieh killed two people.\n"
)


@pytest.fixture(scope="module")
def claims():
    return {c.quantity.text: c for c in extract(TEXT, DAY) if c.quantity is not None}


def test_a_ministry_described_after_a_fronted_country_is_that_countrys(claims):
    assert claims["27"].attribution[0].name == "Gaza Health Ministry"
    assert claims["two"].attribution[0].name == "Ministry of Health (Lebanon)"


def test_the_other_countrys_dead_are_not_the_first_wars_toll(claims):
    found = list(claims.values())
    fused = fuse(found, {c.article_id: ArticleMeta("Harbour Wire", DAY) for c in found}, {}, None)
    gaza = next(t for t in fused.tracked if claims["27"].claim_id in t.claims)
    lebanon = next(t for t in fused.tracked if claims["two"].claim_id in t.claims)
    assert gaza.id != lebanon.id
    assert gaza.subject.country == "PS"
    assert lebanon.subject.country != "PS"
    assert [o.name for o in lebanon.origins] == ["Ministry of Health (Lebanon)"]


@pytest.mark.parametrize(
    ("sentence", "campaign"),
    [
        ("More than 6,300 civilians have been killed since the 2021 coup, a rights group says.", True),
        ("The ministry said 57,000 people had been killed since October 2023.", True),
        ("At least 210 people have died since 2022 in the camps, the agency said.", True),
        ("The strike killed 14 people since Monday's alert, officials said.", False),
    ],
)
def test_a_count_since_a_year_is_a_campaigns_not_an_incidents(sentence, campaign):
    from claimtrail.fusion import scope

    claim = next(c for c in extract(sentence, DAY) if c.quantity is not None)
    assert scope.is_campaign(claim) is campaign


def test_a_states_own_body_counts_its_own_dead_in_a_story_told_from_elsewhere():
    text = (
        "Israel strikes Iran's nuclear sites; Iran says 78 killed\n\n"
        "DUBAI/JERUSALEM (Harbour Wire) - Iran's health ministry said 78 people, including senior "
        "military commanders and scientists, were killed in Israeli strikes on Friday, state media "
        "reported, while more than 320 others were wounded.\n"
        "Israel's military said some 200 aircraft had struck about 100 targets across Iran.\n"
        "Iran's Revolutionary Guards said in a statement that they had fired more than 100 ballistic "
        "missiles at Israel in response. Israel's emergency service said three people had been killed "
        "and at least 70 wounded in the retaliatory attacks.\n"
    )
    found = extract(text, DAY)
    fused = fuse(found, {c.article_id: ArticleMeta("Harbour Wire", DAY) for c in found}, {}, None)
    ids78 = {c.claim_id for c in found if c.quantity and c.quantity.value == 78}
    ids3 = {c.claim_id for c in found if c.quantity and c.quantity.value == 3}
    iran = {t.id for t in fused.tracked if ids78 & set(t.claims) and t.event == "killed"}
    israel = {t.id for t in fused.tracked if ids3 & set(t.claims) and t.event == "killed"}
    assert iran and israel and not iran & israel
    assert {t.subject.country for t in fused.tracked if t.id in iran} == {"IR"}
    body = [c for c in found if c.claim_id in ids78 and len(c.attribution) > 1]
    assert body and all(p.country != "IL" for c in body for p in c.places)
