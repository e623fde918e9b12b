"""Admiralty grading (NATO AJP-2.1): source reliability A-F, set by the user, and information
credibility 1-6, computed here; the two are kept apart, as the doctrine says.

Reliability of a claim is the grade the user set (``claimtrail sources grade NAME B``) for its origin
(under any of the origin's spellings), else for its speaker, else for its outlet, else F (cannot be
judged). Credibility says how well the claim's figure fits what other, independent origins say about
the same thing at the same time:

=====  =====================================================================================
1      confirmed: another origin gives an overlapping figure, and no more origins disagree
2      probably true: the only origin for now, stated as fact (asserted, confirmed)
3      possibly true: the only origin, hedged (reported, estimated, believed, possible, planned),
       or anonymous; or confirmed by some origins but disputed by as many or more
4      doubtful: one other origin disagrees and none agrees; or a denial
5      improbable: two or more origins disagree and none agrees, or a consensus outlier
6      cannot be judged: a statement, or a figure not part of any tracked quantity
=====  =====================================================================================
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from .cluster import Item
from .config import config
from .origins import name_key
from .timeline import usable

STATED = frozenset({"asserted", "confirmed"})


def agreement(items: list[Item], outliers: frozenset[str] = frozenset()) -> dict[str, tuple[int, int]]:
    """Per claim id: (origins that agree, origins that disagree) at the same time.

    An origin whose figure is a consensus outlier (``outliers``: origin keys) disagrees with
    nobody else's figure: it cannot bring a figure most origins agree on into doubt.
    Compares distinct figures (origin, interval, modality) in date order with a sliding window, so
    thousands of echoes of one figure cost one comparison."""
    same_time = int(config()["same_time_days"])
    distinct: dict[tuple[Any, ...], list[Item]] = defaultdict(list)
    for it in items:
        distinct[(it.origin.key, it.best, it.low, it.high, it.modality, it.day)].append(it)
    reps = sorted(distinct, key=lambda k: k[5])
    firsts = [distinct[k][0] for k in reps]
    days = [k[5].toordinal() for k in reps]
    ok = [usable(it) for it in firsts]
    bounds = [it.widened() for it in firsts]
    origin = [k[0] for k in reps]
    agree: dict[int, set[str]] = defaultdict(set)
    disagree: dict[int, set[str]] = defaultdict(set)
    n = len(reps)
    for i in range(n):
        if not ok[i]:
            continue
        lo, hi, day, oi = bounds[i][0], bounds[i][1], days[i], origin[i]
        for j in range(i + 1, n):
            if days[j] - day > same_time:
                break
            if not ok[j] or origin[j] == oi:
                continue
            if lo <= bounds[j][1] and bounds[j][0] <= hi:
                agree[i].add(origin[j])
                agree[j].add(oi)
            else:
                if oi not in outliers:
                    disagree[j].add(oi)
                if origin[j] not in outliers:
                    disagree[i].add(origin[j])
    index = {k: i for i, k in enumerate(reps)}
    out = {}
    for k, group in distinct.items():
        i = index[k]
        n_agree, n_disagree = len(agree.get(i, ())), len(disagree.get(i, set()) - agree.get(i, set()))
        for it in group:
            out[it.claim_id] = (n_agree, n_disagree)
    return out


def credibility(item: Item, agrees: int, disagrees: int, outlier: bool) -> int:
    """The Admiralty credibility (1-6) of one figure; see the module table."""
    if item.modality == "denied":
        return 4
    if outlier or (disagrees >= 2 and agrees == 0):
        return 5
    if agrees >= 1:
        return 1 if agrees > disagrees else 3
    if disagrees == 1:
        return 4
    if item.origin.type == "anonymous" or not usable(item):
        return 3
    return 2 if item.modality in STATED else 3


def reliability_of(
    grades: dict[str, str], origin_keys: set[str], speaker: str | None, outlet: str | None
) -> str:
    """The user's grade for the origin (any spelling), else the speaker, else the outlet; else F."""
    for key in origin_keys:
        if key in grades:
            return grades[key]
    for name in (speaker, outlet):
        if name and name_key(name) in grades:
            return grades[name_key(name)]
    return "F"
