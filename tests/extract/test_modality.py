"""Modality cues, their scope, and the modality of the clause holding a figure."""

from __future__ import annotations

import pytest

from claimtrail.extract.modality import modality_for


def token_of(doc, word):
    for t in doc:
        if t.text == word:
            return t
    raise AssertionError(f"no token {word!r}")


def cue(doc, text):
    hits = [c for c in doc._.modality_cues if c.text == text]
    assert hits, f"no cue {text!r} in {[c.text for c in doc._.modality_cues]}"
    return hits[0]


@pytest.mark.parametrize("modal", ["may", "could", "might"])
def test_modal_verbs_make_a_possibility_scoped_on_their_verb(annotate, modal):
    doc = annotate(f"Officials said Pyongyang {modal} send an additional 2,500 troops next month.")
    c = cue(doc, modal)
    assert c.modality == "possible"
    assert doc[c.scope_head].text == "send"
    modality, cues = modality_for(doc, token_of(doc, "2,500").i)
    assert modality == "possible"
    assert [x.text for x in cues] == [modal]


@pytest.mark.parametrize(
    ("text", "word", "cue_text", "expected"),
    [
        ("The brigade has reportedly lost 200 vehicles since May.", "200", "reportedly", "reported"),
        ("Analysts estimate that 3,000 soldiers have been wounded.", "3,000", "estimate", "estimated"),
        ("An estimated 1,200 civilians have fled the town.", "1,200", "estimated", "estimated"),
        ("Western officials believe 500 drones were delivered in March.", "500", "believe", "believed"),
        ("The army plans to send 4,000 reservists to the front.", "4,000", "plans", "planned"),
        ("The ministry denied that 90 sailors had died.", "90", "denied", "denied"),
        ("A fourth deployment of 2,000 troops remains a possibility.", "2,000", "possibility", "possible"),
        ("It is possible that 700 more were captured.", "700", "possible", "possible"),
        ("Kyiv confirmed that 40 prisoners were exchanged.", "40", "confirmed", "confirmed"),
        ("Reports indicate that about 4,000 of them have been killed.", "4,000", "indicate", "reported"),
    ],
)
def test_certainty_scale(annotate, text, word, cue_text, expected):
    doc = annotate(text)
    assert cue(doc, cue_text).modality == expected
    modality, cues = modality_for(doc, token_of(doc, word).i)
    assert modality == expected
    assert cue_text in [c.text for c in cues]


def test_did_not_confirm_is_not_confirmed(annotate):
    doc = annotate("The agency did not confirm that 150 troops were captured.")
    c = cue(doc, "did not confirm")
    assert c.modality == "reported"
    assert doc[c.scope_head].text == "captured"
    assert modality_for(doc, token_of(doc, "150").i)[0] == "reported"


def test_could_not_confirm_is_not_a_possibility(annotate):
    doc = annotate("The Pentagon could not confirm that 150 troops were captured.")
    assert not any(c.text == "could" for c in doc._.modality_cues)
    assert modality_for(doc, token_of(doc, "150").i)[0] == "reported"


def test_plain_said_is_asserted(annotate):
    doc = annotate("The governor said 14 people were wounded in the strike.")
    assert modality_for(doc, token_of(doc, "14").i) == ("asserted", [])


def test_cue_in_another_clause_does_not_leak(annotate):
    doc = annotate("The army may retreat, but 300 soldiers were killed on Monday, the governor said.")
    assert modality_for(doc, token_of(doc, "300").i)[0] == "asserted"


def test_denial_outranks_inner_possibility(annotate):
    doc = annotate("Moscow denied that North Korea may send 6,000 troops.")
    assert modality_for(doc, token_of(doc, "6,000").i)[0] == "denied"


def test_not_ruled_out(annotate):
    doc = annotate("Officials did not rule out that 1,000 more troops would arrive.")
    assert any(c.modality == "possible" and "rule" in c.text for c in doc._.modality_cues)


def test_continued_quote_inherits_attribution_cue(annotate):
    text = "\u201cWe think 600 were wounded,\u201d the commander said. \u201cAbout 80 died.\u201d"
    doc = annotate(text)
    assert modality_for(doc, token_of(doc, "600").i)[0] == "believed"
    assert modality_for(doc, token_of(doc, "80").i)[0] == "asserted"


