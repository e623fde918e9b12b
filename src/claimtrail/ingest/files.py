"""Files and directories: bytes of a file (gzip included) within the size limit, readable files of a
directory tree, the text of a plain-text file."""

from __future__ import annotations

import gzip
import io
import os
import zlib
from collections.abc import Iterator

from claimtrail.errors import InputError, TooLargeInputError
from claimtrail.settings import Settings

from .decode import human_size, text_from_bytes, too_large
from .kinds import is_gzip_name, kind_of_name


def open_binary(path: str) -> io.BufferedIOBase:
    """The file opened for reading bytes, decompressed on the fly if its name ends in ``.gz``."""
    return gzip.open(path, "rb") if is_gzip_name(path) else open(path, "rb")


def read_bytes(path: str, settings: Settings | None = None) -> bytes:
    """The bytes of a file (decompressed if it ends in ``.gz``), refusing files over
    ``settings.max_bytes`` before reading them. Raises ``InputError`` subclasses."""
    limit = (settings or Settings()).max_bytes
    try:
        size = os.stat(path).st_size
        if not is_gzip_name(path) and size > limit:
            raise too_large(path, size, limit)
        with open_binary(path) as fh:
            data = _read_upto(fh, limit + 1, None if is_gzip_name(path) else size + 1)
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        raise InputError(path, f"is a truncated or corrupt gzip file ({exc})") from exc
    except PermissionError as exc:
        raise InputError(path, "cannot be read: permission denied") from exc
    except IsADirectoryError as exc:
        raise InputError(path, "is a directory, not a file") from exc
    except OSError as exc:
        raise InputError(path, f"cannot be read: {exc.strerror or exc}") from exc
    if is_gzip_name(path) and len(data) > limit:
        raise TooLargeInputError(
            path, f"decompresses to more than the {human_size(limit)} limit; split it or raise max_bytes"
        )
    return data


def _read_upto(fh: io.BufferedIOBase, most: int, expected: int | None) -> bytes:
    """At most ``most`` bytes of ``fh``. With the file's ``expected`` size (+1) known, that much is
    asked for first: ``read(most)`` would set aside a buffer of the whole limit (20 MB) per file."""
    if expected is None or expected >= most:
        return fh.read(most)
    data = fh.read(expected)
    if len(data) < expected:
        return data
    return data + fh.read(most - len(data))  # the file grew since it was measured


def read_text_file(path: str, encoding: str | None = None, settings: Settings | None = None) -> str:
    """The text of a plain-text file exactly as it is (decoded, nothing cleaned), so offsets index
    it. Raises ``InputError`` subclasses: empty, binary, not UTF-8, too large, unreadable."""
    return text_from_bytes(read_bytes(path, settings), path, encoding)


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
