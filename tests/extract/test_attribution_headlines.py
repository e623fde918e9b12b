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


# -- a wire headline's source at its end ("... - governor", "...: rights group", "..., says agency") --
def test_a_source_after_a_dash_says_the_rest_of_the_headline(annotate):
    text = "Missile strike kills four in southern port city - governor\n\nThe strike hit a block of flats."
    assert attrs(annotate, text)[0] == ("-", "governor", "Missile strike kills four in southern port city")


def test_a_source_after_a_colon_at_the_end_of_a_headline(annotate):
    text = "Shelling kills 12 civilians in northern town: monitoring group\n\nThe market was crowded."
    assert attrs(annotate, text)[0] == (
        ":",
        "monitoring group",
        "Shelling kills 12 civilians in northern town",
    )


def test_says_after_or_before_a_source_at_the_end_of_a_headline(annotate):
    text = "Death toll from floods climbs past 300, says disaster agency\n\nRescuers searched on Friday."
    assert attrs(annotate, text)[0] == ("says", "disaster agency", "Death toll from floods climbs past 300")
    text = "Two hundred homes destroyed in storm, officials say\n\nPower was cut across the island."
    assert attrs(annotate, text)[0] == ("say", "officials", "Two hundred homes destroyed in storm")


def test_a_dash_in_a_sentence_or_a_figure_after_a_dash_is_no_source(annotate):
    text = "Talks resumed on Monday - but the convoy has not moved since Friday.\n\nNo one was hurt."
    assert not [a for a in attrs(annotate, text) if a[0] == "-"]
    text = "Evacuation of the coast ordered as storm nears - 40,000 affected\n\nBuses left at noon."
    assert not [a for a in attrs(annotate, text) if a[0] == "-"]


def test_the_headlines_figure_takes_the_suffixed_source(annotate):
    from claimtrail.claims import build_claims
    from claimtrail.model import Article

    text = "Missile strike kills four in southern port city - governor\n\nThe strike hit a block of flats."
    figures = [
        c for c in build_claims(annotate(text), Article(text=text, article_id="t")) if c.kind == "quantity"
    ]
    assert figures and figures[0].attribution[-1].text == "governor"
