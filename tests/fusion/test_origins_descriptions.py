"""One institution is one origin however an article describes it, echoes of one origin count once,
and figures land in the tracked quantity they count (issue 10). Sentences are written for these tests."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimtrail import fusion
from claimtrail.cli.main import app
from claimtrail.fusion import fuse
from claimtrail.fusion.origins import OriginResolver
from claimtrail.model import Claim, SourceLink, SourceType, TimeRef
from claimtrail.store.ledger import open_ledger

from .helpers import claim, meta

NIS = "National Intelligence Service (NIS)"
runner = CliRunner()


def link(
    text: str, type_: SourceType = "intelligence", name: str | None = None, role: str | None = None
) -> SourceLink:
    """A source as the extractor gives it: as written, its resolved name, type and role."""
    return SourceLink(text=text, name=name or text, type=type_, role=role, cue="said")


def said(c: Claim, sentence: str, *chain: SourceLink, at: int | None = None) -> Claim:
    """A claim with its own sentence and chain; the figure's offset is where its text is found."""
    start = sentence.find(c.quantity.text) if c.quantity and at is None else (at or 0)
    return replace(c, sentence=sentence, start=start, end=start + 6, sentence_start=0, attribution=chain)


def origin_names(claims: list[Claim]) -> dict[str, str]:
    """Each claim's merged origin name."""
    result = fuse(claims, meta(claims))
    return {cid: o.name for o in result.origins for cid in o.claims}


# -- 1. descriptions of one institution, resolved through the article ------------------------------
@pytest.mark.parametrize(
    "name",
    ["the South's National Intelligence Service", "Seoul's spies", "Seoul's National Intelligence Service"],
)
def test_a_body_named_after_a_possessor_is_that_body(name):
    assert OriginResolver().named(name, "intelligence").name == NIS


def test_a_possessor_of_another_country_is_not_the_body():
    assert OriginResolver().named("Moscow's NIS", "intelligence").name != NIS


def test_the_countrys_agency_through_the_country_of_the_articles_speaker():
    cs = [
        said(
            claim("p1", 9000),
            "About 9,000 troops were sent, a South Korean lawmaker said.",
            link("a South Korean lawmaker", "person", "South Korean lawmaker", "lawmaker"),
        ),
        said(
            claim("p1", 9000, start=90),
            "The country's intelligence agency put the number at 9,000.",
            link("The country's intelligence agency"),
            at=90,
        ),
    ]
    assert origin_names(cs)[cs[1].claim_id] == NIS


def test_the_countrys_agency_through_the_body_named_nearby():
    # the NIS is named in the article, but never cited as a source
    cs = [
        said(
            claim("p2", 9000),
            "The country's intelligence agency said 9,000 troops had left.",
            link("The country's intelligence agency"),
        ),
        said(
            claim("p2", 40, event="killed", start=120),
            "The NIS briefed the committee, where 40 deaths were mentioned, an aide said.",
            link("an aide", "anonymous", "aide", "aide"),
            at=120,
        ),
    ]
    assert origin_names(cs)[cs[0].claim_id] == NIS


def test_intelligence_data_relayed_by_a_lawmaker_after_a_briefing():
    cs = [
        said(
            claim("p3", 9000),
            "Citing intelligence data, Yu Yong-weon said after an NIS briefing that 9,000 troops had left.",
            link("Yu Yong-weon", "person"),
            link("intelligence data", "document"),
        )
    ]
    assert origin_names(cs)[cs[0].claim_id] == NIS


def test_an_appositive_names_the_body():
    cs = [
        said(
            claim("p4", 9000),
            "9,000 troops left, the spy agency, the NIS, said.",
            link("the spy agency, the NIS"),
        )
    ]
    assert origin_names(cs)[cs[0].claim_id] == NIS


