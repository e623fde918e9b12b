"""How a toll of one incident grows across outlets and days (issue 10, real multi-outlet stories):
what the text says of the count (it rose, it was earlier, it is set against another) decides
between a rise and a rival; the missing fall; sums derived from rivals are not rivals themselves;
a people's plural demonym counts people. Sentences written for these tests; hand-built claims."""

from __future__ import annotations

import itertools
from dataclasses import replace

from claimtrail.fusion import fuse
from claimtrail.model import TimeRef

from .helpers import claim, meta

KHARKIV = (("Kharkiv", "UA", "geonames:706483"),)
_base = itertools.count(1)


def said(article, value, sentence, figure, *, event="killed", subject="people", **kw):
    """A claim whose figure ``figure`` sits in ``sentence`` (so the words around it can be read)."""
    base = next(_base) * 1000
    at = sentence.index(figure)
    kw.setdefault("country", None)
    kw.setdefault("places", KHARKIV)
    c = claim(article, value, event=event, subject=subject, start=base + at, sentence_start=base, **kw)
    return replace(c, sentence=sentence, end=c.start + len(figure))


def genuine(result):
    return [c.reason for t in result.tracked for c in t.contradictions if c.reason.startswith("genuine")]


def run(claims):
    return fuse(claims, meta(claims), {}, None)


def test_a_higher_count_of_the_same_day_that_says_it_rose_is_no_rival():
    claims = [
        said("r1", 9, "A missile strike on Kharkiv killed 9 people.", "9", sources=("police",)),
        said(
            "r2",
            14,
            "The death toll from the missile strike on Kharkiv has risen to 14, the mayor said.",
            "14",
            sources=("mayor",),
        ),
    ]
    result = run(claims)
    assert genuine(result) == []
    # without the words that say it rose, the same figures of one day from two origins clash
    flat = [claims[0], replace(claims[1], sentence="The mayor said 14 people died in the strike on Kharkiv.")]
    flat[1] = replace(flat[1], start=flat[1].sentence_start + flat[1].sentence.index("14"))
    flat[1] = replace(flat[1], end=flat[1].start + 2)
    assert len(genuine(run(flat))) == 1


def test_a_figure_said_to_be_earlier_is_replaced_not_contradicted():
    claims = [
        said(
            "e1",
            30,
            "The strike on Kharkiv killed 30 people, the governor said.",
            "30",
            sources=("governor",),
        ),
        said("e2", 24, "Earlier there was talk of 24 deaths in Kharkiv.", "24", sources=("mayor",)),
    ]
    result = run(claims)
    assert genuine(result) == []
    assert any(c.reason.startswith("apparent (revision)") for t in result.tracked for c in t.contradictions)


def test_a_figure_set_against_the_official_count_stays_a_rival_days_later():
    claims = [
        said(
            "v1",
            30,
            "The strike on Kharkiv killed 30 people, the governor said.",
            "30",
            sources=("governor",),
        ),
        said(
            "v2",
            41,
            "A monitoring group said 41 people were killed in the strike on Kharkiv, more than the official count.",
            "41",
            sources=("monitoring group",),
            said="2024-11-15",
        ),
    ]
    assert len(genuine(run(claims))) == 1  # not "count rose", though higher and two days later


def test_the_missing_of_an_incident_fall_as_they_are_found():
    claims = [
        said(
            "m1",
            20,
            "After the strike on Kharkiv, 20 people are missing.",
            "20",
            event="missing",
            sources=("police",),
        ),
        said(
            "m2",
            7,
            "Seven people remain missing after the strike on Kharkiv, rescuers said.",
            "Seven",
            event="missing",
            sources=("rescuers",),
            said="2024-11-15",
        ),
    ]
    result = run(claims)
    assert genuine(result) == []
    assert any(c.reason.startswith("apparent (count fell)") for t in result.tracked for c in t.contradictions)


def test_an_incidents_consensus_is_the_toll_it_rose_to():
    claims = [
        said("c1", 9, "A missile strike on Kharkiv killed 9 people.", "9", sources=("police",)),
        said(
            "c2",
            17,
            "The toll from the strike on Kharkiv rose to 17, the governor said.",
            "17",
            sources=("governor",),
            said="2024-11-15",
        ),
    ]
    toll = next(t for t in run(claims).tracked if t.event == "killed")
    assert (toll.estimate.best, toll.estimate.low) == (17, 17)  # not the median of 9 and 17


def test_two_sums_derived_from_rival_parts_are_not_rivals_themselves():
    s1 = "The strike on Kharkiv killed 10 people and injured 40, police said."
    # far enough apart (more than SAME_DAY_RISE) to be rivals, not a count risen during the day
    s2 = "The strike on Kharkiv killed 16 people and injured 70, the governor said."
    claims = [
        said("d1", 10, s1, "10", sources=("police",)),
        said("d1", 40, s1, "40", event="wounded", sources=("police",)),
        said("d2", 16, s2, "16", sources=("governor",)),
        said("d2", 70, s2, "70", event="wounded", sources=("governor",)),
    ]
    result = run(claims)
    casualties = [t for t in result.tracked if t.event == "casualties"]
    assert casualties and all(
        not c.reason.startswith("genuine") for t in casualties for c in t.contradictions
    )
    assert len(genuine(result)) == 2  # the killed and the wounded: the rivals are there, once each


