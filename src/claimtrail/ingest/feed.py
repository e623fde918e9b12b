"""RSS/Atom/RDF feeds: one Article per entry, from its content or summary, with its link, title and
date; the outlet is the feed's title. A feed fetched from the network may replace a teaser entry by
the article at its link: the caller passes how to fetch one (``follow``), so reading a feed needs no
network code of its own."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from claimtrail.errors import InputError
from claimtrail.model import Article, Failure

from .clean import fragment_to_text, hostname_outlet

# A feed entry whose content is shorter than this is a teaser; for a feed fetched from the network the
# entry's link is fetched for the full article.
SUMMARY_CHARS = 600
_FEED_TYPES = ("rss", "atom", "rdf", "/xml", "+xml")
_NO_TEXT = "the entry has no text (no content or summary)"

#: Fetches the article at an entry's link: the Article, or a Failure naming the link.
Follow = Callable[[str], Article | Failure]


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


def iter_feed(
    data: bytes, source: str, follow: Follow | None = None, keep: Callable[[Any], bool] | None = None
) -> Iterator[Article | Failure]:
    """One Article per entry of an RSS/Atom feed (``source`` names it). With ``follow`` an entry that
    has only a short summary is replaced by the article at its link when that can be fetched. With
    ``keep`` only the entries it accepts are read (``claimtrail watch`` skips the entries it has seen).
    Raises ``InputError`` when the content is no feed or a feed with no entries."""
    import feedparser  # slow to import, and most runs read no feed: loaded when one is read

    parsed = feedparser.parse(data)
    entries = _entries(parsed, source)
    feed_title = (parsed.get("feed") or {}).get("title") or None
    for number, entry in enumerate(entries, 1):
        if keep is None or keep(entry):
            yield _entry_article(entry, number, source, feed_title, follow)


def _entries(parsed: Any, source: str) -> list[Any]:
    """The entries of a parsed feed, or an ``InputError`` saying why there are none."""
    entries = parsed.get("entries") or []
    if not parsed.get("version"):
        exc = parsed.get("bozo_exception")
        detail = f" ({' '.join(str(exc).split())})" if exc else ""
        raise InputError(source, f"is not an RSS/Atom feed{detail}")
    if not entries and parsed.get("bozo") and not parsed.get("feed"):
        exc = parsed.get("bozo_exception")
        detail = " ".join(str(exc).split()) if exc else "unreadable XML"
        raise InputError(source, f"is not a readable RSS/Atom feed ({detail})")
    if not entries:
        raise InputError(source, "is a feed with no entries")
    return list(entries)


def _entry_article(
    entry: Any, number: int, source: str, feed_title: str | None, follow: Follow | None
) -> Article | Failure:
    """The article of one feed entry: fetched from its link when the entry is a teaser and
    ``follow`` is given, else its own text; a Failure when it has neither."""
    link = entry.get("link") or None
    html, full = _entry_html(entry)
    fetched: Article | Failure | None = None
    if follow is not None and link and (not full or len(html) < SUMMARY_CHARS):
        fetched = follow(link)
    if isinstance(fetched, Article):
        article = fetched
    else:
        text = fragment_to_text(html) if html else ""
        if not text.strip():
            # A link that could not be fetched is recorded against the link itself (a later
            # success of that link clears it), not against the feed.
            where = f"{source} [entry {number}{': ' + link if link else ''}]"
            return fetched if isinstance(fetched, Failure) else Failure(where, _NO_TEXT)
        article = Article(text=text, url=link, fmt="feed")
    article.fmt = "feed"
    article.url = article.url or link
    article.title = entry.get("title") or article.title
    article.outlet = feed_title or article.outlet or hostname_outlet(link)
    article.published = _entry_date(entry) or article.published
    article.source_path = source
    return article


def _entry_date(entry: Any) -> date | None:
    """The entry's publication date (published, else updated, else created), or None."""
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
