"""The ledger store: SQLAlchemy Core tables (``schema``), the Ledger API (``ledger``) and recorded,
numbered migrations (``migrations``). SQLite by default, PostgreSQL for teams; see docs/ledger.md."""

from __future__ import annotations

from .ledger import RELIABILITY, Ledger, open_ledger

__all__ = ["Ledger", "RELIABILITY", "open_ledger"]
