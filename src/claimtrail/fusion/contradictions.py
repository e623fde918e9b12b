"""Contradictions, with reasons: which figures cannot both hold, and which only seem to differ.

Genuine: two claims measure the same thing (one tracked quantity) at the same time (dates at most
``same_time_days`` apart) with ranges that do not overlap (an approximate figure widened by the
configured margin, an open bound unbounded on its open side), from different origins.

Apparent (explained, not flagged): the same origin revising its figure; different origins at
different dates; a planned or possible figure against a stated one; and, across tracked quantities,
a narrower event inside a wider one (killed within killed-or-wounded), a batch against a total, or
the same thing in other units.

Every entry is a ``results.Contradiction`` of two claims; its reason starts with ``genuine:`` or with
``apparent (<why>):`` so a reader (or a program) can tell them apart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .cluster import Item, Key
from .config import config
from .results import Contradiction
from .scope import is_campaign, says_earlier, states_revision, states_rise, states_rivalry
from .timeline import usable

MAX_REPRESENTATIVES = 80  # per tracked quantity; keeps the pairwise pass bounded on huge ledgers
MAX_ENTRIES = 60  # per tracked quantity and kind


def fmt(item: Item) -> str:
    """A figure as a reader says it: "10,000-12,000", "more than 1,000", "about 12,000"."""
    low, high, best = item.low, item.high, item.best
    if low is not None and high is not None and low != high:
        text = f"{low:,.0f}-{high:,.0f}"
    elif low is not None and high is None:
        text = f"at least {low:,.0f}"
    elif high is not None and low is None:
        text = f"at most {high:,.0f}"
    else:
        text = f"{best:,.0f}" if best == int(best) else f"{best:,.2f}"
        if item.approximate:
            text = "about " + text
    unit = item.key.unit
    return f"{text} {unit}" if unit else text


def who(item: Item) -> str:
    return f"{item.origin.name} ({fmt(item)}, {item.day.isoformat()})"


def representatives(items: list[Item]) -> list[Item]:
    """One item per origin and distinct figure (the earliest), the newest MAX_REPRESENTATIVES."""
    seen: dict[tuple[str, float, float | None, float | None, str], Item] = {}
    for it in items:
        seen.setdefault((it.origin.key, it.best, it.low, it.high, it.modality), it)
    reps = sorted(seen.values(), key=lambda i: (i.day, i.claim_id))
    return reps[-MAX_REPRESENTATIVES:]


Pair = tuple[str, str]  # two origin keys, in order
Dated = tuple[int, Item, Item]  # days apart, the earlier figure, the later figure


@dataclass
class _Pairs:
    """Pairs of figures from two origins that do not overlap, sorted by what explains them."""

    genuine: dict[Pair, Dated] = field(default_factory=dict)
    dated: dict[Pair, Dated] = field(default_factory=dict)  # too far apart in time to clash
    modal: dict[Pair, Dated] = field(default_factory=dict)  # a planned or possible figure
    initial: dict[Pair, tuple[Item, Item]] = field(default_factory=dict)  # a first batch vs a total
    rising: dict[Pair, Dated] = field(default_factory=dict)  # a toll to date that grew
    falling: dict[Pair, Dated] = field(default_factory=dict)  # the missing of an incident, found
    stated: dict[Pair, Dated] = field(default_factory=dict)  # the later one says it revises
    unstated: dict[Pair, Dated] = field(default_factory=dict)  # no event said: may count different things


def within(items: list[Item]) -> list[Contradiction]:
    """Contradictions (genuine and apparent) among the claims of one tracked quantity."""
    reps = representatives(items)
    cumulative = items[0].key.event in config()["cumulative_events"] if items else False
    falls = bool(items) and items[0].key.event in config()["falling_events"] and bool(items[0].key.incident)
    risen = {(it.origin.key, it.best) for it in items if cumulative and states_rise(it.claim)}
    pairs = _pairs(reps, cumulative, falls, risen, unstated=bool(items) and items[0].key.event == "other")
    return _explained(pairs, _revisions(reps))


def _revisions(reps: list[Item]) -> list[Contradiction]:
    """An origin whose figure moved to one that does not overlap it: a revision, not a clash."""
    revisions: list[Contradiction] = []
    last_by_origin: dict[str, Item] = {}
    for it in reps:
        if not usable(it):
            continue
        prev = last_by_origin.get(it.origin.key)
        if prev is not None and not prev.overlaps(it) and len(revisions) < MAX_ENTRIES:
            revisions.append(
                Contradiction(
                    (prev.claim_id, it.claim_id),
                    f"apparent (revision): {it.origin.name} revised its figure from {fmt(prev)} "
                    f"({prev.day.isoformat()}) to {fmt(it)} ({it.day.isoformat()})",
                )
            )
        last_by_origin[it.origin.key] = it
    return revisions


def _pairs(
    reps: list[Item],
    cumulative: bool,
    falls: bool = False,
    risen: frozenset[tuple[str, float]] | set[tuple[str, float]] = frozenset(),
    unstated: bool = False,
) -> _Pairs:
    """Every pair of non-overlapping figures of two origins at most two windows apart, in the
    bucket that explains it (the closest pair in time per pair of origins). With ``falls`` (the
    missing of one incident) a lower later figure is the count falling as people are found;
    ``risen`` holds the (origin, figure) pairs some sentence says a count rose to. With
    ``unstated`` (a quantity whose event no figure states: "4,500 Ukrainians have been returned",
    "8,000 remain in captivity") figures of one time are never genuine rivals: they may count
    different things."""
    same_time = int(config()["same_time_days"])
    horizon = 2 * same_time
    ok = [usable(r) for r in reps]
    revised = [states_revision(r.claim) for r in reps]
    earlier = [says_earlier(r.claim) for r in reps]
    rival = [states_rivalry(r.claim) for r in reps]
    first = [_is_initial(r) for r in reps]
    out = _Pairs()
    for i, a in enumerate(reps):
        for j in range(i + 1, len(reps)):
            b = reps[j]
            gap = (b.day - a.day).days  # reps are in date order
            if gap > horizon:
                break  # months apart: a changed figure is expected, not worth explaining
            if a.origin.key == b.origin.key or a.overlaps(b) or (a.parts and b.parts):
                continue  # two derived sums differ where their parts do, judged in the parts' series
            pair = (
                (a.origin.key, b.origin.key) if a.origin.key < b.origin.key else (b.origin.key, a.origin.key)
            )
            if (first[i] and b.best > a.best) or (first[j] and b.best < a.best):
                out.initial.setdefault(pair, (a, b))
                continue
            if earlier[i] != earlier[j] and 0 <= gap <= same_time:
                old_new = (gap, a, b) if earlier[i] else (gap, b, a)  # "Earlier it was known about 28"
                out.stated.setdefault(pair, old_new)
                continue
            if not (ok[i] and ok[j]):
                bucket = out.modal
            elif (rival[i] or rival[j]) and gap <= same_time:
                bucket = out.genuine  # "35, three more than the official count": a rival, not a rise
            elif revised[j] and b.day >= a.day:
                bucket = out.stated
            elif cumulative and 0 < gap <= same_time and _below(a, b) and _plausible_rise(a, b, gap):
                bucket = out.rising
            elif cumulative and gap == 0 and (_stated_rise(a, b, risen) or _same_day_incident(a, b)):
                bucket = out.rising
            elif falls and 0 < gap <= same_time and _below(b, a):
                bucket = out.falling
            elif gap <= same_time:
                bucket = out.unstated if unstated else out.genuine
            else:
                bucket = out.dated
            old = bucket.get(pair)
            if old is None or gap < old[0]:
                bucket[pair] = (gap, a, b)
    return out


#: How far above a same-day toll of one incident another may be and still be taken for the count
#: risen during the day (123 at 9 am, 153 that evening); further apart ("about 10" against 43) the
#: two are rivals.
SAME_DAY_RISE = 1.5


def _same_day_incident(a: Item, b: Item) -> bool:
    """Two tolls of one incident said the same day, the higher at most ``SAME_DAY_RISE`` times the
    lower: reports come out through the day as bodies are found and a date gives no hour, so the
    higher is taken as the count risen, not a rival (a sentence that sets one against the other,
    ``rivalry_words``, still makes them rivals)."""
    if not a.key.incident or is_campaign(a.claim) or is_campaign(b.claim):
        return False
    low, high = sorted((a.best, b.best))
    return low > 0 and high <= low * SAME_DAY_RISE


def _stated_rise(a: Item, b: Item, risen: frozenset[tuple[str, float]] | set[tuple[str, float]]) -> bool:
    """Two counts to date of one day where the higher's origin says the count rose to it ("has
    risen to 25" beside another origin's 19 of that morning): the toll grew during the day."""
    higher = b if b.best > a.best else a
    return states_rise(higher.claim) or (higher.origin.key, higher.best) in risen


