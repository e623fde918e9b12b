"""The CLI end to end: ingest the example corpus, list, show, export, annotate; bad input per option."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimtrail.cli.main import app
from claimtrail.contract.claims import CLAIM_FIELDS

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "kursk"
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def ledger(tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("cli") / "ledger.db")
    result = run("ingest", str(EXAMPLES), "--db", db, "--quiet")
    assert result.exit_code == 0, result.output
    assert "articles added" in result.output
    assert "tracked quantities" in result.output  # fusion runs after each ingest
    return db


def test_ingest_summary_and_reingest_is_a_no_op(ledger):
    before = run("export", "--db", ledger, "--format", "jsonl").stdout
    again = run("ingest", str(EXAMPLES), "--db", ledger, "--quiet")
    assert again.exit_code == 0
    assert "0 articles added" in again.output
    after = run("export", "--db", ledger, "--format", "jsonl").stdout
    assert before == after


def test_claims_table_and_filters(ledger):
    result = run("claims", "--db", ledger)
    assert result.exit_code == 0
    assert "claims" in result.output and "1,500" in result.output
    deployed = json.loads(run("claims", "--db", ledger, "--event", "deployed", "--format", "json").stdout)
    assert deployed and all(c["event"] == "deployed" for c in deployed)
    kp = json.loads(run("claims", "--db", ledger, "--country", "kp", "--format", "json").stdout)
    assert kp and all(c["subject"]["country"] == "KP" for c in kp)
    yu = json.loads(run("claims", "--db", ledger, "--speaker", "Yu", "--format", "json").stdout)
    assert yu and all(any("Yu" in (a["name"] or "") for a in c["attribution"]) for c in yu)
    figures = json.loads(run("claims", "--db", ledger, "--kind", "quantity", "--format", "json").stdout)
    assert figures and all(c["kind"] == "quantity" and c["quantity"] for c in figures)
    found = json.loads(run("claims", "--db", ledger, "--search", "training", "--format", "json").stdout)
    assert found and all("train" in c["sentence"].lower() for c in found)


def test_every_event_is_a_claims_and_export_filter(ledger):
    """The --event options take every event of model.EVENTS (issue 14's new ones included) and list them."""
    from claimtrail.model import EVENTS

    launched = json.loads(run("claims", "--db", ledger, "--event", "launched", "--format", "json").stdout)
    assert launched and all(c["event"] == "launched" for c in launched)  # the air-defence articles
    for event in EVENTS:
        assert run("claims", "--db", ledger, "--event", event, "--format", "json").exit_code == 0, event
        assert run("export", "--db", ledger, "--event", event).exit_code == 0, event
    for command in ("claims", "export"):
        help_text = " ".join(run(command, "--help").stdout.split())
        assert all(event in help_text for event in EVENTS), command


def test_export_jsonl_is_the_contract(ledger):
    lines = run("export", "--db", ledger, "--format", "jsonl").stdout.splitlines()
    assert len(lines) > 20
    for line in lines:
        obj = json.loads(line)
        assert list(obj) == list(CLAIM_FIELDS)
        assert obj["kind"] in ("quantity", "statement")
        assert obj["modality"] in (
            "asserted",
            "reported",
            "estimated",
            "believed",
            "possible",
            "planned",
            "denied",
            "confirmed",
        )
        if obj["quantity"] is not None:
            assert set(obj["quantity"]) == {
                "text",
                "value",
                "low",
                "high",
                "approximate",
                "unit",
                "normalized_value",
                "normalized_unit",
            }
        for a in obj["attribution"]:
            assert set(a) == {"text", "name", "type", "role", "cue"}
        for p in obj["places"]:
            assert set(p) == {"text", "name", "country", "lat", "lon", "gazetteer_id"}


def test_export_csv_parquet_geojson(ledger, tmp_path):
    rows = list(csv.DictReader(io.StringIO(run("export", "--db", ledger, "--format", "csv").stdout)))
    assert rows and "claim_id" in rows[0] and "origin" in rows[0]
    # Admiralty grades: reliability F (not graded) and a computed credibility 1-6 on every row
    assert {r["reliability"] for r in rows} <= set("ABCDEF") and all(r["credibility"] for r in rows)
    assert {int(r["credibility"]) for r in rows} <= {1, 2, 3, 4, 5, 6}
    out = tmp_path / "claims.parquet"
    assert run("export", "--db", ledger, "--format", "parquet", "-o", str(out)).exit_code == 0
    import pyarrow.parquet as pq

    assert pq.read_table(out).num_rows == len(rows)
    geo = json.loads(run("export", "--db", ledger, "--format", "geojson").stdout)
    assert geo["type"] == "FeatureCollection" and geo["features"]
    lon, lat = geo["features"][0]["geometry"]["coordinates"]
    assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_show_marks_claims(ledger):
    first = json.loads(run("export", "--db", ledger, "--format", "jsonl").stdout.splitlines()[0])
    result = run("show", first["article_id"][:10], "--db", ledger)
    assert result.exit_code == 0
    assert "claims" in result.output
    assert run("show", "nosuchid", "--db", ledger).exit_code != 0


def test_annotate_contract(tmp_path):
    f = tmp_path / "a.txt"
    text = "  Some 300 marines landed near Odesa on Friday, the navy said.\n"
    f.write_text(text, encoding="utf-8")
    result = run("annotate", str(f), "--published", "2024-06-10", "--format", "jsonl")
    assert result.exit_code == 0
    obj = json.loads(result.stdout.splitlines()[0])
    assert list(obj) == [
        "path",
        "text_length",
        "published",
        "quantities",
        "times",
        "places",
        "actors",
        "attributions",
        "modality_cues",
    ]
    assert obj["text_length"] == len(text) and obj["published"] == "2024-06-10"
    q = next(q for q in obj["quantities"] if q["value"] == 300)
    assert text[q["start"] : q["end"]] == q["text"] and q["approximate"] is True
    t = next(t for t in obj["times"] if t["text"] == "Friday")
    assert t["value"] == "2024-06-07" and t["type"] == "DATE"


def test_annotate_bad_file_gives_error_object_and_goes_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Officials said 40 drones were launched overnight.", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = run("annotate", str(empty), str(good))
    assert result.exit_code == 1
    objs = [json.loads(line) for line in result.stdout.splitlines()]
    assert "error" in objs[0] and "empty" in objs[0]["error"].lower()
    assert "quantities" in objs[1]


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["ingest", "/no/such/path.txt"], "does not exist"),
        (["ingest", "EXAMPLE", "--published", "5 March"], "YYYY-MM-DD"),
        (["claims", "--event", "exploded"], "--event"),
        (["claims", "--country", "Korea"], "--country"),
        (["claims", "--format", "xml"], "--format"),
        (["claims", "--kind", "figure"], "--kind"),
        (["export", "--format", "xlsx"], "--format"),
        (["export", "--format", "parquet"], "--output"),
        (["claims", "--from", "yesterday"], "--from"),
    ],
)
def test_bad_options_exit_non_zero_with_a_message(args, needle, tmp_path):
    args = [str(EXAMPLES / "kursk-retelling.txt") if a == "EXAMPLE" else a for a in args]
    result = runner.invoke(app, [*args, "--db", str(tmp_path / "x.db")])
    assert result.exit_code != 0
    assert needle in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("kind", ["parent-is-a-file", "db-is-a-directory", "read-only-fs"])
def test_unwritable_db_is_refused_clearly(tmp_path, kind):
    # Tests run as root in CI, so file modes do not stop writes: use paths nobody can write.
    if kind == "parent-is-a-file":
        (tmp_path / "plain").write_text("x")
        target = str(tmp_path / "plain" / "ledger.db")
    elif kind == "db-is-a-directory":
        target = str(tmp_path)
    else:
        target = "/proc/claimtrail-ledger.db"
    result = runner.invoke(app, ["claims", "--db", target])
    assert result.exit_code != 0
    assert target in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) <= 2


def test_batch_with_bad_files_goes_on(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "bin.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR" + bytes(range(256)))
    (tmp_path / "ok.txt").write_text(
        "KYIV, June 3, 2024 — Ukraine said 12 drones were shot down overnight over the Odesa region.",
        encoding="utf-8",
    )
    db = str(tmp_path / "l.db")
    result = runner.invoke(app, ["ingest", str(tmp_path), "--db", db, "--quiet"])
    assert result.exit_code == 1  # something failed, but the good file is in
    assert "1 articles added" in result.output
    assert "empty" in result.output.lower() and "bin.txt" in result.output
    listed = runner.invoke(app, ["failures", "--db", db])
    assert "bin.txt" in listed.output
