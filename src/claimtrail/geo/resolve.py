"""Choose between same-named places from context (toponym resolution).

A name's candidates are ranked by their prior (size, feature type, kind of name; see ``prior``) plus
what the text says: a container named next to it ("Russia's Kursk region", "Pokrovsk, Ukraine"), the
countries the article talks about, the places already resolved near it, and whether a region word
follows the name ("Kursk region" is the oblast, "Kursk" the city).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from .gazetteer import (
    FEATURE_ADMIN1,
    FEATURE_ADMIN2,
    FEATURE_CITY,
    FEATURE_COUNTRY,
    FEATURE_REGION,
    KIND_ALIAS,
    KIND_ALTERNATE,
    KIND_BASE,
    KIND_PRIMARY,
    Candidate,
    Gazetteer,
    GazetteerEntry,
    distance_km,
    prior,
)
from .text import normalize
from .words import region_words


def split_region_word(name: str) -> tuple[str, bool]:
    """ "Kursk Oblast" -> ("Kursk", True); "the Kursk border region" -> ("Kursk", True)."""
    words, modifiers = region_words()
    parts = name.split()
    if len(parts) >= 2 and normalize(parts[-1]) in words:
        parts = parts[:-1]
        while len(parts) >= 2 and normalize(parts[-1]) in modifiers:
            parts = parts[:-1]
        return " ".join(parts), True
    return name, False


@dataclass
class Context:
    """What the text around a name says about where it is.

    ``countries``: country code -> weight (how much the article talks about it); ``admins``: the
    same for first-level units ("US.KY" when the article names Kentucky); ``container``: a
    country, unit or region named right next to the name; ``contained``: a place named right before
    it ("Atlanta" of "Atlanta, Georgia"); ``city_cue``: "the city/town/village of" precedes it;
    ``sibling_feature``: the kind of place it is joined to by "and"/"or" ("Montana and Wyoming");
    ``nearby``: other places of the article;
    ``region_word``: the name is followed by "region", "oblast", "province"...
    """

    countries: dict[str, float] = field(default_factory=dict)
    admins: dict[str, float] = field(default_factory=dict)
    container: GazetteerEntry | None = None
    contained: GazetteerEntry | None = None
    city_cue: bool = False
    sibling_feature: str | None = None
    nearby: list[GazetteerEntry] = field(default_factory=list)
    region_word: bool = False


def _inside(gaz: Gazetteer, inner: GazetteerEntry, outer: GazetteerEntry) -> bool:
    if outer.feature == FEATURE_COUNTRY:
        return inner.country == outer.country
    if outer.feature == FEATURE_ADMIN1:
        return inner.admin1 == outer.admin1
    if outer.feature == FEATURE_ADMIN2:  # no second-level codes: near the county and in its state
        return inner.admin1 == outer.admin1 and distance_km(inner, outer) < 80
    return gaz.contains(outer.gazetteer_id, inner.gazetteer_id)


def rank(gaz: Gazetteer, name: str, ctx: Context | None = None) -> list[tuple[float, Candidate]]:
    """The candidates of a name with their scores, best first (empty when the name is unknown)."""
    ctx = ctx or Context()
    key = normalize(name)
    found = _readings(gaz.candidates_for_key(key), ctx)
    if not found:
        return []
    units = _Units.of(found)
    scored = [(_score(gaz, key, cand, ctx, units), cand) for cand in found]
    scored.sort(key=lambda sc: (-sc[0], sc[1].entry.gazetteer_id))
    return scored


def _readings(found: tuple[Candidate, ...], ctx: Context) -> tuple[Candidate, ...]:
    """The candidates the name may denote here: units before a region word, towns after "the city
    of"; base names ("Kursk" of "Kursk region") only before a region word."""
    if ctx.region_word:
        units = [c for c in found if c.entry.feature in (FEATURE_ADMIN1, FEATURE_ADMIN2, FEATURE_REGION)]
        found = tuple(units) or tuple(c for c in found if c.kind != KIND_BASE)
    else:
        found = tuple(c for c in found if c.kind != KIND_BASE)
    if ctx.city_cue:  # "the city of Lebanon", "the town of Paris": towns of that name, where there are some
        found = tuple(c for c in found if c.entry.feature == FEATURE_CITY and c.kind <= KIND_ALIAS) or found
    return found