def _first(bucket: dict[Pair, Dated]) -> list[Dated]:
    """A bucket's pairs by the earlier figure's date, at most MAX_ENTRIES."""
    return sorted(bucket.values(), key=lambda t: (t[1].day, t[1].claim_id))[:MAX_ENTRIES]


# long: one reason per kind of contradiction, in the order a reader sees them
def _explained(pairs: _Pairs, revisions: list[Contradiction]) -> list[Contradiction]:
    """The pairs as contradictions with their reasons: genuine first, then each kind of apparent."""
    out = _reasons(
        _first(pairs.genuine),
        lambda gap, a, b: (
            f"genuine: {who(a)} and {who(b)} cannot both hold: the ranges do not overlap "
            f"for the same thing {gap} days apart"
        ),
    )
    out.extend(revisions)
    dated = [
        t
        for t in _first(pairs.dated)
        if tuple(sorted((t[1].origin.key, t[2].origin.key))) not in pairs.genuine
    ]
    out += _reasons(
        dated,
        lambda gap, a, b: (
            f"apparent (different date): {who(a)} and {who(b)} are {gap} days apart; "
            "the figure may have changed in between"
        ),
    )
    out += _reasons(
        _first(pairs.stated),
        lambda _gap, a, b: (
            f"apparent (revision): {who(b)} is stated as a revision of an earlier figure, "
            f"so it replaces {who(a)} rather than contradicting it"
        ),
    )
    out += _reasons(
        _first(pairs.rising),
        lambda gap, a, b: (
            f"apparent (count rose): {who(a)} and {who(b)} "
            + (
                f"are {gap} days apart and the later is higher"
                if gap
                else "are of one day and the higher is taken as the count risen"
            )
            + "; a toll to date grows as bodies are found and the wounded die"
        ),
    )
    out += _reasons(
        _first(pairs.falling),
        lambda gap, a, b: (
            f"apparent (count fell): {who(a)} and {who(b)} are {gap} days apart and the later "
            "is lower; the missing of an incident are found, alive or among the dead"
        ),
    )
    out += _reasons(
        [(0, a, b) for a, b in list(pairs.initial.values())[:MAX_ENTRIES]],
        lambda _gap, a, b: (
            f"apparent (batch vs total): {who(a)} and {who(b)}: a first or initial deployment "
            "is not the total sent since"
        ),
    )
    out += _reasons(
        _first(pairs.unstated),
        lambda _gap, a, b: (
            f"apparent (event not stated): {who(a)} and {who(b)} do not say what befell what "
            "they count, so they may count different things"
        ),
    )
    out += _reasons(
        _first(pairs.modal),
        lambda _gap, a, b: (
            f"apparent (modality): {who(a)} is {a.modality} and {who(b)} is {b.modality}; "
            "a planned or possible figure is not a statement of what is"
        ),
    )
    return out


