"""All custom Doc attributes, registered in one place.

Each extractor component sets one of these lists; ``claims.py`` is the only code that reads them to
build claims. ``doc._.published`` is the reference date for relative dates, set before the pipeline
runs (see ``pipeline.make_doc``).
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

DOC_ATTRIBUTES = (
    "published",  # datetime.date | None: the reference date
    "times",  # list[TimeMention]
    "quantities",  # list[QuantityMention]
    "places",  # list[PlaceMention]
    "actors",  # list[ActorMention]
    "attributions",  # list[AttributionMention]
    "modality_cues",  # list[ModalityCue]
    "text_cache",  # str | None: the Doc's text, kept once (see doc_text)
)


def register() -> None:
    """Register the Doc extensions (idempotent)."""
    for name in DOC_ATTRIBUTES:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


register()


#: Where spaCy keeps ``doc._.text_cache`` (extension values live in ``Doc.user_data`` under
#: ``("._.", name, start, end)``); ``doc_text`` reads it there, about 20 times faster than through
#: ``doc._``, which makes an ``Underscore`` object on every access (tests/nlp check the key).
TEXT_KEY = ("._.", "text_cache", None, None)


def doc_text(doc: Doc) -> str:
    """The Doc's text, built once per Doc.

    spaCy assembles ``doc.text`` from the tokens on every access (about a millisecond for a news
    article); every component needs it, so it is kept on the Doc the first time.
    """
    kept: dict[Any, Any] = doc.user_data  # typed with str keys; extension values use tuples
    text = kept.get(TEXT_KEY)  # ``doc._.text_cache`` without building ``doc._`` (~3 µs)
    if text is None:
        text = doc.text
        doc._.text_cache = text
    return text


def span_text(doc: Doc, start: int, end: int) -> str:
    """``doc[start:end].text`` (token indices, ``0 <= start``) cut from the Doc's kept text.

    The same string, without making the Span: spaCy normalises the slice in Python and joins the
    tokens' texts on every ``Span.text``, which the place scans do for thousands of short names.
    """
    end = min(end, len(doc))
    if start >= end:
        return ""
    last = doc[end - 1]
    return doc_text(doc)[doc[start].idx : last.idx + len(last)]
