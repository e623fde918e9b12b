"""The fusion commands: output, the JSON contract, and a clear one-line error for each bad option."""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from claimtrail.cli.main import app
from claimtrail.model import Article
from claimtrail.store.ledger import open_ledger

from .helpers import claim

runner = CliRunner()
KEYS = {
    "id",
    "label",
    "event",
    "subject",
    "place",
    "claims",
    "estimate",
    "timeline",
    "origins",
    "independent_origins",
    "contradictions",
    "checks",
}


@pytest.fixture()
def db(tmp_path):
    path = str(tmp_path / "f.db")
    with open_ledger(path) as ledger:
        for aid, value, said, source in (
            ("a1", 11000, "2024-11-04", "Pentagon"),
            ("a2", 12000, "2024-11-07", "HUR"),
            ("a3", 3000, "2024-11-21", "Gennady Voronkin"),
        ):
            c = claim(aid, value, said=said, sources=(source,))
            ledger.add_article(
                Article(
                    text=c.sentence,
                    article_id=aid,
                    outlet=f"Outlet {aid}",
                    published=date.fromisoformat(said),
                ),
                [c],
            )
    return path


def test_track_json_is_the_contract(db):
    result = runner.invoke(app, ["track", "--db", db, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data) == 1 and set(data[0]) == KEYS
    assert data[0]["independent_origins"] == 3
    assert any(c["reason"].startswith("genuine") for c in data[0]["contradictions"])


def test_track_full_with_workers_gives_the_same_contract(db, monkeypatch):
    from claimtrail.fusion import workers

    monkeypatch.setattr(workers, "MIN_CLAIMS", 0)  # one component here: fused serially anyway
    before = runner.invoke(app, ["track", "--db", db, "--format", "json"])
    again = runner.invoke(app, ["track", "--db", db, "--format", "json", "--full", "--workers", "2"])
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout) == json.loads(before.stdout)
    bad = runner.invoke(app, ["track", "--db", db, "--full", "--workers", "0"])
    assert bad.exit_code != 0 and "--workers" in bad.output


def test_track_table_and_as_of(db):
    result = runner.invoke(app, ["track", "--db", db, "--as-of", "2024-11-05", "--format", "json"])
    assert json.loads(result.stdout)[0]["estimate"] == {
        "best": 11000,
        "low": 11000,
        "high": 11000,
        "as_of": "2024-11-05",
    }
    result = runner.invoke(app, ["track", "--db", db], env={"COLUMNS": "200"})
    assert result.exit_code == 0 and "North Korean troops deployed to Russia" in result.stdout


def test_origins_contradictions_checks_sources(db):
    result = runner.invoke(app, ["origins", "--db", db, "--format", "json"])
    assert {o["name"] for o in json.loads(result.stdout)} == {
        "U.S. Department of Defense",
        "Defence Intelligence of Ukraine (HUR)",
        "Gennady Voronkin",
    }
    result = runner.invoke(app, ["contradictions", "--db", db, "--genuine", "--format", "json"])
    rows = json.loads(result.stdout)
    assert rows and all(r["reason"].startswith("genuine") and "Gennady Voronkin" in r["reason"] for r in rows)
    assert runner.invoke(app, ["checks", "--db", db]).exit_code == 0
    assert runner.invoke(app, ["sources", "grade", "Pentagon", "b", "--db", db]).exit_code == 0
    result = runner.invoke(app, ["sources", "list", "--db", db, "--format", "json"])
    rows = json.loads(result.stdout)
    assert {r["name"]: r["reliability"] for r in rows}["Pentagon"] == "B"
    assert {r["name"] for r in rows if r["kind"] == "outlet"} == {"Outlet a1", "Outlet a2", "Outlet a3"}
    assert runner.invoke(app, ["sources", "grade", "Outlet a3", "E", "--db", db]).exit_code == 0


@pytest.mark.parametrize(
    "args, needle",
    [
        (["track", "--as-of", "2024-13-40"], "--as-of: '2024-13-40' is not a date"),
        (["track", "--as-of", "yesterday"], "--as-of: 'yesterday' is not a date"),
        (["track", "--format", "xml"], "--format: 'xml' is not one of table, json"),
        (["contradictions", "--as-of", "2024/11/01"], "--as-of"),
        (["checks", "--as-of", "soon"], "--as-of"),
        (["origins", "--format", "csv"], "--format"),
        (["sources", "grade", "Pentagon", "G"], "reliability must be one letter A-F"),
        (["sources", "grade", "Pentagon", "AB"], "reliability must be one letter A-F"),
        (["sources", "grade", "Nobody Known", "B"], "no source or outlet of that name"),
        (["sources", "list", "--format", "xml"], "--format"),
    ],
)
def test_bad_input_gives_one_line_error(db, args, needle):
    result = runner.invoke(app, [*args, "--db", db])
    assert result.exit_code != 0
    message = result.stderr if result.stderr else result.output
    assert needle in message
    assert len(message.strip().splitlines()) == 1


def test_csv_export_carries_grades_but_jsonl_does_not(db):
    import csv
    import io

    from claimtrail.export import export
    from claimtrail.fusion import claim_grades

    with open_ledger(db) as ledger:
        ledger.set_grade("Pentagon", "B")
        grades = claim_grades(ledger)
        buf = io.StringIO()
        export(ledger.iter_claims(), "csv", out=buf, grades=grades)
        rows = {r["origin"]: r for r in csv.DictReader(io.StringIO(buf.getvalue()))}
        assert rows["Pentagon"]["reliability"] == "B" and rows["Pentagon"]["credibility"] == "1"
        assert rows["Gennady Voronkin"]["credibility"] == "5"
        buf = io.StringIO()
        export(ledger.iter_claims(), "jsonl", out=buf, grades=grades)
        assert "reliability" not in json.loads(buf.getvalue().splitlines()[0])
