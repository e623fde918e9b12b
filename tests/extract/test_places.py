"""The places component: toponyms and demonyms in news sentences, resolved offline."""

from __future__ import annotations

from datetime import date

import pytest


@pytest.fixture(scope="module")
def places(annotate):
    def run(text: str):
        return annotate(text, date(2025, 3, 1))._.places

    return run


def by_text(found):
    return {p.text: p for p in found}


def test_possessive_region_and_country(places):
    text = "Moscow's forces pushed deeper into Russia's Kursk region on Tuesday, a Ukrainian commander said."
    found = by_text(places(text))
    kursk = found["Kursk region"]
    assert kursk.feature == "admin1" and kursk.country == "RU"
    assert 51.0 < kursk.lat < 52.5 and 35.0 < kursk.lon < 37.5
    assert found["Russia"].feature == "country"
    assert found["Ukrainian"].demonym and found["Ukrainian"].country == "UA"
    assert text[kursk.start : kursk.end] == "Kursk region"


def test_offsets_and_order(places):
    text = "Shelling hit Kharkiv and Odesa overnight, officials in Ukraine said."
    found = places(text)
    assert [p.text for p in found] == ["Kharkiv", "Odesa", "Ukraine"]
    assert all(text[p.start : p.end] == p.text for p in found)
    assert [p.start for p in found] == sorted(p.start for p in found)
    assert all(p.country == "UA" for p in found)


def test_same_named_town_follows_the_article(places):
    text = "Ukrainian troops held their positions near Pokrovsk, in the east of Ukraine, as Russian units advanced."
    pokrovsk = by_text(places(text))["Pokrovsk"]
    assert pokrovsk.country == "UA" and pokrovsk.gazetteer_id == "geonames:704422"
    assert abs(pokrovsk.lat - 48.28) < 0.1


def test_border_region_and_far_east(places):
    text = (
        "About 2,000 soldiers were training in Russia's Far East before moving to the Kursk border region "
        "of Russia, according to South Korean intelligence."
    )
    found = by_text(places(text))
    assert found["Far East"].gazetteer_id == "claimtrail:russian-far-east"
    assert found["Kursk border region"].feature == "admin1"
    assert found["South Korean"].country == "KR" and found["South Korean"].demonym


def test_country_forms(places):
    found = by_text(places("The DPRK and the U.S. traded accusations, while Britain urged restraint."))
    assert found["DPRK"].country == "KP"
    assert found["U.S."].country == "US"
    assert found["Britain"].country == "GB"
    assert all(p.feature == "country" and not p.demonym for p in found.values())


def test_oblast_and_donbas(places):
    found = by_text(places("Fighting raged across the Donbas, and Donetsk oblast saw the heaviest shelling."))
    assert found["Donbas"].feature == "region" and found["Donbas"].country == "UA"
    assert found["Donetsk oblast"].feature == "admin1" and found["Donetsk oblast"].country == "UA"


def test_not_places(places):
    found = places(
        "The unit was stationed near the front lines for months, a spokesman told Reuters in March."
    )
    assert found == []


def test_person_is_not_a_place(places):
    found = places("Georgia Meloni met Jordan Bardella to discuss the budget.")
    assert found == []


def test_capital_as_actor_is_not_a_place(places):
    found = by_text(places("Pyongyang may send more troops, while the talks in Seoul stalled."))
    assert "Pyongyang" not in found
    assert found["Seoul"].country == "KR" and found["Seoul"].feature == "city"


def test_us_state_in_context(places):
    found = by_text(places("Storms flooded roads in Texas and Oklahoma, the U.S. weather service said."))
    assert found["Texas"].feature == "admin1" and found["Texas"].country == "US"
    assert found["Oklahoma"].feature == "admin1"


def test_towns_the_model_mislabels(places):
    text = "Reinforcements were sent to Avdiivka, Bakhmut and Vuhledar in Donetsk oblast."
    found = by_text(places(text))
    for town in ("Avdiivka", "Bakhmut", "Vuhledar"):
        assert found[town].country == "UA" and found[town].feature == "city", town
        assert 47.5 < found[town].lat < 49.0


def test_town_near_the_articles_places(places):
    found = by_text(places("Drones hit Belgorod and the Bryansk region. Sudzha fell to Ukrainian troops."))
    assert found["Sudzha"].country == "RU" and found["Sudzha"].gazetteer_id == "geonames:486816"


def test_company_named_like_a_town_is_not_a_place(places):
    text = (
        "Toyota said on Monday it would build a new plant in Texas. The design of the car from Toyota "
        "drew praise, and Toyota says the model will reach Europe next year."
    )
    found = places(text)
    names = [p.name for p in found]
    assert "Toyota" not in names
    assert any(p.country == "US" for p in found)


