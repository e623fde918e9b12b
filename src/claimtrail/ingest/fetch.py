"""Articles from the network: the page at an http(s) URL, or the entries of a feed URL.

Network errors become ``Failure`` records (or ``InputError`` exceptions that ``read.iter_inputs``
turns into Failures), never tracebacks.
"""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
from collections.abc import Iterator
from functools import partial

from claimtrail.errors import FetchError, InputError
from claimtrail.model import Article, Failure
from claimtrail.settings import Settings

from .clean import html_to_article
from .decode import check_binary, human_size, text_from_bytes
from .feed import iter_feed, looks_like_feed

TIMEOUT = 20.0  # seconds for one request
USER_AGENT = "claimtrail/0.1 (+news claim ledger)"
ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5"
)


def request_timeout(settings: Settings) -> float:
    """Seconds to wait for one request: ``settings.extra["fetch_timeout"]`` if it is a number."""
    try:
        return float(settings.extra.get("fetch_timeout", TIMEOUT))
    except (TypeError, ValueError):
        return TIMEOUT


def fetch_bytes(url: str, settings: Settings | None = None) -> tuple[bytes, str, str]:
    """GET a URL: (body, content type, final URL after redirects). At most ``settings.max_bytes``
    are read. Raises ``FetchError`` with the reason (HTTP status, DNS, refused, timeout)."""
    settings = settings or Settings()
    timeout = request_timeout(settings)
    try:
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": ACCEPT})
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - http(s) only
            body = response.read(settings.max_bytes + 1)
            ctype = response.headers.get("Content-Type", "") or ""
            final = response.geturl() or url
    except urllib.error.HTTPError as exc:
        raise FetchError(url, f"the server answered HTTP {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, socket.timeout | TimeoutError):
            raise FetchError(url, f"no answer within {timeout:g} s; try again later") from exc
        if isinstance(reason, socket.gaierror):
            raise FetchError(url, "host not found; check the address and your network") from exc
        raise FetchError(url, f"could not connect ({reason}); check the address and your network") from exc
    except TimeoutError as exc:
        raise FetchError(url, f"no answer within {timeout:g} s; try again later") from exc
    except (ValueError, OSError) as exc:
        raise FetchError(url, f"could not be fetched ({exc})") from exc
    if len(body) > settings.max_bytes:
        raise FetchError(url, f"the page is larger than the {human_size(settings.max_bytes)} limit")
    return body, ctype, final


def iter_url(url: str, settings: Settings | None = None) -> Iterator[Article | Failure]:
    """The article at a URL, or the entries of a feed URL (following each entry's link when the
    feed gives only a teaser). A network error yields one Failure."""
    settings = settings or Settings()
    try:
        body, ctype, final = fetch_bytes(url, settings)
    except FetchError as exc:
        yield Failure(url, exc.reason)
        return
    if looks_like_feed(body, ctype):
        yield from iter_feed(body, url, follow=partial(fetch_article, settings=settings))
    else:
        yield page_article(body, ctype, url, final)


def page_article(body: bytes, ctype: str, url: str, final: str) -> Article | Failure:
    """The article of a fetched page (plain text as is, HTML through trafilatura), or a Failure."""
    try:
        check_binary(body, url)
        if "text/plain" in ctype.lower():
            article = Article(text=text_from_bytes(body, url), url=final, fmt="text")
        else:
            article = html_to_article(body, url=final)
    except InputError as exc:
        return Failure(url, exc.reason)
    article.source_path = url
    return article


def fetch_article(link: str, settings: Settings) -> Article | Failure:
    """The article at a feed entry's link, or a Failure naming the link."""
    try:
        body, _ctype, final = fetch_bytes(link, settings)
        return html_to_article(body, url=final)
    except InputError as exc:
        return Failure(link, f"{exc.reason} (a feed entry's link)")
