"""Actors: aliases, entities, unnamed sources, roles, countries and one name per actor."""

from __future__ import annotations

import pytest


def actors(annotate, text):
    return annotate(text)._.actors


def find(mentions, text):
    hits = [a for a in mentions if a.text == text]
    assert hits, f"no actor {text!r} in {[a.text for a in mentions]}"
    return hits[0]


def test_capital_stands_for_government_but_not_as_place(annotate):
    got = actors(annotate, "Pyongyang has sent more troops, officials in Seoul said on Monday.")
    pyongyang = find(got, "Pyongyang")
    assert (pyongyang.normalized, pyongyang.type, pyongyang.country) == ("North Korea", "government", "KP")
    assert not any(a.text == "Seoul" for a in got)


def test_country_as_such(annotate):
    got = actors(annotate, "Ukraine has received new air defence systems from Germany.")
    ukraine = find(got, "Ukraine")
    assert (ukraine.type, ukraine.country) == ("country", "UA")


def test_person_role_from_apposition_and_short_name(annotate):
    text = (
        "Kim Byung-kee, a lawmaker of the Democratic Party, said on Tuesday that Russia had lost about "
        "600 tanks. Kim added that the figures were preliminary."
    )
    got = actors(annotate, text)
    full = find(got, "Kim Byung-kee")
    assert full.type == "person"
    assert full.role == "a lawmaker of the Democratic Party"
    short = find(got, "Kim")
    assert short.normalized == "Kim Byung-kee"
    assert short.role == "a lawmaker of the Democratic Party"


def test_title_before_name_and_missed_short_name(annotate):
    text = (
        "Defense Minister Rustem Umerov said Kyiv would get 40 launchers. Umerov also warned of an offensive."
    )
    got = actors(annotate, text)
    umerov = [a for a in got if a.normalized == "Rustem Umerov"]
    assert len(umerov) == 2
    assert umerov[0].role == "Defense Minister"
    kyiv = find(got, "Kyiv")
    assert (kyiv.normalized, kyiv.type) == ("Ukraine", "government")


def test_acronym_alias_linked_to_descriptive_name(annotate):
    text = (
        "South Korea's spy agency, the National Intelligence Service (NIS), told lawmakers that 300 soldiers "
        "had died. The NIS did not give a source."
    )
    got = actors(annotate, text)
    names = {a.normalized for a in got if a.type == "intelligence"}
    assert names == {"National Intelligence Service (NIS)"}
    agency = find(got, "South Korea's spy agency")
    assert agency.country == "KR"
    assert len([a for a in got if a.type == "intelligence"]) == 4


def test_parenthetical_acronym_of_unknown_body(annotate):
    text = (
        "The Korea Institute for National Unification (KINU) estimated that 3,000 workers were sent abroad. "
        "KINU said the number could rise."
    )
    got = actors(annotate, text)
    kinu = [a for a in got if a.text == "KINU"]
    assert len(kinu) == 2
    assert {a.normalized for a in kinu} == {"Korea Institute for National Unification"}


def test_head_of_agency_with_acronym(annotate):
    text = "She met Oleksandr Ivanenko, head of Ukraine's military intelligence agency (HUR), in Kyiv."
    got = actors(annotate, text)
    person = find(got, "Oleksandr Ivanenko")
    assert person.type == "person"
    assert person.role == "head of Ukraine's military intelligence agency"
    assert person.country == "UA"
    hur = find(got, "HUR")
    agency = find(got, "Ukraine's military intelligence agency")
    assert hur.normalized == agency.normalized
    assert (hur.type, hur.country) == ("intelligence", "UA")


@pytest.mark.parametrize(
    ("text", "phrase", "typ", "country", "role"),
    [
        (
            "A senior South Korean government official said the unit had withdrawn.",
            "A senior South Korean government official",
            "anonymous",
            "KR",
            "senior government official",
        ),
        ("Ukrainian forces shot down 20 drones overnight.", "Ukrainian forces", "military", "UA", None),
        (
            "The troops are learning new tactics, according to intelligence assessments.",
            "intelligence assessments",
            "intelligence",
            None,
            None,
        ),
        ("Reports suggest that the convoy turned back.", "Reports", "media", None, None),
        (
            "The video shows a captured Russian soldier describing his unit.",
            "a captured Russian soldier",
            "person",
            "RU",
            "soldier",
        ),
        (
            "The lawmaker cited South Korean intelligence sources.",
            "South Korean intelligence sources",
            "intelligence",
            "KR",
            None,
        ),
    ],
)
def test_unnamed_sources_are_typed(annotate, text, phrase, typ, country, role):
    got = find(actors(annotate, text), phrase)
    assert (got.type, got.country, got.role) == (typ, country, role)


