"""Attribution on shapes seen in real reporting (issue 10, fourth round): each test is one family,
written with sentences of our own."""

from __future__ import annotations

import pytest

from claimtrail.extract.attribution import attribution_for


def by_cue(attrs, cue):
    hits = [a for a in attrs if a.cue.text == cue]
    assert hits, f"no cue {cue!r} in {[a.cue.text for a in attrs]}"
    return hits[0]


def chain_names(doc, text, phrase):
    start = text.index(phrase)
    return [a.source_name for a in attribution_for(doc, start, start + len(phrase))]


def test_a_noun_inside_the_quote_is_not_the_speaker_after_it(annotate):
    # The parser gives "said" two subjects: the quote's last noun phrase and the speaker.
    text = "\u201cThe brigade is in retreat. Full retreat,\u201d said Olena Kravets, a district official."
    doc = annotate(text)
    a = by_cue(doc._.attributions, "said")
    assert a.source.text == "Olena Kravets"
    assert a.source_type == "person"


def test_a_quoted_opening_phrase_is_not_the_speaker_before_the_cue(annotate):
    text = "\u201cMy answer, that was a lie,\u201d the former deputy minister said in an interview on Friday."
    doc = annotate(text)
    a = by_cue(doc._.attributions, "said")
    assert a.source.text == "the former deputy minister"


def test_an_opening_participle_speaks_through_the_main_subject_not_its_object(annotate):
    text = "Lamenting the \u201cendless shelling,\u201d the mayor said 30 homes burned overnight."
    doc = annotate(text)
    a = by_cue(doc._.attributions, "Lamenting")
    assert a.source.text == "the mayor"
    assert by_cue(doc._.attributions, "said").source.text == "the mayor"


def test_an_inverted_said_still_takes_its_object_as_speaker(annotate):
    text = "Said the governor: twelve people died in the strike."
    doc = annotate(text)
    assert by_cue(doc._.attributions, "Said").source.text == "the governor"


def test_the_place_of_an_office_is_no_person_for_a_later_pronoun(annotate):
    # The entity tagger calls the town a person; "he" must still be the mayor.
    text = (
        "Ivan Petrenko, the mayor of Zarichne, visited the village of Lukove on Monday. "
        "He said 14 houses had burned."
    )
    doc = annotate(text)
    assert "Zarichne" not in [x.text for x in doc._.actors]
    a = by_cue(doc._.attributions, "said")
    assert a.source_name == "Ivan Petrenko"
    assert chain_names(doc, text, "14 houses") == ["Ivan Petrenko"]


def test_a_governor_of_a_region_keeps_his_own_name_as_source(annotate):
    text = "Oleksandr Prokudin, the governor of Kherson, said on Monday that two people were killed."
    doc = annotate(text)
    a = by_cue(doc._.attributions, "said")
    assert a.source_name == "Oleksandr Prokudin"
    assert "Kherson" not in [x.text for x in doc._.actors if x.type == "person"]


def test_a_change_of_amount_is_no_stance(annotate):
    # "decline" is a stance ("declined the offer", "declined to comment") and an amount.
    text = "The regiment's strength declined to about 600 men. Prices declined from 40 to 12 a day."
    doc = annotate(text)
    assert [a.cue.text for a in doc._.attributions] == []
    start = text.index("600")
    assert attribution_for(doc, start, start + 3) == []


def test_declining_an_offer_or_to_comment_is_still_a_stance(annotate):
    text = "The governor declined the offer of 200 more police officers."
    doc = annotate(text)
    a = by_cue(doc._.attributions, "declined")
    assert a.source.text == "The governor"


def test_the_writers_own_asides_have_no_speaker(annotate):
    text = (
        "It goes without saying that the ceasefire is fragile. "
        "It is worth noting that 300 prisoners were exchanged in May. "
        "Let's say the army has 20,000 reservists."
    )
    doc = annotate(text)
    assert doc._.attributions == []


def test_an_aside_in_one_sentence_leaves_a_speaker_in_another_alone(annotate):
    # the idioms are looked for once per text: one found elsewhere must not reach this cue
    text = "The governor said 40 homes were damaged. It goes without saying that repairs will take months."
    doc = annotate(text)
    assert [a.cue.text for a in doc._.attributions] == ["said"]
    assert by_cue(doc._.attributions, "said").source.text == "The governor"


def test_an_aside_does_not_hide_a_real_speaker_in_the_same_sentence(annotate):
    text = "Needless to say, the mayor said 12 people had been evacuated."
    doc = annotate(text)
    a = by_cue(doc._.attributions, "said")
    assert a.source.text == "the mayor"


def test_a_hearing_by_judges_is_no_statement_of_the_case(annotate):
    text = "The appeal of the two captured soldiers will be heard by three judges in March."
    doc = annotate(text)
    assert [a.cue.text for a in doc._.attributions] == []


