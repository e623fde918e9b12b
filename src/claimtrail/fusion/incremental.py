"""Incremental fusion with its state persisted in the ledger.

The unit of re-fusion is the **component**: a connected set of articles, two articles joined when
they share a topic. An article's topics are the merged subjects its figures count after the
per-article stages (``stages.read_items`` and the neutral nouns it adopts: "troop", "drone",
"person"), plus the one topic ``~incident`` when it has a killed, wounded or casualties figure (an
incident's town and first day are found across subjects), or ``~article:<id>`` when it has none.
Every link fusion makes between claims stays inside a component: within an article (its context,
parts and wholes, neutral nouns), within a merged subject (clusters, echoes, owners, sums, parts,
subsets, contradictions across scopes, credibility) and between the incident figures of a town. Each component
is fused on its own (``parts.fuse_parts``) and stored (``store/fusion_state.py``); the ledger's
fusion is the merge of its components' parts. So adding, deleting or correcting an article re-fuses
exactly the components it was and is in, and the result equals a full run by construction: a full
run (``rebuild``) is the same per-component fusion of every component.

What a component does not share with others: origin names are merged within it (a source spelled
two ways in two components is two origins there, and a grade given under one spelling reaches the
other only through the institutions table), and a local authority named without its town is matched
within it. The ledger-wide lists (``FusionResult.checks``, ``origins``) are merged from the
components in component order.

Inside a re-fused component, a tracked quantity whose inputs are unchanged is not computed again:
each widest scope is stored with a print (``stages.Print``: a digest of its items, incident and the
cross findings naming it, and the ids it gave), and its stored row stands (``ComponentRow.kept``).
A full run has no prints to reuse and streams: topics as the claims are read in ledger order, then one
component's claims at a time (``state.component_claims``), so memory holds one component.

``as_of`` queries are not persisted: ``api.run`` recomputes them (and caches them per stamp).
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from functools import cache, partial
from pathlib import Path
from typing import Any, TypeVar, cast

from .. import resources
from ..model import Claim
from ..store import fusion_state as state
from ..store import topics as topics_store
from ..store.ledger import Ledger
from ..store.rows import name_key
from . import scope as scope_mod
from . import serial, stages
from . import workers as pool
from .cluster import Item
from .config import config
from .origins import Origin
from .parts import FusedParts, fuse_parts
from .results import (
    Check,
    Contradiction,
    Estimate,
    FusionResult,
    Grade,
    LedgerOrigin,
    OriginRef,
    Subject,
    TimelinePoint,
    TrackedPlace,
    TrackedQuantity,
)
from .stages import ArticleMeta

#: The format of the stored state; a stored state of another version is rebuilt on the next read.
STATE_VERSION = "3"  # 2: incident topics by town; 3: tracked bodies only in rows, with prints
INCIDENT_TOPIC = "~incident"
PENDING_TOPIC = "~pending"
_STUB = Origin("topic", "topic", "unknown")
_LOCK = threading.Lock()
T = TypeVar("T")


# -- topics and components ---------------------------------------------------------------------
def article_topics(article_id: str, claims: list[Claim], meta: ArticleMeta | None) -> set[str]:
    """The topics of one article (see the module docstring): what joins it to other articles."""
    by_article = {article_id: claims}
    origins = stages.Origins(cast(Any, None), defaultdict(lambda: _STUB))
    items = stages.read_items(by_article, {article_id: meta or stages.NO_META}, origins)
    scope_mod.adopt_neutral(items, frozenset(str(w) for w in config()["neutral_subjects"]))
    topics = {it.key.subject for it in items} | _incident_towns(items, claims)
    return topics or {f"~article:{article_id}"}


def _store_topics(
    article_id: str, claims: list[Claim], outlet: str | None, published: date | None
) -> set[str]:
    """``article_topics`` as the ledger's writer calls it (``store/topics.py``)."""
    return article_topics(article_id, claims, ArticleMeta(outlet, published))


#: The version of ``article_topics``' code: bump it with any change of code that changes what
#: ``article_topics`` finds (it follows the state's format too).
TOPICS_CODE = f"{STATE_VERSION}.1"


