"""JSON lines: one article a line (``text`` as is, or ``html``; ``url``, ``title``, ``outlet``,
``published``), streamed one line at a time; a bad line is a Failure naming ``path:LINE``."""

from __future__ import annotations

import io
import json
from collections.abc import Generator, Iterator
from datetime import date, datetime
from typing import Any

from dateutil import parser as dateutil_parser

from claimtrail.errors import EmptyInputError, InputError
from claimtrail.model import Article, Failure
from claimtrail.settings import Settings

from .clean import html_to_article, parse_iso_date
from .decode import SNIFF, check_binary, human_size
from .files import open_binary

_NO_YEAR = datetime(1900, 1, 1)  # the default that tells a date written without a year


def iter_jsonl_file(path: str, settings: Settings, encoding: str | None) -> Iterator[Article | Failure]:
    """The records of a JSONL file (gzip too), one line at a time. Raises ``InputError`` for a
    binary or empty file."""
    with open_binary(path) as fh:
        head = fh.read(SNIFF)
        check_binary(head, path)
        fh.seek(0)
        found = yield from iter_jsonl(fh, path, settings, encoding)
    if not found:
        raise EmptyInputError(path, "has no JSON lines" if head.strip() else "is empty (0 bytes)")


def iter_jsonl(
    fh: io.BufferedIOBase, source: str, settings: Settings, encoding: str | None
) -> Generator[Article | Failure, None, int]:
    """The records of JSON lines read from ``fh``; returns how many non-blank lines there were.
    A line over ``settings.max_bytes`` is a Failure, skipped without being held in memory."""
    found = 0
    for number, raw in _iter_lines(fh, settings.max_bytes):
        if raw is None:
            limit = human_size(settings.max_bytes)
            yield Failure(f"{source}:{number}", f"line {number} is over the {limit} limit")
            continue
        if not raw.strip():
            continue
        found += 1
        yield jsonl_record(raw, number, source, encoding)
    return found


def _iter_lines(fh: io.BufferedIOBase, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) for each line; bytes is None for a line longer than ``limit``, which is
    skipped without holding it in memory."""
    number = 0
    while line := fh.readline(limit + 1):
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while True:  # drain the rest of the overlong line
                chunk = fh.readline(1024 * 1024)
                if not chunk or chunk.endswith(b"\n"):
                    break
            yield number, None
            continue
        yield number, line


def jsonl_record(raw: bytes, number: int, source: str, encoding: str | None) -> Article | Failure:
    """The article of line ``number`` of ``source``, or a Failure saying what is wrong with it."""
    where = f"{source}:{number}"
    try:
        obj = _json_object(raw, number, where, encoding)
        article = _record_article(obj, number, where)
    except InputError as exc:
        return Failure(exc.what, exc.reason)
    raw_date = obj.get("published")
    if raw_date not in (None, ""):
        day = parse_date_value(raw_date)
        if day is None:
            return Failure(where, f"line {number}: published {raw_date!r} is not a date (use YYYY-MM-DD)")
        article.published = day
    article.source_path = where
    return article


def _json_object(raw: bytes, number: int, where: str, encoding: str | None) -> dict[str, Any]:
    """The JSON object on a line (a UTF-8 byte-order mark allowed on the first), or an InputError."""
    try:
        line = raw.decode(encoding or ("utf-8-sig" if number == 1 else "utf-8"))
    except (UnicodeDecodeError, LookupError) as exc:
        pos = getattr(exc, "start", 0)
        raise InputError(
            where, f"line {number} is not valid UTF-8 (byte 0x{raw[pos]:02X} at column {pos + 1})"
        ) from exc
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(where, f"line {number} is not valid JSON ({exc.msg} at column {exc.colno})") from exc
    if not isinstance(obj, dict):
        raise InputError(where, f"line {number} is not a JSON object")
    return obj


def _record_article(obj: dict[str, Any], number: int, where: str) -> Article:
    """The article of a record: its ``text`` as is, else its ``html`` cleaned; url, title, outlet."""
    text, html = obj.get("text"), obj.get("html")
    record_url = obj.get("url") if isinstance(obj.get("url"), str) else None
    if isinstance(text, str) and text.strip():
        article = Article(text=text, fmt="jsonl")
    elif isinstance(html, str) and html.strip():
        try:
            article = html_to_article(html, url=record_url)
        except InputError as exc:
            raise InputError(where, f"line {number}: {exc.reason}") from exc
        article.fmt = "jsonl"
    elif "text" in obj or "html" in obj:
        raise InputError(where, f'line {number}: "text"/"html" is empty or not a string')
    else:
        raise InputError(where, f'line {number} has no "text" or "html" field')
    if record_url:
        article.url = record_url
    for key in ("title", "outlet"):
        if isinstance(obj.get(key), str) and obj[key].strip():
            setattr(article, key, obj[key].strip())
    return article


def parse_date_value(value: object) -> date | None:
    """A publication date given in a record: ISO first ("2024-05-01", "2024-05-01T10:00Z"), then
    an unambiguous written form ("1 May 2024", "Wed, 01 May 2024 10:00:00 GMT"). None if neither."""
    day = parse_iso_date(value)
    if day is not None or not isinstance(value, str):
        return day
    try:
        parsed = dateutil_parser.parse(value, default=_NO_YEAR)
    except (ValueError, OverflowError, TypeError):
        return None
    if parsed.year == 1900 and "1900" not in value:  # no year written: too vague to use
        return None
    return parsed.date()
