from __future__ import annotations

import gzip
import json
import time
from datetime import date
from pathlib import Path

import pytest
from helpers import ARTICLE_TEXT, article_html

from claimtrail.errors import BinaryInputError, EmptyInputError, EncodingInputError, TooLargeInputError
from claimtrail.extract import temporal
from claimtrail.ingest import iter_inputs, read, read_text_file
from claimtrail.model import Article, Failure
from claimtrail.settings import Settings

FRENCH = (
    "Le ministère de la Défense a annoncé mardi que près de deux mille soldats avaient été "
    "déployés le long de la frontière nord au cours de la semaine dernière."
)


def _one(paths, **kw):
    out = list(iter_inputs([str(p) for p in paths], **kw))
    assert len(out) == 1, out
    return out[0]


def test_plain_text_read_as_is(tmp_path: Path):
    raw = "  Officials said 300 troops arrived.\r\nA second   line, with  spaces.\n"
    f = tmp_path / "a.txt"
    f.write_bytes(raw.encode("utf-8"))
    assert read_text_file(str(f)) == raw
    art = _one([f])
    assert isinstance(art, Article)
    assert art.text == raw
    assert art.fmt == "text" and art.source_path == str(f) and art.language == "en"
    assert art.url is None and art.published is None


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            "\ufeffTroops arrived on Monday, officials said.".encode(),
            "Troops arrived on Monday, officials said.",
        ),
        (
            "Troops arrived in Kyiv, officials said.".encode("utf-16"),
            "Troops arrived in Kyiv, officials said.",
        ),
    ],
)
def test_byte_order_marks(tmp_path: Path, data: bytes, expected: str):
    f = tmp_path / "bom.txt"
    f.write_bytes(data)
    assert read_text_file(str(f)) == expected


def test_invalid_utf8(tmp_path: Path):
    f = tmp_path / "latin.txt"
    f.write_bytes("Soldiers crossed the Dnipro near Kherson, the café owner said.".encode("latin-1"))
    with pytest.raises(EncodingInputError) as info:
        read_text_file(str(f))
    assert info.value.reason == "not valid UTF-8 (byte 0xE9 at offset 49); convert it to UTF-8"
    fail = _one([f])
    assert isinstance(fail, Failure) and fail.source == str(f)
    assert fail.reason.startswith("not valid UTF-8 (byte 0xE9 at offset 49)")
    # An explicit encoding is honoured.
    assert "café" in read_text_file(str(f), encoding="latin-1")
    art = _one([f], encoding="latin-1")
    assert isinstance(art, Article) and "café owner" in art.text


def test_empty_and_whitespace(tmp_path: Path):
    (tmp_path / "e.txt").write_bytes(b"")
    (tmp_path / "w.md").write_bytes(b" \n\t\r\n ")
    with pytest.raises(EmptyInputError):
        read_text_file(str(tmp_path / "e.txt"))
    out = list(iter_inputs([str(tmp_path / "e.txt"), str(tmp_path / "w.md")]))
    assert [type(x) for x in out] == [Failure, Failure]
    assert out[0].reason == "is empty (0 bytes)"
    assert out[1].reason == "contains only whitespace"


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"PK\x03\x04\x14\x00", "zip"),
        (b"some text\x00\x01\x02 more", "NUL"),
    ],
)
def test_binary_files(tmp_path: Path, head: bytes, kind: str):
    f = tmp_path / "x.txt"
    f.write_bytes(head + b"rest of the file" * 10)
    with pytest.raises(BinaryInputError) as info:
        read_text_file(str(f))
    assert kind in info.value.reason
    fail = _one([f])
    assert isinstance(fail, Failure) and kind in fail.reason


def test_huge_file_refused_without_reading(tmp_path: Path):
    f = tmp_path / "huge.txt"
    with open(f, "wb") as fh:  # 50 MB, sparse: nothing is written but the size
        fh.truncate(50 * 1024 * 1024)
    started = time.perf_counter()
    with pytest.raises(TooLargeInputError) as info:
        read_text_file(str(f))
    assert "50 MB" in info.value.reason and "20 MB limit" in info.value.reason
    fail = _one([f])
    assert isinstance(fail, Failure) and "over the 20 MB limit" in fail.reason
    assert time.perf_counter() - started < 1.0
    small = Settings(max_bytes=1000)
    g = tmp_path / "g.txt"
    g.write_text("Troops arrived. " * 100)
    assert "limit" in _one([g], settings=small).reason


def test_gzip_too_large_when_decompressed(tmp_path: Path):
    f = tmp_path / "page.html.gz"
    f.write_bytes(gzip.compress(b"<p>" + b"a" * 5000 + b"</p>"))
    fail = _one([f], settings=Settings(max_bytes=1000))
    assert isinstance(fail, Failure) and "decompresses to more than" in fail.reason


