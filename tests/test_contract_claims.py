"""contract/claims.py: a claim and its claims.jsonl object convert both ways without loss."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from store.factory import make_article, report_claims

from claimtrail.contract.claims import CLAIM_FIELDS, claim_from_json, claim_to_json
from claimtrail.model import Subject

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
    assert data["subject"] == {"text": None, "normalized": None, "country": None}
    assert claim_from_json(data) == replace(claim, qualifiers=(), sentence_start=0, evidence=())


def test_every_snapshot_line_is_rebuilt_byte_for_byte():
    for line in SNAPSHOT.read_text(encoding="utf-8").splitlines():
        again = json.dumps(claim_to_json(claim_from_json(json.loads(line))), ensure_ascii=False)
        assert again == line
