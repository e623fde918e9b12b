"""One article from the bytes of one document: plain text read exactly as it is (decoded only, so
offsets index it), or HTML through trafilatura (``clean.py``)."""

from __future__ import annotations

from typing import Literal

from claimtrail.errors import InputError
from claimtrail.model import Article

from .clean import html_to_article
from .decode import check_content, decode_text, text_from_bytes


def read_document(
    data: bytes,
    kind: Literal["text", "html"],
    source: str,
    encoding: str | None = None,
) -> Article:
    """The article in a text or HTML document named ``source`` (its ``source_path``). An HTML page
    is decoded by trafilatura from its own charset unless the user forces ``encoding``."""
    if kind == "html":
        check_content(data, source)
        html: str | bytes = decode_text(data, source, encoding) if encoding else data
        try:
            article = html_to_article(html)
        except InputError as exc:
            raise InputError(source, exc.reason) from exc
    else:
        article = Article(text=text_from_bytes(data, source, encoding), fmt="text")
    article.source_path = source
    return article
