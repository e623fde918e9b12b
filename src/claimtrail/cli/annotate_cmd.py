"""`claimtrail annotate`: what every extractor finds in files, without a ledger (the annotate contract)."""

from __future__ import annotations

import json
import sys

import typer

from .common import err, fail, parse_date, reports_errors


@reports_errors
def annotate_command(
    paths: list[str] = typer.Argument(..., help="Files or directories to annotate (not stored)."),
    published: str = typer.Option(None, "--published", help="Reference date YYYY-MM-DD for relative dates."),
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl (one object per input) or json (a list)."),
    exclude: list[str] = typer.Option(
        [],
        "--exclude",
        metavar="NAME",
        help="Leave a component out, e.g. places or claimtrail_places (repeatable); its list stays empty.",
    ),
) -> None:
    """Run the extractors on files without touching the ledger; print everything they found."""
    from ..annotate import annotate_paths
    from ..nlp.pipeline import PipelineError, resolve_exclude

    if fmt not in ("jsonl", "json"):
        fail(f"--format: {fmt!r} is not jsonl or json")
    try:
        excluded = resolve_exclude(exclude)
    except PipelineError as exc:
        fail(f"--exclude: {exc}", code=2)
    reference = parse_date(published, "--published")
    failed = 0
    objects = []
    for obj in annotate_paths(paths, published=reference, exclude=excluded):
        failed += "error" in obj
        if fmt == "jsonl":
            sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
            sys.stdout.flush()
        else:
            objects.append(obj)
    if fmt == "json":
        sys.stdout.write(json.dumps(objects, ensure_ascii=False, indent=1) + "\n")
    if failed:
        err.print(f'{failed} input(s) could not be read: see their "error" field', highlight=False)
        raise typer.Exit(1)
