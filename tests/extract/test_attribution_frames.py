"""Issue 10, ninth round: a cue that interrupts the clause it reports ("Forty soldiers, the ministry
said, were killed"), a headline name the tagger ran into its cue ("Zelensky Seeks ..."), and the
headline shape "Name on Topic: ...". Sentences of our own."""

from __future__ import annotations

from annotated import shown

from claimtrail.claims import build_claims
from claimtrail.model import Article


def _linked_names(doc, text: str) -> list[str]:
    """The attribution links of every quantity claim of ``text``, lower-cased."""
    claims = [c for c in build_claims(doc, Article(text=text, article_id="t")) if c.kind == "quantity"]
    assert claims, "the figure is still a claim"
    return [(link.text or "").lower() for c in claims for link in c.attribution]


def test_an_interrupting_cue_says_the_whole_clause(annotate):
    text = "Forty soldiers, the ministry said, were killed in the strike."
    doc = annotate(text)
    assert shown(doc) == [
        ("the ministry", "said", "Forty soldiers, the ministry said, were killed in the strike")
    ]
    assert "the ministry" in _linked_names(doc, text)  # the figure before the cue keeps its speaker


def test_an_interrupting_cue_with_an_addressee_and_a_time(annotate):
    text = "Most of the recruits, Jones told the panel on Tuesday, were paid $500 a month."
    rows = shown(annotate(text))
    assert rows == [("Jones", "told", text.rstrip("."))]


def test_an_interrupting_cue_the_parser_makes_the_root(annotate):
    rows = shown(annotate("These recruits, the commander explained at the hearing, were well paid."))
    assert rows == [
        (
            "the commander",
            "explained",
            "These recruits, the commander explained at the hearing, were well paid",
        )
    ]


def test_a_fronted_time_or_place_is_no_interrupted_clause(annotate):
    assert shown(annotate("Last week, officials said the toll rose to 12.")) == [
        ("officials", "said", "the toll rose to 12")
    ]
    assert shown(annotate("In Kyiv, officials said the toll rose to 12.")) == [
        ("officials", "said", "the toll rose to 12")
    ]


def test_an_apposition_before_the_cue_is_no_interrupted_clause(annotate):
    rows = shown(annotate("The mayor of Dnipro, Ihor Petrenko, said the toll rose to 12."))
    assert [content for _, _, content in rows] == ["the toll rose to 12"]


def test_a_headline_name_run_into_its_cue_speaks(annotate):
    text = (
        "Zelensky Seeks More Air Defense Systems As Winter Nears\n\n"
        "President Volodymyr Zelensky said on Monday that the army needed help."
    )
    rows = shown(annotate(text))
    assert rows[0] == ("Zelensky", "Seeks", "More Air Defense Systems As Winter Nears")


def test_a_headline_noun_that_looks_like_a_cue_is_none(annotate):
    text = (
        "Kherson Power Plant Rules Face Key Test In Court\n\n"
        "The plant in Kherson was shut in March, officials said."
    )
    assert [cue for _, cue, _ in shown(annotate(text))] == ["said"]


def test_a_name_on_a_topic_before_a_colon_says_the_rest(annotate):
    text = (
        "Zelensky on the Counteroffensive: ‘We Are Moving Forward’\n\n"
        "Volodymyr Zelensky told reporters the army had retaken two villages."
    )
    rows = shown(annotate(text))
    assert rows[0] == ("Zelensky", "on the Counteroffensive:", "We Are Moving Forward")


def test_a_topic_on_a_topic_before_a_colon_is_no_speaker(annotate):
    text = "Sanctions on Russia: What Comes Next\n\nThe European Union said it would extend its measures."
    assert [cue for _, cue, _ in shown(annotate(text))] == ["said"]


def test_a_stance_verb_as_a_gerund_after_a_preposition_is_an_act(annotate):
    doc = annotate("The trader was investigated for promoting fake cures for the wounded.")
    assert all(cue != "promoting" for _, cue, _ in shown(doc))
    doc = annotate("The governor was praised for supporting the volunteers.")
    assert [cue for _, cue, _ in shown(doc)] == ["was praised"]


def test_a_stance_verb_with_its_own_subject_is_still_a_stance(annotate):
    rows = shown(annotate("The council supports the evacuation plan."))
    assert rows == [("The council", "supports", "the evacuation plan")]


def test_a_share_of_poll_respondents_holds_its_choice(annotate):
    doc = annotate(
        "Among likely voters, 52 percent would choose the mayor and 41 percent would back her rival, "
        "while 4 percent prefer a third candidate."
    )
    rows = shown(doc)
    assert ("52 percent", "would choose", "the mayor") in rows
    assert ("4 percent", "prefer", "a third candidate") in rows
    assert all(a.cue.text not in ("choose", "prefer") for a in doc._.attributions)  # annotate only
    assert shown(annotate("A majority of respondents approve of the ceasefire.")) == [
        ("A majority", "approve", "the ceasefire")
    ]


def test_a_choice_of_people_who_are_no_share_is_no_attribution(annotate):
    assert shown(annotate("Half the battalion chose to stay in the town.")) == []
    assert shown(annotate("The families chose the northern road.")) == []


