from __future__ import annotations

from datetime import date

import pytest
from helpers import ARTICLE_TEXT, PARAGRAPHS, article_html

from claimtrail.errors import InputError
from claimtrail.ingest import html_to_article
from claimtrail.ingest.clean import fragment_to_text


def test_html_main_text_and_metadata():
    art = html_to_article(article_html(), url="https://www.dailyledger.example/world/border-troops")
    for p in PARAGRAPHS:
        assert p in art.text
    assert "Subscribe to our newsletter" not in art.text
    assert "Sport" not in art.text
    assert art.title == "Troops massed at the northern border"
    assert art.outlet == "The Daily Ledger"
    assert art.published == date(2024, 11, 19)
    assert art.url == "https://www.dailyledger.example/world/border-troops"
    assert art.fmt == "html"
    assert len(art.article_id) == 16


def test_html_bytes_in_other_charset():
    html = article_html().replace('charset="utf-8"', 'charset="iso-8859-1"').replace("Ostrovka", "Ostróvka")
    art = html_to_article(html.encode("iso-8859-1"))
    assert "Ostróvka" in art.text


def test_malformed_html_still_gives_text():
    html = "<html><body><div><p>" + PARAGRAPHS[0] + "<b>unclosed <p>" + PARAGRAPHS[1] + "</span></td>"
    art = html_to_article(html)
    assert "about 2,000 soldiers" in art.text
    assert "40 civilians were wounded" in art.text


def test_html_without_text_is_a_clear_error():
    with pytest.raises(InputError) as info:
        html_to_article("<html><head><script>var x = 1;</script></head><body></body></html>")
    assert "no main text" in info.value.reason
    with pytest.raises(InputError):
        html_to_article("   ")


def test_fragment_to_text_keeps_paragraphs():
    text = fragment_to_text("<p>First &amp; foremost, 12 were hurt.</p><p>Second <b>line</b>.</p>")
    assert text == "First & foremost, 12 were hurt.\n\nSecond line."
    assert fragment_to_text("Plain &quot;summary&quot;") == 'Plain "summary"'


def test_article_text_matches_source_paragraphs():
    art = html_to_article(article_html())
    assert art.text.replace("\n", " ").count("soldiers") == ARTICLE_TEXT.count("soldiers")
