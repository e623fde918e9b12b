"""The offline gazetteer: look names up, rank same-named places, walk the containment hierarchy.

The index is an SQLite file built once from the installed packages (see ``build.py``) and opened
read-only, so loading costs milliseconds and memory stays small; each name lookup is one indexed
query, cached per process. Curated words (demonyms, region words) come from ``resources/places.yaml``.
"""

from __future__ import annotations

import json
import math
import sqlite3
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .build import (
    FEATURE_ADMIN1,
    FEATURE_ADMIN2,
    FEATURE_CITY,
    FEATURE_COUNTRY,
    FEATURE_REGION,
    KIND_ALIAS,
    KIND_ALTERNATE,
    KIND_BASE,
    KIND_PRIMARY,
    ensure_index,
)
from .text import normalize
from .words import load as load_words

__all__ = [
    "GazetteerEntry",
    "Candidate",
    "Gazetteer",
    "get_gazetteer",
    "KIND_PRIMARY",
    "KIND_ALIAS",
    "KIND_ALTERNATE",
    "KIND_BASE",
    "FEATURE_ADMIN2",
]


@dataclass(frozen=True)
class GazetteerEntry:
    """One place of the gazetteer.

    ``gazetteer_id`` is "geonames:<id>" where GeoNames has the place, else "claimtrail:<slug>";
    ``feature`` is country | admin1 | admin2 | city | region; ``admin1`` is the GeoNames "CC.code" key of the
    first-level unit that holds the place (of the unit itself for an admin1).
    """

    gazetteer_id: str
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    feature: str
    population: int = 0
    admin1: str | None = None


@dataclass(frozen=True)
class Candidate:
    """An entry that a name may denote, and how the name denotes it (``KIND_*``)."""

    entry: GazetteerEntry
    kind: int


