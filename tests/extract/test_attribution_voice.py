"""Issue 10, seventh round: one speaker's own voice inside what they say, pronouns bound to the
clause's subject, and said clauses the parser hangs on a speech verb. Sentences of our own."""

from __future__ import annotations

from annotated import shown

from claimtrail.claims import build_claims
from claimtrail.contract.annotate import doc_annotations
from claimtrail.model import Article


def test_a_speaker_repeating_their_own_voice_is_one_attribution(annotate):
    doc = annotate("Governor Olena Marchuk said she expects 2,000 more people to leave the city this week.")
    cues = [a.cue.text for a in doc._.attributions]
    assert cues == ["said", "expects"]  # the component keeps both (the chain and certainty read them)
    rows = shown(doc)
    assert [(src, cue) for src, cue, _ in rows] == [("Olena Marchuk", "said")]
    assert rows[0][2].startswith("she expects 2,000 more people")
    assert doc_annotations(doc)["attributions"][0]["cites"] == []


def test_another_voice_inside_a_report_stays_and_is_cited(annotate):
    doc = annotate("Governor Olena Marchuk said the ministry expects 2,000 more people to leave the city.")
    rows = doc_annotations(doc)["attributions"]
    assert [a["cue"]["text"] for a in rows] == ["said", "expects"]
    assert rows[0]["cites"] == [1]


def test_the_inner_voices_citations_pass_to_the_speaker(annotate):
    doc = annotate("Mayor Petro Havryliuk said he believes the fire service's count that 14 people died.")
    assert [(a.cue.text, a.cites) for a in doc._.attributions] == [
        ("said", [1]),
        ("believes", [2]),
        ("count", []),
    ]
    rows = doc_annotations(doc)["attributions"]
    assert [(a["cue"]["text"], a["cites"]) for a in rows] == [("said", [1]), ("count", [])]


def test_self_citation_makes_one_link_in_the_claim(annotate):
    text = "Governor Olena Marchuk said she expects 2,000 more people to leave the city this week."
    doc = annotate(text)
    claims = [c for c in build_claims(doc, Article(text=text, article_id="t")) if c.kind == "quantity"]
    assert claims
    assert [link.name for link in claims[0].attribution] == ["Olena Marchuk"]


def test_a_pronoun_binds_to_the_subject_over_an_owner_before_it(annotate):
    doc = annotate(
        "Senator Dana Whitfield says she admired Ruth Okafor's patience through what she calls "
        "a month of angry letters."
    )
    calls = next(a for a in doc._.attributions if a.cue.text == "calls")
    assert calls.source_name == "Dana Whitfield"


def test_a_pronoun_after_a_named_object_still_takes_the_last_person(annotate):
    doc = annotate(
        "Senator Dana Whitfield thanked Ruth Okafor after she said the clinic would reopen in May."
    )
    said = next(a for a in doc._.attributions if a.cue.text == "said")
    assert said.source_name == "Ruth Okafor"  # a named object is no mere owner: the last person stays
    doc = annotate("The mayor met Ruth Okafor on Monday. She said the clinic would reopen in May.")
    said = next(a for a in doc._.attributions if a.cue.text == "said")
    assert said.source_name == "Ruth Okafor"


def test_a_said_clause_hung_after_a_phrase_of_time(annotate):
    doc = annotate("Kovalenko said after the talks the convoy would leave at dawn.")
    a = next(a for a in doc._.attributions if a.cue.text == "said")
    assert doc.text[a.content_start : a.content_end] == "the convoy would leave at dawn"
    doc = annotate("The spokesman tweeted in the early hours of Sunday that the airport was closed.")
    a = next(a for a in doc._.attributions if a.cue.text == "tweeted")
    assert doc.text[a.content_start : a.content_end] == "the airport was closed"


def test_a_clause_of_time_after_a_speech_verb_is_not_what_was_said(annotate):
    doc = annotate("The minister spoke when the crowd had gone quiet.")
    assert not doc._.attributions
    doc = annotate("The colonel said nothing after the convoy was hit.")
    assert not any("convoy" in doc.text[a.content_start : a.content_end] for a in doc._.attributions)


