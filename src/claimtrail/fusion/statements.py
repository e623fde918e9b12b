"""Statements tracked like figures: propositions, their timelines and each origin's stance.

"Moscow has not confirmed" (day 1), "Russia denied" (day 3) and "the Kremlin acknowledged" (day 40)
are three points of one proposition, "North Korean troops deployed to Russia", not three facts. A
proposition is keyed like a tracked quantity: the subject merged over synonyms, its owner country,
the event and the country of its place (``statement_reading`` reads these from a statement's
clause; a figure takes them from the tracked quantity it is fused into). A statement that names
the event alone ("neither has confirmed the deployment") takes the subject the figures of its
article give that event; one that names nothing ("the reports were untrue") stands for the
proposition of the statement just before it in its article.

Per proposition: the points in date order (the date the stance was stated: the statement date,
else the publication date), each with its speaker, merged origin (``stages.resolve_origins``, the
origins fusion uses), stance, cues and sentence; the current stance of each origin; changes of
stance by one origin (a denial then an acknowledgement is a *reversal*; an open stance that turns
into a confirmation or a denial *firmed*; the other way *softened*); and the ids of the tracked
quantities of the same subject, owner, event and place. Pure functions of claims, article
metadata and tracked quantities; ``for_ledger`` reads them from a ledger (desk overlay applied,
rejected claims left out). The track contract is untouched: statements are a separate output
(``contract.statements``).
"""

from __future__ import annotations

import re
import threading
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal, get_args

from ..extract import institutions
from ..model import Claim
from ..store.ledger import Ledger
from ..store.rows import to_date
from .api import track
from .cluster import Key, label_for
from .origins import Origin, OriginResolver
from .parties import party_of, party_of_link
from .results import TrackedQuantity
from .stages import NO_META, ArticleMeta, by_article, resolve_origins
from .statement_reading import Reading, content_of, read_statement

#: How an origin stands on a proposition: a claim's modality, with "unconfirmed" for a
#: non-confirmation ("has not confirmed", "declined to confirm"; the claims' modality "reported").
Stance = Literal[
    "asserted",
    "confirmed",
    "believed",
    "estimated",
    "planned",
    "reported",
    "possible",
    "unconfirmed",
    "denied",
]
STANCES: tuple[Stance, ...] = get_args(Stance)
#: A change of stance by one origin.
ChangeKind = Literal["reversal", "firmed", "softened"]

#: Stances that change sides: a denial against, a non-confirmation open, any other for (a hedged
#: figure, "possible" or "reported", is still stated: no change of stance on the proposition).
AGAINST = frozenset(("denied",))
OPEN = frozenset(("unconfirmed",))
#: Stances on whether the thing happened at all, listed first among an origin's stances.
POSITIONS = frozenset(("denied", "unconfirmed", "confirmed"))
#: Cue words that negate a confirmation ("not", "neither", "declined to", "if confirmed").
NEGATORS = re.compile(
    r"\b(not|n't|never|neither|nor|no|nobody|yet|declined?|refused?|failed|unable|without|if)\b|n't\b",
    re.IGNORECASE,
)
CONFIRMING = re.compile(r"\b(confirm|acknowledg|admit|verif|corroborat|comment)", re.IGNORECASE)
#: Nouns that stand for a proposition stated before ("the reports were untrue").
REFERRING = re.compile(
    r"^\W*(the|these|those|such)\s+(reports?|claims?|allegations?|accounts?|rumou?rs?|stories)\b",
    re.IGNORECASE,
)
#: Descriptions of two states together, resolved to the two named before them.
PAIR = re.compile(
    r"^(?:both|the two|the pair of)\s+(?:governments|countries|nations|states|capitals|sides)$", re.IGNORECASE
)
#: How far back (characters) a referring statement looks for the proposition it stands for.
REFER_WINDOW = 600


@dataclass(frozen=True)
class StatementPoint:
    """One claim on a proposition: who said it, when, with what stance, and the words."""

    claim_id: str
    kind: str  # "statement" | "quantity"
    date: str | None  # when it was stated (ISO), else the publication date
    article_id: str
    outlet: str | None
    speaker: str | None  # the first source of its chain, as resolved
    origins: tuple[str, ...]  # the merged origin(s): "Russia and North Korea" is both
    origin_keys: tuple[str, ...]  # their keys (two "analysts" of two articles are two origins)
    stance: Stance
    cues: tuple[str, ...]
    sentence: str
    content: str  # the attributed clause, or the figure as written
    figure: str | None = None
    parties: tuple[str | None, ...] = ()  # per origin, the country it speaks for (None: no state)


