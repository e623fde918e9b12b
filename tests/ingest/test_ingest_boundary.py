"""The article boundary (ingest.boundary) and human sizes in messages."""

from __future__ import annotations

import json
import os
from pathlib import Path

from helpers import PARAGRAPHS

from claimtrail.ingest import iter_inputs
from claimtrail.ingest.boundary import MAX_OUTLET, MAX_URL, clean_text, normalise_article, safe_text
from claimtrail.ingest.decode import human_size
from claimtrail.ingest.ids import article_id_for
from claimtrail.model import Article, Failure
from claimtrail.settings import Settings


def test_clean_text_keeps_length_and_whitespace():
    raw = "a\x00b\x07c\td\ne\r\nf\x0bg\x0ch\x1bi\ud800j"
    cleaned = clean_text(raw)
    assert cleaned == "a b c\td\ne\r\nf\x0bg\x0ch i\ufffdj"
    assert len(cleaned) == len(raw)


def test_safe_text_escapes_undecodable_file_name_bytes():
    name = os.fsdecode(b"in/b\xe9\x01.txt")
    assert safe_text(name) == "in/b\\xe9 .txt"
    assert safe_text("lone \ud800 surrogate") == "lone \ufffd surrogate"
    assert safe_text("plain") == "plain"


def test_normalise_article_bounds_metadata_and_refuses_a_huge_url():
    article = Article(
        text="Ten\x00people",
        article_id="x",
        title="A\x00title\n  on two lines",
        outlet="w" * 5000,
        source_path=os.fsdecode(b"d/\xff.txt"),
    )
    out = normalise_article(article)
    assert isinstance(out, Article)
    assert out.text == "Ten people" and out.title == "A title on two lines"
    assert len(out.outlet) == MAX_OUTLET and out.outlet.endswith("…")
    assert out.source_path == "d/\\xff.txt"
    assert out.article_id == article_id_for(None, "Ten people")
    too_long = Article(text="x", url="https://e.example/" + "p" * MAX_URL, source_path="f.jsonl:3")
    failure = normalise_article(too_long)
    assert isinstance(failure, Failure) and failure.source == "f.jsonl:3"
    assert failure.reason == f"its url is {len(too_long.url):,} characters long (at most {MAX_URL:,})"


def test_jsonl_record_with_nul_and_lone_surrogate_is_read_clean(tmp_path: Path):
    path = tmp_path / "dump.jsonl"
    text = PARAGRAPHS[0].replace("soldiers", "sol\x00diers") + " \ud83d"
    path.write_text(json.dumps({"text": text, "outlet": "Wire\x00Service"}) + "\n", encoding="utf-8")
    (article,) = list(iter_inputs([str(path)]))
    assert isinstance(article, Article)
    assert article.text == PARAGRAPHS[0].replace("soldiers", "sol diers") + " \ufffd"
    assert article.outlet == "Wire Service"


def test_human_size():
    assert [human_size(n) for n in (0, 1, 100, 1536, 20 * 1024 * 1024, 1572864)] == [
        "0 bytes",
        "1 byte",
        "100 bytes",
        "1.5 KB",
        "20 MB",
        "1.5 MB",
    ]


def test_small_size_limit_is_stated_in_bytes(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text(PARAGRAPHS[0] + PARAGRAPHS[1], encoding="utf-8")
    size = path.stat().st_size
    (failure,) = list(iter_inputs([str(path)], settings=Settings(max_bytes=100)))
    assert failure.reason.startswith(f"is {size} bytes, over the 100 bytes limit")  # was "0.0 MB ... 0.0 MB"
