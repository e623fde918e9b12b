"""Attribution: sources, cues, contents, quotes, pronouns and citation chains."""

from __future__ import annotations

import pytest

from claimtrail.contract.annotate import attribution_to_json
from claimtrail.extract.attribution import attribution_for


def content(text, a):
    return text[a.content_start : a.content_end]


def by_cue(attrs, cue):
    hits = [a for a in attrs if a.cue.text == cue]
    assert hits, f"no cue {cue!r} in {[a.cue.text for a in attrs]}"
    return hits[0]


def chain_at(doc, text, phrase):
    start = text.index(phrase)
    return attribution_for(doc, start, start + len(phrase))


def test_said_indirect_speech(annotate):
    text = "A South Korean lawmaker said on Wednesday that 2,000 troops had arrived in Vladivostok."
    doc = annotate(text)
    a = by_cue(doc._.attributions, "said")
    assert a.source.text == "A South Korean lawmaker"
    assert (a.source_type, a.source_country, a.source_role) == ("person", "KR", "lawmaker")
    assert content(text, a) == "2,000 troops had arrived in Vladivostok"
    assert not a.direct


def test_according_to_named_source(annotate):
    text = "Russia has lost 300 tanks this month, according to the Institute for the Study of War."
    doc = annotate(text)
    a = by_cue(doc._.attributions, "according to")
    assert a.source_name == "Institute for the Study of War (ISW)"
    assert a.source_type == "organization"
    assert content(text, a) == "Russia has lost 300 tanks this month"


def test_told_reporters_cue_span(annotate):
    text = "The mayor told reporters that 14 people were wounded in the strike."
    doc = annotate(text)
    a = by_cue(doc._.attributions, "told reporters")
    assert a.source.text == "The mayor"
    assert content(text, a) == "14 people were wounded in the strike"


def test_quote_then_pronoun_resolves_to_last_named_person(annotate):
    text = (
        "Lee Sung-kwon, a member of the defence committee, visited the border on Friday. "
        "\u201cAt least 400 soldiers were killed in the first week,\u201d he said."
    )
    doc = annotate(text)
    a = by_cue(doc._.attributions, "said")
    assert a.source.text == "he"
    assert a.source_name == "Lee Sung-kwon"
    assert a.source_role == "a member of the defence committee"
    assert a.direct
    assert content(text, a) == "At least 400 soldiers were killed in the first week"


def test_quote_running_over_sentences_keeps_speaker(annotate):
    text = (
        "\u201cWe lost 12 vehicles in one night,\u201d said Oleksandr Petrenko, a battalion commander. "
        "\u201cThe drones never stop. We need 50 more jammers.\u201d"
    )
    doc = annotate(text)
    quotes = [a for a in doc._.attributions if a.direct]
    assert len(quotes) == 2
    assert {a.source_name for a in quotes} == {"Oleksandr Petrenko"}
    chain = chain_at(doc, text, "50 more jammers")
    assert [a.source_name for a in chain] == ["Oleksandr Petrenko"]


def test_citing_makes_a_chain(annotate):
    text = "The ministry reported, citing military sources, that 300 soldiers were killed near Pokrovsk."
    doc = annotate(text)
    chain = chain_at(doc, text, "300 soldiers")
    assert [a.source.text for a in chain] == ["The ministry", "military sources"]
    assert [a.cue.text for a in chain] == ["reported", "citing"]
    assert chain[1].source_type == "military"
    speaker = doc._.attributions.index(chain[0])
    origin = doc._.attributions.index(chain[1])
    assert doc._.attributions[speaker].cites == [origin]


def test_who_cited_makes_a_chain(annotate):
    text = "Lee, who cited intelligence officials, said that 2,000 troops had arrived in Vladivostok."
    doc = annotate(text)
    chain = chain_at(doc, text, "2,000 troops")
    assert [a.source_name for a in chain] == ["Lee", "intelligence officials"]
    assert chain[1].source_type == "anonymous"


def test_cited_source_in_reporting_that(annotate):
    text = "Park Ji-won cited Ukrainian intelligence sources in reporting that Pyongyang may send 2,500 more troops."
    doc = annotate(text)
    chain = chain_at(doc, text, "2,500")
    assert [a.source_name for a in chain] == ["Park Ji-won", "Ukrainian intelligence sources"]
    assert chain[1].source_type == "intelligence"
    assert chain[1].source_country == "UA"


def test_according_to_them_points_back(annotate):
    text = (
        "The senator said he met Mykola Hrytsenko, a brigade commander, and senior officers from the "
        "eastern front. According to them, 800 enemy troops had crossed the river."
    )
    doc = annotate(text)
    chain = chain_at(doc, text, "800 enemy troops")
    assert chain[0].source_name == "senator"
    assert chain[-1].source.text == "them"
    assert "Mykola Hrytsenko" in chain[-1].source_name
    assert "senior officers" in chain[-1].source_name


