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
from claimtrail.fusion import fuse
from claimtrail.model import Article, Claim, TimeRef
from claimtrail.store.ledger import open_ledger

from .helpers import claim, meta

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
        (
            "Police said 2,100 evacuees, of whom about 600 are children, reached the shelters.",
            "600",
            "2,100",
        ),
        ("Border guards stopped 337 boats, 126 of them near the delta and 91 off the cape.", "126", "337"),
        ("Border guards stopped 337 boats, 126 of them near the delta and 91 off the cape.", "91", "337"),
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


# ---------------------------------------------------------------------------------------------
# Fusion of the new events (hand-built claims)

AIR_FORCE = ("Ukrainian Air Force",)
UKRAINE = (("Ukraine", "UA", "geonames:690791"),)
RUSSIA = (("Russia", "RU", "geonames:2017370"),)


def run(claims, as_of=None):
    return fuse(claims, meta(claims), {}, as_of)


def one(result, event):
    found = [t for t in result.tracked if t.event == event and "." not in t.id]
    assert len(found) == 1, [t.label for t in result.tracked]
    return found[0]


def drones(article, value, event, *, start=0, said="2025-03-05", published=None, country="RU", **kw):
    """A figure of Russian drones over Ukraine from the air force, unless told otherwise."""
    kw.setdefault("sources", AIR_FORCE)
    kw.setdefault("places", UKRAINE)
    return claim(
        article,
        value,
        event=event,
        subject="drone",
        country=country,
        said=said,
        published=published,
        start=start,
        **kw,
    )


def part_whole(result):
    return [c for c in result.checks if c.kind == "part_whole"]


def test_31_of_35_is_a_consistent_part_with_its_rate():
    launched = drones("n1", 35, "launched", start=40)
    intercepted = replace(drones("n1", 31, "intercepted", start=30), part_of=launched.claim_id)
    result = run([launched, intercepted])
    [check] = part_whole(result)
    assert check.result == "consistent"
    assert check.claims == (intercepted.claim_id, launched.claim_id)
    assert check.detail.startswith("31 of 35 launched drones intercepted (89%)")
    # launched and intercepted are two tracked quantities, each with the check
    up, down = one(result, "launched"), one(result, "intercepted")
    assert up.label == "Russian drones launched at Ukraine (2025-03-05)"
    assert down.label == "Russian drones intercepted over Ukraine (2025-03-05)"
    assert check in up.checks and check in down.checks


def test_a_later_article_with_more_intercepted_than_launched_is_inconsistent():
    launched = drones("n1", 35, "launched", start=40)
    first = replace(drones("n1", 31, "intercepted", start=30), part_of=launched.claim_id)
    later_whole = drones("n2", 35, "launched", start=40, published="2025-03-06")
    later = replace(
        drones("n2", 40, "intercepted", start=30, published="2025-03-06"), part_of=later_whole.claim_id
    )
    result = run([launched, first, later_whole, later])
    by_part = {c.claims[0]: c for c in part_whole(result)}
    assert by_part[first.claim_id].result == "consistent"
    bad = by_part[later.claim_id]
    assert bad.result == "inconsistent"
    assert "40 of 35 launched drones intercepted (114%): the part is larger than its whole" in bad.detail
    # one night: both intercepted figures are one tracked quantity; the air force revised its own
    down = one(result, "intercepted")
    assert set(down.claims) == {first.claim_id, later.claim_id}
    assert not [c for c in down.contradictions if c.genuine]


def test_intercepted_and_launched_of_one_night_are_linked_across_sentences():
    launched = drones("n1", 35, "launched", start=10)
    intercepted = drones("n1", 31, "intercepted", start=90)
    echo = drones("n2", 40, "intercepted", start=5, published="2025-03-06")  # the same night, later
    other_night = drones("n3", 50, "intercepted", said="2025-03-07")
    result = run([launched, intercepted, echo, other_night])
    [check] = part_whole(result)  # the air force's latest figure of the night against its whole
    assert check.claims == (echo.claim_id, launched.claim_id)
    assert check.result == "inconsistent"
    assert check.detail.endswith("night of 2025-03-05, both from Ukrainian Air Force")
    nights = sorted(t.label for t in result.tracked if t.event == "intercepted")
    assert nights == [
        "Russian drones intercepted over Ukraine (2025-03-05)",
        "Russian drones intercepted over Ukraine (2025-03-07)",
    ]


