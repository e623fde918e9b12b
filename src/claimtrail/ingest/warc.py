"""WARC archives (``.warc``, ``.warc.gz``): one Article per successful HTML response record,
streamed; each record is capped at ``settings.max_bytes``; redirects, errors and other content are
skipped. A truncated or corrupt archive ends with an ``InputError`` saying how far it was read."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from claimtrail.errors import InputError
from claimtrail.model import Article, Failure
from claimtrail.settings import Settings

from .clean import html_to_article
from .decode import human_size


@dataclass
class _Tally:
    """How many records of an archive were read, and how many of them were HTML responses."""

    records: int = 0
    found: int = 0


def iter_warc(path: str, settings: Settings | None = None) -> Iterator[Article | Failure]:
    """One Article (or a Failure naming the record) per 2xx HTML response record of a WARC file.
    Raises ``InputError`` for a file that is not a WARC archive, is cut off or holds no HTML."""
    # warcio takes longer to import than the rest of ingest together: loaded when a WARC is read.
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    settings = settings or Settings()
    tally = _Tally()
    try:
        with open(path, "rb") as fh:
            _check_head(fh, path)
            for record in ArchiveIterator(fh):
                tally.records += 1
                if _is_html_response(record):
                    tally.found += 1
                    yield _record_article(record, path, settings, tally.found)
    except ArchiveLoadFailed as exc:
        raise InputError(path, f"is not a readable WARC file ({' '.join(str(exc).split())})") from exc
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - warcio/gzip fail in many ways on a cut-off file
        raise InputError(
            path, f"is truncated or corrupt after {tally.records} records ({type(exc).__name__}: {exc})"
        ) from exc
    if not tally.records:
        raise InputError(path, "is not a WARC file (no WARC records found)")
    if not tally.found:
        raise InputError(path, f"has no HTML response records (of {tally.records} records)")


def _check_head(fh: BinaryIO, path: str) -> None:
    """Refuse a file (or the gzip of one) that does not start with a WARC/1.x record; then rewind."""
    head = fh.read(2)
    if head == b"\x1f\x8b":
        with gzip.open(path, "rb") as gz:
            head = gz.read(5)
    else:
        head += fh.read(3)
    if head != b"WARC/":
        raise InputError(path, "is not a WARC file (it does not start with a WARC/1.x record)")
    fh.seek(0)


def _is_html_response(record: Any) -> bool:
    """A response record with HTML content and a 2xx (or no) status: an article page."""
    if record.rec_type != "response" or record.http_headers is None:
        return False
    ctype = (record.http_headers.get_header("Content-Type") or "").lower()
    if "html" not in ctype:
        return False
    status = record.http_headers.get_statuscode()
    return not (status and not str(status).startswith("2"))


def _record_article(record: Any, path: str, settings: Settings, number: int) -> Article | Failure:
    """The article of the ``number``-th HTML response record, or a Failure naming the record (too
    large, cut off, no main text)."""
    uri = record.rec_headers.get_header("WARC-Target-URI")
    body = record.content_stream().read(settings.max_bytes + 1)
    where = f"{path} [{uri}]" if uri else f"{path} [record {number}]"
    if len(body) > settings.max_bytes:
        return Failure(where, f"the record is over the {human_size(settings.max_bytes)} limit")
    if getattr(record.raw_stream, "limit", 0) > 0:  # fewer bytes than its Content-Length
        return Failure(where, "the record is cut off (the WARC file is truncated)")
    try:
        article = html_to_article(body, url=uri)
    except InputError as exc:
        return Failure(where, exc.reason)
    article.fmt = "warc"
    article.source_path = path
    return article
