"""The "What changed since" page and /api/changes read the digests the watch rounds recorded."""

from __future__ import annotations

from fastapi.testclient import TestClient

from claimtrail.settings import Settings
from claimtrail.store.ledger import open_ledger
from claimtrail.watch import run_round
from claimtrail.web.app import create_app

from .pages import feed, item


def test_changes_since_a_round(site, tmp_path):
    db = str(tmp_path / "w.db")
    site.pages["/feed"] = feed(item(1))
    url = site.base + "/feed"
    with open_ledger(db) as ledger:
        first = run_round(ledger, [url], 60, Settings(db=db))
        site.pages["/feed"] = feed(item(2), item(1))
        run_round(ledger, [url], 60, Settings(db=db), before=first.after)
    first_at = first.digest.at.isoformat().replace("+00:00", "Z")
    with TestClient(create_app(db)) as client:
        every = client.get("/api/changes").json()
        later = client.get("/api/changes", params={"since": first_at}).json()
        html = client.get("/changes", params={"since": first_at})
        all_html = client.get("/changes").text
    assert [len(r["digest"]["new_articles"]) for r in every["rounds"]] == [1, 1]
    assert later["since"] == first_at and len(later["rounds"]) == 1
    assert later["rounds"][0]["since"] == first_at
    assert [a["title"] for a in later["rounds"][0]["digest"]["new_articles"]] == ["Story 2"]
    assert html.status_code == 200 and f"What changed since {first_at}" in html.text
    assert "Story 2" in html.text and "Story 1" not in html.text
    assert "Story 1" in all_html and "Story 2" in all_html


def test_a_bad_since_is_a_4xx_json_error(tmp_path):
    with TestClient(create_app(str(tmp_path / "w.db"))) as client:
        api = client.get("/api/changes", params={"since": "last tuesday"})
        page = client.get("/changes", params={"since": "last tuesday"})
        empty = client.get("/changes")
    assert api.status_code == 422 and api.json()["error"].startswith("query.since: ")
    assert page.status_code == 400 and "is not an ISO time" in page.text
    assert empty.status_code == 200 and "is recorded yet" in empty.text
