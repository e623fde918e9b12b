"""The claims table (issue 12 item 7) through an HTTP client: the total, the sort on every column,
the tracked / outlet / grade / review filters, and the streamed CSV, JSONL and GeoJSON downloads."""

from __future__ import annotations

import csv
import io
import json
import re
from html import unescape

import pytest

from claimtrail.contract.claims import claim_to_json
from claimtrail.export import CSV_COLUMNS
from claimtrail.web.table import REVIEW_STATUSES, SORT_KEYS


def _rows(html: str) -> list[str]:
    return re.findall(r'<tr data-claim="([^"]+)"', html)


def _cells(html: str, css: str) -> list[str]:
    return [unescape(x) for x in re.findall(rf'<td class="{css}">([^<]*)</td>', html)]


def _all_claims(app) -> list:
    return list(app.state.ledger.iter_claims())


def test_the_table_shows_the_total_not_the_page_size(client, app):
    total = len(_all_claims(app))
    html = client.get("/claims").text
    assert total > 100
    assert re.search(r'id="claim-count" data-total="(\d+)"', html).group(1) == str(total)
    assert f"{total:,} claims, 1–100 shown" in html
    assert len(_rows(html)) == 100
    second = client.get("/claims", params={"offset": 100}).text
    assert f"101–{min(200, total)} shown" in second
    assert not set(_rows(html)) & set(_rows(second))


def test_sort_by_figure_both_ways(client, app):
    values = {
        c.claim_id: c.quantity.value for c in _all_claims(app) if c.quantity and c.quantity.value is not None
    }
    up = [values[c] for c in _rows(client.get("/claims", params={"sort": "figure"}).text) if c in values]
    down = [values[c] for c in _rows(client.get("/claims", params={"sort": "-figure"}).text) if c in values]
    assert up == sorted(values.values())[: len(up)]
    assert down == sorted(values.values(), reverse=True)[: len(down)]
    assert up[0] < down[0]


def test_sort_by_outlet_and_grade_reads_the_shown_columns(client):
    outlets = [o for o in _cells(client.get("/claims", params={"sort": "outlet"}).text, "outlet") if o]
    assert len(set(outlets)) > 1 and outlets == sorted(outlets, key=str.casefold)
    up = [g for g in _cells(client.get("/claims", params={"sort": "grade"}).text, "grade") if g]
    down = [g for g in _cells(client.get("/claims", params={"sort": "-grade"}).text, "grade") if g]
    assert up == sorted(up) and down == sorted(down, reverse=True)
    assert up[0] < down[0]


@pytest.mark.parametrize("column", list(SORT_KEYS))
def test_every_column_sorts_and_keeps_every_claim(client, column):
    """Each sort gives the same claims as ledger order, only reordered (checked on a filtered set)."""
    plain = client.get("/claims", params={"event": "killed"}).text
    ordered = client.get("/claims", params={"event": "killed", "sort": column}).text
    assert sorted(_rows(plain)) == sorted(_rows(ordered)) and _rows(plain)
    assert f'href="/claims?event=killed&amp;sort=-{column}"' in ordered  # a second click: descending


def test_bad_sort_or_filter_is_a_400_page(client):
    for params, message in (
        ({"sort": "colour"}, "sort: &#39;colour&#39; is not a column"),
        ({"grade": "Z9"}, "grade: &#39;Z9&#39; is not a grade"),
        ({"review": "maybe"}, "review: &#39;maybe&#39; is not one of unreviewed"),
        ({"tracked": "nothing:here"}, "is not a tracked quantity"),
    ):
        response = client.get("/claims", params=params)
        assert response.status_code == 400, params
        assert message in response.text


def test_tracked_filter_gives_the_tracked_quantitys_claims(client):
    item = max(client.get("/api/track").json(), key=lambda t: len(t["claims"]))
    html = client.get("/claims", params={"tracked": item["id"]}).text
    assert set(_rows(html)) == set(item["claims"])
    assert f'<option value="{item["id"]}" selected>' in unescape(html)


def test_outlet_filter_is_exact_and_ignores_case(client, app):
    outlets = {a: o for a, (o, _d) in app.state.ledger.article_meta().items()}
    wanted = "Test Wire"  # the hostile article's outlet (conftest)
    expected = {c.claim_id for c in _all_claims(app) if outlets.get(c.article_id) == wanted}
    html = client.get("/claims", params={"outlet": "test wire"}).text
    assert expected and set(_rows(html)) == expected
    assert set(_cells(html, "outlet")) == {wanted}


def test_grade_filter_by_letter_and_by_whole_grade(client):
    html = client.get("/claims").text
    some = next(g for g in _cells(html, "grade") if g)
    by_letter = _cells(client.get("/claims", params={"grade": some[0]}).text, "grade")
    by_grade = _cells(client.get("/claims", params={"grade": some.lower()}).text, "grade")
    assert by_letter and all(g.startswith(some[0]) for g in by_letter)
    assert by_grade and set(by_grade) == {some}
    assert len(by_grade) <= len(by_letter)