def test_a_description_without_a_country_takes_the_articles_dominant_one():
    cs = [
        said(
            claim("p5", 9000), "Seoul said 9,000 troops had left.", link("Seoul", "government", "South Korea")
        ),
        said(
            claim("p5", 9500, start=60),
            "The spy agency said 9,500 troops had left.",
            link("The spy agency"),
            at=60,
        ),
    ]
    assert origin_names(cs)[cs[1].claim_id] == NIS


def test_five_descriptions_in_five_articles_are_one_origin():
    cs = [
        said(
            claim("d1", 9000),
            "9,000 left, the country's intelligence agency said.",
            link("the country's intelligence agency"),
        ),
        said(
            claim("d1", 10, event="killed", start=70),
            "10 died, South Korea's spy agency said.",
            link("South Korea's spy agency"),
            at=70,
        ),
        said(
            claim("d2", 9000),
            "9,000 left, Seoul's National Intelligence Service said.",
            link("Seoul's National Intelligence Service"),
        ),
        said(claim("d3", 9000), "9,000 left, the NIS said.", link("the NIS")),
        said(
            claim("d4", 9000),
            "9,000 left, Yu Yong-weon said, citing intelligence data from an NIS briefing.",
            link("Yu Yong-weon", "person"),
            link("intelligence data", "document"),
        ),
        said(
            claim("d5", 9000),
            "9,000 left, the South's National Intelligence Service said.",
            link("the South's National Intelligence Service"),
        ),
    ]
    deployed = next(t for t in fuse(cs, meta(cs)).tracked if t.event == "deployed")
    assert [o.name for o in deployed.origins] == [NIS]
    assert deployed.independent_origins == 1


# -- people: a description of a speaker is the person the article names ----------------------------
def _lawmaker_article(description: str, type_: SourceType = "person") -> list[Claim]:
    return [
        said(
            claim("l1", 1500, qualifiers=("another",)),
            "North Korea sent another 1,500 soldiers, South Korean lawmaker Yu Yong-weon said.",
            link("Yu Yong-weon", "person"),
        ),
        said(
            claim("l1", 9000, start=400),
            f"About 9,000 troops were sent in all, {description} said.",
            link(description, type_, description.removeprefix("a ").removeprefix("A ")),
            at=400,
        ),
    ]


def test_a_described_lawmaker_is_the_named_one():
    cs = _lawmaker_article("a South Korean lawmaker")
    names = origin_names(cs)
    assert names[cs[0].claim_id] == names[cs[1].claim_id] == "Yu Yong-weon"


@pytest.mark.parametrize("description", ["a Russian lawmaker", "a Western official", "an analyst"])
def test_a_description_of_another_country_or_role_stays_apart(description):
    cs = _lawmaker_article(description, "anonymous")
    assert origin_names(cs)[cs[1].claim_id] != "Yu Yong-weon"


def test_the_nearest_person_of_that_role():
    cs = [
        said(claim("l2", 100), "100 left, lawmaker Kim Dae-ho said.", link("Kim Dae-ho", "person")),
        said(
            claim("l2", 200, start=500),
            "200 left, lawmaker Lee Min-su said.",
            link("Lee Min-su", "person"),
            at=500,
        ),
        said(
            claim("l2", 300, start=560),
            "300 left, a lawmaker said.",
            link("a lawmaker", "person", "lawmaker"),
            at=560,
        ),
    ]
    assert origin_names(cs)[cs[2].claim_id] == "Lee Min-su"


def test_an_anonymous_official_is_not_the_named_one():
    cs = [
        said(claim("l4", 100), "100 left, senior official Kim Dae-ho said.", link("Kim Dae-ho", "person")),
        said(
            claim("l4", 200, start=90),
            "200 left, a senior official said on condition of anonymity.",
            link("a senior official", "anonymous", "senior official", "senior official"),
            at=90,
        ),
    ]
    assert origin_names(cs)[cs[1].claim_id] != "Kim Dae-ho"


def test_a_pronoun_is_no_role():
    cs = [
        said(claim("l3", 100), "100 left, he told Yu Yong-weon on Monday.", link("Yu Yong-weon", "person")),
        said(
            claim("l3", 200, start=90),
            "200 left, Park Ji-ho said, and he added more.",
            link("Park Ji-ho", "person"),
            link("he", "person"),
            at=90,
        ),
    ]
    assert origin_names(cs)[cs[1].claim_id] == "Park Ji-ho"


