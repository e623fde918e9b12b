"""The schema of ``resources/quantities.yaml``, the word lists of the number reader
(:mod:`claimtrail.extract.numbers`) and the quantities component (:mod:`claimtrail.extract.quantities`).

Both read the same file, so its schema lives here, apart from either, and each loads it with
:func:`load`: a misspelt key or a word that is not a string is refused when the file is read.
"""

from __future__ import annotations

from typing import NotRequired

from pydantic import ConfigDict
from typing_extensions import TypedDict

from .. import resources

RESOURCE = "quantities.yaml"


class UnitSpec(TypedDict):
    """One unit: the pint expression behind its short name (when not the name itself), its written
    forms (case-insensitive) and its symbols (case-sensitive)."""

    __pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[misc]
    pint: NotRequired[str]
    forms: list[str]
    symbols: NotRequired[list[str]]


class QuantityWords(TypedDict):
    """The sections of ``quantities.yaml`` (each is described in the file itself)."""

    __pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[misc]
    approximators: list[str]
    lower_bounds: list[str]
    upper_bounds: list[str]
    post_lower_bounds: list[str]
    post_upper_bounds: list[str]
    post_approximators: list[str]
    vague_multipliers: dict[str, tuple[int, int]]
    vague_plurals: dict[str, tuple[int, int]]
    negators: list[str]
    one_pronoun_before: list[str]
    one_pronoun_after: list[str]
    dozen_words: list[str]
    not_denominators: list[str]
    denominator_words: dict[str, int]
    irregular_plurals: dict[str, str]
    fraction_followers: list[str]
    multiplier_suffixes: dict[str, float]
    money_only_suffixes: list[str]
    spaced_suffixes: list[str]
    currency_prefixes: dict[str, str]
    currency_words: dict[str, str]
    percent_words: list[str]
    units: dict[str, UnitSpec]
    guarded_units: dict[str, list[str]]
    article_units: list[str]
    power_words: dict[str, int]
    area_words: list[str]
    volume_words: list[str]
    range_words: list[str]
    range_openers: list[str]
    hanging_range_words: list[str]
    money_scales: list[str]
    year_cues: list[str]
    date_words: list[str]
    clock_words: list[str]
    age_suffixes: list[str]
    pint_denylist: list[str]
    not_numbers: list[str]
    one_of_a_set: list[str]
    label_words: list[str]


def load(name: str = RESOURCE) -> QuantityWords:
    """The word lists of resource ``name`` (``quantities.yaml`` or a file of the same shape), checked."""
    return resources.load_checked(name, QuantityWords)
