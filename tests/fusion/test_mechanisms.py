"""Each fusion mechanism on hand-built claims: grouping, scope, dates, units, origins, checks, grades."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from claimtrail.contract.track import tracked_to_json
from claimtrail.fusion import Estimate, Grade, fuse

from .helpers import claim, meta


def run(claims, as_of=None, grades=None, outlets=None):
    return fuse(claims, meta(claims, outlets), grades or {}, as_of)


def by_event(result, event, scope_word=None):
    found = [t for t in result.tracked if t.event == event and "." not in t.id]
    if scope_word is not None:
        found = [t for t in found if scope_word in t.label]
    else:
        found = [t for t in found if "batch" not in t.label]
    assert len(found) == 1, [t.label for t in result.tracked]
    return found[0]


def reasons(tracked):
    return [c.reason for c in tracked.contradictions]


def test_synonym_subjects_merge_and_contract_fields():
    cs = [
        claim("a1", 11000, subject="soldier", sources=("Pentagon",), said="2024-11-04"),
        claim("a2", 11000, low=10000, high=12000, subject="troop", said="2024-11-13"),
        claim("a3", 12000, subject="personnel", sources=("HUR",), said="2024-11-07", approximate=True),
    ]
    t = by_event(run(cs), "deployed")
    data = tracked_to_json(t)
    assert list(data) == [
        "id",
        "label",
        "event",
        "subject",
        "place",
        "claims",
        "estimate",
        "timeline",
        "origins",
        "independent_origins",
        "contradictions",
        "checks",
    ]
    assert data["subject"] == {"normalized": "troop", "country": "KP"}
    assert t.label == "North Korean troops deployed to Russia"
    assert data["place"] == {"name": "Russia", "country": "RU"}
    assert len(t.claims) == 3 and t.independent_origins == 3
    assert data["estimate"] == {"best": 11000, "low": 10000, "high": 12000, "as_of": "2024-11-13"}
    assert [p.date for p in t.timeline] == ["2024-11-04", "2024-11-07", "2024-11-13"]
    # 11,000, about 12,000 and 10,000-12,000 overlap: nothing genuine
    assert not [r for r in reasons(t) if r.startswith("genuine")]


def test_ids_are_stable_across_runs():
    cs = [claim("a1", 11000), claim("a2", 300, event="killed", said="2025-01-13")]
    assert [t.id for t in run(cs).tracked] == [t.id for t in run(list(reversed(cs))).tracked]


def test_batch_is_not_total():
    cs = [
        claim("a1", 12000, qualifiers=("initial",), sources=("Yu Yong-weon",), said="2025-03-05"),
        claim(
            "a1",
            1500,
            qualifiers=("batch", "second"),
            sources=("Yu Yong-weon", "HUR"),
            said="2025-03-05",
            start=40,
        ),
    ]
    result = run(cs)
    total = by_event(result, "deployed")
    batch = by_event(result, "deployed", "second batch")
    assert total.estimate.best == 12000 and batch.estimate.best == 1500
    assert any(r.startswith("apparent (batch vs total)") for r in reasons(total))
    assert not [r for r in reasons(total) + reasons(batch) if r.startswith("genuine")]


def test_killed_within_casualties_is_not_a_contradiction():
    cs = [
        claim("a1", 1000, low=1000, event="killed", sources=("HUR",), said="2025-03-09"),
        claim("a2", 4000, approximate=True, event="casualties", sources=("reports",), said="2025-03-06"),
    ]
    result = run(cs)
    killed, cas = by_event(result, "killed"), by_event(result, "casualties")
    assert killed.estimate.low == 1000 and killed.estimate.high is None
    assert cas.estimate.best == 4000
    for t in (killed, cas):
        assert not [r for r in reasons(t) if r.startswith("genuine")]
    assert killed.checks == () or all(c.result == "consistent" for c in killed.checks)


def test_killed_above_casualties_of_the_same_origin_fails_the_part_check():
    cs = [
        claim("a1", 5000, event="killed", said="2025-01-13"),
        claim("a1", 3000, event="casualties", said="2025-01-13", start=50),
    ]
    killed = by_event(run(cs), "killed")
    part = [c for c in killed.checks if c.kind == "part"]
    assert part and part[0].result == "inconsistent"


def test_different_dates_are_apparent_and_same_time_is_genuine():
    later = [
        claim("a1", 3000, event="casualties", said="2025-01-13", approximate=True),
        claim("a2", 4000, event="casualties", sources=("reports",), said="2025-03-06", approximate=True),
    ]
    t = by_event(run(later), "casualties")
    assert any(r.startswith("apparent (different date)") for r in reasons(t))
    assert not [r for r in reasons(t) if r.startswith("genuine")]
    # the newer figure wins: counts to date only grow
    assert t.estimate.best == 4000

    same = [
        claim("a1", 11000, low=10000, high=12000, said="2024-11-13"),
        claim("a2", 3000, high=3000, sources=("Gennady Voronkin",), said="2024-11-21"),
    ]
    t = by_event(run(same), "deployed")
    genuine = [r for r in reasons(t) if r.startswith("genuine")]
    assert len(genuine) == 1 and "Gennady Voronkin" in genuine[0] and "8 days apart" in genuine[0]


def test_revision_by_the_same_origin_is_apparent():
    cs = [
        claim("a1", 11000, sources=("Volodymyr Zelensky",), said="2024-11-04"),
        claim("a2", 15000, approximate=True, sources=("Volodymyr Zelensky",), said="2025-03-11"),
    ]
    t = by_event(run(cs), "deployed")
    assert any(r.startswith("apparent (revision)") and "11,000" in r and "15,000" in r for r in reasons(t))
    assert t.estimate.best == 15000
    assert [p.best for p in t.timeline] == [11000, 15000]  # revisions kept
    assert run(cs, as_of=date(2024, 12, 1)).tracked[0].estimate.best == 11000


def test_units_convert_and_different_units_are_explained():
    # 10 miles and 16 km are one figure once converted: one tracked quantity, no contradiction
    cs = [
        claim(
            "a1", 16, event="other", subject="convoy", unit="km", normalized_value=16, normalized_unit="km"
        ),
        claim(
            "a2",
            10,
            event="other",
            subject="convoy",
            unit="mi",
            normalized_value=16.09,
            normalized_unit="km",
            sources=("HUR",),
        ),
    ]
    ts = [t for t in run(cs).tracked if t.subject.normalized == "convoy"]
    assert len(ts) == 1 and ts[0].independent_origins == 2
    assert ts[0].estimate.best == 16.05 and not ts[0].contradictions
    # a share and a count of the same thing are kept apart, and their difference is explained
    cs = [
        claim("a1", 3000, event="killed", said="2025-01-13"),
        claim(
            "a2",
            30,
            event="killed",
            unit="percent",
            normalized_value=30,
            normalized_unit="percent",
            said="2025-01-14",
            sources=("HUR",),
        ),
    ]
    ts = [t for t in run(cs).tracked if t.event == "killed"]
    assert len(ts) == 2
    assert all(any(r.startswith("apparent (unit)") for r in reasons(t)) for t in ts)


def test_circular_reporting_counts_one_origin():
    cs = [
        claim(
            "a1",
            11000,
            low=10000,
            high=12000,
            sources=("Han Seung-woo", "National Intelligence Service (NIS)"),
        ),
        claim("a2", 11000, low=10000, high=12000, sources=("South Korea's spy agency",), said="2024-11-14"),
        claim("a3", 11000, low=10000, high=12000, sources=("NIS",), said="2024-11-15"),
        claim("a4", 11000, low=10000, high=12000, sources=("Seoul's spy agency", "it"), said="2024-11-16"),
    ]
    result = run(
        cs, outlets={"a1": "Harbour Wire", "a2": "Korea Ledger", "a3": "Daily Compass", "a4": "Harbour Wire"}
    )
    t = by_event(result, "deployed")
    assert t.independent_origins == 1
    assert t.origins[0].name == "National Intelligence Service (NIS)"
    assert t.origins[0].articles == ("a1", "a2", "a3", "a4")
    circ = [c for c in t.checks if c.kind == "circular_reporting"]
    assert len(circ) == 1 and circ[0].result == "consistent"
    assert "4 articles from 3 outlets" in circ[0].detail
    # one origin: its figure is not confirmed by anyone else
    assert {g.credibility for g in result.grades.values()} == {2}


def test_unattributed_claim_is_its_outlets_only_where_the_outlet_counted():
    counted = replace(
        claim("a2", 11000, sources=(), said="2024-11-14"),
        sentence="By our own count, 11,000 troops were deployed.",
    )
    cs = [claim("a1", 11000, sources=()), counted]
    t = by_event(run(cs, outlets={"a1": "Harbour Wire", "a2": "Capitol Wire"}), "deployed")
    # the outlet that counted is an origin; the one that lost the chain does not stand in for it
    assert sorted(o.name for o in t.origins) == ["Capitol Wire", "unattributed (Harbour Wire)"]
    assert t.independent_origins == 2


def test_one_outlets_unsourced_figure_repeated_in_two_articles_is_one_origin():
    cs = [
        claim("a1", 11000, sources=(), said="2024-11-13"),
        claim("a2", 11000, sources=(), said="2024-11-14"),
        claim("a3", 11000, sources=(), said="2024-11-14"),
    ]
    t = by_event(
        run(cs, outlets={"a1": "Harbour Wire", "a2": "Harbour Wire", "a3": "Capitol Wire"}), "deployed"
    )
    assert sorted(o.name for o in t.origins) == [
        "unattributed (Capitol Wire)",
        "unattributed (Harbour Wire)",
    ]
    assert t.independent_origins == 2


def test_unattributed_figure_takes_its_articles_cited_source():
    cs = [
        claim("a1", 11000, sources=("NIS",)),
        claim("a1", 11000, sources=(), start=60),
        claim("a2", 11000, sources=("South Korea's spy agency",), said="2024-11-14"),
    ]
    t = by_event(run(cs, outlets={"a1": "Harbour Wire", "a2": "Capitol Wire"}), "deployed")
    assert [o.name for o in t.origins] == ["National Intelligence Service (NIS)"]
    assert t.independent_origins == 1


def test_sum_check():
    good = [
        claim("a1", 300, event="killed", said="2025-01-13", approximate=True, start=0),
        claim("a1", 2700, event="wounded", said="2025-01-13", start=30),
        claim("a2", 3000, event="casualties", said="2025-01-13", approximate=True),
    ]
    checks = [c for c in run(good).checks if c.kind == "sum"]
    assert len(checks) == 1 and checks[0].result == "consistent"
    assert checks[0].detail.startswith("300 killed + 2,700 wounded = 3,000")
    assert len(checks[0].claims) == 3

    bad = good[:2] + [claim("a2", 5000, event="casualties", said="2025-01-14")]
    checks = [c for c in run(bad).checks if c.kind == "sum"]
    assert len(checks) == 1 and checks[0].result == "inconsistent"


def test_sum_check_needs_the_same_origin():
    cs = [
        claim("a1", 300, event="killed", said="2025-01-13"),
        claim("a1", 2700, event="wounded", said="2025-01-13", start=30),
        claim("a2", 5000, event="casualties", said="2025-01-13", sources=("HUR",)),
    ]
    assert not [c for c in run(cs).checks if c.kind == "sum"]


def test_stated_conversion_check():
    ri = claim(
        "a1",
        100,
        event=None,
        subject="march",
        unit="ri",
        normalized_value=39.27,
        normalized_unit="km",
        start=10,
        sentence_start=0,
    )
    km = claim(
        "a1",
        39.3,
        event=None,
        subject="march",
        unit="km",
        normalized_value=39.3,
        normalized_unit="km",
        start=18,
        sentence_start=0,
    )
    km = replace(km, start=ri.end + 2, end=ri.end + 9)
    checks = [c for c in run([ri, km]).checks if c.kind == "unit"]
    assert len(checks) == 1 and checks[0].result == "consistent"
    assert "100 ri = 39.27 km" in checks[0].detail and "39.3 km" in checks[0].detail

    wrong = claim(
        "a1",
        50,
        event=None,
        subject="march",
        unit="km",
        normalized_value=50,
        normalized_unit="km",
        start=18,
        sentence_start=0,
    )
    wrong = replace(wrong, start=ri.end + 2, end=ri.end + 7)
    checks = [c for c in run([ri, wrong]).checks if c.kind == "unit"]
    assert len(checks) == 1 and checks[0].result == "inconsistent"


def test_vague_amount_enters_as_range():
    cs = [claim("a1", 550, low=200, high=900, approximate=True, event="killed", said="2025-01-02")]
    t = by_event(run(cs), "killed")
    assert t.estimate == Estimate(550, 200, 900, "2025-01-02")


def test_planned_figures_stay_out_of_the_consensus():
    cs = [
        claim("a1", 12000, modality="planned", said="2024-10-20"),
        claim("a2", 3000, said="2024-10-25", sources=("Pentagon",)),
    ]
    t = by_event(run(cs), "deployed")
    assert t.estimate.best == 3000
    assert any(r.startswith("apparent (modality)") for r in reasons(t))


def test_credibility_and_reliability():
    cs = [
        claim("a1", 11000, low=10000, high=12000, said="2024-11-13"),
        claim("a2", 11000, sources=("Pentagon",), said="2024-11-04"),
        claim("a3", 12000, sources=("HUR",), said="2024-11-07"),
        claim("a4", 3000, high=3000, sources=("Gennady Voronkin",), said="2024-11-21"),
    ]
    result = run(cs, grades={"national intelligence service": "B"}, outlets={"a3": "Meridian Post"})
    g = {c.article_id: result.grades[c.claim_id] for c in cs}
    assert g["a1"] == Grade("B", 1) and str(g["a1"]) == "B1"
    assert g["a2"].credibility == 1 and g["a2"].reliability == "F"
    assert g["a4"].credibility == 5
    # a grade set under an alias applies to every spelling of the origin; an outlet grade is the fallback
    result = run(cs, grades={"nis": "A", "meridian post": "C"}, outlets={"a3": "Meridian Post"})
    assert result.grades[cs[0].claim_id].reliability == "A"
    assert result.grades[cs[2].claim_id].reliability == "C"


def test_as_of_hides_later_figures():
    cs = [
        claim("a1", 300, event="killed", said="2025-01-13"),
        claim("a2", 1000, event="killed", said="2025-03-09", sources=("HUR",)),
    ]
    early = by_event(run(cs, as_of=date(2025, 2, 1)), "killed")
    assert early.claims == (cs[0].claim_id,)
    assert early.estimate == Estimate(300, 300, 300, "2025-02-01")


def test_labels_use_english_plurals():
    from claimtrail.fusion.cluster import plural

    assert [plural(w) for w in ("troop", "country", "dispatch", "civilians")] == [
        "troops",
        "countries",
        "dispatches",
        "civilians",
    ]
