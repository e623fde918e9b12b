"""Fusion follows the desk: a rejected claim leaves the estimate, the origins and the contradictions;
a corrected value is the one fused; a merged source is one origin with the source it joined; an
ignored source leaves the origin lists; confirmed claims are marked in the timeline."""

from __future__ import annotations

from datetime import date

import pytest

from claimtrail import fusion
from claimtrail.contract.track import tracked_to_json
from claimtrail.model import Article, Claim
from claimtrail.store.desk_overlay import Correction
from claimtrail.store.ledger import open_ledger

from .helpers import claim

FIGURES = (  # article, troops deployed, the day it was said, the origin
    ("d1", 10000, "2024-11-04", "NIS"),
    ("d2", 12000, "2024-11-04", "Pentagon"),
    ("d3", 11000, "2024-11-04", "HUR"),
)


def _article(article_id: str, value: float, said: str, source: str) -> tuple[Article, list[Claim]]:
    c = claim(article_id, value, said=said, sources=(source,))
    text = f"A report we wrote: {value:,.0f} troops were deployed."
    published = date.fromisoformat(said)
    return Article(text=text, article_id=article_id, outlet=f"Outlet {article_id}", published=published), [c]


@pytest.fixture()
def ledger(tmp_path):
    with open_ledger(str(tmp_path / "desk.db")) as led:
        led.user = "tester"
        for row in FIGURES:
            assert led.add_article(*_article(*row))
        yield led


def _claim_of(ledger, article_id: str) -> str:
    return next(c.claim_id for c in ledger.claims() if c.article_id == article_id)


def _only(ledger):
    (tracked,) = fusion.track(ledger)
    return tracked


def test_a_rejection_changes_the_estimate_the_origins_and_the_contradictions(ledger):
    before = _only(ledger)
    assert (before.estimate.low, before.estimate.best, before.estimate.high) == (10000, 11000, 12000)
    assert before.independent_origins == 3
    assert any(_claim_of(ledger, "d2") in c.claims for c in before.contradictions)
    ledger.desk.review(_claim_of(ledger, "d2"), "rejected", note="Misread of a total", by="tester")
    after = _only(ledger)
    assert (after.estimate.low, after.estimate.best, after.estimate.high) == (10000, 10500, 11000)
    assert after.independent_origins == 2
    assert [("HUR" in o.name, "NIS" in o.name) for o in sorted(after.origins, key=lambda o: o.name)] == [
        (True, False),
        (False, True),
    ]
    assert _claim_of(ledger, "d2") not in after.claims
    assert all(_claim_of(ledger, "d2") not in c.claims for c in after.contradictions)
    assert _claim_of(ledger, "d2") not in {cid for o in fusion.origins(ledger) for cid in o.claims}


def test_a_merge_makes_two_origins_one(ledger):
    assert _only(ledger).independent_origins == 3
    ledger.desk.merge_source("HUR", into="NIS", by="tester")
    after = _only(ledger)
    assert after.independent_origins == 2
    merged = next(o for o in after.origins if "NIS" in o.name)
    assert sorted(merged.articles) == ["d1", "d3"]


def test_an_ignored_source_leaves_the_origin_lists(ledger):
    ledger.desk.ignore_source("Pentagon", by="tester")
    names = {o.name for o in fusion.origins(ledger)}
    assert not any("Pentagon" in name for name in names)
    assert "unattributed (Outlet d2)" in names  # the claim now stands on its outlet


def test_a_corrected_value_is_the_one_fused(ledger):
    ledger.desk.correct(_claim_of(ledger, "d2"), Correction(value=12600), by="tester")
    tracked = _only(ledger)
    assert tracked.estimate.high == 12600
    assert tracked.timeline[0].high == 12600


def test_confirmed_claims_are_marked_in_the_timeline_and_the_track_json(ledger):
    quiet = tracked_to_json(_only(ledger))
    assert all("confirmed" not in point for point in quiet["timeline"])  # nobody reviewed: as before
    confirmed = _claim_of(ledger, "d1")
    ledger.desk.review(confirmed, "confirmed", by="tester")
    (point,) = _only(ledger).timeline
    assert point.confirmed == (confirmed,)
    assert tracked_to_json(_only(ledger))["timeline"][0]["confirmed"] == [confirmed]
