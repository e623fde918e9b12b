"""Issue 8, the ledger/ingest side: one bad article never stops a batch, on SQLite and on the real
PostgreSQL service; file names that are not UTF-8; one failure row per input; the text identity rule;
a feed entry's broken link recorded against the link.

Every test ingests through ``claimtrail.run.ingest`` (the code path of ``claimtrail ingest``) into a
real ledger: an SQLite file, or a fresh schema on PostgreSQL at 127.0.0.1:5432 (skipped when it is
unreachable, see tests/store/conftest.py).
"""

from __future__ import annotations

import json
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimtrail.cli.main import app
from claimtrail.errors import LedgerError
from claimtrail.model import Article, Failure
from claimtrail.run import IngestReport, _Writer, ingest
from claimtrail.settings import Settings
from claimtrail.store.filters import ClaimFilter
from claimtrail.store.ledger import open_ledger

# Sentences written for these tests.
BORDER = (
    "The defence ministry said on Tuesday that about 2,000 soldiers had been moved to the northern "
    "border over the past week, citing satellite images reviewed by its analysts.\n"
)
MARKET = (
    "A spokesman for the regional governor told reporters that at least 40 civilians were wounded "
    "when shells struck a market in the town of Ostrovka on Monday evening.\n"
)
AID = (
    "Aid groups warned that the fighting could force another 15,000 people from their homes before "
    "the end of the month, and asked both sides to open a humanitarian corridor.\n"
)
DRONES = "Air defence units said they had shot down 31 of the 45 drones launched overnight at the capital.\n"
RUBBLE = "Rescue teams said on Sunday that 7 bodies had been recovered from the rubble of the school.\n"

SETTINGS = Settings()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def target(request, tmp_path):
    """An SQLite file in tmp_path, or a fresh PostgreSQL schema (as tests/store's target)."""
    if request.param == "sqlite":
        return str(tmp_path / "ledger.db")
    return request.getfixturevalue("pg_url")


def _jsonl(path: Path, *records: dict) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def _assert_offsets_exact(ledger) -> None:
    """Every claim's sentence is found at its offsets in the stored text."""
    for article in ledger.articles():
        for claim in ledger.claims(ClaimFilter(article_id=article.article_id)):
            assert article.text[claim.sentence_start : claim.sentence_start + len(claim.sentence)] == (
                claim.sentence
            )
            assert 0 <= claim.start < claim.end <= len(article.text)


# -- 1. one bad article never stops the batch (NUL bytes, a 20,000-character outlet) ----------------


def test_nul_bytes_and_a_huge_outlet_do_not_stop_the_batch(tmp_path, target):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(BORDER, encoding="utf-8")
    # A NUL after the first 8 KB passes the binary check (it only sniffs the head).
    (folder / "b_long.txt").write_text(MARKET * 60 + "Later\x00on, " + AID, encoding="utf-8")
    _jsonl(
        folder / "c.jsonl",
        {"text": DRONES.replace("drones", "drones\x00")},
        {"text": RUBBLE, "outlet": "x" * 20_000, "title": "Rubble\x00 report"},
        {"text": AID.replace("Aid", "Relief")},
    )
    with open_ledger(target) as ledger:
        report = ingest([str(folder)], ledger, settings=SETTINGS)
        assert report.failures == []
        assert report.articles_added == 5
        texts = {a.source_path.rsplit("/", 1)[-1]: a for a in ledger.articles()}
        assert set(texts) == {"a.txt", "b_long.txt", "c.jsonl:1", "c.jsonl:2", "c.jsonl:3"}
        # NUL became a space, one character for one: the text keeps its length.
        assert texts["b_long.txt"].text == MARKET * 60 + "Later on, " + AID
        assert texts["c.jsonl:1"].text == DRONES.replace("drones", "drones ")
        rubble = texts["c.jsonl:2"]
        assert rubble.outlet == "x" * 199 + "…" and len(rubble.outlet) == 200
        assert rubble.title == "Rubble report"
        assert ledger.failures() == []
        assert ledger.count_claims() > 0
        _assert_offsets_exact(ledger)


