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
