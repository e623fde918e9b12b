"""Tracked quantities: claims about the same measured thing grouped by subject, country, event, unit
and scope (a batch is not a total).

Each quantity claim becomes an ``Item``: what it counts (subject merged over synonyms from
``resources/fusion.yaml``: troop = soldier = force = personnel), whose (country), what happened
(event), in which unit, in which scope ("total", or "batch 2" for "a second batch of 1,500"), its
interval (low/best/high), its date, its origin and its article's outlet. Items sharing a ``Key`` are
one tracked quantity. The place is not part of the key: the places the extractors attach are every
place of the sentence (the speaker's capital as well as the front), so the place of a tracked
quantity is the country most of its claims name outside the subject's own, and narrower places
(an oblast inside it) become linked sub-scopes (see ``scopes``).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import cast

from ..extract.subjects import load_subject_classes
from ..model import Claim, Quantity, TimeRef
from ..store.rows import to_date
from . import scope as scope_mod
from .config import config, peoples, subject_events, synonyms
from .origins import Origin


@dataclass(frozen=True)
class Key:
    """What a tracked quantity measures."""

    subject: str
    country: str | None
    event: str
    unit: str | None
    scope: str  # "total" | "batch" | "batch 2" | "part: children" | ...
    # one incident ("<town id>@<first day>"), one day (night) of a daily event ("day@<day>") or the
    # period it totals ("period@<first day>..<last day>"), or "" for a campaign or total
    incident: str = ""


@dataclass
class Item:
    """One quantity claim, read for fusion."""

    claim: Claim
    key: Key
    day: date
    published: date | None
    best: float
    low: float | None
    high: float | None
    origin: Origin
    outlet: str | None
    modality: str
    approximate: bool = False
    inferred: bool = False  # the event was not stated but taken from ``presence_event``
    place_country: str | None = None
    place_ids: list[str] = field(default_factory=list)
    parts: tuple[str, ...] = ()  # a derived figure (killed + wounded): the claims it adds up
    _wide: tuple[float, float] | None = field(default=None, repr=False, compare=False)

    @property
    def claim_id(self) -> str:
        return self.claim.claim_id

    @property
    def claim_ids(self) -> tuple[str, ...]:
        """The claims behind this figure: its own, or for a derived figure the parts it adds up."""
        return self.parts or (self.claim.claim_id,)

    def widened(self) -> tuple[float, float]:
        """The interval with open sides unbounded and an approximate figure ("about 12,000")
        widened by the configured margin, for telling whether two figures can both hold."""
        if self._wide is None:
            margin = float(config()["approximate_margin"])
            m = margin if self.approximate else 0.0
            low = float("-inf") if self.low is None else self.low * (1 - m)
            high = float("inf") if self.high is None else self.high * (1 + m)
            if self.low is not None and self.low == self.high:
                # a round figure is only as precise as its rounding (11,000: 10,500-11,500), capped at
                # the approximate margin so that 3,000 and 4,000 still differ
                half = min(rounding(self.best) / 2, abs(self.best) * margin)
                low, high = min(low, self.best - half), max(high, self.best + half)
            self._wide = (low, high)
        return self._wide

    def overlaps_value(self, x: float) -> bool:
        low, high = self.widened()
        return low <= x <= high

    def overlaps(self, other: Item) -> bool:
        a = self._wide or self.widened()
        b = other._wide or other.widened()
        return a[0] <= b[1] and b[0] <= a[1]


def canonical_subject(normalized: str | None, event: str | None) -> tuple[str | None, str | None]:
    """(subject, event) after merging synonyms: ("soldier", "deployed") -> ("troop", "deployed");
    ("casualty", None) -> ("troop", "casualties")."""
    if not normalized:
        return None, event
    word = normalized.lower().strip()
    if word in subject_events():
        subject, implied = subject_events()[word]
        return subject, event if event not in (None, "other") else implied
    if word.endswith("s") and word[:-1] in synonyms():
        word = word[:-1]
    subject = synonyms().get(word, word)
    if subject not in synonyms() and subject in peoples():
        subject = "person"  # "25 Palestinians", "4,500 Ukrainians": people, their nation the owner
    if event in (None, "other"):
        event = config()["presence_event"].get(subject, event)
    return subject, event


# Events that befall people in a toll: a figure of one whose counted word is no listed noun at
# all ("earthquake", "total", "site" taken from around the figure) counts people.
TOLL_EVENTS = frozenset({"killed", "wounded", "casualties", "missing"})
# Nouns that count incidents, not people: a toll event on them is no people's figure.
INCIDENT_COUNTS = frozenset(
    {"killing", "massacre", "attack", "strike", "airstrike", "raid", "bombing", "incident", "shooting"}
)
# Units of time: a figure in one is a duration, never a tracked count.
DURATION_UNITS = frozenset({"second", "minute", "hour", "day", "week", "month", "year"})


# Words of a figure that measures an event rather than counts anything ("7.7 magnitude").
MEASURE_WORDS = frozenset({"magnitude", "magnitudes", "richter", "scale", "category"})


# Words that make staff civilians: "health personnel", "medical staff", "aid workers".
CIVILIAN_STAFF = frozenset({"health", "medical", "aid", "humanitarian", "rescue", "hospital", "relief"})


def _counted(claim: Claim, word: str | None, stated: str | None) -> str | None:
    """The subject word fusion reads for a figure; "" for a count of incidents or a measure, which
    is no people's figure ("seven mass killings", "two airstrikes", "a 7.7 magnitude quake")."""
    if not word and stated in config()["incident_events"]:
        return "dead"  # "the toll has risen to 17": a toll with no counted noun counts the dead
    if not word:
        return word
    if _civilian_staff(claim.subject.text, word):
        return "medic"  # "280 health personnel were killed": medics among the people, not troops
    if stated in TOLL_EVENTS and word.lower() in INCIDENT_COUNTS:
        return ""
    if stated in TOLL_EVENTS and claim.subject.category in ("structures", "equipment", "weapons"):
        if "toll" in scope_mod.around(claim, 6)[0].split():
            return "dead"  # "the death toll ... passed 1,400" where the extractors took "homes" along
    if word.lower() in MEASURE_WORDS:
        return ""  # "a 7.7 magnitude earthquake": a measure of the event, nobody's count
    if demonym_people(word) is not None:
        return "people"  # "303 Ukrainians returned": people, of the country read in ``demonym_people``
    if stated in TOLL_EVENTS and not _counted_word(word):
        return "dead"  # "the toll in the earthquake rose to 1,644", "the new total of 1,644": the dead
    if stated in TOLL_EVENTS and synonyms().get(word.lower()) not in ("person", "troop"):
        if scope_mod.around(claim, 1)[1] in ("others", "other"):
            return "people"  # "52 others were injured": people, whatever noun the sentence gave
    return word


