"""The article boundary: what every article and failure is normalised to before it goes further.

Inputs arrive with things one database accepts and another refuses: NUL bytes (PostgreSQL text
cannot hold them, SQLite can), lone surrogates (from a file name that is not UTF-8, or a JSON
``"\\ud800"``; neither database can encode them) and metadata of any length (a 20,000-character
outlet overflows PostgreSQL's btree index). Normalising here, once, before any offset is computed,
makes both backends store the same thing and keeps one bad article from stopping a batch.

The rules (docs/ingest.md, "Normalisation at the boundary"):

* **Article text**: each C0 control character that is not whitespace (``\\x00``-``\\x08``,
  ``\\x0e``-``\\x1f``) becomes a space and each lone surrogate becomes U+FFFD, one character for one,
  so the text keeps its length and every offset stays exact to the stored text.
* **Title, outlet**: the same replacement, whitespace collapsed, then *truncated* to
  ``MAX_TITLE``/``MAX_OUTLET`` characters ending in "…" (they describe the article; a long one is
  still useful cut short).
* **URL**: over ``MAX_URL`` characters the article is *rejected* with a clear reason (a cut URL
  would point somewhere else and give the article a wrong id).
* **Paths and failure texts**: a file name that is not valid UTF-8 is shown with its bad bytes
  escaped (``b\\xe9.txt``), control characters as spaces; a failure reason is one line.
"""

from __future__ import annotations

import re
from dataclasses import replace

from claimtrail.model import Article, Failure

from .ids import article_id_for

MAX_OUTLET = 200
MAX_TITLE = 1000
MAX_URL = 2048

# C0 controls that are not whitespace: \t \n \v \f \r (0x09-0x0D) stay, the rest are replaced.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_WS = re.compile(r"\s+")


def clean_text(text: str) -> str:
    """``text`` with each non-whitespace control character replaced by a space and each lone
    surrogate by U+FFFD: same length, so offsets into it are offsets into the original."""
    if _CONTROL.search(text):
        text = _CONTROL.sub(" ", text)
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    return text


def safe_text(value: str) -> str:
    """A string every database and terminal accepts: bytes of a non-UTF-8 file name (carried as
    surrogate escapes by ``os.fsdecode``) shown as ``\\xe9``, any other lone surrogate as U+FFFD,
    control characters as spaces."""
    if _SURROGATE.search(value):
        try:
            value = value.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:  # a surrogate that is not an escaped byte
            value = _SURROGATE.sub("\ufffd", value)
    return _CONTROL.sub(" ", value)


def one_line(value: str) -> str:
    """``safe_text`` on one line, whitespace collapsed."""
    return _WS.sub(" ", safe_text(value)).strip()


def bounded(value: str | None, limit: int) -> str | None:
    """A metadata value on one line, cut to ``limit`` characters (ending in "…"); None if empty."""
    if value is None:
        return None
    value = one_line(value)
    if len(value) > limit:
        value = value[: limit - 1].rstrip() + "…"
    return value or None


def safe_failure(failure: Failure) -> Failure:
    """The failure with its source and reason made safe to store and print."""
    source, reason = safe_text(failure.source), one_line(failure.reason)
    if source == failure.source and reason == failure.reason:
        return failure
    return replace(failure, source=source, reason=reason)


def normalise_article(article: Article) -> Article | Failure:
    """The article as the ledger stores it (see the module docstring), or a Failure when its URL is
    too long to keep. The article id is recomputed when the text or URL changed."""
    source = safe_text(article.source_path or article.url or "input")
    if article.url is not None and len(article.url) > MAX_URL:
        return Failure(source, f"its url is {len(article.url):,} characters long (at most {MAX_URL:,})")
    text = clean_text(article.text)
    url = safe_text(article.url).strip() or None if article.url is not None else None
    title, outlet = bounded(article.title, MAX_TITLE), bounded(article.outlet, MAX_OUTLET)
    source_path = safe_text(article.source_path) if article.source_path is not None else None
    before = (article.text, article.url, article.title, article.outlet, article.source_path)
    if (text, url, title, outlet, source_path) == before:
        return article
    cleaned = replace(article, text=text, url=url, title=title, outlet=outlet, source_path=source_path)
    if article.article_id and (text != article.text or url != article.url):
        cleaned.article_id = article_id_for(cleaned.url, cleaned.text)
    return cleaned
