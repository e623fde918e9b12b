"""`claimtrail track`, `origins`, `contradictions`, `checks` and `sources list|grade`: fusion results."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import typer
from rich.table import Table

from ..contract.track import check_to_json, contradiction_to_json, ledger_origin_to_json, tracked_to_json
from ..errors import InputError
from .common import DB_HELP, fail, ledger_for, out, parse_date, reports_errors

if TYPE_CHECKING:
    from ..store.ledger import Ledger

FORMATS = ("table", "json")


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        fail(f"--format: {fmt!r} is not one of {', '.join(FORMATS)}")


def _n(x: object) -> str:
    if x is None:
        return "-"
    if isinstance(x, int | float):
        return f"{x:,.0f}" if float(x) == int(x) else f"{x:,.2f}"
    return str(x)


@reports_errors
def track_command(
    db: str = typer.Option(None, "--db", help=DB_HELP),
    fmt: str = typer.Option("table", "--format", "-f", help="table or json (the tracking contract)."),
    as_of: str = typer.Option(None, "--as-of", help="The state of knowledge on this date, YYYY-MM-DD."),
    full: bool = typer.Option(
        False, "--full", help="Fuse the whole ledger again from scratch (the stored state is rebuilt)."
    ),
    workers: int = typer.Option(
        None,
        "--workers",
        min=1,
        help="Processes fusing the components of a --full run (default: CLAIMTRAIL_FUSION_WORKERS, "
        "else the cores, at most 4; 1 is serial).",
    ),
) -> None:
    """Tracked quantities: consensus best/low/high, origins, contradictions and checks."""
    from ..fusion import full_run, track

    _check_format(fmt)
    day = parse_date(as_of, "--as-of")
    with ledger_for(db) as ledger:
        if full:
            full_run(ledger, workers=workers)
        items = track(ledger, as_of=day)
    if fmt == "json":
        typer.echo(json.dumps([tracked_to_json(t) for t in items], ensure_ascii=False, indent=2))
        return
    table = Table(title=f"Tracked quantities{' as of ' + day.isoformat() if day else ''}")
    for col in ("id", "label", "best", "low", "high", "as of", "claims", "origins", "contra.", "checks"):
        table.add_column(col, overflow="fold")
    for t in items:
        est = t.estimate
        genuine = sum(1 for c in t.contradictions if c.genuine)
        bad = sum(1 for c in t.checks if c.result == "inconsistent")
        table.add_row(
            t.id,
            t.label,
            _n(est.best),
            _n(est.low),
            _n(est.high),
            est.as_of or "-",
            str(len(t.claims)),
            str(t.independent_origins),
            f"{genuine}/{len(t.contradictions)}",
            f"{len(t.checks) - bad} ok" + (f", {bad} bad" if bad else ""),
        )
    out.print(table)
    out.print(f"{len(items)} tracked quantities", highlight=False)


@reports_errors
def origins_command(
    db: str = typer.Option(None, "--db", help=DB_HELP),
    fmt: str = typer.Option("table", "--format", "-f", help="table or json."),
) -> None:
    """Merged origins (the last source of each chain) with how many articles and outlets echo them."""
    from ..fusion import origins

    _check_format(fmt)
    with ledger_for(db) as ledger:
        items = origins(ledger)
    if fmt == "json":
        typer.echo(json.dumps([ledger_origin_to_json(o) for o in items], ensure_ascii=False, indent=2))
        return
    table = Table(title="Origins")
    for col in ("origin", "type", "claims", "articles", "outlets", "circular"):
        table.add_column(col, overflow="fold")
    for o in items:
        circular = "yes" if len(o.articles) > 1 else ""
        table.add_row(
            o.name,
            o.type,
            str(len(o.claims)),
            str(len(o.articles)),
            ", ".join(o.outlets),
            circular,
        )
    out.print(table)


@reports_errors
def contradictions_command(
    db: str = typer.Option(None, "--db", help=DB_HELP),
    fmt: str = typer.Option("table", "--format", "-f", help="table or json."),
    as_of: str = typer.Option(None, "--as-of", help="Only figures dated on or before YYYY-MM-DD."),
    genuine: bool = typer.Option(False, "--genuine", help="Only genuine contradictions, not apparent ones."),
) -> None:
    """Contradictions between claims, each with its reason (genuine or apparent and why)."""
    from ..fusion import track

    _check_format(fmt)
    day = parse_date(as_of, "--as-of")
    with ledger_for(db) as ledger:
        items = track(ledger, as_of=day)
    rows = []
    seen = set()
    for t in items:
        for c in t.contradictions:
            if genuine and not c.genuine:
                continue
            key = (t.id, c.claims)
            if key not in seen:
                seen.add(key)
                rows.append({"tracked": t.id, "label": t.label, **contradiction_to_json(c)})
    if fmt == "json":
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table(title="Contradictions")
    for col in ("tracked quantity", "claims", "reason"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(r["label"], " ".join(x[:8] for x in r["claims"]), r["reason"])
    out.print(table)
    out.print(f"{len(rows)} contradictions", highlight=False)


@reports_errors
def checks_command(
    db: str = typer.Option(None, "--db", help=DB_HELP),
    fmt: str = typer.Option("table", "--format", "-f", help="table or json."),
    as_of: str = typer.Option(None, "--as-of", help="Only figures dated on or before YYYY-MM-DD."),
) -> None:
    """Consistency checks: stated conversions, sums, parts and totals, circular reporting."""
    from ..fusion import all_checks

    _check_format(fmt)
    day = parse_date(as_of, "--as-of")
    with ledger_for(db) as ledger:
        items = all_checks(ledger, as_of=day)
    if fmt == "json":
        typer.echo(json.dumps([check_to_json(c) for c in items], ensure_ascii=False, indent=2))
        return
    table = Table(title="Checks")
    for col in ("kind", "result", "detail"):
        table.add_column(col, overflow="fold")
    for c in items:
        table.add_row(c.kind, c.result, c.detail)
    out.print(table)


sources_app = typer.Typer(
    name="sources", help="Sources and outlets with their Admiralty reliability grades.", no_args_is_help=True
)


@sources_app.command("list")
@reports_errors
def sources_list_command(
    db: str = typer.Option(None, "--db", help=DB_HELP),
    fmt: str = typer.Option("table", "--format", "-f", help="table or json."),
) -> None:
    """Every source and outlet with its claims, its reliability grade (A-F; blank = not graded) and
    what the desk did with it (merged into another, renamed, ignored)."""
    _check_format(fmt)
    with ledger_for(db) as ledger:
        rows = [dict(r, kind="source") for r in ledger.sources()]
        _add_desk_actions(rows, ledger)
        outlets: dict[str, int] = {}
        for outlet, _published in ledger.article_meta().values():
            if outlet:
                outlets[outlet] = outlets.get(outlet, 0) + 1
        for outlet, n in sorted(outlets.items()):
            rows.append(
                {
                    "kind": "outlet",
                    "name": outlet,
                    "type": "media",
                    "articles": n,
                    "reliability": ledger.grade(outlet),
                }
            )
    if fmt == "json":
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return
    table = Table(title="Sources and outlets")
    for col in ("kind", "name", "type", "claims", "as origin", "grade", "desk"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(
            r["kind"],
            r["name"],
            r.get("type") or "",
            str(r.get("claims", r.get("articles", ""))),
            str(r.get("as_origin", "")),
            r.get("reliability") or "",
            _desk_text(r.get("desk")),
        )
    out.print(table)


def _add_desk_actions(rows: list[dict[str, Any]], ledger: Ledger) -> None:
    """Each source row gains ``desk`` ({action, target, by, at}) when an analyst merged, renamed or
    ignored that name; a name the desk acted on that no extracted claim carries is listed too."""
    from ..store.rows import name_key

    actions = {name_key(a.name): a for a in ledger.desk.source_actions()}
    for row in rows:
        action = actions.pop(name_key(row["name"]), None)
        if action is not None:
            row["desk"] = {"action": action.action, "target": action.target, "by": action.by, "at": action.at}
    for action in actions.values():
        desk = {"action": action.action, "target": action.target, "by": action.by, "at": action.at}
        rows.append({"kind": "source", "name": action.name, "claims": 0, "desk": desk})


def _desk_text(desk: dict[str, Any] | None) -> str:
    if not desk:
        return ""
    if desk["action"] == "ignore":
        return "ignored"
    return f"{'merged into' if desk['action'] == 'merge' else 'renamed to'} {desk['target']}"


@sources_app.command("grade")
@reports_errors
def sources_grade_command(
    name: str = typer.Argument(..., help="A source or outlet name as listed by `claimtrail sources list`."),
    letter: str = typer.Argument(
        ..., help="Reliability A (completely reliable) .. E (unreliable), F (cannot be judged)."
    ),
    db: str = typer.Option(None, "--db", help=DB_HELP),
    by: str = typer.Option(None, "--by", help="Who sets the grade (recorded in the history)."),
) -> None:
    """Set the Admiralty reliability (A-F) of a source or outlet; it applies to every spelling of it."""
    grade = (letter or "").strip().upper()
    if len(grade) != 1 or grade not in "ABCDEF":
        raise InputError(
            f"grade {letter!r}",
            "reliability must be one letter A-F (A completely reliable .. E unreliable, F cannot be judged)",
        )
    with ledger_for(db) as ledger:
        if not _known(ledger, name):
            raise InputError(
                f"source {name!r}",
                "no source or outlet of that name in the ledger (see `claimtrail sources list`)",
            )
        ledger.set_grade(name, grade, by=ledger.desk.who(by))
    out.print(f"{name}: reliability {grade}", highlight=False)


def _known(ledger: object, name: str) -> bool:
    """Whether ``name`` names a source, an alias of one, or an outlet of the ledger."""
    from ..fusion.origins import OriginResolver
    from ..store.rows import name_key

    key = name_key(name)
    if not key:
        return False
    names = {name_key(s["name"]) for s in ledger.sources()}  # type: ignore[attr-defined]
    names |= {name_key(o) for o, _ in ledger.article_meta().values() if o}  # type: ignore[attr-defined]
    if key in names:
        return True
    resolver = OriginResolver()
    canon = resolver.alias.get(key)
    if canon is None:
        return False
    return any(resolver.alias.get(n) == canon for n in names)


__all__ = ["track_command", "origins_command", "contradictions_command", "checks_command", "sources_app"]
