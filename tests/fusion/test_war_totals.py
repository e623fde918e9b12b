"""Counts over a whole war (issue 10): a count since a date holds for the day it is said, and two
estimates of a war's casualties far apart are rivals, not a count that rose in a few days; an
incident's toll may still rise fast. Written for this test; figures invented."""

from __future__ import annotations

from datetime import date

from claimtrail import extract
from claimtrail.fusion import ArticleMeta, fuse
from claimtrail.fusion.cluster import claim_day

DAY = date(2025, 7, 5)


def _fused(text: str, day: date = DAY):
    claims = extract(text, day)
    return claims, fuse(claims, {c.article_id: ArticleMeta("Harbour Wire", day) for c in claims}, {}, None)


def _by_value(claims, value):
    return next(c for c in claims if c.quantity is not None and c.quantity.value == value)


def test_a_count_since_a_date_holds_for_the_day_it_is_said():
    claims = extract(
        "Russia has lost about 990,000 troops since the start of its invasion in February 2022, "
        "Ukraine's General Staff said on Saturday.",
        DAY,
    )
    assert claim_day(_by_value(claims, 990_000), DAY) == DAY


def test_two_estimates_of_a_wars_casualties_far_apart_are_rivals():
    claims, fused = _fused(
        "Russia has lost about 990,000 troops, killed and wounded, since the start of its invasion in "
        "February 2022, Ukraine's General Staff said on Saturday.\n"
        "British defence intelligence said on Wednesday that Russian casualties had reached about "
        "700,000 since the start of the war.\n"
    )
    series = next(t for t in fused.tracked if _by_value(claims, 990_000).claim_id in t.claims)
    assert _by_value(claims, 700_000).claim_id in series.claims
    assert [c.reason.split(":")[0] for c in series.contradictions if c.genuine] == ["genuine"]


def test_an_incidents_toll_may_still_rise_fast():
    first, fused_first = _fused(
        "A missile strike on the city killed 21 people on Monday, the governor said.", date(2025, 4, 14)
    )
    later = extract(
        "The toll from Monday's missile strike on the city rose to 32, the governor said on Tuesday.",
        date(2025, 4, 15),
    )
    claims = first + later
    meta = {c.article_id: ArticleMeta("Harbour Wire", date.fromisoformat(c.published)) for c in claims}
    fused = fuse(claims, meta, {}, None)
    assert not [c for t in fused.tracked for c in t.contradictions if c.genuine]
