"""Fusion results as JSON text, and a digest of a cluster's inputs, fast: the C JSON encoder walks
lists, tuples, dicts and numbers itself and calls back only for dataclass instances (their
``__dict__``, or their slots as an object), so serialising the tracked quantities of a large
component costs a fifth of a recursive conversion (``dataclasses.asdict`` or a hand-written walk)
in Python."""

from __future__ import annotations

import hashlib
import json
from typing import Any


def _fields(value: Any) -> Any:
    """A dataclass instance as a dict of its fields; anything else as text (a date as its ISO form,
    as the ledger's JSON columns store it)."""
    found = getattr(value, "__dict__", None)
    if found is not None:
        return found
    slots = getattr(type(value), "__slots__", None)
    if slots is not None:
        return {name: getattr(value, name) for name in slots}
    return str(value)


def to_text(value: Any) -> str:
    """``value`` as JSON text (dataclasses as objects, tuples as lists, UTF-8 kept)."""
    return json.dumps(value, ensure_ascii=False, default=_fields)


def digest(value: Any) -> str:
    """A digest of ``value``'s repr (dataclass reprs are generated code, twice as fast as the JSON
    hook here; fields marked ``repr=False``, such as ``Item._wide``, are caches): equal for equal
    inputs in any process (no ``hash()``, whose strings are salted per process). Two values that
    differ only in a set's order may get two digests, which only costs a recomputation."""
    return hashlib.blake2b(repr(value).encode(), digest_size=16).hexdigest()
