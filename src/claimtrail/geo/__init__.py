"""Offline gazetteer: names to places (GeoNames data shipped by installed packages, plus curated
aliases and regions in ``resources/places.yaml``), demonyms to countries, and containment.

>>> lookup("Kursk").country
'RU'
"""

from __future__ import annotations

from .gazetteer import Candidate, Gazetteer, GazetteerEntry, distance_km, get_gazetteer, prior
from .resolve import lookup as _lookup

__all__ = [
    "Candidate",
    "Gazetteer",
    "GazetteerEntry",
    "candidates",
    "contains",
    "country_name",
    "country_of_demonym",
    "distance_km",
    "get",
    "get_gazetteer",
    "lookup",
    "prior",
]


def lookup(name: str, country: str | None = None) -> GazetteerEntry | None:
    """The most likely place of that name, optionally within a country (ISO alpha-2); None if unknown.

    Without context, the best-known reading wins: a country over a town of the same name, a big city
    over a small one ("Kursk" -> the city in Russia).
    """
    return _lookup(get_gazetteer(), name, country)


def candidates(name: str, country: str | None = None) -> list[GazetteerEntry]:
    """All places of that name (optionally within a country), most likely first."""
    return [c.entry for c in get_gazetteer().candidates(name, country)]


def get(gazetteer_id: str) -> GazetteerEntry | None:
    """The entry with that id ("geonames:538560", "claimtrail:donbas")."""
    return get_gazetteer().get(gazetteer_id)


def country_name(code: str | None) -> str | None:
    """The English name of a country from its ISO 3166-1 alpha-2 code ("KP" -> "North Korea")."""
    entry = get_gazetteer().country(code)
    return entry.name if entry else None


def country_of_demonym(text: str) -> str | None:
    """The ISO alpha-2 code of the country a demonym names ("Ukrainian" -> "UA"), or None."""
    return get_gazetteer().country_of_demonym(text)


def contains(outer_id: str, inner_id: str) -> bool:
    """True when place ``inner_id`` lies within place ``outer_id`` (Kursk Oblast within Russia)."""
    return get_gazetteer().contains(outer_id, inner_id)