def distance_km(a: GazetteerEntry, b: GazetteerEntry) -> float:
    """Great-circle distance between two entries, in km (infinite when one has no point)."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return math.inf
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def prior(candidate: Candidate) -> float:
    """How likely a bare name means this entry, before context: size, feature type, kind of name.

    Countries and curated regions are the usual reading of their names; big cities beat small ones;
    an admin1 unit counts a fifth of its population (a bare "Kursk" is the city, "Georgia" the
    country unless the context says otherwise); GeoNames' alternate names count less than real names.
    """
    e = candidate.entry
    pop = max(e.population, 0)
    if e.feature == FEATURE_COUNTRY:
        score = math.log10(pop + 10) + 3.0
    elif e.feature == FEATURE_REGION:
        score = max(math.log10(pop + 10), 6.5) + 2.5
    elif e.feature in (FEATURE_ADMIN1, FEATURE_ADMIN2):
        score = math.log10(pop / 5 + 10)
    else:
        score = math.log10(pop + 10)
    if candidate.kind == KIND_ALIAS:
        score += 0.5
    elif candidate.kind == KIND_ALTERNATE:
        score -= 1.5
    elif candidate.kind == KIND_BASE:
        score -= 3.0
    return score


class Gazetteer:
    """Read-only access to the gazetteer index; safe to share between threads of one process."""

    def __init__(self, path: Path | None = None) -> None:
        self._path = path
        self._local = threading.local()
        self._lock = threading.Lock()
        self._demonyms: dict[str, str] | None = None
        self._capitals: dict[str, str] | None = None

    # -- storage ---------------------------------------------------------------------------------
    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            with self._lock:
                if self._path is None:
                    self._path = ensure_index()
            db = sqlite3.connect(f"file:{self._path}?mode=ro", uri=True, check_same_thread=False)
            self._local.db = db
        return db

    @staticmethod
    def _entry(row: tuple) -> GazetteerEntry:
        gid, name, cc, lat, lon, feature, pop, admin1 = row
        return GazetteerEntry(gid, name, cc, lat, lon, feature, pop or 0, admin1)

    _COLUMNS = "e.gid, e.name, e.cc, e.lat, e.lon, e.feature, e.pop, e.admin1"

    # -- lookups ---------------------------------------------------------------------------------
    def candidates_for_key(self, key: str) -> tuple[Candidate, ...]:
        """Every entry named by a normalised key, each with its best (lowest) name kind."""
        return self._candidates_for_key(key)

    @lru_cache(maxsize=65536)  # noqa: B019  (one Gazetteer per process)
    def _candidates_for_key(self, key: str) -> tuple[Candidate, ...]:
        if not key:
            return ()
        rows = self._db().execute(
            f"SELECT {self._COLUMNS}, MIN(n.kind) FROM names n JOIN entries e ON e.rid = n.rid "
            "WHERE n.key = ? GROUP BY e.rid",
            (key,),
        )
        return tuple(Candidate(self._entry(r[:8]), r[8]) for r in rows)

    def candidates(
        self, name: str, country: str | None = None, features: tuple[str, ...] | None = None
    ) -> list[Candidate]:
        """Entries the name may denote, best prior first; ``country``/``features`` filter them."""
        out = [
            c
            for c in self.candidates_for_key(normalize(name))
            if (country is None or c.entry.country == country.upper())
            and (features is None or c.entry.feature in features)
        ]
        out.sort(key=prior, reverse=True)
        return out

    def get(self, gazetteer_id: str) -> GazetteerEntry | None:
        """The entry with that id."""
        return self._get(gazetteer_id)

    @lru_cache(maxsize=4096)  # noqa: B019
    def _get(self, gazetteer_id: str) -> GazetteerEntry | None:
        row = (
            self._db()
            .execute(f"SELECT {self._COLUMNS} FROM entries e WHERE e.gid = ?", (gazetteer_id,))
            .fetchone()
        )
        return self._entry(row) if row else None

    def country(self, code: str | None) -> GazetteerEntry | None:
        """The country entry of an ISO 3166-1 alpha-2 code."""
        if not code:
            return None
        return self._country(code.upper())

    @lru_cache(maxsize=512)  # noqa: B019
    def _country(self, code: str) -> GazetteerEntry | None:
        row = (
            self._db()
            .execute(
                f"SELECT {self._COLUMNS} FROM entries e WHERE e.feature = ? AND e.cc = ?",
                (FEATURE_COUNTRY, code),
            )
            .fetchone()
        )
        return self._entry(row) if row else None

    def admin1(self, key: str | None) -> GazetteerEntry | None:
        """The first-level unit of a GeoNames "CC.code" key ("RU.41" -> Kursk Oblast)."""
        if not key:
            return None
        row = (
            self._db()
            .execute(
                f"SELECT {self._COLUMNS} FROM entries e WHERE e.feature = ? AND e.admin1 = ?",
                (FEATURE_ADMIN1, key),
            )
            .fetchone()
        )
        return self._entry(row) if row else None

    @lru_cache(maxsize=4096)  # noqa: B019
    def largest_city(self, admin1: str | None) -> str | None:
        """The gazetteer id of the most populous town of a first-level unit ("US.NY" -> New York City)."""
        if not admin1:
            return None
        row = (
            self._db()
            .execute(
                "SELECT gid FROM entries WHERE admin1 = ? AND feature = ? ORDER BY pop DESC LIMIT 1",
                (admin1, FEATURE_CITY),
            )
            .fetchone()
        )
        return row[0] if row else None

    def is_capital(self, entry: GazetteerEntry) -> bool:
        """True when the entry is the capital city of its country (Pyongyang, Kyiv)."""
        if self._capitals is None:
            row = self._db().execute("SELECT v FROM meta WHERE k = 'capitals'").fetchone()
            self._capitals = {cc: normalize(name) for cc, name in (json.loads(row[0]) if row else {}).items()}
        return entry.feature == FEATURE_CITY and self._capitals.get(entry.country or "") == normalize(
            entry.name
        )

    # -- demonyms --------------------------------------------------------------------------------
    def demonyms(self) -> dict[str, str]:
        """Normalised demonym -> country code: the resource file's, then countryinfo's."""
        if self._demonyms is None:
            table = self._countryinfo_demonyms()
            for word, code in load_words()["demonyms"].items():
                table[normalize(word)] = code.upper()
            self._demonyms = table
        return self._demonyms

    def _countryinfo_demonyms(self) -> dict[str, str]:
        """The demonyms countryinfo gives (stored in the index); one shared by several countries
        ("Indian") goes to the most populous."""
        row = self._db().execute("SELECT v FROM meta WHERE k = 'demonyms'").fetchone()
        from_info: dict[str, str] = json.loads(row[0]) if row else {}
        by_word: dict[str, list[str]] = {}
        for code, words in from_info.items():
            for word in str(words).split(","):
                if word.strip():
                    by_word.setdefault(normalize(word), []).append(code)
        return {word: max(codes, key=self._population_of_country) for word, codes in by_word.items()}

    def _population_of_country(self, code: str) -> int:
        """The population of a country by code (0 when the index lacks it)."""
        entry = self.country(code)
        return entry.population if entry is not None else 0

    def country_of_demonym(self, text: str) -> str | None:
        """The country code a demonym names: "Ukrainian" -> "UA", "North Koreans" -> "KP"."""
        key = normalize(text)
        table = self.demonyms()
        if key in table:
            return table[key]
        if key.endswith("s") and key[:-1] in table:
            return table[key[:-1]]
        return None

    # -- hierarchy -------------------------------------------------------------------------------
    def contains(self, outer_id: str, inner_id: str) -> bool:
        """True when the place ``inner_id`` lies within ``outer_id`` (or is it).

        Countries hold their units and cities; admin1 units hold their cities; curated regions hold
        the countries and units listed for them (and whatever those hold).
        """
        if outer_id == inner_id:
            return True
        outer, inner = self.get(outer_id), self.get(inner_id)
        if outer is None or inner is None:
            return False
        if outer.feature == FEATURE_COUNTRY:
            return inner.country == outer.country and inner.feature != FEATURE_COUNTRY
        if outer.feature == FEATURE_ADMIN1:
            return inner.feature in (FEATURE_CITY, FEATURE_ADMIN2) and inner.admin1 == outer.admin1
        if outer.feature == FEATURE_REGION:
            members = {
                r[0]
                for r in self._db().execute("SELECT inner_key FROM contains WHERE outer_gid = ?", (outer_id,))
            }
            if inner.feature == FEATURE_COUNTRY:
                return inner.country in members
            return inner.country in members or bool(inner.admin1 and inner.admin1 in members)
        return False


_DEFAULT: Gazetteer | None = None
_DEFAULT_LOCK = threading.Lock()


def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (opened lazily; the index is built on first use if missing)."""
    global _DEFAULT
    if _DEFAULT is None:
        with _DEFAULT_LOCK:
            if _DEFAULT is None:
                _DEFAULT = Gazetteer()
    return _DEFAULT
