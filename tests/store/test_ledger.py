"""Ledger behaviour, run on SQLite and on PostgreSQL (see conftest.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from claimtrail.errors import InputError, LedgerError
from claimtrail.model import Failure, SourceLink
from claimtrail.store.filters import ClaimFilter
from claimtrail.store.ledger import Ledger, open_ledger
from claimtrail.store.migrations import HEAD

from .factory import make_article, make_claim, numbered_article, report_claims


def test_open_records_schema_version(ledger: Ledger):
    assert ledger.schema_version() == HEAD >= 1
    recorded = ledger.migrations()
    assert [m["version"] for m in recorded] == list(range(1, HEAD + 1))
    assert recorded[0]["description"] == "initial schema"


def test_add_article_round_trips_article_and_claims(ledger: Ledger):
    article = make_article()
    claims = report_claims(article)
    assert ledger.add_article(article, claims) is True

    stored = ledger.get_article(article.article_id)
    assert stored == article  # every field, the text exactly
    assert stored.published == date(2025, 3, 7)
    assert ledger.count_articles() == 1
    assert ledger.count_claims() == 3

    back = ledger.get_claim(claims[0].claim_id)
    assert back == claims[0]  # contract fields, qualifiers, sentence_start, evidence in order
    assert stored.text[back.start : back.end] == "1,200"
    assert [e.role for e in back.evidence] == ["quantity", "source", "cue", "source", "cue", "place"]
    assert back.attribution[0].name == "Park Ji-hoon"
    assert back.attribution[-1].name == "National Intelligence Service"
    assert ledger.get_claim("no-such-claim") is None
    assert ledger.get_article("no-such-article") is None
    assert [c.claim_id for c in ledger.claims(ClaimFilter(article_id=article.article_id))] == [
        c.claim_id for c in claims
    ]


def test_reingest_is_a_no_op(ledger: Ledger):
    article = make_article()
    claims = report_claims(article)
    assert ledger.add_article(article, claims)
    before = (ledger.count_articles(), ledger.count_claims(), ledger.sources())

    # The same article again, even with a changed claim, changes nothing.
    changed = report_claims(article)
    changed[0] = replace(changed[0], modality="confirmed")
    assert ledger.add_article(article, changed) is False
    assert ledger.add_article(article, []) is False
    assert (ledger.count_articles(), ledger.count_claims(), ledger.sources()) == before
    assert ledger.get_claim(claims[0].claim_id).modality == "reported"
    assert ledger.has_article(article.article_id)
    assert not ledger.has_article("ffffffffffffffff")


def _assert_only_first(ledger: Ledger, first, first_claims, second) -> None:
    assert not ledger.has_article(second.article_id)
    assert ledger.get_article(second.article_id) is None
    assert ledger.claims(ClaimFilter(article_id=second.article_id)) == []
    assert ledger.search_articles("1,107") == []
    assert ledger.count_articles() == 1
    assert ledger.count_claims() == len(first_claims)
    assert ledger.get_article(first.article_id) == first
    assert ledger.claims(ClaimFilter(article_id=first.article_id)) == first_claims


def test_failure_mid_article_leaves_nothing_of_it(ledger: Ledger, monkeypatch):
    first, first_claims = numbered_article(1)
    second, second_claims = numbered_article(107)
    assert ledger.add_article(first, first_claims)
    sources_before = ledger.sources()

    def broken(conn, claims):  # the last step of add_article fails after everything else was written
        raise RuntimeError("disk unplugged")

    monkeypatch.setattr(ledger, "_insert_evidence", broken)
    with pytest.raises(RuntimeError, match="disk unplugged"):
        ledger.add_article(second, second_claims)
    monkeypatch.undo()

    _assert_only_first(ledger, first, first_claims, second)
    assert ledger.sources() == sources_before
    # Nothing left behind blocks storing it properly afterwards.
    assert ledger.add_article(second, second_claims) is True
    assert ledger.claims(ClaimFilter(article_id=second.article_id)) == second_claims


def test_database_error_mid_article_rolls_back_with_ledger_error(ledger: Ledger):
    first, first_claims = numbered_article(1)
    second, second_claims = numbered_article(107)
    assert ledger.add_article(first, first_claims)
    duplicate = second_claims + [second_claims[0]]  # the same claim id twice: the claims insert fails
    with pytest.raises(LedgerError, match=f"cannot store article {second.article_id}"):
        ledger.add_article(second, duplicate)
    _assert_only_first(ledger, first, first_claims, second)


def test_claims_of_another_article_are_refused(ledger: Ledger):
    article = make_article()
    other = make_article(article_id="0123456789abcdef")
    with pytest.raises(LedgerError, match="belongs to article 0123456789abcdef"):
        ledger.add_article(article, report_claims(other))
    assert ledger.count_articles() == 0


def test_search_articles_full_text_with_snippets(ledger: Ledger):
    article = make_article()
    ledger.add_article(article, report_claims(article))
    other = make_article(
        "Flooding along the Danube forced about 2,000 residents from their homes, the mayor said.",
        article_id="00000000000000aa",
        title="Danube floods",
    )
    ledger.add_article(other, [])

    hits = ledger.search_articles("Kursk")
    assert [a.article_id for a, _ in hits] == [article.article_id]
    found, snippet = hits[0]
    assert found == article
    assert "«Kursk»" in snippet
    # Stemming: "soldier" finds "soldiers", "kill" finds "killed".
    assert [a.article_id for a, _ in ledger.search_articles("soldier kill")] == [article.article_id]
    assert [a.article_id for a, _ in ledger.search_articles("flooding")] == [other.article_id]
    assert [a.article_id for a, _ in ledger.search_articles('"Kursk region"')] == [article.article_id]
    assert ledger.search_articles('"region Kursk"') == []
    # Title words count; punctuation never breaks the query syntax.
    assert [a.article_id for a, _ in ledger.search_articles("Danube floods")] == [other.article_id]
    assert [a.article_id for a, _ in ledger.search_articles("Ji-hoon (Park)")] == [article.article_id]
    assert len(ledger.search_articles("Kursk OR Danube")) == 2
    assert [a.article_id for a, _ in ledger.search_articles("residents -Kursk")] == [other.article_id]
    assert ledger.search_articles("residents Kursk") == []
    assert ledger.search_articles("  ") == []


def _three_articles(ledger: Ledger):
    out = []
    for i, published in ((1, date(2025, 1, 10)), (2, date(2025, 2, 14)), (3, date(2025, 3, 20))):
        article, claims = numbered_article(i, published=published)
        claims = [replace(claim, published=published.isoformat()) for claim in claims]
        assert ledger.add_article(article, claims)
        out.append((article, claims))
    return out


def test_claim_filters(ledger: Ledger):
    stored = _three_articles(ledger)
    every = [c.claim_id for _, claims in stored for c in claims]
    assert [c.claim_id for c in ledger.claims()] == every

    deployed = ledger.claims(ClaimFilter(event="deployed"))
    assert len(deployed) == 6 and {c.event for c in deployed} == {"deployed"}
    assert [c.quantity.value for c in ledger.claims(ClaimFilter(event="casualties"))] == [
        3001.0,
        3002.0,
        3003.0,
    ]
    assert len(ledger.claims(ClaimFilter(country="kp"))) == 9
    assert ledger.claims(ClaimFilter(country="UA")) == []
    assert [c.modality for c in ledger.claims(ClaimFilter(modality="possible"))] == ["possible"] * 3
    # speaker/origin: case-insensitive substring of the first / last source of the chain.
    assert len(ledger.claims(ClaimFilter(speaker="park"))) == 6
    assert len(ledger.claims(ClaimFilter(origin="intelligence service"))) == 3
    assert len(ledger.claims(ClaimFilter(origin="PARK JI"))) == 3  # Park is the origin when he cites no one
    assert ledger.claims(ClaimFilter(speaker="intelligence service")) == []
    assert ledger.claims(ClaimFilter(speaker="100%")) == []  # LIKE wildcards are escaped
    # Full text over sentences.
    assert {c.event for c in ledger.claims(ClaimFilter(search="wounded"))} == {"casualties"}
    assert len(ledger.claims(ClaimFilter(search="summer troops"))) == 3
    # Dates: the event time, else the statement time, else the article's publication date.
    casualties_2 = stored[1][1][2]
    in_feb = ledger.claims(ClaimFilter(date_from=date(2025, 2, 1), date_to=date(2025, 2, 28)))
    # Claim 1 (statement on Thursday 2025-03-06) falls outside; the casualty claims span Jan..Mar 7;
    # the possible deployment of article 2 has only its publication date, Feb 14.
    assert casualties_2.claim_id in [c.claim_id for c in in_feb]
    assert sorted(c.modality for c in in_feb) == ["estimated", "estimated", "estimated", "possible"]
    assert [c.quantity.value for c in ledger.claims(ClaimFilter(date_from=date(2025, 3, 8)))] == [2003.0]
    # An inverted interval is empty, also for the casualty claims whose span covers both of its ends.
    assert ledger.claims(ClaimFilter(date_from=date(2025, 2, 28), date_to=date(2025, 2, 1))) == []
    # Combined filters, paging.
    combined = ledger.claims(
        ClaimFilter(event="deployed", speaker="Park", modality="reported", article_id=stored[2][0].article_id)
    )
    assert [c.quantity.value for c in combined] == [1003.0]
    assert [c.claim_id for c in ledger.claims(limit=2, offset=3)] == every[3:5]
    assert [c.claim_id for c in ledger.claims(ClaimFilter(place_country="ru", event="casualties"))] == [
        claims[2].claim_id for _, claims in stored
    ]


def test_sources_are_shared_and_counted(ledger: Ledger):
    _three_articles(ledger)
    article = make_article(
        "Seoul's spy agency said 400 of the soldiers were killed, the Yonhap agency reported.",
        article_id="00000000000000bb",
    )
    nis_again = SourceLink(
        text="the National Intelligence Service",
        name="the national  intelligence service",  # same source, other spelling
        type="intelligence",
        role=None,
        cue="said",
    )
    claim = make_claim(article, "400", value=400.0, event="killed", modality="reported", chain=(nis_again,))
    ledger.add_article(article, [claim])
    by_name = {s["name"]: s for s in ledger.sources()}
    assert set(by_name) == {"Park Ji-hoon", "National Intelligence Service", "Ukrainian officials"}
    assert by_name["Park Ji-hoon"]["claims"] == 6
    assert by_name["Park Ji-hoon"]["as_speaker"] == 6
    assert by_name["Park Ji-hoon"]["as_origin"] == 3
    nis = by_name["National Intelligence Service"]
    assert (nis["claims"], nis["as_speaker"], nis["as_origin"], nis["type"]) == (4, 1, 4, "intelligence")
    assert ledger.sources()[0]["name"] == "Park Ji-hoon"  # most cited first


def test_failures_are_recorded(ledger: Ledger):
    start = datetime.now(UTC) - timedelta(seconds=1)
    ledger.record_failure("feeds/broken.xml", "not a valid RSS or Atom feed")
    ledger.record_failure("scans/photo.jpg", "binary file (image/jpeg), not text")
    assert ledger.failures() == [
        Failure("feeds/broken.xml", "not a valid RSS or Atom feed"),
        Failure("scans/photo.jpg", "binary file (image/jpeg), not text"),
    ]
    assert len(ledger.failures(since=start)) == 2
    assert ledger.failures(since=datetime.now(UTC) + timedelta(hours=1)) == []


def test_grades(ledger: Ledger):
    ledger.set_grade("National Intelligence Service", "b")
    ledger.set_grade("news.example.org", "C")
    ledger.set_grade("the National Intelligence Service", "A")  # replaces: same source
    assert [(g["name"], g["reliability"]) for g in ledger.grades()] == [
        ("the National Intelligence Service", "A"),
        ("news.example.org", "C"),
    ]
    assert ledger.grade("national intelligence service") == "A"
    assert ledger.grade("Reuters") is None
    with pytest.raises(InputError, match="A-F"):
        ledger.set_grade("Reuters", "G")
    article = make_article()
    ledger.add_article(article, report_claims(article))
    graded = {s["name"]: s["reliability"] for s in ledger.sources()}
    assert graded["National Intelligence Service"] == "A"
    assert graded["Park Ji-hoon"] is None


def test_delete_article_removes_everything_derived(ledger: Ledger):
    first, first_claims = numbered_article(1)
    second, second_claims = numbered_article(107)
    ledger.add_article(first, first_claims)
    ledger.add_article(second, second_claims)
    assert ledger.delete_article(second.article_id) is True
    assert ledger.delete_article(second.article_id) is False
    _assert_only_first(ledger, first, first_claims, second)
    assert ledger.claims(ClaimFilter(search="1,107")) == []
    assert ledger.add_article(second, second_claims) is True


def test_iter_claims_pages_through_everything(ledger: Ledger):
    stored = _three_articles(ledger)
    assert [c.claim_id for c in ledger.iter_claims(batch=2)] == [c.claim_id for _, cl in stored for c in cl]
    assert [c.event for c in ledger.iter_claims(ClaimFilter(event="casualties"), batch=2)] == [
        "casualties"
    ] * 3


def test_reopen_keeps_everything(ledger_target):
    article = make_article()
    claims = report_claims(article)
    with open_ledger(ledger_target) as led:
        led.add_article(article, claims)
    with open_ledger(ledger_target) as led:
        assert led.get_article(article.article_id) == article
        assert led.claims() == claims
        assert len(led.migrations()) == HEAD


def test_two_writers_share_one_ledger(ledger_target):
    """Two ledgers on one database writing at once (overlapping articles): each article stored once,
    whole, with unique full-text keys."""
    from concurrent.futures import ThreadPoolExecutor

    batches = [[numbered_article(i) for i in range(0, 24)], [numbered_article(i) for i in range(12, 36)]]
    with open_ledger(ledger_target) as first, open_ledger(ledger_target) as second:

        def write(args):
            led, batch = args
            return sum(led.add_article(a, c) for a, c in batch)

        with ThreadPoolExecutor(2) as pool:
            stored = list(pool.map(write, [(first, batches[0]), (second, batches[1])]))
        assert sum(stored) == 36
        assert first.count_articles() == 36
        assert second.count_claims() == 36 * 3
        assert len(first.claims(ClaimFilter(search="summer"))) == 36
        assert len(first.search_articles("Kursk")) == 36


def test_claim_counts_and_id_prefixes(ledger: Ledger):
    stored = _three_articles(ledger)
    empty = make_article(
        "Nothing countable happened in this short notice today.", article_id="00000000000001ff"
    )
    ledger.add_article(empty, [])
    ids = [a.article_id for a, _ in stored]
    assert ledger.claim_counts() == {**{i: 3 for i in ids}, empty.article_id: 0}
    assert ledger.article_ids() == [*ids, empty.article_id]
    assert ledger.article_ids("00000000000001") == [empty.article_id]
    assert ledger.article_ids("000000000000000") == ids
    assert ledger.article_ids("%") == []
