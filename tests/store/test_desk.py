"""The analyst's desk on the ledger (SQLite and PostgreSQL): reviews, corrections kept apart from the
extraction and surviving re-extraction, claims added by hand, source merges, users and the audit."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import inspect, select, text

from claimtrail.contract.claims import claim_to_json
from claimtrail.errors import InputError
from claimtrail.store.desk import AuthError, NotFoundError, token_hash
from claimtrail.store.desk_overlay import Correction
from claimtrail.store.filters import ClaimFilter, FilterError
from claimtrail.store.ledger import open_ledger
from claimtrail.store.schema import claims as claims_table

from .factory import make_article, report_claims


@pytest.fixture
def stored(ledger):
    article = make_article()
    found = report_claims(article)
    ledger.add_article(article, found)
    return ledger, article, found


def test_a_review_is_kept_with_note_who_and_when_and_filters_the_claims(stored):
    ledger, _article, (troops, more, casualties) = stored
    shown = ledger.desk.review(troops.claim_id, "rejected", note="The figure is the first batch", by="mara")
    assert shown.review is not None
    assert (shown.review.status, shown.review.note, shown.review.by) == (
        "rejected",
        "The figure is the first batch",
        "mara",
    )
    assert shown.review.at and shown.review.at.endswith("Z")
    ledger.desk.review(more.claim_id[:8], "confirmed", by="mara")  # a short id, as the table shows it
    assert [c.claim_id for c in ledger.claims(ClaimFilter(review="rejected"))] == [troops.claim_id]
    assert [c.claim_id for c in ledger.claims(ClaimFilter(review="confirmed"))] == [more.claim_id]
    assert [c.claim_id for c in ledger.claims(ClaimFilter(review="unreviewed"))] == [casualties.claim_id]
    line = claim_to_json(ledger.get_claim(troops.claim_id))
    assert line["review"] == {
        "status": "rejected",
        "note": "The figure is the first batch",
        "by": "mara",
        "at": shown.review.at,
        "corrected": [],
        "added": False,
    }
    assert "extracted" not in line
    assert "review" not in claim_to_json(ledger.get_claim(casualties.claim_id))  # untouched: as before


def test_bad_review_input_is_one_clear_error(stored):
    ledger, _article, (troops, *_rest) = stored
    with pytest.raises(
        InputError, match="'approved' is not one of unreviewed, confirmed, disputed, rejected"
    ):
        ledger.desk.review(troops.claim_id, "approved")
    with pytest.raises(NotFoundError, match="no claim has this id"):
        ledger.desk.review("ffffffffffffffffffff", "confirmed")
    with pytest.raises(FilterError, match="review"):
        ClaimFilter(review="maybe")  # type: ignore[arg-type]


def test_a_correction_is_laid_over_the_extraction_which_stays_stored(stored):
    ledger, _article, (troops, *_rest) = stored
    shown = ledger.desk.correct(
        troops.claim_id, Correction(low=1000, high=1500, event="training", speaker="Lee Min-ho"), by="mara"
    )
    assert shown.quantity is not None
    assert (shown.quantity.value, shown.quantity.low, shown.quantity.high) == (1250, 1000, 1500)
    assert shown.event == "training"
    assert [s.name for s in shown.attribution] == ["Lee Min-ho", "National Intelligence Service"]
    line = claim_to_json(shown)
    assert line["review"]["corrected"] == ["event", "quantity", "attribution"]
    assert line["extracted"]["event"] == "deployed"
    assert line["extracted"]["quantity"]["value"] == 1200.0
    assert line["extracted"]["attribution"][0]["name"] == "Park Ji-hoon"
    with ledger.engine.connect() as conn:  # the extraction itself is never overwritten
        data = conn.scalar(select(claims_table.c.data).where(claims_table.c.claim_id == troops.claim_id))
    assert data == claim_to_json(troops)
    # the filters read the corrected values; the stored extraction is as it was
    assert [c.claim_id for c in ledger.claims(ClaimFilter(event="training"))] == [troops.claim_id]
    assert [c.claim_id for c in ledger.claims(ClaimFilter(speaker="Lee"))] == [troops.claim_id]
    assert troops.claim_id not in [c.claim_id for c in ledger.claims(ClaimFilter(event="deployed"))]
    again = ledger.desk.correct(troops.claim_id, Correction(value=1300), by="mara")  # corrections add up
    assert again.quantity is not None and (again.quantity.value, again.quantity.low) == (1300, None)
    assert again.event == "training"


def test_bad_corrections_name_the_option(stored):
    ledger, _article, (troops, *_rest) = stored
    with pytest.raises(InputError, match="--low/--high: low 5000 is above high 100"):
        ledger.desk.correct(troops.claim_id, Correction(low=5000, high=100))
    with pytest.raises(InputError, match="--event: 'exploded' is not one of"):
        ledger.desk.correct(troops.claim_id, Correction(event="exploded"))
    with pytest.raises(InputError, match="--country"):
        ledger.desk.correct(troops.claim_id, Correction(country="Korea"))
    with pytest.raises(InputError, match="--event-date"):
        ledger.desk.correct(troops.claim_id, Correction(event_date="2025-03-09..2025-03-01"))
    with pytest.raises(InputError, match="nothing to correct"):
        ledger.desk.correct(troops.claim_id, Correction())
    assert ledger.desk.history(troops.claim_id)[-1].action == "ingest"  # nothing was written


def test_corrections_and_reviews_survive_re_extraction_or_become_orphans(stored):
    ledger, article, (troops, more, casualties) = stored
    ledger.desk.correct(troops.claim_id, Correction(value=1250), by="mara")
    ledger.desk.review(casualties.claim_id, "disputed", note="Double counted", by="mara")
    ledger.desk.review(more.claim_id, "confirmed", by="mara")
    assert ledger.delete_article(article.article_id)
    assert [o["claim_id"] for o in ledger.desk.orphans()] == [
        troops.claim_id,
        more.claim_id,
        casualties.claim_id,
    ]
    # the new extraction: the first figure as before, the second read as a statement on the same
    # span (another id), the third moved away (its span no longer exists)
    moved = replace(casualties, claim_id="c" * 20, start=casualties.start + 1, end=casualties.end + 1)
    restated = replace(more, claim_id="d" * 20, kind="statement")
    ledger.add_article(article, [troops, restated, moved])
    assert ledger.get_claim(troops.claim_id).quantity.value == 1250
    ledger.desk.correct(troops.claim_id, Correction(event="training"), by="mara")
    ledger.delete_article(article.article_id)
    ledger.add_article(article, [troops, restated, moved])  # the filters follow the correction again
    assert [c.claim_id for c in ledger.claims(ClaimFilter(event="training"))] == [troops.claim_id]
    assert ledger.get_claim(restated.claim_id).review.status == "confirmed"
    assert ledger.get_claim(moved.claim_id).review is None
    assert [(o["claim_id"], o["status"]) for o in ledger.desk.orphans()] == [
        (casualties.claim_id, "disputed")
    ]
    actions = [e.action for e in ledger.desk.history(restated.claim_id)]
    # its past under its former id too, with the deletions and ingests of its article
    assert actions == ["ingest", "review", "delete", "ingest", "reattach", "delete", "ingest"]


def test_a_claim_added_by_hand_has_its_span_and_survives_re_ingest(stored):
    ledger, article, _found = stored
    figure = "3,800 North Korean soldiers"  # a span the extraction has no claim on
    start = article.text.index(figure)
    missed = ledger.desk.add_claim(
        article.article_id,
        start,
        start + len(figure),
        Correction(value=3800, event="killed", subject="soldiers", country="KP", speaker="Kyiv"),
        by="mara",
    )
    assert missed.kind == "quantity" and missed.quantity is not None
    assert (missed.quantity.text, missed.quantity.value, missed.event) == (figure, 3800, "killed")
    assert missed.sentence.startswith("Ukrainian officials estimated") and missed.sentence.endswith(
        "January."
    )
    assert missed.review is not None and missed.review.added
    assert [(e.start, e.end) for e in missed.evidence] == [(start, start + len(figure))]
    ledger.delete_article(article.article_id)
    ledger.add_article(article, report_claims(article))
    back = ledger.get_claim(missed.claim_id)
    assert back is not None and back.event == "killed" and back.review.added


def test_added_claims_refuse_bad_offsets_and_unknown_articles(stored):
    ledger, article, (troops, *_rest) = stored
    size = len(article.text)
    with pytest.raises(
        InputError,
        match=rf"--start/--end: 10..{size + 5} is not a span inside the article's text \(0..{size}\)",
    ):
        ledger.desk.add_claim(article.article_id, 10, size + 5, Correction(value=1))
    with pytest.raises(InputError, match="--start/--end"):
        ledger.desk.add_claim(article.article_id, 30, 20, Correction(value=1))
    with pytest.raises(NotFoundError, match="no article has this id"):
        ledger.desk.add_claim("0000", 0, 5, Correction(value=1))
    with pytest.raises(InputError, match="already has this span"):
        ledger.desk.add_claim(article.article_id, troops.start, troops.end, Correction(value=1))


def test_source_merge_rename_and_ignore_apply_to_every_chain(stored):
    ledger, _article, (troops, more, casualties) = stored
    ledger.desk.merge_source("National Intelligence Service", into="Ukrainian officials", by="mara")
    assert [s.name for s in ledger.get_claim(troops.claim_id).attribution] == [
        "Park Ji-hoon",
        "Ukrainian officials",
    ]
    ledger.desk.rename_source("Ukrainian officials", "Ukraine's defence ministry", by="mara")
    assert ledger.get_claim(casualties.claim_id).attribution[0].name == "Ukraine's defence ministry"
    assert (
        ledger.get_claim(troops.claim_id).attribution[-1].name == "Ukraine's defence ministry"
    )  # transitive
    ledger.desk.ignore_source("Park Ji-hoon", by="mara")
    assert ledger.get_claim(more.claim_id).attribution == ()
    assert claim_to_json(ledger.get_claim(more.claim_id))["review"]["corrected"] == ["attribution"]
    with pytest.raises(NotFoundError, match="source 'Nobody at all': no source or outlet"):
        ledger.desk.ignore_source("Nobody at all")
    with pytest.raises(InputError, match="same source"):
        ledger.desk.merge_source("Park Ji-hoon", into="park ji-hoon")
    with pytest.raises(InputError, match="circle"):
        ledger.desk.merge_source("Ukraine's defence ministry", into="National Intelligence Service")
    assert [(e.action, e.by) for e in ledger.desk.history(source="national intelligence service")] == [
        ("merge", "mara")
    ]


def test_every_write_is_audited_with_before_and_after(stored):
    ledger, article, (troops, *_rest) = stored
    ledger.desk.review(troops.claim_id, "disputed", note="Check the date", by="mara")
    ledger.desk.correct(troops.claim_id, Correction(value=1250), by="jun")
    ledger.set_grade("Park Ji-hoon", "B", by="jun")
    ledger.set_grade("Park Ji-hoon", "C", by="mara")
    entries = ledger.desk.history(troops.claim_id)
    assert [(e.action, e.by) for e in entries][1:] == [("review", "mara"), ("correct", "jun")]
    assert entries[0].action == "ingest" and entries[0].article_id == article.article_id
    assert entries[0].after["claims"] == 3
    assert entries[1].before == {"status": "unreviewed", "note": None}
    assert entries[1].after == {"status": "disputed", "note": "Check the date"}
    assert entries[2].before["quantity"]["value"] == 1200.0 and entries[2].after["quantity"]["value"] == 1250
    grades = ledger.desk.history(source="Park Ji-hoon")
    assert [(g.before, g.after) for g in grades] == [
        ({"reliability": None}, {"reliability": "B"}),
        ({"reliability": "B"}, {"reliability": "C"}),
    ]


def test_the_fusion_stamp_changes_on_every_desk_write(stored):
    ledger, _article, (troops, *_rest) = stored
    stamps = [ledger.fusion_stamp()]
    ledger.desk.review(troops.claim_id, "confirmed", by="mara")
    stamps.append(ledger.fusion_stamp())
    ledger.desk.correct(troops.claim_id, Correction(value=1100), by="mara")
    stamps.append(ledger.fusion_stamp())
    ledger.desk.ignore_source("Park Ji-hoon", by="mara")
    stamps.append(ledger.fusion_stamp())
    assert len(set(stamps)) == 4


def test_users_get_a_token_once_stored_hashed_and_revocable(stored):
    ledger, _article, (troops, *_rest) = stored
    token = ledger.desk.add_user("mara")
    assert len(token) >= 40
    with ledger.engine.connect() as conn:
        stored_hash = conn.scalar(text("SELECT token_hash FROM users WHERE name = 'mara'"))
    assert stored_hash == token_hash(token) and token not in stored_hash
    assert ledger.desk.user_for_token(token) == "mara"
    with pytest.raises(InputError, match="already exists"):
        ledger.desk.add_user("mara")
    with pytest.raises(InputError, match="'jun' is not an active user"):
        ledger.desk.review(troops.claim_id, "confirmed", by="jun")  # a ledger with users knows its people
    ledger.desk.review(troops.claim_id, "confirmed", by="mara")
    ledger.desk.revoke_user("mara")
    with pytest.raises(AuthError, match="no active user"):
        ledger.desk.user_for_token(token)
    with pytest.raises(AuthError):
        ledger.desk.user_for_token("not-a-token")
    with pytest.raises(NotFoundError, match="no such user"):
        ledger.desk.revoke_user("nobody")
    assert [(u.name, u.active) for u in ledger.desk.users()] == [("mara", False)]


def test_a_version_4_ledger_gains_the_desk_tables(ledger_target):
    with open_ledger(ledger_target) as ledger:
        with ledger.engine.begin() as conn:  # back to what version 4 had
            for table in ("desk_claims", "desk_sources", "audit", "users"):
                conn.exec_driver_sql(f"DROP TABLE {table}")
            conn.exec_driver_sql("DELETE FROM schema_version WHERE version >= 5")
        assert ledger.schema_version() == 4
    with open_ledger(ledger_target) as ledger:
        assert ledger.schema_version() >= 5  # and the steps after it (6: fusion state)
        names = set(inspect(ledger.engine).get_table_names())
        assert {"desk_claims", "desk_sources", "audit", "users"} <= names
        article = make_article()
        ledger.add_article(article, report_claims(article))
        assert [e.action for e in ledger.desk.history(report_claims(article)[0].claim_id)] == ["ingest"]


def test_speaker_and_origin_filters_follow_merges_renames_and_ignores(stored):
    ledger, _article, (troops, more, casualties) = stored

    def origins(text: str) -> list[str]:
        return sorted(c.claim_id for c in ledger.claims(ClaimFilter(origin=text)))

    assert origins("Ukrainian officials") == [casualties.claim_id]
    ledger.desk.merge_source("National Intelligence Service", into="Ukrainian officials", by="mara")
    assert origins("ukrainian OFFICIALS") == sorted([troops.claim_id, casualties.claim_id])
    assert origins("Intelligence Service") == []  # merged away: shown under the other name
    ledger.desk.rename_source("Ukrainian officials", "Kyiv's defence ministry", by="mara")
    assert origins("defence ministry") == sorted([troops.claim_id, casualties.claim_id])
    assert origins("Ukrainian officials") == []
    speakers = [c.claim_id for c in ledger.claims(ClaimFilter(speaker="Park Ji"))]
    assert sorted(speakers) == sorted([troops.claim_id, more.claim_id])
    ledger.desk.ignore_source("Park Ji-hoon", by="mara")
    assert ledger.claims(ClaimFilter(speaker="Park Ji")) == []
