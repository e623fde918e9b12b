"""Issue 10, eighth round: the reporter's hedges that no one holds (seeming, sourceless raising,
knowledge frames, beliefs that "there are", criticism someone faces), shown in the annotate
contract only and never made origins of; and cue families of the component (verbs that tie one
thing to another, persuasion, "made it clear", verbs with a particle, naming by judgement).
Sentences of our own."""

from __future__ import annotations

from annotated import shown

from claimtrail.claims import build_claims
from claimtrail.model import Article


def _linked_names(doc, text: str) -> list[str]:
    """The attribution links of every quantity claim of ``text``, lower-cased."""
    claims = [c for c in build_claims(doc, Article(text=text, article_id="t")) if c.kind == "quantity"]
    assert claims, "the figure is still a claim"
    return [(link.text or "").lower() for c in claims for link in c.attribution]


def test_a_raised_passive_with_no_agent_is_a_hedge_with_no_source(annotate):
    text = "About 7,000 troops are expected to arrive in the region next week."
    doc = annotate(text)
    assert shown(doc) == [(None, "are expected", "to arrive in the region next week")]
    assert not doc._.attributions  # nobody says it: no claim is attributed
    assert _linked_names(doc, text) == []


def test_was_supposed_to_is_no_hedge(annotate):
    assert shown(annotate("The convoy was supposed to leave the city at dawn.")) == []


def test_seeming_with_a_complement_is_a_hedge(annotate):
    assert shown(annotate("The dam appears to have held overnight.")) == [
        (None, "appears", "to have held overnight")
    ]
    rows = shown(annotate("Local officials seem confident the bridge will reopen."))
    assert rows == [(None, "seem", "confident the bridge will reopen")]


def test_appearing_somewhere_or_being_made_to_seem_is_no_hedge(annotate):
    assert shown(annotate("The mayor appeared at a hearing on Monday.")) == []
    assert shown(annotate("The fog made the column seem smaller than it was.")) == []
    rows = shown(annotate("Rescuers reached what appeared to be a second crater."))
    assert all(cue != "appeared" for _, cue, _ in rows)


def test_appearing_to_say_something_stays_the_subjects_own_statement(annotate):
    doc = annotate("The general appeared to blame the engineers for the collapse.")
    assert [a.cue.text for a in doc._.attributions] == ["blame"]
    assert all(cue != "appeared" for _, cue, _ in shown(doc))


def test_an_expletive_knowledge_frame_is_a_hedge(annotate):
    rows = shown(annotate("It was unclear how many soldiers died in the raid."))
    assert rows == [(None, "was unclear", "how many soldiers died in the raid")]


def test_a_hedge_inside_a_report_is_left_to_the_speaker(annotate):
    rows = shown(annotate("The governor said it was unclear whether the bridge still stood."))
    assert [(src, cue) for src, cue, _ in rows] == [("The governor", "said")]


def test_beliefs_that_there_are_are_hedges(annotate):
    rows = shown(annotate("There has been speculation in Kyiv as to whether the commander survived."))
    assert rows == [(None, "There has been speculation", "in Kyiv as to whether the commander survived")]
    rows = shown(annotate("There was broad agreement that the corridor should stay open."))
    assert rows == [(None, "There was broad agreement", "that the corridor should stay open")]
    assert shown(annotate("There were questions in the hall.")) == []


def test_criticism_someone_faces_is_others_words(annotate):
    text = "The ministry has faced criticism over the evacuation of 300 civilians."
    doc = annotate(text)
    assert shown(doc) == [(None, "has faced criticism", "the evacuation of 300 civilians")]
    assert all("ministry" not in name for name in _linked_names(doc, text))
    rows = shown(annotate("The commander faced heavy criticism from rights groups after the raid."))
    assert rows == [("rights groups", "faced heavy criticism", "The commander")]


def test_facing_fire_is_no_criticism(annotate):
    assert shown(annotate("The unit faced heavy shelling near the river.")) == []


