"""`claimtrail ingest`: read articles into the ledger, with a progress bar and a closing summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from ..model import Article, Failure
from ..parallel import check_scheduler
from ..run import IngestReport, ingest
from ..settings import load_settings
from ..workserver import prepare_workers
from .common import DB_HELP, err, ledger_for, out, parse_date, reports_errors, styled

if TYPE_CHECKING:
    from ..store.ledger import Ledger


@reports_errors
def ingest_command(
    paths: list[str] = typer.Argument(
        ..., help="Files, directories, JSONL/WARC files, feed or article URLs, or - for stdin."
    ),
    db: str = typer.Option(None, "--db", help=DB_HELP),
    published: str = typer.Option(
        None, "--published", help="Publication date YYYY-MM-DD for single files without one."
    ),
    url: str = typer.Option(None, "--url", help="The article's URL, for a single file."),
    outlet: str = typer.Option(None, "--outlet", help="The outlet (publisher), for single files."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    fusion: bool = typer.Option(True, "--fusion/--no-fusion", help="Update tracked quantities afterwards."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, max=256, help="Extract on this many processes."),
    scheduler: str = typer.Option(
        None,
        "--scheduler",
        help="Extract on a Dask cluster: 'local', or a scheduler address tcp://HOST:PORT.",
    ),
) -> None:
    """Ingest articles: extract their claims and store them in the ledger."""
    published_date = parse_date(published, "--published")
    if scheduler is not None:
        check_scheduler(scheduler)
    settings = load_settings(db=db)
    with ledger_for(db, create=True) as ledger:
        # before the progress bar's thread: the workers' server may then be a fork of this process
        prepare_workers(settings.model, workers=workers, scheduler=scheduler)
        with _IngestProgress(quiet) as progress:
            report = ingest(
                paths,
                ledger,
                published=published_date,
                url=url,
                outlet=outlet,
                settings=settings,
                on_item=progress.advance,
                workers=workers,
                scheduler=scheduler,
            )
        print_summary(report, ledger.count_articles(), ledger.count_claims())
        if fusion and report.articles_added:
            print_fusion(ledger)
    if report.failures:  # the rest was ingested; the exit status still tells a script something failed
        raise typer.Exit(1)


class _IngestProgress:
    """The progress line on stderr while an ingest runs: a spinner, then counts of articles added,
    unchanged and failed (nothing when ``quiet``; gone once the run ends)."""

    def __init__(self, quiet: bool) -> None:
        self.counts = {"added": 0, "skipped": 0, "failed": 0}
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("[bold]ingest"),
            BarColumn(),
            TextColumn(
                "{task.fields[added]} added, {task.fields[skipped]} unchanged, {task.fields[failed]} failed"
            ),
            TimeElapsedColumn(),
            console=err,
            disable=quiet,
            transient=True,
        )
        self.task = self.progress.add_task("ingest", total=None, added=0, skipped=0, failed=0)

    def __enter__(self) -> _IngestProgress:
        self.progress.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.progress.stop()

    def advance(self, status: str, item: Article | Failure) -> None:
        """Count one input by its status ("added", "skipped", "failed") and redraw the line."""
        self.counts[status] += 1
        added, skipped, failed = (self.counts[k] for k in ("added", "skipped", "failed"))
        self.progress.update(self.task, advance=1, added=added, skipped=skipped, failed=failed)


def print_summary(report: IngestReport, total_articles: int, total_claims: int) -> None:
    """The closing summary: counts, then one line per failed input and per skipped duplicate."""
    out.print(
        styled(
            "{added:bold} articles added ({claims} claims), {skipped} unchanged, {failed} failed; "
            "ledger now holds {articles} articles and {total} claims.",
            added=report.articles_added,
            claims=report.claims_added,
            skipped=report.articles_skipped,
            failed=len(report.failures),
            articles=total_articles,
            total=total_claims,
        ),
        highlight=False,
        soft_wrap=True,
    )
    for failure in report.failures:
        out.print(
            styled("[red]failed[/] {source}: {reason}", source=failure.source, reason=failure.reason),
            highlight=False,
            soft_wrap=True,
        )
    for source, stored_id in report.duplicates:
        out.print(
            styled("skipped {source}: duplicate of {id}", source=source, id=stored_id),
            highlight=False,
            soft_wrap=True,
        )


def print_fusion(ledger: Ledger) -> None:
    """Fusion after an ingest: how many tracked quantities, how many disagree or fail a check."""
    from ..fusion import track

    items = track(ledger)
    genuine = sum(any(c.genuine for c in t.contradictions) for t in items)
    bad = sum(any(c.result == "inconsistent" for c in t.checks) for t in items)
    out.print(
        f"{len(items)} tracked quantities; {genuine} with genuine contradictions, {bad} with failed checks "
        "(see `claimtrail track`).",
        highlight=False,
        soft_wrap=True,
    )
