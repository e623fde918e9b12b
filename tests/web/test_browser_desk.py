"""The analyst's desk in Debian's chromium (Playwright): sign in with a user's token, review from the
claims table by keyboard and from the article panel, correct a claim, add a missed claim by
selecting its words, merge a junk source, download the filtered table, read the history; a form
without its CSRF token and a write while signed out are refused.

The server runs over a copy of the session's corpus ledger, so these writes leave the other
browser tests' ledger as it was."""

from __future__ import annotations

import csv
import shutil
import threading
import time

import httpx
import pytest

from .conftest import free_port


@pytest.fixture(scope="module")
def desk_site(web_db, tmp_path_factory):
    """(base URL, token of user "nadia") for a uvicorn server over a copy of the corpus ledger."""
    import uvicorn

    from claimtrail.store import open_ledger
    from claimtrail.web.app import create_app

    db = str(tmp_path_factory.mktemp("desk-web") / "desk.db")
    shutil.copyfile(web_db, db)
    with open_ledger(db) as ledger:
        token = ledger.desk.add_user("nadia")
    port = free_port()
    config = uvicorn.Config(create_app(db, api_token=""), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="uvicorn-desk", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", token
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def desk(browser, desk_site):
    """A fresh browser context on the desk server (signed out), with page errors collected."""
    base, token = desk_site
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    yield pg, base, token, errors
    context.close()


def _api(base: str, path: str, **params):
    return httpx.get(base + path, params=params, timeout=30).json()


def _sign_in(pg, base: str, token: str, next_path: str = "/claims") -> None:
    pg.goto(f"{base}/signin?next={next_path}")
    pg.fill("input[name=token]", token)
    pg.click("form.signin button[type=submit]")
    pg.wait_for_selector("#signed-in-as")
    # the page's scripts (key bindings) run at the end of the body: wait for them, not just the header
    pg.wait_for_load_state("load")
    assert pg.locator("#signed-in-as").inner_text() == "nadia"


def test_sign_in_and_review_by_keyboard_then_download_the_filter(desk, tmp_path):
    pg, base, token, errors = desk
    _sign_in(pg, base, token, "/claims?event=killed")
    ids = pg.locator("table.claims-table tbody tr[data-claim]").evaluate_all(
        "rows => rows.map(r => r.dataset.claim)"
    )
    pg.keyboard.press("j")
    pg.keyboard.press("c")
    pg.wait_for_selector(f'tr[data-claim="{ids[0]}"] td.review span.review-confirmed')  # the row, updated
    pg.keyboard.press("j")
    pg.keyboard.press("r")
    pg.wait_for_selector(f'tr[data-claim="{ids[1]}"] td.review span.review-rejected')
    assert pg.evaluate("window.claimtrail.lastReview") == {
        "claimId": ids[1],
        "status": "rejected",
        "done": True,
    }
    assert pg.locator(f'tr[data-claim="{ids[0]}"] td.review span').inner_text() == "confirmed"
    first = _api(base, f"/api/claims/{ids[0]}")["review"]
    assert (first["status"], first["by"]) == ("confirmed", "nadia")
    assert _api(base, f"/api/claims/{ids[1]}")["review"]["status"] == "rejected"
    # the table filtered by review status, downloaded whole
    pg.goto(f"{base}/claims?event=killed&review=confirmed")
    assert pg.locator("#claim-count").get_attribute("data-total") == "1"
    with pg.expect_download() as info:
        pg.click("#download-csv")
    target = tmp_path / "confirmed.csv"
    info.value.save_as(target)
    with target.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["claim_id"] for r in rows] == [ids[0]]
    assert errors == []


def test_review_and_correct_a_claim_then_read_its_history(desk):
    pg, base, token, errors = desk
    claim = _api(base, "/api/claims", event="deployed", kind="quantity", limit=1)["items"][0]
    cid = claim["claim_id"]
    _sign_in(pg, base, token, f"/articles/{claim['article_id']}%23c-{cid}")
    panel = pg.locator(f"#detail-{cid}")
    assert panel.is_visible()
    panel.locator("input[name=note]").first.fill("Two outlets give the same batch")
    with pg.expect_navigation():
        panel.locator("button[value=disputed]").click()
    assert pg.locator(f"#detail-{cid} .review-state b").inner_text() == "disputed"
    pg.goto(f"{base}/claims/{cid}")
    pg.locator("details.desk-correct summary").click()
    pg.fill("details.desk-correct input[name=value]", "12500")
    pg.select_option("details.desk-correct select[name=modality]", "estimated")
    with pg.expect_navigation(url=f"**/claims/{cid}"):
        pg.click("details.desk-correct button[type=submit]")
    assert "12,500" in pg.locator("h1").inner_text()
    after = _api(base, f"/api/claims/{cid}")
    assert after["quantity"]["value"] == 12500 and after["modality"] == "estimated"
    assert after["extracted"]["quantity"]["value"] == claim["quantity"]["value"]
    rows = pg.locator("#history tbody tr")
    actions = [(r.locator(".who").inner_text(), r.locator(".action").inner_text()) for r in rows.all()]
    assert actions[-2:] == [("nadia", "review"), ("nadia", "correct")]
    assert "12500" in rows.last.locator(".after").inner_text()
    assert errors == []