def test_by_a_bodys_count_attributes_the_clause_to_the_body(annotate):
    doc = annotate("By the health ministry's count, 312 people have died in the floods.")
    a = doc._.attributions[0]
    assert a.cue.text == "By the health ministry's count"
    assert a.source is not None and a.source.text == "the health ministry"
    assert doc.text[a.content_start : a.content_end] == "312 people have died in the floods"
    doc = annotate("The toll rose to 40 overnight, by the governor's tally.")
    a = doc._.attributions[0]
    assert (
        a.source_name == "governor"
        and doc.text[a.content_start : a.content_end] == "The toll rose to 40 overnight"
    )


def test_by_all_accounts_has_no_named_source_and_by_one_estimate_is_a_hedge(annotate):
    doc = annotate("By all accounts, the convoy never reached the besieged town.")
    a = doc._.attributions[0]
    assert a.cue.text == "By all accounts" and a.source is None
    assert doc.text[a.content_start : a.content_end] == "the convoy never reached the besieged town"
    doc = annotate("Some 2,000 families left the valley, by one estimate.")
    assert not doc._.attributions  # an estimate with no one named: the modality component's hedge


def test_a_margin_or_a_degree_after_by_is_no_reckoning(annotate):
    assert not annotate("The motion passed by a count of 230 to 190.")._.attributions
    assert not annotate("By any measure, the relief effort came too late.")._.attributions


def test_a_feeling_read_as_a_passive_is_a_stance(annotate):
    doc = annotate("Farmers in the valley were concerned about the new water quotas.")
    a = doc._.attributions[0]
    assert (a.cue.text, a.source.text if a.source else None) == ("concerned", "Farmers")
    assert doc.text[a.content_start : a.content_end] == "the new water quotas"


def test_a_feeling_with_an_agent_or_a_modal_is_no_stance(annotate):
    assert not annotate("Farmers were concerned by the new water quotas.")._.attributions
    doc = annotate("The council will back the dam only if it can be convinced that the quotas are fair.")
    assert all(a.cue.text != "convinced" for a in doc._.attributions)
    assert not annotate("Two more brigades were committed to the offensive.")._.attributions


def test_a_holder_of_a_stance_said_of_its_subject(annotate):
    doc = annotate("The new mayor is a longtime opponent of the river dam.")
    a = doc._.attributions[0]
    assert (
        a.cue.text == "is a longtime opponent of"
        and a.source is not None
        and a.source.text == "The new mayor"
    )
    assert doc.text[a.content_start : a.content_end] == "the river dam"


def test_a_holder_of_a_stance_in_apposition(annotate):
    doc = annotate("Ilya Markov, a vocal critic of the ceasefire, said 30 soldiers had deserted.")
    critic = next(a for a in doc._.attributions if "critic" in a.cue.text)
    assert critic.cue.text == "a vocal critic of" and critic.source_name == "Ilya Markov"
    assert doc.text[critic.content_start : critic.content_end] == "the ceasefire"
    said = next(a for a in doc._.attributions if a.cue.text == "said")
    assert doc.text[said.content_start : said.content_end] == "30 soldiers had deserted"


def test_a_denied_stance_or_a_part_of_a_thing_is_no_holder(annotate):
    assert not annotate("The governor is not a supporter of the curfew.")._.attributions
    assert not annotate("The bridge is a critical part of the supply line.")._.attributions


def test_a_participle_of_the_same_speaker_is_a_second_act(annotate):
    doc = annotate(
        "Senator Marsh said he did not believe the plan would work, arguing that the money was "
        "better spent on shelters."
    )
    rows = shown(doc)
    assert (
        "Marsh",
        "said",
        "he did not believe the plan would work, arguing that the money was better spent on shelters",
    ) in rows
    assert any(
        cue == "arguing" and content == "the money was better spent on shelters" for _, cue, content in rows
    )