def test_according_to_x_then_estimate_nests(annotate):
    text = "According to Yu, Ukrainian forces estimate that 600 North Korean soldiers have been wounded."
    doc = annotate(text)
    chain = chain_at(doc, text, "600")
    assert [a.cue.text for a in chain] == ["According to", "estimate"]
    assert [a.source_type for a in chain] == ["person", "military"]


def test_anonymous_reports_and_denial(annotate):
    text = "Reports indicate that about 1,000 of them have been killed. Moscow denied the figure."
    doc = annotate(text)
    rep = by_cue(doc._.attributions, "indicate")
    assert (rep.source.text, rep.source_type) == ("Reports", "media")
    denial = by_cue(doc._.attributions, "denied")
    assert (denial.source_name, denial.source_type) == ("Russia", "government")
    assert content(text, denial) == "the figure"


def test_unattributed_text_has_no_chain(annotate):
    text = "Heavy rain fell on the city overnight. The mayor said 14 people were wounded."
    doc = annotate(text)
    assert chain_at(doc, text, "Heavy rain") == []


def test_image_is_not_a_source(annotate):
    doc = annotate("This photo shows soldiers crossing the river near the town.")
    assert doc._.attributions == []


def test_contract_dict_shape(annotate):
    text = "A senior official said 30 drones were launched, citing radar data."
    doc = annotate(text)
    for a in doc._.attributions:
        d = attribution_to_json(a)
        assert set(d) == {"source", "cue", "content", "cites"}
        assert text[d["cue"]["start"] : d["cue"]["end"]] == d["cue"]["text"]
        assert all(0 <= c < len(doc._.attributions) for c in d["cites"])


def test_citing_phrase_is_not_part_of_the_content(annotate):
    text = "The broadcaster said, citing a senior officer, that 70 tanks had been lost near the river."
    doc = annotate(text)
    said = by_cue(doc._.attributions, "said")
    citing = by_cue(doc._.attributions, "citing")
    assert content(text, said) == content(text, citing) == "70 tanks had been lost near the river"
    names = [a.source_name for a in chain_at(doc, text, "70 tanks")]
    assert names == ["broadcaster", "senior officer"]


def test_trailing_citing_phrase_is_cut_from_the_content(annotate):
    text = (
        "Marta Kowalczyk, who runs the clinic, said 35 patients arrived overnight, citing hospital records."
    )
    doc = annotate(text)
    said = by_cue(doc._.attributions, "said")
    assert content(text, said) == "35 patients arrived overnight"
    assert said.source_type == "person"
    assert by_cue(doc._.attributions, "citing").source_type == "document"


def test_relative_cite_under_according_to(annotate):
    text = "According to Jung Hae-won, who cited the NIS, 800 engineers were sent to a factory in Russia."
    doc = annotate(text)
    names = [a.source_name for a in chain_at(doc, text, "800 engineers")]
    assert names == ["Jung Hae-won", "National Intelligence Service (NIS)"]


def test_quoted_as_saying_gives_the_cue_to_each_side(annotate):
    text = "TASS quoted a local governor as saying that 16 houses had burned down."
    doc = annotate(text)
    quoted = by_cue(doc._.attributions, "quoted")
    saying = by_cue(doc._.attributions, "saying")
    assert quoted.source_name == "TASS" and saying.source.text == "a local governor"
    names = [a.source_name for a in chain_at(doc, text, "16 houses")]
    assert names == ["TASS", "local governor"]


def test_briefing_by_a_body_is_the_cited_origin(annotate):
    text = "The senator said, based on a briefing by the Pentagon, that 900 advisers were in the country."
    doc = annotate(text)
    names = [a.source_name for a in chain_at(doc, text, "900 advisers")]
    assert names == ["senator", "U.S. Department of Defense"]


def test_negated_speech_verb_is_not_an_attribution(annotate):
    doc = annotate("The army did not confirm that 50 soldiers had surrendered.")
    assert doc._.attributions == []


def test_passive_agent_speaks_the_passive_subject(annotate):
    text = "The loss of 4 helicopters was confirmed by the air force on Monday."
    doc = annotate(text)
    a = by_cue(doc._.attributions, "confirmed")
    assert a.source.text == "the air force"
    assert content(text, a) == "The loss of 4 helicopters"


def test_it_resolves_to_the_last_named_body(annotate):
    text = "The World Health Organization issued an update on Tuesday. It said 26 clinics had closed."
    doc = annotate(text)
    a = by_cue(doc._.attributions, "said")
    assert a.source.text == "It"
    assert a.source_name == "World Health Organization"


def test_they_resolves_to_a_plural_subject_without_actor(annotate):
    text = "Three fishermen reached the coast on Sunday. They said 12 boats had sunk in the storm."
    doc = annotate(text)
    a = by_cue(doc._.attributions, "said")
    assert a.source_name == "fishermen"
    assert a.source_type == "anonymous"


def test_sourceless_cue_inside_a_quote_is_dropped(annotate):
    text = "“We were told the war would end in a week,” a prisoner named Sok said."
    doc = annotate(text)
    assert [a.cue.text for a in doc._.attributions] == ["said"]


