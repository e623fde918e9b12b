"""`claimtrail statements`: statements tracked like figures (propositions, their timelines, each
origin's stance and its changes; ``fusion.statements``)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import typer
from rich.table import Table

from .common import DB_HELP, fail, ledger_for, out, reports_errors

if TYPE_CHECKING:
    from ..fusion.statements import Proposition

FORMATS = ("table", "json")
#: Origins whose stance the summary table shows per proposition.
STANCES_SHOWN = 3
#: Characters of a sentence shown in a timeline row of the table.
SENTENCE_WIDTH = 160


@reports_errors
def statements_command(
    db: str = typer.Option(None, "--db", help=DB_HELP),
    search: str = typer.Option(
        None,
        "--search",
        "-s",
        help="Only propositions whose label, id, sentences, speakers or origins hold TEXT.",
    ),
    stance: str = typer.Option(
        None,
        "--stance",
        help="Only propositions where an origin's latest stance is this (denied, confirmed, ...).",
    ),
    fmt: str = typer.Option("table", "--format", "-f", help="table or json."),
) -> None:
    """Statements tracked like figures: propositions with their timeline, stance by origin and
    changes of stance (a denial then an acknowledgement is a reversal)."""
    from ..contract.statements import proposition_to_json
    from ..fusion.statements import STANCES, for_ledger

    if fmt not in FORMATS:
        fail(f"--format: {fmt!r} is not one of {', '.join(FORMATS)}")
    if search is not None and not search.strip():
        fail("--search: the text is empty")
    if stance is not None and stance not in STANCES:
        fail(f"--stance: {stance!r} is not one of {', '.join(STANCES)}")
    with ledger_for(db) as ledger:
        props = for_ledger(ledger, search, stance)
    if fmt == "json":
        typer.echo(json.dumps([proposition_to_json(p) for p in props], ensure_ascii=False, indent=2))
        return
    _print_tables(props)


def _print_tables(props: tuple[Proposition, ...]) -> None:
    """A summary table of the propositions (the first states' and origins' stances, the states'
    changes), then each one's statements in date order (the figures are counted; ``--format json``
    lists them), each state's stance with the origins that speak for it, and the changes of stance
    of states and of origins."""
    table = Table(title="Propositions")
    for col in ("id", "label", "points", "stance by state", "stance by origin", "changes"):
        table.add_column(col, overflow="fold")
    for p in props:
        parties = "; ".join(f"{s.party}: {s.stance}" for s in p.parties[:STANCES_SHOWN])
        more_parties = f" (+{len(p.parties) - STANCES_SHOWN})" if len(p.parties) > STANCES_SHOWN else ""
        stances = "; ".join(f"{s.origin}: {s.stance}" for s in p.stances[:STANCES_SHOWN])
        more = f" (+{len(p.stances) - STANCES_SHOWN})" if len(p.stances) > STANCES_SHOWN else ""
        changes = ", ".join(
            f"{sum(c.kind == k for c in p.party_changes)} {k}"
            for k in sorted({c.kind for c in p.party_changes})
        )
        row = (p.id, p.label, str(len(p.timeline)), (parties + more_parties) or "-", stances + more)
        table.add_row(*row, changes or "-")
    out.print(table)
    for p in props:
        out.rule(f"{p.label} ({p.id})")
        figures = sum(1 for point in p.timeline if point.kind == "quantity")
        if p.tracked or figures:
            out.print(f"  {figures} figures; tracked: {', '.join(p.tracked) or '-'}", highlight=False)
        for point in p.timeline:
            if point.kind != "statement":
                continue
            said = point.sentence
            if len(said) > SENTENCE_WIDTH:
                said = said[:SENTENCE_WIDTH] + "…"
            who = ", ".join(point.origins)
            out.print(f"  {point.date or '?'}  {who} [{point.stance}]  {said}", highlight=False)
        for s in p.parties:
            said = f"{s.party}: {s.stance} ({s.date or '?'}), through {', '.join(s.origins)}"
            out.print(f"  state: {said}", highlight=False)
        for c in p.party_changes:
            out.print(f"  state change: {c.detail}", highlight=False)
        for c in p.changes:
            out.print(f"  change: {c.detail}", highlight=False)
    out.print(f"{len(props)} propositions", highlight=False)
