"""`claimtrail watch` on the command line: one round against 127.0.0.1, and bad input -> one line, exit 2."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from claimtrail.cli.main import app

from .pages import feed, item

runner = CliRunner()


def test_once_prints_the_digest_as_text_then_json(site, tmp_path):
    site.pages["/feed"] = feed(item(1))
    db = str(tmp_path / "w.db")
    listing = tmp_path / "feeds.txt"
    listing.write_text(f"# the desk's feeds\n\n{site.base}/feed  # border news\n")
    first = runner.invoke(app, ["watch", str(listing), "--once", "--db", db, "--every", "30s"])
    assert first.exit_code == 0, first.output
    assert (
        "1 URL polled (1 changed)" in first.output and "new article: Story 1 (Border Watch)" in first.output
    )
    second = runner.invoke(app, ["watch", str(listing), "--once", "--db", db, "--format", "json"])
    assert second.exit_code == 0, second.output
    body = json.loads(second.output)
    assert body["polls"] == [{"url": site.base + "/feed", "status": "unchanged", "added": 0, "error": None}]
    assert body["digest"]["new_articles"] == [] and body["digest"]["since"].endswith("Z")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["http://127.0.0.1:9/feed", "--every", "fortnight"], "--every: 'fortnight' is not an interval"),
        (["http://127.0.0.1:9/feed", "--every", "0m"], "is not an interval such as 30s"),
        (["no-such-list.txt"], "no-such-list.txt: is neither an http(s) URL nor a file listing URLs"),
        (["http://127.0.0.1:9/feed", "--format", "xml"], "--format: 'xml' is not one of text, json"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, args, message):
    result = runner.invoke(app, ["watch", *args, "--once", "--db", str(tmp_path / "w.db")])
    assert result.exit_code == 2
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_a_line_that_is_no_url_is_named(tmp_path):
    listing = tmp_path / "feeds.txt"
    listing.write_text("https://example.org/a.rss\nftp://example.org/b\n")
    result = runner.invoke(app, ["watch", str(listing), "--once", "--db", str(tmp_path / "w.db")])
    assert result.exit_code == 2
    assert f"{listing}:2: 'ftp://example.org/b' is not an http(s) URL" in result.output
    assert len(result.output.strip().splitlines()) == 1
