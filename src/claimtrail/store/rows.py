"""Rows for the ledger's tables built from model records and back (pure functions, no database),
and the translation of a user's search words into a safe FTS5 query."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime
from typing import Any

from ..contract.claims import claim_to_json
from ..ingest.boundary import MAX_OUTLET, MAX_TITLE, MAX_URL
from ..ingest.ids import text_hash
from ..model import Article, Claim, SourceLink, TimeRef

IN_CHUNK = 500  # ids per IN (...) clause

#: Longest source name kept (and name key compared): an index entry must stay far below
#: PostgreSQL's btree limit (~2,700 bytes), and no real source is named in more words than this.
MAX_NAME = 200

_UNSTORABLE = re.compile(r"[\x00\ud800-\udfff]")


def name_key(name: str) -> str:
    """Identity of a source name: casefolded, spaces collapsed, without a leading "the"/possessive,
    at most ``MAX_NAME`` characters (so the same long name always gives the same key)."""
    key = " ".join(name.casefold().split())
    key = re.sub(r"^the\s+", "", key)
    key = re.sub(r"['\u2019]s?$", "", key)
    return key.strip(" .,;:")[:MAX_NAME]


def failure_key(source: str) -> str:
    """The identity of a failed input: a hash of its source (path, URL, ``path:LINE``), so one input
    has one failure row however long its name is."""
    return hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()[:32]


_LINE_SUFFIX = re.compile(r":\d+$")


def input_sources(article: Article) -> list[str]:
    """The inputs a stored article stands for, as failures name them: its source (a file, URL,
    ``path:LINE``), the container file of a JSONL record, and its URL (a feed entry's link)."""
    found = [s for s in (article.source_path, article.url) if s]
    path = article.source_path
    if path and "://" not in path and _LINE_SUFFIX.search(path):
        found.append(_LINE_SUFFIX.sub("", path))
    return found


def article_problem(article: Article) -> str | None:
    """Why the ledger must refuse ``article``, the same on SQLite and PostgreSQL, or None.

    Ingest normalises every article at its boundary (``ingest.boundary``); this catches an article
    handed to ``Ledger.add_article`` directly with what one backend would store and the other refuse:
    NUL characters or lone surrogates in any text, metadata longer than the ingest limits."""
    fields = {
        "text": article.text,
        "title": article.title,
        "outlet": article.outlet,
        "url": article.url,
        "source_path": article.source_path,
    }
    for name, value in fields.items():
        if value and _UNSTORABLE.search(value):
            return f"its {name} contains a NUL character or a lone surrogate (clean it: ingest.boundary)"
    for name, limit in (("outlet", MAX_OUTLET), ("title", MAX_TITLE), ("url", MAX_URL)):
        value = fields[name]
        if value and len(value) > limit:
            return f"its {name} is {len(value):,} characters long (at most {limit:,})"
    return None


def to_date(value: Any, *, end: bool = False) -> date | None:
    """An ISO date ("2025-03-05"), month ("2025-03") or year ("2025") as a date; None otherwise."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    s = str(value).strip()
    try:
        if len(s) >= 10:
            return date.fromisoformat(s[:10])
        if re.fullmatch(r"\d{4}-\d{2}", s):
            year, month = int(s[:4]), int(s[5:7])
            if not end:
                return date(year, month, 1)
            nxt = date(year + month // 12, month % 12 + 1, 1)
            return date.fromordinal(nxt.toordinal() - 1)
        if re.fullmatch(r"\d{4}", s):
            return date(int(s), 12, 31) if end else date(int(s), 1, 1)
    except ValueError:
        return None
    return None


def span_dates(span: TimeRef | None) -> tuple[date | None, date | None]:
    """The first and last day a claim's time covers (a month or year as its whole extent)."""
    if span is None:
        return None, None
    start = to_date(span.start)
    finish = to_date(span.end, end=True) or (to_date(span.start, end=True) if span.start else None)
    return start, finish or start


def source_name(link: SourceLink) -> str | None:
    """The name a source is stored under: its resolved name, else its text as written."""
    name = link.name or link.text
    return name.strip() or None if name else None


def claim_row(claim: Claim, doc_id: int, published: date | None) -> dict[str, Any]:
    """The ``claims`` row of a claim: filter columns plus the contract JSON in ``data``."""
    subject, quantity, chain = claim.subject, claim.quantity, claim.attribution
    event_start, event_end = span_dates(claim.event_time)
    stmt_start, stmt_end = span_dates(claim.statement_time)
    countries = sorted({p.country.upper() for p in claim.places if p.country})
    return {
        "claim_id": claim.claim_id,
        "doc_id": doc_id,
        "article_id": claim.article_id,
        "kind": claim.kind,
        "event": claim.event,
        "sentence": claim.sentence,
        "sentence_start": claim.sentence_start,
        "start": claim.start,
        "end": claim.end,
        "modality": claim.modality,
        "subject_text": subject.text,
        "subject_normalized": subject.normalized,
        "subject_country": subject.country.upper() if subject.country else None,
        "value": quantity.value if quantity else None,
        "low": quantity.low if quantity else None,
        "high": quantity.high if quantity else None,
        "unit": quantity.unit if quantity else None,
        "normalized_value": quantity.normalized_value if quantity else None,
        "normalized_unit": quantity.normalized_unit if quantity else None,
        "event_date_start": event_start,
        "event_date_end": event_end,
        "statement_date_start": stmt_start,
        "statement_date_end": stmt_end,
        "date_start": event_start or stmt_start or published,
        "date_end": event_end or stmt_end or published,
        "speaker": source_name(chain[0]) if chain else None,
        "origin": source_name(chain[-1]) if chain else None,
        "place_countries": f" {' '.join(countries)} " if countries else None,
        "qualifiers": list(claim.qualifiers),
        "data": claim_to_json(claim),
        "part_of": claim.part_of,
    }


def article_row(article: Article, doc_id: int, claim_count: int) -> dict[str, Any]:
    return {
        "article_id": article.article_id,
        "doc_id": doc_id,
        "url": article.url,
        "title": article.title,
        "outlet": article.outlet,
        "published": article.published,
        "published_inferred": article.published_inferred,
        "language": article.language,
        "text": article.text,
        "source_path": article.source_path,
        "fmt": article.fmt,
        "ingested_at": datetime.now(UTC),
        "claim_count": claim_count,
        "text_hash": text_hash(article.text),
    }


def article_from_row(row: Any) -> Article:
    return Article(
        text=row.text,
        article_id=row.article_id,
        url=row.url,
        title=row.title,
        outlet=row.outlet,
        published=row.published,
        published_inferred=bool(row.published_inferred),
        language=row.language,
        source_path=row.source_path,
        fmt=row.fmt,
    )


_FTS_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
_FTS_WORD = re.compile(r"\w+")


def fts5_query(query: str) -> str:
    """A user's search words as a safe FTS5 expression, with the web-search syntax PostgreSQL's
    ``websearch_to_tsquery`` accepts: words (all required), "quoted phrases", ``OR``, ``-word``
    (excluded); plus ``word*`` prefixes. Punctuation never raises a syntax error ("Yong-weon" is the
    phrase "Yong weon"). Returns "" when nothing searchable is left."""
    positive: list[str] = []
    negative: list[str] = []
    pending_or = False
    for phrase, word in _FTS_TOKEN.findall(query):
        raw = phrase if phrase else word
        if not phrase and raw.upper() == "OR":
            pending_or = bool(positive)
            continue
        exclude = not phrase and raw.startswith("-") and len(raw) > 1
        prefix = not phrase and raw.endswith("*")
        words = _FTS_WORD.findall(raw)
        if not words:
            continue
        term = '"' + " ".join(words) + '"' + (" *" if prefix else "")
        if exclude:
            negative.append(term)
        elif pending_or and positive:
            positive[-1] = f"({positive[-1]} OR {term})"
        else:
            positive.append(term)
        pending_or = False
    if not positive:
        return ""
    expr = " AND ".join(positive)
    for term in negative:
        expr = f"({expr}) NOT {term}"
    return expr


def like_pattern(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def chunks(items: Sequence[Any], size: int = IN_CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