def test_a_figure_confirmed_by_an_agent_is_still_said_by_it(annotate):
    text = "The toll of 14 dead was confirmed by the regional police on Sunday."
    doc = annotate(text)
    a = by_cue(doc._.attributions, "confirmed")
    assert a.source.text == "the regional police"
    assert text[a.content_start : a.content_end] == "The toll of 14 dead"


def test_a_court_rules_that_and_rules_against(annotate):
    text = (
        "The court ruled that the detention of 12 journalists was illegal. "
        "A military tribunal ruled against the ministry on Tuesday. The junta has ruled the country since 2021."
    )
    doc = annotate(text)
    assert chain_names(doc, text, "12 journalists") == ["court"] or chain_names(
        doc, text, "12 journalists"
    ) == ["The court"]
    against = by_cue(doc._.attributions, "ruled against")
    assert text[against.content_start : against.content_end] == "the ministry"
    assert [a.cue.text for a in doc._.attributions] == ["ruled", "ruled against"]


def test_a_study_finds_a_figure_but_people_finding_things_do_not_report(annotate):
    text = "A 2023 study found 31 cases of forced deportation. Soldiers found a cache of 200 rifles."
    doc = annotate(text)
    a = by_cue(doc._.attributions, "found")
    assert a.source.text == "A 2023 study"
    assert text[a.content_start : a.content_end] == "31 cases of forced deportation"
    assert len(doc._.attributions) == 1


def test_evidence_speaks_for_whoever_gathered_it(annotate):
    text = "Evidence gathered by investigators shows 50 civilians were executed."
    doc = annotate(text)
    a = by_cue(doc._.attributions, "shows")
    assert a.source.text == "investigators"
    assert text[a.content_start : a.content_end] == "50 civilians were executed"


def test_a_panel_finds_for_itself_not_for_whoever_appointed_it(annotate):
    text = "A panel appointed by the governor found that 14 officers had lied."
    doc = annotate(text)
    a = by_cue(doc._.attributions, "found")
    assert a.source.text == "A panel"


def test_according_to_at_the_head_of_a_misparsed_sentence(annotate):
    # The parser hangs the clause inside the source's phrase; what follows the comma is said.
    text = "According to conservative radio host Olek Brandt, the offensive reeks of \u201cfear\u201d and desperation."
    doc = annotate(text)
    a = by_cue(doc._.attributions, "According to")
    assert "Olek Brandt" in a.source.text
    assert text[a.content_start : a.content_end] == "the offensive reeks of \u201cfear\u201d and desperation"


def test_according_to_a_source_the_parser_reads_as_a_verb(annotate):
    text = "The commander repeatedly abused conscripts, according to show insiders."
    doc = annotate(text)
    a = by_cue(doc._.attributions, "according to")
    assert a.source is not None and "insiders" in a.source.text
    assert text[a.content_start : a.content_end] == "The commander repeatedly abused conscripts"


def test_a_figure_is_never_a_source_in_its_own_chain(annotate):
    # The respondents' share holds a stance of its own, but it does not cite itself.
    text = "Polls showed 62 percent of Ukrainians opposed territorial concessions."
    doc = annotate(text)
    assert chain_names(doc, text, "62 percent") == ["Polls"]


def test_a_cited_source_still_closes_the_chain(annotate):
    text = "A lawmaker said, citing Ukrainian intelligence, that 1,500 more troops had arrived."
    doc = annotate(text)
    names = chain_names(doc, text, "1,500")
    assert len(names) == 2 and "intelligence" in names[-1].lower()


def test_he_resolves_to_a_surname_the_tagger_called_an_organisation(annotate):
    text = "Kozak visited the damaged school on Friday. He said 40 windows were broken."
    doc = annotate(text)
    a = by_cue(doc._.attributions, "said")
    assert (a.source_name, a.source_type) == ("Kozak", "person")


def test_he_never_resolves_to_a_place_or_an_acronym(annotate):
    text = "NATO moved 300 troops to Lukove on Monday. He said the move was routine."
    doc = annotate(text)
    a = by_cue(doc._.attributions, "said")
    assert a.source_name in (None, "He", "he")


def test_a_name_before_a_colon_on_the_title_line_speaks(annotate):
    text = (
        "Syrskyi: 40 drones shot down overnight\n\n"
        "KYIV (Reuters) - Ukraine said on Sunday that its air defences had shot down 40 drones.\n"
    )
    doc = annotate(text)
    a = by_cue(doc._.attributions, ":")
    assert a.source.text == "Syrskyi"
    assert text[a.content_start : a.content_end] == "40 drones shot down overnight"


def test_a_lesson_from_a_named_person_before_a_colon_is_that_persons_saying(annotate):
    text = "A lesson from Olena Kravets: \u2018Never count the shelters twice.\u2019\n\nShe ran a district for 20 years.\n"
    doc = annotate(text)
    a = by_cue(doc._.attributions, ":")
    assert a.source_name == "Olena Kravets"


def test_a_name_before_a_colon_further_down_needs_more_than_capitals(annotate):
    # Not the title line, not named elsewhere, not an actor: "Note" and "Lukove" are no speakers.
    text = "The strike hit at dawn.\n\nLukove: the village had 300 residents before the war.\n"
    doc = annotate(text)
    assert [a.cue.text for a in doc._.attributions] == []


