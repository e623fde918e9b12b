"""A small threaded HTTP server on 127.0.0.1 for the watch tests: it serves pages from a dict that a
test changes between rounds, honours ETag / Last-Modified with 304, and logs what each request sent."""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LAST_MODIFIED = "Tue, 19 Nov 2024 08:30:00 GMT"


@dataclass
class Site:
    """What the server answers: path -> (content type, body); ``broken`` paths answer 500."""

    pages: dict[str, tuple[str, str]] = field(default_factory=dict)
    broken: set[str] = field(default_factory=set)
    requests: list[tuple[str, str | None, str | None, int]] = field(default_factory=list)
    base: str = ""

    def sent(self, path: str) -> list[tuple[str | None, str | None, int]]:
        """(If-None-Match, If-Modified-Since, status) of every request for ``path``."""
        return [(etag, since, status) for p, etag, since, status in self.requests if p == path]


def serve(site: Site) -> ThreadingHTTPServer:
    """Start serving ``site`` on a free port of 127.0.0.1 (``site.base`` is set); shut it down after."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            etag_in = self.headers.get("If-None-Match")
            since_in = self.headers.get("If-Modified-Since")
            status = self._answer(etag_in, since_in)
            site.requests.append((self.path, etag_in, since_in, status))

        def _answer(self, etag_in: str | None, since_in: str | None) -> int:
            if self.path in site.broken or self.path not in site.pages:
                code = 500 if self.path in site.broken else 404
                self.send_response(code)
                self.end_headers()
                return code
            ctype, body = site.pages[self.path]
            data = body.format(base=site.base).encode("utf-8")
            etag = '"' + hashlib.sha1(data).hexdigest()[:12] + '"'
            if etag_in == etag:
                self.send_response(304)
                self.end_headers()
                return 304
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", LAST_MODIFIED)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return 200

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
