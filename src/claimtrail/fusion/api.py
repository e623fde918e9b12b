"""Fusion over a whole ledger: claims -> tracked quantities (the tracking contract of PRODUCT.md),
with timelines, consensus, origins, contradictions, checks and Admiralty grades.

``fuse`` is a pure function of claims, article metadata and grades (tests and the benchmark call it
on hand-built claims); ``track``/``tracked``/``claim_grades`` run it on a ledger and keep the result
in memory, keyed by the ledger's state (claim count, newest claim, grades), so it is recomputed
only after an ingest, a deletion or a new grade changed something.
"""

from __future__ import annotations

import re
import threading
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from ..model import Claim
from ..store.rows import name_key
from . import checks as checks_mod
from . import contradictions as contra_mod
from . import scope as scope_mod
from .cluster import Item, Key, article_countries, canonical_subject, group, label_for, make_item, tracked_id
from .grading import agreement, credibility, reliability_of
from .origins import Origin, OriginResolver
from .timeline import estimate, outliers, timeline

MIN_SUBSCOPE_ARTICLES = 2


@dataclass
class ArticleMeta:
    outlet: str | None
    published: date | None


@dataclass
class FusionResult:
    """Everything one fusion run found."""

    tracked: list[dict[str, Any]]
    grades: dict[str, dict[str, Any]]
    checks: list[dict[str, Any]]  # every check, including conversions outside tracked quantities
    origins: list[dict[str, Any]]  # every merged origin of the ledger
    parents: dict[str, str] = field(default_factory=dict)  # sub-scope id -> the id of its wider scope


@lru_cache(maxsize=512)
def _country_name(code: str) -> str:
    try:
        from ..geo.gazetteer import get_gazetteer

        entry = get_gazetteer().country(code)
    except Exception:  # noqa: BLE001
        entry = None
    return entry.name if entry else code


