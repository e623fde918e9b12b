"""The REST API through an HTTP client on a ledger holding the example corpus."""

from __future__ import annotations

import pytest

from claimtrail.model import EVENTS

from .conftest import TOKEN


def test_articles_pages_cover_every_article_once(client):
    first = client.get("/api/articles", params={"limit": 10}).json()
    assert len(first["items"]) == 10 and first["next_offset"] == 10
    seen = [a["article_id"] for a in first["items"]]
    offset = first["next_offset"]
    while offset is not None:
        page = client.get("/api/articles", params={"limit": 10, "offset": offset}).json()
        seen += [a["article_id"] for a in page["items"]]
        offset = page["next_offset"]
    assert len(seen) == len(set(seen)) == 32  # 31 example articles + the hostile one
    assert "text" not in first["items"][0] and first["items"][0]["text_length"] > 100


def test_article_search_and_get(client):
    found = client.get("/api/articles", params={"q": "Pyongyang"}).json()["items"]
    assert found and all("snippet" in a for a in found)
    article = client.get(f"/api/articles/{found[0]['article_id']}").json()
    assert "Pyongyang" in article["text"]
    assert article["claims"] == len(article["claim_list"]) > 0
    for claim in article["claim_list"]:
        assert claim["article_id"] == article["article_id"]
        assert 0 <= claim["start"] < claim["end"] <= len(article["text"])


def test_unknown_article_is_a_json_404(client):
    r = client.get("/api/articles/0000000000000000")
    assert r.status_code == 404
    assert r.json() == {"error": "article '0000000000000000' not found"}


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"event": "deployed"}, lambda c: c["event"] == "deployed"),
        ({"event": "intercepted"}, lambda c: c["event"] == "intercepted"),
        ({"country": "kp"}, lambda c: c["subject"]["country"] == "KP"),
        ({"speaker": "yu"}, lambda c: "yu" in c["attribution"][0]["name"].lower()),
        ({"origin": "intelligence"}, lambda c: "intelligence" in c["attribution"][-1]["name"].lower()),
        ({"modality": "possible"}, lambda c: c["modality"] == "possible"),
        ({"kind": "statement"}, lambda c: c["kind"] == "statement" and c["quantity"] is None),
    ],
)
def test_claim_filters_hold_on_every_result(client, params, check):
    items = client.get("/api/claims", params={**params, "limit": 500}).json()["items"]
    assert items, f"no claims for {params}"
    assert all(check(c) for c in items)


def test_claim_date_range_and_full_text(client):
    items = client.get(
        "/api/claims", params={"date_from": "2025-01-01", "date_to": "2025-03-31", "limit": 500}
    ).json()["items"]
    assert items
    for c in items:
        when = (c["event_time"] or c["statement_time"] or {}).get("start") or c["published"]
        assert when is not None
    empty = client.get("/api/claims", params={"date_from": "2025-02-01", "date_to": "2025-01-01"})
    assert empty.status_code == 200 and empty.json()["items"] == []
    wounded = client.get("/api/claims", params={"q": "wounded", "limit": 500}).json()["items"]
    assert wounded and all("wound" in c["sentence"].lower() for c in wounded)


def test_claim_pagination_is_consistent(client):
    all_ = client.get("/api/claims", params={"limit": 40}).json()
    a = client.get("/api/claims", params={"limit": 20}).json()
    b = client.get("/api/claims", params={"limit": 20, "offset": 20}).json()
    ids = [c["claim_id"] for c in all_["items"]]
    assert ids == [c["claim_id"] for c in a["items"] + b["items"]]
    assert a["next_offset"] == 20
    last = client.get("/api/claims", params={"limit": 500, "offset": 100000}).json()
    assert last["items"] == [] and last["next_offset"] is None


def test_one_claim(client):
    claim = client.get("/api/claims", params={"limit": 1}).json()["items"][0]
    again = client.get(f"/api/claims/{claim['claim_id']}").json()
    assert again == claim
    assert client.get("/api/claims/nope").status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "event=bogus",
        "event=nonsense",
        "modality=sure",
        "country=KPX",
        "country=1",
        "limit=0",
        "limit=501",
        "offset=-1",
        "limit=ten",
        "date_from=2024-13-01",
        "kind=figure",
    ],
)
def test_bad_parameters_give_a_4xx_json_error(client, query):
    r = client.get(f"/api/claims?{query}")
    assert 400 <= r.status_code < 500
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert isinstance(body["error"], str) and body["error"]


def test_bad_paths_and_methods_answer_json(client):
    assert client.get("/api/sources/abc").json()["error"]
    r = client.delete("/api/articles")
    assert r.status_code == 405 and r.json()["error"]
    assert client.get("/api/nothing-here").status_code == 404


