"""Issue 12 item 8 through an HTTP client: API docs that need no network, the request-body limit
(413 before reading), gzip, URL fetches refused for non-public addresses, and the dashboard's
wording and numbers."""

from __future__ import annotations

import asyncio
import re
from concurrent.futures import ThreadPoolExecutor
from html import unescape

import pytest

from claimtrail.model import Article
from claimtrail.web import render
from claimtrail.web.app import BodyLimit

from .conftest import TOKEN


def test_api_docs_page_is_served_from_the_spec_without_a_cdn(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    html = response.text
    assert set(re.findall(r"<script[^>]*>", html)) == {'<script src="/static/app.js">'}
    assert not re.search(r'(src|href)="https?://', html)  # nothing from another host
    assert "default-src 'self'" in response.headers["content-security-policy"]
    spec = client.get("/api/openapi.json").json()
    for path, item in spec["paths"].items():
        for method in item:
            assert f"<code>{method.upper()} {path}</code>" in html
    assert "one of: csv, jsonl, geojson" in html  # the export's format parameter is documented
    post = html.split("<code>POST /api/articles</code></h2>")[1].split("</section>")[0]
    assert re.findall(r"<td><code>(\w+)</code>", post) == [
        "text",
        "html",
        "url",
        "title",
        "outlet",
        "published",
    ]


def _run(app, scope_headers, chunks):
    """Drive an ASGI app by hand; returns (status, body, how many body messages were read)."""
    read = {"n": 0}
    sent: list[dict] = []

    async def receive():
        if read["n"] < len(chunks):
            read["n"] += 1
            return {
                "type": "http.request",
                "body": chunks[read["n"] - 1],
                "more_body": read["n"] < len(chunks),
            }
        return {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/x", "headers": scope_headers}
    # a thread of its own: after the Playwright tests the main thread may hold a running event loop
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, app(scope, receive, send)).result()
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return status, body, read["n"]


async def _reads_everything(scope, receive, send):
    total = 0
    while True:
        message = await receive()
        total += len(message.get("body", b""))
        if not message.get("more_body"):
            break
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": str(total).encode()})


def test_a_declared_oversized_body_is_refused_before_reading():
    limited = BodyLimit(_reads_everything, limit=1000)
    status, body, read = _run(limited, [(b"content-length", b"30000000")], [b"x" * 100] * 5)
    assert (status, read) == (413, 0)
    assert b"larger than the 1,000 byte limit" in body


def test_a_chunked_body_is_cut_off_at_the_limit():
    limited = BodyLimit(_reads_everything, limit=1000)
    status, body, read = _run(limited, [], [b"x" * 400] * 10)
    assert (status, read) == (413, 3)  # 1,200 bytes seen: the third chunk passed the limit, no more read
    status, body, read = _run(limited, [], [b"x" * 400] * 2)
    assert (status, body) == (200, b"800")


def test_oversized_post_gets_413_json_before_the_token_check(web_db):
    from fastapi.testclient import TestClient

    from claimtrail.web.app import create_app

    with TestClient(create_app(web_db, api_token=TOKEN, max_body=2000)) as small:
        big = small.post("/api/articles", content=b'{"text": "' + b"a" * 5000 + b'"}')
        assert big.status_code == 413
        assert big.json() == {"error": "the request body is larger than the 2,000 byte limit"}

        def stream():
            for _ in range(10):
                yield b"a" * 500

        chunked = small.post("/api/articles", content=stream(), headers={"content-type": "application/json"})
        assert chunked.status_code == 413 and "limit" in chunked.json()["error"]
        assert (
            small.post("/api/articles", json={"text": "short"}).status_code == 401
        )  # small bodies: as before


def test_responses_are_gzipped(client):
    with client.stream("GET", "/vendor/plotly.min.js", headers={"Accept-Encoding": "gzip"}) as plotly:
        assert plotly.headers["content-encoding"] == "gzip"
        sent = sum(len(chunk) for chunk in plotly.iter_raw())
    full = len(client.get("/vendor/plotly.min.js", headers={"Accept-Encoding": "identity"}).content)
    assert full > 4_000_000 and sent < full / 2
    page = client.get("/claims", headers={"Accept-Encoding": "gzip"})
    assert page.headers["content-encoding"] == "gzip"
    plain = client.get("/claims", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.text == page.text


def test_posting_a_loopback_url_is_refused(client):
    response = client.post(
        "/api/articles",
        json={"url": "http://127.0.0.1:9/secret"},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert response.status_code == 400
    assert "127.0.0.1 is a loopback address" in response.json()["error"]
    metadata = client.post(
        "/api/articles",
        json={"url": "http://169.254.169.254/latest/meta-data/"},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert metadata.status_code == 400 and "link-local" in metadata.json()["error"]


def test_a_setting_allows_private_addresses(web_db):
    from fastapi.testclient import TestClient

    from claimtrail.web.app import create_app

    with TestClient(create_app(web_db, api_token=TOKEN, fetch_private=True)) as open_client:
        response = open_client.post(
            "/api/articles",
            json={"url": "http://127.0.0.1:9/x"},
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
    assert response.status_code == 400
    assert "could not connect" in response.json()["error"]  # it tried: nothing listens on port 9


def test_dashboard_wording_and_numbers(client):
    html = unescape(client.get("/").text)
    assert not re.search(r"\b1 (claims|articles|independent origins|contradictions)\b", html)
    assert "as of ?" not in html
    counts = re.findall(r"(\d[\d,]*) claims?\b", html)
    assert counts and all("," in n or len(n) < 4 for n in counts)
    for best in re.findall(r'<div class="card-best">([^<]*)</div>', html):
        assert re.fullmatch(r"\d{1,3}(,\d{3})*(\.\d+)?", best), best
    assert not re.search(r"range ([\d,.]+) – \1<", html)  # a range is shown only when it is one
    assert re.search(r"range [\d,]+ – [\d,]+", html)


def test_track_page_formats_the_estimate(client):
    item = max(client.get("/api/track").json(), key=lambda t: (t["estimate"] or {}).get("best") or 0)
    best = item["estimate"]["best"]
    assert best >= 1000
    html = unescape(client.get(f"/track/{item['id']}").text)
    assert f"<b>{render.number(best)}</b>" in html and "," in render.number(best)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (11000, "11,000"),
        (11000.0, "11,000"),
        (2.5, "2.5"),
        (1234567.891, "1,234,567.89"),
        (7, "7"),
        (None, ""),
        ("n/a", "n/a"),
    ],
)
def test_number(value, text):
    assert render.number(value) == text


def test_plural():
    assert [render.plural(n, "claim") for n in (0, 1, 2, 1200)] == [
        "0 claims",
        "1 claim",
        "2 claims",
        "1,200 claims",
    ]


def test_article_title_falls_back_to_first_line_then_outlet():
    text = "\n  Drones hit a depot near the border overnight\nOfficials said two people were hurt.\n"
    assert render.article_title(Article(text=text)) == "Drones hit a depot near the border overnight"
    long_line = Article(text="word " * 60)
    assert len(render.article_title(long_line)) == 100 and render.article_title(long_line).endswith("…")
    assert render.article_title(Article(text="  \n", outlet="Kyiv Independent")) == "Kyiv Independent"
    assert render.article_title(Article(text="body", title="Given title")) == "Given title"


def test_map_view_frames_the_points():
    kursk = render.MapPoint("Kursk", 51.73, 36.19, 4)
    sumy = render.MapPoint("Sumy", 50.91, 34.80, 1)
    x, y, w, h = render.map_view([kursk, sumy])
    assert w == 2 * h and w >= 16
    for p in (kursk, sumy):
        assert x < p.x < x + w and y < p.y < y + h
    assert render.map_view([]) == (0.0, 0.0, 360.0, 180.0)
    far = render.map_view(
        [render.MapPoint("Wellington", -41.3, 174.8, 1), render.MapPoint("Nome", 64.5, -165.4, 1)]
    )
    assert far[0] >= 0 and far[0] + far[2] <= 360 and far[1] >= 0 and far[1] + far[3] <= 180
