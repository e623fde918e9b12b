"""Bytes to text, with the checks a user needs to hear about: empty, binary, badly encoded, too large.

Every reader (files, standard input, JSONL, feeds, WARC, URLs) goes through these, so an input is
refused for the same reason, in the same words, whatever way it came in. Errors are ``InputError``
subclasses naming the input (``what``) and a reason the user can act on.
"""

from __future__ import annotations

from claimtrail.errors import BinaryInputError, EmptyInputError, EncodingInputError, TooLargeInputError

SNIFF = 8192  # bytes looked at to tell what a content is (binary, HTML, feed, JSON lines)

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


def human_size(n: int) -> str:
    """A byte count as people write it: "100 bytes", "1.5 KB", "20 MB" (units of 1024)."""
    if n < 1024:
        return f"{n} byte" if n == 1 else f"{n} bytes"
    unit, size = next((u, s) for u, s in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)) if n >= s)
    value = n / size
    return f"{value:.0f} {unit}" if n % size == 0 or value >= 100 else f"{value:.1f} {unit}"


def too_large(what: str, size: int | None, limit: int) -> TooLargeInputError:
    """The error for an input over ``limit`` bytes (``size`` None: its size is not known)."""
    size_text = f"is {human_size(size)}" if size is not None else "is larger"
    return TooLargeInputError(
        what,
        f"{size_text}, over the {human_size(limit)} limit; split it or raise max_bytes (CLAIMTRAIL_MAX_BYTES)",
    )


def check_binary(data: bytes, what: str) -> None:
    """Raise ``BinaryInputError`` if the bytes start like an image, PDF, archive or program, or
    contain NUL bytes (text never does, unless it is UTF-16/32 with its byte-order mark)."""
    head = data[:SNIFF]
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            raise BinaryInputError(what, f"is not text but {kind}; convert it to text or HTML first")
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return
    if b"\x00" in head:
        raise BinaryInputError(what, "is not text (it contains NUL bytes); convert it to text or HTML first")


def check_content(data: bytes, what: str) -> None:
    """Raise ``EmptyInputError`` for no bytes or only whitespace, ``BinaryInputError`` for binary
    content: the checks a document read as bytes (HTML, a feed) needs before it is parsed."""
    if not data.strip():
        raise EmptyInputError(what, "is empty (0 bytes)" if not data else "contains only whitespace")
    check_binary(data, what)


def decode_text(data: bytes, what: str, encoding: str | None = None) -> str:
    """Decode bytes as UTF-8 (a UTF-8 or UTF-16/32 byte-order mark is honoured and dropped), or as
    ``encoding`` when the caller names one. Raises ``EncodingInputError`` with the first bad byte."""
    if encoding:
        return _decode_as(data, what, encoding)
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


def _decode_as(data: bytes, what: str, encoding: str) -> str:
    """Decode bytes in the encoding a user named, or say why that fails."""
    try:
        return data.decode(encoding)
    except LookupError as exc:
        raise EncodingInputError(what, f"unknown encoding {encoding!r}") from exc
    except UnicodeDecodeError as exc:
        raise EncodingInputError(
            what, f"not valid {encoding} (byte 0x{data[exc.start]:02X} at offset {exc.start})"
        ) from exc


def text_from_bytes(data: bytes, what: str, encoding: str | None = None) -> str:
    """Checked text from bytes: not empty, not binary, decodable, not only whitespace."""
    if not data:
        raise EmptyInputError(what, "is empty (0 bytes)")
    check_binary(data, what)
    text = decode_text(data, what, encoding)
    if not text.strip():
        raise EmptyInputError(what, "contains only whitespace")
    return text
