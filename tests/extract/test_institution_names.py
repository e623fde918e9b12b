"""Bodies of other conflicts under the names wires give them resolve to one institution (issue 10:
one origin per body, not four or five). Sentences written for these tests."""

from __future__ import annotations

import pytest

from claimtrail import annotate


@pytest.mark.parametrize(
    ("text", "mention", "name"),
    [
        ("The UN-backed Radio Okapi said 30 people were killed.", "UN-backed Radio Okapi", "Radio Okapi"),
        ("Monusco said 30 worshippers were killed.", "Monusco", "MONUSCO"),
        (
            "The Congolese armed forces said 12 people died.",
            "Congolese armed forces",
            "Armed Forces of the Democratic Republic of the Congo (FARDC)",
        ),
    ],
)
def test_a_body_of_the_drc_is_one_institution(text, mention, name):
    actors = {a["text"]: a["normalized"] for a in annotate(text)["actors"]}
    assert actors[mention] == name