def test_review_filter_before_the_desk_stores_reviews(client, app):
    """Until reviews are stored, every claim is unreviewed: that filter keeps all, the others none."""
    total = len(_all_claims(app))
    html = client.get("/claims", params={"review": "unreviewed"}).text
    assert f'data-total="{total}"' in html
    for status in REVIEW_STATUSES[1:]:
        assert 'data-total="0"' in client.get("/claims", params={"review": status}).text


def test_review_filter_and_sort_read_the_desks_review(app, monkeypatch):
    """The hook the desk fills: a claim's ``review.status`` decides the review filter and sort."""
    from dataclasses import dataclass

    from claimtrail.store.filters import ALL_CLAIMS, ClaimFilter
    from claimtrail.web import table

    ledger = app.state.ledger
    real = ledger.iter_claims
    first, second = ledger.claims(limit=2)

    @dataclass
    class Reviewed:  # a claim as the desk's overlay gives it: the same fields plus ``review``
        claim: object
        status: str

        def __getattr__(self, name):
            return getattr(self.claim, name)

        @property
        def review(self):
            return type("Review", (), {"status": self.status})()

    def overlaid(where=ALL_CLAIMS):
        for claim in real(where):
            if claim.claim_id == first.claim_id:
                yield Reviewed(claim, "rejected")
            elif claim.claim_id == second.claim_id:
                yield Reviewed(claim, "confirmed")
            else:
                yield claim

    monkeypatch.setattr(ledger, "iter_claims", overlaid)
    rejected = [c.claim_id for c in table.TableQuery(ClaimFilter(), review="rejected").claims(ledger)]
    assert rejected == [first.claim_id]
    by_review = [c.claim_id for c in table.TableQuery(ClaimFilter(), sort="review").claims(ledger)]
    assert by_review[:2] == [second.claim_id, first.claim_id]  # confirmed < rejected < unreviewed
    assert table.review_status(first) == "unreviewed"


def test_jsonl_download_is_the_claims_contract_for_the_filter(client, app):
    response = client.get("/api/claims/export", params={"format": "jsonl", "event": "killed"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/x-ndjson")
    assert 'attachment; filename="claims-' in response.headers["content-disposition"]
    from claimtrail.store.filters import ClaimFilter

    expected = [claim_to_json(c) for c in app.state.ledger.iter_claims(ClaimFilter(event="killed"))]
    lines = response.text.splitlines()
    assert [json.loads(line) for line in lines] == expected
    assert lines[0] == json.dumps(expected[0], ensure_ascii=False)  # byte for byte as `claimtrail export`


def test_csv_download_has_every_row_of_the_filter(client, app):
    total = len(_all_claims(app))
    response = client.get("/api/claims/export", params={"format": "csv", "sort": "-figure"})
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == total > 100  # all rows, not one page
    assert tuple(rows[0]) == CSV_COLUMNS
    values = [float(r["value"]) for r in rows if r["value"]]
    assert values == sorted(values, reverse=True)
    assert any(r["reliability"] for r in rows)


def test_geojson_download_has_a_point_per_claim_place(client, app):
    claims = [c for c in _all_claims(app) if c.event == "evacuated"]
    expected = sum(1 for c in claims for p in c.places if p.lat is not None and p.lon is not None)
    data = client.get("/api/claims/export", params={"format": "geojson", "event": "evacuated"}).json()
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == expected > 0
    feature = data["features"][0]
    lon, lat = feature["geometry"]["coordinates"]
    place = next(p for c in claims for p in c.places if p.name == feature["properties"]["place"])
    assert (lon, lat) == (place.lon, place.lat)


def test_download_errors_are_json(client):
    assert client.get("/api/claims/export", params={"format": "xml"}).status_code == 422
    bad_sort = client.get("/api/claims/export", params={"sort": "colour"})
    assert bad_sort.status_code == 422 and "sort" in bad_sort.json()["error"]
    unknown = client.get("/api/claims/export", params={"tracked": "no:such:thing"})
    assert unknown.status_code == 404 and "no:such:thing" in unknown.json()["error"]


def test_page_links_downloads_of_its_own_filter(client):
    html = unescape(client.get("/claims", params={"event": "killed", "sort": "date"}).text)
    for fmt in ("csv", "jsonl", "geojson"):
        assert f'href="/api/claims/export?event=killed&sort=date&format={fmt}"' in html


def test_map_draws_the_filtered_claims_places(client, app):
    claims = [c for c in _all_claims(app) if c.event == "evacuated"]
    places = {p.name for c in claims for p in c.places if p.lat is not None}
    html = unescape(client.get("/claims", params={"event": "evacuated"}).text)
    assert '<image href="/static/world.svg"' in html
    assert set(re.findall(r'<circle [^>]*data-place="([^"]+)"', html)) == places
    world = client.get("/static/world.svg")
    assert world.status_code == 200 and world.text.count("<path ") > 150
