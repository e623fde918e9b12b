"""Take the README's web-app screenshots (docs/img/web-article.png, docs/img/web-timeline.png).

Ingests examples/kursk into a temporary ledger, serves the app with uvicorn on a free local port,
and drives Debian's chromium (/usr/bin/chromium) headless with Playwright. Run:
    .venv/bin/python scripts/web_screenshots.py
"""

from __future__ import annotations

import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import uvicorn
from playwright.sync_api import sync_playwright

from claimtrail.run import ingest
from claimtrail.store import open_ledger
from claimtrail.web.app import create_app

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "img"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "shots.db")
        with open_ledger(db) as ledger:
            ingest([str(ROOT / "examples" / "kursk")], ledger)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = uvicorn.Server(
            uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        try:
            claims = httpx.get(f"{base}/api/claims", params={"speaker": "Yu", "kind": "quantity"}).json()[
                "items"
            ]
            claim = next(c for c in claims if len(c["attribution"]) >= 2)
            tracked = httpx.get(f"{base}/api/track").json()
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS, headless=True)
                page = browser.new_page(viewport={"width": 1280, "height": 860})
                page.goto(f"{base}/articles/{claim['article_id']}")
                page.locator(f'mark[data-claim="{claim["claim_id"]}"]').first.click()
                page.screenshot(path=str(OUT / "web-article.png"))
                print("wrote", OUT / "web-article.png")
                if tracked:
                    item = max(tracked, key=lambda t: len(t["claims"]))
                    page.goto(f"{base}/track/{item['id']}")
                    page.wait_for_selector("#timeline .main-svg")
                    page.screenshot(
                        path=str(OUT / "web-timeline.png"),
                        clip={"x": 0, "y": 0, "width": 1280, "height": 640},
                    )
                    print("wrote", OUT / "web-timeline.png")
                    page.goto(f"{base}/")
                    page.screenshot(path=str(OUT / "web-dashboard.png"))
                    print("wrote", OUT / "web-dashboard.png")
                else:
                    print(
                        "no tracked quantities (fusion missing?): timeline screenshot skipped",
                        file=sys.stderr,
                    )
                browser.close()
        finally:
            server.should_exit = True
            thread.join(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
