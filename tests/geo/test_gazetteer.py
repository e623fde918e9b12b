"""The offline gazetteer: lookups, same-named places, demonyms, containment."""

from __future__ import annotations

import time

import pytest

from claimtrail import geo
from claimtrail.geo.gazetteer import distance_km
from claimtrail.geo.resolve import Context, resolve, split_region_word
from claimtrail.geo.text import normalize


def near(entry, lat, lon, km=60.0):
    return (
        entry is not None
        and entry.lat is not None
        and abs(entry.lat - lat) < km / 111
        and abs(entry.lon - lon) < km / 70
    )


def test_normalize_keys():
    assert normalize("Kurs'k") == "kursk"
    assert normalize("the U.S.") == "us"
    assert normalize("Ivano-Frankivsk") == "ivano frankivsk"
    assert normalize("Kyïv") == "kyiv"


@pytest.mark.parametrize(
    "name,code",
    [
        ("North Korea", "KP"),
        ("DPRK", "KP"),
        ("South Korea", "KR"),
        ("the US", "US"),
        ("U.S.", "US"),
        ("Britain", "GB"),
        ("Russian Federation", "RU"),
        ("Ukraine", "UA"),
    ],
)
def test_country_forms(name, code):
    entry = geo.lookup(name)
    assert entry.feature == "country" and entry.country == code
    assert entry.gazetteer_id.startswith("geonames:")


def test_cities_and_spellings():
    kyiv, kiev = geo.lookup("Kyiv"), geo.lookup("Kiev")
    assert kyiv == kiev and kyiv.feature == "city" and near(kyiv, 50.45, 30.52)
    assert near(geo.lookup("Kursk"), 51.73, 36.19)
    assert near(geo.lookup("Seoul"), 37.57, 126.98)
    assert near(geo.lookup("Pyongyang"), 39.03, 125.75)
    assert geo.lookup("Pokrovsk").country == "UA"  # the bigger Pokrovsk without context
    assert geo.lookup("Pokrovsk", country="RU").country == "RU"


def test_admin_units_and_regions():
    oblast = geo.lookup("Kursk Oblast")
    assert oblast.feature == "admin1" and oblast.country == "RU" and near(oblast, 51.7, 36.1, km=120)
    assert geo.lookup("Kursk region") == oblast == geo.lookup("the Kursk border region")
    donetsk = geo.lookup("Donetsk oblast")
    assert donetsk.feature == "admin1" and donetsk.country == "UA"
    assert geo.lookup("Donetsk").feature == "city"
    donbas = geo.lookup("Donbas")
    assert donbas.feature == "region" and donbas.gazetteer_id == "claimtrail:donbas"
    far_east = geo.lookup("Russia's Far East")
    assert far_east.country == "RU" and far_east == geo.lookup("the Far East")
    texas = geo.lookup("Texas")
    assert texas.feature == "admin1" and texas.country == "US" and texas.gazetteer_id.startswith("geonames:")


def test_bare_capital_name_is_the_city():
    assert geo.lookup("Washington").feature == "city"
    assert near(geo.lookup("Washington"), 38.9, -77.04)
    assert geo.lookup("New York").feature == "city"


def test_unknown_name():
    assert geo.lookup("Xqzvwplk") is None
    assert geo.candidates("Xqzvwplk") == []


def test_context_picks_between_same_named_places():
    gaz = geo.get_gazetteer()
    us = gaz.country("US")
    paris_tx = resolve(gaz, "Paris", Context(container=gaz.admin1("US.TX")))
    assert paris_tx.country == "US" and paris_tx.admin1 == "US.TX"
    assert resolve(gaz, "Paris").country == "FR"
    assert resolve(gaz, "Georgia", Context(container=us)).feature == "admin1"
    assert resolve(gaz, "Georgia").feature == "country"


def test_split_region_word():
    assert split_region_word("Kursk Oblast") == ("Kursk", True)
    assert split_region_word("the Kursk border region") == ("the Kursk", True)
    assert split_region_word("Kursk") == ("Kursk", False)


def test_demonyms_and_country_names():
    assert geo.country_of_demonym("Ukrainian") == "UA"
    assert geo.country_of_demonym("North Korean") == "KP"
    assert geo.country_of_demonym("Russians") == "RU"
    assert geo.country_of_demonym("Indian") == "IN"
    assert geo.country_of_demonym("Buddhist") is None
    assert geo.country_name("KP") == "North Korea"
    assert geo.country_name("kr") == "South Korea"
    assert geo.country_name("ZZ") is None


def test_contains():
    russia = geo.lookup("Russia").gazetteer_id
    oblast = geo.lookup("Kursk Oblast").gazetteer_id
    city = geo.lookup("Kursk").gazetteer_id
    assert geo.contains(russia, oblast) and geo.contains(russia, city)
    assert geo.contains(oblast, city)
    assert not geo.contains(oblast, russia)
    assert not geo.contains(geo.lookup("Ukraine").gazetteer_id, oblast)
    assert geo.contains("claimtrail:donbas", geo.lookup("Pokrovsk").gazetteer_id)
    assert geo.contains(geo.lookup("Far East").gazetteer_id, geo.lookup("Vladivostok").gazetteer_id)
    assert not geo.contains("claimtrail:donbas", city)


def test_distance():
    kyiv, kursk = geo.lookup("Kyiv"), geo.lookup("Kursk")
    assert 390 < distance_km(kyiv, kursk) < 460


def test_lookups_are_fast_once_built():
    geo.lookup("Kursk")
    t = time.perf_counter()
    for name in ("Kharkiv", "Odesa", "Belgorod", "Bryansk", "Zaporizhzhia", "Mariupol", "Avdiivka", "Sudzha"):
        assert geo.lookup(name) is not None, name
    assert time.perf_counter() - t < 0.5


def test_unit_points_lie_in_the_middle_of_the_unit():
    # a unit's point is the middle of its area, not the mean of its towns (which leans south here)
    quebec = geo.lookup("Quebec province")
    assert quebec.feature == "admin1" and quebec.lat > 50.0
    assert near(geo.lookup("Queensland"), -21.0, 145.0, km=300)


def test_country_reference_points():
    assert near(geo.lookup("Canada"), 60.1, -113.6, km=10)
    assert near(geo.lookup("United States"), 39.8, -98.5, km=10)


def test_second_level_units():
    county = geo.lookup("Laurel County")
    assert county is not None and county.feature == "admin2" and county.country == "US"
    assert geo.lookup("Zhejiang province").feature == "admin1"
    assert geo.lookup("Zhejiang").country == "CN"
