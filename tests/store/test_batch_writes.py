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


def _rows(path) -> dict[str, list[tuple]]:
    """Every row of the ledger's own tables in rowid order, times left out (they differ by run)."""
    import sqlite3

    times = {"ingested_at", "at", "applied_at"}
    db = sqlite3.connect(path)
    try:
        out = {}
        for table in ("articles", "claims", "sources", "claim_sources", "evidence", "audit", "failures"):
            cursor = db.execute(f"SELECT rowid, * FROM {table} ORDER BY rowid")
            names = [d[0] for d in cursor.description]
            out[table] = [
                tuple(v for n, v in zip(names, row, strict=True) if n not in times) for row in cursor
            ]
        return out
    finally:
        db.close()


def test_a_batch_in_one_statement_per_table_stores_the_rows_article_by_article_writing_does(tmp_path):
    """``Ledger._store_many`` (one executemany per table for a whole batch) against ``add_article``
    per article: the same rows in the same order, doc ids and source ids included, with an article
    already stored, the same article twice in the batch and a failure its input clears."""
    from claimtrail.model import SourceLink
    from claimtrail.store.ledger import open_ledger

    link = SourceLink(
        text="the regional governor", name="Regional governor", type="official", role=None, cue="said"
    )

    def speaking(i: int):
        article, claims = numbered_article(i)
        article = replace(article, source_path=f"wire/{i}.txt")
        return article, [replace(c, attribution=(link, *c.attribution)) for c in claims]

    first = speaking(50)
    batch = [speaking(51), first, speaking(52), speaking(51), speaking(53)]
    paths = {"batch": str(tmp_path / "batch.db"), "single": str(tmp_path / "single.db")}
    for name, path in paths.items():
        with open_ledger(path) as ledger:
            ledger.user = "tester"
            ledger.record_failure("wire/52.txt", "timed out")
            ledger.record_failure("wire/99.txt", "timed out")
            assert ledger.add_article(*first) is True
            if name == "batch":
                assert ledger.add_articles(batch) == [True, False, True, False, True]
            else:
                assert [ledger.add_article(*pair) for pair in batch] == [True, False, True, False, True]
            assert [f.source for f in ledger.failures()] == ["wire/99.txt"]
    batch_rows, single_rows = _rows(paths["batch"]), _rows(paths["single"])
    assert len(batch_rows["articles"]) == 4 and len(batch_rows["audit"]) == 4
    assert sum("Regional governor" in row for row in batch_rows["sources"]) == 1  # stored once
    assert batch_rows == single_rows