def test_verb_conjunct_clause_is_not_the_object_content(annotate):
    text = "The navy confirmed the loss of 3 vessels but denied that a port had been hit."
    doc = annotate(text)
    assert content(text, by_cue(doc._.attributions, "confirmed")) == "the loss of 3 vessels"
    assert content(text, by_cue(doc._.attributions, "denied")) == "a port had been hit"


def test_tell_story_is_not_a_speech_cue(annotate):
    doc = annotate("The film tells the story of 600 miners trapped underground.")
    assert doc._.attributions == []


def test_according_to_them_after_an_interview_points_to_the_people_heard(annotate):
    text = (
        "The monitors interviewed 25 deserters and three medics. "
        "According to them, food rations had been halved in the winter."
    )
    doc = annotate(text)
    a = by_cue(doc._.attributions, "According to")
    assert a.source_name == "deserters and medics"
    assert a.source_type == "anonymous"


# ---------------------------------------------------------------------------------------------
# Cue families and clause shapes seen on reporting from many outlets (issue 10)


def names(chain):
    return [a.source_name for a in chain]


def test_stance_verbs_take_their_object_and_what_completes_it(annotate):
    text = "The monitoring group accused the militia of shelling 14 villages near the river."
    doc = annotate(text)
    a = by_cue(doc._.attributions, "accused")
    assert a.source.text == "The monitoring group"
    assert content(text, a) == "the militia of shelling 14 villages near the river"


def test_urged_and_asked_are_requests_with_a_speaker(annotate):
    text = "The agency urged both sides to let 300 trucks through. The mayor asked residents to stay indoors."
    doc = annotate(text)
    assert content(text, by_cue(doc._.attributions, "urged")) == "both sides to let 300 trucks through"
    assert by_cue(doc._.attributions, "asked").source.text == "The mayor"


def test_called_for_and_called_on_are_one_cue(annotate):
    text = "The council called for a pause of 72 hours. The army called on residents to leave 12 villages."
    doc = annotate(text)
    a = by_cue(doc._.attributions, "called for")
    assert content(text, a) == "a pause of 72 hours"
    b = by_cue(doc._.attributions, "called on")
    assert content(text, b) == "residents to leave 12 villages"


def test_called_without_a_predicate_or_request_is_no_cue(annotate):
    doc = annotate("The minister called the governor on Monday. They met in a village called Orikhiv.")
    assert [a.cue.text for a in doc._.attributions] == []


def test_called_x_y_is_a_naming(annotate):
    text = "The president called the strike on the market a war crime."
    doc = annotate(text)
    a = by_cue(doc._.attributions, "called")
    assert content(text, a) == "the strike on the market a war crime"


@pytest.mark.parametrize(
    "verb", ["replied", "responded", "acknowledged", "insisted", "wrote", "warned", "argued", "agreed"]
)
def test_clause_cues_of_the_long_tail(annotate, verb):
    text = f"The spokesman {verb} that 30 soldiers had been wounded in the raid."
    doc = annotate(text)
    a = by_cue(doc._.attributions, verb)
    assert a.source.text == "The spokesman"
    assert content(text, a) == "30 soldiers had been wounded in the raid"


def test_intentions_and_beliefs_are_attributions(annotate):
    text = (
        "The ministry plans to evacuate 4,000 people. Intelligence officials believe 600 fighters were sent."
    )
    doc = annotate(text)
    assert content(text, by_cue(doc._.attributions, "plans")) == "to evacuate 4,000 people"
    assert names(chain_at(doc, text, "600 fighters")) == ["Intelligence officials"]


def test_an_intention_inside_a_report_is_not_a_further_source(annotate):
    text = "The envoy said the government plans to send 500 engineers."
    doc = annotate(text)
    assert [a.cue.text for a in doc._.attributions] == ["said"]
    assert names(chain_at(doc, text, "500 engineers")) == ["envoy"]


def test_declined_to_comment_defers_to_the_inner_verb(annotate):
    doc = annotate("The army declined to comment on reports that 9 tanks were lost.")
    assert "declined" not in [a.cue.text for a in doc._.attributions]


def test_asked_not_to_be_named_is_no_statement(annotate):
    doc = annotate("An officer, who asked not to be named, said 8 drones were shot down.")
    assert "asked" not in [a.cue.text for a in doc._.attributions]


def test_quoted_i_think_is_not_a_source(annotate):
    text = "\u201cI think we lost about 20 vehicles,\u201d the commander said."
    doc = annotate(text)
    assert [a.cue.text for a in doc._.attributions] == ["said"]
    assert names(chain_at(doc, text, "20 vehicles")) == ["commander"]


def test_quote_split_by_its_cue_is_one_statement(annotate):
    text = "\u201cThe shelling went on all night,\u201d the nurse said, \u201cand 17 people were hurt.\u201d"
    doc = annotate(text)
    said = [a for a in doc._.attributions if a.cue.text == "said"]
    assert len(said) == 1
    assert [a.source.text for a in chain_at(doc, text, "17 people")] == ["the nurse"]


