"""Data files (lexicons, units, aliases, gazetteer additions) that a non-programmer can edit."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).parent


def path(name: str) -> Path:
    """The path of a resource file by its name, e.g. ``path("units.txt")``."""
    return HERE / name


@cache
def load(name: str) -> Any:
    """A YAML or JSON resource, parsed once per process."""
    p = HERE / name
    with p.open(encoding="utf-8") as fh:
        if p.suffix == ".json":
            return json.load(fh)
        return yaml.safe_load(fh)
