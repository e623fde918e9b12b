"""People killed whom no word gives a country belong to the country their article is about: the
tolls of two wars or two disasters are never one series with "genuine contradictions" across them
(fusion/scope.py ``leading_country``; ``theatre_events`` and ``theatre_subjects`` in fusion.yaml)."""

from __future__ import annotations

from dataclasses import replace

from claimtrail.fusion import fuse

from .helpers import claim, meta

KHARTOUM = ("Khartoum", "SD", "geonames:379252")
GOMA = ("Goma", "CD", "geonames:216281")


def _toll(article: str, value: float, said: str, *, place: tuple[str, str, str] | None, start: int = 0):
    """A toll of people with no country of their own; ``place`` is the sentence's place, if any."""
    return claim(
        article,
        value,
        event="killed",
        subject="person",
        country=None,
        said=said,
        sources=("officials",),
        places=(place,) if place else (),
        start=start,
        sentence_start=start,
    )


def _placed_article(article: str, place: tuple[str, str, str], said: str) -> object:
    """A sentence of the article that places it (a figure of something else, in another sentence)."""
    return claim(
        article,
        3,
        event="destroyed",
        subject="tank",
        country=None,
        said=said,
        places=(place,),
        start=400,
        sentence_start=400,
    )


def test_tolls_of_two_wars_without_a_place_in_their_sentence_are_two_series():
    cs = [
        _toll("s1", 47, "2025-04-12", place=None),
        _placed_article("s1", KHARTOUM, "2025-04-12"),
        _toll("c1", 773, "2025-02-01", place=None),
        _placed_article("c1", GOMA, "2025-02-01"),
        _toll("c2", 2900, "2025-02-05", place=GOMA),
    ]
    killed = [t for t in fuse(cs, meta(cs)).tracked if t.event == "killed" and "." not in t.id]
    by_country = {t.subject.country: t for t in killed}
    assert set(by_country) == {"SD", "CD"}
    assert by_country["SD"].claims == (cs[0].claim_id,)
    assert set(by_country["CD"].claims) == {cs[2].claim_id, cs[4].claim_id}
    assert not [c for t in killed for c in t.contradictions if c.reason.startswith("genuine")]


def test_an_article_placing_two_countries_equally_gives_no_theatre():
    cs = [
        _toll("t1", 12, "2025-03-01", place=None),
        _placed_article("t1", KHARTOUM, "2025-03-01"),
        replace(_placed_article("t1", GOMA, "2025-03-01"), claim_id="t1-goma", sentence_start=600),
    ]
    (killed,) = [t for t in fuse(cs, meta(cs)).tracked if t.event == "killed"]
    assert killed.subject.country is None


def test_soldiers_without_a_country_take_no_theatre():
    cs = [
        claim("m1", 30, event="killed", subject="troop", country=None, said="2025-03-01", places=()),
        _placed_article("m1", KHARTOUM, "2025-03-01"),
    ]
    (killed,) = [t for t in fuse(cs, meta(cs)).tracked if t.event == "killed"]
    assert killed.subject.country is None  # whose soldiers is not where they fell


# -- incidents with no town: disasters and a country's incident of one day ----------------------------
CHILE = (("Chile", "CL", "geonames:3895114"),)
_at = iter(range(1000, 10**6, 1000))


def _said(article: str, value: float, sentence: str, figure: str, day: str, **kw):
    """A toll of people whose figure ``figure`` sits in ``sentence`` (its words are read)."""
    base = next(_at)
    kw.setdefault("places", CHILE)
    kw.setdefault("event", "killed")
    kw.setdefault("subject", "person")
    c = claim(article, value, country=None, said=day, sources=("officials",), start=base + sentence.index(figure),
              sentence_start=base, **kw)  # fmt: skip
    return replace(c, sentence=sentence, end=c.start + len(figure))


def _series(cs):
    by_id = {c.claim_id: c.quantity.value for c in cs}
    tracked = fuse(cs, meta(cs)).tracked
    return {t.label: sorted(by_id[i] for i in t.claims) for t in tracked if t.event == "killed"}, tracked


def test_a_disaster_is_one_incident_of_its_country_and_a_strike_months_before_is_another():
    cs = [
        _said("q1", 300, "The earthquake killed at least 300 people in the north.", "300", "2025-06-02"),
        _said("q2", 1200, "The death toll has risen to 1,200 people.", "1,200", "2025-06-09"),
        _said("q2", 40, "The quake destroyed 40 bridges.", "40", "2025-06-09", subject="bridge", event="destroyed"),
        _said("s1", 9, "An airstrike on a village killed 9 people, officials said.", "9", "2025-02-11"),
    ]  # fmt: skip
    series, tracked = _series(cs)
    quake = next(label for label in series if "earthquake" in label)
    assert series[quake] == [300, 1200] and quake.endswith("in Chile (2025-06-02)")
    strike = next(label for label in series if "attack" in label)
    assert series[strike] == [9]
    assert not [c for t in tracked for c in t.contradictions if c.reason.startswith("genuine")]


def test_strikes_without_a_town_on_two_days_are_two_incidents_and_a_next_day_report_the_same():
    cs = [
        _said("a1", 12, "A drone strike on a market killed 12 people.", "12", "2025-05-03"),
        _said("a2", 14, "The toll of the drone strike on the market rose to 14.", "14", "2025-05-04"),
        _said("a3", 5, "An air strike on a school killed 5 people.", "5", "2025-05-20"),
    ]
    series, tracked = _series(cs)
    assert sorted(series.values()) == [[5], [12, 14]]
    assert not [c for t in tracked for c in t.contradictions if c.reason.startswith("genuine")]


def test_a_toll_of_many_strikes_stays_a_campaign_count():
    cs = [
        _said("t1", 9770, "The toll from airstrikes has risen to 9,770, the ministry said.", "9,770", "2025-05-03"),
        _said("t2", 15200, "Since the start, bombardment has killed 15,200 people.", "15,200", "2025-06-03"),
    ]  # fmt: skip
    series, _ = _series(cs)
    assert list(series.values()) == [[9770, 15200]]
    assert not any("attack" in label for label in series)


def test_a_province_in_an_articles_breakdown_is_a_part_of_its_national_toll():
    sumatra = (("North Sumatra", "ID", "claimtrail:admin1-id-26"),)
    nation = (("Indonesia", "ID", "geonames:1643084"),)
    cs = [
        _said("f1", 303, "Floods in Indonesia have killed 303 people, officials said.", "303", "2025-11-29", places=nation),
        _said("f1", 166, "North Sumatra recorded 166 of the deaths.", "166", "2025-11-29", places=sumatra),
    ]  # fmt: skip
    series, tracked = _series(cs)
    part = next(label for label in series if "(part: North Sumatra)" in label)
    assert series[part] == [166]
    assert not [c for t in tracked for c in t.contradictions if c.reason.startswith("genuine")]
    assert any(ch.kind == "part" and ch.result == "consistent" for t in tracked for ch in t.checks)


def test_a_magnitude_is_no_toll():
    quake = _said(
        "m1", 700, "The toll from the 7.7 magnitude earthquake has risen to 700.", "700", "2025-03-29"
    )
    magnitude = replace(
        _said("m1", 7.7, "The toll from the 7.7 magnitude earthquake has risen to 700.", "7.7", "2025-03-29"),
        subject=replace(quake.subject, text="magnitude", normalized="magnitude"),
    )
    series, _ = _series([quake, magnitude])
    assert list(series.values()) == [[700]]
