"""Browser tests of the claims table (issue 12 item 7): sort by a header click, a download, the
keyboard, the offline map and the navigation's search box, in Debian's chromium via Playwright."""

from __future__ import annotations

import csv
import json
from urllib.parse import parse_qs, urlparse

import httpx


def _api(live_server: str, path: str, **params):
    return httpx.get(live_server + path, params=params, timeout=30).json()


def _ids(page) -> list[str]:
    return page.locator("table.claims-table tbody tr[data-claim]").evaluate_all(
        "rows => rows.map(r => r.dataset.claim)"
    )


def test_header_click_sorts_by_figure_then_reverses(page, live_server):
    page.goto(f"{live_server}/claims?event=killed")
    page.click("th[data-sort=figure] a")
    page.wait_for_url("**sort=figure*")
    values = {
        c["claim_id"]: (c["quantity"] or {}).get("value")
        for c in _api(live_server, "/api/claims", event="killed", limit=500)["items"]
    }
    up = [values[i] for i in _ids(page) if values.get(i) is not None]
    assert len(up) > 3 and up == sorted(up)
    assert page.locator("th[data-sort=figure]").get_attribute("aria-sort") == "ascending"
    page.click("th[data-sort=figure] a")
    page.wait_for_url("**sort=-figure*")
    down = [values[i] for i in _ids(page) if values.get(i) is not None]
    assert down == sorted(up, reverse=True)
    assert parse_qs(urlparse(page.url).query)["event"] == ["killed"]  # the filter stays
    assert page.errors == []  # type: ignore[attr-defined]


def test_filter_form_keeps_the_sort_and_shows_the_total(page, live_server):
    page.goto(f"{live_server}/claims?sort=-date")
    page.select_option("select[name=event]", "wounded")
    page.click("#claim-filters button[type=submit]")
    page.wait_for_url("**event=wounded*")
    query = parse_qs(urlparse(page.url).query)
    assert query["sort"] == ["-date"]
    expected = len(_api(live_server, "/api/claims", event="wounded", limit=500)["items"])
    assert page.locator("#claim-count").get_attribute("data-total") == str(expected)


def test_csv_download_holds_every_row_of_the_filter(page, live_server, tmp_path):
    page.goto(f"{live_server}/claims?event=killed&sort=date")
    with page.expect_download() as info:
        page.click("#download-csv")
    download = info.value
    assert download.suggested_filename.startswith("claims-") and download.suggested_filename.endswith(".csv")
    target = tmp_path / "claims.csv"
    download.save_as(target)
    with target.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    expected = _api(live_server, "/api/claims", event="killed", limit=500)["items"]
    assert sorted(r["claim_id"] for r in rows) == sorted(c["claim_id"] for c in expected)
    assert {r["event"] for r in rows} == {"killed"}
    assert [r["claim_id"] for r in rows][: len(_ids(page))] == _ids(page)  # the page's order


def test_jsonl_download_is_the_contract(page, live_server, tmp_path):
    page.goto(f"{live_server}/claims?event=evacuated")
    with page.expect_download() as info:
        page.click("#download-jsonl")
    target = tmp_path / "claims.jsonl"
    info.value.save_as(target)
    lines = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert lines == _api(live_server, "/api/claims", event="evacuated", limit=500)["items"]


def test_keyboard_moves_through_rows_and_opens_one(page, live_server):
    page.goto(f"{live_server}/claims?event=killed")
    ids = _ids(page)
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("k")
    current = page.locator("tr.current")
    assert current.count() == 1 and current.get_attribute("data-claim") == ids[1]
    # c / r call the desk's review function with the current claim
    page.keyboard.press("r")
    assert page.evaluate("window.claimtrail.lastReview") == {
        "claimId": ids[1],
        "status": "rejected",
        "done": False,
    }
    page.evaluate("window.claimtrail.review = (id, status) => { window.reviewed = [id, status]; }")
    page.keyboard.press("c")
    assert page.evaluate("window.reviewed") == [ids[1], "confirmed"]
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/claims/{ids[1]}")
    assert page.errors == []  # type: ignore[attr-defined]


def test_keys_typed_in_the_filter_form_stay_there(page, live_server):
    page.goto(f"{live_server}/claims")
    page.click("input[name=speaker]")
    page.keyboard.type("jk")
    assert page.input_value("input[name=speaker]") == "jk"
    assert page.locator("tr.current").count() == 0


def test_map_draws_the_places_offline(page, live_server):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{live_server}/claims?event=evacuated")
    svg = page.locator("#claims-map")
    assert svg.is_visible()
    claims = _api(live_server, "/api/claims", event="evacuated", limit=500)["items"]
    places = {p["name"] for c in claims for p in c["places"] if p.get("lat") is not None}
    circles = page.locator("#claims-map circle")
    assert set(circles.evaluate_all("cs => cs.map(c => c.dataset.place)")) == places
    box = svg.bounding_box()
    for i in range(circles.count()):  # every point is drawn inside the map
        dot = circles.nth(i).bounding_box()
        assert box["x"] <= dot["x"] and dot["x"] + dot["width"] <= box["x"] + box["width"] + 1
        assert box["y"] <= dot["y"] and dot["y"] + dot["height"] <= box["y"] + box["height"] + 1
    assert any(u.endswith("/static/world.svg") for u in requests)
    assert all(u.startswith(live_server) for u in requests)  # no tile server, nothing from outside
    assert page.errors == []  # type: ignore[attr-defined]


def test_navigation_search_box(page, live_server):
    page.goto(f"{live_server}/sources")
    page.fill("header .nav-search input[name=q]", "Kursk")
    page.press("header .nav-search input[name=q]", "Enter")
    page.wait_for_url("**/articles?q=Kursk")
    expected = _api(live_server, "/api/articles", q="Kursk", limit=100)["items"]
    assert page.locator("div.snippet").count() == len(expected) > 0


def test_api_docs_render_offline(page, live_server):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{live_server}/api/docs")
    assert page.locator("section.api-op").count() >= 10
    assert page.locator("#get--api-claims-export h2").inner_text() == "GET /api/claims/export"
    assert all(u.startswith(live_server) for u in requests)
    assert page.errors == []  # type: ignore[attr-defined]
