"""Name normalisation shared by the index builder and the lookups."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_DROP = re.compile(r"['’ʼ`´ʻ.]")
_SPACE = re.compile(r"[\s\-‐‑–—_/]+")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_LATIN = re.compile(r"^[a-z0-9 ,()&]+$")


def fold(text: str) -> str:
    """Lower case without diacritics: "Kyïv" -> "kyiv"."""
    if text.isascii():
        return text.lower()
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text)).casefold()


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """The lookup key of a name: folded, without apostrophes and dots, hyphens as spaces, no "the".

    "Kurs'k" -> "kursk", "the U.S." -> "us", "Ivano-Frankivsk" -> "ivano frankivsk". Cached: the
    place and demonym scans ask for the same few hundred words article after article.
    """
    key = _SPACE.sub(" ", _DROP.sub("", fold(text))).strip()
    if key.startswith("the "):
        key = key[4:]
    return key


def is_latin(text: str) -> bool:
    """True when the folded name is written in plain Latin letters (worth matching English text)."""
    return is_latin_key(_SPACE.sub(" ", _DROP.sub("", fold(text))).strip())


def is_latin_key(key: str) -> bool:
    """``is_latin`` for a string that is already a normalised key."""
    return bool(key) and bool(_LATIN.match(key)) and any(c.isalpha() for c in key)


def slug(text: str) -> str:
    """A stable identifier fragment: "Russia's Far East" -> "russias-far-east"."""
    return re.sub(r"[^a-z0-9]+", "-", normalize(text)).strip("-")
