"""digest(before, after) on typed fusion results built by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from claimtrail.contract.digest import digest_to_json
from claimtrail.fusion.digest import ArticleRef, Snapshot, digest
from claimtrail.fusion.results import (
    Check,
    Contradiction,
    Estimate,
    FusionResult,
    OriginRef,
    Subject,
    TrackedQuantity,
)
from claimtrail.model import Failure

T0 = datetime(2026, 12, 5, 10, 0, tzinfo=UTC)
T1 = datetime(2026, 12, 5, 10, 15, tzinfo=UTC)


def _tracked(tid, best, low, high, origins=("HUR",), contradictions=(), checks=()):
    return TrackedQuantity(
        id=tid,
        label=f"label of {tid}",
        event="deployed",
        subject=Subject("troop", "KP"),
        place=None,
        claims=("c1",),
        estimate=Estimate(best, low, high, "2024-11-19"),
        timeline=(),
        origins=tuple(OriginRef(name, "intelligence", ("c1",), ("a1",)) for name in origins),
        independent_origins=len(origins),
        contradictions=tuple(contradictions),
        checks=tuple(checks),
    )


def _snap(at, tracked, articles=("a1",), checks=(), failures=()):
    refs = {a: ArticleRef(a, f"Title {a}", None, "Wire") for a in articles}
    result = FusionResult(tracked=tuple(tracked), grades={}, checks=tuple(checks), origins=())
    return Snapshot(at, result, refs, tuple(failures))


def test_nothing_changed_is_empty():
    snap = _snap(T0, [_tracked("q1", 10, 10, 10)])
    change = digest(snap, _snap(T1, [_tracked("q1", 10, 10, 10)]))
    assert change.empty and (change.since, change.at) == (T0, T1)


def test_every_kind_of_change():
    genuine = Contradiction(("c1", "c2"), "genuine: 10 and 20 cannot both hold")
    apparent = Contradiction(("c1", "c3"), "apparent (different date): 10 then 12")
    bad = Check("sum", ("c1", "c2", "c3"), "inconsistent", "400 + 3,600 != 5,000")
    old_bad = Check("unit", ("c4",), "inconsistent", "100 ri != 50 km")
    failed = Failure("https://x.example/feed", "the server answered HTTP 500", attempts=2, at=T1)
    before = _snap(T0, [_tracked("q1", 10, 10, 10), _tracked("q2", 5, 5, 5)], checks=[old_bad])
    after = _snap(
        T1,
        [
            _tracked("q1", 15, 10, 20, origins=("HUR", "NIS"), contradictions=[genuine, apparent]),
            _tracked("q2", 5, 5, 5),
            _tracked("q3", 7, 7, 7),
        ],
        articles=("a1", "a2"),
        checks=[old_bad, bad],
        failures=[failed],
    )
    change = digest(before, after)
    assert [a.article_id for a in change.new_articles] == ["a2"]
    assert [q.tracked_id for q in change.new_quantities] == ["q3"]
    (revision,) = change.revised
    assert (revision.tracked_id, revision.old.best, revision.new.best, revision.new.high) == (
        "q1",
        10,
        15,
        20,
    )
    assert [(o.tracked_id, o.name) for o in change.new_origins] == [("q1", "NIS")]
    assert [c.claims for c in change.new_contradictions] == [("c1", "c2")]
    assert change.failed_checks == (bad,)
    assert change.failed_inputs == (failed,)
    as_json = digest_to_json(change)
    assert as_json["since"] == "2026-12-05T10:00:00Z"
    assert as_json["revised"][0]["old"] == {"best": 10, "low": 10, "high": 10, "as_of": "2024-11-19"}
    assert as_json["failed_inputs"] == [
        {"source": "https://x.example/feed", "reason": "the server answered HTTP 500", "attempts": 2}
    ]


def test_a_later_as_of_alone_is_no_revision_and_a_new_quantity_brings_no_new_origins():
    before = _snap(T0, [_tracked("q1", 10, 10, 10)])
    moved = replace(_tracked("q1", 10, 10, 10), estimate=Estimate(10, 10, 10, "2024-12-01"))
    change = digest(before, _snap(T1, [moved, _tracked("q9", 1, 1, 1, origins=("A", "B"))]))
    assert change.revised == () and change.new_origins == ()
    assert [q.tracked_id for q in change.new_quantities] == ["q9"]


def test_a_failure_seen_again_counts_and_one_unchanged_does_not():
    old = Failure("feed", "down", attempts=1, at=T0)
    before = _snap(T0, [], failures=[old])
    same = digest(before, _snap(T1, [], failures=[Failure("feed", "down", attempts=1, at=T0)]))
    again = digest(before, _snap(T1, [], failures=[Failure("feed", "down", attempts=2, at=T1)]))
    assert same.failed_inputs == () and len(again.failed_inputs) == 1


def _proposition(changes=(), party_changes=()):
    from claimtrail.fusion.statements import Proposition

    return Proposition(
        id="gr-troop-deployed-cy",
        label="Greek troops deployed to Cyprus",
        subject="troop",
        country="GR",
        event="deployed",
        place="CY",
        place_name="Cyprus",
        timeline=(),
        stances=(),
        changes=tuple(changes),
        tracked=(),
        parties=(),
        party_changes=tuple(party_changes),
    )


def test_a_new_change_of_stance_is_in_the_digest_and_an_old_one_is_not():
    from claimtrail.cli.watch_cmd import digest_lines
    from claimtrail.fusion.statements import StanceChange

    firmed = StanceChange(
        "Greece", "firmed", "unconfirmed", "denied", ("c1", "c2"), ("2025-05-01", "2025-05-03")
    )
    reversal = StanceChange(
        "Greece", "reversal", "denied", "confirmed", ("c2", "c5"), ("2025-05-03", "2025-05-09")
    )
    spokesman = StanceChange(
        "Nikos Dimas", "softened", "denied", "unconfirmed", ("c2", "c4"), ("2025-05-03", "2025-05-08")
    )
    before = replace(_snap(T0, []), propositions=(_proposition(party_changes=[firmed]),))
    after = replace(
        _snap(T1, []), propositions=(_proposition(changes=[spokesman], party_changes=[firmed, reversal]),)
    )
    change = digest(before, after)
    assert [(s.by, s.change.kind) for s in change.stance_changes] == [
        ("state", "reversal"),
        ("origin", "softened"),
    ]
    assert not change.empty
    (state, _) = digest_to_json(change)["stance_changes"]
    assert state["proposition"] == "gr-troop-deployed-cy" and state["by"] == "state"
    assert (state["origin"], state["from"], state["to"]) == ("Greece", "denied", "confirmed")
    assert "stance (state) on Greek troops deployed to Cyprus: Greece: denied (2025-05-03) -> confirmed" in (
        "\n".join(digest_lines(change))
    )
    assert digest(after, after).stance_changes == ()
