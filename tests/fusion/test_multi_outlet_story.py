"""One strike relayed by five outlets over four days, end to end (ingest, extract, fuse).

The story (``data/story_sumy/story.jsonl``, written for this test in the manner of wire copy; the
incident is invented): a regional administration's toll for a missile strike on Sumy rises from
"at least 21" to 32 ("including two children") and is revised to 34; two outlets echo its figures
the same day; a local monitoring group gives a rival 35 ("three more than the official count");
a drone attack on Kharkiv two days later is another incident.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import ingest_story

STORY = Path(__file__).resolve().parent / "data" / "story_sumy"
VALUES: dict[str, float | None] = {}  # claim id -> its figure, from the export


@pytest.fixture(scope="module")
def tracked(tmp_path_factory):
    yield from ingest_story(STORY, tmp_path_factory.mktemp("story") / "story.db", VALUES)


def _killed(tracked, town, part=None):
    found = [
        t
        for t in tracked
        if t.event == "killed"
        and town in t.label
        and (f"(part: {part})" in t.label if part else "(part:" not in t.label)
    ]
    assert len(found) == 1, [t.label for t in tracked]
    return found[0]


def _values(t):
    return sorted({VALUES[c] for c in t.claims if VALUES.get(c) is not None})


def test_two_incidents_are_two_series(tracked):
    assert _killed(tracked, "Sumy").label == "people killed in the attack in Sumy (2025-04-13)"
    assert _killed(tracked, "Kharkiv").label == "people killed in the attack in Kharkiv (2025-04-15)"
    assert _values(_killed(tracked, "Kharkiv")) == [3]


def test_the_toll_series_holds_the_tolls_and_nothing_else(tracked):
    sumy = _killed(tracked, "Sumy")
    # the rising toll, the revision and the rival figure; not the difference "three more than the
    # official count", not the two children (a part), not the 83 injured
    assert _values(sumy) == [21, 32, 34, 35]
    assert sumy.timeline[-1].date == "2025-04-16"
    assert (sumy.timeline[-1].low, sumy.timeline[-1].high) == (34, 34)


def test_echoes_of_one_origin_count_once(tracked):
    sumy = _killed(tracked, "Sumy")
    administration = [o for o in sumy.origins if o.name == "regional military administration"]
    assert len(administration) == 1
    assert (
        len(administration[0].articles) == 5
    )  # five articles (its revision to 34 included), three outlets, one origin


def test_the_children_are_a_part_not_a_rival(tracked):
    part = _killed(tracked, "Sumy", part="child")
    assert "(part: child)" in part.label
    assert _values(part) == [2]
    sumy = _killed(tracked, "Sumy")
    assert not [c for c in sumy.contradictions if c.reason.startswith("genuine") and "(2," in c.reason]


def test_the_rival_estimate_is_a_genuine_contradiction(tracked):
    sumy = _killed(tracked, "Sumy")
    genuine = [c.reason for c in sumy.contradictions if c.reason.startswith("genuine")]
    assert any("monitoring group (35" in r and "regional military administration (32" in r for r in genuine)
    # the rising official toll is a revision of one origin, never a contradiction
    assert not any("(21," in r for r in genuine)


def test_the_only_genuine_contradiction_of_the_story_is_the_rival_estimate(tracked):
    genuine = [c.reason for t in tracked for c in t.contradictions if c.reason.startswith("genuine")]
    assert len(genuine) == 1 and "monitoring group (35" in genuine[0]


def test_two_more_deaths_are_an_increment_not_a_toll(tracked):
    # "after two more of the injured died": not the toll, and not among the injured
    more = [t for t in tracked if t.label.endswith("(part: more)")]
    assert [(t.event, _values(t)) for t in more] == [("killed", [2])]
    wounded = [t for t in tracked if t.event == "wounded" and "Sumy" in t.label]
    assert [_values(t) for t in wounded] == [[83]]
