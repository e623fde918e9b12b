"""Read every kind of input into Article records, one at a time.

``iter_inputs`` takes what a user types on the command line (files, directories, URLs, "-" for
standard input) and yields an ``Article`` per article found, or a ``Failure`` naming the input and a
reason the user can act on. It never raises for a bad input, so one broken file never stops a batch,
and it streams: a directory, a JSONL dump or a WARC file is read one record at a time.

Plain text is read exactly as it is (only decoded): every character offset the extractors report
points into that text. HTML goes through trafilatura (``clean.py``) and the main text is kept.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date
from functools import lru_cache
from typing import Any, BinaryIO

from claimtrail.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingInputError,
    InputError,
    TooLargeInputError,
)
from claimtrail.model import Article, Failure
from claimtrail.settings import Settings

from .boundary import normalise_article, safe_failure
from .clean import hostname_outlet, html_to_article, parse_iso_date
from .ids import article_id_for
from .language import detect_language

TEXT_EXTS = (".txt", ".text", ".md")
HTML_EXTS = (".html", ".htm", ".xhtml")
JSONL_EXTS = (".jsonl", ".ndjson")
FEED_EXTS = (".xml", ".rss", ".atom")
WARC_EXTS = (".warc", ".warc.gz")
READABLE = TEXT_EXTS + HTML_EXTS + JSONL_EXTS + FEED_EXTS
STDIN = "-"
STDIN_NAME = "<stdin>"  # how standard input is named in Failures and source_path

# Magic numbers of common non-text files: (prefix, what it is).
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"RIFF", "a RIFF file (WebP image, WAV or AVI)"),
    (b"PK\x03\x04", "a zip archive (or a .docx/.xlsx/.epub)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf", "a 7-zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ", "an xz archive"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a Windows program"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"SQLite format 3", "an SQLite database"),
    (b"\x00\x00\x00\x18ftyp", "a video"),
    (b"\x00\x00\x00\x20ftyp", "a video"),
    (b"ID3", "an MP3 file"),
    (b"OggS", "an Ogg media file"),
    (b"\x1a\x45\xdf\xa3", "a video (Matroska/WebM)"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_SNIFF = 8192


# ---------------------------------------------------------------------------------------------
# Bytes -> text, with the checks a user needs to hear about


def human_size(n: int) -> str:
    """A byte count as people write it: "100 bytes", "1.5 KB", "20 MB" (units of 1024)."""
    if n < 1024:
        return f"{n} byte" if n == 1 else f"{n} bytes"
    for unit, size in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if n >= size:
            value = n / size
            return f"{value:.0f} {unit}" if n % size == 0 or value >= 100 else f"{value:.1f} {unit}"
    return f"{n} bytes"  # unreachable


def _too_large(what: str, size: int | None, limit: int) -> TooLargeInputError:
    size_text = f"is {human_size(size)}" if size is not None else "is larger"
    return TooLargeInputError(
        what,
        f"{size_text}, over the {human_size(limit)} limit; split it or raise max_bytes (CLAIMTRAIL_MAX_BYTES)",
    )


def check_binary(data: bytes, what: str) -> None:
    """Raise ``BinaryInputError`` if the bytes start like an image, PDF, archive or program, or
    contain NUL bytes (text never does, unless it is UTF-16/32 with its byte-order mark)."""
    head = data[:_SNIFF]
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            raise BinaryInputError(what, f"is not text but {kind}; convert it to text or HTML first")
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return
    if b"\x00" in head:
        raise BinaryInputError(what, "is not text (it contains NUL bytes); convert it to text or HTML first")


def decode_text(data: bytes, what: str, encoding: str | None = None) -> str:
    """Decode bytes as UTF-8 (a UTF-8 or UTF-16/32 byte-order mark is honoured and dropped), or as
    ``encoding`` when the caller names one. Raises ``EncodingInputError`` with the first bad byte."""
    if encoding:
        try:
            return data.decode(encoding)
        except LookupError as exc:
            raise EncodingInputError(what, f"unknown encoding {encoding!r}") from exc
        except UnicodeDecodeError as exc:
            raise EncodingInputError(
                what, f"not valid {encoding} (byte 0x{data[exc.start]:02X} at offset {exc.start})"
            ) from exc
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise EncodingInputError(
                    what,
                    f"starts with a {codec} byte-order mark but is not valid {codec}; convert it to UTF-8",
                ) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise EncodingInputError(
            what,
            f"not valid UTF-8 (byte 0x{data[exc.start]:02X} at offset {exc.start}); convert it to UTF-8",
        ) from exc


def _is_gzip_name(path: str) -> bool:
    return path.lower().endswith(".gz")


def read_bytes(path: str, settings: Settings | None = None) -> bytes:
    """The bytes of a file (decompressed if it ends in ``.gz``), refusing files over
    ``settings.max_bytes`` before reading them. Raises ``InputError`` subclasses."""
    settings = settings or Settings()
    limit = settings.max_bytes
    try:
        size = os.stat(path).st_size
        if _is_gzip_name(path):
            with gzip.open(path, "rb") as fh:
                data = fh.read(limit + 1)
            if len(data) > limit:
                raise TooLargeInputError(
                    path,
                    f"decompresses to more than the {human_size(limit)} limit; split it or raise max_bytes",
                )
            return data
        if size > limit:
            raise _too_large(path, size, limit)
        with open(path, "rb") as fh:
            return fh.read(limit + 1)
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        raise InputError(path, f"is a truncated or corrupt gzip file ({exc})") from exc
    except PermissionError as exc:
        raise InputError(path, "cannot be read: permission denied") from exc
    except IsADirectoryError as exc:
        raise InputError(path, "is a directory, not a file") from exc
    except OSError as exc:
        raise InputError(path, f"cannot be read: {exc.strerror or exc}") from exc


def text_from_bytes(data: bytes, what: str, encoding: str | None = None) -> str:
    """Checked text from bytes: not empty, not binary, decodable, not only whitespace."""
    if not data:
        raise EmptyInputError(what, "is empty (0 bytes)")
    check_binary(data, what)
    text = decode_text(data, what, encoding)
    if not text.strip():
        raise EmptyInputError(what, "contains only whitespace")
    return text


def read_text_file(path: str, encoding: str | None = None, settings: Settings | None = None) -> str:
    """The text of a plain-text file exactly as it is (decoded, nothing cleaned), so offsets index
    it. Raises ``InputError`` subclasses: empty, binary, not UTF-8, too large, unreadable."""
    return text_from_bytes(read_bytes(path, settings), path, encoding)


# ---------------------------------------------------------------------------------------------
# What kind of input is it?


def is_url(value: str) -> bool:
    return value[:8].lower().startswith(("http://", "https://"))


def kind_of_name(path: str) -> str | None:
    """ "text" | "html" | "jsonl" | "feed" | "warc" from the file name, or None if unknown."""
    name = path.lower()
    if name.endswith(WARC_EXTS):
        return "warc"
    if name.endswith(".gz"):
        name = name[:-3]
    for exts, kind in (
        (TEXT_EXTS, "text"),
        (HTML_EXTS, "html"),
        (JSONL_EXTS, "jsonl"),
        (FEED_EXTS, "feed"),
    ):
        if name.endswith(exts):
            return kind
    return None


def sniff_kind(data: bytes) -> str:
    """Guess the kind of unnamed content (standard input, a file without a known extension)."""
    head = data[:_SNIFF].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"warc/"):
        return "warc"
    if head.startswith(b"<"):
        if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
            return "feed"
        return "html"
    if head.startswith(b"{"):
        first = data.lstrip().split(b"\n", 1)[0]
        try:
            if isinstance(json.loads(first), dict):
                return "jsonl"
        except ValueError:
            pass
    return "text"


# ---------------------------------------------------------------------------------------------
# Completing an article: ids, dates, language; the English-only gate


@lru_cache(maxsize=1)
def _date_inferrer() -> Callable[[str], date | None] | None:
    try:
        from claimtrail.extract.temporal import latest_full_date  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - the temporal extractor may be missing or broken
        return None
    return latest_full_date


def infer_published(text: str) -> date | None:
    """The latest full date written in the text (see ``extract.temporal.latest_full_date``), or None."""
    infer = _date_inferrer()
    if infer is None:
        return None
    try:
        found = [infer(text[s:e]) for s, e in _year_windows(text)]
    except Exception:  # noqa: BLE001 - inference is a best effort, never a reason to fail
        return None
    dates = [d for d in found if isinstance(d, date)]
    return max(dates) if dates else None


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _year_windows(text: str, before: int = 40, after: int = 12) -> list[tuple[int, int]]:
    """Stretches of text around each written year: a full date always holds one, so only these need
    the date grammar (the whole text is parsed again later by the times component)."""
    windows: list[tuple[int, int]] = []
    for m in _YEAR.finditer(text):
        start, end = max(0, m.start() - before), min(len(text), m.end() + after)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def finish_article(
    article: Article,
    settings: Settings,
    *,
    published: date | None = None,
    url: str | None = None,
    outlet: str | None = None,
    override: bool = True,
) -> Article | Failure:
    """Fill in what the reader could not: overrides (``override`` True: they win; False: they only
    fill gaps), article id, outlet, inferred publication date, language. Returns a Failure for text
    that is too short, or not English when ``settings.english_only``."""
    normalised = normalise_article(article)
    if isinstance(normalised, Failure):
        return normalised
    article = normalised
    source = article.source_path or article.url or "input"
    changes: dict[str, Any] = {}
    if url and (override or not article.url):
        changes["url"] = url
    if outlet and (override or not article.outlet):
        changes["outlet"] = outlet
    if published and (override or not article.published):
        changes["published"] = published
        changes["published_inferred"] = False
    article = replace(article, **changes) if changes else article
    if not article.outlet and article.url:
        article.outlet = hostname_outlet(article.url)
    if "url" in changes or not article.article_id:
        article.article_id = article_id_for(article.url, article.text)
    stripped = len(article.text.strip())
    if stripped < settings.min_chars:
        return Failure(
            source, f"has only {stripped} characters of text (at least {settings.min_chars} needed)"
        )
    if article.published is None:
        inferred = infer_published(article.text)
        if inferred is not None:
            article.published = inferred
            article.published_inferred = True
    if article.language is None:
        article.language = detect_language(article.text)
    if settings.english_only and article.language not in (None, "en"):
        return Failure(source, f"language is {article.language}, not English; claimtrail reads English only")
    return article


def parse_date_value(value: object) -> date | None:
    """A publication date given in a record: ISO first ("2024-05-01", "2024-05-01T10:00Z"), then
    an unambiguous written form ("1 May 2024", "Wed, 01 May 2024 10:00:00 GMT"). None if neither."""
    day = parse_iso_date(value)
    if day is not None or not isinstance(value, str):
        return day
    from dateutil import parser as dateutil_parser

    try:
        default = dateutil_parser.parse("1900-01-01")
        parsed = dateutil_parser.parse(value, default=default)
    except (ValueError, OverflowError, TypeError):
        return None
    if parsed.year == 1900 and "1900" not in value:  # no year written: too vague to use
        return None
    return parsed.date()


# ---------------------------------------------------------------------------------------------
# Readers, one per kind; each yields Articles (not yet finished) and Failures


def _one_line(reason: str) -> str:
    return " ".join(reason.split())


def _read_single(
    data: bytes, kind: str, source: str, encoding: str | None, url: str | None = None
) -> Article:
    """One article from the bytes of a text or HTML document."""
    if kind == "html":
        if not data.strip():
            raise EmptyInputError(source, "is empty (0 bytes)" if not data else "contains only whitespace")
        check_binary(data, source)
        html: str | bytes = decode_text(data, source, encoding) if encoding else data
        try:
            article = html_to_article(html, url=url)
        except InputError as exc:
            raise InputError(source, exc.reason) from exc
    else:
        article = Article(text=text_from_bytes(data, source, encoding), fmt="text")
    article.source_path = source
    return article


def _iter_lines(fh: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) for each line; bytes is None for a line longer than ``limit``, which is
    skipped without holding it in memory."""
    number = 0
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while True:  # drain the rest of the overlong line
                chunk = fh.readline(1024 * 1024)
                if not chunk or chunk.endswith(b"\n"):
                    break
            yield number, None
            continue
        yield number, line


