"""The HTML pages through an HTTP client: content, escaping, errors, static files."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from urllib.parse import quote

import pytest


def _marks(html: str) -> list[str]:
    return re.findall(r'<mark [^>]*data-claims="([^"]*)"', html)


def test_article_page_marks_every_claim(client):
    article = client.get("/api/articles", params={"q": "Yu Yong-weon"}).json()["items"][0]
    full = client.get(f"/api/articles/{article['article_id']}").json()
    html = client.get(f"/articles/{article['article_id']}").text
    covered = {cid for ids in _marks(html) for cid in ids.split()}
    assert covered == {c["claim_id"] for c in full["claim_list"]}
    # the page text is the article text, exactly (tags removed, entities decoded)
    body = re.search(r'<article class="article-text" id="article-text">(.*?)</article>', html, re.S).group(1)
    assert unescape(re.sub(r"<[^>]+>", "", body)) == full["text"]
    # each claim has a detail section with its certainty and chain
    for c in full["claim_list"]:
        assert f'id="detail-{c["claim_id"]}"' in html
    assert '<svg class="chain"' in html


def test_marked_text_is_the_claims_evidence(client):
    article = client.get("/api/articles", params={"q": "Kursk casualties"}).json()["items"][0]
    full = client.get(f"/api/articles/{article['article_id']}").json()
    html = client.get(f"/articles/{article['article_id']}").text
    figures = [c for c in full["claim_list"] if c["kind"] == "quantity"]
    assert figures
    for c in figures:
        span = full["text"][c["start"] : c["end"]]
        pattern = rf'<mark class="ev-[a-z]+"[^>]*data-claims="{c["claim_id"]}[^"]*"[^>]*>([^<]*)</mark>'
        pieces = re.findall(pattern, html)
        assert unescape("".join(pieces)) == span


def test_script_in_an_article_shows_as_text(client, hostile_id):
    html = client.get(f"/articles/{hostile_id}").text
    assert "&lt;script&gt;document.title=" in html
    assert "<script>document.title" not in html
    assert "<b onmouseover" not in html and "&lt;b onmouseover=" in html
    # the only scripts are our own files
    assert set(re.findall(r"<script[^>]*>", html)) == {
        '<script src="/static/app.js">',
        '<script src="/static/desk.js">',
        '<script src="/static/article.js">',
    }
    assert "default-src 'self'" in client.get(f"/articles/{hostile_id}").headers["content-security-policy"]


def test_user_values_are_escaped_in_pages(client):
    evil = '"><script>alert(1)</script>'
    html = client.get("/claims", params={"speaker": evil}).text
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    html = client.get("/articles", params={"q": evil}).text
    assert "<script>alert(1)" not in html
    r = client.get("/articles/" + "%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    assert r.status_code == 404 and "<script>alert(1)" not in r.text


def test_claims_page_filters(client):
    html = client.get("/claims", params={"event": "casualties", "country": "KP"}).text
    rows = re.findall(r'<tr data-claim="([^"]+)"', html)
    api = client.get("/api/claims", params={"event": "casualties", "country": "KP", "limit": 500}).json()
    assert rows == [c["claim_id"] for c in api["items"]][:100]
    assert rows
    assert '<option value="casualties" selected>' in html
    html = client.get("/claims", params={"q": "Zelensky"}).text
    rows = re.findall(r'<tr data-claim="([^"]+)"', html)
    assert rows and all("zelensky" in client.get(f"/api/claims/{r}").json()["sentence"].lower() for r in rows)


def test_article_page_colours_a_new_event_and_the_legend_lists_every_event(client):
    """An air-defence figure is marked in the event's colour class; the legend has every event."""
    from claimtrail.model import EVENTS
    from claimtrail.web.render import EVENT_COLOURS, EVENT_FAMILIES

    assert sorted(ev for _family, events in EVENT_FAMILIES for ev in events) == sorted(EVENTS)
    assert set(EVENT_COLOURS) == {*EVENTS, "none"}
    assert len(set(EVENT_COLOURS.values())) == len(EVENT_COLOURS)
    css = client.get("/static/style.css").text
    docs = (Path(__file__).resolve().parents[2] / "docs" / "web.md").read_text(encoding="utf-8")
    for event, colour in EVENT_COLOURS.items():
        assert f".ev-{event} {{ --ev: {colour}; }}" in css, event
        assert f"`{colour}`" in docs, event
    claim = client.get("/api/claims", params={"event": "intercepted", "limit": 1}).json()["items"][0]
    html = client.get(f"/articles/{claim['article_id']}").text
    assert re.search(rf'<mark class="ev-intercepted"[^>]*data-claims="[^"]*{claim["claim_id"]}', html)
    legend = re.search(r'<div class="legend">(.*?)</div>', html, re.S).group(1)
    assert re.findall(r'class="badge ev-([a-z]+)"', legend) == [
        *(e for _f, evs in EVENT_FAMILIES for e in evs),
        "none",
    ]
    assert '<span class="family-name">weapons</span>' in legend
    # the claims table shows the subject's class beside its text
    table = client.get("/claims", params={"event": "intercepted"}).text
    assert 'class="badge ev-intercepted"' in table and '<span class="subject-class">weapons</span>' in table
    # the event filter offers every event, the chosen one selected
    options = re.findall(
        r'<option value="([a-z]+)"( selected)?>', table.split('name="event"')[1].split("</select>")[0]
    )
    assert [value for value, _ in options] == list(EVENTS)
    assert [value for value, chosen in options if chosen] == ["intercepted"]


