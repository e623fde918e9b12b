"""Issue 8 on the CLI side: user strings print literally (never as Rich markup), bad settings and
URLs give one line, exports are atomic and survive a full disk, reading commands refuse a ledger
that does not exist, and anything unexpected is one line naming the command."""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from claimtrail.cli.main import app

runner = CliRunner()

OUTLET = "Wire [/x] Service"
TITLE = "Drones [/sic] down [entry 1]"
# Sentences of our own; the bracketed bits are what Rich would read as tags.
TEXT = (
    "KYIV, June 3, 2024 - Ukraine's air force [/sic] said 12 drones were shot down overnight near "
    "Odesa, and [the brigade] reported [entry 1] no losses.\n"
)
MISSING_FILE = "no[/x]such.txt"
CLI = [sys.executable, "-m", "claimtrail.cli.main"]


def run(*args: str, **kwargs):
    return runner.invoke(app, list(args), **kwargs)


@pytest.fixture(autouse=True)
def wide_console(monkeypatch):
    """A wide terminal, so table cells do not wrap and text can be compared whole."""
    from claimtrail.cli import common

    monkeypatch.setattr(common.out, "_width", 400)


def one_line_error(result) -> str:
    """The output of a failed command, checked to be one line with no traceback."""
    text = result.output.strip()
    assert result.exit_code != 0, text
    assert "Traceback" not in text and len(text.splitlines()) == 1, text
    return text


@pytest.fixture(scope="module")
def markup_ledger(tmp_path_factory) -> str:
    """A ledger with an article whose text, title and outlet hold markup-like brackets, and one
    failure for a path with a closing tag in its name."""
    folder = tmp_path_factory.mktemp("markup")
    record = {"text": TEXT, "title": TITLE, "outlet": OUTLET, "published": "2024-06-03"}
    feed = folder / "one.jsonl"
    feed.write_text(json.dumps(record) + "\n", encoding="utf-8")
    db = str(folder / "ledger.db")
    result = run("ingest", str(feed), "--db", db, "--quiet")
    assert result.exit_code == 0, result.output
    failed = run("ingest", str(folder / MISSING_FILE), "--db", db, "--quiet")
    assert failed.exit_code == 1 and "Traceback" not in failed.output
    assert f"failed {folder / MISSING_FILE}: does not exist" in failed.output
    return db


def article_id(db: str) -> str:
    return json.loads(run("export", "--db", db).stdout.splitlines()[0])["article_id"]


# -- 3. markup -------------------------------------------------------------------------------------


def test_failures_lists_a_path_with_a_closing_tag(markup_ledger):
    result = run("failures", "--db", markup_ledger)
    assert result.exit_code == 0, result.output
    assert "1 failures" in result.output and f"{MISSING_FILE}: does not exist" in result.output


def test_articles_shows_outlet_and_title_literally(markup_ledger):
    result = run("articles", "--db", markup_ledger)
    assert result.exit_code == 0, result.output
    flat = " ".join(result.output.split())  # table cells may wrap
    assert OUTLET in flat
    for word in ("[/sic]", "[entry", "1]"):
        assert word in flat


def test_sources_list_shows_the_outlet_literally(markup_ledger):
    result = run("sources", "list", "--db", markup_ledger)
    assert result.exit_code == 0, result.output
    assert OUTLET in " ".join(result.output.split())


def test_show_prints_text_and_title_literally(markup_ledger):
    result = run("show", article_id(markup_ledger)[:12], "--db", markup_ledger)
    assert result.exit_code == 0, result.output
    flat = " ".join(result.output.split())
    assert " ".join(TEXT.split()) in flat
    assert TITLE in flat and OUTLET in flat


def test_search_prints_snippets_and_query_literally(markup_ledger):
    result = run("search", "drones [entry 1]", "--db", markup_ledger)
    assert result.exit_code == 0, result.output
    flat = " ".join(result.output.split())
    assert "'drones [entry 1]'" in flat
    assert "[/sic]" in flat and "[the brigade]" in flat


def test_claims_table_keeps_brackets(markup_ledger):
    result = run("claims", "--db", markup_ledger)
    assert result.exit_code == 0, result.output
    rows = json.loads(run("claims", "--db", markup_ledger, "--format", "json").stdout)
    assert rows and any("12" in (r["quantity"] or {}).get("text", "") for r in rows)


def test_error_messages_are_printed_literally(markup_ledger):
    text = one_line_error(run("show", "no[/x]id[bold]", "--db", markup_ledger))
    assert "article 'no[/x]id[bold]': no article has this id" in text


def test_ingest_of_a_missing_markup_path_is_a_one_line_failure(tmp_path):
    result = run("ingest", str(tmp_path / MISSING_FILE), "--db", str(tmp_path / "l.db"), "--quiet")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"{tmp_path / MISSING_FILE}: does not exist" in result.output
    assert "0 articles added (0 claims), 0 unchanged, 1 failed" in result.output


# -- 5. one-line messages: URLs, settings, full disk ------------------------------------------------


