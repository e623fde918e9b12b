"""Language identification with lingua, restricted to a handful of common news languages for speed.

The detector is built once per process, on first use. Only the head of a long text is looked at:
the language of a news article does not change half-way. A head that is plainly English prose (many
English-only function words, next to none of the other Latin-script languages') is called English
without asking lingua, which costs about a millisecond per article.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice
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


# Function words of English that are not words of the other Latin-script languages above (so
# not "a", "in", "is", "to", "on", "was", "had", "die", "also", "but", "per"...).
_ENGLISH_ONLY = frozenset(
    "the of and that with from were have has which said says their this would will been are its "
    "they she it who after than about his there when what into could should these those while "
    "because being other only such them then some before during where".split()
)
# The commonest function words of the other Latin-script languages that are not English words.
_FOREIGN = frozenset(
    "le la les et des est du une dans pour qui sur pas au aux avec ce il elle "  # French
    "der und das ist nicht ein eine mit den dem von zu auf sich des im sie es wird "  # German
    "el los las y del por una con para es se lo como su al "  # Spanish
    "os um não com do da dos das em na no ao pelo pela foi são "  # Portuguese
    "il della che di non sono gli nel alla delle anche "  # Italian
    "het een van en op niet zijn dat voor met ook naar "  # Dutch
    "się nie na jest że w z po przez oraz "  # Polish
    "de di ne ki ve bir bu ile için olarak daha çok göre olan".split()  # Turkish, and all
)
_WORD = re.compile(r"[^\W\d_]+")
# A head is plainly English from these shares of its words up (English news prose has 25-35% of
# _ENGLISH_ONLY words; a French or German text with English quotes stays far below).
FAST_MIN_WORDS = 40
FAST_ENGLISH_SHARE = 0.15
FAST_FOREIGN_SHARE = 0.02


def plainly_english(sample: str) -> bool:
    """Whether ``sample`` is plainly English prose, so that lingua would say so too: at least
    FAST_MIN_WORDS words, a FAST_ENGLISH_SHARE of English-only function words and at most a
    FAST_FOREIGN_SHARE of other languages' ones and of words with letters beyond ASCII (accents,
    other scripts: English prose has few, any other of the languages many).
    Anything less clear goes to lingua."""
    words = _WORD.findall(sample.lower())
    if len(words) < FAST_MIN_WORDS:
        return False
    english = sum(1 for w in words if w in _ENGLISH_ONLY)
    foreign = sum(1 for w in words if w in _FOREIGN or not w.isascii())
    return english >= FAST_ENGLISH_SHARE * len(words) and foreign <= FAST_FOREIGN_SHARE * len(words)


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the text's language ("en", "fr", ...), or None when the text is too
    short or too mixed to tell."""
    sample = text[:SAMPLE_CHARS]
    if sum(1 for _ in islice(_LETTER.finditer(sample), MIN_LETTERS)) < MIN_LETTERS:
        return None
    if len(sample) >= LOW_ACCURACY_FROM and plainly_english(sample):
        return "en"
    try:
        lang = _detector(len(sample) >= LOW_ACCURACY_FROM).detect_language_of(sample)
    except Exception:  # noqa: BLE001 - a detector failure must never stop ingestion
        return None
    if lang is None:
        return None
    return lang.iso_code_639_1.name.lower()