def test_tying_a_blast_to_a_cause_is_a_claim_of_the_source(annotate):
    doc = annotate("Ukrainian officials linked the blast to a Russian drone.")
    assert [(a.source.text if a.source else None, a.cue.text) for a in doc._.attributions] == [
        ("Ukrainian officials", "linked")
    ]
    assert shown(doc)[0][2] == "the blast to a Russian drone"


def test_tying_things_together_is_no_claim(annotate):
    for text in (
        "The new bridge links the two towns.",
        "The soldiers tied the prisoners to a fence.",
        "Investigators linked the two cases.",  # no "to": which cause is not said
    ):
        assert not annotate(text)._.attributions, text


def test_persuasion_is_a_stance_of_the_persuader_not_the_persuaded(annotate):
    doc = annotate("The envoy tried to persuade the rebels to free the hostages.")
    assert [(a.source.text if a.source else None, a.cue.text) for a in doc._.attributions] == [
        ("The envoy", "persuade")
    ]
    doc = annotate("The truce will hold only if the commander can be convinced that it is safe.")
    assert all(a.cue.text != "convinced" for a in doc._.attributions)


def test_making_it_clear_is_a_statement(annotate):
    rows = shown(annotate("Kyiv has made it plain it will not cede the town."))
    assert rows == [("Kyiv", "has made it plain", "it will not cede the town")]
    rows = shown(annotate("The ministry made it clear that the corridor would stay closed."))
    assert rows == [("The ministry", "made it clear", "the corridor would stay closed")]
    assert shown(annotate("The fog made it hard to see the road.")) == []


def test_verbs_with_their_particle(annotate):
    assert shown(annotate("The governor weighed in on the dispute over the dam.")) == [
        ("The governor", "weighed in on", "the dispute over the dam")
    ]
    assert shown(annotate("The sanctions weighed on the economy.")) == []
    rows = shown(annotate("The envoy spoke for an hour, summing up the talks."))
    assert rows == [("The envoy", "summing up", "the talks")]


def test_proclaiming_balking_and_judging(annotate):
    assert shown(annotate("The president proclaimed victory in the east.")) == [
        ("The president", "proclaimed", "victory in the east")
    ]
    assert shown(annotate("Kyiv balked at the proposal.")) == [("Kyiv", "balked at", "the proposal")]
    assert shown(annotate("The commander judged the town lost.")) == [
        ("The commander", "judged", "the town lost")
    ]


def test_a_verbal_attack_in_a_participle_speaks_through_the_main_subject(annotate):
    rows = shown(annotate("On Monday night, the governor leaned in heavily, painting the mayor as a coward."))
    assert rows == [("the governor", "painting", "the mayor as a coward")]
    assert (
        shown(
            annotate("Russian forces shelled the city overnight, hitting the hospital for the second time.")
        )
        == []
    )


def test_an_outlet_hosting_an_interview_is_not_the_origin(annotate):
    text = "In a BBC interview, the minister said 40 soldiers died near the river."
    doc = annotate(text)
    assert [(a.source.text if a.source else None, a.cue.text, a.cites) for a in doc._.attributions] == [
        ("the minister", "said", [])
    ]
    assert all("bbc" not in name for name in _linked_names(doc, text))


def test_warning_against_something_says_it(annotate):
    assert shown(annotate("The governor warned against any escalation near the plant.")) == [
        ("The governor", "warned", "any escalation near the plant")
    ]


def test_an_as_clause_after_the_subject_frames_the_whole_clause(annotate):
    text = "Forty soldiers, as the ministry noted, were killed near the dam."
    doc = annotate(text)
    [a] = doc._.attributions
    assert (a.source.text, a.cue.text) == ("the ministry", "noted")
    assert text[a.content_start : a.content_end].startswith("Forty soldiers")
    assert any("ministry" in name for name in _linked_names(doc, text))