def test_the_people_a_thing_worries_hold_a_stance_on_it(annotate):
    doc = annotate("The closure of the crossing has angered local officials.")
    assert shown(doc) == [("local officials", "has angered", "The closure of the crossing")]
    assert not doc._.attributions  # annotate only: no claim or origin comes of it
    assert shown(annotate("That worries environmentalists.")) == [("environmentalists", "worries", "That")]


def test_a_feeling_verb_with_a_thing_as_object_is_no_stance(annotate):
    assert shown(annotate("The delay concerns the budget.")) == []


def test_saying_as_much_or_the_same_says_that_word(annotate):
    rows = shown(
        annotate("The mayor said as much in an interview on Monday, arguing that the bridge was unsafe.")
    )
    assert ("The mayor", "said", "as much") in rows
    rows = shown(
        annotate(
            "About 60 percent said the governor was doing well, while 30 percent said the same of the mayor."
        )
    )
    assert rows == [
        ("About 60 percent", "said", "the governor was doing well"),
        ("30 percent", "said", "the same of the mayor"),
    ]


def test_people_who_describe_a_thing_say_it(annotate):
    text = "Two residents described 40 bodies lying in the street."
    doc = annotate(text)
    assert shown(doc) == [("Two residents", "described", "40 bodies lying in the street")]
    assert "two residents" in _linked_names(doc, text)


def test_a_thing_that_describes_says_nothing_by_it(annotate):
    assert shown(annotate("The mural describes the siege.")) == []


def test_describing_a_bare_event_tells_nothing(annotate):
    assert shown(annotate("The sergeant described the retreat.")) == []
    rows = shown(annotate("They described chaotic scenes at the border crossing."))
    assert [(src, cue) for src, cue, _ in rows] == [("They", "described")]


def test_a_headline_phrasal_cue_keeps_its_particle(annotate):
    text = "Mayor Breaks With Governor On Dam Repairs\n\nThe mayor of Kherson said on Monday the dam could not wait."
    rows = shown(annotate(text))
    assert rows[0] == ("Mayor", "Breaks With", "Governor On Dam Repairs")


def test_a_headline_phrasal_cue_needs_a_named_speaker(annotate):
    text = "Convoy Goes After Dark To Avoid Drones\n\nThe convoy left the city at night."
    assert shown(annotate(text)) == []


def test_a_manner_adjective_lends_its_infinitive_the_subject(annotate):
    rows = shown(annotate("The governor was quick to blame the militia for the blast."))
    assert rows == [("The governor", "to blame", "the militia for the blast")]


def test_taking_issue_or_responsibility_is_a_statement_of_the_taker(annotate):
    assert shown(annotate("The ministry took issue with the report.")) == [
        ("The ministry", "took issue", "the report")
    ]
    doc = annotate("Hamas took responsibility for the blast that killed 12 people.")
    assert [(src, cue) for src, cue, _ in shown(doc)] == [("Hamas", "took responsibility")]


def test_taking_questions_or_a_town_says_nothing(annotate):
    assert shown(annotate("The mayor took questions from reporters.")) == []
    assert shown(annotate("Troops took the town on Monday.")) == []


def test_hinting_and_cautioning_say_their_clause_or_topic(annotate):
    assert shown(annotate("The White House hinted that talks could resume.")) == [
        ("White House", "hinted", "talks could resume")
    ]
    assert shown(annotate("Analysts cautioned against reading too much into the lull.")) == [
        ("Analysts", "cautioned", "reading too much into the lull")
    ]


def test_a_body_that_documents_a_figure_reports_it(annotate):
    text = "The UN has documented at least 10,000 civilian deaths."
    doc = annotate(text)
    assert shown(doc) == [("UN", "has documented", "at least 10,000 civilian deaths")]
    assert _linked_names(doc, text) == ["un"]
    assert shown(annotate("Photographers documented the destruction of the old town.")) == []


def test_yet_to_comment_says_nothing(annotate):
    doc = annotate("Moscow has yet to comment on the report of 40 dead.")
    assert not doc._.attributions


def test_yet_to_explain_is_withheld_speech_shown_only(annotate):
    doc = annotate("The governor has yet to explain why the shelters were closed.")
    assert not doc._.attributions  # no origin of what is not said
    assert shown(doc) == [("The governor", "has yet to explain", "why the shelters were closed")]


def test_a_promise_with_a_bare_object_says_what_is_promised(annotate):
    assert shown(annotate("The general vowed revenge for the attack.")) == [
        ("The general", "vowed", "revenge for the attack")
    ]
    text = "The minister promised 500 more troops by spring."
    assert "the minister" in _linked_names(annotate(text), text)


def test_a_threat_with_a_bare_object_is_no_statement(annotate):
    assert shown(annotate("The storm threatens the harbour.")) == []


def test_a_gerund_on_a_noun_speaks_for_the_subject_above(annotate):
    rows = shown(annotate("The minister has no way of knowing how many troops crossed the border."))
    assert rows == [("The minister", "knowing", "how many troops crossed the border")]