def test_sources_list_and_one_source(client):
    sources = client.get("/api/sources").json()
    assert sources and sources[0]["claims"] >= sources[-1]["claims"]
    top = sources[0]
    one = client.get(f"/api/sources/{top['source_id']}").json()
    assert one["name"] == top["name"] and len(one["claim_list"]) == top["claims"]
    key = top["name"].casefold()
    for item in one["claim_list"]:
        names = [(a.get("name") or "").casefold() for a in item["claim"]["attribution"]]
        assert key in names
        assert item["role"] in ("speaker", "cited", "origin", "speaker and origin")
    assert client.get("/api/sources/999999").status_code == 404


def test_openapi_spec_documents_the_api(client):
    spec = client.get("/api/openapi.json").json()
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/claims", "/api/track", "/api/sources"):
        assert path in spec["paths"]
    params = {p["name"] for p in spec["paths"]["/api/claims"]["get"]["parameters"]}
    assert {"event", "country", "speaker", "origin", "modality", "date_from", "date_to", "q"} <= params
    assert {"limit", "offset"} <= params
    event = next(p for p in spec["paths"]["/api/claims"]["get"]["parameters"] if p["name"] == "event")
    enum = next(s["enum"] for s in event["schema"].get("anyOf", [event["schema"]]) if "enum" in s)
    assert enum == list(EVENTS)  # the OpenAPI enum follows model.EVENTS
    assert "ErrorBody" in spec["components"]["schemas"]
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    assert not any(p.startswith("/articles") for p in spec["paths"])  # pages are not API


def test_tracked_quantities(client):
    tracked = client.get("/api/track")
    assert tracked.status_code == 200 and isinstance(tracked.json(), list)
    assert client.get("/api/track/no-such-thing").status_code == 404
    items = tracked.json()
    assert items, "fusion found no tracked quantity in the example corpus"
    first = items[0]
    for key in ("id", "label", "claims", "estimate", "timeline", "origins", "independent_origins"):
        assert key in first
    assert client.get(f"/api/track/{first['id']}").json()["id"] == first["id"]


# -- writing ---------------------------------------------------------------------------------------
ARTICLE = (
    "Rescue teams said on Monday that 35 people were killed when floods swept through the valley, "
    "and about 120 were wounded, the regional health ministry said."
)


def test_write_is_refused_without_a_token(client, app):
    saved = app.state.api_token
    app.state.api_token = ""
    try:
        r = client.post("/api/articles", json={"text": ARTICLE})
        assert r.status_code == 403 and "CLAIMTRAIL_API_TOKEN" in r.json()["error"]
    finally:
        app.state.api_token = saved
    r = client.post("/api/articles", json={"text": ARTICLE})
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    r = client.post("/api/articles", json={"text": ARTICLE}, headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 401 and r.json()["error"]
    r = client.post("/api/articles", json={"text": ARTICLE}, headers={"Authorization": TOKEN})
    assert r.status_code == 401  # the scheme is required


def test_post_article_ingests_once(client):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    before = len(client.get("/api/articles", params={"limit": 500}).json()["items"])
    r = client.post(
        "/api/articles",
        json={"text": ARTICLE, "published": "2025-05-12", "title": "Floods", "outlet": "Valley Post"},
        headers=auth,
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["added"] is True and body["claims"] >= 2 and body["published"] == "2025-05-12"
    stored = client.get(f"/api/articles/{body['article_id']}").json()
    assert stored["text"] == ARTICLE and stored["title"] == "Floods" and stored["outlet"] == "Valley Post"
    figures = {c["quantity"]["value"] for c in stored["claim_list"] if c["quantity"]}
    assert {35.0, 120.0} <= figures
    again = client.post("/api/articles", json={"text": ARTICLE, "published": "2025-05-12"}, headers=auth)
    assert again.status_code == 200 and again.json()["added"] is False
    assert len(client.get("/api/articles", params={"limit": 500}).json()["items"]) == before + 1
    client.app.state.ledger.delete_article(body["article_id"])  # leave the session ledger as it was


def test_post_html_article(client):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    html = (
        "<html><head><title>Ferry report</title></head><body><article><h1>Ferry report</h1>"
        "<p>The coast guard said on Sunday that 12 sailors were missing after the ferry sank "
        "off the northern cape, and 48 passengers were rescued.</p></article></body></html>"
    )
    r = client.post("/api/articles", json={"html": html, "published": "2025-04-06"}, headers=auth)
    assert r.status_code == 201, r.text
    stored = client.get(f"/api/articles/{r.json()['article_id']}").json()
    assert "<p>" not in stored["text"] and "12 sailors" in stored["text"]
    client.app.state.ledger.delete_article(r.json()["article_id"])


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({}, 400),
        ({"text": "a", "html": "<p>a</p>"}, 400),
        ({"text": "too short"}, 400),
        ({"text": ARTICLE, "colour": "red"}, 422),
        ({"url": "ftp://example.org/x"}, 422),
        ({"text": ARTICLE, "published": "yesterday"}, 422),
    ],
)
def test_post_bad_bodies(client, body, status):
    r = client.post("/api/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == status, r.text
    assert r.json()["error"]


def test_no_cors_headers(client):
    r = client.get("/api/claims?limit=1", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers
    pre = client.options(
        "/api/articles",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in pre.headers