@pytest.mark.parametrize(
    "url", ["/claims?event=bogus", "/claims?country=123", "/claims?date_from=soon", "/claims?offset=x"]
)
def test_bad_page_parameters_give_4xx_html(client, url):
    r = client.get(url)
    assert 400 <= r.status_code < 500 and "text/html" in r.headers["content-type"]
    assert "Error" in r.text


def test_claim_page_draws_the_chain(client):
    claims = client.get("/api/claims", params={"speaker": "yu", "limit": 500}).json()["items"]
    chained = next(c for c in claims if len(c["attribution"]) >= 2)
    html = client.get(f"/claims/{chained['claim_id']}").text
    svg = re.search(r'<svg class="chain".*?</svg>', html, re.S).group(0)
    names = re.findall(r'<text [^>]*class="node-name">([^<]*)</text>', svg)
    assert names == [
        unescape(a["name"])[:34] if len(a["name"]) <= 34 else names[i]
        for i, a in enumerate(chained["attribution"])
    ]
    assert svg.count("<line ") == len(chained["attribution"]) - 1
    assert "speaker" in svg and "origin" in svg


def test_source_page_lists_its_claims(client):
    top = client.get("/api/sources").json()[0]
    html = client.get(f"/sources/{top['source_id']}").text
    assert unescape(re.search(r"<h1>(.*?)</h1>", html).group(1)) == top["name"]
    assert "Reliability grade" in html
    assert html.count("<tr><td>") == top["claims"]
    assert client.get("/sources/99999999").status_code == 404
    assert client.get("/sources/../app.py").status_code == 404


def test_dashboard(client):
    html = client.get("/").text
    assert "articles" in html and "claims in the ledger" in html
    tracked = client.get("/api/track").json()
    assert tracked
    for t in tracked:
        assert f'href="/track/{quote(t["id"], safe="")}"' in html
    assert html.count('class="card ') == len(tracked)


def test_track_page_has_chart_data(client):
    assert client.get("/track/anything").status_code == 404
    import json

    tracked = client.get("/api/track").json()
    item = max(tracked, key=lambda t: len(t["claims"]))
    from urllib.parse import quote

    html = client.get("/track/" + quote(item["id"], safe="")).text
    data = json.loads(
        unescape(
            re.search(r'<script type="application/json" id="chart-data">(.*?)</script>', html, re.S).group(1)
        )
    )
    assert data["label"] == item["label"]
    assert [s["name"] for s in data["series"]] == [o["name"] for o in item["origins"]]
    plotted = {p["claim"] for s in data["series"] for p in s["points"]}
    assert plotted and plotted <= set(item["claims"])
    assert '<script src="/vendor/plotly.min.js">' in html


def test_static_files_and_plotly_are_served_locally(client):
    assert client.get("/static/style.css").status_code == 200
    js = client.get("/vendor/plotly.min.js")
    assert js.status_code == 200 and "plotly" in js.text[:2000].lower()
    for url in ("/", "/claims", "/sources"):
        assert "http://" not in re.sub(r'href="[^"]*"', "", client.get(url).text.split("<main>")[0])
