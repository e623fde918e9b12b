"""The annotation contract: everything the extractors found in each input, without a ledger.

Offsets index the exact text that was read (plain text as is; HTML as its extracted main text). This
is how each extractor is scored against public gold data and how a user debugs a result.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from spacy.tokens import Doc

from .model import Article, Failure
from .nlp.pipeline import load_pipeline, make_doc
from .settings import Settings, load_settings


def doc_annotations(doc: Doc) -> dict[str, Any]:
    """The extractor lists of one processed Doc, as contract dicts."""
    return {
        "quantities": [{"start": q.start, "end": q.end} | q.contract_dict() for q in doc._.quantities or []],
        "times": [t.contract_dict() for t in doc._.times or []],
        "places": [p.contract_dict() for p in doc._.places or []],
        "actors": [a.contract_dict() for a in doc._.actors or []],
        "attributions": [a.contract_dict() for a in doc._.attributions or []],
        "modality_cues": [m.contract_dict() for m in doc._.modality_cues or []],
    }


def annotate_text(text: str, published: date | None = None, path: str = "<text>") -> dict[str, Any]:
    """One text as an annotation object."""
    nlp = load_pipeline()
    doc = nlp(make_doc(nlp, text, published))
    return {
        "path": path,
        "text_length": len(text),
        "published": published.isoformat() if published else None,
        **doc_annotations(doc),
    }


def annotate_paths(
    paths: list[str], *, published: date | None = None, settings: Settings | None = None
) -> Iterator[dict[str, Any]]:
    """One annotation object per input (per line for JSONL), an ``error`` object for a bad one."""
    from .ingest.read import iter_inputs

    settings = settings or load_settings()
    nlp = None
    for item in iter_inputs(paths, published=published, settings=settings):
        if isinstance(item, Failure):
            yield {"path": item.source, "error": item.reason}
            continue
        assert isinstance(item, Article)
        nlp = nlp or load_pipeline(settings.model)
        doc = nlp(make_doc(nlp, item.text, item.published))
        yield {
            "path": item.source_path or item.url or item.article_id,
            "text_length": len(item.text),
            "published": item.published.isoformat() if item.published else None,
            **doc_annotations(doc),
        }
