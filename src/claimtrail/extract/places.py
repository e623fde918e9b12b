"""Places: toponyms and demonyms resolved offline to gazetteer entries (``doc._.places``).

Candidates come from ``place_candidates`` (spaCy's entities, capitalised names after a locative
preposition or before a region word, datelines, state abbreviations, demonyms). Each is resolved by
``claimtrail.geo.resolve`` in two passes: first alone (countries, demonyms and clear units settle
which countries the article is about), then with the article's countries, the places around it and
any container named next to it ("Russia's Kursk region", "Pokrovsk, Ukraine"). A capital city that
acts as the subject of a verb such as "send" is its government, not a place ("Pyongyang may send
more troops").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc

from ..geo.gazetteer import (
    FEATURE_ADMIN1,
    FEATURE_ADMIN2,
    FEATURE_CITY,
    FEATURE_COUNTRY,
    KIND_PRIMARY,
    Candidate,
    Gazetteer,
    GazetteerEntry,
    distance_km,
    prior,
)
from ..geo.resolve import Context, rank
from ..geo.text import normalize
from ..geo.words import RESOURCE, region_words
from ..geo.words import load as load_words
from ..model import PlaceMention
from .place_candidates import POSSESSIVE, STRONG_FEATURES, Cand, CandidateFinder
from .timeparse import TEMPORAL_RESOURCE


@dataclass
class _Article:
    """The candidates after the first pass, and what they say about the article as a whole."""

    cands: list[Cand]
    countries: dict[str, float]  # country code -> how much the article talks about it (0..1)
    admins: dict[str, float]  # the same for first-level units ("US.KY")
    nearby: list[GazetteerEntry]  # towns and counties named (a unit's point pins no neighbourhood)
    by_start: dict[int, Cand]
    by_end: dict[int, Cand]

    @classmethod
    def of(cls, cands: list[Cand]) -> _Article:
        """The article of candidates resolved alone: countries named or whose people are named,
        units named, towns and counties named."""
        countries: Counter[str] = Counter()
        for c in cands:
            if c.entry is not None and (c.demonym or c.entry.feature in STRONG_FEATURES) and c.entry.country:
                countries[c.entry.country] += 1
        units: Counter[str] = Counter(
            c.entry.admin1
            for c in cands
            if c.entry is not None and c.entry.feature == FEATURE_ADMIN1 and c.entry.admin1 and not c.demonym
        )
        nearby = {
            c.entry.gazetteer_id: c.entry
            for c in cands
            if c.entry is not None and c.entry.feature in (FEATURE_CITY, FEATURE_ADMIN2) and not c.demonym
        }
        return cls(
            cands,
            _shares(countries),
            _shares(units),
            list(nearby.values()),
            {c.start: c for c in cands},
            {c.end: c for c in cands},
        )


#: Fewer people than this make a village, whose namesake abroad is no guess worth making.
VILLAGE = 5_000
#: Fewer people than this make a town that only the article's own countries may be.
TOWN = 100_000

#: Names whose reading alone is kept (``PlacesComponent._resolve_alone``); the cache starts over
#: when full. A name and its entry take well under a kilobyte.
ALONE_CACHE_SIZE = 50_000


def _shares(counts: Counter[str]) -> dict[str, float]:
    """Each count as a share of the largest."""
    return {key: n / max(counts.values()) for key, n in counts.items()} if counts else {}


@Language.factory(
    "claimtrail_places",
    assigns=["doc._.places"],
    requires=[
        "doc.ents",
        "token.ent_type",
        "token.pos",
        "token.dep",
        "token.head",
        "token.lemma",
        "token.is_sent_start",
    ],
    default_config={"resource": RESOURCE, "calendar": TEMPORAL_RESOURCE},
)
def make_component(nlp: Language, name: str, resource: str, calendar: str) -> PlacesComponent:
    """The places component: word lists from ``resource``, month and day names (no places) from the
    time vocabulary ``calendar``. The gazetteer itself is built from ``places.yaml``."""
    return PlacesComponent(resource=resource, calendar=calendar)


class PlacesComponent:
    """Sets ``doc._.places``: list[PlaceMention] sorted by start."""

    def __init__(
        self, gazetteer: Gazetteer | None = None, resource: str = RESOURCE, calendar: str = TEMPORAL_RESOURCE
    ) -> None:
        self.finder = CandidateFinder(gazetteer, resource, calendar)
        self.agentive = {w.lower() for w in load_words(resource)["agentive_verbs"]}
        self._region_words = region_words(resource)[0]
        # (name, before a region word) -> its best reading alone (``_resolve_alone``)
        self._alone: dict[tuple[str, bool], GazetteerEntry | None] = {}

    @property
    def gaz(self) -> Gazetteer:
        """The gazetteer (opened on the first document, not when the pipeline loads)."""
        return self.finder.gaz

    def _container(self, doc: Doc, cand: Cand, by_start: dict[int, Cand], by_end: dict[int, Cand]):
        """A country or unit named next to the candidate: "Russia's X", "X, Ukraine", "X of Russia"."""
        s, e = cand.start, cand.end
        if cand.entry is not None and cand.entry.feature == FEATURE_COUNTRY:
            return None  # "in Russia, U.S. officials said": a country is inside no other
        if s >= 2 and doc[s - 1].text in POSSESSIVE and (s - 1) in by_end:
            return by_end[s - 1].entry
        if e < len(doc) and doc[e].text in (",", "of", "in") and (e + 1) in by_start:
            other = by_start[e + 1]
            if other.entry is not None and other.entry.feature in STRONG_FEATURES and not other.demonym:
                return other.entry
        return None

    @staticmethod
    def _sibling_feature(
        doc: Doc, cand: Cand, by_start: dict[int, Cand], by_end: dict[int, Cand]
    ) -> str | None:
        """The kind (country, admin1) of a place joined to this one by "and"/"or", if any."""
        others = []
        if cand.start >= 2 and doc[cand.start - 1].lower_ in ("and", "or"):
            others.append(by_end.get(cand.start - 1))
        if cand.end + 1 < len(doc) and doc[cand.end].lower_ in ("and", "or"):
            others.append(by_start.get(cand.end + 1))
        for other in others:
            if other is not None and other.entry is not None and not other.demonym:
                if other.entry.feature in (FEATURE_COUNTRY, FEATURE_ADMIN1):
                    return other.entry.feature
        return None

    @staticmethod
    def _contained(doc: Doc, cand: Cand, by_end: dict[int, Cand]) -> GazetteerEntry | None:
        """The town named right before ", X" ("Atlanta, Georgia"): X is then what holds it."""
        s = cand.start
        if s >= 2 and doc[s - 1].text == "," and (s - 1) in by_end:
            before = by_end[s - 1].entry
            if before is not None and before.feature in (FEATURE_CITY, FEATURE_ADMIN2):
                return before
        return None

    def __call__(self, doc: Doc) -> Doc:
        cands, pending = self.finder.find(doc)
        self._resolve_alone(cands)
        art = _Article.of(cands)
        anchored = self._resolve_in_context(doc, art)
        self._one_sense_per_name(doc, art, anchored)
        self._resolve_pending(art, pending)
        art.cands.sort(key=lambda c: c.start)
        doc._.places = [m for c in art.cands if (m := self._mention(doc, c)) is not None]
        return doc

    def _resolve_alone(self, cands: list[Cand]) -> None:
        """Pass 1: each name alone. Its best reading depends on the name and the read-only
        gazetteer only, so it is kept across articles (a name mentioned ten times, in a hundred
        articles, is ranked once)."""
        alone = self._alone
        for c in cands:
            if not c.demonym and not c.fixed and not c.unresolved:
                key = (c.name, c.region_word)
                if key not in alone:
                    if len(alone) >= ALONE_CACHE_SIZE:
                        alone.clear()
                    ranked = rank(self.gaz, c.name, Context(region_word=c.region_word))
                    alone[key] = ranked[0][1].entry if ranked else None
                c.entry = alone[key]

    def _resolve_in_context(self, doc: Doc, art: _Article) -> dict[tuple[str, bool], GazetteerEntry]:
        """Pass 2: each name with the article's countries and units, its neighbours and the places
        around it; the names pinned down by a container or a contained place, by name."""
        in_context: dict[tuple[object, ...], Candidate | None] = {}
        anchored: dict[tuple[str, bool], GazetteerEntry] = {}
        for c in art.cands:
            if c.demonym or c.fixed or c.unresolved:
                continue
            ctx = self._context(doc, c, art)
            key = (
                c.name,
                c.region_word,
                ctx.container.gazetteer_id if ctx.container is not None else None,
                ctx.contained.gazetteer_id if ctx.contained is not None else None,
                ctx.city_cue,
                ctx.sibling_feature,
            )
            if key not in in_context:
                ranked = rank(self.gaz, c.name, ctx)
                in_context[key] = ranked[0][1] if ranked else None
            best = in_context[key]
            c.entry = best.entry if best is not None else None
            if c.entry is not None:
                c.entry = self._unit_of_leading_country(c, c.entry, art, ctx)
            if best is not None and self._stray_village(best, art, ctx):
                c.entry, c.unresolved = None, True
                continue
            if c.entry is not None and (ctx.container is not None or ctx.contained is not None):
                anchored.setdefault((normalize(c.name), c.region_word), c.entry)
        return anchored

    def _unit_of_leading_country(
        self, c: Cand, entry: GazetteerEntry, art: _Article, ctx: Context
    ) -> GazetteerEntry:
        """A unit named with its region word whose whole name is only a unit of a country the article
        never names as a country or people, where a country it names has a unit of the base name
        ("the Central Province" in a story on Sri Lanka: Sri Lanka's Central, not Papua New Guinea's
        Central Province)."""
        if c.region_word or not art.countries or ctx.container is not None:
            return entry
        named = {
            o.entry.country
            for o in art.cands
            if o.entry is not None and o.entry.country and (o.demonym or o.entry.feature == FEATURE_COUNTRY)
        }
        words = c.name.split()
        if not named or entry.country in named:
            return entry  # the article names the unit's country, or no country at all
        if len(words) < 2 or normalize(words[-1]) not in self._region_words:
            return entry
        leading = sorted(named, key=lambda code: -art.countries.get(code, 0.0))
        ranked = rank(self.gaz, " ".join(words[:-1]), replace(ctx, region_word=True))
        for _score, cand in ranked:
            if cand.entry.country in leading and cand.entry.feature in (FEATURE_ADMIN1, FEATURE_ADMIN2):
                return cand.entry
        return entry

    @staticmethod
    def _stray_village(best: Candidate, art: _Article, ctx: Context) -> bool:
        """A village (under 5,000 people) of a country the article never names, reached by another
        spelling of its name, in an article placed elsewhere ("the town of Tawila" in a story on
        Darfur: the one namesake is "At Tawilah", a hamlet in Yemen): the gazetteer lacks the place
        meant, so no point is guessed rather than one in the wrong country. A container or a
        contained place vouches for it."""
        entry = best.entry
        if best.kind == KIND_PRIMARY or entry.feature != FEATURE_CITY or not art.countries:
            return False
        if ctx.container is not None or ctx.contained is not None:
            return False
        if entry.population < VILLAGE and entry.country not in art.countries:
            return True
        # a town of a country the article never names as a country or people, in one that names
        # others ("Kalaoya" read as Kailua, Hawaii, in a story on Sri Lanka)
        named = {
            o.entry.country
            for o in art.cands
            if o.entry is not None and o.entry.country and (o.demonym or o.entry.feature == FEATURE_COUNTRY)
        }
        return bool(named) and entry.country not in named and entry.population < TOWN

    def _context(self, doc: Doc, c: Cand, art: _Article) -> Context:
        """What the text around a candidate says about where it is."""
        return Context(
            countries=art.countries,
            admins=art.admins,
            container=self._container(doc, c, art.by_start, art.by_end),
            contained=self._contained(doc, c, art.by_end),
            city_cue=c.start >= 2
            and doc[c.start - 1].lower_ == "of"
            and doc[c.start - 2].lower_ in self.finder.settlement,
            sibling_feature=self._sibling_feature(doc, c, art.by_start, art.by_end),
            nearby=art.nearby,
            region_word=c.region_word,
        )

    def _one_sense_per_name(
        self, doc: Doc, art: _Article, anchored: dict[tuple[str, bool], GazetteerEntry]
    ) -> None:
        """One sense per name per article: a name pinned down once ("Paris, Texas") keeps that sense."""
        for c in art.cands:
            if c.fixed and c.entry is not None and c.entry.feature in (FEATURE_CITY, FEATURE_ADMIN2):
                anchored.setdefault((normalize(c.name), False), c.entry)
        for c in art.cands:
            pinned = anchored.get((normalize(c.name), c.region_word))
            if pinned is not None and not c.demonym and not c.fixed and c.entry is not None:
                if (
                    c.entry.feature != FEATURE_COUNTRY
                    and self._container(doc, c, art.by_start, art.by_end) is None
                ):
                    c.entry = pinned

    def _resolve_pending(self, art: _Article, pending: list[Cand]) -> None:
        """Names the model took for people or organisations: towns close to the article's places, in
        a unit the article names first, then the best known."""
        local = [
            c.entry
            for c in art.cands
            if c.entry is not None and c.entry.feature in (FEATURE_CITY, FEATURE_ADMIN1, FEATURE_ADMIN2)
        ]
        spans = {(c.start, c.end) for c in art.cands}
        for c in pending:
            if (c.start, c.end) in spans:
                continue  # the same name found twice (as an organisation and as a capitalised word)
            ordered = sorted(
                self.gaz.candidates_for_key(normalize(c.name)),
                key=lambda cand: (cand.entry.admin1 in art.admins, prior(cand)),
                reverse=True,
            )
            for cand in ordered:
                town = cand.entry
                # villages (under 1,000 people) only with a plainer cue: "in X", "X, Ky."
                if cand.kind == KIND_PRIMARY and town.feature == FEATURE_CITY and town.population >= 1000:
                    if any(distance_km(town, other) < 150 for other in local):
                        c.entry = town
                        art.cands.append(c)
                        spans.add((c.start, c.end))
                        break

    def _mention(self, doc: Doc, c: Cand) -> PlaceMention | None:
        """The place mention of a resolved candidate (None when unresolved or a capital acting as
        its government)."""
        e = c.entry
        if (e is None and not c.unresolved) or (e is not None and self._metonymy(doc, c, e)):
            return None
        span = doc[c.start : c.end]
        # trim what the tokeniser left on the edges ("Nigerian \n", "Turkish-" of "Turkish-backed")
        raw = span.text
        text = raw.strip().rstrip("-–—").rstrip()
        if not text:
            return None
        first = span.start_char + (len(raw) - len(raw.lstrip()))
        return PlaceMention(
            start=first,
            end=first + len(text),
            text=text,
            name=e.name if e is not None else text,
            country=e.country if e is not None else None,
            lat=e.lat if e is not None else None,
            lon=e.lon if e is not None else None,
            gazetteer_id=e.gazetteer_id if e is not None else None,
            feature=e.feature if e is not None else "unresolved",
            demonym=c.demonym,
        )

    def _metonymy(self, doc: Doc, cand: Cand, entry: GazetteerEntry) -> bool:
        """A capital acting as its government ("Pyongyang may send ..."), not a place."""
        if cand.region_word or not self.gaz.is_capital(entry):
            return False
        span = doc[cand.start : cand.end]
        root = span.root
        return root.dep_ == "nsubj" and root.head.lemma_.lower() in self.agentive
