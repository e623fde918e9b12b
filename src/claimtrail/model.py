"""Records passed between claimtrail's stages.

Every mention carries character offsets (``start``, ``end`` exclusive) into the exact text that was
read, so any claim can be shown highlighted in its article. Extractors produce mentions; ``claims``
turns them into ``Claim`` records; the store and exports serialise those. The field names follow the
``annotate`` and ``claims.jsonl`` contracts of PRODUCT.md.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

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

    def as_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


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
    event: str | None = None  # deployed | killed | wounded | casualties | captured | training | other
    event_trigger: TextSpan | None = None
    qualifiers: list[str] = field(default_factory=list)  # batch, additional, total, initial, ...
    # Token indices into the Doc (not exported): the first token and one past the last.
    token_start: int = -1
    token_end: int = -1
    # Character span of the number part alone ("1.5 million" in "$1.5 million a year"; for a range,
    # from its first number to its last), without currency sign, unit or age words (not exported).
    number_start: int = -1
    number_end: int = -1

    def contract_dict(self) -> dict[str, Any]:
        """The ``quantity`` object of the claims/annotate contracts."""
        return {
            "text": self.text,
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "approximate": self.approximate,
            "unit": self.unit,
            "normalized_value": self.normalized_value,
            "normalized_unit": self.normalized_unit,
        }


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

    def contract_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            "value": self.value,
        }


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

    def contract_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "name": self.name,
            "country": self.country,
            "lat": self.lat,
            "lon": self.lon,
            "gazetteer_id": self.gazetteer_id,
        }


ACTOR_TYPES = (
    "person",
    "organization",
    "government",
    "military",
    "intelligence",
    "media",
    "anonymous",
    "document",
    "unknown",
)


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

    def contract_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "normalized": self.normalized,
            "type": self.type,
            "country": self.country,
        }


@dataclass
class AttributionMention:
    """Who says a stretch of text, with which cue, and whom they cite (indices into the same list).

    ``source`` is None where the cue has no explicit source ("reportedly"). ``source_name``,
    ``source_type`` and ``source_role`` describe the resolved actor behind ``source``.
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

    def contract_dict(self) -> dict[str, Any]:
        return {
            "source": self.source.as_dict() if self.source else None,
            "cue": self.cue.as_dict(),
            "content": {"start": self.content_start, "end": self.content_end},
            "cites": list(self.cites),
        }


MODALITIES = ("asserted", "reported", "estimated", "believed", "possible", "planned", "denied", "confirmed")


@dataclass
class ModalityCue:
    """A word or phrase that sets how sure a claim is ("may", "reportedly", "estimate")."""

    start: int
    end: int
    text: str
    modality: str  # one of MODALITIES
    # Token index of the word the cue governs (its clause head), -1 if unknown.
    scope_head: int = -1

    def contract_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "modality": self.modality}


# ---------------------------------------------------------------------------------------------
# Claims (the claims.jsonl contract)

EVENTS = ("deployed", "killed", "wounded", "casualties", "captured", "training", "other")


@dataclass
class Claim:
    """One figure or statement with its provenance; ``to_contract`` gives the claims.jsonl line."""

    claim_id: str
    article_id: str
    article_url: str | None
    published: str | None
    sentence: str
    start: int
    end: int
    kind: str  # quantity | statement
    event: str | None
    subject: dict[str, Any]
    quantity: dict[str, Any] | None
    event_time: dict[str, Any] | None
    statement_time: dict[str, Any] | None
    places: list[dict[str, Any]]
    attribution: list[dict[str, Any]]
    modality: str
    cues: list[str]
    # Internal extras (not in the contract): qualifiers such as batch/total, sentence offsets.
    qualifiers: list[str] = field(default_factory=list)
    sentence_start: int = 0
    # Evidence spans: [{"role": "quantity"|"subject"|"trigger"|"time"|"place"|"source"|"cue", "start", "end"}]
    evidence: list[dict[str, Any]] = field(default_factory=list)

    CONTRACT_FIELDS = (
        "claim_id",
        "article_id",
        "article_url",
        "published",
        "sentence",
        "start",
        "end",
        "kind",
        "event",
        "subject",
        "quantity",
        "event_time",
        "statement_time",
        "places",
        "attribution",
        "modality",
        "cues",
    )

    def to_contract(self) -> dict[str, Any]:
        """The exact claims.jsonl object of PRODUCT.md, fields in contract order."""
        return {name: getattr(self, name) for name in self.CONTRACT_FIELDS}

    @classmethod
    def from_contract(cls, data: dict[str, Any], **extra: Any) -> Claim:
        return cls(**{name: data.get(name) for name in cls.CONTRACT_FIELDS}, **extra)
