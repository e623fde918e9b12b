"""Two rounds over a feed whose second story revises the first: the digest names the new tracked
quantity, then its revised estimate and its new origin (real extraction and fusion)."""

from __future__ import annotations

from claimtrail.settings import Settings
from claimtrail.store.ledger import open_ledger
from claimtrail.watch import run_round

from .pages import RSS_HEAD, RSS_TAIL

FIRST = (
    "Regional governor Oleh Marchenko said on Monday that about 1,200 people had been evacuated from "
    "the Kharkiv region over the past week because of the shelling, and that more buses would leave "
    "on Tuesday morning."
)
SECOND = (
    "The United Nations refugee agency said on Thursday that 2,500 people had been evacuated from the "
    "Kharkiv region since the start of the month, far more than local officials had reported earlier "
    "in the week."
)


def _entry(number: int, day: str, text: str) -> str:
    return (
        f"<item><title>Story {number}</title><link>{{base}}/story/{number}</link><guid>s{number}</guid>"
        f"<pubDate>{day} Nov 2024 08:00:00 GMT</pubDate>"
        f"<content:encoded><![CDATA[<p>{text}</p>]]></content:encoded></item>"
    )


def test_a_revision_and_a_new_origin_between_rounds(site, tmp_path):
    db = str(tmp_path / "w.db")
    url = site.base + "/feed"
    site.pages["/feed"] = ("application/rss+xml", RSS_HEAD + _entry(1, "Mon, 18", FIRST) + RSS_TAIL)
    with open_ledger(db) as ledger:
        first = run_round(ledger, [url], 60, Settings(db=db))
        body = _entry(2, "Thu, 21", SECOND) + _entry(1, "Mon, 18", FIRST)
        site.pages["/feed"] = ("application/rss+xml", RSS_HEAD + body + RSS_TAIL)
        second = run_round(ledger, [url], 60, Settings(db=db), before=first.after)
    (new,) = [q for q in first.digest.new_quantities if q.estimate.best == 1200]
    (revised,) = [r for r in second.digest.revised if r.tracked_id == new.tracked_id]
    assert (revised.old.best, revised.old.high, revised.new.high) == (1200, 1200, 2500)
    assert new.tracked_id in {o.tracked_id for o in second.digest.new_origins}
    assert [a.title for a in second.digest.new_articles] == ["Story 2"]
    assert second.digest.failed_inputs == ()
