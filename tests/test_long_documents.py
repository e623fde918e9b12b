"""Long texts are parsed in pieces with exact offsets (issue 8, item 7).

A text over spaCy's 1,000,000-character limit is cut on paragraph boundaries; claims and annotations
still point at the characters of the full text, and claim ids come from full-text offsets.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimtrail.claims import claim_id_for
from claimtrail.cli.main import app
from claimtrail.ingest.read import iter_inputs
from claimtrail.model import Article
from claimtrail.nlp import segment
from claimtrail.nlp.pipeline import load_pipeline, make_docs
from claimtrail.nlp.segment import doc_datelines, piece_bounds
from claimtrail.store.ledger import open_ledger
from claimtrail.worker import extract_article, extract_batch

ROOT = Path(__file__).resolve().parent.parent
KURSK_TXT = ROOT / "examples" / "kursk" / "txt"

# Three short paragraphs with one figure each, written for these tests.
PARAGRAPHS = (
    "The regional governor said 1,200 residents were evacuated on Monday.",
    "A ministry spokesman told reporters that 35 shelters were open in the district.",
    "Officials said about 400 more people would leave by Friday, according to the agency.",
)
FIGURES = ("1,200", "35", "400")


def long_text() -> str:
    """A text of ~1.04 million characters: 52 figure paragraphs between wide blank blocks (cheap to
    parse, so the test is fast), and a last figure after the millionth character."""
    blank = "\n\n" + " " * 20_000 + "\n\n"
    parts = []
    for i in range(52):
        parts += [PARAGRAPHS[i % 3], blank]
    parts.append("Near the end, the mayor said 77 buses had been sent.\n")
    return "".join(parts)


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


# -- piece bounds ----------------------------------------------------------------------------------
def test_a_short_text_is_one_piece():
    assert piece_bounds("one paragraph\n\nand another", 100) == [(0, 26)]
    assert piece_bounds("", 100) == [(0, 0)]


def test_pieces_cover_the_text_and_end_on_paragraph_breaks():
    text = "".join(f"Paragraph {i} says something short.\n\n" for i in range(200))
    bounds = piece_bounds(text, 1000)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:], strict=False))
    assert all(0 < end - start <= 1000 for start, end in bounds)
    assert all(text[:end].endswith("\n\n") for _, end in bounds[:-1])


def test_a_huge_paragraph_is_cut_at_a_sentence_end_then_a_space_then_anywhere():
    sentences = "The convoy moved at night. " * 100
    bounds = piece_bounds(sentences, 500)
    assert all(sentences[:end].endswith(". ") for _, end in bounds[:-1])
    words = "word " * 300
    assert all(words[:end].endswith(" ") for _, end in piece_bounds(words, 500)[:-1])
    solid = "x" * 1234
    assert piece_bounds(solid, 500) == [(0, 500), (500, 1000), (1000, 1234)]
    with pytest.raises(ValueError, match="too small"):
        piece_bounds(solid, 1)


def test_only_the_first_piece_can_open_with_a_dateline(nlp):
    text = "KYIV, March 3 (Wire) — Officials said 20 trucks arrived.\n\n" * 40
    docs = list(make_docs(nlp, text, limit=600))
    assert len(docs) > 2
    assert doc_datelines(docs[0]) and not any(doc_datelines(d) for d in docs[1:])
    assert [d._.piece_start for d in docs] == [s for s, _ in piece_bounds(text, 600)]


# -- claims ----------------------------------------------------------------------------------------
def _assert_exact(claims, article: Article) -> None:
    text = article.text
    for c in claims:
        if c.kind == "quantity":
            assert text[c.start : c.end] == c.quantity.text
        assert text[c.sentence_start : c.sentence_start + len(c.sentence)] == c.sentence
        assert c.claim_id == claim_id_for(article.article_id, c.start, c.end, c.kind)
        for e in c.evidence:
            assert 0 <= e.start <= e.end <= len(text)
            if e.role in ("quantity", "content"):
                assert (e.start, e.end) == (c.start, c.end)


def test_a_text_over_a_million_characters_gives_exact_claims(nlp):
    text = long_text()
    assert len(text) > 1_000_000
    article = Article(article_id="1" * 16, text=text)
    claims = extract_article(article, nlp)
    assert [c.quantity.text for c in claims if c.kind == "quantity"] == [
        FIGURES[i % 3] for i in range(52)
    ] + ["77"]
    _assert_exact(claims, article)
    assert claims[-1].start > 1_000_000 and text[claims[-1].start : claims[-1].end] == "77"
    assert claims == sorted(claims, key=lambda c: (c.start, c.end, c.kind))


def test_a_long_article_in_a_batch_keeps_the_batch_order(nlp):
    short = Article(article_id="2" * 16, text=PARAGRAPHS[0])
    long = Article(article_id="3" * 16, text=long_text())
    results = list(extract_batch([short, long, short], nlp))
    assert [a.article_id for a, _ in results] == ["2" * 16, "3" * 16, "2" * 16]
    assert [len(c) for _, c in results] == [1, 53, 1]
    assert results[0][1] == results[2][1]


def test_kursk_articles_cut_into_small_pieces_keep_exact_offsets(nlp, monkeypatch):
    """Cut far below their length, real articles still give exact offsets, and nearly all their
    claims are the same as in one piece (only context across a cut is lost)."""
    articles = [a for a in iter_inputs([str(KURSK_TXT)]) if isinstance(a, Article)]
    whole = {a.article_id: {c.claim_id for c in extract_article(a, nlp)} for a in articles}
    monkeypatch.setattr(segment, "MAX_PIECE_CHARS", 500)
    shared = total = 0
    for article in articles:
        assert len(piece_bounds(article.text)) >= 3
        claims = extract_article(article, nlp)
        _assert_exact(claims, article)
        shared += sum(c.claim_id in whole[article.article_id] for c in claims)
        total += len(whole[article.article_id])
    assert total > 50 and shared >= 0.9 * total


# -- the CLI ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def long_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("long") / "long-report.txt"
    path.write_text(long_text(), encoding="utf-8")
    return path


def test_ingest_stores_a_long_file_with_exact_offsets(long_file, tmp_path):
    db = tmp_path / "l.db"
    result = CliRunner().invoke(app, ["ingest", str(long_file), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "1 articles added (53 claims)" in result.output or "53 claims" in result.output
    ledger = open_ledger(str(db))
    [article] = ledger.articles()
    assert article.text == long_file.read_text(encoding="utf-8")
    result = CliRunner().invoke(app, ["export", "--format", "jsonl", "--db", str(db)])
    claims = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(claims) == 53
    for c in claims:
        assert article.text[c["start"] : c["end"]] == c["quantity"]["text"]


def test_annotate_a_file_over_a_million_characters(long_file):
    result = CliRunner().invoke(app, ["annotate", str(long_file), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    [found] = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    text = long_file.read_text(encoding="utf-8")
    assert found["text_length"] == len(text)
    assert [q["text"] for q in found["quantities"]][-1] == "77"
    for key in ("quantities", "times", "places", "actors", "modality_cues"):
        for item in found[key]:
            assert text[item["start"] : item["end"]] == item["text"], (key, item)
    assert found["quantities"][-1]["start"] > 1_000_000
    attributions = found["attributions"]
    assert len(attributions) >= 52
    for a in attributions:
        assert text[a["cue"]["start"] : a["cue"]["end"]] == a["cue"]["text"]
        assert all(0 <= i < len(attributions) for i in a["cites"])
