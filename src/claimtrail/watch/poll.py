"""One poll of one watched URL: a conditional GET, then the records of what is new.

The request sends back what the server said last time (ETag as If-None-Match, Last-Modified as
If-Modified-Since); a 304 answer means nothing changed and nothing is read. A changed feed is read by
``ingest.feed.iter_feed`` exactly as ``claimtrail ingest FEED_URL`` reads it (teasers follow their
link), except that entries already read in an earlier round are skipped; a page is read by
``ingest.fetch.page_article``. Every record is finished as ``ingest.read.iter_inputs`` finishes the
records of a container, so the runner stores them as it stores any ingest.
"""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from ..errors import FetchError, InputError
from ..ingest.boundary import one_line, safe_failure
from ..ingest.decode import human_size
from ..ingest.feed import iter_feed, looks_like_feed
from ..ingest.fetch import ACCEPT, USER_AGENT, fetch_article, page_article, request_timeout
from ..ingest.finish import finish_article
from ..model import Article, Failure
from ..settings import Settings


@dataclass(frozen=True)
class Response:
    """A changed resource: its body, content type, final URL and the validators to send next time."""

    body: bytes
    content_type: str
    final_url: str
    etag: str | None
    last_modified: str | None


def conditional_get(
    url: str, etag: str | None, last_modified: str | None, settings: Settings
) -> Response | None:
    """GET ``url`` unless it is unchanged since the validators were given: None on HTTP 304.
    Raises ``FetchError`` with the reason (HTTP status, refused, timeout, too large)."""
    headers = {"User-Agent": USER_AGENT, "Accept": ACCEPT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    timeout = request_timeout(settings)
    try:
        request = urllib.request.Request(url, headers=headers)
        with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310 - http(s) only
            body = answer.read(settings.max_bytes + 1)
            found = Response(
                body,
                answer.headers.get("Content-Type", "") or "",
                answer.geturl() or url,
                answer.headers.get("ETag"),
                answer.headers.get("Last-Modified"),
            )
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return None
        raise FetchError(url, f"the server answered HTTP {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, socket.timeout | TimeoutError):
            raise FetchError(url, f"no answer within {timeout:g} s; try again later") from exc
        raise FetchError(
            url, f"could not connect ({exc.reason}); check the address and your network"
        ) from exc
    except (TimeoutError, ValueError, OSError) as exc:
        raise FetchError(url, one_line(f"could not be fetched ({exc})")) from exc
    if len(found.body) > settings.max_bytes:
        raise FetchError(url, f"the page is larger than the {human_size(settings.max_bytes)} limit")
    return found


def entry_key(entry: Any) -> str:
    """What identifies a feed entry across polls: its id (guid), else its link, else its title."""
    return str(entry.get("id") or entry.get("link") or entry.get("title") or "")


@dataclass
class NewRecords:
    """The records of a changed resource, read lazily. ``read`` collects the keys of the feed
    entries that gave an article (an entry whose link failed is tried again when the feed changes);
    ``unreadable`` is the reason when the resource itself could not be read (no feed, a page with no
    usable text), which makes the poll a failed one."""

    url: str
    response: Response
    seen: frozenset[str]
    settings: Settings
    read: list[str] = field(default_factory=list)
    unreadable: str | None = None
    _current: str = ""

    def _keep(self, entry: Any) -> bool:
        """Whether a feed entry is new (remembered as the one being read)."""
        self._current = entry_key(entry)
        return self._current not in self.seen

    def __iter__(self) -> Iterator[Article | Failure]:
        """Every new record, finished and ready for the runner; a resource that cannot be read is
        one Failure naming the URL."""
        got = self.response
        if not looks_like_feed(got.body, got.content_type):
            page = page_article(got.body, got.content_type, self.url, got.final_url)
            record = page if isinstance(page, Failure) else _finished(page, self.settings)
            if isinstance(record, Failure):
                self.unreadable = record.reason
            yield safe_failure(record) if isinstance(record, Failure) else record
            return
        follow = partial(fetch_article, settings=self.settings)
        try:
            for entry in iter_feed(got.body, self.url, follow=follow, keep=self._keep):
                if isinstance(entry, Failure):
                    yield safe_failure(entry)
                    continue
                if self._current:
                    self.read.append(self._current)
                yield _finished(entry, self.settings)
        except InputError as exc:
            self.unreadable = one_line(exc.reason)
            yield Failure(self.url, self.unreadable)
        except Exception as exc:  # noqa: BLE001 - as ``read.iter_inputs``: one broken input stops itself
            self.unreadable = one_line(f"could not be read ({type(exc).__name__}: {exc})")
            yield Failure(self.url, self.unreadable)


def _finished(article: Article, settings: Settings) -> Article | Failure:
    """The article completed as ``iter_inputs`` completes a container's record (id, language, gates)."""
    try:
        finished = finish_article(article, settings, override=False)
    except Exception as exc:  # noqa: BLE001 - never let one article stop the round
        finished = Failure(
            article.source_path or article.url or "input", one_line(f"could not be completed ({exc})")
        )
    return safe_failure(finished) if isinstance(finished, Failure) else finished