def test_add_a_missed_claim_by_selecting_its_words(desk):
    pg, base, token, errors = desk
    article = _api(base, "/api/articles", q="governor border guards")["items"][0]
    text = _api(base, f"/api/articles/{article['article_id']}")["text"]
    words = "40 soldiers were captured"
    start = text.index(words)
    _sign_in(pg, base, token, f"/articles/{article['article_id']}")
    # select the words with the mouse's equivalent: a DOM range over the article's text nodes
    pg.evaluate(
        """([words]) => {
          const root = document.getElementById("article-text");
          const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
          let node, seen = 0, a = null, b = null;
          const full = root.textContent, from = full.indexOf(words), to = from + words.length;
          while ((node = walker.nextNode())) {
            const len = node.textContent.length;
            if (!a && from < seen + len) a = [node, from - seen];
            if (!b && to <= seen + len) b = [node, to - seen];
            seen += len;
          }
          const range = document.createRange();
          range.setStart(a[0], a[1]); range.setEnd(b[0], b[1]);
          const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
        }""",
        [words],
    )
    assert pg.input_value("#add-start") == str(start)
    assert pg.input_value("#add-end") == str(start + len(words))
    assert pg.locator("#add-selection").inner_text() == words
    form = pg.locator("#add-claim-form")
    form.locator("input[name=value]").fill("40")
    form.locator("select[name=event]").select_option("captured")
    form.locator("input[name=subject]").fill("soldiers")
    with pg.expect_navigation():
        form.locator("button[type=submit]").click()
    added = [
        c
        for c in _api(base, "/api/claims", article_id=article["article_id"], limit=100)["items"]
        if (c["start"], c["end"]) == (start, start + len(words))
    ]
    assert len(added) == 1 and added[0]["event"] == "captured" and added[0]["quantity"]["value"] == 40
    assert added[0]["review"]["by"] == "nadia"
    assert pg.locator(f'mark[data-claims~="{added[0]["claim_id"]}"]').count() >= 1
    assert errors == []


def test_merge_a_source_on_the_sources_page(desk):
    pg, base, token, errors = desk
    sources = _api(base, "/api/sources")
    names = {s["name"] for s in sources}
    junk, target = "Yu", "Yu Yong-weon"
    if junk not in names:  # the corpus's short name for the lawmaker; else any two sources
        junk, target = sorted(names)[:2]
    before = [
        c
        for c in _api(base, "/api/claims", limit=500)["items"]
        if any(a["name"] == junk for a in c["attribution"])
    ]
    assert before
    _sign_in(pg, base, token, "/sources")
    pg.fill("#merge-form input[name=name]", junk)
    pg.fill("#merge-form input[name=into]", target)
    with pg.expect_navigation(url=f"{base}/sources"):
        pg.click("#merge-form button[type=submit]")
    for c in before:
        names_now = [a["name"] for a in _api(base, f"/api/claims/{c['claim_id']}")["attribution"]]
        assert junk not in names_now and target in names_now
    history = _api(base, f"/api/sources/{junk}/history")
    assert [(h["action"], h["by"], h["after"]["target"]) for h in history] == [("merge", "nadia", target)]
    assert errors == []


def test_a_form_without_its_csrf_token_is_refused(desk):
    pg, base, token, _errors = desk
    claim = _api(base, "/api/claims", event="wounded", limit=1)["items"][0]
    _sign_in(pg, base, token, f"/claims/{claim['claim_id']}")
    pg.evaluate("document.querySelector('form.desk-review input[name=csrf]').remove()")
    with pg.expect_response(lambda r: r.request.method == "POST") as info:
        pg.locator("form.desk-review button[value=rejected]").click()
    assert info.value.status == 403
    assert "CSRF token" in pg.locator(".error-message").inner_text()
    assert pg.locator("#back").get_attribute("href") == f"/claims/{claim['claim_id']}"
    assert "review" not in _api(base, f"/api/claims/{claim['claim_id']}")


def test_writing_while_signed_out_is_refused(desk):
    pg, base, _token, _errors = desk
    claim = _api(base, "/api/claims", event="wounded", limit=1)["items"][0]
    pg.goto(f"{base}/claims/{claim['claim_id']}")
    assert pg.locator("form.desk-review").count() == 0 and pg.locator("#signin-link").is_visible()
    status = pg.evaluate(
        """(cid) => fetch('/claims/' + cid + '/review', {method: 'POST',
             body: new URLSearchParams({status: 'rejected', csrf: 'x'})}).then(r => r.status)""",
        claim["claim_id"],
    )
    assert status == 401
    assert "review" not in _api(base, f"/api/claims/{claim['claim_id']}")
