"""Fusion's one cache is keyed on the ledger's change stamp: a deletion followed by an addition that
leaves the article and claim counts (and the reused doc ids) as they were is still a change, and
the CLI and the web show the new state."""

from __future__ import annotations

import json
from datetime import date

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from claimtrail import fusion
from claimtrail.cli.main import app
from claimtrail.model import Article, Claim
from claimtrail.store.ledger import open_ledger
from claimtrail.web.app import create_app

from .helpers import claim


def _article(article_id: str, value: float, said: str, source: str) -> tuple[Article, list[Claim]]:
    c = claim(article_id, value, said=said, sources=(source,))
    text = f"An article of ours: {value:,.0f} troops were deployed."
    return Article(
        text=text, article_id=article_id, outlet=f"Outlet {article_id}", published=date.fromisoformat(said)
    ), [c]


def _best(items: list[dict]) -> list[object]:
    return [t["estimate"]["best"] for t in items]


@pytest.fixture()
def db(tmp_path) -> str:
    path = str(tmp_path / "stamp.db")
    with open_ledger(path) as ledger:
        for aid, value, said, source in (
            ("s1", 11000, "2024-11-04", "NIS"),
            ("s2", 12000, "2024-11-05", "HUR"),
        ):
            assert ledger.add_article(*_article(aid, value, said, source))
    return path


def test_delete_then_add_with_equal_counts_changes_the_stamp_and_the_track(db):
    runner = CliRunner()
    with open_ledger(db) as ledger:
        web = TestClient(create_app(db))
        before_stamp = ledger.fusion_stamp()
        before = fusion.track(ledger)
        assert _best(web.get("/api/track").json()) == [11500]
        counts = (ledger.count_articles(), ledger.count_claims())
        assert ledger.delete_article("s2")
        assert ledger.add_article(*_article("s3", 30000, "2024-11-05", "HUR"))
        assert (ledger.count_articles(), ledger.count_claims()) == counts
        assert ledger.fusion_stamp() != before_stamp
        after = fusion.track(ledger)
        assert after is not before and after[0].estimate.best == 20500
        assert _best(web.get("/api/track").json()) == [20500]
        assert "20,500" in web.get("/").text
    out = runner.invoke(app, ["track", "--db", db, "--format", "json"])
    assert out.exit_code == 0, out.output
    assert _best(json.loads(out.stdout)) == [20500]


def test_an_unchanged_ledger_is_fused_once(db):
    with open_ledger(db) as ledger:
        assert fusion.run(ledger) is fusion.run(ledger)
        ledger.set_grade("NIS", "B")
        nis = next(o for o in fusion.track(ledger)[0].origins if "(NIS)" in o.name)
        assert {fusion.claim_grades(ledger)[cid].reliability for cid in nis.claims} == {"B"}
