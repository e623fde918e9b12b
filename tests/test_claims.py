"""Doc -> Claim: contract shape, stable ids, times, places and attribution on hand-written texts."""

from __future__ import annotations

from datetime import date

from claimtrail import extract
from claimtrail.claims import claim_id_for
from claimtrail.contract.claims import CLAIM_FIELDS, claim_to_json
from claimtrail.model import Claim

TEXT = (
    "Moscow has sent 2,300 more engineers to Belarus, a Polish defence official said on Tuesday. "
    "The engineers arrived in Minsk on Nov. 3, according to the official. "
    "Polish intelligence believes that the deployment could grow next year."
)
PUBLISHED = date(2024, 11, 14)


def _by_value(claims: list[Claim], value: float) -> Claim:
    found = [c for c in claims if c.quantity and c.quantity.value == value]
    assert found, f"no claim with value {value}: {[c.quantity for c in claims]}"
    return found[0]


def test_contract_fields_in_order():
    claims = extract(TEXT, PUBLISHED)
    assert claims
    for c in claims:
        assert list(claim_to_json(c)) == list(CLAIM_FIELDS)
        assert TEXT[c.start : c.end] in c.sentence
        assert c.sentence in TEXT


def test_quantity_claim_values_and_provenance():
    claims = extract(TEXT, PUBLISHED)
    c = _by_value(claims, 2300)
    assert c.kind == "quantity"
    assert c.quantity.text == "2,300"
    assert c.event == "deployed"
    assert c.subject.normalized in ("engineer", "engineers")
    assert c.published == "2024-11-14"
    assert any(p.country == "BY" for p in c.places)
    # "said on Tuesday" dates the statement: the Tuesday before 2024-11-14 is 2024-11-12
    assert c.statement_time is not None and c.statement_time.start == "2024-11-12"
    assert c.attribution and c.attribution[0].cue == "said"
    assert "official" in (c.attribution[0].text or "")


def test_ids_are_stable_and_distinct():
    first = extract(TEXT, PUBLISHED)
    second = extract(TEXT, PUBLISHED)
    assert [c.claim_id for c in first] == [c.claim_id for c in second]
    assert len({c.claim_id for c in first}) == len(first)
    assert claim_id_for("a", 1, 2, "quantity") != claim_id_for("a", 1, 2, "statement")


def test_statement_claim_for_attributed_clause_without_figure():
    claims = extract(TEXT, PUBLISHED)
    statements = [c for c in claims if c.kind == "statement"]
    assert any("deployment could grow" in TEXT[c.start : c.end] for c in statements)
    belief = next(c for c in statements if "could grow" in TEXT[c.start : c.end])
    assert belief.quantity is None
    assert belief.modality in ("believed", "possible")


def test_no_claims_from_dates_or_ordinals():
    claims = extract("The second convoy left on March 5, 2024, officials said.", date(2024, 3, 6))
    assert all(c.quantity is None or c.quantity.value not in (5, 2024, 2) for c in claims)


def test_places_naming_actors_are_not_the_claims_places():
    text = (
        "Belarus has sent 600 engineers to the Gomel region, South Korea's spy agency said on Monday, "
        "and Russia's Kursk region received 200 more."
    )
    claims = extract(text, date(2024, 5, 8))
    c600 = _by_value(claims, 600)
    names = {p.name for p in c600.places}
    assert "Belarus" not in names and "South Korea" not in names  # the sender, the spy agency's country
    assert any("Gomel" in n for n in names)
    c200 = _by_value(claims, 200)
    assert any("Kursk" in p.name for p in c200.places)


def test_a_restated_event_gives_the_lede_figure_its_origin():
    text = (
        "Belarus has deployed 900 more soldiers to its southern border, opposition lawmaker Anna "
        "Vetrova said on Tuesday.\n\n"
        "Vetrova said she had met Lithuanian officers. According to them, the newly deployed soldiers "
        "were digging in near Mozyr.\n\n"
        "The ministry in Minsk said 40 officers were on leave."
    )
    claims = extract(text, date(2024, 4, 10))
    lede = _by_value(claims, 900)
    names = [a.name or "" for a in lede.attribution]
    assert names and names[0].endswith("Vetrova")
    assert len(names) == 2 and "officers" in names[-1]
    other = _by_value(claims, 40)
    assert all("Vetrova" not in (a.name or "") for a in other.attribution)


def test_a_body_named_twice_in_its_own_chain_is_one_source():
    """Two cues of one body ("X estimates that ..., the ministry told reporters"; "X said ..., it said
    in a statement") are one speaker, not a body citing itself; the fuller description is kept."""
    pairs = [
        (
            "Sudan's health ministry estimates that 1,200 people have died in the outbreak, the "
            "ministry told reporters on Tuesday.",
            "1,200",
        ),
        (
            "Kenya's interior ministry said 300 people were evacuated from the flooded county, it said "
            "in a statement.",
            "300",
        ),
    ]
    for text, figure in pairs:
        (claim,) = [c for c in extract(text) if c.quantity and c.quantity.text == figure]
        assert len(claim.attribution) == 1, claim.attribution
        link = claim.attribution[0]
        assert link.text is not None and "ministry" in link.text and link.type == "government"
    # A body that cites another stays a chain of two.
    (cited,) = [
        c for c in extract("The governor said 40 homes were destroyed, citing police reports.") if c.quantity
    ]
    assert len(cited.attribution) == 2


def test_a_toll_with_no_place_of_its_own_happened_in_the_country_its_article_is_about():
    text = (
        "Floods swept through northern Peru on Monday, officials in Lima said.\n\n"
        "The toll rose to 47 on Tuesday, and 12 people were still missing.\n\n"
        "Rescue teams from Peru's army reached the worst-hit valleys in Peru's north."
    )
    claims = extract(text, PUBLISHED)
    for value in (47, 12):
        assert [p.country for p in _by_value(claims, value).places] == ["PE"]
    text = (
        "Talks in Lima and in Santiago went on all week.\n\nThe toll rose to 47 on Tuesday.\n\n"
        "Officials in Chile and in Peru gave no more figures."
    )
    assert _by_value(extract(text, PUBLISHED), 47).places == ()  # two countries named equally: none


def test_a_toll_inside_the_country_names_no_place_from_the_article():
    text = "Floods hit Peru on Monday.\n\nAcross the country, 30 people were killed.\n\nPeru asked for aid."
    assert _by_value(extract(text, PUBLISHED), 30).places == ()
