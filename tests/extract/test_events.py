"""The events component: counted noun, owner, event and qualifiers of each number.

Two kinds of tests. The first builds the QuantityMentions (and places) by hand on a parsed Doc and
runs the component on them, so the rules are tested apart from the quantities and places
components. The second runs the whole pipeline through the ``annotate`` fixture.
"""

from __future__ import annotations

import re

import pytest

from claimtrail.errors import ResourceError
from claimtrail.extract.events import EventsComponent, load_lexicon
from claimtrail.model import PlaceMention, QuantityMention
from claimtrail.nlp.pipeline import COMPONENTS, make_doc

COUNTRIES = {
    "north korea": "KP",
    "north korean": "KP",
    "pyongyang": "KP",
    "russia": "RU",
    "russian": "RU",
    "moscow": "RU",
    "ukraine": "UA",
    "ukrainian": "UA",
    "kyiv": "UA",
}


@pytest.fixture(scope="module")
def component():
    return EventsComponent()


@pytest.fixture(scope="module")
def hand(nlp, component):
    """hand(text, numbers, units={}) -> {number text: QuantityMention} after the events rules.

    The Doc is parsed by the base model alone; its quantities and places are mentions built
    here (numbers found in order; places from a small country table), so the test depends only on
    the parse and on this component.
    """
    ours = [name for name, _ in COMPONENTS if name in nlp.pipe_names]

    def run(text: str, numbers: list[str], units: dict[str, str] | None = None):
        with nlp.select_pipes(disable=ours):  # the base model's parse only
            doc = nlp(make_doc(nlp, text))
        units = units or {}
        quantities = []
        pos = 0
        for number in numbers:
            start = text.index(number, pos)
            end = start + len(number)
            pos = end
            span = doc.char_span(start, end, alignment_mode="expand")
            quantities.append(
                QuantityMention(
                    start,
                    end,
                    number,
                    0.0,
                    unit=units.get(number),
                    kind="measure" if number in units else "number",
                    token_start=span.start,
                    token_end=span.end,
                )
            )
        places = []
        for name, country in COUNTRIES.items():
            for found in re.finditer(rf"\b{re.escape(name)}\b", text, flags=re.IGNORECASE):
                if any(p.start <= found.start() < p.end for p in places):
                    continue
                demonym = name.endswith(("an", "ian"))
                places.append(
                    PlaceMention(
                        found.start(),
                        found.end(),
                        found.group(0),
                        name,
                        country,
                        None,
                        None,
                        None,
                        demonym=demonym,
                    )
                )
        doc._.quantities = quantities
        doc._.places = sorted(places, key=lambda p: p.start)
        doc._.actors = []
        component(doc)
        return {q.text: q for q in doc._.quantities}

    return run


def text_of(span):
    return span.text if span is not None else None


# ---------------------------------------------------------------------------------------------
# Rules, on hand-built quantities


def test_batch_deployed_with_owner_from_subject(hand):
    q = hand(
        "Pyongyang has dispatched a third batch of 2,000 soldiers to the front, officials said.", ["2,000"]
    )["2,000"]
    assert text_of(q.counted) == "soldiers"
    assert q.counted_lemma == "soldier"
    assert q.kind == "count"
    assert q.event == "deployed"
    assert text_of(q.event_trigger) == "dispatched"
    assert text_of(q.owner) == "Pyongyang"
    assert q.owner_country == "KP"
    assert q.qualifiers == ["batch", "third"]


def test_pronoun_takes_antecedent_across_sentences(hand):
    qs = hand(
        "Moscow suffered heavy losses in its first deployment of 10,000 troops, the analyst wrote. "
        "Roughly 3,000 of them were killed or injured.",
        ["10,000", "3,000"],
    )
    first, part = qs["10,000"], qs["3,000"]
    assert first.event == "deployed"
    assert text_of(first.event_trigger) == "deployment"
    assert first.qualifiers == ["initial"]
    assert text_of(first.owner) == "Moscow"  # "its" resolved to the clause subject
    assert text_of(part.counted) == "troops"
    assert part.counted.start == first.counted.start
    assert part.event == "casualties"
    assert text_of(part.event_trigger) == "killed or injured"
    assert part.owner_country == "RU"


def test_partitive_pronoun_in_same_sentence(hand):
    qs = hand(
        "Of the first 11,000 troops sent, about 3,000 of them have been killed or wounded.",
        ["11,000", "3,000"],
    )
    assert qs["11,000"].event == "deployed"
    assert qs["11,000"].qualifiers == ["initial"]
    assert text_of(qs["3,000"].counted) == "troops"
    assert qs["3,000"].event == "casualties"
    assert qs["3,000"].qualifiers == []


