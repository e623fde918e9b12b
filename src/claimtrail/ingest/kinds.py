"""What kind of input a name or a content is: text, HTML, JSON lines, a feed or a WARC archive.

The kind decides which reader ``read.py`` hands an input to; a file's name decides it when its
extension is known, its first bytes otherwise (standard input, a file of unknown extension).
"""

from __future__ import annotations

import json
from typing import Literal

from .decode import SNIFF

Kind = Literal["text", "html", "jsonl", "feed", "warc"]

TEXT_EXTS = (".txt", ".text", ".md")
HTML_EXTS = (".html", ".htm", ".xhtml")
JSONL_EXTS = (".jsonl", ".ndjson")
FEED_EXTS = (".xml", ".rss", ".atom")
WARC_EXTS = (".warc", ".warc.gz")
_BY_EXTENSION: tuple[tuple[tuple[str, ...], Kind], ...] = (
    (TEXT_EXTS, "text"),
    (HTML_EXTS, "html"),
    (JSONL_EXTS, "jsonl"),
    (FEED_EXTS, "feed"),
)


def is_url(value: str) -> bool:
    """An http(s) address (fetched), not a path."""
    return value[:8].lower().startswith(("http://", "https://"))


def is_gzip_name(path: str) -> bool:
    """A file name ending in ``.gz``: read through gzip."""
    return path.lower().endswith(".gz")


def kind_of_name(path: str) -> Kind | None:
    """The kind of a file from its name (a ``.gz`` of any readable kind too), or None if unknown."""
    name = path.lower()
    if name.endswith(WARC_EXTS):
        return "warc"
    if name.endswith(".gz"):
        name = name[:-3]
    return next((kind for exts, kind in _BY_EXTENSION if name.endswith(exts)), None)


def sniff_kind(data: bytes) -> Kind:
    """Guess the kind of unnamed content (standard input, a file without a known extension)."""
    head = data[:SNIFF].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"warc/"):
        return "warc"
    if head.startswith(b"<"):
        if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
            return "feed"
        return "html"
    if head.startswith(b"{") and _is_json_object(data.lstrip().split(b"\n", 1)[0]):
        return "jsonl"
    return "text"


def _is_json_object(line: bytes) -> bool:
    """The line is one JSON object (the first line of a JSON-lines content)."""
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False