def test_cue_offsets_match_text(annotate):
    text = "Seoul reportedly may deploy 500 engineers, officials estimated."
    doc = annotate(text)
    for c in doc._.modality_cues:
        assert text[c.start : c.end] == c.text
        assert 0 <= c.scope_head < len(doc)


def test_would_in_reported_speech_is_planned(annotate):
    doc = annotate("Canada said it would send 80 armoured vehicles.")
    assert modality_for(doc, token_of(doc, "80").i)[0] == "planned"


def test_would_have_is_not_planned(annotate):
    doc = annotate("Officials said the strike would have killed 200 people without the shelters.")
    assert modality_for(doc, token_of(doc, "200").i)[0] != "planned"


def test_raised_subject_of_a_passive_cue_is_in_scope(annotate):
    doc = annotate("About 7,000 troops are expected to arrive by the end of the month.")
    assert modality_for(doc, token_of(doc, "7,000").i)[0] == "believed"


def test_media_report_verb_makes_a_claim_reported(annotate):
    doc = annotate("The newspaper reported that 45 officers had been dismissed.")
    assert modality_for(doc, token_of(doc, "45").i)[0] == "reported"


def test_whether_leaves_the_clause_open(annotate):
    doc = annotate("It is not known whether 9 of the hostages are still alive.")
    assert modality_for(doc, token_of(doc, "9").i)[0] == "possible"


def test_refused_to_confirm_is_not_confirmed(annotate):
    doc = annotate("The army refused to confirm that 6 helicopters were shot down.")
    assert modality_for(doc, token_of(doc, "6").i)[0] == "reported"
    assert doc._.attributions == []


def test_appears_to_is_a_belief_over_its_infinitive(annotate):
    doc = annotate("The blast appears to have damaged 11 warehouses.")
    assert modality_for(doc, token_of(doc, "11").i)[0] == "believed"


def test_feared_dead_covers_its_subject(annotate):
    doc = annotate("At least 90 miners are feared dead after the explosion.")
    assert modality_for(doc, token_of(doc, "90").i)[0] == "believed"
    assert doc._.attributions == []


# ---------------------------------------------------------------------------------------------
# Modality per clause (issue 10)


def test_an_estimated_figure_in_a_second_clause_is_estimated_and_the_first_is_not(annotate):
    doc = annotate("The army said 40 soldiers were killed and an estimated 300 others were captured.")
    assert modality_for(doc, token_of(doc, "300").i)[0] == "estimated"
    assert modality_for(doc, token_of(doc, "40").i)[0] == "asserted"


def test_a_reported_plan_is_planned_with_both_cues(annotate):
    doc = annotate("About 2,000 troops will be deployed next month, according to the newspaper.")
    modality, cues = modality_for(doc, token_of(doc, "2,000").i)
    assert modality == "planned"
    assert {c.text for c in cues} == {"will", "according to"}


def test_a_belief_on_its_own_clause_does_not_reach_a_joined_clause(annotate):
    doc = annotate("At least 20 people are believed to have drowned, while 14 were rescued.")
    assert modality_for(doc, token_of(doc, "20").i)[0] == "believed"
    assert modality_for(doc, token_of(doc, "14").i)[0] == "asserted"


def test_a_belief_over_a_complement_covers_all_its_conjuncts(annotate):
    doc = annotate("Officials believe that 40 fighters died and 30 were wounded.")
    assert modality_for(doc, token_of(doc, "40").i)[0] == "believed"
    assert modality_for(doc, token_of(doc, "30").i)[0] == "believed"


def test_a_shared_modal_covers_a_conjoined_verb_without_subject(annotate):
    doc = annotate("The strike may have killed 12 fighters and wounded 30 others.")
    assert modality_for(doc, token_of(doc, "30").i)[0] == "possible"


@pytest.mark.parametrize(
    "sentence, word, expected",
    [
        ("Analysts predict that 40,000 more soldiers will be mobilised.", "40,000", "believed"),
        ("Aid groups forecast that 2 million people will need food aid.", "2", "estimated"),
        ("Evidence suggests that 45 prisoners were executed.", "45", "believed"),
        ("Three suspected militants were killed in the raid.", "Three", "believed"),
    ],
)
def test_more_belief_and_estimate_cues(annotate, sentence, expected, word):
    doc = annotate(sentence)
    assert modality_for(doc, token_of(doc, word).i)[0] == expected