def test_coordinated_verbs_with_own_objects_stay_apart(hand):
    qs = hand("A missile hit the station, killing 9 people and injuring 40 others.", ["9", "40"])
    assert qs["9"].event == "killed"
    assert text_of(qs["9"].event_trigger) == "killing"
    assert qs["40"].event == "wounded"
    assert text_of(qs["40"].counted) == "people"  # "others" stands for the people just counted


def test_bare_number_in_passive_clause_borrows_counted_noun(hand):
    qs = hand("At least 14 people were killed and 30 were wounded in the shelling.", ["14", "30"])
    assert qs["14"].event == "killed"
    assert qs["30"].event == "wounded"
    assert text_of(qs["30"].counted) == "people"


def test_death_toll_names_the_event_of_a_bare_number(hand):
    q = hand("The death toll climbed to 62 on Monday.", ["62"])["62"]
    assert q.event == "killed"
    assert text_of(q.event_trigger) == "death toll"
    assert q.counted is None
    assert q.kind == "number"


def test_figure_put_at_a_number(hand):
    q = hand("Local officials put the number of dead at 120.", ["120"])["120"]
    assert q.event == "killed"
    assert text_of(q.counted) == "dead"


def test_measures_get_no_counted_noun_and_no_event(hand):
    qs = hand(
        "The soldiers marched 40 km with a 30 kg pack.", ["40 km", "30 kg"], {"40 km": "km", "30 kg": "kg"}
    )
    for q in qs.values():
        assert q.counted is None
        assert q.event is None
        assert q.kind == "measure"


def test_taken_prisoner_is_captured(hand):
    q = hand("Some 150 soldiers were taken prisoner near the river.", ["150"])["150"]
    assert q.event == "captured"
    assert text_of(q.event_trigger) == "taken prisoner"


def test_training_and_a_count_with_no_event(hand):
    qs = hand("About 2,500 recruits are undergoing training at three camps.", ["2,500", "three"])
    assert qs["2,500"].event == "training"
    assert text_of(qs["2,500"].event_trigger) == "undergoing training"
    assert text_of(qs["three"].counted) == "camps"
    assert qs["three"].kind == "count"
    assert qs["three"].event is None  # camps are not something events happen to


def test_additional_and_total_qualifiers(hand):
    q = hand("Moscow plans to send a further 4,000 troops to the region.", ["4,000"])["4,000"]
    assert q.qualifiers == ["additional"]
    assert q.event == "deployed"
    assert q.owner_country == "RU"
    q = hand("The army has lost more than 300 tanks so far.", ["300"])["300"]
    assert q.qualifiers == ["total"]  # "more than" is a bound, not "more troops"
    assert q.event == "destroyed"  # "lose" takes its event from its object: tanks are destroyed
    q = hand("Overall, 9,000 civilians have lost their lives since the war began.", ["9,000"])["9,000"]
    assert q.event == "killed"
    assert text_of(q.event_trigger) == "lost their lives"
    assert q.qualifiers == ["total"]


def test_more_after_the_number_is_additional(hand):
    q = hand("Russia sent 3,500 more troops last month.", ["3,500"])["3,500"]
    assert q.qualifiers == ["additional"]
    assert q.owner_country == "RU"


def test_drones_launched_and_shot_down(hand):
    qs = hand("Russia launched 90 drones overnight, and air defences shot down 70 of them.", ["90", "70"])
    assert qs["90"].event == "launched"
    assert text_of(qs["90"].event_trigger) == "launched"
    assert qs["90"].owner_country == "RU"
    assert text_of(qs["70"].counted) == "drones"
    assert text_of(qs["70"].event_trigger) == "shot down"
    assert qs["70"].event == "intercepted"


def test_refugees_fled(hand):
    q = hand("More than 1.5 million people have fled their homes.", ["1.5 million"])["1.5 million"]
    assert text_of(q.counted) == "people"
    assert q.event == "displaced"
    assert text_of(q.event_trigger) == "fled"


def test_event_noun_as_counted_is_a_fallback_to_the_verb(hand):
    qs = hand("Kyiv holds 800 Russian POWs, and Moscow released 24 hostages last week.", ["800", "24"])
    assert qs["800"].event == "captured"
    assert text_of(qs["800"].event_trigger) == "POWs"
    assert qs["800"].owner_country == "RU"
    assert qs["24"].event == "released"
    assert text_of(qs["24"].event_trigger) == "released"


