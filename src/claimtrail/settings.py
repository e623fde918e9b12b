"""Settings: one frozen dataclass; defaults here, overridable by environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

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

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]


def load_settings(**overrides: object) -> Settings:
    """Defaults, then ``CLAIMTRAIL_*`` environment variables, then explicit overrides (None skipped)."""
    values: dict[str, object] = {}
    if os.environ.get("CLAIMTRAIL_DB"):
        values["db"] = os.environ["CLAIMTRAIL_DB"]
    if os.environ.get("CLAIMTRAIL_MAX_BYTES"):
        values["max_bytes"] = int(os.environ["CLAIMTRAIL_MAX_BYTES"])
    for key, value in overrides.items():
        if value is not None:
            values[key] = value
    return Settings(**values)  # type: ignore[arg-type]


RESOURCES = Path(__file__).parent / "resources"