def test_demonym_span_leaves_out_the_article(places):
    found = places("The German carmaker opened a factory.")
    german = [p for p in found if p.country == "DE"]
    assert german and german[0].text == "German"


def test_place_spans_are_trimmed(places):
    text = "Officials met the Nigerian \ndelegation and Turkish-backed fighters."
    for p in places(text):
        assert p.text == text[p.start : p.end]
        assert p.text == p.text.strip() and not p.text.endswith("-")


def test_us_state_beats_a_foreign_town_of_the_same_name():
    from claimtrail.geo import lookup

    florida = lookup("Florida")
    assert (florida.country, florida.feature) == ("US", "admin1")


def test_planets_are_not_places(places):
    found = places("The probe will leave Earth next year and reach Jupiter, engineers in Texas said.")
    assert [p.name for p in found if not p.demonym] == ["Texas"]


def test_surnames_and_compass_words_are_not_places(places):
    found = places(
        "Peruvian President Ana Morales spoke on Sunday. Morales said the South would get aid, "
        "and she flew to Lima."
    )
    names = [p.name for p in found if not p.demonym]
    assert "Morales" not in names and all("South" not in n for n in names)
    assert "Lima" in names


# -- resolution cues (issue 11) -----------------------------------------------------------------


def test_state_abbreviation_after_a_town(places):
    text = "GLASGOW, Ky. - A barn fire kept crews busy overnight, and a second fire broke out in Barrie, Ont."
    found = by_text(places(text))
    assert found["Ky."].feature == "admin1" and found["Ky."].name == "Kentucky"
    assert found["GLASGOW"].country == "US" and found["GLASGOW"].lon < -80  # the Kentucky town
    assert found["Ont."].name == "Ontario" and found["Ont."].country == "CA"


def test_county_is_a_second_level_unit_in_the_articles_state(places):
    text = "Deputies in Adair County, Kentucky, closed a road. The Kentucky State Police are investigating."
    found = by_text(places(text))
    county = found["Adair County"]
    assert county.feature == "admin2" and county.country == "US"
    assert 36.5 < county.lat < 37.5 and -86.0 < county.lon < -84.5  # Kentucky's Adair, not Missouri's
    assert any(p.text == "Kentucky" and p.feature == "admin1" for p in places(text))


def test_town_comma_unit_picks_the_unit_that_holds_the_town(places):
    found = by_text(places("The company has offices in Atlanta, Georgia, and in Boise, Idaho."))
    assert found["Georgia"].feature == "admin1" and found["Georgia"].country == "US"
    assert found["Atlanta"].country == "US"


def test_place_inside_an_organisation_name(places):
    found = by_text(places("A spokesman for the Manitoba Wildlife Federation said the ice was thin."))
    assert found["Manitoba"].feature == "admin1" and found["Manitoba"].country == "CA"


def test_name_ending_in_a_region_word_is_not_cut(places):
    found = by_text(places("Grain prices rose in the United States and in the Northern Territory."))
    assert found["United States"].feature == "country" and found["United States"].country == "US"


def test_dateline_in_capitals(places):
    found = by_text(
        places("Aid trucks wait at the border.\nBEIRUT — Talks on a ceasefire resumed on Monday.")
    )
    assert found["BEIRUT"].country == "LB"


def test_city_of_cue_prefers_a_town(places):
    text = "Tickets for the county fair are sold by the city of Lebanon, whose mayor spoke on Monday."
    found = by_text(places(text))
    assert found["Lebanon"].feature == "city" and found["Lebanon"].country == "US"
    found = by_text(places("Tickets for the fair are sold in Lebanon, whose president spoke on Monday."))
    assert found["Lebanon"].feature == "country"


def test_unit_known_by_its_own_name_keeps_it(places):
    found = by_text(places("Voters in Quebec and Saskatchewan go to the polls next spring."))
    assert found["Quebec"].feature == "admin1" and found["Quebec"].country == "CA"


def test_one_sense_per_name_in_an_article(places):
    text = (
        "A festival opens in Paris, Texas, on Friday. Hotels in Paris expect a busy weekend, "
        "and the mayor of Paris thanked the volunteers."
    )
    found = [p for p in places(text) if p.text == "Paris"]
    assert len(found) == 3 and all(p.country == "US" for p in found)


def test_surname_of_a_person_in_the_article_is_not_a_town(places):
    text = "The court freed pastor Andrew Brunson on Friday. Brunson thanked his lawyers in Izmir."
    found = places(text)
    assert not any(p.text == "Brunson" for p in found)
    assert any(p.text == "Izmir" and p.country == "TR" for p in found)


def test_country_inside_an_agency_name_without_its_unit_word(places):
    text = "He was sentenced to 20 years in prison, the U.S. Department of Justice said."
    found = places(text)
    assert [(p.text, p.country) for p in found] == [("U.S.", "US")]