@lru_cache(maxsize=4096)
def demonym_people(word: str) -> str | None:
    """The country of a subject that is a people's plural demonym ("Ukrainians", "Russians"), else
    None: such a figure counts people of that country."""
    w = word.lower().strip()
    if not w.endswith("s") or w[:-1] in synonyms():
        return None
    from ..geo import country_of_demonym  # the gazetteer loads on first use

    try:
        return country_of_demonym(w[:-1].capitalize())
    except Exception:  # noqa: BLE001 - without a gazetteer a demonym is only a noun
        return None


def _civilian_staff(text: str | None, word: str) -> bool:
    """Whether a subject is civilian staff worded with a troops synonym ("health personnel")."""
    if synonyms().get(word.lower().strip()) != "troop" or not text:
        return False
    return any(w in CIVILIAN_STAFF for w in re.findall(r"[a-z]+", text.lower()))


def _counted_word(word: str) -> bool:
    """Whether a subject word is a counted noun: one of the extractors' subject classes or of
    fusion's subject groups and event nouns (a plural of one too)."""
    word = word.lower().strip()
    known = load_subject_classes().words
    for w in (word, word[:-1] if word.endswith("s") else word):
        if w in known or w in synonyms() or w in subject_events():
            return True
    return False


def scope_of(qualifiers: tuple[str, ...], event: str) -> str:
    """ "total", "batch" or "batch N" from the wording around the figure (only for batch events)."""
    if event not in config()["batch_events"]:
        return "total"
    cfg = config()
    q = {x.lower() for x in qualifiers}
    if "total" in q or q & set(cfg["initial_words"]):
        return "total"
    for word, n in cfg["batch_ordinals"].items():
        if word in q:
            return f"batch {n}"
    if q & set(cfg["batch_words"]):
        return "batch"
    return "total"


def interval(quantity: Quantity) -> tuple[float, float | None, float | None] | None:
    """(best, low, high) of a quantity as stated (a single figure: low = high = the figure).

    A bound ("more than 1,000") keeps its open side as None; a vague amount ("several hundred")
    arrives from the extractors as a range and enters as one."""
    value = quantity.value
    low, high = quantity.low, quantity.high
    if value is None and low is None and high is None:
        return None
    if value is None:
        value = low if high is None else high if low is None else (low + high) / 2
    value = float(cast(float, value))  # one of value, low and high is set (checked above)
    if low is None and high is None:
        return value, value, value
    return value, (float(low) if low is not None else None), (float(high) if high is not None else None)