def test_a_scare_quote_does_not_continue_a_speaker(annotate):
    text = (
        "\u201cWe need more shells,\u201d the gunner said. Officials have called the offensive a "
        "\u201cfeint\u201d for weeks."
    )
    doc = annotate(text)
    spans = [content(text, a) for a in doc._.attributions if a.cue.text == "said"]
    assert spans == ["We need more shells"]


def test_colon_introduces_the_quote_even_in_the_next_paragraph(annotate):
    text = "Asked about losses, the commander said:\n\n\u201cWe buried 23 of our men this month.\u201d"
    doc = annotate(text)
    a = by_cue(doc._.attributions, "said")
    assert content(text, a) == "We buried 23 of our men this month"
    assert names(chain_at(doc, text, "23 of our men")) == ["commander"]


def test_inverted_said_with_colon(annotate):
    text = "Said the governor: \u201cAt least 40 homes are gone.\u201d"
    doc = annotate(text)
    assert names(chain_at(doc, text, "40 homes")) == ["governor"]


def test_transcript_speaker_in_capitals(annotate):
    text = "HOST: How many were evacuated?\nKOVAL: We moved 1,200 people out overnight."
    doc = annotate(text)
    colon = [a for a in doc._.attributions if a.cue.text == ":"]
    assert [a.source.text for a in colon] == ["HOST", "KOVAL"]
    assert names(chain_at(doc, text, "1,200 people")) == ["KOVAL"]


def test_dateline_and_label_are_not_speakers(annotate):
    doc = annotate("KYIV: Russia fired 40 drones overnight.\nUPDATE: The toll rose to 6.")
    assert [a.cue.text for a in doc._.attributions] == []


def test_dash_signature_after_a_quote(annotate):
    text = "\u201cOur street lost 6 houses in one night.\u201d\n\u2015 Olena Marchuk"
    doc = annotate(text)
    a = by_cue(doc._.attributions, "\u2015")
    assert a.source.text.endswith("Marchuk")
    assert names(chain_at(doc, text, "6 houses"))[0].endswith("Marchuk")


def test_polls_and_data_show(annotate):
    text = "Polls show that 62 percent back the truce. Data from the health ministry showed 1,100 cases."
    doc = annotate(text)
    assert by_cue(doc._.attributions, "show").source.text == "Polls"
    assert names(chain_at(doc, text, "1,100 cases")) == ["health ministry"]


def test_media_put_the_toll_at(annotate):
    text = "Local media outlets put the toll at 23 dead."
    doc = annotate(text)
    a = by_cue(doc._.attributions, "put")
    assert content(text, a) == "the toll at 23 dead"
    assert a.source.text == "Local media outlets"


def test_according_to_a_statement_of_an_institution(annotate):
    text = "According to the ministry's statement, 14 drones were shot down overnight."
    doc = annotate(text)
    assert names(chain_at(doc, text, "14 drones")) == ["ministry"]


def test_in_a_report_by_gives_the_author(annotate):
    text = "In a report by the refugee agency, 1.2 million people were said to have fled the region."
    doc = annotate(text)
    chain = chain_at(doc, text, "1.2 million people")
    assert len(chain) == 1 and chain[0].source.text.endswith("refugee agency")


def test_cited_reports_by_x_that(annotate):
    text = "Officials cited reports by the Ukrainian Air Force that 40 of the 52 drones were intercepted."
    doc = annotate(text)
    assert names(chain_at(doc, text, "40 of the 52 drones")) == ["officials", "Ukrainian Air Force"]


def test_two_speakers_in_one_sentence_each_keep_their_figure(annotate):
    text = "One armed group said two of its fighters were killed, while another group said three of its own died."
    doc = annotate(text)
    first = chain_at(doc, text, "two of its fighters")
    second = chain_at(doc, text, "three of its own")
    assert [a.source.text for a in first] == ["One armed group"]
    assert [a.source.text for a in second] == ["another group"]


def test_a_time_clause_is_no_origin(annotate):
    text = "The toll has risen to 900 since Russia declared war on the region, the governor said."
    doc = annotate(text)
    assert names(chain_at(doc, text, "900")) == ["governor"]
    assert "declared" not in [a.cue.text for a in doc._.attributions]


def test_conjoined_speakers_both_speak(annotate):
    text = "Colonel Ivan Petrenko and Major Oksana Lysenko told reporters that 8 soldiers were missing."
    doc = annotate(text)
    a = by_cue(doc._.attributions, "told reporters")
    assert a.source.text == "Colonel Ivan Petrenko and Major Oksana Lysenko"
    assert "Petrenko" in a.source_name and "Lysenko" in a.source_name


def test_verbs_of_talk_take_their_topic(annotate):
    text = "The mayor spoke of 300 families left without water. She also spoke to reporters."
    doc = annotate(text)
    a = by_cue(doc._.attributions, "spoke of")
    assert content(text, a) == "300 families left without water"
    assert [x.cue.text for x in doc._.attributions] == ["spoke of"]