@pytest.mark.parametrize(
    ("url", "needle"),
    [
        ("postgresql://postgres:hunter2@127.0.0.1:notaport/x", "the port is not a number"),
        ("postgresql+psycopg://::::", "not a valid database URL"),
        ("postgresql://postgres@127.0.0.1:99999/x", "port 99999 is not between 1 and 65535"),
    ],
)
def test_bad_database_urls_are_one_line(url, needle):
    text = one_line_error(run("claims", "--db", url))
    assert needle in text and "cannot open ledger" in text
    assert "hunter2" not in text


@pytest.mark.parametrize(
    ("value", "needle"),
    [("abc", "'abc' is not a whole number of bytes"), ("0", "positive"), ("-5", "positive")],
)
def test_bad_max_bytes_names_the_variable(value, needle, tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMTRAIL_MAX_BYTES", value)
    text = one_line_error(run("ingest", str(tmp_path / "a.txt"), "--db", str(tmp_path / "l.db")))
    assert "CLAIMTRAIL_MAX_BYTES" in text and needle in text
    assert not (tmp_path / "l.db").exists()


def test_good_max_bytes_is_read(monkeypatch):
    from claimtrail.settings import load_settings

    monkeypatch.setenv("CLAIMTRAIL_MAX_BYTES", " 4096 ")
    assert load_settings().max_bytes == 4096


def full_device() -> str:
    if not Path("/dev/full").is_char_device():
        pytest.skip("/dev/full is not available")
    return "/dev/full"


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "geojson"])
def test_export_to_a_full_stdout_is_one_line(markup_ledger, fmt):
    with open(full_device(), "w") as full:
        proc = subprocess.run(
            [*CLI, "export", "--db", markup_ledger, "--format", fmt],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    assert proc.returncode == 1
    assert proc.stderr.strip() == "error: standard output: cannot write the export: No space left on device"


@pytest.mark.parametrize("command", [["claims"], ["articles"], ["track", "--format", "json"]])
def test_read_commands_on_a_full_stdout_are_one_line(markup_ledger, command):
    with open(full_device(), "w") as full:
        proc = subprocess.run(
            [*CLI, *command, "--db", markup_ledger],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"error: {command[0]}: cannot write the output: No space left on device"


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_export_to_a_full_device_fails_and_leaves_the_device(markup_ledger, fmt):
    device = full_device()
    text = one_line_error(run("export", "--db", markup_ledger, "--format", fmt, "-o", device))
    assert text.startswith(f"error: {device}: cannot write the export:") and "No space left" in text
    # pyarrow deletes a path it failed to write: the device itself must still be there
    assert Path(device).is_char_device()


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def fail_midway(monkeypatch, name: str) -> None:
    """Make ``claimtrail.export.<name>`` write a little, then hit a full disk."""
    import claimtrail.export as export_module

    def writer(claims, out, *args, **kwargs):
        out.write("partial line\n")
        out.flush()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(export_module, name, writer)


@pytest.mark.parametrize(("fmt", "writer"), [("jsonl", "write_jsonl"), ("csv", "write_csv")])
@pytest.mark.parametrize("existing", [False, True])
def test_export_failing_midway_leaves_no_partial_file(
    markup_ledger, tmp_path, monkeypatch, fmt, writer, existing
):
    target = tmp_path / f"claims.{fmt}"
    if existing:
        target.write_text("the previous export\n")
    fail_midway(monkeypatch, writer)
    text = one_line_error(run("export", "--db", markup_ledger, "--format", fmt, "-o", str(target)))
    assert f"{target}: cannot write the export: No space left on device" in text
    assert leftovers(tmp_path) == []
    if existing:
        assert target.read_text() == "the previous export\n"
    else:
        assert not target.exists()


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "geojson", "parquet"])
def test_export_failing_at_fsync_leaves_no_partial_file(markup_ledger, tmp_path, monkeypatch, fmt):
    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", no_space)
    target = tmp_path / f"claims.{fmt}"
    text = one_line_error(run("export", "--db", markup_ledger, "--format", fmt, "-o", str(target)))
    assert "No space left on device" in text
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "geojson", "parquet"])
def test_export_replaces_a_file_whole_with_the_usual_mode(markup_ledger, tmp_path, fmt):
    target = tmp_path / f"claims.{fmt}"
    target.write_text("old")
    result = run("export", "--db", markup_ledger, "--format", fmt, "-o", str(target))
    assert result.exit_code == 0, result.output
    assert leftovers(tmp_path) == [] and target.read_bytes() != b"old"
    if fmt == "parquet":
        import pyarrow.parquet as pq

        assert pq.read_table(target).num_rows >= 1
    elif fmt == "geojson":
        assert json.loads(target.read_text())["type"] == "FeatureCollection"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


def test_an_interrupted_export_removes_its_temporary_file(tmp_path):
    from claimtrail.export import export_to_file

    def claims():
        raise KeyboardInterrupt
        yield  # pragma: no cover

    with pytest.raises(KeyboardInterrupt):
        export_to_file(claims(), "jsonl", tmp_path / "out.jsonl")
    assert list(tmp_path.iterdir()) == []


