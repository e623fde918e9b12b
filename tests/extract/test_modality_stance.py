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
