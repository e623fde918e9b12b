"""Scopes of real reporting, on small multi-article scenarios: one series per incident, parts inside
totals, bounds, stated revisions, neutral nouns, derived totals and echoes of one origin."""

from __future__ import annotations

import itertools
from dataclasses import replace

from claimtrail.fusion import fuse
from claimtrail.fusion.results import Subject, TrackedPlace

from .helpers import claim, meta

KHARKIV = ("Kharkiv", "UA", "geonames:706483")
ODESA = ("Odesa", "UA", "geonames:698740")
_base = itertools.count(1)


def said(article, value, sentence, figure, *, places=(), **kw):
    """A claim whose figure ``figure`` sits in ``sentence`` (so the words around it can be read)."""
    base = next(_base) * 1000
    at = sentence.index(figure)
    c = claim(article, value, start=base + at, sentence_start=base, places=places, **kw)
    return replace(c, sentence=sentence, end=c.start + len(figure))


def run(claims, outlets=None):
    return fuse(claims, meta(claims, outlets), {}, None)


def series(result, event, word=None):
    found = [t for t in result.tracked if t.event == event and (word is None or word in t.label)]
    return found


def genuine(t):
    return [c.reason for c in t.contradictions if c.reason.startswith("genuine")]


def people(article, value, sentence, figure, **kw):
    kw.setdefault("event", "killed")
    return said(article, value, sentence, figure, subject="people", country=None, **kw)


def test_two_incidents_weeks_apart_are_two_series():
    cs = [
        people(
            "h1",
            14,
            "A missile attack on Kharkiv killed 14 people on Monday.",
            "14",
            places=(KHARKIV,),
            said="2025-03-03",
            sources=("regional governor",),
        ),
        # no place in this sentence: it takes its article's incident
        people(
            "h1",
            14,
            "Rescuers said 14 people had died by the evening.",
            "14",
            said="2025-03-03",
            sources=("State Emergency Service",),
        ),
        people(
            "o1",
            52,
            "An explosion at a market in Odesa killed 52 people.",
            "52",
            places=(ODESA,),
            said="2025-03-29",
            sources=("regional administration",),
        ),
    ]
    killed = series(run(cs), "killed")
    assert sorted(t.label for t in killed) == [
        "people killed in the attack in Kharkiv (2025-03-03)",
        "people killed in the blast in Odesa (2025-03-29)",
    ]
    kharkiv = next(t for t in killed if "Kharkiv" in t.label)
    assert len(kharkiv.claims) == 2 and kharkiv.place == TrackedPlace("Kharkiv", "UA")
    assert not any(genuine(t) for t in killed)


def test_same_town_weeks_later_is_another_incident_but_days_later_the_same():
    cs = [
        people("a", 14, "A strike on Kharkiv killed 14 people.", "14", places=(KHARKIV,), said="2025-03-03"),
        people(
            "b",
            17,
            "The toll from the strike on Kharkiv rose to 17 people.",
            "17",
            places=(KHARKIV,),
            said="2025-03-05",
            sources=("Interior Ministry",),
        ),
        people(
            "c", 6, "Another strike on Kharkiv killed 6 people.", "6", places=(KHARKIV,), said="2025-04-20"
        ),
    ]
    killed = series(run(cs), "killed")
    assert sorted(len(t.claims) for t in killed) == [1, 2]
    first = next(t for t in killed if len(t.claims) == 2)
    # a toll that rose over two days is not a contradiction
    assert not genuine(first)
    assert any(c.reason.startswith("apparent (count rose)") for c in first.contradictions)


def test_parts_inside_the_total_are_checked_not_rivals():
    cs = [
        people(
            "p1",
            17,
            "The missile attack on Kharkiv killed 17 people.",
            "17",
            places=(KHARKIV,),
            said="2025-03-04",
            sources=("Interior Ministry",),
        ),
        said(
            "p1",
            3,
            "Among the dead were three children.",
            "three",
            subject="child",
            country=None,
            event="killed",
            said="2025-03-04",
            sources=("Interior Ministry",),
        ),
        people(
            "p1",
            10,
            "Ten people died in the fire that followed.",
            "Ten",
            said="2025-03-04",
            sources=("Interior Ministry",),
        ),
    ]
    result = run(cs)
    killed = series(result, "killed")
    total = next(t for t in killed if "part" not in t.label)
    assert total.estimate.best == 17 and len(total.claims) == 1
    labels = sorted(t.label for t in killed if "part" in t.label)
    assert labels == [
        "people killed in the attack in Kharkiv (2025-03-04) (part: child)",
        "people killed in the attack in Kharkiv (2025-03-04) (part: in the fire)",
    ]
    parts = [c for c in result.checks if c.kind == "part"]
    assert len(parts) == 2 and all(c.result == "consistent" for c in parts)
    assert not any(genuine(t) for t in killed)


