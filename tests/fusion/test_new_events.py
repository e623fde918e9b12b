"""Figures that relate to each other, and fusion of the events beyond deployed and killed.

Relations ("31 of 35", "of whom", "including") are found end to end through the pipeline and
stored on the claim (``Claim.part_of``); the fusion rules run on hand-built claims (helpers.py):
launched, intercepted and destroyed apart and linked night by night, displacement and detention
figures under the casualty rules, a force's strength at a point in time.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

import claimtrail
from claimtrail.contract.claims import claim_to_json
from claimtrail.model import Article, Claim
from claimtrail.store.ledger import open_ledger

# ---------------------------------------------------------------------------------------------
# Relations between the figures of one sentence (through the pipeline)


def _figures(text: str) -> dict[str, Claim]:
    """The quantity claims of a text by the figure as written."""
    return {c.quantity.text: c for c in claimtrail.extract(text, date(2025, 3, 5)) if c.quantity}


@pytest.mark.parametrize(
    ("text", "part", "whole"),
    [
        ("The air force said it shot down 31 of 35 drones launched overnight.", "31", "35"),
        ("Gunners destroyed 18 out of 20 attack boats near the island, the navy said.", "18", "20"),
        ("Air defences brought down 52 drones out of 60 over the capital region.", "52", "60"),
        ("Flooding forced 900 families from their homes, of whom 350 have returned.", "350", "900"),
        ("The strike wounded 27 people, including 6 rescue workers, the governor said.", "6", "27"),
        ("The militia fired 14 rockets, of which 11 fell in open fields, police said.", "11", "14"),
        ("Of the 120 detainees, 45 were freed on Sunday, the prison service said.", "45", "120"),
    ],
)
def test_a_part_names_its_whole(text, part, whole):
    figures = _figures(text)
    assert figures[part].part_of == figures[whole].claim_id
    assert figures[whole].part_of is None


@pytest.mark.parametrize(
    "text",
    [
        "The army sent 1,500 troops to the border and 300 to the capital.",
        "Russia launched 35 drones and 4 missiles at the city overnight.",
        "About 40% of 2,000 residents left the town, the mayor said.",
    ],
)
def test_figures_side_by_side_are_not_parts(text):
    assert all(c.part_of is None for c in _figures(text).values())


def test_the_whole_is_stored_with_the_part_but_not_in_the_contract(tmp_path):
    text = "The air force said it shot down 31 of 35 drones launched overnight."
    article = Article(text=text, article_id="art-relations", published=date(2025, 3, 5))
    claims = claimtrail.extract(text, date(2025, 3, 5))
    claims = [replace(c, article_id=article.article_id) for c in claims]
    part = next(c for c in claims if c.part_of is not None)
    with open_ledger(str(tmp_path / "ledger.db")) as ledger:
        ledger.add_article(article, claims)
        assert ledger.get_claim(part.claim_id).part_of == part.part_of
        stored = {c.claim_id: c.part_of for c in ledger.claims_for_fusion()}
    assert stored[part.claim_id] == part.part_of
    assert "part_of" not in claim_to_json(part)