def _jsonl_record(
    raw: bytes, number: int, path: str, settings: Settings, encoding: str | None
) -> Article | Failure:
    where = f"{path}:{number}"
    try:
        line = raw.decode(encoding or ("utf-8-sig" if number == 1 else "utf-8"))
    except (UnicodeDecodeError, LookupError) as exc:
        pos = getattr(exc, "start", 0)
        return Failure(where, f"line {number} is not valid UTF-8 (byte 0x{raw[pos]:02X} at column {pos + 1})")
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return Failure(where, f"line {number} is not valid JSON ({exc.msg} at column {exc.colno})")
    if not isinstance(obj, dict):
        return Failure(where, f"line {number} is not a JSON object")
    text, html = obj.get("text"), obj.get("html")
    record_url = obj.get("url") if isinstance(obj.get("url"), str) else None
    if isinstance(text, str) and text.strip():
        article = Article(text=text, fmt="jsonl")
    elif isinstance(html, str) and html.strip():
        try:
            article = html_to_article(html, url=record_url)
        except InputError as exc:
            return Failure(where, f"line {number}: {exc.reason}")
        article.fmt = "jsonl"
    elif "text" in obj or "html" in obj:
        return Failure(where, f'line {number}: "text"/"html" is empty or not a string')
    else:
        return Failure(where, f'line {number} has no "text" or "html" field')
    if record_url:
        article.url = record_url
    for key in ("title", "outlet"):
        if isinstance(obj.get(key), str) and obj[key].strip():
            setattr(article, key, obj[key].strip())
    raw_date = obj.get("published")
    if raw_date not in (None, ""):
        day = parse_date_value(raw_date)
        if day is None:
            return Failure(where, f"line {number}: published {raw_date!r} is not a date (use YYYY-MM-DD)")
        article.published = day
    article.source_path = where
    return article


