"""Web fixtures: one ledger with the example corpus (plus a hostile article) per test session, the app
over it, and a live uvicorn server on a free local port for the browser tests."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "test-token-5b1e"

# An article of our own whose text carries markup that must show as text, never run.
HOSTILE = (
    "Border guards said on Tuesday that 40 soldiers were captured near the river crossing. "
    '<script>document.title="pwned"</script> The regional governor said <b onmouseover="x()">'
    "about 200 troops</b> had been deployed to the area, citing army reports.\n"
)


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """An SQLite ledger holding examples/kursk and one hostile article (ingested once: ~15 s)."""
    from claimtrail.run import ingest
    from claimtrail.store import open_ledger

    folder = tmp_path_factory.mktemp("web")
    hostile = folder / "hostile.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    db = str(folder / "web.db")
    with open_ledger(db) as ledger:
        report = ingest([str(ROOT / "examples" / "kursk")], ledger)
        assert not report.failures, report.failures
        from datetime import date

        ingest([str(hostile)], ledger, published=date(2025, 6, 3), outlet="Test Wire")
    return db


@pytest.fixture(scope="session")
def app(web_db: str):
    from claimtrail.web.app import create_app

    return create_app(web_db, api_token=TOKEN)


@pytest.fixture(scope="session")
def client(app):
    from fastapi.testclient import TestClient

    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="session")
def hostile_id(client) -> str:
    found = client.get("/api/articles", params={"q": "governor border guards"}).json()["items"]
    assert found, "the hostile article was not ingested"
    return found[0]["article_id"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def live_server(web_db: str):
    """The app served by uvicorn on 127.0.0.1 in a thread; stopped at the end of the session."""
    import uvicorn

    from claimtrail.web.app import create_app

    port = free_port()
    config = uvicorn.Config(
        create_app(web_db, api_token=""), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="uvicorn-test", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright (never `playwright install`); skipped if absent."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    pg.errors = errors  # type: ignore[attr-defined]
    yield pg
    context.close()
