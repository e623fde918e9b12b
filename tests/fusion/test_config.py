"""resources/fusion.yaml is checked against its schema: the file passes, a misspelt key or a word
list holding something else than words is refused with the file and the key named."""

from __future__ import annotations

import pytest

from claimtrail import resources
from claimtrail.errors import ResourceError
from claimtrail.fusion.config import FusionConfig, config, subject_events, synonyms


def test_the_shipped_file_passes_and_its_lists_are_read():
    cfg = config()
    assert cfg["demonyms"]["KP"] == "North Korean"
    assert synonyms()["soldiers"] == "troop"
    assert subject_events()["casualty"] == ("person", "casualties")


@pytest.mark.parametrize(
    "change, where",
    [
        ({"sum_tolerence": 0.05}, "sum_tolerence"),
        ({"pronouns": ["it", {"he": 1}]}, "pronouns.1"),
        ({"sums": [{"parts": ["killed"], "hole": "casualties"}]}, "sums.0"),
        ({"daily_events": {"launched": 0, "intercepted": 0, "shot down": 0}}, "daily_events.shot down"),
        ({"daily_parts": [{"part": "intercepted", "whole": "lunched"}]}, "daily_parts.0.whole"),
    ],
)
def test_a_bad_entry_names_the_file_and_the_key(change, where):
    data = {**resources.load("fusion.yaml"), **change}
    with pytest.raises(ResourceError) as err:
        resources.check("fusion.yaml", data, FusionConfig)
    assert str(err.value).startswith(f"resources/fusion.yaml: {where}")
