"""Resource files are checked against their schema when loaded: a bad file is one clear message."""

from __future__ import annotations

from typing import NotRequired

import pytest
from pydantic import ConfigDict
from typing_extensions import TypedDict

from claimtrail import resources
from claimtrail.errors import ResourceError


class _Lexicon(TypedDict):
    __pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[misc]
    verbs: list[str]
    groups: NotRequired[dict[str, list[str]]]


def test_a_good_section_passes_and_is_returned_unchanged():
    data = {"verbs": ["say", "tell"], "groups": {"a": ["b"]}}
    assert resources.check("lex.yaml", data, _Lexicon) is data


@pytest.mark.parametrize(
    "data, where",
    [
        ({"verbs": ["say", 3]}, "verbs.1"),
        ({"groups": {}}, "verbs"),
        ({"verbs": [], "verbz": []}, "verbz"),
        ({"verbs": [], "groups": {"a": "b"}}, "groups.a"),
    ],
)
def test_a_bad_section_names_the_file_and_the_key(data, where):
    with pytest.raises(ResourceError) as err:
        resources.check("lex.yaml", data, _Lexicon)
    message = str(err.value)
    assert message.startswith(f"resources/lex.yaml: {where}:")
    assert "\n" not in message


def test_a_missing_file_is_a_resource_error():
    with pytest.raises(ResourceError, match="resources/no-such-file.yaml: cannot be read"):
        resources.load("no-such-file.yaml")
