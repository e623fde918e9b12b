"""Fusion's settings and word lists, ``resources/fusion.yaml``, checked against ``FusionConfig``
when first read (a misspelt key or a word that is not text is one clear error naming the file)."""

from __future__ import annotations

from functools import cache
from typing import Annotated

from pydantic import AfterValidator, ConfigDict
from typing_extensions import TypedDict

from .. import resources
from ..model import EVENTS, one_of

#: An event name, checked when fusion.yaml is loaded (a misspelt event would silently match nothing).
EventName = Annotated[str, AfterValidator(lambda value: one_of(value, EVENTS, "event"))]


class SumRule(TypedDict):
    """Parts that add up to a whole (killed + wounded = casualties)."""

    __pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[misc]
    parts: list[EventName]
    whole: EventName


class PartRule(TypedDict):
    """A part never above its whole (killed <= casualties)."""

    __pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[misc]
    part: EventName
    whole: EventName


class Windows(TypedDict):
    """How far back (days) the consensus looks: counts that only grow, and the others."""

    __pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[misc]
    cumulative: int
    default: int


class FusionConfig(TypedDict):
    """The schema of resources/fusion.yaml (each key is explained in the file)."""

    __pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[misc]
    subjects: dict[str, list[str]]
    subject_events: dict[str, list[str]]  # noun -> [subject, event]
    neutral_subjects: list[str]
    demonyms: dict[str, str]
    batch_ordinals: dict[str, int]
    batch_words: list[str]
    initial_words: list[str]
    incident_events: list[EventName]
    incident_words: dict[str, list[str]]
    incident_window_days: int
    nationwide_incidents: list[str]
    nationwide_window_days: int
    country_incident_window_days: int
    town_prepositions: list[str]
    not_towns: list[str]
    town_min_population: int
    event_words: dict[str, list[str]]
    event_word_span: int
    part_markers: list[str]
    part_markers_after: list[str]
    part_subjects: dict[str, list[str]]
    revision_words: list[str]
    superseded_markers: list[str]
    outlet_count_words: list[str]
    campaign_words: list[str]
    presence_event: dict[str, EventName]
    event_labels: dict[EventName, str]
    place_prepositions: dict[EventName, str]
    foreign_place_events: list[EventName]
    place_country_events: list[EventName]
    theatre_events: list[EventName]
    theatre_subjects: list[str]
    batch_events: list[EventName]
    cumulative_events: list[EventName]
    daily_events: dict[EventName, int]  # event -> days after the first that are the same night or event
    condition_groups: dict[str, list[EventName]]  # adjective -> the events it names itself
    daily_max_days: int
    daily_parts: list[PartRule]
    window_days: Windows
    same_time_days: int
    consensus_modalities: list[str]
    approximate_margin: float
    conversion_tolerance: float
    sum_tolerance: float
    sums: list[SumRule]
    parts: list[PartRule]
    generic_sources: list[str]
    pronouns: list[str]
    body_types: list[str]
    outlet_domains: list[str]
    document_words: list[str]
    titles: list[str]
    fuzzy_merge_score: float


@cache
def config() -> FusionConfig:
    """The checked content of resources/fusion.yaml (read once per process; cached here too, as
    fusion asks for it hundreds of thousands of times per run)."""
    return resources.load_checked("fusion.yaml", FusionConfig)


@cache
def synonyms() -> dict[str, str]:
    """Every subject word -> the head of its group ("soldiers" -> "troop")."""
    out: dict[str, str] = {}
    for head, words in config()["subjects"].items():
        out[head] = head
        for w in words:
            out[w.lower()] = head
    return out


@cache
def subject_events() -> dict[str, tuple[str, str]]:
    """Nouns that imply their event: "casualty" -> ("person", "casualties")."""
    return {k.lower(): (v[0], v[1]) for k, v in config()["subject_events"].items()}
