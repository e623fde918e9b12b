"""Language identification with lingua, restricted to a handful of common news languages for speed.

The detector is built once per process, on first use. Only the head of a long text is looked at:
the language of a news article does not change half-way.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

# The languages the detector chooses between (lingua names). A text in another language is
# mostly detected as the closest of these, which is still "not English".
LANGUAGES = (
    "ENGLISH",
    "FRENCH",
    "GERMAN",
    "SPANISH",
    "PORTUGUESE",
    "ITALIAN",
    "DUTCH",
    "RUSSIAN",
    "UKRAINIAN",
    "POLISH",
    "TURKISH",
    "ARABIC",
    "PERSIAN",
    "HEBREW",
    "CHINESE",
    "JAPANESE",
    "KOREAN",
)
SAMPLE_CHARS = 1200  # a news article keeps one language: its opening is enough
MIN_LETTERS = 20
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


# Texts at least this long use lingua's low-accuracy mode (trigrams only: loads in 0.1 s instead of
# 2.5 s and is as reliable on paragraphs); shorter ones use the full models, loaded only if needed.
LOW_ACCURACY_FROM = 200


@lru_cache(maxsize=2)
def _detector(low_accuracy: bool) -> Any:
    from lingua import Language, LanguageDetectorBuilder

    langs = [getattr(Language, name) for name in LANGUAGES]
    builder = LanguageDetectorBuilder.from_languages(*langs)
    if low_accuracy:
        builder = builder.with_low_accuracy_mode()
    return builder.build()


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the text's language ("en", "fr", ...), or None when the text is too
    short or too mixed to tell."""
    sample = text[:SAMPLE_CHARS]
    if len(_LETTER.findall(sample[:1000])) < MIN_LETTERS and len(_LETTER.findall(sample)) < MIN_LETTERS:
        return None
    try:
        lang = _detector(len(sample) >= LOW_ACCURACY_FROM).detect_language_of(sample)
    except Exception:  # noqa: BLE001 - a detector failure must never stop ingestion
        return None
    if lang is None:
        return None
    return lang.iso_code_639_1.name.lower()
