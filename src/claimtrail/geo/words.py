"""The place vocabulary of ``resources/places.yaml``, checked against its schema when loaded.

One file feeds both the gazetteer index (aliases, demonyms, regions, unit names) and the places
extractor (prepositions, region words, words that are no place): the schema below says what each
key holds, so a typo is one clear message naming the file and the key.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NotRequired

from pydantic import ConfigDict
from typing_extensions import TypedDict

from .. import resources
from .text import normalize

RESOURCE = "places.yaml"


class Region(TypedDict):
    """A curated region that is no administrative unit of the tables (Donbas, the Black Sea)."""

    __pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[misc]
    name: str
    names: NotRequired[list[str]]
    id: NotRequired[str]
    country: NotRequired[str]
    lat: float
    lon: float
    population: NotRequired[int]
    contains: NotRequired[list[str]]


class PlacesData(TypedDict):
    """The keys of ``resources/places.yaml`` (see the comments in the file for what each means)."""

    __pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[misc]
    country_aliases: dict[str, list[str]]
    demonyms: dict[str, str]
    regions: list[Region]
    admin1_aliases: dict[str, dict[str, list[str]]]
    region_words: list[str]
    region_modifiers: list[str]
    admin_generic_words: list[str]
    locative_prepositions: list[str]
    spatial_prepositions: list[str]
    settlement_words: list[str]
    unit_words: list[str]
    agentive_verbs: list[str]
    not_places: list[str]
    country_points: dict[str, list[float]]
    admin2_words: list[str]
    admin1_abbreviations: dict[str, dict[str, str]]
    direction_words: list[str]
    region_adjectives: list[str]


def load(name: str = RESOURCE) -> PlacesData:
    """The place vocabulary of resource ``name``, checked once per process."""
    return resources.load_checked(name, PlacesData)


@lru_cache(maxsize=8)
def region_words(name: str = RESOURCE) -> tuple[frozenset[str], frozenset[str]]:
    """Region words ("region", "oblast"; with plurals) and the modifiers that may precede them."""
    data = load(name)
    words = {normalize(w) for w in data["region_words"]}
    words |= {w + "s" for w in words} | {w[:-1] + "ies" for w in words if w.endswith("y")}
    modifiers = frozenset(normalize(w) for w in data["region_modifiers"])
    return frozenset(words), modifiers