def test_another_origin_is_not_held_to_the_air_force_figure():
    launched = drones("n1", 35, "launched")
    monitor = drones("n2", 30, "intercepted", sources=("Harbour Wire",))
    assert part_whole(run([launched, monitor])) == []


def test_launched_intercepted_and_destroyed_stay_apart():
    result = run(
        [
            drones("d1", 120, "launched", start=0),
            drones("d1", 110, "intercepted", start=20),
            drones("d1", 6, "destroyed", start=40),
        ]
    )
    assert sorted(t.event for t in result.tracked) == ["destroyed", "intercepted", "launched"]
    assert all(len(t.claims) == 1 for t in result.tracked)


def test_ukrainian_drones_over_russia():
    result = run(
        [drones("r1", 72, "intercepted", country="UA", sources=("Russian defence ministry",), places=RUSSIA)]
    )
    assert one(result, "intercepted").label == "Ukrainian drones intercepted over Russia (2025-03-05)"


def test_a_running_total_since_the_start_of_the_war_is_one_series():
    totals = [
        replace(
            drones(a, value, "launched", said=said),
            sentence=f"Russia has launched {value:,} drones since the start of the war.",
        )
        for a, value, said in (("t1", 30000, "2025-01-10"), ("t2", 34000, "2025-02-10"))
    ]
    nightly = drones("t3", 140, "launched", said="2025-02-11")
    result = run([*totals, nightly])
    labels = sorted(t.label for t in result.tracked)
    assert labels == [
        "Russian drones launched at Ukraine",
        "Russian drones launched at Ukraine (2025-02-11)",
    ]
    total = next(t for t in result.tracked if t.label == "Russian drones launched at Ukraine")
    assert [p.date for p in total.timeline] == ["2025-01-10", "2025-02-10"]


def test_a_month_of_launches_is_a_total_of_that_month():
    month = replace(
        drones("m1", 4200, "launched"), event_time=TimeRef("in February", "2025-02-01", "2025-02-28")
    )
    result = run([month])
    assert one(result, "launched").label == "Russian drones launched at Ukraine (2025-02-01..2025-02-28)"


def test_two_outlets_echoing_one_air_force_figure_are_one_origin():
    echoes = [drones("e1", 35, "launched"), drones("e2", 35, "launched", published="2025-03-06")]
    result = fuse(echoes, meta(echoes, {"e1": "Kyiv Morning Wire", "e2": "Steppe Dispatch"}), {})
    launched = one(result, "launched")
    assert launched.independent_origins == 1 and len(launched.claims) == 2
    [circular] = [c for c in launched.checks if c.kind == "circular_reporting"]
    assert circular.result == "consistent"
    assert "2 articles from 2 outlets repeat one origin, Ukrainian Air Force" in circular.detail


def _displaced(article, value, said, source="UNHCR"):
    return claim(
        article,
        value,
        event="displaced",
        subject="person",
        country="UA",
        said=said,
        sources=(source,),
        places=UKRAINE,
    )


def test_displacement_revised_upward_over_three_articles():
    figures = [
        _displaced("u3", 3_700_000, "2024-03-20"),
        _displaced("u1", 3_100_000, "2024-03-06"),
        _displaced("u2", 3_400_000, "2024-03-13"),
    ]
    result = run(figures)
    [displaced] = result.tracked
    assert displaced.label == "Ukrainian people displaced in Ukraine"
    assert [p.date for p in displaced.timeline] == ["2024-03-06", "2024-03-13", "2024-03-20"]
    assert [p.best for p in displaced.timeline] == [3_100_000, 3_400_000, 3_700_000]
    assert displaced.estimate.best == 3_700_000
    assert not [c for c in displaced.contradictions if c.genuine]


