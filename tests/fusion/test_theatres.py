"""People killed whom no word gives a country belong to the country their article is about: the
tolls of two wars or two disasters are never one series with "genuine contradictions" across them
(fusion/stages.py ``_theatre``; ``theatre_events`` and ``theatre_subjects`` in fusion.yaml)."""

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
