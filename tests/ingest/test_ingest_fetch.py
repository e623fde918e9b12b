from __future__ import annotations

import io
import socket
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from helpers import PARAGRAPHS, article_html

from claimtrail.ingest import iter_inputs
from claimtrail.model import Article, Failure
from claimtrail.settings import Settings

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Frontline Wire</title><link>{base}/</link><description>News</description>
<item><title>Border build-up</title><link>{base}/story</link>
<pubDate>Tue, 19 Nov 2024 08:30:00 GMT</pubDate>
<description>The ministry says 2,000 soldiers moved north.</description></item>
<item><title>Market shelled</title><link>{base}/market</link>
<pubDate>Mon, 18 Nov 2024 19:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>{p1}</p><p>{p2}</p>]]></content:encoded></item>
<item><title>Empty entry</title><link>{base}/empty</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title><id>urn:x</id>
<updated>2024-10-02T10:00:00Z</updated>
<entry><title>Ceasefire talks</title><link href="https://atom.example/talks"/><id>urn:1</id>
<updated>2024-10-02T10:00:00Z</updated>
<summary type="html">&lt;p&gt;Negotiators said 12 prisoners would be exchanged on Friday under the deal.&lt;/p&gt;</summary>
</entry></feed>"""


def test_rss_file(tmp_path: Path):
    f = tmp_path / "wire.rss"
    f.write_text(RSS.format(base="https://wire.example", p1=PARAGRAPHS[1], p2=PARAGRAPHS[2]))
    out = list(iter_inputs([str(f)]))
    assert len(out) == 3
    a, b, c = out
    assert isinstance(a, Article) and a.fmt == "feed"
    assert a.text == "The ministry says 2,000 soldiers moved north."
    assert (a.title, a.url, a.outlet, a.published) == (
        "Border build-up",
        "https://wire.example/story",
        "Frontline Wire",
        date(2024, 11, 19),
    )
    assert b.text == PARAGRAPHS[1] + "\n\n" + PARAGRAPHS[2]
    assert b.published == date(2024, 11, 18)
    assert isinstance(c, Failure) and "entry 3" in c.source and "no text" in c.reason
    assert a.article_id != b.article_id


def test_atom_file(tmp_path: Path):
    f = tmp_path / "desk.atom"
    f.write_text(ATOM)
    (art,) = list(iter_inputs([str(f)]))
    assert art.text == "Negotiators said 12 prisoners would be exchanged on Friday under the deal."
    assert art.outlet == "Atom Desk" and art.published == date(2024, 10, 2)
    assert art.url == "https://atom.example/talks"


def test_xml_that_is_not_a_feed(tmp_path: Path):
    f = tmp_path / "data.xml"
    f.write_text("<?xml version='1.0'?><root><item>1</item></root>")
    assert list(iter_inputs([str(f)])) == [Failure(str(f), "is not an RSS/Atom feed")]


def _warc(path: Path, gz: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gz)

        def response(uri: str, status: str, ctype: str, body: bytes) -> None:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers)
            )

        response(
            "https://ledger.example/border", "200 OK", "text/html; charset=utf-8", article_html().encode()
        )
        response("https://ledger.example/logo.png", "200 OK", "image/png", b"\x89PNG....")
        response("https://ledger.example/gone", "404 Not Found", "text/html", b"<p>Not found</p>")
        response("https://ledger.example/blank", "200 OK", "text/html", b"<html><body></body></html>")
        writer.write_record(
            writer.create_warc_record(
                "https://ledger.example/border", "request", payload=io.BytesIO(b"GET /")
            )
        )


@pytest.mark.parametrize("gz", [False, True])
def test_warc(tmp_path: Path, gz: bool):
    f = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    _warc(f, gz)
    out = list(iter_inputs([str(f)]))
    assert len(out) == 2
    art, fail = out
    assert isinstance(art, Article) and art.fmt == "warc"
    assert art.url == "https://ledger.example/border" and art.source_path == str(f)
    assert "40 civilians were wounded" in art.text and art.published == date(2024, 11, 19)
    assert isinstance(fail, Failure) and "https://ledger.example/blank" in fail.source


# ---------------------------------------------------------------------------------------------
# URLs, served from a local server on the loopback interface


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep test output quiet
        pass

    def do_GET(self):  # noqa: N802 - http.server's naming
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        routes = {
            "/story": ("text/html; charset=utf-8", article_html()),
            "/feed": ("application/rss+xml", RSS.format(base=base, p1=PARAGRAPHS[1], p2=PARAGRAPHS[2])),
            "/plain": ("text/plain; charset=utf-8", PARAGRAPHS[3]),
            "/slow": None,
        }
        if self.path == "/slow":
            import time

            time.sleep(1.5)
        if self.path not in routes or routes[self.path] is None:
            self.send_response(404)
            self.end_headers()
            return
        ctype, body = routes[self.path]
        data = body.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture(scope="module")
def server():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    srv.daemon_threads = True
    srv.block_on_close = False
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


def test_url_article(server):
    (art,) = list(iter_inputs([server + "/story"]))
    assert isinstance(art, Article) and art.fmt == "html"
    assert art.url == server + "/story" and art.source_path == server + "/story"
    assert "15,000 people" in art.text and art.published == date(2024, 11, 19)


def test_url_plain_text(server):
    (art,) = list(iter_inputs([server + "/plain"]))
    assert art.text == PARAGRAPHS[3] and art.fmt == "text"


def test_feed_url_follows_teaser_links(server):
    out = list(iter_inputs([server + "/feed"]))
    assert len(out) == 3
    teaser, full, missing = out
    # The first entry only has a one-line summary: its link is fetched for the full article.
    assert teaser.fmt == "feed" and "15,000 people" in teaser.text and teaser.title == "Border build-up"
    assert teaser.outlet == "Frontline Wire" and teaser.published == date(2024, 11, 19)
    # The second carries its content; the third has none and its link is a 404.
    assert full.text == PARAGRAPHS[1] + "\n\n" + PARAGRAPHS[2]
    assert isinstance(missing, Failure)


def test_unreachable_and_missing_urls(server):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    out = list(iter_inputs([f"http://127.0.0.1:{closed}/x", server + "/nothing-here"]))
    assert isinstance(out[0], Failure) and out[0].reason.startswith("could not connect")
    assert out[1] == Failure(server + "/nothing-here", "the server answered HTTP 404 Not Found")


def test_url_timeout(server):
    settings = Settings(extra={"fetch_timeout": "0.5"})
    (fail,) = list(iter_inputs([server + "/slow"], settings=settings))
    assert isinstance(fail, Failure) and fail.reason == "no answer within 0.5 s; try again later"


def test_truncated_warc(tmp_path: Path):
    whole = tmp_path / "whole.warc"
    _warc(whole, False)
    data = whole.read_bytes()
    # Cut inside the second response (the PNG): the first article is whole, the cut is reported.
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[: data.index(b"\x89PNG") + 3])
    out = list(iter_inputs([str(cut)]))
    assert len(out) == 1 and isinstance(out[0], Article) and out[0].url == "https://ledger.example/border"
    # Cut inside the first article's HTML: that record is reported as cut off, not half-read.
    cut.write_bytes(data[: data.index(b"40 civilians")])
    (fail,) = list(iter_inputs([str(cut)]))
    assert fail == Failure(
        f"{cut} [https://ledger.example/border]", "the record is cut off (the WARC file is truncated)"
    )


def test_truncated_warc_gz_never_raises(tmp_path: Path):
    whole = tmp_path / "whole.warc.gz"
    _warc(whole, True)
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    for share in range(5, 100, 5):
        cut.write_bytes(data[: len(data) * share // 100])
        out = list(iter_inputs([str(cut)]))
        assert out and all(isinstance(x, Article | Failure) for x in out)
        articles = [x for x in out if isinstance(x, Article)]
        assert all("15,000 people" in a.text for a in articles)  # never a half-read page


def test_not_a_warc(tmp_path: Path):
    f = tmp_path / "x.warc"
    f.write_text("this is not a web archive")
    (fail,) = list(iter_inputs([str(f)]))
    assert fail.reason == "is not a WARC file (it does not start with a WARC/1.x record)"