def test_displacement_from_two_origins_follows_the_casualty_rules():
    rose = run([_displaced("v1", 3_100_000, "2024-03-06"), _displaced("v2", 3_700_000, "2024-03-20", "IOM")])
    [reason] = [c.reason for c in one(rose, "displaced").contradictions]
    assert reason.startswith("apparent (count rose)")
    clash = run([_displaced("w1", 3_700_000, "2024-03-06"), _displaced("w2", 3_100_000, "2024-03-20", "IOM")])
    assert [c.genuine for c in one(clash, "displaced").contradictions] == [True]


@pytest.mark.parametrize("event", ["evacuated", "missing", "detained"])
def test_people_moved_or_held_are_counts_to_date(event):
    result = run(
        [
            claim(
                "p1", 120, event=event, subject="person", country="UA", said="2025-02-01", sources=("UNHCR",)
            ),
            claim(
                "p2", 300, event=event, subject="person", country="UA", said="2025-02-10", sources=("IOM",)
            ),
        ]
    )
    [reason] = [c.reason for c in one(result, event).contradictions]
    assert reason.startswith("apparent (count rose)")


def test_each_exchange_of_prisoners_is_its_own_event():
    def freed(article, value, said, source="Volodymyr Zelensky"):
        return claim(
            article, value, event="released", subject="soldier", country="UA", said=said, sources=(source,)
        )

    swaps = [
        freed("x1", 150, "2025-02-05"),
        freed("x2", 150, "2025-02-06", "Harbour Wire"),
        freed("x3", 175, "2025-03-19"),
    ]
    result = run(swaps)
    labels = sorted(t.label for t in result.tracked)
    assert labels == [
        "Ukrainian troops released in Russia (2025-02-05)",
        "Ukrainian troops released in Russia (2025-03-19)",
    ]
    assert not [c for t in result.tracked for c in t.contradictions]  # a second swap is no revision
    first = next(t for t in result.tracked if t.label.endswith("(2025-02-05)"))
    assert first.independent_origins == 2  # one side announced the swap a day later: the same swap


def test_strength_is_a_size_at_a_point_in_time():
    result = run(
        [
            claim("s1", 12000, event="strength", said="2025-01-05", sources=("NIS",)),
            claim("s2", 8000, event="strength", said="2025-01-15", sources=("Pentagon",)),
        ]
    )
    strength = one(result, "strength")
    assert strength.label == "North Korean troops (force strength) in Russia"
    assert [c.genuine for c in strength.contradictions] == [True]  # a later smaller force is not a rise


def test_a_part_that_counts_what_its_whole_counts_is_a_group_inside_it():
    whole = claim("k1", 35, event="killed", subject="soldier", country="UA", start=40)
    part = replace(
        claim("k1", 31, event="killed", subject="soldier", country="UA", start=30), part_of=whole.claim_id
    )
    result = run([whole, part])
    labels = sorted(t.label for t in result.tracked)
    assert labels == ["Ukrainian troops killed in Russia", "Ukrainian troops killed in Russia (part: of 35)"]
    [check] = part_whole(result)
    assert check.detail.startswith("31 of 35 troops killed (89%)")


def test_of_whom_through_the_pipeline():
    text = "The missile attack killed 40 people, of whom 12 were children, the regional governor said."
    claims = claimtrail.extract(text, date(2025, 3, 5))
    result = fuse(claims, meta(claims), {})
    [check] = part_whole(result)
    assert check.result == "consistent"
    assert check.detail.startswith("12 of 40 people killed (30%)")