@cache
def topics_version() -> str:
    """The version the writer's topic rows are stored under: ``TOPICS_CODE`` and a digest of every
    data file (word lists, tables), so an edited list makes the next full run find every article's
    topics from its claims again (rows of another version are not used)."""
    folder = Path(resources.__file__).parent
    data = hashlib.blake2b(digest_size=8)
    for path in sorted(p for p in folder.iterdir() if p.is_file() and p.suffix != ".py"):
        data.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return f"{TOPICS_CODE}.{data.hexdigest()}"


topics_store.register(topics_version, _store_topics)


def _incident_towns(items: list[Item], claims: list[Claim]) -> set[str]:
    """The incident topics of an article, as ``scope.assign_incidents`` places its killed, wounded
    or casualties figures: ``~incident:<town>`` where a figure opens or joins an incident by its
    own incident word and town or by its article's dominant incident; ``~pending:<town>`` where a
    figure only names a town, so it joins an incident there only if some article opens one (see
    ``components``)."""
    candidates = [
        it
        for it in items
        if it.key.event in scope_mod._lists()["incident_events"] and not scope_mod.is_campaign(it.claim)
    ]
    if not candidates:
        return set()
    countries = scope_mod.article_countries(claims)
    dominant = scope_mod._article_incident(claims)
    out: set[str] = set()
    for it in candidates:
        word, town = scope_mod.incident_word(it.claim), scope_mod.town_of(it.claim, countries)
        if word and town:
            out.add(f"{INCIDENT_TOPIC}:{town[0]}")
        elif (
            dominant is not None
            and (town is None or town[0] == dominant[1][0])
            and not scope_mod._nationwide(it.claim, town)
        ):
            out.add(f"{INCIDENT_TOPIC}:{dominant[1][0]}")
        elif town is not None:
            out.add(f"{PENDING_TOPIC}:{town[0]}")
    return out


def _linked(topic: str) -> tuple[str, ...]:
    """The stored topics whose articles a topic joins: an incident town joins the articles that
    open or join an incident there and those naming only the town; a town named only joins the
    articles that open an incident there (two that only name it stay apart); any other topic,
    the articles that have it."""
    kind, _, town = topic.partition(":")
    if kind == INCIDENT_TOPIC:
        return topic, f"{PENDING_TOPIC}:{town}"
    if kind == PENDING_TOPIC:
        return (f"{INCIDENT_TOPIC}:{town}",)
    return (topic,)


def components(topics: dict[str, set[str]]) -> list[list[str]]:
    """The articles of ``topics`` split into connected sets (sharing a topic joins two, a town
    named only joins those opening an incident there: ``_linked``), each sorted, in the order of
    their first article id."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        root = x
        while parent.setdefault(root, root) != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    opened = {t for ts in topics.values() for t in ts if t.startswith(INCIDENT_TOPIC + ":")}
    for article_id, ts in topics.items():
        find("a" + article_id)
        for t in ts:
            target = _linked(t)[0] if t.startswith(PENDING_TOPIC + ":") else t
            if target.startswith(INCIDENT_TOPIC + ":") and target not in opened:
                continue  # a town named only, where no article opens an incident
            parent[find("a" + article_id)] = find("t" + target)
    groups: dict[str, list[str]] = defaultdict(list)
    for article_id in topics:
        groups[find("a" + article_id)].append(article_id)
    return sorted((sorted(g) for g in groups.values()), key=lambda g: g[0])


def _reach(
    ledger: Ledger, seeds: set[str], changed: dict[str, set[str]], gone: set[str]
) -> dict[str, set[str]]:
    """Every article connected to the ``seeds`` topics, with its topics: the stored topics, except
    the ``changed`` articles' new ones and without the ``gone`` articles."""
    found: dict[str, set[str]] = {a: ts for a, ts in changed.items()}
    seen_topics: set[str] = set()
    frontier = set(seeds) | {t for ts in changed.values() for t in ts}
    while frontier:
        seen_topics |= frontier
        wanted = {linked for t in frontier for linked in _linked(t)}
        reached = {a for arts in state.articles_with(ledger, wanted).values() for a in arts}
        new = reached - set(found) - gone
        stored = state.topics_of(ledger, new)
        for a in new:
            found[a] = stored.get(a, set())
        frontier = {t for a in new for t in found[a]} - seen_topics
    return found