def test_described_needs_as_a_clause_or_what_a_person_tells_of(annotate):
    text = "The envoy described the strike as a deliberate attack. The medic described the retreat."
    doc = annotate(text)
    a = by_cue(doc._.attributions, "described")
    assert content(text, a) == "the strike as a deliberate attack"
    # ninth round: a person describing a thing tells of it ("described chaotic scenes at the
    # crossing"), but a bare event named ("the retreat") tells nothing
    assert len([x for x in doc._.attributions if x.cue.text == "described"]) == 1
    text2 = "Residents described hearing at least 6 explosions before dawn."
    doc2 = annotate(text2)
    assert [a.source.text for a in chain_at(doc2, text2, "6 explosions")] == ["Residents"]


def test_a_report_with_its_author_keeps_the_noun_cue(annotate):
    text = "A report by Amnesty International put civilian deaths at 1,200."
    doc = annotate(text)
    assert [a.cue.text for a in doc._.attributions] == ["report"]


def test_a_semicolon_clause_before_the_cue_is_not_what_it_says(annotate):
    text = "The road is closed; the police say 14 cars were damaged."
    doc = annotate(text)
    assert content(text, by_cue(doc._.attributions, "say")) == "14 cars were damaged"


def test_a_quote_ending_in_not_does_not_negate_the_cue(annotate):
    text = "\u201cHave we recovered everyone? Probably not,\u201d Ms. Hryhorenko said."
    doc = annotate(text)
    a = by_cue(doc._.attributions, "said")
    assert content(text, a) == "Have we recovered everyone? Probably not"


def test_a_noun_of_saying_with_a_that_clause(annotate):
    text = "Kyiv's claim that 12 jets were destroyed could not be checked. The army denied claims that 4 ships sank."
    doc = annotate(text)
    a = by_cue(doc._.attributions, "claim")
    assert a.source.text == "Kyiv"
    assert content(text, a) == "12 jets were destroyed"
    assert "claims" not in [x.cue.text for x in doc._.attributions]  # the object of "denied"


def test_unnamed_reports_that_have_no_source(annotate):
    text = "There were reports that 40 soldiers died near the bridge. The fact that 3 ships sank is clear."
    doc = annotate(text)
    a = by_cue(doc._.attributions, "reports")
    assert a.source is None
    assert content(text, a) == "40 soldiers died near the bridge"
    assert "fact" not in [x.cue.text for x in doc._.attributions]


def test_pegged_the_toll_at_and_the_statement_read(annotate):
    text = (
        "The disaster agency pegged the death toll at 3,621. "
        "\u201cAir defences destroyed 41 drones,\u201d the statement read. She read the names of 12 victims."
    )
    doc = annotate(text)
    assert names(chain_at(doc, text, "3,621")) == ["disaster agency"]
    assert by_cue(doc._.attributions, "read").source.text == "the statement"
    assert len([a for a in doc._.attributions if a.cue.text == "read"]) == 1


def test_signature_after_a_quoted_paragraph_with_unpaired_marks(annotate):
    text = "\u201dWe waited nine days for 14 buses that never came.\u201d\n\u2015 Iryna Bondar"
    doc = annotate(text)
    a = by_cue(doc._.attributions, "\u2015")
    assert a.source.text.endswith("Bondar")
    assert "14 buses" in content(text, a)


def test_headline_speaker_named_in_the_article(annotate):
    text = "Kovalenko: 300 families still lack heating\n\nMayor Oleh Kovalenko said repairs would take weeks."
    doc = annotate(text)
    a = by_cue(doc._.attributions, ":")
    assert a.source.text == "Kovalenko"
    assert content(text, a) == "300 families still lack heating"


def test_citing_a_thing_is_no_cited_source(annotate):
    text = "The prosecutor cited the deaths of 7 officers as proof of negligence."
    doc = annotate(text)
    cited = [a for a in doc._.attributions if a.cue.text == "cited"]
    assert [a.source.text for a in cited] == ["The prosecutor"]
    text2 = "The ministry said 30 soldiers died, citing hospital records."
    doc2 = annotate(text2)
    assert len(chain_at(doc2, text2, "30 soldiers")) == 2


def test_asked_before_the_speaker_has_no_source(annotate):
    text = "Asked about the losses, the commander said 9 tanks were hit."
    doc = annotate(text)
    assert by_cue(doc._.attributions, "Asked").source is None
    assert names(chain_at(doc, text, "9 tanks")) == ["commander"]


def test_any_source_can_put_the_toll_at(annotate):
    text = "Local television channels put the death toll at 17."
    doc = annotate(text)
    assert by_cue(doc._.attributions, "put").source.text == "Local television channels"


def test_as_with_its_own_clause_says_that_clause(annotate):
    text = "The talks collapsed, as the envoy had warned that 40 observers would leave."
    doc = annotate(text)
    assert content(text, by_cue(doc._.attributions, "warned")) == "40 observers would leave"


def test_said_in_a_statement_that_is_one_attribution(annotate):
    text = "Russia's defence ministry said in a statement that 11 soldiers were killed."
    doc = annotate(text)
    assert [a.cue.text for a in doc._.attributions] == ["said"]
    assert len(chain_at(doc, text, "11 soldiers")) == 1