def test_html_file_and_gz(tmp_path: Path):
    (tmp_path / "story.html").write_text(article_html(), encoding="utf-8")
    (tmp_path / "story2.html.gz").write_bytes(gzip.compress(article_html(date="2024-12-02").encode()))
    a, b = list(iter_inputs([str(tmp_path / "story.html"), str(tmp_path / "story2.html.gz")]))
    assert a.fmt == b.fmt == "html"
    assert a.published == date(2024, 11, 19) and not a.published_inferred
    assert b.published == date(2024, 12, 2)
    assert "15,000 people" in a.text and a.title == "Troops massed at the northern border"


def test_overrides_for_single_files(tmp_path: Path):
    f = tmp_path / "story.html"
    f.write_text(article_html(), encoding="utf-8")
    art = _one([f], published=date(2025, 3, 5), url="https://news.example/x", outlet="Example News")
    assert art.published == date(2025, 3, 5)
    assert art.url == "https://news.example/x" and art.outlet == "Example News"
    assert art.article_id == _one([f], url="http://www.news.example/x/").article_id


def test_reading_twice_gives_same_ids(tmp_path: Path):
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE_TEXT)
    assert _one([f]).article_id == _one([f]).article_id


def test_missing_path_and_empty_directory(tmp_path: Path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "photo.bin").write_bytes(b"\x00\x01")
    (tmp_path / "d" / ".hidden.txt").write_text(ARTICLE_TEXT)
    out = list(iter_inputs([str(tmp_path / "missing.txt"), str(tmp_path / "d")]))
    assert out[0] == Failure(str(tmp_path / "missing.txt"), "does not exist; check the path")
    assert out[1].source == str(tmp_path / "d") and out[1].reason.startswith("has no readable files")


def test_directory_is_recursive_sorted_and_skips_hidden(tmp_path: Path):
    d = tmp_path / "news"
    (d / "b_sub").mkdir(parents=True)
    (d / ".git").mkdir()
    (d / "c.txt").write_text("Officials said 30 soldiers were wounded on Friday near the border.")
    (d / "a.md").write_text("Officials said 10 soldiers were killed on Monday near the border.")
    (d / "b_sub" / "x.txt").write_text("Officials said 20 soldiers were captured on Sunday near the border.")
    (d / ".git" / "y.txt").write_text("Officials said 99 soldiers were seen on Sunday near the border.")
    (d / ".draft.txt").write_text("Officials said 98 soldiers were seen on Sunday near the border.")
    (d / "notes.docx").write_bytes(b"PK\x03\x04")
    (d / "empty.txt").write_text("")
    out = list(iter_inputs([str(d)]))
    assert [x.source_path if isinstance(x, Article) else x.source for x in out] == [
        str(d / "a.md"),
        str(d / "b_sub" / "x.txt"),
        str(d / "c.txt"),
        str(d / "empty.txt"),
    ]
    assert isinstance(out[3], Failure)


def test_directory_is_streamed(tmp_path: Path, monkeypatch):
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(f"Officials said {i + 10} soldiers were wounded on Friday.")
    opened: list[str] = []
    real = read.read_bytes

    def spy(path, settings=None):
        opened.append(path)
        return real(path, settings)

    monkeypatch.setattr(read, "read_bytes", spy)
    gen = iter_inputs([str(tmp_path)])
    next(gen)
    assert len(opened) == 1


def test_jsonl_good_and_bad_lines(tmp_path: Path):
    lines = [
        json.dumps(
            {
                "text": "The army said 300 soldiers were wounded on Monday.",
                "url": "https://x.example/1",
                "title": "Wounded",
                "published": "2024-05-01",
                "outlet": "X News",
            }
        ),
        "{not json",
        json.dumps({"title": "no body"}),
        "",
        json.dumps(["a", "list"]),
        json.dumps({"html": article_html(), "url": "https://ledger.example/border"}),
        json.dumps({"text": "The army said 5 drones were shot down.", "published": "last week"}),
    ]
    f = tmp_path / "dump.jsonl"
    f.write_text("\n".join(lines) + "\n")
    out = list(iter_inputs([str(f)]))
    assert len(out) == 6
    a = out[0]
    assert isinstance(a, Article) and a.fmt == "jsonl"
    assert (a.url, a.title, a.outlet, a.published) == (
        "https://x.example/1",
        "Wounded",
        "X News",
        date(2024, 5, 1),
    )
    assert a.source_path == f"{f}:1"
    assert out[1] == Failure(
        f"{f}:2", "line 2 is not valid JSON (Expecting property name enclosed in double quotes at column 2)"
    )
    assert out[2] == Failure(f"{f}:3", 'line 3 has no "text" or "html" field')
    assert out[3] == Failure(f"{f}:5", "line 5 is not a JSON object")
    assert isinstance(out[4], Article) and "2,000 soldiers" in out[4].text and out[4].fmt == "jsonl"
    assert out[4].published == date(2024, 11, 19)
    assert out[5].source == f"{f}:7" and "is not a date" in out[5].reason


