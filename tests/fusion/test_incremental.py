"""Incremental fusion (issue 13, item 3): the state stored in the ledger after a sequence of adds,
a delete, a re-add and a desk change equals a full run, and an article re-fuses only the
component it touches. The claims are the example corpus's, extracted once for the module."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import pytest

import claimtrail
from claimtrail import fusion
from claimtrail.fusion import incremental
from claimtrail.model import Article, Claim
from claimtrail.store import fusion_state
from claimtrail.store.filters import ALL_CLAIMS
from claimtrail.store.ledger import Ledger, open_ledger

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "kursk"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[tuple[Article, list[Claim]]]:
    """Every example article with its extracted claims, in ledger order."""
    path = str(tmp_path_factory.mktemp("corpus") / "corpus.db")
    with open_ledger(path) as ledger:
        claimtrail.ingest([str(EXAMPLES)], ledger)
        by_article: dict[str, list[Claim]] = {}
        for c in ledger.claims(ALL_CLAIMS):
            by_article.setdefault(c.article_id, []).append(c)
        out = []
        for article in ledger.articles():
            out.append((article, by_article.get(article.article_id, [])))
    return out


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


def _full(ledger: Ledger) -> str:
    return _dump(fusion.full_run(ledger))


def test_adds_a_delete_a_readd_and_a_desk_change_equal_a_full_run(corpus, tmp_path):
    with open_ledger(str(tmp_path / "inc.db")) as ledger:
        modes = []
        for article, claims in corpus:
            assert ledger.add_article(article, claims)
            modes.append(incremental.sync(ledger))
        assert modes[0] == "full" and set(modes[1:]) == {"incremental"}
        after_adds = _dump(incremental.current(ledger))
        assert after_adds == _full(ledger)

        # delete the article with the most claims: its component may split
        victim = max(corpus, key=lambda pair: len(pair[1]))[0].article_id
        assert ledger.delete_article(victim)
        assert incremental.sync(ledger) == "incremental"
        after_delete = _dump(incremental.current(ledger))
        assert after_delete != after_adds
        assert after_delete == _full(ledger)

        article, claims = next(pair for pair in corpus if pair[0].article_id == victim)
        assert ledger.add_article(article, claims)
        assert incremental.sync(ledger) == "incremental"
        # it is now last in ledger order (as a full run reads it), so compare with a full run
        assert _dump(incremental.current(ledger)) == _full(ledger)

        # a claim rejected at the desk, re-fused through the hook the desk calls
        rejected = next(c for c in claims if c.quantity is not None and c.event == "deployed")
        ledger.desk.review(rejected.claim_id, "rejected")
        assert fusion.refuse_claims(ledger, [rejected.claim_id]) > 0
        assert incremental.sync(ledger) == "current"
        after_desk = _dump(incremental.current(ledger))
        assert rejected.claim_id not in after_desk.split('"grades"')[1]
        assert after_desk == _full(ledger)


def test_one_component_equals_one_run_of_every_claim(corpus, tmp_path):
    """On the example corpus the components change nothing: the stored state gives what one run
    over every claim gives (the contract snapshot checks the same through the CLI)."""
    with open_ledger(str(tmp_path / "one.db")) as ledger:
        for article, claims in corpus:
            ledger.add_article(article, claims)
        stored = fusion.run(ledger)
        in_memory = fusion.api._in_memory(ledger, None)
        assert [asdict(t) for t in stored.tracked] == [asdict(t) for t in in_memory.tracked]
        assert stored.grades == in_memory.grades
        assert sorted(map(repr, stored.checks)) == sorted(map(repr, in_memory.checks))


def test_an_article_re_fuses_only_its_component(corpus, tmp_path):
    with open_ledger(str(tmp_path / "part.db")) as ledger:
        for article, claims in corpus:
            ledger.add_article(article, claims)
        incremental.sync(ledger)
        parts = incremental.components(
            fusion_state.topics_of(ledger, fusion_state.stored_article_ids(ledger))
        )
        assert len(parts) >= 2
        smallest = min(parts, key=len)
        assert len(smallest) < len(corpus) // 2
        others = {c: s for c, s in fusion_state.states(ledger) if c != "c:" + smallest[0]}
        assert ledger.delete_article(smallest[0])
        assert incremental.refuse_articles(ledger, [smallest[0]]) == len(smallest) - 1
        # the other components were not rewritten
        assert {c: s for c, s in fusion_state.states(ledger) if c in others} == others


def test_topics_join_articles_by_subject_and_incident(corpus):
    topics = {a.article_id: incremental.article_topics(a.article_id, cs, None) for a, cs in corpus}
    every = set().union(*topics.values())
    assert {"troop", "drone"} <= every
    parts = incremental.components(topics)
    assert sorted(a for p in parts for a in p) == sorted(topics)
    for p in parts:  # no topic is in two components
        mine = set().union(*(topics[a] for a in p))
        rest = set().union(*(topics[a] for q in parts if q is not p for a in q))
        assert not mine & rest


def test_a_version_5_ledger_gains_the_fusion_state(corpus, tmp_path):
    from claimtrail.store import migrations

    path = str(tmp_path / "v5.db")
    with open_ledger(path) as ledger:
        for article, claims in corpus[:3]:
            ledger.add_article(article, claims)
        with ledger.engine.begin() as conn:  # back to what version 5 had
            for table in (
                "fusion_tracked",
                "fusion_articles",
                "fusion_components",
                "fusion_topics",
                "fusion_meta",
            ):
                conn.exec_driver_sql(f"DROP TABLE {table}")
            conn.exec_driver_sql("DELETE FROM schema_version WHERE version >= 6")
        assert ledger.schema_version() == 5
    with open_ledger(path) as ledger:
        assert ledger.schema_version() == migrations.HEAD >= 6
        assert fusion_state.meta(ledger) == {}
        tracked = fusion.track(ledger)
        assert fusion_state.meta(ledger)["version"] == incremental.STATE_VERSION
        assert [t.id for t in tracked] == [t.id for t in fusion.api._in_memory(ledger, None).tracked]


def test_a_town_named_only_joins_the_articles_that_open_an_incident_there():
    inc, pend = incremental.INCIDENT_TOPIC, incremental.PENDING_TOPIC
    topics = {
        "a1": {"drone", f"{pend}:kharkiv"},
        "a2": {"person", f"{pend}:kharkiv"},
        "a3": {"tank"},
    }
    # nobody opens an incident in Kharkiv: the two articles naming it stay apart
    assert incremental.components(topics) == [["a1"], ["a2"], ["a3"]]
    topics["a4"] = {"missile", f"{inc}:kharkiv"}
    assert incremental.components(topics) == [["a1", "a2", "a4"], ["a3"]]
    topics["a5"] = {"tank", f"{inc}:odesa"}
    assert incremental.components(topics) == [["a1", "a2", "a4"], ["a3", "a5"]]
