"""The watch loop against feeds and pages served on 127.0.0.1: conditional requests, new items
between rounds, a failing feed that recovers, backoff, and a restart that picks up the state."""

from __future__ import annotations

import threading

from claimtrail.settings import Settings
from claimtrail.store.ledger import open_ledger
from claimtrail.store.migrations import HEAD
from claimtrail.watch import run_round, watch

from .pages import feed, item, page, teaser

EVERY = 60


def _settings(target: str) -> Settings:
    return Settings(db=target)


def test_second_poll_sends_validators_and_gets_304(site, ledger_target):
    site.pages["/feed"] = feed(item(1), item(2))
    url = site.base + "/feed"
    with open_ledger(ledger_target) as ledger:
        first = run_round(ledger, [url], EVERY, _settings(ledger_target))
        second = run_round(ledger, [url], EVERY, _settings(ledger_target))
        assert ledger.schema_version() == HEAD
    assert [p.status for p in first.polls] == ["changed"] and first.polls[0].added == 2
    assert len(first.digest.new_articles) == 2
    assert [p.status for p in second.polls] == ["unchanged"]
    (etag, since, status) = site.sent("/feed")[-1]
    assert etag and etag.startswith('"') and since == "Tue, 19 Nov 2024 08:30:00 GMT" and status == 304
    assert site.sent("/feed")[0][:2] == (None, None)
    assert second.digest.empty


def test_new_items_between_rounds_and_seen_teasers_are_not_fetched_again(site, tmp_path):
    target = str(tmp_path / "w.db")
    site.pages["/feed"] = feed(teaser(7), item(1))
    site.pages["/page/7"] = page(7)
    url = site.base + "/feed"
    with open_ledger(target) as ledger:
        first = run_round(ledger, [url], EVERY, _settings(target))
        site.pages["/feed"] = feed(item(2), teaser(7), item(1))
        second = run_round(ledger, [url], EVERY, _settings(target), before=first.after)
        assert ledger.count_articles() == 3
        state = ledger.watch_state(url)
    assert first.polls[0].added == 2
    assert second.polls[0].status == "changed" and second.polls[0].added == 1
    assert [a.title for a in second.digest.new_articles] == ["Story 2"]
    assert len(site.sent("/page/7")) == 1  # the teaser seen in round 1 is not followed again
    assert state is not None and set(state["items_seen"]) == {"teaser-7", "story-1", "story-2"}


def test_a_feed_that_fails_then_recovers(site, ledger_target):
    site.pages["/feed"] = feed(item(1))
    site.broken.add("/feed")
    url = site.base + "/feed"
    with open_ledger(ledger_target) as ledger:
        failed = run_round(ledger, [url], EVERY, _settings(ledger_target))
        assert [f.source for f in ledger.failures()] == [url]
        assert ledger.watch_state(url)["errors"] == 1
        site.broken.clear()
        recovered = run_round(ledger, [url], EVERY, _settings(ledger_target))
        assert ledger.failures() == []
        assert ledger.watch_state(url)["errors"] == 0
    assert failed.polls[0].status == "failed" and "HTTP 500" in (failed.polls[0].error or "")
    assert [f.source for f in failed.digest.failed_inputs] == [url]
    assert recovered.polls[0].status == "changed" and recovered.polls[0].added == 1


def test_backoff_skips_rounds_after_repeated_failures(site, tmp_path):
    target = str(tmp_path / "w.db")
    site.broken.add("/feed")
    url = site.base + "/feed"
    with open_ledger(target) as ledger:
        statuses = [run_round(ledger, [url], EVERY, _settings(target)).polls[0].status for _ in range(3)]
    # 1st failure: tried again next round; 2nd failure: waits one interval, so round 3 skips it
    assert statuses == ["failed", "failed", "waiting"]
    assert len(site.sent("/feed")) == 2


