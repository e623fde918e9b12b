"""The schema of ``resources/actors.yaml``, read by the actor extractor (``actors.py``) and by the
institutions table (``institutions.py``, which fusion reads too): one file, one schema."""

from __future__ import annotations

from typing import NotRequired

from pydantic import ConfigDict
from typing_extensions import TypedDict

from .. import resources
from .vocabularies import ActorTypeName


class AliasEntry(TypedDict):
    """A name list for one actor ("Pyongyang" -> North Korea)."""

    __pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[misc]
    normalized: str
    type: ActorTypeName
    country: str | None
    metonym: NotRequired[bool]
    names: list[str]


class InstitutionEntry(TypedDict):
    """One known body: its one name, type, country, spellings and descriptions."""

    __pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[misc]
    name: str
    type: ActorTypeName
    country: str | None
    names: list[str]
    descriptions: NotRequired[list[str]]


class StateBodyEntry(TypedDict):
    """A kind of body every state has (see the file): its name and type, how articles describe it."""

    __pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[misc]
    name: str
    type: ActorTypeName
    descriptions: list[str]


class SourceNoun(TypedDict):
    """The head noun of an unnamed source and the conditions it needs (see the file)."""

    __pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[misc]
    type: ActorTypeName
    role: NotRequired[bool]
    needs_modifier: NotRequired[bool]
    needs_source_use: NotRequired[bool]
    by_modifier: NotRequired[bool]


class ActorsResource(TypedDict):
    """The schema of ``resources/actors.yaml`` (each key is described in the file)."""

    __pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[misc]
    aliases: list[AliasEntry]
    institutions: list[InstitutionEntry]
    state_bodies: list[StateBodyEntry]
    context_words: list[str]
    place_prepositions: list[str]
    origin_prepositions: list[str]
    source_prepositions: list[str]
    source_nouns: dict[str, SourceNoun]
    modifier_types: dict[str, ActorTypeName]
    org_keywords: dict[ActorTypeName, list[str]]
    titles: list[str]
    honorifics: list[str]
    naming_verbs: list[str]
    place_offices: list[str]
    demonyms: dict[str, str | None]
    countries: dict[str, str | None]


def load(resource: str = "actors.yaml") -> ActorsResource:
    """The actors resource, checked against its schema (parsed once per process)."""
    return resources.load_checked(resource, ActorsResource)
