"""The annotation contract: everything the extractors found in each input, without a ledger.

Offsets index the exact text that was read (plain text as is; HTML as its extracted main text). This
is how each extractor is scored against public gold data and how a user debugs a result.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from spacy.language import Language

from .contract.annotate import annotation_object, error_object, merged_annotations
from .model import Article, Failure
from .nlp.pipeline import load_pipeline, make_docs, resolve_exclude
from .settings import Settings, load_settings


def text_annotations(nlp: Language, text: str, published: date | None = None) -> dict[str, Any]:
    """The extractor lists of a whole text. A long text is parsed piece by piece
    (``nlp.pipeline.make_docs``), each piece's Doc dropped once its lists are read."""
    return merged_annotations(nlp(piece) for piece in make_docs(nlp, text, published))


def annotate_text(
    text: str, published: date | None = None, path: str = "<text>", exclude: Iterable[str] = ()
) -> dict[str, Any]:
    """One text as an annotation object; ``exclude`` names components to leave out (their lists
    stay empty), as in ``nlp.pipeline.load_pipeline``."""
    return annotation_object(
        path, text, published, text_annotations(load_pipeline(exclude=exclude), text, published)
    )


def annotate_paths(
    paths: list[str],
    *,
    published: date | None = None,
    settings: Settings | None = None,
    exclude: Iterable[str] = (),
) -> Iterator[dict[str, Any]]:
    """One annotation object per input (per line for JSONL), an ``error`` object for a bad one;
    ``exclude`` names components to leave out (their lists stay empty), checked before any input
    is read."""
    from .ingest.read import iter_inputs

    settings = settings or load_settings()
    exclude = resolve_exclude(exclude)
    nlp = None
    for item in iter_inputs(paths, published=published, settings=settings):
        if isinstance(item, Failure):
            yield error_object(item.source, item.reason)
            continue
        assert isinstance(item, Article)
        nlp = nlp or load_pipeline(settings.model, exclude=exclude)
        path = item.source_path or item.url or item.article_id
        yield annotation_object(
            path, item.text, item.published, text_annotations(nlp, item.text, item.published)
        )
