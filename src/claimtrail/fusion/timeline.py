"""Timelines and consensus estimates (UCDP-style best/low/high) of one tracked quantity.

A timeline point is one date with the figures stated for it; every point stays (revisions are kept,
never overwritten). The consensus as of a date takes each origin's latest figure up to that date
(an origin's revision replaces its own earlier figure, not another origin's), drops figures older
than a window (short for counts that only grow, such as the killed, so "at least 100" in December
does not drag down "more than 1,000" in March), drops figures whose modality says they are not a
statement of fact (planned, possible, denied), sets aside outliers (a figure under half or over
twice the median), and gives best = the median of the origins' figures, low = the lowest low,
high = the highest high of the rest.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from statistics import median

from .cluster import Item, Key
from .config import config
from .results import Estimate, Figure, TimelinePoint


def _num(x: float | None) -> Figure:
    """A figure for output: whole numbers as int, others rounded to 2 decimals."""
    if x is None:
        return None
    r = round(x, 2)
    return int(r) if r == int(r) else r


def window_days(event: str) -> int:
    cfg = config()
    windows = cfg["window_days"]
    if event in cfg["cumulative_events"]:
        return int(windows["cumulative"])
    return int(windows["default"])


def usable(item: Item) -> bool:
    """Whether a figure states what is (not what is planned, possible or denied)."""
    return item.modality in config()["consensus_modalities"]


def latest_per_origin(items: list[Item], as_of: date | None, event: str) -> dict[str, Item]:
    """Each origin's latest usable figure up to ``as_of`` within the window before it."""
    pool = [i for i in items if usable(i) and (as_of is None or i.day <= as_of)]
    if not pool:
        return {}
    end = as_of or max(i.day for i in pool)
    newest = max(i.day for i in pool)
    start = min(end, newest) - timedelta(days=window_days(event))
    latest: dict[str, Item] = {}
    for it in pool:  # items are in date order: later ones replace earlier ones
        if it.day >= start:
            latest[it.origin.key] = it
    return latest


def contains(item: Item, x: float) -> bool:
    """Whether a figure's interval (open sides unbounded) holds ``x``."""
    return (item.low is None or item.low <= x) and (item.high is None or x <= item.high)


def combine(items: list[Item]) -> tuple[float | None, float | None, float | None, list[Item]]:
    """(best, low, high, outliers) of figures from distinct origins.

    An outlier is a figure under half or over twice the median whose interval does not hold the
    median either (with three origins or more). One-sided bounds ("more than 1,000") only set the
    low or high where no two-sided figure does."""
    if not items:
        return None, None, None, []
    mid = median(i.best for i in items)
    kept, outliers = [], []
    for it in items:
        far = mid > 0 and (it.best < mid / 2 or it.best > mid * 2)
        if len(items) >= 3 and far and not contains(it, mid):
            outliers.append(it)
        else:
            kept.append(it)
    closed = [i for i in kept if i.low is not None and i.high is not None]
    best = median(i.best for i in (closed or kept))
    if closed:
        low: float | None = min(i.low for i in closed)  # type: ignore[type-var]
        high: float | None = max(i.high for i in closed)  # type: ignore[type-var]
    else:
        lows = [i.low for i in kept if i.low is not None]
        highs = [i.high for i in kept if i.high is not None]
        low = max(lows) if lows else None
        high = min(highs) if highs else None
    if low is not None and best < low:
        best = low
    if high is not None and best > high:
        best = high
    return best, low, high, outliers


def estimate(items: list[Item], key: Key, as_of: date | None) -> Estimate:
    """The consensus best/low/high of a tracked quantity as of ``as_of`` (else its newest figure)."""
    latest = latest_per_origin(items, as_of, key.event)
    if not latest:
        return Estimate(None, None, None, as_of.isoformat() if as_of else None)
    latest = _risen_past(latest, key)
    best, low, high, _ = combine(list(latest.values()))
    day = as_of or max(i.day for i in latest.values())
    return Estimate(_num(best), _num(low), _num(high), day.isoformat())


def outliers(items: list[Item], key: Key, as_of: date | None) -> list[Item]:
    """Origins' latest figures set aside as outliers in the consensus as of ``as_of``."""
    latest = _risen_past(latest_per_origin(items, as_of, key.event), key)
    return combine(list(latest.values()))[3]


def _risen_past(latest: dict[str, Item], key: Key) -> dict[str, Item]:
    """For a count to date of one incident (a strike's toll, an earthquake's), the origins' latest
    figures without those another origin's later figure lies wholly above: the toll rose past them
    (Tuesday's 1,400 is not today's consensus beside Thursday's 2,205). As in contradictions, a
    higher figure of another origin days later is the count rising, not a rival."""
    incident = bool(key.incident) and not key.incident.startswith(("day@", "period@"))
    if not incident or key.event not in config()["cumulative_events"]:
        return latest
    figures = list(latest.values())
    kept = {
        origin: it
        for origin, it in latest.items()
        if not any(o.day > it.day and it.widened()[1] < o.widened()[0] for o in figures)
    }
    return kept or latest


def timeline(items: list[Item], as_of: date | None) -> tuple[TimelinePoint, ...]:
    """One point per date: the figures stated for that date, combined across their origins."""
    by_day: dict[date, list[Item]] = defaultdict(list)
    for it in items:
        if as_of is None or it.day <= as_of:
            by_day[it.day].append(it)
    return tuple(_point(day, by_day[day]) for day in sorted(by_day))


def _point(day: date, day_items: list[Item]) -> TimelinePoint:
    """The point of one date: the median of its origins' figures (each origin's first), the lowest
    low and, where every figure has one, the highest high."""
    per_origin: dict[str, Item] = {}
    for it in day_items:
        per_origin.setdefault(it.origin.key, it)
    figures = list(per_origin.values())
    best = median(i.best for i in figures)
    lows = [i.low for i in figures if i.low is not None]
    highs = [i.high for i in figures if i.high is not None]
    return TimelinePoint(
        date=day.isoformat(),
        best=_num(best),
        low=_num(min(lows)) if lows else None,
        high=_num(max(highs)) if highs and all(i.high is not None for i in figures) else None,
        claims=tuple(dict.fromkeys(cid for i in day_items for cid in i.claim_ids)),
        origins=tuple(sorted({i.origin.name for i in day_items})),
        confirmed=tuple(
            dict.fromkeys(
                i.claim.claim_id
                for i in day_items
                if i.claim.review is not None and i.claim.review.status == "confirmed"
            )
        ),
    )
