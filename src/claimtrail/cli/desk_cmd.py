"""The analyst's desk on the command line: `review`, `correct`, `add`, `history`, `orphans`,
`users add|list|revoke` and `sources merge|rename|ignore` (docs/desk.md). Thin over ``Ledger.desk``."""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any

import typer
from rich.table import Table

from ..store.desk_overlay import Correction
from .common import DB_HELP, fail, ledger_for, out, reports_errors
from .track_cmd import sources_app

if TYPE_CHECKING:
    from ..model import Claim
    from ..store.ledger import Ledger

BY_HELP = (
    "Who makes the change (default: the user of $CLAIMTRAIL_TOKEN, else $CLAIMTRAIL_USER or your login)."
)
NOTE_HELP = "Why: a note kept with the claim and in its history."


def _by(ledger: Any, by: str | None) -> str:
    """The user a write is recorded under: ``--by``, else the owner of ``$CLAIMTRAIL_TOKEN``, else
    the default user (on a ledger with users it must be an active one)."""
    token = os.environ.get("CLAIMTRAIL_TOKEN", "").strip()
    if not by and token:
        return str(ledger.desk.user_for_token(token))
    return str(ledger.desk.who(by))


def _short(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str) if value is not None else "-"


def _refuse(ledger: Ledger, claim: Claim, before: str) -> None:
    """Re-fuse only what the changed claim touches, when the stored fusion state was current before
    the change (else the next read brings it up to date)."""
    from ..fusion import refuse_claims

    refuse_claims(ledger, [claim.claim_id], before=before)