def _narrow(span: TimeRef | None, max_days: int = 31) -> date | None:
    """The end date of a time span if it is at most ``max_days`` long."""
    if not span:
        return None
    start, end = to_date(span.start), to_date(span.end, end=True)
    if start is None or end is None:
        return None
    return end if (end - start).days <= max_days else None


def narrow_day(span: TimeRef | None) -> date | None:
    """The end date of a time span of a month or less, else None ("in October 2023", not "last year")."""
    return _narrow(span)


def _reported_day(claim: Claim, published: date | None, day: date) -> date:
    """The day a count to date holds where the only date its sentence gives is its incident's
    ("the death toll from Sunday's strike has risen to 32, the administration said on Monday"; "a
    monitoring group said on Tuesday that 35 people had been killed in the strike on Sunday"): the
    day it was said, else published, not Sunday; a toll grows after its incident's day."""
    if scope_mod.incident_day(claim) is None:
        return day
    said = _narrow(claim.statement_time, 366) or published
    return said if said is not None and said > day else day


def claim_day(claim: Claim, published: date | None) -> date | None:
    """The date a figure holds for: its event date where the text gives a narrow one, else the
    statement date, else the publication date; never after publication. A count since a date
    ("998,870 troops since the invasion in February 2022") holds for the day it was said, not
    for the day its count began."""
    event = None if scope_mod.is_campaign(claim) else _narrow(claim.event_time)
    day = event or _narrow(claim.statement_time, 366) or published
    if day is None:
        day = to_date(claim.published)
    if day is not None and published is not None and day > published:
        day = published
    return day


def make_item(
    claim: Claim, origin: Origin, outlet: str | None, published: date | None, country: str | None
) -> Item | None:
    """An Item for a quantity claim that counts or measures something with an event; else None."""
    if claim.kind != "quantity" or not claim.quantity:
        return None
    word = claim.subject.normalized
    stated = scope_mod.local_event(claim, claim.event)
    if stated in config()["incident_events"] and scope_mod.among_group(claim):
        stated = None  # "losses among the 12,000 sent": the group, not the losses
    word = _counted(claim, word, stated)
    unit = claim.quantity.normalized_unit or claim.quantity.unit
    if word == "" or unit in DURATION_UNITS:
        return None  # "seven mass killings"; "in 380 days of war": how many incidents, how long
    subject, event = canonical_subject(word, stated)
    if event == "training" and subject != "troop":
        subject, event = canonical_subject(word, claim.event)  # only troops train ("5 training sites")
    inferred = stated in (None, "other") and event not in (None, "other")
    if subject is None or event is None:
        return None
    bounds = interval(claim.quantity)
    if bounds is None:
        return None
    day = claim_day(claim, published)
    if day is None:
        return None
    if event in config()["cumulative_events"]:
        day = _reported_day(claim, published, day)
    if scope_mod.superseded(claim):
        day -= timedelta(days=1)  # the figure a stated revision replaces held before it
    if unit:
        factor = _factor(claim.quantity)
        bounds = tuple(None if b is None else b * factor for b in bounds)  # type: ignore[assignment]
    scope = scope_of(claim.qualifiers, event)
    part = scope_mod.part_scope(claim, word, subject)
    if part is not None and scope == "total":
        by_marker = part[1] != f"part: {(word or '').lower().strip()}"
        if not by_marker or event in config()["cumulative_events"]:
            subject, scope = part
    key = Key(subject, country, event, unit, scope)
    best, low, high = bounds
    return Item(
        claim=claim,
        key=key,
        day=day,
        published=published,
        best=best,
        low=low,
        high=high,
        origin=origin,
        outlet=outlet,
        modality="planned" if scope_mod.of_an_agreement(claim) else claim.modality,
        approximate=claim.quantity.approximate,
        inferred=inferred,
    )


def rounding(value: float) -> float:
    """The rounding unit of a stated figure: 12,000 -> 1,000; 1,500 -> 100; 39.3 -> 0.1; 7 -> 1."""
    if value == 0:
        return 1.0
    if value != int(value):
        text = f"{value:.6f}".rstrip("0")
        return 10.0 ** -len(text.split(".")[1])
    n, unit = int(abs(value)), 1
    while n % 10 == 0 and n >= 10:
        n //= 10
        unit *= 10
    return float(unit)


