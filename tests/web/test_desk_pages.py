"""The desk in the HTML pages, without a browser: sign-in with a user's token, a signed session
cookie, CSRF tokens on every form POST, writes recorded under the signed-in user, errors on the page
with 4xx, and the read gate."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from store.factory import make_article, report_claims

from claimtrail.store.ledger import open_ledger
from claimtrail.web import auth
from claimtrail.web.app import create_app


def _ledger(tmp_path) -> tuple[str, str, str, list[str]]:
    db = str(tmp_path / "desk-pages.db")
    article = make_article()
    found = report_claims(article)
    with open_ledger(db) as ledger:
        ledger.add_article(article, found)
        token = ledger.desk.add_user("ines")
    return db, token, article.article_id, [c.claim_id for c in found]


@pytest.fixture
def site(tmp_path):
    db, token, article_id, claim_ids = _ledger(tmp_path)
    with TestClient(create_app(db, session_secret="s3cret-for-tests")) as client:
        yield client, token, article_id, claim_ids


def _hidden(html: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert found, f"no hidden field {name}"
    return found.group(1)


def _sign_in(client: TestClient, token: str) -> str:
    """Sign in through the form; the session's CSRF token as the pages show it."""
    form = client.get("/signin")
    nonce = _hidden(form.text, "nonce")
    done = client.post(
        "/signin", data={"token": token, "nonce": nonce, "next": "/claims"}, follow_redirects=False
    )
    assert done.status_code == 303 and done.headers["location"] == "/claims"
    cookie = done.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Secure" not in cookie
    page = client.get("/sources")
    assert 'id="signed-in-as">ines<' in page.text
    return _hidden(page.text, "csrf")


def test_sign_in_review_and_history_name_the_user(site):
    client, token, _article, (troops, *_rest) = site
    csrf = _sign_in(client, token)
    posted = client.post(
        f"/claims/{troops}/review",
        data={"csrf": csrf, "status": "disputed", "note": "The lawmaker gives no date", "next": "/claims"},
        follow_redirects=False,
    )
    assert posted.status_code == 303 and posted.headers["location"] == "/claims"
    review = client.get(f"/api/claims/{troops}").json()["review"]
    assert (review["status"], review["note"], review["by"]) == (
        "disputed",
        "The lawmaker gives no date",
        "ines",
    )
    page = client.get(f"/claims/{troops}")
    history = page.text[page.text.index('id="history"') :]
    assert '<td class="who">ines</td><td class="action">review</td>' in history
    assert "disputed" in history


def test_a_form_without_its_csrf_token_is_refused(site):
    client, token, _article, (troops, *_rest) = site
    _sign_in(client, token)
    for data in ({"status": "rejected"}, {"status": "rejected", "csrf": "guessed"}):
        refused = client.post(f"/claims/{troops}/review", data=data, follow_redirects=False)
        assert refused.status_code == 403 and "CSRF token" in refused.text
    assert "review" not in client.get(f"/api/claims/{troops}").json()  # nothing was written


def test_writing_while_signed_out_is_refused(site):
    client, _token, article_id, (troops, *_rest) = site
    refused = client.post(f"/claims/{troops}/review", data={"status": "rejected", "csrf": "x"})
    assert refused.status_code == 401 and "sign in" in refused.text
    added = client.post(f"/articles/{article_id}/claims", data={"start": "0", "end": "5", "csrf": "x"})
    assert added.status_code == 401
    assert "Sign in</a> to review" in client.get(f"/claims/{troops}").text


def test_a_wrong_token_or_a_forged_signin_shows_the_form_again(site):
    client, token, _article, _claims = site
    nonce = _hidden(client.get("/signin").text, "nonce")
    wrong = client.post("/signin", data={"token": "not-a-token", "nonce": nonce})
    assert wrong.status_code == 401 and "no active user" in wrong.text
    client.cookies.clear()
    forged = client.post("/signin", data={"token": token, "nonce": "made-up"})
    assert forged.status_code == 403 and auth.SESSION_COOKIE not in forged.cookies


def test_a_tampered_or_expired_session_signs_nobody_in():
    secret = b"k" * 32
    value = auth.encode_session(secret, "ines", now=1_000_000)
    assert auth.decode_session(secret, value, now=1_000_060).user == "ines"
    assert auth.decode_session(secret, value, now=1_000_000 + auth.SESSION_HOURS * 3600 + 1) is None
    assert auth.decode_session(b"x" * 32, value, now=1_000_060) is None
    head, _, sig = value.partition(".")
    other = auth.encode_session(secret, "mallory", now=1_000_000).partition(".")[0]
    assert auth.decode_session(secret, f"{other}.{sig}", now=1_000_060) is None
    assert auth.decode_session(secret, "garbage", now=1_000_060) is None