def test_one_failing_url_does_not_stop_the_others(site, tmp_path):
    target = str(tmp_path / "w.db")
    site.pages["/page/3"] = page(3)
    urls = [site.base + "/missing", site.base + "/page/3"]
    with open_ledger(target) as ledger:
        done = run_round(ledger, urls, EVERY, _settings(target))
    assert [p.status for p in done.polls] == ["failed", "changed"]
    assert [a.title for a in done.digest.new_articles] == ["Page 3"]
    assert "HTTP 404" in done.digest.failed_inputs[0].reason


def test_restart_picks_up_the_state(site, ledger_target):
    site.pages["/feed"] = feed(item(1))
    url = site.base + "/feed"
    with open_ledger(ledger_target) as ledger:
        run_round(ledger, [url], EVERY, _settings(ledger_target))
    with open_ledger(ledger_target) as ledger:  # a new process would open it the same way
        again = run_round(ledger, [url], EVERY, _settings(ledger_target))
        rounds = ledger.watch_rounds()
    assert again.polls[0].status == "unchanged"
    assert site.sent("/feed")[-1][2] == 304
    assert len(rounds) == 2 and rounds[0]["digest"]["new_articles"][0]["title"] == "Story 1"
    assert rounds[1]["since"] is not None and rounds[1]["at"] > rounds[0]["at"]


def test_watch_stops_between_rounds(site, tmp_path):
    target = str(tmp_path / "w.db")
    site.pages["/feed"] = feed(item(1))
    stop = threading.Event()
    seen = []

    def on_round(done):
        seen.append(done)
        stop.set()  # as SIGTERM does: the loop ends once this round is over

    with open_ledger(target) as ledger:
        rounds = watch(ledger, [site.base + "/feed"], 3600, _settings(target), stop=stop, on_round=on_round)
    assert rounds == 1 and len(seen) == 1


def test_an_unreadable_feed_is_a_failed_poll_until_it_is_fixed(site, tmp_path):
    target = str(tmp_path / "w.db")
    site.pages["/feed"] = ("application/rss+xml", "<rss><channel><title>half a feed")
    url = site.base + "/feed"
    with open_ledger(target) as ledger:
        broken = run_round(ledger, [url], EVERY, _settings(target))
        assert [(f.source, f.attempts) for f in ledger.failures()] == [(url, 1)]
        assert ledger.watch_state(url)["etag"] is None  # read again next time, not answered 304
        site.pages["/feed"] = feed(item(1))
        fixed = run_round(ledger, [url], EVERY, _settings(target))
        assert ledger.failures() == []
    assert broken.polls[0].status == "failed" and "feed" in (broken.polls[0].error or "")
    assert [f.source for f in broken.digest.failed_inputs] == [url]
    assert fixed.polls[0].status == "changed" and fixed.polls[0].added == 1


def test_an_entry_too_short_to_read_fails_alone(site, tmp_path):
    target = str(tmp_path / "w.db")
    short = (
        '<item><title>Brief</title><guid isPermaLink="false">brief</guid>'
        "<content:encoded>Shelling.</content:encoded></item>"
    )
    site.pages["/feed"] = feed(short, item(1))
    url = site.base + "/feed"
    with open_ledger(target) as ledger:
        done = run_round(ledger, [url], EVERY, _settings(target))
        state = ledger.watch_state(url)
    assert done.polls[0].status == "changed" and done.polls[0].added == 1
    assert state is not None and state["errors"] == 0 and state["etag"]
    assert [f.reason for f in done.digest.failed_inputs][0].startswith("has only 9 characters")


def test_an_entry_whose_link_is_no_url_fails_alone(site, tmp_path):
    target = str(tmp_path / "w.db")
    odd = "<item><title>Odd</title><guid>not-a-link</guid><description>Teaser.</description></item>"
    site.pages["/feed"] = feed(odd, item(1))
    url = site.base + "/feed"
    with open_ledger(target) as ledger:
        done = run_round(ledger, [url], EVERY, _settings(target))
    assert done.polls[0].status == "changed" and done.polls[0].added == 1
    # the link cannot be fetched, so the entry falls back on its teaser, too short to read
    assert [(f.source, f.reason[:13]) for f in done.digest.failed_inputs] == [(url, "has only 7 ch")]
