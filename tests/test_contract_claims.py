"""contract/claims.py: a claim and its claims.jsonl object convert both ways without loss."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from store.factory import make_article, report_claims

from claimtrail.contract.claims import CLAIM_FIELDS, claim_from_json, claim_to_json
from claimtrail.model import SUBJECT_CLASSES, Subject

SNAPSHOT = Path(__file__).resolve().parent / "snapshots" / "claims.jsonl"


def test_a_claim_survives_the_round_trip_with_its_extras():
    for claim in report_claims(make_article()):
        data = claim_to_json(claim)
        assert list(data) == list(CLAIM_FIELDS)
        back = claim_from_json(
            data, qualifiers=claim.qualifiers, sentence_start=claim.sentence_start, evidence=claim.evidence
        )
        assert back == claim


def test_a_statement_has_null_quantity_and_empty_subject():
    claim = replace(report_claims(make_article())[0], kind="statement", quantity=None, subject=Subject())
    data = claim_to_json(claim)
    assert data["quantity"] is None
    assert data["subject"] == {"text": None, "normalized": None, "country": None, "class": "other"}
    assert claim_from_json(data) == replace(claim, qualifiers=(), sentence_start=0, evidence=())


def test_the_subject_class_is_the_last_subject_key_and_is_read_back():
    claim = report_claims(make_article())[0]
    for category in SUBJECT_CLASSES:
        data = claim_to_json(replace(claim, subject=replace(claim.subject, category=category)))
        assert list(data["subject"]) == ["text", "normalized", "country", "class"]
        assert data["subject"]["class"] == category
        assert claim_from_json(data).subject.category == category


def test_an_object_written_before_the_class_existed_gets_it_derived():
    data = claim_to_json(report_claims(make_article())[0])
    for normalized, event, category in [
        ("soldier", "killed", "people"),
        ("drone", "intercepted", "weapons"),
        ("tank", "destroyed", "equipment"),
        ("hospital", "damaged", "structures"),
        ("palestinian", "killed", "people"),  # no class lists it: the event counts people
        ("letter", "other", "other"),
        (None, None, "other"),
    ]:
        old = {**data, "event": event, "subject": {"text": None, "normalized": normalized, "country": None}}
        assert claim_from_json(old).subject.category == category


def test_every_snapshot_line_is_rebuilt_byte_for_byte():
    """Snapshot lines written before contract 1.1 have no subject class: rebuilt, they gain one
    (one of the classes, as the last subject key) and are otherwise the same bytes."""
    for line in SNAPSHOT.read_text(encoding="utf-8").splitlines():
        original = json.loads(line)
        again = claim_to_json(claim_from_json(original))
        if "class" not in original["subject"]:
            assert list(again["subject"])[-1] == "class"
            assert again["subject"].pop("class") in SUBJECT_CLASSES
        assert json.dumps(again, ensure_ascii=False) == line
