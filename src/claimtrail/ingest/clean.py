"""HTML -> main text and metadata, with trafilatura.

The options in ``EXTRACT_OPTIONS`` were chosen on the article-extraction benchmark
(``bench/eval_html.py``, see docs/ingest.md); they are general settings, not tuned per site.
"""

from __future__ import annotations

import re
from datetime import date
from html import unescape
from typing import Any
from urllib.parse import urlsplit

import lxml.html

from claimtrail.errors import EmptyInputError, InputError
from claimtrail.model import Article

from .ids import article_id_for

# trafilatura.bare_extraction keyword arguments used for every page.
EXTRACT_OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "favor_precision": True,
    "favor_recall": False,
    "deduplicate": False,
}
# Publication date, not the last-modified date; no guessing from the page's whole text.
DATE_PARAMS: dict[str, Any] = {"original_date": True, "extensive_search": False}

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_TAG = re.compile(r"<[a-zA-Z!/][^>]*>")
_BLOCK = re.compile(
    r"</?(p|div|br|li|ul|ol|h[1-6]|blockquote|tr|table|section|article|pre|figure|figcaption)\b[^>]*>",
    re.IGNORECASE,
)
_BLANKS = re.compile(r"[ \t\r\f\v]+")
_MANY_NL = re.compile(r"\n\s*\n\s*(\n\s*)+")


def parse_iso_date(value: object) -> date | None:
    """A date from "YYYY-MM-DD..." text (or a date), else None."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    m = _ISO_DATE.match(value.strip())
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def hostname_outlet(url: str | None) -> str | None:
    """The outlet name from a URL: its host without ``www.`` ("https://www.bbc.co.uk/x" -> "bbc.co.uk")."""
    if not url:
        return None
    try:
        host = urlsplit(url if "://" in url else "http://" + url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def extract_html(html: str | bytes, url: str | None = None) -> Any:
    """trafilatura's Document for a page (text plus metadata), or None when it finds no main text."""
    import trafilatura

    try:
        return trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            date_extraction_params=DATE_PARAMS,
            **EXTRACT_OPTIONS,
        )
    except Exception:  # noqa: BLE001 - malformed markup must become a clear failure, not a traceback
        return None


def html_to_article(html: str | bytes, url: str | None = None) -> Article:
    """An Article from an HTML page: trafilatura's main text, title, outlet (site name or host),
    canonical URL and publication date. Raises ``InputError`` when the page has no main text.

    ``published`` stays None when the page gives no date; the caller may infer one from the text.
    """
    if not html.strip():
        raise EmptyInputError("HTML", "the page is empty")
    doc = extract_html(html, url)
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        # Pages too short for trafilatura's main-text heuristics (a snippet, a bare fragment).
        text = fragment_to_text(html if isinstance(html, str) else html.decode("utf-8", "replace"))
    if not text:
        raise InputError("HTML", "no main text found (the page may be empty, script-only, or not an article)")
    page_url = url or (getattr(doc, "url", None) if doc is not None else None)
    title = getattr(doc, "title", None) if doc is not None else None
    outlet = None
    if doc is not None:
        outlet = getattr(doc, "sitename", None) or getattr(doc, "hostname", None)
    outlet = outlet or hostname_outlet(page_url)
    published = parse_iso_date(getattr(doc, "date", None)) if doc is not None else None
    return Article(
        text=text,
        article_id=article_id_for(page_url, text),
        url=page_url,
        title=title or None,
        outlet=outlet or None,
        published=published,
        fmt="html",
    )


def fragment_to_text(html: str) -> str:
    """Plain text from a short HTML fragment (a feed entry's summary): tags dropped, entities
    decoded, one paragraph per block element. Text without tags is returned trimmed."""
    if not _TAG.search(html):
        return unescape(html).strip()
    try:
        marked = _BLOCK.sub(lambda m: "\n\n" + m.group(0), html)
        root = lxml.html.fromstring(marked)
        for bad in root.xpath("//script|//style|//noscript"):
            bad.drop_tree()
        text = root.text_content()
    except Exception:  # noqa: BLE001 - unparsable fragment: strip tags by pattern instead
        text = unescape(_TAG.sub(" ", html))
    lines = [_BLANKS.sub(" ", line).strip() for line in text.split("\n")]
    text = "\n".join(lines)
    return _MANY_NL.sub("\n\n", text).strip()