def _iter_jsonl(path: str, settings: Settings, encoding: str | None) -> Iterator[Article | Failure]:
    opener = gzip.open if _is_gzip_name(path) else open
    found = 0
    with opener(path, "rb") as fh:  # type: ignore[operator]
        head = fh.read(_SNIFF)
        check_binary(head, path)
        fh.seek(0)
        for number, raw in _iter_lines(fh, settings.max_bytes):
            if raw is None:
                yield Failure(
                    f"{path}:{number}", f"line {number} is over the {human_size(settings.max_bytes)} limit"
                )
                continue
            if not raw.strip():
                continue
            found += 1
            yield _jsonl_record(raw, number, path, settings, encoding)
    if not found:
        raise EmptyInputError(path, "has no JSON lines" if head.strip() else "is empty (0 bytes)")


def _read_file(
    path: str, settings: Settings, encoding: str | None, kind: str | None = None
) -> Iterator[Article | Failure]:
    """Everything in one file: one article, or the records of a container (JSONL, feed, WARC)."""
    from . import fetch

    kind = kind or kind_of_name(path)
    if kind == "warc":
        yield from fetch.iter_warc(path, settings)
        return
    if kind == "jsonl":
        yield from _iter_jsonl(path, settings, encoding)
        return
    data = read_bytes(path, settings)
    if kind is None:
        if not data:
            raise EmptyInputError(path, "is empty (0 bytes)")
        check_binary(data, path)
        kind = sniff_kind(data)
        if kind in ("jsonl", "warc"):
            yield from _read_file(path, settings, encoding, kind)
            return
    if kind == "feed":
        if not data.strip():
            raise EmptyInputError(path, "is empty (0 bytes)" if not data else "contains only whitespace")
        check_binary(data, path)
        yield from fetch.iter_feed(data, path, settings)
        return
    yield _read_single(data, kind, path, encoding)