def test_demonym_owner_and_passive_capture(hand):
    q = hand("Five North Korean soldiers were captured by Ukrainian special forces.", ["Five"])["Five"]
    assert text_of(q.owner) == "North Korean"
    assert q.owner_country == "KP"
    assert q.event == "captured"


def test_possessive_owner(hand):
    q = hand("Russia's 1,200 marines arrived in the port on Friday.", ["1,200"])["1,200"]
    assert text_of(q.owner) == "Russia's"
    assert q.owner_country == "RU"
    assert q.event == "deployed"


def test_commander_of_troops_is_not_killed_troops(hand):
    q = hand("The commander of 1,500 troops was killed in an ambush.", ["1,500"])["1,500"]
    assert text_of(q.counted) == "troops"
    assert q.event == "other"
    assert q.event_trigger is None


def test_participle_after_the_noun(hand):
    q = hand("Officials counted 37 civilians killed in the raid.", ["37"])["37"]
    assert q.event == "killed"
    assert text_of(q.event_trigger) == "killed"


def test_bringing_the_total_inherits_the_clause_event(hand):
    qs = hand(
        "At least 300 protesters were detained by police, bringing the total to 1,200 since January.",
        ["300", "1,200"],
    )
    assert qs["300"].event == "detained"  # by police: detained, not captured in combat
    assert qs["1,200"].event == "detained"
    assert "total" in qs["1,200"].qualifiers


def test_number_nouns_pass_the_count_on(hand):
    q = hand("Dozens of civilians were killed in the shelling.", ["Dozens"])["Dozens"]
    assert text_of(q.counted) == "civilians"
    assert q.event == "killed"
    q = hand("Tens of thousands of people have been displaced by the fighting.", ["Tens of thousands"])[
        "Tens of thousands"
    ]
    assert text_of(q.counted) == "people"
    assert text_of(q.event_trigger) == "displaced"


def test_share_keeps_the_event_of_what_it_counts(hand):
    q = hand("Nearly 30% of the deployed troops were wounded.", ["30%"], {"30%": "percent"})["30%"]
    assert text_of(q.counted) == "troops"
    assert q.event == "wounded"
    assert q.kind == "measure"  # a share stays a share


def test_measure_sent_is_not_a_deployment(hand):
    q = hand("The agency sent 500 tonnes of flour to the city.", ["500 tonnes"], {"500 tonnes": "t"})[
        "500 tonnes"
    ]
    assert q.event is None
    assert q.counted is None


def test_deployment_is_of_people_and_materiel(hand):
    qs = hand("The ministry sent 2,000 letters and 300 tanks to the region.", ["2,000", "300"])
    assert qs["2,000"].event == "other"
    assert text_of(qs["2,000"].event_trigger) == "sent"
    assert qs["300"].event == "deployed"


def test_relative_clause_with_its_own_subject_belongs_to_the_part(hand):
    qs = hand(
        "Pyongyang sent about 12,000 troops, 4,000 of whom were killed or wounded.", ["12,000", "4,000"]
    )
    assert qs["12,000"].event == "deployed"
    assert qs["12,000"].owner_country == "KP"
    assert qs["4,000"].event == "casualties"
    assert text_of(qs["4,000"].counted) == "troops"
    assert qs["4,000"].owner_country == "KP"  # the owner of the antecedent


def test_members_named_with_including(hand):
    qs = hand("The UN said 1,200 civilians, including 300 children, have been killed.", ["1,200", "300"])
    assert qs["300"].event == "killed"
    assert text_of(qs["300"].counted) == "children"


def test_owner_through_raising_verb(hand):
    q = hand("North Korea is thought to have around 11,000 soldiers in Russia.", ["11,000"])["11,000"]
    assert text_of(q.owner) == "North Korea"
    assert q.event == "other"


def test_everyday_senses_of_lose_are_not_casualties(hand):
    q = hand("The home side has lost eight games this season.", ["eight"])["eight"]
    assert q.event == "other"
    q = hand("The brigade lost 30 tanks in a single week.", ["30"])["30"]
    assert q.event == "destroyed"
    q = hand("The brigade lost 300 men in a single week.", ["300"])["300"]
    assert q.event == "casualties"


