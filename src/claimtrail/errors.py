"""Exception types. Each message names the input and the reason, so a user can act on it."""

from __future__ import annotations


class ClaimtrailError(Exception):
    """Base class: anything claimtrail reports to a user as a one-line message."""


class InputError(ClaimtrailError):
    """An input (file, URL, JSONL line, option) cannot be used; the message says which and why."""

    def __init__(self, what: str, reason: str) -> None:
        self.what = what
        self.reason = reason
        super().__init__(f"{what}: {reason}")


class EmptyInputError(InputError):
    """The input has no text to read."""


class BinaryInputError(InputError):
    """The input is not text (an image, an archive, a PDF...)."""


class EncodingInputError(InputError):
    """The input is not valid in any encoding we accept."""


class TooLargeInputError(InputError):
    """The input is bigger than the configured limit."""


class UnsupportedLanguageError(InputError):
    """The article is not in English; claimtrail's extractors read English only."""


class FetchError(InputError):
    """A URL or feed could not be fetched."""


class LedgerError(ClaimtrailError):
    """The ledger database cannot be opened or written."""


class ModelNotFoundError(ClaimtrailError):
    """The English spaCy model package is not installed."""


class OutputError(ClaimtrailError):
    """An output (an export file, standard output) cannot be written; the message says which and why."""

    def __init__(self, what: str, reason: str) -> None:
        self.what = what
        self.reason = reason
        super().__init__(f"{what}: {reason}")


class ResourceError(ClaimtrailError):
    """A data file under resources/ (a lexicon, a table) does not have the shape its schema says."""

    def __init__(self, name: str, reason: str) -> None:
        self.name = name
        self.reason = reason
        super().__init__(f"resources/{name}: {reason}")
