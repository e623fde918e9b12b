"""Attribution: sources, cues, contents, quotes, pronouns and citation chains."""

from __future__ import annotations

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
        d = a.contract_dict()
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
