"""A place the gazetteer lacks is reported without a point rather than resolved to a namesake
abroad that only another spelling reaches (issue 10); a namesake the article's country holds, or a
town named by its own name, still resolves. Sentences written for these tests."""

from __future__ import annotations

from claimtrail import extract


def _places(text: str, figure: str) -> list[tuple[str, str | None]]:
    claim = next(c for c in extract(text) if c.quantity is not None and c.quantity.text == figure)
    return [(p.name, p.country) for p in claim.places]


def test_a_missing_town_is_not_a_namesake_hamlet_abroad():
    text = (
        "Fighters of Sudan's paramilitary Rapid Support Forces overran a camp in North Darfur. "
        "Some 90,000 people have fled toward the town of Tawila since Friday, the UN said."
    )
    places = _places(text, "90,000")
    assert ("Tawila", None) in places
    assert all(country != "YE" for _, country in places)


def test_a_town_of_the_articles_country_still_resolves():
    text = "In Sudan, shelling of El Fasher killed 12 people on Monday, medics said."
    assert ("El Fasher", "SD") in _places(text, "12")


def test_a_unit_named_with_its_region_word_is_the_articles_countrys():
    text = "In Sri Lanka, 40 people died in the Central Province, the Disaster Management Centre said."
    assert ("Central", "LK") in _places(text, "40")


def test_a_town_abroad_reached_by_another_spelling_is_no_guess():
    text = (
        "Sri Lankan troops rescued 68 people trapped on a bus in the Northwestern Province's Kalaoya "
        "area, the Sri Lankan Army said."
    )
    assert all(country != "US" for _, country in _places(text, "68"))


def test_a_unit_whose_country_the_article_never_names_yields_to_a_named_country():
    text = (
        "Colombo: the cyclone killed 123 people in Sri Lanka, and Indian rescuers arrived. "
        "In the Central Province, 49 deaths were verified, the district administrator said."
    )
    assert ("Central", "LK") in _places(text, "49")
