"""Ingest: read files, directories, JSONL, feeds, WARC, URLs and stdin into Article records."""

from __future__ import annotations

from .clean import html_to_article
from .ids import article_id_for, normalize_url
from .language import detect_language
from .read import iter_inputs, read_text_file

__all__ = [
    "article_id_for",
    "detect_language",
    "html_to_article",
    "iter_inputs",
    "normalize_url",
    "read_text_file",
]
