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
