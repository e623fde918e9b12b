"""Headlines, datelines and paragraphs end sentences before the parser runs."""

from __future__ import annotations

from claimtrail.nlp.segment import dateline_spans


def test_headline_is_its_own_sentence(annotate):
    doc = annotate(
        "Drone study backs estimates of losses near Kharkiv\n"
        "A Berlin think tank says it has counted 140 destroyed vehicles near the city."
    )
    sents = [s.text.strip() for s in doc.sents]
    assert sents[0] == "Drone study backs estimates of losses near Kharkiv"
    # the headline may hold an attribution of its own, but never reaches into the lede: the lede's
    # figure is the think tank's, and no cue, source or content crosses the headline's end
    headline_end = len(sents[0])
    lede = [a for a in doc._.attributions if a.cue.start > headline_end]
    assert [a.source.text for a in lede] == ["A Berlin think tank"]
    for a in doc._.attributions:
        spans = [(a.cue.start, a.cue.end), (a.content_start, a.content_end)]
        if a.source:
            spans.append((a.source.start, a.source.end))
        sides = {end <= headline_end for _, end in spans}
        assert len(sides) == 1, a


def test_dateline_is_split_from_the_lede(annotate):
    doc = annotate(
        "KYIV, Feb. 3, 2025 (Wire) — Ukrainian losses in the region have risen to about 900, officials said."
    )
    lede = [s for s in doc.sents if "losses" in s.text][0]
    assert lede.text.startswith("Ukrainian losses")


def test_datelines_need_capitals_or_a_date():
    assert dateline_spans("SEOUL (Wire) — Text") and dateline_spans("Seoul, March 6 — Text")
    assert dateline_spans("The attack — the third this week — killed five.") == []


def test_wrapped_prose_is_not_split(annotate):
    doc = annotate("The convoy of trucks and\nambulances reached the town at dawn, officials said.")
    assert len(list(doc.sents)) == 1