def iter_files(root: str) -> Iterator[str]:
    """Readable files under a directory, recursively, in sorted order, skipping hidden files and
    folders (names starting with a dot) and files of unknown kinds. Symlinked folders are not
    followed (they can loop)."""
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from iter_files(entry.path)
            elif entry.is_file() and kind_of_name(entry.name) is not None:
                yield entry.path
        except OSError:
            continue


def _guard(items: Iterable[Article | Failure], source: str) -> Iterator[Article | Failure]:
    """Turn any exception raised while reading ``source`` into a Failure and stop that input."""
    try:
        yield from items
    except InputError as exc:
        yield Failure(exc.what if exc.what else source, _one_line(exc.reason))
    except MemoryError:
        yield Failure(source, "is too large to read in memory; split it or lower max_bytes")
    except Exception as exc:  # noqa: BLE001 - one broken input never stops a batch
        yield Failure(source, _one_line(f"could not be read ({type(exc).__name__}: {exc})"))


def _read_stdin(settings: Settings, encoding: str | None) -> Iterator[Article | Failure]:
    from . import fetch

    if sys.stdin is None or getattr(sys.stdin, "closed", False):
        raise EmptyInputError(STDIN_NAME, "is not available (no standard input)")
    stream = getattr(sys.stdin, "buffer", None)
    data = stream.read(settings.max_bytes + 1) if stream is not None else sys.stdin.read().encode("utf-8")
    if len(data) > settings.max_bytes:
        raise _too_large(STDIN_NAME, None, settings.max_bytes)
    if not data:
        raise EmptyInputError(STDIN_NAME, "is empty")
    check_binary(data, STDIN_NAME)
    kind = sniff_kind(data)
    if kind == "feed":
        yield from fetch.iter_feed(data, STDIN_NAME, settings)
    elif kind == "jsonl":
        import io

        for number, raw in _iter_lines(io.BytesIO(data), settings.max_bytes):
            if raw is not None and raw.strip():
                yield _jsonl_record(raw, number, STDIN_NAME, settings, encoding)
    else:
        yield _read_single(data, "html" if kind == "html" else "text", STDIN_NAME, encoding)


