"""Incremental fusion at volume (issue 13, items 3 and 4) on a synthetic ledger of several stories
and incidents, on SQLite and PostgreSQL: after every add, a delete, a re-add and a desk rejection
the stored state equals a full run of a second ledger holding the same articles; a re-fused
component recomputes only the tracked quantities whose inputs changed; a full run streams one
component at a time and never reads every claim at once; changed articles are found in SQL."""

from __future__ import annotations

import itertools
import json
from dataclasses import asdict, replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from claimtrail import fusion
from claimtrail.fusion import incremental, stages
from claimtrail.model import Article, Claim
from claimtrail.store import fusion_state
from claimtrail.store.ledger import Ledger, open_ledger

from .helpers import claim

KHARKIV = ("Kharkiv", "UA", "geonames:706483")
ODESA = ("Odesa", "UA", "geonames:698740")
RUSSIA = ("Russia", "RU", "geonames:2017370")
_base = itertools.count(1)


def _said(article: str, value: float, sentence: str, figure: str, **kw) -> Claim:
    """A claim whose figure ``figure`` is written in ``sentence``."""
    base = next(_base) * 1000
    c = claim(article, value, start=base + sentence.index(figure), sentence_start=base, **kw)
    return replace(c, sentence=sentence, end=c.start + len(figure))


def _people(article: str, value: float, sentence: str, figure: str, **kw) -> Claim:
    kw.setdefault("event", "killed")
    return _said(article, value, sentence, figure, subject="people", country=None, **kw)


def _scenario() -> list[tuple[str, str, list[Claim]]]:
    """(article id, date, claims): troops in one story, two incidents in two towns, a night of
    drones, and an article that joins the troop story to the drone one."""
    kh, od = (KHARKIV,), (ODESA,)
    return [
        ("t1", "2024-11-04", [claim("t1", 10000, said="2024-11-04", sources=("NIS",))]),
        ("t2", "2024-11-05", [claim("t2", 12000, said="2024-11-05", sources=("Pentagon",))]),
        (
            "k1",
            "2025-03-03",
            [
                _people(
                    "k1",
                    14,
                    "A missile attack on Kharkiv killed 14 people.",
                    "14",
                    places=kh,
                    said="2025-03-03",
                )
            ],
        ),
        (
            "k2",
            "2025-03-04",
            [
                _people(
                    "k2",
                    17,
                    "The toll of the attack on Kharkiv rose to 17 people.",
                    "17",
                    places=kh,
                    said="2025-03-04",
                ),
                _people(
                    "k2",
                    40,
                    "Some 40 people were wounded in the attack on Kharkiv.",
                    "40",
                    places=kh,
                    said="2025-03-04",
                    event="wounded",
                ),
            ],
        ),
        (
            "o1",
            "2025-03-20",
            [_people("o1", 6, "A drone strike on Odesa killed 6 people.", "6", places=od, said="2025-03-20")],
        ),
        (
            "d1",
            "2025-03-05",
            [
                claim(
                    "d1",
                    35,
                    subject="drone",
                    country="RU",
                    event="launched",
                    said="2025-03-05",
                    sources=("Ukrainian Air Force",),
                    places=(),
                )
            ],
        ),
        (
            "m1",
            "2025-03-06",
            [
                claim("m1", 11000, said="2025-03-06", sources=("HUR",), places=(RUSSIA,)),
                claim(
                    "m1",
                    40,
                    start=50,
                    subject="drone",
                    country="RU",
                    event="launched",
                    said="2025-03-06",
                    sources=("Ukrainian Air Force",),
                    places=(),
                ),
            ],
        ),
        ("t3", "2025-03-07", [claim("t3", 11500, said="2025-03-07", sources=("HUR",))]),
    ]


def _pair(article_id: str, day: str, claims: list[Claim]) -> tuple[Article, list[Claim]]:
    text = f"Our own report {article_id}: " + " ".join(c.sentence for c in claims)
    return Article(
        text=text, article_id=article_id, outlet=f"Outlet {article_id}", published=date.fromisoformat(day)
    ), claims


def _dump(result: fusion.FusionResult) -> str:
    """Everything fusion found, as one comparable text."""
    return json.dumps(
        {
            "tracked": [asdict(t) for t in result.tracked],
            "grades": {k: str(g) for k, g in sorted(result.grades.items())},
            "checks": sorted(json.dumps(asdict(c)) for c in result.checks),
            "origins": [asdict(o) for o in result.origins],
            "parents": result.parents,
        },
        sort_keys=True,
    )


