"""Origins merged through the institutions table (resources/actors.yaml, the single source of truth
shared with the extractor) and through each article's context."""

from __future__ import annotations

import pytest

from claimtrail import resources
from claimtrail.extract.institutions import table
from claimtrail.fusion import fuse
from claimtrail.fusion.origins import OriginResolver

from .helpers import claim, meta


def test_one_table_for_extractor_and_fusion():
    assert "origins" not in resources.load("fusion.yaml")
    pentagon = OriginResolver().named("the Pentagon", "government")
    inst = table().named("Pentagon")
    assert (
        (pentagon.name, pentagon.type) == (inst.name, inst.type) == ("U.S. Department of Defense", "military")
    )


@pytest.mark.parametrize(
    "name",
    [
        "South Korea's spy agency",
        "Seoul's National Intelligence Service",
        "the NIS",
        "South Korean intelligence",
        "Seoul's intelligence service",
    ],
)
def test_descriptions_with_their_country_resolve_to_the_nis(name):
    assert OriginResolver().named(name, "intelligence").name == "National Intelligence Service (NIS)"


def test_same_description_of_two_countries_are_two_origins():
    r = OriginResolver()
    assert r.named("Japan's spy agency", "intelligence") != r.named(
        "South Korea's spy agency", "intelligence"
    )


def test_un_refugee_agency_and_air_force_descriptions():
    r = OriginResolver()
    assert r.named("the UN refugee agency", "organization").name == "UNHCR"
    assert {
        r.named(n, "military").name
        for n in ("Ukraine's air force", "the Ukrainian Air Force", "Ukrainian air defences")
    } == {"Ukrainian Air Force"}


def test_five_descriptions_of_one_service_across_articles_are_one_origin():
    cs = [
        claim("k1", 10000, sources=("South Korea's spy agency",), said="2024-11-04"),
        claim("k1", 10000, sources=("the country's intelligence agency",), said="2024-11-04", start=80),
        claim("k2", 11000, sources=("Seoul's National Intelligence Service",), said="2024-11-06"),
        claim("k3", 11000, sources=("the NIS",), said="2024-11-07"),
        # relayed by a lawmaker after a briefing: the article names the NIS elsewhere
        claim("k4", 11000, sources=("Yu Yong-weon", "intelligence data"), said="2024-11-08"),
        claim("k4", 100, event="killed", sources=("NIS",), said="2024-11-08", start=90),
    ]
    result = fuse(cs, meta(cs))
    deployed = next(t for t in result.tracked if t.event == "deployed")
    assert deployed.independent_origins == 1
    assert [o.name for o in deployed.origins] == ["National Intelligence Service (NIS)"]


def test_context_description_without_a_fitting_body_stays_in_its_article():
    cs = [
        claim("m1", 10000, sources=("the country's intelligence agency",), said="2024-11-04"),
        claim("m2", 10000, sources=("the country's intelligence agency",), said="2024-11-05"),
    ]
    t = fuse(cs, meta(cs)).tracked[0]
    # nothing in either article says which country: each stays an origin of its own article
    assert t.independent_origins == 2
    assert all(o.name != "National Intelligence Service (NIS)" for o in t.origins)


@pytest.mark.parametrize(
    "name",
    [
        "Lebanon's health ministry",
        "the Lebanese Health Ministry",
        "Lebanon's Ministry of Public Health",
        "the Ministry of Health of Lebanon",
        "Ministry of Health (Lebanon)",
    ],
)
def test_a_kind_of_body_every_state_has_is_one_body_per_stated_country(name):
    inst = table().find(name)
    assert (inst.name, inst.type, inst.country) == ("Ministry of Health (Lebanon)", "government", "LB")
    assert OriginResolver().named(name, "government").name == "Ministry of Health (Lebanon)"


def test_a_table_entry_wins_over_the_kind_and_a_guessed_country_gets_none():
    t = table()
    assert t.find("the Israeli army").name == "Israel Defense Forces (IDF)"
    assert t.find("Ukraine's defence ministry").name == "Ministry of Defence of Ukraine"
    assert t.find("the Malian army").name == "Armed forces (Mali)"
    assert t.find("the Sudanese army").name == "Sudanese Armed Forces (SAF)"  # a table entry
    assert t.find("Chile's army") != t.find("Peru's army")
    # the country only from context ("the country's army"): no state body is made up
    assert t.find("the country's army", context=["PE"]) is None
    assert t.find("the army", unstated=["PE"]) is None


def test_a_ministry_spelt_three_ways_by_three_outlets_is_one_origin():
    spellings = (
        "Lebanon's health ministry",
        "the Lebanese Ministry of Public Health",
        "Lebanon's Health Ministry",
    )
    cs = [
        claim(f"l{i}", 12, event="killed", subject="person", country="LB", sources=(s,), said="2025-02-03")
        for i, s in enumerate(spellings)
    ]
    t = next(t for t in fuse(cs, meta(cs)).tracked if t.event == "killed")
    assert t.independent_origins == 1
    assert [o.name for o in t.origins] == ["Ministry of Health (Lebanon)"]


@pytest.mark.parametrize(
    ("spellings", "body"),
    [
        (("the Hamas-run health ministry", "Gaza's health ministry", "the health ministry in Gaza"), "Gaza Health Ministry"),
        (("the Rapid Support Forces", "RSF"), "Rapid Support Forces (RSF)"),
        (("the Sudanese army", "Sudan's military", "the SAF"), "Sudanese Armed Forces (SAF)"),
        (("Yemen's Houthi rebels", "the Houthis", "Ansar Allah"), "Houthis"),
        (("the UN food agency", "the World Food Program", "WFP"), "World Food Programme (WFP)"),
        (("Ukraine's State Emergency Service", "the State Emergency Service"), "State Emergency Service of Ukraine"),
    ],
)  # fmt: skip
def test_bodies_of_other_conflicts_merge_their_spellings(spellings, body):
    r = OriginResolver()
    assert {r.named(s, "organization").name for s in spellings} == {body}
