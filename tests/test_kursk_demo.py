"""The demo story end to end: the figures the product was conceived from come out right.

Runs on the bundled retelling (examples/kursk/kursk-retelling.txt, our own words) and, where the
shared folder is present, on the original article it retells (read from ../shared, never copied).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from claimtrail import extract
from claimtrail.model import Claim

ROOT = Path(__file__).resolve().parent.parent
RETELLING = ROOT / "examples" / "kursk" / "kursk-retelling.txt"
ORIGINAL = ROOT.parent / "shared" / "corpus" / "kursk-article.txt"

SOURCES = [pytest.param(RETELLING, id="retelling")]
if ORIGINAL.exists():
    SOURCES.append(pytest.param(ORIGINAL, id="original"))


@pytest.fixture(scope="module", params=SOURCES)
def claims(request) -> list[Claim]:
    text = request.param.read_text(encoding="utf-8")
    return extract(text, date(2025, 3, 6))


def find(claims: list[Claim], value: float, **want) -> list[Claim]:
    out = []
    for c in claims:
        if c.quantity is None or c.quantity.value != value:
            continue
        if all((c.event == v) if k == "event" else True for k, v in want.items()):
            out.append(c)
    return out


def speakers(c: Claim) -> str:
    return " | ".join((a.name or "") + " " + (a.text or "") for a in c.attribution)


def test_second_batch_of_1500_deployed_near_kursk(claims):
    found = find(claims, 1500, event="deployed")
    assert found, [c.quantity for c in claims]
    c = found[0]
    assert c.subject.country == "KP"
    assert c.subject.normalized in ("troop", "troops", "soldier", "soldiers")
    assert any(p.country == "RU" for p in c.places)
    assert "Yu" in speakers(c) or "lawmaker" in speakers(c)
    times = [t for t in (c.statement_time, c.event_time) if t]
    assert any(t.start == "2025-03-05" for t in times)


def test_possible_further_3500(claims):
    found = [c for c in find(claims, 3500) if c.modality == "possible"]
    assert found, [(c.quantity.text, c.modality) for c in find(claims, 3500)]


def test_initial_12000_and_about_4000_casualties(claims):
    assert find(claims, 12000)
    cas = find(claims, 4000)
    assert cas and cas[0].event == "casualties" and cas[0].quantity.approximate is True


def test_3500_training_in_far_east(claims):
    found = find(claims, 3500, event="training")
    assert found
    assert any(p.country == "RU" for c in found for p in c.places)


def test_two_captured_on_jan_11(claims):
    found = find(claims, 2, event="captured")
    assert found
    times = [t for c in found for t in (c.event_time, c.statement_time) if t]
    assert any(t.start == "2025-01-11" for t in times)


def test_ri_normalized_to_km_and_pack_range(claims):
    ri = [c for c in claims if c.quantity and c.quantity.unit == "ri"]
    assert {c.quantity.value for c in ri} >= {100, 200}
    hundred = next(c for c in ri if c.quantity.value == 100)
    assert hundred.quantity.normalized_unit == "km"
    assert hundred.quantity.normalized_value == pytest.approx(39.27, abs=0.01)
    km = [c.quantity.value for c in claims if c.quantity and c.quantity.unit == "km"]
    assert 39.3 in km and 78.5 in km
    pack = next(c for c in claims if c.quantity and c.quantity.unit == "kg")
    assert (pack.quantity.low, pack.quantity.high, pack.quantity.value) == (20, 25, 22.5)
    hours = [c.quantity.value for c in claims if c.quantity and c.quantity.normalized_unit == "hour"]
    assert 4 in hours and 8 in hours


def test_lede_figure_has_the_origin_named_later(claims):
    # the lawmaker's 1,500 comes from Ukrainian intelligence, named in a later paragraph
    c = find(claims, 1500, event="deployed")[0]
    assert len(c.attribution) >= 2
    origin = c.attribution[-1]
    assert origin.type in ("intelligence", "military", "person", "government")
    assert any(w in (origin.name or "") for w in ("Ukrainian", "Budanov", "HUR"))