def test_a_refused_article_is_a_recorded_failure_and_the_writer_goes_on(target):
    """The writer turns the ledger's LedgerError for one article into a failure (any backend)."""
    dirty = Article(
        text="Ten\x00 people were hurt in the blast.", article_id="00000000000000aa", source_path="x"
    )
    clean = Article(text=BORDER, article_id="00000000000000bb", source_path="y.txt")
    with open_ledger(target) as ledger:
        with pytest.raises(LedgerError, match="NUL character"):
            ledger.add_article(dirty, [])
        with pytest.raises(LedgerError, match="outlet is 20,000 characters long"):
            ledger.add_article(Article(text=AID, article_id="00000000000000cc", outlet="y" * 20_000), [])
        report = IngestReport()
        writer = _Writer(ledger, report, None)
        writer.store(dirty, [])
        writer.store(clean, [])
        writer.close()
        assert report.articles_added == 1
        assert [f.source for f in report.failures] == ["x"]
        assert "could not be stored" in report.failures[0].reason
        assert [f.source for f in ledger.failures()] == ["x"]
        assert ledger.article_ids() == ["00000000000000bb"]


# -- 2. file names that are not valid UTF-8 -----------------------------------------------------


def test_file_name_that_is_not_utf8_is_ingested_and_the_folder_goes_on(tmp_path, target):
    folder = tmp_path / "names"
    folder.mkdir()
    root = os.fsencode(folder)
    for name, body in ((b"a.txt", BORDER), (b"b\xe9.txt", MARKET), (b"c.txt", AID), (b"e\xff.txt", "")):
        with open(os.path.join(root, name), "wb") as fh:
            fh.write(body.encode("utf-8"))
    with open_ledger(target) as ledger:
        report = ingest([str(folder)], ledger, settings=SETTINGS)
        assert report.articles_added == 3
        names = sorted(a.source_path.rsplit("/", 1)[-1] for a in ledger.articles())
        assert names == ["a.txt", "b\\xe9.txt", "c.txt"]  # the bad byte shown escaped
        (failure,) = ledger.failures()
        assert failure.source.endswith("/e\\xff.txt") and failure.reason == "is empty (0 bytes)"


def test_cli_ingest_of_a_folder_with_a_non_utf8_name(tmp_path):
    folder = tmp_path / "names"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"b\xe9.txt"), "wb") as fh:
        fh.write(MARKET.encode())
    (folder / "c.txt").write_text(AID, encoding="utf-8")
    db = str(tmp_path / "l.db")
    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", db, "--quiet", "--no-fusion"])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    with open_ledger(db) as ledger:
        assert ledger.count_articles() == 2


# -- 6. failures are one per input; a later success clears them ---------------------------------


def test_failures_do_not_pile_up_and_a_fixed_file_clears_its_failure(tmp_path, target):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(BORDER, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "short.txt").write_text("Too short.", encoding="utf-8")
    _jsonl(folder / "d.jsonl", {"text": MARKET}, {"title": "no text here"})
    with open_ledger(target) as ledger:
        for run in range(3):
            report = ingest([str(folder)], ledger, settings=SETTINGS)
            assert len(report.failures) == 3  # each run still reports what failed in it
            listed = ledger.failures()
            assert len(listed) == 3, listed  # was 3, 6, 9 rows
            assert {f.attempts for f in listed} == {run + 1}
        assert sorted(f.source.rsplit("/", 1)[-1] for f in listed) == ["d.jsonl:2", "empty.txt", "short.txt"]
        assert all(f.at is not None for f in listed)

        (folder / "short.txt").write_text(AID, encoding="utf-8")  # fixed
        _jsonl(folder / "d.jsonl", {"text": MARKET}, {"text": DRONES})  # fixed
        report = ingest([str(folder)], ledger, settings=SETTINGS)
        assert report.articles_added == 2
        (left,) = ledger.failures()
        assert left.source.endswith("empty.txt") and left.attempts == 4


def test_cli_failures_shows_one_line_per_input_with_its_attempts(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "story.txt").write_text(BORDER, encoding="utf-8")
    db = str(tmp_path / "l.db")
    for _ in range(2):
        result = CliRunner().invoke(app, ["ingest", str(folder), "--db", db, "--quiet", "--no-fusion"])
        assert result.exit_code == 1, result.output
    listed = CliRunner().invoke(app, ["failures", "--db", db])
    assert listed.exit_code == 0, listed.output
    lines = listed.output.strip().splitlines()
    assert lines[0] == "1 failures"
    assert lines[1].startswith(f"{folder / 'empty.txt'}: is empty (0 bytes) (2 attempts, latest ")