# -- re-fusing -----------------------------------------------------------------------------------
def refuse_articles(ledger: Ledger, article_ids: Iterable[str], stamp: str | None = None) -> int:
    """Re-fuse the components that the given articles (added, deleted or changed) were and are in,
    and store them; returns how many articles were re-fused. ``stamp`` is the ledger stamp read
    before the articles were read (the state is recorded as current for it)."""
    ids = set(article_ids)
    stamp = stamp or ledger.fusion_stamp()
    with _LOCK:
        meta = ledger.article_meta_of(ids)
        gone = ids - set(meta)
        claims_by_article = stages.by_article(ledger.claims_for_fusion_of(set(meta)))
        changed = {
            a: article_topics(a, claims_by_article.get(a, []), ArticleMeta(*meta[a])) for a in sorted(meta)
        }
        old = state.topics_of(ledger, ids)
        seeds = {t for ts in old.values() for t in ts}
        universe = _reach(ledger, seeds, changed, gone)
        old_components = state.components_of(ledger, set(universe) | ids)
        known = state.prints_of(ledger, old_components)
        grades = _grades(ledger)
        rows = [_fuse_component(ledger, members, grades, known) for members in components(universe)]
        state.save(ledger, changed, gone, old_components, rows, _settings(ledger, stamp))
        return len(universe)


def refuse_claims(ledger: Ledger, claim_ids: Iterable[str], before: str | None = None) -> int:
    """Re-fuse everything the given claims touch (the components of their articles), after they
    changed in place (a desk correction, a review, a source merge); returns the number of articles
    re-fused. The one entry point for code that changes claims without adding or deleting articles.
    ``before``: the ledger stamp read before the change; when the stored state was not current for
    it (something else changed too), nothing is done here and the next read brings it up to date."""
    if before is not None and state.meta(ledger).get("stamp") != before:
        return 0
    stamp = ledger.fusion_stamp()
    return refuse_articles(ledger, state.articles_of_claims(ledger, claim_ids), stamp)


def rebuild(
    ledger: Ledger,
    timings: dict[str, float] | None = None,
    reuse_topics: bool = True,
    workers: int | None = None,
) -> int:
    """A full run: drop the stored state and fuse every component of the ledger again; returns the
    number of components. It streams: the topics are those the writer stored, the others found
    as the claims are read in ledger order (``_stage_all``; all of them with ``reuse_topics``
    False), then each component's claims are read by one query, fused, stored and freed,
    so memory holds one component at a time (per worker), never every claim of the ledger. With
    ``workers`` processes (default ``workers.default_workers()``) the components are read and fused
    in forked workers and stored here in the same order (``fusion/workers.py``). ``timings``, when
    given, gets the seconds of each step added: "topics" (the stored topics read, the missing ones
    found, staged), "read" (the components' claims), "fuse" (fused and serialised; in workers, read
    and fused: "read+fuse") and "store"."""
    clock = _Clock(timings)
    stamp = ledger.fusion_stamp()
    with _LOCK:
        with clock("topics"):
            groups = _stage_all(ledger, reuse_topics)
            grades = _grades(ledger)
        count = workers if workers is not None else pool.default_workers()
        target = pool.usable(ledger, count, ledger.count_claims()) if len(groups) > 1 else None
        if target is not None:
            fused = pool.fuse_all(target, groups, partial(_row, grades=grades), count)
            _store_all(ledger, _timed(fused, clock, "read+fuse"), clock)
        else:
            _store_all(ledger, _timed(_fused(ledger, groups, grades, clock), clock, "fuse"), clock)
        with clock("store"):
            state.set_meta(ledger, _settings(ledger, stamp))
        return len(groups)


