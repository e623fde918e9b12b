"""What a figure takes from the other sentences of its article when its own sentence leaves it open.

Fusion reads claims, not whole texts, but the claims of one article keep their sentences' offsets, so
four things can still be read across sentences:

- a figure an article states twice (its headline and its body: "Over 600 dead, 1,500 injured" above
  "leaving at least 622 dead and more than 1,500 others injured late on Aug. 31") holds for one day,
  the earliest its article dates it by an event time, and keeps the bound the body gives it; the
  headline is not a later report of its own;
- a toll whose sentence gives no date, right after a sentence dated long before its article ("In
  October 2023, a magnitude 6.3 earthquake struck ... The death toll was estimated to be over
  4,000"), counts that earlier event, and takes its date: it is background, not today's toll; the
  same for a night's or an exchange's figure in a recap ("began on Friday, May 23. During the
  first stage, 390 ... were released");
- "three more dead were found" is an increment on the toll said before, unless the sentence before
  counts another event ("100 were killed. Nearly 1,000 more have been wounded");
- two figures of one sentence that add up to a third of the same event and day ("390 people ...
  Of these, 270 were military personnel and 120 were civilians") are its parts.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import date

from ..model import Claim
from .cluster import Item, narrow_day
from .config import config
from .scope import around, figure_before, is_campaign

# Characters between one sentence's end and the next one's start (a space, a line break or two).
_ADJACENT = 3


def align_restated_days(items: list[Item]) -> None:
    """Give the figures an article states more than once for the same thing the earliest day one
    of them is dated by its own event time (the body's "late on Aug. 31"); a day read from a
    statement time or the publication date moves no other figure."""
    same: dict[tuple[str, str, str, float], list[Item]] = defaultdict(list)
    for it in items:
        same[(it.claim.article_id, it.key.subject, it.key.event, it.best)].append(it)
    for group in same.values():
        if len(group) < 2:
            continue
        dated = [i.day for i in group if narrow_day(i.claim.event_time) == i.day]
        if dated:
            first = min(dated)
            for it in group:
                it.day = min(it.day, first)
        _keep_the_bound(group)


def _keep_the_bound(group: list[Item]) -> None:
    """Where an article gives a figure once as a lower bound ("more than 1,500 others injured")
    and once plain (its headline: "Over 600 dead, 1,500 injured"), the plain one is the bound
    restated without its qualifier: it is read as the bound."""
    bound = next((i for i in group if i.low is not None and i.high is None), None)
    if bound is None:
        return
    for it in group:
        if it.low == it.high == bound.low:
            it.high, it._wide = None, None


def date_background_tolls(items: list[Item], claims_by_article: dict[str, list[Claim]]) -> None:
    """A figure of an incident event (a toll) or a daily one (a night's drones, an exchange's
    prisoners) with no date of its own, in the sentence right after one dated more than the event's
    horizon before the figure's day (``nationwide_window_days`` for tolls, the daily window for
    daily events: "The exchange began on Friday, May 23. During the first stage, 390 ... were
    released" in a recap of June 2), takes that sentence's date."""
    cfg = config()
    horizons = {e: int(cfg["nationwide_window_days"]) for e in cfg["incident_events"]}
    horizons.update({e: int(days) for e, days in cfg["daily_events"].items()})
    for it in items:
        c = it.claim
        if it.key.event not in horizons or (c.event_time is not None and c.event_time.start):
            continue
        if is_campaign(c):
            continue  # "700,000 casualties since the start of the war": a count to the day it is said
        before = _previous_sentence_date(c, claims_by_article.get(c.article_id, []))
        if before is not None and (it.day - before).days > horizons[it.key.event]:
            it.day = before


def mark_increments(items: list[Item], claims_by_article: dict[str, list[Claim]]) -> None:
    """A count to date written "N more" ("three more dead were found under the rubble", "the bodies
    of three more people") is an increment on a toll said before, not the toll: scope
    ``part: more``. Not where a figure comes before it in its sentence, nor where the sentence
    right before it counts another event ("At least 100 soldiers have been killed. Nearly 1,000
    more have been wounded"): "more" then adds another count, which is one of its own."""
    cumulative = frozenset(config()["cumulative_events"])
    for it in items:
        c = it.claim
        if it.key.scope != "total" or it.key.event not in cumulative:
            continue
        if around(c, 1)[1] != "more" or figure_before(c):
            continue
        before = _previous_sentence(c, claims_by_article.get(c.article_id, []))
        if any(o.quantity is not None and o.event not in (None, "other", it.key.event) for o in before):
            continue
        it.key = replace(it.key, scope="part: more")


def breakdowns_that_add_up(items: list[Item]) -> None:
    """Two figures of one sentence that add up to another figure of the same event and day in
    their article ("390 were freed ... a swap of 270 soldiers and 120 civilians") are its parts,
    whatever nouns they count: each takes the total's key with a scope of its own noun
    (``part: soldier``), checked against it and never its rival."""
    groups: dict[tuple[str, str, date], list[Item]] = defaultdict(list)
    for it in items:
        if it.key.scope == "total" and it.low == it.high == it.best:
            groups[(it.claim.article_id, it.key.event, it.day)].append(it)
    for members in groups.values():
        if len(members) < 3:
            continue
        by_sentence: dict[int, list[Item]] = defaultdict(list)
        for it in members:
            by_sentence[it.claim.sentence_start].append(it)
        for pair in by_sentence.values():
            if len(pair) != 2:
                continue
            a, b = pair
            total = next((o for o in members if o not in pair and o.best == a.best + b.best), None)
            if total is None:
                continue
            for part in pair:
                noun = (part.claim.subject.normalized or part.key.subject).lower()
                part.key = replace(total.key, scope=f"part: {noun}")


def _previous_sentence(claim: Claim, article: list[Claim]) -> list[Claim]:
    """The claims of the sentence right before the claim's."""
    return [
        o
        for o in article
        if o.sentence_start < claim.sentence_start
        and 0 <= claim.sentence_start - (o.sentence_start + len(o.sentence or "")) <= _ADJACENT
    ]


def _previous_sentence_date(claim: Claim, article: list[Claim]) -> date | None:
    """The date the sentence right before the claim's gives an event (its first claim dated to a
    month or less: "In October 2023"; "last year" dates nothing)."""
    for other in _previous_sentence(claim, article):
        if is_campaign(other):
            continue  # "since the invasion in February 2022": where a count began, not an event
        day = narrow_day(other.event_time)
        if day is not None:
            return day
    return None
