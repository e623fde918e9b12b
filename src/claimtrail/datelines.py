"""What makes the words before a dash a dateline ("SEOUL, March 6, 2025 (Harbour Wire) —"), shared
by reading inputs (``ingest.headline``: the outlet of a plain text) and the pipeline
(``nlp.segment``: the lede starts after it). No spaCy here: reading inputs never loads it."""

from __future__ import annotations

MAX_DATELINE_WORDS = 12


def is_dateline_prefix(prefix: str) -> bool:
    """Whether the text before a dash opens a dateline: a short run whose place is in capitals
    ("SEOUL") or that holds a date, so "The attack — the third this week — ..." is none."""
    words = prefix.split()
    if not words or len(words) > MAX_DATELINE_WORDS:
        return False
    first = words[0].strip(",")
    return (first.isupper() and len(first) > 1) or any(ch.isdigit() for ch in prefix)
