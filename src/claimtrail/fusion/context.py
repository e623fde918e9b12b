"""What a figure takes from the other sentences of its article when its own sentence leaves it open.

Fusion reads claims, not whole texts, but the claims of one article keep their sentences' offsets, so
two things can still be read across sentences:

- a figure an article states twice (its headline and its body: "Over 600 dead, 1,500 injured" above
  "leaving at least 622 dead and more than 1,500 others injured late on Aug. 31") holds for one day,
  the earliest its article gives it; the headline is not a later report of its own;
- a toll whose sentence gives no date, right after a sentence dated long before its article ("In
  October 2023, a magnitude 6.3 earthquake struck ... The death toll was estimated to be over
  4,000"), counts that earlier event, and takes its date: it is background, not today's toll.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from ..model import Claim
from .cluster import Item, to_date
from .config import config

# Characters between one sentence's end and the next one's start (a space, a line break or two).
_ADJACENT = 3


def align_restated_days(items: list[Item]) -> None:
    """Give the figures an article states more than once for the same thing its earliest day."""
    same: dict[tuple[str, str, str, float], list[Item]] = defaultdict(list)
    for it in items:
        same[(it.claim.article_id, it.key.subject, it.key.event, it.best)].append(it)
    for group in same.values():
        if len(group) > 1:
            first = min(i.day for i in group)
            for it in group:
                it.day = first


def date_background_tolls(items: list[Item], claims_by_article: dict[str, list[Claim]]) -> None:
    """A toll of an incident event with no date of its own, in the sentence right after one dated
    more than ``nationwide_window_days`` before its article, takes that sentence's date."""
    cfg = config()
    events, horizon = frozenset(cfg["incident_events"]), int(cfg["nationwide_window_days"])
    for it in items:
        c = it.claim
        if it.key.event not in events or (c.event_time is not None and c.event_time.start):
            continue
        before = _previous_sentence_date(c, claims_by_article.get(c.article_id, []))
        if before is not None and (it.day - before).days > horizon:
            it.day = before


def _previous_sentence_date(claim: Claim, article: list[Claim]) -> date | None:
    """The date the sentence right before the claim's gives an event (its first dated claim)."""
    for other in article:
        if other.sentence_start >= claim.sentence_start or other.event_time is None:
            continue
        end = other.sentence_start + len(other.sentence or "")
        if 0 <= claim.sentence_start - end <= _ADJACENT and other.event_time.start:
            return to_date(other.event_time.start)
    return None
