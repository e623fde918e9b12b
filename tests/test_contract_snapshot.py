"""The three contracts of PRODUCT.md (claims.jsonl, annotate, track) on the example corpus, compared
byte for byte with a snapshot committed before the typed-model refactor (issue 9).

A change to any of them must be deliberate: rerun with ``CLAIMTRAIL_UPDATE_SNAPSHOTS=1`` and commit
the new files together with the change that explains them. To look at a change first, set
``CLAIMTRAIL_SNAPSHOT_OUT=DIR``: the outputs are written there (not compared) for a ``diff``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimtrail.cli.main import app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "kursk"
SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
UPDATE = os.environ.get("CLAIMTRAIL_UPDATE_SNAPSHOTS") == "1"
OUT = os.environ.get("CLAIMTRAIL_SNAPSHOT_OUT")
runner = CliRunner()


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def _annotate_inputs() -> list[str]:
    files = sorted(EXAMPLES.glob("txt/*.txt")) + [EXAMPLES / "kursk-retelling.txt"]
    files += sorted(EXAMPLES.glob("html/*.html"))
    # Relative paths: the snapshot must not depend on where the checkout lives.
    return [str(f.relative_to(ROOT)) for f in files]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, str]:
    db = str(tmp_path_factory.mktemp("snapshot") / "ledger.db")
    _run("ingest", str(EXAMPLES), "--db", db, "--quiet")
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        annotated = _run("annotate", *_annotate_inputs(), "--format", "jsonl")
    finally:
        os.chdir(cwd)
    return {
        "claims.jsonl": _run("export", "--db", db, "--format", "jsonl"),
        "track.json": _run("track", "--db", db, "--format", "json"),
        "annotate.jsonl": annotated,
    }


@pytest.mark.parametrize("name", ["claims.jsonl", "track.json", "annotate.jsonl"])
def test_contract_output_matches_snapshot(outputs, name):
    path = SNAPSHOTS / name
    if OUT:
        Path(OUT).mkdir(parents=True, exist_ok=True)
        (Path(OUT) / name).write_text(outputs[name], encoding="utf-8")
        pytest.skip(f"written to {OUT}/{name} for a diff, not compared")
    if UPDATE:
        path.write_text(outputs[name], encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    got = outputs[name]
    if got != expected:
        got_lines, want_lines = got.splitlines(), expected.splitlines()
        first = next(
            (i for i, (a, b) in enumerate(zip(got_lines, want_lines, strict=False)) if a != b),
            min(len(got_lines), len(want_lines)),
        )
        pytest.fail(
            f"{name} differs from the snapshot at line {first + 1} "
            f"({len(got_lines)} lines, snapshot {len(want_lines)}):\n"
            f"got:  {got_lines[first][:400] if first < len(got_lines) else '<end>'}\n"
            f"want: {want_lines[first][:400] if first < len(want_lines) else '<end>'}"
        )