@pytest.mark.parametrize(
    ("text", "word", "cue_text", "expected"),
    [
        ("The rebels vowed to free 30 prisoners before the holiday.", "30", "vowed", "planned"),
        ("Both sides agreed to pull back 4,000 troops from the ridge.", "4,000", "agreed", "planned"),
        ("The cabinet is considering sending 800 medics to the border.", "800", "considering", "possible"),
        ("The colonel admitted that 11 recruits had fled the base.", "11", "admitted", "confirmed"),
        ("The raid is understood to have killed 6 commanders.", "6", "understood", "believed"),
        ("Planners project that 9,000 homes will need repairs.", "9,000", "project", "estimated"),
        ("The navy said the figures of 70 sunk boats were exaggerated.", "70", "exaggerated", "denied"),
        ("It remains unknown how many of the 500 guards escaped.", "500", "unknown", "possible"),
        ("Aid workers doubted the reports that 45 villagers were shot.", "45", "reports", "reported"),
    ],
)
def test_cue_families_of_wire_copy(annotate, text, word, cue_text, expected):
    doc = annotate(text)
    assert cue(doc, cue_text).modality == expected
    assert modality_for(doc, token_of(doc, word).i)[0] == expected


@pytest.mark.parametrize(
    ("text", "cue_text"),
    [
        ("Officials have yet to confirm that 12 sailors drowned.", "have yet to confirm"),
        ("Medics were unable to verify that 30 patients died.", "unable to verify"),
        ("The strike, if confirmed, would have killed 25 officers.", "if confirmed"),
    ],
)
def test_unfinished_or_hypothetical_confirmation_is_not_confirmed(annotate, text, cue_text):
    doc = annotate(text)
    assert cue(doc, cue_text).modality == "reported"
    assert not any(c.modality == "confirmed" for c in doc._.modality_cues)


@pytest.mark.parametrize(
    "text",
    [
        "The convoy missed its estimated arrival time after 3 checkpoints.",  # not a figure
        "A provisional government took over 2 ministries.",  # not a figure
        "The militia claimed responsibility for the blast that killed 9 guards.",
        "The floods claimed 40 lives in the valley.",
        "The clinic said it could no longer treat the 60 wounded.",  # ability, no possibility
        "Unknown gunmen killed 5 traders on the road.",  # an adjective before its noun
        "The minister mocked the 'likely losses' chart and said 40 soldiers had died.",  # quoted word
        "In May, the coastguard seized 4 boats.",
    ],
)
def test_look_alikes_are_no_cues(annotate, text):
    doc = annotate(text)
    assert doc._.modality_cues == []


def test_estimated_before_a_figure_is_a_cue(annotate):
    doc = annotate("The estimated cost of the repairs reached 40 million dollars.")
    assert cue(doc, "estimated").modality == "estimated"


def test_reporters_hedge_in_an_apposition_covers_the_figure(annotate):
    doc = annotate(
        "The army said 130 rebels were killed, a figure that could not be confirmed independently."
    )
    assert modality_for(doc, token_of(doc, "130").i)[0] == "reported"


def test_reporters_hedge_in_the_next_sentence_covers_the_claim(annotate):
    doc = annotate(
        "The rebels said they shot down 3 helicopters. The claim could not be independently verified."
    )
    modality, cues = modality_for(doc, token_of(doc, "3").i)
    assert modality == "reported"
    assert [c.text for c in cues] == ["could not be independently verified"]


def test_a_hedge_with_its_own_figure_stays_in_its_sentence(annotate):
    doc = annotate("The army said 12 soldiers died. Reports of 40 deaths could not be verified.")
    assert modality_for(doc, token_of(doc, "12").i)[0] == "asserted"
    assert modality_for(doc, token_of(doc, "40").i)[0] == "reported"


def test_another_partys_denial_does_not_change_the_figure(annotate):
    doc = annotate("The tribe says the army killed 19 herders, an account the army contested.")
    assert cue(doc, "contested").modality == "denied"
    assert modality_for(doc, token_of(doc, "19").i)[0] == "asserted"