def _reasons(pairs: list[Dated], reason: Callable[[int, Item, Item], str]) -> list[Contradiction]:
    """One contradiction per pair, its reason written by ``reason(gap, a, b)``."""
    return [Contradiction((a.claim_id, b.claim_id), reason(gap, a, b)) for gap, a, b in pairs]


#: How fast a count over a whole war may grow: 2% plus half a percent a day ("1,090 over the past
#: day" on 998,870 is 0.1%); an incident's toll may grow by half in a day as bodies are found.
CAMPAIGN_RISE = (0.02, 0.005)


def _plausible_rise(a: Item, b: Item, gap: int) -> bool:
    """Whether the later figure ``b`` may be the earlier ``a`` grown in ``gap`` days: any rise for an
    incident's toll, a few percent for a count over a whole war ("since the invasion"), so two
    estimates of a war's casualties 300,000 apart are rivals, not a count that rose."""
    if not (is_campaign(a.claim) or is_campaign(b.claim)):
        return True
    base, per_day = CAMPAIGN_RISE
    return b.best <= a.best * (1 + base + per_day * gap)


def _below(a: Item, b: Item) -> bool:
    """Whether the earlier figure ``a`` lies wholly below the later ``b`` (a count that rose)."""
    return a.widened()[1] < b.widened()[0]