@reports_errors
def review_command(
    claim_id: str = typer.Argument(..., help="A claim id (a unique prefix is enough)."),
    status: str = typer.Option(..., "--status", help="unreviewed, confirmed, disputed or rejected."),
    note: str = typer.Option(None, "--note", help=NOTE_HELP),
    by: str = typer.Option(None, "--by", help=BY_HELP),
    db: str = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Review a claim: confirm, dispute or reject it with a note (rejected claims leave fusion)."""
    with ledger_for(db) as ledger:
        before = ledger.fusion_stamp()
        claim = ledger.desk.review(claim_id, status, note=note, by=_by(ledger, by))
        _refuse(ledger, claim, before)
    review = claim.review
    out.print(f"claim {claim.claim_id}: {review.status} (by {review.by}, {review.at})", highlight=False)


#: The options of `correct` and `add` (a claim's fields), declared once.
FIELDS: dict[str, Any] = {
    "value": typer.Option(None, "--value", help="The figure (alone: a single figure, no range)."),
    "low": typer.Option(None, "--low", help="The low end of a range."),
    "high": typer.Option(None, "--high", help="The high end of a range."),
    "unit": typer.Option(None, "--unit", help="The unit as written (km, kg; empty for a count)."),
    "event": typer.Option(None, "--event", help="What happened (deployed, killed, ...)."),
    "subject": typer.Option(None, "--subject", help="What is counted (troops, drones)."),
    "country": typer.Option(None, "--country", help="Whose: the subject's country, ISO alpha-2."),
    "speaker": typer.Option(None, "--speaker", help="Who says it (the first source of the chain)."),
    "origin": typer.Option(None, "--origin", help="Whom it comes from (the last source of the chain)."),
    "modality": typer.Option(None, "--modality", help="asserted (the default of `add`), reported, ..."),
    "event_date": typer.Option(None, "--event-date", help="YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD."),
    "place": typer.Option(None, "--place", help="A place (repeat for several; replaces them)."),
}


def _correction(**given: Any) -> Correction:
    places = given.pop("place")
    return Correction(**given, places=tuple(places) if places else None)


@reports_errors
def correct_command(  # long: one option per correctable field, each documented
    claim_id: str = typer.Argument(..., help="A claim id (a unique prefix is enough)."),
    value: float = FIELDS["value"],
    low: float = FIELDS["low"],
    high: float = FIELDS["high"],
    unit: str = FIELDS["unit"],
    event: str = FIELDS["event"],
    subject: str = FIELDS["subject"],
    country: str = FIELDS["country"],
    speaker: str = FIELDS["speaker"],
    origin: str = FIELDS["origin"],
    modality: str = FIELDS["modality"],
    event_date: str = FIELDS["event_date"],
    place: list[str] = FIELDS["place"],
    note: str = typer.Option(None, "--note", help=NOTE_HELP),
    by: str = typer.Option(None, "--by", help=BY_HELP),
    db: str = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Correct a claim; the extracted values are kept apart and shown under `extracted`."""
    fix = _correction(**{name: given for name, given in locals().items() if name in FIELDS})
    with ledger_for(db) as ledger:
        before = ledger.fusion_stamp()
        claim = ledger.desk.correct(claim_id, fix, by=_by(ledger, by), note=note)
        _refuse(ledger, claim, before)
    from ..contract.claims import claim_to_json

    data = claim_to_json(claim)
    out.print(f"claim {claim.claim_id}: corrected {', '.join(claim.review.corrected)}", highlight=False)
    for name in claim.review.corrected:
        out.print(f"  {name}: {_short(data['extracted'][name])} -> {_short(data[name])}", highlight=False)


@reports_errors
def add_command(  # long: one option per field of the claim, each documented
    article_id: str = typer.Argument(..., help="An article id (a unique prefix is enough)."),
    start: int = typer.Option(..., "--start", help="Where the evidence starts (a character offset)."),
    end: int = typer.Option(..., "--end", help="Where it ends (exclusive)."),
    value: float = FIELDS["value"],
    low: float = FIELDS["low"],
    high: float = FIELDS["high"],
    unit: str = FIELDS["unit"],
    event: str = FIELDS["event"],
    subject: str = FIELDS["subject"],
    country: str = FIELDS["country"],
    speaker: str = FIELDS["speaker"],
    origin: str = FIELDS["origin"],
    modality: str = FIELDS["modality"],
    event_date: str = FIELDS["event_date"],
    place: list[str] = FIELDS["place"],
    note: str = typer.Option(None, "--note", help=NOTE_HELP),
    by: str = typer.Option(None, "--by", help=BY_HELP),
    db: str = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Record a claim the extractor missed, with its evidence span in the article's text."""
    fix = _correction(**{name: given for name, given in locals().items() if name in FIELDS})
    with ledger_for(db) as ledger:
        matches = [article_id] if ledger.has_article(article_id) else ledger.article_ids(article_id)
        if len(matches) != 1:
            reason = "no article has this id" if not matches else f"{len(matches)} articles start with it"
            fail(f"article {article_id!r}: {reason}; list ids with `claimtrail articles`")
        before = ledger.fusion_stamp()
        claim = ledger.desk.add_claim(matches[0], start, end, fix, by=_by(ledger, by), note=note)
        _refuse(ledger, claim, before)
    out.print(f"claim {claim.claim_id} added ({claim.kind}): {claim.sentence}", highlight=False)


@reports_errors
def history_command(
    claim_id: str = typer.Argument(None, help="A claim id (a unique prefix is enough)."),
    source: str = typer.Option(None, "--source", help="The history of a source or outlet name instead."),
    fmt: str = typer.Option("table", "--format", help="table or json."),
    db: str = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Every change to a claim (or a source): who, when, what, before and after."""
    if (claim_id is None) == (source is None):
        fail("history: give a claim id or --source NAME (one of them)")
    if fmt not in ("table", "json"):
        fail(f"--format: {fmt!r} is not table or json")
    with ledger_for(db) as ledger:
        entries = ledger.desk.history(claim_id, source=source)
    if fmt == "json":
        typer.echo(json.dumps([e.__dict__ for e in entries], ensure_ascii=False, indent=2, default=str))
        return
    table = Table(title=f"History of {claim_id or source}")
    for col in ("at", "by", "action", "claim / source", "before", "after"):
        table.add_column(col, overflow="fold")
    for e in entries:
        what = e.claim_id or e.source or e.article_id or ""
        table.add_row(e.at, e.by or "", e.action, what, _short(e.before), _short(e.after))
    out.print(table)


@reports_errors
def orphans_command(db: str = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """Reviews and corrections whose claim a re-extraction no longer finds at their span."""
    with ledger_for(db) as ledger:
        rows = ledger.desk.orphans()
    out.print(f"{len(rows)} orphaned desk entries", style="bold")
    for r in rows:
        corrected = f", corrected {', '.join(r['corrected'])}" if r["corrected"] else ""
        out.print(
            f"{r['claim_id']}  article {r['article_id']} [{r['start']}:{r['end']}]  {r['status']}{corrected}",
            highlight=False,
        )


# -- sources (added to the `sources` group of track_cmd) --------------------------------------


@sources_app.command("merge")
@reports_errors
def sources_merge_command(
    name: str = typer.Argument(..., help="The source to merge (as `claimtrail sources list` names it)."),
    into: str = typer.Option(..., "--into", help="The source it is the same as."),
    by: str = typer.Option(None, "--by", help=BY_HELP),
    db: str = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Merge a source into another: an alias in every chain, now and for future articles."""
    with ledger_for(db) as ledger:
        ledger.desk.merge_source(name, into, by=_by(ledger, by))
    out.print(f"{name} is now {into} in every attribution chain", highlight=False)


@sources_app.command("rename")
@reports_errors
def sources_rename_command(
    old: str = typer.Argument(..., help="The source's name now."),
    new: str = typer.Argument(..., help="The name to show instead."),
    by: str = typer.Option(None, "--by", help=BY_HELP),
    db: str = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Rename a source in every chain (the extraction keeps the name as written)."""
    with ledger_for(db) as ledger:
        ledger.desk.rename_source(old, new, by=_by(ledger, by))
    out.print(f"{old} is now shown as {new}", highlight=False)


@sources_app.command("ignore")
@reports_errors
def sources_ignore_command(
    name: str = typer.Argument(..., help='A junk or pronoun source ("He", "some").'),
    by: str = typer.Option(None, "--by", help=BY_HELP),
    db: str = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Leave a source out of every chain and origin list."""
    with ledger_for(db) as ledger:
        ledger.desk.ignore_source(name, by=_by(ledger, by))
    out.print(f"{name} is left out of every attribution chain", highlight=False)


# -- users ------------------------------------------------------------------------------------

users_app = typer.Typer(
    name="users", help="Analysts of a shared ledger and their tokens.", no_args_is_help=True
)


@users_app.command("add")
@reports_errors
def users_add_command(
    name: str = typer.Argument(..., help="The analyst's name, as recorded with every change."),
    db: str = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Add an analyst and print their token ONCE (only its hash is stored)."""
    with ledger_for(db) as ledger:
        token = ledger.desk.add_user(name)
    out.print(f"user {name} added; token (shown once, keep it safe):", highlight=False)
    typer.echo(token)


@users_app.command("list")
@reports_errors
def users_list_command(db: str = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """List the analysts, with when they were added and revoked."""
    with ledger_for(db) as ledger:
        people = ledger.desk.users()
    table = Table(title=f"{len(people)} users")
    for col in ("name", "added", "revoked"):
        table.add_column(col)
    for u in people:
        table.add_row(u.name, u.created_at, u.revoked_at or "")
    out.print(table)


@users_app.command("revoke")
@reports_errors
def users_revoke_command(
    name: str = typer.Argument(..., help="The analyst whose token stops working."),
    db: str = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Revoke an analyst's token (their name stays in the history)."""
    with ledger_for(db) as ledger:
        ledger.desk.revoke_user(name)
    out.print(f"user {name} revoked", highlight=False)


__all__ = [
    "add_command",
    "correct_command",
    "history_command",
    "orphans_command",
    "review_command",
    "users_app",
]
