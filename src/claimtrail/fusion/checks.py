"""Consistency checks: stated conversions, sums, parts and totals, and echoes of one origin.

* ``unit``: a figure stated in two units side by side ("100 ri (39.3 km)", "20 to 25 kilograms
  (44 to 55 pounds)") is consistent when both convert to the same amount, within the configured
  tolerance or the rounding of the stated figure.
* ``sum``: killed + wounded against casualties (killed or wounded) from the same origin at the same
  time: "300 killed + 2,700 wounded = 3,000; stated 3,000".
* ``part``: a part never exceeds its whole (killed <= casualties) for the same origin and time.
* ``part_whole``: a figure stated as a part of another in one sentence ("shot down 31 of 35
  drones", "of whom 12 were children": ``Claim.part_of``), and per night the figures of a part
  event against its whole's from the same origin (intercepted <= launched, ``daily_parts``): the
  part never above the whole, with its rate ("31 of 35 launched drones intercepted (89%)").
* ``circular_reporting``: one origin repeated by several articles counts once; consistent when the
  echoes repeat the same figure, inconsistent when they disagree (a misquote or a lost revision).

Every check is a ``results.Check``: its kind, claims, result (consistent or inconsistent) and detail.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Any

from ..model import Claim, Quantity
from . import scope as scope_mod
from .cluster import Item, Key, interval, plural
from .config import config
from .contradictions import fmt, representatives
from .results import Check
from .timeline import usable

ADJACENT_CHARS = 30  # how far apart the two figures of a stated conversion may be
SUM_DAYS = 3  # figures of one origin this many days apart count as the same time for a sum


def _decimals(value: float) -> int:
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return len(text.split(".")[1]) if "." in text else 0


def _n(x: float) -> str:
    return f"{x:,.0f}" if abs(x - round(x)) < 1e-9 else f"{x:,.2f}".rstrip("0").rstrip(".")


def _bounds(q: Quantity) -> list[tuple[float, float]]:
    """(stated, converted) pairs of a quantity: the value, or low and high of a range."""
    value, norm = q.value, q.normalized_value
    if value in (None, 0) or norm is None:
        return []
    factor = float(norm) / float(value)
    if q.low is not None and q.high is not None:
        return [(float(q.low), float(q.low) * factor), (float(q.high), float(q.high) * factor)]
    return [(float(value), float(norm))]


def unit_checks(claims: list[Claim]) -> list[Check]:
    """Stated conversions: two figures of the same dimension in different units, side by side."""
    tolerance = float(config()["conversion_tolerance"])
    by_sentence: dict[tuple[str, int], list[Claim]] = defaultdict(list)
    for c in claims:
        q = c.quantity
        if c.kind == "quantity" and q and q.unit and q.normalized_unit:
            by_sentence[(c.article_id, c.sentence_start)].append(c)
    out = []
    for group in by_sentence.values():
        if len(group) < 2:
            continue
        group.sort(key=lambda c: c.start)
        for a, b in zip(group, group[1:], strict=False):
            qa, qb = a.quantity, b.quantity
            assert qa is not None and qb is not None  # grouped above: both are figures with units
            if qa.normalized_unit != qb.normalized_unit or qa.unit == qb.unit:
                continue
            if b.start - a.end > ADJACENT_CHARS:
                continue
            pa, pb = _bounds(qa), _bounds(qb)
            if not pa or len(pa) != len(pb):
                continue
            ok = True
            parts = []
            for (sa, na), (sb, nb) in zip(pa, pb, strict=True):
                step = 0.5 * 10 ** (-_decimals(sb)) * (nb / sb if sb else 1.0)
                if qb.approximate or qa.approximate:
                    step = max(step, 0.05 * abs(nb))
                allowed = max(tolerance * max(abs(na), abs(nb)), step)
                good = abs(na - nb) <= allowed + 1e-9
                ok = ok and good
                parts.append(
                    f"{_n(sa)} {qa.unit} = {_n(na)} {qa.normalized_unit}, stated as {_n(sb)} {qb.unit} "
                    f"= {_n(nb)} {qb.normalized_unit}"
                )
            out.append(
                Check(
                    kind="unit",
                    claims=(a.claim_id, b.claim_id),
                    result="consistent" if ok else "inconsistent",
                    detail="; ".join(parts),
                )
            )
    return out


def _index(items: list[Item], key: Any) -> dict[Any, list[Item]]:
    out: dict[Any, list[Item]] = defaultdict(list)
    for it in items:
        out[key(it)].append(it)
    return out


def sum_checks(clusters: dict[Key, list[Item]]) -> list[Check]:
    """Parts added up against their stated whole, per origin, at the same time (configured sums)."""
    tolerance = float(config()["sum_tolerance"])
    by_family: dict[tuple[str, str | None, str | None, str], dict[str, list[Item]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for key, items in clusters.items():
        if key.scope != "total":
            continue
        for it in items:
            if usable(it):
                by_family[(key.subject, key.country, key.unit, key.incident)][key.event].append(it)
    out: list[Check] = []
    for events in by_family.values():
        for rule in config()["sums"]:
            parts, whole = rule["parts"], rule["whole"]
            if not all(events.get(p) for p in parts) or not events.get(whole):
                continue
            first = parts[0]
            seen: set[tuple[str, ...]] = set()
            by_article: dict[str, dict[tuple[str, str], list[Item]]] = {
                p: _index(events[p], lambda x: (x.origin.key, x.claim.article_id)) for p in parts[1:]
            }
            wholes_by_origin = _index(events[whole], lambda x: x.origin.key)
            for a in events[first]:
                combo = [a]
                for other in parts[1:]:
                    mates = by_article[other].get((a.origin.key, a.claim.article_id), [])
                    if not mates:
                        break
                    combo.append(min(mates, key=lambda x: abs(x.claim.start - a.claim.start)))
                if len(combo) != len(parts):
                    continue
                wholes = [
                    w for w in wholes_by_origin.get(a.origin.key, []) if abs((w.day - a.day).days) <= SUM_DAYS
                ]
                if not wholes:
                    continue
                w = min(
                    wholes,
                    key=lambda x: (x.claim.article_id != a.claim.article_id, abs((x.day - a.day).days)),
                )
                ids = tuple(i.claim_id for i in combo) + (w.claim_id,)
                if ids in seen:
                    continue
                seen.add(ids)
                total = sum(i.best for i in combo)
                ok = abs(total - w.best) <= tolerance * max(w.best, total) or w.overlaps_value(total)
                terms = " + ".join(f"{_n(i.best)} {e}" for i, e in zip(combo, parts, strict=True))
                out.append(
                    Check(
                        kind="sum",
                        claims=tuple(ids),
                        result="consistent" if ok else "inconsistent",
                        detail=f"{terms} = {_n(total)}; {whole} stated by {w.origin.name}: {fmt(w)} "
                        f"({w.day.isoformat()})",
                    )
                )
    return out


def part_checks(clusters: dict[Key, list[Item]]) -> list[Check]:
    """A part never above its whole: the latest figures of one origin, at the same time."""
    same_time = int(config()["same_time_days"])
    index: dict[tuple[str, str | None, str | None, str, str], dict[str, list[Item]]] = defaultdict(dict)
    for key, items in clusters.items():
        if key.scope == "total":
            for it in items:
                if usable(it):
                    index[(key.subject, key.country, key.unit, key.event, key.incident)].setdefault(
                        it.origin.key, []
                    ).append(it)
    out = []
    for rule in config()["parts"]:
        for (subject, country, unit, event, incident), origins in list(index.items()):
            if event != rule["part"]:
                continue
            wholes = index.get((subject, country, unit, rule["whole"], incident), {})
            for origin_key, parts in sorted(origins.items()):
                if origin_key not in wholes:
                    continue
                part = parts[-1]
                close = [w for w in wholes[origin_key] if abs((w.day - part.day).days) <= same_time]
                if not close:
                    continue
                whole = min(close, key=lambda w: abs((w.day - part.day).days))
                detail = (
                    f"{rule['part']} {fmt(part)} ({part.day.isoformat()}) within {rule['whole']} "
                    f"{fmt(whole)} ({whole.day.isoformat()}), both from {part.origin.name}"
                )
                out.append(_part_check(part, whole, detail))
    return out


def _part_check(part: Item, whole: Item, detail: str) -> Check:
    """A part check: consistent when the part's lowest reading is not above the whole's highest."""
    ok = part.widened()[0] <= whole.widened()[1]
    return Check(
        kind="part",
        claims=(part.claim_id, whole.claim_id),
        result="consistent" if ok else "inconsistent",
        detail=detail,
    )


def derive_totals(clusters: dict[Key, list[Item]]) -> list[Check]:
    """Wholes derived from their parts where the text gives only the parts: "400 killed and 3,600
    injured" is a point of about 4,000 in the casualties series, naming the claims it adds up.
    Only where the same origin states no whole at the same time (then the sum check compares them).
    Adds the derived figures to ``clusters``; returns one ``derived`` check per figure."""
    out: list[Check] = []
    seen: set[tuple[Any, ...]] = set()
    for rule in config()["sums"]:
        parts, whole = rule["parts"], rule["whole"]
        for key in sorted([k for k in clusters if k.event == parts[0] and k.scope == "total"], key=repr):
            mates = [
                _index(clusters.get(replace(key, event=p), []), lambda x: (x.origin, x.claim.article_id))
                for p in parts[1:]
            ]
            wholes_by = _index(clusters.get(replace(key, event=whole), []), lambda x: x.origin)
            for a in [i for i in clusters[key] if usable(i)]:
                combo = [a]
                for pool in mates:
                    same = pool.get((a.origin, a.claim.article_id))
                    if not same:
                        break
                    combo.append(min(same, key=lambda m: abs(m.claim.start - a.claim.start)))
                if len(combo) != len(parts):
                    continue
                if any(abs((w.day - a.day).days) <= SUM_DAYS for w in wholes_by.get(a.origin, ())):
                    continue
                once = (a.origin.key, a.claim.article_id, tuple(i.best for i in combo))
                if once in seen:
                    continue  # the same parts restated in the article (headline and body)
                seen.add(once)
                derived = _sum_item(combo, replace(key, event=whole))
                clusters.setdefault(derived.key, []).append(derived)
                clusters[derived.key].sort(key=lambda i: (i.day, i.claim_id))
                terms = " + ".join(f"{fmt(i)} {e}" for i, e in zip(combo, parts, strict=True))
                out.append(
                    Check(
                        kind="derived",
                        claims=tuple(derived.parts),
                        result="consistent",
                        detail=f"{terms} = about {_n(derived.best)} {whole}, derived from the parts stated by "
                        f"{a.origin.name} ({a.day.isoformat()}); no whole was stated",
                    )
                )
    return out


def _sum_item(parts: list[Item], key: Key) -> Item:
    """The derived figure of a whole: the sum of its parts (open bounds stay open)."""
    lows = [i.low for i in parts]
    highs = [i.high for i in parts]
    return replace(
        parts[0],
        key=key,
        best=sum(i.best for i in parts),
        low=None if None in lows else sum(lows),  # type: ignore[arg-type]
        high=None if None in highs else sum(highs),  # type: ignore[arg-type]
        approximate=any(i.approximate for i in parts),
        inferred=False,
        parts=tuple(i.claim_id for i in parts),
        _wide=None,
    )


def subset_checks(clusters: dict[Key, list[Item]]) -> list[Check]:
    """A part inside a total ("three children among the dead", "died in the fire") never above
    the total of the same incident or campaign at the same time, whoever gives either."""
    same_time = int(config()["same_time_days"])
    totals: dict[tuple[str, str | None, str, str | None, str], list[Item]] = {}
    for key, items in clusters.items():
        if key.scope == "total":
            totals[(key.subject, key.country, key.event, key.unit, key.incident)] = [
                i for i in items if usable(i)
            ]
    out = []
    for key, items in sorted(clusters.items(), key=lambda kv: repr(kv[0])):
        if not key.scope.startswith("part: "):
            continue
        wholes = totals.get((key.subject, key.country, key.event, key.unit, key.incident)) or []
        for part in representatives([i for i in items if usable(i)]):
            close = [w for w in wholes if abs((w.day - part.day).days) <= same_time]
            if not close:
                continue
            whole = max(close, key=lambda w: (w.best, w.day))
            group = key.scope.split(": ", 1)[1]
            detail = (
                f"{key.event} {fmt(part)} ({group}, {part.origin.name}, {part.day.isoformat()}) "
                f"within the total {fmt(whole)} ({whole.origin.name}, {whole.day.isoformat()})"
            )
            out.append(_part_check(part, whole, detail))
    return out


def _corrects(a: Item, b: Item) -> bool:
    """Whether the later of two figures of one origin says it revised the earlier ("on Saturday it
    corrected its tally to 85"): the origin's own correction, not echoes that disagree."""
    earlier, later = sorted((a, b), key=lambda i: i.day)
    return later.day > earlier.day and scope_mod.states_revision(later.claim)


def circular_checks(items: list[Item]) -> list[Check]:
    """One check per origin repeated by several articles: circular reporting made visible."""
    by_origin: dict[str, list[Item]] = defaultdict(list)
    for it in items:
        by_origin[it.origin.key].append(it)
    out = []
    for group in by_origin.values():
        articles = {i.claim.article_id for i in group}
        if len(articles) < 2:
            continue
        outlets = {i.outlet for i in group if i.outlet}
        figures = representatives(group)
        stated = [i for i in figures if usable(i)]
        # the same figure repeated, or revisions over time, are consistent echoes; two different
        # figures from one origin at the same time are not
        same_time = int(config()["same_time_days"])
        rises = group[0].key.event in config()["cumulative_events"]
        clash = [
            (a, b)
            for n, a in enumerate(stated)
            for b in stated[n + 1 :]
            if not a.overlaps(b)
            and abs((a.day - b.day).days) <= same_time
            and not (rises and b.day > a.day and a.widened()[1] < b.widened()[0])  # a toll that rose
            and not _corrects(a, b)
        ]
        name = group[0].origin.name
        detail = (
            f"{len(articles)} articles from {len(outlets)} outlets repeat one origin, {name}; "
            "they count as one independent source"
        )
        if clash:
            a, b = clash[0]
            detail += f"; but the echoes disagree: {fmt(a)} vs {fmt(b)}"
        out.append(
            Check(
                kind="circular_reporting",
                claims=tuple(i.claim_id for i in group),
                result="inconsistent" if clash else "consistent",
                detail=detail,
            )
        )
    return out


def stated_whole(part: Claim, by_id: dict[str, Claim]) -> Claim | None:
    """The whole a claim's sentence states it is a part of, unless the two count things of two
    different classes ("2,000 troops, including 5 brigades": people and other)."""
    whole = by_id.get(part.part_of) if part.part_of else None
    if whole is None:
        return None
    classes = {part.subject.category, whole.subject.category} - {"other"}
    return whole if len(classes) <= 1 else None


def part_whole_checks(claims: list[Claim], items: list[Item]) -> list[Check]:
    """One check per figure its sentence states as a part of another (``Claim.part_of``): the
    part never above its whole, with its rate ("31 of 35 launched drones intercepted (89%)")."""
    by_id = {c.claim_id: c for c in claims}
    read = {it.claim_id: it for it in items if not it.parts}
    out = []
    for c in claims:
        whole = stated_whole(c, by_id)
        if whole is None or c.quantity is None or whole.quantity is None:
            continue
        part_bounds, whole_bounds = interval(c.quantity), interval(whole.quantity)
        if part_bounds is None or whole_bounds is None:
            continue
        part_item, whole_item = read.get(c.claim_id), read.get(whole.claim_id)
        what = _Named(
            noun=part_item.key.subject if part_item else (c.subject.normalized or whole.subject.normalized),
            part_event=part_item.key.event if part_item else c.event,
            whole_event=whole_item.key.event if whole_item else whole.event,
        )
        said = f"stated in one sentence by {part_item.origin.name}" if part_item else "stated in one sentence"
        out.append(_rate_check((c.claim_id, whole.claim_id), part_bounds, whole_bounds, what, said))
    return out


def daily_part_checks(clusters: dict[Key, list[Item]]) -> list[Check]:
    """Per night, subject and country (``daily_parts``): the latest figure of a part event from an
    origin never above its latest figure of the whole event (intercepted <= launched), with the
    rate. A part stated with that very whole in one sentence is checked by ``part_whole_checks``."""
    out: list[Check] = []
    for rule in config()["daily_parts"]:
        nights = [k for k in clusters if k.event == rule["part"] and k.incident.startswith("day@")]
        for key in sorted(nights, key=repr):
            wholes = {
                w.origin.key: w for w in clusters.get(replace(key, event=rule["whole"]), []) if usable(w)
            }
            parts = {p.origin.key: p for p in clusters[key] if usable(p)}  # in date order: the latest
            for origin_key, part in sorted(parts.items()):
                whole = wholes.get(origin_key)
                if whole is None or part.claim.part_of == whole.claim_id:
                    continue
                what = _Named(key.subject, key.event, whole.key.event)
                said = f"night of {key.incident.split('@')[-1]}, both from {part.origin.name}"
                bounds = (part.best, part.low, part.high), (whole.best, whole.low, whole.high)
                out.append(_rate_check((part.claim_id, whole.claim_id), *bounds, what, said))
    return out


@dataclass(frozen=True)
class _Named:
    """What a part-whole check counts: the subject word and the events of the part and the whole."""

    noun: str | None
    part_event: str | None
    whole_event: str | None

    def phrase(self, part: str, whole: str) -> str:
        """ "31 of 35 launched drones intercepted", "12 of 40 people killed" (labels of fusion.yaml;
        the whole's event before the noun where its label is one word and differs from the part's)."""
        labels = config()["event_labels"]
        noun = plural(self.noun) if self.noun else ""
        before = labels.get(self.whole_event or "", "")
        after = labels.get(self.part_event or "", "")
        if self.whole_event == self.part_event or not before.isalpha():
            before = ""  # "launched drones", never "in training drones"
        if self.part_event in (None, "other"):
            after = ""
        return " ".join(w for w in (part, "of", whole, before, noun, after) if w)


Bounds = tuple[float, float | None, float | None]  # best, low, high (an open side: None)


def _rate_check(claims: tuple[str, str], part: Bounds, whole: Bounds, what: _Named, said: str) -> Check:
    """A part-whole check: consistent when the part's lowest reading is not above the whole's
    highest; the detail gives the rate of the best figures."""
    ok = part[1] is None or whole[2] is None or part[1] <= whole[2]
    rate = f" ({part[0] / whole[0]:.0%})" if whole[0] else ""
    detail = what.phrase(_n(part[0]), _n(whole[0])) + rate
    if not ok:
        detail += ": the part is larger than its whole"
    return Check(
        kind="part_whole",
        claims=claims,
        result="consistent" if ok else "inconsistent",
        detail=f"{detail}; {said}",
    )
