"""Records passed between claimtrail's stages.

Every mention carries character offsets (``start``, ``end`` exclusive) into the exact text that was
read, so any claim can be shown highlighted in its article. Extractors produce mentions; ``claims``
turns them into typed, frozen ``Claim`` records. The field names follow the ``annotate`` and
``claims.jsonl`` contracts of PRODUCT.md; the JSON itself is built and read only in
``claimtrail.contract``. The vocabularies (events, modalities, source types, ...) are ``Literal``
types defined once here, with their tuples derived from them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any, Literal, TypeVar, get_args

# ---------------------------------------------------------------------------------------------
# Vocabularies (each defined once; the tuples are derived from the Literal types)

#: What happened to the counted thing (the claims.jsonl ``event``).
Event = Literal[
    "deployed",
    "killed",
    "wounded",
    "casualties",
    "captured",
    "training",
    "displaced",
    "evacuated",
    "missing",
    "detained",
    "released",
    "launched",
    "intercepted",
    "destroyed",
    "damaged",
    "withdrawn",
    "strength",
    "other",
]
#: What kind of thing a claim's subject is (the claims.jsonl ``subject.class``).
SubjectClass = Literal["people", "weapons", "equipment", "structures", "other"]
#: How sure a claim is (the claims.jsonl ``modality``).
Modality = Literal[
    "asserted", "reported", "estimated", "believed", "possible", "planned", "denied", "confirmed"
]
#: The type of a source in an attribution chain (the claims.jsonl ``attribution[].type``).
SourceType = Literal[
    "person",
    "organization",
    "government",
    "military",
    "intelligence",
    "media",
    "anonymous",
    "document",
    "unknown",
]
#: A figure or an attributed clause without one.
Kind = Literal["quantity", "statement"]
#: TimeML types of a time expression (the annotate contract's ``times[].type``).
TimeType = Literal["DATE", "TIME", "DURATION", "SET"]
#: What a claim's evidence span shows.
EvidenceRole = Literal["quantity", "content", "subject", "trigger", "time", "place", "source", "cue"]
#: What an analyst made of a claim at the desk (the claims.jsonl ``review.status``).
ReviewStatus = Literal["unreviewed", "confirmed", "disputed", "rejected"]

EVENTS: tuple[Event, ...] = get_args(Event)
SUBJECT_CLASSES: tuple[SubjectClass, ...] = get_args(SubjectClass)
MODALITIES: tuple[Modality, ...] = get_args(Modality)
ACTOR_TYPES: tuple[SourceType, ...] = get_args(SourceType)
KINDS: tuple[Kind, ...] = get_args(Kind)
EVIDENCE_ROLES: tuple[EvidenceRole, ...] = get_args(EvidenceRole)
REVIEW_STATUSES: tuple[ReviewStatus, ...] = get_args(ReviewStatus)

_Word = TypeVar("_Word", bound=str)


def one_of(value: str, vocabulary: tuple[_Word, ...], what: str) -> _Word:
    """``value`` as a member of ``vocabulary`` (so a plain string becomes its Literal type where it
    enters a claim); ValueError naming ``what`` when it is not one of them."""
    for word in vocabulary:
        if word == value:
            return word
    raise ValueError(f"{what}: {value!r} is not one of {', '.join(vocabulary)}")


# ---------------------------------------------------------------------------------------------
# Articles


@dataclass
class Article:
    """One article as read: its clean text (offsets point here) and what is known about it."""

    text: str
    article_id: str = ""
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: date | None = None
    published_inferred: bool = False
    language: str | None = None
    source_path: str | None = None
    fmt: str = "text"  # text | html | jsonl | feed | warc

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["published"] = self.published.isoformat() if self.published else None
        return d


@dataclass
class Failure:
    """An input that could not be read or processed, with a reason a user can act on.

    As listed by the ledger, a failure is one per input: ``attempts`` counts the runs that failed on
    it and ``at`` is the time of the latest (both left out of comparisons: a failure is its input
    and reason)."""

    source: str
    reason: str
    attempts: int = field(default=1, compare=False)
    at: datetime | None = field(default=None, compare=False)

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


# ---------------------------------------------------------------------------------------------
# Mentions found by the extractors (one list per kind on each Doc, see nlp/extensions.py)


@dataclass
class TextSpan:
    """A stretch of the article text."""

    start: int
    end: int
    text: str


@dataclass
class QuantityMention:
    """A number found in the text, with its range, approximation and unit.

    ``value`` is the midpoint of a range; ``low``/``high`` are set for ranges, bounds ("more than
    3,000" -> low=3000) and vague amounts ("several hundred" -> 200..900). ``unit`` is a measurement
    unit as written, normalised to a short name ("km", "kg", "ri", "hour", "percent", "USD");
    counts of things ("1,500 troops") have no unit: the counted noun goes in ``counted``.
    ``kind``: "count" | "measure" | "percent" | "money" | "ordinal" | "number".
    """

    start: int
    end: int
    text: str
    value: float | None
    low: float | None = None
    high: float | None = None
    approximate: bool = False
    unit: str | None = None
    normalized_value: float | None = None
    normalized_unit: str | None = None
    kind: str = "number"
    # Filled by the events component from the parse around the number:
    counted: TextSpan | None = None  # "troops"
    counted_lemma: str | None = None  # "troop"
    owner: TextSpan | None = None  # "North Korean"
    owner_country: str | None = None  # "KP"
    event: str | None = None  # one of EVENTS
    event_trigger: TextSpan | None = None
    qualifiers: list[str] = field(default_factory=list)  # batch, additional, total, initial, ...
    # Token indices into the Doc (not exported): the first token and one past the last.
    token_start: int = -1
    token_end: int = -1
    # Character span of the number part alone ("1.5 million" in "$1.5 million a year"; for a range,
    # from its first number to its last), without currency sign, unit or age words (not exported).
    number_start: int = -1
    number_end: int = -1


@dataclass
class TimeMention:
    """A date, time, duration or set, normalised TimeML-style against the reference date.

    ``value`` is the TimeML value ("2025-03-05", "2025-W10", "2024", "P3D", "PRESENT_REF");
    ``begin``/``finish`` give the calendar span it covers where it is a DATE (a day: begin == finish;
    "Feb. 23 to 26": 2025-02-23..2025-02-26; a month: its first and last day).
    """

    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str | None
    begin: date | None = None
    finish: date | None = None


@dataclass
class PlaceMention:
    """A toponym or demonym resolved to a gazetteer entry."""

    start: int
    end: int
    text: str
    name: str
    country: str | None  # ISO 3166-1 alpha-2
    lat: float | None
    lon: float | None
    gazetteer_id: str | None  # "geonames:2643743" or "claimtrail:russia-far-east"
    feature: str = "place"  # country | admin1 | admin2 | city | region | ...
    demonym: bool = False  # "Ukrainian" gives a country, not a location in the text


@dataclass
class ActorMention:
    """A person, organisation, country or other body named in the text.

    Mentions of one actor within an article share ``normalized`` ("Yu" -> "Yu Yong-weon",
    "Pyongyang" -> "North Korea").
    """

    start: int
    end: int
    text: str
    normalized: str
    type: str  # one of ACTOR_TYPES, or "country"
    country: str | None = None
    role: str | None = None  # "a member of the ruling People Power Party"


@dataclass
class AttributionMention:
    """Who says a stretch of text, with which cue, and whom they cite (indices into the same list).

    ``source`` is None where the cue has no explicit source ("reportedly"). ``source_name``,
    ``source_type`` and ``source_role`` describe the resolved actor behind ``source``.
    ``source_word`` is the word of the cue's own clause that stands for the source where it is not
    the source itself: the relative pronoun of "Choi, who said ..." ("who"; ``source`` is "Choi").
    The annotate contract marks that word, as clause-level gold does; claims keep the name.
    """

    cue: TextSpan
    content_start: int
    content_end: int
    source: TextSpan | None = None
    cites: list[int] = field(default_factory=list)
    source_name: str | None = None
    source_type: str = "unknown"
    source_role: str | None = None
    source_country: str | None = None
    direct: bool = False  # a direct quote
    source_word: TextSpan | None = None


@dataclass
class ModalityCue:
    """A word or phrase that sets how sure a claim is ("may", "reportedly", "estimate")."""

    start: int
    end: int
    text: str
    modality: str  # one of MODALITIES
    # Token index of the word the cue governs (its clause head), -1 if unknown.
    scope_head: int = -1


# ---------------------------------------------------------------------------------------------
# Claims (the claims.jsonl contract is built and read in ``claimtrail.contract.claims``)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A claim's figure: as written, its value (a range's midpoint), range or bound, approximation
    and unit, with the value converted to a normalised unit where one applies."""

    text: str
    value: float | None
    low: float | None = None
    high: float | None = None
    approximate: bool = False
    unit: str | None = None
    normalized_value: float | None = None
    normalized_unit: str | None = None


@dataclass(frozen=True, slots=True)
class Subject:
    """What a claim is about: the counted noun phrase as written, its normalised word, the
    country that owns it (ISO 3166-1 alpha-2; all three None where the claim has no subject) and
    its class (the JSON key ``class``: people, weapons, equipment, structures or other)."""

    text: str | None = None
    normalized: str | None = None
    country: str | None = None
    category: SubjectClass = "other"


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """A place a claim happens in, resolved to a gazetteer entry."""

    text: str
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    gazetteer_id: str | None


@dataclass(frozen=True, slots=True)
class SourceLink:
    """One source of an attribution chain: as written, its resolved name and type, its role and the
    cue that attributes the claim to it ("said", "citing", "according to")."""

    text: str | None
    name: str | None
    type: SourceType
    role: str | None
    cue: str


@dataclass(frozen=True, slots=True)
class TimeRef:
    """A date a claim refers to: as written, and the ISO dates (text) of the first and last day
    it covers (equal for a day)."""

    text: str
    start: str | None
    end: str | None


@dataclass(frozen=True, slots=True)
class Evidence:
    """A stretch of article text that supports a part of a claim (its figure, source, cue, ...)."""

    role: EvidenceRole
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Review:
    """What the analyst's desk holds for a claim: its review status with the note, who and when,
    the contract fields people corrected (``corrected``) and the values extracted for them
    (``extracted``: contract JSON by field name), and whether a person added the claim by hand."""

    status: ReviewStatus = "unreviewed"
    note: str | None = None
    by: str | None = None
    at: str | None = None  # ISO 8601 UTC
    corrected: tuple[str, ...] = ()
    extracted: dict[str, Any] = field(default_factory=dict, compare=False)
    added: bool = False


@dataclass(frozen=True, slots=True)
class Claim:
    """One figure or statement with its provenance (``contract.claims.claim_to_json`` gives its
    claims.jsonl line). ``qualifiers``, ``sentence_start``, ``evidence`` and ``part_of`` are internal
    extras: qualifiers such as batch/total, where the sentence starts, the supporting text spans, the
    figure of the same sentence this one is a part of."""

    claim_id: str
    article_id: str
    article_url: str | None
    published: str | None
    sentence: str
    start: int
    end: int
    kind: Kind
    event: Event | None
    subject: Subject
    quantity: Quantity | None
    event_time: TimeRef | None
    statement_time: TimeRef | None
    places: tuple[PlaceRef, ...]
    attribution: tuple[SourceLink, ...]
    modality: Modality
    cues: tuple[str, ...]
    qualifiers: tuple[str, ...] = ()
    sentence_start: int = 0
    evidence: tuple[Evidence, ...] = ()
    part_of: str | None = None  # the claim id of the whole this figure is part of ("31 of 35")
    review: Review | None = None  # the desk's overlay (store.desk), None where the desk has nothing