def test_a_count_of_sundays_strike_said_on_tuesday_holds_on_tuesday():
    c = said(
        "t1",
        35,
        "A monitoring group said on Tuesday that 35 people had been killed in the strike on Kharkiv on Sunday.",
        "35",
        sources=("monitoring group",),
        said="2024-11-12",
    )
    c = replace(c, event_time=TimeRef(text="Sunday", start="2024-11-10", end="2024-11-10"))
    toll = next(t for t in run([c]).tracked if t.event == "killed")
    assert [p.date for p in toll.timeline] == ["2024-11-12"]
    assert toll.label.endswith("(2024-11-12)")


def test_a_plural_demonym_counts_that_countrys_people():
    c = said(
        "p1",
        303,
        "On Sunday, another 303 Ukrainians returned from captivity.",
        "303",
        event="released",
        subject="ukrainians",
        places=(),
    )
    [t] = [t for t in run([c]).tracked if t.event == "released"]
    assert (t.subject.normalized, t.subject.country) == ("person", "UA")


def test_the_injured_of_the_blast_of_a_strike_are_the_strikes_injured_not_a_part():
    s1 = "A missile strike on Kharkiv killed 9 people on Monday, the governor said."
    s2 = "At least 30 others were injured in the blast, among them 4 children, the governor said."
    claims = [
        said("b1", 9, s1, "9", sources=("governor",)),
        said("b1", 30, s2, "30", event="wounded", sources=("governor",), places=()),
        said("b1", 4, s2, "4", event="wounded", subject="child", sources=("governor",), places=()),
    ]
    wounded = {t.label: t for t in run(claims).tracked if t.event == "wounded"}
    assert sorted(wounded) == [
        "people wounded in the attack in Kharkiv (2024-11-13)",
        "people wounded in the attack in Kharkiv (2024-11-13) (part: child)",
    ]


def test_two_figures_that_add_up_to_a_third_are_its_parts():
    s1 = "Both sides freed 390 people on Friday, the ministry said."
    s2 = "Of these, 270 were soldiers and 120 were civilians."
    soldiers = said("s1", 270, s2, "270", event="released", subject="soldier", places=())
    civilians = said("s1", 120, s2, "120", event="released", subject="civilian", places=())
    at = soldiers.sentence_start + s2.index("120")  # both figures in one sentence
    civilians = replace(civilians, sentence_start=soldiers.sentence_start, start=at, end=at + 3)
    claims = [said("s1", 390, s1, "390", event="released", subject="people", places=()), soldiers, civilians]
    result = run(claims)
    released = sorted(t.label for t in result.tracked if t.event == "released")
    assert released == [
        "people released (2024-11-13)",
        "people released (2024-11-13) (part: civilian)",
        "people released (2024-11-13) (part: soldier)",
    ]
    assert genuine(result) == []


def test_the_noun_after_a_figure_names_its_part():
    claims = [
        said(
            "n1",
            73,
            "The emergency service said 73 people were injured in the strike on Kharkiv.",
            "73",
            event="wounded",
        ),
        said(
            "n1",
            16,
            "An earlier count said at least 16 minors were among the injured.",
            "16",
            event="wounded",
            subject="wounded",
            low=16,
        ),
    ]
    labels = sorted(t.label for t in run(claims).tracked if t.event == "wounded")
    assert labels == [
        "people wounded in the attack in Kharkiv (2024-11-13)",
        "people wounded in the attack in Kharkiv (2024-11-13) (part: minor)",
    ]


def test_a_figure_taken_for_a_source_names_nobody_and_the_figure_echoes_its_origin():
    claims = [
        said(
            "f1",
            22,
            "Zelensky said 22 people were still missing in Kharkiv.",
            "22",
            event="missing",
            sources=("Volodymyr Zelensky",),
        ),
        said(
            "f2",
            22,
            "22 people still missing in Kharkiv, 26 confirmed dead",
            "22",
            event="missing",
            sources=("26",),
        ),
    ]
    [missing] = [t for t in run(claims).tracked if t.event == "missing"]
    assert [o.name for o in missing.origins] == ["Volodymyr Zelensky"]
    assert missing.independent_origins == 1


def test_the_size_of_an_agreement_is_planned_not_a_rival_of_what_happened():
    claims = [
        said("g1", 390, "Both sides freed 390 prisoners on Friday.", "390", event="released", places=()),
        said(
            "g1",
            1000,
            "The swap opens the 1,000 prisoners exchange deal agreed last week.",
            "1,000",
            event="released",
            places=(),
        ),
    ]
    [freed] = [t for t in run(claims).tracked if t.event == "released"]
    assert (freed.estimate.best, freed.estimate.low, freed.estimate.high) == (390, 390, 390)


def test_a_same_day_toll_a_little_higher_is_the_count_risen_far_higher_a_rival():
    near = [
        said(
            "n1",
            123,
            "The cyclone has killed 123 people, the disaster centre said.",
            "123",
            sources=("disaster centre",),
        ),
        said("n2", 153, "The cyclone has killed 153 people, officials said.", "153", sources=("officials",)),
    ]
    assert genuine(run(near)) == []
    far = [
        said(
            "f1",
            10,
            "The attack on the church killed about 10 people, the army said.",
            "10",
            sources=("army",),
        ),
        said(
            "f2",
            43,
            "The attack on the church killed 43 people, the UN radio said.",
            "43",
            sources=("UN radio",),
        ),
    ]
    assert len(genuine(run(far))) == 1