def test_parts_over_narrower_places_are_groups_of_their_own():
    sentence = "Air defences shot down 337 Ukrainian drones, 126 of them over the Kursk region and 91 over the Moscow region."
    regions = (
        ("Kursk region", "RU", "claimtrail:admin1-ru-41"),
        ("Moscow region", "RU", "claimtrail:admin1-ru-47"),
    )
    kw = {"country": "UA", "sources": ("Russian defence ministry",), "places": regions}
    whole = replace(drones("k1", 337, "intercepted", start=23, **kw), sentence=sentence)
    kursk = replace(
        drones("k1", 126, "intercepted", start=45, **kw), sentence=sentence, part_of=whole.claim_id
    )
    moscow = replace(
        drones("k1", 91, "intercepted", start=83, **kw), sentence=sentence, part_of=whole.claim_id
    )
    result = run([whole, kursk, moscow])
    labels = sorted(t.label for t in result.tracked)
    assert [label.rsplit("(", 1)[-1] for label in labels] == [
        "2025-03-05)",
        "part: Kursk region)",
        "part: Moscow region)",
    ]
    assert not [c for t in result.tracked for c in t.contradictions if "revision" in c.reason or c.genuine]
    assert sorted(c.detail.split(";")[0] for c in part_whole(result)) == [
        "126 of 337 drones intercepted (37%)",
        "91 of 337 drones intercepted (27%)",
    ]


def test_the_whole_of_the_shot_down_counts_what_was_launched():
    # "Air defences shot down 81 of the 94 missiles": the sentence says what happened to the 81 only
    for whole_event in ("intercepted", "other", None):
        whole = drones("w1", 94, whole_event, start=40)
        part = replace(drones("w1", 81, "intercepted", start=30), part_of=whole.claim_id)
        result = run([whole, part])
        assert one(result, "launched").claims == (whole.claim_id,), whole_event
        assert one(result, "intercepted").claims == (part.claim_id,), whole_event
    # "intercepted 337 drones, 126 of them over the Kursk region": the whole, named first, was intercepted
    whole = drones("w2", 337, "intercepted", start=10)
    part = replace(drones("w2", 126, "intercepted", start=40), part_of=whole.claim_id)
    assert not [t for t in run([whole, part]).tracked if t.event == "launched"]


@pytest.mark.parametrize(
    "text",
    [
        "Russia launched 35 drones at Ukraine overnight, of which 31 were shot down, the Ukrainian air force said.",
        "Ukraine's air force said it shot down 31 of 35 Russian drones launched at the country overnight.",
    ],
)
def test_shot_down_of_launched_through_the_pipeline(text):
    claims = claimtrail.extract(text, date(2025, 3, 5))
    result = fuse(claims, meta(claims), {})
    assert sorted(t.event for t in result.tracked) == ["intercepted", "launched"]
    assert all(t.label.startswith("Russian drones") for t in result.tracked)
    [check] = part_whole(result)
    assert check.result == "consistent"
    assert (
        check.detail
        == "31 of 35 launched drones intercepted (89%); stated in one sentence by Ukrainian Air Force"
    )


def test_a_correction_the_next_day_joins_the_night_it_corrects():
    first = drones("c1", 80, "intercepted", said="2024-12-13")
    fixed = replace(
        drones("c2", 85, "intercepted", said="2024-12-14"),
        sentence="On Saturday the air force corrected its tally of drones shot down to 85.",
    )
    next_night = drones("c3", 60, "intercepted", said="2024-12-14", sources=("Harbour Wire",))
    result = run([first, fixed, next_night])
    nights = {t.label.rsplit("(", 1)[-1]: t for t in result.tracked}
    assert sorted(nights) == ["2024-12-13)", "2024-12-14)"]
    corrected = nights["2024-12-13)"]
    assert corrected.claims == (first.claim_id, fixed.claim_id)
    assert [p.best for p in corrected.timeline] == [80, 85] and corrected.estimate.best == 85
    assert nights["2024-12-14)"].claims == (next_night.claim_id,)


def test_a_relation_between_two_classes_of_things_is_not_checked():
    # "The corps has 5 brigades on the border, including 2,000 conscripts": a misread relation
    whole = claim("b1", 5, event="deployed", subject="brigade", start=20)
    part = claim("b1", 2000, event="deployed", subject="conscript", start=60)
    whole = replace(whole, subject=replace(whole.subject, category="equipment"))
    part = replace(part, subject=replace(part.subject, category="people"), part_of=whole.claim_id)
    assert part_whole(run([whole, part])) == []
    same_class = replace(whole, subject=replace(whole.subject, category="people"))
    assert len(part_whole(run([same_class, part]))) == 1


