"""The pieces of the ingest line on their own: the kind of an input, bytes to text, and a feed whose
teaser entries are followed through the function its caller passes (no network in feed.py)."""

from __future__ import annotations

import pytest
from helpers import PARAGRAPHS

from claimtrail.errors import BinaryInputError, EmptyInputError, EncodingInputError
from claimtrail.ingest.decode import check_content, decode_text, human_size, text_from_bytes
from claimtrail.ingest.feed import iter_feed
from claimtrail.ingest.kinds import is_url, kind_of_name, sniff_kind
from claimtrail.model import Article, Failure


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("a.txt", "text"),
        ("notes.MD", "text"),
        ("page.htm", "html"),
        ("page.html.gz", "html"),
        ("dump.ndjson", "jsonl"),
        ("news.rss", "feed"),
        ("crawl.warc", "warc"),
        ("crawl.warc.gz", "warc"),
        ("report.pdf", None),
        ("archive.gz", None),
    ],
)
def test_kind_of_name(name: str, kind: str | None):
    assert kind_of_name(name) == kind


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"WARC/1.1\r\nWARC-Type: warcinfo\r\n", "warc"),
        (b'\xef\xbb\xbf<?xml version="1.0"?><rss version="2.0"><channel/></rss>', "feed"),
        (b"  <feed xmlns='http://www.w3.org/2005/Atom'></feed>", "feed"),
        (b"<!DOCTYPE html><html><body><p>Hello</p></body></html>", "html"),
        (b'{"text": "Officials said 40 people were hurt."}\n{"text": "x"}\n', "jsonl"),
        (b"{not json at all", "text"),
        (b"[1, 2, 3]", "text"),
        (b"Officials said 40 people were hurt.", "text"),
    ],
)
def test_sniff_kind(data: bytes, kind: str):
    assert sniff_kind(data) == kind


def test_is_url():
    assert is_url("HTTPS://example.org/a") and is_url("http://x")
    assert not is_url("ftp://example.org/a") and not is_url("http.txt")


def test_human_size():
    assert [human_size(n) for n in (1, 100, 1024, 1536, 20 * 1024**2, 150 * 1024**3 + 1)] == [
        "1 byte",
        "100 bytes",
        "1 KB",
        "1.5 KB",
        "20 MB",
        "150 GB",
    ]


def test_decode_honours_byte_order_marks_and_named_encodings():
    text = "Kyiv said 12 drones were downed."
    assert decode_text(b"\xef\xbb\xbf" + text.encode(), "x") == text
    assert decode_text(text.encode("utf-16"), "x") == text
    assert decode_text("café".encode("latin-1"), "x", encoding="latin-1") == "café"
    with pytest.raises(EncodingInputError, match=r"byte 0xE9 at offset 3"):
        decode_text("café".encode("latin-1"), "x")
    with pytest.raises(EncodingInputError, match="unknown encoding 'klingon'"):
        decode_text(b"abc", "x", encoding="klingon")


def test_text_and_content_checks():
    with pytest.raises(EmptyInputError, match="is empty"):
        text_from_bytes(b"", "x")
    with pytest.raises(EmptyInputError, match="only whitespace"):
        check_content(b" \n\t", "x")
    with pytest.raises(BinaryInputError, match="a PDF document"):
        check_content(b"%PDF-1.7 ...", "x")
    with pytest.raises(BinaryInputError, match="NUL bytes"):
        text_from_bytes(b"abc\x00def", "x")


def _feed(*entries: tuple[str, str]) -> bytes:
    items = "".join(
        f"<item><title>Entry {i}</title><link>{link}</link><description>{text}</description></item>"
        for i, (link, text) in enumerate(entries, 1)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>'.encode()


def test_feed_follows_teasers_through_the_given_function():
    full = Article(text=" ".join(PARAGRAPHS), url="https://example.org/full", fmt="html")
    followed: list[str] = []

    def follow(link: str) -> Article | Failure:
        followed.append(link)
        return full if link.endswith("/a") else Failure(link, "the server answered HTTP 404 Not Found")

    data = _feed(("https://example.org/a", "Short teaser."), ("https://example.org/b", ""))
    first, second = iter_feed(data, "feed.xml", follow=follow)
    assert followed == ["https://example.org/a", "https://example.org/b"]
    assert isinstance(first, Article) and first.text == full.text and first.fmt == "feed"
    assert first.outlet == "Wire" and first.title == "Entry 1" and first.source_path == "feed.xml"
    assert second == Failure("https://example.org/b", "the server answered HTTP 404 Not Found")


def test_feed_without_follow_keeps_the_teaser():
    (only,) = iter_feed(_feed(("https://example.org/a", "Short teaser.")), "feed.xml")
    assert isinstance(only, Article) and only.text == "Short teaser." and only.url == "https://example.org/a"
