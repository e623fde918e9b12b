"""Attribution inside another's report and relative-clause speakers (issue 10, fifth round): each
test is one family, written with sentences of our own."""

from __future__ import annotations

from claimtrail.contract.annotate import attribution_to_json
from claimtrail.extract.attribution import attribution_for


def cues(doc):
    return [a.cue.text for a in doc._.attributions]


def by_cue(doc, cue):
    hits = [a for a in doc._.attributions if a.cue.text == cue]
    assert hits, f"no cue {cue!r} in {cues(doc)}"
    return hits[0]


def test_a_relative_pronoun_is_the_annotated_source_and_the_name_stays_in_the_claim(annotate):
    text = "Inspectors met Ruth Kane, who said the dam had been damaged by shelling."
    a = by_cue(annotate(text), "said")
    assert a.source is not None and a.source.text == "Ruth Kane"
    assert a.source_name == "Ruth Kane"
    assert a.source_word is not None and a.source_word.text == "who"
    assert attribution_to_json(a)["source"]["text"] == "who"


def test_which_stands_for_a_document_that_says(annotate):
    text = "The agency published a report, which said 40 families had left the valley."
    a = by_cue(annotate(text), "said")
    assert a.source_word is not None and a.source_word.text == "which"
    assert a.source is not None and a.source.text == "The agency"  # the report's author


def test_a_plain_subject_has_no_separate_source_word(annotate):
    a = by_cue(annotate("The ministry said 12 drones were shot down overnight."), "said")
    assert a.source_word is None
    assert attribution_to_json(a)["source"]["text"] == "The ministry"


def test_a_stance_inside_anothers_report_is_no_further_source(annotate):
    doc = annotate("The mayor said the regional council supports the evacuation plan.")
    assert cues(doc) == ["said"]
    doc = annotate("A spokesman said the opposition had praised the new curfew.")
    assert cues(doc) == ["said"]


def test_a_stance_of_its_own_speaker_still_counts(annotate):
    doc = annotate("The regional council supports the evacuation plan.")
    assert cues(doc) == ["supports"]


def test_the_reporters_own_next_act_keeps_the_reporter_as_speaker(annotate):
    text = (
        "The governor said the blast showed why the city needed shelters, and accused the rebels "
        "of targeting homes."
    )
    doc = annotate(text)
    said, accused = by_cue(doc, "said"), by_cue(doc, "accused")
    assert accused.source is not None and accused.source.text == "The governor"
    assert text[said.content_start : said.content_end] == "the blast showed why the city needed shelters"
    assert text[accused.content_start : accused.content_end] == "the rebels of targeting homes"
    assert said.cites == []


def test_a_speaking_subject_of_the_said_clause_keeps_the_joined_cue(annotate):
    # the joined verb's subject can speak ("the minister"): the praise is what she reports (no
    # further source), the criticism a charge the minister makes (a link of the chain)
    doc = annotate("She said the minister praised the troops and criticized the plan.")
    assert cues(doc) == ["said", "criticized"]
    criticized = by_cue(doc, "criticized")
    assert criticized.source is not None and criticized.source.text == "the minister"


def test_a_charge_inside_anothers_report_stays_a_link_of_the_chain(annotate):
    text = "The lawmaker said the spy agency blamed the 300 deaths on poor training."
    doc = annotate(text)
    assert cues(doc) == ["said", "blamed"]
    start = text.index("300 deaths")
    names = [a.source_name for a in attribution_for(doc, start, start + len("300 deaths"))]
    assert len(names) == 2 and names[0] == "lawmaker"


def test_a_document_or_film_documents_chronicles_or_explores_what_it_holds(annotate):
    text = "A UN report documented 1,200 civilian deaths in the region."
    a = by_cue(annotate(text), "documented")
    assert a.source_name == "United Nations"
    assert text[a.content_start : a.content_end] == "1,200 civilian deaths in the region"
    text = "The documentary chronicles how the blockade starved the harbour town."
    a = by_cue(annotate(text), "chronicles")
    assert a.source is not None and a.source.text == "The documentary"
    assert text[a.content_start : a.content_end] == "how the blockade starved the harbour town"


def test_people_documenting_or_examining_things_report_nothing_by_it(annotate):
    assert cues(annotate("The engineer examined the damage at the pumping station.")) == []


def test_a_possessed_noun_of_feeling_toward_something_is_a_stance(annotate):
    text = "The editors' disdain for the new curfew was plain."
    a = by_cue(annotate(text), "disdain")
    assert a.source is not None and a.source.text == "The editors"
    assert text[a.content_start : a.content_end] == "the new curfew"
    text = "The governor's repeated emphasis that only two depots were hit drew scorn."
    a = by_cue(annotate(text), "emphasis")
    assert text[a.content_start : a.content_end] == "only two depots were hit"


def test_someone_quoted_as_saying_speaks_and_the_quoter_cites_them(annotate):
    doc = annotate("The envoy was quoted as saying the talks had failed.")
    assert cues(doc) == ["saying"]
    assert by_cue(doc, "saying").source_name == "envoy"
    text = "The general was quoted by state media as saying 40 drones were downed."
    doc = annotate(text)
    quoted, saying = by_cue(doc, "quoted"), by_cue(doc, "saying")
    assert quoted.source is not None and quoted.source.text == "state media"
    assert saying.source is not None and saying.source.text == "The general"
    start = text.index("40 drones")
    chain = attribution_for(doc, start, start + len("40 drones"))
    assert [a.cue.text for a in chain] == ["quoted", "saying"]


def test_a_claim_that_is_the_subject_of_a_speech_verb_is_still_a_claim(annotate):
    text = "The minister's claim that 40 tanks were destroyed was disputed."
    a = by_cue(annotate(text), "claim")
    assert a.source is not None and a.source.text == "The minister"
    assert text[a.content_start : a.content_end] == "40 tanks were destroyed"
    # as the object of a speech verb, the verb's own content
    assert cues(annotate("Kyiv denied reports that 40 tanks were destroyed.")) == ["denied"]


def test_as_someone_put_it_frames_the_clause(annotate):
    text = "As one medic put it, the hospital is running on fumes."
    a = by_cue(annotate(text), "put")
    assert a.source is not None and a.source.text == "one medic"
    assert text[a.content_start : a.content_end] == "the hospital is running on fumes"
    assert cues(annotate("The army put it on the list of targets.")) == []


def test_according_to_a_plan_or_an_agreement_is_no_source(annotate):
    assert cues(annotate("Under the deal, 300 prisoners will be exchanged according to the agreement.")) == []
    assert cues(annotate("The strike was carried out according to plan.")) == []
    # a plan someone made still speaks for its author; a body named after "according to" speaks
    a = by_cue(annotate("According to the ministry's plan, 300 prisoners will be exchanged."), "According to")
    assert a.source is not None and "ministry" in a.source.text
    assert cues(annotate("According to the ministry, 300 prisoners were exchanged.")) == ["According to"]
