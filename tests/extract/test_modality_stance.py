"""Stance read per clause (issue 10): denials, non-confirmations, acknowledgements, and the modality
of each clause of a sentence, on sentences of our own."""

from __future__ import annotations

from datetime import date

import pytest

import claimtrail

DAY = date(2025, 5, 12)


def _claims(text: str):
    return claimtrail.extract(text, DAY)


def _statement(text: str):
    found = [c for c in _claims(text) if c.kind == "statement"]
    assert found, f"no statement in {text!r}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Serbia denied sending police units to the border.", "denied"),
        ("The interior ministry rejected reports that police had crossed the river.", "rejected"),
        ("The ministry dismissed the reports as propaganda.", "dismissed"),
        ("A spokesman called the reports false.", "false"),
        ("The spokeswoman called the claims fabricated.", "fabricated"),
        ("The government called the account of the raid fabricated.", "fabricated"),
        ("The embassy called the reports groundless rumours spread by its rivals.", "groundless"),
        ("The ministry called the report a baseless fabrication.", "baseless"),
        ("The ministry described the account as propaganda.", "propaganda"),
        ("A spokesman called the report a lie.", "lie"),
    ],
)
def test_denials_deny_the_clause(text, cue):
    c = _statement(text)
    assert c.modality == "denied"
    assert cue in c.cues


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        (
            "Neither Belgrade nor Pristina has confirmed the deployment.",
            "Neither Belgrade nor Pristina has confirmed",
        ),
        (
            "Neither government has confirmed that police units crossed the border.",
            "Neither government has confirmed",
        ),
        ("Nobody has confirmed that the police units crossed.", "Nobody has confirmed"),
        (
            "Neither Athens nor Ankara has acknowledged the landing.",
            "Neither Athens nor Ankara has acknowledged",
        ),
    ],
)
def test_a_negating_subject_makes_a_confirmation_a_non_confirmation(text, cue):
    c = _statement(text)
    assert c.modality == "reported"  # the claims contract's word for "not confirmed"
    assert c.cues == (cue,)


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The Kremlin acknowledged that its marines were stationed in the port.", "acknowledged"),
        ("Minsk admitted that its soldiers had crossed the river.", "admitted"),
        ("The ministry confirmed that the police units had arrived.", "confirmed"),
    ],
)
def test_acknowledgements_confirm(text, cue):
    c = _statement(text)
    assert c.modality == "confirmed" and c.cues == (cue,)


def test_each_clause_keeps_its_own_modality():
    figures = {
        c.quantity.text: c
        for c in _claims(
            "Twelve fishermen were believed drowned, while 30 were rescued, the coast guard said."
        )
        if c.quantity
    }
    assert figures["Twelve"].modality == "believed"
    assert figures["30"].modality == "asserted"


def test_a_future_figure_cited_from_a_newspaper_is_planned_and_cites_it():
    (c,) = [
        c
        for c in _claims("About 2,000 troops will be deployed to the island, according to the newspaper.")
        if c.quantity
    ]
    assert c.modality == "planned"
    assert c.cues == ("will", "according to")  # planned, and the reporting cue kept beside it
    assert [a.name for a in c.attribution] == ["newspaper"]


def test_an_estimated_figure_with_its_own_event_stays_estimated():
    (c,) = [c for c in _claims("An estimated 300 others were captured, officials said.") if c.quantity]
    assert c.event == "captured"
    assert c.modality == "estimated" and c.cues == ("estimated",)


@pytest.mark.parametrize(
    ("text", "speaker", "cue", "content"),
    [
        ("Moscow has not confirmed the deployment.", "Russia", "has not confirmed", "the deployment"),
        (
            "The interior ministry declined to confirm that the police units had arrived.",
            "interior ministry",
            "declined to confirm",
            "that the police units had arrived",
        ),
        (
            "A spokesman would not comment on reports that marines had landed near the port.",
            "spokesman",
            "would not comment",
            "reports that marines had landed near the port",
        ),
        (
            "Serbia and Kosovo have not confirmed the exchange.",
            "Serbia and Kosovo",
            "have not confirmed",
            "the exchange",
        ),
        ("The army has yet to acknowledge the losses.", "army", "has yet to acknowledge", "the losses"),
    ],
)
def test_a_non_confirmation_is_a_statement_of_its_subject(text, speaker, cue, content):
    c = _statement(text)
    assert c.modality == "reported" and c.cues == (cue,)
    assert [a.name for a in c.attribution] == [speaker]
    assert c.sentence[c.start - c.sentence_start : c.end - c.sentence_start] == content


@pytest.mark.parametrize(
    "text",
    [
        "The Kremlin did not comment on Saturday.",  # a day, no topic
        "Reporters could not independently verify the claim.",  # the writer's own hedge
        "It has not confirmed the report.",  # a pronoun: no party named
    ],
)
def test_no_statement_without_a_party_and_a_topic(text):
    assert not [c for c in _claims(text) if c.kind == "statement"]


def test_calling_something_a_success_denies_nothing():
    c = _statement("The general called the operation a success.")
    assert c.modality == "asserted"


def test_a_comment_not_negated_is_a_plain_statement():
    c = _statement("The company commented on the report.")
    assert c.modality == "asserted" and c.cues == ()


def test_an_adverb_of_confirmation_under_negation_is_no_confirmation():
    c = _statement("Minsk has not officially acknowledged that its soldiers are in Russia.")
    assert c.modality == "reported" and c.cues == ("has not officially acknowledged",)
