"""Incremental fusion on randomised sequences (issue 13, item 3): after every random add, delete,
re-add and desk rejection, the fusion state stored in the ledger equals one in-memory run of all
its claims in ledger order. The articles are drawn from a few stories that share subjects, owners,
origins spelled several ways, incident towns and nights of drones, so components merge and split
as the sequence goes; any future shortcut in re-fusing (a fast path for adds) must keep this."""

from __future__ import annotations

import json
import random
from dataclasses import asdict, replace
from datetime import date, timedelta

import pytest

from claimtrail import fusion
from claimtrail.fusion import incremental, stages
from claimtrail.model import Article, Claim
from claimtrail.store.ledger import Ledger, open_ledger

from .helpers import claim

TOWNS = [("Kharkiv", "UA", "geonames:706483"), ("Odesa", "UA", "geonames:698740")]
RUSSIA = ("Russia", "RU", "geonames:2017370")
SOURCES = ["NIS", "National Intelligence Service (NIS)", "Pentagon", "HUR", "reports", "Harbour Wire"]
SUBJECTS = ["troop", "soldier", "drone", "people"]
COUNTRIES = ["KP", "RU", "UA", None]


def _figure(rng: random.Random, article: str, k: int, day: date) -> Claim:
    """One random figure of an article: troops deployed or lost (with or without an owner), drones
    launched at night, or people killed or wounded in an attack on a town (sometimes unnamed)."""
    subject = rng.choice(SUBJECTS)
    said = (day - timedelta(days=rng.randrange(2))).isoformat()
    kw = {"said": said, "sources": (rng.choice(SOURCES),)}
    value = float(rng.choice([6, 12, 14, 17, 40, 94, 1200, 10000, 11000, 12000]))
    figure = f"{value:,.0f}"
    if subject == "people":
        town = rng.choice(TOWNS)
        event = rng.choice(["killed", "wounded"])
        named = rng.random() < 0.7
        sentence = f"An attack on {town[0] if named else 'the city'} {event} {figure} people."
        places = (town,) if named else ()
        c = claim(article, value, subject="people", country=None, event=event, places=places, **kw)
    elif subject == "drone":
        c = claim(article, value, subject="drone", country="RU", event="launched", places=(), **kw)
        sentence = c.sentence
    else:
        event = rng.choice(["deployed", "killed", "wounded", "casualties"])
        places = (RUSSIA,) if rng.random() < 0.5 else ()
        c = claim(
            article, value, subject=subject, country=rng.choice(COUNTRIES), event=event, places=places, **kw
        )
        sentence = c.sentence
    start = 1000 * (k + 1)
    at = sentence.index(figure)
    return replace(
        c,
        claim_id=f"{article}-{k}",
        sentence=sentence,
        start=start + at,
        end=start + at + len(figure),
        sentence_start=start,
    )


def _article(rng: random.Random, n: int) -> tuple[Article, list[Claim]]:
    article_id = f"a{n:03d}"
    day = date(2025, 3, 1) + timedelta(days=rng.randrange(20))
    claims = [_figure(rng, article_id, k, day) for k in range(rng.randrange(1, 4))]
    text = f"Our report {article_id}: " + " ".join(c.sentence for c in claims)
    return Article(text=text, article_id=article_id, outlet=f"Outlet {n % 3}", published=day), claims


def _dump(result: fusion.FusionResult) -> str:
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


def _one_run(ledger: Ledger) -> str:
    """One in-memory fusion of every claim of the ledger, in ledger order."""
    claims = list(ledger.claims_for_fusion())
    meta = {a: stages.ArticleMeta(o, p) for a, (o, p) in ledger.article_meta().items()}
    return _dump(fusion.fuse(claims, meta, {}, None))


@pytest.mark.parametrize("seed", [3, 11])
def test_random_adds_deletes_and_rejections_equal_one_run(tmp_path, seed):
    rng = random.Random(seed)
    made = 0
    held: dict[str, tuple[Article, list[Claim]]] = {}
    modes: list[str] = []
    with open_ledger(str(tmp_path / f"random{seed}.db")) as ledger:
        ledger.user = "tester"
        for _step in range(28):
            roll = rng.random()
            if held and roll < 0.2:  # delete an article (its component may split)
                victim = rng.choice(sorted(held))
                assert ledger.delete_article(victim)
                held.pop(victim)
                modes.append(incremental.sync(ledger))
            elif held and roll < 0.3:  # the desk rejects a figure, and re-fuses it
                article, claims = held[rng.choice(sorted(held))]
                before = ledger.fusion_stamp()
                ledger.desk.review(rng.choice(claims).claim_id, "rejected", note="a misread", by="tester")
                fusion.refuse_claims(ledger, [c.claim_id for c in claims], before)
            else:  # add a new article (it joins, merges or opens a component)
                article, claims = _article(rng, made)
                made += 1
                assert ledger.add_article(article, claims)
                held[article.article_id] = (article, claims)
                modes.append(incremental.sync(ledger))
            assert _dump(incremental.current(ledger)) == _one_run(ledger)
        assert modes.count("incremental") >= len(modes) - 1  # only the first sync is a full run
