"""GET /api/statements on the example corpus: the propositions statements are about, and 422 JSON
for bad parameters."""

from __future__ import annotations

import pytest


def test_statements_lists_the_deployment_with_its_stances(client):
    response = client.get("/api/statements", params={"search": "North Korean troops deployed"})
    assert response.status_code == 200
    props = {p["id"]: p for p in response.json()}
    prop = props["kp-troop-deployed-ru"]
    assert prop["label"] == "North Korean troops deployed to Russia"
    assert "kp-troop-deployed-bfdd8a" in prop["tracked"]
    stances = {s["origin"]: s["stance"] for s in prop["stances"]}
    assert stances["North Korea"] == "confirmed"
    changes = {(c["origin"], c["kind"], c["from"], c["to"]) for c in prop["changes"]}
    assert ("North Korea", "firmed", "unconfirmed", "confirmed") in changes
    assert ("Russia", "softened", "denied", "unconfirmed") in changes
    dates = [p["date"] for p in prop["timeline"]]
    assert dates == sorted(dates)


def test_statements_filter_by_stance(client):
    denied = client.get("/api/statements", params={"stance": "denied"}).json()
    assert denied and all(any(s["stance"] == "denied" for s in p["stances"]) for p in denied)


@pytest.mark.parametrize(
    "params",
    [{"stance": "maybe"}, {"search": ""}, {"search": "x" * 201}, {"search": "   "}],
)
def test_bad_parameters_are_422_json(client, params):
    response = client.get("/api/statements", params=params)
    assert response.status_code == 422
    body = response.json()
    assert set(body) >= {"error"} and body["error"]


def test_the_statements_page_lists_the_timeline_and_escapes_text(client):
    html = client.get("/statements", params={"q": "North Korean troops deployed"}).text
    assert "North Korean troops deployed to Russia" in html
    assert "Neither Moscow nor Pyongyang has confirmed the deployment." in html
    assert 'href="/track/kp-troop-deployed-bfdd8a"' in html
    assert "firmed" in html
    assert "<script>document.title" not in html


def test_the_statements_page_refuses_an_unknown_stance(client):
    response = client.get("/statements", params={"stance": "maybe"})
    assert response.status_code == 422
    assert "stance" in response.text
