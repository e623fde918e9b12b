"""What a figure is a figure of, read from its own words and its article: the event named next to
it, whether it is a part of a total, whether it belongs to one incident, whether it states a
revision, whether its outlet says it counted.

A tracked quantity is one incident or one campaign. Subject and event alone put a toll of an attack
in one city and a toll of a blast in another, weeks later, in one series; so a figure of an
incident event (killed, wounded, casualties) whose sentence names an incident word (attack, blast,
fire) and a town, or that has no place while its article is about one such incident, is scoped to
that incident: one town within ``incident_window_days`` is one incident. Word lists are in
``resources/fusion.yaml``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from datetime import date
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from ..extract import institutions
from ..model import Claim
from ..store.rows import to_date
from .config import config

if TYPE_CHECKING:
    from .cluster import Item, Key

_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")


@lru_cache(maxsize=4096)
def place_info(gazetteer_id: str | None) -> tuple[str, str | None] | None:
    """(feature, country) of a gazetteer entry, or None if unknown."""
    if not gazetteer_id:
        return None
    try:
        from ..geo.gazetteer import get_gazetteer

        entry = get_gazetteer().get(gazetteer_id)
    except Exception:  # noqa: BLE001 - a missing gazetteer only costs the place scope
        return None
    return (entry.feature, entry.country) if entry else None


@cache
def _lists() -> dict[str, Any]:
    cfg = config()
    incident_words = {str(w).lower(): head for head, ws in cfg["incident_words"].items() for w in ws}
    event_words = {str(w).lower(): ev for ev, ws in cfg["event_words"].items() for w in ws}
    parts = {str(w).lower(): whole for whole, ws in cfg["part_subjects"].items() for w in ws}
    plain = {
        "part_markers": cfg["part_markers"],
        "campaign_words": cfg["campaign_words"],
        "revision_words": cfg["revision_words"],
        "outlet_count_words": cfg["outlet_count_words"],
    }
    words = {k: [str(w).lower() for w in ws] for k, ws in plain.items()}
    return {
        "incident_words": incident_words,
        "event_words": event_words,
        "part_subjects": parts,
        "incident_re": _alternation(incident_words),
        "event_re": _alternation(event_words),
        "in_incident_re": _alternation(
            [f"{p} {w}" for p in ("in the", "in a", "in an") for w in incident_words]
        ),
        **{k + "_re": _alternation(v) for k, v in words.items()},
        "superseded_markers": frozenset(str(w).lower() for w in cfg["superseded_markers"]),
        "incident_events": frozenset(cfg["incident_events"]),
        "window": int(cfg["incident_window_days"]),
        "nationwide": frozenset(str(w) for w in cfg["nationwide_incidents"]),
        "nationwide_window": int(cfg["nationwide_window_days"]),
        "country_window": int(cfg["country_incident_window_days"]),
        "span": int(cfg["event_word_span"]),
    }


def _alternation(phrases: Any) -> re.Pattern[str]:
    """One compiled pattern matching any of the phrases as whole words (longest first)."""
    ordered = sorted({str(p) for p in phrases}, key=len, reverse=True) or ["(?!x)x"]
    body = "|".join(re.escape(p) for p in ordered)
    return re.compile(rf"(?<![a-z0-9])(?:{body})(?![a-z0-9])")


def _has(text: str, pattern: str) -> bool:
    return _lists()[pattern].search(text) is not None


@lru_cache(maxsize=65536)
def _sentence_has(sentence: str, pattern: str) -> bool:
    return _has(sentence.lower(), pattern)


# A day's toll whose day the extractors leave undated ("in the past 24 hours").
_PAST_DAY = re.compile(
    r"\b(?:past|last|previous|preceding)\s+(?:24|twenty-four)\s+hours\b|\b(?:past|last)\s+day\b", re.I
)

# Words that join a clause about another figure: an event word before one of them is that
# figure's ("14 people were killed and 30 wounded": "killed" is not the 30's).
_CLAUSE_JOIN = re.compile(r"\b(?:and|while|whereas|but|with)\b")


# An event word after these names the group a figure is drawn from ("two more *of the injured*").
_GROUP_BEFORE = re.compile(r"\b(?:of|among)\s+(?:the|those)\s*$")


def around(claim: Claim, words: int) -> tuple[str, str]:
    """(the ``words`` words before the figure, the ``words`` words after it), lowercased."""
    sentence = (claim.sentence or "").lower()
    start = max(0, claim.start - claim.sentence_start)
    end = max(start, claim.end - claim.sentence_start)
    if start > len(sentence):  # offsets that do not fit the sentence: read the whole sentence
        return sentence, ""
    before = _WORD.findall(sentence[:start])[-words:]
    after = _WORD.findall(sentence[end:])[:words]
    return " ".join(before), " ".join(after)


def local_event(claim: Claim, event: str | None) -> str | None:
    """The event the words next to the figure name (nearest first), where the extractors gave none
    or gave killed/wounded and the nearest word says the other ("killed 14 and injured 40")."""
    lists = _lists()
    # phrases are matched on the whole sentence, then kept when they start within the span, so a
    # window edge never cuts "killed or wounded" down to "wounded"
    before, after = around(claim, 10**6)
    found: list[tuple[int, str]] = []
    for text, side in ((after, 0), (before, 1)):
        for m in lists["event_re"].finditer(text):
            if side == 1 and _CLAUSE_JOIN.search(text[m.end() :]):
                continue  # "42,603 have been killed and 99,795 injured": the word is the other figure's
            if side == 0 and _CLAUSE_JOIN.search(text[: m.start()]):
                continue  # "killed at least 21 people and injured 83": "injured" is the 83's
            if side == 0 and _GROUP_BEFORE.search(text[: m.start()]):
                continue  # "two more of the injured died": the group they were in, not what befell them
            distance = len(text[: m.start()].split()) if side == 0 else len(text[m.end() :].split())
            if distance < lists["span"]:
                found.append((distance * 2 + side, lists["event_words"][m.group(0)]))
    if not found:
        return event
    nearest = min(found)[1]
    if event in (None, "other"):
        return nearest
    if event in ("killed", "wounded") and nearest in ("killed", "wounded"):
        return nearest
    if event in ("deployed",) and nearest == "training":
        return nearest
    return event


def among_group(claim: Claim) -> bool:
    """Whether the figure counts the group an event happened among, not those it struck ("heavy
    losses among the roughly 12,000 soldiers sent last year"): "among" at most two words before
    the figure with no event word between them."""
    before, _after = around(claim, 3)
    words = before.split()
    if "among" not in words:
        return False
    between = words[len(words) - words[::-1].index("among") :]
    return not _has(" ".join(between), "event_re")


def part_scope(claim: Claim, word: str | None, subject: str) -> tuple[str, str] | None:
    """(the whole's subject, the part's scope) for a figure that is part of a total: a subject
    inside a wider one ("three children"), or a figure after "among the dead", "of whom"."""
    lists = _lists()
    w = (word or "").lower().strip()
    whole = lists["part_subjects"].get(w) or (lists["part_subjects"].get(w[:-1]) if w.endswith("s") else None)
    if whole is not None:
        return whole, f"part: {w}"
    before, after = around(claim, 6)
    m = lists["part_markers_re"].search(before)
    if m is not None:
        return subject, f"part: {m.group(0)}"
    for marker in config()["part_markers_after"]:
        if after.startswith(marker):
            return subject, f"part: {marker}"
    words = after.split()
    if words[:2] == ["more", "of"]:
        # "two more of the injured died": an increment drawn from a group, not the toll ("1,000
        # more have been wounded" beside the dead is a count of its own)
        return subject, "part: more"
    return None


def states_revision(claim: Claim) -> bool:
    """Whether the figure's sentence says its origin revised an earlier figure."""
    return _sentence_has(claim.sentence or "", "revision_words_re")


def superseded(claim: Claim) -> bool:
    """Whether the figure is the one a stated revision replaces ("revised its earlier figure of
    52 to 41": 52; "down from 52": 52)."""
    if not states_revision(claim):
        return False
    markers = _lists()["superseded_markers"]
    before, _after = around(claim, 4)
    for word in reversed(before.split()):
        if word == "to":
            return False
        if word in markers:
            return True
    return False


def outlet_counted(claim: Claim) -> bool:
    """Whether the sentence says the outlet counted the figure itself ("according to our tally")."""
    return _sentence_has(claim.sentence or "", "outlet_count_words_re")


def is_campaign(claim: Claim) -> bool:
    """A count over a whole war or campaign ("since the invasion"), never one incident's."""
    return _sentence_has(claim.sentence or "", "campaign_words_re")


def incident_word(claim: Claim) -> str | None:
    """The incident word of a sentence (its group's head: "attack", "blast", "fire"), if any."""
    heads = _incident_heads(claim.sentence or "")
    return heads[0] if heads else None


@lru_cache(maxsize=65536)
def _incident_heads(sentence: str) -> tuple[str, ...]:
    """The incident heads a sentence names, in text order, once each."""
    lists = _lists()
    found = (lists["incident_words"][m.group(0)] for m in lists["incident_re"].finditer(sentence.lower()))
    return tuple(dict.fromkeys(found))


def sub_incident(claim: Claim) -> str | None:
    """The narrower incident a figure is counted in, inside the sentence's main one: "ten died
    in the fire that followed the attack" -> "fire" (the head right after "in the"/"in a")."""
    if len(_incident_heads(claim.sentence or "")) < 2:
        return None
    lists = _lists()
    _before, after = around(claim, lists["span"] + 3)
    m = lists["in_incident_re"].search(after)
    return lists["incident_words"][m.group(0).split(" ", 2)[2]] if m else None


def town_of(claim: Claim, countries: frozenset[str] = frozenset()) -> tuple[str, str, str | None] | None:
    """(gazetteer id, name, country) of the first town or city the claim's places name, else of a
    town named after a preposition in its sentence ("the attack on Kharkiv")."""
    for p in claim.places:
        gid = p.gazetteer_id
        info = place_info(gid)
        if gid and info and info[0] == "city":
            return gid, p.name or gid, p.country or info[1]
    return town_in_text(claim.sentence or "", countries)


@cache
def _town_pattern() -> tuple[re.Pattern[str], frozenset[str], int]:
    """The town-after-preposition pattern, the capitalised words that are not towns, and the
    smallest population of a town an incident is placed at."""
    cfg = config()
    preps = "|".join(re.escape(str(w)) for w in cfg["town_prepositions"])
    pattern = re.compile(rf"\b(?:{preps})\s+((?:[A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+)?)")
    return (
        pattern,
        frozenset(str(w) for w in cfg["not_towns"]),
        int(cfg["town_min_population"]),
    )


@lru_cache(maxsize=4096)
def town_in_text(
    sentence: str, countries: frozenset[str] = frozenset()
) -> tuple[str, str, str | None] | None:
    """The first town named after a preposition in a sentence, by the gazetteer (a town in a
    country the article names first; elsewhere only a town of some size)."""
    pattern, never, min_pop = _town_pattern()
    try:
        from ..geo.gazetteer import get_gazetteer

        gaz = get_gazetteer()
    except Exception:  # noqa: BLE001 - without a gazetteer, no town from text
        return None
    for m in pattern.finditer(sentence):
        words = m.group(1).split()
        for name in (" ".join(words), words[0]) if len(words) > 1 else (words[0],):
            if name in never:
                continue
            cands = gaz.candidates(name, features=("city",))
            local = [c for c in cands if c.entry.country in countries]
            pick = local[0] if local else next((c for c in cands if c.entry.population >= min_pop), None)
            if pick is not None:
                e = pick.entry
                return e.gazetteer_id, e.name, e.country
    return None


@dataclass
class Incident:
    """One incident: an event word at a town from a first day."""

    key: str
    word: str
    place: dict[str, Any]
    start: date
    event_day: date | None = None  # the one day its figures say it happened, once one does


def _article_incident(claims: list[Claim]) -> tuple[str, tuple[str, str, str | None]] | None:
    """The article's dominant incident: the town its incident sentences name most, with the word
    most used for it."""
    towns: Counter[str] = Counter()
    words: dict[str, Counter[str]] = defaultdict(Counter)
    names: dict[str, tuple[str, str, str | None]] = {}
    countries = article_countries(claims)
    for c in claims:
        word, town = incident_word(c), town_of(c, countries)
        if word and town and not is_campaign(c):
            towns[town[0]] += 1
            words[town[0]][word] += 1
            names[town[0]] = town
    if not towns:
        return None
    gid = towns.most_common(1)[0][0]
    return words[gid].most_common(1)[0][0], names[gid]


def one_country(claim: Claim) -> str | None:
    """The country of a claim's places where they name exactly one ("evacuated from the Sumy
    region": Ukraine), else None."""
    found = {p.country for p in claim.places if p.country}
    return found.pop() if len(found) == 1 else None


def leading_country(claims: list[Claim]) -> str | None:
    """The country an article's sentences place most (each sentence's countries counted once),
    where one leads; None for none or a tie."""
    seen: set[tuple[int, str]] = set()
    for c in claims:
        seen.update((c.sentence_start, p.country) for p in c.places if p.country)
    counts = Counter(code for _, code in seen).most_common(2)
    if not counts or (len(counts) == 2 and counts[0][1] == counts[1][1]):
        return None
    return counts[0][0]


def _article_disaster(claims: list[Claim], lists: dict[str, Any]) -> tuple[str, tuple[str, str, str]] | None:
    """The disaster an article is about, where its sentences name one (``nationwide_incidents``)
    and place it in one leading country: a figure of it whose own sentence names no incident ("the
    death toll has risen to 2,700") is that disaster's."""
    words = Counter(w for c in claims if (w := incident_word(c)) and w in lists["nationwide"])
    code = leading_country(claims) if words else None
    if code is None:
        return None
    return words.most_common(1)[0][0], (f"{COUNTRY}{code}", institutions.table().country_name(code), code)


#: Words of many events: "since" a date, and incident words that name a campaign ("the shelling").
MANY = re.compile(r"\b(since|shelling|bombardment|bombardments|barrage|barrages)\b", re.IGNORECASE)


def _one_event(claim: Claim, lists: dict[str, Any]) -> bool:
    """Whether a sentence with an incident word but no town tells one event ("an airstrike on a
    village killed 8", "the toll of the strike on the market rose to 34"), not a tally of many
    ("the toll from Israeli strikes rose to 9,770", "since October 7 Israeli bombardment has
    killed"): no plural incident word, no "since", no campaign-like word."""
    sentence = (claim.sentence or "").lower()
    said = [m.group(0) for m in lists["incident_re"].finditer(sentence)]
    plural = any(w.endswith("s") and w[:-1] in lists["incident_words"] for w in said)
    return not plural and not MANY.search(sentence)


#: The prefix of an incident "town" that is a whole country (a disaster, or no town named).
COUNTRY = "country:"


def _country_incident(it: Item, word: str | None, lists: dict[str, Any]) -> tuple[str, str, str] | None:
    """The country an incident word with no town scopes a figure to: the owner of the counted
    people (a theatre for people with none) or the one country its sentence places it in; None
    without an incident word or a country. Its "town" is the country: ``country:<code>``."""
    if not word:
        return None
    code = it.key.country or one_country(it.claim)
    if code is None:
        return None
    return (f"{COUNTRY}{code}", institutions.table().country_name(code), code)


def assign_incidents(items: list[Item], claims_by_article: dict[str, list[Claim]]) -> dict[str, Incident]:
    """Scope each incident-event figure to its incident (its own town and word, else its article's
    dominant incident); figures of one town within the window are one incident across articles.
    A disaster (``nationwide_incidents``: an earthquake, floods) is one incident of its country
    for ``nationwide_window_days``; an incident word with no town in the figure's sentence or
    article is its country's incident of that day (``country_incident_window_days``).
    A figure that names another incident word than its article's ("died in the fire" in an article
    about an attack) is a part of that incident's toll. Returns the incidents by key."""
    lists = _lists()
    dominant = {a: _article_incident(cs) for a, cs in claims_by_article.items()}
    disasters = {a: _article_disaster(cs, lists) for a, cs in claims_by_article.items()}
    countries = {a: article_countries(cs) for a, cs in claims_by_article.items()}
    placed: list[tuple[Item, str, tuple[str, str, str | None]]] = []
    pending: list[tuple[Item, str]] = []  # a town but no incident word: joins an incident there, if any
    for it in items:
        if it.key.event not in lists["incident_events"] or is_campaign(it.claim):
            continue
        word, town = (
            incident_word(it.claim),
            town_of(it.claim, countries.get(it.claim.article_id, frozenset())),
        )
        dom = dominant.get(it.claim.article_id)
        country = _country_incident(it, word, lists)
        if word and word in lists["nationwide"] and country is not None:
            placed.append((it, word, country))  # a disaster: its country, whatever town it names
        elif word and town:
            sub = sub_incident(it.claim)
            if sub and it.key.scope == "total":
                it.key = replace(it.key, scope=f"part: in the {sub}")
                word = next((w for w in [dom[0] if dom else None] if w and w != sub), word)
            placed.append((it, word, town))
        elif dom is not None and (town is None or town[0] == dom[1][0]) and not _nationwide(it.claim, town):
            if word and word != dom[0] and it.key.scope == "total":
                it.key = replace(it.key, scope=f"part: in the {word}")
            placed.append((it, dom[0], dom[1]))
        elif town is not None:
            pending.append((it, town[0]))
        elif word and country is not None and _one_event(it.claim, lists):
            placed.append((it, word, country))  # no town anywhere: the country's incident of that day
        elif word is None and town is None and disasters.get(it.claim.article_id) is not None:
            disaster = disasters[it.claim.article_id]
            if disaster is not None and it.key.country in (None, disaster[1][2]):
                placed.append((it, disaster[0], disaster[1]))  # "the toll has risen to 2,700"
    incidents = _incidents_of(placed, lists)
    for it, gid in pending:
        near = [i for i in incidents.values() if i.key.startswith(gid + "@")]
        near = [i for i in near if abs((it.day - i.start).days) <= lists["window"]]
        if near:
            _join(it, min(near, key=lambda i: abs((it.day - i.start).days)))
    return incidents


def _incidents_of(
    placed: list[tuple[Item, str, tuple[str, str, str | None]]], lists: dict[str, Any]
) -> dict[str, Incident]:
    """The incidents of the placed figures (figure, word, town): per town in day order, a figure
    joins the incident begun within the town's window, else begins one; by key."""
    by_town: dict[str, list[tuple[Item, str, tuple[str, str, str | None]]]] = defaultdict(list)
    for entry in placed:
        by_town[entry[2][0]].append(entry)
    incidents: dict[str, Incident] = {}
    for gid, entries in by_town.items():
        entries.sort(key=lambda e: (e[0].day, e[0].claim_id))
        at_town: list[Incident] = []
        words: dict[str, Counter[str]] = defaultdict(Counter)
        window = lists["window"]
        if gid.startswith(COUNTRY):
            nationwide = any(word in lists["nationwide"] for _, word, _ in entries)
            window = lists["nationwide_window"] if nationwide else lists["country_window"]
        for it, word, town in entries:
            current = _open_incident(it, at_town, window)
            if current is None:
                key = f"{gid}@{it.day.isoformat()}"
                key = key if key not in incidents else f"{key}+{len(at_town)}"
                current = Incident(
                    key, word, {"name": town[1], "country": town[2]}, it.day, event_day(it.claim)
                )
                incidents[key] = current
                at_town.append(current)
            words[current.key][word] += 1
            current.word = words[current.key].most_common(1)[0][0]
            _join(it, current)
    return incidents


def scope_nights(items: list[Item]) -> None:
    """A figure of a daily event (``daily_events``: launched, intercepted, released) counts one night
    or one event: it is scoped to its day ("day@<first day>"; figures of the same thing within the
    event's window of days are one), never added to a running total, unless its sentence has
    campaign words ("since the start of the war"); one whose event time spans more than
    ``daily_max_days`` days ("in March") totals that period ("period@<first>..<last>")."""
    cfg = config()
    windows, max_days = cfg["daily_events"], int(cfg["daily_max_days"])
    nightly = [
        it for it in items if it.key.event in windows and not it.key.incident and not is_campaign(it.claim)
    ]
    by_what: dict[Key, list[Item]] = defaultdict(list)
    for it in nightly:
        period = _period(it, max_days)
        if period is not None:
            it.key = replace(it.key, incident=period)
        else:
            by_what[it.key].append(it)
    for key, group in by_what.items():
        first: date | None = None
        for it in sorted(group, key=lambda i: (i.day, i.claim_id)):
            if first is None or (it.day - first).days > int(windows[key.event]):
                first = it.day
            it.key = replace(it.key, incident=f"day@{first.isoformat()}")
    _corrections_join_their_night(nightly, max_days)


def _corrections_join_their_night(items: list[Item], max_days: int) -> None:
    """A figure stating a revision ("on Saturday it corrected its tally to 85"), the only figure of
    its origin that day, belongs to the night it corrects: that of the origin's latest figure up to
    ``max_days`` days before, for the same subject, country and event."""
    series: dict[tuple[Any, ...], list[Item]] = defaultdict(list)
    for it in items:
        if it.key.incident.startswith("day@"):
            series[(it.origin.key, replace(it.key, incident=""))].append(it)
    for same in series.values():
        for it in same:
            if not states_revision(it.claim) or any(o is not it and o.day == it.day for o in same):
                continue
            earlier = [o for o in same if 0 < (it.day - o.day).days <= max_days]
            if earlier:
                it.key = replace(it.key, incident=max(earlier, key=lambda o: o.day).key.incident)


def _period(item: Item, max_days: int) -> str | None:
    """ "period@<first>..<last>" for a daily figure whose event time spans more than ``max_days``
    days ("4,200 drones in February"), else None (a figure of one night or event)."""
    span = item.claim.event_time
    if span is None:
        return None
    first, last = to_date(span.start), to_date(span.end, end=True)
    if first is None or last is None or (last - first).days + 1 <= max_days:
        return None
    return f"period@{first.isoformat()}..{last.isoformat()}"


def _nationwide(claim: Claim, town: tuple[str, str, str | None] | None) -> bool:
    """Whether a figure with no town counts across a whole country rather than its article's
    incident: its places are countries or regions only, and it names no incident or several
    ("Russian attacks killed 9 across Ukraine" in an article about a strike on Kharkiv)."""
    if town is not None or not claim.places:
        return False
    if any(
        (place_info(p.gazetteer_id) or ("", None))[0] not in ("country", "admin1", "region")
        for p in claim.places
    ):
        return False
    lists = _lists()
    said = [m.group(0) for m in lists["incident_re"].finditer((claim.sentence or "").lower())]
    return all(w.endswith("s") and w[:-1] in lists["incident_words"] for w in said)


def event_day(claim: Claim) -> date | None:
    """The one day a figure's sentence says its event happened ("a strike on Monday killed 12",
    "Monday's strike"); None when it gives no single day."""
    t = claim.event_time
    if (t is None or not t.start) and _PAST_DAY.search(claim.sentence or ""):
        # "84 deaths in the past 24 hours": the day the statement reports, a daily toll
        said = claim.statement_time.start if claim.statement_time and claim.statement_time.start else None
        t_day = said or claim.published
        try:
            return date.fromisoformat(t_day) if t_day else None
        except ValueError:
            return None
    if t is None or not t.start or t.start != t.end:
        return None
    try:
        return date.fromisoformat(t.start)
    except ValueError:
        return None


def _open_incident(item: Item, at_town: list[Incident], window: int) -> Incident | None:
    """The incident at a town a figure belongs to: the latest one begun within the window before
    it whose day agrees with the day the figure gives, if it gives one (a strike on Monday and
    another on Thursday in one town are two incidents); None for a new incident."""
    day = event_day(item.claim)
    for incident in reversed(at_town):
        if (item.day - incident.start).days > window:
            continue
        if day is None or incident.event_day in (None, day):
            incident.event_day = incident.event_day or day
            return incident
    return None


def _join(item: Item, incident: Incident) -> None:
    """Scope a figure to an incident. The victims of an incident are its people whatever
    nationality a sentence gives them ("a Russian missile attack killed 17" names the attacker)."""
    country = None if item.key.subject == "person" else item.key.country
    item.key = replace(item.key, incident=incident.key, country=country)


def article_countries(claims: list[Claim]) -> frozenset[str]:
    """The countries an article's claims name (places and subjects)."""
    out = {p.country for c in claims for p in c.places}
    out |= {c.subject.country for c in claims}
    return frozenset(x for x in out if x)


def adopt_neutral(items: list[Item], neutral: frozenset[str]) -> None:
    """ "The dead", "victims", "the injured" count troops only where their article counts troops of
    the same country (or the figure names no country) for that event family; otherwise people."""
    troops: dict[str, set[str | None]] = defaultdict(set)
    for it in items:
        word = (it.claim.subject.normalized or "").lower()
        if it.key.subject == "troop" and word not in neutral:
            troops[it.claim.article_id].add(it.key.country)
    for it in items:
        word = (it.claim.subject.normalized or "").lower()
        if (word and word not in neutral) or it.key.subject == "troop":
            continue
        owners = troops.get(it.claim.article_id, set())
        if it.key.country in owners or (it.key.country is None and len(owners) == 1):
            country = it.key.country or next(iter(owners))
            it.key = replace(it.key, subject="troop", country=country)
