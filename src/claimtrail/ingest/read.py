"""Read every kind of input into Article records, one at a time: the one place inputs are dispatched.

``iter_inputs`` takes what a user types on the command line (files, directories, URLs, "-" for
standard input) and yields an ``Article`` per article found, or a ``Failure`` naming the input and a
reason the user can act on. It never raises for a bad input, so one broken file never stops a batch,
and it streams: a directory, a JSONL dump or a WARC file is read one record at a time.

The path of an input is a straight line::

    item --(stdin | URL | directory | file)--> kind (kinds.py) --> reader of that kind
         (document.py: text/HTML, jsonl.py, feed.py, warc.py, fetch.py: URLs)
         --> finish_article (finish.py: overrides, id, date, language, gates) --> Article | Failure

Plain text is read exactly as it is (only decoded, ``decode.py``): every character offset the
extractors report points into that text. HTML goes through trafilatura (``clean.py``).
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterable, Iterator
from datetime import date

from claimtrail.errors import EmptyInputError, InputError
from claimtrail.model import Article, Failure
from claimtrail.settings import Settings

from .boundary import one_line, safe_failure
from .decode import check_binary, check_content, too_large
from .document import read_document
from .feed import iter_feed
from .fetch import iter_url
from .files import iter_files, read_bytes
from .finish import finish_article
from .jsonl import iter_jsonl, iter_jsonl_file
from .kinds import Kind, is_url, kind_of_name, sniff_kind
from .warc import iter_warc

STDIN = "-"
STDIN_NAME = "<stdin>"  # how standard input is named in Failures and source_path

Records = Iterator[Article | Failure]


def iter_inputs(
    paths: list[str],
    *,
    published: date | None = None,
    url: str | None = None,
    outlet: str | None = None,
    settings: Settings | None = None,
    encoding: str | None = None,
) -> Records:
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
                finished = Failure(record.source_path or item, one_line(f"could not be completed ({exc})"))
            yield safe_failure(finished) if isinstance(finished, Failure) else finished


def _expand(item: str, settings: Settings, encoding: str | None) -> tuple[Records, bool]:
    """The records of one command-line item, and whether it is a single-article input."""
    if item == STDIN:
        return _read_stdin(settings, encoding), True
    if is_url(item):
        return iter_url(item, settings), False
    if not os.path.lexists(item):
        return iter([Failure(item, "does not exist; check the path")]), False
    if os.path.isdir(item):
        return _iter_directory(item, settings, encoding), False
    return _read_file(item, settings, encoding), kind_of_name(item) in ("text", "html", None)


def _guard(items: Iterable[Article | Failure], source: str) -> Records:
    """Turn any exception raised while reading ``source`` into a Failure and stop that input."""
    try:
        yield from items
    except InputError as exc:
        yield Failure(exc.what if exc.what else source, one_line(exc.reason))
    except MemoryError:
        yield Failure(source, "is too large to read in memory; split it or lower max_bytes")
    except Exception as exc:  # noqa: BLE001 - one broken input never stops a batch
        yield Failure(source, one_line(f"could not be read ({type(exc).__name__}: {exc})"))


def _iter_directory(root: str, settings: Settings, encoding: str | None) -> Records:
    """The records of every readable file under ``root``; a bad file stops only itself."""
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


def _read_file(path: str, settings: Settings, encoding: str | None, kind: Kind | None = None) -> Records:
    """Everything in one file: one article, or the records of a container (JSONL, feed, WARC).
    Containers that can be large are streamed from the file; a file of unknown kind is sniffed."""
    kind = kind or kind_of_name(path)
    if kind == "warc":
        yield from iter_warc(path, settings)
        return
    if kind == "jsonl":
        yield from iter_jsonl_file(path, settings, encoding)
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
    yield from _read_content(data, kind, path, settings, encoding)


def _read_stdin(settings: Settings, encoding: str | None) -> Records:
    """The records of standard input, read whole (up to ``settings.max_bytes``) and sniffed."""
    if sys.stdin is None or getattr(sys.stdin, "closed", False):
        raise EmptyInputError(STDIN_NAME, "is not available (no standard input)")
    stream = getattr(sys.stdin, "buffer", None)
    data = stream.read(settings.max_bytes + 1) if stream is not None else sys.stdin.read().encode("utf-8")
    if len(data) > settings.max_bytes:
        raise too_large(STDIN_NAME, None, settings.max_bytes)
    if not data:
        raise EmptyInputError(STDIN_NAME, "is empty")
    check_binary(data, STDIN_NAME)
    yield from _read_content(data, sniff_kind(data), STDIN_NAME, settings, encoding)


def _read_content(data: bytes, kind: Kind, source: str, settings: Settings, encoding: str | None) -> Records:
    """The records of content held in memory (a file's bytes, standard input), by its kind; a WARC
    archive given on standard input is read as text (archives are read from files only)."""
    if kind == "feed":
        check_content(data, source)
        yield from iter_feed(data, source)
    elif kind == "jsonl":
        yield from iter_jsonl(io.BytesIO(data), source, settings, encoding)
    else:
        yield read_document(data, "html" if kind == "html" else "text", source, encoding)