def test_a_western_official_is_not_the_pentagon():
    cs = [
        said(claim("w1", 9000), "9,000 troops left, the Pentagon said.", link("the Pentagon", "military")),
        said(
            claim("w1", 9500, start=60),
            "9,500 troops left, a Western official said.",
            link("a Western official", "anonymous", "Western official", "official"),
            at=60,
        ),
    ]
    names = origin_names(cs)
    assert names[cs[1].claim_id] != names[cs[0].claim_id]


def test_officials_are_not_the_articles_most_cited_body_unless_their_sentence_names_it():
    cs = [
        said(
            claim("u1", 13000, event="killed"),
            "13,000 were killed in all, the UN said.",
            link("the UN", "organization"),
        ),
        said(
            claim("u1", 7, event="killed", start=80),
            "Shelling killed 7 on Tuesday, officials said.",
            link("officials", "anonymous", role="officials"),
            at=80,
        ),
        said(
            claim("u2", 12000, start=0),
            "12,000 troops were sent, a HUR spokesman said.",
            link("spokesman", "anonymous", role="spokesman"),
        ),
        said(claim("u2", 12000, start=90), "HUR put the number at 12,000.", link("HUR"), at=90),
    ]
    names = origin_names(cs)
    assert names[cs[1].claim_id] == "officials"
    assert names[cs[2].claim_id] == "Defence Intelligence of Ukraine (HUR)"


# -- links that restate the source before them ------------------------------------------------------
def test_a_country_after_its_own_body_is_that_body():
    c = said(
        claim("r1", 100, event="killed"),
        "At least 100 were killed, South Korea's spy agency said, in Seoul's first estimate.",
        link("South Korea's spy agency", name=NIS),
        link("Seoul", "unknown"),
    )
    assert origin_names([c])[c.claim_id] == NIS


def test_a_country_after_another_countrys_body_stays():
    c = said(
        claim("r2", 100, event="killed"),
        "At least 100 were killed, the Pentagon said, citing Seoul.",
        link("the Pentagon", "military"),
        link("Seoul", "government", "South Korea"),
    )
    assert origin_names([c])[c.claim_id] == "South Korea"


def test_an_ownerless_document_is_its_citers():
    c = said(
        claim("r3", 100, event="killed"),
        "The NIS put the dead at 100, a memo showed.",
        link("The NIS", name=NIS),
        link("a memo", "document"),
    )
    assert origin_names([c])[c.claim_id] == NIS


# -- 2. echoes ---------------------------------------------------------------------------------------
def _echo(
    article: str, chain: tuple[SourceLink, ...], day: str = "2026-03-02", value: float = 14000
) -> Claim:
    return said(
        claim(article, value, said=day), f"About {value:,.0f} troops were deployed, they said.", *chain
    )


def test_three_outlets_describing_one_agency_differently_and_one_dropping_it_are_one_origin():
    cs = [
        _echo("e1", (link("South Korea's spy agency"),)),
        _echo("e2", (link("Seoul's National Intelligence Service"),)),
        _echo("e3", (link("the NIS"),), day="2026-03-03"),
        _echo("e4", (link("officials", "anonymous"),), day="2026-03-03"),
        _echo("e5", ()),
    ]
    t = next(t for t in fuse(cs, meta(cs)).tracked if t.event == "deployed")
    assert [o.name for o in t.origins] == [NIS]
    assert t.independent_origins == 1
    circ = [c for c in t.checks if c.kind == "circular_reporting"]
    assert circ and "5 articles" in circ[0].detail