@dataclass(frozen=True)
class _Units:
    """The first-level units among a name's readings.

    ``named``: the best-known unit of that name by country (only it counts: "Florida" is the US
    state, not Uruguay's department whose capital shares its name); ``admin1``: their unit codes;
    ``ids``: the gazetteer ids of all readings (a reading of this very name vouches for no other);
    ``country``: whether one reading is a country (then a state of that name may compete with it;
    Donetsk, Russia does not compete with Donetsk, Ukraine this way).
    """

    named: dict[str | None, Candidate]
    admin1: set[str | None]
    ids: set[str]
    country: bool = False  # one reading is a country ("Georgia", "Jordan")

    @classmethod
    def of(cls, found: tuple[Candidate, ...]) -> _Units:
        """The units of the readings ``found``."""
        units = [c for c in found if c.entry.feature == FEATURE_ADMIN1]
        top = max(units, key=lambda u: u.entry.population, default=None)
        named = {top.entry.country: top} if top is not None else {}
        ids = {c.entry.gazetteer_id for c in found}
        country = any(c.entry.feature == FEATURE_COUNTRY for c in found)
        return cls(named, {u.entry.admin1 for u in units}, ids, country)


def _score(gaz: Gazetteer, key: str, cand: Candidate, ctx: Context, units: _Units) -> float:
    """The prior of one reading plus what the context says for or against it."""
    e = cand.entry
    score = prior(Candidate(e, KIND_ALIAS) if cand.kind == KIND_BASE else cand)
    if ctx.region_word and e.feature in (FEATURE_ADMIN1, FEATURE_ADMIN2, FEATURE_REGION):
        score += 2.0
    if not ctx.region_word and e.feature == FEATURE_CITY and e.country in units.named:
        score += _city_of_unit(gaz, key, cand, units.named[e.country])
    if e.feature == FEATURE_CITY and gaz.is_capital(e):
        score += 0.5  # a capital is named far more often than places that share its name
    if ctx.sibling_feature is not None and e.feature == ctx.sibling_feature:
        score += 1.5  # places joined by "and" are mostly of one kind: "Montana and Wyoming"
    if cand.kind != KIND_PRIMARY and SequenceMatcher(None, key, normalize(e.name)).ratio() >= 0.75:
        score += 0.25  # a transliteration of its own name ("Sloviansk" of Slovyansk), not another town's
    score += _containment(gaz, e, ctx)
    score += _article_focus(e, ctx, units)
    if ctx.nearby and e.feature in (FEATURE_CITY, FEATURE_ADMIN1, FEATURE_ADMIN2):
        score += _nearness(e, ctx.nearby, units.ids)
    if (
        units.country
        and e.feature in (FEATURE_COUNTRY, FEATURE_ADMIN1)
        and _holds_a_town(e, ctx.nearby, units.ids)
    ):
        score += 3.0  # "from Georgia to Atlanta": the Georgia that holds a town of the article
    return score


def _holds_a_town(e: GazetteerEntry, nearby: list[GazetteerEntry], own_ids: set[str]) -> bool:
    """Whether a country or first-level unit holds one of the article's towns (not one of this
    very name's readings: the city of Georgia's name vouches for nothing)."""
    for other in nearby:
        if other.gazetteer_id in own_ids or other.feature != FEATURE_CITY:
            continue
        if e.country == other.country and (e.feature == FEATURE_COUNTRY or e.admin1 == other.admin1):
            return True
    return False


