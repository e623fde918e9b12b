"""Batched writes (issue 13, item 2): a batch of articles is one transaction with a savepoint per
article, so an article the database refuses is rolled back alone and the rest are stored."""

from __future__ import annotations

from dataclasses import replace

import pytest

from claimtrail.errors import LedgerError
from claimtrail.model import Article
from claimtrail.run import IngestReport, _Writer
from claimtrail.store.filters import ClaimFilter
from claimtrail.store.ledger import Ledger

from .factory import numbered_article


def test_a_refused_article_is_rolled_back_alone_and_the_batch_is_stored(ledger: Ledger):
    one, one_claims = numbered_article(1)
    two, two_claims = numbered_article(2)
    clash, clash_claims = numbered_article(3)
    clash_claims = clash_claims + [clash_claims[0]]  # one claim id twice: the claims table refuses it
    nul = Article(text="Seven\x00 were hurt.", article_id="00000000000000ff", source_path="nul.txt")
    outcomes = ledger.add_articles(
        [(one, one_claims), (clash, clash_claims), (nul, []), (two, two_claims), (one, one_claims)]
    )
    assert outcomes[0] is True and outcomes[3] is True and outcomes[4] is False
    assert isinstance(outcomes[1], LedgerError) and clash.article_id in str(outcomes[1])
    assert isinstance(outcomes[2], LedgerError) and "NUL character" in str(outcomes[2])
    assert ledger.article_ids() == sorted([one.article_id, two.article_id])
    assert ledger.count_claims() == len(one_claims) + len(two_claims)
    assert ledger.claims(ClaimFilter(article_id=two.article_id)) == two_claims
    assert ledger.claims(ClaimFilter(article_id=clash.article_id)) == []
    # nothing of the refused article blocks storing it properly afterwards
    assert ledger.add_articles([(clash, clash_claims[:-1])]) == [True]


def test_the_writer_stores_batches_and_records_refusals(ledger: Ledger):
    report = IngestReport()
    writer = _Writer(ledger, report, None)
    good = [numbered_article(i) for i in (4, 5)]
    bad = replace(good[0][0], article_id="", source_path="no-id.txt")
    writer.store_batch([good[0], (bad, []), good[1]])
    writer.close()
    assert report.articles_added == 2
    assert [f.source for f in report.failures] == ["no-id.txt"]
    assert "could not be stored" in report.failures[0].reason


def test_a_failed_batch_transaction_falls_back_to_one_article_at_a_time(ledger: Ledger, monkeypatch):
    def broken(batch):
        raise LedgerError("ledger test: could not store a batch: disk full")

    monkeypatch.setattr(ledger, "add_articles", broken)
    report = IngestReport()
    writer = _Writer(ledger, report, None)
    writer.store_batch([numbered_article(6), numbered_article(7)])
    writer.close()
    assert report.articles_added == 2 and report.failures == []
    assert len(ledger.article_ids()) == 2


@pytest.mark.parametrize("size", [1, 3])
def test_batches_give_the_same_ledger_as_single_articles(ledger: Ledger, size: int, tmp_path):
    from claimtrail.store.ledger import open_ledger

    pairs = [numbered_article(i) for i in range(10, 16)]
    for start in range(0, len(pairs), size):
        assert all(o is True for o in ledger.add_articles(pairs[start : start + size]))
    with open_ledger(str(tmp_path / "single.db")) as single:
        for article, claims in pairs:
            single.add_article(article, claims)
        assert single.article_ids() == ledger.article_ids()
        assert [c.claim_id for c in single.claims(ClaimFilter())] == [
            c.claim_id for c in ledger.claims(ClaimFilter())
        ]
        assert single.sources() == ledger.sources()


def test_the_writers_source_cache_is_bounded_and_a_source_out_of_it_is_found_again(
    ledger: Ledger, monkeypatch
):
    """The ids of sources kept between articles are bounded (a year of ingest names ever new
    sources); a source dropped from that cache is looked up again, never stored twice."""
    import claimtrail.store.ledger as ledger_module
    from claimtrail.model import SourceLink

    monkeypatch.setattr(ledger_module, "SOURCE_ID_CACHE", 4)

    def with_speaker(i: int, speaker: str):
        article, claims = numbered_article(i)
        link = SourceLink(text=speaker, name=speaker, type="person", role=None, cue="said")
        return article, [replace(c, attribution=(link, *c.attribution)) for c in claims]

    speakers = [f"Oleh Marchenko {n}" for n in range(6)]
    for i, speaker in enumerate(speakers, start=20):
        assert ledger.add_articles([with_speaker(i, speaker)]) == [True]
        assert len(ledger._source_ids) <= 4
    assert ledger.add_articles([with_speaker(40, speakers[0])]) == [True]  # long out of the cache
    names = [s["name"] for s in ledger.sources()]
    assert sorted(n for n in names if n.startswith("Oleh")) == sorted(speakers)  # each stored once
    stored = ledger.claims(ClaimFilter(article_id=f"{40:016x}"))
    assert stored and all(c.attribution[0].name == speakers[0] for c in stored)