def test_counted_groups_are_not_sources(annotate):
    got = actors(annotate, "About 300 officers were detained and reports were filed.")
    assert not any("officers" in a.text or a.text == "reports" for a in got)


def test_named_soldier_takes_description(annotate):
    text = (
        "He cited testimony from a captured North Korean soldier, identified only as Baek, who spoke of hunger. "
        "\u201cWe ate once a day,\u201d Baek said."
    )
    got = actors(annotate, text)
    baek = [a for a in got if a.text == "Baek"]
    assert baek and all((a.type, a.country, a.role) == ("person", "KP", "soldier") for a in baek)
    assert find(got, "a captured North Korean soldier").normalized == "Baek"


def test_offsets_match_text(annotate):
    text = "Moscow denied the report, while the Pentagon said 1,000 troops had moved."
    doc = annotate(text)
    for a in doc._.actors:
        assert text[a.start : a.end] == a.text
    pentagon = find(doc._.actors, "Pentagon")
    assert (pentagon.type, pentagon.country) == ("military", "US")


def test_definite_description_repeats_an_earlier_source(annotate):
    got = actors(
        annotate,
        "A Japanese lawmaker raised the issue on Monday. The lawmaker, Sato Kenji, said 40 ships were involved.",
    )
    assert find(got, "A Japanese lawmaker").normalized == find(got, "The lawmaker").normalized == "Sato Kenji"
    assert find(got, "The lawmaker").country == "JP"


def test_description_before_the_named_body_links_forward(annotate):
    got = actors(
        annotate,
        "South Korea's spy agency briefed lawmakers. The National Intelligence Service said 300 had died.",
    )
    spy = find(got, "South Korea's spy agency")
    assert spy.normalized == "National Intelligence Service (NIS)"


def test_name_given_by_naming_verb_links_to_later_mentions(annotate):
    got = actors(annotate, "Police arrested a man, identified only as Dorin. Dorin said he acted alone.")
    names = {a.normalized for a in got if a.text == "Dorin"}
    assert names == {"Dorin"}
    assert all(a.type == "person" for a in got if a.text == "Dorin")


def test_counted_group_is_a_source_only_when_it_speaks(annotate):
    said = actors(annotate, "Two senior officials said the convoy carried fuel.")
    assert find(said, "Two senior officials").type == "anonymous"
    died = actors(annotate, "Two senior officials died in the crash.")
    assert not any("officials" in a.text for a in died)


def test_lower_case_ministry_entity_is_government(annotate):
    got = actors(annotate, "The health ministry said 40 people had been treated.")
    assert any(a.type == "government" and "ministry" in a.text for a in got)


def test_named_body_in_a_nominal_gives_its_country(annotate):
    got = actors(annotate, "A senior Pentagon official said the drills were routine.")
    official = next(a for a in got if a.text.endswith("official"))
    assert (official.type, official.country) == ("anonymous", "US")


def test_lede_description_is_named_in_the_next_sentence(annotate):
    got = actors(
        annotate,
        "Ships were seen loading shells in the port, a Japanese lawmaker said on Monday.\n\n"
        "Sato Kenji, a member of the defence committee, cited satellite images.",
    )
    lawmaker = find(got, "a Japanese lawmaker")
    assert lawmaker.normalized == "Sato Kenji"
    assert find(got, "Sato Kenji").country == "JP"


def test_lede_description_is_not_linked_to_an_object_name(annotate):
    got = actors(
        annotate,
        "Talks stalled, a French lawmaker said on Monday. Officials then met Sato Kenji in Tokyo.",
    )
    assert find(got, "a French lawmaker").normalized != "Sato Kenji"


# --- institutions: descriptions resolved through the article and the institutions table ---------


def test_descriptions_of_one_intelligence_service_get_one_name(annotate):
    text = (
        "Pyongyang has moved about 2,000 more soldiers to the border, South Korea's spy agency said on Monday. "
        "The country's intelligence agency added that 300 of them were engineers. "
        "Seoul's National Intelligence Service briefed lawmakers later, and the NIS repeated the figure."
    )
    got = actors(annotate, text)
    names = {
        find(got, t).normalized
        for t in (
            "South Korea's spy agency",
            "The country's intelligence agency",
            "National Intelligence Service",
            "NIS",
        )
    }
    assert names == {"National Intelligence Service (NIS)"}
    assert find(got, "The country's intelligence agency").country == "KR"