# --- issue 10, second round: evidence subjects, things cited, bare refusals, more stances


def test_a_slide_or_a_panel_is_an_evidential_source(annotate):
    text = "One chart shows that four in five tractors sold in the region are imported."
    doc = annotate(text)
    a = by_cue(doc._.attributions, "shows")
    assert a.source.text == "One chart"
    assert content(text, a) == "four in five tractors sold in the region are imported"
    text2 = "A review panel found the depot was shelled twice in May."
    b = by_cue(annotate(text2)._.attributions, "found")
    assert b.source.text == "A review panel"
    assert content(text2, b) == "the depot was shelled twice in May"


def test_polls_show_takes_a_bare_object(annotate):
    text = "The latest polling averages show the mayor with a six-point lead."
    a = by_cue(annotate(text)._.attributions, "show")
    assert a.source.text == "The latest polling averages"
    assert content(text, a) == "the mayor with a six-point lead"


def test_an_image_still_shows_nothing(annotate):
    doc = annotate("The photo shows a burned truck beside the bridge.")
    assert doc._.attributions == []


def test_citing_a_thing_is_the_subjects_reason(annotate):
    text = "The mayors opposed the curfew, citing the cost to small shops."
    doc = annotate(text)
    a = by_cue(doc._.attributions, "citing")
    assert a.source.text == "The mayors"
    assert content(text, a) == "the cost to small shops"


def test_a_bare_refusal_to_comment_is_the_refusal(annotate):
    text = "A spokeswoman for the port declined to comment."
    a = by_cue(annotate(text)._.attributions, "declined")
    assert a.source.text == "A spokeswoman"
    assert content(text, a) == "to comment"


def test_a_refusal_to_confirm_is_still_no_statement(annotate):
    doc = annotate("The navy refused to confirm that 3 ships were hit.")
    assert "refused" not in [a.cue.text for a in doc._.attributions]


@pytest.mark.parametrize(
    ("text", "cue", "source", "said"),
    [
        (
            "Most council members support the plan to reopen the school.",
            "support",
            "Most council members",
            "the plan",
        ),
        ("The union backed the new contract.", "backed", "The union", "the new contract"),
        ("Farmers oppose the water tax.", "oppose", "Farmers", "the water tax"),
        ("She views the truce as fragile.", "views", "She", "the truce as fragile"),
        ("The envoys discussed the prisoner swap.", "discussed", "The envoys", "the prisoner swap"),
    ],
)
def test_stances_of_support_view_and_discussion(annotate, text, cue, source, said):
    a = by_cue(annotate(text)._.attributions, cue)
    assert a.source.text == source
    assert content(text, a).startswith(said)


def test_backed_by_in_the_passive_is_no_stance(annotate):
    doc = annotate("Infantry units, backed by tanks, entered the village.")
    assert doc._.attributions == []


def test_a_noun_subject_with_a_said_clause_finds(annotate):
    text = "An appeals judge found that the curfew order was unlawful."
    a = by_cue(annotate(text)._.attributions, "found")
    assert a.source.text == "An appeals judge"
    assert content(text, a) == "the curfew order was unlawful"
    text2 = "Nine percent indicated that they had left the city."
    assert by_cue(annotate(text2)._.attributions, "indicated").source.text == "Nine percent"


def test_an_event_or_a_picture_with_a_clause_is_no_source(annotate):
    assert annotate("The raid suggests the militia still has drones.")._.attributions == []
    assert annotate("The satellite photo shows that the hangar was hit.")._.attributions == []


@pytest.mark.parametrize(
    ("text", "cue", "said"),
    [
        ("Engineers assumed the dam would hold.", "assumed", "the dam would hold"),
        ("Villagers hoped the convoy would arrive by noon.", "hoped", "the convoy would arrive by noon"),
        ("The council voted to close the crossing.", "voted", "to close the crossing"),
        ("Investigators discovered that 12 crates were missing.", "discovered", "12 crates were missing"),
    ],
)
def test_verbs_of_belief_discovery_and_intention(annotate, text, cue, said):
    a = by_cue(annotate(text)._.attributions, cue)
    assert content(text, a) == said


def test_a_stance_infinitive_of_purpose_is_no_stance(annotate):
    text = "The republic has sent 900 engineers to support the offensive."
    assert annotate(text)._.attributions == []
    text2 = "The governor pledged to back the relief plan."
    assert [a.cue.text for a in annotate(text2)._.attributions] == ["pledged"]


@pytest.mark.parametrize(
    ("text", "cue", "source", "said"),
    [
        ("The mayor was confident that the dam would hold.", "confident", "The mayor", "the dam would hold"),
        (
            "Two senators have been critical of the plan to close 30 clinics.",
            "critical",
            "Two senators",
            "the plan to close 30 clinics",
        ),
        ("Farmers are worried about the price of diesel.", "worried", "Farmers", "the price of diesel"),
        (
            "The ministry is reluctant to publish the list.",
            "reluctant",
            "The ministry",
            "to publish the list",
        ),
    ],
)
def test_adjectives_of_stance_and_belief(annotate, text, cue, source, said):
    a = by_cue(annotate(text)._.attributions, cue)
    assert a.source.text == source
    assert content(text, a) == said