def _full_copy(
    pairs: list[tuple[Article, list[Claim]]], folder: Path, rejected: set[str] = frozenset()
) -> str:
    """A full run of a fresh SQLite ledger holding ``pairs`` in this order (``rejected`` claims
    rejected at its desk)."""
    path = folder / f"copy{next(_base)}.db"
    with open_ledger(str(path)) as ledger:
        ledger.user = "tester"
        for article, claims in pairs:
            assert ledger.add_article(article, claims)
        for cid in sorted(rejected):
            ledger.desk.review(cid, "rejected", note="a misread", by="tester")
        return _dump(fusion.full_run(ledger))


def _current(ledger: Ledger) -> str:
    return _dump(incremental.current(ledger))


def test_adds_a_delete_a_readd_and_a_rejection_equal_a_full_run(ledger_target, tmp_path):
    pairs = [_pair(*row) for row in _scenario()]
    with open_ledger(ledger_target) as ledger:
        ledger.user = "tester"
        held: list[tuple[Article, list[Claim]]] = []
        for article, claims in pairs:
            assert ledger.add_article(article, claims)
            held.append((article, claims))
            assert incremental.sync(ledger) in ("incremental", "full")
            assert _current(ledger) == _full_copy(held, tmp_path)
        tracked = {t.id: t for t in fusion.track(ledger)}
        assert any("Kharkiv" in t.label for t in tracked.values())
        assert any("Odesa" in t.label for t in tracked.values())

        # the article that joined troops and drones goes: its component splits in two
        assert ledger.delete_article("m1")
        held = [p for p in held if p[0].article_id != "m1"]
        assert incremental.sync(ledger) == "incremental"
        assert _current(ledger) == _full_copy(held, tmp_path)

        ledger_pair = next(p for p in pairs if p[0].article_id == "m1")
        assert ledger.add_article(*ledger_pair)
        held.append(ledger_pair)
        assert incremental.sync(ledger) == "incremental"
        assert _current(ledger) == _full_copy(held, tmp_path)

        victim = next(c.claim_id for c in ledger.claims() if c.article_id == "t2")
        before = ledger.fusion_stamp()
        ledger.desk.review(victim, "rejected", note="a misread", by="tester")
        assert fusion.refuse_claims(ledger, [victim], before) > 0
        assert incremental.sync(ledger) == "current"
        assert _current(ledger) == _full_copy(held, tmp_path, {victim})
        assert victim not in {cid for t in fusion.track(ledger) for cid in t.claims}


def test_a_refused_component_recomputes_only_the_quantities_whose_inputs_changed(tmp_path, monkeypatch):
    rows = _scenario()
    with open_ledger(str(tmp_path / "reuse.db")) as ledger:
        for row in rows[:-1]:
            assert ledger.add_article(*_pair(*row))
        incremental.sync(ledger)
        computed: list[str] = []
        real = stages._track_one

        def spy(tid, key, *args):
            computed.append(key.subject)
            return real(tid, key, *args)

        monkeypatch.setattr(stages, "_track_one", spy)
        assert ledger.add_article(*_pair(*rows[-1]))  # t3: one more troop figure
        assert incremental.sync(ledger) == "incremental"
        # the troops and the drones are one component (m1 joins them): only the troops are recomputed
        assert computed == ["troop"]
        assert fusion_state.components_of(ledger, ["t3"]) == {"c:d1"}
        monkeypatch.setattr(stages, "_track_one", real)
        drones = [t for t in fusion.track(ledger) if t.subject.normalized == "drone"]
        assert sorted(t.label for t in drones) == [  # one series per night
            "Russian drones launched (2025-03-05)",
            "Russian drones launched (2025-03-06)",
        ]
        assert _current(ledger) == _full_copy([_pair(*row) for row in rows], tmp_path)