def test_a_pronoun_speaker_is_not_an_unnamed_report(annotate):
    doc = annotate("The general arrived on Monday. He said 200 troops were ready.")
    assert modality_for(doc, token_of(doc, "200").i)[0] == "asserted"


def test_impossible_to_verify_is_not_confirmed(annotate):
    doc = annotate("The rebels said 2,000 soldiers had died, though it was impossible to verify that claim.")
    assert not any(c.modality == "confirmed" for c in doc._.modality_cues)


def test_an_adjective_a_verb_makes_of_its_object(annotate):
    doc = annotate("Heavy rain slowed the rescue, making a higher toll likely.")
    assert cue(doc, "likely").modality == "believed"


def test_a_reporters_active_hedge_in_the_next_sentence_covers_the_claim(annotate):
    doc = annotate("Activists said 85 villagers were killed. The agency could not verify the death toll.")
    assert modality_for(doc, token_of(doc, "85").i)[0] == "reported"


def test_a_hedge_on_another_object_stays_in_its_sentence(annotate):
    doc = annotate(
        "Activists said 85 villagers were killed. The army did not confirm the raid on the market."
    )
    assert modality_for(doc, token_of(doc, "85").i)[0] == "asserted"


def test_fabricated_reports_are_denied(annotate):
    doc = annotate("The militia said the reports of 60 executions were fabricated.")
    assert cue(doc, "fabricated").modality == "denied"
    assert modality_for(doc, token_of(doc, "60").i)[0] == "denied"


@pytest.mark.parametrize(
    ("text", "cue_text", "word", "expected"),
    [
        ("The Pentagon said it has no plans to send 500 troops to the region.", "no plans", "500", "denied"),
        (
            "The militia said 40 guards were killed, without confirmation from the army.",
            "without confirmation",
            "40",
            "reported",
        ),
    ],
)
def test_a_negated_cue_noun(annotate, text, cue_text, word, expected):
    doc = annotate(text)
    assert cue(doc, cue_text).modality == expected
    assert modality_for(doc, token_of(doc, word).i)[0] == expected


@pytest.mark.parametrize(
    ("text", "cue_text", "expected"),
    [
        ("There are fears that 300 people were inside the hall.", "fears", "believed"),
        ("In all probability the 7 hostages are held in the hills.", "probability", "believed"),
        ("Doctors said the toll would almost certainly rise above 70.", "almost certainly", "believed"),
        ("It is conceivable that the 900 prisoners were moved.", "conceivable", "possible"),
        ("There is a risk that 2 million children miss school.", "risk", "possible"),
    ],
)
def test_more_uncertainty_cues(annotate, text, cue_text, expected):
    doc = annotate(text)
    assert cue(doc, cue_text).modality == expected


@pytest.mark.parametrize(
    "text",
    [
        "The army said it would answer the 20 requests as soon as possible.",
        "Troops can now move along 3 roads.",
        "The general was certainly proud of the 5 new battalions.",
        "The families of the 19 victims had expected an apology.",
    ],
)
def test_set_phrases_ability_and_emphasis_are_no_uncertainty(annotate, text):
    doc = annotate(text)
    assert not [c for c in doc._.modality_cues if c.modality in ("possible", "believed", "estimated")]


def test_unnamed_reports_are_reported_even_capitalised(annotate):
    doc = annotate("Initial reports said 16 people were hurt.")
    assert modality_for(doc, token_of(doc, "16").i)[0] == "reported"


def test_a_reported_estimate_stays_an_estimate(annotate):
    doc = annotate("A satellite study backs estimates that 11,000 troops arrived.")
    assert modality_for(doc, token_of(doc, "11,000").i)[0] == "estimated"


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Officials doubt that 300 fighters remain in the city.", "300", "possible"),
        ("Early indications are that 40 homes were destroyed.", "40", "believed"),
        ("The minister hinted that 2,000 reservists were mobilised.", "2,000", "possible"),
        ("The claim that 90 tanks were lost is questionable.", "90", "possible"),
    ],
)
def test_doubt_and_indication(annotate, text, word, expected):
    doc = annotate(text)
    assert modality_for(doc, token_of(doc, word).i)[0] == expected
