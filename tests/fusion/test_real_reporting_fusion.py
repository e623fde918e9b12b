"""Fusion on shapes of real reporting (issue 10): what is not a count of people stays out of a toll's
series, the words of another clause do not move a figure, and a day's toll beside a toll to date is
a part. Sentences written for these tests; hand-built claims (``helpers.claim``)."""

from __future__ import annotations

import itertools
from dataclasses import replace

from claimtrail.fusion import fuse

from .helpers import claim, meta

GAZA = (("Gaza Strip", "PS", "geonames:7303868"),)
_base = itertools.count(1)


def said(article, value, sentence, figure, *, event="killed", subject="people", **kw):
    """A claim whose figure ``figure`` sits in ``sentence`` (so the words around it can be read)."""
    base = next(_base) * 1000
    at = sentence.index(figure)
    kw.setdefault("country", "PS")
    kw.setdefault("places", GAZA)
    kw.setdefault("sources", ("Health Ministry",))
    c = claim(article, value, event=event, subject=subject, start=base + at, sentence_start=base, **kw)
    return replace(c, sentence=sentence, end=c.start + len(figure))


def run(claims):
    return fuse(claims, meta(claims), {}, None)


def values(result, claims, event):
    """Figures per tracked quantity of one event: {label: sorted values}."""
    by_id = {c.claim_id: c.quantity.value for c in claims}
    return {t.label: sorted(by_id[i] for i in t.claims) for t in result.tracked if t.event == event}


def test_a_duration_is_never_a_count():
    s = "In 380 days of war, 42,603 people have been killed, the ministry said."
    claims = [
        said("a1", 42603, s, "42,603", said="2024-10-20"),
        said(
            "a1", 380, s, "380", unit="day", normalized_unit="hour", normalized_value=9120, said="2024-10-20"
        ),
    ]
    found = values(run(claims), claims, "killed")
    assert list(found.values()) == [[42603]]


def test_a_count_of_incidents_is_no_toll_and_a_word_that_is_no_noun_counts_the_dead():
    claims = [
        said(
            "b1",
            1644,
            "The toll from the earthquake rose to 1,644.",
            "1,644",
            subject="earthquake",
            said="2025-03-29",
        ),
        said(
            "b1",
            7,
            "The army carried out seven mass killings of families.",
            "seven",
            subject="killing",
            said="2025-03-29",
        ),
        said("b2", 2700, "The death toll has risen to 2,700 people.", "2,700", said="2025-04-01"),
        # the same article names the quake elsewhere (a figure of something else)
        said(
            "b2",
            3,
            "The earthquake destroyed 3 bridges.",
            "3",
            subject="bridge",
            event="destroyed",
            said="2025-04-01",
        ),
    ]
    found = values(run(claims), claims, "killed")
    assert list(found.values()) == [[1644, 2700]], found  # one series of people killed, no killings


def test_an_event_word_of_another_clause_does_not_move_a_figure():
    s = "In all, 42,603 people have been killed and 99,795 have been injured, the ministry said."
    claims = [
        said("c1", 42603, s, "42,603", said="2024-10-20"),
        said("c1", 99795, s, "99,795", event="wounded", said="2024-10-20"),
    ]
    result = run(claims)
    assert list(values(result, claims, "killed").values()) == [[42603]]
    assert list(values(result, claims, "wounded").values()) == [[99795]]


def test_a_toll_of_the_past_24_hours_is_a_part_of_the_toll_to_date():
    claims = [
        said(
            "d1", 42603, "Since the war began, 42,603 people have been killed.", "42,603", said="2024-10-20"
        ),
        said(
            "d1",
            84,
            "Strikes caused 84 deaths in the past 24 hours, the ministry said.",
            "84",
            said="2024-10-20",
        ),
        said("d2", 42519, "The ministry said 42,519 people had been killed.", "42,519", said="2024-10-19"),
    ]
    result = run(claims)
    found = values(result, claims, "killed")
    total = next(v for label, v in found.items() if "(part:" not in label)
    assert total == [42519, 42603]
    assert [v for label, v in found.items() if "(part: on 2024-10-20)" in label] == [[84]]
    genuine = [c for t in result.tracked for c in t.contradictions if c.reason.startswith("genuine")]
    assert genuine == []


def test_a_toll_of_the_whole_conflict_stays_out_of_an_attacks_series():
    town = (("El Fasher", "SD", "geonames:379555"),)
    kw = {"country": None, "places": town, "said": "2025-04-12", "sources": ("army",)}
    claims = [
        said("e1", 32, "At least 32 civilians were killed in a drone attack on El Fasher.", "32", **kw),
        said("e1", 29683, "Over 29,683 lives have been lost in the conflict, monitors say.", "29,683", **kw),
    ]
    found = values(run(claims), claims, "killed")
    attack = [v for label, v in found.items() if "attack in El Fasher" in label]
    assert attack == [[32]], found


def test_health_personnel_are_civilians_not_troops():
    s = "About 280 health personnel have been killed across the enclave, the ministry said."
    c = said("f1", 280, s, "280", subject="personnel", said="2023-12-02")
    c = replace(c, subject=replace(c.subject, text="health personnel"))
    tracked = run([c]).tracked
    assert [t.subject.normalized for t in tracked] == ["person"]
    assert "(part: medic)" in tracked[0].label


def test_the_next_figures_event_word_and_an_increment_from_a_group():
    s = "A strike on the market killed at least 21 people and injured 83 others, officials said."
    later = "The toll of the strike on the market rose to 34 after two more of the injured died in hospital."
    kw = {"country": None, "said": "2025-04-13", "sources": ("officials",)}
    claims = [
        said("g1", 21, s, "21", **kw),
        said("g1", 83, s, "83", event="wounded", **kw),
        said("g2", 34, later, "34", **kw),
        said("g2", 2, later, "two", **kw),
    ]
    found = values(run(claims), claims, "killed")
    assert sorted(found.values()) == [[2], [21, 34]], found
    assert [label for label, v in found.items() if v == [2]][0].endswith("(part: more)")
    assert list(values(run(claims), claims, "wounded").values()) == [[83]]
