"""The `claimtrail` command: a thin Typer layer over the Python API, one module per command group."""

from __future__ import annotations

import typer

from .annotate_cmd import annotate_command
from .common import reports_errors
from .desk_cmd import (
    add_command,
    correct_command,
    history_command,
    orphans_command,
    review_command,
    users_app,
)
from .export_cmd import export_command
from .ingest_cmd import ingest_command
from .query_cmd import articles_command, claims_command, failures_command, search_command, show_command
from .serve_cmd import serve_command
from .statements_cmd import statements_command
from .track_cmd import checks_command, contradictions_command, origins_command, sources_app, track_command
from .watch_cmd import watch_command

app = typer.Typer(
    name="claimtrail",
    help="A ledger of sourced claims from war and crisis reporting.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

app.command("ingest")(ingest_command)
app.command("claims")(claims_command)
app.command("show")(show_command)
app.command("articles")(articles_command)
app.command("search")(search_command)
app.command("failures")(failures_command)
app.command("export")(export_command)
app.command("annotate")(annotate_command)
app.command("track")(track_command)
app.command("origins")(origins_command)
app.command("contradictions")(contradictions_command)
app.command("checks")(checks_command)
app.command("statements")(statements_command)
app.add_typer(sources_app, name="sources")
app.command("serve")(serve_command)
app.command("watch")(watch_command)
app.command("review")(review_command)
app.command("correct")(correct_command)
app.command("add")(add_command)
app.command("history")(history_command)
app.command("orphans")(orphans_command)
app.add_typer(users_app, name="users")


@app.command("version")
@reports_errors
def version_command() -> None:
    """Print the claimtrail version."""
    from .. import __version__

    typer.echo(__version__)


if __name__ == "__main__":  # pragma: no cover
    app()