def _fused(
    ledger: Ledger, groups: list[list[str]], grades: dict[str, str], clock: _Clock
) -> Iterator[tuple[state.ComponentRow, int]]:
    """Each component read and fused in this process (its row and claim count), in order."""
    for members in groups:
        with clock("read"):
            claims = state.component_claims(ledger, "c:" + members[0])
            found = state.component_meta(ledger, "c:" + members[0])
            meta = {a: ArticleMeta(o, p) for a, (o, p) in found.items()}
        yield _row(members, claims, meta, grades), len(claims)
        del claims, meta


def _timed(rows: Iterator[T], clock: _Clock, step: str) -> Iterator[T]:
    """``rows`` with the time spent waiting for each (less the steps timed inside) added to ``step``."""
    while True:
        with clock(step):
            row = next(rows, None)
        if row is None:
            return
        yield row


def _store_all(ledger: Ledger, fused: Iterable[tuple[state.ComponentRow, int]], clock: _Clock) -> None:
    """Store fused components once they hold ``STORE_BATCH_CLAIMS`` claims (a transaction each)."""
    pending: list[state.ComponentRow] = []
    size = 0
    for row, claims in fused:
        pending.append(row)
        size += claims
        if size >= STORE_BATCH_CLAIMS:
            with clock("store"):
                state.store_components(ledger, pending)
            pending, size = [], 0
    with clock("store"):
        state.store_components(ledger, pending)


class _Clock:
    """Adds the seconds spent in named steps to a dict (nothing without one); a step timed inside
    another is taken out of the outer one."""

    def __init__(self, timings: dict[str, float] | None) -> None:
        self.timings = timings
        self.open: list[tuple[str, float, float]] = []  # step, start, seconds of inner steps

    @contextmanager
    def __call__(self, step: str) -> Iterator[None]:
        self.open.append((step, time.perf_counter(), 0.0))
        try:
            yield
        finally:
            name, start, inner = self.open.pop()
            spent = time.perf_counter() - start
            if self.open:
                outer = self.open[-1]
                self.open[-1] = (outer[0], outer[1], outer[2] + spent)
            if self.timings is not None:
                self.timings[name] = self.timings.get(name, 0.0) + spent - inner


#: A full run stores its fused components once they hold this many claims (one transaction each).
STORE_BATCH_CLAIMS = 20_000
#: A full run reads the claims for the topics this many at a time (in ledger order).
TOPIC_BATCH_CLAIMS = 5_000


def _stage_all(ledger: Ledger, reuse: bool = True) -> list[list[str]]:
    """Every article's topics, staged with the components they give (``state.stage``); returns the
    components. The topics the writer stored are read with one query (``state.stored_topics``;
    not with ``reuse`` False); the others are found from the claims, read once in ledger order and
    ``TOPIC_BATCH_CLAIMS`` at a time (``state.claims_without_topics``: by key, not by lists of
    article ids, which costs a third more), each article's as soon as its claims end (an article's
    claims are consecutive in ledger order; one whose claims come back after another article's is
    read again by id, so the topics are the same either way), and stored for the next full run
    (not those of articles the desk holds rows of). Memory holds one article's claims."""
    meta = ledger.article_meta()
    stored, held = state.stored_topics(ledger, topics_version())
    topics: dict[str, set[str]] = {a: ts for a, ts in stored.items() if a in meta} if reuse else {}
    found_ids: set[str] = set()
    again: set[str] = set()

    def found(article_id: str, claims: list[Claim]) -> None:
        if article_id in found_ids:
            again.add(article_id)
        elif article_id in meta and article_id not in topics:
            topics[article_id] = article_topics(article_id, claims, ArticleMeta(*meta[article_id]))
            found_ids.add(article_id)

    if len(topics) < len(meta):
        reading = (
            state.claims_without_topics(ledger, topics_version(), TOPIC_BATCH_CLAIMS)
            if reuse
            else ledger.claims_for_fusion(batch=TOPIC_BATCH_CLAIMS)
        )
        current: str | None = None
        run: list[Claim] = []
        for c in reading:
            if c.article_id != current:
                if current is not None:
                    found(current, run)
                current, run = c.article_id, []
            run.append(c)
        if current is not None:
            found(current, run)
    for a in sorted(again):
        topics[a] = article_topics(a, ledger.claims_for_fusion_of([a]), ArticleMeta(*meta[a]))
    for a in sorted(set(meta) - set(topics)):  # articles without claims (or only rejected ones)
        topics[a] = article_topics(a, [], ArticleMeta(*meta[a]))
        found_ids.add(a)
    topics = {a: topics[a] for a in sorted(topics)}
    groups = components(topics)
    keep = {} if held is None else {a: topics[a] for a in sorted(found_ids - held)}
    state.stage(ledger, topics, groups, keep, topics_version())
    return groups