def test_a_part_above_its_total_fails_the_check():
    cs = [
        people("q1", 5, "The attack on Kharkiv killed 5 people.", "5", places=(KHARKIV,), said="2025-03-04"),
        said(
            "q1",
            9,
            "Among the dead were 9 children.",
            "9",
            subject="children",
            country=None,
            event="killed",
            said="2025-03-04",
        ),
    ]
    parts = [c for c in run(cs).checks if c.kind == "part"]
    assert [c.result for c in parts] == ["inconsistent"]


def test_bounds_do_not_contradict():
    cs = [
        people(
            "b1",
            14,
            "The attack on Kharkiv killed at least 14 people.",
            "14",
            low=14,
            places=(KHARKIV,),
            said="2025-03-03",
            sources=("regional governor",),
        ),
        people(
            "b2",
            10,
            "More than 10 people were killed in the attack on Kharkiv.",
            "10",
            low=10,
            places=(KHARKIV,),
            said="2025-03-03",
            sources=("Interior Ministry",),
        ),
    ]
    (t,) = series(run(cs), "killed")
    assert t.contradictions == () and t.estimate.low == 14


def test_stated_revision_is_a_revision_not_a_contradiction():
    cs = [
        people(
            "r1",
            52,
            "The blast in Odesa killed 52 people.",
            "52",
            places=(ODESA,),
            said="2025-03-29",
            sources=("regional administration",),
        ),
        people(
            "r2",
            41,
            "The regional administration revised its earlier figure, saying the blast in Odesa "
            "killed 41 people.",
            "41",
            places=(ODESA,),
            said="2025-03-30",
            sources=("Odesa officials",),
        ),
    ]
    (t,) = series(run(cs), "killed")
    assert not genuine(t)
    assert any(
        c.reason.startswith("apparent (revision)") and "revision of an earlier figure" in c.reason
        for c in t.contradictions
    )


def test_the_dead_are_people_unless_the_article_counts_troops():
    town = [
        said(
            "n1",
            12,
            "The dead numbered 12 after the blast in Odesa.",
            "12",
            subject="dead",
            country=None,
            event=None,
            places=(ODESA,),
            said="2025-03-29",
        )
    ]
    (t,) = series(run(town), "killed")
    assert t.subject == Subject("person", None) and t.label.startswith("people killed")
    front = [
        said(
            "n2",
            300,
            "About 300 North Korean soldiers have been killed.",
            "300",
            said="2025-01-13",
            event="killed",
            places=(),
        ),
        said(
            "n2",
            310,
            "The dead now number 310.",
            "310",
            subject="dead",
            country=None,
            event=None,
            said="2025-01-14",
            places=(),
        ),
    ]
    (t,) = series(run(front), "killed")
    assert t.subject == Subject("troop", "KP") and len(t.claims) == 2


def test_a_wounded_figure_stays_out_of_the_killed_series():
    cs = [
        people(
            "w1",
            14,
            "The strike on Kharkiv killed 14 people and injured 40 others.",
            "14",
            places=(KHARKIV,),
            said="2025-03-03",
        ),
        # the extractors tagged both figures killed; the word next to the figure says injured
        people(
            "w1",
            40,
            "The strike on Kharkiv killed 14 people and injured 40 others.",
            "40",
            places=(KHARKIV,),
            said="2025-03-03",
        ),
    ]
    result = run(cs)
    assert [t.estimate.best for t in series(result, "killed")] == [14]
    assert [t.estimate.best for t in series(result, "wounded")] == [40]


def test_a_batch_and_a_training_contingent_are_not_in_the_deployed_total():
    cs = [
        said("t1", 11000, "About 11,000 North Korean troops are in Russia.", "11,000", said="2024-11-14"),
        said(
            "t1",
            1500,
            "A second batch of 1,500 troops arrived in October.",
            "1,500",
            qualifiers=("second",),
            said="2024-11-14",
        ),
        said(
            "t1",
            3500,
            "Of these, 3,500 soldiers are in training near the border.",
            "3,500",
            said="2024-11-14",
        ),
    ]
    result = run(cs)
    (total,) = [t for t in series(result, "deployed") if "batch" not in t.label]
    assert total.estimate.best == 11000 and len(total.claims) == 1
    assert [t.estimate.best for t in series(result, "training")] == [3500]
    assert not any(genuine(t) for t in result.tracked)