@dataclass(frozen=True)
class OriginStance:
    """An origin's latest stance on a proposition, with the point that states it."""

    origin: str
    stance: Stance
    date: str | None
    claim_id: str
    points: int  # how many points of this origin the proposition holds


@dataclass(frozen=True)
class PartyStance:
    """A state's latest stance on a proposition over every origin that speaks for it (the
    government, its ministries and agencies, its spokesmen), with the point that states it."""

    party: str  # the country's name
    country: str  # its ISO code
    stance: Stance
    date: str | None
    claim_id: str
    points: int
    origins: tuple[str, ...]  # the origins that speak for it, most points first


@dataclass(frozen=True)
class StanceChange:
    """One origin moving from one stance to another between two of its points."""

    origin: str
    kind: ChangeKind
    before: Stance
    after: Stance
    claims: tuple[str, str]
    dates: tuple[str | None, str | None]

    @property
    def detail(self) -> str:
        """ "Russia: denied (2024-10-25) -> confirmed (2025-04-28), a reversal"."""
        (d0, d1), what = self.dates, {"reversal": "a reversal", "firmed": "firmed", "softened": "softened"}
        return f"{self.origin}: {self.before} ({d0 or '?'}) -> {self.after} ({d1 or '?'}), {what[self.kind]}"


@dataclass(frozen=True)
class Proposition:
    """Statements and figures about one thing happening, with their timeline and stances."""

    id: str
    label: str
    subject: str
    country: str | None
    event: str
    place: str | None  # the place's country code ("RU"); None where no claim places it
    place_name: str | None
    timeline: tuple[StatementPoint, ...]
    stances: tuple[OriginStance, ...]
    changes: tuple[StanceChange, ...]
    tracked: tuple[str, ...]
    parties: tuple[PartyStance, ...] = ()
    party_changes: tuple[StanceChange, ...] = ()  # a party's changes across its origins

    @property
    def claims(self) -> tuple[str, ...]:
        """The claim ids of the timeline, in its order."""
        return tuple(p.claim_id for p in self.timeline)

    @property
    def reversals(self) -> tuple[StanceChange, ...]:
        """The changes that turn a denial into an acknowledgement or back."""
        return tuple(c for c in self.changes if c.kind == "reversal")


@dataclass(frozen=True)
class _Stem:
    """A proposition without its place: subject, owner country, event."""

    subject: str
    country: str | None
    event: str


def stance_of(claim: Claim) -> Stance:
    """A claim's stance: its modality, with a reported claim whose cue negates a confirmation
    ("has not confirmed", "declined to confirm", "neither ... acknowledged") as unconfirmed."""
    if claim.modality == "reported" and any(NEGATORS.search(c) and CONFIRMING.search(c) for c in claim.cues):
        return "unconfirmed"
    if claim.modality == "reported" and any(c.lower() == "unconfirmed" for c in claim.cues):
        return "unconfirmed"
    return claim.modality


def stated_on(claim: Claim, published: date | None) -> date | None:
    """When a claim was stated: its statement date where the text gives one of at most a year
    (never after publication), else its article's publication date."""
    day = None
    if claim.statement_time is not None:
        start = to_date(claim.statement_time.start)
        end = to_date(claim.statement_time.end, end=True)
        if start is not None and end is not None and (end - start).days <= 366:
            day = end
    published = published or to_date(claim.published)
    if day is None or (published is not None and day > published):
        day = published
    return day


def _as_held(claim: Claim) -> Claim:
    """A statement with its chain cut at the source whose cue sets its stance: in "Russia rejected
    reports that ..., even as South Korea said ..." Russia denies, whatever the clause cites after."""
    if claim.kind != "statement" or len(claim.attribution) < 2 or not claim.cues:
        return claim
    cues = {c.lower() for c in claim.cues}
    for k, link in enumerate(claim.attribution[:-1]):
        if link.cue.lower() in cues:
            return replace(claim, attribution=claim.attribution[: k + 1])
    return claim