def test_a_full_run_streams_one_component_at_a_time(tmp_path, monkeypatch):
    pairs = [_pair(*row) for row in _scenario()]
    expected = _full_copy(pairs, tmp_path)
    with open_ledger(str(tmp_path / "stream.db")) as ledger:
        for pair in pairs:
            assert ledger.add_article(*pair)

        real_stream = ledger.claims_for_fusion
        batches: list[int] = []

        def streamed(batch=5000):
            batches.append(batch)  # the topics are read in ledger order, a few claims at a time
            return real_stream(batch=batch)

        sizes: list[int] = []
        real = fusion_state.component_claims

        def one_component(led, component):
            found = real(led, component)
            sizes.append(len(found))
            return found

        monkeypatch.setattr(ledger, "claims_for_fusion", streamed)
        monkeypatch.setattr(fusion_state, "component_claims", one_component)
        monkeypatch.setattr(incremental, "TOPIC_BATCH_CLAIMS", 2)
        monkeypatch.setattr(incremental, "STORE_BATCH_CLAIMS", 1)
        # every topic found again from the claims (``track --full``)
        assert incremental.rebuild(ledger, reuse_topics=False) == 2  # troops with drones (m1); people
        assert sorted(sizes) == [4, 6]
        assert batches == [2]
        assert _current(ledger) == expected
        # the topics the writer stored: no claim read for them
        batches.clear()
        sizes.clear()
        assert incremental.rebuild(ledger) == 2
        assert sorted(sizes) == [4, 6]
        assert batches == []
        assert _current(ledger) == expected


def test_changed_articles_are_found_in_sql(ledger_target):
    rows = _scenario()
    with open_ledger(ledger_target) as ledger:
        for row in rows[:3]:
            assert ledger.add_article(*_pair(*row))
        assert fusion_state.changed_articles(ledger) == {"t1", "t2", "k1"}
        incremental.sync(ledger)
        assert fusion_state.changed_articles(ledger) == set()
        assert ledger.add_article(*_pair(*rows[3]))
        assert ledger.delete_article("t1")
        assert fusion_state.changed_articles(ledger) == {"k2", "t1"}
        assert incremental.sync(ledger) == "incremental"
        assert fusion_state.changed_articles(ledger) == set()


@pytest.mark.parametrize("rejected", [False, True])
def test_the_stored_state_equals_one_in_memory_run(tmp_path, rejected):
    pairs = [_pair(*row) for row in _scenario()]
    with open_ledger(str(tmp_path / "memory.db")) as ledger:
        ledger.user = "tester"
        for pair in pairs:
            assert ledger.add_article(*pair)
            incremental.sync(ledger)
        if rejected:
            victim = next(c.claim_id for c in ledger.claims() if c.article_id == "k1")
            before = ledger.fusion_stamp()
            ledger.desk.review(victim, "rejected", note="a misread", by="tester")
            fusion.refuse_claims(ledger, [victim], before)
        claims = list(ledger.claims_for_fusion())
        meta = {a: stages.ArticleMeta(o, p) for a, (o, p) in ledger.article_meta().items()}
        assert _current(ledger) == _dump(fusion.fuse(claims, meta, {}, None))


def test_a_full_run_finds_the_topics_of_an_article_whose_claims_are_not_consecutive(tmp_path):
    """The topic pass reads claims in ledger order and closes an article when another's claim
    comes; an article whose claims come back later (doc ids not consecutive) is read again by id,
    so the components and the stored state are those of one in-memory run."""
    pairs = [_pair(*row) for row in _scenario()]
    with open_ledger(str(tmp_path / "interleaved.db")) as ledger:
        for pair in pairs:
            assert ledger.add_article(*pair)
        with ledger.engine.begin() as conn:  # k2's second claim after o1's claim in ledger order
            k2 = (
                conn.execute(text("SELECT doc_id FROM claims WHERE article_id = 'k2' ORDER BY doc_id"))
                .scalars()
                .all()
            )
            o1 = conn.execute(text("SELECT doc_id FROM claims WHERE article_id = 'o1'")).scalar_one()
            conn.execute(text("UPDATE claims SET doc_id = -1 WHERE doc_id = :d"), {"d": k2[1]})
            conn.execute(text("UPDATE claims SET doc_id = :k WHERE doc_id = :o"), {"k": k2[1], "o": o1})
            conn.execute(text("UPDATE claims SET doc_id = :o WHERE doc_id = -1"), {"o": o1})
        order = [c.article_id for c in ledger.claims_for_fusion()]
        assert order.index("o1") < len(order) - 1 - order[::-1].index("k2")  # interleaved
        assert incremental.rebuild(ledger, reuse_topics=False) == 2
        claims = list(ledger.claims_for_fusion())
        meta = {a: stages.ArticleMeta(o, p) for a, (o, p) in ledger.article_meta().items()}
        whole = incremental.article_topics("k2", [c for c in claims if c.article_id == "k2"], meta["k2"])
        assert fusion_state.topics_of(ledger, ["k2"])["k2"] == whole  # both its figures were read
        assert _current(ledger) == _dump(fusion.fuse(claims, meta, {}, None))
