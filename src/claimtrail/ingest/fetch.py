"""Articles from the network: the page at an http(s) URL, or the entries of a feed URL.

Network errors become ``Failure`` records (or ``InputError`` exceptions that ``read.iter_inputs``
turns into Failures), never tracebacks.
"""

from __future__ import annotations

import ipaddress
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from functools import partial
from typing import IO, Any

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


def address_refusal(address: str) -> str | None:
    """Why an IP address must not be fetched for a remote client, or None when it is public.

    Loopback, private (RFC 1918, unique-local), link-local (169.254/16 holds the cloud metadata
    service at 169.254.169.254), shared (100.64/10), multicast, reserved and unspecified addresses
    reach the server's own machine or network, not the web; IPv4-mapped IPv6 is judged as IPv4."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for flag, name in (
        (ip.is_loopback, "a loopback"),
        (ip.is_unspecified, "an unspecified"),
        (ip.is_link_local, "a link-local (metadata)"),
        (ip.is_private, "a private"),
        (ip.is_multicast, "a multicast"),
        (ip.is_reserved, "a reserved"),
    ):
        if flag:
            return f"{name} address ({ip})"
    if isinstance(ip, ipaddress.IPv4Address) and ip in SHARED_NET:
        return f"a shared (carrier-grade NAT) address ({ip})"
    return None


SHARED_NET = ipaddress.ip_network("100.64.0.0/10")


def check_public_url(url: str) -> None:
    """Refuse (``FetchError``) a URL whose host is or resolves to an address ``address_refusal``
    refuses: every address DNS gives is checked, so a public name pointing at 127.0.0.1 is refused
    too. Called on the URL asked for and on every redirect target."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname
    if parts.scheme not in ("http", "https") or not host:
        raise FetchError(url, "only http:// and https:// addresses with a host can be fetched")
    try:
        infos = socket.getaddrinfo(host, parts.port or None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError, ValueError) as exc:
        raise FetchError(url, "host not found; check the address and your network") from exc
    for info in infos:
        why = address_refusal(str(info[4][0]))
        if why is not None:
            raise FetchError(url, f"refused: {host} is {why}; the server fetches public addresses only")


class _PublicRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to a public address (``check_public_url``)."""

    def redirect_request(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: Any, newurl: str
    ) -> urllib.request.Request | None:
        check_public_url(urllib.parse.urljoin(req.full_url, newurl))
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _open(request: urllib.request.Request, timeout: float, public_only: bool) -> Any:
    if not public_only:
        return urllib.request.urlopen(request, timeout=timeout)  # noqa: S310 - http(s) only
    check_public_url(request.full_url)
    return urllib.request.build_opener(_PublicRedirects()).open(request, timeout=timeout)


def fetch_bytes(
    url: str, settings: Settings | None = None, public_only: bool = False
) -> tuple[bytes, str, str]:
    """GET a URL: (body, content type, final URL after redirects). At most ``settings.max_bytes``
    are read. Raises ``FetchError`` with the reason (HTTP status, DNS, refused, timeout).

    ``public_only`` (the web API sets it for remote clients' URLs) refuses loopback, private,
    link-local and metadata addresses, after DNS resolution and on every redirect."""
    settings = settings or Settings()
    timeout = request_timeout(settings)
    try:
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": ACCEPT})
        with _open(request, timeout, public_only) as response:
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


def iter_url(
    url: str, settings: Settings | None = None, public_only: bool = False
) -> Iterator[Article | Failure]:
    """The article at a URL, or the entries of a feed URL (following each entry's link when the
    feed gives only a teaser). A network error yields one Failure. ``public_only``: as in
    ``fetch_bytes``, for the URL and every entry link."""
    settings = settings or Settings()
    try:
        body, ctype, final = fetch_bytes(url, settings, public_only)
    except FetchError as exc:
        yield Failure(url, exc.reason)
        return
    if looks_like_feed(body, ctype):
        follow = partial(fetch_article, settings=settings, public_only=public_only)
        yield from iter_feed(body, url, follow=follow)
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


def fetch_article(link: str, settings: Settings, public_only: bool = False) -> Article | Failure:
    """The article at a feed entry's link, or a Failure naming the link."""
    try:
        body, _ctype, final = fetch_bytes(link, settings, public_only)
        return html_to_article(body, url=final)
    except InputError as exc:
        return Failure(link, f"{exc.reason} (a feed entry's link)")
