"""Statements tracked like figures (fusion/statements.py): four short articles of our own on an
invented deployment (Belarusian troops in Russia's Belgorod region) give one proposition with its
timeline, each origin's stance, a reversal (a denial, then an acknowledgement) and the linked
tracked quantity; the desk's rejections leave it; hand-built claims pin the reading rules."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimtrail import fusion
from claimtrail.cli.main import app
from claimtrail.fusion import ArticleMeta
from claimtrail.fusion.parties import party_of_link
from claimtrail.fusion.statement_reading import read_statement
from claimtrail.fusion.statements import for_ledger, propositions, stance_of
from claimtrail.model import Claim, PlaceRef, SourceLink, Subject, TimeRef
from claimtrail.run import ingest
from claimtrail.store.ledger import open_ledger

DATA = Path(__file__).parent / "data" / "statements_belgorod.jsonl"
PROPOSITION = "by-troop-deployed-ru"


@pytest.fixture(scope="module")
def scenario_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("statements") / "s.db")
    with open_ledger(db) as ledger:
        report = ingest([str(DATA)], ledger)
        assert not report.failures
    return db


@pytest.fixture()
def ledger(scenario_db, tmp_path):
    copy = tmp_path / "copy.db"
    copy.write_bytes(Path(scenario_db).read_bytes())
    with open_ledger(str(copy)) as led:
        led.user = "tester"
        yield led


def _the_proposition(ledger):
    props = {p.id: p for p in for_ledger(ledger)}
    assert PROPOSITION in props, sorted(props)
    return props[PROPOSITION]


def test_four_articles_make_one_proposition_with_a_dated_timeline(ledger):
    prop = _the_proposition(ledger)
    assert prop.label == "Belarusian troops deployed to Russia"
    assert (prop.subject, prop.country, prop.event, prop.place) == ("troop", "BY", "deployed", "RU")
    dates = [p.date for p in prop.timeline]
    assert dates == sorted(dates)
    assert dates[0] == "2025-06-02" and dates[-1] == "2025-07-12"
    statements = [(p.date, p.origins, p.stance) for p in prop.timeline if p.kind == "statement"]
    assert ("2025-06-02", ("Russia", "Belarus"), "unconfirmed") in statements  # "Neither Moscow nor Minsk"
    assert ("2025-06-04", ("Russia",), "denied") in statements
    assert ("2025-07-12", ("Russia",), "confirmed") in statements  # "The Kremlin ... acknowledged"
    figures = sorted(p.figure for p in prop.timeline if p.kind == "quantity")
    assert figures == ["2,000", "2,500", "2,500", "3,000"]
    denial = next(p for p in prop.timeline if p.stance == "denied" and "Wednesday" in p.sentence)
    assert denial.speaker == "Russia" and denial.outlet == "Harbour Wire"
    assert denial.content == "Belarusian troops had been sent to the Belgorod region"


def test_a_denial_then_an_acknowledgement_is_a_reversal(ledger):
    prop = _the_proposition(ledger)
    reversal = [c for c in prop.changes if c.kind == "reversal"]
    assert [(c.origin, c.before, c.after, c.dates) for c in reversal] == [
        ("Russia", "denied", "confirmed", ("2025-06-04", "2025-07-12"))
    ]
    assert reversal[0].detail == "Russia: denied (2025-06-04) -> confirmed (2025-07-12), a reversal"
    firmed = [(c.origin, c.before, c.after) for c in prop.changes if c.kind == "firmed"]
    assert firmed == [("Russia", "unconfirmed", "denied")]


def test_stance_by_origin_is_each_origins_latest(ledger):
    stances = {s.origin: (s.stance, s.date) for s in _the_proposition(ledger).stances}
    assert stances["Russia"] == ("confirmed", "2025-07-12")
    assert stances["Belarus"] == ("unconfirmed", "2025-06-02")
    assert stances["Russian Ministry of Defence"] == ("denied", "2025-06-04")  # "dismissed the reports as"
    assert stances["Western officials"] == ("believed", "2025-06-20")
    assert stances["Ministry of Defence (Belarus)"] == ("unconfirmed", "2025-06-20")  # "declined to confirm"
    hur = "Defence Intelligence of Ukraine (HUR)"
    assert stances[hur] == ("asserted", "2025-07-12")
    first = [s.origin for s in _the_proposition(ledger).stances][:3]
    assert set(first) <= {"Russia", "Belarus", "Russian Ministry of Defence", "Ministry of Defence (Belarus)"}


def test_stance_by_state_gathers_the_origins_that_speak_for_it(ledger):
    prop = _the_proposition(ledger)
    parties = {s.party: s for s in prop.parties}
    assert set(parties) == {"Russia", "Belarus", "Ukraine"}  # not "Western officials"
    assert (parties["Russia"].stance, parties["Russia"].date) == ("confirmed", "2025-07-12")
    assert set(parties["Russia"].origins) == {
        "Russia",
        "Russian Ministry of Defence",
        "Igor Marchenko",
    }  # Kremlin spokesman
    assert set(parties["Belarus"].origins) == {"Belarus", "Ministry of Defence (Belarus)"}
    assert parties["Belarus"].stance == "unconfirmed"
    assert parties["Ukraine"].origins[0] == "Defence Intelligence of Ukraine (HUR)"
    assert [(c.origin, c.kind) for c in prop.party_changes] == [("Russia", "firmed"), ("Russia", "reversal")]


def test_the_proposition_links_the_tracked_quantities_of_its_figures(ledger):
    prop = _the_proposition(ledger)
    tracked = {t.id: t for t in fusion.track(ledger)}
    assert prop.tracked and set(prop.tracked) <= set(tracked)
    figure_claims = {p.claim_id for p in prop.timeline if p.kind == "quantity"}
    assert figure_claims <= {c for t in prop.tracked for c in tracked[t].claims}
    assert all(tracked[t].event == "deployed" and tracked[t].subject.country == "BY" for t in prop.tracked)


def test_a_rejected_claim_leaves_the_timeline_and_its_reversal(ledger):
    prop = _the_proposition(ledger)
    for point in prop.timeline:
        if point.stance == "confirmed":
            ledger.desk.review(point.claim_id, "rejected", note="misread", by="tester")
    after = _the_proposition(ledger)
    assert not any(p.stance == "confirmed" for p in after.timeline)
    assert not after.reversals
    assert {s.origin: s.stance for s in after.stances}["Russia"] == "denied"


def test_search_keeps_the_propositions_that_mention_the_text(ledger):
    assert [p.id for p in for_ledger(ledger, search="belgorod")] == [PROPOSITION]
    assert for_ledger(ledger, search="no such words anywhere") == ()
    assert [p.id for p in for_ledger(ledger, stance="denied")] == [PROPOSITION]
    with pytest.raises(ValueError, match="stance"):
        for_ledger(ledger, stance="maybe")


# -- hand-built statements: the reading rules ------------------------------------------------------
def _statement(
    sentence: str,
    content: str,
    source: str,
    *,
    article: str = "h1",
    modality: str = "asserted",
    cues: tuple[str, ...] = (),
    places: tuple[PlaceRef, ...] = (),
    said: str | None = None,
    cue: str = "said",
) -> Claim:
    start = sentence.index(content)
    return Claim(
        claim_id=f"{article}-{start}-{len(content)}",
        article_id=article,
        article_url=None,
        published="2025-05-01",
        sentence=sentence,
        start=start,
        end=start + len(content),
        kind="statement",
        event=None,
        subject=Subject(),
        quantity=None,
        event_time=None,
        statement_time=TimeRef(said, said, said) if said else None,
        places=places,
        attribution=(SourceLink(source, source, "government", None, cue),),
        modality=modality,  # type: ignore[arg-type]
        cues=cues,
    )


KYIV = PlaceRef("Kyiv", "Kyiv", "UA", 50.45, 30.52, "geonames:703448")


def test_its_troops_belong_to_the_speaker():
    c = _statement(
        "Iran confirmed that its troops were deployed to Syria.", "its troops were deployed to Syria", "Iran"
    )
    r = read_statement(c)
    assert (r.subject, r.country, r.event) == ("troop", "IR", "deployed")
    assert [code for code, _ in r.places] == ["SY"]


@pytest.mark.parametrize(
    ("content", "other"),
    [
        ("Chilean troops were not surrounded near the pass", True),
        ("its forces had stopped the advance", True),
        ("neither soldier spoke Spanish", True),
        ("Chilean troops are fighting near the pass", False),
        ("Chilean soldiers were there at Peru's invitation", False),
        ("Chilean troops were deployed near the pass", False),
    ],
)
def test_a_subject_with_a_verb_of_its_own_is_not_given_the_articles_event(content, other):
    c = _statement(f"Peru said {content}.", content, "Peru")
    r = read_statement(c)
    assert r.subject == "troop"
    assert r.other_predicate is other
    if other:
        assert r.event is None  # not "deployed", the default of troops, nor the article's
    elif "deployed" in content:
        assert r.event == "deployed"


def test_an_ambiguous_trigger_counts_only_for_forces():
    sent_letter = _statement(
        "Poland said it sent a letter to the council.", "it sent a letter to the council", "Poland"
    )
    assert read_statement(sent_letter).event is None
    sent_troops = _statement(
        "Poland said it sent 300 soldiers to Latvia.", "it sent 300 soldiers to Latvia", "Poland"
    )
    assert read_statement(sent_troops).event == "deployed"


def test_non_confirmations_are_unconfirmed_and_other_reported_claims_stay_reported():
    base = _statement("Nobody has confirmed that marines landed.", "marines landed", "Nobody")
    assert stance_of(replace(base, modality="reported", cues=("has not confirmed",))) == "unconfirmed"
    assert stance_of(replace(base, modality="reported", cues=("declined to confirm",))) == "unconfirmed"
    assert stance_of(replace(base, modality="reported", cues=("if confirmed",))) == "unconfirmed"
    assert stance_of(replace(base, modality="reported", cues=("reportedly",))) == "reported"
    assert stance_of(replace(base, modality="denied", cues=("denied",))) == "denied"


def test_a_referring_statement_joins_the_proposition_before_it_and_the_denier_is_the_speaker():
    first = _statement(
        "Greece denied that Turkish troops had landed on the island, even as Cyprus said it saw them.",
        "Turkish troops had landed on the island, even as Cyprus said it saw them",
        "Greece",
        modality="denied",
        cues=("denied",),
        cue="denied",
    )
    first = replace(
        first, attribution=(*first.attribution, SourceLink("Cyprus", "Cyprus", "government", None, "said"))
    )
    second = _statement(
        "A spokesman said the reports were false.",
        "the reports were false",
        "Greece",
        modality="denied",
        cues=("false",),
    )
    # the next paragraph of the same article
    second = replace(
        second, claim_id="h1-later", sentence_start=200, start=second.start + 200, end=second.end + 200
    )
    props = propositions([first, second], {"h1": ArticleMeta("Test Wire", None)}, ())
    assert len(props) == 1
    prop = props[0]
    assert (prop.subject, prop.country, prop.event) == ("troop", "TR", "deployed")
    assert set(prop.claims) == {first.claim_id, "h1-later"}
    assert {s.origin: s.stance for s in prop.stances} == {"Greece": "denied"}  # not Cyprus: Greece denies


def _person(claim: Claim, text: str, name: str, role: str | None = None) -> Claim:
    return replace(claim, attribution=(SourceLink(text, name, "person", role, "said"),))


def test_a_spokesman_and_his_government_are_one_state_whose_change_is_a_reversal():
    denial = _person(
        _statement(
            "Greek government spokesman Nikos Dimas said no Turkish troops had landed on the island.",
            "no Turkish troops had landed on the island",
            "Greece",
            modality="denied",
            cues=("said no",),
        ),
        "Nikos Dimas",
        "Nikos Dimas",
    )
    admission = _statement(
        "Greece acknowledged on Friday that Turkish troops had landed on the island.",
        "Turkish troops had landed on the island",
        "Greece",
        article="h2",
        modality="confirmed",
        cues=("acknowledged",),
    )
    admission = replace(admission, published="2025-05-09")
    meta = {"h1": ArticleMeta("Test Wire", None), "h2": ArticleMeta("Other Wire", None)}
    (prop,) = propositions([denial, admission], meta, ())
    assert {s.origin: s.stance for s in prop.stances} == {"Nikos Dimas": "denied", "Greece": "confirmed"}
    assert not prop.changes  # each origin said one thing
    (greece,) = prop.parties
    assert (greece.party, greece.country, greece.stance, greece.points) == ("Greece", "GR", "confirmed", 2)
    assert set(greece.origins) == {"Nikos Dimas", "Greece"}
    assert [c.detail for c in prop.party_changes] == [
        "Greece: denied (2025-05-01) -> confirmed (2025-05-09), a reversal"
    ]


def test_both_governments_are_the_owner_of_the_troops_and_the_country_they_are_in():
    cyprus = PlaceRef("Cyprus", "Cyprus", "CY", 35.1, 33.4, "geonames:146669")
    c = _statement(
        "Both governments declined to confirm that Turkish troops had landed in Cyprus.",
        "Turkish troops had landed in Cyprus",
        "Both governments",
        modality="reported",
        cues=("declined to confirm",),
        places=(cyprus,),
    )
    (prop,) = propositions([c], {"h1": ArticleMeta("Test Wire", None)}, ())
    assert prop.timeline[0].origins == ("Turkey", "Cyprus")
    assert {(s.party, s.stance) for s in prop.parties} == {
        ("Turkey", "unconfirmed"),
        ("Cyprus", "unconfirmed"),
    }


@pytest.mark.parametrize(
    ("sentence", "text", "name", "type_", "role", "party"),
    [
        ("Swedish Foreign Minister Eva Lund said the talks failed.", "Eva Lund", "Eva Lund", "person", None, "SE"),
        (
            "Tomas Berg, a spokesman for the Brazilian army, said the convoy left.",
            "Tomas Berg",
            "Tomas Berg",
            "person",
            None,
            "BR",
        ),
        ("Swedish lawmaker Lena Holm said the talks failed.", "Lena Holm", "Lena Holm", "person", None, None),
        ("Jon Park, an analyst in Seoul, said the talks failed.", "Jon Park", "Jon Park", "person", None, None),
        ("Western officials said the talks failed.", "Western officials", "Western officials", "anonymous", "officials", None),
        ("Sudanese officials said the talks failed.", "Sudanese officials", "Sudanese officials", "anonymous", "officials", "SD"),
        ("North Korea's mission said the talks failed.", "North Korea's mission", "North Korea's mission", "unknown", None, "KP"),
        ("Moscow said the talks failed.", "Moscow", "Russia", "government", None, "RU"),
        ("The NIS said the talks failed.", "NIS", "National Intelligence Service (NIS)", "intelligence", None, "KR"),
        ("KCNA said the talks failed.", "KCNA", "Korean Central News Agency (KCNA)", "media", None, None),
        ("Chad Miller, a spokesman, said the talks failed.", "Chad Miller", "Chad Miller", "person", None, None),
    ],
)  # fmt: skip
def test_which_state_an_origin_speaks_for(sentence, text, name, type_, role, party):
    claim = _statement(sentence, "the talks failed" if "talks" in sentence else "the convoy left", name)
    link = SourceLink(text, name, type_, role, "said")  # type: ignore[arg-type]
    assert party_of_link(name, type_, replace(claim, attribution=(link,)), link) == party


def test_a_statement_about_nothing_countable_makes_no_proposition():
    c = _statement(
        "Austria said talks would resume in May.", "talks would resume in May", "Austria", places=(KYIV,)
    )
    assert propositions([c], {"h1": ArticleMeta(None, None)}, ()) == ()


# -- the CLI ---------------------------------------------------------------------------------------
runner = CliRunner()
JSON_KEYS = {
    "id",
    "label",
    "subject",
    "event",
    "place",
    "tracked",
    "claims",
    "parties",
    "party_changes",
    "stances",
    "changes",
    "timeline",
}


def test_cli_json_lists_the_proposition_with_its_timeline(scenario_db):
    result = runner.invoke(
        app, ["statements", "--db", scenario_db, "--format", "json", "--search", "Belgorod"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [p["id"] for p in data] == [PROPOSITION]
    prop = data[0]
    assert set(prop) == JSON_KEYS
    assert prop["place"] == {"name": "Russia", "country": "RU"}
    reversal = [c for c in prop["changes"] if c["kind"] == "reversal"]
    assert reversal[0]["from"] == "denied" and reversal[0]["to"] == "confirmed"
    point = next(p for p in prop["timeline"] if p["stance"] == "denied" and p["outlet"] == "Harbour Wire")
    assert set(point) == {
        "date", "claim", "kind", "article", "outlet", "speaker", "origins", "parties", "stance", "cues",
        "sentence", "content", "figure",
    }  # fmt: skip
    assert point["parties"] == ["RU"]
    russia = next(s for s in prop["parties"] if s["party"] == "Russia")
    assert (russia["country"], russia["stance"], russia["as_of"]) == ("RU", "confirmed", "2025-07-12")
    assert set(russia["origins"]) == {"Russia", "Russian Ministry of Defence", "Igor Marchenko"}


def test_cli_table_shows_the_timeline_and_the_reversal(scenario_db):
    result = runner.invoke(app, ["statements", "--db", scenario_db], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Belarusian troops deployed to Russia" in result.stdout
    assert "Russia: denied (2025-06-04) -> confirmed (2025-07-12), a reversal" in result.stdout
    assert (
        "2025-06-02  Russia, Belarus [unconfirmed]  Neither Moscow nor Minsk has confirmed" in result.stdout
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xml"], "--format: 'xml' is not one of table, json"),
        (["--stance", "maybe"], "--stance: 'maybe' is not one of"),
        (["--search", "  "], "--search: the text is empty"),
    ],
)
def test_cli_bad_options_get_one_line_and_a_non_zero_exit(scenario_db, args, message):
    result = runner.invoke(app, ["statements", "--db", scenario_db, *args])
    assert result.exit_code != 0
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
