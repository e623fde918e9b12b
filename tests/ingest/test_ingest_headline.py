"""A plain text's headline and dateline outlet become its title and outlet; the text stays as read."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from helpers import ARTICLE_TEXT

from claimtrail.ingest import iter_inputs
from claimtrail.ingest.headline import dateline_outlet, headline
from claimtrail.ingest.ids import article_id_for
from claimtrail.model import Article

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

HEADLINE = "Border guards report a quiet night after two weeks of shelling"
DATELINE = "OSTROVKA, Nov. 19, 2024 (The Valley Herald) — "
LEDE = DATELINE + ARTICLE_TEXT


def _read(tmp_path: Path, text: str, name: str = "a.txt", **kw) -> Article:
    f = tmp_path / name
    f.write_bytes(text.encode("utf-8"))
    out = list(iter_inputs([str(f)], **kw))
    assert len(out) == 1 and isinstance(out[0], Article), out
    return out[0]


def test_headline_and_dateline_give_title_and_outlet(tmp_path: Path):
    text = f"{HEADLINE}\n\n{LEDE}\n"
    art = _read(tmp_path, text)
    assert (art.title, art.outlet) == (HEADLINE, "The Valley Herald")
    assert art.text == text  # only metadata is added


def test_headline_right_above_the_dateline(tmp_path: Path):
    art = _read(tmp_path, f"{HEADLINE}\n{LEDE}")
    assert (art.title, art.outlet) == (HEADLINE, "The Valley Herald")


def test_no_headline_when_the_first_line_is_a_paragraph(tmp_path: Path):
    art = _read(tmp_path, ARTICLE_TEXT)
    assert (art.title, art.outlet) == (None, None)
    # a short first line that runs on into the next line is wrapped prose, not a headline
    assert headline("Officials said on Tuesday that\nabout 2,000 soldiers had moved north.") is None


def test_dateline_first_gives_outlet_but_no_title(tmp_path: Path):
    art = _read(tmp_path, LEDE)
    assert (art.title, art.outlet) == (None, "The Valley Herald")


def test_a_byline_is_not_a_headline(tmp_path: Path):
    art = _read(tmp_path, f"By Mara Lindqvist\n\n{LEDE}")
    assert (art.title, art.outlet) == (None, "The Valley Herald")
    # a byline between the headline and the dateline leaves both found
    art = _read(tmp_path, f"{HEADLINE}\n\nBy Mara Lindqvist\n\n{LEDE}", name="b.txt")
    assert (art.title, art.outlet) == (HEADLINE, "The Valley Herald")


def test_dateline_without_an_outlet(tmp_path: Path):
    art = _read(tmp_path, f"{HEADLINE}\n\nOSTROVKA, Nov. 19 — {ARTICLE_TEXT}")
    assert (art.title, art.outlet) == (HEADLINE, None)
    assert dateline_outlet("OSTROVKA (The Valley Herald) - Shelling resumed.") == "The Valley Herald"
    assert dateline_outlet("The attack - the third this week (officials said) - hit a school.") is None


def test_one_line_text_has_no_title(tmp_path: Path):
    line = ARTICLE_TEXT.split("\n")[0]
    art = _read(tmp_path, line)
    assert art.title is None and art.text == line


def test_windows_line_endings(tmp_path: Path):
    text = f"{HEADLINE}\r\n\r\n{LEDE}".replace("\n\n", "\r\n\r\n")
    art = _read(tmp_path, text)
    assert (art.title, art.outlet) == (HEADLINE, "The Valley Herald")
    assert art.text == text and "\r" not in art.title


@pytest.mark.parametrize(
    "first",
    [
        "Border guards report a quiet night.",  # a full stop ends a sentence
        "Border guards report, ",  # a line that stops mid-phrase
        "OSTROVKA, Nov. 19 (The Valley Herald) — Shelling resumed",  # a dateline
        "Update",  # one word
        "x " * 80,  # too long
    ],
)
def test_lines_that_are_no_headline(first: str):
    assert headline(f"{first}\n\n{ARTICLE_TEXT}") is None


def test_markdown_heading_mark_is_not_part_of_the_title():
    assert headline(f"# {HEADLINE}\n\n{ARTICLE_TEXT}") == HEADLINE


def test_user_and_metadata_win(tmp_path: Path):
    text = f"{HEADLINE}\n\n{LEDE}"
    assert _read(tmp_path, text, outlet="Own Desk").outlet == "Own Desk"
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(text, encoding="utf-8")
    (folder / "b.jsonl").write_text(
        '{"text": "' + text.replace("\n", "\\n") + '", "outlet": "Feed Desk", "title": "Own title"}\n',
        encoding="utf-8",
    )
    got = {a.fmt: a for a in iter_inputs([str(folder)], outlet="Own Desk", published=date(2024, 11, 19))}
    assert got["text"].outlet == "Own Desk" and got["text"].title == HEADLINE
    assert (got["jsonl"].outlet, got["jsonl"].title) == ("Feed Desk", "Own title")


def test_ids_do_not_follow_the_title(tmp_path: Path):
    with_headline = _read(tmp_path, f"{HEADLINE}\n\n{LEDE}")
    assert with_headline.article_id == article_id_for(None, with_headline.text)


def test_example_corpus_texts_match_the_truth():
    truth = yaml.safe_load((EXAMPLES / "truth.yaml").read_text("utf-8"))
    entries = [e for e in truth["articles"].values() if e["format"] == "txt"]
    read = {a.source_path: a for a in iter_inputs([str(EXAMPLES / e["path"]) for e in entries])}
    for e in entries:
        art = read[str(EXAMPLES / e["path"])]
        assert (art.title, art.outlet) == (e["title"], e["outlet"]), e["path"]
