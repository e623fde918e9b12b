"""One body named in full by one outlet and by its acronym by another is one origin (issue 10:
"the same body under several names counted as several"). Sentences written for this test."""

from __future__ import annotations

from datetime import date

from claimtrail import extract
from claimtrail.fusion import ArticleMeta, fuse
from claimtrail.fusion.origins import OriginResolver


def test_a_full_name_and_its_acronym_are_one_body_in_either_order():
    r = OriginResolver()
    assert r.named("Flood Relief Coordination Office", "government") == r.named("FRCO", "government")
    r = OriginResolver()
    assert r.named("FRCO", "government") == r.named("Flood Relief Coordination Office", "government")
    r = OriginResolver()
    assert r.named("Flood Relief Coordination Office (FRCO)", "government") == r.named("FRCO", "government")


def test_short_acronyms_and_persons_do_not_merge():
    r = OriginResolver()
    assert r.named("Red Lake Bureau", "government") != r.named("RL", "government")
    assert r.named("Rania Lina Bakr", "person") != r.named("RLB", "organization")


def test_two_outlets_naming_one_body_two_ways_give_one_origin():
    day = date(2025, 11, 30)
    first = extract(
        "Floods have killed 140 people, the Flood Relief Coordination Office said on Sunday.", day
    )
    second = extract("Floods have killed 140 people, FRCO said on Sunday.", day)
    claims = first + second
    meta = {c.article_id: ArticleMeta(f"Outlet {i}", day) for i, c in enumerate(claims)}
    fused = fuse(claims, meta, {}, None)
    killed = [t for t in fused.tracked if t.event == "killed"]
    assert len(killed) == 1
    assert len(killed[0].origins) == 1


def test_a_body_named_with_and_without_its_country_is_one_but_not_another_countrys():
    r = OriginResolver()
    with_country = r.named("Sri Lanka Flood Relief Coordination Office", "government")
    assert r.named("Flood Relief Coordination Office", "government") == with_country
    assert r.named("Indian Flood Relief Coordination Office", "government") != with_country
    r = OriginResolver()
    plain = r.named("Flood Relief Coordination Office", "government")
    assert r.named("Sri Lanka's Flood Relief Coordination Office", "government") == plain
