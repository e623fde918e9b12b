"""Places, one test per category of issue 11 ("Places"), in sentences written for these tests:
ambiguous names with context, a US unit against a foreign country or capital, region against city,
people and companies read as places, multiword names, feature-type cues, one sense per name per
article, unresolved names without coordinates, and transliterations."""

from __future__ import annotations

from datetime import date

import pytest


@pytest.fixture(scope="module")
def places(annotate):
    def run(text: str) -> dict[str, tuple[str | None, str | None, str | None]]:
        found = annotate(text, date(2025, 3, 1))._.places
        return {p.text: (p.name, p.country, p.feature) for p in found}

    return run


def test_a_name_shared_by_towns_follows_the_state_named_beside_it(places):
    found = places("Volunteers from Springfield, Illinois, drove to Lebanon County, Pennsylvania.")
    assert found["Springfield"] == ("Springfield", "US", "city")
    assert found["Lebanon County"][1:] == ("US", "admin2")


def test_a_state_that_holds_a_town_of_the_article_beats_a_country_of_its_name(places):
    assert places("The family moved from Georgia to Atlanta last year.")["Georgia"] == (
        "Georgia",
        "US",
        "admin1",
    )
    assert places("The envoy left Georgia for Tbilisi talks.")["Georgia"] == ("Georgia", "GE", "country")


def test_region_word_makes_the_unit_and_the_bare_name_the_city(places):
    found = places("Shells hit Kharkiv, and the Kharkiv region lost power.")
    assert found["Kharkiv"][2] == "city"
    assert found["Kharkiv region"][2] == "admin1"


@pytest.mark.parametrize(
    "text",
    [
        "Jackson said the plant in Louisville would reopen.",
        "Ford will build a battery plant in Louisville, the company said.",
    ],
)
def test_people_and_companies_named_like_towns_are_not_places(places, text):
    assert set(places(text)) == {"Louisville"}


def test_a_regional_adjective_is_not_cut_to_a_place(places):
    assert set(places("South East Asian ministers gathered in Jakarta.")) == {"Jakarta"}


def test_a_settlement_cue_makes_a_town_even_when_the_model_tags_something_else(places):
    found = places("Artillery struck the town of Vuhledar and the village of Staromaiorske.")
    assert found["Vuhledar"][1:] == ("UA", "city")
    assert found["Staromaiorske"][1:] == ("UA", "city")


def test_a_village_the_gazetteer_lacks_is_reported_without_a_point(annotate):
    found = annotate("Sappers cleared mines around the village of Zarichnivka.", date(2025, 3, 1))._.places
    (p,) = [p for p in found if p.text == "Zarichnivka"]
    assert (p.feature, p.lat, p.lon, p.gazetteer_id, p.country) == ("unresolved", None, None, None, None)


def test_one_sense_per_name_in_an_article(places):
    found = places("A tornado struck Paris, Texas. Schools in Paris stayed shut on Friday.")
    assert found["Paris"] == ("Paris", "US", "city")


@pytest.mark.parametrize(
    ("text", "name"),
    [("Drones hit Odessa overnight.", "Odesa"), ("Drones hit Kharkov overnight.", "Kharkiv"),
     ("Drones hit Odesa overnight.", "Odesa"), ("Drones hit Kiev overnight.", "Kyiv")],
)  # fmt: skip
def test_transliterations_resolve_to_one_place(places, text, name):
    (reading,) = places(text).values()
    assert reading == (name, "UA", "city")


@pytest.mark.parametrize(
    ("text", "name"),
    [("Missiles struck Kharkiv and Chuhuiv overnight.", "Kharkiv"),
     ("Shelling killed two in Donetsk and Makiivka.", "Donetsk")],
)  # fmt: skip
def test_a_city_named_like_its_oblast_stays_the_city_beside_a_town_of_the_oblast(places, text, name):
    assert places(text)[name] == (name, "UA", "city")


def test_congo_alone_is_the_democratic_republic_as_news_style_writes_it(places):
    assert places("Fighting in eastern Congo killed 70 people near Goma.")["Congo"][1] == "CD"
    assert (
        places("Talks were held in Brazzaville, the capital of Congo Republic.")["Congo Republic"][1] == "CG"
    )