def test_an_unowned_figure_takes_its_articles_owner_of_the_same_event():
    # an article on Ukrainian drones shot down over Russia that also counts Russian drones launched:
    # "98 drones were shot down" with no owner is Ukrainian, though most drone figures are Russian
    figures = [
        drones(
            "k1", 337, "intercepted", country="UA", places=RUSSIA, sources=("Russian Ministry of Defence",)
        ),
        drones("k1", 117, "launched", start=40),
        drones("k1", 83, "intercepted", start=50),
        drones("k1", 90, "launched", start=60, said="2025-03-04"),
        drones(
            "k1", 98, "intercepted", start=80, country=None, places=(), sources=("regional administration",)
        ),
    ]
    result = run(figures)
    [over_russia] = [t for t in result.tracked if t.event == "intercepted" and t.subject.country == "UA"]
    assert figures[-1].claim_id in over_russia.claims


def _captured(article, said, sources, published=None, event_time=None):
    c = claim(article, 2, event="captured", said=said, published=published, sources=sources, places=RUSSIA)
    return replace(c, event_time=event_time)


JANUARY = TimeRef("in January", "2025-01-01", "2025-01-31")


def test_a_restatement_of_a_past_figure_echoes_the_first_to_give_it():
    figures = [
        _captured("c1", "2025-01-11", ("Volodymyr Zelensky",)),
        _captured("c2", "2025-01-12", ("NIS",)),
        # weeks later, background with no source: "the two soldiers captured in January"
        _captured("c3", "2025-03-20", (), event_time=JANUARY),
        _captured("c4", "2025-02-06", (), event_time=JANUARY),
    ]
    t = one(run(figures), "captured")
    assert t.independent_origins == 2
    zelensky = next(o for o in t.origins if o.name == "Volodymyr Zelensky")
    assert set(zelensky.articles) == {"c1", "c3", "c4"}


def test_a_past_figure_no_one_gave_before_stays_its_own():
    figures = [
        _captured("c1", "2025-02-11", ("Volodymyr Zelensky",)),
        _captured("c3", "2025-03-20", (), event_time=JANUARY),
    ]
    assert one(run(figures), "captured").independent_origins == 2


def test_an_origins_own_correction_is_no_disagreement_of_its_echoes():
    first = drones("c1", 80, "intercepted", said="2024-12-13")
    fixed = replace(
        drones("c2", 85, "intercepted", said="2024-12-14", sources=("its",), start=90),
        sentence="A day later it revised its count of drones brought down to 85.",
    )
    # "its" (a possessive the extractor left unresolved) is the article's body that spoke
    launched = drones("c2", 120, "launched", said="2024-12-14", start=10)
    result = run([first, fixed, launched])
    night = one(result, "intercepted")
    assert night.claims == (first.claim_id, fixed.claim_id) and night.independent_origins == 1
    [circular] = [c for c in night.checks if c.kind == "circular_reporting"]
    assert circular.result == "consistent"


def test_wounded_prisoners_handed_over_besides_an_exchange_are_a_group_of_their_own():
    swap = claim("w1", 175, event="released", subject="soldier", country="RU", said="2025-03-19", places=())
    wounded = replace(
        claim("w2", 22, event="released", subject="soldier", country="RU", said="2025-03-19", places=()),
        sentence="Kyiv also handed over 22 badly wounded Russian soldiers.",
        sentence_start=0,
        start=27,
        end=29,
        subject=replace(swap.subject, text="Russian soldiers"),
    )
    result = run([swap, wounded])
    labels = sorted(t.label for t in result.tracked)
    assert labels == [
        "Russian troops released (2025-03-19)",
        "Russian troops released (2025-03-19) (group: wounded)",
    ]
    assert not [c for t in result.tracked for c in t.contradictions if c.reason.startswith("genuine")]


def test_a_wounded_toll_is_no_group_of_the_wounded():
    toll = replace(
        claim("w3", 40, event="wounded", subject="soldier", country="RU", said="2025-03-19"),
        sentence="Officials said 40 badly wounded soldiers were counted.",
        start=15,
        end=17,
        subject=replace(claim("w3", 40).subject, text="soldiers"),
    )
    [t] = run([toll]).tracked
    assert "group" not in t.label