def _origins_of(origin: Origin, resolver: OriginResolver) -> tuple[Origin, ...]:
    """The origins one merged origin stands for: "Russia and North Korea" (from "Neither Moscow nor
    Pyongyang") is Russia and North Korea where each part is a known country or body."""
    parts = [p.strip() for p in re.split(r"\s+and\s+|,\s*", origin.name) if p.strip()]
    table = institutions.table()
    if len(parts) > 1 and all(table.named(p) or table.country_named(p) for p in parts):
        return tuple(resolver.named(p, origin.type) for p in parts)
    return (origin,)


def _parties(claims: dict[str, tuple[Claim, tuple[Origin, ...]]]) -> dict[str, str | None]:
    """Origin key -> the country it speaks for, from every mention of it among the claims (the
    origin of a claim is the last link of its chain as held; "Russia and North Korea" split into
    its parts are each their country)."""
    mentions: dict[str, list[str | None]] = defaultdict(list)
    for claim, origins in claims.values():
        if not claim.attribution:
            continue
        link = claim.attribution[-1]
        for o in origins:
            mentions[o.key].append(party_of_link(o.name, o.type, claim, link))
    return {key: party_of(codes) for key, codes in mentions.items()}


def _pairs_named(
    claims_by_article: dict[str, list[Claim]],
    held: dict[str, tuple[Origin, ...]],
    parties: dict[str, str | None],
    readings: dict[str, Reading],
) -> dict[str, tuple[str, str]]:
    """Claim id -> the two states a pair description stands for ("Both governments had refused to
    acknowledge the deployment", "the two countries denied"): the owner of what it is about and the
    country it is in, where its reading gives both ("North Korean troops in Russia": North Korea
    and Russia), else the last two states whose origins spoke before it in its article; claims with
    no such pair are left out."""
    out: dict[str, tuple[str, str]] = {}
    for group in claims_by_article.values():
        seen: list[str] = []
        for c in sorted(group, key=lambda c: c.start):
            origins = held.get(c.claim_id, ())
            if len(origins) == 1 and PAIR.match(origins[0].name):
                r = readings.get(c.claim_id)
                pair: list[str] = seen[-2:]
                if r is not None and r.places and r.country and r.country != r.places[0][0]:
                    pair = [r.country, r.places[0][0]]
                if len(pair) == 2:
                    out[c.claim_id] = (pair[0], pair[1])
                continue
            for o in origins:
                code = parties.get(o.key)
                if code is not None:
                    if code in seen:
                        seen.remove(code)
                    seen.append(code)
    return out


def _point(
    claim: Claim, meta: ArticleMeta, origins: tuple[Origin, ...], parties: dict[str, str | None]
) -> StatementPoint:
    """A claim as a point of a proposition's timeline (``parties``: origin key -> its country)."""
    day = stated_on(claim, meta.published)
    return StatementPoint(
        claim_id=claim.claim_id,
        kind=claim.kind,
        date=day.isoformat() if day else None,
        article_id=claim.article_id,
        outlet=meta.outlet,
        speaker=claim.attribution[0].name if claim.attribution else None,
        origins=tuple(o.name for o in origins),
        origin_keys=tuple(o.key for o in origins),
        stance=stance_of(claim),
        cues=claim.cues,
        sentence=claim.sentence.strip(),
        content=content_of(claim).strip(),
        figure=claim.quantity.text if claim.quantity else None,
        parties=tuple(parties.get(o.key) for o in origins),
    )


def _figure_readings(tracked: Sequence[TrackedQuantity]) -> dict[str, Reading]:
    """The reading of every fused figure: its tracked quantity's subject, owner, event and place
    (the widest tracked quantity a claim is in wins: "deployed to Russia" over its Kursk part)."""
    out: dict[str, Reading] = {}
    for t in sorted(tracked, key=lambda t: t.id.count(".")):
        places = ((t.place.country, t.place.name),) if t.place and t.place.country else ()
        reading = Reading(t.subject.normalized, t.subject.country, t.event, places)
        for claim_id in t.claims:
            out.setdefault(claim_id, reading)
    return out