def test_killed_and_injured_give_a_derived_casualty_point():
    cs = [
        people(
            "d1",
            400,
            "The earthquake-like blast in Odesa killed 400 people and injured 3,600.",
            "400",
            places=(ODESA,),
            said="2025-03-29",
            sources=("health ministry",),
        ),
        people(
            "d1",
            3600,
            "The earthquake-like blast in Odesa killed 400 people and injured 3,600.",
            "3,600",
            event="wounded",
            places=(ODESA,),
            said="2025-03-29",
            sources=("health ministry",),
        ),
    ]
    result = run(cs)
    (cas,) = series(result, "casualties")
    assert cas.estimate.best == 4000
    assert sorted(cas.timeline[0].claims) == sorted(c.claim_id for c in cs)
    (derived,) = [c for c in result.checks if c.kind == "derived"]
    assert derived.detail.startswith("400 killed + 3,600 wounded = about 4,000 casualties")


def test_an_echo_of_one_ministry_through_three_outlets_counts_once():
    ministry = "Ukraine's Health Ministry"
    cs = [
        # outlet 1: "citing the ministry"
        people(
            "e1",
            23,
            "Citing Ukraine's health ministry, the paper said 23 people were killed in Kharkiv.",
            "23",
            places=(KHARKIV,),
            said="2025-03-03",
            sources=(ministry,),
        ),
        # outlet 2: names the ministry once, then "the ministry said"
        people(
            "e2",
            23,
            "The attack on Kharkiv killed 23 people, the ministry said.",
            "23",
            places=(KHARKIV,),
            said="2025-03-03",
            sources=("the ministry",),
        ),
        people(
            "e2",
            60,
            "Ukraine's Health Ministry said 60 were injured in the attack on Kharkiv.",
            "60",
            event="wounded",
            places=(KHARKIV,),
            said="2025-03-03",
            sources=(ministry,),
        ),
        # outlet 3: "according to ministry figures", the ministry named elsewhere in the article
        people(
            "e3",
            23,
            "According to ministry figures, 23 people were killed in the attack on Kharkiv.",
            "23",
            places=(KHARKIV,),
            said="2025-03-04",
            sources=("ministry figures",),
        ),
        people(
            "e3",
            60,
            "Ukraine's Health Ministry said 60 people were hurt in the attack on Kharkiv.",
            "60",
            event="wounded",
            places=(KHARKIV,),
            said="2025-03-04",
            sources=(ministry,),
        ),
    ]
    result = run(cs, outlets={"e1": "Harbour Wire", "e2": "Korea Ledger", "e3": "Daily Compass"})
    (killed,) = series(result, "killed")
    assert killed.independent_origins == 1
    assert [o.name for o in killed.origins] == ["Ministry of Health of Ukraine"]
    circ = [c for c in killed.checks if c.kind == "circular_reporting"]
    assert len(circ) == 1 and "3 articles from 3 outlets" in circ[0].detail


def test_died_in_the_fire_that_followed_the_attack_is_a_part():
    cs = [
        people(
            "f1", 17, "The attack on Kharkiv killed 17 people.", "17", places=(KHARKIV,), said="2025-03-04"
        ),
        people(
            "f1",
            10,
            "Ten people died in the fire that followed the attack on Kharkiv.",
            "Ten",
            places=(KHARKIV,),
            said="2025-03-04",
        ),
    ]
    labels = sorted(t.label for t in series(run(cs), "killed"))
    assert labels == [
        "people killed in the attack in Kharkiv (2025-03-04)",
        "people killed in the attack in Kharkiv (2025-03-04) (part: in the fire)",
    ]


def test_a_rising_toll_echoed_by_several_outlets_is_a_consistent_echo():
    cs = [
        people(
            "g1",
            14,
            "The attack on Kharkiv killed 14 people.",
            "14",
            places=(KHARKIV,),
            said="2025-03-03",
            sources=("Interior Ministry",),
        ),
        people(
            "g2",
            17,
            "The toll of the attack on Kharkiv rose to 17 people.",
            "17",
            places=(KHARKIV,),
            said="2025-03-04",
            sources=("Interior Ministry",),
        ),
    ]
    (t,) = series(run(cs), "killed")
    (circ,) = [c for c in t.checks if c.kind == "circular_reporting"]
    assert circ.result == "consistent" and t.estimate.best == 17