def test_country_before_an_apposed_description_is_not_linked_to_it(annotate):
    got = actors(annotate, "Pyongyang sent 3,000 more soldiers to Russia, South Korea's spy agency said.")
    assert (find(got, "Russia").normalized, find(got, "Russia").type) == ("Russia", "country")


def test_unstated_country_description_takes_the_body_in_context(annotate):
    text = (
        "The NIS briefed the committee on Tuesday. A member of the committee said intelligence data "
        "showed 500 soldiers had been wounded."
    )
    got = actors(annotate, text)
    assert find(got, "intelligence data").normalized == "National Intelligence Service (NIS)"


@pytest.mark.parametrize(
    "text, mention",
    [
        ("Ukraine's air force said it downed 31 of 40 drones overnight.", "Ukraine's air force"),
        ("The Ukrainian Air Force said it downed 31 of 40 drones overnight.", "Ukrainian Air Force"),
        ("Ukrainian air defences shot down 31 of 40 drones overnight.", "Ukrainian air defences"),
    ],
)
def test_air_force_descriptions_are_one_body(annotate, text, mention):
    body = find(actors(annotate, text), mention)
    assert (body.normalized, body.type, body.country) == ("Ukrainian Air Force", "military", "UA")


def test_un_refugee_agency_is_unhcr_with_its_full_name_as_the_mention(annotate):
    got = actors(annotate, "The UN refugee agency said 12,000 people had crossed the border since Friday.")
    agency = find(got, "UN refugee agency")
    assert (agency.normalized, agency.type) == ("UNHCR", "organization")
    assert not any(a.text == "refugee agency" for a in got)


def test_a_description_of_another_country_stays_apart(annotate):
    got = actors(annotate, "The NIS said so on Monday, while Japan's spy agency gave no figure.")
    assert find(got, "Japan's spy agency").normalized != "National Intelligence Service (NIS)"


def test_indefinite_lawmaker_is_the_lawmaker_named_later_with_that_role(annotate):
    text = (
        "About 9,000 soldiers have crossed the border, a South Korean lawmaker said on Thursday. "
        "The crossing began in October, officials said. "
        "Kim Dae-ho, a lawmaker on the intelligence committee, added that 900 were engineers."
    )
    got = actors(annotate, text)
    assert find(got, "a South Korean lawmaker").normalized == "Kim Dae-ho"


def test_lawmakers_of_two_countries_stay_two_people(annotate):
    text = (
        "A Polish lawmaker said 40 drones had crossed. "
        "Kim Dae-ho, a South Korean lawmaker on the defence committee, gave no figure."
    )
    got = actors(annotate, text)
    assert find(got, "A Polish lawmaker").normalized != "Kim Dae-ho"


def test_definite_description_takes_the_country_in_context(annotate):
    text = "Lawmaker Kim Dae-ho of South Korea said the spy agency had counted 900 engineers."
    spy = find(actors(annotate, text), "the spy agency")
    assert (spy.normalized, spy.country) == ("National Intelligence Service (NIS)", "KR")


def test_the_ministry_after_a_named_ministry_is_that_ministry(annotate):
    text = (
        "The ministry of health of Ukraine said 17 people had died. "
        "Ten of them died in a fire, the ministry said."
    )
    got = actors(annotate, text)
    named = [a for a in got if a.text.lower().startswith("ministry of health") or a.text == "the ministry"]
    assert len(named) == 2
    assert {(a.normalized, a.country) for a in named} == {("Ministry of Health of Ukraine", "UA")}


def test_a_body_tagged_apart_from_its_possessive_country_takes_that_country(annotate):
    text = "Russia's defence ministry said its forces had taken two villages."
    body = find(actors(annotate, text), "defence ministry")
    assert (body.normalized, body.country, body.type) == ("Russian Ministry of Defence", "RU", "military")


def test_an_entity_never_starts_with_a_dash_glued_to_a_quote(annotate):
    text = "\u201cThe road is closed.\u201d\u2015 Ivan Petrenko"
    assert [a.text for a in actors(annotate, text)] == ["Ivan Petrenko"]