def _article_subjects(claims: list[Claim], readings: dict[str, Reading]) -> dict[str, tuple[str, str | None]]:
    """Event -> the (subject, owner) an article's figures most often give it."""
    counts: dict[str, Counter[tuple[str, str | None]]] = defaultdict(Counter)
    for c in claims:
        r = readings.get(c.claim_id)
        if c.kind == "quantity" and r is not None and r.subject and r.event:
            counts[r.event][(r.subject, r.country)] += 1
    return {event: cnt.most_common(1)[0][0] for event, cnt in counts.items()}


def _article_events(claims: list[Claim], readings: dict[str, Reading]) -> dict[tuple[str, str | None], str]:
    """(subject, owner) -> the event an article's figures most often give it."""
    counts: dict[tuple[str, str | None], Counter[str]] = defaultdict(Counter)
    for c in claims:
        r = readings.get(c.claim_id)
        if c.kind == "quantity" and r is not None and r.subject and r.event:
            counts[(r.subject, r.country)][r.event] += 1
    return {key: cnt.most_common(1)[0][0] for key, cnt in counts.items()}


def _statement_readings(claims: list[Claim], figures: dict[str, Reading]) -> dict[str, Reading]:
    """The reading of every statement of one article (claims in text order): read from its clause,
    completed from the article's figures, or, for a clause that names nothing but refers back ("the
    reports were untrue"), the reading of the statement shortly before it."""
    subjects, events = _article_subjects(claims, figures), _article_events(claims, figures)
    owners = {subject: country for subject, country in subjects.values() if country}
    out: dict[str, Reading] = {}
    last: tuple[int, Reading] | None = None
    for c in sorted((c for c in claims if c.kind == "statement"), key=lambda c: c.start):
        r = read_statement(c)
        if r.subject is None and r.event is not None and r.event_is_noun and r.event in subjects:
            subject, country = subjects[r.event]
            r = replace(r, subject=subject, country=country)
        if r.subject is not None and r.country is None:
            r = replace(r, country=owners.get(r.subject))
        if r.subject is not None and r.event is None and not r.other_predicate:
            r = replace(r, event=events.get((r.subject, r.country)))
        if r.subject is None and r.event is None and last is not None:
            if c.start - last[0] <= REFER_WINDOW and REFERRING.search(content_of(c)):
                r = last[1]
        if r.subject is not None and r.event is not None:
            out[c.claim_id] = r
            last = (c.end, r)
    return out


def _scope(reading: Reading, scopes: Counter[str]) -> str:
    """The place scope (a country code, or "") of a claim in its stem: the first of its place
    countries a tracked quantity of the stem has; else the stem's main scope (the place of most of
    its fused figures: a statement's places are every place of its sentence, the speaker's capital
    and the places a quote mentions in passing); else, where the stem has no fused figure, the
    first country it names other than its speaker's."""
    codes = [code for code, _ in reading.places]
    for code in codes:
        if code in scopes:
            return code
    if scopes:
        return scopes.most_common(1)[0][0]
    codes = [code for code in codes if code != reading.speaker]  # "analysts in Seoul said"
    return codes[0] if codes else ""


def _group(
    readings: dict[str, Reading], tracked: Sequence[TrackedQuantity]
) -> dict[tuple[_Stem, str], list[str]]:
    """Claim ids by (stem, place scope); a stem's unplaced claims join its one placed group."""
    scopes: dict[_Stem, Counter[str]] = defaultdict(Counter)
    for t in tracked:
        if t.place and t.place.country:
            scopes[_Stem(t.subject.normalized, t.subject.country, t.event)][t.place.country] += len(t.claims)
    groups: dict[tuple[_Stem, str], list[str]] = defaultdict(list)
    for claim_id, r in readings.items():
        stem = _Stem(r.subject or "", r.country, r.event or "")
        groups[(stem, _scope(r, scopes[stem]))].append(claim_id)
    for stem, place in [k for k in groups if k[1] == ""]:
        placed = [k for k in groups if k[0] == stem and k[1]]
        if len(placed) == 1:
            groups[placed[0]].extend(groups.pop((stem, place)))
    return groups


def _changes(origin: str, points: list[StatementPoint]) -> list[StanceChange]:
    """The changes of stance between an origin's consecutive points (same side: no change)."""

    def side(stance: Stance) -> str:
        return "against" if stance in AGAINST else "open" if stance in OPEN else "for"

    out: list[StanceChange] = []
    for a, b in zip(points, points[1:], strict=False):
        sa, sb = side(a.stance), side(b.stance)
        if sa == sb:
            continue
        kind: ChangeKind = "reversal" if "open" not in (sa, sb) else "firmed" if sa == "open" else "softened"
        out.append(StanceChange(origin, kind, a.stance, b.stance, (a.claim_id, b.claim_id), (a.date, b.date)))
    return out


