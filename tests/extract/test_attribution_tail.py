"""Withheld speech and verbal attacks (issue 10, sixth round): shown as attributions in the annotate
contract, never made claims or origins of. Each test is one family, with sentences of our own."""

from __future__ import annotations

from annotated import shown

from claimtrail.claims import build_claims
from claimtrail.model import Article


def test_a_negated_speech_verb_is_shown_with_its_holder_and_topic(annotate):
    doc = annotate("The army did not say how many of its soldiers were lost near the dam.")
    assert ("The army", "did not say", "how many of its soldiers were lost near the dam") in shown(doc)
    assert not doc._.attributions  # the component says nobody said the content


def test_would_not_say_whether_and_did_not_immediately_respond(annotate):
    doc = annotate("A spokeswoman for the governor would not say whether the bridge had been closed.")
    assert ("A spokeswoman", "would not say", "whether the bridge had been closed") in shown(doc)
    doc = annotate("The regional council did not immediately respond to a request for comment.")
    assert ("The regional council", "did not immediately respond", "to a request for comment") in shown(doc)


def test_a_refusal_is_shown_with_what_is_refused(annotate):
    doc = annotate("The senator has steadfastly refused to disclose his medical records.")
    assert ("The senator", "refused to disclose", "his medical records") in shown(doc)
    doc = annotate("The mayor refused to sign the new budget.")
    assert ("The mayor", "refused", "to sign the new budget") in shown(doc)


def test_a_withheld_figure_gets_no_origin_in_the_claims(annotate):
    text = "The ministry would not say whether 30 soldiers died in the raid."
    doc = annotate(text)
    assert any(cue == "would not say" for _, cue, _ in shown(doc))
    claims = [c for c in build_claims(doc, Article(text=text, article_id="t")) if c.kind == "quantity"]
    assert claims, "the figure is still a claim"
    assert all("ministry" not in (link.text or "").lower() for c in claims for link in c.attribution)


def test_a_verbal_attack_on_a_person_is_a_stance(annotate):
    doc = annotate("The governor attacked Maria Lopez in a string of late-night posts.")
    assert ("The governor", "attacked", "Maria Lopez") in shown(doc)
    doc = annotate("The candidate went after her rival as a fraud who dodged taxes.")
    assert any(cue == "went" and "as a fraud" in content for _, cue, content in shown(doc))
    doc = annotate("The senator painted the mayor as a friend of the developers.")
    assert any(cue == "painted" for _, cue, _ in shown(doc))
    doc = annotate("The governor unleashed a flurry of tweets about the mayor.")
    assert any(cue == "unleashed" for _, cue, _ in shown(doc))


def test_attacks_in_war_are_acts_not_stances(annotate):
    for text in (
        "Russian forces attacked Kharkiv overnight.",
        "Troops attacked the convoy for the second time this week.",
        "The rebels attacked government positions as the talks began.",
        "The drones hit the depot near the border.",
        "The navy unleashed a barrage of missiles on the port.",
    ):
        assert not shown(annotate(text)), text


def test_quoted_words_and_known_cues_are_not_shown_twice(annotate):
    doc = annotate('"They refuse to use the word," the mayor said.')
    assert [cue for _, cue, _ in shown(doc)] == ["said"]
    doc = annotate("The mayor declined to confirm that 12 people had died.")
    cues = [cue for _, cue, _ in shown(doc)]
    assert cues.count("declined to confirm") + cues.count("confirm") <= 1


def test_the_shown_cue_keeps_its_auxiliaries_and_colon_and_claims_keep_the_verb(annotate):
    doc = annotate("The ministry has also said that 40 soldiers died.")
    assert [cue for _, cue, _ in shown(doc)] == ["has also said"]
    assert [a.cue.text for a in doc._.attributions] == ["said"]
    doc = annotate('The mayor said: "The bridge is closed."')
    assert [cue for _, cue, _ in shown(doc)] == ["said:"]
    doc = annotate("When the mayor spoke, he said the bridge was closed.")
    assert "said" in [cue for _, cue, _ in shown(doc)]


def test_a_fronted_adverb_is_not_part_of_a_withheld_cue(annotate):
    doc = annotate("Initially, the regulators did not consider the bid a serious option.")
    assert [cue for _, cue, _ in shown(doc)] == ["did not consider"]
