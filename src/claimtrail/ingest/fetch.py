"""Articles from the network and from archives: http(s) URLs, RSS/Atom feeds, WARC files.

Network errors, bad feeds and broken archives become ``Failure`` records (or ``InputError``
exceptions that ``read.iter_inputs`` turns into Failures), never tracebacks.
"""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import date
from typing import Any

from claimtrail.errors import FetchError, InputError
from claimtrail.model import Article, Failure
from claimtrail.settings import Settings

from .clean import fragment_to_text, hostname_outlet, html_to_article
from .read import human_size

TIMEOUT = 20.0  # seconds for one request
USER_AGENT = "claimtrail/0.1 (+news claim ledger)"
ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5"
)
# A feed entry whose content is shorter than this is a teaser; for a feed fetched from the network the
# entry's link is fetched for the full article.
SUMMARY_CHARS = 600
_FEED_TYPES = ("rss", "atom", "rdf", "/xml", "+xml")


def _timeout(settings: Settings) -> float:
    try:
        return float(settings.extra.get("fetch_timeout", TIMEOUT))
    except (TypeError, ValueError):
        return TIMEOUT


def fetch_bytes(url: str, settings: Settings | None = None) -> tuple[bytes, str, str]:
    """GET a URL: (body, content type, final URL after redirects). At most ``settings.max_bytes``
    are read. Raises ``FetchError`` with the reason (HTTP status, DNS, refused, timeout)."""
    settings = settings or Settings()
    timeout = _timeout(settings)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": ACCEPT})
    try:
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


def looks_like_feed(data: bytes, content_type: str = "") -> bool:
    """True for RSS/Atom/RDF content (by content type, else by its first tags)."""
    ctype = content_type.lower()
    if "html" in ctype:
        return False
    if any(t in ctype for t in _FEED_TYPES):
        head = data[:4096].lower()
        return b"<rss" in head or b"<feed" in head or b"<rdf" in head or "rss" in ctype or "atom" in ctype
    head = data[:4096].lstrip().lower()
    return (
        head.startswith(b"<?xml")
        and (b"<rss" in head or b"<feed" in head or b"<rdf" in head)
        or (head.startswith((b"<rss", b"<feed")))
    )


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
        yield from iter_feed(body, url, settings, follow_links=True)
        return
    from .read import check_binary, text_from_bytes

    try:
        check_binary(body, url)
        if "text/plain" in ctype.lower():
            article = Article(text=text_from_bytes(body, url), url=final, fmt="text")
        else:
            article = html_to_article(body, url=final)
    except InputError as exc:
        yield Failure(url, exc.reason)
        return
    article.source_path = url
    yield article