def _stances(timeline: Sequence[StatementPoint]) -> tuple[tuple[OriginStance, ...], tuple[StanceChange, ...]]:
    """Each origin's latest stance (denials, non-confirmations and confirmations first, then the
    origins with the most points) and its changes."""
    by_origin: dict[str, list[StatementPoint]] = defaultdict(list)
    names: dict[str, str] = {}
    for p in timeline:
        for key, name in zip(p.origin_keys, p.origins, strict=True):
            by_origin[key].append(p)
            names.setdefault(key, name)
    stances = [
        OriginStance(names[key], pts[-1].stance, pts[-1].date, pts[-1].claim_id, len(pts))
        for key, pts in by_origin.items()
    ]
    stances.sort(key=lambda s: (s.stance not in POSITIONS, -s.points, s.origin))
    changes = [c for key, pts in by_origin.items() for c in _changes(names[key], pts)]
    changes.sort(key=lambda c: (c.dates[1] or "", c.origin))
    return tuple(stances), tuple(changes)


def _party_stances(
    timeline: Sequence[StatementPoint],
) -> tuple[tuple[PartyStance, ...], tuple[StanceChange, ...]]:
    """Each state's latest stance over the origins that speak for it, and its changes across them
    (a spokesman's denial, then the government's acknowledgement, is the state's reversal); states
    with one origin are listed too. States that denied, confirmed or declined to confirm come
    first, then those with the most points."""
    by_party: dict[str, list[StatementPoint]] = defaultdict(list)
    members: dict[str, Counter[str]] = defaultdict(Counter)
    for p in timeline:
        seen: set[str] = set()
        for name, code in zip(p.origins, p.parties, strict=True):
            if code is None:
                continue
            members[code][name] += 1
            if code not in seen:
                seen.add(code)
                by_party[code].append(p)
    stances = [
        PartyStance(
            country_name(code),
            code,
            pts[-1].stance,
            pts[-1].date,
            pts[-1].claim_id,
            len(pts),
            tuple(name for name, _ in sorted(members[code].items(), key=lambda kv: (-kv[1], kv[0]))),
        )
        for code, pts in by_party.items()
    ]
    took_position = {code for code, pts in by_party.items() if any(p.stance in POSITIONS for p in pts)}
    stances.sort(key=lambda s: (s.country not in took_position, -s.points, s.party))
    changes = [c for code, pts in by_party.items() for c in _changes(country_name(code), pts)]
    changes.sort(key=lambda c: (c.dates[1] or "", c.origin))
    return tuple(stances), tuple(changes)


def _place_name(code: str, tracked: Sequence[TrackedQuantity]) -> str:
    """The name shown for a place scope: the place of the widest tracked quantity there, else the
    country's name."""
    for t in sorted(tracked, key=lambda t: t.id.count(".")):
        if t.place and t.place.country == code and "." not in t.id:
            return t.place.name
    return country_name(code)


def country_name(code: str) -> str:
    """A country's name by its ISO code ("RU" -> "Russia", "GR" -> "Greece"), as the institutions
    table names it; the code where no table has one."""
    return institutions.table().country_name(code)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _proposition(
    stem: _Stem,
    place: str,
    members: list[tuple[Reading, Claim]],
    points: dict[str, StatementPoint],
    tracked: Sequence[TrackedQuantity],
) -> Proposition:
    """One proposition from its claims."""
    timeline = sorted(
        (points[c.claim_id] for _, c in members), key=lambda p: (p.date or "", p.article_id, p.claim_id)
    )
    stances, changes = _stances(timeline)
    parties, party_changes = _party_stances(timeline)
    linked = tuple(
        t.id
        for t in tracked
        if (t.subject.normalized, t.subject.country, t.event) == (stem.subject, stem.country, stem.event)
        and (not place or t.place is None or t.place.country == place)
    )
    place_name = _place_name(place, tracked) if place else None
    label = label_for(Key(stem.subject, stem.country, stem.event, None, "total"), place_name)
    ident = "-".join(x for x in (_slug(stem.country or "any"), stem.subject, stem.event, _slug(place)) if x)
    return Proposition(
        id=ident,
        label=label,
        subject=stem.subject,
        country=stem.country,
        event=stem.event,
        place=place or None,
        place_name=place_name,
        timeline=tuple(timeline),
        stances=stances,
        changes=changes,
        tracked=linked,
        parties=parties,
        party_changes=party_changes,
    )


