"""Cues in Title Case headlines (issue 10, fifth round), with headlines of our own."""

from __future__ import annotations


def attrs(annotate, text):
    doc = annotate(text)
    return [
        (a.cue.text, a.source.text if a.source else None, text[a.content_start : a.content_end])
        for a in doc._.attributions
    ]


def test_a_title_case_headline_names_its_speaker_cue_and_claim(annotate):
    text = "Kremlin Denies Troops Crossed Border\n\nMoscow gave no details on Monday."
    assert attrs(annotate, text) == [("Denies", "Kremlin", "Troops Crossed Border")]


def test_a_headline_cue_after_an_opening_phrase_and_an_infinitive(annotate):
    text = "Railing Against Delays, Mayor Vows To Rebuild Bridge Within A Year.\n\nWork starts in May."
    assert attrs(annotate, text) == [("Vows", "Mayor", "To Rebuild Bridge Within A Year")]


def test_a_headline_topic_leaves_out_its_preposition(annotate):
    text = "UN Warns Of Famine In Northern Provinces\n\nAid convoys were stopped last week."
    found = attrs(annotate, text)
    assert found[0] == ("Warns", "UN", "Famine In Northern Provinces")


def test_lines_that_are_no_title_case_headline_get_no_headline_cue(annotate):
    # a sentence in running text, and a headline without a speaking verb
    assert attrs(annotate, "Heavy Rains Hit Northern Towns As Rivers Rise\n\nRoads were closed.") == []
    text = "Officials met on Monday. The Mayor Says Nothing New Today about the bridge."
    assert all(cue != "Says" for cue, _, _ in attrs(annotate, text))