def test_adjectives_without_a_holder_or_as_a_forecast_are_no_cue(annotate):
    assert annotate("It is clear that the ferry had left.")._.attributions == []
    assert annotate("The convoys are sure to arrive before dawn.")._.attributions == []
    assert annotate("The pilot was not sure that the runway was clear.")._.attributions == []


def test_a_possessed_noun_of_saying_holds_its_object(annotate):
    text = "Kyiv's estimate of 5,000 casualties could not be checked."
    a = by_cue(annotate(text)._.attributions, "estimate")
    assert a.source.text == "Kyiv"
    assert content(text, a) == "5,000 casualties"
    text2 = "The governor's criticism of the evacuation plan was sharp."
    b = by_cue(annotate(text2)._.attributions, "criticism")
    assert content(text2, b) == "the evacuation plan"


def test_a_possessed_act_is_no_statement(annotate):
    assert annotate("The army's attack on the depot lasted two hours.")._.attributions == []


def test_noted_and_offered_take_a_bare_object(annotate):
    text = "The ministry noted a sharp rise in shelling near the port."
    a = by_cue(annotate(text)._.attributions, "noted")
    assert a.source.text == "The ministry"
    assert content(text, a) == "a sharp rise in shelling near the port"
    text2 = "The envoy offered no proof for the figure."
    assert content(text2, by_cue(annotate(text2)._.attributions, "offered")) == "no proof for the figure"


def test_cited_remarks_with_no_author_are_no_origin(annotate):
    text = "Critics cited harsh remarks about the 40 missing sailors."
    doc = annotate(text)
    assert [a.source.text for a in doc._.attributions] == ["Critics"]
    assert names(chain_at(doc, text, "40 missing sailors")) == ["Critics"]


def test_citing_unnamed_reports_keeps_them_as_origin(annotate):
    text = "The ministry said 300 soldiers died, citing local reports."
    doc = annotate(text)
    assert [a.source.text for a in doc._.attributions] == ["The ministry", "local reports"]


@pytest.mark.parametrize(
    ("text", "speaker", "cited"),
    [
        (
            "The governor said 40 homes were destroyed, citing the regional police.",
            "The governor",
            "the regional police",
        ),
        ("The army reported 30 drones downed overnight, citing officials.", "The army", "officials"),
        (
            "Rescuers said nine people were trapped, citing a hospital source.",
            "Rescuers",
            "a hospital source",
        ),
        ("The agency said two bridges were hit, quoting the ministry.", "The agency", "the ministry"),
    ],
)
def test_citing_after_a_said_clause_cites_a_source_never_the_clause_object(annotate, text, speaker, cited):
    doc = annotate(text)
    assert [a.source.text for a in doc._.attributions] == [speaker, cited]
    said = doc._.attributions[1]
    assert content(text, said) == content(text, doc._.attributions[0])


@pytest.mark.parametrize(
    ("text", "thing"),
    [
        ("The ministry said the port would close, citing security concerns.", "security concerns"),
        ("The mayor said 12 shops burned down, citing the dry weather.", "the dry weather"),
    ],
)
def test_a_thing_cited_after_a_said_clause_is_the_speakers(annotate, text, thing):
    doc = annotate(text)
    speaker = doc._.attributions[0].source.text
    a = by_cue(doc._.attributions, "citing")
    assert a.source.text == speaker
    assert content(text, a) == thing


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv revises its count of missiles intercepted on Tuesday",
        "The volunteers doubled their estimate of the damage.",
        "The nurse checked her count of the patients twice.",
        "The agency published its tally of the flooded villages.",
    ],
)
def test_a_pronoun_on_a_figure_noun_is_no_speaker(annotate, text):
    assert annotate(text)._.attributions == []


def test_a_figure_its_holder_gives_is_the_verb_subjects(annotate):
    text = "The navy said it had sunk two boats. Later it raised its tally of boats sunk to five."
    a = by_cue(annotate(text)._.attributions, "raised its tally")
    assert a.source.text == "it"
    assert a.source_name == "navy"
    assert content(text, a) == "boats sunk to five"


def test_by_saying_takes_the_speaker_of_the_verb_above(annotate):
    text = "The minister opened by saying that 40 villages had been retaken."
    a = by_cue(annotate(text)._.attributions, "saying")
    assert a.source.text == "The minister"
    assert content(text, a) == "40 villages had been retaken"


def test_repeating_ones_own_claim_cites_no_one(annotate):
    text = "The general repeated his claim that 900 drones were shot down."
    doc = annotate(text)
    assert [a.cue.text for a in doc._.attributions] == ["repeated"]
    assert names(chain_at(doc, text, "900 drones")) == ["general"]


