"""`claimtrail export`: the ledger's claims as machine-readable output."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

import typer

from ..errors import OutputError
from ..export import FORMATS, Grades, export, export_to_file
from ..model import EVENTS, Claim
from ..store.filters import ClaimFilter
from .common import DB_HELP, err, fail, ledger_for, reports_errors, silence_stdout


@reports_errors
def export_command(
    fmt: str = typer.Option("jsonl", "--format", "-f", help=f"One of: {', '.join(FORMATS)}."),
    output: str | None = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
    db: str = typer.Option(None, "--db", help=DB_HELP),
    event: str = typer.Option(None, "--event", help=f"Only claims with this event: {', '.join(EVENTS)}."),
    country: str = typer.Option(None, "--country", help="Only claims whose subject has this country code."),
    search: str = typer.Option(None, "--search", "-s", help="Only claims whose sentence matches."),
) -> None:
    """Export claims: jsonl (the claims.jsonl contract), csv, parquet (needs --output) or geojson.

    A file is written atomically (all or nothing); a write error (a full disk) is one line and exit 1."""
    if fmt not in FORMATS:
        fail(f"--format: {fmt!r} is not one of {', '.join(FORMATS)}")
    if output == "-":
        output = None
    if fmt == "parquet" and not output:
        fail("--format parquet: needs an output file: give --output FILE.parquet")
    if output is not None:
        check_output(output)
    where = ClaimFilter.parse(
        {"event": "--event", "country": "--country", "search": "--search"},
        event=event,
        country=country,
        search=search,
    )
    with ledger_for(db) as ledger:
        claims = ledger.iter_claims(where)
        grades = None
        if fmt in ("csv", "parquet"):  # Admiralty columns; the JSONL contract never carries them
            from ..fusion import claim_grades

            grades = claim_grades(ledger)
        if output:
            n = export_to_file(claims, fmt, output, grades=grades)
        else:
            n = export_to_stdout(claims, fmt, grades)
    err.print(f"{n} {'features' if fmt == 'geojson' else 'claims'} exported as {fmt}", highlight=False)


def check_output(output: str) -> None:
    """Refuse an --output that cannot be a file, before any work is done."""
    path = Path(output)
    if path.is_dir():
        fail(f"--output {output}: is a folder; give a file name")
    parent = path.resolve().parent
    if not parent.is_dir():
        fail(f"--output {output}: the folder {parent} does not exist")


def export_to_stdout(claims: Iterable[Claim], fmt: str, grades: Grades | None) -> int:
    """Stream an export to standard output; a failed write (a full disk) becomes an OutputError."""
    try:
        n = export(claims, fmt, out=sys.stdout, grades=grades)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        silence_stdout()
        raise OutputError("standard output", f"cannot write the export: {exc.strerror or exc}") from None
    return n