def test_correct_and_add_through_the_forms(site):
    client, token, article_id, (troops, *_rest) = site
    csrf = _sign_in(client, token)
    fixed = client.post(
        f"/claims/{troops}/correction",
        data={"csrf": csrf, "value": "1300", "event": "", "places": "Russia, Kursk", "note": "per the NIS"},
        headers={"Accept": "application/json"},
    )
    assert fixed.status_code == 200
    body = fixed.json()
    assert body["quantity"]["value"] == 1300 and set(body["review"]["corrected"]) >= {"quantity", "places"}
    bad = client.post(f"/claims/{troops}/correction", data={"csrf": csrf, "value": "many"})
    assert bad.status_code == 422 and "value" in bad.text
    text = client.get(f"/api/articles/{article_id}").json()["text"]
    start = text.index("3,800")
    end = start + len("3,800 North Korean soldiers")
    added = client.post(
        f"/articles/{article_id}/claims",
        data={"csrf": csrf, "start": str(start), "end": str(end), "value": "3800", "event": "casualties"},
        follow_redirects=False,
    )
    assert added.status_code == 303
    claims = client.get("/api/claims", params={"limit": 50}).json()["items"]
    mine = [c for c in claims if c["start"] == start and c["end"] == end]
    assert mine and mine[0]["event"] == "casualties" and mine[0]["review"]["by"] == "ines"
    outside = client.post(
        f"/articles/{article_id}/claims", data={"csrf": csrf, "start": "5", "end": str(len(text) + 9)}
    )
    assert outside.status_code == 422 and "not a span inside" in outside.text


def test_merge_and_grade_sources_through_the_forms(site):
    client, token, _article, _claims = site
    csrf = _sign_in(client, token)
    names = {s["name"] for s in client.get("/api/sources").json()}
    assert {"Ukrainian officials", "National Intelligence Service"} <= names, names
    form = {"csrf": csrf, "name": "Ukrainian officials", "into": "National Intelligence Service"}
    merged = client.post("/sources/merge", data=form)
    assert merged.status_code == 200 and "<h1>Sources</h1>" in merged.text  # redirected to /sources
    assert all(
        f'id="{form}"' in merged.text for form in ("merge-form", "ignore-form", "rename-form", "grade-form")
    )
    chains = [[a["name"] for a in c["attribution"]] for c in client.get("/api/claims").json()["items"]]
    assert ["National Intelligence Service"] in chains and ["Ukrainian officials"] not in chains
    graded = client.post("/sources/grade", data={"csrf": csrf, "name": "Park Ji-hoon", "reliability": "b"})
    assert graded.status_code == 200
    grades = {s["name"]: s.get("reliability") for s in client.get("/api/sources").json()}
    assert grades["Park Ji-hoon"] == "B"
    unknown = client.post(
        "/sources/merge", data={"csrf": csrf, "name": "Nobody at all", "into": "Park Ji-hoon"}
    )
    assert unknown.status_code == 404 and "no source or outlet" in unknown.text
    history = client.get("/api/sources/Ukrainian officials/history").json()
    assert [(h["action"], h["by"]) for h in history] == [("merge", "ines")]


def test_signing_out_ends_the_session(site):
    client, token, _article, (troops, *_rest) = site
    csrf = _sign_in(client, token)
    out = client.post("/signout", data={"csrf": csrf}, follow_redirects=False)
    assert out.status_code == 303
    client.cookies.clear()  # the browser drops the deleted cookie
    assert (
        client.post(f"/claims/{troops}/review", data={"csrf": csrf, "status": "confirmed"}).status_code == 401
    )


def test_reading_needs_a_signin_only_when_configured(tmp_path):
    db, token, _article, _claims = _ledger(tmp_path)
    assert not auth.read_needs_signin("127.0.0.1", "") and auth.read_needs_signin("0.0.0.0", "")
    assert auth.read_needs_signin("127.0.0.1", "1") and not auth.read_needs_signin("10.0.0.5", "no")
    with TestClient(create_app(db, read_signin=True)) as client:
        page = client.get("/claims", follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"] == "/signin?next=/claims"
        assert client.get("/api/claims").status_code == 401
        assert client.get("/api/claims", headers={"Authorization": f"Bearer {token}"}).status_code == 200
        assert client.get("/signin").status_code == 200
        _sign_in(client, token)
        assert client.get("/claims").status_code == 200
