"""The pint unit registry and unit normalisation (one registry per process).

The registry is pint's default one plus the definitions of ``resources/units.txt`` (traditional units
such as the Korean ri = 392.7 m). ``normalize`` converts a value to the one unit claimtrail uses for
its dimension (length -> km, mass -> kg, durations -> hour, speed -> km/h, area -> km2, volume -> l,
temperature -> degC) so that figures given in different units can be compared.
"""

from __future__ import annotations

import logging
import shutil
from functools import lru_cache
from pathlib import Path
from typing import Any

import pint

from .. import resources
from ..geo.build import cache_dir

log = logging.getLogger(__name__)

# Per dimension: its short name, the target unit (pint expression) and the name written in the output.
_TARGETS: tuple[tuple[str, str, str], ...] = (
    ("length", "kilometer", "km"),
    ("mass", "kilogram", "kg"),
    ("time", "hour", "hour"),
    ("speed", "kilometer / hour", "km/h"),
    ("area", "kilometer ** 2", "km2"),
    ("volume", "liter", "l"),
    ("temperature", "degree_Celsius", "degC"),
)


@lru_cache(maxsize=1)
def registry() -> pint.UnitRegistry:
    """pint's registry with claimtrail's extra definitions, built once per process.

    pint parses its definition files on every start (about 0.2 s of CPU, on the path of every
    worker start-up and command that parses): its parsed form is kept in pint's own disk cache
    under claimtrail's cache directory, read back in about 0.01 s. A cache that cannot be written
    or read (a read-only home, a file half written by another process) is removed and the
    registry built without it."""
    folder = cache_dir() / "pint"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return _build(folder)
    except Exception as exc:  # noqa: BLE001 - any failure of pint's cache: build without it
        log.debug("pint cache under %s not used: %s", folder, exc)
        shutil.rmtree(folder, ignore_errors=True)
        return _build(None)


def _build(cache_folder: Path | None) -> pint.UnitRegistry:
    """The registry with ``resources/units.txt`` loaded, cached in ``cache_folder`` if given."""
    ureg: pint.UnitRegistry = pint.UnitRegistry(
        autoconvert_offset_to_baseunit=True, cache_folder=cache_folder
    )
    ureg.load_definitions(str(resources.path("units.txt")))
    return ureg


@lru_cache(maxsize=4096)
def parse_unit(expr: str) -> Any | None:
    """The pint Unit for a pint expression ("km", "mile / hour", "ri"), or None if pint does not know it."""
    if not expr or not expr.strip():
        return None
    try:
        unit = registry().parse_units(expr)
    except (pint.errors.PintError, AttributeError, TypeError, ValueError, SyntaxError, KeyError):
        return None
    return unit


@lru_cache(maxsize=1)
def _target_units() -> dict[Any, tuple[Any, str, str]]:
    """By pint dimensionality: the target unit, its output name and the dimension's short name."""
    ureg = registry()
    out = {}
    for dim, expr, name in _TARGETS:
        unit = ureg.parse_units(expr)
        out[unit.dimensionality] = (unit, name, dim)
    return out


def normalize(
    value: float | None, unit: str | None, pint_expr: str | None = None
) -> tuple[float | None, str | None]:
    """``value`` in ``unit`` converted to claimtrail's unit for that dimension.

    ``unit`` is the short unit name; ``pint_expr`` the pint expression behind it when they differ
    ("km2" -> "kilometer ** 2"). Currencies (three upper-case letters) and "percent" come back as
    they are; a unit of another dimension comes back unconverted; an unknown unit gives (value, unit).
    """
    if value is None or unit is None:
        return value, unit
    if unit == "percent" or (len(unit) == 3 and unit.isupper() and unit.isalpha()):
        return value, unit
    u = parse_unit(pint_expr or unit)
    if u is None:
        return value, unit
    target = _target_units().get(u.dimensionality)
    if target is None:
        return value, unit
    tunit, name, _dim = target
    try:
        q = registry().Quantity(value, u).to(tunit)
    except (pint.errors.PintError, TypeError, ValueError):
        return value, unit
    return _round(float(q.magnitude)), name


def dimension(unit: str | None, pint_expr: str | None = None) -> str | None:
    """A short name for the dimension of a unit: length, mass, time, speed, area, volume, temperature,
    percent, currency, or pint's dimensionality text for others; None if unknown."""
    if unit is None:
        return None
    if unit == "percent":
        return "percent"
    if len(unit) == 3 and unit.isupper() and unit.isalpha():
        return "currency"
    u = parse_unit(pint_expr or unit)
    if u is None:
        return None
    target = _target_units().get(u.dimensionality)
    return target[2] if target is not None else str(u.dimensionality)


def _round(x: float) -> float:
    """Round away float noise (39.270000000000003 -> 39.27) keeping 10 significant digits."""
    if x == 0:
        return 0.0
    return float(f"{x:.10g}")
