"""The stages of fusion, each a function from typed input to typed output, in the order ``fuse``
calls them: origins -> items -> incidents -> clusters -> contradictions and checks -> tracked
quantities (estimates and timelines) -> grades -> the ledger's origins and checks.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from statistics import median

from ..model import EVENTS, Claim, one_of
from ..store.rows import name_key
from . import checks as checks_mod
from . import context, serial
from . import contradictions as contra_mod
from . import scope as scope_mod
from .cluster import (
    Item,
    Key,
    article_countries,
    canonical_subject,
    demonym_people,
    group,
    label_for,
    make_item,
    tracked_id,
)
from .config import config
from .grading import agreement, credibility, reliability_of
from .origins import ArticleContext, Origin, OriginResolver
from .results import (
    Check,
    Contradiction,
    Grade,
    LedgerOrigin,
    OriginRef,
    Subject,
    TrackedPlace,
    TrackedQuantity,
)
from .timeline import estimate, outliers, timeline

MIN_SUBSCOPE_ARTICLES = 2
PART_PLACE_CHARS = 40  # how far after a part's figure a place names the group it counts


@dataclass
class ArticleMeta:
    """What fusion reads of an article: its outlet (the asserter of unattributed figures) and date."""

    outlet: str | None
    published: date | None


NO_META = ArticleMeta(None, None)


@dataclass
class Origins:
    """Stage 1: the merged origin of every claim, and the resolver that merged them (its aliases
    and spellings are the keys a user's grade applies under)."""

    resolver: OriginResolver
    of: dict[str, Origin]  # claim id -> origin


@dataclass
class Scoped:
    """Stage 3: the items scoped to their incidents (keys and origins updated in place)."""

    items: list[Item]
    incidents: dict[str, scope_mod.Incident]


@dataclass
class Findings:
    """Stage 5: checks and contradictions found across tracked quantities."""

    cross_checks: list[Check]  # sums, parts, subsets and derived totals
    unit_checks: list[Check]  # stated conversions, claim by claim
    across: dict[Key, list[Contradiction]]  # apparent contradictions between related quantities

    _by_claim: dict[str, list[int]] | None = field(default=None, repr=False, compare=False)

    def checks_of(self, items: list[Item]) -> list[Check]:
        """The cross checks that name one of these items' claims, in the order they were found
        (looked up by claim in an index of the checks built once, not by scanning every check)."""
        if self._by_claim is None:
            self._by_claim = defaultdict(list)
            for n, c in enumerate(self.cross_checks):
                for cid in dict.fromkeys(c.claims):
                    self._by_claim[cid].append(n)
        found = sorted({n for i in items for n in self._by_claim.get(i.claim_id, ())})
        return [self.cross_checks[n] for n in found]


#: What a widest scope's tracked quantities were computed from (a digest of every input) and the
#: ids it gave (itself, then its sub-scopes): a stored one whose digest is unchanged is reused.
Print = tuple[str, list[str]]


@dataclass
class Tracked:
    """Stage 6: the tracked quantities, most claims first, and each sub-scope's wider scope; with
    ``known`` prints, ``ids`` lists every id in order and ``quantities`` only those computed anew
    (the others are reused as stored)."""

    quantities: list[TrackedQuantity]
    parents: dict[str, str]
    ids: list[str] = field(default_factory=list)
    prints: dict[str, Print] = field(default_factory=dict)


def by_article(claims: list[Claim]) -> dict[str, list[Claim]]:
    """The claims of each article, in ledger order."""
    out: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        out[c.article_id].append(c)
    return out


# -- 1. origins ------------------------------------------------------------------------------------
def resolve_origins(claims_by_article: dict[str, list[Claim]], articles: dict[str, ArticleMeta]) -> Origins:
    """The origin of every claim: the end of its attribution chain, merged across articles and
    resolved through its article's context (``OriginResolver.article_context``); an unattributed
    figure is its outlet's or the one source its article relays (see ``_origin``)."""
    resolver = OriginResolver()
    origin_of: dict[str, Origin] = {}
    for article_id, group_claims in claims_by_article.items():
        outlet = (articles.get(article_id) or NO_META).outlet
        context = resolver.article_context(group_claims)
        chained = {
            c.claim_id: resolver.origin_of(c.attribution, article_id, outlet, context, c.start, c.sentence)
            for c in group_claims
            if c.attribution
        }
        for c in group_claims:  # "<outlet>.com revised its figure": a relay, unless it counted
            if c.claim_id in chained and (_stand_in(chained[c.claim_id], outlet, c) or _names_nobody(c)):
                del chained[c.claim_id]
        _fold_state_names(resolver, group_claims, chained)
        cited = set(chained.values())
        for c in group_claims:
            origin_of[c.claim_id] = chained.get(c.claim_id) or _origin(resolver, c, outlet, context, cited)
    return Origins(resolver, origin_of)


def _fold_state_names(resolver: OriginResolver, claims: list[Claim], chained: dict[str, Origin]) -> None:
    """A figure an article gives a state by its name ("Russia says it downed 58 drones", a
    headline) that one government or military body of that state also gives in the article (
    "Russia's defence ministry said ... 58 drones"): one origin, the body's, since the name only
    shortens the body's attribution; not two independent sources. Statements keep the state."""

    def figure(c: Claim) -> tuple[object, ...] | None:
        q = c.quantity
        if c.kind != "quantity" or q is None or q.value is None:
            return None
        return (q.value, q.unit, c.subject.normalized, c.event)

    bodies: dict[tuple[str, tuple[object, ...]], set[Origin]] = defaultdict(set)
    for c in claims:
        origin, key = chained.get(c.claim_id), figure(c)
        if origin is None or key is None:
            continue
        country = resolver.state_body(origin)
        if country:
            bodies[(country, key)].add(origin)
    if not bodies:
        return
    for c in claims:
        origin, key = chained.get(c.claim_id), figure(c)
        if origin is None or key is None:
            continue
        country = resolver.state_named(origin)
        found = bodies.get((country, key)) if country else None
        if found is not None and len(found) == 1:
            chained[c.claim_id] = next(iter(found))


def _names_nobody(claim: Claim) -> bool:
    """Whether a claim's chain names nobody: sources without a letter are figures the extractors
    took for speakers ("22 still missing, 26 confirmed dead": "26"), so the chain is lost."""
    return not any(any(ch.isalpha() for ch in (s.name or s.text or "")) for s in claim.attribution)


def _origin(
    resolver: OriginResolver, claim: Claim, outlet: str | None, context: ArticleContext, cited: set[Origin]
) -> Origin:
    """The origin of a claim. A figure its article does not attribute is its outlet's only where
    the outlet says it counted; otherwise it is the one named source the article relays (the
    chain was lost in the writing), or, where the article cites several or none, an unattributed
    origin of its outlet (one outlet repeating its own unsourced figure is one piece of evidence),
    or of its article where the outlet is unknown."""
    if outlet and scope_mod.outlet_counted(claim):
        return resolver.origin_of(
            claim.attribution, claim.article_id, outlet, context, claim.start, claim.sentence
        )
    if len(cited) == 1:
        return next(iter(cited))
    if outlet:
        return Origin(f"outlet:{name_key(outlet)}:unattributed", f"unattributed ({outlet})", "unknown")
    return Origin(f"article:{claim.article_id}:unattributed", "unattributed", "unknown")


@lru_cache(maxsize=1)
def _domain() -> re.Pattern[str]:
    """A web outlet's name ("Pravda.com"), by the domain endings of fusion.yaml."""
    ends = "|".join(re.escape(str(e)) for e in config()["outlet_domains"])
    return re.compile(rf"\.(?:{ends})\b", re.IGNORECASE)


def _stand_in(origin: Origin, outlet: str | None, claim: Claim) -> bool:
    """Whether a chain ends at an outlet standing in for a lost source: the article's own outlet
    or a web outlet ("<outlet>.com revised its figure"), in a sentence that does not say it counted."""
    if origin.type != "media" or scope_mod.outlet_counted(claim):
        return False
    own = outlet is not None and name_key(origin.name) == name_key(outlet)
    return own or bool(_domain().search(origin.name))


# -- 2. items --------------------------------------------------------------------------------------
def read_items(
    claims_by_article: dict[str, list[Claim]], articles: dict[str, ArticleMeta], origins: Origins
) -> list[Item]:
    """Every quantity claim that counts something with an event, read for fusion (``make_item``)
    with what its sentence says of its parts and wholes (``_as_related``); a subject without a
    country takes the country its sentence places the people of a ``place_country_events`` figure
    in, else the one its article gives that subject with the same event elsewhere ("98 drones were
    shot down" in an article on Ukrainian drones shot down that also counts Russian ones launched),
    else with any event; people killed or wounded with no country at all are those of the country
    their sentence places them in, else of the country their article places most
    (``scope.leading_country``),
    so tolls of different wars never make one series."""
    every = [c for cs in claims_by_article.values() for c in cs]
    countries, by_event = article_countries(every), article_countries(every, by_event=True)
    related = _as_related(claims_by_article)
    place_events = config()["place_country_events"]
    theatre_events, theatre_subjects = config()["theatre_events"], config()["theatre_subjects"]
    theatres = {a: scope_mod.leading_country(cs) for a, cs in claims_by_article.items()}
    items: list[Item] = []
    for article_id, group_claims in claims_by_article.items():
        meta = articles.get(article_id) or NO_META
        for stated in group_claims:
            c = related.get(stated.claim_id, stated)
            subj = c.subject
            country = subj.country or (demonym_people(subj.normalized) if subj.normalized else None)
            if country is None and c.event in place_events:
                country = scope_mod.one_country(c)
            if country is None and c.event in theatre_events:
                # "In Lebanon, ... killed two people" in an article on Gaza: Lebanon's dead; "Iran's
                # health ministry said 78 were killed": a state's own body counts its own dead
                if canonical_subject(subj.normalized or "dead", c.event)[0] in theatre_subjects:
                    country = scope_mod.one_country(c) or _state_of(origins, c)
            if country is None and subj.normalized:
                canon, _ = canonical_subject(subj.normalized, c.event)
                country = by_event.get(f"{article_id}\x00{canon}\x00{c.event}") or countries.get(
                    f"{article_id}\x00{canon}"
                )
            if country is None and c.event in theatre_events:
                canon, _ = canonical_subject(subj.normalized or "dead", c.event)
                if canon in theatre_subjects:
                    country = scope_mod.one_country(c) or theatres[article_id]
            it = make_item(
                c, origins.of[c.claim_id], meta.outlet, meta.published or _iso(c.published), country
            )
            if it is not None:
                items.append(it)
    _parts_apart(items)
    _regional_parts(items)
    _condition_groups(items)
    context.mark_increments(items, claims_by_article)
    context.breakdowns_that_add_up(items)
    context.date_background_tolls(items, claims_by_article)
    context.align_restated_days(items)
    return items


def _state_of(origins: Origins, claim: Claim) -> str | None:
    """The one country whose state, government or army speaks in a claim's chain ("Iran says",
    "Iran's health ministry said ..., state media reported"); None for none or several, and without
    a resolver (the topics pass reads subjects only)."""
    resolver = origins.resolver
    if resolver is None:
        return None
    found = set()
    for link in claim.attribution:
        name = link.name or link.text
        if not name or resolver.is_generic(name):
            continue
        origin = resolver.named(name, link.type)
        country = resolver.state_body(origin) or resolver.state_named(origin)
        if country:
            found.add(country)
    return found.pop() if len(found) == 1 else None


def _condition_groups(items: list[Item]) -> None:
    """A figure whose counted people carry a condition word (``condition_groups``: "22 badly
    wounded soldiers") counts that group, scope "group: <word>", apart from the figure of all."""
    groups = config()["condition_groups"]
    for it in items:
        if it.key.scope != "total":
            continue
        word = next((w for w in _words_before_noun(it.claim) if w in groups), None)
        if word is not None and it.key.event not in groups[word]:
            it.key = replace(it.key, scope=f"group: {word}")


def _words_before_noun(claim: Claim) -> list[str]:
    """The words between a claim's figure and its counted noun ("badly wounded" in "22 badly wounded
    Russian soldiers"); none where the noun is not written after the figure."""
    noun = claim.subject.text
    if not noun:
        return []
    after = claim.sentence[claim.end - claim.sentence_start :]
    at = after.find(noun)
    return re.findall(r"[a-z]+", after[:at].lower()) if at >= 0 else []


def _as_related(claims_by_article: dict[str, list[Claim]]) -> dict[str, Claim]:
    """The parts and wholes of the ledger's stated relations as fusion reads them (by claim id):
    a part with what its sentence says of its whole (``_as_part``); the whole of a part of a
    night's rule (intercepted of launched), where it states no event or is named after its part
    with the part's event ("shot down 81 of the 94 missiles"), counts the rule's whole event (the 94
    were launched; "intercepted 337 drones, 126 of them over Kursk" keeps 337 intercepted)."""
    by_id = {c.claim_id: c for cs in claims_by_article.values() for c in cs}
    rules = {r["part"]: r["whole"] for r in config()["daily_parts"]}
    out: dict[str, Claim] = {}
    for part in by_id.values():
        whole = checks_mod.stated_whole(part, by_id)
        if whole is None:
            continue
        out[part.claim_id] = _as_part(part, whole)
        named_after = whole.event == part.event and part.start < whole.start
        if part.event in rules and (named_after or whole.event in (None, "other")):
            out[whole.claim_id] = replace(whole, event=one_of(rules[part.event], EVENTS, "event"))
    return out


def _as_part(claim: Claim, whole: Claim) -> Claim:
    """A part read with what its sentence says of its whole ("35 drones, of which 31 were shot
    down", "40 people, of whom 12 were children"): the whole's subject where the part counts no
    noun of its own, the whole's event where the part states none."""
    subject = claim.subject if claim.subject.normalized else whole.subject
    event = whole.event if claim.event in (None, "other") else claim.event
    return replace(claim, subject=subject, event=event)


def _parts_apart(items: list[Item]) -> None:
    """A part that would count the same thing as its whole ("31 of 35 soldiers were killed") is a
    group inside it, checked against it, never its rival: scope "part: <place>" where a place of its
    sentence is named right after it ("126 of them over the Kursk region"), else "part: of <the whole
    as written>"."""
    read = {it.claim_id: it for it in items}
    for it in items:
        whole = read.get(it.claim.part_of or "")
        if whole is not None and whole.key == it.key and whole.claim.quantity is not None:
            group = _place_after(it.claim) or f"of {whole.claim.quantity.text}"
            it.key = replace(it.key, scope=f"part: {group}")


#: Gazetteer features that name a whole country (or none): a toll placed only so is a total.
WHOLE_PLACES = frozenset(("country", "continent", "region"))


def _regional_parts(items: list[Item]) -> None:
    """A toll an article breaks down by place is a part of the article's toll for the whole: beside
    "the toll rose to 303" (no place, or only the country), "North Sumatra had 166 deaths" and "87
    of the fatalities were in Kerr County" count one province or county each, ``part: <place>``,
    checked against the total and never its rivals; so do a night's drones downed by region. Only
    events of ``breakdown_events`` (tolls, drones and missiles launched, downed or destroyed) of one
    article, key and day, and only figures below the article's largest figure placed as a whole (a
    count of the whole war, "in the conflict", is no such toll: beside it, the toll of an attack in
    El Fasher is the article's own)."""
    events = frozenset(config()["breakdown_events"])
    groups: dict[tuple[str, Key, date], list[Item]] = defaultdict(list)
    for it in items:
        if it.key.event in events and it.key.scope == "total":
            groups[(it.claim.article_id, it.key, it.day)].append(it)
    for members in groups.values():
        if len(members) < 2:
            continue
        local = {it.claim_id: _sub_country_place(it.claim) for it in members}
        wholes = [
            it.best for it in members if local[it.claim_id] is None and not scope_mod.is_campaign(it.claim)
        ]
        if not wholes:
            continue
        for it in members:
            name = local[it.claim_id]
            if name is None or it.best >= max(wholes):
                continue
            # the article's own town: another figure as large says it there too
            if not any(o is not it and local[o.claim_id] == name and o.best >= it.best for o in members):
                it.key = replace(it.key, scope=f"part: {name}")


def _sub_country_place(claim: Claim) -> str | None:
    """The name of the one place below country level a claim's sentence names (a province, county
    or town), or None where it names none or several."""
    names = {
        p.name
        for p in claim.places
        if p.name and (scope_mod.place_info(p.gazetteer_id) or ("country", None))[0] not in WHOLE_PLACES
    }
    return names.pop() if len(names) == 1 else None


def _place_after(claim: Claim) -> str | None:
    """The name of the claim's place written first within ``PART_PLACE_CHARS`` characters after its
    figure, if any."""
    after = claim.sentence[claim.end - claim.sentence_start :][:PART_PLACE_CHARS]
    found = [(after.find(p.text), p.name) for p in claim.places if p.text and p.text in after]
    return min(found)[1] if found else None


# -- 3. incidents ----------------------------------------------------------------------------------
def scope_incidents(items: list[Item], claims_by_article: dict[str, list[Claim]], origins: Origins) -> Scoped:
    """Neutral nouns ("the dead") adopted by their article's subject, incident figures scoped to
    their incident, daily figures (drones launched) to their night, a local authority named without
    its town merged with the one named with it, and a figure whose chain was lost taken as the echo
    of the one origin that gave it elsewhere."""
    scope_mod.adopt_neutral(items, frozenset(str(w) for w in config()["neutral_subjects"]))
    incidents = scope_mod.assign_incidents(items, claims_by_article)
    scope_mod.scope_nights(items)
    _local_authorities(items, incidents, origins.of)
    _echoes_of_lost_chains(items, origins.of)
    return Scoped(items, incidents)


def _stands_in(origin: Origin) -> bool:
    """Whether an origin only stands in for a lost chain: a generic source left to its article
    ("officials said") or an outlet's unattributed figure."""
    return origin.key.startswith("article:") or origin.key.endswith(":unattributed")


def _echoes_of_lost_chains(items: list[Item], origin_of: dict[str, Origin]) -> None:
    """A figure whose chain was lost ("officials said", or no source at all) that states the same
    figure, for the same quantity, on the day one named origin gave it in another article or the
    day after (an echo never comes first) is that origin's echo: three outlets repeating one agency are one origin even when
    one of them drops the agency. Where two named origins gave that figure it stays as it is."""
    named: dict[tuple[object, ...], list[Item]] = defaultdict(list)
    for it in items:
        if not _stands_in(it.origin):
            named[_figure(it)].append(it)
    for it in items:
        if not _stands_in(it.origin):
            continue
        given = [
            other
            for other in named.get(_figure(it), [])
            if other.claim.article_id != it.claim.article_id and it.key.country in (None, other.key.country)
        ]
        sources = {other.origin for other in given if 0 <= (it.day - other.day).days <= 1}
        if len(sources) != 1 and _restates_past(it):
            sources = _first_to_give(it, given)
        if len(sources) == 1:
            it.origin = sources.pop()
            origin_of[it.claim_id] = it.origin


def _restates_past(item: Item) -> bool:
    """Whether a figure is dated by its sentence before its article ("the two soldiers captured in
    January", in a March story): background restating what was announced then."""
    return item.published is not None and (item.published - item.day).days > 1


def _first_to_give(item: Item, given: list[Item]) -> set[Origin]:
    """The origin that gave a figure first, on or before the day a restatement dates it: the one
    named origin of that day, else of those the one echoed by the most articles (then by name, so
    runs agree); none where no named origin gave it by then."""
    before = [other for other in given if other.day <= item.day]
    if not before:
        return set()
    first = min(other.day for other in before)
    articles: dict[Origin, set[str]] = defaultdict(set)
    for other in given:
        articles[other.origin].add(other.claim.article_id)
    day_one = {other.origin for other in before if other.day == first}
    return {min(day_one, key=lambda o: (-len(articles[o]), o.name))}


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


def _figure(item: Item) -> tuple[object, ...]:
    """What an echo repeats: the quantity (its key without the country an echo may drop) and the
    figure as stated."""
    key = item.key
    return (key.subject, key.event, key.unit, key.scope, key.incident, item.low, item.best, item.high)


def as_of_items(items: list[Item], as_of: date | None) -> list[Item]:
    """The items dated on or before ``as_of`` (all without it)."""
    return items if as_of is None else [i for i in items if i.day <= as_of]


def as_of_claims(claims: list[Claim], as_of: date | None) -> list[Claim]:
    """The claims published on or before ``as_of`` (all without it, and those without a date)."""
    return claims if as_of is None else [c for c in claims if (_iso(c.published) or as_of) <= as_of]


# -- 4. clusters -----------------------------------------------------------------------------------
def cluster(items: list[Item], claims: list[Claim]) -> dict[Key, list[Item]]:
    """Items grouped into tracked quantities by ``Key``; the countries each article mentions let a
    subject without a country join its article's."""
    mentioned: dict[str, set[str]] = defaultdict(set)
    for c in claims:
        for p in c.places:
            if p.country:
                mentioned[c.article_id].add(p.country)
        if c.subject.country:
            mentioned[c.article_id].add(c.subject.country)
    return _days_apart(group(items, mentioned))


def _days_apart(clusters: dict[Key, list[Item]]) -> dict[Key, list[Item]]:
    """A toll dated to one day that is under a tenth of the median of its series' tolls to date
    within a month ("shelling killed 7 on Tuesday" beside "13,000 killed since the invasion")
    counts that day: it moves to a part of its own, ``part: on <day>``, checked against the
    total, not a rival."""
    cfg = config()
    out: dict[Key, list[Item]] = defaultdict(list)
    for key, members in clusters.items():
        if key.scope != "total" or key.incident or key.event not in cfg["cumulative_events"]:
            out[key].extend(members)
            continue
        to_date = [i for i in members if scope_mod.event_day(i.claim) is None]
        for it in members:
            day = scope_mod.event_day(it.claim)
            if day is not None:  # only a dated toll is compared (the series' tolls: per dated toll)
                totals = [t.best for t in to_date if abs((t.day - it.day).days) <= 31]
                if totals and it.best * 10 < median(totals):
                    it.key = replace(key, scope=f"part: on {day.isoformat()}")
            out[it.key].append(it)
    return dict(out)


# -- 5. contradictions and checks ------------------------------------------------------------------
def find(clusters: dict[Key, list[Item]], claims: list[Claim]) -> Findings:
    """Sum, part and subset checks, parts stated in one sentence and night by night, then wholes
    derived from their parts (added to ``clusters``), apparent contradictions across related
    quantities, and stated unit conversions."""
    items = [i for members in clusters.values() for i in members]
    cross = (
        checks_mod.sum_checks(clusters)
        + checks_mod.part_checks(clusters)
        + checks_mod.subset_checks(clusters)
        + checks_mod.part_whole_checks(claims, items)
        + checks_mod.daily_part_checks(clusters)
    )
    cross += checks_mod.derive_totals(clusters)
    return Findings(cross, checks_mod.unit_checks(claims), contra_mod.across(clusters))


# -- 6. tracked quantities: estimates and timelines ------------------------------------------------
def track_clusters(
    clusters: dict[Key, list[Item]],
    incidents: dict[str, scope_mod.Incident],
    findings: Findings,
    as_of: date | None,
    known: dict[str, Print] | None = None,
) -> Tracked:
    """One tracked quantity per cluster (most claims first) and one per narrower place named in
    enough of its articles, linked to it as a sub-scope; quantities left without claims are dropped.
    With ``known`` (the prints of a stored run), a cluster whose inputs digest as before is not
    computed again: its ids are listed and the stored quantities stand."""
    out = Tracked([], {})
    for key in sorted(clusters, key=lambda k: (-len(clusters[k]), repr(k))):
        members = clusters[key]
        tid = tracked_id(key)
        incident = incidents.get(key.incident) if key.incident else None
        mine = findings.checks_of(members)
        across = findings.across.get(key, [])
        digest = None if known is None else _digest(tid, key, members, incident, across, mine)
        old = None if known is None else known.get(tid)
        if old is not None and old[0] == digest:
            out.ids.extend(old[1])
            out.parents.update({sub: tid for sub in old[1][1:]})
            out.prints[tid] = old
            continue
        made = _track_one(tid, key, members, incidents, across, mine, as_of)
        made = [t for t in made if t.claims]
        out.quantities.extend(made)
        out.ids.extend(t.id for t in made)
        out.parents.update({t.id: tid for t in made[1:]})
        if digest is not None:
            out.prints[tid] = (digest, [t.id for t in made])
    return out


def _track_one(
    tid: str,
    key: Key,
    members: list[Item],
    incidents: dict[str, scope_mod.Incident],
    across: list[Contradiction],
    mine: list[Check],
    as_of: date | None,
) -> list[TrackedQuantity]:
    """A cluster's tracked quantity, then one per narrower place (its sub-scopes)."""
    place, children = _place_scope(members, key, incidents)
    word = incidents[key.incident].word if key.incident in incidents else None
    out = [_tracked(tid, key, members, place, across, mine, as_of, word)]
    for gid, name, country in children:
        sub = [i for i in members if any(p.gazetteer_id == gid for p in i.claim.places)]
        out.append(_tracked(f"{tid}.{_slug(name)}", key, sub, TrackedPlace(name, country), [], mine, as_of))
    return out


def _digest(
    tid: str,
    key: Key,
    members: list[Item],
    incident: scope_mod.Incident | None,
    across: list[Contradiction],
    mine: list[Check],
) -> str:
    """A digest of everything a cluster's tracked quantities are computed from: its items in order
    (each with its claim as read, origin, key, day and figures), its incident, and the cross
    contradictions and checks that name it. Stable across processes (``serial.digest``)."""
    return serial.digest((tid, key, members, incident, across, mine))


def _tracked(
    tid: str,
    key: Key,
    items: list[Item],
    place: TrackedPlace | None,
    extra_contradictions: list[Contradiction],
    extra_checks: list[Check],
    as_of: date | None,
    incident_word: str | None = None,
) -> TrackedQuantity:
    """One tracked quantity of items already limited to ``as_of``: its estimate, timeline, origins,
    contradictions and the checks that name its claims."""
    claim_ids = _ids(items)
    ids = set(claim_ids)
    checks = [c for c in extra_checks if not ids.isdisjoint(c.claims)] + checks_mod.circular_checks(items)
    return TrackedQuantity(
        id=tid,
        label=label_for(key, place.name if place else None, incident_word),
        event=key.event,
        subject=Subject(key.subject, key.country),
        place=place,
        claims=tuple(claim_ids),
        estimate=estimate(items, key, as_of),
        timeline=timeline(items, as_of),
        origins=_origin_refs(items),
        independent_origins=len({i.origin.key for i in items}),
        contradictions=tuple(contra_mod.within(items) + extra_contradictions),
        checks=tuple(checks),
    )


@lru_cache(maxsize=512)
def _country_name(code: str) -> str:
    """A country's name from the gazetteer, else its code."""
    from ..geo.gazetteer import get_gazetteer

    entry = get_gazetteer().country(code)
    return entry.name if entry else code


def _place_scope(
    items: list[Item], key: Key, incidents: dict[str, scope_mod.Incident]
) -> tuple[TrackedPlace | None, list[tuple[str, str, str]]]:
    """The place of a tracked quantity (its incident's town, else a country most of its claims
    name) and its narrower places named in enough articles: [(gazetteer_id, name, country)]."""
    if key.incident and key.incident in incidents:
        place = incidents[key.incident].place
        return TrackedPlace(place["name"], place.get("country")), []
    foreign = config()["foreign_place_events"]
    votes: Counter[str] = Counter()
    subs: dict[str, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    for it in items:
        seen = set()
        for p in it.claim.places:
            country = p.country
            if not country or (key.event in foreign and country == key.country):
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
    children = []
    for gid, arts in sorted(subs.items()):
        info = scope_mod.place_info(gid)
        if len(arts) >= MIN_SUBSCOPE_ARTICLES and info and info[1] == country:
            children.append((gid, names[gid], country))
    return TrackedPlace(_country_name(country), country), children


def _ids(items: list[Item]) -> list[str]:
    """The claim ids behind items, in order, once each (a derived figure names its parts)."""
    return list(dict.fromkeys(cid for i in items for cid in i.claim_ids))


def _origin_refs(items: list[Item]) -> tuple[OriginRef, ...]:
    """The origins of a tracked quantity with their claims and articles, most claims first."""
    by: dict[str, list[Item]] = defaultdict(list)
    for it in items:
        by[it.origin.key].append(it)
    out = [
        OriginRef(
            name=group_[0].origin.name,
            type=group_[0].origin.type,
            claims=tuple(_ids(group_)),
            articles=tuple(sorted({i.claim.article_id for i in group_})),
        )
        for group_ in by.values()
    ]
    return tuple(sorted(out, key=lambda o: (-len(o.claims), o.name)))


def _slug(text: str) -> str:
    """A place name as an id suffix ("Kursk Oblast" -> "kursk-oblast")."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "place"


# -- 7. grades -------------------------------------------------------------------------------------
def credibilities(clusters: dict[Key, list[Item]], as_of: date | None) -> dict[str, int]:
    """Admiralty credibility (1-6) of each figure from its agreement with the other origins of its
    tracked quantity (the widest scope); a derived figure grades no claim of its own."""
    cred: dict[str, int] = {}
    for key, members in clusters.items():
        odd = outliers(members, key, as_of)
        out_ids = {i.claim_id for i in odd}
        agree = agreement(members, frozenset(i.origin.key for i in odd))
        for it in members:
            if it.parts:
                continue
            a, d = agree.get(it.claim_id, (0, 0))
            cred[it.claim_id] = credibility(it, a, d, it.claim_id in out_ids)
    return cred


def grade_claims(
    claims: list[Claim],
    origins: Origins,
    cred: dict[str, int],
    articles: dict[str, ArticleMeta],
    grades: dict[str, str],
) -> dict[str, Grade]:
    """The Admiralty grade of every claim: the user's reliability grade of its origin (any
    spelling), speaker or outlet (F without one), and its credibility (6 when it was not judged)."""
    spellings = origins.resolver.grading_keys()
    keys_of: dict[Origin, set[str]] = {}
    out: dict[str, Grade] = {}
    for c in claims:
        origin = origins.of[c.claim_id]
        keys = keys_of.get(origin)
        if keys is None:
            keys = spellings.get(origin, set()) | {name_key(origin.name), origin.key.split(":", 1)[-1]}
            keys_of[origin] = keys
        speaker = (c.attribution[0].name if c.attribution else None) or None
        outlet = (articles.get(c.article_id) or NO_META).outlet
        reliability = reliability_of(grades, keys, speaker, outlet) if grades else "F"
        out[c.claim_id] = Grade(reliability, cred.get(c.claim_id, 6))
    return out


# -- 8. the ledger's origins and checks ------------------------------------------------------------
def ledger_origins(
    claims: list[Claim], origin_of: dict[str, Origin], articles: dict[str, ArticleMeta]
) -> tuple[LedgerOrigin, ...]:
    """Every merged origin of the ledger: its claims, articles and outlets, most articles first."""
    by: dict[Origin, list[Claim]] = defaultdict(list)
    for c in claims:
        by[origin_of[c.claim_id]].append(c)
    out = []
    for origin, cs in by.items():
        arts = sorted({c.article_id for c in cs})
        outlets = sorted({o for a in arts if (o := (articles.get(a) or NO_META).outlet)})
        out.append(
            LedgerOrigin(
                key=origin.key,
                name=origin.name,
                type=origin.type,
                claims=tuple(c.claim_id for c in cs),
                articles=tuple(arts),
                outlets=tuple(outlets),
            )
        )
    return tuple(sorted(out, key=lambda o: (-len(o.articles), -len(o.claims), o.name)))


def ledger_checks(findings: Findings, tracked: Tracked) -> tuple[Check, ...]:
    """Every check of the ledger: stated conversions, cross checks, and the circular-reporting
    checks of the widest scopes (a sub-scope repeats its parent's)."""
    out = findings.unit_checks + findings.cross_checks
    for t in tracked.quantities:
        if t.id not in tracked.parents:
            out += [c for c in t.checks if c.kind == "circular_reporting"]
    return tuple(out)


def _iso(value: str | None) -> date | None:
    """An ISO date text as a date; None when missing or not a date."""
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