def test_cli_ingest_names_a_duplicate(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(MARKET, encoding="utf-8")
    db = str(tmp_path / "l.db")
    first = CliRunner().invoke(app, ["ingest", str(story), "--db", db, "--quiet", "--no-fusion"])
    assert first.exit_code == 0, first.output
    with open_ledger(db) as ledger:
        (stored_id,) = ledger.article_ids()
    again = CliRunner().invoke(
        app, ["ingest", str(story), "--url", "https://x.example/m", "--db", db, "--quiet", "--no-fusion"]
    )
    assert again.exit_code == 0, again.output
    assert f"skipped {story}: duplicate of {stored_id}" in again.output


# -- 8a. identity: the same text with and without a URL is one article ----------------------------


def test_same_text_with_and_without_url_is_stored_once(tmp_path, target):
    story = tmp_path / "story.txt"
    story.write_text(MARKET + AID, encoding="utf-8")
    copy = tmp_path / "copy.txt"
    copy.write_text("  " + (MARKET + AID).replace(" ", "  "), encoding="utf-8")  # re-spaced copy
    with open_ledger(target) as ledger:
        first = ingest([str(story)], ledger, settings=SETTINGS)
        assert first.articles_added == 1
        (stored_id,) = ledger.article_ids()
        again = ingest([str(story)], ledger, url="https://news.example.org/market", settings=SETTINGS)
        assert again.articles_added == 0 and again.articles_skipped == 1
        assert again.duplicates == [(str(story), stored_id)]
        copied = ingest([str(copy)], ledger, url="https://other.example.net/m", settings=SETTINGS)
        assert copied.duplicates == [(str(copy), stored_id)]
        assert ledger.count_articles() == 1


def test_duplicates_within_one_batch_are_stored_once(tmp_path, target):
    folder = tmp_path / "in"
    folder.mkdir()
    _jsonl(
        folder / "dump.jsonl",
        {"text": DRONES, "url": "https://a.example/1"},
        {"text": DRONES, "url": "https://b.example/2"},
        {"text": RUBBLE},
    )
    with open_ledger(target) as ledger:
        report = ingest([str(folder)], ledger, settings=SETTINGS)
        assert report.articles_added == 2
        (dup,) = report.duplicates
        assert dup[0].endswith("dump.jsonl:2")
        assert ledger.get_article(dup[1]).url == "https://a.example/1"


def test_duplicates_across_batches_of_one_run_are_stored_once(tmp_path, target):
    """With one article a batch, the second copy may be screened before the first is committed;
    the writer checks again, so the text is still stored once."""
    path = tmp_path / "dump.jsonl"
    _jsonl(path, *({"text": RUBBLE, "url": f"https://m{i}.example/r"} for i in range(4)))
    with open_ledger(target) as ledger:
        report = ingest([str(path)], ledger, settings=Settings(batch_size=1))
        assert report.articles_added == 1 and len(report.duplicates) == 3
        assert ledger.count_articles() == 1


# -- 8b. a feed entry whose link is broken is recorded against the link ---------------------------

FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title>
<item><title>Gone</title><link>{base}/gone</link></item>
<item><title>Here</title><link>{base}/here</link><description>{text}</description></item>
</channel></rss>"""


class _FeedHandler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep test output quiet
        pass

    def do_GET(self):  # noqa: N802 - http.server's naming
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if self.path == "/feed":
            body = FEED.format(base=base, text=RUBBLE.strip()).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        self.send_response(404)
        self.end_headers()


@pytest.fixture
def feed_server():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _FeedHandler)
    srv.daemon_threads = True
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


def test_feed_entry_with_a_404_link_is_recorded_against_the_link(feed_server, target):
    with open_ledger(target) as ledger:
        report = ingest([feed_server + "/feed"], ledger, settings=SETTINGS)
        assert report.articles_added == 1
        assert report.failures == [
            Failure(feed_server + "/gone", "the server answered HTTP 404 Not Found (a feed entry's link)")
        ]
        assert [f.source for f in ledger.failures()] == [feed_server + "/gone"]
