"""Completing an article: the user's overrides, id, a plain text's headline and dateline outlet,
outlet, an inferred publication date, language; the minimum length and English-only gates. The
last step of every input before extraction (and of an article posted to the API)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import Any

from claimtrail.model import Article, Failure
from claimtrail.settings import Settings

from .boundary import normalise_article
from .clean import hostname_outlet
from .headline import dateline_outlet, headline
from .ids import article_id_for
from .language import detect_language

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def finish_article(
    article: Article,
    settings: Settings,
    *,
    published: date | None = None,
    url: str | None = None,
    outlet: str | None = None,
    override: bool = True,
) -> Article | Failure:
    """Fill in what the reader could not: overrides (``override`` True: they win; False: they only
    fill gaps), article id, a plain text's headline and dateline outlet (``headline.py``), outlet
    from the URL host, inferred publication date, language. Returns a Failure for text that is too
    short, or not English when ``settings.english_only``."""
    normalised = normalise_article(article)
    if isinstance(normalised, Failure):
        return normalised
    source = normalised.source_path or normalised.url or "input"
    article, url_changed = _with_overrides(normalised, published, url, outlet, override)
    if article.fmt == "text":
        _add_text_metadata(article)
    if not article.outlet and article.url:
        article.outlet = hostname_outlet(article.url)
    if url_changed or not article.article_id:
        article.article_id = article_id_for(article.url, article.text)
    stripped = len(article.text.strip())
    if stripped < settings.min_chars:
        return Failure(
            source, f"has only {stripped} characters of text (at least {settings.min_chars} needed)"
        )
    if article.published is None:
        inferred = infer_published(article.text)
        if inferred is not None:
            article.published = inferred
            article.published_inferred = True
    if article.language is None:
        article.language = detect_language(article.text)
    if settings.english_only and article.language not in (None, "en"):
        return Failure(source, f"language is {article.language}, not English; claimtrail reads English only")
    return article


def _with_overrides(
    article: Article, published: date | None, url: str | None, outlet: str | None, override: bool
) -> tuple[Article, bool]:
    """The article with the user's values applied (``override``: they win; else they fill gaps), a
    copy when any applies, and whether the URL was set (the id then follows the new URL)."""
    changes: dict[str, Any] = {}
    if url and (override or not article.url):
        changes["url"] = url
    if outlet and (override or not article.outlet):
        changes["outlet"] = outlet
    if published and (override or not article.published):
        changes["published"] = published
        changes["published_inferred"] = False
    return (replace(article, **changes) if changes else article), "url" in changes


def _add_text_metadata(article: Article) -> None:
    """Give a plain text the title and outlet a reader sees at its top (its headline line, its
    dateline's outlet) where nothing gave them: what the user or metadata says always wins, and
    the text itself is left exactly as read."""
    if not article.title:
        article.title = headline(article.text)
    if not article.outlet:
        article.outlet = dateline_outlet(article.text)


def infer_published(text: str) -> date | None:
    """The latest full date written in the text (``extract.temporal.latest_full_date``), or None.

    Best effort: a date the grammar cannot read is no reason to refuse an article, so an error in it
    leaves the date unknown. The grammar is imported on first use: it loads spaCy, which reading
    inputs does not otherwise need."""
    from claimtrail.extract.temporal import latest_full_date

    try:
        found = [latest_full_date(text[s:e]) for s, e in _year_windows(text)]
    except Exception:  # noqa: BLE001 - inference is a best effort, never a reason to fail
        return None
    dates = [d for d in found if d is not None]
    return max(dates) if dates else None


def _year_windows(text: str, before: int = 40, after: int = 12) -> list[tuple[int, int]]:
    """Stretches of text around each written year: a full date always holds one, so only these need
    the date grammar (the whole text is parsed again later by the times component)."""
    windows: list[tuple[int, int]] = []
    for m in _YEAR.finditer(text):
        start, end = max(0, m.start() - before), min(len(text), m.end() + after)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows
