"""Settings: one frozen dataclass; defaults here, overridable by environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from .errors import InputError

DEFAULT_DB = "claimtrail.db"


@dataclass(frozen=True)
class Settings:
    """What a run needs to know besides its inputs.

    ``db`` is a path to an SQLite file or an SQLAlchemy URL (``postgresql+psycopg://...``).
    ``max_bytes`` caps one input file; larger files are refused with a clear message.
    ``min_english`` is the share of text that must be English for extraction to run.
    """

    db: str = DEFAULT_DB
    max_bytes: int = 20 * 1024 * 1024
    min_chars: int = 20
    batch_size: int = 32
    model: str = "en_core_web_sm"
    english_only: bool = True
    extra: dict[str, str] = field(default_factory=dict)


def load_settings(**overrides: object) -> Settings:
    """Defaults, then ``CLAIMTRAIL_*`` environment variables, then explicit overrides (None skipped).

    A malformed variable raises ``InputError`` naming it, so the user sees which setting to fix."""
    values: dict[str, object] = {}
    if os.environ.get("CLAIMTRAIL_DB", "").strip():
        values["db"] = os.environ["CLAIMTRAIL_DB"].strip()
    max_bytes = env_positive_int("CLAIMTRAIL_MAX_BYTES", "bytes")
    if max_bytes is not None:
        values["max_bytes"] = max_bytes
    for key, value in overrides.items():
        if value is not None:
            values[key] = value
    return Settings(**values)  # type: ignore[arg-type]


def env_positive_int(name: str, unit: str) -> int | None:
    """The environment variable ``name`` as a positive whole number (``_`` separators allowed), None
    when unset or blank; anything else is an ``InputError`` naming the variable and the value."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return None
    try:
        value = int(raw)
    except ValueError:
        raise InputError(name, f"{raw!r} is not a whole number of {unit}") from None
    if value <= 0:
        raise InputError(name, f"{raw!r} must be a positive number of {unit}")
    return value