def test_question_quote_closing_its_own_sentence_keeps_the_speaker_after_it(annotate):
    text = "\u201cWho will pay for the 40 ruined bridges?\u201d the mayor asked on Monday."
    doc = annotate(text)
    a = by_cue(doc._.attributions, "asked")
    assert a.source.text == "the mayor"
    assert content(text, a) == "Who will pay for the 40 ruined bridges?"
    assert "Who" not in [x.source.text for x in doc._.attributions if x.source is not None]


def test_signature_dash_glued_to_the_closing_quote(annotate):
    text = "\u201cWe counted 12 shells before noon.\u201d\u2015 Olena Marchuk\n\n\u201cThe road is closed.\u201d\u2015 Ivan Petrenko"
    attrs = annotate(text)._.attributions
    assert [(a.source.text, content(text, a)) for a in attrs] == [
        ("Olena Marchuk", "We counted 12 shells before noon"),
        ("Ivan Petrenko", "The road is closed"),
    ]


def test_manner_of_speaking_verbs_take_a_quote_or_clause(annotate):
    text = 'Protesters chanted "No more shelling!" outside the ministry.'
    a = by_cue(annotate(text)._.attributions, "chanted")
    assert (a.source.text, content(text, a)) == ("Protesters", "No more shelling!")
    text2 = "A nurse shouted that 30 patients were still inside."
    a2 = by_cue(annotate(text2)._.attributions, "shouted")
    assert content(text2, a2) == "30 patients were still inside"
    text3 = "The crowd sang for an hour."
    assert annotate(text3)._.attributions == []


def test_praise_blame_and_expressed_views_are_stances(annotate):
    text = "The governor lauded the rescue crews for pulling 14 people from the rubble."
    a = by_cue(annotate(text)._.attributions, "lauded")
    assert a.source.text == "The governor"
    assert content(text, a) == "the rescue crews for pulling 14 people from the rubble"
    text2 = "Aid groups expressed concern about the 3,000 families still without water."
    a2 = by_cue(annotate(text2)._.attributions, "expressed")
    assert content(text2, a2) == "concern about the 3,000 families still without water"


def test_a_survey_with_no_author_says_the_clause_it_frames(annotate):
    text = "In the latest poll, the mayor led his rival by 9 points."
    a = by_cue(annotate(text)._.attributions, "In")
    assert a.source.text == "the latest poll"
    assert content(text, a) == "the mayor led his rival by 9 points"
    text2 = "In the morning, 40 trucks crossed the border."
    assert annotate(text2)._.attributions == []


def test_a_passive_stance_with_no_agent_is_held_by_someone_unnamed(annotate):
    text = "The battalion was accused of shelling 12 villages."
    a = by_cue(annotate(text)._.attributions, "accused")
    assert a.source is None
    assert content(text, a) == "of shelling 12 villages"
    text2 = "It was decided to close the port."
    assert annotate(text2)._.attributions == []


def test_a_statement_made_or_issued_is_said_by_its_maker(annotate):
    text = "The ministry issued a warning that 40 villages could flood."
    a = by_cue(annotate(text)._.attributions, "issued a warning")
    assert a.source.text == "The ministry"
    assert "40 villages could flood" in content(text, a)
    text2 = "Rights groups raised concerns about the 300 detainees."
    a2 = by_cue(annotate(text2)._.attributions, "raised concerns")
    assert content(text2, a2) == "the 300 detainees"
    text3 = "The general made the comments on Friday during a visit to the front."
    assert annotate(text3)._.attributions == []  # the comments were reported before: nothing new
    text4 = "The findings raised questions about the figures."
    assert annotate(text4)._.attributions == []  # findings make no statement


def test_a_forecast_of_a_figure_is_said_by_its_subject(annotate):
    text = "The ministry expects 2,000 more refugees by Friday."
    a = by_cue(annotate(text)._.attributions, "expects")
    assert (a.source.text, content(text, a)) == ("The ministry", "2,000 more refugees")
    assert annotate("The troops expect heavy fighting.")._.attributions == []


def test_an_as_clause_with_its_own_object_says_the_object(annotate):
    text = "The crowd cheered as the mayor called for a truce of 30 days."
    a = by_cue(annotate(text)._.attributions, "called for")
    assert content(text, a) == "a truce of 30 days"
    text2 = "Russia has lost 300 tanks, as Yu said on Monday."
    assert content(text2, by_cue(annotate(text2)._.attributions, "said")) == "Russia has lost 300 tanks"


def test_need_to_is_an_obligation_not_a_stance(annotate):
    assert annotate("The army needs to move 300 guns before winter.")._.attributions == []


def test_a_colon_ending_its_line_introduces_the_next_paragraph(annotate):
    text = (
        "The governor spoke for an hour.\n\nThe governor added:\n\n"
        "It is typical of the council. It knows nothing about the 40 shelters.\n\nThe meeting ended."
    )
    a = by_cue(annotate(text)._.attributions, "added")
    assert a.source.text == "The governor"
    assert content(text, a) == "It is typical of the council. It knows nothing about the 40 shelters"
