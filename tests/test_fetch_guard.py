"""ingest/fetch.py's guard for URLs a remote client asks the server to fetch (issue 12 item 8):
loopback, private, link-local (metadata) and other non-public addresses are refused after DNS
resolution and on every redirect; the CLI's own fetches (``public_only=False``) are unchanged."""

from __future__ import annotations

import http.server
import socket
import threading
from collections.abc import Iterator

import pytest

from claimtrail.errors import FetchError
from claimtrail.ingest import fetch


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("127.8.9.10", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.9", "private"),
        ("192.168.1.1", "private"),
        ("fd00::7", "private"),
        ("169.254.169.254", "link-local (metadata)"),
        ("fe80::1", "link-local"),
        ("100.64.0.1", "shared"),
        ("0.0.0.0", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("::ffff:127.0.0.1", "loopback"),
        ("::ffff:169.254.169.254", "link-local"),
    ],
)
def test_non_public_addresses_are_refused(address, kind):
    assert kind in (fetch.address_refusal(address) or "")


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses_pass(address):
    assert fetch.address_refusal(address) is None


def test_names_are_judged_by_every_address_they_resolve_to(monkeypatch):
    """A public-looking name that resolves to a private address (one of several) is refused."""

    def resolve(host, port, *args, **kwargs):
        assert host == "news.example"
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 80)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.5", 80)),
        ]

    monkeypatch.setattr(fetch.socket, "getaddrinfo", resolve)
    with pytest.raises(FetchError, match=r"news\.example is a private address \(10\.0\.0\.5\)"):
        fetch.check_public_url("http://news.example/story")


def test_odd_urls_are_refused_with_a_reason():
    for url in ("file:///etc/passwd", "http:///nohost", "gopher://x.example/"):
        with pytest.raises(FetchError, match="only http:// and https://"):
            fetch.check_public_url(url)


@pytest.fixture
def redirecting_server() -> Iterator[str]:
    """A local server: /page answers a short HTML page, /hop redirects to [::1] (a loopback)."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            if self.path == "/hop":
                self.send_response(302)
                self.send_header("Location", f"http://[::1]:{self.server.server_port}/page")
                self.end_headers()
                return
            body = b"<html><body><p>The convoy left at dawn.</p></body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_loopback_is_refused_before_connecting(redirecting_server):
    with pytest.raises(FetchError, match=r"refused: 127\.0\.0\.1 is a loopback address"):
        fetch.fetch_bytes(redirecting_server + "/page", public_only=True)
    body, _ctype, _final = fetch.fetch_bytes(redirecting_server + "/page")  # the CLI may fetch it
    assert b"convoy" in body


def test_a_redirect_to_loopback_is_refused(redirecting_server, monkeypatch):
    """Let 127.0.0.1 pass (as if it were public) to reach the redirect: its target, [::1], is refused."""
    real = fetch.address_refusal
    monkeypatch.setattr(fetch, "address_refusal", lambda a: None if a == "127.0.0.1" else real(a))
    with pytest.raises(FetchError, match=r"refused: ::1 is a loopback address"):
        fetch.fetch_bytes(redirecting_server + "/hop", public_only=True)
    failures = list(fetch.iter_url(redirecting_server + "/hop", public_only=True))
    assert len(failures) == 1 and "loopback" in failures[0].reason  # type: ignore[union-attr]