def _factor(quantity: Quantity) -> float:
    value, norm = quantity.value, quantity.normalized_value
    if value and norm is not None:
        return float(norm) / float(value)
    return 1.0


def article_countries(claims: list[Claim], by_event: bool = False) -> dict[str, str]:
    """Per article, the subject country most of its claims state, per canonical subject (and per
    event with ``by_event``, keyed "article\0subject\0event"): a figure whose owner the sentence
    leaves implicit ("4,000 of them were killed") takes it."""
    counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for c in claims:
        subj = c.subject
        if subj.country and subj.normalized:
            s, _ = canonical_subject(subj.normalized, c.event)
            what = f"{s or ''}\x00{c.event}" if by_event else s or ""
            counts[(c.article_id, what)][subj.country] += 1
    return {f"{a}\x00{s}": cnt.most_common(1)[0][0] for (a, s), cnt in counts.items()}


@lru_cache(maxsize=65_536)
def tracked_id(key: Key) -> str:
    """A readable id, stable across runs: it depends only on what is measured (memoised: a run
    asks for it several times per tracked quantity)."""
    parts = [key.country or "xx", key.subject, key.event]
    if key.scope != "total":
        parts.append(key.scope.replace(" ", ""))
    if key.unit:
        parts.append(key.unit)
    if key.incident:
        parts.append(key.incident.split("@")[-1])
    slug = "-".join(re.sub(r"[^a-z0-9]+", "", p.lower()) or "x" for p in parts)
    # the digest of a key without an incident is that of the key before incidents existed, so the
    # ids of campaign quantities stay as they were
    what = (
        repr(key)
        if key.incident
        else f"Key(subject={key.subject!r}, country={key.country!r}, event={key.event!r}, "
        f"unit={key.unit!r}, scope={key.scope!r})"
    )
    digest = hashlib.sha1(what.encode()).hexdigest()[:6]
    return f"{slug}-{digest}"


@lru_cache(maxsize=1)
def _place_demonyms() -> dict[str, str]:
    """Country code -> the first demonym the places vocabulary lists for it ("MM" -> "Burmese"), for
    labels of owners ``fusion.yaml``'s demonyms do not name."""
    from ..geo import words

    out: dict[str, str] = {}
    for demonym, code in words.load()["demonyms"].items():
        if code:
            out.setdefault(code, demonym)
    return out


def label_for(key: Key, place_name: str | None, incident_word: str | None = None) -> str:
    """ "North Korean troops deployed to Russia", "North Korean troops deployed in the second batch",
    "people killed in the attack in Kharkiv (children)", "Russian drones launched at Ukraine
    (2025-03-05)" (the word before the place by event: ``place_prepositions``)."""
    cfg = config()
    owner = cfg["demonyms"].get(key.country or "") or _place_demonyms().get(
        key.country or "", key.country or ""
    )
    noun = plural(key.subject)
    what = f"{owner} {noun}".strip()
    event = cfg["event_labels"].get(key.event, key.event)
    if key.scope.startswith("batch "):
        n = int(key.scope.split()[1])
        nth = {2: "second", 3: "third", 4: "fourth", 5: "fifth"}.get(n, f"{n}th")
        text = f"{what} {event} in the {nth} batch"
    elif key.scope == "batch":
        text = f"{what} {event} in an additional batch"
    else:
        text = f"{what} {event}"
    if incident_word:
        text += f" in the {incident_word}"
    if place_name:
        text += f" {cfg['place_prepositions'].get(key.event, 'in')} {place_name}"
    if key.incident:
        text += f" ({key.incident.split('@')[-1]})"
    if key.scope.startswith(("part: ", "group: ")):
        text += f" ({key.scope})"
    if key.unit:
        text += f" ({key.unit})"
    return text


def _number_batches(items: list[Item], article_countries_: dict[str, set[str]]) -> None:
    """A batch figure without its number ("another 1,500 soldiers") is the numbered batch of the
    same subject, event and unit in which its own origin states that figure, when exactly one
    fits: of its own country, or for a figure with no country, of a country its article mentions.
    Another origin's batch is not enough (a figure relayed without its chain stays apart)."""
    numbered: dict[tuple[str, str, str | None], list[Item]] = defaultdict(list)
    for it in items:
        if it.key.scope.startswith("batch ") and it.key.country:
            numbered[(it.key.subject, it.key.event, it.key.unit)].append(it)
    for it in items:
        k = it.key
        if k.scope != "batch":
            continue
        countries = {k.country} if k.country else article_countries_.get(it.claim.article_id, set())
        fits = {
            (other.key.scope, other.key.country)
            for other in numbered.get((k.subject, k.event, k.unit), [])
            if other.key.country in countries and other.origin == it.origin and other.overlaps(it)
        }
        if len(fits) == 1:
            scope, country = fits.pop()
            it.key = replace(k, scope=scope, country=country)


