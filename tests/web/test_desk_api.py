"""The desk's JSON API: every write needs a user's token and is recorded under that user; bad input
is a 4xx JSON body naming what was wrong."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from store.factory import make_article, report_claims

from claimtrail.store.ledger import open_ledger
from claimtrail.web.app import create_app


@pytest.fixture
def desk(tmp_path):
    db = str(tmp_path / "desk-api.db")
    article = make_article()
    found = report_claims(article)
    with open_ledger(db) as ledger:
        ledger.add_article(article, found)
        token = ledger.desk.add_user("mara")
        revoked = ledger.desk.add_user("old hand")
        ledger.desk.revoke_user("old hand")
    with TestClient(create_app(db)) as client:
        yield client, {"Authorization": f"Bearer {token}"}, revoked, article, [c.claim_id for c in found]


def test_a_review_needs_a_token_and_records_its_user(desk):
    client, auth, revoked, _article, (troops, *_rest) = desk
    body = {"status": "rejected", "note": "Counts the first batch twice"}
    missing = client.post(f"/api/claims/{troops}/review", json=body)
    assert missing.status_code == 401 and "token is required" in missing.json()["error"]
    wrong = client.post(f"/api/claims/{troops}/review", json=body, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and "no active user" in wrong.json()["error"]
    old = client.post(
        f"/api/claims/{troops}/review", json=body, headers={"Authorization": f"Bearer {revoked}"}
    )
    assert old.status_code == 401
    done = client.post(f"/api/claims/{troops}/review", json=body, headers=auth)
    assert done.status_code == 200
    assert {k: done.json()["review"][k] for k in ("status", "note", "by")} == {
        "status": "rejected",
        "note": "Counts the first batch twice",
        "by": "mara",
    }
    assert client.get(f"/api/claims/{troops}").json()["review"]["status"] == "rejected"
    rejected = client.get("/api/claims", params={"review": "rejected"}).json()["items"]
    assert [c["claim_id"] for c in rejected] == [troops]
    unreviewed = client.get("/api/claims", params={"review": "unreviewed"}).json()["items"]
    assert troops not in [c["claim_id"] for c in unreviewed] and unreviewed
    assert client.get("/api/claims", params={"review": "maybe"}).status_code == 422
    history = client.get(f"/api/claims/{troops}/history").json()
    assert [(h["action"], h["by"]) for h in history][-1] == ("review", "mara")


def test_bad_reviews_are_4xx_json(desk):
    client, auth, _revoked, _article, (troops, *_rest) = desk
    bad = client.post(f"/api/claims/{troops}/review", json={"status": "approved"}, headers=auth)
    assert bad.status_code == 422 and "'approved' is not one of" in bad.json()["error"]
    unknown = client.post(
        "/api/claims/0123456789abcdef0123/review", json={"status": "confirmed"}, headers=auth
    )
    assert unknown.status_code == 404 and "no claim has this id" in unknown.json()["error"]
    extra = client.post(f"/api/claims/{troops}/review", json={"status": "confirmed", "x": 1}, headers=auth)
    assert extra.status_code == 422
    assert client.get("/api/claims/0123456789abcdef0123/history").status_code == 404


def test_a_correction_keeps_the_extracted_values(desk):
    client, auth, _revoked, _article, (troops, *_rest) = desk
    done = client.post(
        f"/api/claims/{troops}/correction", json={"low": 1100, "high": 1300, "country": "kp"}, headers=auth
    )
    assert done.status_code == 200
    data = done.json()
    assert (data["quantity"]["value"], data["quantity"]["low"], data["quantity"]["high"]) == (
        1200,
        1100,
        1300,
    )
    assert data["extracted"]["quantity"]["low"] is None and data["review"]["corrected"] == [
        "subject",
        "quantity",
    ]
    bad = client.post(f"/api/claims/{troops}/correction", json={"low": 9, "high": 1}, headers=auth)
    assert bad.status_code == 422 and bad.json()["error"] == "--low/--high: low 9 is above high 1"


def test_a_missed_claim_is_added_with_its_span(desk):
    client, auth, _revoked, article, _ids = desk
    figure = "3,800 North Korean soldiers"
    start = article.text.index(figure)
    body = {"start": start, "end": start + len(figure), "value": 3800, "event": "killed"}
    done = client.post(f"/api/articles/{article.article_id}/claims", json=body, headers=auth)
    assert done.status_code == 201
    assert (done.json()["start"], done.json()["quantity"]["text"], done.json()["review"]["added"]) == (
        start,
        figure,
        True,
    )
    size = len(article.text)
    outside = client.post(
        f"/api/articles/{article.article_id}/claims", json={**body, "end": size + 9}, headers=auth
    )
    assert outside.status_code == 422 and f"(0..{size})" in outside.json()["error"]
    nowhere = client.post("/api/articles/feedface/claims", json=body, headers=auth)
    assert nowhere.status_code == 404
    negative = client.post(
        f"/api/articles/{article.article_id}/claims", json={**body, "start": -1}, headers=auth
    )
    assert negative.status_code == 422


def test_sources_merge_rename_ignore_and_grade(desk):
    client, auth, _revoked, _article, (troops, more, _casualties) = desk
    merged = client.post(
        "/api/sources/merge",
        json={"name": "National Intelligence Service", "into": "Ukrainian officials"},
        headers=auth,
    )
    assert merged.status_code == 200 and merged.json()["by"] == "mara"
    chain = [s["name"] for s in client.get(f"/api/claims/{troops}").json()["attribution"]]
    assert chain == ["Park Ji-hoon", "Ukrainian officials"]
    assert (
        client.post(
            "/api/sources/rename", json={"old": "Park Ji-hoon", "new": "Park J."}, headers=auth
        ).status_code
        == 200
    )
    assert client.post("/api/sources/ignore", json={"name": "Park J."}, headers=auth).status_code == 200
    assert client.get(f"/api/claims/{more}").json()["attribution"] == []
    unknown = client.post("/api/sources/ignore", json={"name": "Nobody Known"}, headers=auth)
    assert unknown.status_code == 404 and "no source or outlet" in unknown.json()["error"]
    assert client.post("/api/sources/ignore", json={"name": "Nobody Known"}).status_code == 401
    graded = client.put("/api/sources/Ukrainian officials/grade", json={"reliability": "b"}, headers=auth)
    assert graded.status_code == 200 and graded.json()["reliability"] == "B"
    bad = client.put("/api/sources/Ukrainian officials/grade", json={"reliability": "Z"}, headers=auth)
    assert bad.status_code == 422 and "A-F" in bad.json()["error"]
    assert (
        client.put("/api/sources/Nobody Known/grade", json={"reliability": "A"}, headers=auth).status_code
        == 404
    )
    history = client.get("/api/sources/Ukrainian officials/history").json()
    assert [(h["action"], h["by"], h["after"]) for h in history] == [("grade", "mara", {"reliability": "B"})]


def test_orphans_are_listed(desk):
    client, auth, _revoked, _article, (troops, *_rest) = desk
    assert client.get("/api/desk/orphans").json() == []
    client.post(f"/api/claims/{troops}/review", json={"status": "disputed"}, headers=auth)
    assert client.get("/api/desk/orphans").json() == []
