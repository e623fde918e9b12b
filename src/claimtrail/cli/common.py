"""Shared CLI plumbing: consoles, options, date parsing, error reporting, the ledger handle.

Output safety: both consoles print text *literally* (no markup, no ``:emoji:`` codes), so an article, outlet,
title or path holding ``[/sic]`` or ``[entry 1]`` is shown as written, never read as Rich markup,
whether it goes through ``print``, a table cell, a table title or a rule. Styled messages are built
with ``styled()``, which appends every value as plain text, never parsed as markup.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import date
from functools import wraps
from string import Formatter
from typing import Any, NoReturn, ParamSpec, TypeVar

import click
import typer
from rich.console import Console
from rich.text import Text

from ..errors import ClaimtrailError, InputError
from ..settings import load_settings

out = Console(soft_wrap=False, markup=False, emoji=False)
err = Console(stderr=True, soft_wrap=True, markup=False, emoji=False)

P = ParamSpec("P")
R = TypeVar("R")

DB_HELP = "Ledger: an SQLite file or an SQLAlchemy URL (env CLAIMTRAIL_DB; default claimtrail.db)."
DEBUG_VARIABLE = "CLAIMTRAIL_DEBUG"

#: Exceptions that are not failures to report here: exits (typer's and click's) and usage errors.
PASS_THROUGH = (typer.Exit, typer.Abort, click.exceptions.Exit, click.exceptions.Abort, click.ClickException)


def styled(template: str, **values: object) -> Text:
    """Rich text from our own ``template`` with ``{name}`` (or ``{name:style}``) fields filled by
    ``values``. Only the template's literal parts are read as markup (each must close its own
    tags); a value is appended as plain text, never parsed, so a user's string can never open,
    close or swallow a tag: ``styled("[red]failed[/] {source}", source="no[/x]such.txt")``,
    ``styled("{n:bold} added", n=3)``."""
    text = Text()
    for literal, field, style, _conversion in Formatter().parse(template):
        if literal:
            text.append_text(Text.from_markup(literal))
        if field is not None:
            text.append(str(values[field]), style=style or None)
    return text


def fail(message: str, code: int = 1) -> NoReturn:
    """Print a one-line error to stderr (the message shown literally) and exit non-zero."""
    err.print(styled("[bold red]error:[/] {message}", message=message), highlight=False)
    raise typer.Exit(code)


def command_name(func: Callable[..., Any]) -> str:
    """The CLI name of a command function: ``sources_list_command`` -> ``sources list``."""
    return func.__name__.removesuffix("_command").replace("_", " ")


def silence_stdout() -> None:
    """Point standard output at /dev/null, so the flush at exit cannot fail a second time (a full
    disk, a closed pipe) and print Python's 'Exception ignored' noise after our one-line message."""
    with suppress(OSError, ValueError, AttributeError):
        fd = sys.stdout.fileno()
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, fd)
        os.close(devnull)


#: errno values that mean the output could not be written (a full disk, a quota, a dead terminal).
WRITE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EROFS})


def os_error_text(exc: OSError) -> str:
    """An OSError in words: the file it concerns, or 'cannot write the output' for a full disk."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    if exc.filename:
        return f"{exc.filename}: {reason}"
    if exc.errno in WRITE_ERRNOS:
        return f"cannot write the output: {reason}"
    return reason


def reports_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn every failure of a command into one line on stderr and a non-zero exit.

    claimtrail's own errors carry their message; a closed pipe (``claimtrail export | head``) ends
    quietly; any other OSError (a full disk) names its reason; anything unexpected is reported as an
    internal error with its type (set CLAIMTRAIL_DEBUG=1 to see the traceback instead)."""
    name = command_name(func)

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except PASS_THROUGH:
            raise  # exits and usage errors: typer and click report them themselves
        except ClaimtrailError as exc:
            fail(str(exc))
        except BrokenPipeError:  # `claimtrail export | head`
            silence_stdout()
            raise typer.Exit(0) from None
        except KeyboardInterrupt:
            fail(f"{name}: interrupted", code=130)
        except Exception as exc:
            if os.environ.get(DEBUG_VARIABLE, "").strip() not in ("", "0"):
                raise
            if isinstance(exc, OSError):
                if exc.errno in WRITE_ERRNOS and not exc.filename:  # most likely stdout itself
                    silence_stdout()
                fail(f"{name}: {os_error_text(exc)}")
            detail = " ".join(str(exc).split()) or "no message"
            fail(
                f"internal error in {name}: {type(exc).__name__}: {detail} "
                f"(run with {DEBUG_VARIABLE}=1 for the traceback)"
            )

    return wrapper


def parse_date(value: str | None, option: str) -> date | None:
    """A YYYY-MM-DD option value, or a clear InputError."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(option, f"{value!r} is not a date in the form YYYY-MM-DD") from None


@contextmanager
def ledger_for(db: str | None, create: bool = False) -> Iterator[Any]:
    """The ledger named by ``--db`` (or the settings). Reading commands leave ``create`` False and
    so refuse a path that holds no ledger; only ``ingest`` (and grading) create one."""
    from ..store.ledger import open_ledger

    settings = load_settings(db=db)
    ledger = open_ledger(settings.db, create=create)
    try:
        yield ledger
    finally:
        ledger.close()
