"""Shared CLI plumbing: options, date parsing, error reporting, the ledger handle."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from functools import wraps
from typing import Any, TypeVar

import typer
from rich.console import Console

from ..errors import ClaimtrailError, InputError
from ..settings import load_settings

out = Console(soft_wrap=False)
err = Console(stderr=True, soft_wrap=True)

F = TypeVar("F", bound=Callable[..., Any])

DB_HELP = "Ledger: an SQLite file or an SQLAlchemy URL (env CLAIMTRAIL_DB; default claimtrail.db)."


def fail(message: str, code: int = 1) -> None:
    """Print a one-line error to stderr and exit non-zero."""
    err.print(f"[bold red]error:[/] {message}", markup=True, highlight=False)
    raise typer.Exit(code)


def reports_errors(func: F) -> F:
    """Turn claimtrail's exceptions into one-line messages and a non-zero exit."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ClaimtrailError as exc:
            fail(str(exc))
        except BrokenPipeError:  # `claimtrail export | head`
            sys.stderr.close()
            raise typer.Exit(0) from None

    return wrapper  # type: ignore[return-value]


def parse_date(value: str | None, option: str) -> date | None:
    """A YYYY-MM-DD option value, or a clear InputError."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(option, f"{value!r} is not a date in the form YYYY-MM-DD") from None


@contextmanager
def ledger_for(db: str | None) -> Iterator[Any]:
    from ..store.ledger import open_ledger

    settings = load_settings(db=db)
    ledger = open_ledger(settings.db)
    try:
        yield ledger
    finally:
        ledger.close()