def _place_scope(
    items: list[Item], key: Key, incidents: dict[str, scope_mod.Incident]
) -> tuple[dict[str, Any] | None, list[tuple[str, str, str]]]:
    """The place of a tracked quantity (its incident's town, else a country most of its claims
    name) and its narrower places named in enough articles: [(gazetteer_id, name, country)]."""
    if key.incident and key.incident in incidents:
        return dict(incidents[key.incident].place), []
    votes: Counter[str] = Counter()
    subs: dict[str, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    for it in items:
        seen = set()
        for p in it.claim.places:
            country = p.country
            if not country or (key.event == "deployed" and country == key.country):
                continue
            seen.add(country)
            info = scope_mod.place_info(p.gazetteer_id)
            if info and info[0] in ("admin1", "region") and p.gazetteer_id:
                subs[p.gazetteer_id].add(it.claim.article_id)
                names[p.gazetteer_id] = p.name or p.gazetteer_id
        votes.update(sorted(seen))  # sorted: a tie is broken the same way on every run
    if not votes:
        return None, []
    country, n = votes.most_common(1)[0]
    if n * 2 < len(items):
        return None, []
    place = {"name": _country_name(country), "country": country}
    children = []
    for gid, arts in sorted(subs.items()):
        info = scope_mod.place_info(gid)
        if len(arts) >= MIN_SUBSCOPE_ARTICLES and info and info[1] == country:
            children.append((gid, names[gid], country))
    return place, children


def _local_authorities(
    items: list[Item], incidents: dict[str, scope_mod.Incident], origin_of: dict[str, Origin]
) -> None:
    """A local authority named without its town ("the regional administration") in an incident's
    article is the one another article names with the town ("the Odesa regional administration")."""
    by_name = {name_key(i.origin.name): i.origin for i in items}
    for it in items:
        incident = incidents.get(it.key.incident)
        if incident is None:
            continue
        town = incident.place.get("name") or ""
        full = by_name.get(name_key(f"{town} {it.origin.name}"))
        if full is not None and full.type == it.origin.type:
            it.origin = full
            origin_of[it.claim_id] = full


def _ids(items: list[Item]) -> list[str]:
    """The claim ids behind items, in order, once each (a derived figure names its parts)."""
    return list(dict.fromkeys(cid for i in items for cid in i.claim_ids))


def _origin_list(items: list[Item]) -> list[dict[str, Any]]:
    by: dict[str, list[Item]] = defaultdict(list)
    for it in items:
        by[it.origin.key].append(it)
    out = []
    for group_ in by.values():
        o = group_[0].origin
        out.append(
            {
                "name": o.name,
                "type": o.type,
                "claims": _ids(group_),
                "articles": sorted({i.claim.article_id for i in group_}),
            }
        )
    out.sort(key=lambda d: (-len(d["claims"]), d["name"]))
    return out


def _tracked_object(
    tid: str,
    key: Key,
    items: list[Item],
    place: dict[str, Any] | None,
    as_of: date | None,
    extra_contradictions: list[dict[str, Any]],
    extra_checks: list[dict[str, Any]],
    incident_word: str | None = None,
) -> dict[str, Any]:
    visible = items  # already limited to ``as_of`` by ``fuse``
    ids = set(_ids(visible))
    contradictions = contra_mod.within(visible) + extra_contradictions
    checks = [c for c in extra_checks if not ids.isdisjoint(c["claims"])]
    checks += checks_mod.circular_checks(visible)
    return {
        "id": tid,
        "label": label_for(key, place["name"] if place else None, incident_word),
        "event": key.event,
        "subject": {"normalized": key.subject, "country": key.country},
        "place": place,
        "claims": _ids(visible),
        "estimate": estimate(visible, key, as_of),
        "timeline": timeline(visible, as_of),
        "origins": _origin_list(visible),
        "independent_origins": len({i.origin.key for i in visible}),
        "contradictions": contradictions,
        "checks": checks,
    }


def fuse(
    claims: Iterable[Claim],
    articles: dict[str, ArticleMeta],
    grades: dict[str, str] | None = None,
    as_of: date | None = None,
) -> FusionResult:
    """Fuse claims into tracked quantities (contract objects), checks, origins and claim grades.

    ``articles`` gives each article's outlet and publication date (a claim without attribution is
    asserted by its outlet); ``grades`` maps name keys (``store.rows.name_key``) to reliability
    letters; ``as_of`` limits every figure to those dated on or before it.
    """
    claims = list(claims)
    grades = grades or {}
    resolver = OriginResolver()
    by_article: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        by_article[c.article_id].append(c)
    countries = article_countries(claims)
    items: list[Item] = []
    origin_of: dict[str, Origin] = {}
    for article_id, group_claims in by_article.items():
        meta = articles.get(article_id) or ArticleMeta(None, None)
        bodies = resolver.article_bodies([c.attribution for c in group_claims])
        published = meta.published
        chained = {
            c.claim_id: resolver.origin_of(c.attribution, article_id, meta.outlet, bodies)
            for c in group_claims
            if c.attribution
        }
        for c in group_claims:  # "<outlet>.com revised its figure": a relay, unless it counted
            if c.claim_id in chained and _stand_in(chained[c.claim_id], meta.outlet, c):
                del chained[c.claim_id]
        cited = set(chained.values())
        for c in group_claims:
            origin = chained.get(c.claim_id) or _origin(resolver, c, meta.outlet, bodies, cited)
            origin_of[c.claim_id] = origin
            subj = c.subject
            country = subj.country
            if country is None and subj.normalized:
                canon, _ = canonical_subject(subj.normalized, c.event)
                country = countries.get(f"{article_id}\x00{canon}")
            it = make_item(c, origin, meta.outlet, published or _iso(c.published), country)
            if it is not None:
                items.append(it)

    scope_mod.adopt_neutral(
        items, frozenset(str(w) for w in checks_mod.config().get("neutral_subjects") or ())
    )
    incidents = scope_mod.assign_incidents(items, by_article)
    _local_authorities(items, incidents, origin_of)
    if as_of is not None:
        items = [i for i in items if i.day <= as_of]
        claims = [c for c in claims if (_iso(c.published) or as_of) <= as_of]
    mentioned: dict[str, set[str]] = defaultdict(set)
    for c in claims:
        for p in c.places:
            if p.country:
                mentioned[c.article_id].add(p.country)
        if c.subject.country:
            mentioned[c.article_id].add(c.subject.country)
    clusters = group(items, mentioned)
    cross_checks = (
        checks_mod.sum_checks(clusters)
        + checks_mod.part_checks(clusters)
        + checks_mod.subset_checks(clusters)
    )
    cross_checks += checks_mod.derive_totals(clusters)
    across = contra_mod.across(clusters)
    unit_checks = checks_mod.unit_checks(claims)
    checks_by_claim: dict[str, list[int]] = defaultdict(list)
    for n, chk in enumerate(cross_checks):
        for cid in chk["claims"]:
            checks_by_claim[cid].append(n)

    tracked: list[dict[str, Any]] = []
    parents: dict[str, str] = {}
    for key in sorted(clusters, key=lambda k: (-len(clusters[k]), repr(k))):
        members = clusters[key]
        tid = tracked_id(key)
        place, children = _place_scope(members, key, incidents)
        word = incidents[key.incident].word if key.incident in incidents else None
        mine = [
            cross_checks[n] for n in sorted({n for i in members for n in checks_by_claim.get(i.claim_id, ())})
        ]
        tracked.append(_tracked_object(tid, key, members, place, as_of, across.get(key, []), mine, word))
        for gid, name, country in children:
            sub = [i for i in members if any(p.gazetteer_id == gid for p in i.claim.places)]
            sub_id = f"{tid}.{_slug(name)}"
            parents[sub_id] = tid
            tracked.append(
                _tracked_object(sub_id, key, sub, {"name": name, "country": country}, as_of, [], mine)
            )
    tracked = [t for t in tracked if t["claims"]]

    # grades: credibility from agreement within each tracked quantity (the widest scope)
    claim_grades: dict[str, dict[str, Any]] = {}
    origin_keys: dict[Origin, set[str]] = defaultdict(set)
    for raw, origin in resolver._names.items():
        origin_keys[origin].add(name_key(raw[0]))
    for alias, origin in resolver.alias.items():
        origin_keys[origin].add(alias)
    cred: dict[str, int] = {}
    for key, members in clusters.items():
        odd = outliers(members, key, as_of)
        out_ids = {i.claim_id for i in odd}
        agree = agreement(members, frozenset(i.origin.key for i in odd))
        for it in members:
            if it.parts:
                continue  # a derived figure grades no claim of its own
            a, d = agree.get(it.claim_id, (0, 0))
            cred[it.claim_id] = credibility(it, a, d, it.claim_id in out_ids)
    keys_of: dict[Origin, set[str]] = {}
    for c in claims:
        origin = origin_of[c.claim_id]
        keys = keys_of.get(origin)
        if keys is None:
            keys = origin_keys.get(origin, set()) | {name_key(origin.name), origin.key.split(":", 1)[-1]}
            keys_of[origin] = keys
        speaker = (c.attribution[0].name if c.attribution else None) or None
        outlet = (articles.get(c.article_id) or ArticleMeta(None, None)).outlet
        claim_grades[c.claim_id] = {
            "reliability": reliability_of(grades, keys, speaker, outlet) if grades else "F",
            "credibility": cred.get(c.claim_id, 6),
        }

    all_origins = _ledger_origins(claims, origin_of, articles)
    all_checks = unit_checks + cross_checks
    for t in tracked:
        for chk in t["checks"]:
            if chk["kind"] == "circular_reporting" and t["id"] not in parents:
                all_checks.append(chk)
    return FusionResult(tracked, claim_grades, all_checks, all_origins, parents)


def _origin(
    resolver: OriginResolver, claim: Claim, outlet: str | None, bodies: list[Origin], cited: set[Origin]
) -> Origin:
    """The origin of a claim. A figure its article does not attribute is its outlet's only where
    the outlet says it counted; otherwise it is the one named source the article relays (the
    chain was lost in the writing), or, where the article cites several or none, an unattributed
    origin of its outlet (one outlet repeating its own unsourced figure is one piece of evidence),
    or of its article where the outlet is unknown."""
    if outlet and scope_mod.outlet_counted(claim):
        return resolver.origin_of(claim.attribution, claim.article_id, outlet, bodies)
    if len(cited) == 1:
        return next(iter(cited))
    if outlet:
        return Origin(f"outlet:{name_key(outlet)}:unattributed", f"unattributed ({outlet})", "unknown")
    return Origin(f"article:{claim.article_id}:unattributed", "unattributed", "unknown")


@lru_cache(maxsize=1)
def _domain() -> re.Pattern[str]:
    """A web outlet's name ("Pravda.com"), by the domain endings of fusion.yaml."""
    ends = "|".join(re.escape(str(e)) for e in checks_mod.config().get("outlet_domains") or ["com"])
    return re.compile(rf"\.(?:{ends})\b", re.IGNORECASE)


def _stand_in(origin: Origin, outlet: str | None, claim: Claim) -> bool:
    """Whether a chain ends at an outlet standing in for a lost source: the article's own outlet
    or a web outlet ("<outlet>.com revised its figure"), in a sentence that does not say it counted."""
    if origin.type != "media" or scope_mod.outlet_counted(claim):
        return False
    own = outlet is not None and name_key(origin.name) == name_key(outlet)
    return own or bool(_domain().search(origin.name))


def _iso(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "place"


def _ledger_origins(
    claims: list[Claim], origin_of: dict[str, Origin], articles: dict[str, ArticleMeta]
) -> list[dict[str, Any]]:
    """Every merged origin of the ledger: its claims, articles and outlets."""
    by: dict[Origin, list[Claim]] = defaultdict(list)
    for c in claims:
        by[origin_of[c.claim_id]].append(c)
    out = []
    for origin, cs in by.items():
        arts = sorted({c.article_id for c in cs})
        outlets = sorted({o for a in arts if (o := (articles.get(a) or ArticleMeta(None, None)).outlet)})
        out.append(
            {
                "key": origin.key,
                "name": origin.name,
                "type": origin.type,
                "claims": [c.claim_id for c in cs],
                "articles": arts,
                "outlets": outlets,
            }
        )
    out.sort(key=lambda d: (-len(d["articles"]), -len(d["claims"]), d["name"]))
    return out


# ---------------------------------------------------------------------------------------------
# On a ledger

_CACHE: dict[tuple[str, str, str], FusionResult] = {}
_LOCK = threading.Lock()


def run(ledger: Any, as_of: date | None = None) -> FusionResult:
    """Fuse every claim of ``ledger`` (memoised until the ledger changes)."""
    stamp = ledger.fusion_stamp()
    cache_key = (ledger.label, stamp, as_of.isoformat() if as_of else "")
    with _LOCK:
        hit = _CACHE.get(cache_key)
    if hit is not None:
        return hit
    articles = {
        aid: ArticleMeta(outlet, published) for aid, (outlet, published) in ledger.article_meta().items()
    }
    grades = {name_key(g["name"]): g["reliability"] for g in ledger.grades()}
    result = fuse(ledger.claims_for_fusion(), articles, grades, as_of)
    with _LOCK:
        for k in [k for k in _CACHE if k[0] == ledger.label and k[1] != stamp]:
            del _CACHE[k]
        _CACHE[cache_key] = result
    return result


def track(ledger: Any, as_of: date | None = None) -> list[dict[str, Any]]:
    """The tracked quantities of the ledger as tracking-contract objects (PRODUCT.md), most claims
    first; ``as_of`` gives the state of knowledge on that date."""
    return run(ledger, as_of).tracked


def tracked(ledger: Any, tracked_id: str, as_of: date | None = None) -> dict[str, Any] | None:
    """One tracked quantity by id, or None."""
    return next((t for t in run(ledger, as_of).tracked if t["id"] == tracked_id), None)


def claim_grades(ledger: Any) -> dict[str, dict[str, Any]]:
    """Admiralty grades of every claim: ``{claim_id: {"reliability": "A".."F", "credibility": 1..6}}``."""
    return run(ledger).grades


def origins(ledger: Any) -> list[dict[str, Any]]:
    """Every merged origin of the ledger with its claims, articles and outlets (most articles first)."""
    return run(ledger).origins


def all_checks(ledger: Any, as_of: date | None = None) -> list[dict[str, Any]]:
    """Every consistency check of the ledger (stated conversions, sums, parts, circular reporting)."""
    return run(ledger, as_of).checks


def scope_parents(ledger: Any) -> dict[str, str]:
    """Links between related scopes: sub-scope id (a place inside another) -> the wider scope's id."""
    return run(ledger).parents
