"""Data files (lexicons, units, aliases, gazetteer additions) that a non-programmer can edit.

Each YAML file has a schema, a ``typing_extensions.TypedDict`` in the module that owns the file (pydantic
needs that one on Python 3.11; give it ``__pydantic_config__ = ConfigDict(extra="forbid")`` so a
misspelt key is refused), checked when the file is loaded: a typo in a word list is one clear message
naming the file and the key, not a ``KeyError`` deep inside an extractor.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any, TypeVar, cast

import yaml
from pydantic import TypeAdapter, ValidationError

from ..errors import ResourceError

HERE = Path(__file__).parent

T = TypeVar("T")

#: libyaml's parser where PyYAML has it: the same data as ``yaml.safe_load`` (the same safe
#: constructor builds it) for a tenth of the CPU, which every process loading the pipeline pays.
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def path(name: str) -> Path:
    """The path of a resource file by its name, e.g. ``path("units.txt")``."""
    return HERE / name


@cache
def load(name: str) -> Any:
    """A YAML or JSON resource, parsed once per process (unchecked: prefer ``load_checked``)."""
    p = HERE / name
    try:
        with p.open(encoding="utf-8") as fh:
            if p.suffix == ".json":
                return json.load(fh)
            return yaml.load(fh, Loader=_LOADER)
    except OSError as exc:
        raise ResourceError(name, f"cannot be read ({exc.strerror or exc})") from exc
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        raise ResourceError(name, f"is not valid {p.suffix.lstrip('.').upper()}: {exc}") from exc


@cache
def _adapter(schema: Any) -> TypeAdapter[Any]:
    return TypeAdapter(schema)


def check(name: str, data: Any, schema: type[T]) -> T:
    """``data`` (the parsed content of resource ``name``, or a section of it) checked against
    ``schema`` (a TypedDict, a dataclass or a typing form such as ``dict[str, list[str]]``).
    The first problem becomes a ResourceError naming the file and the key path."""
    try:
        _adapter(cast(Any, schema)).validate_python(data, strict=False)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "(top level)"
        raise ResourceError(name, f"{where}: {err['msg']}") from None
    return cast(T, data)


@cache
def _load_checked(name: str, schema: Any) -> Any:
    return check(name, load(name), schema)


def load_checked(name: str, schema: type[T]) -> T:
    """A YAML or JSON resource checked against its schema, parsed and checked once per process.

    The parsed data is returned as is (plain dicts and lists typed by ``schema``); the check only
    refuses what does not fit."""
    return cast(T, _load_checked(name, cast(Any, schema)))