def _fuse_component(
    ledger: Ledger, members: list[str], grades: dict[str, str], known: dict[str, stages.Print]
) -> state.ComponentRow:
    """Load and fuse one component, reusing the stored tracked quantities whose inputs are unchanged."""
    meta = {a: ArticleMeta(o, p) for a, (o, p) in ledger.article_meta_of(members).items()}
    return _row(members, ledger.claims_for_fusion_of(members), meta, grades, known)


def _row(
    members: list[str],
    claims: list[Claim],
    meta: dict[str, ArticleMeta],
    grades: dict[str, str],
    known: dict[str, stages.Print] | None = None,
) -> state.ComponentRow:
    """One component fused, as a stored row: its state, the tracked quantities computed anew (as
    rows) and the ids of those reused as stored (``known``: the prints of the stored run)."""
    parts = fuse_parts(claims, meta, grades, known=known or {})
    data = serial.to_text(state_to_json(parts))
    tracked = tuple((t.id, t.label, len(t.claims), serial.to_text(t)) for t in parts.tracked)
    made = {t.id for t in parts.tracked}
    kept = tuple(tid for tid in parts.ids if tid not in made)
    return state.ComponentRow("c:" + members[0], tuple(members), len(claims), data, tracked, kept)


def _grades(ledger: Ledger) -> dict[str, str]:
    return {name_key(g["name"]): g["reliability"] for g in ledger.grades()}


def _grades_mark(ledger: Ledger) -> str:
    """The grades as one text: when it changes, every component is graded again (a full run)."""
    return json.dumps(sorted(_grades(ledger).items()))


def _settings(ledger: Ledger, stamp: str) -> dict[str, str]:
    return {"stamp": stamp, "version": STATE_VERSION, "grades": _grades_mark(ledger)}


# -- reading -------------------------------------------------------------------------------------
def sync(ledger: Ledger) -> str:
    """Bring the stored state up to the ledger: nothing when it is current; re-fuse the components
    of articles added or deleted since; a full run when the grades or the state's format changed or
    the ledger changed in a way no article addition or deletion explains (a desk write nobody
    re-fused). Returns what it did: "current", "incremental" or "full"."""
    stamp = ledger.fusion_stamp()
    stored = state.meta(ledger)
    if stored.get("stamp") == stamp and stored.get("version") == STATE_VERSION:
        return "current"
    if stored.get("version") != STATE_VERSION or stored.get("grades") != _grades_mark(ledger):
        rebuild(ledger)
        return "full"
    changed = state.changed_articles(ledger)
    if not changed:
        rebuild(ledger)
        return "full"
    refuse_articles(ledger, changed, stamp)
    return "incremental"


def current(ledger: Ledger) -> FusionResult:
    """The ledger's fusion from its stored state, brought up to date first (``sync``)."""
    sync(ledger)
    bodies = state.tracked_bodies(ledger)
    return merge([parts_from_json(s, bodies) for _, s in state.states(ledger)])


def merge(parts: list[FusedParts]) -> FusionResult:
    """The components' parts as one ledger's fusion: tracked quantities in the order one run sorts
    them (sub-scopes after their wider scope), grades and parents joined, checks by kind (the
    conversions of every component, then the cross checks, then circular reporting in tracked
    order), origins of one key joined."""
    groups: list[tuple[tuple[int, str], list[TrackedQuantity]]] = []
    for p in parts:
        for t in p.tracked:
            if t.id in p.parents and groups and groups[-1][1][0].id == p.parents[t.id]:
                groups[-1][1].append(t)
            else:
                groups.append((p.order.get(t.id, (0, t.id)), [t]))
    groups.sort(key=lambda g: g[0])
    joined = FusedParts(
        tracked=[t for _, ts in groups for t in ts],
        parents={k: v for p in parts for k, v in p.parents.items()},
        order={},
        grades={k: v for p in parts for k, v in p.grades.items()},
        unit_checks=[c for p in parts for c in p.unit_checks],
        cross_checks=[c for p in parts for c in p.cross_checks],
        origins=_merge_origins([o for p in parts for o in p.origins]),
    )
    return joined.result()