def _entry_date(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return date(value.tm_year, value.tm_mon, value.tm_mday)
            except (AttributeError, ValueError):
                continue
    return None


def _entry_html(entry: Any) -> tuple[str, bool]:
    """The entry's richest text (content, else summary, else description) and whether it is full
    content rather than a summary."""
    for item in entry.get("content") or []:
        value = item.get("value") if isinstance(item, dict) else None
        if value and value.strip():
            return value, True
    summary = entry.get("summary") or entry.get("description") or ""
    return summary, False


def iter_feed(
    data: bytes, source: str, settings: Settings | None = None, *, follow_links: bool = False
) -> Iterator[Article | Failure]:
    """One Article per entry of an RSS/Atom feed: text from its content or summary, link, title,
    date; outlet is the feed's title. With ``follow_links`` an entry that has only a short summary
    is replaced by the article at its link when that can be fetched."""
    import feedparser

    settings = settings or Settings()
    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not parsed.get("version"):
        exc = parsed.get("bozo_exception")
        detail = f" ({' '.join(str(exc).split())})" if exc else ""
        raise InputError(source, f"is not an RSS/Atom feed{detail}")
    if not entries:
        if parsed.get("bozo") and not parsed.get("feed"):
            exc = parsed.get("bozo_exception")
            detail = " ".join(str(exc).split()) if exc else "unreadable XML"
            raise InputError(source, f"is not a readable RSS/Atom feed ({detail})")
        if parsed.get("version"):
            raise InputError(source, "is a feed with no entries")
        raise InputError(source, "is not an RSS/Atom feed (no <rss> or <feed> with entries)")
    feed_title = (parsed.get("feed") or {}).get("title") or None
    for number, entry in enumerate(entries, 1):
        link = entry.get("link") or None
        where = f"{source} [entry {number}{': ' + link if link else ''}]"
        html, full = _entry_html(entry)
        article: Article | None = None
        fetched: Article | Failure | None = None
        if follow_links and link and (not full or len(html) < SUMMARY_CHARS):
            fetched = next(iter(_fetch_entry(link, settings)), None)
            if isinstance(fetched, Article):
                article = fetched
        if article is None:
            text = fragment_to_text(html) if html else ""
            if not text.strip():
                # A link that could not be fetched is recorded against the link itself (a later
                # success of that link clears it), not against the feed.
                yield fetched if isinstance(fetched, Failure) else Failure(where, _NO_TEXT)
                continue
            article = Article(text=text, url=link, fmt="feed")
        article.fmt = "feed"
        article.url = article.url or link
        article.title = entry.get("title") or article.title
        article.outlet = feed_title or article.outlet or hostname_outlet(link)
        article.published = _entry_date(entry) or article.published
        article.source_path = source
        yield article


_NO_TEXT = "the entry has no text (no content or summary)"


def _fetch_entry(link: str, settings: Settings) -> Iterator[Article | Failure]:
    try:
        body, ctype, final = fetch_bytes(link, settings)
        yield html_to_article(body, url=final)
    except InputError as exc:
        yield Failure(link, f"{exc.reason} (a feed entry's link)")


def iter_warc(path: str, settings: Settings | None = None) -> Iterator[Article | Failure]:
    """One Article per successful HTML response record of a WARC (or .warc.gz) file, streamed.
    Each record is capped at ``settings.max_bytes``; redirects and errors are skipped."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    settings = settings or Settings()
    found = records = 0
    try:
        with open(path, "rb") as fh:
            head = fh.read(2)
            if head == b"\x1f\x8b":
                import gzip

                with gzip.open(path, "rb") as gz:
                    head = gz.read(5)
            else:
                head += fh.read(3)
            if head != b"WARC/":
                raise InputError(path, "is not a WARC file (it does not start with a WARC/1.x record)")
            fh.seek(0)
            for record in ArchiveIterator(fh):
                records += 1
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                ctype = (record.http_headers.get_header("Content-Type") or "").lower()
                if "html" not in ctype:
                    continue
                status = record.http_headers.get_statuscode()
                if status and not str(status).startswith("2"):
                    continue
                found += 1
                uri = record.rec_headers.get_header("WARC-Target-URI")
                body = record.content_stream().read(settings.max_bytes + 1)
                where = f"{path} [{uri}]" if uri else f"{path} [record {found}]"
                if len(body) > settings.max_bytes:
                    yield Failure(where, f"the record is over the {human_size(settings.max_bytes)} limit")
                    continue
                if getattr(record.raw_stream, "limit", 0) > 0:  # fewer bytes than its Content-Length
                    yield Failure(where, "the record is cut off (the WARC file is truncated)")
                    continue
                try:
                    article = html_to_article(body, url=uri)
                except InputError as exc:
                    yield Failure(where, exc.reason)
                    continue
                article.fmt = "warc"
                article.source_path = path
                yield article
    except ArchiveLoadFailed as exc:
        raise InputError(path, f"is not a readable WARC file ({' '.join(str(exc).split())})") from exc
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - warcio/gzip fail in many ways on a cut-off file
        raise InputError(
            path, f"is truncated or corrupt after {records} records ({type(exc).__name__}: {exc})"
        ) from exc
    if not records:
        raise InputError(path, "is not a WARC file (no WARC records found)")
    if not found:
        raise InputError(path, f"has no HTML response records (of {records} records)")