def test_jsonl_overlong_line_is_skipped(tmp_path: Path):
    f = tmp_path / "dump.ndjson"
    big = json.dumps({"text": "x " * 3000})
    ok = json.dumps({"text": "The navy said two ships were damaged in the strike."})
    f.write_text(big + "\n" + ok + "\n")
    out = list(iter_inputs([str(f)], settings=Settings(max_bytes=1000)))
    assert isinstance(out[0], Failure) and out[0].source == f"{f}:1" and "limit" in out[0].reason
    assert isinstance(out[1], Article) and out[1].text.startswith("The navy said")


def test_non_english(tmp_path: Path):
    f = tmp_path / "fr.txt"
    f.write_text(FRENCH)
    fail = _one([f])
    assert fail == Failure(str(f), "language is fr, not English; claimtrail reads English only")
    art = _one([f], settings=Settings(english_only=False))
    assert isinstance(art, Article) and art.language == "fr"


def test_published_inferred_from_text(tmp_path: Path, monkeypatch):
    f = tmp_path / "a.txt"
    f.write_text("On March 3, 2025 officials said 1,500 troops had arrived in the region.")
    monkeypatch.setattr(temporal, "latest_full_date", lambda text: date(2025, 3, 3))
    art = _one([f])
    assert art.published == date(2025, 3, 3) and art.published_inferred is True
    given = _one([f], published=date(2025, 3, 9))
    assert given.published == date(2025, 3, 9) and given.published_inferred is False


def test_published_inference_failure_is_harmless(tmp_path: Path, monkeypatch):
    f = tmp_path / "a.txt"
    f.write_text("On March 3, 2025 officials said 1,500 troops had arrived in the region.")

    def broken(text):
        raise RuntimeError("boom")

    monkeypatch.setattr(temporal, "latest_full_date", broken)
    art = _one([f])
    assert art.published is None and art.published_inferred is False


def test_stdin(monkeypatch):
    import io
    import sys

    class FakeStdin:
        buffer = io.BytesIO(b"Officials said 40 civilians were wounded on Monday in the town.")

    monkeypatch.setattr(sys, "stdin", FakeStdin())
    art = _one(["-"], url="https://x.example/stdin-story")
    assert (
        isinstance(art, Article)
        and art.source_path == "<stdin>"
        and art.url == "https://x.example/stdin-story"
    )
    FakeStdin.buffer = io.BytesIO(b"")
    assert _one(["-"]) == Failure("<stdin>", "is empty")


def test_unknown_extension_is_sniffed(tmp_path: Path):
    (tmp_path / "story").write_text(article_html())
    (tmp_path / "blob").write_bytes(b"\x7fELF\x02\x01\x01" + b"\x00" * 50)
    a, b = list(iter_inputs([str(tmp_path / "story"), str(tmp_path / "blob")]))
    assert isinstance(a, Article) and a.fmt == "html"
    assert isinstance(b, Failure) and "program" in b.reason


def test_never_raises_on_garbage(tmp_path: Path):
    names = {
        "a.html": b"<<<>>><html><<p>>",
        "b.xml": b"<?xml version='1.0'?><root><item>1</item></root>",
        "c.warc": b"this is not a warc file at all",
        "d.jsonl": b"\xff\xfe\x00garbage",
        "e.html.gz": b"not gzip",
        "f.rss": b"",
    }
    for name, data in names.items():
        (tmp_path / name).write_bytes(data)
    out = list(iter_inputs([str(tmp_path / n) for n in names]))
    assert all(isinstance(x, Failure) for x in out), out
    assert len(out) == len(names)
    for x in out:
        assert "\n" not in x.reason and x.reason


def test_no_stdin(monkeypatch):
    import sys

    monkeypatch.setattr(sys, "stdin", None)
    assert _one(["-"]) == Failure("<stdin>", "is not available (no standard input)")


def test_jsonl_dates_in_written_form(tmp_path: Path):
    f = tmp_path / "d.jsonl"
    rows = [
        {
            "text": "The army said 300 soldiers were wounded on Monday.",
            "published": "Wed, 01 May 2024 10:00:00 GMT",
        },
        {"text": "The army said 200 soldiers were wounded on Monday.", "published": "May 1"},
    ]
    f.write_text("\n".join(json.dumps(r) for r in rows))
    a, b = list(iter_inputs([str(f)]))
    assert a.published == date(2024, 5, 1) and a.published_inferred is False
    assert b == Failure(f"{f}:2", "line 2: published 'May 1' is not a date (use YYYY-MM-DD)")