def test_a_column_title_before_a_colon_is_no_speaker(annotate):
    text = "The Latest: Shelling resumes near the port\n\nODESA (AP) - The Latest on the war (all times local).\n"
    doc = annotate(text)
    assert ":" not in [a.cue.text for a in doc._.attributions]
    text = "Stealth Over Ammunition: Depot Fire Kept Quiet\n\nThe ministry said nothing about the fire.\n"
    doc = annotate(text)
    assert ":" not in [a.cue.text for a in doc._.attributions]


def test_an_inverted_said_before_a_colon_is_the_cue_and_not_part_of_the_name(annotate):
    text = (
        "The evacuation plan would leave 2,000 people behind.\n"
        "Said Kravets: \u201cNobody in this district will be left behind.\u201d"
    )
    doc = annotate(text)
    a = by_cue(doc._.attributions, "Said")
    assert a.source_name == "Kravets"
    assert text[a.content_start : a.content_end] == "Nobody in this district will be left behind."[:-1]


def test_three_descriptions_of_one_spy_agency_are_one_source(annotate):
    text = (
        "South Korea's spy agency said 1,100 soldiers had been wounded. "
        "The country's intelligence agency added that 300 had died."
    )
    doc = annotate(text)
    names = {a.source_name for a in doc._.attributions}
    assert names == {"National Intelligence Service (NIS)"}


def test_a_noun_phrase_after_after_is_no_origin(annotate):
    text = (
        "After separate attacks on the port, officials counted 12 dead, according to the regional governor."
    )
    doc = annotate(text)
    assert chain_names(doc, text, "12 dead") == ["regional governor"]


def test_modality_is_set_per_clause_for_estimates_and_plans(annotate):
    from claimtrail.extract.modality import modality_for

    def modality_at(doc, text, phrase):
        start = text.index(phrase)
        return modality_for(doc, doc.char_span(start, start + len(phrase), alignment_mode="expand").root.i)[0]

    text = "An estimated 200 others were captured in the raid, the governor said."
    doc = annotate(text)
    assert modality_at(doc, text, "200") == "estimated"
    text = "About 3,000 troops will be deployed next month, according to the newspaper."
    doc = annotate(text)
    assert modality_at(doc, text, "3,000") == "planned"
    assert chain_names(doc, text, "3,000") == ["newspaper"]


def test_a_name_given_in_a_participle_is_no_statement(annotate):
    text = "His volunteer group, called the Kharkiv Relief Fund, will still run 12 shelters until spring."
    doc = annotate(text)
    assert [a.cue.text for a in doc._.attributions] == []


def test_an_active_naming_is_still_a_statement(annotate):
    text = "The ministry called the strike on the station a war crime."
    doc = annotate(text)
    a = by_cue(doc._.attributions, "called")
    assert a.source.text == "The ministry"


def test_a_naming_after_a_parenthetical_still_speaks(annotate):
    text = "Zelensky, in a speech on Monday, called the strike on the station a war crime."
    doc = annotate(text)
    assert by_cue(doc._.attributions, "called").source_name is not None


def test_a_call_on_someone_tagged_as_a_participle_still_speaks(annotate):
    # The tagger gives "called" VBN here, though it has its own subject.
    text = "Olena Kravets on Wednesday called on Ivan Petrenko to apologize to the 40 evacuees."
    doc = annotate(text)
    assert by_cue(doc._.attributions, "called on").source_name == "Olena Kravets"


@pytest.mark.parametrize(
    ("text", "chains"),
    [
        # two speakers of one sentence: each says their own figure, never a chain of both
        (
            "According to a conflict monitor, more than 20,000 people have been killed in the war, "
            "while the UN migration agency says 9 million have fled their homes.",
            {"20,000": ["conflict monitor"], "9 million": ["International Organization for Migration (IOM)"]},
        ),
        (
            "One armed group said two of its fighters were killed, while another group said three of its own died.",
            {"two": ["One armed group"], "three": ["another group"]},
        ),
        # a holder revising a figure gives it; a thing raised is no figure
        ("The regional administration revised the death toll to 34 on Wednesday.", {"34": ["regional administration"]}),
        ("Officials later lowered the figure to 19.", {"19": ["officials"]}),
        ("Engineers raised the bridge by 2 metres.", {"2": []}),
        # a reported figure is the reporter's ("on Sunday" is a time, not a topic)
        (
            "The health ministry reported on Sunday the deaths of 212 people, including 40 children.",
            {"212": ["health ministry"], "40": ["health ministry"]},
        ),
        (
            "Meanwhile, in the north, authorities reported 152 dead and 2,100 wounded.",
            {"152": ["authorities"], "2,100": ["authorities"]},
        ),
    ],
)  # fmt: skip
def test_who_gives_each_figure_of_a_sentence(annotate, text, chains):
    doc = annotate(text)
    assert {phrase: chain_names(doc, text, phrase) for phrase in chains} == chains