def _city_of_unit(gaz: Gazetteer, key: str, cand: Candidate, unit: Candidate) -> float:
    """A unit named after a big city of its country: the bare name is the city ("Kursk", "Kiev").

    A unit whose own full name it is keeps it ("Quebec", "Wyoming") unless the city is the unit's
    largest ("Donetsk") or has a million people.
    """
    e = cand.entry
    if unit.kind != KIND_PRIMARY:
        return 2.0 if e.population >= 100_000 or e.population * 20 >= unit.entry.population else 0.0
    # a spelling of the city's name ("Mykolaiv"), not a shortening ("Oklahoma" of Oklahoma City)
    spelling = cand.kind != KIND_ALTERNATE or len(normalize(e.name).split()) == len(key.split())
    main_city = spelling and e.admin1 == unit.entry.admin1 and gaz.largest_city(e.admin1) == e.gazetteer_id
    return 2.0 if main_city or e.population >= 1_000_000 else 0.0


def _containment(gaz: Gazetteer, e: GazetteerEntry, ctx: Context) -> float:
    """For a reading that holds the place named before it ("Atlanta, Georgia") or lies in the
    container named next to it ("Russia's Kursk region"); against one outside that container."""
    score = 0.0
    if ctx.contained is not None and e.feature in (FEATURE_COUNTRY, FEATURE_ADMIN1):
        if e.gazetteer_id != ctx.contained.gazetteer_id and _inside(gaz, ctx.contained, e):
            score += 6.0  # "Atlanta, Georgia": the Georgia that holds Atlanta
    if ctx.container is not None and ctx.container.gazetteer_id != e.gazetteer_id:
        if _inside(gaz, e, ctx.container):
            score += 8.0
        elif e.feature != FEATURE_COUNTRY:
            score -= 2.0
    return score


def _article_focus(e: GazetteerEntry, ctx: Context, units: _Units) -> float:
    """For a reading in the countries and first-level units the article talks about."""
    score = 0.0
    if e.country and e.feature != FEATURE_COUNTRY:
        score += 2.5 * min(1.0, ctx.countries.get(e.country, 0.0))
    if e.admin1 and e.feature in (FEATURE_CITY, FEATURE_ADMIN2) and e.admin1 not in units.admin1:
        # (not when the unit is this very name: "Oklahoma" does not vouch for Oklahoma City)
        # a county is nearly always in the state the article is about ("Monroe County")
        weight = 4.0 if e.feature == FEATURE_ADMIN2 else 2.0
        score += weight * min(1.0, ctx.admins.get(e.admin1, 0.0))
    return score


def _nearness(e: GazetteerEntry, nearby: list[GazetteerEntry], own_ids: set[str]) -> float:
    """For a reading close to the article's other places (a reading of this very name vouches for
    no other: the city of Odesa for its oblast)."""
    near = min(
        (distance_km(e, other) for other in nearby if other.gazetteer_id not in own_ids),
        default=math.inf,
    )
    if near < 50:
        return 2.0
    if near < 100:
        return 1.5
    if near < 400:
        return 1.0
    if near < 1000:
        return 0.5
    return 0.0


def resolve(gaz: Gazetteer, name: str, ctx: Context | None = None) -> GazetteerEntry | None:
    """The best reading of a name in its context, or None."""
    ranked = rank(gaz, name, ctx)
    return ranked[0][1].entry if ranked else None


def lookup(gaz: Gazetteer, name: str, country: str | None = None) -> GazetteerEntry | None:
    """The best reading of a name without an article around it; ``country`` restricts the answer.

    A trailing region word makes the name a unit ("Kursk Oblast", "Donetsk region").
    """
    base, has_word = split_region_word(name)
    ctx = Context(region_word=has_word, container=gaz.country(country) if country else None)
    ranked = rank(gaz, base, ctx) if has_word else []
    if not ranked:
        ranked = rank(gaz, name, Context(container=ctx.container))
    if country:
        ranked = [sc for sc in ranked if sc[1].entry.country == country.upper()]
    return ranked[0][1].entry if ranked else None