def test_a_lost_chain_before_the_named_figure_or_with_another_figure_stays_apart():
    cs = [
        _echo("f1", (link("the NIS"),), day="2026-03-03"),
        _echo("f2", (link("officials", "anonymous"),), day="2026-03-02"),  # a day before the NIS
        _echo("f3", (link("officials", "anonymous"),), day="2026-03-03", value=15000),  # another figure
    ]
    t = next(t for t in fuse(cs, meta(cs)).tracked if t.event == "deployed")
    assert t.independent_origins == 3


def test_a_lost_chain_matching_two_named_origins_stays_apart():
    cs = [
        _echo("g1", (link("the NIS"),)),
        _echo("g2", (link("the Pentagon", "military"),)),
        _echo("g3", (link("officials", "anonymous"),)),
    ]
    t = next(t for t in fuse(cs, meta(cs)).tracked if t.event == "deployed")
    assert t.independent_origins == 3


# -- 3. values in the right tracked quantity ---------------------------------------------------------
def test_losses_among_a_group_count_the_group_not_the_losses():
    c = said(
        claim("q1", 12000, event="casualties"),
        "Heavy losses among the roughly 12,000 soldiers sent last year forced a new dispatch, Yu said.",
        link("Yu", "person", "Yu Yong-weon"),
    )
    other = claim("q2", 11000, sources=("NIS",))
    ts = fuse([c, other], meta([c, other])).tracked
    assert [t.event for t in ts] == ["deployed"]
    assert set(ts[0].claims) == {c.claim_id, other.claim_id}


def test_an_unowned_figure_joins_the_country_whose_figures_it_fits():
    cs = [
        claim("o1", 11000, sources=("NIS",), said="2026-01-10"),
        claim("o2", 10, country="RU", sources=("NIS",), said="2026-01-10"),
        # the article names both countries; the figure fits the North Korean deployment
        claim(
            "o3",
            11000,
            country=None,
            said="2026-01-12",
            places=(("Russia", "RU", "geonames:2017370"), ("North Korea", "KP", "geonames:1873107")),
        ),
    ]
    kp = next(t for t in fuse(cs, meta(cs)).tracked if t.subject.country == "KP")
    assert cs[2].claim_id in kp.claims


def test_another_batch_is_the_numbered_batch_its_origin_states():
    both = (("Russia", "RU", "geonames:2017370"), ("North Korea", "KP", "geonames:1873107"))
    cs = [
        claim("b1", 1500, qualifiers=("second",), sources=("HUR",), said="2026-03-05"),
        claim(
            "b2",
            1500,
            qualifiers=("another",),
            country=None,
            sources=("HUR",),
            said="2026-03-06",
            places=both,
        ),
        claim(
            "b3",
            1500,
            qualifiers=("another",),
            country=None,
            sources=("Gennady Voronkin",),
            said="2026-03-06",
            places=both,
        ),
    ]
    second = next(t for t in fuse(cs, meta(cs)).tracked if "second batch" in t.label)
    assert set(second.claims) == {cs[0].claim_id, cs[1].claim_id}
    assert second.independent_origins == 1


KHARKIV = (("Kharkiv", "UA", "geonames:706483"),)


def _strike(article: str, value: float, sentence: str, published: str, day: str) -> Claim:
    """A toll of a strike on Kharkiv whose sentence gives the day it happened."""
    c = said(
        claim(article, value, event="killed", subject="people", country=None, said=published, places=KHARKIV),
        sentence,
        link("the regional governor", "person", "regional governor", "governor"),
    )
    return replace(c, event_time=TimeRef(text="that day", start=day, end=day))


def test_two_strikes_on_one_town_on_different_days_are_two_incidents():
    cs = [
        _strike(
            "k1", 12, "A missile strike on Kharkiv on Monday killed 12 people.", "2026-04-07", "2026-04-06"
        ),
        _strike(
            "k2",
            14,
            "The toll from Monday's strike on Kharkiv rose to 14 people.",
            "2026-04-08",
            "2026-04-06",
        ),
        _strike(
            "k3", 5, "A drone attack on Kharkiv on Thursday killed 5 people.", "2026-04-10", "2026-04-09"
        ),
    ]
    killed = sorted((t for t in fuse(cs, meta(cs)).tracked if t.event == "killed"), key=lambda t: t.id)
    assert [len(t.claims) for t in killed] == [2, 1]
    assert set(killed[0].claims) == {cs[0].claim_id, cs[1].claim_id} and killed[1].estimate.best == 5
    assert not any(c.reason.startswith("genuine") for t in killed for c in t.contradictions)


