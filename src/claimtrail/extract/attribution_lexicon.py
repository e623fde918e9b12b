"""The attribution vocabulary: the schema of ``resources/attribution.yaml`` and its compiled form.

Read by the attribution component and, for the verb lists they share, by the actor and modality
components (each list is defined once, in the YAML file).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pydantic import ConfigDict
from typing_extensions import TypedDict

from .. import resources


class AttributionResource(TypedDict):
    """The schema of ``resources/attribution.yaml`` (each key is described in the file)."""

    __pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[misc]
    speech_verbs: list[str]
    clause_only_verbs: list[str]
    evidential_verbs: list[str]
    evidence_nouns: list[str]
    image_nouns: list[str]
    event_nouns: list[str]
    evidence_object_verbs: list[str]
    stance_verbs: list[str]
    charge_verbs: list[str]
    conformity_nouns: list[str]
    stance_adjectives: list[str]
    raising_adjectives: list[str]
    act_stances: list[str]
    stance_object_prepositions: list[str]
    intent_verbs: list[str]
    negating_verbs: list[str]
    anonymity_verbs: list[str]
    preposition_verbs: dict[str, list[str]]
    topic_verbs: list[str]
    topic_prepositions: list[str]
    as_verbs: list[str]
    clause_nouns: list[str]
    possessive_nouns: list[str]
    figure_nouns: list[str]
    revised_figures: list[str]
    revising_verbs: list[str]
    reckoning_nouns: list[str]
    taken_objects: list[str]
    feeling_participles: list[str]
    stance_holder_nouns: list[str]
    stance_nouns: list[str]
    quote_only_verbs: list[str]
    naming_verbs: list[str]
    request_prepositions: list[str]
    making_verbs: list[str]
    said_objects: list[str]
    anaphoric_determiners: list[str]
    temporal_marks: list[str]
    rival_markers: list[str]
    figure_verbs: list[str]
    document_prepositions: list[str]
    document_nouns: list[str]
    survey_nouns: list[str]
    colon_labels: list[str]
    signature_dashes: list[str]
    cite_verbs: list[str]
    tell_objects: list[str]
    prepositions: list[str]
    lead_phrase_words: list[str]
    cited_phrase_words: list[str]
    time_lead_words: list[str]
    nouns: list[str]
    said_things: list[str]
    noun_agent_prepositions: list[str]
    singular_pronouns: list[str]
    plural_pronouns: list[str]
    speaker_pronouns: list[str]
    relative_pronouns: list[str]
    expletive_pronouns: list[str]
    addressee_verbs: list[str]
    inanimate_pronouns: list[str]
    interview_verbs: list[str]
    interview_prepositions: list[str]
    place_prepositions: list[str]
    amount_verbs: list[str]
    evidence_bodies: list[str]
    inverted_verbs: list[str]
    writer_idioms: list[str]
    seeming_verbs: list[str]
    linking_verbs: list[str]
    required_particles: dict[str, str]
    raising_passives: list[str]
    knowledge_adjectives: list[str]
    there_nouns: list[str]
    facing_verbs: list[str]
    faced_nouns: list[str]
    hosted_nouns: list[str]


@dataclass
class Lexicon:
    """The attribution resource, compiled once."""

    speech_verbs: frozenset[str]  # the speech verbs alone (``speech`` adds the verbs of stance...)
    speech: frozenset[str]
    clause_only: frozenset[str]
    cite: frozenset[str]
    evidential: frozenset[str]
    evidence_nouns: frozenset[str]
    image_nouns: frozenset[str]
    stance_adjectives: frozenset[str]
    said_things: frozenset[str]
    possessive_nouns: frozenset[str]
    figure_nouns: frozenset[str]
    revised_figures: frozenset[str]
    revising_verbs: frozenset[str]
    reckoning_nouns: frozenset[str]
    taken_objects: frozenset[str]
    feeling_participles: frozenset[str]
    stance_holder_nouns: frozenset[str]
    stance_nouns: frozenset[str]
    act_stances: frozenset[str]
    raising_adjectives: frozenset[str]
    event_nouns: frozenset[str]
    evidence_objects: frozenset[str]
    tell_objects: frozenset[str]
    nouns: frozenset[str]
    agent_preps: frozenset[str]
    singular: frozenset[str]
    plural: frozenset[str]
    addressee: frozenset[str]
    inanimate: frozenset[str]
    interview: frozenset[str]
    interview_preps: frozenset[str]
    speaker_pronouns: frozenset[str]
    relative_pronouns: frozenset[str]
    expletives: frozenset[str]
    stance: frozenset[str]
    charge: frozenset[str]
    conformity: frozenset[str]
    naming: frozenset[str]
    request_preps: frozenset[str]
    quote_only: frozenset[str]
    needs_speaker: frozenset[str]
    prep_verbs: dict[str, frozenset[str]]
    topic_verbs: frozenset[str]
    topic_preps: frozenset[str]
    as_verbs: frozenset[str]
    clause_nouns: frozenset[str]
    intent: frozenset[str]
    negating: frozenset[str]
    making: frozenset[str]
    said_objects: frozenset[str]
    anaphoric: frozenset[str]
    object_preps: frozenset[str]
    anonymity: frozenset[str]
    figure_verbs: frozenset[str]
    document_preps: frozenset[str]
    document_nouns: frozenset[str]
    survey_nouns: frozenset[str]
    lead_words: frozenset[str]
    cited_phrase_words: frozenset[str]
    time_lead_words: frozenset[str]
    temporal_marks: frozenset[str]
    rival_markers: frozenset[str]
    colon_labels: frozenset[str]
    signature_dashes: frozenset[str]
    place_preps: frozenset[str]
    amount_verbs: frozenset[str]
    evidence_bodies: frozenset[str]
    inverted_verbs: frozenset[str]
    writer_idioms: tuple[str, ...]
    seeming: frozenset[str]
    linking: frozenset[str]
    particles: dict[str, str]
    raising_passives: frozenset[str]
    knowledge_adjectives: frozenset[str]
    there_nouns: frozenset[str]
    facing_verbs: frozenset[str]
    faced_nouns: frozenset[str]
    hosted_nouns: frozenset[str]


@lru_cache(maxsize=4)  # long: one constructor call listing every field of the lexicon
def lexicon(resource: str = "attribution.yaml") -> Lexicon:
    """The parsed attribution resource (cached per process)."""
    data = resources.load_checked(resource, AttributionResource)
    prep_verbs = {verb: frozenset(preps) for verb, preps in data["preposition_verbs"].items()}
    stance = frozenset(data["stance_verbs"])
    intent = frozenset(data["intent_verbs"])
    naming = frozenset(data["naming_verbs"])
    quote_only = frozenset(data["quote_only_verbs"])
    needs_speaker = stance | intent | naming | quote_only | frozenset(prep_verbs)
    return Lexicon(
        speech_verbs=frozenset(data["speech_verbs"]),
        speech=frozenset(data["speech_verbs"]) | needs_speaker,
        clause_only=frozenset(data["clause_only_verbs"]) | intent | quote_only,
        cite=frozenset(data["cite_verbs"]),
        evidential=frozenset(data["evidential_verbs"]),
        evidence_nouns=frozenset(data["evidence_nouns"]),
        image_nouns=frozenset(data["image_nouns"]),
        stance_adjectives=frozenset(data["stance_adjectives"]),
        said_things=frozenset(data["said_things"]),
        possessive_nouns=frozenset(data["possessive_nouns"]),
        figure_nouns=frozenset(data["figure_nouns"]),
        revised_figures=frozenset(data["revised_figures"]),
        revising_verbs=frozenset(data["revising_verbs"]),
        reckoning_nouns=frozenset(data["reckoning_nouns"]),
        taken_objects=frozenset(data["taken_objects"]),
        feeling_participles=frozenset(data["feeling_participles"]),
        stance_holder_nouns=frozenset(data["stance_holder_nouns"]),
        stance_nouns=frozenset(data["stance_nouns"]),
        act_stances=frozenset(data["act_stances"]),
        raising_adjectives=frozenset(data["raising_adjectives"]),
        event_nouns=frozenset(data["event_nouns"]),
        evidence_objects=frozenset(data["evidence_object_verbs"]),
        tell_objects=frozenset(data["tell_objects"]),
        nouns=frozenset(data["nouns"]),
        agent_preps=frozenset(data["noun_agent_prepositions"]),
        singular=frozenset(data["singular_pronouns"]),
        plural=frozenset(data["plural_pronouns"]),
        addressee=frozenset(data["addressee_verbs"]),
        inanimate=frozenset(data["inanimate_pronouns"]),
        interview=frozenset(data["interview_verbs"]),
        interview_preps=frozenset(data["interview_prepositions"]),
        speaker_pronouns=frozenset(data["speaker_pronouns"]),
        relative_pronouns=frozenset(data["relative_pronouns"]),
        expletives=frozenset(data["expletive_pronouns"]),
        stance=stance,
        charge=frozenset(data["charge_verbs"]),
        conformity=frozenset(data["conformity_nouns"]),
        naming=naming,
        request_preps=frozenset(data["request_prepositions"]),
        quote_only=quote_only,
        needs_speaker=needs_speaker,
        prep_verbs=prep_verbs,
        topic_verbs=frozenset(data["topic_verbs"]),
        topic_preps=frozenset(data["topic_prepositions"]),
        as_verbs=frozenset(data["as_verbs"]),
        clause_nouns=frozenset(data["clause_nouns"]),
        intent=intent,
        negating=frozenset(data["negating_verbs"]),
        making=frozenset(data["making_verbs"]),
        said_objects=frozenset(data["said_objects"]),
        anaphoric=frozenset(data["anaphoric_determiners"]),
        object_preps=frozenset(data["stance_object_prepositions"]),
        anonymity=frozenset(data["anonymity_verbs"]),
        figure_verbs=frozenset(data["figure_verbs"]),
        document_preps=frozenset(data["document_prepositions"]),
        document_nouns=frozenset(data["document_nouns"]),
        survey_nouns=frozenset(data["survey_nouns"]),
        lead_words=frozenset(data["lead_phrase_words"]),
        cited_phrase_words=frozenset(data["cited_phrase_words"]),
        time_lead_words=frozenset(data["time_lead_words"]),
        temporal_marks=frozenset(data["temporal_marks"]),
        rival_markers=frozenset(data["rival_markers"]),
        colon_labels=frozenset(data["colon_labels"]),
        signature_dashes=frozenset(data["signature_dashes"]),
        place_preps=frozenset(data["place_prepositions"]),
        amount_verbs=frozenset(data["amount_verbs"]),
        evidence_bodies=frozenset(data["evidence_bodies"]),
        inverted_verbs=frozenset(data["inverted_verbs"]),
        writer_idioms=tuple(w.lower() for w in data["writer_idioms"]),
        seeming=frozenset(data["seeming_verbs"]),
        linking=frozenset(data["linking_verbs"]),
        particles=dict(data["required_particles"]),
        raising_passives=frozenset(data["raising_passives"]),
        knowledge_adjectives=frozenset(data["knowledge_adjectives"]),
        there_nouns=frozenset(data["there_nouns"]),
        facing_verbs=frozenset(data["facing_verbs"]),
        faced_nouns=frozenset(data["faced_nouns"]),
        hosted_nouns=frozenset(data["hosted_nouns"]),
    )