def _merge_origins(origins: list[LedgerOrigin]) -> list[LedgerOrigin]:
    """Origins of one key from several components as one, most articles first."""
    by: dict[str, list[LedgerOrigin]] = defaultdict(list)
    for o in origins:
        by[o.key].append(o)
    out = [
        LedgerOrigin(
            key=key,
            name=same[0].name,
            type=same[0].type,
            claims=tuple(c for o in same for c in o.claims),
            articles=tuple(sorted({a for o in same for a in o.articles})),
            outlets=tuple(sorted({x for o in same for x in o.outlets})),
        )
        for key, same in by.items()
    ]
    return sorted(out, key=lambda o: (-len(o.articles), -len(o.claims), o.name))


# -- the stored form -------------------------------------------------------------------------------
def state_to_json(parts: FusedParts) -> dict[str, Any]:
    """A component's parts as JSON values (its checks and origins left as dataclasses, which
    ``serial.to_text`` writes as objects), without the tracked quantities themselves: their ids in
    order and the prints they were made from (their bodies are rows of their own,
    ``fusion_tracked``, written only when they change)."""
    return {
        "tracked": list(parts.ids),
        "prints": {k: [v[0], list(v[1])] for k, v in parts.prints.items()},
        "parents": parts.parents,
        "order": {k: list(v) for k, v in parts.order.items()},
        "grades": {k: [g.reliability, g.credibility] for k, g in parts.grades.items()},
        "unit_checks": parts.unit_checks,
        "cross_checks": parts.cross_checks,
        "origins": parts.origins,
    }


def parts_from_json(data: dict[str, Any], bodies: dict[str, dict[str, Any]]) -> FusedParts:
    """The inverse of ``state_to_json``, with the tracked quantities' stored ``bodies`` by id."""
    return FusedParts(
        tracked=[_tracked(bodies[tid]) for tid in data["tracked"]],
        parents=dict(data["parents"]),
        order={k: (int(v[0]), str(v[1])) for k, v in data["order"].items()},
        grades={k: Grade(v[0], int(v[1])) for k, v in data["grades"].items()},
        unit_checks=[_check(c) for c in data["unit_checks"]],
        cross_checks=[_check(c) for c in data["cross_checks"]],
        origins=[
            LedgerOrigin(
                o["key"], o["name"], o["type"], tuple(o["claims"]), tuple(o["articles"]), tuple(o["outlets"])
            )
            for o in data["origins"]
        ],
    )


def _check(c: dict[str, Any]) -> Check:
    return Check(kind=c["kind"], claims=tuple(c["claims"]), result=c["result"], detail=c["detail"])


def _tracked(t: dict[str, Any]) -> TrackedQuantity:
    place = t["place"]
    return TrackedQuantity(
        id=t["id"],
        label=t["label"],
        event=t["event"],
        subject=Subject(**t["subject"]),
        place=TrackedPlace(**place) if place else None,
        claims=tuple(t["claims"]),
        estimate=Estimate(**t["estimate"]),
        timeline=tuple(
            TimelinePoint(
                **{
                    **p,
                    "claims": tuple(p["claims"]),
                    "origins": tuple(p["origins"]),
                    "confirmed": tuple(p.get("confirmed", ())),
                }
            )
            for p in t["timeline"]
        ),
        origins=tuple(
            OriginRef(o["name"], o["type"], tuple(o["claims"]), tuple(o["articles"])) for o in t["origins"]
        ),
        independent_origins=int(t["independent_origins"]),
        contradictions=tuple(
            Contradiction((c["claims"][0], c["claims"][1]), c["reason"]) for c in t["contradictions"]
        ),
        checks=tuple(_check(c) for c in t["checks"]),
    )