def test_more_adjectives_of_stance_after_be(annotate):
    doc = annotate("The fishermen were enthusiastic about the new harbour.")
    a = doc._.attributions[0]
    assert a.cue.text == "enthusiastic" and doc.text[a.content_start : a.content_end] == "the new harbour"
    doc = annotate("The brigade commander was apprehensive about the river crossing.")
    assert [a.cue.text for a in doc._.attributions] == ["apprehensive"]


def test_a_negated_feeling_is_shown_but_gives_no_origin(annotate):
    doc = annotate("The engineers were not too worried about the cracks in the dam.")
    assert not doc._.attributions
    assert ("The engineers", "were not too worried", "about the cracks in the dam") in shown(doc)
    doc = annotate("The road was not safe for trucks.")
    assert shown(doc) == []


def test_a_fragment_before_a_final_cue_is_what_was_said(annotate):
    doc = annotate("Medics like Hanna Rudenko, the colonel said.")
    a = doc._.attributions[0]
    assert a.cue.text == "said" and doc.text[a.content_start : a.content_end] == "Medics like Hanna Rudenko"
    doc = annotate("Not one shell, the colonel added.")
    a = doc._.attributions[0]
    assert doc.text[a.content_start : a.content_end] == "Not one shell"
    assert not annotate("On Monday, he said.")._.attributions


def test_calling_a_thing_a_name_where_the_parser_joins_the_two(annotate):
    doc = annotate('The governor calls the raiders "bandits" and "thieves."')
    a = doc._.attributions[0]
    assert a.cue.text == "calls" and doc.text[a.content_start : a.content_end].startswith(
        'the raiders "bandits"'
    )
    doc = annotate("The colonel called the deserters cowards.")
    assert [a.cue.text for a in doc._.attributions] == ["called"]
    assert not annotate("She called the city council office.")._.attributions


def test_hosting_and_aid_with_a_counted_object_are_acts(annotate):
    text = "Poland welcomed 2 million refugees last year."
    doc = annotate(text)
    assert not doc._.attributions
    claims = [c for c in build_claims(doc, Article(text=text, article_id="t")) if c.kind == "quantity"]
    assert claims and all(not c.attribution for c in claims)  # the reporter states it; Poland says nothing
    assert not annotate("The charity supported 5,000 families through the winter.")._.attributions


def test_armed_forces_defending_or_backing_act(annotate):
    assert not annotate("Ukrainian troops defended the town for three weeks.")._.attributions
    assert not annotate("The brigade backed the assault with artillery fire.")._.attributions


def test_welcoming_a_decision_or_backing_a_bill_stays_a_stance(annotate):
    doc = annotate("Germany welcomed the decision to reopen the border crossing.")
    assert [a.cue.text for a in doc._.attributions] == ["welcomed"]
    doc = annotate("The senator backed the bill on 9/11 compensation.")
    assert [a.cue.text for a in doc._.attributions] == ["backed"]


def test_a_feeling_or_a_stance_holder_inside_a_report_is_what_the_reporter_says(annotate):
    doc = annotate('The spokesman told reporters that the cabinet was "deeply concerned" about the drills.')
    assert [a.cue.text for a in doc._.attributions] == ["told reporters"]
    doc = annotate("The mayor said the council was critical of the plan.")
    assert [a.cue.text for a in doc._.attributions] == ["said"]
    doc = annotate("The mayor said Kovalenko is a staunch opponent of the dam.")
    assert [a.cue.text for a in doc._.attributions] == ["said"]


def test_a_noun_of_stance_inside_a_report_is_no_further_source(annotate):
    doc = annotate("The mayor said the ministry's decision to close the port had cost 300 jobs.")
    assert [a.cue.text for a in doc._.attributions] == ["said"]
    doc = annotate("The ministry's decision to close the port cost 300 jobs.")
    assert [a.cue.text for a in doc._.attributions] == ["decision"]


def test_a_noun_of_saying_inside_a_report_stays_a_link(annotate):
    doc = annotate("The mayor said Kyiv's estimate of 5,000 casualties was too low.")
    cues = [a.cue.text for a in doc._.attributions]
    assert cues == ["said", "estimate"]
    assert doc._.attributions[0].cites == [1]