def _adopt_owner(items: list[Item], article_countries_: dict[str, set[str]]) -> None:
    """A figure whose owner no sentence of its article states ("10,000 troops were sent") joins the
    owned tracked quantity of the same subject, event, unit and scope whose country its article
    mentions: the one candidate, or of several the one whose figures it fits (``_fitting_owner``);
    otherwise it stays unowned. The people of an incident stay unowned, and an incident's figure
    placed in one country takes no other's ("In Lebanon, a strike near Nabatieh killed two" in an
    article on Gaza's dead)."""
    owned: dict[tuple[str, str, str | None, str], dict[str, list[Item]]] = defaultdict(dict)
    by_origin: dict[tuple[str, str, str | None, str], dict[tuple[str, Origin], list[Item]]] = defaultdict(
        dict
    )
    for it in items:
        k = it.key
        if k.country:
            owned[(k.subject, k.event, k.unit, k.scope)].setdefault(k.country, []).append(it)
            by_origin[(k.subject, k.event, k.unit, k.scope)].setdefault((k.country, it.origin), []).append(it)
    for it in items:
        k = it.key
        if k.country is not None or _victims_of_an_incident(k):
            continue
        by_country = owned.get((k.subject, k.event, k.unit, k.scope), {})
        candidates = set(by_country) & article_countries_.get(it.claim.article_id, set())
        placed = {p.country for p in it.claim.places if p.country}
        if k.incident and len(placed) == 1:
            candidates &= placed  # an incident in another country's town is not that toll's
        same = by_origin.get((k.subject, k.event, k.unit, k.scope), {})
        country = _fitting_owner(it, candidates, by_country, same)
        if country is not None:
            it.key = replace(k, country=country)


def _victims_of_an_incident(key: Key) -> bool:
    """People counted in one incident (a strike, an earthquake): they have no owner
    (``scope._join``), and a toll of the same war elsewhere in their article gives them none."""
    return key.subject == "person" and bool(key.incident) and not key.incident.startswith(("day@", "period@"))


def _fitting_owner(
    item: Item,
    candidates: set[str],
    by_country: dict[str, list[Item]],
    by_origin: dict[tuple[str, Origin], list[Item]],
) -> str | None:
    """The owner of an unowned figure among several candidate countries: the one country whose
    quantity holds an overlapping figure of the same origin, else of any origin ("10,000 to 12,000
    troops were sent" in an article naming North Korean and Russian troops is North Korea's).
    ``by_origin``: the items of ``by_country`` by (country, origin), so the first look is at the
    figures of the item's origin only."""
    if len(candidates) <= 1:
        return next(iter(candidates), None)
    for pool in (lambda c: by_origin.get((c, item.origin), ()), lambda c: by_country[c]):
        fits = {country for country in candidates if any(other.overlaps(item) for other in pool(country))}
        if len(fits) == 1:
            return fits.pop()
    return None


def _drop_misfits(groups: dict[Key, list[Item]]) -> None:
    """An inferred event must fit: a figure whose event was not stated is dropped from a tracked
    quantity when it is more than ten times off the median of the figures stated with that event
    ("two soldiers" is not a deployment figure next to 12,000)."""
    for key, lst in list(groups.items()):
        stated = sorted(i.best for i in lst if not i.inferred)
        if not stated:
            continue
        mid = stated[len(stated) // 2]
        keep = [i for i in lst if not i.inferred or (mid / 10 <= i.best <= mid * 10)]
        if keep:
            groups[key] = keep
        else:
            del groups[key]


def group(items: list[Item], article_countries_: dict[str, set[str]] | None = None) -> dict[Key, list[Item]]:
    """Items by key, each list in date order (then claim id, so runs are reproducible)."""
    if article_countries_ is not None:
        _number_batches(items, article_countries_)
        _adopt_owner(items, article_countries_)
    out: dict[Key, list[Item]] = defaultdict(list)
    for it in items:
        out[it.key].append(it)
    _drop_misfits(out)
    for lst in out.values():
        lst.sort(key=lambda i: (i.day, i.claim_id))
    return dict(out)


def plural(noun: str) -> str:
    """An English plural for a subject lemma in a label ("troop" -> "troops", "country" -> "countries")."""
    if noun == "person":
        return "people"
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun if noun.endswith("s") else noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "i", "o", "u"):
        return noun[:-1] + "ies"
    return noun + "s"
