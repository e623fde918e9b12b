"""The watch loop: rounds of polls, each followed by a digest of what changed in the ledger.

A round polls every URL that is due (``poll_url``), ingests what is new through the runner
(``run.ingest_records``), then compares the ledger after the round with the ledger before it
(``fusion.digest.digest``) and records the round with its digest. Everything a poll learns (validators,
entries read, the last error and how many polls failed in a row) is saved in the ledger after the
poll, so a restarted watch carries on where it stopped. A URL that fails is a recorded failure and a
line of the digest, never a crash; it is tried again after a backoff that doubles with every failure
in a row (next round, then every second round, every fourth, ... at most every 64th).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from .. import fusion
from ..contract.digest import digest_to_json
from ..errors import FetchError
from ..fusion import statements
from ..fusion.digest import ArticleRef, Digest, Snapshot, digest
from ..model import Failure
from ..run import ingest_records
from ..settings import Settings
from ..store.ledger import Ledger
from .poll import NewRecords, conditional_get

PollStatus = Literal["changed", "unchanged", "failed", "waiting"]
#: Entry keys remembered per feed: enough for any feed's window, bounded for the ledger row.
MAX_SEEN = 2000
MAX_BACKOFF_DOUBLINGS = 6


@dataclass(frozen=True)
class PollResult:
    """What one poll of one URL did: its status, new articles stored, and the error if it failed."""

    url: str
    status: PollStatus
    added: int = 0
    error: str | None = None
    failures: tuple[Failure, ...] = ()  # what the runner met (a feed entry's failure may be
    # cleared from the ledger's list by a later entry of the same feed, recorded under the feed URL)


@dataclass(frozen=True)
class Round:
    """One round: every poll and the digest of what the round changed in the ledger."""

    polls: tuple[PollResult, ...]
    digest: Digest
    after: Snapshot = field(repr=False)


def snapshot(ledger: Ledger, at: datetime | None = None, met: Iterable[Failure] = ()) -> Snapshot:
    """The ledger now, as the digest compares it: fusion results, articles, recorded failures, and
    the failures a round ``met`` that the ledger no longer lists (timed now, so each round's count)."""
    at = at or datetime.now(UTC)
    refs = {aid: ArticleRef(aid, *ref) for aid, ref in ledger.article_refs().items()}
    failures = ledger.failures()
    listed = {(f.source, f.reason) for f in failures}
    failures += [Failure(f.source, f.reason, at=at) for f in met if (f.source, f.reason) not in listed]
    return Snapshot(at, fusion.run(ledger), refs, tuple(failures), statements.for_ledger(ledger))


def run_round(
    ledger: Ledger, urls: list[str], every: int, settings: Settings, before: Snapshot | None = None
) -> Round:
    """Poll every due URL, ingest what is new, and digest the change since ``before`` (default: the
    ledger as the round starts). The round and its digest are recorded in the ledger."""
    start = datetime.now(UTC)
    before = before or snapshot(ledger, start)
    polls = tuple(poll_url(ledger, url, every, settings, start) for url in urls)
    after = snapshot(ledger, met=[f for poll in polls for f in poll.failures])
    change = digest(before, after)
    ledger.add_watch_round(after.at, before.at, digest_to_json(change))
    return Round(polls, change, after)


def poll_url(ledger: Ledger, url: str, every: int, settings: Settings, now: datetime) -> PollResult:
    """Poll one URL if it is due: ingest what changed, and save what was learnt about it."""
    state = ledger.watch_state(url) or {"url": url, "errors": 0, "items_seen": []}
    if state.get("next_poll") and state["next_poll"] > now:
        return PollResult(url, "waiting", error=state.get("last_error"))
    state["last_poll"] = now
    try:
        response = conditional_get(url, state.get("etag"), state.get("last_modified"), settings)
    except FetchError as exc:
        return _failed(ledger, state, exc.reason, every, now)
    if response is not None:
        records = NewRecords(url, response, frozenset(state.get("items_seen") or ()), settings)
        report = ingest_records(records, ledger, settings)
        if records.unreadable is not None:  # not a feed, or a page with no text: the runner recorded it
            return _failed(ledger, state, records.unreadable, every, now, recorded=True)
        state.update(etag=response.etag, last_modified=response.last_modified)
        state["items_seen"] = [*(state.get("items_seen") or []), *records.read][-MAX_SEEN:]
    if state.get("errors"):  # recovered: the failure of its last poll is over
        ledger.clear_failures(url)
    state.update(errors=0, last_error=None, next_poll=None)
    ledger.save_watch_state(state)
    if response is None:
        return PollResult(url, "unchanged")
    return PollResult(url, "changed", report.articles_added, failures=tuple(report.failures))


def _failed(
    ledger: Ledger, state: dict[str, Any], reason: str, every: int, now: datetime, recorded: bool = False
) -> PollResult:
    """Record a failed poll: a ledger failure for the URL (unless the runner ``recorded`` it), and
    the backoff before the next try. The validators stay those of the last good read, so the
    resource is read again (not answered 304) once it is due."""
    errors = int(state.get("errors") or 0) + 1
    wait = (2 ** min(errors - 1, MAX_BACKOFF_DOUBLINGS) - 1) * every
    state.update(errors=errors, last_error=reason, next_poll=now + timedelta(seconds=wait))
    if not recorded:
        ledger.record_failure(state["url"], reason)
    ledger.save_watch_state(state)
    return PollResult(state["url"], "failed", error=reason)


def watch(
    ledger: Ledger,
    urls: list[str],
    every: int,
    settings: Settings,
    *,
    once: bool = False,
    stop: threading.Event | None = None,
    on_round: Callable[[Round], None] | None = None,
) -> int:
    """Run rounds every ``every`` seconds until ``stop`` is set (checked between rounds), or one
    round with ``once``; ``on_round`` gets each round as it ends. Returns how many rounds ran."""
    stop = stop or threading.Event()
    before: Snapshot | None = None
    rounds = 0
    while True:
        started = datetime.now(UTC)
        done = run_round(ledger, urls, every, settings, before)
        rounds += 1
        before = done.after
        if on_round is not None:
            on_round(done)
        if once:
            return rounds
        elapsed = (datetime.now(UTC) - started).total_seconds()
        if stop.wait(max(0.0, every - elapsed)):
            return rounds
