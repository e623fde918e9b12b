"""`claimtrail watch`: poll feeds and pages on a schedule, ingest what is new, print what changed."""

from __future__ import annotations

import json
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import typer

from ..errors import InputError
from ..settings import load_settings
from .common import DB_HELP, fail, ledger_for, out, reports_errors

if TYPE_CHECKING:  # fusion and the runner load only when the command runs
    from ..fusion.digest import Digest
    from ..fusion.results import Estimate
    from ..watch import Round

FORMATS = ("text", "json")


@reports_errors
def watch_command(
    feed_or_url_list: str = typer.Argument(
        ..., help="A feed or page URL, or a file listing URLs one per line (# starts a comment)."
    ),
    every: str = typer.Option("15m", "--every", help="How often to poll: 30s, 15m, 1h, 1d."),
    db: str = typer.Option(None, "--db", help=DB_HELP),
    once: bool = typer.Option(False, "--once", help="Run one round and exit (for cron and tests)."),
    fmt: str = typer.Option("text", "--format", "-f", help="text, or json (one digest object per round)."),
) -> None:
    """Watch feeds and pages: poll them with conditional requests, ingest what is new, and after
    each round print what changed in the ledger (SIGINT/SIGTERM stop it between rounds)."""
    from ..watch import parse_every, read_targets, watch

    if fmt not in FORMATS:
        fail(f"--format: {fmt!r} is not one of {', '.join(FORMATS)}", code=2)
    try:
        seconds = parse_every(every)
        urls = read_targets(feed_or_url_list)
    except InputError as exc:
        fail(str(exc), code=2)
    settings = load_settings(db=db)
    show = _print_json if fmt == "json" else _print_text
    with ledger_for(db, create=True) as ledger, _stop_on_signals() as stop:
        watch(ledger, urls, seconds, settings, once=once, stop=stop, on_round=show)


@contextmanager
def _stop_on_signals() -> Iterator[threading.Event]:
    """An event that SIGINT and SIGTERM set (the loop ends after the round it is in), with the
    previous handlers restored afterwards."""
    stop = threading.Event()
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    for sig in previous:
        signal.signal(sig, lambda _signum, _frame: stop.set())
    try:
        yield stop
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _print_json(done: Round) -> None:
    """One JSON object per round: its polls and its digest."""
    from ..contract.digest import digest_to_json

    polls = [{"url": p.url, "status": p.status, "added": p.added, "error": p.error} for p in done.polls]
    typer.echo(json.dumps({"polls": polls, "digest": digest_to_json(done.digest)}, ensure_ascii=False))


def _print_text(done: Round) -> None:
    """The round's polls in one line, then one line per change."""
    counts = {
        s: sum(p.status == s for p in done.polls) for s in ("changed", "unchanged", "failed", "waiting")
    }
    summary = ", ".join(f"{n} {status}" for status, n in counts.items() if n)
    at = done.digest.at.strftime("%Y-%m-%d %H:%M:%S UTC")
    urls = f"{len(done.polls)} URL{'' if len(done.polls) == 1 else 's'}"
    out.print(f"round {at}: {urls} polled ({summary})", highlight=False, soft_wrap=True)
    for line in digest_lines(done.digest) or ["nothing changed"]:
        out.print(f"  {line}", highlight=False, soft_wrap=True)


def _n(x: float | int | None) -> str:
    if x is None:
        return "-"
    return f"{x:,.0f}" if float(x) == int(x) else f"{x:,.2f}"


def _figures(estimate: Estimate) -> str:
    return f"{_n(estimate.best)} ({_n(estimate.low)}-{_n(estimate.high)})"


def digest_lines(digest: Digest) -> list[str]:
    """The digest as lines of text, one per change, in the digest's order."""
    lines = [
        f"new article: {a.title or a.url or a.article_id} ({a.outlet or '-'})" for a in digest.new_articles
    ]
    lines += [
        f"new tracked quantity: {q.label}: {_figures(q.estimate)} [{q.tracked_id}]"
        for q in digest.new_quantities
    ]
    lines += [
        f"revised: {r.label}: {_figures(r.old)} -> {_figures(r.new)} [{r.tracked_id}]" for r in digest.revised
    ]
    lines += [f"new origin of {o.label}: {o.name} ({o.type}) [{o.tracked_id}]" for o in digest.new_origins]
    lines += [
        f"new contradiction in {c.label}: {c.reason} [{c.tracked_id}]" for c in digest.new_contradictions
    ]
    lines += [f"failed check ({c.kind}): {c.detail}" for c in digest.failed_checks]
    lines += [f"failed input: {f.source}: {f.reason}" for f in digest.failed_inputs]
    lines += [
        f"stance ({s.by}) on {s.label}: {s.change.detail} [{s.proposition}]" for s in digest.stance_changes
    ]
    return lines