UKRAINE = (("Ukraine", "UA", "geonames:690791"),)


def _toll(article: str, value: float, sentence: str, day: str | None = None, places=UKRAINE) -> Claim:
    """A toll of people killed with the places and the day its sentence gives."""
    c = said(
        claim(
            article, value, event="killed", subject="people", country=None, said="2026-05-05", places=places
        ),
        sentence,
        link("officials", "anonymous", role="officials"),
    )
    return replace(c, event_time=TimeRef(text="that day", start=day, end=day)) if day else c


def test_a_days_toll_beside_tolls_to_date_is_a_part_of_its_own():
    cs = [
        _toll("t1", 13000, "More than 13,000 civilians have been killed in Ukraine, the mission said."),
        _toll("t2", 13100, "At least 13,100 civilians have been killed in Ukraine, the UN said."),
        _toll(
            "t3", 7, "Shelling killed 7 civilians in Ukraine on Tuesday, officials said.", day="2026-05-05"
        ),
    ]
    killed = {t.label: t for t in fuse(cs, meta(cs)).tracked}
    total = killed["Ukrainian people killed in Ukraine"]
    assert cs[2].claim_id not in total.claims
    assert not [c for c in total.contradictions if c.reason.startswith("genuine")]
    day = killed["Ukrainian people killed in Ukraine (part: on 2026-05-05)"]
    assert day.claims == (cs[2].claim_id,)


def test_a_nationwide_toll_in_an_article_about_one_strike_is_not_the_strikes():
    cs = [
        _strike("n1", 4, "A strike on Kharkiv killed 4 people overnight.", "2026-05-04", "2026-05-04"),
        _toll(
            "n1", 9, "Russian attacks killed 9 civilians across Ukraine over the past day, officials said."
        ),
    ]
    strike = next(t for t in fuse(cs, meta(cs)).tracked if "Kharkiv" in t.label)
    assert strike.claims == (cs[0].claim_id,)


# -- 4. end to end: three outlets, three descriptions, one origin ------------------------------------
ARTICLES = {
    "2026-03-02-bay-courier-spy-agency.txt": (
        "SEOUL, March 2, 2026 (Bay Courier) — North Korea has deployed about 14,000 troops to Russia, "
        "South Korea's spy agency told lawmakers on Monday.\n\n"
        "The agency said most of the soldiers were stationed near the Kursk front.\n"
    ),
    "2026-03-03-lantern-daily-nis.txt": (
        "SEOUL, March 3, 2026 (Lantern Daily) — About 14,000 North Korean soldiers are now deployed in "
        "Russia, Seoul's National Intelligence Service said on Monday.\n\n"
        "The service gave the estimate in a closed briefing to the parliamentary intelligence committee.\n"
    ),
    "2026-03-03-ridge-post-country-agency.txt": (
        "SEOUL, March 3, 2026 (Ridge Post) — The country's intelligence agency said on Monday that North "
        "Korea had deployed about 14,000 troops to Russia.\n\n"
        "The NIS briefed members of parliament behind closed doors, a South Korean lawmaker said.\n"
    ),
}


def test_pipeline_three_outlets_one_agency(tmp_path: Path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = str(tmp_path / "e2e.db")
    result = runner.invoke(app, ["ingest", str(folder), "--db", db, "--quiet"])
    assert result.exit_code == 0, result.output
    with open_ledger(db) as ledger:
        t = next(t for t in fusion.track(ledger) if t.event == "deployed")
    assert t.estimate.best == 14000 and len(t.claims) == 3
    assert [o.name for o in t.origins] == [NIS]
    assert t.independent_origins == 1
