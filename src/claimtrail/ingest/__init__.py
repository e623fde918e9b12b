"""Ingest: read files, directories, JSONL, feeds, WARC, URLs and stdin into Article records.

``read.iter_inputs`` is the entry point; ``finish.finish_article`` completes an article built
elsewhere (the API's posted text). See docs/ingest.md for which module reads which kind of input.
"""

from __future__ import annotations

from .clean import html_to_article
from .files import read_text_file
from .finish import finish_article
from .ids import article_id_for, normalize_url
from .language import detect_language
from .read import iter_inputs

__all__ = [
    "article_id_for",
    "detect_language",
    "finish_article",
    "html_to_article",
    "iter_inputs",
    "normalize_url",
    "read_text_file",
]
