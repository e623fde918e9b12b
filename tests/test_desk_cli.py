"""The desk on the command line: review, correct, add, sources merge/rename/ignore, users, history,
orphans; each bad input is one line on stderr and a non-zero exit."""

from __future__ import annotations

import csv
import io
import json
from unittest.mock import ANY

import pytest
from store.factory import make_article, numbered_article, report_claims
from typer.testing import CliRunner

from claimtrail.cli.main import app
from claimtrail.store.ledger import open_ledger

runner = CliRunner()


@pytest.fixture
def db(tmp_path) -> str:
    path = str(tmp_path / "desk.db")
    with open_ledger(path) as ledger:
        article = make_article()
        ledger.add_article(article, report_claims(article))
    return path


def _ids(db: str) -> list[str]:
    with open_ledger(db) as ledger:
        return [c.claim_id for c in ledger.claims()]


def _ok(*args: str, **env: str) -> str:
    result = runner.invoke(app, list(args), env=env or None)
    assert result.exit_code == 0, result.output
    return result.stdout


def _fails(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


def test_review_then_filter_and_export_carry_it(db):
    troops, *_ = _ids(db)
    said = _ok(
        "review",
        troops[:8],
        "--status",
        "rejected",
        "--note",
        "A first batch only",
        "--by",
        "mara",
        "--db",
        db,
    )
    assert said.startswith(f"claim {troops}: rejected (by mara, ")
    listed = json.loads(_ok("claims", "--review", "rejected", "--format", "json", "--db", db))
    assert [c["claim_id"] for c in listed] == [troops]
    assert listed[0]["review"]["note"] == "A first batch only"
    lines = [json.loads(x) for x in _ok("export", "--format", "jsonl", "--db", db).splitlines()]
    assert [("review" in x) for x in lines] == [True, False, False]
    rows = list(csv.DictReader(io.StringIO(_ok("export", "--format", "csv", "--db", db))))
    assert [(r["review_status"], r["review_note"], r["review_by"]) for r in rows] == [
        ("rejected", "A first batch only", "mara"),
        ("unreviewed", "", ""),
        ("unreviewed", "", ""),
    ]
    assert len(json.loads(_ok("claims", "--review", "unreviewed", "--format", "json", "--db", db))) == 2


def test_review_bad_input(db):
    troops, *_ = _ids(db)
    assert "--status: 'maybe' is not one of" in _fails("review", troops, "--status", "maybe", "--db", db)
    assert "no claim has this id" in _fails(
        "review", "0123456789abcdef0123", "--status", "confirmed", "--db", db
    )
    assert "--review: 'fine' is not one of" in _fails("claims", "--review", "fine", "--db", db)


def test_correct_shows_extracted_and_corrected_values(db):
    troops, *_ = _ids(db)
    said = _ok(
        "correct",
        troops,
        "--value",
        "1250",
        "--event",
        "training",
        "--place",
        "Kursk",
        "--by",
        "jun",
        "--db",
        db,
    )
    assert said.splitlines()[0] == f"claim {troops}: corrected event, quantity, places"
    assert '  event: "deployed" -> "training"' in said
    line = json.loads(_ok("export", "--format", "jsonl", "--db", db).splitlines()[0])
    assert line["quantity"]["value"] == 1250 and line["extracted"]["quantity"]["value"] == 1200.0
    assert [p["name"] for p in line["places"]] == ["Kursk"] and line["review"]["by"] == "jun"
    assert "low 9 is above high 3" in _fails("correct", troops, "--low", "9", "--high", "3", "--db", db)
    assert "nothing to correct" in _fails("correct", troops, "--db", db)
    assert "--event: 'won' is not one of" in _fails("correct", troops, "--event", "won", "--db", db)


def test_add_records_a_missed_claim_and_refuses_bad_offsets(db):
    article = make_article()
    start = article.text.index("3,800 North Korean soldiers")
    said = _ok(
        "add", article.article_id[:6], "--start", str(start), "--end", str(start + 27), "--value", "3800",
        "--event", "killed", "--subject", "soldiers", "--country", "KP", "--by", "mara", "--db", db,
    )  # fmt: skip
    assert said.startswith("claim ") and "added (quantity): Ukrainian officials estimated" in said
    assert len(_ids(db)) == 4
    size = len(article.text)
    message = _fails(
        "add", article.article_id, "--start", "5", "--end", str(size + 1), "--value", "1", "--db", db
    )
    assert (
        message == f"error: --start/--end: 5..{size + 1} is not a span inside the article's text (0..{size})"
    )
    assert "no article has this id" in _fails("add", "feedface", "--start", "0", "--end", "3", "--db", db)


def test_sources_merge_rename_ignore_and_their_history(db):
    _ok(
        "sources",
        "merge",
        "National Intelligence Service",
        "--into",
        "Ukrainian officials",
        "--by",
        "mara",
        "--db",
        db,
    )
    _ok("sources", "rename", "Park Ji-hoon", "Park J.", "--by", "mara", "--db", db)
    chains = [
        [s["name"] for s in c["attribution"]]
        for c in json.loads(_ok("claims", "--format", "json", "--db", db))
    ]
    assert chains == [["Park J.", "Ukrainian officials"], ["Park J."], ["Ukrainian officials"]]
    _ok("sources", "ignore", "Park J.", "--by", "mara", "--db", db)
    chains = [
        [s["name"] for s in c["attribution"]]
        for c in json.loads(_ok("claims", "--format", "json", "--db", db))
    ]
    assert chains == [["Ukrainian officials"], [], ["Ukrainian officials"]]
    assert "no source or outlet of that name" in _fails("sources", "ignore", "Nobody Known", "--db", db)
    assert "no source or outlet" in _fails(
        "sources", "merge", "Park Ji-hoon", "--into", "Nobody Known", "--db", db
    )
    _ok("sources", "grade", "Ukrainian officials", "C", "--by", "jun", "--db", db)
    history = json.loads(_ok("history", "--source", "Ukrainian officials", "--format", "json", "--db", db))
    assert [(h["action"], h["by"]) for h in history] == [("grade", "jun")]
    assert "give a claim id or --source" in _fails("history", "--db", db)
    listed = {r["name"]: r.get("desk") for r in json.loads(_ok("sources", "list", "-f", "json", "--db", db))}
    assert listed["National Intelligence Service"]["action"] == "merge"
    assert listed["National Intelligence Service"]["target"] == "Ukrainian officials"
    assert listed["Park Ji-hoon"] == {"action": "rename", "target": "Park J.", "by": "mara", "at": ANY}
    assert listed["Park J."]["action"] == "ignore"  # a name only the desk knows is listed too
    assert listed["Ukrainian officials"] is None


def test_users_tokens_and_who_writes(db):
    troops, *_ = _ids(db)
    out = _ok("users", "add", "mara", "--db", db).splitlines()
    token = out[-1].strip()
    assert out[0] == "user mara added; token (shown once, keep it safe):" and len(token) >= 40
    assert "mara" in _ok("users", "list", "--db", db)
    assert token not in _ok("users", "list", "--db", db)
    assert "'root-or-anyone' is not an active user" in _fails(
        "review", troops, "--status", "confirmed", "--by", "root-or-anyone", "--db", db
    )
    _ok("review", troops, "--status", "confirmed", "--db", db, CLAIMTRAIL_TOKEN=token)
    history = json.loads(_ok("history", troops, "--format", "json", "--db", db))
    assert [(h["action"], h["by"]) for h in history][-1] == ("review", "mara")
    _ok("users", "revoke", "mara", "--db", db)
    assert "no such user" in _fails("users", "revoke", "nobody", "--db", db)


def test_orphans_lists_what_lost_its_claim(db):
    troops, *_ = _ids(db)
    _ok("review", troops, "--status", "disputed", "--by", "mara", "--db", db)
    with open_ledger(db) as ledger:
        ledger.delete_article(make_article().article_id)
    said = _ok("orphans", "--db", db)
    assert said.splitlines()[0] == "1 orphaned desk entries"
    assert troops in said and "disputed" in said


@pytest.mark.postgres
def test_a_shared_postgresql_ledger_records_each_analyst(pg_url):  # noqa: F811
    with open_ledger(pg_url) as ledger:
        article = make_article()
        ledger.add_article(article, report_claims(article))
        troops = ledger.claims()[0].claim_id
    mara = _ok("users", "add", "mara", "--db", pg_url).splitlines()[-1].strip()
    jun = _ok("users", "add", "jun", "--db", pg_url).splitlines()[-1].strip()
    _ok(
        "review",
        troops,
        "--status",
        "disputed",
        "--note",
        "Which batch?",
        "--db",
        pg_url,
        CLAIMTRAIL_TOKEN=mara,
    )
    _ok("correct", troops, "--value", "1300", "--db", pg_url, CLAIMTRAIL_TOKEN=jun)
    _ok("users", "revoke", "jun", "--db", pg_url)
    assert "no active user" in _fails_env(
        ("review", troops, "--status", "confirmed", "--db", pg_url), CLAIMTRAIL_TOKEN=jun
    )
    history = json.loads(_ok("history", troops, "--format", "json", "--db", pg_url))
    assert [(h["action"], h["by"]) for h in history][1:] == [("review", "mara"), ("correct", "jun")]
    line = json.loads(_ok("export", "--format", "jsonl", "--db", pg_url).splitlines()[0])
    assert (line["quantity"]["value"], line["review"]["status"], line["review"]["by"]) == (
        1300,
        "disputed",
        "jun",
    )


def _fails_env(args: tuple[str, ...], **env: str) -> str:
    result = runner.invoke(app, list(args), env=env)
    assert result.exit_code == 1, result.output
    return result.stderr.strip()


def test_a_review_re_fuses_only_its_part_when_the_state_was_current(db):
    from claimtrail import fusion
    from claimtrail.fusion import incremental

    with open_ledger(db) as ledger:
        assert incremental.sync(ledger) in ("full", "incremental")
        deployed = sum(len(t.claims) for t in fusion.track(ledger) if t.event == "deployed")
    troops = _ids(db)[0]
    _ok("review", troops, "--status", "rejected", "--by", "mara", "--db", db)
    with open_ledger(db) as ledger:
        assert incremental.sync(ledger) == "current"  # the review re-fused what it touched
        tracked = fusion.track(ledger)
        assert troops not in {c for t in tracked for c in t.claims}
        assert sum(len(t.claims) for t in tracked if t.event == "deployed") == deployed - 1
        article, claims = numbered_article(7)
        ledger.add_article(article, claims)  # the stored state is stale now
    _ok("review", _ids(db)[1], "--status", "confirmed", "--by", "mara", "--db", db)
    with open_ledger(db) as ledger:  # so the review left it to the next read, which sees the article
        assert incremental.sync(ledger) != "current"
