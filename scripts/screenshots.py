"""Take the web-app screenshots shown by the README and docs/web.md (docs/img/web-*.png).

Ingests examples/kursk into a temporary SQLite ledger with `claimtrail ingest`, serves it with
`claimtrail serve` on a free port of 127.0.0.1, and drives Debian's chromium (/usr/bin/chromium,
never a downloaded browser) headless with Playwright at 1280x900. It writes
    docs/img/web-dashboard.png  the dashboard (/)
    docs/img/web-article.png    an air-defence article (launched and intercepted figures) with a
                                highlighted figure clicked open
    docs/img/web-timeline.png   the first tracked quantity linked from the dashboard
and, for the analyst's guide (docs/guide.md), signed in as a user made with `claimtrail users add`:
    docs/img/desk-signin.png    the sign-in page
    docs/img/desk-claims.png    the claims table of a tracked quantity, two rows reviewed by keyboard
    docs/img/desk-claim.png     a claim disputed and corrected, its correction form and history
    docs/img/desk-add.png       an article with words selected for the add-a-claim form
    docs/img/desk-sources.png   the sources page with its merge form filled in
Run from the repository root:
    .venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "examples" / "kursk"
OUT = ROOT / "docs" / "img"
CHROMIUM = "/usr/bin/chromium"
WIDTH, HEIGHT = 1280, 900
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def claimtrail() -> list[str]:
    """The `claimtrail` command of this interpreter's environment (the module if no script)."""
    script = Path(sys.executable).with_name("claimtrail")
    if script.exists():
        return [str(script)]
    found = shutil.which("claimtrail")
    return [found] if found else [sys.executable, "-m", "claimtrail.cli.main"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(base: str, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if server.poll() is not None:
            raise SystemExit(f"claimtrail serve exited with status {server.returncode}")
        try:
            if httpx.get(f"{base}/api/articles", params={"limit": 1}, timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise SystemExit(f"claimtrail serve did not answer on {base} within {timeout:.0f} s")
        time.sleep(0.2)


def air_defence_article(base: str) -> str:
    """The id of the article with both launched and intercepted figures and the most event kinds
    (titled articles first, then the earliest)."""
    items = httpx.get(f"{base}/api/articles", params={"limit": 200}, timeout=30).json()["items"]
    best: tuple | None = None
    for item in items:
        article = httpx.get(f"{base}/api/articles/{item['article_id']}", timeout=30).json()
        events = {c["event"] or c["kind"] for c in article["claim_list"]}
        if not {"launched", "intercepted"} <= events:
            continue
        key = (bool(article["title"]), len(events), -items.index(item))
        if best is None or key > best[0]:
            best = (key, item["article_id"])
    if best is None:
        raise SystemExit("no article with both launched and intercepted claims in the corpus")
    return best[1]


def shot(page: Page, name: str, max_height: int = HEIGHT) -> None:
    """Save the top of the page as docs/img/<name>: down to the end of its content plus a margin,
    at most max_height CSS pixels."""
    bottom = page.evaluate(
        "Math.max(...[...document.body.querySelectorAll('*')]"
        ".map(e => e.getBoundingClientRect().bottom + window.scrollY))"
    )
    height = min(max_height, int(bottom) + 24)
    path = OUT / name
    page.screenshot(path=str(path), clip={"x": 0, "y": 0, "width": WIDTH, "height": height})
    print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size // 1024} KB)")


def add_user(db: str) -> str:
    """A desk user for the screenshots; their token (the last line `claimtrail users add` prints)."""
    done = subprocess.run(
        [*claimtrail(), "users", "add", "Ana Analyst", "--db", db],
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip().splitlines()[-1]


def desk_shots(page: Page, base: str, token: str, track_href: str) -> None:
    """The analyst's guide screenshots: sign in, review, correct, add, merge."""
    page.goto(f"{base}/signin?next=/claims")
    page.fill("input[name=token]", token)
    shot(page, "desk-signin.png", max_height=420)
    page.click("form.signin button[type=submit]")
    page.wait_for_selector("#signed-in-as")
    tracked = track_href.removeprefix("/track/")
    page.goto(f"{base}/claims?tracked={tracked}&sort=date")
    ids = page.locator("table.claims-table tbody tr[data-claim]").evaluate_all(
        "rs => rs.map(r => r.dataset.claim)"
    )
    for key, state in (("c", "confirmed"), ("r", "rejected")):
        page.keyboard.press("j")
        page.keyboard.press(key)
        page.wait_for_selector(f"td.review span.review-{state}")
    shot(page, "desk-claims.png")

    page.goto(f"{base}/claims/{ids[2]}")
    page.fill("form.desk-review input[name=note]", "Same batch as the NIS figure; the date is the briefing's")
    with page.expect_navigation():
        page.click("form.desk-review button[value=disputed]")
    page.locator("details.desk-correct summary").click()
    page.fill("details.desk-correct input[name=event_date]", "2024-10-18")
    with page.expect_navigation():
        page.click("details.desk-correct button[type=submit]")
    page.locator("details.desk-correct summary").click()
    shot(page, "desk-claim.png", max_height=1400)

    article = page.locator("blockquote.sentence + p a").get_attribute("href") or "/articles"
    page.goto(base + article.split("#")[0])
    page.evaluate(
        """() => { const t = document.getElementById("article-text");
          const nodes = [...t.childNodes].filter(n => n.nodeType === 3);
          const node = nodes.find(n => /said/.test(n.textContent)) || nodes.find(n => n.length > 40);
          const at = Math.max(0, node.textContent.search(/\\S+ said/));
          const r = document.createRange(); r.setStart(node, at); r.setEnd(node, Math.min(node.length, at + 48));
          const sel = getSelection(); sel.removeAllRanges(); sel.addRange(r); }"""
    )
    page.locator("#add-claim").scroll_into_view_if_needed()
    page.screenshot(path=str(OUT / "desk-add.png"))
    print(f"wrote docs/img/desk-add.png ({(OUT / 'desk-add.png').stat().st_size // 1024} KB)")

    page.goto(f"{base}/sources")
    page.fill("#merge-form input[name=name]", "Yu")
    page.fill("#merge-form input[name=into]", "Yu Yong-weon")
    shot(page, "desk-sources.png", max_height=600)


def main() -> int:
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is missing (apt-get install chromium)", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="claimtrail-shots-") as tmp:
        db = str(Path(tmp) / "shots.db")
        subprocess.run([*claimtrail(), "ingest", str(CORPUS), "--db", db, "-q"], check=True, cwd=ROOT)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [*claimtrail(), "serve", "--db", db, "--host", "127.0.0.1", "--port", str(port)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_until_up(base, server)
            article_id = air_defence_article(base)
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
                page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
                errors: list[str] = []
                page.on("pageerror", lambda exc: errors.append(str(exc)))

                page.goto(f"{base}/")
                page.wait_for_load_state("networkidle")
                shot(page, "web-dashboard.png")
                track_href = page.locator('a[href^="/track/"]').first.get_attribute("href")

                page.goto(f"{base}/articles/{article_id}")
                page.wait_for_load_state("networkidle")
                page.locator("mark.ev-intercepted").first.click()
                page.wait_for_timeout(300)
                shot(page, "web-article.png")

                page.goto(f"{base}{track_href}")
                page.wait_for_selector("#timeline .main-svg")
                page.wait_for_load_state("networkidle")
                shot(page, "web-timeline.png")
                desk_shots(page, base, add_user(db), track_href or "/track/")
                browser.close()
                for error in errors:
                    print(f"page error: {error}", file=sys.stderr)
                print(f"article {article_id}, tracked quantity {track_href}")
        finally:
            server.terminate()
            server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
