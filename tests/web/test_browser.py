"""Browser tests: Debian's chromium (headless, via Playwright) against the app served by uvicorn."""

from __future__ import annotations

import http.client
import json
from urllib.parse import quote, urlparse

import httpx
import pytest

PNG = b"\x89PNG\r\n\x1a\n"


def _api(live_server: str, path: str, **params):
    return httpx.get(live_server + path, params=params, timeout=30).json()


def test_click_a_highlighted_figure_shows_its_claim(page, live_server, tmp_path):
    claims = _api(live_server, "/api/claims", speaker="Yu", kind="quantity", limit=500)["items"]
    claim = next(c for c in claims if len(c["attribution"]) >= 2)
    page.goto(f"{live_server}/articles/{claim['article_id']}")
    panel = page.locator(f"#detail-{claim['claim_id']}")
    assert panel.is_hidden()
    mark = page.locator(f'mark[data-claim="{claim["claim_id"]}"]').first
    assert mark.inner_text() == claim["quantity"]["text"] or claim["quantity"]["text"].startswith(
        mark.inner_text()
    )
    mark.click()
    assert panel.is_visible()
    assert page.locator("#claim-hint").is_hidden()
    assert panel.locator("dd.modality").inner_text().startswith(claim["modality"])
    chain = " ← ".join(a["name"] for a in claim["attribution"])
    assert panel.locator("dd.chain-text").inner_text() == chain
    assert panel.locator("svg.chain text.node-name").count() == len(claim["attribution"])
    assert "active" in (mark.get_attribute("class") or "")
    # hovering shows the summary as a tooltip
    assert claim["modality"] in (mark.get_attribute("title") or "")
    # only the clicked claim's details (and those of claims around it) are shown
    shown = page.locator(".claim-detail:visible")
    assert 1 <= shown.count() <= len(mark.get_attribute("data-claims").split())
    shot = tmp_path / "article.png"
    page.screenshot(path=str(shot), full_page=False)
    assert shot.read_bytes().startswith(PNG)
    assert page.errors == []  # type: ignore[attr-defined]


def test_article_link_to_a_claim_opens_it(page, live_server):
    claim = _api(live_server, "/api/claims", event="casualties", limit=1)["items"][0]
    page.goto(f"{live_server}/articles/{claim['article_id']}#c-{claim['claim_id']}")
    assert page.locator(f"#detail-{claim['claim_id']}").is_visible()


def test_hostile_article_markup_stays_text(page, live_server):
    found = _api(live_server, "/api/articles", q="governor border guards")["items"]
    page.goto(f"{live_server}/articles/{found[0]['article_id']}")
    assert page.title() != "pwned" and "pwned" not in page.title()
    text = page.locator("#article-text").inner_text()
    assert '<script>document.title="pwned"</script>' in text
    assert page.locator("#article-text script").count() == 0
    assert page.locator("#article-text b").count() == 0


def test_claims_table_filters(page, live_server):
    page.goto(f"{live_server}/claims")
    page.select_option("select[name=event]", "casualties")
    page.fill("input[name=country]", "KP")
    page.click("#claim-filters button[type=submit]")
    page.wait_for_url("**/claims?*")
    query = urlparse(page.url).query
    assert "event=casualties" in query and "country=KP" in query
    badges = page.locator("table.claims-table tbody td:nth-child(2) .badge").all_inner_texts()
    expected = _api(live_server, "/api/claims", event="casualties", country="KP", limit=500)["items"]
    assert badges and badges == ["casualties"] * len(expected[:100])
    page.fill("#claim-filters input[name=q]", "intelligence")  # not the navigation search box
    page.click("#claim-filters button[type=submit]")
    page.wait_for_url("**q=intelligence*")
    rows = page.locator("table.claims-table tbody tr[data-claim]").count()
    expected = _api(live_server, "/api/claims", event="casualties", country="KP", q="intelligence", limit=500)
    assert rows == len(expected["items"]) > 0


def test_source_page_from_a_chain_link(page, live_server):
    page.goto(f"{live_server}/claims?speaker=Yu")
    link = page.locator("table.claims-table tbody a[href^='/sources/']").first
    name = link.inner_text()
    link.click()
    page.wait_for_url("**/sources/*")
    assert page.locator("h1").inner_text() == name
    assert page.locator("#grade").inner_text() in ("not graded", "A", "B", "C", "D", "E", "F")


def test_dashboard_and_timeline_chart(page, live_server, tmp_path):
    page.goto(live_server + "/")
    tracked = _api(live_server, "/api/track")
    assert page.locator("a.card").count() == len(tracked)
    item = max(tracked, key=lambda t: len(t["claims"]))
    page.locator(f'a.card[href="/track/{quote(item["id"], safe="")}"]').click()
    page.wait_for_selector("#timeline .main-svg")
    assert page.locator("h1").inner_text() == item["label"]
    data = json.loads(page.locator("#chart-data").inner_text())
    with_points = [s for s in data["series"] if s["points"]]
    legend = page.locator("#timeline .legend .traces").count()
    extra = (2 if data["estimate"].get("best") is not None else 0) + (1 if data["consensus"] else 0)
    assert legend == len(with_points) + extra  # + estimate range and best, + fused value by date
    markers = page.locator("#timeline .scatterlayer .points path").count()
    assert markers >= sum(len(s["points"]) for s in with_points)
    shot = tmp_path / "timeline.png"
    page.locator("#timeline").screenshot(path=str(shot))
    assert shot.read_bytes().startswith(PNG)
    assert page.errors == []  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "raw",
    ["/static/../app.py", "/static/..%2fapp.py", "/static/%2e%2e/%2e%2e/cli/main.py", "/static//etc/passwd"],
)
def test_no_path_traversal(live_server, raw):
    host, port = urlparse(live_server).netloc.split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    conn.request("GET", raw)  # sent exactly as written, no client-side normalisation
    resp = conn.getresponse()
    body = resp.read().decode("utf-8", "replace")
    conn.close()
    assert resp.status in (400, 404)
    assert "create_app" not in body and "root:" not in body and "typer" not in body