def propositions(
    claims: Iterable[Claim], articles: dict[str, ArticleMeta], tracked: Sequence[TrackedQuantity]
) -> tuple[Proposition, ...]:
    """The propositions that at least one statement claim is about, with the fused figures of the
    same proposition; most points first. ``tracked`` is fusion's result for the same claims."""
    claims_by_article = by_article([_as_held(c) for c in claims])
    origins = resolve_origins(claims_by_article, articles)
    figures = _figure_readings(tracked)
    readings: dict[str, Reading] = {}
    for group_claims in claims_by_article.values():
        readings.update({c.claim_id: figures[c.claim_id] for c in group_claims if c.claim_id in figures})
        readings.update(_statement_readings(group_claims, figures))
    by_id = {c.claim_id: c for cs in claims_by_article.values() for c in cs}
    held = {cid: _origins_of(origins.of[cid], origins.resolver) for cid in by_id if cid in origins.of}
    parties = _parties({cid: (by_id[cid], held[cid]) for cid in held})
    for cid, pair in _pairs_named(claims_by_article, held, parties, readings).items():
        held[cid] = tuple(origins.resolver.named(country_name(code), "government") for code in pair)
        parties.update({o.key: code for o, code in zip(held[cid], pair, strict=True)})
    points = {
        cid: _point(by_id[cid], articles.get(by_id[cid].article_id) or NO_META, held[cid], parties)
        for cid in readings
    }
    out = []
    for (stem, place), ids in _group(readings, tracked).items():
        if not any(by_id[i].kind == "statement" for i in ids):
            continue
        members = [(readings[i], by_id[i]) for i in ids]
        out.append(_proposition(stem, place, members, points, tracked))
    out.sort(key=lambda p: (-len(p.timeline), p.id))
    return tuple(out)


def matches(prop: Proposition, search: str) -> bool:
    """Whether a proposition's id, label, or one of its points' sentences, speakers or origins holds
    ``search`` (case ignored)."""
    needle = search.casefold()
    texts = [prop.id, prop.label, *prop.tracked]
    for p in prop.timeline:
        texts += [p.sentence, p.speaker or "", *p.origins]
    return any(needle in t.casefold() for t in texts)


_CACHE: dict[str, tuple[str, tuple[Proposition, ...]]] = {}
_LOCK = threading.Lock()


def _of_ledger(ledger: Ledger) -> tuple[Proposition, ...]:
    """Every proposition of a ledger, kept per ledger until its change stamp moves (an ingest, a
    deletion, a desk write), as ``fusion.run`` keeps its result."""
    stamp = ledger.fusion_stamp()
    with _LOCK:
        hit = _CACHE.get(ledger.label)
    if hit is not None and hit[0] == stamp:
        return hit[1]
    articles = {aid: ArticleMeta(o, p) for aid, (o, p) in ledger.article_meta().items()}
    props = propositions(ledger.claims_for_fusion(), articles, track(ledger))
    with _LOCK:
        _CACHE[ledger.label] = (stamp, props)
    return props


def for_ledger(
    ledger: Ledger, search: str | None = None, stance: str | None = None
) -> tuple[Proposition, ...]:
    """The propositions of a ledger (claims as the desk shows them, rejected ones left out), with
    the tracked quantities of the stored fusion state; only those matching ``search`` and, with
    ``stance``, those where some origin's latest stance is that one (ValueError for a stance that
    is not one of ``STANCES``)."""
    if stance is not None and stance not in STANCES:
        raise ValueError(f"stance: {stance!r} is not one of {', '.join(STANCES)}")
    props = _of_ledger(ledger)
    if search and search.strip():
        props = tuple(p for p in props if matches(p, search.strip()))
    if stance is not None:
        props = tuple(p for p in props if any(s.stance == stance for s in p.stances))
    return props
