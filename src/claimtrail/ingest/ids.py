"""Stable article ids: the same article read twice (or fetched from two spellings of its URL) gets
the same id, so re-ingesting it changes nothing in the ledger."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

ID_LENGTH = 16
_WS = re.compile(r"\s+")
# Query parameters that only track where a reader came from; they never change the article.
_TRACKING = re.compile(r"^(utm_.*|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid)$", re.IGNORECASE)


def normalize_url(url: str) -> str:
    """The URL in a canonical form: lower-case scheme and host, no ``www.``, no default port, no
    fragment, no tracking parameters (``utm_*``, ``fbclid``...), no trailing slash; http and https
    are the same article."""
    url = url.strip()
    parts = urlsplit(url if "://" in url else "http://" + url)
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    port = parts.port if parts.port not in (None, 80, 443) else None
    netloc = f"{host}:{port}" if port else host
    query = urlencode(
        sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k))
    )
    path = parts.path.rstrip("/")
    return urlunsplit(("http", netloc, path, query, ""))


def normalize_text(text: str) -> str:
    """Whitespace collapsed to single spaces and trimmed, so re-wrapped copies hash alike."""
    return _WS.sub(" ", text).strip()


def article_id_for(url: str | None, text: str) -> str:
    """A short hex id: the hash of the normalised URL when there is one, else of the
    whitespace-normalised text."""
    key = "url:" + normalize_url(url) if url and url.strip() else "text:" + normalize_text(text)
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:ID_LENGTH]


def text_hash(text: str) -> str:
    """The identity of an article's text, whatever its URL: 32 hex chars of the hash of the
    whitespace-normalised text. Two articles with the same text hash are the same article (the
    runner reports the second as a duplicate of the first and does not store it)."""
    return hashlib.sha256(("text:" + normalize_text(text)).encode("utf-8", "surrogatepass")).hexdigest()[:32]