def _is_initial(item: Item) -> bool:
    """A figure for the first or initial contingent (it is not contradicted by a larger later total)."""
    initial = config()["initial_words"]
    return any(q.lower() in initial for q in item.claim.qualifiers)


def _latest(items: list[Item]) -> Item | None:
    pool = [i for i in items if usable(i)] or items
    return pool[-1] if pool else None


def across(clusters: dict[Key, list[Item]]) -> dict[Key, list[Contradiction]]:
    """Apparent contradictions between related tracked quantities (same subject and country):
    scope (a part of a wider event), batch versus total, and unit. Each is listed on both."""
    out: dict[Key, list[Contradiction]] = {}
    families: dict[tuple[str, str | None, str], list[Key]] = {}
    for key in clusters:
        families.setdefault((key.subject, key.country, key.incident), []).append(key)
    for keys in families.values():
        keys.sort(key=repr)
        for i, ka in enumerate(keys):
            for kb in keys[i + 1 :]:
                reason = _relation(ka, kb)
                if reason is None:
                    continue
                a, b = _latest(clusters[ka]), _latest(clusters[kb])
                if a is None or b is None or a.overlaps(b):
                    continue
                entry = Contradiction((a.claim_id, b.claim_id), reason.format(a=who(a), b=who(b)))
                out.setdefault(ka, []).append(entry)
                out.setdefault(kb, []).append(entry)
    return out


def _relation(ka: Key, kb: Key) -> str | None:
    if ka.event != kb.event:
        if ka.unit != kb.unit or ka.scope != kb.scope:
            return None
        parts = {(rule["part"], rule["whole"]) for rule in config()["parts"]}
        pair = (ka.event, kb.event)
        if pair in parts or pair[::-1] in parts:
            part, whole = (ka, kb) if pair in parts else (kb, ka)
            first = "{a}" if part is ka else "{b}"
            second = "{b}" if part is ka else "{a}"
            return (
                f"apparent (scope): {part.event} {first} is part of {whole.event} {second} "
                "(killed or wounded), a narrower count"
            )
        return None
    if ka.unit != kb.unit:
        return "apparent (unit): {a} and {b} measure in different units"
    if ka.scope != kb.scope:
        if ka.scope.startswith("part: ") and kb.scope.startswith("part: "):
            return None  # two groups inside one total: neither is the other's whole
        if ka.scope.startswith("group: ") or kb.scope.startswith("group: "):
            return "apparent (group): {a} and {b} count different groups of people (the wounded, the sick)"
        for part, first in ((ka, "{a}"), (kb, "{b}")):
            if part.scope.startswith("part: "):
                other = "{b}" if first == "{a}" else "{a}"
                group = part.scope.split(": ", 1)[1]
                return (
                    f"apparent (part of total): {first} counts a group inside the total ({group}); "
                    f"{other} is the whole, so the part is checked against it, not set against it"
                )
        return "apparent (batch vs total): {a} and {b} count different contingents (a batch is not a total)"
    return None