def test_quantity_placed_by_character_offsets(nlp, component):
    text = "Some 700 paratroopers were stationed near the airport."
    with nlp.select_pipes(disable=[name for name, _ in COMPONENTS if name in nlp.pipe_names]):
        doc = nlp(make_doc(nlp, text))
    start = text.index("700")
    doc._.quantities = [QuantityMention(start, start + 3, "700", 700.0)]  # no token indices
    doc._.places, doc._.actors = [], []
    component(doc)
    q = doc._.quantities[0]
    assert text_of(q.counted) == "paratroopers"
    assert q.event == "deployed"
    assert text_of(q.event_trigger) == "stationed"


def test_lexicon_rejects_unknown_event(monkeypatch):
    from claimtrail import resources

    shipped = resources.load("events.yaml")
    broken = {**shipped, "events": {**shipped["events"], "exploded": shipped["events"]["other"]}}
    monkeypatch.setattr(resources, "load", lambda name: broken)
    with pytest.raises(
        ResourceError, match=r"resources/broken\.yaml: events\.exploded.*unknown event 'exploded'"
    ):
        load_lexicon("broken.yaml")


def test_lexicon_rejects_a_misspelt_section(monkeypatch):
    from claimtrail import resources

    shipped = resources.load("events.yaml")
    broken = {**shipped, "tally_verb": shipped["tally_verbs"]}
    monkeypatch.setattr(resources, "load", lambda name: broken)
    with pytest.raises(ResourceError, match=r"resources/misspelt\.yaml: tally_verb"):
        load_lexicon("misspelt.yaml")


def test_lexicon_indexes_the_word_lists():
    lex = load_lexicon()
    assert lex.verbs["deploy"] == "deployed"
    assert lex.nouns["casualty"] == "casualties"
    assert ("prisoner",) in [rest for rest, _ in lex.phrases["take"]]
    assert lex.qualifier_words["further"] == "additional"


# ---------------------------------------------------------------------------------------------
# The whole pipeline


def by_text(doc, text):
    found = [q for q in doc._.quantities if q.text == text]
    assert found, f"quantity {text!r} not found in {[q.text for q in doc._.quantities]}"
    return found[0]


def test_component_runs_after_quantities_places_and_actors():
    names = [name for name, _ in COMPONENTS]
    assert names.index("claimtrail_events") > max(
        names.index("claimtrail_quantities"),
        names.index("claimtrail_places"),
        names.index("claimtrail_actors"),
    )


def test_pipeline_deployment_and_casualties(annotate):
    doc = annotate(
        "North Korea has sent a second batch of 1,500 soldiers to the front. "
        "Of its first 11,000 troops, about 3,000 of them have been killed or wounded, officials said."
    )
    batch = by_text(doc, "1,500")
    assert batch.event == "deployed"
    assert text_of(batch.counted) == "soldiers"
    assert batch.qualifiers == ["batch", "second"]
    assert text_of(batch.owner) == "North Korea"
    assert batch.owner_country == "KP"
    part = by_text(doc, "3,000")
    assert text_of(part.counted) == "troops"
    assert part.event == "casualties"
    assert text_of(part.event_trigger) == "killed or wounded"


def test_pipeline_killing_and_wounding(annotate):
    doc = annotate("A drone struck a bus on Sunday, killing at least 8 people and wounding 21 others.")
    killed = [q for q in doc._.quantities if q.value == 8][0]
    wounded = [q for q in doc._.quantities if q.value == 21][0]
    assert killed.event == "killed"
    assert text_of(killed.counted) == "people"
    assert wounded.event == "wounded"
    assert text_of(wounded.counted) == "people"


def test_pipeline_measures_have_no_event(annotate):
    doc = annotate("Each week the recruits run 40 km carrying 25 kg of gear.")
    measures = [q for q in doc._.quantities if q.unit in ("km", "kg")]
    assert len(measures) == 2
    assert all(q.event is None and q.counted is None for q in measures)


def test_pipeline_demonym_owner_country(annotate):
    doc = annotate("Ukrainian forces captured two North Korean soldiers near the border.")
    demonyms = {(p.text, p.country) for p in doc._.places if p.demonym}
    assert {("Ukrainian", "UA"), ("North Korean", "KP")} <= demonyms
    q = by_text(doc, "two")
    assert text_of(q.owner) == "North Korean"
    assert q.owner_country == "KP"
    assert q.event == "captured"


def test_moved_and_rotated_troops_are_deployed(annotate):
    doc = annotate("Minsk has moved 800 paratroopers to the border and rotated 400 soldiers out of the area.")
    events = {q.text: q.event for q in doc._.quantities}
    assert events["800"] == "deployed"
    assert events["400"] == "deployed"