def _expand(item: str, settings: Settings, encoding: str | None) -> tuple[Iterator[Article | Failure], bool]:
    """The records of one command-line item, and whether it is a single-article input."""
    from . import fetch

    if item == STDIN:
        return _read_stdin(settings, encoding), True
    if is_url(item):
        return fetch.iter_url(item, settings), False
    if not os.path.lexists(item):
        return iter([Failure(item, "does not exist; check the path")]), False
    if os.path.isdir(item):
        return _iter_directory(item, settings, encoding), False
    kind = kind_of_name(item)
    return _read_file(item, settings, encoding), kind in ("text", "html", None)


def _iter_directory(root: str, settings: Settings, encoding: str | None) -> Iterator[Article | Failure]:
    found = 0
    for path in iter_files(root):
        found += 1
        yield from _guard(_read_file(path, settings, encoding), path)
    if not found:
        yield Failure(
            root,
            "has no readable files (.txt, .md, .html, .jsonl, .xml/.rss/.atom, .warc); "
            "hidden files and other kinds are skipped",
        )


def iter_inputs(
    paths: list[str],
    *,
    published: date | None = None,
    url: str | None = None,
    outlet: str | None = None,
    settings: Settings | None = None,
    encoding: str | None = None,
) -> Iterator[Article | Failure]:
    """Yield an Article for each article in ``paths`` (files, directories, http(s) URLs, "-" for
    standard input), or a Failure(source, reason) for each input or record that cannot be used.

    ``published``/``url``/``outlet`` override what a single-article file (text, HTML, stdin) says;
    for containers (directories, JSONL, feeds, WARC) ``published`` and ``outlet`` only fill gaps and
    ``url`` is ignored (it would give every record the same id). ``encoding`` forces a text encoding
    instead of UTF-8. Never raises for a bad input; reads lazily, one record at a time.
    """
    settings = settings or Settings()
    for item in paths:
        records, single = _expand(item, settings, encoding)
        for record in _guard(records, item):
            if isinstance(record, Failure):
                yield safe_failure(record)
                continue
            try:
                finished = finish_article(
                    record,
                    settings,
                    published=published,
                    url=url if single else None,
                    outlet=outlet,
                    override=single,
                )
            except Exception as exc:  # noqa: BLE001 - never let one article stop the batch
                finished = Failure(record.source_path or item, _one_line(f"could not be completed ({exc})"))
            yield safe_failure(finished) if isinstance(finished, Failure) else finished