def test_export_to_a_folder_is_refused(markup_ledger, tmp_path):
    text = one_line_error(run("export", "--db", markup_ledger, "-o", str(tmp_path)))
    assert "is a folder" in text


def test_unexpected_errors_are_one_line_naming_the_command(markup_ledger, monkeypatch):
    from claimtrail.store.ledger import Ledger

    def broken(self):
        raise RuntimeError("boom [/x]\nsecond line")

    monkeypatch.setattr(Ledger, "articles", broken)
    text = one_line_error(run("articles", "--db", markup_ledger))
    assert text == (
        "error: internal error in articles: RuntimeError: boom [/x] second line "
        "(run with CLAIMTRAIL_DEBUG=1 for the traceback)"
    )
    monkeypatch.setenv("CLAIMTRAIL_DEBUG", "1")
    debug = run("articles", "--db", markup_ledger)
    assert isinstance(debug.exception, RuntimeError)


# -- 8c. reading commands refuse a ledger that does not exist ---------------------------------------

READ_COMMANDS = [
    ["claims"],
    ["show", "abc"],
    ["articles"],
    ["search", "drones"],
    ["failures"],
    ["export"],
    ["export", "--format", "csv"],
    ["track"],
    ["origins"],
    ["contradictions"],
    ["checks"],
    ["sources", "list"],
    ["sources", "grade", "Somebody", "B"],
    ["serve"],
]


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: "-".join(c))
def test_read_commands_refuse_a_missing_ledger(tmp_path, command):
    missing = tmp_path / "nosuch.db"
    text = one_line_error(run(*command, "--db", str(missing)))
    assert f"ledger {missing} does not exist" in text and "claimtrail ingest" in text
    assert list(tmp_path.iterdir()) == []


def test_read_commands_refuse_an_empty_file_and_a_foreign_database(tmp_path):
    empty = tmp_path / "empty.db"
    empty.touch()
    assert "is an empty file, not a ledger" in one_line_error(run("claims", "--db", str(empty)))
    assert empty.stat().st_size == 0
    foreign = tmp_path / "other.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
    text = one_line_error(run("articles", "--db", str(foreign)))
    assert "is an SQLite database but not a claimtrail ledger" in text
    with sqlite3.connect(foreign) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        assert tables == ["notes"]
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


@pytest.mark.postgres
def test_read_commands_refuse_an_empty_postgresql_database(pg_url):  # noqa: F811
    from claimtrail.store.ledger import open_ledger

    text = one_line_error(run("articles", "--db", pg_url))
    assert "holds no claimtrail ledger" in text
    with open_ledger(pg_url):  # what ingest does: create it
        pass
    listed = run("articles", "--db", pg_url)
    assert listed.exit_code == 0 and "0 articles" in listed.output


def test_open_ledger_create_flag(tmp_path):
    from claimtrail.errors import LedgerError
    from claimtrail.store.ledger import open_ledger

    target = tmp_path / "new.db"
    with pytest.raises(LedgerError, match="does not exist"):
        open_ledger(target, create=False)
    assert not target.exists()
    with open_ledger(target):
        pass
    with open_ledger(target, create=False) as ledger:
        assert ledger.count_articles() == 0


def test_a_ledger_path_with_query_characters_opens_that_file(tmp_path):
    from claimtrail.store.ledger import open_ledger

    target = tmp_path / "odd [x] dir?#%20" / "ledger?v=1#top.db"
    target.parent.mkdir()
    with open_ledger(target):
        pass
    assert target.is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["odd [x] dir?#%20"]  # no stray "odd [x] dir"
    listed = run("articles", "--db", str(target))
    assert listed.exit_code == 0 and "0 articles" in listed.output


markup_text = st.text(alphabet=st.sampled_from("[]/\\ab =#@:{}"), min_size=1, max_size=30).filter(str.strip)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=markup_text)
def test_styled_and_the_consoles_print_any_string_literally(value):
    from rich.table import Table

    from claimtrail.cli.common import out, styled

    assert styled("[red]failed[/] {source}: x", source=value).plain == f"failed {value}: x"
    assert styled("{n:bold} added", n=value).plain == f"{value} added"
    table = Table(title=value)
    table.add_column(value)
    table.add_row(value)
    with out.capture() as captured:
        out.print(value, table)
    assert captured.get().count(value.strip()) >= 4  # the line, the title, the header, the cell


def test_every_command_reports_errors_and_prints_through_the_literal_consoles():
    """A new command cannot forget: each is wrapped by reports_errors, and no CLI module makes its
    own console or turns markup back on."""
    from claimtrail.cli.main import app as main_app
    from claimtrail.cli.track_cmd import sources_app

    commands = [c.callback for c in main_app.registered_commands + sources_app.registered_commands]
    unwrapped = [f.__name__ for f in commands if not hasattr(f, "__wrapped__")]
    assert len(commands) >= 15 and unwrapped == []
    cli = Path(__file__).resolve().parents[1] / "src" / "claimtrail" / "cli"
    for module in cli.glob("*.py"):
        source = module.read_text(encoding="utf-8")
        assert "markup=True" not in source, module.name
        if module.name != "common.py":
            assert "Console(" not in source, module.name