def test_a_local_authority_without_its_town_is_the_one_named_with_it():
    cs = [
        people(
            "l1",
            52,
            "The blast in Odesa killed 52 people.",
            "52",
            places=(ODESA,),
            said="2025-03-29",
            sources=("regional administration",),
        ),
        people(
            "l2",
            41,
            "The blast in Odesa killed 41 people, after a recount.",
            "41",
            places=(ODESA,),
            said="2025-03-30",
            sources=("Odesa regional administration",),
        ),
    ]
    (t,) = series(run(cs), "killed")
    assert t.independent_origins == 1 and t.estimate.best == 41


def test_only_troops_train():
    cs = [
        said(
            "s1",
            5,
            "Satellite images show 5 sites used for training.",
            "5",
            subject="site",
            country=None,
            event=None,
            said="2024-11-14",
        )
    ]
    assert not series(run(cs), "training")


def test_a_group_inside_the_deployment_is_a_part_with_its_reason():
    cs = [
        said(
            "ng",
            5000,
            "About 5,000 troops were sent to the city.",
            "5,000",
            country="US",
            said="2025-06-10",
            places=(),
        ),
        said(
            "ng",
            4000,
            "Of those, 4,000 were National Guard members.",
            "4,000",
            subject="national guard",
            country="US",
            said="2025-06-10",
            places=(),
        ),
    ]
    result = run(cs)
    deployed = series(result, "deployed")
    assert sorted(t.label for t in deployed) == [
        "American troops deployed",
        "American troops deployed (part: national guard)",
    ]
    assert not any(genuine(t) for t in deployed)
    (part,) = [c for c in result.checks if c.kind == "part"]
    assert part.result == "consistent"


def test_an_outlet_that_relays_a_revision_is_not_its_origin():
    cs = [
        people(
            "v1",
            52,
            "The blast in Odesa killed 52 people, the regional administration said.",
            "52",
            places=(ODESA,),
            said="2025-03-29",
            sources=("regional administration",),
        ),
        # the web outlet ends the chain but only relays: the article's one cited source stands behind it
        people(
            "v1",
            41,
            "Kyiv Ledger.com revised its figure to 41 dead in the blast in Odesa.",
            "41",
            places=(ODESA,),
            said="2025-03-30",
            sources=("Kyiv Ledger.com",),
        ),
        # the article's own outlet, saying it counted, is an origin
        people(
            "v2",
            45,
            "By our own count, the blast in Odesa killed 45 people.",
            "45",
            places=(ODESA,),
            said="2025-03-30",
            sources=("Harbour Wire",),
        ),
    ]
    (t,) = series(run(cs, outlets={"v1": "Kyiv Ledger", "v2": "Harbour Wire"}), "killed")
    assert sorted(o.name for o in t.origins) == ["Harbour Wire", "regional administration"]


def test_the_figure_a_stated_revision_replaces_comes_first_in_the_timeline():
    sentence = (
        "The regional administration revised its earlier figure of 52 dead in the blast in Odesa to 41."
    )
    cs = [
        people(
            "rv", 52, sentence, "52", places=(ODESA,), said="2025-03-30", sources=("regional administration",)
        ),
        people(
            "rv", 41, sentence, "41", places=(ODESA,), said="2025-03-30", sources=("regional administration",)
        ),
    ]
    (t,) = series(run(cs), "killed")
    assert [p.best for p in t.timeline] == [52, 41]
    assert t.estimate.best == 41
    assert any(c.reason.startswith("apparent (revision)") and "from 52" in c.reason for c in t.contradictions)


def test_killed_or_wounded_next_to_a_figure_without_an_event_is_casualties():
    cs = [
        said(
            "k1",
            900,
            "Aid workers put the number killed or wounded in the shelling at roughly 900.",
            "900",
            event=None,
            subject="people",
            country=None,
            said="2025-04-02",
            sources=("aid workers",),
        ),
        said(
            "k2",
            120,
            "At least 120 people were wounded, doctors said.",
            "120",
            event=None,
            subject="people",
            country=None,
            said="2025-04-02",
            sources=("doctors",),
        ),
    ]
    result = run(cs)
    assert [t.claims for t in series(result, "casualties")] == [(cs[0].claim_id,)]
    assert [t.claims for t in series(result, "wounded")] == [(cs[1].claim_id,)]