def test_place_unknown_to_the_gazetteer_is_reported_without_a_point(places):
    text = "Shells fell on the village of Zarnovka and near Kharkiv, the regional governor said."
    found = by_text(places(text))
    unknown = found["Zarnovka"]
    assert unknown.lat is None and unknown.lon is None and unknown.gazetteer_id is None
    assert unknown.name == "Zarnovka" and unknown.feature == "unresolved"
    assert found["Kharkiv"].country == "UA" and found["Kharkiv"].lat is not None


def test_unknown_names_without_a_place_cue_are_left_out(places):
    found = places("Critics of Zarnovkin Holdings and Vestrabank said prices rose, the company said.")
    assert all(p.gazetteer_id is not None for p in found)


def test_city_of_prefix_is_dropped_before_lookup(places):
    found = by_text(places("Tickets are sold by the City of Winnipeg at its offices downtown."))
    assert found["Winnipeg"].country == "CA" and found["Winnipeg"].feature == "city"


def test_places_joined_by_and_are_of_one_kind(places):
    found = by_text(places("Ranchers drove the herd to the borders of Montana and Wyoming last spring."))
    assert found["Wyoming"].feature == "admin1" and found["Montana"].feature == "admin1"


def test_county_in_the_state_the_article_names(places):
    text = "A driver from Missouri was held in Monroe County after a crash near Paris, Missouri."
    county = by_text(places(text))["Monroe County"]
    assert county.feature == "admin2" and 39.0 < county.lat < 40.0 and -92.5 < county.lon < -91.5


def test_direction_words_open_a_place_name(places):
    found = by_text(places("Wildfires spread across Southern California and Far North Queensland this week."))
    assert found["Southern California"].name == "California" and found["Southern California"].country == "US"
    assert found["Far North Queensland"].country == "AU"


def test_direction_words_before_a_regional_adjective_are_no_place(places):
    found = places("The South East Asian city-state and the West African coast both grew.")
    assert not any(p.text.startswith("South East") and p.country == "BW" for p in found)
    assert not any(p.gazetteer_id and "admin1-bw" in p.gazetteer_id for p in found)


def test_country_before_an_ocean_adjective_stays(places):
    found = by_text(places("Storms battered the U.S. Atlantic coast on Sunday."))
    assert found["U.S."].country == "US"


def test_a_city_does_not_vouch_for_its_own_oblast(places):
    found = by_text(places("Officials in Odessa and Kharkov said strikes hit the port overnight."))
    assert found["Odessa"].feature == "city" and found["Odessa"].name == "Odesa"
    assert found["Kharkov"].feature == "city" and found["Kharkov"].name == "Kharkiv"


def test_town_opening_an_organisation_name_near_the_articles_places(places):
    text = (
        "A Danbury man was charged in Connecticut on Tuesday. He will appear in Litchfield "
        "Superior Court, and the New Milford Police Department is still looking for witnesses."
    )
    found = by_text(places(text))
    assert found["New Milford"].country == "US" and 41.3 < found["New Milford"].lat < 41.8


def test_each_span_is_reported_once(places):
    found = places("A Danbury man was charged in Connecticut on Tuesday, police in Danbury said.")
    spans = [(p.start, p.end) for p in found]
    assert len(spans) == len(set(spans))


def test_demonyms_are_resolved_to_their_country(places):
    found = places("Ukrainian forces captured two North Korean soldiers near the border.")
    assert [(p.text, p.name, p.country, p.feature, p.demonym) for p in found] == [
        ("Ukrainian", "Ukraine", "UA", "country", True),
        ("North Korean", "North Korea", "KP", "country", True),
    ]


def test_a_demonym_whose_country_code_reads_as_a_yaml_boolean(places):
    found = by_text(places("A Norwegian frigate docked in the port."))
    assert found["Norwegian"].country == "NO" and found["Norwegian"].demonym


def test_a_name_read_again_in_a_later_article_resolves_the_same(annotate):
    # a name's reading alone is kept across articles: a second article, about another country,
    # still ranks it in its own context
    first = annotate("Shelling hit Kharkiv and Sumy overnight, Ukrainian officials said.", date(2025, 3, 1))
    again = annotate("Shelling hit Kharkiv and Sumy overnight, Ukrainian officials said.", date(2025, 3, 1))
    other = annotate("Protesters marched in Paris and Lyon, French police said.", date(2025, 3, 1))
    assert [(p.text, p.gazetteer_id) for p in first._.places] == [
        (p.text, p.gazetteer_id) for p in again._.places
    ]
    assert {p.country for p in first._.places} == {"UA"}
    assert {p.country for p in other._.places} == {"FR"}
