"""`claimtrail annotate --exclude NAME`: a component left out gives an empty list; a bad name is one
line and exit 2."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from claimtrail.cli.main import app

runner = CliRunner()
TEXT = "About 300 marines landed near Odesa on Friday, the navy said.\n"


def annotate(tmp_path, *options: str):
    f = tmp_path / "a.txt"
    f.write_text(TEXT, encoding="utf-8")
    return runner.invoke(
        app, ["annotate", str(f), "--published", "2024-06-10", *options], catch_exceptions=False
    )


@pytest.mark.parametrize("name", ["places", "claimtrail_places"])
def test_excluded_places_give_an_empty_list_and_the_rest_is_found(tmp_path, name):
    result = annotate(tmp_path, "--exclude", name)
    assert result.exit_code == 0, result.output
    obj = json.loads(result.stdout)
    assert obj["places"] == []
    assert [q["text"] for q in obj["quantities"]] == ["300"]
    assert [t["value"] for t in obj["times"]] == ["2024-06-07"]


def test_exclude_is_repeatable(tmp_path):
    full = json.loads(annotate(tmp_path).stdout)
    assert full["places"] and full["times"]
    result = annotate(tmp_path, "--exclude", "places", "--exclude", "times")
    assert result.exit_code == 0, result.output
    obj = json.loads(result.stdout)
    assert obj["places"] == [] and obj["times"] == []
    assert [q["text"] for q in obj["quantities"]] == ["300"]


def test_unknown_component_is_one_line_and_exit_2(tmp_path):
    result = annotate(tmp_path, "--exclude", "weather")
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert "--exclude" in lines[0] and "'weather'" in lines[0]
    assert "known: times, quantities, places, actors, events, attribution, modality" in lines[0]
    assert "Traceback" not in result.output
